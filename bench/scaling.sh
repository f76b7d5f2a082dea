#!/usr/bin/env bash
# scaling.sh -- how genheap's GC threads scale on a machine with many CPUs.
#
#   bench/scaling.sh [--bin DIR] [--counts 0,1,3,7,15] [--runs N] [--workloads-only]
#
# bench/run's gc-threads table answers "do helpers pay on this machine";
# this script answers "how far do they scale", and is meant for a machine
# with more cores than the 2-CPU development VM.  It needs only the programs
# bench/run builds (DIR, default bench/.build/bin; they can be built
# elsewhere with -static and copied), and prints markdown:
#   1. gc_threads: full-GC marking and scavenge pauses per helper count,
#      with young trees of 2^18 and 2^20 nodes;
#   2. whole workloads under GENHEAP_GC_THREADS=N, run alternately N times
#      each: median wall time, and the longest GC pause the program saw.
set -u
BIN=bench/.build/bin
RUNS=3
PAUSE_TABLES=1
CPUS=$(nproc 2>/dev/null || echo 2)
if [ "$CPUS" -ge 16 ]; then COUNTS=0,1,3,7,15; else COUNTS=$(seq -s, 0 $((CPUS - 1))); fi
while [ $# -gt 0 ]; do
    case $1 in
    --bin) BIN=$2; shift 2 ;;
    --counts) COUNTS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --workloads-only) PAUSE_TABLES=0; shift ;;
    *) echo "usage: $0 [--bin DIR] [--counts a,b,c] [--runs N] [--workloads-only]" >&2; exit 2 ;;
    esac
done
IFS=, read -r -a COUNT_LIST <<<"$COUNTS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "# GC thread scaling: $CPUS CPUs, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: /CPU: /'
for young in 18 20; do
    [ "$PAUSE_TABLES" = 1 ] || break
    echo
    echo "## gc_threads, young tree 2^$young"
    "$BIN/gc_threads" --runs 5 --young-depth "$young" --counts "$COUNTS"
done

# workload name, then its command line
WORKLOADS=(
    "splay|$BIN/splay_genheap"
    "splay-stw|$BIN/splay_genheap-stw"
    "binary-trees 20|$BIN/binary_trees_genheap 20"
    "gcbench|$BIN/gcbench_genheap"
    "lesson1|$BIN/lesson1_genheap"
)
median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

for entry in "${WORKLOADS[@]}"; do
    name=${entry%%|*}
    cmd=${entry#*|}
    for ((r = 0; r < RUNS; r++)); do
        for t in "${COUNT_LIST[@]}"; do
            GENHEAP_GC_THREADS=$t "$BIN/measure" -o "$TMP/t" -- $cmd >"$TMP/out" 2>&1
            wall=$(sed 's/.*wall=\([0-9.]*\).*/\1/' "$TMP/t")
            pause=$(sed -n 's/.*max_pause_ms=\([0-9.]*\).*/\1/p' "$TMP/out" | head -1)
            echo "$wall" >>"$TMP/$t.wall"
            echo "${pause:-0}" >>"$TMP/$t.pause"
        done
    done
    echo
    echo "## $name (median of $RUNS, alternating)"
    echo "| GC helper threads | wall s | speed-up | longest GC pause ms |"
    echo "|---:|---:|---:|---:|"
    base=
    for t in "${COUNT_LIST[@]}"; do
        w=$(median <"$TMP/$t.wall")
        p=$(median <"$TMP/$t.pause")
        base=${base:-$w}
        awk -v t="$t" -v w="$w" -v b="$base" -v p="$p" \
            'BEGIN { printf "| %s | %.3f | %.2fx | %.1f |\n", t, w, b / w, p }'
        rm -f "$TMP/$t.wall" "$TMP/$t.pause"
    done
done
