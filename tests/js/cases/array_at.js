// Array.prototype.at and String.prototype.at (node 20 has both), and
// splice refusing to pass 2^53 - 1 on an array-like.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
var a = [1, 2, , 4];
t('at', function () { return [a.at(0), a.at(-1), a.at(2), a.at(-5), a.at(4), a.at('1'), a.at(1.7), a.at(-0.5), a.at(NaN), a.at()]; });
t('at holes and proto', function () { Array.prototype[2] = 'p'; var r = a.at(2); delete Array.prototype[2]; return r; });
t('at array-like', function () { return Array.prototype.at.call({ length: 3, 0: 'a', 2: 'c' }, -1); });
t('at on string', function () { return Array.prototype.at.call('hey', -1); });
t('at valueOf throws', function () { return a.at({ valueOf: function () { throw new Error('v'); } }); });
t('string at', function () { var s = 'h\u00e9llo\ud83d\ude00'; return [s.at(0), s.at(-1), s.at(-2), s.at(1), s.at(10), s.at(-10), ''.at(0), s.at()]; });
t('at.length', function () { return [[].at.length, ''.at.length, typeof [].at]; });
t('splice insert at 2^53-1', function () { return Array.prototype.splice.call({ length: 2 ** 53 - 1 }, 2 ** 53 - 1, 0, 'a'); });
t('splice replace at 2^53-1', function () { var o = { length: 2 ** 53 - 1 }; return [Array.prototype.splice.call(o, 2 ** 53 - 2, 1, 'z'), o.length, o[2 ** 53 - 2]]; });
