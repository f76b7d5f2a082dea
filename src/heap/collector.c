/*
 * collector.c -- when and how collections run.
 *
 * A minor collection is a scavenge.  A full collection is:
 *   1. mark everything reachable (young, old, large);
 *   2. finalize the unmarked objects that have finalizers;
 *   3. move every marked young object into old space (so a full GC always
 *      leaves the young generation empty, as V8's does);
 *   4. sweep old pages into the free lists, unmap empty pages and dead
 *      large objects;
 *   5. forget all remembered slots (no young objects are left to point to);
 * then heap_growing.c sets the next full-GC trigger from the live size.
 *
 * The allocator asks for a collection when the young generation is full.
 * That becomes a full GC when the old generation has grown past its trigger
 * ("GC in old space requested") or could not absorb the promotions of a
 * scavenge ("scavenge might not succeed").
 */
#include <stdlib.h>
#include <time.h>

#include "heap_internal.h"
#include "oom.h"

double gh_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Whether old space can take every young object, were all promoted. */
static bool can_absorb_young(const gh_heap *h)
{
    size_t committed = gh_old_gen_committed(h);
    size_t room = h->config.max_old_space > committed ? h->config.max_old_space - committed : 0;
    return room + h->old_space.free.bytes >= gh_new_space_used(h);
}

static void full_gc(gh_heap *h, gh_gc_event *ev)
{
    double t0 = gh_now_ms();
    gh_mark_live(h);
    gh_finalizers_after_marking(h);
    double t1 = gh_now_ms();
    gh_evacuate_young_marked(h);
    double t2 = gh_now_ms();
    gh_sweep(h);
    gh_remembered_set_clear_all(h);
    double t3 = gh_now_ms();
    ev->mark_ms = t1 - t0;
    ev->evacuate_ms = t2 - t1;
    ev->sweep_ms = t3 - t2;
}

static void verify_or_die(gh_heap *h, const char *when)
{
    if (gh_verify_heap(h) != GH_OK) {
        fprintf(stderr, "genheap: heap verification failed after %s: %s\n", when,
                gh_last_error_message());
        abort();
    }
}

static void begin_event(gh_heap *h, gh_gc_event *ev)
{
    ev->start_ms = gh_now_ms();
    ev->used_before = gh_heap_used(h);
    ev->committed_before = gh_heap_committed(h);
    ev->holes_before = h->old_space.free.bytes;
    ev->old_gen_before = gh_old_gen_used(h);
    ev->young_before = gh_new_space_used(h);
    size_t base = h->stats.used_after_last_gc;
    ev->allocated = ev->used_before > base ? ev->used_before - base : 0;
}

static void end_event(gh_heap *h, gh_gc_event *ev)
{
    ev->survived = h->stats.last_survived;
    ev->promoted = h->stats.last_promoted;
    ev->used_after = gh_heap_used(h);
    ev->committed_after = gh_heap_committed(h);
    ev->holes_after = h->old_space.free.bytes;
}

void gh_collect_garbage(gh_heap *h, bool full, gh_gc_reason reason, const char *collector_reason)
{
    gh_gc_event ev = {.full = full, .reason = reason, .collector_reason = collector_reason};
    ev.reduce_memory = reason == GH_REASON_LAST_RESORT;
    begin_event(h, &ev);
    h->in_gc = true;
    gh_new_space_hide_area(h);
    ev.prologue_ms = gh_gc_callbacks_run(h, GH_GC_PROLOGUE, &ev);
    gh_new_space_seal(h);
    if (full)
        full_gc(h, &ev);
    else
        gh_scavenge(h);
    gh_new_space_hide_area(h); /* the GC published a fresh area */
    end_event(h, &ev);
    ev.epilogue_ms = gh_gc_callbacks_run(h, GH_GC_EPILOGUE, &ev);
    h->in_gc = false;
    gh_new_space_restore_area(h);
    ev.end_ms = gh_now_ms();
    if (full) {
        gh_growing_after_full_gc(h, &ev);
        gh_external_after_full_gc(h);
    } else {
        gh_growing_after_scavenge(h, ev.end_ms - ev.start_ms);
    }
    gh_stats_record(h, &ev);
    gh_trace_gc_event(h, &ev);
    h->stats.last_gc_end_ms = ev.end_ms;
    if (full)
        gh_oom_after_full_gc(h);
    if (h->config.stress & GH_STRESS_VERIFY)
        verify_or_die(h, full ? "a full GC" : "a scavenge");
}

void gh_collect_for_allocation(gh_heap *h)
{
    if (gh_old_gen_needs_gc(h))
        gh_collect_garbage(h, true, GH_REASON_ALLOCATION_FAILURE, "GC in old space requested");
    else if (!can_absorb_young(h))
        gh_collect_garbage(h, true, GH_REASON_ALLOCATION_FAILURE, "scavenge might not succeed");
    else
        gh_collect_garbage(h, false, GH_REASON_ALLOCATION_FAILURE, "");
}

gh_error gh_collect(gh_heap *h, gh_gc_kind kind)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_collect: heap is NULL");
    if (kind != GH_GC_MINOR && kind != GH_GC_FULL)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_collect: unknown kind %d", (int)kind);
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_collect: called during a collection");
    if (kind == GH_GC_FULL)
        gh_collect_garbage(h, true, GH_REASON_TESTING, "GC in old space requested");
    else
        gh_collect_garbage(h, false, GH_REASON_TESTING, "");
    return GH_OK;
}
