// A Buffer's toJSON: { type: 'Buffer', data: [bytes] }, as JSON.stringify shows it.
var b = Buffer.from('hé');
console.log(JSON.stringify(b), JSON.stringify({ b: b, e: Buffer.alloc(0) }), b.toJSON());
console.log(JSON.stringify([Buffer.from([255])], null, 1));
var big = Buffer.alloc(3000, 7);
console.log(JSON.stringify(big).length, Object.keys(b));
