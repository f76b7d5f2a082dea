/*
 * scavenger.c -- the young generation's copying collector, and the move of
 * young survivors into the old generation at the end of a full GC.
 *
 * Scavenge (Cheney; parallel_scavenger.c has the version for several
 * threads): every root slot and every remembered old->young slot
 * that points into from-space has its object copied -- to to-space, or
 * promoted to old space -- and a forwarding address left in the old
 * header.  Copies are then scanned in turn: to-space copies in address
 * order (the Cheney scan pointer chasing the copy pointer), promoted copies
 * from a worklist.  When both are exhausted every live young object has
 * moved; from-space holds only garbage and forwarding words.
 *
 * Promotion follows the seed's two rules (V8's ShouldBePromoted):
 *   1. an object below the age mark has already survived one scavenge;
 *   2. once to-space is 25% full, the rest goes to old space, so that the
 *      semispace that becomes the allocation space stays mostly empty.
 * A promoted object's slots that still point into the young generation
 * are recorded in its page's remembered set.
 */
#include "heap_internal.h"

typedef struct gh_scavenger {
    gh_tracer root_tracer;     /* roots, to-space objects: update only */
    gh_tracer promoted_tracer; /* promoted objects: update and remember */
    gh_heap *h;
    gh_young_layout young; /* read in every slot visit */
    /* to-space copy pointer */
    size_t to_page;
    char *to_top, *to_limit;
    size_t copied, promoted;
    size_t promote_threshold; /* rule 2: 25% of the to-space's capacity */
    bool marking;             /* an incremental marking is in progress */
    gh_vec promoted_list;
} gh_scavenger;

#define SCAVENGER_OF(t, member) \
    ((gh_scavenger *)(void *)((char *)(t) - offsetof(gh_scavenger, member)))

static inline bool in_from(const gh_scavenger *s, const void *p)
{
    return gh_young_role_is(&s->young, p, GH_YOUNG_ROLE_FROM);
}
static inline bool in_to(const gh_scavenger *s, const void *p)
{
    return gh_young_role_is(&s->young, p, GH_YOUNG_ROLE_TO);
}

/* Bump-allocate in to-space, moving to the next page when this one is
 * full (the rest of the page becomes a filler the Cheney scan skips). */
static char *to_alloc(gh_scavenger *s, size_t total)
{
    gh_new_space *ns = &s->h->new_space;
    while ((size_t)(s->to_limit - s->to_top) < total) {
        if (s->to_page + 1 >= ns->capacity_pages)
            return NULL;
        if (s->to_top < s->to_limit)
            gh_write_filler(s->to_top, (size_t)(s->to_limit - s->to_top));
        gh_page *p = gh_to_space_page_use(s->h, ++s->to_page, true);
        s->to_top = p->area_start;
        s->to_limit = p->area_end;
    }
    char *dst = s->to_top;
    s->to_top += total;
    return dst;
}

/* Promotion: a bump in the old generation's buffer, the call only when it
 * runs out. */
static inline char *old_alloc(gh_scavenger *s, size_t total)
{
    struct gh__lab *lab = &s->h->fast.lab[1];
    if ((size_t)(s->h->old_space.lab_limit[1] - lab->top) >= total) {
        char *p = lab->top;
        lab->top += total;
        return p;
    }
    return gh_old_alloc(s->h, total, GH_OLD_ALLOC_GC);
}

/* The rest of a copy, wherever it went: the words, the forwarding address
 * in the original's header, and the mark (during incremental marking a copy
 * keeps its original's colour).  No prefetch of the copy's referents, unlike
 * the parallel scavenger: GCC had deleted that loop here as dead code, and
 * made to run (an asm prefetch) it made a scavenge of a list or a tree take
 * 1.5 times as long. */
