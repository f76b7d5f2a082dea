// leak_check.js SCENARIO OUTPUT -- check what a leak scenario of
// examples/seed printed under ghjs (leaks.sh runs them).  Timings, sizes
// and addresses vary from run to run, so this checks the structure: the
// 'summary: {json}' line each scenario ends with, and the memwatch events
// it printed on the way.
'use strict';
const fs = require('fs');
const assert = require('assert');

const [scenario, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const line = text.split('\n').find((l) => l.startsWith('summary: '));
assert.ok(line, 'no summary line in:\n' + text);
const s = JSON.parse(line.slice('summary: '.length));

// memwatch's reason text: niceDelta and niceSize
// The rate is printed as memwatch's C++ stream prints a double (printf's
// %g): a fast machine that grows the heap by 360 KB in a millisecond gets
// "1.13855e+06 mb/hr".
const REASON = /^heap growth over 5 consecutive GCs \((\d+h )?(\d+m )?\d+s\) - -?\d+(\.\d+)?(e[+-]\d+)? (bytes|kb|mb)\/hr$/;

function leakEvents(min) {
  const printed = (text.match(/^leak: \{$/gm) || []).length;
  assert.ok(s.leaks.length >= min || s.leaks >= min, `expected at least ${min} leak event(s)`);
  if (Array.isArray(s.leaks)) {
    assert.strictEqual(printed, s.leaks.length, 'printed and counted leak events differ');
    for (const l of s.leaks) {
      assert.ok(l.start && l.end, 'start and end are Dates');
      assert.ok(l.growth > 0, 'growth is positive');
      assert.match(l.reason, REASON);
    }
  }
}

// A constant live set: the base after full GCs stays within a band (a GC
// in the middle of a batch sees that batch's temporaries too) and does
// not trend upwards.
function flat(bases) {
  assert.ok(bases.length >= 5, 'too few stats events: ' + bases.length);
  const tail = bases.slice(2);
  const lo = Math.min(...tail), hi = Math.max(...tail);
  assert.ok(hi < lo * 1.5 + 64 * 1024, `the base is not flat: ${lo}..${hi}`);
  const third = Math.max(1, Math.floor(tail.length / 3));
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const first = mean(tail.slice(0, third)), last = mean(tail.slice(-third));
  assert.ok(last < first * 1.1 + 16 * 1024, `the base trends up: ${first} -> ${last}`);
}

const checks = {
  'unbounded cache'() {
    leakEvents(1);
    assert.strictEqual(s.entries, 12 * 1500);
    assert.ok(s.bases[s.bases.length - 1] > s.bases[0] * 4, 'the heap did not grow');
  },
  'bounded cache'() {
    assert.strictEqual(s.leaks.length, 0, 'a bounded cache reported a leak');
    assert.strictEqual(s.entries, 100);
    flat(s.bases);
  },
  'module-scope array'() {
    assert.ok(s.leaks >= 1, 'no leak event');
    assert.match(s.reason, REASON);
    assert.strictEqual(s.kept, 10000);
    const d = s.diff;
    for (const side of [d.before, d.after]) {
      assert.deepStrictEqual(Object.keys(side), ['nodes', 'size_bytes', 'size']);
      assert.match(side.size, /^\d+(\.\d+)? (bytes|kb|mb)$/);
    }
    assert.deepStrictEqual(Object.keys(d.change), ['size_bytes', 'size', 'freed_nodes', 'allocated_nodes', 'details']);
    const session = d.change.details.find((x) => x.what === 'Session');
    assert.ok(session, 'no Session row in the HeapDiff');
    assert.deepStrictEqual(Object.keys(session), ['what', 'size_bytes', 'size', '+', '-']);
    assert.strictEqual(session['+'], 1000);
    assert.strictEqual(session['-'], 0);
    const names = d.change.details.map((x) => x.what);
    assert.deepStrictEqual(names, [...names].sort(), 'details are sorted by name');
    const top = [...d.change.details].sort((a, b) => b.size_bytes - a.size_bytes)[0];
    assert.strictEqual(top.what, 'Session', 'Session objects grew most');
  },
  'unbounded queue'() {
    leakEvents(1);
    assert.ok(s.lengths[s.lengths.length - 1] > s.lengths[0] * 10, 'the queue did not grow');
    assert.strictEqual(s.refused, 0);
  },
  'bounded queue'() {
    assert.strictEqual(s.leaks, 0, 'a bounded queue reported a leak');
    assert.ok(Math.max(...s.lengths) <= s.limit, 'the queue passed its limit');
    assert.ok(s.refused > 0, 'the queue refused nothing');
    assert.strictEqual(s.written, 30 * 100, 'the consumer kept working');
  },
  steady() {
    assert.strictEqual(s.leaks, 0, 'a steady workload reported a leak');
    flat(s.bases);
  },
};

assert.ok(checks[scenario], 'unknown scenario ' + scenario);
assert.strictEqual(s.scenario, scenario);
checks[scenario]();
console.log('ok', scenario);
