/*
 * heapdiff.c -- memwatch's HeapDiff: the heap at two points in time,
 * compared object by object.
 *
 * memwatch takes two V8 heap snapshots and compares the sets of node ids:
 * an id only in the first was freed, one only in the second allocated.
 * Object ids are stable across moving collections (gh_object_id), so the
 * same works here without writing snapshots: each end records (id,
 * category, self size) for every live object after a full GC, the two
 * lists are sorted by id and merged.
 *
 * Categories follow memwatch's heapdiff.cc: the node name for objects
 * (their constructor), "Array", "String", "Code", "Closure", "RegExp",
 * "Number", "Native" for those kinds; other kinds are counted in the
 * totals but in no category.  Hidden objects -- the kind of every type
 * that does not choose one -- count under their name unless
 * GH_HEAPDIFF_SKIP_HIDDEN asks for memwatch's rule.  Details are sorted in
 * byte order (memwatch's std::map).
 */
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"

#define NO_CATEGORY UINT32_MAX

typedef struct hd_record {
    uint64_t id;
    uint64_t size;
    uint32_t category; /* index into the diff's names, or NO_CATEGORY */
} hd_record;

typedef struct hd_side {
    hd_record *records;
    size_t count, cap;
    gh_heapdiff_summary sum;
} hd_side;

struct gh_heapdiff {
    gh_heap *heap;
    unsigned flags;
    gh_strtab names; /* categories */
    hd_side before;
    bool oom;
    char buf[1024];
};

typedef struct recorder {
    gh_heapdiff *hd;
    hd_side *side;
} recorder;

static const char *category_of(gh_heapdiff *hd, void *obj)
{
    switch (gh_object_node_kind(hd->heap, obj)) {
    case GH_NODE_HIDDEN:
        if (hd->flags & GH_HEAPDIFF_SKIP_HIDDEN)
            return NULL;
        return gh_object_name(hd->heap, obj, hd->buf, sizeof hd->buf);
    case GH_NODE_OBJECT:
        return gh_object_name(hd->heap, obj, hd->buf, sizeof hd->buf);
    case GH_NODE_ARRAY:
        return "Array";
    case GH_NODE_STRING:
    case GH_NODE_CONCATENATED_STRING:
    case GH_NODE_SLICED_STRING:
        return "String";
    case GH_NODE_CODE:
        return "Code";
    case GH_NODE_CLOSURE:
        return "Closure";
    case GH_NODE_REGEXP:
        return "RegExp";
    case GH_NODE_NUMBER:
        return "Number";
    case GH_NODE_NATIVE:
        return "Native";
    default:
        return NULL; /* synthetic, symbol, bigint, object shape */
    }
}

static bool record(void *obj, void *data)
{
    recorder *r = data;
    hd_side *side = r->side;
    if (side->count == side->cap) {
        size_t cap = side->cap ? side->cap * 2 : 4096;
        hd_record *p = realloc(side->records, cap * sizeof *p);
        if (!p) {
            r->hd->oom = true;
            return false;
        }
        side->records = p;
        side->cap = cap;
    }
    const char *what = category_of(r->hd, obj);
    uint32_t category = NO_CATEGORY;
    if (what) {
        size_t i = gh_strtab_intern(&r->hd->names, what, strlen(what));
        if (i == SIZE_MAX) {
            r->hd->oom = true;
            return false;
        }
        category = (uint32_t)i;
    }
    uint64_t size = gh_size_of(obj) + 8; /* the header word too, as snapshots count */
    side->records[side->count++] = (hd_record){gh_object_id(r->hd->heap, obj), size, category};
    side->sum.nodes++;
    side->sum.size_bytes += size;
    return true;
}

static int by_id(const void *a, const void *b)
{
    uint64_t x = ((const hd_record *)a)->id, y = ((const hd_record *)b)->id;
    return x < y ? -1 : x > y;
}

static gh_error take(gh_heapdiff *hd, hd_side *side, const char *what)
{
    recorder r = {hd, side};
    gh_error err = gh_heap_iterate(hd->heap, record, &r);
    if (err != GH_OK)
        return gh_diag_fail_lib(err, what);
    if (hd->oom)
        return gh_diag_fail(GH_ERR_OS, "%s: out of memory", what);
    if (side->count)
        qsort(side->records, side->count, sizeof *side->records, by_id);
    return GH_OK;
}

