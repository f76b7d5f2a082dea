// console.trace: 'Trace: message' and the stack from its caller down, as node
// prints it (stderr), in functions, methods, callbacks, timers, microtasks
// and groups.
function f() { console.trace('here %d', 5, { a: 1 }); }
f();
console.trace();
[1].forEach(function cb() { console.trace('in cb'); });
class K { m() { console.trace(); } }
new K().m();
setTimeout(function t() { console.trace('timer'); }, 0);
Promise.resolve().then(function p() { console.trace('micro'); });
console.group('g');
console.trace('grouped\nlines');
console.groupEnd();
console.trace('');
console.trace('%s', '');
console.trace('with a NUL \0 inside');
