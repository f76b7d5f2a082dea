/*
 * leakwatch.c -- node-memwatch's leak detector (lloyd's memwatch 0.2,
 * src/memwatch.cc), driven by the heap's GC epilogue.
 *
 * After every full collection the "base" -- what survived it -- is
 * recorded:
 *
 *   - leak: if the base grew since the previous full collection, a growth
 *     run starts (remembering the time and the base) or goes on; 5 growths
 *     in a row make a 'leak' event, and the count starts again from 0.  A
 *     collection that does not grow the base ends the run.
 *   - estimated_base: for the first 9 collections memwatch's weight
 *     pow(n / 10, 2.5) * n is 0 (n / 10 is an integer division), so the
 *     estimate is the latest base; from the 10th on it is the running
 *     average recent = (9 * recent + base) / 10, in integers.
 *   - the long-term average: the same with pow(n / 10, 2.4) first, then
 *     ancient = ((d - 1) * ancient + base) / d with d = min(120, n).
 *   - usage_trend = round((recent - ancient) / ancient * 1000) / 10, %.
 *   - min and max of the base, from the 3rd full collection on.
 *
 * Other collections only count (num_inc_gc), as memwatch counts V8's
 * scavenges and incremental marking steps.  Departures: sizes are size_t,
 * not 32-bit unsigned; the trend of a shrinking heap is negative (memwatch
 * subtracts unsigned integers and wraps); the growth rate divides by the
 * real elapsed time, not whole seconds (the text still shows whole
 * seconds).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag_internal.h"

#define RECENT_PERIOD  10u
#define ANCIENT_PERIOD 120u
#define LEAK_GROWTHS   5u
#define QUEUE_MAX      256u

typedef struct lw_event {
    bool is_leak;
    gh_leakwatch_stats stats;
    gh_leakwatch_leak leak;
} lw_event;

struct gh_leakwatch {
    gh_heap *heap;
    gh_leakwatch_stats_fn on_stats;
    gh_leakwatch_leak_fn on_leak;
    void *data;
    double (*now_ms)(void *data);
    void *clock_data;
    gh_leakwatch_stats stats;
    size_t base_ancient;
    /* the growth run */
    size_t last_base, run_base;
    unsigned run;
    double run_start_ms;
    /* deferred delivery: a ring of the latest events */
    bool deferred;
    lw_event *queue;
    size_t head, queued;
    /* observe and dispatch calls in progress; a stop from their callbacks
     * only marks the watch, and the outermost call frees it */
    unsigned busy;
    bool stopped;
};

