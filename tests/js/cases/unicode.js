// Non-ASCII strings: lengths and indices count UTF-16 units, as in JavaScript.
var s = 'héllo wörld – 内存管理 😀!';
console.log(s, s.length, s[1], s.charAt(14), s.charCodeAt(1), s.charCodeAt(21), s.charCodeAt(22));
console.log(s.indexOf('ö'), s.indexOf('内存'), s.lastIndexOf('l'), s.includes('😀'), s.slice(14, 18), s.slice(-3));
console.log(s.substring(1, 4), s.substr(6, 5), s.split(' '), '内存'.split(''), s.toUpperCase());
console.log('é'.padStart(4, '·'), 'x'.padEnd(3, '😀') + '|', '😀'.length, '😀'.split('').length, s.startsWith('hé'), s.endsWith('!'));
console.log(String.fromCharCode(233, 0x5185), 'a内b'.replace('内', function (m, off) { return '[' + m + off + ']'; }));
console.log(JSON.stringify({ k: s }), JSON.parse('"\\u5185\\ud83d\\ude00"').length);
var counts = {}; for (var i = 0; i < s.length; i++) { var c = s[i]; counts[c] = (counts[c] || 0) + 1; }
console.log(Object.keys(counts).length, { 'ключ': 'значение', s: s });
console.log(['内', '存', '管', '理', '很', '重', '要'], ['é', 'ü']);
