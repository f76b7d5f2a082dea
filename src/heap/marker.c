/*
 * marker.c -- marking, shared by the stop-the-world full GC and the
 * incremental marker.
 *
 * Every object reachable from the roots -- young, old and large alike --
 * gets its bit set in its page's mark bitmap, and its size added to the
 * page's live bytes (which lazy sweeping and compaction read).  Marking
 * uses an explicit worklist, never recursion.  Colours, with one mark bit:
 *
 *   white  unmarked
 *   grey   marked, on the worklist (its slots not yet scanned)
 *   black  marked, off the worklist (scanned)
 *
 * Weak tables (ephemerons) are the exception to "scan everything": a value
 * is marked only once its key is, so a table with a pending key waits in
 * a list until the worklist is empty, then gh_mark_ephemerons repeats
 * until nothing changes and empties the pairs whose key stayed white.
 *
 * The invariant that makes incremental marking sound is that no black
 * object refers to a white one; the write barrier greys any object stored
 * while marking is on (Dijkstra), and objects the mutator allocates in old
 * space while marking are allocated black.
 */
#include <stdlib.h>

#include "heap_internal.h"
#include "mark_fifo.h"

bool gh_mark_object(gh_heap *h, char *obj)
{
    if (!gh_mark(obj))
        return false;
    uint64_t hdr = gh_header(obj);
    gh_page_of(obj)->live_bytes += gh_header_total(hdr);
    if (gh_type_get(h, gh_header_type(hdr))->layout != GH_LAYOUT_LEAF)
        gh_vec_push_gc(&h->mark_worklist, obj);
    return true;
}

/* Referents pass through a prefetching FIFO (mark_fifo.h).  Every drain
 * and root scan empties it before returning: between incremental steps no
 * black object may point to an object that is white and nowhere on the
 * worklist. */
typedef struct gh_marker {
    gh_tracer tracer;
    gh_heap *h;
    gh_mark_fifo fifo;
} gh_marker;

static inline void marker_enqueue(gh_marker *m, char *target)
{
    __builtin_prefetch(gh_mark_word(target), 1);
    __builtin_prefetch(target - GH_HEADER_SIZE);
    char *oldest = gh_mark_fifo_put(&m->fifo, target);
    if (oldest)
        gh_mark_object(m->h, oldest);
}

static void marker_flush(gh_marker *m)
{
    char *obj;
    while ((obj = gh_mark_fifo_take(&m->fifo)) != NULL)
        gh_mark_object(m->h, obj);
}

static void visit_mark(gh_tracer *t, void *slots, size_t n)
{
    gh_marker *m = (gh_marker *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (target)
            marker_enqueue(m, target);
    }
}

/* The worklist's high-water mark (gh_heap_stats.mark_worklist_peak). */
static inline void note_worklist_peak(gh_heap *h)
{
    if (h->mark_worklist.len > h->stats.mark_worklist_peak)
        h->stats.mark_worklist_peak = h->mark_worklist.len;
}

void gh_mark_roots(gh_heap *h)
{
    gh_marker m = {.tracer = {visit_mark, NULL}, .h = h};
    gh_roots_visit(h, &m.tracer);
    marker_flush(&m);
    note_worklist_peak(h);
}

static void mark_value(void *ctx, char *value) { gh_mark_object(ctx, value); }

/* A large array is scanned GH_SCAN_CHUNK bytes of slots at a time, its
 * progress kept in its chunk's header (V8's "progress bar"), and put back
 * on the worklist until done: an incremental step then never has to mark
 * through a 12 MB array in one go.  Rescanning is harmless, so a marking
 * that scans it whole (the parallel pause) just leaves a stale progress,
 * which the next marking resets.
 *
 * The array goes back on the worklist *before* its chunk's referents, so
 * that they, and what they lead to, are marked before the next chunk is
 * scanned.  On top of them it came straight back, chunk after chunk, and
 * the worklist held every referent of the array at once: in ghjs's
 * replace.js (1.5 million slots) 540,000 entries, which each scavenge
 * during the marking walks to follow moved objects, a 6 ms pause. */
#define GH_SCAN_CHUNK GH_KiB(32)

