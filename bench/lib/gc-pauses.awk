# gc-pauses.awk -- one line of GC pause statistics from a trace capture:
#
#   gc_minor=N gc_full=N gc_sum_ms=X gc_p50_ms=X gc_p99_ms=X gc_max_ms=X gc_unparsed=N
#
# It reads three kinds of lines:
#   - Node's --trace-gc lines, and genheap's (config.trace_gc), which have the
#     same format; the pause is the first number after "MB, ":
#       [pid:0x..]  80 ms: Scavenge 4.1 (4.2) -> 4.1 (5.2) MB, 7.21 / 0.00 ms  (...) allocation failure;
#     Scavenge and Minor Mark-Compact count as minor, Mark-Compact as full;
#   - the Boehm variants' "GCPAUSE full 1.234" lines.
# Percentiles are nearest-rank.  Usage: awk -f gc-pauses.awk TRACE
/<--- Last few GCs --->/ { stop = 1 }   # an OOM epilogue repeats earlier lines
stop { next }
/ ms: (Scavenge|Minor Mark-Compact|Mark-Compact)/ {
    kind = ($0 ~ / ms: Mark-Compact/) ? "full" : "minor"
    if (match($0, /MB, [0-9.]+ \//)) {
        add(kind, substr($0, RSTART + 4, RLENGTH - 6) + 0)
    } else {
        unparsed++
    }
    next
}
/^GCPAUSE (minor|full) [0-9.]+$/ { add($2, $3 + 0) }

function add(kind, ms) {
    n++
    count[kind]++
    sum += ms
    p[n] = ms
}

function sort_values(a, len,    i, j, v) {   # insertion sort: a few thousand values at most
    for (i = 2; i <= len; i++) {
        v = a[i]
        for (j = i - 1; j >= 1 && a[j] > v; j--)
            a[j + 1] = a[j]
        a[j + 1] = v
    }
}

function rank(q,    r) {
    r = int(q * n)
    if (r < q * n) r++
    if (r < 1) r = 1
    return p[r]
}

END {
    sort_values(p, n)
    if (n == 0)
        printf "gc_minor=0 gc_full=0 gc_sum_ms=0 gc_p50_ms=0 gc_p99_ms=0 gc_max_ms=0 gc_unparsed=%d\n", unparsed + 0
    else
        printf "gc_minor=%d gc_full=%d gc_sum_ms=%.2f gc_p50_ms=%.2f gc_p99_ms=%.2f gc_max_ms=%.2f gc_unparsed=%d\n",
            count["minor"] + 0, count["full"] + 0, sum, rank(0.5), rank(0.99), p[n], unparsed + 0
}
