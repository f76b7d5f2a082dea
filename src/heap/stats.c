/*
 * stats.c -- what the heap reports about itself, with V8's names: counters,
 * process.memoryUsage(), v8.getHeapStatistics() and
 * v8.getHeapSpaceStatistics(), and the bookkeeping behind them (mutator
 * utilisation, malloc'd bytes).
 *
 * Two notions of "committed" coexist, as in V8: the trace line and
 * gh_heap_stats count the young pages taken from the OS (those made
 * resident: at most both semispaces, a semispace and a quarter while
 * scavenges keep little; new_space.c), while heapTotal / total_heap_size
 * count the new space as one semispace (its usable size).  Space sizes
 * always add up to the totals.
 */
#include <stdio.h>
#include <unistd.h>

#include "heap_internal.h"

size_t gh_heap_used(const gh_heap *h)
{
    return gh_new_space_used(h) + gh_old_space_used(h) + h->large_space.used;
}

size_t gh_heap_committed(const gh_heap *h)
{
    return gh_new_space_committed(h) + gh_old_space_committed(h) + h->large_space.committed;
}

size_t gh_heap_size_limit(const gh_heap *h)
{
    return h->config.max_old_space + 3 * h->config.max_semi_space;
}

size_t gh_rss(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%lu %lu", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    return resident * (size_t)sysconf(_SC_PAGESIZE);
}

size_t gh_malloced_memory(gh_heap *h)
{
    const gh_roots *r = &h->roots;
    size_t n = sizeof *h;
    n += (h->types_fast_cap + h->types_slow_cap) * sizeof(gh_type);
    n += r->block_alloc * GH_HANDLE_BLOCK_SLOTS * sizeof(void *) + r->block_cap * sizeof(void **);
    for (const gh_global_block *b = r->global_blocks; b; b = b->next)
        n += sizeof *b;
    n += r->visitor_cap * sizeof *r->visitors + h->callback_cap * sizeof *h->callbacks;
    n += (h->young_finalizable.cap + h->old_finalizable.cap + h->mark_worklist.cap) * sizeof(void *);
    n += __atomic_load_n(&h->slot_set_bytes, __ATOMIC_RELAXED); /* a counter, not a page walk */
    if (n > h->peak_malloced)
        h->peak_malloced = n;
    return n;
}

/* ---- per-collection bookkeeping ---------------------------------------- */

/* V8's GC tracer: the first full GC only sets the starting point; from the
 * second on, "current" mutator utilisation is the mutator's share of the
 * time since the previous full GC ended, and "average" halves the history
 * each time. */
static void record_mutator_utilization(gh_gc_stats *s, double end_ms, double gc_ms)
{
    if (s->prev_full_end_ms == 0) {
        s->prev_full_end_ms = end_ms;
        return;
    }
    double total = end_ms - s->prev_full_end_ms;
    double mutator = total - gc_ms > 0 ? total - gc_ms : 0;
    if (!s->mu_averaged) {
        s->avg_mutator_ms = mutator;
        s->avg_full_ms = gc_ms;
        s->mu_averaged = true;
    } else {
        s->avg_mutator_ms = (s->avg_mutator_ms + mutator) / 2;
        s->avg_full_ms = (s->avg_full_ms + gc_ms) / 2;
    }
    s->current_mu = total > 0 ? mutator / total : 0;
    double avg_total = s->avg_mutator_ms + s->avg_full_ms;
    s->average_mu = avg_total > 0 ? s->avg_mutator_ms / avg_total : 0;
    s->prev_full_end_ms = end_ms;
}

void gh_stats_record(gh_heap *h, const gh_gc_event *ev)
{
    gh_gc_stats *s = &h->stats;
    double pause = ev->end_ms - ev->start_ms;
    if (ev->full) {
        s->full_gcs++;
        s->full_gc_ms += pause;
        s->incremental_steps += ev->inc_steps;
        s->incremental_ms += ev->inc_ms;
        s->compactions += ev->compacted_pages > 0;
        /* the clock starts at heap creation, as V8's isolate time does; the
         * incremental steps count as collection time too */
        record_mutator_utilization(s, ev->end_ms - h->start_ms, pause + ev->inc_ms);
        s->live_after_last_full_gc = ev->used_after;
    } else {
        s->scavenges++;
        s->scavenge_ms += pause;
        if (ev->young_before) {
            s->survival_ratio_sum +=
                100.0 * (double)(ev->survived + ev->promoted) / (double)ev->young_before;
            s->survival_samples++;
        }
    }
    if (pause > s->max_pause_ms)
        s->max_pause_ms = pause;
    s->used_after_last_gc = ev->used_after;
    gh_malloced_memory(h); /* keeps the peak */
}

/* ---- the public views --------------------------------------------------- */

