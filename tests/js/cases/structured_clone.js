// structuredClone: a deep copy that keeps shared references and cycles,
// and refuses what V8 refuses.
const shared = { s: 1 };
const src = { n: 1, str: 'x', nested: { arr: [1, , 3, shared], shared }, date: new Date(0), map: new Map([[1, { a: 1 }], ['k', shared]]),
  set: new Set([1, 'two', shared]), bool: new Boolean(false), num: new Number(5), u: undefined, nil: null };
src.self = src;
const c = structuredClone(src);
console.log(c.self === c, c.nested.shared === c.nested.arr[3], c.nested.shared !== shared, c.map.get('k') === c.nested.shared, c.set.has(c.nested.shared));
console.log(c.nested.arr, 1 in c.nested.arr, c.date instanceof Date, c.date.getTime(), c.map, c.set, typeof c.bool, c.bool.valueOf(), c.num + 1, 'u' in c, c.nil);
class Point { constructor() { this.x = 1; } get y() { return 2; } }
const p = structuredClone(new Point());
console.log(p, p instanceof Point, Object.getPrototypeOf(p) === Object.prototype);
const withGetter = { get g() { return 'got'; }, v: 1 };
console.log(structuredClone(withGetter));
const arr = [1, 2]; arr.extra = 'e';
console.log(structuredClone(arr), structuredClone(arr).extra);
const err = new RangeError('bad'); err.code = 5;
const ce = structuredClone(err);
console.log(ce instanceof RangeError, ce.message, ce.name, ce.code, ce.stack === err.stack, ce === err);
for (const bad of [() => 1, function named() {}, new WeakMap(), { f() {} }, [1, () => 2]]) {
  try { structuredClone(bad); console.log('cloned'); } catch (e) { console.log(e.name, e.message); }
}
console.log(structuredClone(1), structuredClone('s'), structuredClone(null), structuredClone(undefined), structuredClone([]));
let deep = []; for (let i = 0; i < 100000; i++) deep = [deep];
try { structuredClone(deep); console.log('deep ok'); } catch (e) { console.log(e.name, e.message); }
try { structuredClone(); } catch (e) { console.log(e.name, e.message); }
