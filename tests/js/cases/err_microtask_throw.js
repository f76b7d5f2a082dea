// A throw in a then callback rejects the derived promise; with no handler
// it is reported as the throw itself.
Promise.resolve({ id: 1 }).then((o) => {
  console.log('got', o.id);
  return o.missing.field;
});
