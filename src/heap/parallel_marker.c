/*
 * parallel_marker.c -- marking in a pause on several threads.
 *
 * When the collector has helper threads, a full GC's marking (and the
 * drain that finishes an incremental marking) runs on all of them at once.
 * The roots are greyed first on the main thread, which marks on alone for
 * a short while; what is still grey then is cut into segments and shared;
 * each thread marks from its own segments and steals when it runs dry
 * (worklist.c).  Mark bits are set with an atomic OR, so exactly one thread
 * wins an object and scans it; live bytes are summed per thread and added
 * atomically.  Nothing else is written: headers and slots are only read,
 * so trace functions of embedder types run concurrently and must not write
 * either.
 */
#include "heap_internal.h"
#include "mark_fifo.h"
#include "worklist.h"

/* The main thread marks alone for this many bytes first: the pause that
 * ends an incremental marking usually has little left, and waking the
 * helpers would cost more than it saves.  Whatever is left after that is
 * shared, however few grey objects hold it: one grey root can have the
 * whole heap behind it (a tree), and the worklist spreads the work as it
 * unfolds. */
#define GH_SEQUENTIAL_MARK_BUDGET GH_KiB(256)

/* Live bytes are counted per page; adding to the page's counter for every
 * object would make threads marking neighbouring objects fight over that
 * cache line.  Each thread sums into a small direct-mapped cache of pages
 * instead, and adds a page's sum to its counter when the entry is
 * reused and at the end. */
#define GH_LIVE_CACHE 16 /* a power of two */

typedef struct par_marker {
    gh_tracer tracer;
    gh_heap *h;
    gh_local_worklist local;
    gh_vec tables; /* weak tables met: the main thread scans them after */
    gh_page *live_page[GH_LIVE_CACHE];
    size_t live_bytes[GH_LIVE_CACHE];
    /* referents prefetched, not yet marked (mark_fifo.h): work no other
     * thread can see, so a thread empties it before it looks for work
     * elsewhere, or could declare itself idle */
    gh_mark_fifo fifo;
} par_marker;

static void flush_live(gh_page *p, size_t bytes)
{
    if (p)
        __atomic_fetch_add(&p->live_bytes, bytes, __ATOMIC_RELAXED);
}

static inline void add_live(par_marker *m, gh_page *p, size_t bytes)
{
    unsigned i = (unsigned)((uintptr_t)p / GH_PAGE_SIZE) & (GH_LIVE_CACHE - 1);
    if (m->live_page[i] != p) {
        flush_live(m->live_page[i], m->live_bytes[i]);
        m->live_page[i] = p;
        m->live_bytes[i] = 0;
    }
    m->live_bytes[i] += bytes;
}

static void mark_referent(par_marker *m, char *target)
{
    if (!gh_mark_atomic(target))
        return;
    uint64_t hdr = gh_header(target);
    add_live(m, gh_page_of(target), gh_header_total(hdr));
    if (gh_type_get(m->h, gh_header_type(hdr))->layout != GH_LAYOUT_LEAF)
        gh_local_push(&m->local, target);
}

static inline void fifo_enqueue(par_marker *m, char *target)
{
    /* read intent for the mark word: gh_mark_atomic reads before it ORs */
    __builtin_prefetch(gh_mark_word(target));
    __builtin_prefetch(target - GH_HEADER_SIZE);
    char *oldest = gh_mark_fifo_put(&m->fifo, target);
    if (oldest)
        mark_referent(m, oldest);
}

static void fifo_flush(par_marker *m)
{
    char *obj;
    while ((obj = gh_mark_fifo_take(&m->fifo)) != NULL)
        mark_referent(m, obj);
}

static void visit_par(gh_tracer *t, void *slots, size_t n)
{
    par_marker *m = (par_marker *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (target)
            fifo_enqueue(m, target);
    }
}

typedef struct par_job {
    gh_heap *h;
    size_t scanned;        /* atomic */
    size_t helper_scanned; /* atomic: the helpers' part of it */
    pthread_mutex_t lock; /* merging the weak tables */
} par_job;

static void mark_job(void *ctx, unsigned worker)
{
    par_job *job = ctx;
    par_marker m = {.tracer = {visit_par, NULL}, .h = job->h};
    gh_local_init(&m.local, &job->h->par_worklist);
    size_t scanned = 0;
    char *obj;
    for (;;) {
        if (gh_local_is_empty(&m.local))
            fifo_flush(&m); /* before looking elsewhere, or going idle */
        if ((obj = gh_local_pop(&m.local)) == NULL)
            break;
        void *next = gh_local_peek(&m.local);
        if (next)
            gh_prefetch_for_scan(next);
        uint64_t hdr = gh_header(obj);
        if (gh_type_get(job->h, gh_header_type(hdr))->layout == GH_LAYOUT_EPHEMERON)
            gh_vec_push_gc(&m.tables, obj); /* needs key marks: after the phase */
        else
            gh_object_visit(job->h, obj, hdr, &m.tracer, visit_par);
        scanned += gh_header_total(hdr);
    }
    gh_local_release(&m.local);
    for (unsigned i = 0; i < GH_LIVE_CACHE; i++)
        flush_live(m.live_page[i], m.live_bytes[i]);
    __atomic_fetch_add(&job->scanned, scanned, __ATOMIC_RELAXED);
    if (worker != 0)
        __atomic_fetch_add(&job->helper_scanned, scanned, __ATOMIC_RELAXED);
    if (m.tables.len) {
        pthread_mutex_lock(&job->lock);
        for (size_t i = 0; i < m.tables.len; i++)
            gh_vec_push_gc(&job->h->mark_worklist, m.tables.items[i]);
        pthread_mutex_unlock(&job->lock);
        gh_vec_free(&m.tables);
    }
}

/* Hand the main thread's grey objects to the shared worklist. */
static void share_grey_objects(gh_heap *h)
{
    gh_local_worklist l;
    gh_local_init(&l, &h->par_worklist);
    for (size_t i = 0; i < h->mark_worklist.len; i++) {
        gh_segment *s = l.push;
        s->items[s->len++] = h->mark_worklist.items[i];
        if (s->len == GH_SEGMENT_ITEMS)
            gh_local_publish(&l);
    }
    gh_local_publish(&l);
    gh_local_release(&l);
    h->mark_worklist.len = 0;
}

void gh_mark_drain_all(gh_heap *h)
{
    gh_mark_drain(h, h->pool.helpers ? GH_SEQUENTIAL_MARK_BUDGET : SIZE_MAX);
    if (h->mark_worklist.len == 0)
        return;
    share_grey_objects(h);
    gh_worklist_begin(&h->par_worklist, h->pool.helpers + 1);
    par_job job = {h, 0, 0, PTHREAD_MUTEX_INITIALIZER};
    gh_pool_run(&h->pool, mark_job, &job);
    pthread_mutex_destroy(&job.lock);
    h->marking.marked_bytes += job.scanned;
    h->stats.helper_marked_bytes += job.helper_scanned;
    /* the weak tables the threads met went back on the worklist: scanned
     * here, where key marks are stable */
    gh_mark_drain(h, SIZE_MAX);
}
