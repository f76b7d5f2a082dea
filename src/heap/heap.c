/*
 * heap.c -- creating and destroying heaps, and reading their statistics.
 */
#include <stdlib.h>

#include "heap_internal.h"

gh_heap *gh_heap_create(const gh_config *config)
{
    gh_config c;
    if (gh_config_resolve(config, &c) != GH_OK)
        return NULL;
    /* aligned: the parallel worklist keeps its counters on lines of their own */
    gh_heap *h = aligned_alloc(_Alignof(gh_heap), sizeof *h);
    if (!h) {
        gh_set_error(GH_ERR_OS, "gh_heap_create: out of memory");
        return NULL;
    }
    memset(h, 0, sizeof *h);
    h->config = c;
    h->start_ms = gh_now_ms();
    h->allocations_until_stress_gc = c.stress_interval;
#ifdef GH_DEBUG
    h->fast.scope_checks = 1; /* closed scopes' handles are always zapped */
#else
    h->fast.scope_checks = (c.stress & GH_STRESS_ZAP) != 0;
#endif
    h->stats.last_gc_end_ms = h->start_ms;
    h->limits.initial_heap_limit = gh_heap_size_limit(h);
    h->limits.initial_max_old_space = c.max_old_space;
    gh_growing_init(h);
    gh_old_space_init(h);
    gh_worklist_init(&h->par_worklist);
    if (!gh_pool_start(&h->pool, c.gc_threads)) {
        gh_pool_stop(&h->pool);
        gh_worklist_destroy(&h->par_worklist);
        free(h);
        gh_set_error(GH_ERR_OS, "gh_heap_create: cannot start %u GC threads", c.gc_threads);
        return NULL;
    }
    /* a helper thread for sweeping too: where the program can spare one
     * for the pauses, it can spare one between them */
    if (c.gc_threads > 0 && !gh_sweeper_start_thread(h)) {
        gh_set_error(GH_ERR_OS, "gh_heap_create: cannot start the sweeper thread");
        gh_heap_destroy(h);
        return NULL;
    }
    if (!gh_types_init(h) || !gh_roots_init(h) || !gh_new_space_init(h) || !gh_external_init(h)) {
        gh_set_error(GH_ERR_OS, "gh_heap_create: the OS refused memory for the heap");
        gh_heap_destroy(h);
        return NULL;
    }
    return h;
}

void gh_heap_destroy(gh_heap *h)
{
    if (!h || h->tearing_down) /* a teardown callback destroying it again */
        return;
    /* From a callback the heap is running, the heap's own frames below the
     * callback still use it: freeing it would leave them reading freed
     * memory.  Refused, nothing freed (the embedder destroys it later). */
    if (h->in_gc) {
        gh_set_error(GH_ERR_IN_GC, "gh_heap_destroy: called during a collection or a walk of the "
                                   "heap (from a callback); nothing was freed");
        return;
    }
    if (h->roots.running_callbacks || h->limits.near_limit_running) {
        gh_set_error(GH_ERR_MISUSE, "gh_heap_destroy: called from a weak or near-heap-limit "
                                    "callback; nothing was freed");
        return;
    }
    gh_teardown_callbacks_run(h);
    gh_pool_stop(&h->pool);
    gh_sweeper_stop(h);
    gh_worklist_destroy(&h->par_worklist);
    gh_finalizers_run_all(h);
    gh_new_space_release(h);
    gh_old_space_release(h);
    gh_large_space_release(h);
    gh_address_set_free(&h->chunks);
    gh_roots_release(h);
    gh_types_free(h);
    gh_vec_free(&h->young_finalizable);
    gh_vec_free(&h->old_finalizable);
    gh_vec_free(&h->mark_worklist);
    gh_vec_free(&h->ephemeron_tables);
    gh_ids_release(h);
    free(h->callbacks);
    free(h->teardowns);
    free(h);
}

bool gh_heap_contains(const gh_heap *h, const void *p)
{
    const gh_new_space *ns = &h->new_space;
    const gh_page *page = gh_page_of(p);
    /* the whole reservation is mapped, but its start need not be aligned:
     * the page header must lie inside it too */
    if ((uintptr_t)page - (uintptr_t)ns->reservation < ns->reservation_size)
        return page->heap == h;
    return gh_address_set_has(&h->chunks, page);
}

bool gh_refuse_foreign(const gh_heap *h, const void *p, const char *fn)
{
    if (gh_heap_contains(h, p))
        return false;
    gh_set_error(GH_ERR_INVALID_ARGUMENT, "%s: object %p is not in this heap", fn, p);
    return true;
}

bool gh_in_young(gh_heap *h, const void *obj)
{
    return h && obj && gh_in_from_space(h, obj);
}

bool gh_in_large(gh_heap *h, const void *obj)
{
    return h && obj && gh_heap_contains(h, obj) && (gh_page_of(obj)->flags & GH_PF_LARGE);
}

gh_error gh_verify(gh_heap *h)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_verify: heap is NULL");
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_verify: called during a collection");
    gh_new_space_seal(h);
    bool busy = gh_busy_begin(h); /* the embedder's root visitors run */
    gh_error err = gh_verify_heap(h);
    gh_busy_end(h, busy);
    return err;
}
