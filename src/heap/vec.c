/* vec.c -- growth of gh_vec. */
#include "vec.h"

#include <stdlib.h>

bool gh_vec_grow(gh_vec *v, size_t min_cap)
{
    size_t cap = v->cap ? v->cap : 64;
    while (cap < min_cap)
        cap *= 2;
    void **items = realloc(v->items, cap * sizeof *items);
    if (!items)
        return false;
    v->items = items;
    v->cap = cap;
    return true;
}

void gh_vec_free(gh_vec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}
