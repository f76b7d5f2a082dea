// Spread in object literals (own enumerable properties defined, in order)
// and in new expressions, with V8's messages for what new refuses.
function t(name, f) { try { console.log(name, f()); } catch (e) { console.log(name, 'threw', e.name, e.message); } }
t('basic', () => { var a = { x: 1, y: 2 }; return { ...a, y: 3, z: 4 }; });
t('order', () => ({ a: 1, ...{ b: 2, a: 9 }, c: 3 }));
t('prims', () => ({ ...null, ...undefined, ...5, ...true, ...'hi' }));
t('array', () => ({ ...[7, 8] }));
t('nested', () => { var d = { opts: { v: 1 } }; var c = { ...d, opts: { ...d.opts, w: 2 } }; return [c, d]; });
t('ints', () => ({ b: 1, ...{ 2: 'two', 1: 'one', a: 'A' } }));
t('proto key', () => { var o = { ...JSON.parse('{"__proto__": 5}') }; return [Object.keys(o), Object.getPrototypeOf(o) === Object.prototype]; });
t('non-enum', () => ({ ...Object.create({ inherited: 1 }, { own: { value: 2, enumerable: false } }) }));
t('map', () => ({ ...new Map([[1, 2]]) }));
t('buffer', () => ({ ...Buffer.from('ab') }));
t('gc', () => { var o = {}; for (var i = 0; i < 2000; i++) { var p = {}; p['k' + (i % 50)] = { i: i }; o = { ...o, ...p }; } return Object.keys(o).length; });
t('new spread', () => { function P(a, b) { this.s = a + b; } return [new P(...[1, 2]), new Date(...[2020, 0, 2]).getFullYear()]; });
t('new not ctor', () => { var x = 5; return new x(...[1]); });
t('new arrow', () => { var f = () => 1; return new f(...[]); });
t('new bound', () => { function P(a, b) { this.v = [a, b]; } var B = P.bind(null, 1); return new B(...[2]); });
t('new not iterable', () => { function P() {} return new P(...5); });
t('assign still sets', () => Object.assign({}, { a: 1 }, null, 'xy'));
