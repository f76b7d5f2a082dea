// ES2015 classes: declarations, expressions, methods, statics, fields,
// extends and super, and what node prints for them.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  norm() { return Math.sqrt(this.x * this.x + this.y * this.y); }
  toString() { return `(${this.x}, ${this.y})`; }
  static origin() { return new Point(0, 0); }
}
const p = new Point(3, 4);
console.log(p, p.norm(), String(p), Point.origin());
console.log(typeof Point, Point.name, Point.length, Object.keys(Point.prototype));
console.log(Object.getOwnPropertyNames(Point.prototype));
console.log(p instanceof Point, p.constructor === Point, Object.getPrototypeOf(p) === Point.prototype);
console.log(Point);

try { Point(1, 2); } catch (e) { console.log(e instanceof TypeError, e.message); }

class Point3 extends Point {
  constructor(x, y, z) {
    super(x, y);
    this.z = z;
  }
  norm() {
    const n = super.norm();
    return Math.sqrt(n * n + this.z * this.z);
  }
  toString() { return 'P3' + super.toString(); }
}
const q = new Point3(1, 2, 2);
console.log(q, q.norm(), `${q}`, q instanceof Point, q instanceof Point3);
console.log(Point3, Object.getPrototypeOf(Point3) === Point, Point3.origin());

// the default constructors
class A { }
class B extends A { }
console.log(new A(), new B(), A.length, B.length, B.name);
class C extends Point { }
console.log(new C(5, 6), new C(5, 6).norm());

// fields, instance and static
class Counter {
  count = 0;
  step = 1;
  label;
  static instances = 0;
  static zero = Counter.make();
  static make() { return new Counter(); }
  constructor() { Counter.instances++; }
  tick() { this.count += this.step; return this; }
}
const c1 = new Counter().tick().tick();
console.log(c1, Counter.instances, Counter.zero);
console.log(Object.keys(c1), Object.keys(Counter));

class Named extends Counter {
  name = 'n' + this.count;
  handler = () => this.name;
  constructor(step) {
    super();
    this.step = step;
  }
}
const n1 = new Named(5).tick();
console.log(n1.name, n1.count, n1.handler(), Counter.instances);

// class expressions and their names
const Anon = class { };
const Inner = class Outer { who() { return Outer.name; } };
console.log(Anon.name, Inner.name, new Inner().who(), typeof Outer);
console.log(class { }, class Foo extends Point { });
console.log([class X {}].map(k => k.name));

// computed and odd method names
const key = 'dyn';
class Keys {
  [key + 'amic']() { return 1; }
  'quoted name'() { return 2; }
  42() { return 3; }
  static [`s${1}`]() { return 4; }
}
const k = new Keys();
console.log(k.dynamic(), k['quoted name'](), k[42](), Keys.s1(), Keys.prototype.dynamic.name);

// super in static methods, and through several levels
class Base {
  static create() { return 'Base.create'; }
  hello() { return 'Base'; }
}
class Mid extends Base {
  static create() { return 'Mid>' + super.create(); }
  hello() { return 'Mid>' + super.hello(); }
}
class Leaf extends Mid {
  hello() { return 'Leaf>' + super.hello(); }
}
console.log(Leaf.create(), new Leaf().hello());

// new.target-like behaviour: the instance's prototype is the derived one
// while the base constructor runs
class Shape {
  constructor() { this.kind = this.describe(); }
  describe() { return 'shape'; }
}
class Circle extends Shape {
  describe() { return 'circle'; }
}
console.log(new Circle().kind);

// returning an object from a constructor
class Weird {
  constructor() { return { weird: true }; }
}
class Weirder extends Weird {
  constructor() { super(); this.more = 1; }
}
console.log(new Weird(), new Weirder());

// extending builtins
class MyError extends Error {
  constructor(msg) { super(msg); this.name = 'MyError'; this.code = 42; }
}
const e = new MyError('bad thing');
console.log(e instanceof MyError, e instanceof Error, e.message, e.code, e.name, String(e));
class Stack extends Array {
  peek() { return this[this.length - 1]; }
}
const s = new Stack();
s.push(1, 2, 3);
console.log(s.length, s.peek(), Array.isArray(s), s instanceof Stack);
class Registry extends Map {
  add(k) { return this.set(k, (this.get(k) || 0) + 1); }
}
const r = new Registry();
r.add('a'); r.add('a'); r.add('b');
console.log(r.get('a'), r.size, r instanceof Map);
class Nothing extends null { }
console.log(typeof Nothing, Object.getPrototypeOf(Nothing.prototype));

// errors
try { class D extends Point { constructor() { this.x = 1; } } new D(); }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { class D extends Point { constructor() { } } new D(); }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { class D extends Point { constructor() { super(); super(); } } new D(); }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { class D extends 42 { } }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { const NotCtor = () => 1; class D extends NotCtor { } }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { const M = class { m() {} }; new M.prototype.m(); }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { Before; class Before { } }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }
{ class Fixed { } Fixed = 1; console.log('the outer binding is a let:', Fixed); }
try { class Fixed { m() { Fixed = 1; } } new Fixed().m(); }
catch (e) { console.log(e.constructor.name + ': ' + e.message); }

