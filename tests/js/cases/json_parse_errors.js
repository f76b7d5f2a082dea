// JSON.parse's errors as V8 words them: number errors at the end of the
// text, positions and quoted text in UTF-16 units, a non-ASCII token whole.
var t = ['1.', '-', '1e', '1e+', '[-', '[1.', '{"a":1.', '1.x', '1ex', '[1,2', '{"a":', '"\\u00e9', ' é', '[é]', 'é', '😀', '[1, 😀]', '"é"x', '["😀😀"]y', '[' + '1,'.repeat(30) + 'x]', '"' + 'é'.repeat(30) + '"' + 'é'.repeat(20), '01', '{"a":1,}', '[1,]', '-x', 'tru', 'nul', '"\\x41"', '"\t"', '\u00a01', '{"😀":1 x}', '[1]x'];
t.forEach(function (s) { try { JSON.parse(s); console.log('ok', s); } catch (e) { console.log(JSON.stringify(s), e.name, JSON.stringify(e.message)); } });
