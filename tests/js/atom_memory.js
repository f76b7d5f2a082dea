// ghjs only (not compared with node): a million keys made and forgotten
// leave no atom behind each.  Without atom_gc.c the process grew by about
// 60 MB here; with it, by well under 1 MB.  (Not run under sanitizers,
// whose quarantine keeps freed memory on purpose.)
var before = process.memoryUsage().rss;
var churn = {};
for (var i = 0; i < 1000000; i++) {
  churn['churn:' + i] = true;
  if (i >= 100) delete churn['churn:' + (i - 100)];
}
var grew = (process.memoryUsage().rss - before) / 1048576;
console.log(grew < 16 ? 'ok' : 'grew ' + grew.toFixed(1) + ' MB', Object.keys(churn).length);
