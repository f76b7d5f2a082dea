// Throwing a non-Error value.
console.log('start');
throw { code: 42 };
