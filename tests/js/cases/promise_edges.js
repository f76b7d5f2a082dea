// Promise edge cases: stacks, subclasses, thenables, inspect, late handlers
const util = require('util');
const log = (...a) => console.log(...a);
new Promise(() => { throw new Error('from executor'); }).catch((e) => log(e.stack.split('\n').slice(0, 3).join('\n')));
class Deferred extends Promise {
  constructor(fn) { super(fn); this.tag = 'd'; }
}
const d = new Deferred((r) => r(5));
log(d, d instanceof Deferred, d instanceof Promise, typeof d.then);
d.then((v) => log('subclass value', v));
log(Promise.resolve(d) === d);
// thenables that throw, or whose then getter throws
Promise.resolve({ then() { throw new RangeError('then threw'); } }).catch((e) => log('thenable:', e.message));
Promise.resolve({ get then() { throw new SyntaxError('getter threw'); } }).catch((e) => log('getter:', e.message));
Promise.resolve({ then(ok) { ok('first'); throw new Error('ignored'); } }).then((v) => log('kept', v));
Promise.resolve({ then: 42 }).then((v) => log('plain object', v));
// non-callable handlers pass values and reasons through
Promise.resolve(7).then(null, undefined).then(5).then((v) => log('through', v));
Promise.reject(8).then(() => {}).then(undefined, (r) => log('reason through', r));
// finally keeps the value, or replaces the reason when it throws
Promise.resolve('kept').finally(() => 'ignored').then((v) => log('finally value', v));
Promise.reject(new Error('orig')).finally(() => { throw new Error('replaced'); }).catch((e) => log('finally threw', e.message));
Promise.resolve(1).finally(() => new Promise((r) => setTimeout(() => { log('finally waits'); r(); }, 3)))
  .then((v) => { log('after wait', v); setTimeout(inspectAll, 1); });
// a rejection handled later in the same turn is not reported
const late = Promise.reject(new Error('handled later'));
Promise.resolve().then(() => late.catch((e) => log('late handler', e.message)));
// inspect: depth, nesting, a pending promise resolved with another
const inner = new Promise(() => {});
const outer = new Promise((r) => r(inner));
const deep = Promise.resolve({ a: { b: { c: { d: 1 } } } });
function inspectAll() {
  log(outer, util.inspect(deep, { depth: 0 }), util.inspect({ x: deep }, { depth: 0 }));
  log(deep);
  log([Promise.reject(Object.assign(new Error('shown'), { code: 'E1' })).catch(() => {})]);
  const r = Promise.reject(new TypeError('in inspect'));
  r.catch(() => {});
  log(util.inspect(r).split('\n')[0]);
  const agg = new AggregateError([new Error('a'), 2], 'many');
  log(agg.name, agg.message, agg.errors.length, Object.keys(agg), AggregateError.length);
  log(Promise.resolve([1, 2, 3]), Promise.resolve('str'), Promise.resolve(null));
}
// queueMicrotask
try { queueMicrotask(5); } catch (e) { log(e.code, e.message); }
queueMicrotask(() => log('microtask order 1'));
Promise.resolve().then(() => log('microtask order 2'));
queueMicrotask(() => log('microtask order 3'));
// timers and microtasks interleave per callback
setTimeout(() => { log('timer A'); Promise.resolve().then(() => log('micro after A')); process.nextTick(() => log('tick after A')); }, 1);
setTimeout(() => log('timer B'), 1);
