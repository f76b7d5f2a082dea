// An Error nothing handles: node reports where the Error was made, after
// the microtasks of the turn (a handler added by one of them counts).
const handledInTime = Promise.reject(new Error('handled in time'));
Promise.resolve().then(() => handledInTime.catch((e) => console.log('caught', e.message)));
console.log('main');
function fail() {
  return Promise.reject(new TypeError('nobody catches this'));
}
fail();
setTimeout(() => console.log('never printed'), 0);
