// require: relative files, the module cache, JSON, module.exports, require.main.
var c1 = require('./lib/counter');
var c2 = require('./lib/counter.js');
console.log(c1 === c2, c1.inc(), c2.inc(), c1.file, c1.dir);
var data = require('./lib/data.json');
console.log(data, require('./lib/data') === data);
var Klass = require('./lib/klass');
console.log(new Klass(7).get(), require.main === module, typeof module.exports, this === module.exports);
try { require('./lib/missing'); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
console.log(typeof __filename, __filename.split('/').pop(), __dirname.split('/').pop());
exports.x = 1;
console.log(module.exports.x);
