// An uncaught TypeError thrown inside functions: Node's report on stderr, exit 1.
function outer() { return inner(); }
function inner() {
  var o = {};
  return o.missing.deeper;
}
console.log('before');
outer();
