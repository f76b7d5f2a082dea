// process.emitWarning as node 20 prints it: on the next tick, before the
// 'warning' listeners, with the --trace-warnings hint after the first.
process.on('warning', (w) => {
  console.log('listener:', w.name, '|', w.message, '|', w.code, '|', w.detail,
              '|', w instanceof Error);
});
process.emitWarning('hello');
process.emitWarning('second', 'CustomWarning');
process.emitWarning(new Error('as error'));
process.emitWarning('with code', { type: 'T', code: 'C1', detail: 'some detail' });
process.emitWarning('opts without type', { code: 'C2' });
process.emitWarning('dep', 'DeprecationWarning', 'DEP0999');
process.emitWarning('ctor as type', function f() {});
process.emitWarning('code as ctor', 'Typed', function f() {});
class MyWarning extends Error {
  constructor(m) { super(m); this.name = 'MyWarning'; this.code = 'MINE'; }
}
process.emitWarning(new MyWarning('subclass'));
for (const bad of [[5], ['x', 5], ['x', 'T', 7], [{}]]) {
  try {
    process.emitWarning(...bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
console.log('sync done');
process.nextTick(() => console.log('tick queued after the warnings'));
setTimeout(() => console.log('timer'), 0);