static size_t scan_in_chunks(gh_heap *h, gh_marker *m, char *obj, size_t from, size_t end)
{
    gh_page *p = gh_page_of(obj);
    size_t start = from + p->scan_progress;
    size_t stop = end - start > GH_SCAN_CHUNK ? start + GH_SCAN_CHUNK : end;
    if (stop < end) {
        p->scan_progress = stop - from;
        gh_vec_push_gc(&h->mark_worklist, obj);
    } else {
        p->scan_progress = 0;
    }
    visit_mark(&m->tracer, obj + start, (stop - start) / 8);
    return stop - start;
}

static size_t scan_object(gh_heap *h, gh_marker *m, char *obj)
{
    uint64_t hdr = gh_header(obj);
    const gh_type *ty = gh_type_get(h, gh_header_type(hdr));
    size_t payload = gh_header_total(hdr) - GH_HEADER_SIZE;
    if (ty->layout == GH_LAYOUT_EPHEMERON) {
        gh_mark_scan_ephemeron(h, obj, hdr, mark_value, h, &h->ephemeron_tables);
    } else if (ty->layout == GH_LAYOUT_SLOTS && payload > ty->info.slots_offset + GH_SCAN_CHUNK &&
               (gh_page_of(obj)->flags & GH_PF_LARGE)) {
        return scan_in_chunks(h, m, obj, ty->info.slots_offset, payload);
    } else {
        gh_object_visit(h, obj, hdr, &m->tracer, visit_mark);
    }
    return payload + GH_HEADER_SIZE;
}

size_t gh_mark_drain(gh_heap *h, size_t budget)
{
    gh_marker m = {.tracer = {visit_mark, NULL}, .h = h};
    size_t scanned = 0;
    while (scanned < budget) {
        char *obj = gh_vec_pop(&h->mark_worklist);
        if (h->mark_worklist.len)
            gh_prefetch_for_scan(h->mark_worklist.items[h->mark_worklist.len - 1]);
        if (!obj) {
            if (!m.fifo.len)
                break;
            marker_flush(&m); /* may refill the worklist */
            continue;
        }
        scanned += scan_object(h, &m, obj);
        note_worklist_peak(h);
    }
    marker_flush(&m);
    h->marking.marked_bytes += scanned;
    return scanned;
}

/* ---- weak tables (ephemerons) ------------------------------------------- */

/* The pairs of a weak table: [first, first + 2 * pairs).  An odd slot at
 * the end has no partner; if `unpaired` is given it gets that slot's
 * target (NULL if none). */
static uint64_t *table_pairs(gh_heap *h, char *table, uint64_t hdr, size_t *pairs,
                             char **unpaired)
{
    uint64_t *end, *first = gh_object_slots(gh_type_get(h, gh_header_type(hdr)), table, hdr, &end);
    size_t n = (size_t)(end - first);
    *pairs = n / 2;
    if (unpaired)
        *unpaired = n % 2 ? gh_slot_target(first[n - 1]) : NULL;
    return first;
}

void gh_mark_scan_ephemeron(gh_heap *h, char *table, uint64_t hdr,
                            void (*mark)(void *ctx, char *v), void *ctx, gh_vec *deferred)
{
    size_t pairs;
    char *unpaired;
    uint64_t *p = table_pairs(h, table, hdr, &pairs, &unpaired);
    if (unpaired) /* held strongly, as the scavenger and the verifier hold it */
        mark(ctx, unpaired);
    bool pending = false;
    for (size_t i = 0; i < pairs; i++) {
        char *key = gh_slot_target(p[2 * i]), *value = gh_slot_target(p[2 * i + 1]);
        if (key && !gh_is_marked(key))
            pending = true; /* decided once the key's fate is known (the pair
                               is emptied if it dies, whatever its value) */
        else if (value)
            mark(ctx, value);
    }
    if (pending)
        gh_vec_push_gc(deferred, table);
}

/* Mark the values of now-marked keys; true if any was newly marked. */
static bool propagate(gh_heap *h)
{
    bool progress = false;
    for (size_t t = 0; t < h->ephemeron_tables.len; t++) {
        char *table = h->ephemeron_tables.items[t];
        size_t pairs;
        uint64_t *p = table_pairs(h, table, gh_header(table), &pairs, NULL);
        for (size_t i = 0; i < pairs; i++) {
            char *key = gh_slot_target(p[2 * i]), *value = gh_slot_target(p[2 * i + 1]);
            if (value && (!key || gh_is_marked(key)) && gh_mark_object(h, value))
                progress = true;
        }
    }
    return progress;
}

