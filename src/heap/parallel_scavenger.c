/*
 * parallel_scavenger.c -- the scavenge on several threads.
 *
 * With helper threads the young generation is copied by all of them at
 * once.  The main thread takes the roots (root visitors are the
 * embedder's code, called on its own thread); every thread claims pages of
 * the remembered set, and then every copy is scanned by whichever thread
 * made it, the work spread by the stealing worklist of worklist.c instead
 * of Cheney's scan pointer.
 *
 * Each thread copies into its own buffers: a chunk of to-space and a block
 * of old space, refilled under one lock.  Two threads may reach the same
 * object at once; both copy it, and a compare-and-swap on the original's
 * header decides whose copy becomes the object -- the loser gives its
 * buffer space back (it was the last thing allocated there) and uses the
 * winner's.  Originals are only read, except for that header word.
 *
 * The promotion rules are the sequential scavenger's; rule 2 reads a shared
 * count of bytes copied to to-space.  Old->young slots of promoted objects
 * are collected per thread and recorded after the parallel phase, so no
 * slot set is ever written while another thread iterates it.
 */
#include <stdlib.h>

#include "heap_internal.h"
#include "worklist.h"

#define GH_TO_CHUNK GH_KiB(16)
#define GH_OLD_CHUNK GH_KiB(16)

typedef struct shared_state {
    gh_heap *h;
    gh_young_layout young; /* read in every slot visit */
    size_t promote_threshold;
    bool marking;
    pthread_mutex_t lock; /* to-space carving, old-space refills */
    size_t to_page;
    char *to_top, *to_limit;
    gh_page **rs_pages; /* pages with remembered slots */
    bool *rs_left;      /* per page: whether any slot is left after the phase */
    size_t rs_count;
    struct worker *workers;
    /* Written by every thread: each on a line of its own, apart from the
     * fields above, which are read all the time. */
    _Alignas(64) size_t copied; /* atomic: bytes copied into to-space, but
                                   for each thread's unflushed count */
    _Alignas(64) size_t rs_next; /* atomic: the next remembered-set page */
} shared_state;

/* A thread adds its to-space copies to the shared count in batches of this
 * many bytes, and reads the count back only then: not an atomic add per
 * object on a line all threads write, nor a read of it per object.
 * Promotion rule 2 may then see to-space up to threads x this emptier than
 * it is. */
#define GH_COPIED_BATCH GH_KiB(4)

/* Each thread's state is written for every object it copies, so each
 * starts a cache line of its own: neighbours in one array would otherwise
 * take the line from each other at every copy. */
typedef struct worker {
    _Alignas(64) gh_tracer tracer;
    shared_state *sh;
    gh_local_worklist wl;
    char *to_top, *to_limit;
    char *old_top, *old_limit;
    bool remembering; /* the host being scanned is old */
    gh_vec remember;  /* old->young slots to record afterwards */
    size_t unflushed; /* copied to to-space, not yet in sh->copied */
    size_t seen;      /* sh->copied when this thread last flushed */
    size_t copied, promoted;
} worker;

static inline bool in_from(const shared_state *sh, const void *p)
{
    return gh_young_role_is(&sh->young, p, GH_YOUNG_ROLE_FROM);
}
static inline bool in_to(const shared_state *sh, const void *p)
{
    return gh_young_role_is(&sh->young, p, GH_YOUNG_ROLE_TO);
}

/* ---- buffers ------------------------------------------------------------ */

/* Close a to-space buffer: its unused end becomes a filler. */
static void close_to_buffer(worker *w)
{
    if (w->to_top < w->to_limit)
        gh_write_filler(w->to_top, (size_t)(w->to_limit - w->to_top));
    w->to_top = w->to_limit = NULL;
}

