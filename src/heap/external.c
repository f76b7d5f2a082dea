/*
 * external.c -- memory that lives outside the heap but is owned by heap
 * objects: buffers (Node's ArrayBuffer backing stores) and whatever the
 * embedder reports with gh_external_adjust.
 *
 * A buffer is a small leaf object with a finalizer; its bytes come from
 * calloc (for big buffers, fresh zero pages mapped lazily, so an untouched
 * buffer costs no rss) and go back when a GC finds the object dead.  The
 * heap does not count these bytes against its limit -- the seed's lesson 3:
 * rss grows far past the heap limit while heapTotal stays flat -- but it
 * watches them: once external memory has grown 64 MiB past its level after
 * the last full GC, it collects, so dead buffers do not pile up unseen.
 */
#include <stdlib.h>

#include "heap_internal.h"

/* V8's external allocation soft limit. */
#define GH_EXTERNAL_GROWTH_LIMIT ((int64_t)GH_MiB(64))
/* Beyond any buffer the OS could give us. */
#define GH_MAX_BUFFER_LENGTH ((size_t)1 << 46)

/* Totals saturate at 0 and at GH_EXTERNAL_MAX: an embedder's absurd delta
 * must not overflow them (signed overflow is undefined). */
#define GH_EXTERNAL_MAX (INT64_MAX / 2)

static void account(gh_heap *h, int64_t delta, bool array_buffer)
{
    /* nor can the embedder release bytes it never reported: its own
     * adjustments stop at what the live buffers hold */
    int64_t floor = array_buffer ? 0 : (int64_t)h->external.array_buffers;
    if (delta > GH_EXTERNAL_MAX - h->external.bytes)
        h->external.bytes = GH_EXTERNAL_MAX;
    else if (delta < floor - h->external.bytes)
        h->external.bytes = floor;
    else
        h->external.bytes += delta;
    if (array_buffer)
        h->external.array_buffers = (size_t)((int64_t)h->external.array_buffers + delta);
}

static void finalize_buffer(void *obj, void *data)
{
    gh_buffer *b = obj;
    free(b->data);
    account(data, -(int64_t)b->length, true);
}

bool gh_external_init(gh_heap *h)
{
    gh_type_info info = {.name = "ArrayBuffer",
                         .size = sizeof(gh_buffer),
                         .flags = GH_TYPE_LEAF,
                         .finalize = finalize_buffer,
                         .finalize_data = h};
    h->external.buffer_type = gh_type_register(h, &info);
    h->external.limit = GH_EXTERNAL_GROWTH_LIMIT;
    return h->external.buffer_type != 0;
}

void gh_external_after_full_gc(gh_heap *h)
{
    h->external.limit = h->external.bytes + GH_EXTERNAL_GROWTH_LIMIT;
}

static void check_pressure(gh_heap *h)
{
    if (h->external.bytes > h->external.limit && !h->in_gc)
        gh_collect_garbage(h, true, GH_REASON_EXTERNAL_MEMORY_PRESSURE, "GC in old space requested");
}

gh_type_id gh_buffer_type(gh_heap *h) { return h ? h->external.buffer_type : 0; }

gh_buffer *gh_buffer_new(gh_heap *h, size_t length)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_buffer_new: heap is NULL");
        return NULL;
    }
    if (h->in_gc) {
        gh_set_error(GH_ERR_IN_GC, "gh_buffer_new: called during a collection");
        return NULL;
    }
    if (length > GH_MAX_BUFFER_LENGTH) {
        gh_set_error(GH_ERR_TOO_LARGE, "gh_buffer_new: %zu bytes is beyond any buffer", length);
        return NULL;
    }
    unsigned char *data = NULL;
    if (length) {
        data = calloc(length, 1);
        if (!data) { /* dead buffers may be holding the memory */
            gh_collect_garbage(h, true, GH_REASON_EXTERNAL_MEMORY_PRESSURE,
                               "GC in old space requested");
            data = calloc(length, 1);
        }
        if (!data) {
            gh_set_error(GH_ERR_OS, "gh_buffer_new: the OS refused %zu bytes", length);
            return NULL;
        }
    }
    account(h, (int64_t)length, true);
    check_pressure(h);
    gh_buffer *b = gh_alloc(h, h->external.buffer_type, sizeof(gh_buffer));
    if (!b) {
        account(h, -(int64_t)length, true);
        free(data);
        return NULL;
    }
    b->data = data;
    b->length = length;
    return b;
}

int64_t gh_external_adjust(gh_heap *h, int64_t delta)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_external_adjust: heap is NULL");
        return 0;
    }
    account(h, delta, false);
    check_pressure(h);
    return h->external.bytes;
}
