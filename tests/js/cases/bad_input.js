// Hostile arguments to builtins: each gets Node's result or Node's error,
// never a crash (found by fuzzing ghjs under ASan/UBSan).

function show(what, fn) {
  try { console.log(what, fn()); } catch (e) { console.log(what, e.name + ": " + e.message); }
}

// Function.prototype.apply gathers its arguments where the GC can see them:
// reading a String object's characters allocates, and may move what was read.
function cat() { var s = ""; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; }
var box = new String("é".repeat(300) + "x");
var out;
for (var k = 0; k < 50; k++) out = cat.apply(null, box);
show("apply String object", () => out.length + " " + out.slice(-3));
show("apply negative length", () => cat.apply(null, {length: -5}));
show("apply array-like", () => cat.apply(null, {length: 2, 0: "a", 1: "b"}));

// Dates from fields are computed in doubles: no int overflow, NaN when out of range
show("Date(-2^31, 0)", () => new Date(-2147483648, 0).getTime());
show("Date(NaN, 0)", () => new Date(NaN, 0).getTime());
show("Date(1, 1e300)", () => new Date(1, 1e300).getTime());
show("Date(1e300)", () => new Date(1e300).getTime());
show("Date fields", () => new Date(2020, 13, 31, 25, 61, 61, 1001).toISOString());
show("Date two-digit year", () => new Date(99, 0).toISOString());
show("Date leap day", () => new Date(2024, 1, 29).toISOString());
show("Date month -1", () => new Date(1900, -1).toISOString());
show("Date limits", () => [new Date(-1.5).getTime(), new Date(8.64e15).getTime(), new Date(8.64e15 + 1).getTime()]);

// Number#toString(radix) above 2^53: digits below the precision print as 0
show("1e25 base 36", () => (1e25).toString(36));
show("-1e25 base 36", () => (-1e25).toString(36));
show("2^64 base 36", () => (2 ** 64).toString(36));
show("MAX_VALUE base 2 length", () => Number.MAX_VALUE.toString(2).length);
show("1e300 base 36", () => (1e300).toString(36));
show("radix 1e300", () => (10).toString(1e300));
show("radix NaN", () => (10).toString(NaN));
show("radix 2.9", () => (10).toString(2.9));

// String lengths past V8's limit throw instead of hanging or overflowing
show("padStart(Infinity)", () => "abc".padStart(Infinity));
show("padEnd(2^30)", () => "abc".padEnd(2 ** 30));
show("padStart fill", () => "abc".padStart(6, "xy") + " " + "abc".padEnd(7, "12"));
show("''.repeat(1e15)", () => JSON.stringify("".repeat(1e15)));
show("repeat(Infinity)", () => "ab".repeat(Infinity));
show("repeat(-1)", () => "ab".repeat(-1));
show("repeat(2^29)", () => "ab".repeat(2 ** 29));

// Array lengths: JS allows up to 2^32 - 1 without storing the holes
var c = new Array(2 ** 32 - 1);
show("Array(2^32-1)", () => [c.length, c[5], c[2 ** 32 - 2]]);
c[10] = 1;
show("write into it", () => [c[10], c.length, c.indexOf(1)]);
show("Array(-1)", () => new Array(-1));
show("Array(2^32)", () => new Array(2 ** 32));
show("Array(NaN)", () => new Array(NaN));
show("Array(1.5)", () => new Array(1.5));
show("length = -1", () => { [].length = -1; });
show("length = 2^32", () => { [].length = 2 ** 32; });
show("lastIndexOf from -1e308", () => Array.prototype.lastIndexOf.call([1, 2, 1], 1, -1e308));
show("lastIndexOf from 1e308", () => [1, 2, 1].lastIndexOf(1, 1e308));
show("lastIndexOf from -2", () => [1, 2, 1].lastIndexOf(1, -2));

// Numbers that do not fit an int32 where C code wants one
show("JSON indent 1e300", () => JSON.stringify([1, [2]], null, 1e300).length);
show("JSON indent NaN", () => JSON.stringify([1], null, NaN));
show("JSON indent -5", () => JSON.stringify([1], null, -5));
show("inspect depth NaN", () => require("util").inspect({a: {b: {c: {d: {}}}}}, {depth: NaN}));
show("Buffer.from length -1", () => Buffer.from({length: -1}).length);
show("Buffer.from array-like", () => Buffer.from({length: 2, 0: 65, 1: 66}).toString());
// past Node's kMaxLength (2^32) an array-like is refused before any memory is asked for
show("Buffer.from length 2^40", () => Buffer.from({length: 2 ** 40}).length);
show("Buffer.from length 2^32+1", () => Buffer.from({length: 2 ** 32 + 1}).length);
// an exception from the length or an element is thrown, not left pending
show("Buffer.from length throws", () => Buffer.from({length: {valueOf() { throw new Error("length"); }}}).length);
show("Buffer.from element throws", () => Buffer.from({length: 2, 1: {valueOf() { throw new Error("element"); }}}).length);
show("Buffer.from length string", () => Buffer.from({length: "2", 0: 1, 1: 2}).length);
// a valueOf that throws: the call throws, no exception is left pending
var badNum = {valueOf() { throw new Error("valueOf"); }};
show("buf.fill throws", () => Buffer.alloc(2).fill(badNum).length);
show("buf.toString start throws", () => Buffer.alloc(2).toString("utf8", badNum));
show("buf.toString end throws", () => Buffer.alloc(2).toString("utf8", 0, badNum));
show("setTimeout delay throws", () => typeof setTimeout(function () {}, badNum));
show("setInterval delay throws", () => typeof setInterval(function () {}, badNum));
show("setTimeout bad callback first", () => { try { setTimeout(5, badNum); } catch (e) { return e.name; } });
show("clearTimeout odd ids", () => { clearTimeout(-1); clearTimeout(NaN); clearTimeout(1e300); return "done"; });
show("literals", () => [1e21, -1e21, 2147483648, -2147483649]);
var i;
for (i = 0; i < 1e10; i++) break;
show("loop bound 1e10", () => i);

// Array#join: an array met again inside its own join is "" (a cycle);
// deep nesting that is not a cycle is joined in full
var cyc = [1]; cyc.push(cyc);
show("join cycle", () => String(cyc) + " " + cyc.join("-"));
var c1 = [1], c2 = [c1, 2]; c1.push(c2);
show("join mutual cycle", () => String(c1) + " " + String(c2));
var nest = []; for (var j = 0; j < 150; j++) nest = [nest, j];
show("join 150 deep", () => String(nest).length);
