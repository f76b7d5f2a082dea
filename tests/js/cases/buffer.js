// Buffer on external memory.
var b = Buffer.alloc(4);
b[0] = 104; b[1] = 105; b[3] = 300;
console.log(b.length, b[0], b[3], b[10], Buffer.isBuffer(b), Buffer.isBuffer({}));
console.log(Buffer.from('hi'), Buffer.from('hi').toString(), Buffer.from([1, 2, 255]), Buffer.alloc(60));
console.log(Buffer.from('abc').toString('hex'), Buffer.byteLength('hello'), Buffer.alloc(3, 7));
var before = process.memoryUsage();
var big = Buffer.allocUnsafe(8 * 1024 * 1024);
var after = process.memoryUsage();
console.log(after.external - before.external > 7 * 1024 * 1024, after.arrayBuffers >= 8 * 1024 * 1024,
  after.heapUsed - before.heapUsed < 1024 * 1024, big.length);