static inline char *finish_copy(gh_scavenger *s, char *dst, char *obj, size_t total)
{
    gh_copy_words(dst, gh_header_of(obj), total);
    char *copy = dst + GH_HEADER_SIZE;
    *gh_header_of(obj) = (uint64_t)(uintptr_t)copy;
    if (s->marking && gh_is_marked(obj) && gh_mark(copy))
        gh_page_of(dst)->live_bytes += total;
    return copy;
}

/* A promotion: a bump in the old generation's buffer (the call only when
 * it runs out); NULL if old space refused. */
static inline char *promote(gh_scavenger *s, char *obj, size_t total)
{
    char *dst = old_alloc(s, total);
    if (!dst)
        return NULL;
    s->promoted += total;
    gh_vec_push_gc(&s->promoted_list, dst + GH_HEADER_SIZE);
    return finish_copy(s, dst, obj, total);
}

/* A copy that needs the next to-space page, or a promotion that old space
 * refused (the survivor then stays young while to-space has room). */
static __attribute__((noinline)) char *copy_to_next_page(gh_scavenger *s, char *obj, size_t total)
{
    char *dst = to_alloc(s, total);
    if (!dst)
        gh_fatal("genheap: scavenge cannot place a survivor (old space refused a page)");
    s->copied += total;
    return finish_copy(s, dst, obj, total);
}

/* Copy a live from-space object: promoted by either rule, else to the
 * current to-space page.  Both common cases are inline. */
GH_INLINE char *evacuate(gh_scavenger *s, char *obj, uint64_t hdr)
{
    size_t total = gh_header_total(hdr);
    if (GH_UNLIKELY(gh_below_age_mark(&s->young, obj) ||
                    s->copied + total > s->promote_threshold)) {
        char *copy = promote(s, obj, total);
        if (copy)
            return copy;
    }
    char *dst = s->to_top;
    if (GH_UNLIKELY((size_t)(s->to_limit - dst) < total))
        return copy_to_next_page(s, obj, total);
    s->to_top = dst + total;
    s->copied += total;
    return finish_copy(s, dst, obj, total);
}

/* Update one slot; returns the (new) target, or NULL if the slot does not
 * refer to a from-space object.  Always inline: out of line (GCC's choice
 * once the from-space check became a table lookup) a scavenge ran 20% more
 * instructions. */
GH_INLINE char *scavenge_slot(gh_scavenger *s, uint64_t *slot)
{
    uint64_t w = *slot;
    char *target = gh_slot_target(w);
    if (!target || !in_from(s, target))
        return NULL;
    uint64_t hdr = *gh_header_of(target);
    char *moved = gh_header_is_forwarded(hdr) ? gh_header_forwardee(hdr) : evacuate(s, target, hdr);
    *slot = gh_slot_retarget(w, moved);
    return moved;
}

static void visit_roots(gh_tracer *t, void *slots, size_t n)
{
    gh_scavenger *s = SCAVENGER_OF(t, root_tracer);
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++)
        scavenge_slot(s, &w[i]);
}

static void visit_promoted(gh_tracer *t, void *slots, size_t n)
{
    gh_scavenger *s = SCAVENGER_OF(t, promoted_tracer);
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *moved = scavenge_slot(s, &w[i]);
        if (moved && in_to(s, moved))
            gh_slot_set_insert(gh_page_of(&w[i]), &w[i]);
    }
}

/* A remembered old->young slot: update it, and keep it only while it still
 * points into the young generation. */
static bool visit_remembered(gh_heap *h, uint64_t *slot, void *ctx)
{
    (void)h;
    gh_scavenger *s = ctx;
    char *moved = scavenge_slot(s, slot);
    return moved && in_to(s, moved);
}

/* The slot layout of the type scanned last.  Survivors tend to come in
 * runs of one type (a list's cells, a tree's nodes), and with the layout in
 * registers a copy's first slot loads straight from the scan pointer: the
 * type-table lookup leaves the chain of dependent loads that bounds a
 * scavenge of linked data (5-12% faster on a list and a tree). */
