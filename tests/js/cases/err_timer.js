// Uncaught error in a timer callback: Node's timer frames.
function f() {
  throw new Error("deep");
}
function g() { f(); }
setTimeout(function timer() { g(); }, 1);
