// Destructured parameters: patterns with defaults in functions, methods and
// arrows, their names vars of the function, V8's errors for what is passed.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
function opts({ a, b = 2, c: { d } = { d: 4 } } = {}, [x, , y = 'y', ...zs] = []) { return [a, b, d, x, y, zs]; }
t('function', () => [opts(), opts({ a: 1, c: { d: 9 } }, [7, 8, undefined, 10, 11]), opts.length]);
t('arrows', () => [[['k', 1], ['j', 2]].map(([k, v]) => k + v), [{ name: 'n', v: 1 }].map(({ name }) => name), (([a, b]) => a + b)([1, 2])]);
t('entries', () => { var m = new Map([[1, 'a'], [2, 'b']]); var out = []; m.forEach((v, k) => out.push(k)); return Array.from(m).map(([k, v]) => v + k); });
t('undefined arg', () => { function f({ a }) { return a; } return f(); });
t('null arg', () => { function f([a]) { return a; } return f(null); });
t('arguments', () => { function f({ a }, b) { a = 5; return [arguments.length, arguments[0], a, b]; } return f({ a: 1 }, 2); });
t('closures', () => { function f({ a }, g = () => a) { a = 10; return g(); } return f({ a: 1 }); });
t('length', () => [((a, { b }, c = 1) => 0).length, (function ([a], ...r) {}).length]);
t('rest object', () => { function f({ a, ...r }) { return r; } return f({ a: 1, b: 2, c: 3 }); });
t('gc', () => { var s = 0; function f({ v: { w } }, [z]) { return w + z; } for (var i = 0; i < 20000; i++) s += f({ v: { w: i } }, [1]); return s; });
t('method', () => { var o = { m({ x }) { return x * 2; } }; return o.m({ x: 21 }); });
t('strict', () => { 'use strict'; return (function ({ a }) { return typeof this; })({}); });
t('toString', () => String(function ({ a, b } = {}, [c]) {}));
