// Spread in array literals and calls (walked as for-of walks), rest
// elements in array patterns, and V8's messages for what is not iterable.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
function f() { return Array.prototype.slice.call(arguments); }
t('num', function () { return [...5]; });
t('obj', function () { var o = {}; return [...o]; });
t('null call', function () { return f(...null); });
t('undef call', function () { var u; return f(1, ...u); });
t('lit', function () { return [...{ a: 1 }]; });
t('call result', function () { return [...f()]; });
t('num call', function () { return f(...5); });
t('obj call', function () { var o = {}; return f(...o); });
t('basic', function () { var a = [1, 2]; return [0, ...a, 3, ...'hé', ...new Set([4]), ...new Map([[5, 6]]).keys()]; });
t('holes', function () { return [...[1, , 3]]; });
t('call', function () { return f(0, ...[1, 2], 3); });
t('max', function () { return Math.max(...[3, 9, 2]); });
t('method this', function () { var o = { n: 1, g: function (a, b) { return this.n + a + b; } }; return o.g(...[2, 3]); });
t('push spread', function () { var a = [1]; a.push(...[2, 3]); return a; });
t('apply native', function () { return String.fromCharCode(...[104, 105]); });
t('empty', function () { return [f(...[]), [...[]]]; });
t('arguments', function () { return (function () { return f(...arguments); })(7, 8); });
t('not callable', function () { var g = 5; return g(...[1]); });
t('rest pattern', function () { var [a, ...rest] = [1, 2, 3]; const [, ...r2] = 'abc'; let [...all] = new Set([9]); return [a, rest, r2, all]; });
t('rest empty', function () { var [a, b, ...r] = [1]; return [a, b, r]; });
t('rest for-of', function () { var out = []; for (const [k, ...vs] of [[1, 2, 3], [4]]) out.push(k, vs); return out; });
t('nested spread args', function () { return f(...[...[1, 2], ...[3]]); });
t('spread big', function () { var a = []; for (var i = 0; i < 10000; i++) a.push(i); return Math.max(...a); });
t('spread gc', function () { var r = []; for (var i = 0; i < 300; i++) r = [...r, { i: i }]; return r.length + r[299].i; });
