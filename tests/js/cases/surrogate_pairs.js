// A high surrogate followed by a low one is one code point however the
// string was built (concatenation, fromCharCode, join, templates...): the
// result equals the literal and prints as it.
var hi = '\uD83D', lo = '\uDE00', smile = '😀';
var parts = [hi + lo, String.fromCharCode(0xD83D, 0xDE00), [hi, lo].join(''), `${hi}${lo}`,
    'a😀b'.split('').join(''), 'x😀'.slice(1, 2) + '😀'.slice(1), hi.concat(lo), lo.padStart(2, hi)];
var s = '';
s += hi;
s += lo;
parts.push(s);
parts.forEach(function (p, i) {
    console.log(i, p, p === smile, p.length, p.charCodeAt(0), p.charCodeAt(1), JSON.stringify(p), [p]);
});
var rev = '😀a😀'.split('').reverse().join('');
console.log(rev.length, rev.charCodeAt(0).toString(16), rev.indexOf(smile), rev.split('').reverse().join('') === '😀a😀');
var o = {};
o[hi + lo] = 1;
console.log(o[smile], Object.keys(o)[0] === smile, hi + lo < '\uFFFF', (hi + lo).localeCompare(smile));
var built = '';
for (var i = 0; i < 3; i++) built += String.fromCharCode(0xD83D) + String.fromCharCode(0xDE00 + i);
console.log(built, built.length, built === '😀😁😂');
