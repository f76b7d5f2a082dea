// JSON.parse and JSON.stringify.
var o = { a: 1, b: [1, 2, { c: 'x' }], d: null, e: true, f: 'str"q', g: undefined, h: function () {} };
console.log(JSON.stringify(o));
console.log(JSON.stringify(o, null, 2));
console.log(JSON.stringify([1, 'a', null, undefined, function () {}]), JSON.stringify('s'), JSON.stringify(1.5));
console.log(JSON.stringify({ a: 1, b: 2, c: 3 }, ['a', 'c']), JSON.stringify({ a: 1, b: 'x' }, function (k, v) {
  return typeof v === 'number' ? v * 10 : v;
}));
console.log(JSON.stringify({ nested: { deep: [1, { x: [] }] }, empty: {} }, null, '\t'));
console.log(JSON.stringify(undefined), JSON.stringify(NaN), JSON.stringify({ toJSON: function () { return 'tj'; } }));
var p = JSON.parse('{"a":1,"b":[true,false,null],"c":{"d":"e\\n\\u0041"},"n":-1.5e2}');
console.log(p, p.c.d, p.n);
console.log(JSON.parse('[1,2,3]'), JSON.parse('"x"'), JSON.parse(' 42 '), JSON.parse('null'));
try { JSON.parse('{bad}'); } catch (e) { console.log(e.name); }
try { JSON.parse(''); } catch (e) { console.log(e.name, e.message); }
var cyc = {}; cyc.self = cyc;
try { JSON.stringify(cyc); } catch (e) { console.log(e.name, e.message.split('\n')[0]); }
['{bad', '', '[1,]', '{"a":1,}', 'abc', '{"a" 1}', '[1 2]', '{"a":1 "b":2}', '"abc', '[1', '{"a":tru}', '01',
  '1 2', '"\\x"', '{"deeply": {"nested": [1, 2, 3, {"x": "a long text that goes on"}]}, "tail": nope}'].forEach(function (s) {
  try { JSON.parse(s); console.log('parsed', s); } catch (e) { console.log(e.name + ': ' + e.message); }
});
