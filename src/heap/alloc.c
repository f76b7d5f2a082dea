/*
 * alloc.c -- the out-of-line allocation path: argument checks, stress
 * modes, large objects, pretenured objects, collection on exhaustion, and
 * the out-of-memory policy.
 *
 * The inline gh_alloc only bumps an allocation buffer -- the young one, or
 * the old one for a pretenured type; everything that needs a decision
 * comes here.  Running out of room follows V8's order: collect (scavenge,
 * or full GC when the old generation asks for it), retry, then last-resort
 * full GCs, and only then report out of memory.
 */
#include <stdlib.h>

#include "heap_internal.h"
#include "oom.h"

static void *fail(gh_error err, const char *what, gh_type_id type, size_t size)
{
    gh_set_error(err, "%s (type %u, size %zu)", what, (unsigned)type, size);
    return NULL;
}

static void *check_request(gh_heap *h, gh_type_id type, size_t size)
{
    if (!h)
        return fail(GH_ERR_NULL_HEAP, "allocation in a NULL heap", type, size);
    if (!gh_type_valid(h, type))
        return fail(GH_ERR_BAD_TYPE, "allocation of an unregistered type", type, size);
    if (size == 0)
        return fail(GH_ERR_INVALID_ARGUMENT, "allocation of 0 bytes", type, size);
    if (size > GH_MAX_OBJECT_SIZE || size > h->config.max_old_space) {
        /* More than the heap may ever hold.  Under the fatal policy that is
         * running out of memory, as in V8: the program dies with Node's
         * report, not with a message of its embedder's.  Otherwise it is
         * bad input, refused with nothing lost. */
        if (h->config.on_oom == GH_OOM_FATAL)
            gh_oom(h, GH_OOM_REACHED_LIMIT, size);
        return fail(GH_ERR_TOO_LARGE, "allocation larger than the heap limit", type, size);
    }
    size_t fixed = gh_type_get(h, type)->info.size;
    if (fixed && GH__ALIGN8(size) != GH__ALIGN8(fixed)) /* a trace function would read past it */
        return fail(GH_ERR_INVALID_ARGUMENT, "allocation of a fixed-size type with another size",
                    type, size);
    if (h->in_gc)
        return fail(GH_ERR_IN_GC, "allocation during a collection (in a finalizer?)", type, size);
    return h;
}

static void stress_before_allocation(gh_heap *h)
{
    unsigned stress = h->config.stress;
    if (stress & GH_STRESS_FULL_INTERVAL) {
        if (h->allocations_until_stress_gc <= 1) {
            h->allocations_until_stress_gc = h->config.stress_interval;
            gh_collect_garbage(h, true, GH_REASON_STRESS, "GC in old space requested");
            return;
        }
        h->allocations_until_stress_gc--;
    }
    if (stress & GH_STRESS_SCAVENGE_ALWAYS)
        gh_collect_garbage(h, false, GH_REASON_STRESS, "");
}

/* Old-generation allocation (pretenured, in old buffer `lab`, or large)
 * that respects the limit: full GC when the old generation has reached its
 * trigger, else retry after full GCs, the later ones as a last resort. */
static char *alloc_old_gen(gh_heap *h, size_t total, bool large, unsigned lab, bool *zeroed)
{
    for (int attempt = 0; attempt < 4; attempt++) {
        if (attempt > 0 || !gh_old_gen_needs_gc(h)) {
            char *mem = large ? gh_large_alloc(h, total, GH_OLD_ALLOC_MUTATOR)
                              : gh_old_alloc_in(h, lab, total, GH_OLD_ALLOC_MUTATOR);
            /* a large object's chunk is fresh from mmap; a buffer's flag
             * still describes the one mem was cut from */
            *zeroed = large || h->fast.lab_zeroed[lab];
            if (mem)
                return mem;
        }
        if (attempt == 3)
            break;
        if (attempt < 2)
            gh_collect_garbage(h, true, GH_REASON_ALLOCATION_FAILURE, "GC in old space requested");
        else
            gh_collect_garbage(h, true, GH_REASON_LAST_RESORT, "GC in old space requested");
    }
    return NULL;
}

static bool over_limit(const gh_heap *h) { return gh_old_gen_used(h) > h->config.max_old_space; }