static double real_now_ms(void *data)
{
    (void)data;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void deliver(gh_leakwatch *lw, const lw_event *ev)
{
    if (ev->is_leak && lw->on_leak)
        lw->on_leak(&ev->leak, lw->data);
    else if (!ev->is_leak && lw->on_stats)
        lw->on_stats(&ev->stats, lw->data);
}

static void post(gh_leakwatch *lw, const lw_event *ev)
{
    if (!lw->deferred || !lw->queue) {
        deliver(lw, ev);
        return;
    }
    if (lw->queued == QUEUE_MAX) { /* drop the oldest */
        lw->head = (lw->head + 1) % QUEUE_MAX;
        lw->queued--;
    }
    lw->queue[(lw->head + lw->queued++) % QUEUE_MAX] = *ev;
}

/* x as an int64_t, saturated: a huge growth over a millisecond, or a clock
 * that jumped by ages, is out of range, and converting it would be
 * undefined. */
static int64_t to_int64(double x)
{
    if (x >= 0x1p63)
        return INT64_MAX;
    if (x < -0x1p63)
        return INT64_MIN;
    return (int64_t)x;
}

static void report_leak(gh_leakwatch *lw, size_t base)
{
    lw_event ev = {.is_leak = true};
    gh_leakwatch_leak *l = &ev.leak;
    l->start_ms = lw->run_start_ms;
    l->end_ms = lw->now_ms(lw->clock_data);
    l->growth = base - lw->run_base;
    double seconds = (l->end_ms - l->start_ms) / 1000;
    /* a clock that did not move, went back or gave NaN: keep the rate
     * finite */
    if (!(seconds >= 0.001))
        seconds = 0.001;
    char delta[32], rate[32];
    gh_diag_nice_delta(to_int64(floor(seconds)), delta, sizeof delta);
    gh_diag_nice_size(to_int64((double)l->growth / (seconds / 3600)), rate, sizeof rate);
    snprintf(l->reason, sizeof l->reason, "heap growth over %u consecutive GCs (%s) - %s/hr",
             LEAK_GROWTHS, delta, rate);
    post(lw, &ev);
}

/* x as a size_t, saturated (x >= 0): a double average of bases near
 * SIZE_MAX rounds up to 2^64, which does not convert. */
static size_t to_size(double x)
{
    return x >= (double)SIZE_MAX ? SIZE_MAX : (size_t)x;
}

/* (9 * recent + base) / 10 in integers, without overflowing for bases
 * near SIZE_MAX: by quotients and remainders of 10. */
static size_t recent_average(size_t recent, size_t base)
{
    size_t k = RECENT_PERIOD;
    return (k - 1) * (recent / k) + base / k + ((k - 1) * (recent % k) + base % k) / k;
}

static void update_averages(gh_leakwatch *lw, size_t base)
{
    gh_leakwatch_stats *s = &lw->stats;
    uint64_t n = s->heap_compactions;
    if (n < RECENT_PERIOD) {
        /* memwatch's startup damping, pow(n / 10, 2.5) * n, has weight 0
         * here (its n / 10 is an integer division): both averages are the
         * latest base */
        s->estimated_base = base;
        lw->base_ancient = base;
    } else {
        s->estimated_base = recent_average(s->estimated_base, base);
        double d = n < ANCIENT_PERIOD ? (double)n : ANCIENT_PERIOD;
        lw->base_ancient = to_size(((double)lw->base_ancient * (d - 1) + (double)base) / d);
    }
    if (n >= 3) {
        if (!s->min || s->min > base)
            s->min = base;
        if (!s->max || s->max < base)
            s->max = base;
    }
    s->usage_trend = 0;
    if (lw->base_ancient)
        s->usage_trend = round(((double)s->estimated_base - (double)lw->base_ancient) /
                               (double)lw->base_ancient * 1000) /
                         10;
}

static void watch_free(gh_leakwatch *lw)
{
    free(lw->queue);
    free(lw);
}

/* Leave an observe or dispatch call: the outermost one frees a watch
 * stopped meanwhile (by a callback). */
static void leave(gh_leakwatch *lw)
{
    if (--lw->busy == 0 && lw->stopped)
        watch_free(lw);
}

static void observe(gh_leakwatch *lw, gh_gc_kind kind, size_t base)
{
    if (kind != GH_GC_FULL) {
        lw->stats.num_inc_gc++;
        return;
    }
    lw->stats.num_full_gc++;
    if (lw->last_base < base) {
        if (lw->run == 0) {
            lw->run_start_ms = lw->now_ms(lw->clock_data);
            lw->run_base = base;
        }
        if (++lw->run >= LEAK_GROWTHS) {
            lw->run = 0;
            report_leak(lw, base);
            if (lw->stopped) /* by the leak callback: no more events */
                return;
        }
    } else {
        lw->run = 0;
    }
    lw->last_base = base;
    lw->stats.current_base = base;
    lw->stats.heap_compactions++;
    update_averages(lw, base);
    lw_event ev = {.is_leak = false, .stats = lw->stats};
    post(lw, &ev);
}

void gh_leakwatch_observe(gh_leakwatch *lw, gh_gc_kind kind, size_t base)
{
    if (!lw || lw->stopped)
        return;
    lw->busy++;
    observe(lw, kind, base);
    leave(lw);
}

static void on_gc(gh_heap *heap, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    /* memwatch ignores the collections of its own heap snapshots */
    (void)heap;
    if (phase != GH_GC_EPILOGUE || info->heap_profiler)
        return;
    /* The base is the old generation: after a stop-the-world full GC that
     * is all of heap used; the short GC that ends an incremental marking
     * leaves the young generation, dead objects and all, in place. */
    size_t base = info->kind == GH_GC_FULL ? info->old_used_after : info->used_after;
    gh_leakwatch_observe(data, info->kind, base);
}

/* The heap is being destroyed: stopping the watch later must not touch it
 * (its callbacks go with it). */
static void on_teardown(gh_heap *heap, void *data)
{
    (void)heap;
    ((gh_leakwatch *)data)->heap = NULL;
}

gh_leakwatch *gh_leakwatch_start(gh_heap *heap, gh_leakwatch_stats_fn on_stats,
                                 gh_leakwatch_leak_fn on_leak, void *data)
{
    if (!heap) {
        gh_diag_fail(GH_ERR_NULL_HEAP, "gh_leakwatch_start: heap is NULL");
        return NULL;
    }
    gh_leakwatch *lw = calloc(1, sizeof *lw);
    if (!lw) {
        gh_diag_fail(GH_ERR_OS, "gh_leakwatch_start: out of memory");
        return NULL;
    }
    lw->heap = heap;
    lw->on_stats = on_stats;
    lw->on_leak = on_leak;
    lw->data = data;
    lw->now_ms = real_now_ms;
    gh_error err = gh_gc_callback_add(heap, on_gc, lw);
    if (err == GH_OK) {
        err = gh_teardown_callback_add(heap, on_teardown, lw);
        if (err != GH_OK)
            gh_gc_callback_remove(heap, on_gc, lw);
    }
    if (err != GH_OK) {
        gh_diag_fail_lib(err, "gh_leakwatch_start");
        free(lw);
        return NULL;
    }
    return lw;
}

void gh_leakwatch_stop(gh_leakwatch *lw)
{
    if (!lw || lw->stopped)
        return;
    if (lw->heap) { /* else the heap is gone, and its callbacks with it */
        gh_gc_callback_remove(lw->heap, on_gc, lw);
        gh_teardown_callback_remove(lw->heap, on_teardown, lw);
        lw->heap = NULL;
    }
    if (lw->busy) { /* from one of its callbacks: freed when that returns */
        lw->stopped = true;
        return;
    }
    watch_free(lw);
}

gh_error gh_leakwatch_set_deferred(gh_leakwatch *lw, bool deferred)
{
    if (!lw)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_leakwatch_set_deferred: watch is NULL");
    if (deferred && !lw->queue) {
        lw->queue = malloc(QUEUE_MAX * sizeof *lw->queue);
        if (!lw->queue) /* events keep coming inside the collection */
            return gh_diag_fail(GH_ERR_OS, "gh_leakwatch_set_deferred: out of memory");
    }
    lw->deferred = deferred;
    return GH_OK;
}

size_t gh_leakwatch_dispatch(gh_leakwatch *lw)
{
    size_t n = 0;
    if (!lw || lw->stopped)
        return 0;
    lw->busy++;
    while (lw->queued && !lw->stopped) {
        lw_event ev = lw->queue[lw->head]; /* a copy: the callback may cause more */
        lw->head = (lw->head + 1) % QUEUE_MAX;
        lw->queued--;
        deliver(lw, &ev);
        n++;
    }
    leave(lw);
    return n;
}

gh_leakwatch_stats gh_leakwatch_get_stats(const gh_leakwatch *lw)
{
    gh_leakwatch_stats none = {0};
    return lw ? lw->stats : none;
}

void gh_leakwatch_set_clock(gh_leakwatch *lw, double (*now_ms)(void *data), void *data)
{
    if (!lw)
        return;
    lw->now_ms = now_ms ? now_ms : real_now_ms;
    lw->clock_data = now_ms ? data : NULL;
}
