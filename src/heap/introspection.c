/*
 * introspection.c -- the heap as tools see it: every live object, the
 * edges between objects with their kinds and names, and the roots.  Heap
 * snapshots and leak detectors are built on this (src/diag).
 */
#include <stdlib.h>

#include "heap_internal.h"

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (gh_page *const *)a, y = (uintptr_t) * (gh_page *const *)b;
    return x < y ? -1 : x > y;
}

/* After the full GC that starts an iteration the young generation is empty
 * and every old page is swept, so the pages hold live objects and free
 * blocks only. */
static bool walk_page(const gh_heap *h, gh_page *p, bool (*fn)(void *, void *), void *data)
{
    bool large = p->space == GH_SPACE_LARGE;
    char *end = large ? p->area_start + gh_header_total(*(uint64_t *)(void *)p->area_start)
                      : p->area_end;
    for (char *q = p->area_start; q < end;) {
        char *rest_end = large ? NULL : gh_old_space_lab_rest_end(h, q);
        if (rest_end) { /* an allocation buffer's unused rest */
            q = rest_end;
            continue;
        }
        uint64_t hdr = *(uint64_t *)(void *)q;
        if (gh_header_type(hdr) != GH_TYPE_FREE && !fn(q + GH_HEADER_SIZE, data))
            return false;
        q += gh_header_total(hdr);
    }
    return true;
}

/* Walk the old and large pages in address order; fn must not allocate
 * (the heap is held busy, so it fails if it tries). */
static gh_error walk_heap(gh_heap *h, bool (*fn)(void *obj, void *data), void *data)
{
    size_t n = h->old_space.page_count + h->large_space.chunk_count;
    gh_page **pages = malloc((n ? n : 1) * sizeof *pages);
    if (!pages)
        return gh_set_error(GH_ERR_OS, "gh_heap_iterate: out of memory");
    size_t k = 0;
    for (gh_page *p = h->old_space.pages; p; p = p->next)
        pages[k++] = p;
    for (gh_page *p = h->large_space.chunks; p; p = p->next)
        pages[k++] = p;
    qsort(pages, k, sizeof *pages, by_address);
    bool busy = gh_busy_begin(h);
    for (size_t i = 0; i < k; i++)
        if (!walk_page(h, pages[i], fn, data))
            break;
    gh_busy_end(h, busy);
    free(pages);
    return GH_OK;
}

gh_error gh_heap_iterate(gh_heap *h, bool (*fn)(void *obj, void *data), void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_heap_iterate: heap is NULL");
    if (!fn)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_heap_iterate: NULL function");
    if (h->in_gc)
        return gh_set_error(GH_ERR_IN_GC, "gh_heap_iterate: during a collection");
    /* Weak callbacks wait until after the walk: they may allocate, even
     * enough to finish a marking whose GC sweeps lazily, and the walk must
     * see the heap this collection left -- young generation empty, every
     * page swept -- not dead objects on unswept pages.  (Within a weak
     * callback, the loop already running them runs these too.) */
    bool deferring = h->roots.running_callbacks;
    h->roots.running_callbacks = true;
    gh_collect_garbage(h, true, GH_REASON_HEAP_PROFILER, "GC in old space requested");
    /* a near-heap-limit callback run by that collection may have finished
     * another marking, whose GC sweeps lazily: the walk needs every page
     * swept, or it would show the dead objects of unswept pages */
    gh_sweep_finish(h);
    gh_error err = walk_heap(h, fn, data);
    h->roots.running_callbacks = deferring;
    gh_weak_callbacks_run(h);
    return err;
}

/* ---- edges -------------------------------------------------------------- */

typedef struct edge_reporter {
    gh_tracer tracer;
    gh_edge_fn fn;
    void *data;
    size_t next_index; /* elements without a name */
} edge_reporter;