typedef struct scan_layout {
    gh_type_id type; /* starts as GH_TYPE_FREE, a filler: no slots */
    bool slots;      /* GH_LAYOUT_SLOTS: the slots run from `offset` to the end */
    size_t offset;
} scan_layout;

#define SCAN_LAYOUT_INIT {GH_TYPE_FREE, false, 0}

/* *last, made to describe the type of header hdr. */
static inline void scan_layout_update(const gh_scavenger *s, scan_layout *last, uint64_t hdr)
{
    gh_type_id type = gh_header_type(hdr);
    if (GH_LIKELY(type == last->type))
        return;
    const gh_type *ty = gh_type_get(s->h, type);
    last->type = type;
    last->slots = ty->layout == GH_LAYOUT_SLOTS;
    last->offset = ty->info.slots_offset;
}

/* Scan promoted copies, newest first, while they are still in the cache:
 * each was copied moments ago. */
static void drain_promoted(gh_scavenger *s)
{
    scan_layout last = SCAN_LAYOUT_INIT;
    while (s->promoted_list.len) {
        char *obj = gh_vec_pop(&s->promoted_list);
        uint64_t hdr = gh_header(obj);
        scan_layout_update(s, &last, hdr);
        if (!last.slots) {
            gh_object_visit(s->h, obj, hdr, &s->promoted_tracer, visit_promoted);
            continue;
        }
        /* slot-described (most promoted objects): the slots in place, as
         * visit_promoted would see them */
        uint64_t *end;
        for (uint64_t *w = gh_slots_from(last.offset, obj, hdr, &end); w < end; w++) {
            char *moved = scavenge_slot(s, w);
            if (moved && in_to(s, moved))
                gh_slot_set_insert(gh_page_of(w), w);
        }
    }
}

/* The Cheney scan's visit of one to-space copy: a slot-described object's
 * slots inline (most survivors), anything else through gh_object_visit. */
static inline void scan_copy(gh_scavenger *s, scan_layout *last, char *obj, uint64_t hdr)
{
    scan_layout_update(s, last, hdr);
    if (!last->slots) {
        gh_object_visit(s->h, obj, hdr, &s->root_tracer, visit_roots);
        return;
    }
    uint64_t *end;
    for (uint64_t *w = gh_slots_from(last->offset, obj, hdr, &end); w < end; w++)
        scavenge_slot(s, w);
}

/* The Cheney loop: scan to-space copies in address order, draining the
 * promoted copies each scanned object produced, until neither has work. */
static void process_copies(gh_scavenger *s)
{
    gh_new_space *ns = &s->h->new_space;
    size_t scan_page = 0;
    gh_page *p = gh_to_page(ns, 0);
    char *scan = p->area_start, *page_end = p->area_end;
    scan_layout last = SCAN_LAYOUT_INIT;
    drain_promoted(s);
    for (;;) {
        /* the page the copy pointer is on is scanned up to the copy
         * pointer (which scanning may push on), a page it has left to its
         * end (a filler covers any unused tail) */
        while (scan < (scan_page == s->to_page ? s->to_top : page_end)) {
            uint64_t hdr = *(uint64_t *)(void *)scan;
            char *obj = scan + GH_HEADER_SIZE;
            scan += gh_header_total(hdr);
            scan_copy(s, &last, obj, hdr);
            if (s->promoted_list.len)
                drain_promoted(s);
        }
        if (scan_page == s->to_page)
            return;
        p = gh_to_page(ns, ++scan_page);
        scan = p->area_start;
        page_end = p->area_end;
    }
}

static void scavenger_init(gh_scavenger *s, gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    memset(s, 0, sizeof *s);
    s->root_tracer.visit = visit_roots;
    s->promoted_tracer.visit = visit_promoted;
    s->h = h;
    s->young = gh_young_layout_of(ns);
    s->promote_threshold = ns->capacity_pages * GH_PAGE_AREA_SIZE / 4;
    s->marking = h->marking.state == GH_MARKING_ACTIVE;
    gh_page *first = gh_to_space_page_use(h, 0, true);
    s->to_top = first->area_start;
    s->to_limit = first->area_end;
}

