// Error.captureStackTrace and Error.stackTraceLimit, compared with node.
class AppError extends Error {
  constructor(msg) { super(msg); this.name = 'AppError'; Error.captureStackTrace(this, AppError); }
}
function make() { return new AppError('bad'); }
console.log(make().stack.split('\n').slice(0, 3).join('|'));
const o = { message: 'plain' };
function where() { Error.captureStackTrace(o); }
where();
console.log(o.stack.split('\n').slice(0, 3).join('|'), Object.keys(o));
const p = {};
Error.captureStackTrace(p, function notOnStack() {});
console.log(JSON.stringify(p.stack));
function inner() { const e = {}; Error.captureStackTrace(e, outer); return e.stack; }
function outer() { return inner(); }
console.log(outer().split('\n').slice(0, 2).join('|'));
console.log(Error.stackTraceLimit, typeof Error.captureStackTrace, Error.captureStackTrace.length);
Error.stackTraceLimit = 2;
function d3() { return new Error('deep').stack.split('\n').length; }
function d2() { return d3(); }
function d1() { return d2(); }
console.log(d1());
Error.stackTraceLimit = 0;
console.log(JSON.stringify(new Error('none').stack));
Error.stackTraceLimit = Infinity;
console.log(d1() > 5);
Error.stackTraceLimit = 10;
try { Error.captureStackTrace(5); } catch (e) { console.log(e.code, e.message); }
