// Default and rest parameters: in functions, methods and arrows; defaults
// seeing the earlier parameters and closures, `length`, and `arguments`
// (unmapped, as passed) beside them.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
function dflt(a, b = 2, c = a + b) { return [a, b, c]; }
t('defaults', function () { return [dflt(1), dflt(1, 5), dflt(1, undefined, 0), dflt(1, null)]; });
function rest(a, ...more) { return [a, more, more.length, Array.isArray(more)]; }
t('rest', function () { return [rest(), rest(1), rest(1, 2, 3)]; });
t('length', function () {
    return [dflt.length, rest.length, (function (...r) {}).length, ((a, b = 1, c) => 0).length,
            (function (a, b) {}).length];
});
t('arguments', function () {
    function g(a = 10, ...r) { a = 99; return [arguments.length, arguments[0], a, r]; }
    return [g(), g(1, 2, 3), g(undefined, 4)];
});
t('arrows', function () {
    var add = (a, b = 10) => a + b;
    var all = (...xs) => xs.join('+');
    var tail = (x, ...xs) => [x, xs];
    var one = (a = 7) => a * 2;
    return [add(1), add(1, 2), all(), all(1, 2, 3), tail(1, 2), one(), one(3)];
});
t('closures', function () {
    var k = 5;
    function h(a, f = () => a + k, ...r) { a = 100; return [f(), r.map((x) => x * k)]; }
    return h(1, undefined, 2, 3);
});
t('default calls', function () {
    var n = 0;
    function next() { return ++n; }
    function d(a = next(), b = next()) { return [a, b]; }
    return [d(), d(0), d(undefined, 9), n];
});
t('method', function () {
    var o = { base: 3, m(x, y = this.base, ...z) { return x + y + z.length; } };
    return [o.m(1), o.m(1, 1, 1, 1)];
});
t('names', function () { function f(g = function () {}, h = () => 0) { return [g.name, h.name]; } return f(); });
t('throwing default', function () { function f(a = missing) { return a; } return f(); });
t('rest is fresh', function () { function f(...r) { r.push(1); return r; } return [f(), f()]; });
t('rest with spread', function () { function f(...r) { return r; } return f(...[1, 2], ...'ab'); });
t('many', function () {
    function f(...r) { return r.length + r[r.length - 1]; }
    var a = []; for (var i = 0; i < 50000; i++) a.push(i);
    return f.apply(null, a);
});
t('gc', function () {
    function f(a, b = { v: a }, ...r) { return b.v + r.length; }
    var s = 0;
    for (var i = 0; i < 20000; i++) s += f(i, undefined, { i: i }, [i]);
    return s;
});
t('new', function () { function P(x = 1, ...y) { this.x = x; this.y = y; } return [new P(), new P(2, 3)]; });
t('strict', function () { 'use strict'; function f(a = 1, ...r) { return [a, r, typeof this]; } return f(); });
t('toString', function () { function f(a = 1, ...r) { return r; } return f.toString(); });
