/*
 * handles.c -- the roots the embedder holds: local handles in handle scopes,
 * global handles, and root-visitor callbacks.
 *
 * Local handles are slots in blocks of GH_HANDLE_BLOCK_SLOTS words, filled
 * in order (V8's HandleScope design).  A scope remembers where the fill
 * point was when it opened; closing it moves the point back, releasing all
 * handles made since.  So handles cost a store and an increment, and the
 * collector finds all of them by walking the blocks up to the fill point.
 *
 * Global handles live in blocks of nodes.  A full GC walks every node; a
 * scavenge walks only roots.young_globals, the nodes that may hold a young
 * object (V8's young nodes): a node is listed when it is made or set to a
 * young object, and the list is pruned after each scavenge to the nodes
 * whose object is still young.  So an embedder with a million globals on
 * old objects (ghjs holds one per prototype) does not pay for them in
 * every scavenge.  A node stays listed while freed, so that reusing it
 * never lists it twice.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "heap_internal.h"

#define GH_SPARE_HANDLE_BLOCKS 4

/* Every heap's global-handle blocks, by address.  The calls that take a
 * global but no heap (gh_global_set, the weak-handle calls) find its heap
 * in the block, by masking the address; for an address that is no global
 * (a stale or made-up pointer) that block may not be mapped, so they ask
 * here first.  Process-wide, as they have no heap to ask: heaps on other
 * threads add and remove blocks, hence the lock.  Blocks come and go
 * rarely (255 globals each, freed with their heap). */
static gh_address_set global_registry;
static pthread_mutex_t global_registry_lock = PTHREAD_MUTEX_INITIALIZER;

static bool registry_add(const gh_global_block *b)
{
    pthread_mutex_lock(&global_registry_lock);
    bool ok = gh_address_set_add(&global_registry, b);
    pthread_mutex_unlock(&global_registry_lock);
    return ok;
}

static void registry_remove(const gh_global_block *b)
{
    pthread_mutex_lock(&global_registry_lock);
    gh_address_set_remove(&global_registry, b);
    if (global_registry.count == 0)
        gh_address_set_free(&global_registry); /* no heap left holds globals */
    pthread_mutex_unlock(&global_registry_lock);
}

/* Whether n is a node of some heap's global block (in use or free). */
static bool is_global_node(const gh_global_node *n)
{
    const gh_global_block *b = gh_global_block_of(n);
    pthread_mutex_lock(&global_registry_lock);
    bool known = gh_address_set_has(&global_registry, b);
    pthread_mutex_unlock(&global_registry_lock);
    /* addresses only, as b may not be mapped; wraps if n lies below the nodes */
    uintptr_t offset = (uintptr_t)n - ((uintptr_t)b + offsetof(gh_global_block, nodes));
    return known && offset < sizeof b->nodes && offset % sizeof b->nodes[0] == 0;
}

static gh_heap *node_heap(const gh_global_node *n) { return gh_global_block_of(n)->heap; }

/* The node of global g, or NULL (error set, naming fn) if g is no global
 * handle or was freed. */
static gh_global_node *live_global(const gh_global *g, const char *fn)
{
    gh_global_node *n = (gh_global_node *)g;
    if (!n || !is_global_node(n)) {
        gh_set_error(GH_ERR_INVALID_ARGUMENT, "%s: %p is not a global handle", fn, (const void *)g);
        return NULL;
    }
    if (!n->in_use) {
        gh_misuse("%s: global handle %p was freed", fn, (const void *)g);
        return NULL;
    }
    return n;
}

static bool push_block(gh_heap *h);

/* The first handle block exists from the start: a scope opened at the top
 * level then saves a real block, and closing it stays on the inline path
 * (with no block, every top-level scope's first handle and its close
 * would take the slow paths). */
bool gh_roots_init(gh_heap *h)
{
    h->fast.handle_next = h->fast.handle_limit = NULL;
    return push_block(h);
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
        registry_remove(b);
        free(b);
    }
    free(r->visitors);
    gh_vec_free(&r->young_globals);
    gh_vec_free(&r->dead_weak);
    memset(r, 0, sizeof *r);
}

