// Functions, closures, this, new, call/apply/bind, arguments, prototypes.
function add(a, b) { return a + b; }
var mul = function (a, b) { return a * b; };
var sq = (x) => x * x;
console.log(add(2, 3), mul(4, 5), sq(7), add.length, add.name, mul.name, sq.name);
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
console.log(fact(10), fact(20));
var fib = function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); };
console.log(fib(20));
function counter() {
  var count = 0;
  return { inc: function () { return ++count; }, get: () => count };
}
var c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
console.log(c1.get(), c2.get());
var fns = [];
for (var i = 0; i < 3; i++) fns.push(function () { return i; });
var lets = [];
for (let j = 0; j < 3; j++) lets.push(() => j);
console.log(fns.map(function (f) { return f(); }), lets.map((f) => f()));
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.norm2 = function () { return this.x * this.x + this.y * this.y; };
Point.prototype.toString = function () { return '(' + this.x + ', ' + this.y + ')'; };
var p = new Point(3, 4);
console.log(p.norm2(), String(p), p instanceof Point, p instanceof Object, p.constructor === Point);
console.log(Object.getPrototypeOf(p) === Point.prototype, p.hasOwnProperty('x'), p.hasOwnProperty('norm2'));
console.log(Object.prototype.hasOwnProperty.call(p, 'y'), 'norm2' in p);
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return this.name + ' makes a sound'; };
function Dog(name) { Animal.call(this, name); }
Dog.prototype = Object.create(Animal.prototype);
Dog.prototype.constructor = Dog;
Dog.prototype.speak = function () { return Animal.prototype.speak.call(this) + ': woof'; };
var d = new Dog('Rex');
console.log(d.speak(), d instanceof Dog, d instanceof Animal);
var obj = { v: 42, get: function () { return this.v; }, arrow: function () { return (() => this.v)(); } };
var unbound = obj.get;
console.log(obj.get(), obj.arrow(), unbound.call({ v: 7 }), unbound.apply({ v: 8 }, []));
var bound = obj.get.bind({ v: 99 });
console.log(bound(), bound.name);
function partial(a, b, c) { return [a, b, c]; }
console.log(partial.bind(null, 1, 2)(3));
function args() { return arguments.length + ':' + Array.prototype.slice.call(arguments).join(','); }
console.log(args(), args(1), args(1, 'two', 3));
function defaults(a, b) { if (b === undefined) b = 'dflt'; return a + b; }
console.log(defaults('x'), defaults('x', 'y'));
console.log(Math.max.apply(null, [1, 9, 3]), add.call(null, 1, 2));
var self = (function () { return this; })();
console.log(typeof self, self === globalThis);
(function () { 'use strict'; console.log(this === undefined); })();
function Ret() { this.a = 1; return { b: 2 }; }
console.log(new Ret(), new Point(1, 2));
var counterObj = { n: 0, inc() { this.n++; return this; } };
console.log(counterObj.inc().inc().n);
function hoisted() { return inner(); function inner() { return 'hoisted inner'; } }
console.log(hoisted());
console.log(typeof later, later());
function later() { return 'declared later'; }
var nested = function () { var a = 1; return function () { var b = 2; return function () { return a + b; }; }; };
console.log(nested()()());
console.log((function () { return typeof arguments; })(), (() => 1)());