gh_heapdiff *gh_heapdiff_begin_flags(gh_heap *heap, unsigned flags)
{
    if (!heap) {
        gh_diag_fail(GH_ERR_NULL_HEAP, "gh_heapdiff_begin: heap is NULL");
        return NULL;
    }
    if (flags & ~(unsigned)GH_HEAPDIFF_SKIP_HIDDEN) {
        gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_heapdiff_begin: unknown flags 0x%x", flags);
        return NULL;
    }
    gh_heapdiff *hd = calloc(1, sizeof *hd);
    if (!hd) {
        gh_diag_fail(GH_ERR_OS, "gh_heapdiff_begin: out of memory");
        return NULL;
    }
    hd->heap = heap;
    hd->flags = flags;
    gh_strtab_init(&hd->names);
    if (take(hd, &hd->before, "gh_heapdiff_begin") != GH_OK) {
        gh_heapdiff_cancel(hd);
        return NULL;
    }
    return hd;
}

gh_heapdiff *gh_heapdiff_begin(gh_heap *heap)
{
    return gh_heapdiff_begin_flags(heap, 0);
}

void gh_heapdiff_cancel(gh_heapdiff *hd)
{
    if (!hd)
        return;
    free(hd->before.records);
    gh_strtab_free(&hd->names);
    free(hd);
}

void gh_heapdiff_result_free(gh_heapdiff_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->detail_count; i++)
        free(result->details[i].what);
    free(result->details);
    free(result);
}

typedef struct tally {
    int64_t size;
    uint64_t plus, minus;
} tally;

static void count(tally *t, const hd_record *r, bool allocated)
{
    if (r->category == NO_CATEGORY)
        return;
    tally *c = &t[r->category];
    if (allocated) {
        c->size += (int64_t)r->size;
        c->plus++;
    } else {
        c->size -= (int64_t)r->size;
        c->minus++;
    }
}

/* Walk both id-sorted lists: ids on one side only were freed / allocated. */
static void merge(const hd_side *a, const hd_side *b, tally *t, gh_heapdiff_result *res)
{
    size_t i = 0, j = 0;
    while (i < a->count || j < b->count) {
        if (j == b->count || (i < a->count && a->records[i].id < b->records[j].id)) {
            count(t, &a->records[i++], false);
            res->freed_nodes++;
        } else if (i == a->count || b->records[j].id < a->records[i].id) {
            count(t, &b->records[j++], true);
            res->allocated_nodes++;
        } else {
            i++;
            j++;
        }
    }
}

static int by_what(const void *a, const void *b)
{
    return strcmp(((const gh_heapdiff_detail *)a)->what, ((const gh_heapdiff_detail *)b)->what);
}

static gh_heapdiff_result *compare(gh_heapdiff *hd, const hd_side *after)
{
    size_t ncat = hd->names.count;
    gh_heapdiff_result *res = calloc(1, sizeof *res);
    tally *t = calloc(ncat ? ncat : 1, sizeof *t);
    gh_heapdiff_detail *details = calloc(ncat ? ncat : 1, sizeof *details);
    if (!res || !t || !details) {
        free(res);
        free(details);
        res = NULL;
        goto oom;
    }
    res->details = details;
    res->before = hd->before.sum;
    res->after = after->sum;
    res->size_bytes = (int64_t)after->sum.size_bytes - (int64_t)hd->before.sum.size_bytes;
    merge(&hd->before, after, t, res);
    for (size_t c = 0; c < ncat; c++) {
        if (!t[c].plus && !t[c].minus)
            continue;
        gh_heapdiff_detail *d = &details[res->detail_count];
        d->what = strdup(gh_strtab_get(&hd->names, c));
        if (!d->what)
            goto oom;
        d->size_bytes = t[c].size;
        d->plus = t[c].plus;
        d->minus = t[c].minus;
        res->detail_count++;
    }
    qsort(details, res->detail_count, sizeof *details, by_what);
    free(t);
    return res;
oom:
    gh_heapdiff_result_free(res);
    free(t);
    gh_diag_fail(GH_ERR_OS, "gh_heapdiff_end: out of memory");
    return NULL;
}

gh_heapdiff_result *gh_heapdiff_end(gh_heapdiff *hd)
{
    if (!hd) {
        gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_heapdiff_end: NULL diff");
        return NULL;
    }
    hd_side after = {0};
    gh_heapdiff_result *res = NULL;
    if (take(hd, &after, "gh_heapdiff_end") == GH_OK)
        res = compare(hd, &after);
    free(after.records);
    gh_heapdiff_cancel(hd);
    return res;
}