/* ---- local handles ------------------------------------------------------ */

static bool push_block(gh_heap *h)
{
    gh_roots *r = &h->roots;
    if (h->fast.handle_blocks == r->block_alloc) {
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
    void **block = r->blocks[h->fast.handle_blocks++];
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
    s->prev = h->fast.current_scope;
    s->saved_next = h->fast.handle_next;
    s->saved_limit = h->fast.handle_limit;
    s->saved_blocks = h->fast.handle_blocks;
    s->escape_slot = NULL;
    h->fast.current_scope = s;
}

/* In checking builds (scope_checks): whether s is one of the innermost
 * open scopes, reported as misuse.  Re-opening it would make the chain a
 * cycle; the walk is capped so that checking builds stay linear in deep
 * recursion. */
static bool reopened(const gh_heap *h, const gh_handle_scope *s, const char *fn)
{
    if (!h->fast.scope_checks)
        return false;
    const gh_handle_scope *open = h->fast.current_scope;
    for (int i = 0; open && i < 64; i++, open = open->prev)
        if (open == s) {
            gh_misuse("%s: scope %p is already open", fn, (const void *)s);
            return true;
        }
    return false;
}

void gh__scope_open_slow(gh_heap *h, gh_handle_scope *s)
{
    if (!s)
        return;
    if (!h) {
        s->heap = NULL;
        gh_set_error(GH_ERR_NULL_HEAP, "gh_scope_open: heap is NULL");
        return;
    }
    if (!reopened(h, s, "gh_scope_open"))
        open_scope(h, s);
}

void gh_scope_open_escapable(gh_heap *h, gh_handle_scope *s)
{
    if (!s)
        return;
    if (h && reopened(h, s, "gh_scope_open_escapable"))
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
    for (size_t b = s->saved_blocks ? s->saved_blocks - 1 : 0; b < h->fast.handle_blocks; b++) {
        void **start = r->blocks[b], **end = start + GH_HANDLE_BLOCK_SLOTS;
        if (b + 1 == s->saved_blocks)
            start = s->saved_next;
        if (b + 1 == h->fast.handle_blocks)
            end = h->fast.handle_next;
        for (void **p = start; p < end; p++)
            *p = GH_HANDLE_ZAP;
    }
}

/* Closing with zapping, across handle blocks, or misused. */
gh_error gh__scope_close_slow(gh_handle_scope *s)
{
    if (!s || !s->heap)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_scope_close: scope was never opened");
    gh_heap *h = s->heap;
    if (h->fast.current_scope != s)
        return gh_misuse("gh_scope_close: scope %p closed while an inner scope (%p) is still open",
                         (void *)s, (void *)h->fast.current_scope);
    bool zapping = true;
#ifndef GH_DEBUG
    zapping = (h->config.stress & GH_STRESS_ZAP) != 0;
#endif
    if (zapping)
        zap_released(h, s);
    h->fast.handle_next = s->saved_next;
    h->fast.handle_limit = s->saved_limit;
    h->fast.handle_blocks = s->saved_blocks;
    h->fast.current_scope = s->prev;
    s->heap = NULL;
    /* Keep a few spare blocks for the next scope; free the rest -- unless
     * they were zapped: a debug build's gh_deref of a stale handle reads
     * its slot to report the misuse, which must not be freed memory (the
     * peak number of blocks stays allocated instead). */
    gh_roots *r = &h->roots;
    while (!zapping && r->block_alloc > h->fast.handle_blocks + GH_SPARE_HANDLE_BLOCKS)
        free(r->blocks[--r->block_alloc]);
    return GH_OK;
}

/* ---- global handles ----------------------------------------------------- */

/* Root visitors run after the walk has visited the globals: a global made
 * (or set, or made strong) then would hold an object the walk never saw --
 * left in from-space by a scavenge, swept by a full GC. */
static bool visiting_roots(gh_heap *h, const char *fn)
{
    if (!h->roots.visiting)
        return false;
    gh_set_error(GH_ERR_IN_GC, "%s: called from a root visitor", fn);
    return true;
}

/* A root must not hold another heap's object: this heap's collector would
 * mark it (in the other heap's bitmap, with this heap's type table) and
 * the other heap would then sweep it while it is live.  Nor anything that
 * is no heap's object: gh_heap_contains reads no memory outside the heap. */
static bool foreign_object(gh_heap *h, void *obj, const char *fn)
{
    char *target = gh_slot_target((uint64_t)(uintptr_t)obj); /* a value, maybe */
    return target && gh_refuse_foreign(h, target, fn);
}

/* The object a global's word names, or NULL. */
static char *global_target(const void *obj) { return gh_slot_target((uint64_t)(uintptr_t)obj); }

/* List n among the globals a scavenge visits if obj is young (outside a
 * collection, in from-space); false if the list cannot grow (the caller
 * then leaves the global as it was). */
static bool list_if_young(gh_heap *h, gh_global_node *n, void *obj)
{
    char *target = global_target(obj);
    if (n->listed || !target || !gh_in_from_space(h, target))
        return true;
    if (!gh_vec_push(&h->roots.young_globals, n))
        return false;
    n->listed = 1;
    return true;
}

gh_global *gh_global_new(gh_heap *h, void *obj)
{
    if (!h) {
        gh_set_error(GH_ERR_NULL_HEAP, "gh_global_new: heap is NULL");
        return NULL;
    }
    if (visiting_roots(h, "gh_global_new") || foreign_object(h, obj, "gh_global_new"))
        return NULL;
    gh_roots *r = &h->roots;
    if (!r->global_free) {
        gh_global_block *b = aligned_alloc(GH_GLOBAL_BLOCK_ALIGN, GH_GLOBAL_BLOCK_ALIGN);
        if (!b) {
            gh_set_error(GH_ERR_OS, "gh_global_new: out of memory");
            return NULL;
        }
        if (!registry_add(b)) {
            free(b);
            gh_set_error(GH_ERR_OS, "gh_global_new: out of memory");
            return NULL;
        }
        memset(b, 0, sizeof *b);
        b->heap = h;
        b->next = r->global_blocks;
        r->global_blocks = b;
        for (size_t i = GH_GLOBAL_BLOCK_NODES; i-- > 0;) {
            b->nodes[i].next_free = r->global_free;
            r->global_free = &b->nodes[i];
        }
    }
    gh_global_node *n = r->global_free;
    if (!list_if_young(h, n, obj)) {
        gh_set_error(GH_ERR_OS, "gh_global_new: out of memory");
        return NULL;
    }
    r->global_free = n->next_free;
    n->next_free = NULL;
    n->obj = obj;
    n->in_use = 1; /* weak, callback and queued are clear: new block, or freed */
    r->globals_in_use++;
    return (gh_global *)n;
}

void gh_global_set(gh_global *g, void *obj)
{
    if (!g)
        return;
    gh_global_node *n = live_global(g, "gh_global_set");
    if (!n)
        return;
    gh_heap *h = node_heap(n);
    if (visiting_roots(h, "gh_global_set") || foreign_object(h, obj, "gh_global_set"))
        return;
    if (!list_if_young(h, n, obj)) {
        gh_set_error(GH_ERR_OS, "gh_global_set: out of memory");
        return;
    }
    n->obj = obj;
}

/* Whether n is a node of one of h's global blocks. */
static bool is_global_of(const gh_heap *h, const gh_global_node *n)
{
    return is_global_node(n) && node_heap(n) == h;
}

void gh_global_free(gh_heap *h, gh_global *g)
{
    if (!h || !g)
        return;
    gh_global_node *n = (gh_global_node *)g;
    if (!is_global_of(h, n)) {
        gh_set_error(GH_ERR_INVALID_ARGUMENT,
                     "gh_global_free: %p is not a global handle of this heap", (void *)g);
        return;
    }
    if (!n->in_use) {
        gh_misuse("gh_global_free: global handle %p freed twice", (void *)g);
        return;
    }
    if (n->weak)
        h->roots.weak_count--;
    n->in_use = 0;
    n->weak = 0;
    n->obj = NULL;
    /* a callback queued for it (its object died in the last GC) must not
     * run for whatever global reuses the node */
    n->callback = NULL;
    n->callback_data = NULL;
    n->queued = 0;
    n->next_free = h->roots.global_free;
    h->roots.global_free = n;
    h->roots.globals_in_use--;
}

/* ---- weak global handles ------------------------------------------------ */

gh_error gh_global_set_weak(gh_global *g, gh_weak_callback callback, void *data)
{
    gh_global_node *n = live_global(g, "gh_global_set_weak");
    if (!n)
        return gh_last_error();
    if (!gh_slot_target((uint64_t)(uintptr_t)n->obj))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "gh_global_set_weak: the handle holds no object");
    if (visiting_roots(node_heap(n), "gh_global_set_weak"))
        return GH_ERR_IN_GC;
    if (!n->weak)
        node_heap(n)->roots.weak_count++;
    n->weak = 1;
    n->callback = callback;
    n->callback_data = data;
    n->queued = 0; /* a callback still queued was for the previous object */
    return GH_OK;
}

