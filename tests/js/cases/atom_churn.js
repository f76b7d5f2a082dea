// Property names made at run time: ghjs interns each as an atom and frees
// the atoms nothing names any more (atom_gc.c), reusing their ids.  Each
// phase makes more than enough new names for sweeps to run in it, and
// checks that every name still held -- by an object's keys, a for-in in
// progress, a string kept by the script -- still means what it meant.

// 1. The seed's cache pattern: a bounded dictionary of ever-new keys.
var cache = {}, order = [];
for (var i = 0; i < 150000; i++) {
  var k = 'session:' + i;
  cache[k] = i;
  order.push(k);
  if (order.length > 500) delete cache[order.shift()];
}
var keys = Object.keys(cache);
console.log('cache', keys.length, keys[0], keys[keys.length - 1], cache['session:149999'],
            cache['session:149499'], cache['session:149498']);

// 2. Strings from Object.keys name atoms that nothing else names once the
// object forgets them; they must still work as keys after the ids are
// reused for other names.
var held = Object.keys(cache).slice(0, 5);
for (var i = 0; i < held.length; i++) delete cache[held[i]];
var other = {};
for (var i = 0; i < 100000; i++) other['o' + i] = i;
other = null;
var again = {};
for (var i = 0; i < held.length; i++) again[held[i]] = i;
console.log('held', JSON.stringify(again), held[0] in again, 'session:149500' in again);

// 3. A for-in in progress keeps its keys while the loop body makes others.
var src = {};
for (var i = 0; i < 2000; i++) src['f' + i] = i;
var seen = 0, wrong = 0, scratch = {};
for (var k in src) {
  for (var j = 0; j < 40; j++) scratch[k + '/' + j + '/' + seen] = j;
  if (src[k] !== seen) wrong++;
  seen++;
  if (seen % 200 === 0) scratch = {};
}
console.log('for-in', seen, 'wrong', wrong);

// 4. Index-like names, as keys of plain objects and arrays.
var nums = {};
for (var i = 0; i < 120000; i++) {
  nums[String(i * 7)] = i;
  if (i >= 100) delete nums[String((i - 100) * 7)];
}
var arr = [];
for (var i = 0; i < 1000; i++) arr[i] = i;
var total = 0;
for (var k in arr) total += arr[k];
console.log('numbers', Object.keys(nums).length, nums['839993'], nums['840000'], total);

// 5. JSON round trips with fresh keys, and names kept in an array.
var names = [];
for (var round = 0; round < 30; round++) {
  var text = '{' + Array.from({ length: 3000 }, function (_, n) {
    return '"r' + round + 'k' + n + '":' + n;
  }).join(',') + '}';
  var parsed = JSON.parse(text);
  names.push(Object.keys(parsed)[2999]);
}
var last = {};
names.forEach(function (n, i) { last[n] = i; });
console.log('json', names[0], names[29], last.r29k2999, JSON.stringify(last).length);
