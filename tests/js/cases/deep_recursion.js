// Recursion through C code (natives calling back into JS, bound functions,
// nested data) ends in a RangeError (or, for JSON text, an error), never in
// a C stack overflow.  Node gets further in some of these: ghjs stops at its
// own C stack's limit.  Each prints "ok NAME" once it has returned or thrown.

function check(name, fn) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RangeError) && !(e instanceof SyntaxError)) throw e;
  }
  console.log("ok", name);
}

var f1 = function () { return f1.call(); };
check("call", f1);
var f2 = function () { return f2.apply(null, []); };
check("apply", f2);
var f3 = function () { return [1].map(f3); };
check("map", f3);
var f4 = function () { return "ab".replace("a", f4); };
check("replace", f4);
var f5 = function () { return [2, 1].sort(f5); };
check("sort", f5);
var h = { toString: function () { return "" + this; } };
check("toString", () => String(h));
var b = function () {};
for (var i = 0; i < 50000; i++) b = b.bind();
check("bound chain", () => b());
check("bound chain new", () => new b());
var arr = [];
for (var i = 0; i < 200000; i++) arr = [arr];
check("join", () => String(arr));
var o = {};
for (var i = 0; i < 100000; i++) o = {o: o};
check("stringify", () => JSON.stringify(o));
check("inspect", () => require("util").inspect(o, {depth: Infinity}).length);
check("parse arrays", () => JSON.parse("[".repeat(100000)));
check("parse objects", () => JSON.parse('{"a":'.repeat(6000)));
