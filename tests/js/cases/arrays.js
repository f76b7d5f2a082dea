// Arrays: literals, holes, length, methods.
var a = [1, 2, 3];
a.push(4, 5);
console.log(a, a.length, a.pop(), a.shift(), a, a.unshift(0), a);
console.log(a.slice(1), a.slice(-2), a.slice(1, 2), a.concat([9, 8], 7), a.join('-'), a.join());
var s = [5, 1, 4, 2, 3];
console.log(s.sort(), [10, 9, 1, 100].sort(), [10, 9, 1, 100].sort(function (x, y) { return x - y; }));
console.log(['b', 'a', 'c'].reverse(), [1, 2, 3].indexOf(2), [1, 2, 3].indexOf(5), [1, 2, 1].lastIndexOf(1));
console.log([1, 2, 3].map(function (x) { return x * 2; }), [1, 2, 3, 4].filter((x) => x % 2),
  [1, 2, 3].reduce(function (acc, x) { return acc + x; }, 0), [1, 2, 3].reduce((p, c) => p * c));
console.log([1, 2, 3].some((x) => x > 2), [1, 2, 3].every((x) => x > 2), [3, 4].find((x) => x > 3),
  [3, 4].findIndex((x) => x > 5), [1, 2, 3].includes(2));
var sp = [1, 2, 3, 4, 5];
console.log(sp.splice(1, 2), sp, sp.splice(1, 0, 'a', 'b'), sp, sp.splice(-1), sp);
var holes = new Array(5);
console.log(holes, holes.length, holes[0], 0 in holes);
holes[2] = 'x';
console.log(holes, [1, , 3], [, , 1], [1, , , ]);
var grow = [];
grow[10] = 'ten';
console.log(grow.length, grow);
grow.length = 3;
console.log(grow, grow.length);
var each = [];
['x', 'y'].forEach(function (v, i, arr) { each.push(v + i + arr.length); });
console.log(each, Array.isArray([]), Array.isArray({}), Array.from('abc'));
console.log(Array.from({ length: 3 }, function (_, i) { return i * i; }), Array.of(7), new Array(3).length,
  new Array(1, 2), Array(2));
var m = [[1, 2], [3, [4, 5]]];
console.log(m, m[1][1][0], [].concat.apply([], m));
console.log([3, 1, 2].sort().map(String), ['b', undefined, 'a'].sort(), [1, 2, 3].fill(0, 1));
var big = [];
for (var i = 0; i < 1000; i++) big.push(i * 2);
console.log(big.length, big[999], big.indexOf(500), big.slice(995));
var objs = [{ n: 'b', v: 2 }, { n: 'a', v: 1 }, { n: 'c', v: 3 }];
objs.sort(function (p, q) { return p.v - q.v; });
console.log(objs.map(function (o) { return o.n; }).join(''));
console.log([1, [2, [3]]].toString(), String([null, undefined, 1]), [0].concat(1, [2], [[3]]));
var stack = [];
for (var j = 0; j < 20; j++) stack.push(j);
while (stack.length > 15) stack.shift();
console.log(stack);
