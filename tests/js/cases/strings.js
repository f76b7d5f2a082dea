// Strings and their methods.
var s = 'Hello, World';
console.log(s.length, s.charAt(4), s.charCodeAt(0), s[7], s.indexOf('o'), s.lastIndexOf('o'), s.indexOf('zz'));
console.log(s.slice(7), s.slice(-5, -1), s.substring(5, 0), s.substr(7, 3), s.toUpperCase(), s.toLowerCase());
console.log('  pad  '.trim() + '|', 'a,b,,c'.split(','), 'abc'.split(''), 'a b c'.split(' ', 2), 'x'.split());
console.log('aXbXc'.replace('X', '-'), 'aXbXc'.replace('X', function (m) { return '[' + m + ']'; }),
  'ab'.repeat(3), 'abc'.includes('b'), 'abc'.startsWith('ab'), 'abc'.endsWith('bc'));
console.log('5'.padStart(3, '0'), 'x'.padEnd(4, '-') + '|', String.fromCharCode(72, 105), 'a'.concat('b', 1));
console.log('abc' < 'abd', 'B' < 'a', 'x' === 'x', 'ab' + 'cd' === 'abcd', 'café'.length > 3);
var built = '';
for (var i = 0; i < 10; i++) built += i;
console.log(built, built.length, typeof built, String(null), String([1, [2, 3]]), String(true));
console.log('tab\there', 'new\nline', 'quote"s', "it's", '\u0041\x42', 'back\\slash');
console.log(JSON.stringify('esc"aped\n'), 'a-b-c'.split('-').join('+'), 'x'.localeCompare('y'));
var words = 'the rain in spain'.split(' ');
console.log(words.map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(' '));
