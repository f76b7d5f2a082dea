// The seed's module-scope leak found with the tools the seed names:
// memwatch ('leak' event, HeapDiff) and a heap snapshot (v8 or heapdump).
// Each batch of requests leaves its Session objects in leaky-module.js's
// private array; memwatch reports the growth, the HeapDiff of one batch
// shows what grew, and the snapshot's retainer path shows who holds it.
//   ghjs module-leak.js [snapshot-file]
var memwatch = require('memwatch');
var v8 = require('v8');
var store = require('./leaky-module');

function Session(id) {
  this.id = id;
  this.user = 'user' + (id % 50);
  this.started = id * 1000;
}

var leaks = [], diff = null;
memwatch.on('leak', function (info) {
  leaks.push(info);
  console.log('leak:', info);
});

var ROUNDS = 10, PER_ROUND = 1000, round = 0, next = 0;
function batch() {
  var hd = round === 5 ? new memwatch.HeapDiff() : null;
  for (var i = 0; i < PER_ROUND; i++) store.add(new Session(next++));
  if (hd) {
    diff = hd.end();
    console.log('HeapDiff of one batch: change', diff.change.size, 'top rows:');
    diff.change.details.slice().sort(function (a, b) { return b.size_bytes - a.size_bytes; })
      .slice(0, 3).forEach(function (d) {
        console.log('  ' + d.what + ': +' + d['+'] + ' -' + d['-'] + ' ' + d.size);
      });
  }
  memwatch.gc();
  if (++round < ROUNDS) setImmediate(batch);
  else setImmediate(done);
}

function done() {
  var file = process.argv[2];
  if (file) console.log('snapshot:', v8.writeHeapSnapshot(file));
  console.log('sessions kept:', store.get().length, 'leak events:', leaks.length);
  console.log('summary: ' + JSON.stringify({
    scenario: 'module-scope array', kept: store.get().length, leaks: leaks.length,
    reason: leaks.length ? leaks[0].reason : null, diff: diff,
  }));
}

batch();
