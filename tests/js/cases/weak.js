// WeakMap, WeakSet, WeakRef and FinalizationRegistry (run with --expose-gc):
// the API and its errors, then what the collector does to them.  Deaths
// are observed a turn later (a WeakRef's target lives until the job ends,
// cleanup callbacks come from the event loop), each step in its own
// setImmediate so that node's order is deterministic.
function attempt(label, f) {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.constructor.name + ': ' + e.message);
  }
}

var k = { a: 1 };
var wm = new WeakMap();
console.log(wm, wm.set(k, 'v') === wm, wm.get(k), wm.has(k), wm.get({}), wm.has({}));
console.log(wm.delete(k), wm.delete(k), wm.has(k), wm.get(k), wm.get(1), wm.has('x'), wm.delete(null));
console.log(new WeakSet([k]), new WeakRef(k), new FinalizationRegistry(function () {}));
console.log([new WeakRef(k)], { r: new WeakRef(k) }, { m: new WeakMap(), s: new WeakSet() });
wm.extra = 1;
console.log(wm, require('util').inspect(new WeakMap([[k, 2]]), { showHidden: true }));
console.log(typeof WeakMap, WeakMap.name, WeakMap.length, WeakSet.length, WeakRef.length,
  FinalizationRegistry.length, WeakMap.prototype.set.length, FinalizationRegistry.prototype.register.length);
console.log(Object.getOwnPropertyNames(WeakMap.prototype), Object.getOwnPropertyNames(WeakSet.prototype),
  Object.getOwnPropertyNames(WeakRef.prototype), Object.getOwnPropertyNames(FinalizationRegistry.prototype));
console.log(Object.prototype.toString.call(wm), String(new WeakSet()), String(new WeakRef(k)),
  Object.prototype.toString.call(new FinalizationRegistry(function () {})));
var ws = new WeakSet();
console.log(ws.add(k) === ws, ws.has(k), ws.has({}), ws.delete(k), ws.has(k), ws.delete(k));
var fr0 = new FinalizationRegistry(function () {});
console.log(fr0.register(k, 1), fr0.register(k, 2, k), fr0.unregister(k), fr0.unregister(k), fr0.unregister({}));

[
  ['set number key', function () { return wm.set(1, 2); }],
  ['set string key', function () { return wm.set('s', 2); }],
  ['set null key', function () { return wm.set(null, 2); }],
  ['weakset add', function () { return new WeakSet().add(1); }],
  ['weakref of number', function () { return new WeakRef(1); }],
  ['weakref of nothing', function () { return new WeakRef(); }],
  ['register number', function () { return fr0.register(1, 2); }],
  ['register same', function () { return fr0.register(k, k); }],
  ['register bad token', function () { return fr0.register({}, 1, 5); }],
  ['unregister number', function () { return fr0.unregister(1); }],
  ['unregister string', function () { return fr0.unregister('abc'); }],
  ['WeakMap()', function () { return WeakMap(); }],
  ['WeakSet()', function () { return WeakSet(); }],
  ['WeakRef()', function () { return WeakRef({}); }],
  ['FinalizationRegistry()', function () { return FinalizationRegistry(function () {}); }],
  ['bad cleanup', function () { return new FinalizationRegistry(1); }],
  ['get on object', function () { return WeakMap.prototype.get.call({}, k); }],
  ['set on weakset', function () { return WeakMap.prototype.set.call(new WeakSet(), k); }],
  ['has on 1', function () { return WeakMap.prototype.has.call(1, k); }],
  ['deref on weakmap', function () { return WeakRef.prototype.deref.call(new WeakMap()); }],
  ['iterable number', function () { return new WeakMap(5); }],
  ['iterable object', function () { return new WeakMap({}); }],
  ['entry not object', function () { return new WeakMap([1]); }],
  ['entry string', function () { return new WeakMap('ab'); }],
  ['entry bad key', function () { return new WeakMap([[1, 2]]); }],
  ['weakset of 1', function () { return new WeakSet([1]); }],
  ['from pairs', function () { return new WeakMap([[{}, 1], [k, 2]]).get(k); }],
  ['from null', function () { return new WeakMap(null); }],
].forEach(function (t) { attempt(t[0], t[1]); });

