// GCBench (Hans Boehm, after John Ellis and Pete Kovac) in JavaScript, with
// the timings printed as "N" so the output matches the C variants.
// Run: node gcbench.js [stretch longLived arraySize minDepth maxDepth]
//      defaults: 18 16 500000 4 16
'use strict';

const arg = (i, def, min) => Math.max(min, process.argv[2 + i] === undefined ? def : parseInt(process.argv[2 + i], 10));
const kStretchTreeDepth = arg(0, 18, 1);
const kLongLivedTreeDepth = arg(1, 16, 1);
const kArraySize = arg(2, 500000, 1001);
const kMinTreeDepth = arg(3, 4, 1);
const kMaxTreeDepth = arg(4, 16, 1);

function Node(l, r) {
  this.left = l;
  this.right = r;
  this.i = 0;
  this.j = 0;
}

const treeSize = (i) => (1 << (i + 1)) - 1;
const numIters = (i) => Math.floor((2 * treeSize(kStretchTreeDepth)) / treeSize(i));

function populate(depth, thisNode) {
  if (depth <= 0) return;
  depth--;
  thisNode.left = new Node(null, null);
  thisNode.right = new Node(null, null);
  populate(depth, thisNode.left);
  populate(depth, thisNode.right);
}

function makeTree(depth) {
  if (depth <= 0) return new Node(null, null);
  const l = makeTree(depth - 1);
  return new Node(l, makeTree(depth - 1));
}

function timeConstruction(depth) {
  const iters = numIters(depth);
  console.log(`Creating ${iters} trees of depth ${depth}`);
  for (let i = 0; i < iters; i++) {
    const t = new Node(null, null);
    populate(depth, t);
  }
  console.log('\tTop down construction took N msecs');
  for (let i = 0; i < iters; i++) makeTree(depth);
  console.log('\tBottom up construction took N msecs');
}

console.log('Garbage Collector Test');
console.log(` Live storage will peak at ${2 * 32 * treeSize(kLongLivedTreeDepth) + 8 * kArraySize} bytes.\n`);
console.log(` Stretching memory with a binary tree of depth ${kStretchTreeDepth}`);
makeTree(kStretchTreeDepth);

console.log(` Creating a long-lived binary tree of depth ${kLongLivedTreeDepth}`);
const longLived = new Node(null, null);
populate(kLongLivedTreeDepth, longLived);

console.log(` Creating a long-lived array of ${kArraySize} doubles`);
const array = new Float64Array(kArraySize);
for (let i = 0; i < kArraySize / 2; i++) array[i] = 1.0 / i;

for (let d = kMinTreeDepth; d <= kMaxTreeDepth; d += 2) timeConstruction(d);

if (longLived === null || array[1000] !== 1.0 / 1000) console.log('Failed');
console.log('Completed in Nms.');
