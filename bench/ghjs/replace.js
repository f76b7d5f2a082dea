// ~200 MB of small objects kept alive, replaced steadily (issue 4's latency case)
var N = +(process.argv[2] || 1500000), ROUNDS = +(process.argv[3] || 3000000);
var live = new Array(N);
for (var i = 0; i < N; i++) live[i] = { id: i, name: 'n' + (i & 1023), next: null, v: [i, i + 1] };
var seed = 12345, sum = 0;
for (var r = 0; r < ROUNDS; r++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  var k = seed % N;
  var o = { id: r, name: live[k].name, next: live[(k + 1) % N], v: [r, k] };
  live[k] = o;
  sum += o.v[1] & 7;
}
console.log(sum, live[0].id >= 0);
