// Lone surrogates are written as node writes them: escaped by
// JSON.stringify and util.inspect, as U+FFFD on stdout.
var l = ['\uD800', 'a\uDBFFb', '\uDC00\uD800', '😀'.slice(0, 1), '😀'.slice(1)];
l.forEach(function (s) { console.log(s, s.length, JSON.stringify(s), [s]); });
console.log({ '\uD800': 1, k: '\uDFFF' });
console.log(JSON.stringify({ '\uD800x': ['\uDC00'] }), JSON.parse('"\\ud800"') === '\uD800');
console.log(require('util').inspect('\uD83D'), require('util').format('%s|%j', '\uD800', '\uDC00'));
process.stdout.write('\uD800|\uDFFF\n');
