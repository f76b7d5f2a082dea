// A long-lived queue shifted and spliced while young jobs arrive: the
// elements move inside an old store (gh_move_slots), and every job must
// survive the scavenges after the moves with its contents.
var queue = [], seq = 0, taken = 0, sum = 0;
function job(n) { return { seq: n, tag: 'job' + n, data: [n, n * 2] }; }
for (var i = 0; i < 3000; i++) queue.push(job(seq++));
for (var round = 0; round < 300; round++) {
  for (var k = 0; k < 40; k++) queue.push(job(seq++));
  for (var k = 0; k < 30; k++) {
    var j = queue.shift();
    if (j.tag !== 'job' + j.seq || j.data[1] !== j.seq * 2) throw new Error('corrupt job ' + j.seq);
    sum += j.seq;
    taken++;
  }
  if (round % 7 === 0) queue.unshift(job(-round), job(-round - 0.5));
  if (round % 11 === 0) queue.splice(5, 3, job(seq++));
  var garbage = [];
  for (var g = 0; g < 200; g++) garbage.push({ g: g, s: 'x' + g });
}
var ok = queue.every(function (j) { return j.tag === 'job' + j.seq && j.data[0] === j.seq; });
console.log('length', queue.length, 'taken', taken, 'sum', sum, 'intact', ok);
console.log('first', queue[0].seq, 'last', queue[queue.length - 1].seq);
