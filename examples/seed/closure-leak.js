// A closure keeps its whole scope alive.  Every handler made by
// makeHandler() only uses `id`, but it shares its scope with `log`, which
// uses `big`: the scope (V8's Context, ghjs's environment) holds both, so
// each kept handler keeps a 20 KB string.  A heap snapshot shows it as
// the retainer path  big <- context variable <- (closure) handler <- ...
//   ghjs closure-leak.js [snapshot-file]     (node writes the same path)
var v8 = require('v8');

function makeHandler(id) {
  var big = new Array(20000).join('*');
  var log = function () { return 'request ' + id + ' with ' + big.length + ' bytes'; };
  if (id < 0) log();
  return function handler() { return id; };
}

var handlers = [];
var ticks = 0;
function tick() {
  for (var i = 0; i < 10; i++) handlers.push(makeHandler(handlers.length));
  if (++ticks < 5) return setImmediate(tick);
  var file = process.argv[2];
  console.log('handlers kept:', handlers.length, 'last returns', handlers[handlers.length - 1]());
  if (file) console.log('snapshot:', v8.writeHeapSnapshot(file));
}
tick();
