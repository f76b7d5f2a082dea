#!/usr/bin/env bash
# bench/smoke.sh -- build the benchmarks and run every workload once, at a
# small size, in every variant; fail unless all variants of a workload print
# the same output (checksum) and exit 0.  Then the genheap variants once more
# under GENHEAP_STRESS (catches raw pointers held across allocations and
# missing barriers), and the harness's own pieces: measure.c, the GC trace
# parser on genheap's and Boehm's traces, and micro.c.  A few seconds after
# the build.
#
# Exit status: 0 pass; 1 fail; 77 skipped because Debian packages are missing
# (for ctest's SKIP_RETURN_CODE).  Node variants are skipped if node is absent.
set -u

BENCH=$(cd "$(dirname "$0")" && pwd)
BIN=$BENCH/.build/bin

"$BENCH/run" --build-only
rc=$?
case $rc in
0) ;;
3) echo "smoke: SKIPPED (missing Debian packages)"; exit 77 ;;
*) echo "smoke: FAIL (build)"; exit 1 ;;
esac

HAVE_NODE=0
command -v node >/dev/null 2>&1 && HAVE_NODE=1
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

fail=0
check() { # workload(C stem) js-script args...
    local w=$1 js=$2 ref="" v bad=0
    shift 2
    for v in genheap genheap-threads genheap-pretenure boehm malloc mimalloc jemalloc node; do
        if [ "$v" = genheap-threads ]; then
            GENHEAP_GC_THREADS=auto "$BIN/${w}_genheap" "$@" >"$TMP/$w.$v.out" 2>"$TMP/$w.$v.err"
        elif [ "$v" = genheap-pretenure ]; then
            [ -x "$BIN/${w}_$v" ] || continue   # lesson1 only
            "$BIN/${w}_$v" "$@" >"$TMP/$w.$v.out" 2>"$TMP/$w.$v.err"
        elif [ "$v" = node ]; then
            [ -n "$js" ] && [ $HAVE_NODE = 1 ] || continue
            node "$BENCH/js/$js" "$@" >"$TMP/$w.$v.out" 2>"$TMP/$w.$v.err"
        else
            "$BIN/${w}_$v" "$@" >"$TMP/$w.$v.out" 2>"$TMP/$w.$v.err"
        fi
        local status=$?
        local sum
        sum=$(cksum <"$TMP/$w.$v.out" | cut -d' ' -f1)
        if [ $status != 0 ] || [ ! -s "$TMP/$w.$v.out" ]; then
            echo "smoke: FAIL $w $v: exit $status"
            sed 's/^/    /' "$TMP/$w.$v.err" | head -20
            bad=1
        elif [ -z "$ref" ]; then
            ref=$sum
        elif [ "$sum" != "$ref" ]; then
            echo "smoke: FAIL $w $v: output differs from genheap's:"
            diff "$TMP/$w.genheap.out" "$TMP/$w.$v.out" | head -20 | sed 's/^/    /'
            bad=1
        fi
    done
    grep -q '^GHSTATS scavenges=' "$TMP/$w.genheap.err" ||
        { echo "smoke: FAIL $w genheap: no GHSTATS line"; bad=1; }
    grep -q '^BOEHMSTATS gc_no=' "$TMP/$w.boehm.err" ||
        { echo "smoke: FAIL $w boehm: no BOEHMSTATS line"; bad=1; }
    [ $bad = 0 ] || fail=1
    [ $bad = 1 ] || echo "smoke: ok   $w ($(head -1 "$TMP/$w.genheap.out")) [$(ls "$TMP" | sed -n "s/^$w\.\(.*\)\.out$/\1/p" | tr '\n' ' ')]"
}

check binary_trees binary-trees.js 8
check gcbench gcbench.js 10 8 2000 4 8
check lesson1 lesson1.js 5000
check lesson3 "" 2 4
check splay splay.js 200 1000
check fragmentation "" 20000

