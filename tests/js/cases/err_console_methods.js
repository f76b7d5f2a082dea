// console.group/dir/assert/count and the warnings console misuse gives,
// compared with node (stdout and stderr).
console.group('G1');
console.log('a\nb');
console.group();
console.error('err', { x: 1 });
console.info([1, 2]);
console.groupEnd();
console.groupCollapsed('G2', 5);
console.warn('w %s!', 'x');
console.groupEnd();
console.groupEnd();
console.groupEnd(); // one too many: nothing happens
console.log('out');
process.stdout.write('not indented by groups\n');

console.count();
console.count();
console.count('x');
console.count('default');
console.count(undefined);
console.count({ toString() { return 'obj'; } });
console.countReset();
console.count();
console.count(1);
console.countReset(1); // node looks the label up before making it a string
console.countReset('nope');

console.assert(true, 'not printed');
console.assert(1);
console.assert(false, 'yes %d', 5, { a: 1 });
console.assert(false);
console.assert(0, { a: 1 });
console.assert('', 'two', 'parts');

console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir('str');
console.dir({ a: [1, 2] }, { depth: null });
console.dir([null], { showHidden: true });

console.timeLog('nolabel');
console.timeEnd('nolabel');
console.time('t');
console.time('t');
console.group('in group');
console.count('g');
console.assert(false, 'in group');
console.dir({ z: 1 });
console.groupEnd();

try {
  console.count({ toString() { throw new Error('label threw'); } });
} catch (e) {
  console.log('caught', e.message);
}
console.log(typeof console.timeEnd, typeof console.timeLog, typeof console.groupCollapsed);
console.log('sync end');
