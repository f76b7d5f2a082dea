// An uncaught throw of an Error created in a constructor call.
var x = 1;
function Thing() { this.x = x; }
new Thing();
throw new RangeError('out of range: ' + x);
