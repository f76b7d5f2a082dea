// Destructuring declarations (var/let/const and for-of/for-in heads):
// array patterns walk their value as for-of does, object patterns read
// keys; holes, defaults, nesting, and V8's TypeErrors.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('array', function () { var [a, b, c] = [1, 2]; return [a, b, c]; });
t('holes', function () { let [, x, , y] = [1, 2, 3, 4]; return [x, y]; });
t('object', function () { const { a, b: bee, 1: one } = { a: 1, b: 2, 1: 'one' }; return [a, bee, one]; });
t('nested', function () { const { p: [x, { y }] } = { p: [10, { y: 20 }] }; return [x, y]; });
t('defaults', function () { var [a = 1, b = 2] = [undefined, null]; const { c = 3, d: e = 4 } = { c: 0 }; return [a, b, c, e]; });
t('default is lazy', function () { var n = 0; var [a = n++] = [5]; var [b = n++] = []; return [a, b, n]; });
t('map for-of', function () { var r = []; for (const [k, v] of new Map([['a', 1], ['b', 2]])) r.push(k + v); return r; });
t('entries for-of', function () { var r = []; for (let [k, v] of new Map([['x', 9]]).entries()) r.push(k, v); return r; });
t('let closures', function () { var fs = []; for (let [i] of [[1], [2]]) fs.push(function () { return i; }); return fs.map(function (f) { return f(); }); });
t('for-in', function () { var r = []; for (var [c] in { ab: 1, cd: 2 }) r.push(c); return r; });
t('var hoisting', function () { var before = typeof q; var [q] = [7]; return [before, q]; });
t('const is const', function () { const [z] = [1]; try { z = 2; } catch (e) { return e.name; } });
t('tdz', function () { try { w; } catch (e) { return e.name; } let [w] = [1]; });
t('from string', function () { var [a, b] = 'hi'; return a + b; });
t('array-like', function () { var [a, b] = { length: 2, 0: 'x', 1: 'y' }; return a + b; });
t('swap-ish', function () { var x = 1, y = 2; var [y2, x2] = [x, y]; return [x2, y2]; });
t('object of array', function () { var { length } = [1, 2, 3]; return length; });
t('closure in pattern default', function () { var [f = function () { return 42; }] = []; return f(); });
t('globals', function () { return typeof gA; });
var [gA, gB] = [1, 2];
const { gC } = { gC: 3 };
console.log(gA, gB, gC);
t('num', function () { var [a] = 5; });
t('obj', function () { var o = {}; var [a] = o; });
t('undef', function () { var [a] = undefined; });
t('null', function () { let [a] = null; });
t('nested', function () { var [[a]] = [7]; });
t('objpat null', function () { var { a } = null; });
t('objpat undef', function () { var u; var { a } = u; });
t('objpat num', function () { var { a } = 5; return a; });
t('set', function () { var [x, y] = new Set([1, 2]); return [x, y]; });
t('string cp', function () { var [a, b] = '\ud83d\ude00!'; return [a.length, b]; });
