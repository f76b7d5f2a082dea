// for-in: own keys first, then each prototype's keys not seen nearer
// (a non-enumerable own key still hides an enumerable inherited one).
var base = { a: 1, shared: 2, b: 3 };
var mid = Object.create(base);
mid.c = 4;
mid.shared = 5;
var obj = Object.create(mid);
obj.d = 6;
Object.defineProperty(obj, 'b', { value: 7, enumerable: false });
var seen = [];
for (var k in obj) seen.push(k);
console.log(seen.join(','));
// many own keys, and an inherited one
var big = Object.create({ inherited: true });
for (var i = 0; i < 150000; i++) big['k' + i] = i;
var count = 0, last;
for (var key in big) { count++; last = key; }
console.log(count, last);
