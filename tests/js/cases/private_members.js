// Private class members: fields, methods, static ones, `#x in o`, and the
// TypeErrors V8 gives for objects that lack them; hidden from every key list.
class Counter {
  #count = 0;
  static #instances = 0;
  #step;
  constructor(step = 1) { this.#step = step; Counter.#instances++; }
  #bump() { this.#count += this.#step; return this; }
  tick() { return this.#bump(); }
  get value() { return this.#count; }
  static get instances() { return Counter.#instances; }
  static isCounter(o) { return #count in o; }
  same(other) { return this.#count === other.#count; }
  static #secret() { return 'static private'; }
  static reveal() { return Counter.#secret(); }
}
const c = new Counter(2).tick().tick();
console.log(c.value, Counter.instances, c, Object.keys(c), JSON.stringify(c), Object.getOwnPropertyNames(c));
console.log(Counter.isCounter(c), Counter.isCounter({}), Counter.reveal(), c.same(new Counter()));
try { c.same({}); } catch (e) { console.log(e.constructor.name, e.message); }
try { Counter.isCounter(1); } catch (e) { console.log(e.constructor.name, e.message); }
class Other { #count = 5; peek(o) { return o.#count; } }
try { new Other().peek(c); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(new Other().peek(new Other()), structuredClone(c), { ...c });
class Base { #id = 'base'; baseId() { return this.#id; } }
class Derived extends Base { #id = 'derived'; derivedId() { return this.#id; } }
const d = new Derived();
console.log(d.baseId(), d.derivedId(), d);
class Lazy {
  #v;
  set(v) { this.#v = v; return this; }
  get() { return this.#v; }
  inc() { this.#v++; ++this.#v; this.#v += 10; return this.#v; }
  arrow() { return (() => this.#v)(); }
  nested() { const self = this; return function () { return self.#v; }(); }
  static make() { return new Lazy().set(1); }
}
console.log(Lazy.make().inc(), new Lazy().set(7).arrow(), new Lazy().set(8).nested(), new Lazy().get());
class Init { #a = 1; #b = this.#a + 1; #c = () => this.#b; read() { return [this.#a, this.#b, this.#c()]; } }
console.log(new Init().read());
class Outer {
  #x = 'outer';
  inner() {
    const o = this;
    return new (class { #x = 'inner'; both() { return [this.#x, o.#x]; } })().both();
  }
}
try { new Outer().inner(); } catch (e) { console.log('shadowed:', e.message); }
class Outer2 {
  #x = 'outer';
  inner() {
    const o = this;
    return new (class { #y = 'inner'; both() { return [this.#y, o.#x]; } })().both();
  }
}
console.log(new Outer2().inner());
class Twice { constructor(o) { return o; } }
class Stamp extends Twice { #tag = 't'; static has(o) { return #tag in o; } }
const target = {};
new Stamp(target);
console.log(Stamp.has(target), Object.keys(target));
try { new Stamp(target); } catch (e) { console.log(e.constructor.name, e.message); }
