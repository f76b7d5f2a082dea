// util.inspect of errors with a cause: [cause], and the frames the cause repeats
// folded into "... N lines matching cause stack trace ...".
function inner() { return new TypeError('root'); }
const e = new Error('top', { cause: inner() });
console.log(e);
const e2 = new Error('with code', { cause: 'a string' }); e2.code = 'E1';
console.log(e2);
console.log({ wrapped: new Error('w', { cause: 42 }) });