// ---- the collector's side ----
var keys = [];
var map = new WeakMap();
var set = new WeakSet();
for (var i = 0; i < 2000; i++) {
  var key = { i: i };
  keys.push(key);
  map.set(key, i % 4 === 0 ? { v: i } : i % 4 === 1 ? 'v' + i : i % 4 === 2 ? i : undefined);
  set.add(key);
}
function check(label) {
  var bad = 0;
  for (var j = 0; j < keys.length; j++) {
    var v = map.get(keys[j]);
    var want = j % 4 === 0 ? j : j % 4 === 1 ? 'v' + j : j % 4 === 2 ? j : undefined;
    if ((j % 4 === 0 ? v.v : v) !== want || !set.has(keys[j]) || !map.has(keys[j])) bad++;
  }
  console.log(label, 'entries checked', keys.length, 'bad', bad);
}
check('fresh:');
gc({ type: 'minor' });
check('after a scavenge:');
gc();
check('after a full gc:');
for (var j = 0; j < 2000; j += 2) map.delete(keys[j]);
for (var j = 0; j < 2000; j += 2) map.set(keys[j], j % 4 === 0 ? { v: j } : j % 4 === 1 ? 'v' + j : j % 4 === 2 ? j : undefined);
gc();
check('deleted and set again:');

// a value lives while its key does, even if only the value refers to the key
var live = { name: 'live key' };
var ephemeral = new WeakMap();
var valueRefs = [];
(function () {
  var dead = { name: 'dead key' };
  var v1 = { back: dead, tag: 'value of a dead key' };
  ephemeral.set(dead, v1);
  valueRefs.push(new WeakRef(v1));
  var v2 = { tag: 'value of a live key' };
  ephemeral.set(live, v2);
  valueRefs.push(new WeakRef(v2));
  // a chain: k1 -> v1 holds k2 -> v2; k1 dies, so does the chain
  var k1 = {}, k2 = {};
  var c2 = { tag: 'end of a dead chain' };
  ephemeral.set(k1, { next: k2 });
  ephemeral.set(k2, c2);
  valueRefs.push(new WeakRef(c2));
})();

var log = [];
var registry = new FinalizationRegistry(function (held) { log.push(held); console.log('cleanup', held); });
var token = {};
var kept = { name: 'kept target' };
(function () {
  registry.register({ n: 1 }, 'first');
  registry.register({ n: 2 }, 'second', token);
  registry.register({ n: 3 }, { held: 'third' });
  registry.register(kept, 'never: still alive');
  registry.register({ n: 4 }, 'fourth', { token: 'dies with its target' });
  var lost = new FinalizationRegistry(function () { console.log('a dead registry calls nobody'); });
  lost.register({ n: 5 }, 'lost');
})();
console.log('unregister by token:', registry.unregister(token), registry.unregister(token));

var target = { t: 'weakref target' };
var ref = new WeakRef(target);
var keptRef = new WeakRef(kept);
target = null;
gc();
console.log('same job, after gc:', ref.deref());

var steps = [
  function () {
    console.log('next job, cleanups so far:', log.length);
    gc(); // the target's job is over: this one finds it dead
  },
  function () {
    console.log('after gc in a job before:', ref.deref(), keptRef.deref().name);
    console.log('values:', valueRefs.map(function (r) { var v = r.deref(); return v && v.tag; }));
    console.log('live key still mapped:', ephemeral.get(live).tag, 'cleanups so far:', log.length);
    // a collection in a timer callback: cleanup comes before the next immediate
    registry.register({ n: 6 }, 'sixth');
  },
  function () {
    gc();
    setImmediate(function () { console.log('immediate after the cleanups'); });
    process.nextTick(function () { console.log('nextTick before them'); });
  },
];
function run(i) {
  if (i < steps.length) setImmediate(function () { steps[i](); run(i + 1); });
}
run(0);
