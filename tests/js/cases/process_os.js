// process, os and v8: shapes and key orders (values vary, so only types).
var mu = process.memoryUsage();
console.log(Object.keys(mu), Object.keys(mu).every(function (k) { return typeof mu[k] === 'number'; }));
console.log(typeof process.memoryUsage.rss(), mu.heapUsed <= mu.heapTotal, mu.rss > 0);
console.log(process.argv.length, typeof process.argv[0], process.argv[1].slice(-13), process.argv.slice(2));
console.log(typeof process.pid, process.platform, typeof process.env, typeof process.exit, process.version);
var os = require('os');
console.log(typeof os.totalmem(), os.totalmem() > os.freemem(), os.freemem() > 0);
var v8 = require('v8');
var hs = v8.getHeapStatistics();
console.log(Object.keys(hs));
console.log(hs.number_of_native_contexts, hs.heap_size_limit > hs.total_heap_size, hs.used_heap_size > 0);
var spaces = v8.getHeapSpaceStatistics();
console.log(spaces.map(function (s) { return s.space_name; }), Object.keys(spaces[1]));
console.log(typeof require('util').inspect, require('util').format('%s=%d', 'x', 5));
process.stdout.write('written\n');
