// snapshot_check.js -- check a .heapsnapshot that ghjs wrote, with node:
//
//   node snapshot_check.js FILE [options]
//     --valid                  the layout checks only (the default)
//     --node TYPE:NAME         a node of that type and name must exist
//                              (NAME may end with * for a prefix)
//     --edge TYPE:NAME:EDGE    ... with an edge "kind:name" (or kind:index)
//     --path TYPE:NAME         print the shortest retainer path from the
//                              root to the biggest such node, DevTools'
//                              way (one "edge in node" per line)
//     --path-has EDGE,...      that path must pass these edges, in order
//                              ("context:big", "internal:context",
//                              "element:*" for any index, ...)
//
// Exit status 0 when every check holds, 1 otherwise (with the reason).
'use strict';
const fs = require('fs');

function fail(msg) {
  console.log('FAIL: ' + msg);
  process.exitCode = 1;
}

function load(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const NF = meta.node_fields.length, EF = meta.edge_fields.length;
  const g = {
    snap, NF, EF, S: snap.strings, N: snap.nodes, E: snap.edges,
    nodeTypes: meta.node_types[0], edgeTypes: meta.edge_types[0],
    count: snap.nodes.length / NF, first: null,
  };
  g.first = new Uint32Array(g.count + 1);
  for (let k = 0, e = 0; k < g.count; k++) {
    g.first[k] = e;
    e += g.N[k * NF + 4] * EF;
    g.first[k + 1] = e;
  }
  return g;
}

function validate(g) {
  const s = g.snap.snapshot;
  if (g.N.length !== s.node_count * g.NF) fail('nodes length is not node_count x fields');
  if (g.E.length !== s.edge_count * g.EF) fail('edges length is not edge_count x fields');
  if (g.first[g.count] !== g.E.length) fail('edge counts do not add up to the edges');
  if (g.S[0] !== '<dummy>') fail('strings[0] is not <dummy>');
  for (let e = 0; e < g.E.length; e += g.EF) {
    const to = g.E[e + 2];
    if (to % g.NF !== 0 || to >= g.N.length) { fail('edge ' + e / g.EF + ' points at ' + to); break; }
  }
  const ids = new Set();
  for (let k = 0; k < g.count; k++) {
    const id = g.N[k * g.NF + 2];
    if (ids.has(id)) { fail('duplicate node id ' + id); break; }
    ids.add(id);
  }
}

const node = (g, k) => ({
  type: g.nodeTypes[g.N[k * g.NF]], name: g.S[g.N[k * g.NF + 1]], id: g.N[k * g.NF + 2],
  size: g.N[k * g.NF + 3],
});

function* edges(g, k) {
  for (let e = g.first[k]; e < g.first[k + 1]; e += g.EF) {
    const type = g.edgeTypes[g.E[e]];
    const name = type === 'element' || type === 'hidden' ? g.E[e + 1] : g.S[g.E[e + 1]];
    yield { type, name, to: g.E[e + 2] / g.NF };
  }
}

function matches(g, k, spec) {
  const i = spec.indexOf(':');
  const type = spec.slice(0, i), name = spec.slice(i + 1);
  const n = node(g, k);
  if (n.type !== type) return false;
  return name.endsWith('*') ? n.name.startsWith(name.slice(0, -1)) : n.name === name;
}

function find(g, spec) {
  const out = [];
  for (let k = 0; k < g.count; k++) if (matches(g, k, spec)) out.push(k);
  return out;
}

// Breadth-first from the root over strong edges: the parent of each node.
function retainers(g) {
  const parent = new Int32Array(g.count).fill(-1), via = new Array(g.count);
  parent[0] = 0;
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const k = queue[q];
    for (const e of edges(g, k)) {
      if (e.type === 'weak' || e.type === 'shortcut' || parent[e.to] !== -1) continue;
      parent[e.to] = k;
      via[e.to] = e;
      queue.push(e.to);
    }
  }
  return { parent, via };
}

function short(name) {
  name = String(name);
  return name.length > 40 ? name.slice(0, 37) + '...' : name;
}

function label(g, k) {
  const n = node(g, k);
  const name = n.type === 'closure' ? short(n.name) + '()' : n.type === 'string' ? '"' + short(n.name) + '"' : short(n.name);
  return name + ' @' + n.id;
}

function main() {
  const args = process.argv.slice(2);
  const g = load(args[0]);
  validate(g);
  let path = null;
  for (let i = 1; i < args.length; i++) {
    const opt = args[i], val = args[i + 1];
    if (opt === '--valid') continue;
    i++;
    if (opt === '--node') {
      if (!find(g, val).length) fail('no node ' + val);
    } else if (opt === '--edge') {
      const parts = val.split(':');
      const spec = parts[0] + ':' + parts[1], want = parts.slice(2).join(':');
      const ok = find(g, spec).some((k) => [...edges(g, k)].some((e) => e.type + ':' + e.name === want));
      if (!ok) fail('no node ' + spec + ' with an edge ' + want);
    } else if (opt === '--path') {
      const found = find(g, val).sort((a, b) => node(g, b).size - node(g, a).size);
      if (!found.length) { fail('no node ' + val); continue; }
      const { parent, via } = retainers(g);
      let k = found[0];
      if (parent[k] === -1) { fail(val + ' is not reachable from the root'); continue; }
      path = [];
      console.log(label(g, k));
      for (; k !== 0; k = parent[k]) {
        const e = via[k];
        const edge = e.type === 'element' ? '[' + e.name + ']' : e.name;
        path.push(e.type + ':' + e.name);
        console.log('  ' + edge + ' in ' + label(g, parent[k]) + (e.type === 'context' ? ' (context variable)' : ''));
      }
    } else if (opt === '--path-has') {
      if (!path) { fail('--path-has without a path'); continue; }
      let at = 0;
      for (const want of val.split(',')) {
        const like = (p) => (want.endsWith(':*') ? p.startsWith(want.slice(0, -1)) : p === want);
        const j = path.findIndex((p, n) => n >= at && like(p));
        if (j < 0) { fail('the retainer path lacks ' + want + ' (after step ' + at + ')'); break; }
        at = j + 1;
      }
    } else {
      fail('unknown option ' + opt);
    }
  }
}

main();
