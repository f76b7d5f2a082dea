/*
 * vec.h -- a growable array of pointers, used for worklists and lists of
 * objects the collector must revisit (finalizable objects, promoted
 * objects).  Growth failure inside a collection is fatal: a collector that
 * cannot finish would leave the heap half-moved.
 */
#ifndef GH_VEC_H
#define GH_VEC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct gh_vec {
    void **items;
    size_t len, cap;
} gh_vec;

bool gh_vec_grow(gh_vec *v, size_t min_cap);
void gh_vec_free(gh_vec *v);
/* Abort with message (used when the collector itself runs out of memory). */
_Noreturn void gh_fatal(const char *message);

static inline bool gh_vec_push(gh_vec *v, void *item)
{
    if (v->len == v->cap && !gh_vec_grow(v, v->len + 1))
        return false;
    v->items[v->len++] = item;
    return true;
}

/* Push during a collection, where failure cannot be recovered from. */
static inline void gh_vec_push_gc(gh_vec *v, void *item)
{
    if (!gh_vec_push(v, item))
        gh_fatal("genheap: out of memory growing a collector worklist");
}

static inline void *gh_vec_pop(gh_vec *v) { return v->len ? v->items[--v->len] : NULL; }

#endif
