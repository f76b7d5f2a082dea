/*
 * handles.c -- the roots the embedder holds: local handles in handle scopes,
 * global handles, and root-visitor callbacks.
 *
 * Local handles are slots in blocks of GH_HANDLE_BLOCK_SLOTS words, filled
 * in order (V8's HandleScope design).  A scope remembers where the fill
 * point was when it opened; closing it moves the point back, releasing all
 * handles made since.  So handles cost a store and an increment, and the
 * collector finds all of them by walking the blocks up to the fill point.
 */
#include <stdlib.h>

#include "heap_internal.h"

#define GH_SPARE_HANDLE_BLOCKS 4

bool gh_roots_init(gh_heap *h)
{
    h->fast.handle_next = h->fast.handle_limit = NULL;
    return true;
}

void gh_roots_release(gh_heap *h)
{
    gh_roots *r = &h->roots;
    for (size_t i = 0; i < r->block_alloc; i++)
        free(r->blocks[i]);
    free(r->blocks);
    while (r->global_blocks) {
        gh_global_block *b = r->global_blocks;
        r->global_blocks = b->next;
        free(b);
    }
    free(r->visitors);
    memset(r, 0, sizeof *r);
}

/* ---- local handles ------------------------------------------------------ */

static bool push_block(gh_heap *h)
{
    gh_roots *r = &h->roots;
    if (r->block_count == r->block_alloc) {
        if (r->block_alloc == r->block_cap) {
            size_t cap = r->block_cap ? r->block_cap * 2 : 8;
            void ***blocks = realloc(r->blocks, cap * sizeof *blocks);
            if (!blocks)
                return false;
            r->blocks = blocks;
            r->block_cap = cap;
        }
        void **block = malloc(GH_HANDLE_BLOCK_SLOTS * sizeof *block);
        if (!block)
            return false;
        r->blocks[r->block_alloc++] = block;
    }
    void **block = r->blocks[r->block_count++];
    h->fast.handle_next = block;
    h->fast.handle_limit = block + GH_HANDLE_BLOCK_SLOTS;
    return true;
}

gh_handle gh__handle_new_slow(gh_heap *h, void *obj)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_handle_new: heap is NULL");
        return NULL;
    }
    if (h->fast.handle_next == h->fast.handle_limit && !push_block(h)) {
        gh_set_error(GH_ERR_OS, "gh_handle_new: out of memory for a handle block");
        return NULL;
    }
    *h->fast.handle_next = obj;
    return h->fast.handle_next++;
}

static void open_scope(gh_heap *h, gh_handle_scope *s)
{
    s->heap = h;
    s->prev = h->roots.current_scope;
    s->saved_next = h->fast.handle_next;
    s->saved_limit = h->fast.handle_limit;
    s->saved_blocks = h->roots.block_count;
    s->escape_slot = NULL;
    h->roots.current_scope = s;
}

void gh_scope_open(gh_heap *h, gh_handle_scope *s)
{
    if (!s)
        return;
    if (!h) {
        s->heap = NULL;
        gh_set_error(GH_ERR_NULL_HEAP, "gh_scope_open: heap is NULL");
        return;
    }
    open_scope(h, s);
}

void gh_scope_open_escapable(gh_heap *h, gh_handle_scope *s)
{
    if (!s)
        return;
    gh_handle reserved = h ? gh_handle_new(h, NULL) : NULL;
    if (!reserved) {
        s->heap = NULL;
        if (h)
            return; /* error already recorded */
        gh_set_error(GH_ERR_NULL_HEAP, "gh_scope_open_escapable: heap is NULL");
        return;
    }
    open_scope(h, s);
    s->escape_slot = reserved;
}

gh_handle gh_scope_escape(gh_handle_scope *s, gh_handle handle)
{
    if (!s || !s->heap || !handle) {
        gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_scope_escape: NULL scope or handle");
        return NULL;
    }
    if (!s->escape_slot) {
        gh_misuse("gh_scope_escape: scope %p is not escapable or already escaped a handle",
                  (void *)s);
        return NULL;
    }
    gh_handle out = s->escape_slot;
    *out = *handle;
    s->escape_slot = NULL;
    return out;
}

/* Debug builds and the zap stress mode overwrite released handles, so a
 * use after the scope closed reads an obviously bad pointer. */
static void zap_released(gh_heap *h, const gh_handle_scope *s)
{
    gh_roots *r = &h->roots;
    for (size_t b = s->saved_blocks ? s->saved_blocks - 1 : 0; b < r->block_count; b++) {
        void **start = r->blocks[b], **end = start + GH_HANDLE_BLOCK_SLOTS;
        if (b + 1 == s->saved_blocks)
            start = s->saved_next;
        if (b + 1 == r->block_count)
            end = h->fast.handle_next;
        for (void **p = start; p < end; p++)
            *p = GH_HANDLE_ZAP;
    }
}

