// Arrays under 64 elements sort as V8 does (the leading run, then binary
// insertion): the same comparator calls, so the same order even for
// inconsistent comparators; undefineds go last without being compared.
var calls = [];
console.log([3, 1, 2].sort(function (a, b) { calls.push(a + '' + b); return a - b; }), calls.join(' '));
console.log([3, 1, 2].sort(function () { return 0; }), [3, 1, 2].sort(function () { return 1; }),
    [3, 1, 2].sort(function () { return -1; }));
console.log([5, 1, 4].sort(function (a, b) { return a > b; }), [5, 1, 4, 2, 3].sort(function (a, b) { return a < b; }));
console.log([9, 8, 7, 1, 2, 3].sort(function (a, b) { return b > a; }));
var seen = [];
console.log([undefined, 3, null, , 1, undefined, 2].sort(function (a, b) {
    seen.push(String(a) + '/' + String(b));
    return (a === null ? 0 : a) - (b === null ? 0 : b);
}), seen.join(' '));
var r = [];
var seed = 7;
for (var i = 0; i < 40; i++) {
    seed = (seed * 16807) % 2147483647;
    r.push(seed % 50);
}
console.log(r.slice().sort(function (a, b) { return a % 5 > b % 5; }).join(','));
console.log(r.slice().sort(function (a, b) { return (a & 1) - (b & 1) || a - b; }).join(','));
var desc = [];
for (var j = 62; j >= 0; j--) desc.push(j);
var n = 0;
desc.sort(function (a, b) { n++; return a - b; });
console.log(desc.slice(0, 5), n);
