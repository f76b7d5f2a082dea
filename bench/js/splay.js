// splay, after Octane's Splay (see bench/workloads/splay.h for what differs:
// integer keys from xorshift32, so that C and JS agree bit for bit).
// Run: node splay.js [nodes [modifications [payloadDepth]]]  (default 8000 200000 5)
'use strict';
const arg = (i, def, min) => Math.max(min, process.argv[2 + i] === undefined ? def : parseInt(process.argv[2 + i], 10));
const kNodes = arg(0, 8000, 1);
const kModifications = arg(1, 200000, 0);
const kPayloadDepth = arg(2, 5, 0);

let seed = 49734321;
function nextKey() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed & 0xfffffff;
}

class SplayNode {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.left = null;
    this.right = null;
  }
}

class SplayTree {
  constructor() { this.root = null; }

  // Top-down splay (Sleator and Tarjan).
  splay(key) {
    const header = new SplayNode(-1, null);
    let l = header, r = header, t = this.root;
    for (;;) {
      if (key < t.key) {
        if (t.left === null) break;
        if (key < t.left.key) {
          const y = t.left;
          t.left = y.right;
          y.right = t;
          t = y;
          if (t.left === null) break;
        }
        r.left = t;
        r = t;
        t = t.left;
      } else if (key > t.key) {
        if (t.right === null) break;
        if (key > t.right.key) {
          const y = t.right;
          t.right = y.left;
          y.left = t;
          t = y;
          if (t.right === null) break;
        }
        l.right = t;
        l = t;
        t = t.right;
      } else {
        break;
      }
    }
    l.right = t.left;
    r.left = t.right;
    t.left = header.right;
    t.right = header.left;
    this.root = t;
  }

  find(key) {
    if (this.root === null) return null;
    this.splay(key);
    return this.root.key === key ? this.root : null;
  }

  insert(key, value) {
    const n = new SplayNode(key, value);
    if (this.root === null) { this.root = n; return; }
    this.splay(key);
    if (this.root.key === key) return;
    if (key > this.root.key) {
      n.left = this.root;
      n.right = this.root.right;
      this.root.right = null;
    } else {
      n.right = this.root;
      n.left = this.root.left;
      this.root.left = null;
    }
    this.root = n;
  }

  remove(key) {
    this.splay(key);
    const t = this.root;
    if (t.key !== key) throw new Error('removing a key that is not in the tree');
    if (t.left === null) {
      this.root = t.right;
    } else {
      const right = t.right;
      this.root = t.left;
      this.splay(key);
      this.root.right = right;
    }
    return t;
  }

  findGreatestLessThan(key) {
    if (this.root === null) return null;
    this.splay(key);
    if (this.root.key < key) return this.root;
    if (this.root.left === null) return null;
    let t = this.root.left;
    while (t.right !== null) t = t.right;
    return t;
  }
}

function payload(depth, tag) {
  if (depth === 0) {
    return { array: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], string: 'String for key ' + tag + ' in leaf node' };
  }
  const left = payload(depth - 1, tag);
  return { left, right: payload(depth - 1, tag) };
}

const tree = new SplayTree();
function insertNewNode() {
  let key;
  do key = nextKey(); while (tree.find(key) !== null);
  tree.insert(key, payload(kPayloadDepth, String(key)));
  return key;
}

for (let i = 0; i < kNodes; i++) insertNewNode();

const t0 = process.hrtime.bigint();
for (let i = 0; i < kModifications; i++) {
  const key = insertNewNode();
  const greatest = tree.findGreatestLessThan(key);
  tree.remove(greatest === null ? key : greatest.key);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

let count = 0, keySum = 0, payloadSum = 0, last = -1;
const stack = [];
for (let t = tree.root; t !== null || stack.length > 0;) {
  if (t !== null) { stack.push(t); t = t.left; continue; }
  t = stack.pop();
  if (t.key <= last) throw new Error('tree out of order');
  last = t.key;
  count++;
  keySum += t.key;
  let v = t.value;
  for (let d = 0; d < kPayloadDepth; d++) v = v.left;
  payloadSum += v.string.length + v.array[9];
  t = t.right;
}
console.log(`splay: ${count} nodes, key sum ${keySum}, payload check ${payloadSum}`);
console.error(`BENCHMETRIC ops_per_s=${(seconds > 0 ? kModifications / seconds : 0).toFixed(0)}`);
