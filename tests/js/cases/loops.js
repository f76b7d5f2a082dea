// Loop shapes: rotated loops, fused compares with non-integers, continue/break.
var out = [];
for (var i = 0; i < 5; i++) { if (i === 2) continue; out.push(i); }
var j = 10; while (j > 7) { j--; if (j === 8) continue; out.push('w' + j); }
var x = 0.5, lim = 2.5; for (; x < lim; x += 0.5) out.push(x);
var s = 'a', t = 'd'; while (s < t) { out.push(s); s = String.fromCharCode(s.charCodeAt(0) + 1); }
var nan = NaN; for (var k = 0; k < nan; k++) out.push('never');
for (var k2 = 0; !(k2 >= nan); k2++) { out.push('nan loop'); if (k2 > 1) break; }
var o = { valueOf: function () { out.push('valueOf'); return 2; } }; for (var m = 0; m < o; m++) out.push('m' + m);
var fns = []; for (let q = 0; q < 3; q++) { if (q === 1) continue; fns.push(function () { return q; }); }
out.push(fns.map(function (f) { return f(); }).join('+'));
for (var a = 3; a >= 1; a--) out.push('down' + a);
for (var b = 0; b <= 2; b++) for (var c = 0; c < b; c++) out.push(b + ':' + c);
var n = 0; for (;;) { if (++n > 3) break; } out.push('n' + n);
var count = 0; while (count < 1e6) count++; out.push(count);
var big = 2 ** 40; var steps = 0; for (var z = big - 3; z < big; z++) steps++; out.push(steps);
for (var w = 0; w < 2147483647 && w < 3; w++) out.push('w' + w);
console.log(out.join(' '));
try { for (let e = 0; e < 2; e++) { throw new Error('in loop ' + e); } } catch (err) { console.log(err.message); }
lbl: for (var p = 0; p < 3; p++) { for (var r = 0; r < 3; r++) { if (r > p) continue lbl; if (p === 2) break lbl; console.log(p, r); } }
