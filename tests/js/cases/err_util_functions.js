// util.inherits (with the pre-class EventEmitter.call(this) pattern),
// util.deprecate and util.promisify, compared with node (stderr too).
const util = require('util');
const EventEmitter = require('events');
function A() { EventEmitter.call(this); }
util.inherits(A, EventEmitter);
const a = new A();
a.on('x', (v) => console.log('old-style emitter got', v));
a.emit('x', 1);
console.log(Object.getPrototypeOf(A.prototype) === EventEmitter.prototype, A.super_ === EventEmitter, Object.keys(A), a instanceof EventEmitter);
function B() {} function C() {}
for (const bad of [[undefined, B], [B, undefined], [B, () => {}]]) { try { util.inherits(...bad); } catch (e) { console.log(e.code, e.message); } }
const f = util.deprecate(function f(x) { return x * 2; }, 'f is old', 'DEP_X');
console.log(f(2), f(3), f.name, f.length);
const K = util.deprecate(class K { constructor(v) { this.v = v; } }, 'K is old');
console.log(new K(4).v, new K(5) instanceof K);
try { util.deprecate(5, 'm'); } catch (e) { console.log(e.code, e.message); }
const p = util.promisify((x, cb) => setTimeout(() => cb(null, x + 1), 1));
p(1).then((v) => console.log('resolved', v));
util.promisify((cb) => cb(new Error('nope')))().catch((e) => console.log('rejected', e.message));
util.promisify(() => { throw new Error('sync throw'); })().catch((e) => console.log('rejected', e.message));
const obj = { n: 7, get(cb) { cb(null, this.n); } };
util.promisify(obj.get).call(obj).then((v) => console.log('this kept', v));
try { util.promisify(5); } catch (e) { console.log(e.code, e.message); }
console.log(typeof p, p(2) instanceof Promise);
