// A rejection with a value that is not an Error, left unhandled until a
// timer: node's ERR_UNHANDLED_REJECTION, named by the value.
new Promise((resolve, reject) => setTimeout(() => reject({ why: 'object' }), 1));
Promise.resolve('fine').then((v) => console.log(v));