gh_error gh_global_clear_weak(gh_global *g)
{
    gh_global_node *n = live_global(g, "gh_global_clear_weak");
    if (!n)
        return gh_last_error();
    if (visiting_roots(node_heap(n), "gh_global_clear_weak"))
        return GH_ERR_IN_GC;
    if (n->weak) /* counted while weak, whatever it holds (see gh_global_free) */
        node_heap(n)->roots.weak_count--;
    n->weak = 0;
    n->callback = NULL;
    n->queued = 0;
    return GH_OK;
}

bool gh_global_is_weak(const gh_global *g)
{
    const gh_global_node *n = live_global(g, "gh_global_is_weak");
    return n && n->weak;
}

/* Call fn on each weak global in use. */
static void each_weak(gh_heap *h, void (*fn)(gh_heap *h, gh_global_node *n, void *ctx), void *ctx)
{
    if (h->roots.weak_count == 0)
        return;
    for (gh_global_block *gb = h->roots.global_blocks; gb; gb = gb->next)
        for (size_t i = 0; i < GH_GLOBAL_BLOCK_NODES; i++)
            if (gb->nodes[i].in_use && gb->nodes[i].weak && gb->nodes[i].obj)
                fn(h, &gb->nodes[i], ctx);
}

static void visit_weak(gh_heap *h, gh_global_node *n, void *ctx)
{
    (void)h;
    gh_tracer *t = ctx;
    t->visit(t, &n->obj, 1);
}

