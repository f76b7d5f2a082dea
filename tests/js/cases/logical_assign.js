// Logical assignment (&&=, ||=, ??=) to names, properties and elements:
// assigned only when the operator evaluates its right side.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('vars', () => { var a = null, b = 0, c = 1, d = 'x'; var r = [a ??= 5, b ||= 7, c &&= 9, d ??= 'no', d ||= 'no', b &&= 0]; return [a, b, c, d, r]; });
t('members', () => { var o = { a: null, b: 0, c: 2 }; o.a ??= 'A'; o.b ||= 'B'; o.c &&= 'C'; o.d ??= 'D'; return o; });
t('index', () => { var arr = [null, 1]; var k = 0; arr[k++] ??= 'z'; arr[k++] ??= 'y'; return [arr, k]; });
t('short circuit', () => { var n = 0; var o = { x: 1 }; o.x ||= n++; o.y &&= n++; return [o, n]; });
t('no set when kept', () => { var o = Object.freeze({ v: 1 }); 'use strict'; o.v ||= 2; return o.v; });
t('names', () => { var f; f ??= function () {}; var g = null; g ||= () => 1; return [f.name, g.name]; });
t('const', () => { const c = null; c ??= 1; return c; });
t('const kept', () => { const c = 1; c ??= 2; return c; });
t('cache', () => { var cache = {}; function get(k) { return cache[k] ??= { k: k, n: Object.keys(cache).length }; } get('a'); get('b'); return [get('a'), Object.keys(cache)]; });
t('gc', () => { var m = {}; for (var i = 0; i < 20000; i++) { (m['k' + (i % 100)] ??= []).push({ i: i }); } return m.k99.length; });
t('chain', () => { var o = {}; o.p ??= {}; o.p.q ||= [1]; return o; });
