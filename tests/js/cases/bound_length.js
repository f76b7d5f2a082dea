// A bound function's length is its target's less the bound arguments (at
// least 0), it has own name and length, and its source text is native.
function g(a, b, c) {}
console.log(g.bind(null).length, g.bind(null, 1).length, g.bind(null, 1, 2, 3, 4).length,
    g.bind(null, 1).bind(null, 2).length);
console.log(Math.max.bind(null).length, Math.max.bind(null, 1, 2, 3).length, (function () {}).bind().length);
var h = function (a, b) {};
Object.defineProperty(h, 'length', { value: 10 });
console.log(h.bind(null, 1).length);
Object.defineProperty(h, 'length', { value: 'x' });
console.log(h.bind(null).length);
Object.defineProperty(h, 'length', { value: Infinity });
console.log(h.bind(null, 1).length);
Object.defineProperty(h, 'length', { value: -5.5 });
console.log(h.bind(null).length);
Object.defineProperty(h, 'length', { value: 2.7 });
console.log(h.bind(null).length);
console.log(String(g.bind(null)), String(Math.max.bind(null)));
console.log(g.bind(null).hasOwnProperty('length'), g.bind(null).hasOwnProperty('name'), 'length' in g.bind(null));
