// Buffer sizes refused as node refuses them: ERR_INVALID_ARG_TYPE for a
// size that is not a number, ERR_OUT_OF_RANGE (the value written as node
// writes it) for one outside [0, 2^32].
function t(name, f) { try { var r = f(); console.log(name, r); } catch (e) { console.log(name, 'threw', e.name, e.code, e.message); } }
[NaN, -1, -0.5, 1.5, 4294967296, 4294967297, 2 ** 53, -(2 ** 40), 1e21, Infinity, -Infinity, 1e300, 4294967296.5].forEach(function (v) {
  t('alloc ' + v, function () { return Buffer.alloc(v).length; });
});
['5', null, undefined, {}, [], true, function f() {}].forEach(function (v) {
  t('alloc ' + typeof v, function () { return Buffer.alloc(v).length; });
});
t('allocUnsafe -1', function () { return Buffer.allocUnsafe(-1); });
t('allocUnsafeSlow x', function () { return Buffer.allocUnsafeSlow('x'); });
