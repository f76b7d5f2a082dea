/*
 * heap.c -- creating and destroying heaps, and reading their statistics.
 */
#include <stdlib.h>

#include "heap_internal.h"

/* The first full GC runs once the old generation holds this much (or the
 * whole old space, if smaller); after that the trigger follows the live
 * size (collector.c). */
#define GH_INITIAL_OLD_GEN_TRIGGER GH_MiB(128)

gh_heap *gh_heap_create(const gh_config *config)
{
    gh_config c;
    if (gh_config_resolve(config, &c) != GH_OK)
        return NULL;
    gh_heap *h = calloc(1, sizeof *h);
    if (!h) {
        gh_set_error(GH_ERR_OS, "gh_heap_create: out of memory");
        return NULL;
    }
    h->config = c;
    h->start_ms = gh_now_ms();
    h->old_gen_trigger =
        c.max_old_space < GH_INITIAL_OLD_GEN_TRIGGER ? c.max_old_space : GH_INITIAL_OLD_GEN_TRIGGER;
    h->allocations_until_stress_gc = c.stress_interval;
    gh_old_space_init(h);
    if (!gh_types_init(h) || !gh_roots_init(h) || !gh_new_space_init(h)) {
        gh_set_error(GH_ERR_OS, "gh_heap_create: the OS refused memory for the heap");
        gh_heap_destroy(h);
        return NULL;
    }
    return h;
}

void gh_heap_destroy(gh_heap *h)
{
    if (!h)
        return;
    gh_finalizers_run_all(h);
    gh_new_space_release(h);
    gh_old_space_release(h);
    gh_large_space_release(h);
    gh_roots_release(h);
    gh_types_free(h);
    gh_vec_free(&h->young_finalizable);
    gh_vec_free(&h->old_finalizable);
    gh_vec_free(&h->mark_worklist);
    free(h);
}

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
    st->old_used = gh_old_space_used(h);
    st->old_committed = gh_old_space_committed(h);
    st->large_used = h->large_space.used;
    st->large_committed = h->large_space.committed;
    st->used = st->young_used + st->old_used + st->large_used;
    st->committed = st->young_committed + st->old_committed + st->large_committed;
    st->limit = h->config.max_old_space + 3 * h->config.max_semi_space;
    st->scavenges = h->stats.scavenges;
    st->full_gcs = h->stats.full_gcs;
    st->scavenge_ms = h->stats.scavenge_ms;
    st->full_gc_ms = h->stats.full_gc_ms;
    st->max_pause_ms = h->stats.max_pause_ms;
    st->promoted_bytes = h->stats.promoted_bytes;
    return GH_OK;
}

bool gh_in_young(gh_heap *h, const void *obj)
{
    return h && obj && gh_in_semispace(h, h->new_space.from, obj);
}

bool gh_in_large(gh_heap *h, const void *obj)
{
    return h && obj && (gh_page_of(obj)->flags & GH_PF_LARGE) && gh_page_of(obj)->heap == h;
}

gh_error gh_verify(gh_heap *h)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_verify: heap is NULL");
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_verify: called during a collection");
    gh_new_space_seal(h);
    return gh_verify_heap(h);
}
