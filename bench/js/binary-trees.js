// binary-trees (Benchmarks Game rules and output), plain single-threaded JS.
// Run: node binary-trees.js [maxDepth]    (default 10, at least 6)
'use strict';

function TreeNode(left, right) {
  this.left = left;
  this.right = right;
}

function bottomUpTree(depth) {
  if (depth <= 0) return new TreeNode(null, null);
  const left = bottomUpTree(depth - 1);
  return new TreeNode(left, bottomUpTree(depth - 1));
}

function itemCheck(node) {
  return node.left === null ? 1 : 1 + itemCheck(node.left) + itemCheck(node.right);
}

const maxDepth = Math.max(6, parseInt(process.argv[2] || '10', 10));
const stretch = maxDepth + 1;
console.log(`stretch tree of depth ${stretch}\t check: ${itemCheck(bottomUpTree(stretch))}`);

const longLived = bottomUpTree(maxDepth);
for (let depth = 4; depth <= maxDepth; depth += 2) {
  const iterations = 1 << (maxDepth - depth + 4);
  let check = 0;
  for (let i = 0; i < iterations; i++) check += itemCheck(bottomUpTree(depth));
  console.log(`${iterations}\t trees of depth ${depth}\t check: ${check}`);
}
console.log(`long lived tree of depth ${maxDepth}\t check: ${itemCheck(longLived)}`);
