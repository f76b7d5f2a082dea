#!/bin/sh
# cli.sh GHJS -- the command line: -e, -p, stdin, the REPL, --version, -h,
# flag spellings, the trace flags, exit codes.  Prints "N passed, N failed".
ghjs=$1
pass=0
fail=0
check() { # name expected actual
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3"
    fi
}
contains() { # name needle haystack
    case $3 in
        *"$2"*) pass=$((pass + 1)) ;;
        *) fail=$((fail + 1)); printf 'FAIL %s: no "%s" in\n%s\n' "$1" "$2" "$3" ;;
    esac
}
check eval "3 hi" "$("$ghjs" -e 'console.log(1 + 2, "hi")')"
check print "[ 2, 4 ]" "$("$ghjs" -p '[1, 2].map(function (x) { return x * 2; })')"
check eval-args "3 [ 'a', 'b' ]" "$("$ghjs" -e 'console.log(process.argv.length, process.argv.slice(1))' a b)"
check stdin "from stdin" "$(echo 'console.log("from stdin")' | "$ghjs")"
check dash "from dash" "$(echo 'console.log("from dash")' | "$ghjs" -)"
contains version "v20.20.2" "$("$ghjs" --version)"
contains help "Usage: ghjs" "$("$ghjs" -h)"
"$ghjs" --no-such-flag -e 1 2>/dev/null
check bad-flag 9 $?
"$ghjs" -e 'process.exit(7)'
check exit-code 7 $?
"$ghjs" -e 'throw new Error("x")' 2>/dev/null
check uncaught-exit 1 $?
check underscores "ok" "$("$ghjs" --max_old_space_size=64 --max-semi-space-size=2 --expose_gc -e 'gc(); console.log("ok")')"
check stack-size "ok" "$("$ghjs" --stack-size=4000 --stack_size --no-deprecation -e 'console.log("ok")')"
"$ghjs" --stack-size=-1 -e 1 2>/dev/null
check stack-size-bad 9 $?
# a size of 0 keeps the default, as in node; an absurd one is refused
# with the size asked for, not a wrapped one
limit='console.log(require("v8").getHeapStatistics().heap_size_limit)'
check zero-size-is-default "$("$ghjs" -e "$limit")" "$("$ghjs" --max-old-space-size=0 --max-semi-space-size=0 -e "$limit")"
contains huge-size "max_old_space 18446744073709551615 is larger" "$("$ghjs" --max-old-space-size=99999999999999 -e 1 2>&1)"
check new-space-kb "ok" "$("$ghjs" --max-new-space-size=2048 -e 'console.log("ok")')"
repl=$(printf '1+1\nvar x = 5\nx * 2\n"str"\nfoo\nfunction f() {\nreturn 42;\n}\nf()\nthrow 5\n' | "$ghjs" -i)
check repl "> 2
> undefined
> 10
> 'str'
> Uncaught ReferenceError: foo is not defined
> ... ... undefined
> 42
> Uncaught 5
> " "$(echo "$repl" | tail -n +3)"
contains repl-memory "heapTotal:" "$(echo 'process.memoryUsage()' | "$ghjs" -i)"
# promise jobs run after each input, as node's REPL runs them; timers still
# due run when the input ends
repl_jobs=$(printf 'Promise.resolve(5).then((v) => console.log("then", v))\nsetTimeout(() => console.log("timer"), 1)\n' | "$ghjs" -i)
contains repl-microtasks "> Promise { <pending> }
then 5" "$repl_jobs"
contains repl-timers "timer" "$repl_jobs"
gc=$("$ghjs" --trace-gc --expose-gc -e 'gc(); gc({type: "minor"})')
contains trace-gc-full "Mark-Compact" "$gc"
contains trace-gc-testing "testing" "$gc"
contains trace-gc-minor "Scavenge" "$gc"
nvp=$("$ghjs" --trace-gc --trace-gc-nvp --expose-gc -e 'gc()')
contains trace-gc-nvp "pause=" "$nvp"
contains trace-gc-nvp-alone "gc=mc" "$("$ghjs" --trace-gc-nvp --expose-gc -e 'gc()')"
check ignore-scavenger-alone "" "$("$ghjs" --trace-gc-ignore-scavenger --expose-gc -e 'gc()')"
ign=$("$ghjs" --trace-gc --trace-gc-ignore-scavenger --expose-gc -e 'gc({type: "minor"}); gc()')
case $ign in *Scavenge*) fail=$((fail + 1)); echo "FAIL ignore-scavenger" ;; *) pass=$((pass + 1)) ;; esac
contains trace-gc-verbose "Memory allocator" "$("$ghjs" --trace-gc-verbose --expose-gc -e 'gc()')"
dep=$("$ghjs" -e 'new Buffer(1); new Buffer(2)' 2>&1 >/dev/null)
contains dep0005 "[DEP0005] DeprecationWarning: Buffer() is deprecated" "$dep"
check dep0005-once 2 "$(echo "$dep" | wc -l | tr -d ' ')"
# --no-deprecation drops deprecation warnings, --no-warnings prints none
# (the 'warning' listeners still see them), as node's flags do
check no-deprecation "" "$("$ghjs" --no-deprecation -e 'new Buffer(1); process.emitWarning("d", "DeprecationWarning")' 2>&1)"
check no-deprecation-others "(node:PID) Warning: w" "$("$ghjs" --no-deprecation -e 'process.emitWarning("d", "DeprecationWarning"); process.emitWarning("w")' 2>&1 | head -1 | sed 's/(node:[0-9]*)/(node:PID)/')"
check no-warnings "seen w
seen DEP0005" "$("$ghjs" --no-warnings -e 'process.on("warning", (w) => console.log("seen", w.code || w.message)); process.emitWarning("w"); new Buffer(1)' 2>&1)"
# memwatch's event names: a name built at run time survives the allocation of
# the listener table (a scavenge before every allocation moves it), a name
# whose toString throws is the caller's exception, and removeAllListeners
# takes any name (the first atom, "length", was once taken for a throw).
mwjs='var mw = require("memwatch"); mw.on(["st", "ats"].join(""), function () {});
try { mw.on({ toString: function () { throw new Error("bad name"); } }, function () {}); } catch (e) { console.log(e.message); }
try { mw.listenerCount({ toString: function () { throw new Error("bad count"); } }); } catch (e) { console.log(e.message); }
try { mw.removeAllListeners({ toString: function () { throw new Error("bad remove"); } }); } catch (e) { console.log(e.message); }
mw.on("length", function () {}); mw.removeAllListeners("length");
console.log(mw.listeners("stats").length, mw.listenerCount("stats"), mw.listenerCount("length"));'
check memwatch-names "bad name
bad count
bad remove
1 1 0" "$(GENHEAP_STRESS=scavenge "$ghjs" -e "$mwjs" 2>&1)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
