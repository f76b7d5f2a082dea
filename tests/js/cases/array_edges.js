// Builtins at their edges: found by running mutated scripts under the
// sanitizers (lengths past 2^32 - 1, strings of several code points,
// comparators whose result throws).
function t(name, f) {
  try {
    console.log(name, f());
  } catch (e) {
    console.log(name, 'threw', e.name, e.message);
  }
}
t('from string', function () { return Array.from('h\u00e9llo\ud83d\ude00!'); });
t('from string mapped', function () { return Array.from('a\u00e9\ud83d\ude00', function (c, i) { return c + i; }); });
t('from lone surrogate', function () { return Array.from('x\ud800y').length; });
t('from length 2^32', function () { return Array.from({ length: 4294967296 }); });
t('slice 2^33', function () { return Array.prototype.slice.call({ length: 8589934592 }); });
t('map 2^32', function () { return Array.prototype.map.call({ length: 4294967296 }, function () {}); });
t('splice 2^33', function () { return Array.prototype.splice.call({ length: 8589934592 }, 0); });
t('concat past 2^32 - 1', function () {
  var a = new Array(4294967295);
  a[5] = 1;
  return a.concat([1]);
});
var calls = 0;
t('sort valueOf throws', function () {
  return [5, 4, 3, 2, 1].sort(function (a, b) {
    calls++;
    if (calls === 1) return { valueOf: function () { throw new Error('from valueOf'); } };
    return a - b;
  });
});
console.log('comparator calls', calls);

// sort and concat of arrays whose length runs far past their elements:
// only the elements present are walked (node's sort also takes the
// sparse path here); inherited indices still count
var sparse = [3, 1, 2];
sparse.length = 1e8;
sparse.sort();
console.log(sparse[0], sparse[1], sparse[2], sparse.length, 3 in sparse);
var gappy = [5, , 7];
gappy.length = 3e9;
var joined = gappy.concat([]);
console.log(joined.length, joined[0], 1 in joined, joined[2]);
var desc = [3, , 1, undefined, 0];
desc.length = 1e7;
desc.sort(function (x, y) { return y - x; });
console.log(desc.slice(0, 6), desc.length, Object.keys(desc));
Array.prototype[5] = 'inherited';
var inh = [3, , 1];
inh.length = 8;
inh.sort();
console.log(inh, Object.keys(inh), [0].concat(inh).length);
delete Array.prototype[5];
// an array-like far longer than what it holds: sorted from what is
// found, and its holes deleted without a name made for each
var like = { length: 4e6, 0: 2, 1: 1, 5: 0 };
Array.prototype.sort.call(like);
console.log(like[0], like[1], like[2], like[5], Object.keys(like));
// push onto the longest array (2^32 - 1): node stores the values as
// properties ('4294967295', ...), then refuses the new length.
t('push past 2^32 - 1', function () {
  var a = [];
  a.length = 4294967295;
  try { a.push(8, 9); } catch (e) { return [e.name, e.message, a.length, Object.keys(a), a[4294967296]]; }
});
// array-likes at ToLength's limit (2^53 - 1): push and unshift refuse to
// pass it before touching anything (unshift used to start moving 2^53
// elements one by one)
t('push 2^53 - 1', function () { var o = { length: 2 ** 53 - 1 }; return Array.prototype.push.call(o, 1); });
t('push past 2^53 - 1', function () { var o = { length: 2 ** 53 - 2 }; return Array.prototype.push.call(o, 1, 2); });
t('push nothing at 2^53 - 2', function () { var o = { length: 2 ** 53 - 2 }; return Array.prototype.push.call(o); });
t('push, length past 2^53', function () { var o = { length: 2 ** 53 + 10 }; return Array.prototype.push.call(o, 1); });
t('unshift 2^53 - 1', function () { return Array.prototype.unshift.call({ length: 2 ** 53 - 1 }, 1); });