/* Carve a chunk of at least `total` bytes off the shared to-space top. */
static bool refill_to(worker *w, size_t total)
{
    shared_state *sh = w->sh;
    gh_new_space *ns = &sh->h->new_space;
    close_to_buffer(w);
    pthread_mutex_lock(&sh->lock);
    while ((size_t)(sh->to_limit - sh->to_top) < total) {
        if (sh->to_page + 1 >= ns->capacity_pages) {
            pthread_mutex_unlock(&sh->lock);
            return false;
        }
        if (sh->to_top < sh->to_limit)
            gh_write_filler(sh->to_top, (size_t)(sh->to_limit - sh->to_top));
        /* only the header is written here, under the lock; the page is
         * not populated: the threads fault their
         * chunks in side by side instead */
        gh_page *p = gh_to_space_page_use(sh->h, ++sh->to_page, false);
        sh->to_top = p->area_start;
        sh->to_limit = p->area_end;
    }
    size_t room = (size_t)(sh->to_limit - sh->to_top);
    size_t take = total > GH_TO_CHUNK ? total : GH_TO_CHUNK;
    if (take > room)
        take = room;
    w->to_top = sh->to_top;
    w->to_limit = sh->to_top + take;
    sh->to_top += take;
    pthread_mutex_unlock(&sh->lock);
    return true;
}

static bool refill_old(worker *w, size_t total)
{
    shared_state *sh = w->sh;
    pthread_mutex_lock(&sh->lock);
    if (w->old_top < w->old_limit)
        gh_free_list_add(sh->h, w->old_top, (size_t)(w->old_limit - w->old_top));
    bool ok = gh_old_take_block(sh->h, total > GH_OLD_CHUNK ? total : GH_OLD_CHUNK, total,
                                &w->old_top, &w->old_limit);
    pthread_mutex_unlock(&sh->lock);
    return ok;
}

/* Copies fill a buffer front to back: asking for the lines a little ahead
 * for writing keeps the copies' stores from waiting on cache misses. */
#define GH_COPY_PREFETCH 256

static char *bump(char **top, char *limit, size_t total)
{
    if ((size_t)(limit - *top) < total)
        return NULL;
    char *p = *top;
    *top += total;
    __builtin_prefetch(p + GH_COPY_PREFETCH, 1);
    return p;
}

/* ---- copying ------------------------------------------------------------ */

static char *old_copy(worker *w, size_t total)
{
    char *dst = bump(&w->old_top, w->old_limit, total);
    if (!dst && refill_old(w, total))
        dst = bump(&w->old_top, w->old_limit, total);
    return dst;
}

static char *young_copy(worker *w, size_t total)
{
    char *dst = bump(&w->to_top, w->to_limit, total);
    if (!dst && refill_to(w, total))
        dst = bump(&w->to_top, w->to_limit, total);
    return dst;
}

/* Where a survivor goes: old space by the promotion rules, else to-space.
 * Rule 2 reads a count that can lag (GH_COPIED_BATCH) and every thread
 * holds a to-space chunk, so with many threads and a small semispace
 * to-space can run out before the count says so: then the survivor is
 * promoted after all, as it would be a little later anyway. */
static char *allocate_copy(worker *w, char *obj, size_t total, bool *to_old)
{
    shared_state *sh = w->sh;
    bool promote = gh_below_age_mark(&sh->young, obj) ||
                   w->seen + w->unflushed + total > sh->promote_threshold;
    char *dst = promote ? old_copy(w, total) : NULL;
    *to_old = dst != NULL;
    if (!dst)
        dst = young_copy(w, total);
    if (!dst && !promote && (dst = old_copy(w, total)) != NULL)
        *to_old = true;
    if (!dst)
        gh_fatal("genheap: parallel scavenge cannot place a survivor");
    return dst;
}

/* Claim first, then copy.  The compare-and-swap that installs the
 * forwarding pointer is a locked instruction, which waits for every store
 * before it to reach the cache; after the copy, those would be the copy's
 * own stores into cold to-space lines.  Before it, they are few.  Other
 * threads only ever use a forwarding pointer as an address (to update a
 * slot), never read through it, so the copy may still be unwritten when
 * they see it; the copy reaches the worklist, and so other threads' reads,
 * only once it is complete. */