static void scavenge_sequential(gh_heap *h, gh_scavenge_result *r)
{
    gh_scavenger s;
    scavenger_init(&s, h);
    gh_roots_visit_young(h, &s.root_tracer);
    /* no slot set changes under this walk: promoted copies record their
     * slots when they are scanned, in process_copies */
    gh_remembered_set_iterate(h, visit_remembered, &s);
    process_copies(&s);
    gh_vec_free(&s.promoted_list);
    r->copied = r->to_used = s.copied;
    r->promoted = s.promoted;
    r->to_top = s.to_top;
    r->to_page = s.to_page;
}

/* ---- one thread or several ------------------------------------------------
 *
 * A parallel scavenge costs more per object than the Cheney scan (each
 * original is claimed with a locked compare-and-swap, which waits for the
 * stores before it; copies go through a worklist), so it takes several
 * threads to win: on a 16-CPU machine one helper made the scavenge of a
 * young tree 1.03x / 0.96x faster and three 1.64x (bench/SCALING.md), and
 * on 2 CPUs binary-trees 18's parallel scavenges took 5.4 ms against 1.1.
 * Below GH_SCAVENGE_MIN_HELPERS helpers scavenges stay on the main thread;
 * full GCs use any number (marking gained 1.47x from one helper).
 *
 * Waking the helpers costs tens of microseconds, more than sharing a
 * scavenge that keeps little saves: binary-trees, whose median scavenge
 * keeps 6 KB of 16 MB, ran 10-15% slower with helpers.  Survival changes
 * slowly, so the last scavenge predicts this one.  The threshold shrinks
 * with the semispace, so that small young generations with real
 * survivors still go parallel; stress modes always do, for coverage.
 *
 * Whether three helpers pay depends on the machine and on its load: with
 * three helpers on 2 CPUs binary-trees 18's scavenges took 94 ms in all
 * instead of 29.  So the scavenges that could be shared are timed, per
 * mode, and the mode with the lower ms per MiB kept is used; one in
 * GH_SCAVENGE_PROBE_EVERY runs the other mode, so the choice follows a
 * change of load.  The first GH_SCAVENGE_TRIALS eligible scavenges
 * alternate, shared first, as one sample of each can mislead.
 */
#define GH_SCAVENGE_MIN_HELPERS 3
#define GH_SCAVENGE_TRIALS 4
#define GH_SCAVENGE_PROBE_EVERY 16

static bool worth_sharing(const gh_heap *h)
{
    if (h->pool.helpers == 0)
        return false;
    if (h->config.stress != 0)
        return true;
    if (h->pool.helpers < GH_SCAVENGE_MIN_HELPERS)
        return false;
    size_t kept = h->stats.last_survived + h->stats.last_promoted;
    size_t threshold = h->new_space.capacity_pages * GH_PAGE_AREA_SIZE / 32;
    if (threshold > GH_KiB(512))
        threshold = GH_KiB(512);
    return kept >= threshold;
}

static bool shared_is_faster(const gh_scavenge_modes *m)
{
    return m->ms[1] * m->mib[0] < m->ms[0] * m->mib[1];
}

/* For a scavenge worth_sharing allows: share it or not. */
static bool choose_shared(gh_heap *h)
{
    gh_scavenge_modes *m = &h->scavenge_modes;
    uint64_t n = m->eligible++;
    if (h->config.stress != 0)
        return true;
    if (n < GH_SCAVENGE_TRIALS)
        return n % 2 == 0;
    bool probe = n % GH_SCAVENGE_PROBE_EVERY == 0;
    return shared_is_faster(m) != probe;
}

static void record_mode(gh_heap *h, bool shared, double ms, size_t kept)
{
    gh_scavenge_modes *m = &h->scavenge_modes;
    m->ms[shared] = m->ms[shared] / 2 + ms;
    m->mib[shared] = m->mib[shared] / 2 + (double)kept / (double)GH_MiB(1);
}

