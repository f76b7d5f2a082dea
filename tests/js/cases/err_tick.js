// Uncaught error in a nextTick callback.
process.nextTick(function tick() { null.x; });
