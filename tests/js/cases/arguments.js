// Sloppy-mode arguments: parameters alias arguments[i] (not when a closure captures them, see README).
function f(a, b) { arguments[0] = 'changed'; b = 'b2'; return [a, b, arguments[1], arguments.length]; }
console.log(f(1, 2), f(1));
function g(x) { x = 5; return arguments[0]; }
console.log(g(1), g());
function h(x) { 'use strict'; arguments[0] = 9; return x; }
console.log(h(1));
function sum() { var t = 0; for (var i = 0; i < arguments.length; i++) t += arguments[i]; return t; }
console.log(sum(1, 2, 3), sum());
function inc(n) { n++; return [n, arguments[0]]; }
console.log(inc(1));
