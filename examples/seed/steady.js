// No leak, just work: each tick allocates a few thousand short-lived
// objects, strings and arrays, and a fixed window of the latest 2000
// results stays alive.  Many collections, a constant live set: memwatch
// must not report a leak (its 'stats' events show a flat base).
var memwatch = require('memwatch');

var WINDOW = 2000, PER_TICK = 3000, TICKS = 40;
var window_ = new Array(WINDOW), stats = [], leaks = 0, n = 0;
memwatch.on('stats', function (s) { stats.push(s.current_base); });
memwatch.on('leak', function (info) {
  leaks++;
  console.log('false leak:', info);
});

function work() {
  for (var i = 0; i < PER_TICK; i++, n++) {
    var parts = ['id', n, 'at', n % 60];
    var rec = { n: n, text: parts.join('-'), tags: [n & 7, n & 15, n & 31] };
    window_[n % WINDOW] = rec;
  }
}

var tick = 0;
function loop() {
  work();
  if (tick % 2 === 1) memwatch.gc();
  if (++tick < TICKS) setImmediate(loop);
  else setImmediate(done);
}

function done() {
  console.log('steady: ' + n + ' records made, ' + stats.length + ' full GCs seen, leak events ' + leaks);
  console.log('summary: ' + JSON.stringify({ scenario: 'steady', made: n, bases: stats, leaks: leaks }));
}

loop();
