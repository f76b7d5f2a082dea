/*
 * parallel_marker.c -- marking in a pause on several threads.
 *
 * When the collector has helper threads, a full GC's marking (and the
 * drain that finishes an incremental marking) runs on all of them at once.
 * The roots are greyed first on the main thread; their worklist is cut into
 * segments and shared; each thread then marks from its own segments and
 * steals when it runs dry (worklist.c).  Mark bits are set with an atomic
 * OR, so exactly one thread wins an object and scans it; live bytes are
 * added atomically.  Nothing else is written: headers and slots are only
 * read, so trace functions of embedder types run concurrently and must not
 * write either.
 */
#include "heap_internal.h"
#include "worklist.h"

/* Below this many grey objects a parallel phase costs more than it saves. */
#define GH_PARALLEL_MIN_GREY 64

typedef struct par_marker {
    gh_tracer tracer;
    gh_heap *h;
    gh_local_worklist local;
    gh_vec tables; /* weak tables met: the main thread scans them after */
} par_marker;

static inline bool mark_atomic(const void *obj)
{
    gh_page *p = gh_page_of(obj);
    size_t bit = ((uintptr_t)obj - (uintptr_t)p) >> 3;
    uint64_t m = (uint64_t)1 << (bit & 63);
    return (__atomic_fetch_or(&p->mark_bits[bit >> 6], m, __ATOMIC_RELAXED) & m) == 0;
}

static void visit_par(gh_tracer *t, void *slots, size_t n)
{
    par_marker *m = (par_marker *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (!target || !mark_atomic(target))
            continue;
        uint64_t hdr = gh_header(target);
        __atomic_fetch_add(&gh_page_of(target)->live_bytes, gh_header_total(hdr), __ATOMIC_RELAXED);
        if (gh_type_get(m->h, gh_header_type(hdr))->layout != GH_LAYOUT_LEAF)
            gh_local_push(&m->local, target);
    }
}

typedef struct par_job {
    gh_heap *h;
    size_t scanned; /* atomic */
    pthread_mutex_t lock; /* merging the weak tables */
} par_job;

static void mark_job(void *ctx, unsigned worker)
{
    (void)worker;
    par_job *job = ctx;
    par_marker m = {{visit_par, NULL}, job->h, {0}, {0}};
    gh_local_init(&m.local, &job->h->par_worklist);
    size_t scanned = 0;
    char *obj;
    while ((obj = gh_local_pop(&m.local)) != NULL) {
        uint64_t hdr = gh_header(obj);
        if (gh_type_get(job->h, gh_header_type(hdr))->layout == GH_LAYOUT_EPHEMERON)
            gh_vec_push_gc(&m.tables, obj); /* needs key marks: after the phase */
        else
            gh_object_visit(job->h, obj, hdr, &m.tracer, visit_par);
        scanned += gh_header_total(hdr);
    }
    gh_local_release(&m.local);
    __atomic_fetch_add(&job->scanned, scanned, __ATOMIC_RELAXED);
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
    if (h->pool.helpers == 0 || h->mark_worklist.len < GH_PARALLEL_MIN_GREY) {
        gh_mark_drain(h, SIZE_MAX);
        if (h->pool.helpers == 0 || h->mark_worklist.len == 0)
            return;
    }
    share_grey_objects(h);
    gh_worklist_begin(&h->par_worklist, h->pool.helpers + 1);
    par_job job = {h, 0, PTHREAD_MUTEX_INITIALIZER};
    gh_pool_run(&h->pool, mark_job, &job);
    pthread_mutex_destroy(&job.lock);
    h->marking.marked_bytes += job.scanned;
    /* the weak tables the threads met went back on the worklist: scanned
     * here, where key marks are stable */
    gh_mark_drain(h, SIZE_MAX);
}
