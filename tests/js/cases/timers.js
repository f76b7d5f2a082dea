// The event loop: nextTick, timers, immediates, intervals (Node's order;
// delays are far apart so that the order does not depend on timing: the
// first timer is 120 ms away, since a stress-mode ASan build on a busy
// machine once took 30 ms to reach its first loop turn).
console.log('sync start');
setTimeout(function () { console.log('timeout 150'); }, 150);
setTimeout(function (a, b) { console.log('timeout 120 args', a, b); }, 120, 'x', 'y');
setImmediate(function () {
  console.log('immediate');
  process.nextTick(function () { console.log('tick after immediate'); });
});
process.nextTick(function () { console.log('nextTick 1'); });
process.nextTick(function (v) { console.log('nextTick 2', v); }, 'arg');
var n = 0;
var iv = setInterval(function () {
  n++;
  console.log('interval', n);
  if (n === 3) clearInterval(iv);
}, 300);
var cancelled = setTimeout(function () { console.log('never'); }, 10);
clearTimeout(cancelled);
setTimeout(function () {
  console.log('timeout 180');
  process.nextTick(function () { console.log('tick inside timer'); });
  setImmediate(function () { console.log('immediate from timer'); });
}, 180);
// the seed's producer/consumer queue
var queue = [];
var produced = 0;
function produce() {
  queue.push('job' + produced++);
  if (produced < 5) setTimeout(produce, 20);
}
function consume() {
  while (queue.length) console.log('consumed', queue.shift());
  if (produced < 5 || queue.length) setTimeout(consume, 40);
  else console.log('queue drained');
}
// after the interval's last tick (900 ms): a chain of timers each set from
// the one before drifts when the machine is busy, so nothing comes after it
setTimeout(produce, 1000);
setTimeout(consume, 1005);
var t = setTimeout(function () { console.log('unref timer never keeps the loop'); }, 100000);
t.unref();
console.log('sync end');
