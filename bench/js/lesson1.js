// lesson1: one million arrays of 100 empty slots, all kept alive in one
// growing array, then the same summary line as the C variants.
// Run: node lesson1.js [count]     (default 1000000)
'use strict';
const count = Math.max(1, parseInt(process.argv[2] || '1000000', 10));

const ary = [];
for (let i = 0; i < count; i++) ary.push(new Array(100));

let slots = 0, nonempty = 0;
for (let i = 0; i < ary.length; i++) {
  slots += ary[i].length;
  if (ary[i][i % 100] !== undefined) nonempty++;
}
console.log(`lesson1: ${ary.length} arrays, ${slots} slots, ${nonempty} sampled slots not empty`);
// the same "live" figure as the C variants: count x (100 + 1) pointer-size words
console.error(`BENCHMETRIC live_mib=${(ary.length * 101 * 8 / 1048576).toFixed(1)}`);