static void report(edge_reporter *r, uint64_t w, gh_edge_kind kind, const char *name, size_t index)
{
    char *target = gh_slot_target(w);
    if (target)
        r->fn(r->data, target, kind, name, index);
}

static void visit_plain(gh_tracer *t, void *slots, size_t n)
{
    edge_reporter *r = (edge_reporter *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++)
        report(r, w[i], GH_EDGE_ELEMENT, NULL, r->next_index++);
}

static void visit_named(gh_tracer *t, void *slot, gh_edge_kind kind, const char *name, size_t index)
{
    report((edge_reporter *)t, *(uint64_t *)slot, kind, name, index);
}

static void layout_edges(const gh_type *ty, char *obj, size_t payload, edge_reporter *r)
{
    size_t off = ty->info.slots_offset;
    uint64_t *w = (uint64_t *)(void *)(obj + off);
    size_t n = payload > off ? (payload - off) / 8 : 0;
    const char *const *names = ty->info.slot_names;
    bool weak_pairs = ty->layout == GH_LAYOUT_EPHEMERON;
    for (size_t i = 0; i < n; i++) {
        if (weak_pairs && i % 2 == 0 && i + 1 == n) /* no partner: held strongly */
            report(r, w[i], GH_EDGE_INTERNAL, "value", i / 2);
        else if (weak_pairs && i % 2 == 0)
            report(r, w[i], GH_EDGE_WEAK, "key", i / 2);
        else if (weak_pairs) /* a value without a heap key is held strongly */
            report(r, w[i], gh_slot_target(w[i - 1]) ? GH_EDGE_WEAK : GH_EDGE_INTERNAL, "value",
                   i / 2);
        else if (names && names[i])
            report(r, w[i], GH_EDGE_PROPERTY, names[i], i);
        else {
            names = NULL; /* past the names: the rest are elements */
            report(r, w[i], GH_EDGE_ELEMENT, NULL, i);
        }
    }
}

void gh_object_edges(gh_heap *h, void *obj, gh_edge_fn fn, void *data)
{
    if (!h || !obj || !fn || gh_refuse_foreign(h, obj, "gh_object_edges"))
        return;
    uint64_t hdr = gh_header(obj);
    const gh_type *ty = gh_type_get(h, gh_header_type(hdr));
    edge_reporter r = {{visit_plain, visit_named}, fn, data, 0};
    /* fn (and a trace function) run while obj is being read: held busy,
     * the heap refuses an allocation or collection there, which would
     * move obj under the walk */
    bool busy = gh_busy_begin(h);
    switch (ty->layout) {
    case GH_LAYOUT_LEAF:
        break;
    case GH_LAYOUT_SLOTS:
    case GH_LAYOUT_EPHEMERON:
        if (ty->info.edges)
            ty->info.edges(obj, &r.tracer);
        else
            layout_edges(ty, obj, gh_header_total(hdr) - GH_HEADER_SIZE, &r);
        break;
    case GH_LAYOUT_TRACE:
        ty->info.trace(obj, &r.tracer);
        break;
    }
    gh_busy_end(h, busy);
}

gh_node_kind gh_object_node_kind(gh_heap *h, const void *obj)
{
    if (!h || !obj || gh_refuse_foreign(h, obj, "gh_object_node_kind"))
        return GH_NODE_HIDDEN;
    return gh_type_get(h, gh_header_type(gh_header(obj)))->info.node_kind;
}

const char *gh_object_name(gh_heap *h, const void *obj, char *buf, size_t size)
{
    if (!h || !obj || gh_refuse_foreign(h, obj, "gh_object_name"))
        return "";
    const gh_type_info *info = &gh_type_get(h, gh_header_type(gh_header(obj)))->info;
    if (info->node_name && buf && size) {
        bool busy = gh_busy_begin(h); /* as for gh_object_edges' fn */
        const char *name = info->node_name(obj, buf, size);
        gh_busy_end(h, busy);
        if (name)
            return name;
    }
    return info->name;
}
