// Accessor properties: getters and setters in object literals, classes and
// Object.defineProperty, and how node shows them.
const o = { a: 1 };
Object.defineProperty(o, 'b', { get() { return this.a + 1; }, configurable: true });
Object.defineProperty(o, 'c', { set(v) { this.a = v; }, enumerable: true });
console.log(o.b, o.c, Object.keys(o));
o.c = 10; console.log(o.a, o.b);
o.b = 5; console.log(o.b);
console.log(Object.getOwnPropertyDescriptor(o, 'b'), Object.getOwnPropertyDescriptor(o, 'a'));
const child = Object.create(o);
child.c = 42; console.log(o.a, Object.keys(child), child.b);
const p = Object.create({}, { x: { get: () => 7, enumerable: true }, y: { value: 2 } });
console.log(p.x, p.y, Object.keys(p), JSON.stringify(p), Object.assign({}, p), { ...p });
Object.defineProperties(p, { z: { value: 3, enumerable: true } });
console.log(p.z);
try { Object.defineProperty({}, 'q', { get: 1 }); } catch (e) { console.log(e.message); }
try { Object.defineProperty({}, 'q', { get() {}, value: 1 }); } catch (e) { console.log(e.message); }
const frozen = {}; Object.defineProperty(frozen, 'k', { get() { return 1; } });
try { Object.defineProperty(frozen, 'k', { value: 2 }); } catch (e) { console.log(e.message); }
function Temp(c) { this.c = c; }
Object.defineProperty(Temp.prototype, 'f', { get() { return this.c * 9 / 5 + 32; }, set(v) { this.c = (v - 32) * 5 / 9; } });
const t = new Temp(100); console.log(t.f); t.f = 32; console.log(t.c, Object.keys(t));
for (let i = 0; i < 3; i++) { const q = new Temp(i); q.f = 212; console.log(q.c); }
console.log(o, p);
const lit = {
  _v: 1,
  get v() { return this._v; },
  set v(x) { this._v = x * 2; },
  get only() { return 'ro'; },
  set wo(x) { this.last = x; },
  ['get' + 'Computed']: 1,
  get ['comp' + 'uted']() { return 'c'; },
  get: 5, set: 6,
  get() { return 'method named get'; },
};
lit.v = 5; lit.wo = 9; lit.only = 'ignored';
console.log(lit.v, lit.only, lit.last, lit.computed, lit.get(), lit.set);
console.log(lit);
console.log(Object.getOwnPropertyDescriptor(lit, 'v').get.name, Object.getOwnPropertyDescriptor(lit, 'computed').get.name);
class Temperature {
  constructor(c) { this.celsius = c; }
  get fahrenheit() { return this.celsius * 9 / 5 + 32; }
  set fahrenheit(f) { this.celsius = (f - 32) * 5 / 9; }
  static get unit() { return 'C'; }
  static set unit(u) { Temperature.last = u; }
  get [`k${'elvin'}`]() { return this.celsius + 273.15; }
}
const tt = new Temperature(100);
console.log(tt.fahrenheit, tt.kelvin, Temperature.unit, tt);
tt.fahrenheit = 212; Temperature.unit = 'F';
console.log(tt.celsius, Temperature.last, Object.keys(tt), Object.getOwnPropertyNames(Temperature.prototype));
class Sub extends Temperature {
  get fahrenheit() { return 'sub:' + super.fahrenheit; }
}
const sub = new Sub(0);
console.log(sub.fahrenheit, sub.kelvin);
sub.fahrenheit = 50; console.log(sub.celsius);
// inline caches: stores that add a property, before and after a setter
// appears on the prototype
function Box() { }
function fill(b) { b.size = 3; return b; }
const plain = [];
for (let i = 0; i < 5; i++) plain.push(fill(new Box()).size);
let seen = 0;
Object.defineProperty(Box.prototype, 'size', { set(v) { seen += v; }, get() { return 'proto'; } });
const after = [];
for (let i = 0; i < 5; i++) after.push(fill(new Box()).size);
console.log(plain, after, seen, Object.keys(new Box()));
// and loads cached before a getter replaces a data property
const shared = { kind: 'data' };
function kindOf(o) { return o.kind; }
const made = [];
for (let i = 0; i < 3; i++) made.push(kindOf(Object.create(shared)));
Object.defineProperty(shared, 'kind', { get() { return 'getter'; } });
for (let i = 0; i < 3; i++) made.push(kindOf(Object.create(shared)));
console.log(made);
// a getter that throws, and one that recurses into others
const bad = { get boom() { throw new RangeError('from getter'); } };
try { bad.boom; } catch (e) { console.log(e.name, e.message); }
try { JSON.stringify(bad); } catch (e) { console.log('json', e.message); }
const chain = { get a() { return this.b + 1; }, get b() { return this.c * 2; }, c: 5 };
console.log(chain.a, JSON.stringify(chain), Object.values(chain), Object.entries(chain));
// setters on instances made in a loop, and getters over many objects
class Vec { constructor(x, y) { this.x = x; this.y = y; } get len() { return Math.hypot(this.x, this.y); } }
let sum = 0;
for (let i = 0; i < 10000; i++) sum += new Vec(3, 4).len;
console.log(sum);
// errors
