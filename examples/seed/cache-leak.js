// The seed's object cache (cache.js) serving ever-new keys -- request ids --
// grows without bound: memwatch reports a 'leak' after five full GCs in a
// row that each found a bigger heap.  The same cache bounded with
// LimitableMap (limitablemap.js) keeps only the last 100 entries, and
// memwatch stays quiet.
//   ghjs cache-leak.js           the leak
//   ghjs cache-leak.js bounded   the fix
var memwatch = require('memwatch');
var LimitableMap = require('./limitablemap');

var bounded = process.argv[2] === 'bounded';
var cache = {}, get = function (key, val) { return cache[key] ? cache[key] : cache[key] = val; };
var limited = new LimitableMap(100);

var leaks = [], stats = [];
memwatch.on('leak', function (info) {
  leaks.push(info);
  console.log('leak:', info);
});
memwatch.on('stats', function (s) { stats.push(s.current_base); });

var ROUNDS = 12, PER_ROUND = 1500, round = 0, next = 0;
function serve() {
  for (var i = 0; i < PER_ROUND; i++, next++) {
    var key = 'request-' + next;
    var value = { id: next, user: 'user' + (next % 97), body: 'payload of request ' + next };
    if (bounded) limited.set(key, value);
    else get(key, value);
  }
  memwatch.gc(); // a full GC after each batch: memwatch looks at what survives it
  if (++round < ROUNDS) setImmediate(serve);
  else setImmediate(done);
}

function done() {
  var entries = bounded ? Object.keys(limited.map).length : Object.keys(cache).length;
  console.log(bounded ? 'bounded cache' : 'unbounded cache', 'entries:', entries, 'leak events:', leaks.length);
  console.log('summary: ' + JSON.stringify({
    scenario: bounded ? 'bounded cache' : 'unbounded cache',
    entries: entries,
    bases: stats,
    leaks: leaks.map(function (l) {
      return { start: l.start instanceof Date, end: l.end instanceof Date, growth: l.growth, reason: l.reason };
    }),
  }));
}

serve();
