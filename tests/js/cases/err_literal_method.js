// Uncaught error from a method of an object literal.
var o = {
  method: function () { null.x; }
};
o.method();
