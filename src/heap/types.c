/*
 * types.c -- the registry of object types.
 *
 * Ids are dense in two ranges: plain types count up from 1 (id 0 is the
 * collector's own free-space/filler type), types with finalizers count up
 * from GH_SLOW_TYPE_BASE.  The split lets the inline allocator accept plain
 * types and reject everything else with one compare.
 */
#include <stdlib.h>
#include <string.h>

#include "heap_internal.h"

static bool reserve(gh_type **arr, uint32_t *cap, uint32_t need)
{
    if (need <= *cap)
        return true;
    uint32_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    gh_type *a = realloc(*arr, n * sizeof *a);
    if (!a)
        return false;
    memset(a + *cap, 0, (n - *cap) * sizeof *a);
    *arr = a;
    *cap = n;
    return true;
}

/* The per-type generation table (0 young, 1 old) that the inline
 * allocator reads follows the fast types' capacity. */
static bool reserve_generations(gh_heap *h)
{
    uint8_t *g = realloc(h->generation, h->types_fast_cap);
    if (!g)
        return false;
    h->generation = g;
    h->fast.generation = g;
    uint8_t *w = realloc(h->was_pretenured, h->types_fast_cap);
    if (!w)
        return false;
    h->was_pretenured = w;
    if (h->types_fast_cap > h->generation_cap) {
        memset(g + h->generation_cap, 0, h->types_fast_cap - h->generation_cap);
        memset(w + h->generation_cap, 0, h->types_fast_cap - h->generation_cap);
    }
    h->generation_cap = h->types_fast_cap;
    return true;
}

bool gh_types_init(gh_heap *h)
{
    if (!reserve(&h->types_fast, &h->types_fast_cap, 1) || !reserve_generations(h))
        return false;
    gh_type *free_type = &h->types_fast[0];
    free_type->info.name = "(free space)";
    free_type->layout = GH_LAYOUT_LEAF;
    free_type->registered = false; /* never valid for allocation */
    h->fast.fast_type_count = 0;
    return true;
}

void gh_types_free(gh_heap *h)
{
    for (uint32_t i = 1; i <= h->fast.fast_type_count; i++)
        free((char *)h->types_fast[i].info.name);
    for (uint32_t i = 0; i < h->types_slow_count; i++)
        free((char *)h->types_slow[i].info.name);
    free(h->types_fast);
    free(h->types_slow);
    free(h->generation);
    free(h->was_pretenured);
    h->types_fast = h->types_slow = NULL;
    h->generation = h->was_pretenured = NULL;
    h->fast.generation = NULL;
}

bool gh_type_valid(const gh_heap *h, gh_type_id id)
{
    if (id >= 1 && id <= h->fast.fast_type_count)
        return true;
    return id >= GH_SLOW_TYPE_BASE && id - GH_SLOW_TYPE_BASE < h->types_slow_count;
}

static gh_error check_info(const gh_type_info *info)
{
    if (!info)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_type_register: NULL type info");
    const char *name = info->name ? info->name : "(anonymous)";
    if (info->slots_offset % 8)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "type %s: slots_offset %zu is not a multiple of 8", name,
                            info->slots_offset);
    if ((info->flags & GH_TYPE_LEAF) && info->trace)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "type %s: a leaf type cannot have a trace function", name);
    if (info->flags & ~(unsigned)(GH_TYPE_LEAF | GH_TYPE_EPHEMERON))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "type %s: unknown flags 0x%x", name,
                            info->flags);
    if ((info->flags & GH_TYPE_EPHEMERON) && (info->trace || (info->flags & GH_TYPE_LEAF)))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "type %s: a weak table has pairs of slots, not a trace function", name);
    /* edges names a layout's slots; a trace function names its own, a leaf
     * and a weak table have their own edge rules */
    if (info->edges && (info->trace || (info->flags & (GH_TYPE_LEAF | GH_TYPE_EPHEMERON))))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "type %s: edges is only for slot-layout types (no trace function, "
                            "not a leaf or weak table)",
                            name);
    if (info->node_kind > GH_NODE_OBJECT_SHAPE)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "type %s: unknown node kind %d", name,
                            (int)info->node_kind);
    if (info->size > GH_MAX_OBJECT_SIZE)
        return gh_set_error(GH_ERR_TOO_LARGE, "type %s: size %zu is too large", name, info->size);
    return GH_OK;
}

gh_type_id gh_type_register(gh_heap *h, const gh_type_info *info)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_type_register: heap is NULL");
        return 0;
    }
    /* inside a collection (a root visitor, a finalizer) the type tables
     * are being read, by helper threads too: growing them would move them */
    if (h->in_gc) {
        gh_set_error(GH_ERR_IN_GC, "gh_type_register: called during a collection");
        return 0;
    }
    if (check_info(info))
        return 0;
    bool slow = info->finalize != NULL;
    uint32_t index = slow ? h->types_slow_count : h->fast.fast_type_count + 1;
    gh_type_id id = slow ? GH_SLOW_TYPE_BASE + index : index;
    if ((!slow && id >= GH_SLOW_TYPE_BASE) || id > GH_MAX_TYPE_ID) {
        gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_type_register: too many types");
        return 0;
    }
    bool ok = slow ? reserve(&h->types_slow, &h->types_slow_cap, index + 1)
                   : reserve(&h->types_fast, &h->types_fast_cap, index + 1) &&
                         reserve_generations(h);
    char *name = strdup(info->name ? info->name : "(anonymous)");
    if (!ok || !name) {
        free(name);
        gh_set_error(GH_ERR_OS, "gh_type_register: out of memory");
        return 0;
    }
    gh_type *t = slow ? &h->types_slow[index] : &h->types_fast[index];
    t->info = *info;
    t->info.name = name;
    t->layout = (info->flags & GH_TYPE_LEAF)        ? GH_LAYOUT_LEAF
                : (info->flags & GH_TYPE_EPHEMERON) ? GH_LAYOUT_EPHEMERON
                : info->trace                       ? GH_LAYOUT_TRACE
                                                    : GH_LAYOUT_SLOTS;
    t->registered = true;
    if (slow)
        h->types_slow_count++;
    else
        h->fast.fast_type_count++;
    return id;
}


const char *gh_type_name(gh_heap *h, gh_type_id type)
{
    if (!h || (type != 0 && !gh_type_valid(h, type)))
        return NULL;
    return gh_type_get(h, type)->info.name;
}