gh_error gh_heap_stats_get(gh_heap *h, gh_heap_stats *st)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_heap_stats_get: heap is NULL");
    if (!st)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_heap_stats_get: NULL stats");
    memset(st, 0, sizeof *st);
    st->young_used = gh_new_space_used(h);
    st->young_committed = gh_new_space_committed(h);
    st->young_capacity = h->new_space.capacity_pages * GH_PAGE_SIZE;
    st->young_max_capacity = h->new_space.max_pages * GH_PAGE_SIZE;
    st->old_used = gh_old_space_used(h);
    st->old_committed = gh_old_space_committed(h);
    st->large_used = h->large_space.used;
    st->large_committed = h->large_space.committed;
    st->used = st->young_used + st->old_used + st->large_used;
    st->committed = st->young_committed + st->old_committed + st->large_committed;
    st->limit = gh_heap_size_limit(h);
    st->external = (size_t)h->external.bytes;
    st->array_buffers = h->external.array_buffers;
    st->scavenges = h->stats.scavenges;
    st->full_gcs = h->stats.full_gcs;
    st->scavenge_ms = h->stats.scavenge_ms;
    st->full_gc_ms = h->stats.full_gc_ms;
    st->incremental_steps = h->stats.incremental_steps;
    st->incremental_ms = h->stats.incremental_ms;
    st->compactions = h->stats.compactions;
    st->helper_swept_pages = gh_sweeper_pages_read(h);
    st->pages_mapped_in_gc = h->stats.pages_mapped_in_gc;
    st->mark_worklist_peak = h->stats.mark_worklist_peak;
    st->helper_marked_bytes = h->stats.helper_marked_bytes;
    st->helper_scavenged_bytes = h->stats.helper_scavenged_bytes;
    st->shared_scavenges = h->stats.shared_scavenges;
    st->max_pause_ms = h->stats.max_pause_ms;
    st->promoted_bytes = h->stats.promoted_bytes;
    st->live_after_last_full_gc = h->stats.live_after_last_full_gc;
    st->next_full_gc_at = h->growing.trigger;
    st->growing_factor = h->growing.factor;
    return GH_OK;
}

size_t gh_heap_space_statistics_get(gh_heap *h, gh_space_statistics *out, size_t max)
{
    if (!h)
        return 0;
    const gh_old_space *os = &h->old_space;
    size_t semi = h->new_space.capacity_pages * GH_PAGE_SIZE;
    size_t young_used = gh_new_space_used(h);
    size_t young_area = h->new_space.capacity_pages * GH_PAGE_AREA_SIZE;
    gh_space_statistics all[GH_SPACE_COUNT] = {
        {"new_space", semi, young_used, young_area > young_used ? young_area - young_used : 0, semi},
        {"old_space", gh_old_space_committed(h), gh_old_space_used(h),
         os->free.bytes + gh_old_space_lab_room(h), gh_old_space_committed(h)},
        {"large_object_space", h->large_space.committed, h->large_space.used, 0,
         h->large_space.committed},
    };
    for (size_t i = 0; i < GH_SPACE_COUNT && i < max && out; i++)
        out[i] = all[i];
    return GH_SPACE_COUNT;
}

gh_error gh_memory_usage_get(gh_heap *h, gh_memory_usage *u)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_memory_usage_get: heap is NULL");
    if (!u)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_memory_usage_get: NULL result");
    gh_heap_statistics hs;
    gh_heap_statistics_get(h, &hs);
    u->rss = gh_rss();
    u->heap_total = hs.total_heap_size;
    u->heap_used = hs.used_heap_size;
    u->external = hs.external_memory;
    u->array_buffers = h->external.array_buffers;
    return GH_OK;
}

gh_error gh_heap_statistics_get(gh_heap *h, gh_heap_statistics *hs)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_heap_statistics_get: heap is NULL");
    if (!hs)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_heap_statistics_get: NULL result");
    gh_space_statistics sp[GH_SPACE_COUNT];
    gh_heap_space_statistics_get(h, sp, GH_SPACE_COUNT);
    memset(hs, 0, sizeof *hs);
    for (size_t i = 0; i < GH_SPACE_COUNT; i++) {
        hs->total_heap_size += sp[i].space_size;
        hs->total_physical_size += sp[i].physical_space_size;
        hs->used_heap_size += sp[i].space_used_size;
    }
    hs->heap_size_limit = gh_heap_size_limit(h);
    hs->total_available_size =
        hs->heap_size_limit > hs->used_heap_size ? hs->heap_size_limit - hs->used_heap_size : 0;
    hs->malloced_memory = gh_malloced_memory(h);
    hs->peak_malloced_memory = h->peak_malloced;
    hs->does_zap_garbage = (h->config.stress & GH_STRESS_ZAP) ? 1 : 0;
    size_t blocks = 0;
    for (const gh_global_block *b = h->roots.global_blocks; b; b = b->next)
        blocks++;
    hs->total_global_handles_size = blocks * GH_GLOBAL_BLOCK_NODES * sizeof(gh_global_node);
    hs->used_global_handles_size = h->roots.globals_in_use * sizeof(gh_global_node);
    hs->external_memory = (size_t)h->external.bytes;
    return GH_OK;
}
