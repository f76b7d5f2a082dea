// A bound function of a bound function calls the innermost target directly
// (binding flattens the chain), so a chain of 50,000 binds runs; real
// recursion through a bound function still ends in a RangeError.
let f = function () { return 1; };
for (let i = 0; i < 50000; i++) f = f.bind(null);
console.log(f(), f.name.length, f.name.slice(0, 20));
function g(a, b, c) { return [this && this.x, a, b, c, arguments.length].join(); }
const gb = g.bind({ x: 1 }, 1).bind({ x: 2 }, 2);
console.log(gb.name, gb(3, 4), g.bind(null).bind(null).bind(null).name);
let h = function () { return arguments.length; };
for (let i = 0; i < 1000; i++) h = h.bind(null, i);
console.log(h(1, 2), typeof h, h instanceof Function);
function C(a, b) { this.a = a; this.b = b; }
const BC = C.bind(null, 1).bind(null, 2);
const o = new BC();
console.log(o.a, o.b, o instanceof C, o instanceof BC);
let k = C;
for (let i = 0; i < 50000; i++) k = k.bind({ ignored: true });
console.log(new k(5).a);
console.log(Math.max.bind(null, 1).bind(null, 2)(3, -1), Math.max.bind(null, 5).bind(null).name);
// a bound function with a name of its own keeps it in the next level's name
const b2 = function g2(a, b) { return [this && this.v, a, b].join(); }.bind({ v: 1 }, 'a');
Object.defineProperty(b2, 'name', { value: 'zz' });
const b3 = b2.bind({ v: 2 }, 'b');
console.log(b3.name, b3());
function r(n) { return n ? rb(n - 1) : 0; }
const rb = r.bind(null);
try { rb(1e6); } catch (e) { console.log(e instanceof RangeError, e.message); }
console.log(gb);
