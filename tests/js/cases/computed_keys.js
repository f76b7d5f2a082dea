// Computed property names in object literals and patterns: keys evaluated
// in order with the values, anonymous functions named by their key.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('basic', () => { var k = 'x', i = 2; return { [k]: 1, ['y' + i]: 2, [i * 2]: 'four', [1 + 1]: 'two' }; });
t('order', () => { var log = []; var o = { [(log.push('k1'), 'a')]: log.push('v1'), b: log.push('v2'), [(log.push('k2'), 'c')]: 3 }; return [o, log]; });
t('key objects', () => { var o = { [{}]: 1, [[1, 2]]: 2, [null]: 3, [undefined]: 4, [true]: 5, [1.5]: 6 }; return o; });
t('overwrite', () => ({ a: 1, ['a']: 2 }));
t('method', () => { var k = 'm'; var o = { [k](x) { return x * 2; } }; return [o.m(4), typeof o.m]; });
t('pattern', () => { var k = 'b'; const { [k]: v, ['a']: w = 9 } = { b: 1 }; return [v, w]; });
t('pattern null', () => { var k = 'b'; const { [k]: v } = null; return v; });
t('closure key', () => { var n = 0; var f = () => ({ ['k' + (++n)]: n }); return [f(), f()]; });
t('proto computed', () => { var o = { ['__proto__']: 5 }; return [Object.keys(o), Object.getPrototypeOf(o) === Object.prototype]; });
t('throwing key', () => ({ [missing]: 1 }));
t('gc', () => { var o = {}; for (var i = 0; i < 3000; i++) o = { ...o, ['k' + (i % 64)]: { i: i } }; return Object.keys(o).length + o.k63.i; });
t('json', () => JSON.stringify({ ['a' + 'b']: [1, { ['c']: 2 }] }));
t('names', () => { var k = 'a'; var o = { [k + 1]: function () {}, [k + 2]: () => 0, [k + 3]() {}, [k + 4]: function named() {}, [5]: () => 1 };
    return [o.a1.name, o.a2.name, o.a3.name, o.a4.name, o[5].name, o.a1, Object.keys(o.a1)]; });
