// require('events'): EventEmitter and subclasses, once/prepend, newListener
// and removeListener events, an unhandled 'error', setMaxListeners and node's
// MaxListenersExceededWarning (stderr), compared with node.
const EventEmitter = require('events');
console.log(typeof EventEmitter, EventEmitter === require('events').EventEmitter, EventEmitter.defaultMaxListeners, EventEmitter.name);
class Cache extends EventEmitter { constructor() { super(); this.n = 0; } }
const c = new Cache();
console.log(c instanceof EventEmitter, Object.keys(c), c.getMaxListeners());
for (let i = 0; i < 11; i++) c.on('data', () => {});
for (let i = 0; i < 12; i++) c.on('end', () => {});
const e = new EventEmitter();
e.setMaxListeners(2);
e.on('x', () => {}); e.on('x', () => {}); e.on('x', () => {});
console.log(e.listenerCount('x'), e.eventNames(), c.eventNames());
try { e.emit('error', new Error('boom')); } catch (err) { console.log('threw', err.message); }
try { e.emit('error', 'text'); } catch (err) { console.log('threw', err.code, err.message); }
e.prependListener('y', () => console.log('second'));
e.prependListener('y', () => console.log('first'));
e.emit('y');
console.log(e.emit('nothing'), e.rawListeners('y').length);
console.log(Object.getPrototypeOf(c) === Cache.prototype, typeof EventEmitter.prototype.on, c.getMaxListeners(), e.getMaxListeners());
const seen = [];
const w = new EventEmitter();
w.on('newListener', (name) => seen.push('new:' + name));
w.on('removeListener', (name) => seen.push('removed:' + name));
const h = () => {};
w.on('a', h); w.once('b', () => {}); w.off('a', h); w.emit('b');
console.log(seen, w.eventNames());
try { e.setMaxListeners(-1); } catch (err) { console.log(err.code, err.message); }
try { e.setMaxListeners('x'); } catch (err) { console.log(err.code, err.message); }
try { e.on('q', 5); } catch (err) { console.log(err.code, err.message); }
try { e.emit('error'); } catch (err) { console.log(err.code, err.message, err.context); }
try { EventEmitter(); } catch (err) { console.log(err.name, err.message); }
EventEmitter.defaultMaxListeners = 1;
const d = new EventEmitter();
d.on('z', () => {}); d.on('z', () => {});
EventEmitter.defaultMaxListeners = 10;
process.on('warning', (wn) => console.log('warning event:', wn.name, wn.message.length > 0));
for (let i = 0; i < 11; i++) process.on('sigx', () => {});
console.log(process.listenerCount('sigx'), process.getMaxListeners(), process.constructor.name);
const many = new EventEmitter();
many.setMaxListeners(0);
for (let i = 0; i < 50; i++) many.on('unlimited', () => {});
many.removeAllListeners('unlimited');
console.log(many.listenerCount('unlimited'), many.eventNames(), Object.keys(many), many._eventsCount);
