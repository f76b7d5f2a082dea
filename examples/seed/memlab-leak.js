// Three heap snapshots for memlab's find-leaks, the way a web app's leak is
// hunted: baseline, after an action (target), after undoing it (final).
// The action opens a Dialog that registers a listener on a long-lived
// event bus and never removes it, so closing the dialog frees nothing:
// memlab reports the Dialog objects (and their 10 KB buffers) that were
// made by the action and are still alive at the end.
//   ghjs memlab-leak.js DIR
//   memlab find-leaks --baseline DIR/baseline.heapsnapshot \
//     --target DIR/target.heapsnapshot --final DIR/final.heapsnapshot --trace-all-objects
var v8 = require('v8');
var dir = process.argv[2] || '.';

function EventBus() { this.listeners = []; }
EventBus.prototype.on = function (fn) { this.listeners.push(fn); };
var bus = new EventBus();

function Dialog(n) {
  this.title = 'dialog ' + n;
  this.buffer = new Array(1250).join('0123456789'.slice(0, 8)); // 10 KB
  var self = this;
  bus.on(function onMessage(msg) { return self.title + ': ' + msg; }); // never removed: the leak
}
Dialog.prototype.close = function () { this.closed = true; };

function Tooltip(n) { this.text = 'tooltip ' + n; } // made and dropped: not a leak

var open = [];
function action() {
  for (var i = 0; i < 20; i++) {
    open.push(new Dialog(i));
    new Tooltip(i);
  }
}
function revert() {
  open.forEach(function (d) { d.close(); });
  open = [];
}

function snap(name) {
  return v8.writeHeapSnapshot(dir + '/' + name + '.heapsnapshot');
}

snap('baseline');
action();
snap('target');
revert();
snap('final');
console.log('wrote baseline, target and final snapshots');
console.log('listeners still on the bus:', bus.listeners.length);
