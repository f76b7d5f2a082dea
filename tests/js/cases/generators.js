// generators: next/return/throw, for-of, spread, yield*, finally on return(),
// V8's errors and stacks, display
const log = (...a) => console.log(...a);
function* count(n) { for (let i = 0; i < n; i++) yield i; return 'end'; }
const g = count(3);
log(g.next(), g.next(), g.next(), g.next(), g.next());
log([...count(4)], Array.from(count(2)));
for (const x of count(3)) log('of', x);
function* echo() { let got = []; while (got.length < 3) got.push(yield got.length); return got; }
const e = echo();
log(e.next('ignored'), e.next('a'), e.next('b'), e.next('c'));
function* fin() { try { yield 1; yield 2; } finally { log('cleanup'); } }
const f = fin();
log(f.next(), f.return(42), f.next());
function* caught() { try { yield 1; } catch (err) { log('caught', err); yield 'recovered'; } }
const c = caught();
log(c.next(), c.throw('boom'), c.next());
function* inner() { yield 'a'; yield 'b'; }
function* outer() { yield 0; yield* inner(); yield* [1, 2]; yield 3; }
log([...outer()]);
const o = { *items() { yield* Object.keys(this); }, a: 1, b: 2 };
log([...o.items()]);
class Tree {
  constructor(v, l, r) { this.v = v; this.l = l; this.r = r; }
  
  *walk() { if (this.l) yield* this.l.walk(); yield this.v; if (this.r) yield* this.r.walk(); }
}
const t = new Tree(2, new Tree(1), new Tree(3));
log([...t.walk()]);
log(count, count(1), Object.prototype.toString.call(count(1)), Object.prototype.toString.call(count));
log(typeof count.prototype, Object.getPrototypeOf(count(1)) === count.prototype);
try { new count(1); } catch (err) { log(err.message); }
const running = (function* self() { yield running.next(); })();
try { running.next(); } catch (err) { log(err.message); }
function* thrower() { yield 1; throw new Error('inside'); }
try { for (const x of thrower()) log('got', x); } catch (err) { log('for-of threw', err.message); }
log(new Map(function* () { yield ['k', 'v']; }()), new Set(count(3)));
const done = count(0); done.next();
log(done.next(), done.return(5));
try { done.throw(new Error('after done')); } catch (err) { log(err.message); }
function* params(a, b = a * 2) { yield a + b; }
log(params(1).next().value);
function* failing() { yield 1; throw new TypeError('from generator'); }
function consume() { const it = failing(); it.next(); it.next(); }
try { consume(); } catch (e) { console.log(e.stack.split('\n').slice(0, 4).join('\n')); }
function* delegating() { yield* failing(); }
try { [...delegating()]; } catch (e) { console.log(e.stack.split('\n').slice(0, 4).join('\n')); }
// structuredClone refuses them, each named as V8 names it
for (const v of [Promise.resolve(1), (function* () {})(), async () => {}]) {
  try { console.log(structuredClone(v)); } catch (e) { console.log(e.name, e.message); }
}
