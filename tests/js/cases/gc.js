// gc() with --expose-gc: a full collection frees garbage.
var keep = [];
for (var i = 0; i < 1000; i++) keep.push({ i: i, s: 'str' + i });
var garbage = [];
for (var j = 0; j < 20000; j++) garbage.push([j, j + 1, j + 2]);
garbage = null;
gc();
var after = process.memoryUsage().heapUsed;
gc({ type: 'minor' });
console.log(typeof gc, keep.length, keep[999].s, after < 8 * 1024 * 1024);
