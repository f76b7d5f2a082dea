// Assorted semantics: number formatting, sort, labels, delete, key order, coercions.
console.log(1e-7, 123e-20, 0.000001, 1.5e300, -1e-7, 2 ** 31, 2 ** 32 + 0.5, 1 / 7, 100, 1e100, 5e-7, 12345.6789e10);
console.log((123.456).toFixed(10), (0.1).toFixed(20), (1234.5678).toFixed(2), (-0.0001).toFixed(2), (99.995).toFixed(2));
console.log((12.34).toString(2), (-255).toString(16), (3.75).toString(8), (0).toString(2), (1e21).toString(36));
console.log(String(-1e-7), String(1e-6), String(123456789012345678901234567890));
console.log([1, , 3].join('-'), [null, undefined].join(), [[1, 2], [3]].join(';'));
console.log([3, 1, undefined, 2].sort(), ['b', 'a', 'B', 'A'].sort(), [10, 1, 5].sort().reverse());
var stable = [{k: 1, v: 'a'}, {k: 0, v: 'b'}, {k: 1, v: 'c'}, {k: 0, v: 'd'}];
console.log(stable.sort(function (x, y) { return x.k - y.k; }).map(function (o) { return o.v; }).join(''));
switch ('b') { case 'a': console.log('A'); break; case 'b': console.log('B'); default: console.log('D'); }
var i = 0;
lbl: do { i++; if (i < 3) continue lbl; break; } while (true);
console.log('i', i);
function thrower() { [1, 2].forEach(function (x) { if (x === 2) throw new TypeError('in forEach'); }); }
try { thrower(); } catch (e) { console.log(e.name, e.message, e instanceof TypeError); }
var arr = [1, 2, 3];
delete arr[1];
console.log(arr, arr.length, 1 in arr, Object.keys(arr), Object.keys('ab'));
console.log(JSON.stringify([{a: [1, {b: 2}]}, []], null, 2));
console.log(typeof Date.now(), Date.now() > 1600000000000);
console.log(Number.MAX_SAFE_INTEGER, Number.EPSILON > 0, Number.MIN_VALUE, Number.MAX_VALUE);
console.log(0.1 * 3, 0.7 + 0.1, 1.1 * 1.1, 3 * 1.1, 9007199254740993, -(2 ** 53));
console.log(7 / 2 | 0, -7 / 2 | 0, ~~3.7, 2 ** -1, (-8) % 3, 8 % -3, 5.5 % 2);
console.log(parseInt('123abc456'), parseInt(''), parseInt('-0'), parseFloat('1e1000'), parseFloat('-.5e-3'));
console.log('abc'.indexOf(''), 'abc'.lastIndexOf('c', 1), 'aaa'.split('a'), ''.split(','), 'abc'.slice(2, 1));
var o = {b: 1, a: 2, 1: 'x', 0: 'y', '-1': 'z', '01': 'w'};
console.log(Object.keys(o), JSON.stringify(o));
for (var k in o) { if (k === 'a') delete o.b; }
console.log(Object.keys(o));
console.log([1, 2, 3].map(String), ['1', '2', '3'].map(Number), ['a', 'b'].map(function (x, i) { return x + i; }));
console.log(Math.max.apply(Math, [1, 2, 3]), Math.min.apply(null, []), Math.abs(-0), Math.floor(-0.5));
var fnToString = function add(a, b) { return a + b; };
console.log(fnToString.toString(), String(Math.max));
console.log(isNaN(undefined), isNaN(null), isFinite('12'), isFinite(Infinity));
console.log([0, -0, NaN, '', null, undefined, [], {}, 'x'].map(function (v) { return !!v; }));
console.log(null + 1, undefined + 'x', [] + {}, [1] == 1, [1, 2] == '1,2', null == 0, undefined == 0, '' == 0);
var big = 'x'.repeat(3) + `${1 + 1}${'y'}`;
console.log(big, big.length);
console.log(new Error('m').toString(), new RangeError('r').toString(), String(new TypeError()));
var e = new Error('msg');
console.log(e.stack.split('\n')[0], Object.keys(e), e.hasOwnProperty('message'), 'stack' in e);
console.log([1, 2, 3].indexOf(2, -1), [1, 2, 3].slice(-2, -1), [1, 2, 3, 4].splice(-2), Array(3).fill(7));
var counter = 0;
var obj = { valueOf: function () { counter++; return 5; } };
console.log(obj * 2, obj + 1, obj > 4, counter);
