#!/usr/bin/env node
// memlab reads genheap's snapshots (written by test_diag_snapshot.c):
//   - graph: the retained sizes and dominators we know by hand;
//   - closure: memlab's shortest retainer path to the big array goes
//     through the closure's scope;
//   - leak-baseline / -target / -final: memlab's find-leaks, tracing every
//     object allocated between baseline and target and still alive at the
//     end (its --trace-all-objects), finds the leaked objects and their
//     retainer trace.
// memlab is installed in tests/diag/memlab (npm ci there, as .ci/run does);
// without it this exits 77 (skipped).
// Usage: node memlab_check.js DIR
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');

const modules = path.join(__dirname, 'memlab', 'node_modules');
let core, heapAnalysis, api;
try {
  core = require(path.join(modules, '@memlab/core'));
  heapAnalysis = require(path.join(modules, '@memlab/heap-analysis'));
  api = require(path.join(modules, '@memlab/api'));
} catch (e) {
  console.log(`memlab is not installed (${e.code || e.message}): run "npm ci" in ${path.dirname(modules)}; skipped`);
  process.exit(77);
}

const dir = process.argv[2];
const file = (name) => path.join(dir, `${name}.heapsnapshot`);

async function load(name) {
  core.config.muteConsole = true;
  const heap = await heapAnalysis.getFullHeapFromFile(file(name));
  core.config.muteConsole = false;
  return heap;
}

function byName(heap, name) {
  const found = [];
  heap.nodes.forEach((n) => { if (n.name === name) found.push(n); });
  assert.strictEqual(found.length, 1, `${found.length} nodes named ${name}`);
  return found[0];
}

async function knownGraph() {
  const heap = await load('graph');
  const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((n) => byName(heap, n));
  const sizes = [a, b, c, d, e].map((n) => n.retainedSize);
  console.log('graph: retained sizes A..E', sizes.join(' '), '; dominators of B..E',
    [b, c, d, e].map((n) => n.dominatorNode.name).join(' '));
  assert.deepStrictEqual(sizes, [440, 40, 160, 112, 192]);
  assert.deepStrictEqual([b, c, d, e].map((n) => n.dominatorNode.name), ['A', 'A', 'C', 'A']);
  assert.deepStrictEqual([a, b, c, d, e].map((n) => n.self_size), [48, 40, 48, 112, 192]);
}

async function closurePath() {
  const heap = await load('closure');
  const array = byName(heap, 'Array');
  const steps = [];
  for (let n = array; n.pathEdge; n = n.pathEdge.fromNode) {
    steps.unshift(`${n.pathEdge.type}:${n.pathEdge.name_or_index}->${n.name}`);
  }
  console.log('closure: memlab retainer path', steps.join(' '));
  assert.deepStrictEqual(steps.slice(-4), ['internal:1->global', 'property:handler->onTick',
    'internal:context->system / Context', 'context:bigArray->Array']);
  assert.strictEqual(array.dominatorNode.name, 'system / Context');
  assert.strictEqual(array.retainedSize, 8 + 24 + 30000 * 8);
}

async function findLeaks() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'genheap-memlab-'));
  try {
    // what `memlab find-leaks --trace-all-objects` sets
    core.config.oversizeObjectAsLeak = true;
    core.config.oversizeThreshold = 0;
    const leaks = await api.findLeaksBySnapshotFilePaths(file('leak-baseline'), file('leak-target'),
      file('leak-final'), { workDir, consoleMode: 'SILENT' });
    assert.ok(leaks.length >= 1, 'memlab found no leak');
    // each leak is a retainer trace, one key per step: "N: --edge--> [name](type) @id ..."
    const trace = Object.keys(leaks[0]).filter((k) => /^\d+: /.test(k));
    const leaked = trace.filter((k) => k.includes('$memLabTag:leaked')).map((k) => /\[([^\]]*)\]/.exec(k)[1]);
    console.log(`find-leaks: ${leaks.length} cluster(s); trace:\n  ${trace.join('\n  ')}`);
    assert.deepStrictEqual(leaked, ['LeakedObject', '(array)']);
    assert.ok(trace.some((k) => k.includes('[App](object)')));
    assert.ok(trace.some((k) => k.includes('--items (property)--->')));
    for (const l of leaks) {
      const names = Object.keys(l).filter((k) => k.includes('$memLabTag:leaked'));
      assert.ok(!names.some((k) => /Temporary|Config/.test(k)), `not a leak: ${names}`);
    }
    // the report: 500 objects and their 500 payload arrays, 144 bytes each pair
    const report = fs.readFileSync(path.join(workDir, 'data', 'out', 'leaks.txt'), 'utf8');
    console.log(report.split('\n').slice(3, 5).join('\n'));
    assert.match(report, /--Similar leaks in this run: 1000--/);
    assert.match(report, /--Retained size of leaked objects: 72KB--/);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

(async () => {
  let failed = 0;
  for (const [name, fn] of [['graph', knownGraph], ['closure', closurePath], ['find-leaks', findLeaks]]) {
    try {
      await fn();
      console.log(`ok ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack}`);
    }
  }
  console.log(`${3 - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
})();
