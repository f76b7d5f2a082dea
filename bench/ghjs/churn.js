// GC churn: millions of short-lived objects (a ring buffer keeps the last
// 1024 of each kind alive, so they are really allocated and die young).
var N = +(process.argv[2] || 2000000);
var objs = new Array(1024), arrs = new Array(1024), strs = new Array(1024), fns = new Array(1024);
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.len2 = function () { return this.x * this.x + this.y * this.y; };
var total = 0;
for (var i = 0; i < N; i++) {
  var k = i & 1023;
  var o = { id: i, p: new Point(i, k), tags: [i, k, i + k] };
  objs[k] = o;
  arrs[k] = [o.p.len2() % 7, o.tags.length];
  if ((i & 15) === 0) strs[k] = 'item-' + i;
  if ((i & 63) === 0) fns[k] = (function (v) { return function () { return v; }; })(i);
  total += o.tags[2] - o.id + arrs[k][1];
}
console.log(total, objs[N & 1023 ? (N - 1) & 1023 : 1023].id, strs[0], fns[0]());
