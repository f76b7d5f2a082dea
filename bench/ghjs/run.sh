#!/usr/bin/env bash
# bench/ghjs/run.sh [--runs N] [WORKLOAD...] -- ghjs against node on the
# seed's lesson1.js, a GC-churn script, a steady replacement of ~200 MB
# of live objects and the seed's bounded cache (LimitableMap): median wall time, peak RSS and their ratios (run i of
# ghjs over run i of node, then the median), plus the collections each one
# makes, its longest GC pause and its biggest incremental-marking step
# (from a --trace-gc run).
# Timed runs alternate ghjs / node, starting with the other one each round.
# Needs a built ghjs (make; or GHJS=path) and node.  Results are printed and
# saved in bench/out/ghjs-DATE/results.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=5
workloads=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        *) workloads+=("$1"); shift ;;
    esac
done
[ ${#workloads[@]} -gt 0 ] || workloads=(lesson1 churn replace cache)
ghjs=${GHJS:-$root/build/src/js/ghjs}
[ -x "$ghjs" ] || { echo "no ghjs at $ghjs (run make)" >&2; exit 3; }
command -v node >/dev/null || { echo "node is needed" >&2; exit 3; }
out="$root/bench/out/ghjs-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
cc -O2 -std=c11 -o "$out/measure" "$root/bench/measure.c"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }

{
echo "| workload | runtime | wall s | peak RSS MiB | wall / node | RSS / node | scavenges | mark-compacts | max pause ms | biggest step ms |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$out/results.md"

for w in "${workloads[@]}"; do
    js="$here/$w.js"
    for r in $(seq "$runs"); do
        order=(ghjs node)
        [ $((r % 2)) = 0 ] && order=(node ghjs)
        for v in "${order[@]}"; do
            cmd=("$ghjs")
            [ "$v" = node ] && cmd=(node)
            "$out/measure" -o "$out/$w.$v.$r.time" -- "${cmd[@]}" "$js" >"$out/$w.$v.$r.out" 2>&1
        done
    done
    for v in ghjs node; do
        cmd=("$ghjs")
        [ "$v" = node ] && cmd=(node)
        "${cmd[@]}" --trace-gc "$js" >"$out/$w.$v.trace" 2>&1
    done
    for v in ghjs node; do
        wall=$(for r in $(seq "$runs"); do field wall "$out/$w.$v.$r.time"; done | median)
        rss=$(for r in $(seq "$runs"); do field maxrss_kb "$out/$w.$v.$r.time"; done | median)
        wr=1
        rr=1
        if [ "$v" = ghjs ]; then
            wr=$(for r in $(seq "$runs"); do
                echo "$(field wall "$out/$w.ghjs.$r.time") $(field wall "$out/$w.node.$r.time")" | awk '{print $1/$2}'
            done | median)
            rr=$(for r in $(seq "$runs"); do
                echo "$(field maxrss_kb "$out/$w.ghjs.$r.time") $(field maxrss_kb "$out/$w.node.$r.time")" | awk '{print $1/$2}'
            done | median)
        fi
        sc=$(grep -c ': Scavenge' "$out/$w.$v.trace" || true)
        mc=$(grep -c ': Mark-Compact' "$out/$w.$v.trace" || true)
        # every pause, scavenges included, by the collector's own clock
        maxp=$(awk -f "$root/bench/lib/gc-pauses.awk" "$out/$w.$v.trace" | sed -n 's/.*gc_max_ms=\([0-9.]*\).*/\1/p')
        step=$({ grep -o 'biggest step [0-9.]* ms' "$out/$w.$v.trace" || true; } |
            awk '$3 > m {m = $3} END {print m == "" ? "-" : m}')
        printf '| %s | %s | %.2f | %.0f | %.2f | %.2f | %s | %s | %s | %s |\n' "$w" "$v" "$wall" \
            "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$wr" "$rr" "$sc" "$mc" "${maxp:--}" "$step" >>"$out/results.md"
    done
done
cat "$out/results.md"
echo "(saved in $out)"
