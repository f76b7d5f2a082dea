// console.table drawn as node 20 draws it: arrays of objects and of arrays,
// objects, primitives (the Values column), Maps, Sets, their iterators,
// chosen properties, wide cells, a group indent and bad arguments.
console.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
console.table([[1, 2], [3, 4, 5]]);
console.table({ x: { a: 1 }, y: 5, z: [1, 2, 3, 4, 5] });
console.table([1, 'two', { three: 3 }, null]);
console.table(new Map([['k1', { v: 1 }], ['k2', 'str']]));
console.table(new Set(['a', { b: 1, c: 2, d: 3 }]));
console.table([{ a: 1, b: 2, c: 3 }], ['c', 'a']);
console.table([{ a: { deep: { er: 1 } }, b: { p: 1, q: 2, r: 3 } }]);
console.table(5);
console.table('str');
console.table(null);
console.table([]);
console.table({});
console.table([{ 'ünï': '全角', 2: 'n' }]);
console.table(new Map([[1, 2]]).entries());
console.table(new Map([[1, 2]]).keys());
console.table([1, 2], ['x']);
try { console.table([1], 'x'); } catch (e) { console.log(e.code, e.message); }
console.group('g');
console.table([{ a: 1 }]);
console.groupEnd();
console.table([{ rss: 1, heapTotal: 2 }, { rss: 30, external: 4 }]);
const getterRow = { get a() { return { made: [1, 2, 3, 4] }; } };
console.table([getterRow, { a: new Map([[1, { x: 1 }]]) }]);
console.table([{ b: 1, 10: 'ten', a: 2, 2: 'two' }]);
