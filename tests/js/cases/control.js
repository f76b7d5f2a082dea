// Statements: if, loops, for-in, switch, labels, try/catch/finally, throw.
for (var i = 0; i < 5; i++) {
  if (i === 1) continue;
  if (i === 4) break;
  console.log('for', i);
}
var k = 0;
while (k < 3) { k++; }
do { k += 10; } while (k < 30);
console.log('while', k);
outer: for (var a = 0; a < 3; a++) {
  for (var b = 0; b < 3; b++) {
    if (b === 1) continue outer;
    if (a === 2) break outer;
    console.log('labeled', a, b);
  }
}
var o = { x: 1, y: 2, z: 3 };
for (var key in o) console.log('for-in', key, o[key]);
function Base() { this.own = 1; }
Base.prototype.inherited = 2;
for (var p in new Base()) console.log('proto key', p);
for (var idx in ['a', 'b']) console.log('array index', idx, typeof idx);
for (const ch in 'hi') console.log('string index', ch);
function sw(v) {
  switch (v) {
    case 1: return 'one';
    case 2:
    case 3: return 'two or three';
    case 'x': { let r = 'ex'; return r; }
    default: return 'other';
  }
}
console.log(sw(1), sw(2), sw(3), sw('x'), sw(9));
var fall = [];
switch (2) { case 1: fall.push(1); case 2: fall.push(2); case 3: fall.push(3); break; case 4: fall.push(4); }
console.log(fall);
try {
  throw new Error('boom');
} catch (e) {
  console.log('caught', e.message, e.name, e instanceof Error);
} finally {
  console.log('finally');
}
function f() {
  try { return 'try'; } finally { console.log('finally runs before return'); }
}
console.log(f());
function g() {
  for (var i = 0; i < 3; i++) {
    try { if (i === 1) break; } finally { console.log('loop finally', i); }
  }
  return i;
}
console.log(g());
try { try { throw 1; } finally { console.log('inner finally'); } } catch (e) { console.log('outer caught', e); }
try { null.prop; } catch (e) { console.log(e instanceof TypeError, e.message); }
try { undefinedVar; } catch (e) { console.log(e.name, e.message); }
try { (void 0)(); } catch (e) { console.log(e.message); }
try { var q = {}; q.method(); } catch (e) { console.log(e.message); }
try { throw { custom: true }; } catch (e) { console.log(e); }
try { let z = z + 1; } catch (e) { console.log(e.name, e.message); }
try { const c = 1; c = 2; } catch (e) { console.log(e.name, e.message); }
function deep(n) { return deep(n + 1) + 1; }
try { deep(0); } catch (e) { console.log(e instanceof RangeError, e.message); }
var closures = [];
for (let n = 0; n < 3; n++) { try { closures.push(() => n); } finally { } }
console.log(closures.map((c) => c()));
var r = [];
for (var m = 0; m < 3; m++) { let captured = m * 10; r.push(function () { return captured; }); }
console.log(r.map(function (c) { return c(); }));
if (true) { function inBlock() { return 'annex b'; } }
console.log(inBlock());