gh_error gh_scope_close(gh_handle_scope *s)
{
    if (!s || !s->heap)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_scope_close: scope was never opened");
    gh_heap *h = s->heap;
    if (h->roots.current_scope != s)
        return gh_misuse("gh_scope_close: scope %p closed while an inner scope (%p) is still open",
                         (void *)s, (void *)h->roots.current_scope);
#ifndef GH_DEBUG
    if (h->config.stress & GH_STRESS_ZAP)
#endif
        zap_released(h, s);
    h->fast.handle_next = s->saved_next;
    h->fast.handle_limit = s->saved_limit;
    h->roots.block_count = s->saved_blocks;
    h->roots.current_scope = s->prev;
    s->heap = NULL;
    /* Keep a few spare blocks for the next scope; free the rest. */
    gh_roots *r = &h->roots;
    while (r->block_alloc > r->block_count + GH_SPARE_HANDLE_BLOCKS)
        free(r->blocks[--r->block_alloc]);
    return GH_OK;
}

/* ---- global handles ----------------------------------------------------- */

gh_global *gh_global_new(gh_heap *h, void *obj)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_global_new: heap is NULL");
        return NULL;
    }
    gh_roots *r = &h->roots;
    if (!r->global_free) {
        gh_global_block *b = calloc(1, sizeof *b);
        if (!b) {
            gh_set_error(GH_ERR_OS, "gh_global_new: out of memory");
            return NULL;
        }
        b->next = r->global_blocks;
        r->global_blocks = b;
        for (size_t i = GH_GLOBAL_BLOCK_NODES; i-- > 0;) {
            b->nodes[i].next_free = r->global_free;
            r->global_free = &b->nodes[i];
        }
    }
    gh_global_node *n = r->global_free;
    r->global_free = n->next_free;
    n->next_free = NULL;
    n->obj = obj;
    n->in_use = 1;
    r->globals_in_use++;
    return (gh_global *)n;
}

void gh_global_set(gh_global *g, void *obj)
{
    if (g)
        ((gh_global_node *)g)->obj = obj;
}

void gh_global_free(gh_heap *h, gh_global *g)
{
    if (!h || !g)
        return;
    gh_global_node *n = (gh_global_node *)g;
    if (!n->in_use) {
        gh_misuse("gh_global_free: global handle %p freed twice", (void *)g);
        return;
    }
    n->in_use = 0;
    n->obj = NULL;
    n->next_free = h->roots.global_free;
    h->roots.global_free = n;
    h->roots.globals_in_use--;
}

/* ---- root visitors ------------------------------------------------------ */

gh_error gh_root_visitor_add(gh_heap *h, gh_root_visitor fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_root_visitor_add: heap is NULL");
    if (!fn)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_root_visitor_add: NULL function");
    gh_roots *r = &h->roots;
    if (r->visitor_count == r->visitor_cap) {
        size_t cap = r->visitor_cap ? r->visitor_cap * 2 : 4;
        gh_root_visitor_entry *v = realloc(r->visitors, cap * sizeof *v);
        if (!v)
            return gh_set_error(GH_ERR_OS, "gh_root_visitor_add: out of memory");
        r->visitors = v;
        r->visitor_cap = cap;
    }
    r->visitors[r->visitor_count++] = (gh_root_visitor_entry){fn, data};
    return GH_OK;
}

gh_error gh_root_visitor_remove(gh_heap *h, gh_root_visitor fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_root_visitor_remove: heap is NULL");
    gh_roots *r = &h->roots;
    for (size_t i = 0; i < r->visitor_count; i++) {
        if (r->visitors[i].fn == fn && r->visitors[i].data == data) {
            r->visitors[i] = r->visitors[--r->visitor_count];
            return GH_OK;
        }
    }
    return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_root_visitor_remove: no such visitor");
}

/* ---- visiting all roots ------------------------------------------------- */

void gh_roots_visit(gh_heap *h, gh_tracer *t)
{
    gh_roots *r = &h->roots;
    for (size_t b = 0; b < r->block_count; b++) {
        void **start = r->blocks[b];
        void **end = b + 1 == r->block_count ? h->fast.handle_next : start + GH_HANDLE_BLOCK_SLOTS;
        if (end > start)
            t->visit(t, start, (size_t)(end - start));
    }
    for (gh_global_block *gb = r->global_blocks; gb; gb = gb->next)
        for (size_t i = 0; i < GH_GLOBAL_BLOCK_NODES; i++)
            if (gb->nodes[i].in_use)
                t->visit(t, &gb->nodes[i].obj, 1);
    for (size_t i = 0; i < r->visitor_count; i++)
        r->visitors[i].fn(t, r->visitors[i].data);
}
