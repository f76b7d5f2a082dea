// async functions and await: values, order against other jobs, errors,
// try/catch/finally across awaits, closures, loops, methods, recursion
const log = (...a) => console.log(...a);
async function twice(x) { return x * 2; }
log(twice(2), typeof twice, twice.name, twice.length, Object.prototype.toString.call(twice));
log(twice, async () => 1, { async m() {} }.m);
async function steps() {
  log('steps: start');
  const a = await twice(5);
  log('steps: a =', a);
  const b = await 7;
  const c = await { then(ok) { ok('thenable'); } };
  log('steps:', b, c);
  try {
    await Promise.reject(new Error('inner'));
  } catch (e) {
    log('steps: caught', e.message);
  } finally {
    log('steps: finally');
    await null;
    log('steps: after await in finally');
  }
  return a + b;
}
steps().then((v) => log('steps =', v));
log('after the call: steps is suspended');
// order: an await of a native promise takes one turn, of a thenable three
const order = [];
(async () => { await null; order.push('await null'); })();
(async () => { await Promise.resolve(); order.push('await promise'); })();
(async () => { await { then(f) { f(); } }; order.push('await thenable'); })();
Promise.resolve().then(() => order.push('then 1')).then(() => order.push('then 2')).then(() => order.push('then 3'));
setTimeout(() => log(order.join(', ')), 0);
// closures and loops keep their variables across awaits
async function sum(n) {
  let total = 0;
  const parts = [];
  for (let i = 0; i < n; i++) {
    total += await i;
    parts.push(() => i);
  }
  for (const k in { x: 1, y: 2 }) parts.push(await k);
  return [total, parts.map((p) => (typeof p === 'function' ? p() : p)).join('')];
}
sum(4).then((r) => log('sum', r));
// arguments, this, methods, static methods, arrows inside
const obj = {
  factor: 3,
  async scale(...xs) { await null; return xs.map((x) => x * this.factor).concat(arguments.length); },
};
obj.scale(1, 2).then((v) => log('scale', v));
class Store {
  constructor() { this.items = []; }
  async add(x) { await null; this.items.push(x); return this.items.length; }
  static async make(...xs) { const s = new Store(); for (const x of xs) await s.add(x); return s; }
}
Store.make('a', 'b', 'c').then((s) => log('store', s.items));
// errors: a throw before or after an await rejects the promise
async function early() { throw new TypeError('early'); }
async function late() { await null; null.x; }
early().catch((e) => log('early:', e.name, e.message));
late().catch((e) => log('late:', e.name, e.message));
// callbacks from natives
[1, 2, 3].forEach(async (x) => { await null; log('forEach', x); });
// many coroutines at once, and a deep chain of awaits
async function countdown(n) { if (n > 0) return 1 + await countdown(n - 1); return 0; }
countdown(2000).then((v) => log('countdown', v));
Promise.all(Array.from({ length: 1000 }, async (_, i) => { await null; return i; }))
  .then((v) => log('all', v.length, v[999]));
// the stack below an await: the functions awaiting, as V8 lists them
async function innermost() { await null; throw new Error('deep'); }
async function middle() { return await innermost(); }
async function outermost() {
  try {
    await middle();
  } catch (e) { /* node may add its own tick processor's frame: left out */
    log(e.stack.split('\n').filter((l) => !l.includes('node:internal')).join('\n').split(__dirname).join('.'));
  }
}
outermost();
log('end of script');
// for await over an array of promises and values, and of async results
async function collect() {
  const got = [];
  const slow = new Promise((r) => setTimeout(() => r('slow'), 5));
  for await (const v of [Promise.resolve(1), 2, slow, Promise.resolve(4)]) got.push(v);
  log('for await', got);
  for await (const [i, v] of [[0, 'a'], [1, 'b']].map(async (x) => x)) log('pair', i, v);
}
collect();
