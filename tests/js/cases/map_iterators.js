// Map and Set iterators: next(), util.inspect of what is left (consuming
// nothing), entries added after the iterator was made, the LRU idiom
// map.delete(map.keys().next().value), Array.from and for-of over them.
var m = new Map([['a', 1], ['b', { x: 2 }]]);
console.log(m.keys(), m.values(), m.entries());
var s = new Set([1, 'two']);
console.log(s.values(), s.keys(), s.entries());
var it = m.keys(); console.log(it.next(), it); console.log(it.next(), it.next(), it.next(), it);
console.log(new Map().keys(), Object.prototype.toString.call(m.keys()), Object.prototype.toString.call(s.values()));
console.log(typeof it.next, Object.keys(it), String(it));
var lru = new Map([['old', 1], ['new', 2]]); lru.delete(lru.keys().next().value); console.log(lru);
console.log(Array.from(m.values()), Array.from(s.entries()), Array.from(m));
var k = m.keys(); m.set('c', 3); console.log(Array.from(k));
var e = m.entries(); e.next(); console.log(e);
var r = []; for (var v of new Set([3, 4]).entries()) r.push(v); for (var k of new Map([["x", 1]]).keys()) r.push(k); console.log(r);
var once = new Set([1, 2]).values(); for (var a of once) ; for (var b of once) console.log("never"); console.log(Array.from(once), once.next());
try { ({}).next.call({}); } catch (e) { console.log(e.name); } try { new Set().keys().next.call({}); } catch (e) { console.log(e.name); }