void gh_weak_globals_visit(gh_heap *h, gh_tracer *t) { each_weak(h, visit_weak, t); }

/* The object died: clear the handle (no longer weak, nor counted) and
 * queue its callback. */
static void kill_weak(gh_heap *h, gh_global_node *n)
{
    n->obj = NULL;
    h->roots.weak_count--;
    n->weak = 0;
    if (n->callback && !n->queued) {
        n->queued = 1;
        gh_vec_push_gc(&h->roots.dead_weak, n);
    }
}

static void after_scavenge(gh_heap *h, gh_global_node *n)
{
    uint64_t w = (uint64_t)(uintptr_t)n->obj;
    char *target = gh_slot_target(w);
    if (!target || !gh_in_from_space(h, target))
        return;
    uint64_t hdr = gh_header(target);
    if (gh_header_is_forwarded(hdr))
        n->obj = (void *)(uintptr_t)gh_slot_retarget(w, gh_header_forwardee(hdr));
    else
        kill_weak(h, n);
}

/* After a scavenge: weak young globals follow their objects or die, and
 * the list keeps only the nodes whose object is still young (survivors are
 * in to-space until the spaces flip, as for young finalizers). */
void gh_weak_globals_after_scavenge(gh_heap *h)
{
    gh_vec *young = &h->roots.young_globals;
    size_t kept = 0;
    for (size_t i = 0; i < young->len; i++) {
        gh_global_node *n = young->items[i];
        if (n->in_use && n->weak && n->obj)
            after_scavenge(h, n);
        char *target = n->in_use ? global_target(n->obj) : NULL;
        if (target && gh_in_to_space(h, target))
            young->items[kept++] = n;
        else
            n->listed = 0;
    }
    young->len = kept;
}

