var count = 0;
exports.inc = function () { return ++count; };
exports.file = __filename.split('/').slice(-2).join('/');
exports.dir = __dirname.split('/').pop();
console.log('counter loaded, main?', require.main === module);
