/*
 * oom.c -- the end of the road for an allocation, as V8 travels it.
 *
 * The fatal report is laid out byte for byte as Node 20 prints it:
 *
 *   <blank>
 *   <--- Last few GCs --->
 *   <the 512-byte trace ring, from its first newline>
 *   <blank>
 *   <--- JS stacktrace --->
 *   <blank>
 *   FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
 *   ----- Native stack trace -----
 *   <blank>
 *    1: 0x55d0c3a1b2c3 gh_alloc_slow [libgenheap.so]
 *   ...
 *
 * then abort(): SIGABRT, shell status 134, nothing on stdout.
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <execinfo.h>
#include <stdlib.h>

#include "oom.h"

/* V8 calls a full GC ineffective when it leaves the old generation above
 * 80% of its limit and the mutator ran less than 40% of the time since the
 * previous one; four in a row are fatal. */
#define GH_HIGH_HEAP_FRACTION 0.8
#define GH_LOW_MUTATOR_UTILIZATION 0.4
#define GH_MAX_INEFFECTIVE_FULL_GCS 4
#define GH_MAX_FRAMES 16

bool gh_oom_raise_limit(gh_heap *h)
{
    gh_limits *l = &h->limits;
    /* Not for an allocation it makes itself (which it must not): that
     * allocation's failure would call it again, from inside itself, and it
     * would allocate again, without end.  A collection it runs may call it
     * (a heap snapshot's full GC that finds the heap still full). */
    if (!l->near_limit_fn || l->callback_allocating)
        return false;
    size_t current = gh_heap_size_limit(h);
    l->near_limit_running++;
    size_t wanted = l->near_limit_fn(l->near_limit_data, current, l->initial_heap_limit);
    l->near_limit_running--;
    if (wanted <= current)
        return false;
    h->config.max_old_space += wanted - current;
    h->growing.trigger = h->config.max_old_space;
    return true;
}

gh_error gh_set_near_heap_limit_callback(gh_heap *h, gh_near_heap_limit_callback fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_set_near_heap_limit_callback: heap is NULL");
    h->limits.near_limit_fn = fn;
    h->limits.near_limit_data = data;
    return GH_OK;
}

gh_error gh_remove_near_heap_limit_callback(gh_heap *h, gh_near_heap_limit_callback fn,
                                            void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_remove_near_heap_limit_callback: heap is NULL");
    if (!fn || h->limits.near_limit_fn != fn || h->limits.near_limit_data != data)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "gh_remove_near_heap_limit_callback: not the installed callback");
    h->limits.near_limit_fn = NULL;
    h->limits.near_limit_data = NULL;
    return GH_OK;
}

gh_error gh_restore_initial_heap_limit(gh_heap *h, double fraction)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_restore_initial_heap_limit: heap is NULL");
    if (!(fraction > 0 && fraction <= 1))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "gh_restore_initial_heap_limit: fraction %g is not in (0, 1]", fraction);
    h->limits.restore_fraction = fraction;
    return GH_OK;
}

static void maybe_restore_limit(gh_heap *h)
{
    gh_limits *l = &h->limits;
    if (l->restore_fraction == 0 || h->config.max_old_space <= l->initial_max_old_space ||
        (double)gh_old_gen_used(h) >= l->restore_fraction * (double)l->initial_max_old_space)
        return;
    h->config.max_old_space = l->initial_max_old_space;
    if (h->growing.trigger > h->config.max_old_space)
        h->growing.trigger = h->config.max_old_space;
    l->restore_fraction = 0;
}

void gh_oom_after_full_gc(gh_heap *h)
{
    gh_limits *l = &h->limits;
    maybe_restore_limit(h);
    bool near = (double)gh_old_gen_used(h) >= GH_HIGH_HEAP_FRACTION * (double)h->config.max_old_space;
    bool starved = h->stats.mu_averaged && h->stats.current_mu < GH_LOW_MUTATOR_UTILIZATION;
    if (!near || !starved) {
        l->ineffective_full_gcs = 0;
        l->ineffective = false; /* the heap recovered before it was reported */
        return;
    }
    if (++l->ineffective_full_gcs < GH_MAX_INEFFECTIVE_FULL_GCS)
        return;
    l->ineffective_full_gcs = 0;
    if (gh_oom_raise_limit(h))
        return;
    if (h->config.on_oom == GH_OOM_FATAL)
        gh_oom(h, GH_OOM_INEFFECTIVE, 0);
    l->ineffective = true;
}

static void print_native_stack(void)
{
    void *frames[GH_MAX_FRAMES + 1];
    int n = backtrace(frames, GH_MAX_FRAMES + 1);
    fprintf(stderr, "----- Native stack trace -----\n\n");
    for (int i = 1; i < n; i++) { /* frame 0 is this function */
        Dl_info info;
        const char *symbol = "", *binary = "?";
        if (dladdr(frames[i], &info)) {
            if (info.dli_sname)
                symbol = info.dli_sname;
            if (info.dli_fname) {
                const char *slash = strrchr(info.dli_fname, '/');
                binary = slash ? slash + 1 : info.dli_fname;
            }
        }
        fprintf(stderr, "%2d: %p %s [%s]\n", i, frames[i], symbol, binary);
    }
}

void gh_oom(gh_heap *h, const char *location, size_t bytes)
{
    if (h->config.on_oom != GH_OOM_FATAL) {
        gh_set_error(GH_ERR_OUT_OF_MEMORY, "%s: allocation of %zu bytes failed, heap out of memory",
                     location, bytes);
        return;
    }
    char ring[GH_TRACE_RING_SIZE + 1];
    gh_trace_ring_read(h, ring);
    char *from = strchr(ring, '\n');
    if (!from || from[1] == '\0')
        from = ring;
    fflush(stdout);
    fprintf(stderr, "\n<--- Last few GCs --->\n%s\n", from);
    fprintf(stderr, "\n<--- JS stacktrace --->\n%s\n", "");
    fprintf(stderr, "FATAL ERROR: %s Allocation failed - JavaScript heap out of memory\n", location);
    print_native_stack();
    fflush(stderr);
    abort();
}