static char *alloc_young(gh_heap *h, size_t total)
{
    char *mem = gh_new_space_alloc(h, total);
    if (mem)
        return mem;
    gh_collect_for_allocation(h);
    /* Promotion may have carried the old generation past its limit; V8
     * then tries last-resort full GCs before giving up. */
    for (int i = 0; i < 2 && over_limit(h); i++)
        gh_collect_garbage(h, true, GH_REASON_LAST_RESORT, "GC in old space requested");
    if (over_limit(h))
        return NULL;
    mem = gh_new_space_alloc(h, total);
    bool zeroed;
    return mem ? mem : alloc_old_gen(h, total, false, 1, &zeroed);
}

/* Find room, collecting as needed; when even that fails, give the
 * embedder's near-heap-limit callback the chance to raise the limit.
 * *zeroed: the room is known to hold zeros already. */
static char *find_room(gh_heap *h, size_t size, unsigned old_lab, bool *zeroed)
{
    size_t total = GH__ALIGN8(size) + GH_HEADER_SIZE;
    bool large = size >= GH_LARGE_OBJECT_SIZE;
    for (;;) {
        *zeroed = false;
        char *mem = large || old_lab ? alloc_old_gen(h, total, large, old_lab, zeroed)
                                     : alloc_young(h, total);
        if (mem || !gh_oom_raise_limit(h))
            return mem;
    }
}

static void *finish(gh_heap *h, char *mem, bool zeroed, gh_type_id type, size_t size)
{
    size_t total = GH__ALIGN8(size) + GH_HEADER_SIZE;
    if (!mem) {
        gh_oom(h, GH_OOM_REACHED_LIMIT, size);
        return NULL;
    }
    *(uint64_t *)(void *)mem = gh_make_header(type, total);
    /* Memory fresh from the OS (a large object's chunk, a buffer on a new
     * page) is zero already; not writing it also keeps the untouched parts
     * of big objects out of rss. */
    if (!zeroed)
        memset(mem + GH_HEADER_SIZE, 0, total - GH_HEADER_SIZE);
    char *obj = mem + GH_HEADER_SIZE;
    /* old objects born during an incremental marking are black */
    if (h->marking.state == GH_MARKING_ACTIVE && !gh_in_from_space(h, obj) &&
        gh_mark(obj))
        gh_page_of(obj)->live_bytes += total;
    if (type >= GH_SLOW_TYPE_BASE && !gh_finalizable_add(h, obj))
        return fail(GH_ERR_OS, "out of memory recording a finalizable object", type, size);
    return obj;
}

/* Checks, stress modes, and a pending "ineffective mark-compacts" verdict
 * shared by both entry points; false if the allocation must fail. */
static bool prepare(gh_heap *h, gh_type_id type, size_t size)
{
    if (!check_request(h, type, size))
        return false;
    if (h->limits.ineffective) {
        h->limits.ineffective = false;
        gh_oom(h, GH_OOM_INEFFECTIVE, size);
        return false;
    }
    stress_before_allocation(h);
    if (gh_marking_tick(h))
        gh_collect_garbage(h, true, GH_REASON_FINALIZE_INCREMENTAL, "GC in old space requested");
    return true;
}

static void *allocate(gh_heap *h, gh_type_id type, size_t size, bool old)
{
    /* From inside the near-heap-limit callback (which must not allocate),
     * nothing this allocation runs into calls the callback again */
    gh_limits *l = h ? &h->limits : NULL;
    bool inner = l && l->near_limit_running && !l->callback_allocating;
    if (inner)
        l->callback_allocating = true;
    void *obj = NULL;
    if (prepare(h, type, size)) {
        /* 0: young; else the old buffer (pretenured, or asked for) */
        unsigned old_lab = type < GH_SLOW_TYPE_BASE ? h->generation[type] : 0;
        if (old && !old_lab)
            old_lab = 1;
        bool zeroed;
        char *mem = find_room(h, size, old_lab, &zeroed);
        obj = finish(h, mem, zeroed, type, size);
    }
    if (inner)
        l->callback_allocating = false;
    return obj;
}

void *gh__alloc_slow(gh_heap *h, gh_type_id type, size_t size)
{
    return allocate(h, type, size, false);
}

void *gh_alloc_old(gh_heap *h, gh_type_id type, size_t size) { return allocate(h, type, size, true); }

void *gh_new(gh_heap *h, gh_type_id type)
{
    if (!h || !gh_type_valid(h, type))
        return check_request(h, type, 1); /* NULL, with the error */
    size_t size = gh_type_get(h, type)->info.size;
    if (size == 0)
        return fail(GH_ERR_INVALID_ARGUMENT, "gh_new of a variable-size type", type, size);
    return gh_alloc(h, type, size);
}