bool gh_young_globals_listed(gh_heap *h)
{
    for (gh_global_block *gb = h->roots.global_blocks; gb; gb = gb->next)
        for (size_t i = 0; i < GH_GLOBAL_BLOCK_NODES; i++) {
            const gh_global_node *n = &gb->nodes[i];
            char *target = n->in_use && !n->listed ? global_target(n->obj) : NULL;
            if (target && gh_in_from_space(h, target))
                return false;
        }
    return true;
}

static void after_marking(gh_heap *h, gh_global_node *n, void *ctx)
{
    (void)ctx;
    char *target = gh_slot_target((uint64_t)(uintptr_t)n->obj);
    if (target && !gh_is_marked(target))
        kill_weak(h, n);
}

void gh_weak_globals_after_marking(gh_heap *h) { each_weak(h, after_marking, NULL); }

void gh_weak_callbacks_run(gh_heap *h)
{
    gh_roots *r = &h->roots;
    if (r->running_callbacks || r->dead_weak.len == 0)
        return;
    r->running_callbacks = true; /* a callback's own GCs queue, the loop runs them */
    for (size_t i = 0; i < r->dead_weak.len; i++) {
        gh_global_node *n = r->dead_weak.items[i];
        /* An entry whose node was freed, or made weak or strong again,
         * since it was queued is void (queued cleared): the node may now
         * stand for another global, with a live object. */
        if (!n->queued)
            continue;
        n->queued = 0;
        gh_weak_callback cb = n->callback;
        n->callback = NULL;
        if (cb && n->in_use)
            cb(h, (gh_global *)n, n->callback_data);
    }
    r->dead_weak.len = 0;
    r->running_callbacks = false;
}

/* ---- root visitors ------------------------------------------------------ */

gh_error gh_root_visitor_add(gh_heap *h, gh_root_visitor fn, void *data)
{
    if (!h)
        return gh_set_error(GH_ERR_NULL_HEAP, "gh_root_visitor_add: heap is NULL");
    if (!fn)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gh_root_visitor_add: NULL function");
    if (h->in_gc) /* the collector may be walking the visitors */
        return gh_set_error(GH_ERR_IN_GC, "gh_root_visitor_add: called during a collection");
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
    if (h->in_gc) /* removing would move another visitor past the walk */
        return gh_set_error(GH_ERR_IN_GC, "gh_root_visitor_remove: called during a collection");
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

static void visit_strong(gh_tracer *t, gh_global_node *n)
{
    if (n->in_use && !n->weak)
        t->visit(t, &n->obj, 1);
}

/* The roots, with every strong global or (young_only) just those on the
 * young list: a scavenge moves nothing else. */
static void visit_roots(gh_heap *h, gh_tracer *t, bool young_only)
{
    gh_roots *r = &h->roots;
    for (size_t b = 0; b < h->fast.handle_blocks; b++) {
        void **start = r->blocks[b];
        void **end = b + 1 == h->fast.handle_blocks ? h->fast.handle_next : start + GH_HANDLE_BLOCK_SLOTS;
        if (end > start)
            t->visit(t, start, (size_t)(end - start));
    }
    if (young_only) {
        for (size_t i = 0; i < r->young_globals.len; i++)
            visit_strong(t, r->young_globals.items[i]);
    } else {
        for (gh_global_block *gb = r->global_blocks; gb; gb = gb->next)
            for (size_t i = 0; i < GH_GLOBAL_BLOCK_NODES; i++)
                visit_strong(t, &gb->nodes[i]);
    }
    r->visiting++;
    for (size_t i = 0; i < r->visitor_count; i++)
        r->visitors[i].fn(t, r->visitors[i].data);
    r->visiting--;
}

void gh_roots_visit_all(gh_heap *h, gh_tracer *t) { visit_roots(h, t, false); }

/* A root that holds another heap's object (a local handle or a root
 * visitor's slot: nothing checks those when they are written) is passed
 * over, and reported as misuse: traced, it would be marked in the other
 * heap's bitmap with this heap's type table, and the other heap would then
 * skip or sweep it.  Left alone, it stays the other heap's to keep or
 * move.  (Globals are checked when set; gh_verify reports all of them.) */
typedef struct owned_roots {
    gh_tracer tracer;
    gh_tracer *inner;
    gh_heap *h;
} owned_roots;

static void visit_owned(gh_tracer *t, void *slots, size_t n)
{
    owned_roots *o = (owned_roots *)t;
    uint64_t *w = slots;
    size_t run = 0; /* the first slot not yet passed on */
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (!target || gh_heap_owns(o->h, target))
            continue;
        if (i > run)
            o->inner->visit(o->inner, w + run, i - run);
        gh_misuse("a root (slot %p) holds %p, an object of another heap: not traced",
                  (void *)&w[i], (void *)target);
        run = i + 1;
    }
    if (n > run)
        o->inner->visit(o->inner, w + run, n - run);
}

