// Promise basics, ordering against nextTick / timers, combinators, inspect
const log = (...a) => console.log(...a);
log('start');
const p1 = new Promise((resolve) => resolve(1));
log(p1, Promise.reject, typeof Promise, Promise.name, Promise.length);
const pend = new Promise(() => {});
log(pend);
const rej = Promise.reject(new Error('nope'));
rej.catch((e) => log('caught', e.message));
p1.then((v) => { log('then1', v); return v + 1; })
  .then((v) => { log('then2', v); throw new TypeError('bad ' + v); })
  .then(() => log('skipped'))
  .catch((e) => { log('catch', e.name, e.message); return 'recovered'; })
  .finally(() => log('finally'))
  .then((v) => log('after finally', v));
process.nextTick(() => log('tick 1'));
setTimeout(() => log('timeout'), 0);
Promise.resolve().then(() => {
  log('micro 1');
  process.nextTick(() => log('tick from micro'));
  Promise.resolve().then(() => log('micro nested'));
});
queueMicrotask(() => log('queued microtask'));
// resolution with a thenable and with a promise: the extra ticks
const order = [];
Promise.resolve().then(() => order.push('a1')).then(() => order.push('a2')).then(() => order.push('a3')).then(() => order.push('a4'));
new Promise((r) => r(Promise.resolve('x'))).then(() => order.push('resolved-with-promise'));
new Promise((r) => r({ then(f) { f('t'); } })).then((v) => order.push('thenable ' + v));
setTimeout(() => log(order.join(',')), 1);
// executor throwing, resolve twice, reject after resolve
new Promise(() => { throw new RangeError('in executor'); }).catch((e) => log('executor threw', e.name));
new Promise((res, rej2) => { res('first'); res('second'); rej2('third'); }).then((v) => log('once', v));
// chaining cycle
const cyc = Promise.resolve().then(() => cyc);
cyc.catch((e) => log(e.constructor.name, e.message));
// combinators
Promise.all([1, Promise.resolve(2), new Promise((r) => setTimeout(() => r(3), 2))]).then((v) => log('all', v));
Promise.all([]).then((v) => log('all empty', v));
Promise.all([Promise.reject(new Error('e1')), 2]).catch((e) => log('all rejects', e.message));
Promise.allSettled([1, Promise.reject('no')]).then((v) => log('allSettled', v));
Promise.race([new Promise((r) => setTimeout(() => r('slow'), 5)), Promise.resolve('fast')]).then((v) => log('race', v));
Promise.any([Promise.reject(1), Promise.resolve(2)]).then((v) => log('any', v));
Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => log('any fails', e.constructor.name, e.message, e.errors));
Promise.all('ab').then((v) => log('all of a string', v));
Promise.all(5).catch((e) => log('not iterable:', e.message));
// inspect
const settled = Promise.resolve({ a: 1, b: [1, 2] });
const rejected = Promise.reject(42);
rejected.catch(() => {});
setTimeout(() => {
  log(settled, rejected, [Promise.resolve('s')], { p: Promise.resolve(undefined) });
  log(Object.prototype.toString.call(settled), String(settled));
  log(settled instanceof Promise, Promise.resolve(settled) === settled);
  log(Object.getOwnPropertyNames(Promise.prototype).sort());
}, 10);
// errors
try { Promise.resolve.call(1); } catch (e) { log(e.message); }
try { new Promise(1); } catch (e) { log(e.message); }
try { Promise(() => {}); } catch (e) { log(e.message); }
try { Promise.prototype.then.call({}, () => {}); } catch (e) { log(e.message); }
log('end of script');
