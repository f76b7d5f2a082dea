// Map and Set: SameValueZero keys (NaN, -0, strings by content, objects
// by identity across moves), insertion order through deletes, forEach and
// for-of while the table changes, util.inspect, and V8's errors.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('basic', function () { var m = new Map(); m.set('a', 1).set('b', 2); return [m.get('a'), m.get('b'), m.get('c'), m.size, m.has('a'), m.has('z')]; });
t('inspect', function () { var m = new Map([['a', 1], [{ x: 1 }, [1, 2]], [3, 'three']]); return m; });
t('inspect empty', function () { return [new Map(), new Set()]; });
t('set inspect', function () { return new Set([1, 'a', { b: 2 }, 1, 'a']); });
t('keys', function () { var m = new Map([[1, 'a'], [2, 'b']]); return [Array.from(m.keys()), Array.from(m.values()), Array.from(m.entries()), Array.from(new Set([3, 4]).entries())]; });
t('order', function () { var m = new Map(); m.set('z', 1); m.set('a', 2); m.set('m', 3); m.delete('a'); m.set('a', 4); return Array.from(m.keys()); });
t('nan and zero', function () { var m = new Map(); m.set(NaN, 'nan'); m.set(-0, 'zero'); return [m.get(NaN), m.get(0), m.get(+0), m.has(-0), 1 / Array.from(m.keys())[1], m.size]; });
t('int and double', function () { var m = new Map(); m.set(1, 'one'); return [m.get(1.0), m.get(0.5 + 0.5), m.has('1')]; });
t('object keys', function () { var a = {}, b = {}, m = new Map([[a, 1], [b, 2]]); return [m.get(a), m.get(b), m.get({}), m.size]; });
t('string keys by content', function () { var m = new Map(); m.set('ab', 1); var k = 'a'; k += 'b'; return m.get(k); });
t('delete', function () { var s = new Set([1, 2, 3]); return [s.delete(2), s.delete(2), s.size, Array.from(s.values())]; });
t('clear', function () { var s = new Set([1, 2]); s.clear(); return [s.size, s.has(1)]; });
t('forEach', function () { var r = []; new Map([['a', 1], ['b', 2]]).forEach(function (v, k, m) { r.push(k + v + m.size); }); return r; });
t('forEach adds', function () { var s = new Set([1]), r = []; s.forEach(function (v) { r.push(v); if (v < 50) s.add(v + 1); }); return [r.length, s.size]; });
t('forEach deletes', function () { var s = new Set([1, 2, 3, 4]), r = []; s.forEach(function (v) { r.push(v); s.delete(v + 1); }); return r; });
t('forEach this', function () { var o = { n: 0 }; new Set([1, 2]).forEach(function (v) { this.n += v; }, o); return o.n; });
t('for of map', function () { var r = []; for (var e of new Map([['a', 1], ['b', 2]])) r.push(e[0] + e[1]); return r; });
t('for of set', function () { var r = []; for (var v of new Set('hello')) r.push(v); return r; });
t('for of delete', function () { var s = new Set([1, 2, 3, 4]), r = []; for (var v of s) { r.push(v); s.delete(v + 1); } return r; });
t('map from map', function () { var m = new Map([[1, 2]]); return new Map(m); });
t('set from string', function () { return new Set('aab'); });
t('bad entry', function () { return new Map([1]); });
t('not iterable', function () { return new Map({}); });
t('no new', function () { return Map(); });
t('incompatible', function () { return Map.prototype.get.call(new Set(), 1); });
t('toString', function () { return [Object.prototype.toString.call(new Map()), String(new Set())]; });
t('size not own', function () { var m = new Map([[1, 1]]); return [Object.keys(m), JSON.stringify(m), typeof m.size]; });
t('many', function () { var m = new Map(); for (var i = 0; i < 10000; i++) m.set('k' + i, i); for (var j = 0; j < 10000; j += 2) m.delete('k' + j); var s = 0; m.forEach(function (v) { s += v; }); return [m.size, s, m.get('k9999'), m.get('k0')]; });
t('churn', function () { var m = new Map(); for (var i = 0; i < 100000; i++) { m.set(i, { i: i }); if (i >= 100) m.delete(i - 100); } return [m.size, m.get(99999).i, m.has(99899)]; });
t('objects kept', function () { var m = new Map(); for (var i = 0; i < 3000; i++) m.set({ i: i }, 'v' + i); var n = 0; m.forEach(function (v, k) { if (v === 'v' + k.i) n++; }); return n; });
t('set object keys survive gc', function () { var keys = []; var s = new Set(); for (var i = 0; i < 2000; i++) { var o = [i]; keys.push(o); s.add(o); } var junk = []; for (var j = 0; j < 20000; j++) junk.push({ j: j }); var hits = 0; for (var k = 0; k < keys.length; k++) if (s.has(keys[k])) hits++; return hits; });
t('nested inspect', function () { return { m: new Map([['k', new Map([['deep', new Set([1])]])]]) }; });
t('map with props', function () { var m = new Map([[1, 2]]); m.extra = 'x'; return m; });
t('get/set lengths', function () { return [Map.prototype.set.length, Map.prototype.get.length, Set.prototype.add.length, Map.length, Set.name]; });
