# report.awk -- the markdown table of one workload table from bench/run's
# records file.  Each record is one line of name=value words:
#
#   t=TABLE v=VARIANT i=RUN wall=.. user=.. sys=.. maxrss_kb=.. status=.. ck=..
#       [m.NAME=..]... [gh.NAME=..]... [boehm.NAME=..]...      (timed runs)
#   t=TABLE v=VARIANT trace=1 gc_minor=.. gc_full=.. gc_sum_ms=.. ...  (GC trace run)
#
# Variables: table, variants (space-separated, genheap first), goals
# (";"-separated "what:variant:op:limit", see bench/run), quick (0/1).
#
# Medians are over the timed runs.  A ratio column is computed pair by pair:
# run i of the variant divided by run i of genheap, then the median of those
# ratios.  Exit status 1 if any run failed or printed a checksum other than
# genheap's first run's.

# The values arrive as strings (cut out of "name=value" words), and awk
# compares two strings as text: "9.5" > "10.2".  "+ 0" makes them numbers.
function median(a, len,    i, j, v, b) {
    if (len == 0) return ""
    for (i = 1; i <= len; i++) b[i] = a[i] + 0
    for (i = 2; i <= len; i++) {
        v = b[i]
        for (j = i - 1; j >= 1 && b[j] > v; j--) b[j + 1] = b[j]
        b[j + 1] = v
    }
    return len % 2 ? b[(len + 1) / 2] : (b[len / 2] + b[len / 2 + 1]) / 2
}

# median over runs of value(v, key); NAN-free: runs lacking the key are skipped
function med(v, key,    i, n, a) {
    n = 0
    for (i = 1; i <= runs[v]; i++)
        if ((v SUBSEP i SUBSEP key) in val) a[++n] = val[v, i, key]
    note_range(a, n)
    return median(a, n)
}

# median over runs i of value(v, key, i) / value(genheap, key, i)
function ratio(v, key, base,    i, n, a) {
    n = 0
    for (i = 1; i <= runs[v]; i++)
        if ((v SUBSEP i SUBSEP key) in val && (base SUBSEP i SUBSEP key) in val && val[base, i, key] > 0)
            a[++n] = val[v, i, key] / val[base, i, key]
    note_range(a, n)
    return median(a, n)
}

# The smallest and largest of the n values in a, in range_lo / range_hi,
# so that a goal's line can show how far its runs spread.
function note_range(a, n,    i) {
    range_n = n
    for (i = 1; i <= n; i++) {
        if (i == 1 || a[i] + 0 < range_lo) range_lo = a[i] + 0
        if (i == 1 || a[i] + 0 > range_hi) range_hi = a[i] + 0
    }
}

# median over runs of value(v, k1) / value(v, k2)
function self_ratio(v, k1, k2,    i, n, a) {
    n = 0
    for (i = 1; i <= runs[v]; i++)
        if ((v SUBSEP i SUBSEP k1) in val && (v SUBSEP i SUBSEP k2) in val && val[v, i, k2] > 0)
            a[++n] = val[v, i, k1] / val[v, i, k2]
    return median(a, n)
}

function fmt(x, d) { return x == "" ? "-" : sprintf("%." d "f", x) }
function fx(x) { return x == "" ? "-" : sprintf("%.2fx", x) }
function label(k) { return k == "rss_live" ? "peak RSS / live" : k == "rss" ? "peak RSS" : k ~ /^m\./ ? substr(k, 3) : k }

{
    delete rec
    for (f = 1; f <= NF; f++) {
        eq = index($f, "=")
        if (eq) rec[substr($f, 1, eq - 1)] = substr($f, eq + 1)
    }
    if (rec["t"] != table) next
    v = rec["v"]
    if (rec["trace"] == 1) {
        for (k in rec) trace[v, k] = rec[k]
        traced[v] = 1
        next
    }
    i = rec["i"] + 0
    if (i > runs[v]) runs[v] = i
    for (k in rec) {
        if (k == "t" || k == "v" || k == "i") continue
        val[v, i, k] = rec[k]
        if (k ~ /^m\./ && !(k in metric_seen)) { metric_seen[k] = 1; metrics[++nmetrics] = k }
    }
    val[v, i, "cpu"] = rec["user"] + rec["sys"]
    val[v, i, "rss"] = rec["maxrss_kb"] / 1024
    if ("m.live_mib" in rec && rec["m.live_mib"] > 0) {
        val[v, i, "rss_live"] = val[v, i, "rss"] / rec["m.live_mib"]
        for (k in rec)   # other sizes get a "/ live" figure too
            if (k ~ /^m\..*_mib$/ && k != "m.live_mib")
                val[v, i, k "/live"] = rec[k] / rec["m.live_mib"]
    }
    # GC time inside the timed runs, from the programs' own counters
    if ("gh.scavenge_ms" in rec) val[v, i, "gc_ms"] = rec["gh.scavenge_ms"] + rec["gh.full_gc_ms"]
    if ("boehm.pause_ms" in rec) val[v, i, "gc_ms"] = rec["boehm.pause_ms"]
    if (v == "genheap" && i == 1) reference = rec["ck"]
    if (rec["status"] != 0) failed[v] = "FAILED (exit " rec["status"] ")"
    ck[v, i] = rec["ck"]
}

