// Object.assign copies a string source's characters (its own enumerable
// index properties); other primitives have none.
console.log(Object.assign({}, 'xy', null, undefined, 5, true, { 3: 'c' }, 'é!'));
console.log(Object.assign([1, 2, 3], 'ab'), Object.assign({}, new String('q')), Object.assign({ a: 1 }, ''));
