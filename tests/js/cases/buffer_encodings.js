// Buffer encodings (utf8, hex, latin1/binary, ascii, base64, base64url,
// utf16le; others throw), toString's start/end, and UTF-8 decoding the
// WHATWG way (one U+FFFD per bad sequence, surrogates and overlongs bad).
var b = Buffer.from('héllo wörld 😀');
console.log(b.toString('utf8', 1, 5), b.toString('hex', -1, 100), b.toString(undefined, 2), JSON.stringify(b.toString('utf8', 3, 1)));
console.log(b.toString('UTF-8'), b.toString('Hex'), b.toString('base64'), b.toString('base64url'), b.toString('ascii'), b.toString('latin1'));
console.log(b.toString('utf16le').length, JSON.stringify(Buffer.from('hi!').toString('utf16le')), Buffer.from('ab', 'utf16le'));
['', 'a', 'ab', 'abc', 'abcd', 'abcde'].forEach(function (s) {
    var x = Buffer.from(s);
    console.log(JSON.stringify(x.toString('base64')), JSON.stringify(x.toString('base64url')), Buffer.from(x.toString('base64'), 'base64').toString());
});
console.log(Buffer.from('=aGk', 'base64'), Buffer.from('aGk', 'base64'), Buffer.from('a GV s\nbG8', 'base64'), Buffer.from('_-8', 'base64'), Buffer.from('-_8=', 'base64url'));
console.log(Buffer.from('a', 'hex'), Buffer.from('abz1', 'hex'), Buffer.from('ABcd', 'hex'), Buffer.from(' a12', 'hex'), Buffer.from('é', 'latin1'), Buffer.from('éĀ😀', 'ascii'), Buffer.from('😀', 'binary'));
try { Buffer.from('x', 'bogus'); } catch (e) { console.log(e.name, e.code, e.message); }
try { b.toString('nope'); } catch (e) { console.log(e.name, e.code, e.message); }
[[0xff, 0xfe, 0x80, 0x41], [0xed, 0xa0, 0x80, 0x41], [0xe2, 0x82, 0x41], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80],
 [0xf0, 0x9f, 0x98, 0x80, 0xc3], [0xe2, 0x82, 0xac], [0xc2], [0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xef, 0xbf, 0xbf]].forEach(function (a) {
    var s = Buffer.from(a).toString();
    console.log(JSON.stringify(s), s.length, Buffer.from(s));
});
console.log(Buffer.from('a\ud800b'), Buffer.from('\ud83d\ude00'));
