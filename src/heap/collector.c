/*
 * collector.c -- when and how collections run.
 *
 * A minor collection is a scavenge.  A full collection is:
 *   1. mark everything reachable (young, old, large) -- or finish the
 *      incremental marking in progress (incremental.c);
 *   2. finalize the unmarked objects that have finalizers;
 *   3. compact the sparsest old pages if the old generation is fragmented
 *      (compactor.c);
 *   4. move every marked young object into old space, and
 *   5. sweep old pages into the free lists, unmap empty pages and dead
 *      large objects, forget all remembered slots -- or, for the full GC
 *      that ends an incremental marking, leave young objects where they are
 *      and sweep lazily (sweeper.c);
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


/* Marking: finish an incremental marking in progress, or do it all now. */
static void mark(gh_heap *h, gh_gc_event *ev)
{
    gh_marking *m = &h->marking;
    /* Finishing a marking keeps what it found live then (floating
     * garbage); explicit and last-resort GCs must be exact, so they start
     * over. */
    bool exact = ev->reason == GH_REASON_TESTING || ev->reason == GH_REASON_LAST_RESORT ||
                 ev->reason == GH_REASON_HEAP_PROFILER;
    if (exact)
        gh_marking_abort(h);
    if (m->state == GH_MARKING_ACTIVE) {
        ev->incremental = true;
        ev->inc_steps = m->steps;
        ev->inc_ms = m->steps_ms;
        ev->inc_biggest_ms = m->biggest_step_ms;
        ev->inc_wall_ms = ev->start_ms - m->start_ms;
        gh_marking_finish(h);
    } else {
        gh_mark_prepare(h);
        gh_mark_roots(h);
        gh_mark_drain_all(h);
    }
    gh_mark_ephemerons(h);
    gh_weak_globals_after_marking(h);
    gh_ids_after_marking(h);
    if ((h->config.stress & GH_STRESS_VERIFY) && gh_mark_verify_invariant(h) != GH_OK) {
        fprintf(stderr, "genheap: tri-colour invariant broken: %s\n", gh_last_error_message());
        abort();
    }
    if ((h->config.stress & GH_STRESS_VERIFY) && gh_mark_verify_live_bytes(h) != GH_OK) {
        fprintf(stderr, "genheap: live bytes miscounted: %s\n", gh_last_error_message());
        abort();
    }
    gh_marking_stop(h);
}

/*
 * A full GC.  The one that ends an incremental marking keeps its pause
 * short: young objects stay where they are (the next scavenge deals with
 * them) and old pages are swept lazily.  Every other full GC -- explicit,
 * at the heap limit, as a last resort -- is stop-the-world and thorough:
 * it promotes all live young objects and sweeps everything now, so that
 * afterwards heap used is exactly the live bytes.
 */
static void full_gc(gh_heap *h, gh_gc_event *ev)
{
    bool quick = ev->reason == GH_REASON_FINALIZE_INCREMENTAL ||
                 ev->reason == GH_REASON_FINALIZE_INCREMENTAL_TASK;
    double t0 = gh_now_ms();
    mark(h, ev);
    gh_finalizers_after_marking(h);
    double t1 = gh_now_ms();
    gh_old_space_open_pool(h); /* sized after the GC, from the new trigger */
    /* Compaction updates references by walking the whole live heap, so the
     * short pause that ends an incremental marking never compacts (its
     * free lists refill the holes instead); the stop-the-world GCs do. */
    bool force = (h->config.stress & GH_STRESS_COMPACT) || ev->reason == GH_REASON_LAST_RESORT;
    if (!quick || (h->config.stress & GH_STRESS_COMPACT))
        ev->compacted_pages = gh_compact(h, force);
    if (quick)
        gh_new_space_clear_marks(h);
    else
        gh_evacuate_young_marked(h);
    double t2 = gh_now_ms();
    if (quick) {
        gh_sweep_start(h);
    } else {
        gh_sweep(h);
        gh_remembered_set_clear_all(h);
    }
    double t3 = gh_now_ms();
    ev->mark_ms = t1 - t0;
    ev->evacuate_ms = t2 - t1;
    ev->sweep_ms = t3 - t2;
}

static void verify_or_die(gh_heap *h, const char *when)
{
    /* after the collection: the root visitors and trace functions it runs
     * must meet a busy heap, as under gh_verify */
    bool busy = gh_busy_begin(h);
    gh_error err = gh_verify_heap(h);
    gh_busy_end(h, busy);
    if (err != GH_OK) {
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
    ev.reduce_memory = reason == GH_REASON_LAST_RESORT || reason == GH_REASON_HEAP_PROFILER;
    begin_event(h, &ev);
    h->in_gc = true;
    gh_new_space_hide_area(h);
    ev.prologue_ms = gh_gc_callbacks_run(h, GH_GC_PROLOGUE, &ev);
    gh_new_space_seal(h);
    if (full)
        full_gc(h, &ev);
    else
        gh_scavenge(h);
    if (ev.reason == GH_REASON_LAST_RESORT)
        gh_old_space_drain_pool(h); /* memory is what counts now */
    gh_new_space_hide_area(h); /* the GC published a fresh area */
    end_event(h, &ev);
    ev.epilogue_ms = gh_gc_callbacks_run(h, GH_GC_EPILOGUE, &ev);
    h->in_gc = false;
    gh_new_space_restore_area(h);
    ev.end_ms = gh_now_ms();
    if (full) {
        gh_growing_after_full_gc(h, &ev);
        gh_old_space_size_pool(h, reason == GH_REASON_TESTING || ev.reduce_memory);
        gh_external_after_full_gc(h);
        gh_pretenuring_reset(h);
        gh_old_space_release_type_labs(h);
    } else {
        gh_growing_after_scavenge(h, ev.end_ms - ev.start_ms);
        gh_old_space_decay_pool(h);
    }
    gh_stats_record(h, &ev);
    gh_trace_gc_event(h, &ev);
    h->stats.last_gc_end_ms = ev.end_ms;
    if (full)
        gh_oom_after_full_gc(h);
    if (h->config.stress & GH_STRESS_VERIFY)
        verify_or_die(h, full ? "a full GC" : "a scavenge");
    gh_weak_callbacks_run(h);
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