// class bodies are strict
class Strict {
  m() { try { undeclared = 1; } catch (e) { return e.constructor.name; } }
  self() { return (function () { return this; })(); }
}
console.log(new Strict().m(), new Strict().self());

// methods are not constructors and not enumerable
console.log(Object.keys(new Point(1, 1)), JSON.stringify(new Point3(1, 2, 3)));
for (const k in new Point3(1, 2, 3)) console.log('key', k);
console.log(Point.prototype.norm.name, Point.origin.name, typeof Point.prototype.constructor);

// toString gives the source
console.log(String(A), String(class Q { m() { return 1; } }));

// static this, factories and mixins
class Model {
  static create(...args) { return new this(...args); }
  constructor(id = 0) { this.id = id; }
}
class User extends Model { }
console.log(User.create(7), Model.create(), User.create(1) instanceof User);
const Serializable = (Base) => class extends Base {
  serialize() { return JSON.stringify(this); }
};
const Timestamped = (Base) => class Stamped extends Base {
  stamp = 123;
};
class Doc extends Serializable(Timestamped(Model)) {
  constructor(id, title) { super(id); this.title = title; }
}
const d = new Doc(3, 'hi');
console.log(d, d.serialize(), Object.getPrototypeOf(Doc).name, Object.getPrototypeOf(Object.getPrototypeOf(Doc)));

// classes in loops close over their own bindings
const made = [];
for (let i = 0; i < 3; i++) made.push(class { get() { return i; } });
console.log(made.map(K => new K().get()));

// arrows in a derived constructor see `this` once super() has run
class Late extends Model {
  constructor() {
    const early = () => this;
    try { early(); } catch (e) { console.log(e.constructor.name); }
    super(9);
    this.late = early().id;
  }
}
console.log(new Late());

// a class's static side, inspected
console.log(Counter, Keys, [Point, Point3]);
console.log({ k: class { }, n: new (class { })() });
class WithStaticMethodOnly { static m() { } }
console.log(WithStaticMethodOnly, Object.keys(WithStaticMethodOnly));

// super property reads, and super in field initializers and arrows
class P1 { greet() { return 'hi'; } get2() { return 2; } }
class P2 extends P1 {
  which = super.greet();
  arrow = () => super.get2() + 1;
  greet() { const f = () => super.greet() + '!'; return f(); }
  method() { return super.greet; }
}
const p2 = new P2();
console.log(p2.which, p2.arrow(), p2.greet(), typeof p2.method());

// methods named like keywords and `static`
class Odd { static() { return 's'; } static static() { return 'ss'; } constructor() { } new() { return 'n'; } }
console.log(new Odd().static(), Odd.static(), new Odd().new());

// instances of a class with many fields, through many collections
class Node3 { left = null; right = null; value; constructor(v) { this.value = v; } }
function build(depth) {
  const n = new Node3(depth);
  if (depth > 0) { n.left = build(depth - 1); n.right = build(depth - 1); }
  return n;
}
function count(n) { return n ? 1 + count(n.left) + count(n.right) : 0; }
let total = 0;
for (let i = 0; i < 20; i++) total += count(build(10));
console.log(total);

// subclasses of builtins, as node shows them
function NotAClass() { }
NotAClass.prototype = 3;
try { class Bad extends NotAClass { } } catch (e) { console.log(e.message); }
try { Point.call({}); } catch (e) { console.log(e.message); }
const BoundPoint = Point.bind(null, 5);
console.log(new BoundPoint(6), new BoundPoint() instanceof Point);
class AppError extends Error {
  constructor(m) { super(m); this.name = 'AppError'; }
}
class DbError extends AppError { }
function failing() { throw new DbError('no connection'); }
try { failing(); } catch (e) {
  const lines = e.stack.split('\n');
  console.log(lines[0], '|', lines[1].trim().split(' (')[0], e instanceof AppError);
}
class Bag extends Set { constructor(items) { super(items); this.extra = 1; } }
class Table extends Map { }
class Cache extends WeakMap { }
console.log(new Bag([1, 2]), new Table([[1, 'a']]), new Table(), new Cache());
try { new Nothing(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }

// new.target: the constructor new was applied to, through super() too
{
  function F() { return new.target === F ? 'new' : typeof new.target; }
  console.log(new F() instanceof F, F(), F.call({}));
  function Strict() { if (!new.target) throw new TypeError('use new'); this.ok = true; }
  try { Strict(); } catch (e) { console.log(e.message); }
  console.log(new Strict());
  class Shape {
    constructor() {
      if (new.target === Shape) throw new TypeError('abstract');
      this.kind = new.target.name;
    }
  }
  class Circle extends Shape { }
  try { new Shape(); } catch (e) { console.log(e.message); }
  console.log(new Circle().kind);
  class Base2 { constructor() { this.nt = new.target; } }
  class Derived2 extends Base2 { constructor() { super(); this.own = new.target; } }
  const d2 = new Derived2();
  console.log(d2.nt === Derived2, d2.own === Derived2);
  const BoundF = F.bind(null);
  console.log(new BoundF() instanceof F);
}
