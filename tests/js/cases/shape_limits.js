// Hidden classes at their limits: fresh objects given ever-new keys (past
// the 1,024 transitions one shape keeps, objects go to dictionary mode),
// prototypes made by the thousand (root shapes found by hash, rebuilt as
// collections move the prototypes), and a prototype change whose replay
// runs into the transition limit.

// 1. A key of its own for each of 5,000 fresh objects.
var objs = [];
for (var i = 0; i < 5000; i++) {
  var o = {};
  o['k' + i] = i;
  o.shared = -i;
  objs.push(o);
}
var ok = 0;
for (var i = 0; i < objs.length; i++) {
  var o = objs[i];
  if (o['k' + i] === i && o.shared === -i && ('k' + i) in o && !(('k' + (i + 1)) in o) &&
      Object.keys(o).join() === 'k' + i + ',shared')
    ok++;
}
console.log('fresh keys', ok, JSON.stringify(objs[4999]), JSON.stringify(objs[3]));
delete objs[4000].shared;
objs[4000].extra = 'x';
for (var k in objs[4000]) console.log('for-in', k, objs[4000][k]);

// 2. Prototypes by the thousand, with garbage in between so that
// collections move them.
var made = [];
for (var i = 0; i < 3000; i++) {
  var proto = { id: i, name: 'p' + i };
  var child = Object.create(proto);
  child.own = i * 2;
  made.push(child);
  var junk = [];
  for (var j = 0; j < 20; j++) junk.push({ j: j, s: 'junk' + j });
}
var sum = 0, names = 0;
for (var i = 0; i < made.length; i++) {
  sum += made[i].id + made[i].own;
  if (made[i].name === 'p' + i && Object.getPrototypeOf(made[i]).id === i) names++;
}
console.log('protos', sum, names);

function makeClass(n) {
  function C(v) { this.v = v; this.n = n; }
  C.prototype.get = function () { return this.v * 10 + this.n; };
  return C;
}
var total = 0;
for (var i = 0; i < 3000; i++) {
  var C = makeClass(i % 7);
  var c = new C(i);
  total += c.get();
  if (!(c instanceof C)) total = NaN;
}
console.log('constructors', total);

// 3. A new prototype for an object whose properties, replayed over it,
// meet a shape that already has every transition it may have.
var P = { from: 'P' };
for (var i = 0; i < 1100; i++) {
  var q = Object.create(P);
  q['first' + i] = i;
}
var moved = Object.create({ from: 'elsewhere' });
moved.first99999 = 'a';
moved.second = 'b';
Object.setPrototypeOf(moved, P);
console.log('set proto', moved.first99999, moved.second, moved.from, Object.keys(moved).join());
moved.third = 'c';
delete moved.second;
console.log('after', JSON.stringify(moved), moved.from);
