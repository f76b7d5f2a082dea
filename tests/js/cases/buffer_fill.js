// buf.fill and Buffer.alloc's fill argument as node's _fill: numbers modulo
// 256, strings in an encoding (which may stand in for offset or end),
// buffers, offsets checked, patterns of no bytes refused.
function t(name, f) { try { var r = f(); console.log(name, r); } catch (e) { console.log(name, 'threw', e.name, e.code, e.message); } }
function b5() { return Buffer.alloc(5); }
t('num', function () { return b5().fill(257); });
t('neg', function () { return b5().fill(-1); });
t('float', function () { return b5().fill(65.9); });
t('str', function () { return b5().fill('ab').toString(); });
t('str empty', function () { return b5().fill(1).fill(''); });
t('str utf8', function () { return b5().fill('\u00e9'); });
t('str hex', function () { return b5().fill('a1b2', 'hex'); });
t('str bad hex', function () { return b5().fill('zz', 'hex'); });
t('str latin1', function () { return b5().fill('\u00e9x', 'latin1'); });
t('offset', function () { return b5().fill('x', 1); });
t('offset end', function () { return b5().fill('x', 1, 3); });
t('offset end enc', function () { return b5().fill('61', 1, 3, 'hex'); });
t('offset past', function () { return b5().fill('x', 9); });
t('offset neg', function () { return b5().fill('x', -1); });
t('end past', function () { return b5().fill('x', 0, 9); });
t('end before offset', function () { return b5().fill('x', 3, 1); });
t('offset str', function () { return b5().fill('x', '1'); });
t('offset float', function () { return b5().fill(1, 1.5); });
t('buffer', function () { return b5().fill(Buffer.from('xy')); });
t('empty buffer', function () { return b5().fill(Buffer.alloc(0)); });
t('bool', function () { return b5().fill(true); });
t('null', function () { return b5().fill(null); });
t('undefined', function () { return b5().fill(); });
t('object', function () { return b5().fill({}); });
t('array', function () { return b5().fill([7]); });
t('bad enc', function () { return b5().fill('x', 'nope'); });
t('alloc fill str', function () { return Buffer.alloc(5, 'ab'); });
t('alloc fill hex', function () { return Buffer.alloc(4, 'a1', 'hex'); });
t('alloc fill buf', function () { return Buffer.alloc(3, Buffer.from('q')); });
t('alloc fill empty', function () { return Buffer.alloc(3, ''); });
t('alloc fill bool', function () { return Buffer.alloc(3, true); });
t('returns this', function () { var b = b5(); return b.fill(0) === b; });
t('valueOf allocating', function () {
  var b = b5();
  return b.fill({ valueOf: function () { var junk = []; for (var i = 0; i < 1000; i++) junk.push([i]); return 9; } }, 1, 4);
});
t('allocUnsafe ignores fill', function () { return Buffer.allocUnsafe(2, 'x').length; });
