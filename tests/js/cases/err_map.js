// Uncaught TypeError in an arrow called by Array.prototype.map.
var o = {};
[1].map(function (x) { return o.f(x); });
