// Uncaught error in an immediate.
setImmediate(function () { null.x; });
