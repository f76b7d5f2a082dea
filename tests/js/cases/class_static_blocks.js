// Class static blocks: run with the class as this, in order among the static
// fields; each block has its own vars.
class Config {
  static defaults = { a: 1 };
  static table;
  static {
    this.table = new Map();
    for (const [k, v] of Object.entries(Config.defaults)) this.table.set(k, v * 10);
    var hidden = 'h';
    let scoped = 2;
    Config.scoped = scoped;
  }
  static after = Config.table.get('a');
  static #secret;
  static { Config.#secret = 'shh'; this.read = () => Config.#secret; }
}
console.log(Config.table, Config.after, Config.scoped, Config.read(), typeof hidden);
let log = [];
class Order { static a = log.push('a'); static { log.push('block'); } static b = log.push('b'); }
console.log(log);
class Nest {
  static inner = class { static { Nest.flag = 'from inner block'; } x = 1; };
  static { var v1 = 1; }
  static { var v2 = 2; this.sum = () => v1 + v2; }
}
let sumResult; try { sumResult = Nest.sum(); } catch (e) { sumResult = e.message; }
console.log(Nest.flag, sumResult, new Nest.inner().x);
class Throws { static { try { throw new Error('in block'); } catch (e) { this.caught = e.message; } } }
console.log(Throws.caught);
