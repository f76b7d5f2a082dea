// A producer faster than its consumer: log records are queued for a slow
// writer (the seed's example: logs written to a database built on a file
// system, slower than writing the file directly).  Unbounded, the queue
// and everything its jobs hold pile up: memwatch reports a leak.  Bounded
// (`ghjs queue.js bounded`), the queue refuses work once it holds LIMIT
// jobs -- the seed's "reject mode" -- and memory stays flat.
var memwatch = require('memwatch');

var bounded = process.argv[2] === 'bounded';
var LIMIT = 500, PRODUCE = 400, CONSUME = 100, TICKS = 30;

function Queue(limit) {
  this.limit = limit;
  this.jobs = [];
  this.refused = 0;
}
Queue.prototype.push = function (job) {
  if (this.limit && this.jobs.length >= this.limit) {
    this.refused++; // reject mode: the caller must retry or give up
    return false;
  }
  this.jobs.push(job);
  return true;
};
Queue.prototype.take = function () {
  return this.jobs.shift();
};

var queue = new Queue(bounded ? LIMIT : 0);
var leaks = [], lengths = [], written = 0, seq = 0;
memwatch.on('leak', function (info) {
  leaks.push(info);
  console.log('leak:', info);
});

function produce() {
  for (var i = 0; i < PRODUCE; i++, seq++)
    queue.push({ seq: seq, line: 'GET /item/' + seq + ' 200', fields: { ms: seq % 17, bytes: seq * 3 } });
}
function consume() {
  for (var i = 0; i < CONSUME && queue.jobs.length; i++) {
    queue.take();
    written++;
  }
}

var tick = 0;
function loop() {
  produce();
  consume();
  lengths.push(queue.jobs.length);
  if (tick % 3 === 2) memwatch.gc();
  if (++tick < TICKS) setImmediate(loop);
  else setImmediate(done);
}

function done() {
  console.log((bounded ? 'bounded' : 'unbounded') + ' queue: length', queue.jobs.length, 'written', written,
    'refused', queue.refused, 'leak events', leaks.length);
  console.log('summary: ' + JSON.stringify({
    scenario: bounded ? 'bounded queue' : 'unbounded queue', limit: bounded ? LIMIT : null,
    lengths: lengths, written: written, refused: queue.refused, leaks: leaks.length,
  }));
}

loop();
