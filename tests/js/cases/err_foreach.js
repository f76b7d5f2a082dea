// Uncaught error inside a native callback: "at Array.forEach (<anonymous>)".
var a = [1, 2, 3];
a.forEach(function (x) {
  if (x === 2) undefinedThing();
});
