// ghjs only (not compared with node): prototypes made per call and dropped
// at once are freed, with everything their methods close over.  Until
// shapes held their prototype weakly (shape.c), each of these 20,000 calls
// kept its 80 KB array for good: 1.6 GB of heap, where node keeps none.
// Three ways of making them: a constructor whose method closes over the
// call's data, Object.create over a fresh object, and setPrototypeOf.
function handler(i) {
  const data = new Array(10000).fill(i);
  function Box() { this.id = i; }
  Box.prototype.get = function () { return data; };
  return new Box();
}
function created(i) {
  const data = new Array(10000).fill(i);
  return Object.create({ get: function () { return data; } });
}
function moved(target, i) {
  const data = new Array(10000).fill(i);
  Object.setPrototypeOf(target, { get: function () { return data; } });
  return target;
}
const results = [];
function phase(name, make) {
  const before = process.memoryUsage();
  let last;
  for (let i = 0; i < 20000; i++) last = make(i);
  const after = process.memoryUsage();
  const heap = (after.heapUsed - before.heapUsed) / 1048576;
  const rss = (after.rss - before.rss) / 1048576;
  const right = last.get()[0] === 19999;
  results.push(right && heap < 64 && rss < 128 ? 'ok' :
    name + ' heap +' + heap.toFixed(1) + ' MB, rss +' + rss.toFixed(1) + ' MB, ' + right);
}
phase('constructor', handler);
phase('Object.create', created);
const target = {};
phase('setPrototypeOf', function (i) { return moved(target, i); });
console.log(results.join(' '));
