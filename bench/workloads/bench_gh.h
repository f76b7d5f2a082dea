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

static inline gh_heap *bench_gh_create(const char *prog)
{
    bench_gh_prog = prog;
    gh_config config;
    gh_config_init(&config); /* the default configuration: nothing tuned */
    if (bench_trace_gc())
        config.trace_gc = stderr;
    gh_heap *h = gh_heap_create(&config);
    if (!h)
        bench_die(prog, gh_last_error_message());
    return h;
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
}

#endif
