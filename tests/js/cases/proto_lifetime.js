// Prototypes made per call, most of them dropped at once: their shapes are
// freed with them (shape.c), while the objects that survive keep theirs and
// the inline caches at the same sites keep giving the right answers.

// A constructor per call whose method closes over the call's data.
function handler(i) {
  const data = new Array(50).fill(i);
  function Box() { this.id = i; }
  Box.prototype.sum = function () { return data.reduce((a, b) => a + b, 0) + this.id; };
  Box.prototype['key' + (i % 7)] = i; // a transition with a name of its own
  return new Box();
}
const kept = [];
let total = 0;
for (let i = 0; i < 3000; i++) {
  const b = handler(i);
  total += b.sum(); // one call site, a new shape almost every time
  if (i % 500 === 0) kept.push(b);
}
console.log('handler', total, kept.map((b) => b.sum()).join(','));
console.log('keys', kept.map((b) => b['key' + (b.id % 7)]).join(','));

// Constructor pairs made in a loop, one inheriting from the other (as a
// class made per call would; ghjs has no class syntax).
function makeClasses(n) {
  function Base(x) { this.x = x; }
  Base.prototype.twice = function () { return this.x * 2; };
  function Derived(x) { Base.call(this, x); this.y = n; }
  Derived.prototype = Object.create(Base.prototype);
  Derived.prototype.constructor = Derived;
  Derived.prototype.sum = function () { return this.twice() + this.y; };
  return new Derived(n + 1);
}
let csum = 0;
const keptClasses = [];
for (let i = 0; i < 2000; i++) {
  const d = makeClasses(i);
  csum += d.sum();
  if (i % 400 === 0) keptClasses.push(d);
}
console.log('classes', csum, keptClasses.map((d) => d.sum() + ':' + (d instanceof Object)).join(','));
console.log('proto chain', keptClasses.map((d) => Object.getPrototypeOf(Object.getPrototypeOf(d)).constructor.name).join(','));

// Object.create over fresh prototypes; inherited properties through for-in.
let inherited = 0;
const creations = [];
for (let i = 0; i < 3000; i++) {
  const proto = { base: i };
  proto['p' + (i % 5)] = 1;
  const o = Object.create(proto);
  o.own = i;
  for (const k in o) inherited += k.length;
  if (i % 750 === 0) creations.push(o);
}
console.log('create', inherited, creations.map((o) => o.base + '/' + Object.keys(Object.getPrototypeOf(o)).join('+')).join(','));

// setPrototypeOf to fresh prototypes, the old ones dropped at once.
const moving = { v: 1 };
let seen = 0;
for (let i = 0; i < 2000; i++) {
  Object.setPrototypeOf(moving, { step: i, doubled() { return this.step * 2; } });
  seen += moving.doubled();
}
console.log('setPrototypeOf', seen, moving.step, Object.getPrototypeOf(moving).step);

// One `new` site whose constructor's prototype is replaced again and again.
function Point(x) { this.x = x; }
let px = 0;
for (let i = 0; i < 2000; i++) {
  Point.prototype = { y: i, norm() { return this.x + this.y; } };
  const p = new Point(i);
  px += p.norm() + (p instanceof Point ? 1 : 0);
}
console.log('new site', px);

// Inline caches outlive the shapes they saw.  A property site that saw an
// object whose prototype has since died must not take a new shape, made
// where the freed one was, for the old: here the two layouts put `b` in
// different slots.
function layered(i) {
  function C() { if (i % 2) { this.a = i; this.b = 'odd'; } else { this.b = 'even'; } }
  return new C();
}
function readB(o) { return o.b; }
const counts = { odd: 0, even: 0, other: 0 };
for (let i = 0; i < 4000; i++) {
  const o = layered(i);
  const b = readB(o);
  counts[b === 'odd' || b === 'even' ? b : 'other']++;
  const junk = [];
  for (let j = 0; j < 20; j++) junk.push({ j }); // collections between calls
}
console.log('ic', counts.odd, counts.even, counts.other);

// An allocation site whose cached instance shape belonged to a prototype
// that has died while the constructor's own shape stayed the same.
function Item(v) { this.v = v; }
function makeItem(v) { return new Item(v); }
let items = 0;
for (let i = 0; i < 2000; i++) {
  Item.prototype = { kind: 'k' + (i % 3) };
  makeItem(i);
  Item.prototype = { kind: 'other' };
  const junk = [];
  for (let j = 0; j < 20; j++) junk.push({ j });
  items += makeItem(i).kind === 'other' ? 1 : 0;
}
console.log('site', items);

// Inside a sort's comparator (a native that holds no shape or name across
// it, so both are freed while it runs): prototypes and names made per call.
const sortable = [];
for (let i = 0; i < 300; i++) sortable.push({ v: (i * 7919) % 301, tag: 't' + i });
sortable.sort(function (x, y) {
  const key = 'cmp' + x.v + '_' + y.v;
  const proto = {};
  proto[key] = x.v - y.v;
  const probe = Object.create(proto);
  return probe[key];
});
console.log('sort', sortable.slice(0, 5).map((o) => o.v + o.tag).join(','), sortable[299].v);

// The same in Array.from's map function, over an array-like.
const mapped = Array.from({ length: 200, 7: 'seven' }, function (v, i) {
  const proto = {};
  proto['from' + i] = i;
  return Object.create(proto)['from' + i] + (v ? v.length : 0);
});
console.log('Array.from', mapped.slice(5, 9).join(','), mapped.reduce((a, b) => a + b, 0));
