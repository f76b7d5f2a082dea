// util.inspect's depth, breakLength and maxArrayLength, and the 100-entry
// limit on Maps and Sets that console.log applies, compared with node.
const util = require('util');
const big = new Map(Array.from({ length: 103 }, (_, i) => [i, { v: i }]));
const bigSet = new Set(Array.from({ length: 102 }, (_, i) => 'k' + i));
const lines = (s) => s.split('\n');
console.log(lines(util.inspect(big)).slice(-3).join('|'));
console.log(lines(util.inspect(bigSet)).slice(-3).join('|'));
console.log(util.inspect(big.keys()).slice(-40));
console.log(util.inspect(bigSet.values()).slice(-40));
console.log(util.inspect([1, 2, 3, 4, 5], { maxArrayLength: 2 }));
console.log(util.inspect(new Set([1, 2, 3]), { maxArrayLength: 1 }));
console.log(util.inspect(new Map([[1, 2], [3, 4]]), { maxArrayLength: 1 }));
console.log(util.inspect(new Map([[1, 2], [3, 4]]).entries(), { maxArrayLength: 1 }));
console.log(util.inspect([1, 2, 3], { maxArrayLength: 0 }), util.inspect([1, 2, 3], { maxArrayLength: -1 }),
            util.inspect([1, 2, 3], { maxArrayLength: null }), util.inspect([1, 2], { maxArrayLength: Infinity }));
console.log(util.inspect(Array.from({ length: 30 }, (_, i) => i), { maxArrayLength: 10 }));
console.log(util.inspect(Array.from({ length: 30 }, (_, i) => i * 1000), { maxArrayLength: 12 }));
const wide = { a: 'x'.repeat(30), b: 'y'.repeat(30), c: 'z'.repeat(30) };
console.log(util.inspect(wide, { breakLength: Infinity }));
console.log(util.inspect(wide, { breakLength: 200 }));
console.log(util.inspect({ a: 1, b: { c: 2 } }, { breakLength: 3 }));
console.log(util.inspect('line one\nline two is longer than the rest', { breakLength: 20 }));
console.log(util.inspect({ a: 1, b: 2, c: 3 }, { depth: -1 }), util.inspect({ a: 1 }, { depth: -5 }),
            util.inspect([{ a: 1 }], { depth: -1 }));
console.log(util.inspect({ a: { b: { c: {} } } }, { depth: 0.5 }), util.inspect({ a: { b: { c: { d: {} } } } }, { depth: 1.9 }));
console.log(util.inspect({ a: { b: { c: { d: { e: {} } } } } }, { depth: null }));
console.log(util.inspect({ a: { b: { c: { d: { e: {} } } } } }, { depth: Infinity }));
console.log(util.inspect({ a: { b: { c: { d: { e: {} } } } } }, { depth: NaN }));
console.dir(big, { maxArrayLength: 2 });
console.dir({ a: { b: [1, 2, 3] } }, { depth: 0, breakLength: 10 });
const ws = new WeakSet();
const keep = [{ a: 1 }, { b: 2 }, { c: 3 }];
for (const k of keep) ws.add(k);
console.log(util.inspect(ws, { showHidden: true, maxArrayLength: 0 }));
console.log(util.format('%o', Array.from({ length: 120 }, (_, i) => i)).split('\n').slice(-3).join('|'));
