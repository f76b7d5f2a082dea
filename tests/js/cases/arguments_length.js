// arguments.length is an ordinary writable, configurable, non-enumerable
// data property: any value may be stored, it does not bound the elements,
// and setting an index past it does not change it.
function f() {
    arguments.length = 2 ** 32;
    console.log(arguments.length);
    arguments.length = 'x';
    console.log(arguments.length, arguments[0]);
    arguments.length = -1;
    console.log(arguments.length);
    arguments.length = 1;
    console.log(arguments.length, Array.prototype.slice.call(arguments));
    return arguments;
}
const a = f(1, 2, 3);
console.log(a, Object.keys(a), JSON.stringify(a));
function g() {
    console.log(Object.getOwnPropertyDescriptor(arguments, 'length'));
    delete arguments.length;
    console.log(arguments.length, 'length' in arguments, Object.keys(arguments));
    arguments.length = 5;
    console.log(arguments.length, Object.keys(arguments));
    return arguments;
}
console.log(g(7));
function h() { 'use strict'; arguments.length = 1.5; console.log(arguments.length, [].slice.call(arguments)); }
h(1, 2, 3);
function k() { arguments[5] = 1; console.log(arguments.length, arguments); arguments.length = 0; console.log(arguments[0]); }
k(1);
for (const key in (function () { return arguments; })(4, 5)) console.log(key);
