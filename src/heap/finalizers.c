/*
 * finalizers.c -- running the finalizers of dead objects.
 *
 * Objects whose type has a finalizer are listed at allocation (their type
 * ids send them down the slow allocation path), young and old apart, so a
 * scavenge looks only at the young list and never at dead memory in bulk.
 * A finalizer runs while the dead object's bytes are still intact.
 */
#include "heap_internal.h"

static void finalize(gh_heap *h, void *obj)
{
    const gh_type *ty = gh_type_get(h, gh_header_type(gh_header(obj)));
    h->finalizing = true;
    ty->info.finalize(obj, ty->info.finalize_data);
    h->finalizing = false;
}

bool gh_finalizable_add(gh_heap *h, void *obj)
{
    gh_vec *list = gh_in_from_space(h, obj) ? &h->young_finalizable
                                                              : &h->old_finalizable;
    return gh_vec_push(list, obj);
}

void gh_finalizers_after_scavenge(gh_heap *h)
{
    gh_vec *young = &h->young_finalizable;
    size_t kept = 0;
    for (size_t i = 0; i < young->len; i++) {
        char *obj = young->items[i];
        uint64_t hdr = gh_header(obj);
        if (!gh_header_is_forwarded(hdr)) {
            finalize(h, obj);
            continue;
        }
        char *moved = gh_header_forwardee(hdr);
        if (gh_in_to_space(h, moved))
            young->items[kept++] = moved;
        else
            gh_vec_push_gc(&h->old_finalizable, moved);
    }
    young->len = kept;
}

/* Finalize the unmarked objects of a list, keeping the marked ones. */
static void finalize_unmarked(gh_heap *h, gh_vec *list)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->len; i++) {
        char *obj = list->items[i];
        if (gh_is_marked(obj))
            list->items[kept++] = obj;
        else
            finalize(h, obj);
    }
    list->len = kept;
}

void gh_finalizers_after_marking(gh_heap *h)
{
    finalize_unmarked(h, &h->young_finalizable);
    finalize_unmarked(h, &h->old_finalizable);
}

void gh_finalizers_after_evacuation(gh_heap *h)
{
    gh_vec *young = &h->young_finalizable;
    for (size_t i = 0; i < young->len; i++)
        gh_vec_push_gc(&h->old_finalizable, gh_header_forwardee(gh_header(young->items[i])));
    young->len = 0;
}

void gh_finalizers_run_all(gh_heap *h)
{
    bool busy = gh_busy_begin(h); /* finalizers must not allocate */
    for (size_t i = 0; i < h->young_finalizable.len; i++)
        finalize(h, h->young_finalizable.items[i]);
    for (size_t i = 0; i < h->old_finalizable.len; i++)
        finalize(h, h->old_finalizable.items[i]);
    h->young_finalizable.len = h->old_finalizable.len = 0;
    gh_busy_end(h, busy);
}
