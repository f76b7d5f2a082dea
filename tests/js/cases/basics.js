// Values, operators, variables and number formatting.
var a = 1, b = 2, c;
console.log(a + b, a - b, a * b, a / b, 7 % 3, -7 % 3, 2 ** 10, c);
let x = 10;
const y = 'str';
{
  let x = 20;
  console.log('inner x', x);
}
console.log('outer x', x, y);
console.log(typeof 1, typeof 'a', typeof true, typeof undefined, typeof null, typeof {}, typeof [],
  typeof function () {}, typeof notDefined);
console.log(1 < 2, 2 <= 2, 3 > 4, 'a' < 'b', 'abc' < 'abd', '10' < '9', 10 < 9);
console.log(1 == '1', 1 === '1', null == undefined, null === undefined, NaN == NaN, 0 == false);
console.log(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, -16 >> 2, -16 >>> 28);
console.log(!0, !!'', !!'x', true && 'yes', false || 'no', null ?? 'dflt', 0 ?? 'zero');
var n = 5;
n += 3; n -= 1; n *= 2; n /= 7; n %= 3; n **= 3;
console.log('compound', n);
var s = 'a';
s += 'b' + 1 + 2;
console.log(s, 1 + 2 + 'x', 'x' + 1 + 2, '3' * '4', '10' / 2, 'a' - 1);
var i = 0;
console.log(i++, i, ++i, i--, --i, i);
console.log(0.1 + 0.2, 1 / 3, 100 / 3, 1e21, 1e-7, 123456789012345680000, -0, 2 ** 53, 2 ** 53 + 1);
console.log(1e300 * 1e10, -1e300 * 1e10, 0 / 0, 5e-324, 1.7976931348623157e308);
console.log(String(123.456), String(-1.5e-10), (255).toString(16), (255).toString(2), (0.5).toString(2));
console.log((1.005).toFixed(2), (2.5).toFixed(0), (1.45).toFixed(1), (123.456).toFixed(1), (0).toFixed(2),
  (-1.5).toFixed(0), (1e21).toFixed(2), (0.000001).toFixed(7));
console.log(parseInt('42px'), parseInt('  -17'), parseInt('0x1F'), parseInt('ff', 16), parseInt('z'),
  parseFloat('3.14abc'), parseFloat('.5'), parseFloat('-1e3'), isNaN('abc'), isNaN('12'));
console.log(Number('12'), Number(''), Number(' 12 '), Number('1e3'), Number('0x10'), Number('abc'),
  Number(null), Number(undefined), Number(true), Number([5]), Number.isInteger(5.0), Number.isInteger(5.5));
console.log(x > 5 ? 'big' : 'small', void 0, (1, 2, 3));
var t = `template ${a + b} and ${y}!`;
console.log(t, `multi
line`);
console.log(Math.max(1, 5, 3), Math.min(), Math.max(), Math.abs(-3), Math.floor(-1.5), Math.ceil(1.2),
  Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.sqrt(16), Math.pow(2, 8), Math.PI);
console.log(typeof Math.random(), Math.random() < 1, Math.sign(-3), Math.trunc(-4.7));
console.log([1, 2] + '', {} + '', [] + [], 1 + null, 1 + undefined, 'x' + null, true + 1);
console.log('in', 'a' in { a: 1 }, 'b' in { a: 1 }, 0 in [1], 'length' in []);
