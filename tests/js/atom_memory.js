// ghjs only (not compared with node): a million keys made and forgotten
// leave no atom behind each, whether the loop runs at the top level, in a
// forEach callback or in a bound function (natives that hold no atom let
// sweeps run under them).  Without atom_gc.c the process grew by about
// 60 MB a phase here; with it, by well under 1 MB.  (Not run under
// sanitizers, whose quarantine keeps freed memory on purpose.)
function churn(map, from, n) {
  for (var i = from; i < from + n; i++) {
    map['churn:' + i] = true;
    if (i >= from + 100) delete map['churn:' + (i - 100)];
  }
}
var results = [];
function phase(name, run) {
  var before = process.memoryUsage().rss;
  var map = {};
  run(map);
  var grew = (process.memoryUsage().rss - before) / 1048576;
  results.push(grew < 16 ? 'ok' : name + ' grew ' + grew.toFixed(1) + ' MB');
}
phase('loop', function (map) { churn(map, 0, 1000000); });
phase('forEach', function (map) {
  [0, 1, 2, 3].forEach(function (k) { churn(map, 1000000 + k * 250000, 250000); });
});
phase('bound', function (map) {
  var bound = churn.bind(null, map);
  bound(2000000, 1000000);
});
console.log(results.join(' '));
