/*
 * bench_gh.h -- helpers for the genheap variants: heap creation with the
 * default configuration (plus tracing on request), allocation that dies on
 * failure, and the GHSTATS line.
 */
#ifndef BENCH_GH_H
#define BENCH_GH_H

#include <genheap.h>

#include "bench_common.h"

static const char *bench_gh_prog = "genheap";

/* Every pause the mutator saw: each collection's, and for a full GC that
 * ended an incremental marking, its biggest step. */
static double *bench_gh_pauses;
static size_t bench_gh_npauses, bench_gh_cap;

static void bench_gh_record_pause(double ms)
{
    if (bench_gh_npauses == bench_gh_cap) {
        bench_gh_cap = bench_gh_cap ? bench_gh_cap * 2 : 1024;
        bench_gh_pauses = realloc(bench_gh_pauses, bench_gh_cap * sizeof *bench_gh_pauses);
        if (!bench_gh_pauses)
            bench_die(bench_gh_prog, "out of memory");
    }
    bench_gh_pauses[bench_gh_npauses++] = ms;
}

static void bench_gh_on_gc(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    (void)h;
    (void)data;
    if (phase != GH_GC_EPILOGUE)
        return;
    bench_gh_record_pause(info->pause_ms);
    if (info->incremental_steps)
        bench_gh_record_pause(info->biggest_step_ms);
}

static inline gh_heap *bench_gh_create(const char *prog)
{
    bench_gh_prog = prog;
    gh_config config;
    gh_config_init(&config); /* the default configuration: nothing tuned */
#ifdef GH_BENCH_STW
    config.incremental_marking = false; /* the labelled "genheap-stw" variant */
#endif
    if (bench_trace_gc())
        config.trace_gc = stderr;
    gh_heap *h = gh_heap_create(&config);
    if (!h)
        bench_die(prog, gh_last_error_message());
    gh_gc_callback_add(h, bench_gh_on_gc, NULL);
    return h;
}

static int bench_gh_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static inline gh_type_id bench_gh_type(gh_heap *h, const gh_type_info *info)
{
    gh_type_id t = gh_type_register(h, info);
    if (!t)
        bench_die(bench_gh_prog, gh_last_error_message());
    return t;
}

static void bench_gh_oom(void)
{
    bench_die(bench_gh_prog, gh_last_error_message());
}

/* gh_alloc, exiting on failure.  MAY COLLECT. */
static inline void *bench_gh_alloc(gh_heap *h, gh_type_id type, size_t size)
{
    void *p = gh_alloc(h, type, size);
    if (GH_UNLIKELY(!p))
        bench_gh_oom();
    return p;
}

static inline gh_handle bench_gh_handle(gh_heap *h, void *obj)
{
    gh_handle hd = gh_handle_new(h, obj);
    if (GH_UNLIKELY(!hd))
        bench_gh_oom();
    return hd;
}

static inline void bench_gh_report(gh_heap *h)
{
    gh_heap_stats st;
    if (gh_heap_stats_get(h, &st) != GH_OK)
        bench_die(bench_gh_prog, gh_last_error_message());
    fprintf(stderr,
            "GHSTATS scavenges=%llu full_gcs=%llu scavenge_ms=%.3f full_gc_ms=%.3f "
            "max_pause_ms=%.3f promoted_mib=%.1f committed_mib=%.1f\n",
            (unsigned long long)st.scavenges, (unsigned long long)st.full_gcs, st.scavenge_ms,
            st.full_gc_ms, st.max_pause_ms, (double)st.promoted_bytes / 1048576.0,
            (double)st.committed / 1048576.0);
    if (bench_gh_npauses) {
        qsort(bench_gh_pauses, bench_gh_npauses, sizeof *bench_gh_pauses, bench_gh_cmp);
        size_t p99 = (bench_gh_npauses * 99 + 99) / 100;
        fprintf(stderr, "BENCHMETRIC max_pause_ms=%.2f p99_pause_ms=%.2f\n",
                bench_gh_pauses[bench_gh_npauses - 1], bench_gh_pauses[p99 - 1]);
    }
}

#endif
