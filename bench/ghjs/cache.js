// The seed's fix for a cache that leaks: LimitableMap (examples/seed),
// which keeps at most `limit` keys and evicts the oldest with
// keys.shift() and delete.  1,000,000 distinct keys go through a map of
// 1,000, each read back once: a test of the shift (elements moved inside
// an old store, young keys among them), of dictionary-mode objects and of
// strings made per key.
var LimitableMap = require('../../examples/seed/limitablemap.js');

var N = 1000000, LIMIT = 1000;
var map = new LimitableMap(LIMIT), hits = 0;
for (var i = 0; i < N; i++) {
  var key = 'session:' + i;
  map.set(key, { id: i, user: 'u' + (i % 977) });
  if (map.get(key).id === i) hits++;
}
console.log('keys', map.keys.length, 'hits', hits, 'oldest', map.keys[0]);
