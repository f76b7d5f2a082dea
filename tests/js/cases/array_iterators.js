// Array iterators: keys(), values(), entries() in for-of, spread, next(),
// util.inspect, over arrays, array-likes and strings.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('spread', () => [[...[5, 6].entries()], [...[5, 6].keys()], [...[5, 6].values()], [...[, 1].entries()]]);
t('for-of', () => { var out = []; for (const [i, v] of ['a', 'b'].entries()) out.push(i + v); return out; });
t('next', () => { var it = [7].values(); return [it.next(), it.next(), it.next()]; });
t('inspect', () => [[1].entries(), Object.prototype.toString.call([].keys())]);
t('live length', () => { var a = [1]; var it = a.values(); var out = []; for (const v of it) { out.push(v); if (a.length < 3) a.push(v + 1); } return out; });
t('array-like', () => [...Array.prototype.entries.call({ length: 2, 0: 'x', 1: 'y' })]);
t('string this', () => [...Array.prototype.values.call('hi')]);
t('from', () => Array.from([3, 4].entries()));
t('destructure', () => { const [[i0, v0], [i1]] = ['p', 'q'].entries(); return [i0, v0, i1]; });
t('gc', () => { var a = []; for (var i = 0; i < 5000; i++) a.push({ i: i }); var s = 0; for (const [i, v] of a.entries()) s += v.i - i; return s; });
t('lengths', () => [[].keys.length, [].entries.length]);
t('null this', () => Array.prototype.keys.call(null));
