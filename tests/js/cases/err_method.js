// Uncaught error in a method found on the prototype: "at Car.drive".
function Car(n) { this.n = n; }
Car.prototype.drive = function () { return this.engine.start(); };
var c = new Car(1);
c.drive();