static char *evacuate(worker *w, char *obj)
{
    shared_state *sh = w->sh;
    uint64_t *hp = gh_header_of(obj);
    uint64_t hdr = __atomic_load_n(hp, __ATOMIC_ACQUIRE);
    if (gh_header_is_forwarded(hdr))
        return gh_header_forwardee(hdr);
    size_t total = gh_header_total(hdr);
    bool to_old;
    char *dst = allocate_copy(w, obj, total, &to_old);
    uint64_t forward = (uint64_t)(uintptr_t)(dst + GH_HEADER_SIZE);
    if (!__atomic_compare_exchange_n(hp, &hdr, forward, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        /* another thread claimed it first: give the space back */
        if (to_old)
            w->old_top -= total;
        else
            w->to_top -= total;
        return gh_header_forwardee(hdr);
    }
    *(uint64_t *)(void *)dst = hdr;
    gh_copy_words(dst + GH_HEADER_SIZE, obj, total - GH_HEADER_SIZE);
    char *copy = dst + GH_HEADER_SIZE;
    if (to_old) {
        w->promoted += total;
    } else {
        w->copied += total;
        if ((w->unflushed += total) >= GH_COPIED_BATCH) {
            w->seen = __atomic_add_fetch(&sh->copied, w->unflushed, __ATOMIC_RELAXED);
            w->unflushed = 0;
        }
    }
    const gh_type *ty = gh_type_get(sh->h, gh_header_type(hdr));
    gh_prefetch_young_referents(ty, &sh->young, copy, hdr);
    if (sh->marking && gh_is_marked(obj) && gh_mark_atomic(copy))
        __atomic_fetch_add(&gh_page_of(copy)->live_bytes, total, __ATOMIC_RELAXED);
    if (ty->layout != GH_LAYOUT_LEAF)
        gh_local_push(&w->wl, copy); /* a leaf has nothing to scan */
    return copy;
}

static inline char *scavenge_slot(worker *w, uint64_t *slot)
{
    uint64_t v = *slot;
    char *target = gh_slot_target(v);
    if (!target || !in_from(w->sh, target))
        return NULL;
    char *moved = evacuate(w, target);
    *slot = gh_slot_retarget(v, moved);
    return moved;
}

static void visit(gh_tracer *t, void *slots, size_t n)
{
    worker *w = (worker *)t;
    uint64_t *s = slots;
    for (size_t i = 0; i < n; i++) {
        char *moved = scavenge_slot(w, &s[i]);
        if (w->remembering && moved && in_to(w->sh, moved))
            gh_vec_push_gc(&w->remember, &s[i]);
    }
}

static bool visit_remembered(gh_heap *h, uint64_t *slot, void *ctx)
{
    (void)h;
    worker *w = ctx;
    char *moved = scavenge_slot(w, slot);
    return moved && in_to(w->sh, moved);
}

/* ---- the parallel phase ------------------------------------------------- */

static void job(void *ctx, unsigned index)
{
    shared_state *sh = ctx;
    worker *w = &sh->workers[index];
    gh_heap *h = sh->h;
    gh_local_init(&w->wl, &h->par_worklist);
    if (index == 0)
        gh_roots_visit_young(h, &w->tracer);
    size_t i;
    while ((i = __atomic_fetch_add(&sh->rs_next, 1, __ATOMIC_RELAXED)) < sh->rs_count)
        sh->rs_left[i] = gh_slot_set_iterate(sh->rs_pages[i], visit_remembered, w);
    char *obj;
    while ((obj = gh_local_pop(&w->wl)) != NULL) {
        w->remembering = !in_to(sh, obj);
        gh_object_visit(h, obj, gh_header(obj), &w->tracer, visit);
    }
    w->remembering = false;
    gh_local_release(&w->wl);
}

/* The heap's remembered pages in an array the threads claim from (the
 * list itself is the main thread's: sets emptied by the phase are freed
 * in wrap_up). */
static size_t collect_remembered_pages(gh_heap *h, gh_page ***out, bool **left)
{
    size_t n = 0;
    for (gh_page *p = h->remembered_pages; p; p = p->rs_next)
        n++;
    gh_page **pages = malloc((n ? n : 1) * sizeof *pages);
    *left = calloc(n ? n : 1, sizeof **left);
    if (!pages || !*left)
        gh_fatal("genheap: out of memory in a parallel scavenge");
    n = 0;
    for (gh_page *p = h->remembered_pages; p; p = p->rs_next)
        pages[n++] = p;
    *out = pages;
    return n;
}

static void setup(shared_state *sh, gh_heap *h, unsigned threads)
{
    gh_new_space *ns = &h->new_space;
    memset(sh, 0, sizeof *sh);
    sh->h = h;
    sh->young = gh_young_layout_of(ns);
    sh->promote_threshold = ns->capacity_pages * GH_PAGE_AREA_SIZE / 4;
    sh->marking = h->marking.state == GH_MARKING_ACTIVE;
    pthread_mutex_init(&sh->lock, NULL);
    gh_page *first = gh_to_space_page_use(h, 0, false);
    sh->to_top = first->area_start;
    sh->to_limit = first->area_end;
    sh->rs_count = collect_remembered_pages(h, &sh->rs_pages, &sh->rs_left);
    sh->workers = aligned_alloc(_Alignof(worker), threads * sizeof *sh->workers);
    if (!sh->workers)
        gh_fatal("genheap: out of memory in a parallel scavenge");
    memset(sh->workers, 0, threads * sizeof *sh->workers);
    for (unsigned i = 0; i < threads; i++) {
        sh->workers[i].tracer.visit = visit;
        sh->workers[i].sh = sh;
    }
}

/* After the phase, on the main thread: close every buffer, record the
 * collected old->young slots, add up what was copied and promoted. */
static void wrap_up(shared_state *sh, unsigned threads, gh_scavenge_result *r)
{
    gh_heap *h = sh->h;
    r->copied = r->promoted = 0;
    /* first the sets the phase emptied, then the slots it collected, which
     * may create a set again on one of those pages */
    for (size_t i = 0; i < sh->rs_count; i++)
        if (!sh->rs_left[i])
            gh_slot_set_clear(sh->rs_pages[i]);
    for (unsigned i = 0; i < threads; i++) {
        worker *w = &sh->workers[i];
        close_to_buffer(w);
        if (w->old_top < w->old_limit)
            gh_free_list_add(h, w->old_top, (size_t)(w->old_limit - w->old_top));
        for (size_t k = 0; k < w->remember.len; k++) {
            uint64_t *slot = w->remember.items[k];
            char *target = gh_slot_target(*slot);
            if (target && in_to(sh, target))
                gh_slot_set_insert(gh_page_of(slot), slot);
        }
        gh_vec_free(&w->remember);
        r->copied += w->copied;
        r->promoted += w->promoted;
        if (i != 0)
            h->stats.helper_scavenged_bytes += w->copied + w->promoted;
    }
    free(sh->workers);
    free(sh->rs_pages);
    free(sh->rs_left);
    pthread_mutex_destroy(&sh->lock);
}

void gh_scavenge_parallel(gh_heap *h, gh_scavenge_result *r)
{
    unsigned threads = h->pool.helpers + 1;
    shared_state sh;
    /* Every thread brings its own promotion buffer.  The pretenured types'
     * buffers stay open: only the program allocates in them, and closing
     * them would scatter a type's objects at every scavenge. */
    gh_old_space_close_shared_lab(h);
    setup(&sh, h, threads);
    gh_worklist_begin(&h->par_worklist, threads);
    gh_pool_run(&h->pool, job, &sh);
    wrap_up(&sh, threads, r);
    r->to_top = sh.to_top;
    r->to_page = sh.to_page;
    /* to-space up to its top: copies, and fillers between the threads' chunks */
    r->to_used = sh.to_page * GH_PAGE_AREA_SIZE +
                 (size_t)(sh.to_top - gh_to_page(&h->new_space, sh.to_page)->area_start);
}