END {
    nv = split(variants, vs, " ")
    base = vs[1]
    head = "| variant | wall s | CPU s | peak RSS MiB | wall / " base " | CPU / " base " | RSS / " base
    rule = "|---|---:|---:|---:|---:|---:|---:"
    for (m = 1; m <= nmetrics; m++) {
        name = substr(metrics[m], 3)
        head = head " | " name; rule = rule "|---:"
        if (name ~ /_per_s$/) { head = head " | " name " / " base; rule = rule "|---:" }
        if (name ~ /_mib$/ && name != "live_mib" && ("m.live_mib" in metric_seen)) {
            head = head " | " name " / live"; rule = rule "|---:"
        }
    }
    if ("m.live_mib" in metric_seen) { head = head " | peak RSS / live"; rule = rule "|---:" }
    head = head " | GC ms (timed runs) | GCs minor+full | GC pause sum ms | pause p50 / p99 / max ms | output |"
    rule = rule "|---:|---:|---:|---:|---|"
    print head
    print rule
    bad = 0
    for (x = 1; x <= nv; x++) {
        v = vs[x]
        if (!runs[v]) continue
        line = "| " v " | " fmt(med(v, "wall"), 2) " | " fmt(med(v, "cpu"), 2) " | " fmt(med(v, "rss"), 1)
        line = line " | " fx(ratio(v, "wall", base)) " | " fx(ratio(v, "cpu", base)) " | " fx(ratio(v, "rss", base))
        for (m = 1; m <= nmetrics; m++) {
            k = metrics[m]
            line = line " | " fmt(med(v, k), (k ~ /_per_s$/) ? 0 : 1)
            if (k ~ /_per_s$/) line = line " | " fx(ratio(v, k, base))
            if (k ~ /_mib$/ && k != "m.live_mib" && ("m.live_mib" in metric_seen))
                line = line " | " fmt(med(v, k "/live"), 2)
        }
        if ("m.live_mib" in metric_seen) line = line " | " fmt(med(v, "rss_live"), 2)
        line = line " | " fmt(med(v, "gc_ms"), 1)
        if (traced[v])
            line = line " | " trace[v, "gc_minor"] "+" trace[v, "gc_full"] " | " trace[v, "gc_sum_ms"] \
                   " | " trace[v, "gc_p50_ms"] " / " trace[v, "gc_p99_ms"] " / " trace[v, "gc_max_ms"]
        else
            line = line " | - | - | -"
        status = "same"
        for (i = 1; i <= runs[v]; i++)
            if (ck[v, i] != reference) status = "MISMATCH"
        if (v in failed) status = failed[v]
        if (status != "same") bad = 1
        print line " | " status " |"
    }

    # goals: what:variant:op:limit[:subject], e.g. wall:boehm:<=:0.30 means
    # median over runs of genheap_i / boehm_i <= 0.30; rss_live:genheap:<=:1.1
    # is a variant's own figure; subject (default genheap) replaces genheap.
    ng = split(goals, gs, ";")
    for (g = 1; g <= ng; g++) {
        np = split(gs[g], p, ":")
        if (np != 4 && np != 5) continue
        what = p[1]; other = p[2]; op = p[3]; limit = p[4] + 0
        subject = np == 5 ? p[5] : base
        if (!runs[other] || !runs[subject]) continue
        if (other == subject) {
            x = med(subject, what); desc = subject " " label(what)
        } else {
            x = ratio(subject, what, other); desc = subject " " label(what) " / " other " " label(what)
        }
        if (x == "") continue
        ok = (op == "<=") ? x <= limit : x >= limit
        spread = range_n > 1 ? sprintf(" (runs: %.2f to %.2f)", range_lo, range_hi) : ""
        printf "- goal: %s %s %s: measured %.2f%s -- %s%s\n", desc, op, p[4], x, spread,
            ok ? "met" : "MISSED", quick ? " (quick sizes: the goals are for the full sizes)" : ""
    }
    exit bad
}