void gh_scavenge(gh_heap *h)
{
    gh_scavenge_result r;
    size_t young_before = gh_new_space_used(h);
    bool eligible = worth_sharing(h), shared = eligible && choose_shared(h);
    double start = eligible ? gh_now_ms() : 0;
    if (shared)
        gh_scavenge_parallel(h, &r);
    else
        scavenge_sequential(h, &r);
    if (eligible)
        record_mode(h, shared, gh_now_ms() - start, r.copied + r.promoted);
    h->stats.shared_scavenges += shared;
    gh_pretenuring_after_copy(h, young_before, r.copied + r.promoted);
    gh_weak_globals_after_scavenge(h);
    gh_ids_after_scavenge(h);
    gh_finalizers_after_scavenge(h);
    if (h->marking.state == GH_MARKING_ACTIVE)
        gh_marking_after_scavenge(h);
    h->stats.promoted_bytes += r.promoted;
    h->stats.last_survived = r.copied;
    h->stats.last_promoted = r.promoted;
    gh_new_space_flip(h, r.to_top, r.to_page, r.to_used, r.promoted);
    gh_sweep_some(h, GH_SWEEP_PAGES_PER_SCAVENGE);
}

/* ---- full GC: promote every marked young object ------------------------- */

typedef struct gh_evacuator {
    gh_tracer tracer;
    gh_heap *h;
} gh_evacuator;

/* Point a slot at the new home of a from-space object.  Only slots in dead
 * objects can refer to an unmarked (never moved) young object; they are
 * left alone and their host is about to be swept. */
static inline bool update_slot(const gh_evacuator *e, uint64_t *slot)
{
    char *target = gh_slot_target(*slot);
    if (!target || !gh_in_from_space(e->h, target))
        return false;
    uint64_t hdr = *gh_header_of(target);
    if (gh_header_is_forwarded(hdr))
        *slot = gh_slot_retarget(*slot, gh_header_forwardee(hdr));
    return false;
}

static void visit_update(gh_tracer *t, void *slots, size_t n)
{
    gh_evacuator *e = (gh_evacuator *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++)
        update_slot(e, &w[i]);
}

static bool visit_update_remembered(gh_heap *h, uint64_t *slot, void *ctx)
{
    (void)h;
    return update_slot(ctx, slot);
}

/* Every marked young object moves to old space; the copies are listed for
 * the reference update. */
typedef struct young_move {
    gh_heap *h;
    gh_vec moved;
} young_move;

static void promote_marked(void *ctx, char *obj)
{
    young_move *m = ctx;
    size_t total = gh_object_total(obj);
    gh_vec_push_gc(&m->moved, gh_move_to_old(m->h, obj));
    m->h->stats.promoted_bytes += total;
    m->h->stats.last_promoted += total;
}

void gh_evacuate_young_marked(gh_heap *h)
{
    gh_new_space *ns = &h->new_space;
    young_move m = {h, {0}};
    h->stats.last_survived = h->stats.last_promoted = 0;
    for (size_t i = 0; i <= ns->page_index; i++)
        gh_page_each_marked(gh_from_page(ns, i),
                            i == ns->page_index ? h->fast.lab[0].top : NULL, promote_marked, &m);
    gh_vec moved = m.moved;
    gh_evacuator e = {{visit_update, NULL}, h};
    gh_roots_visit(h, &e.tracer);
    gh_weak_globals_visit(h, &e.tracer);
    gh_remembered_set_iterate(h, visit_update_remembered, &e);
    for (size_t i = 0; i < moved.len; i++) {
        char *obj = moved.items[i];
        gh_object_visit(h, obj, gh_header(obj), &e.tracer, visit_update);
    }
    gh_vec_free(&moved);
    gh_finalizers_after_evacuation(h);
    gh_ids_after_moves(h);
    gh_new_space_reset(h);
}
