/*
 * bench_boehm.h -- helpers for the Boehm GC variants: initialisation, pause
 * timing through the collection-event callback, and the BOEHMSTATS line.
 *
 * Boehm's default configuration here is non-incremental and
 * non-generational: every collection is a full stop-the-world mark (with the
 * parallel marker threads of Debian's build) followed by lazy sweeping during
 * allocation.  A pause is timed from GC_EVENT_START to GC_EVENT_END.
 */
#ifndef BENCH_BOEHM_H
#define BENCH_BOEHM_H

#include <gc.h>

#include "bench_common.h"

static double bench_boehm_t0, bench_boehm_sum_ms, bench_boehm_max_ms;
static unsigned long bench_boehm_count;
/* Pauses, kept in malloc'd memory (Boehm does not scan it) and only when
 * tracing, printed at exit. */
static double *bench_boehm_pauses;
static size_t bench_boehm_npauses, bench_boehm_cap;

static void bench_boehm_on_event(GC_EventType e)
{
    if (e == GC_EVENT_START) {
        bench_boehm_t0 = bench_now();
    } else if (e == GC_EVENT_END) {
        double ms = (bench_now() - bench_boehm_t0) * 1e3;
        bench_boehm_count++;
        bench_boehm_sum_ms += ms;
        if (ms > bench_boehm_max_ms)
            bench_boehm_max_ms = ms;
        if (bench_boehm_pauses) {
            if (bench_boehm_npauses == bench_boehm_cap) {
                double *p = realloc(bench_boehm_pauses, 2 * bench_boehm_cap * sizeof *p);
                if (!p)
                    return;
                bench_boehm_pauses = p;
                bench_boehm_cap *= 2;
            }
            bench_boehm_pauses[bench_boehm_npauses++] = ms;
        }
    }
}

static inline void bench_boehm_init(void)
{
    GC_INIT();
    GC_start_performance_measurement();
    if (bench_trace_gc()) {
        bench_boehm_cap = 4096;
        bench_boehm_pauses = malloc(bench_boehm_cap * sizeof(double));
    }
    GC_set_on_collection_event(bench_boehm_on_event);
}

static inline void *bench_boehm_check(void *p)
{
    if (!p)
        bench_die("boehm", "GC_MALLOC failed");
    return p;
}

static inline void bench_boehm_report(void)
{
    for (size_t i = 0; i < bench_boehm_npauses; i++)
        fprintf(stderr, "GCPAUSE full %.3f\n", bench_boehm_pauses[i]);
    fprintf(stderr,
            "BOEHMSTATS gc_no=%lu collections=%lu pause_ms=%.3f max_pause_ms=%.3f "
            "full_gc_total_ms=%lu heap_mib=%.1f\n",
            (unsigned long)GC_get_gc_no(), bench_boehm_count, bench_boehm_sum_ms,
            bench_boehm_max_ms, (unsigned long)GC_get_full_gc_total_time(),
            (double)GC_get_heap_size() / 1048576.0);
    free(bench_boehm_pauses);
}

#endif
