// toPrecision rounds exact ties away from zero as JS does (printf rounds
// them to even), and -0 formats as 0 in toFixed and toPrecision.
console.log((2.5).toPrecision(1), (0.125).toPrecision(2), (-2.5).toPrecision(1), (1.25).toPrecision(2),
    (12.5).toPrecision(2), (0.5).toPrecision(1), (1e21).toPrecision(3), (123.456).toPrecision(4));
console.log((0).toPrecision(3), (-1.5e-7).toPrecision(2), (99.95).toPrecision(3), (5e-324).toPrecision(2),
    (9.995).toPrecision(3), (0.00001234).toPrecision(2), (1234.5).toPrecision(4), (999.99).toPrecision(2));
console.log((1).toPrecision(1), (0.000001).toPrecision(1), (0.0000001).toPrecision(1), (123456).toPrecision(6),
    (1.7976931348623157e308).toPrecision(5), (-9.5).toPrecision(1), (0.000015).toPrecision(1));
console.log((-0).toFixed(2), (-0).toFixed(0), (-0).toPrecision(2), (-0).toPrecision(1), (-0.0001).toFixed(2),
    (-1e-10).toFixed(3), (-0.5).toFixed(0), (1.005).toFixed(2));
var seed = 12345;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
var lines = [];
for (var i = 0; i < 300; i++) {
    var x = Number((rnd() < 0.5 ? '-' : '') + Math.floor(rnd() * 1000) + '5e' + (Math.floor(rnd() * 12) - 8));
    lines.push(x + ' ' + x.toPrecision(1 + Math.floor(rnd() * 6)));
}
console.log(lines.join('\n'));
// numeric strings of 400 characters and more are numbers too
var longDigits = '1'.repeat(400), longZero = '0.' + '0'.repeat(500) + '1';
console.log(Number(longDigits), Number(longZero), Number(' ' + '9'.repeat(300) + '.5 '));
console.log(parseFloat(longDigits + 'x'), parseFloat(longZero), JSON.parse(longDigits));
console.log(Number('1' + '0'.repeat(450) + 'e-440'), Number('0x' + 'f'.repeat(400)));
// the largest precision: 100 digits (rounded from 140)
console.log((1.5).toPrecision(100), (123.456).toPrecision(100));
console.log((-1e-300).toPrecision(99), (0).toPrecision(100), (1e21).toPrecision(100));
