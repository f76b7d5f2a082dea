#!/usr/bin/env node
// Strict validator for .heapsnapshot files (Chrome DevTools' format, as V8
// writes it).  Usage:
//   node validate_snapshot.js [--dir DIR] [--v8] [FILE...]
// checks every FILE and every *.heapsnapshot under DIR, prints one line per
// file and exits 1 if any failed.  --v8 leaves out what only genheap's files
// promise (ids below 1001 for synthetic nodes only, interned strings, every
// node alive), so that V8's own files pass too.  Also a module: check().
'use strict';
const fs = require('fs');
const path = require('path');

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number',
  'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape',
  'wasm object'];
const EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const TOP_KEYS = ['snapshot', 'nodes', 'edges', 'trace_function_infos', 'trace_tree', 'samples',
  'locations', 'strings'];
const FIRST_OBJECT_ID = 1001; // below: synthetic nodes (V8's 1, 3, 5 ...)

function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

// Parse and check one file; returns the parsed snapshot or throws an Error
// naming the first problem.
function check(file, opts = {}) {
  const text = fs.readFileSync(file, 'utf8');
  const fail = (msg) => { throw new Error(`${file}: ${msg}`); };
  // V8's layout: one node / edge per line, later lines starting with ","
  if (!text.startsWith('{"snapshot":{"meta":{"node_fields":')) fail('does not start as V8 files do');
  if (!text.endsWith(']}')) fail('does not end with "]}"');
  for (const k of ['\n"nodes":[', '],\n"edges":[', '],\n"trace_function_infos":[],\n"trace_tree":[],\n' +
    '"samples":[],\n"locations":[', '\n"strings":["<dummy>",\n']) {
    if (!text.includes(k)) fail(`layout: missing ${JSON.stringify(k)}`);
  }
  let snap;
  try { snap = JSON.parse(text); } catch (e) { fail(`invalid JSON: ${e.message}`); }
  if (!same(Object.keys(snap), TOP_KEYS)) fail(`top-level keys ${Object.keys(snap)}`);
  const meta = snap.snapshot.meta;
  if (!same(meta.node_fields, NODE_FIELDS)) fail('node_fields');
  if (!same(meta.node_types[0], NODE_TYPES)) fail('node_types');
  if (!same(meta.node_types.slice(1), ['string', 'number', 'number', 'number', 'number', 'number'])) fail('node_types tail');
  if (!same(meta.edge_fields, EDGE_FIELDS)) fail('edge_fields');
  if (!same(meta.edge_types[0], EDGE_TYPES)) fail('edge_types');
  if (!same(meta.edge_types.slice(1), ['string_or_number', 'node'])) fail('edge_types tail');
  for (const k of ['trace_function_info_fields', 'trace_node_fields', 'sample_fields', 'location_fields']) {
    if (!Array.isArray(meta[k])) fail(`meta.${k}`);
  }
  if (!same(Object.keys(snap.snapshot), ['meta', 'node_count', 'edge_count', 'trace_function_count'])) fail('snapshot keys');
  const { nodes, edges, strings } = snap;
  const NF = NODE_FIELDS.length, EF = EDGE_FIELDS.length;
  const nodeCount = snap.snapshot.node_count, edgeCount = snap.snapshot.edge_count;
  if (nodes.length !== nodeCount * NF) fail(`nodes.length ${nodes.length} != node_count ${nodeCount} * ${NF}`);
  if (edges.length !== edgeCount * EF) fail(`edges.length ${edges.length} != edge_count ${edgeCount} * ${EF}`);
  if (text.split('\n,').length !== 1 + (nodeCount - 1) + (edgeCount - 1) + Math.max(0, snap.locations.length / 4 - 1)) {
    fail('not one node / edge / location per line');
  }
  const isCount = (x) => Number.isSafeInteger(x) && x >= 0;
  if (!strings.every((s) => typeof s === 'string')) fail('a string that is not a string');
  if (strings[0] !== '<dummy>') fail(`strings[0] is ${JSON.stringify(strings[0])}`);
  if (strings[1] !== '') fail('strings[1] is not ""');
  const strict = !opts.v8;
  if (strict && new Set(strings).size !== strings.length) fail('strings are not interned (duplicates)');
  for (const k of ['trace_function_infos', 'trace_tree', 'samples']) {
    if (!Array.isArray(snap[k])) fail(k);
  }
  if (snap.snapshot.trace_function_count !== snap.trace_function_infos.length / meta.trace_function_info_fields.length) {
    fail('trace_function_count');
  }
  // nodes
  const ids = new Set();
  let edgeSum = 0;
  for (let i = 0; i < nodes.length; i += NF) {
    for (let f = 0; f < NF; f++) if (!isCount(nodes[i + f])) fail(`node ${i / NF} field ${NODE_FIELDS[f]} = ${nodes[i + f]}`);
    if (nodes[i] >= NODE_TYPES.length) fail(`node ${i / NF}: type ${nodes[i]}`);
    if (nodes[i + 1] >= strings.length) fail(`node ${i / NF}: name index ${nodes[i + 1]}`);
    const id = nodes[i + 2];
    if (ids.has(id)) fail(`node ${i / NF}: duplicate id ${id}`);
    ids.add(id);
    const synthetic = NODE_TYPES[nodes[i]] === 'synthetic';
    if (strict && synthetic !== (id < FIRST_OBJECT_ID)) fail(`node ${i / NF}: id ${id} for a ${NODE_TYPES[nodes[i]]} node`);
    if (strict && id % 2 !== 1) fail(`node ${i / NF}: even id ${id}`);
    if (strict && !synthetic && nodes[i + 3] < 8) fail(`node ${i / NF}: self_size ${nodes[i + 3]}`);
    if (nodes[i + 6] > 2) fail(`node ${i / NF}: detachedness ${nodes[i + 6]}`);
    edgeSum += nodes[i + 4];
  }
  if (edgeSum !== edgeCount) fail(`edge counts sum to ${edgeSum}, edge_count is ${edgeCount}`);
  // the root and (GC roots)
  if (NODE_TYPES[nodes[0]] !== 'synthetic' || nodes[2] !== 1 || strings[nodes[1]] !== '') fail('node 0 is not the synthetic root (id 1)');
  if (nodes[NF + 2] !== 3 || strings[nodes[NF + 1]] !== '(GC roots)') fail('node 1 is not (GC roots) (id 3)');
  if (edges[0] !== EDGE_TYPES.indexOf('element') || edges[2] !== NF) fail('the root\'s first edge does not lead to (GC roots)');
  // edges
  for (let e = 0; e < edges.length; e += EF) {
    for (let f = 0; f < EF; f++) if (!isCount(edges[e + f])) fail(`edge ${e / EF} field ${EDGE_FIELDS[f]} = ${edges[e + f]}`);
    const type = EDGE_TYPES[edges[e]];
    if (!type) fail(`edge ${e / EF}: type ${edges[e]}`);
    if (type !== 'element' && type !== 'hidden' && edges[e + 1] >= strings.length) fail(`edge ${e / EF}: name index ${edges[e + 1]}`);
    const to = edges[e + 2];
    if (to % NF !== 0) fail(`edge ${e / EF}: to_node ${to} is not a multiple of ${NF}`);
    if (to >= nodes.length) fail(`edge ${e / EF}: to_node ${to} out of range`);
  }
  if (snap.locations.length % meta.location_fields.length) fail('locations');
  for (let l = 0; l < snap.locations.length; l += 4) {
    if (snap.locations[l] % NF || snap.locations[l] >= nodes.length) fail('location object_index');
  }
  // every object is alive: reachable from the root through strong edges
  if (strict) {
    const seen = new Uint8Array(nodeCount);
    const first = new Uint32Array(nodeCount + 1);
    for (let k = 0, e = 0; k < nodeCount; k++) { first[k] = e; e += nodes[k * NF + 4] * EF; first[k + 1] = e; }
    const stack = [0];
    seen[0] = 1;
    while (stack.length) {
      const k = stack.pop();
      for (let e = first[k]; e < first[k + 1]; e += EF) {
        if (EDGE_TYPES[edges[e]] === 'weak') continue;
        const t = edges[e + 2] / NF;
        if (!seen[t]) { seen[t] = 1; stack.push(t); }
      }
    }
    const lost = seen.indexOf(0);
    if (lost >= 0) fail(`node ${lost} (${strings[nodes[lost * NF + 1]]}, id ${nodes[lost * NF + 2]}) is not reachable from the root`);
  }
  return snap;
}

function findFiles(dir) {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...findFiles(p));
    else if (ent.name.endsWith('.heapsnapshot')) out.push(p);
  }
  return out.sort();
}

function main(argv) {
  const files = [];
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') files.push(...findFiles(argv[++i]));
    else if (argv[i] === '--v8') opts.v8 = true;
    else files.push(argv[i]);
  }
  if (!files.length) { console.error('no snapshot to check'); return 1; }
  let failed = 0;
  for (const f of files) {
    try {
      const s = check(f, opts);
      console.log(`ok ${f}: ${s.snapshot.node_count} nodes, ${s.snapshot.edge_count} edges, ${s.strings.length} strings`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${e.message}`);
    }
  }
  console.log(`${files.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

module.exports = { check, findFiles, NODE_FIELDS, NODE_TYPES, EDGE_TYPES };
if (require.main === module) process.exitCode = main(process.argv.slice(2));
