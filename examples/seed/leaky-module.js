// The seed's module-scope cache: the module system keeps every module it
// loaded (require.cache), so `ary` -- private to this module, reachable
// through the closures it exports -- is never freed, and it only grows.
var ary = [];
exports.get = function () {
  return ary;
};
exports.add = function (val) {
  ary.push(val);
};
