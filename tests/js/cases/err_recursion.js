// Infinite recursion ends in a RangeError.
function f(n) { return f(n + 1); }
f(0);
