#!/bin/sh
# snapshot_fronts.sh GHJS TESTS_JS_DIR -- the ways ghjs writes heap
# snapshots, run in the current (scratch) directory:
#   v8.writeHeapSnapshot([file]) and its errors, heapdump.writeSnapshot,
#   --heapsnapshot-signal=SIGUSR2 (while JS runs, and while the event loop
#   waits), --heapsnapshot-near-heap-limit=1 before the OOM report.
# The snapshots are checked by snapshot_check.js (layout, names, edges).
ghjs=$1
here=$2
fail=0
check() { node "$here/snapshot_check.js" "$@" || fail=1; }
expect() { # expect FILE REGEX: FILE has a line matching REGEX
    grep -q -E -e "$2" "$1" || { echo "FAIL: $1 lacks $2"; cat "$1"; fail=1; }
}
sanitizer() {
    if grep -q -E "runtime error:|AddressSanitizer|LeakSanitizer" "$1"; then
        echo "FAIL: sanitizer report"
        cat "$1"
        fail=1
    fi
}
DEFAULT='Heap\.[0-9]{8}\.[0-9]{6}\.[0-9]+\.0\.[0-9]{3}\.heapsnapshot'

# ---- v8.writeHeapSnapshot and heapdump.writeSnapshot ----
cat >write.js <<'EOF'
var v8 = require('v8');
function LimitableMap(limit) { this.limit = limit; this.map = {}; this.keys = []; }
globalThis.probeRoot = new LimitableMap(10);
globalThis.probeRoot.map.ac = 12;
globalThis.probeRoot.keys.push('ac');
globalThis.probeArray = new Array(100);
globalThis.probeString = 'hello-heap-snapshot';
globalThis.probeWeak = new WeakMap([[probeRoot, { weakValue: 1 }]]);
function outer() { var captured = { secret: 42 }; return function inner() { return captured; }; }
globalThis.probeClosure = outer();
console.log('default:', v8.writeHeapSnapshot());
console.log('named:', v8.writeHeapSnapshot('named.heapsnapshot'));
[function () { return v8.writeHeapSnapshot('no/such/dir/x.heapsnapshot'); },
 function () { return v8.writeHeapSnapshot(5); }].forEach(function (f) {
  try { f(); } catch (e) { console.log(e.name + ': ' + e.message, e.code); }
});
var heapdump = require('heapdump');
console.log('heapdump returns', heapdump.writeSnapshot(function (err, name) { console.log('heapdump cb:', err, name); }));
console.log('heapdump returns', heapdump.writeSnapshot('dump.heapsnapshot', function (err, name) { console.log('heapdump cb:', err, name); }));
console.log('heapdump returns', heapdump.writeSnapshot('no/such/dir/y', function (err, name) { console.log('heapdump cb:', String(err), name); }));
EOF
NODE_HEAPDUMP_OPTIONS=nosignal "$ghjs" write.js >write.out 2>write.err || { echo "FAIL: write.js"; cat write.out write.err; fail=1; }
sanitizer write.err
expect write.out "^default: $DEFAULT\$"
expect write.out '^named: named.heapsnapshot$'
expect write.out "^Error: ENOENT: no such file or directory, open 'no/such/dir/x.heapsnapshot' ENOENT\$"
expect write.out '^TypeError: The "path" argument must be of type string or an instance of Buffer or URL. Received type number \(5\) ERR_INVALID_ARG_TYPE$'
expect write.out '^heapdump cb: null heapdump-[0-9]+\.[0-9]+\.heapsnapshot$'
expect write.out '^heapdump cb: null dump.heapsnapshot$'
expect write.out '^heapdump cb: Error: no such file or directory no/such/dir/y$'
expect write.out '^heapdump returns false$'
[ "$(grep -c '^heapdump returns true$' write.out)" = 2 ] || { echo "FAIL: heapdump returns"; fail=1; }
default=$(sed -n 's/^default: //p' write.out)
[ -n "$default" ] && [ -f "$default" ] || { echo "FAIL: no default-named snapshot"; fail=1; }
for f in named.heapsnapshot dump.heapsnapshot heapdump-*.heapsnapshot; do
    check "$f" --node object:LimitableMap --edge object:LimitableMap:property:map \
        --edge object:LimitableMap:property:keys --edge object:LimitableMap:property:__proto__ \
        --node string:hello-heap-snapshot --node closure:inner --node closure:LimitableMap \
        --edge closure:inner:internal:context --edge "object:system / Context:context:captured" \
        --edge object:WeakMap:internal:table --node object:Array \
        --path string:hello-heap-snapshot --path-has property:probeString
done

# ---- --heapsnapshot-signal: while JS runs, and while the loop waits ----
mkdir sig && cd sig || exit 2
cat >sig.js <<'EOF'
require('v8').writeHeapSnapshot('ready.snapshot');
function step(i) { return i + 1; }
var x = 0, t0 = Date.now();
while (Date.now() - t0 < 1500) x = step(x); // busy: snapshots at function entries
var n = 0, t = setInterval(function () { if (step(n++) === 100) clearInterval(t); }, 20); // idle
EOF
"$ghjs" --heapsnapshot-signal=SIGUSR2 sig.js >sig.out 2>sig.err &
pid=$!
i=0
while [ ! -s ready.snapshot ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
kill -USR2 $pid
sleep 1.9
kill -USR2 $pid
wait $pid || { echo "FAIL: sig.js exited with $?"; cat sig.out sig.err; fail=1; }
sanitizer sig.err
n=$(ls | grep -c -E "^$DEFAULT\$")
[ "$n" = 2 ] || { echo "FAIL: $n snapshots on two signals"; ls; fail=1; }
for f in Heap.*.heapsnapshot; do check "$f" --node closure:step; done
cd ..
"$ghjs" --heapsnapshot-signal=SIGFOO -e 1 >badsig.out 2>&1
[ $? = 1 ] || { echo "FAIL: a bad signal name is not refused"; fail=1; }
expect badsig.out 'Unknown signal: SIGFOO'

# ---- --heapsnapshot-near-heap-limit ----
mkdir near && cd near || exit 2
cat >grow.js <<'EOF'
var a = [];
for (;;) { for (var i = 0; i < 10000; i++) a.push({ i: i }); }
EOF
"$ghjs" --max-old-space-size=16 --heapsnapshot-near-heap-limit=1 grow.js >near.out 2>near.err
code=$?
[ $code = 134 ] || { echo "FAIL: grow.js exited with $code, not 134"; cat near.err; fail=1; }
expect near.err "^Wrote snapshot to .*/$DEFAULT\$"
expect near.err 'FATAL ERROR: .*JavaScript heap out of memory'
for f in Heap.*.heapsnapshot; do check "$f" --node object:Array --node object:Object; done
cd ..
exit $fail
