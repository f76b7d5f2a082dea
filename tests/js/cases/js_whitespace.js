// trim, Number(), parseInt and parseFloat skip every JS white space and
// line terminator, not only the ASCII ones.
var ws = ['\u00A0', '\u1680', '\u2000', '\u2005', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000',
    '\uFEFF', '\t', '\v', '\f', '\r', '\n', ' '];
var not = ['\u200B', '\u180E', '\u0085', '\u00AD'];
ws.concat(not).forEach(function (w) {
    var s = w + w + 'x' + w;
    console.log(w.charCodeAt(0).toString(16), JSON.stringify(s.trim()), JSON.stringify(s.trimStart()),
        JSON.stringify(s.trimEnd()), Number(w + '12' + w), parseInt(w + '12'), parseFloat(w + '1.5'), +(w + w));
});
console.log(JSON.stringify('\u3000\u00A0é\u2028'.trim()), Number('\u00A0 0x1F \u3000'), Number('\uFEFF'));
