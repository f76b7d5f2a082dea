// for...of over what ghjs can iterate (arrays, holes, growing and shrinking
// arrays, strings by code point, arguments, buffers), with let closures,
// break/continue/labels, and V8's 'is not iterable' messages.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('array', function () { var r = []; for (var x of [1, 'a', null, undefined]) r.push(x); return r; });
t('holes', function () { var r = []; for (var x of [1, , 3]) r.push(x); return r; });
t('holes via proto', function () { Array.prototype[1] = 'p'; var r = []; for (var x of [1, , 3]) r.push(x); delete Array.prototype[1]; return r; });
t('growing', function () { var a = [1, 2], r = []; for (var x of a) { r.push(x); if (a.length < 5) a.push(x * 10); } return r; });
t('shrinking', function () { var a = [1, 2, 3, 4], r = []; for (var x of a) { r.push(x); a.length = 2; } return r; });
t('string', function () { var r = []; for (var c of 'h\u00e9\ud83d\ude00!') r.push(c); return r; });
t('lone surrogates', function () { var r = []; for (var c of 'a\ud800b\udc00') r.push(c.charCodeAt(0).toString(16)); return r; });
t('empty', function () { var n = 0; for (var x of []) n++; for (var y of '') n++; return n; });
t('arguments', function () { return (function () { var r = []; for (var a of arguments) r.push(a); return r; })(1, 2, 3); });
t('buffer', function () { var r = []; for (var b of Buffer.from('hi')) r.push(b); return r; });
t('let closures', function () { var fs = []; for (let x of [1, 2, 3]) fs.push(function () { return x; }); return fs.map(function (f) { return f(); }); });
t('const', function () { var s = 0; for (const x of [1, 2, 3]) s += x; return s; });
t('var after', function () { for (var x of [7, 8]) ; return x; });
t('member target', function () { var o = {}; for (o.p of [1, 2]) ; return o.p; });
t('break continue', function () { var r = []; for (var x of [1, 2, 3, 4, 5]) { if (x === 2) continue; if (x === 4) break; r.push(x); } return r; });
t('labelled', function () { var r = []; outer: for (var x of [1, 2]) for (var y of 'ab') { if (y === 'b') continue outer; r.push(x + y); } return r; });
t('nested return', function () { function f() { for (var x of [1, 2, 3]) if (x === 2) return x; } return f(); });
t('try in loop', function () { var r = []; for (var x of [1, 2]) { try { throw x; } catch (e) { r.push(e); } } return r; });
t('throw out of loop', function () { try { for (var x of [1, 2]) throw new Error('out ' + x); } catch (e) { return e.message; } });
t('comma rhs', function () { var r = []; for (var x of ([0], [1, 2])) r.push(x); return r; });
t('null', function () { for (var x of null) ; });
t('undef', function () { var u; for (var x of u) ; });
t('obj', function () { var o = {}; for (var x of o) ; });
t('num', function () { for (var x of 5) ; });
t('lit', function () { for (var x of {a: 1}) ; });
t('call', function () { function g() { return {}; } for (var x of g()) ; });
t('member', function () { var o = { p: {} }; for (var x of o.p) ; });
t('weakmap', function () { for (var x of new WeakMap()) ; });
t('fn', function () { for (var x of function f() {}) ; });
t('true', function () { for (var x of true) ; });
t('big', function () { var a = new Array(100000).fill(1), s = 0; for (var x of a) s += x; return s; });
t('objects survive gc', function () { var a = []; for (var i = 0; i < 2000; i++) a.push({ i: i, s: 'x' + i }); var s = 0; for (var o of a) { var junk = [o.s + '!', [o.i]]; s += junk[1][0]; } return s; });
