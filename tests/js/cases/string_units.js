// replace, replaceAll and split work on UTF-16 units in non-ASCII strings
// (a pattern may be half a surrogate pair; '' matches between every two
// units), and codePointAt returns the code point of a pair (undefined out
// of range).
var s = 'x😀yé';
console.log(JSON.stringify(['é'.replaceAll('', '-'), 'é€'.replace('', '|'), 'é😀'.replaceAll('', '.'),
    s.split('\ud83d'), s.replace('\ude00', 'Z'), 'aéb'.replace('é', "[$&|$`|$'|$$|$0]"),
    'éaéa'.replaceAll('a', function (m, i, str) { return i + str.length; }), '😀😀'.split('😀', 2),
    'aéé'.split('é'), 'é'.replace('x', 'y'), 'aé'.replaceAll('é', '$&$&'), 'é'.split('', 1), 'éé'.split('é', 1)]));
console.log([0, 1, 2, 3, 4, 5, -1].map(function (i) { return s.codePointAt(i); }), '\ud800'.codePointAt(0),
    '\ude00\ud83d'.codePointAt(0), 'a'.codePointAt(), ''.codePointAt(0));