void gh_mark_ephemerons(gh_heap *h)
{
    /* a fixpoint: a value marked now may make another table's key live */
    while (h->ephemeron_tables.len && propagate(h))
        gh_mark_drain(h, SIZE_MAX);
    for (size_t t = 0; t < h->ephemeron_tables.len; t++) {
        char *table = h->ephemeron_tables.items[t];
        size_t pairs;
        uint64_t *p = table_pairs(h, table, gh_header(table), &pairs, NULL);
        for (size_t i = 0; i < pairs; i++) {
            char *key = gh_slot_target(p[2 * i]);
            if (key && !gh_is_marked(key))
                p[2 * i] = p[2 * i + 1] = GH_EMPTY;
        }
    }
    h->ephemeron_tables.len = 0;
}

void gh_mark_prepare(gh_heap *h)
{
    gh_sweep_finish(h);
    for (gh_page *p = h->old_space.pages; p; p = p->next)
        p->live_bytes = 0;
    for (gh_page *p = h->large_space.chunks; p; p = p->next)
        p->live_bytes = p->scan_progress = 0;
    h->marking.marked_bytes = 0;
}

/* ---- live bytes (for the verifier) -------------------------------------- */

static void add_marked_size(void *ctx, char *obj)
{
    *(size_t *)ctx += gh_header_total(gh_header(obj));
}

static gh_error check_live_bytes(gh_page *p)
{
    size_t marked = 0;
    gh_page_each_marked(p, NULL, add_marked_size, &marked);
    if (marked == p->live_bytes)
        return GH_OK;
    return gh_set_error(GH_ERR_HEAP_CORRUPT, "verify: page %p counts %zu live bytes, its marks %zu",
                        (void *)p, p->live_bytes, marked);
}

gh_error gh_mark_verify_live_bytes(gh_heap *h)
{
    for (int space = 0; space < 2; space++)
        for (gh_page *p = space ? h->large_space.chunks : h->old_space.pages; p; p = p->next)
            if (check_live_bytes(p) != GH_OK)
                return GH_ERR_HEAP_CORRUPT;
    return GH_OK;
}

/* ---- the tri-colour invariant (for the verifier) ------------------------ */

typedef struct invariant_check {
    gh_tracer tracer;
    char *host;
    bool failed;
    void **grey; /* the worklist, sorted */
    size_t grey_count;
    gh_heap *h;
} invariant_check;

static void visit_check(gh_tracer *t, void *slots, size_t n)
{
    invariant_check *c = (invariant_check *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n && !c->failed; i++) {
        char *target = gh_slot_target(w[i]);
        if (target && !gh_is_marked(target)) {
            gh_set_error(GH_ERR_HEAP_CORRUPT,
                         "verify: black object %p refers to white object %p (slot %p)",
                         (void *)c->host, (void *)target, (void *)&w[i]);
            c->failed = true;
        }
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;
    return x < y ? -1 : x > y;
}

static void check_object(void *ctx, char *obj)
{
    invariant_check *c = ctx;
    if (c->failed || (c->grey_count && bsearch(&obj, c->grey, c->grey_count, sizeof(void *), cmp_ptr)))
        return; /* grey: its slots may still point anywhere */
    c->host = obj;
    gh_object_visit(c->h, obj, gh_header(obj), &c->tracer, visit_check);
}

static void check_marked_objects(gh_page *p, char *end, invariant_check *c)
{
    gh_page_each_marked(p, end, check_object, c);
}

gh_error gh_mark_verify_invariant(gh_heap *h)
{
    if (h->mark_worklist.len)
        qsort(h->mark_worklist.items, h->mark_worklist.len, sizeof(void *), cmp_ptr);
    invariant_check c = {.tracer = {visit_check, NULL}, .grey = h->mark_worklist.items,
                         .grey_count = h->mark_worklist.len, .h = h};
    for (gh_page *p = h->old_space.pages; p && !c.failed; p = p->next)
        check_marked_objects(p, NULL, &c);
    for (gh_page *p = h->large_space.chunks; p && !c.failed; p = p->next)
        check_marked_objects(p, NULL, &c);
    gh_new_space *ns = &h->new_space;
    for (size_t i = 0; i <= ns->page_index && !c.failed; i++) {
        gh_page *p = gh_from_page(ns, i);
        check_marked_objects(p, i == ns->page_index ? h->fast.lab[0].top : NULL, &c);
    }
    return c.failed ? GH_ERR_HEAP_CORRUPT : GH_OK;
}
