// process as node's EventEmitter: 'exit' (once, with the status, which a
// listener may change) and 'unhandledRejection' (instead of the crash)
process.on('exit', (code) => {
  console.log('exit listener', code, process.exitCode);
  process.exitCode = 5;
});
process.once('exit', (code) => console.log('once exit listener', code));
process.on('unhandledRejection', (reason, p) =>
  console.log('unhandled', reason instanceof Error ? reason.message : reason, p === rejected || p === other));
const rejected = Promise.reject(new Error('nobody'));
const other = Promise.reject(42);
Promise.reject('handled').catch(() => {});
const noop = () => {};
console.log(process.listenerCount('exit'), process.on('x', noop) === process, process.listeners('x').length);
process.off('x', noop);
console.log(process.listenerCount('x'), process.emit('nothing'), typeof process.emitWarning);
setTimeout(() => { console.log('timer still runs'); process.exitCode = 3; }, 1);
