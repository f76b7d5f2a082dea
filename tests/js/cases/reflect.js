// Reflect, compared with node (String(Reflect) left out: no Symbol.toStringTag).
const o = { a: 1, get g() { return this.tag; } };
Object.defineProperty(o, 'ro', { value: 5, writable: false, configurable: false });
console.log(Reflect.ownKeys(o), Reflect.ownKeys([1, 2]), Reflect.has(o, 'a'), Reflect.has(o, 'toString'), Reflect.has(o, 'zz'));
console.log(Reflect.get(o, 'a'), Reflect.get(o, 'g', { tag: 'receiver' }), Reflect.get([5, 6], 1));
console.log(Reflect.set(o, 'a', 2), o.a, Reflect.set(o, 'ro', 9), o.ro, Reflect.set(o, 'fresh', 1), o.fresh);
console.log(Reflect.defineProperty(o, 'b', { value: 3, enumerable: true }), o.b, Reflect.defineProperty(o, 'ro', { value: 6 }), o.ro);
console.log(Reflect.deleteProperty(o, 'a'), 'a' in o, Reflect.deleteProperty(o, 'ro'), Reflect.deleteProperty(o, 'nope'));
console.log(Reflect.getOwnPropertyDescriptor(o, 'ro'), Reflect.getOwnPropertyDescriptor(o, 'nope'));
console.log(Reflect.getPrototypeOf([]) === Array.prototype, Reflect.setPrototypeOf(o, null), Object.getPrototypeOf(o));
const p1 = {}, p2 = Object.create(p1);
console.log(Reflect.setPrototypeOf(p1, p2), Reflect.isExtensible(o));
console.log(Reflect.apply(Math.max, null, [1, 5, 3]), Reflect.apply(function () { return this.v + arguments.length; }, { v: 10 }, { length: 2 }));
class A { constructor(x) { this.x = x; this.nt = new.target.name; } }
class B extends A {}
console.log(Reflect.construct(A, [7]), Reflect.construct(A, [8], B) instanceof B, Reflect.construct(Date, [0]).getTime());
for (const [name, args] of [['get', [1, 'a']], ['has', ['s', 'length']], ['ownKeys', [null]], ['apply', [5, null, []]], ['apply', [Math.max, null, 5]], ['construct', [() => 1, []]], ['setPrototypeOf', [{}, 5]], ['defineProperty', [{}, 'x', 5]]]) {
  try { console.log(Reflect[name](...args)); } catch (e) { console.log(name, e.name, e.message); }
}
console.log(typeof Reflect, Object.keys(Reflect).length, Reflect.apply.length, Reflect.construct.length);
