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
