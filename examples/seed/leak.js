// The seed's module-scope leak: a module-level array that only grows keeps
// every closure (and its scope) alive; a bounded cache does not.
var leakArray = [];
var leak = function () {
  leakArray.push('leak' + Math.random());
};
for (var i = 0; i < 1000; i++) leak();
console.log('leaked entries', leakArray.length);
function makeClosure() {
  var big = new Array(1000).join('x');
  return function () { return big.length; };
}
var kept = [];
for (var j = 0; j < 100; j++) kept.push(makeClosure());
console.log('closures keep their scope alive:', kept[99](), kept.length);
