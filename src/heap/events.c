/*
 * events.c -- the embedder's GC prologue and epilogue callbacks, and the
 * teardown callbacks gh_heap_destroy runs.
 */
#include <stdlib.h>
#include <string.h>

#include "heap_internal.h"

gh_error gh_gc_callback_add(gh_heap *h, gh_gc_callback fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_gc_callback_add: heap is NULL");
    if (!fn)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_gc_callback_add: NULL function");
    if (h->callback_count == h->callback_cap) {
        size_t cap = h->callback_cap ? h->callback_cap * 2 : 4;
        gh_callback_entry *c = realloc(h->callbacks, cap * sizeof *c);
        if (!c)
            return gh_set_error(GH_ERR_OS, "gh_gc_callback_add: out of memory");
        h->callbacks = c;
        h->callback_cap = cap;
    }
    h->callbacks[h->callback_count++] = (gh_callback_entry){fn, data};
    return GH_OK;
}

/* Entries removed while the callbacks run are only blanked (the run is
 * iterating the array); the run compacts the array when it ends. */
static void compact_callbacks(gh_heap *h)
{
    size_t n = 0;
    for (size_t i = 0; i < h->callback_count; i++)
        if (h->callbacks[i].fn)
            h->callbacks[n++] = h->callbacks[i];
    h->callback_count = n;
}

gh_error gh_gc_callback_remove(gh_heap *h, gh_gc_callback fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_gc_callback_remove: heap is NULL");
    if (!fn) /* else it would match an entry blanked during the run */
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_gc_callback_remove: NULL function");
    for (size_t i = 0; i < h->callback_count; i++) {
        if (h->callbacks[i].fn == fn && h->callbacks[i].data == data) {
            h->callbacks[i].fn = NULL;
            if (!h->callbacks_running)
                compact_callbacks(h);
            return GH_OK;
        }
    }
    return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_gc_callback_remove: no such callback");
}

gh_error gh_teardown_callback_add(gh_heap *h, gh_teardown_callback fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_teardown_callback_add: heap is NULL");
    if (!fn)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_teardown_callback_add: NULL function");
    if (h->tearing_down)
        return gh_set_error(GH_ERR_MISUSE, "gh_teardown_callback_add: the heap is being destroyed");
    if (h->teardown_count == h->teardown_cap) {
        size_t cap = h->teardown_cap ? h->teardown_cap * 2 : 4;
        gh_teardown_entry *t = realloc(h->teardowns, cap * sizeof *t);
        if (!t)
            return gh_set_error(GH_ERR_OS, "gh_teardown_callback_add: out of memory");
        h->teardowns = t;
        h->teardown_cap = cap;
    }
    h->teardowns[h->teardown_count++] = (gh_teardown_entry){fn, data};
    return GH_OK;
}

gh_error gh_teardown_callback_remove(gh_heap *h, gh_teardown_callback fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_teardown_callback_remove: heap is NULL");
    if (!fn) /* else it would match an entry blanked during the run */
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_teardown_callback_remove: NULL function");
    for (size_t i = h->teardown_count; i-- > 0;) {
        if (h->teardowns[i].fn == fn && h->teardowns[i].data == data) {
            /* during the run, blank it: the run walks the array */
            if (h->tearing_down) {
                h->teardowns[i].fn = NULL;
            } else {
                memmove(&h->teardowns[i], &h->teardowns[i + 1],
                        (h->teardown_count - i - 1) * sizeof *h->teardowns);
                h->teardown_count--;
            }
            return GH_OK;
        }
    }
    return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_teardown_callback_remove: no such callback");
}

void gh_teardown_callbacks_run(gh_heap *h)
{
    h->tearing_down = true;
    for (size_t i = h->teardown_count; i-- > 0;) {
        gh_teardown_entry t = h->teardowns[i];
        if (t.fn)
            t.fn(h, t.data);
    }
}

static const char *reason_name(gh_gc_reason r)
{
    switch (r) {
    case GH_REASON_ALLOCATION_FAILURE: return "allocation failure";
    case GH_REASON_TESTING:
    case GH_REASON_STRESS: return "testing";
    case GH_REASON_LAST_RESORT: return "last resort";
    case GH_REASON_EXTERNAL_MEMORY_PRESSURE: return "external memory pressure";
    case GH_REASON_FINALIZE_INCREMENTAL: return "finalize incremental marking via stack guard";
    case GH_REASON_FINALIZE_INCREMENTAL_TASK: return "finalize incremental marking via task";
    case GH_REASON_HEAP_PROFILER: return "heap profiler";
    }
    return "unknown";
}

const char *gh_gc_reason_text(gh_gc_reason r) { return reason_name(r); }

double gh_gc_callbacks_run(gh_heap *h, gh_gc_phase phase, const gh_gc_event *ev)
{
    if (h->callback_count == 0)
        return 0;
    double start = gh_now_ms();
    gh_gc_info info = {
        .kind = ev->full ? GH_GC_FULL : GH_GC_MINOR,
        .reason = reason_name(ev->reason),
        .collector_reason = ev->collector_reason,
        .reduce_memory = ev->reduce_memory,
        .start_ms = ev->start_ms - h->start_ms,
        .used_before = ev->used_before,
        .committed_before = ev->committed_before,
    };
    info.heap_profiler = ev->reason == GH_REASON_HEAP_PROFILER;
    if (phase == GH_GC_EPILOGUE) {
        info.pause_ms = start - ev->start_ms;
        info.used_after = ev->used_after;
        info.old_used_after = gh_old_gen_used(h);
        info.committed_after = ev->committed_after;
        info.promoted_bytes = ev->promoted;
        info.incremental_steps = (unsigned)ev->inc_steps;
        info.incremental_ms = ev->inc_ms;
        info.biggest_step_ms = ev->inc_biggest_ms;
        info.mark_ms = ev->mark_ms;
        info.evacuate_ms = ev->evacuate_ms;
        info.sweep_ms = ev->sweep_ms;
    }
    /* callbacks added meanwhile wait for the next round */
    size_t count = h->callback_count;
    h->callbacks_running = true;
    for (size_t i = 0; i < count; i++)
        if (h->callbacks[i].fn)
            h->callbacks[i].fn(h, phase, &info, h->callbacks[i].data);
    h->callbacks_running = false;
    compact_callbacks(h);
    return gh_now_ms() - start;
}
