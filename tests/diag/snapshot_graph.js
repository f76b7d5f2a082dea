// A heap snapshot as a graph, for the checks in tests/diag: nodes by name,
// edges and retainers, shortest retainer paths from the root and a
// dominator tree with retained sizes -- computed here, independently of
// memlab and DevTools, over the strong (non-weak) edges.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

class SnapshotGraph {
  constructor(snap) {
    this.snap = snap;
    const meta = snap.snapshot.meta;
    this.NF = meta.node_fields.length;
    this.EF = meta.edge_fields.length;
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.count = snap.snapshot.node_count;
    this.first = new Uint32Array(this.count + 1);
    for (let k = 0, e = 0; k < this.count; k++) {
      this.first[k] = e;
      e += snap.nodes[k * this.NF + 4] * this.EF;
      this.first[k + 1] = e;
    }
  }

  static load(file) {
    let buf = fs.readFileSync(file);
    if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
    return new SnapshotGraph(JSON.parse(buf.toString('utf8')));
  }

  node(k) {
    const n = this.snap.nodes, b = k * this.NF;
    return { index: k, type: this.nodeTypes[n[b]], name: this.snap.strings[n[b + 1]], id: n[b + 2],
      self_size: n[b + 3], edge_count: n[b + 4] };
  }

  edges(k) {
    const out = [], E = this.snap.edges;
    for (let e = this.first[k]; e < this.first[k + 1]; e += this.EF) {
      const type = this.edgeTypes[E[e]];
      const name = type === 'element' || type === 'hidden' ? E[e + 1] : this.snap.strings[E[e + 1]];
      out.push({ type, name, to: E[e + 2] / this.NF });
    }
    return out;
  }

  byName(name) {
    const out = [];
    for (let k = 0; k < this.count; k++) if (this.snap.strings[this.snap.nodes[k * this.NF + 1]] === name) out.push(k);
    return out;
  }

  one(name) {
    const all = this.byName(name);
    if (all.length !== 1) throw new Error(`${all.length} nodes named ${JSON.stringify(name)}`);
    return all[0];
  }

  retainers(k) {
    const out = [];
    for (let from = 0; from < this.count; from++) {
      for (const e of this.edges(from)) if (e.to === k) out.push({ from, ...e });
    }
    return out;
  }

  // The shortest path of strong edges from the root to k, as
  // [{from, type, name, to}, ...].
  shortestPath(k) {
    const via = new Array(this.count).fill(null);
    const seen = new Uint8Array(this.count);
    seen[0] = 1;
    let queue = [0];
    while (queue.length && !seen[k]) {
      const next = [];
      for (const from of queue) {
        for (const e of this.edges(from)) {
          if (e.type === 'weak' || seen[e.to]) continue;
          seen[e.to] = 1;
          via[e.to] = { from, ...e };
          next.push(e.to);
        }
      }
      queue = next;
    }
    if (!seen[k]) return null;
    const path = [];
    for (let at = k; at !== 0; at = via[at].from) path.unshift(via[at]);
    return path;
  }

  // Immediate dominators over strong edges (Cooper, Harvey and Kennedy's
  // iterative algorithm) and retained sizes.
  dominators() {
    if (this.idom) return this.idom;
    const n = this.count, order = [], post = new Int32Array(n).fill(-1);
    const preds = Array.from({ length: n }, () => []);
    // iterative depth-first search for a postorder
    const stack = [[0, 0, this.edges(0)]], onStack = new Uint8Array(n);
    onStack[0] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const es = top[2];
      if (top[1] < es.length) {
        const e = es[top[1]++];
        if (e.type === 'weak') continue;
        preds[e.to].push(top[0]);
        if (!onStack[e.to]) { onStack[e.to] = 1; stack.push([e.to, 0, this.edges(e.to)]); }
      } else {
        post[top[0]] = order.length;
        order.push(top[0]);
        stack.pop();
      }
    }
    const idom = new Int32Array(n).fill(-1);
    idom[0] = 0;
    const intersect = (a, b) => {
      while (a !== b) {
        while (post[a] < post[b]) a = idom[a];
        while (post[b] < post[a]) b = idom[b];
      }
      return a;
    };
    for (let changed = true; changed;) {
      changed = false;
      for (let i = order.length - 1; i >= 0; i--) { // reverse postorder
        const b = order[i];
        if (b === 0) continue;
        let d = -1;
        for (const p of preds[b]) if (idom[p] !== -1) d = d === -1 ? p : intersect(p, d);
        if (d !== idom[b]) { idom[b] = d; changed = true; }
      }
    }
    const retained = new Float64Array(n);
    for (const k of order) { // children before parents
      retained[k] += this.node(k).self_size;
      if (k !== 0) retained[idom[k]] += retained[k];
    }
    this.idom = idom;
    this.retained = retained;
    return idom;
  }

  retainedSize(k) { this.dominators(); return this.retained[k]; }
}

module.exports = { SnapshotGraph };
