// A valueOf or toString that throws inside a native call throws there,
// not at some later, unrelated call.
var util = require('util');
var bad = { valueOf() { throw new Error('boom'); } };
var badStr = { toString() { throw new Error('bang'); } };
function attempt(label, f) {
  try { var r = f(); console.log(label, 'returned', typeof r); } catch (e) { console.log(label, 'threw', e.name, e.code, e.message); }
}
attempt('Math.abs', () => Math.abs(bad));
attempt('Math.max', () => Math.max(1, bad));
attempt('Math.atan2', () => Math.atan2(bad, 1));
attempt('String slice', () => 'abcdef'.slice(bad));
attempt('Array slice', () => [1, 2, 3].slice(bad));
attempt('fromCharCode', () => String.fromCharCode(bad));
attempt('toFixed', () => (5).toFixed(bad));
attempt('Date', () => new Date(bad));
attempt('split', () => 'a,b'.split(',', bad));
attempt('indexOf', () => [1, 2].indexOf(1, bad));
attempt('charAt', () => 'abc'.charAt(bad));
attempt('lastIndexOf', () => 'abc'.lastIndexOf('a', bad));
attempt('parseInt radix', () => parseInt('10', bad));
attempt('sort', () => [3, 1, 2].sort((a, b) => bad - 1));
attempt('util.format d', () => util.format('%d', bad));
attempt('util.format s', () => util.format('x %s y', badStr));
attempt('console.log d', () => console.log('%d', bad));
attempt('console.log s', () => console.log('%s', badStr));
// the first conversion that throws ends the call: later ones do not run
var converted = 0, counted = { valueOf() { converted++; return 1; } };
var bad2 = { valueOf() { throw new Error('second'); } };
attempt('Math.max order', () => Math.max(bad, counted, bad2));
attempt('Math.min order', () => Math.min(counted, bad, bad2, counted));
console.log('converted after the throw:', converted);
// util.format's numbers: Number() for %d, parseInt for %i, parseFloat for %f
console.log(util.format('%d %i %f', { valueOf() { return 5; } }, [7], ['1.5']));
console.log(util.format('%d %i %f', {}, {}, {}));
console.log(util.format('%f %f %f %f %f %i %i', '0x10', ' 2.5e3x', 'inf', '-Infinityx', '.5', '0x10', ' -7.9'));
console.log(util.format('%i %i %i %d %d', '123456789012345678901', 'z', 42.9, '12', -0));
// %j prints a cycle as [Circular]; any other error from JSON.stringify is thrown
var cyc = {}; cyc.self = cyc;
console.log(util.format('%j|%j', cyc, [1, { b: 2 }]));
attempt('j toJSON', () => util.format('x %j', { toJSON() { throw new Error('tojson'); } }));
attempt('j lookalike', () => util.format('%j', { toJSON() { throw new TypeError('Converting circular structure to JSON, not really'); } }));
attempt('j not TypeError', () => util.format('%j', { toJSON() { throw new Error('Converting circular structure to JSON'); } }));
// process.exit validates its code as node does
[{}, true, 'abc', 1.5, [], NaN, '', '1.5', Infinity].forEach(function (c) {
  attempt('process.exit(' + util.inspect(c) + ')', () => process.exit(c));
});
console.log('done');
process.exit('3');
