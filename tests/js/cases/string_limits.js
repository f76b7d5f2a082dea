// Strings stop at V8's limit, 2^29 - 24 characters, wherever they are
// made, and walking an array's holes makes no string per index.  Each case
// fails before building anything large.
function show(name, f) {
  try {
    var r = f();
    console.log(name, typeof r === 'string' ? 'length ' + r.length : r);
  } catch (e) {
    console.log(name, e.name + (e.code ? ' ' + e.code : '') + ': ' + e.message);
  }
}
show('join of 2^32 - 1 holes', () => new Array(2 ** 32 - 1).join(''));
show('join of 2^32 - 1 holes with a separator', () => new Array(2 ** 32 - 1).join('x'));
var sparse = [1, 2];
sparse.length = 2 ** 31;
show('join of a 2^31 sparse array', () => sparse.join());
var few = ['a', , 'b'];
few.length = 10;
show('join with trailing holes', () => few.join('-'));
show('hex of 2^28 bytes', () => Buffer.alloc(2 ** 28).toString('hex'));
show('base64 of 403 MB', () => Buffer.alloc(403000000).toString('base64'));
show('hex of a slice', () => Buffer.alloc(2 ** 28).toString('hex', 0, 8));

// holes read one by one, inherited indices included
var holes = new Array(200000), undef = 0;
for (var i = 0; i < holes.length; i++) if (holes[i] === undefined) undef++;
console.log('holes read as undefined', undef);
Object.prototype[123456] = 'inherited';
console.log(holes[123456], 123456 in holes, holes.indexOf('inherited'), holes[123457]);
delete Object.prototype[123456];
var b = [1, , 3];
Object.setPrototypeOf(b, [10, 20, 30, 40]);
console.log(b[1], b.join('-'), b[3], b[4]);
var c = Object.create(Object('hello'));
console.log(c[1], c[9], Array.prototype.join.call(c, '+'));
var d = [];
Object.setPrototypeOf(d, Buffer.from('xyz'));
d.length = 3;
console.log(d[0], d[2], d[3]);
var e = Object.create((function () { return arguments; })(7, 8));
console.log(e[0], e[1], e[2]);
console.log(Array.prototype.join.call({ length: 4, 2: 'q' }, '/'));