void gh_roots_visit(gh_heap *h, gh_tracer *t)
{
    owned_roots o = {{visit_owned, NULL}, t, h};
    visit_roots(h, &o.tracer, false);
}

void gh_roots_visit_young(gh_heap *h, gh_tracer *t)
{
    owned_roots o = {{visit_owned, NULL}, t, h};
    visit_roots(h, &o.tracer, true);
}

/* ---- roots for heap inspection ------------------------------------------ */

typedef struct root_reporter {
    gh_tracer tracer;
    gh_heap *h;
    gh_root_kind kind;
    void (*fn)(void *data, gh_root_kind kind, void *target);
    void *data;
} root_reporter;

static void report_roots(gh_tracer *t, void *slots, size_t n)
{
    root_reporter *r = (root_reporter *)t;
    uint64_t *w = slots;
    for (size_t i = 0; i < n; i++) {
        char *target = gh_slot_target(w[i]);
        if (target && gh_heap_owns(r->h, target)) /* as the collectors see them */
            r->fn(r->data, r->kind, target);
    }
}

void gh_root_edges(gh_heap *h, void (*fn)(void *data, gh_root_kind kind, void *target), void *data)
{
    if (!h || !fn)
        return;
    bool busy = gh_busy_begin(h); /* fn and the root visitors run */
    gh_roots *r = &h->roots;
    root_reporter rep = {{report_roots, NULL}, h, GH_ROOT_HANDLE_SCOPE, fn, data};
    for (size_t b = 0; b < h->fast.handle_blocks; b++) {
        void **start = r->blocks[b];
        void **end = b + 1 == h->fast.handle_blocks ? h->fast.handle_next : start + GH_HANDLE_BLOCK_SLOTS;
        if (end > start)
            report_roots(&rep.tracer, start, (size_t)(end - start));
    }
    for (gh_global_block *gb = r->global_blocks; gb; gb = gb->next)
        for (size_t i = 0; i < GH_GLOBAL_BLOCK_NODES; i++)
            if (gb->nodes[i].in_use) {
                rep.kind = gb->nodes[i].weak ? GH_ROOT_WEAK_HANDLE : GH_ROOT_GLOBAL_HANDLE;
                report_roots(&rep.tracer, &gb->nodes[i].obj, 1);
            }
    rep.kind = GH_ROOT_EMBEDDER;
    r->visiting++;
    for (size_t i = 0; i < r->visitor_count; i++)
        r->visitors[i].fn(&rep.tracer, r->visitors[i].data);
    r->visiting--;
    gh_busy_end(h, busy);
}
