// Uncaught error thrown by a constructor called from a constructor.
function Outer() { this.x = new Inner(); }
function Inner() { throw new TypeError("bad inner"); }
new Outer();
