// Buffer.from and new Buffer with objects, as Node's fromObject: array-likes,
// Buffer's toJSON form, a valueOf giving a string, and clean errors otherwise.
function t(label, f) { try { const b = f(); console.log(label, b.length, Array.from(b).join(',')); } catch (e) { console.log(label, 'threw', e.name, e.code, e.message); } }
t('{}', () => Buffer.from({}));
t('{length:"x"}', () => Buffer.from({length: 'x'}));
t('{length:2}', () => Buffer.from({length: 2, 0: 7, 1: 8}));
t('json', () => Buffer.from({type: 'Buffer', data: [1, 2, 3]}));
t('json bad', () => Buffer.from({type: 'Buffer', data: 5}));
t('fn', () => Buffer.from(function () {}));
t('number', () => Buffer.from(5));
t('null', () => Buffer.from(null));
t('buffer', () => Buffer.from(Buffer.from([4, 5])));
t('array', () => Buffer.from([1, 2]));
t('new Buffer({})', () => new Buffer({}));
t('valueOf', () => Buffer.from({valueOf() { return 'ab'; }}));
var mk = function () { return { valueOf: mk }; };
t('valueOf chain', () => Buffer.from(mk()));
t('valueOf throws', () => Buffer.from({ valueOf() { throw new Error('nope'); } }));
