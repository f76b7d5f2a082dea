#!/usr/bin/env node
// The known heaps of test_diag_snapshot.c, checked in their snapshots:
// names, edges, weak edges, retainer paths, dominators and retained sizes
// (computed by snapshot_graph.js), ids across snapshots.
// Usage: node check_snapshots.js DIR [--v8-sample FILE]
'use strict';
const assert = require('assert');
const path = require('path');
const fs = require('fs');
const { SnapshotGraph } = require('./snapshot_graph');
const { check } = require('./validate_snapshot');

const dir = process.argv[2];
const load = (name) => SnapshotGraph.load(path.join(dir, `${name}.heapsnapshot`));
const names = (g, path) => path.map((e) => `${e.type}:${e.name}->${g.node(e.to).name}`);
const idsOf = (g, name) => new Set(g.byName(name).map((k) => g.node(k).id));
const edgeTo = (g, from, to) => g.edges(from).filter((e) => e.to === to);

const cases = {
  tree() {
    const g = load('tree');
    const nodes = g.byName('TreeNode');
    assert.strictEqual(nodes.length, 63);
    assert.strictEqual(nodes.filter((k) => g.node(k).edge_count === 0).length, 32);
    for (const k of nodes) {
      const es = g.edges(k);
      assert.ok(es.length === 0 || (es.length === 2 && es[0].type === 'property' && es[0].name === 'left' &&
        es[1].name === 'right'), `TreeNode edges ${JSON.stringify(es)}`);
      assert.strictEqual(g.node(k).type, 'object');
      assert.strictEqual(g.node(k).self_size, 8 + 24 + 16);
    }
    assert.strictEqual(g.byName('Garbage').length, 0);
    // the strings, escaped and read back
    for (const text of ['quote " backslash \\ newline \n tab \t end', 'h\u00e9llo \u2603 \u{1F600}',
      'bad \ufffd byte', 'bell \u0007 del \u007f']) {
      const k = g.one(text);
      assert.strictEqual(g.node(k).type, 'string');
    }
    // the handle scope holds the tree's root and the strings' holder
    const hs = g.one('(Handle scope)');
    assert.deepStrictEqual(g.edges(hs).map((e) => [e.type, e.name, g.node(e.to).name]),
      [['internal', '1', 'TreeNode'], ['internal', '2', 'Strings']]);
  },

  cycle() {
    const g = load('cycle');
    const [a, b, c, self] = ['CycleA', 'CycleB', 'CycleC', 'Self'].map((n) => g.one(n));
    assert.deepStrictEqual(g.edges(a), [{ type: 'property', name: 'next', to: b }]);
    assert.deepStrictEqual(g.edges(b), [{ type: 'property', name: 'next', to: c }]);
    assert.deepStrictEqual(g.edges(c), [{ type: 'property', name: 'next', to: a }]);
    assert.deepStrictEqual(g.edges(self), [{ type: 'property', name: 'next', to: self }]);
    assert.strictEqual(edgeTo(g, g.one('(Global handles)'), self).length, 1);
    // B and C hang off the cycle: A dominates them
    g.dominators();
    assert.strictEqual(g.idom[b], a);
    assert.strictEqual(g.idom[c], b);
    assert.strictEqual(g.retainedSize(a), 3 * 40);
  },

  weak() {
    const g = load('weak');
    for (const gone of ['Doomed', 'KeyDead', 'ValueB']) assert.strictEqual(g.byName(gone).length, 0, gone);
    const [target, key, table, va, vc] = ['Target', 'KeyAlive', 'WeakMap', 'ValueA', 'ValueC'].map((n) => g.one(n));
    // the weak handle: a weak edge from (Weak handles)
    assert.deepStrictEqual(g.edges(g.one('(Weak handles)')), [{ type: 'weak', name: '1', to: target }]);
    // the table: weak key and value; the integer-keyed value held strongly
    assert.deepStrictEqual(g.edges(table), [
      { type: 'weak', name: 'key', to: key }, { type: 'weak', name: 'value', to: va },
      { type: 'internal', name: 'value', to: vc }]);
    // the key keeps its value alive, as V8 shows it
    const id = (k) => g.node(k).id;
    assert.deepStrictEqual(g.edges(key), [{ type: 'internal', to: va,
      name: `part of key (KeyAlive @${id(key)}) -> value (ValueA @${id(va)}) pair in WeakMap (table @${id(table)})` }]);
    g.dominators();
    assert.strictEqual(g.idom[va], key);
    assert.strictEqual(g.idom[vc], table);
    assert.strictEqual(g.idom[target], g.one('Holder'));
  },

  large() {
    const g = load('large');
    const big = g.one('Big');
    assert.strictEqual(g.node(big).self_size, 8 + 24 + 20000 * 8);
    assert.deepStrictEqual(g.edges(g.one('(Embedder roots)')), [{ type: 'internal', name: '1', to: big }]);
    const es = g.edges(big);
    assert.strictEqual(es.length, 100);
    es.forEach((e, i) => {
      assert.strictEqual(e.type, 'element');
      assert.strictEqual(e.name, i * 200);
      assert.strictEqual(g.node(e.to).name, 'Small');
    });
    assert.strictEqual(g.retainedSize(big), 8 + 24 + 20000 * 8 + 100 * 40);
  },

  graph() {
    const g = load('graph');
    const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((n) => g.one(n));
    g.dominators();
    assert.deepStrictEqual([b, c, d, e].map((k) => g.idom[k]), [a, a, c, a]);
    assert.strictEqual(g.node(g.idom[a]).name, '(Global handles)');
    assert.deepStrictEqual([a, b, c, d, e].map((k) => g.retainedSize(k)), [440, 40, 160, 112, 192]);
  },

  closure() {
    const g = load('closure');
    const array = g.one('Array');
    assert.strictEqual(g.node(array).self_size, 8 + 24 + 30000 * 8);
    const p = g.shortestPath(array);
    assert.deepStrictEqual(names(g, p), ['element:1->(GC roots)', 'element:2->(Global handles)',
      'internal:1->global', 'property:handler->onTick', 'internal:context->system / Context',
      'context:bigArray->Array']);
    assert.strictEqual(g.node(p[3].to).type, 'closure');
    g.dominators();
    const env = g.one('system / Context');
    assert.strictEqual(g.idom[array], env);
    assert.strictEqual(g.idom[env], g.one('onTick'));
  },

  stable() {
    const g1 = load('stable1'), g2 = load('stable2');
    const before = idsOf(g1, 'Stable'), after = idsOf(g2, 'Stable');
    assert.strictEqual(before.size, 200);
    assert.strictEqual(after.size, 100);
    for (const id of after) assert.ok(before.has(id), `id ${id} is new in the second snapshot`);
  },

  leaks() {
    const [b, t, f] = ['leak-baseline', 'leak-target', 'leak-final'].map(load);
    assert.strictEqual(b.byName('LeakedObject').length, 0);
    const target = idsOf(t, 'LeakedObject'), final = idsOf(f, 'LeakedObject');
    assert.strictEqual(target.size, 500);
    assert.strictEqual(final.size, 1000);
    for (const id of target) assert.ok(final.has(id));
    assert.strictEqual(f.byName('Temporary').length, 0);
  },

  near() {
    const files = fs.readdirSync(path.join(dir, 'near')).filter((n) => n.endsWith('.heapsnapshot'));
    assert.ok(files.length >= 2);
    for (const n of files) {
      assert.match(n, /^Heap\.\d{8}\.\d{6}\.\d+\.0\.\d{3}\.heapsnapshot$/);
      const g = SnapshotGraph.load(path.join(dir, 'near', n));
      assert.ok(g.byName('Chunk').length > 1000);
    }
  },
};

let failed = 0;
for (const [name, fn] of Object.entries(cases)) {
  try {
    fn();
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack}`);
  }
}
const v8 = process.argv.indexOf('--v8-sample');
if (v8 > 0) { // our validator accepts what V8 itself writes
  try {
    const zlib = require('zlib');
    const tmp = path.join(dir, 'v8-sample.json');
    fs.writeFileSync(tmp, zlib.gunzipSync(fs.readFileSync(process.argv[v8 + 1])));
    check(tmp, { v8: true });
    fs.unlinkSync(tmp);
    console.log('ok v8 sample');
  } catch (e) {
    failed++;
    console.log(`FAIL v8 sample: ${e.message}`);
  }
}
console.log(`${Object.keys(cases).length + (v8 > 0) - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
