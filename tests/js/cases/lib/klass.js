function Klass(v) { this.v = v; }
Klass.prototype.get = function () { return this.v; };
module.exports = Klass;