# The genheap variants under genheap's stress modes (a scavenge before
# every allocation, or a full GC every 50; freed memory zapped; the heap
# verified after every GC): a raw pointer held across an allocation or a
# missing write barrier shows up here as a crash, a verifier failure or
# different output.
stress() { # program args...
    local p=$1 s ref
    shift
    ref=$(cksum <"$TMP/$p.ref")
    for s in scavenge,zap,verify full=50,zap,verify; do
        if GENHEAP_STRESS=$s "$BIN/$p" "$@" >"$TMP/stress.out" 2>"$TMP/stress.err" &&
            [ "$(cksum <"$TMP/stress.out")" = "$ref" ]; then
            :
        else
            echo "smoke: FAIL $p under GENHEAP_STRESS=$s"
            head -5 "$TMP/stress.err" | sed 's/^/    /'
            fail=1
            return
        fi
    done
    echo "smoke: ok   $p under GENHEAP_STRESS (scavenge, full=50; zap, verify)"
}
stress_all() { # workload args...: reference output from the malloc variant
    local w=$1
    shift
    "$BIN/${w}_malloc" "$@" >"$TMP/${w}_genheap.ref" 2>/dev/null
    cp "$TMP/${w}_genheap.ref" "$TMP/${w}_genheap-pretenure.ref"
    stress "${w}_genheap" "$@"
    [ "$w" != lesson1 ] || stress "${w}_genheap-pretenure" "$@"
}
stress_all binary_trees 6
stress_all gcbench 7 5 1001 4 6
stress_all lesson1 1000
stress_all lesson3 2 1
stress_all splay 30 100 2
stress_all fragmentation 1000

# measure.c: a result line with every field
if "$BIN/measure" -o "$TMP/m" -- "$BIN/binary_trees_malloc" 6 >/dev/null &&
    grep -Eq '^wall=[0-9.]+ user=[0-9.]+ sys=[0-9.]+ maxrss_kb=[1-9][0-9]* status=0$' "$TMP/m"; then
    echo "smoke: ok   measure"
else
    echo "smoke: FAIL measure: $(cat "$TMP/m" 2>/dev/null)"
    fail=1
fi

# the trace parser understands genheap's and Boehm's per-collection lines
for v in genheap boehm; do
    BENCH_TRACE_GC=1 "$BIN/binary_trees_$v" 12 >/dev/null 2>"$TMP/trace.$v"
    summary=$(awk -f "$BENCH/lib/gc-pauses.awk" "$TMP/trace.$v")
    case $summary in
    *gc_unparsed=0*) ;;
    *) echo "smoke: FAIL trace parser ($v): $summary"; fail=1; continue ;;
    esac
    case $summary in
    gc_minor=0\ gc_full=0\ *) echo "smoke: FAIL trace parser ($v): no collections seen"; fail=1 ;;
    *) echo "smoke: ok   trace parser ($v: $summary)" ;;
    esac
done

# report.awk's medians are numeric: runs of 9.5, 10.2 and 12.6 s have a
# median of 10.2 (compared as text, "9.5" sorts last and 12.6 came out)
for i in 1 2 3; do
    w=$(echo "9.5 10.2 12.6" | cut -d' ' -f$i)
    echo "t=T v=genheap i=$i wall=1.0 user=1.0 sys=0 maxrss_kb=1024 status=0 ck=1"
    echo "t=T v=boehm i=$i wall=$w user=$w sys=0 maxrss_kb=1024 status=0 ck=1"
done >"$TMP/records"
if awk -v table=T -v variants="genheap boehm" -v goals= -v quick=0 -f "$BENCH/lib/report.awk" \
    "$TMP/records" | grep -q '^| boehm | 10.20 | 10.20 |'; then
    echo "smoke: ok   report medians"
else
    echo "smoke: FAIL report medians:"
    awk -v table=T -v variants="genheap boehm" -v goals= -v quick=0 -f "$BENCH/lib/report.awk" "$TMP/records" |
        sed 's/^/    /'
    fail=1
fi

if "$BIN/micro" --quick --runs 1 >"$TMP/micro" 2>&1 && [ "$(grep -c '^| ' "$TMP/micro")" = 8 ]; then
    echo "smoke: ok   micro"
else
    echo "smoke: FAIL micro"
    cat "$TMP/micro"
    fail=1
fi

[ $fail = 0 ] && echo "smoke: PASS" || echo "smoke: FAIL"
exit $fail
