/* shape.c - hidden classes with transitions, freed with their prototype.
 *
 * Root shapes are keyed by (prototype, class, in-object capacity).  Each
 * shape copies its parent's property list and adds one entry, so a lookup
 * never walks the chain; shapes with more than 8 properties build a small
 * hash table on first lookup.  Objects leave the transition tree for
 * dictionary mode past DICT_THRESHOLD properties (object.c), or where a
 * shape already has JS_MAX_TRANSITIONS, so the tree stays small.
 *
 * Lifetime.  Every shape in the tree grown from a root has the root's
 * prototype, and every object of those shapes holds that prototype in its
 * own proto slot.  So the tree is in use exactly while its prototype is
 * alive, and the shapes hold it only weakly (one weak global per root): a
 * script that makes a prototype per call (a class, or a constructor whose
 * methods close over the call's variables) would otherwise keep every one
 * of them, and everything they reach, for good.  When the collector finds
 * a prototype dead, its weak callback marks the tree dead and takes the
 * root out of the lookup table; the next safe point (js_shapes_sweep)
 * makes the inline caches and allocation sites forget the dead shapes
 * (code.c) and only then frees them, so that no cache can mistake a new
 * shape at a recycled address for the old one. */
#include <stdlib.h>
#include <string.h>

#include "object.h"
#include "js_diag.h"
#include "vm.h"

static js_shape **roots; /* live root and dictionary shapes, searched by key */
static size_t nroots, caproots;

static js_shape **dead_roots; /* trees whose prototype died, not yet freed */
static size_t ndead, capdead;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static void remember(js_shape ***list, size_t *n, size_t *cap, js_shape *s)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *list = realloc(*list, *cap * sizeof **list);
        if (!*list)
            abort();
    }
    (*list)[(*n)++] = s;
}

static js_shape *shape_new(gh_global *proto_ref, js_class klass, unsigned ninobj, bool dict)
{
    js_shape *s = xcalloc(1, sizeof *s);
    s->proto_ref = proto_ref;
    s->klass = (uint8_t)klass;
    s->nint = js_class_internal[klass];
    s->ninobj = (uint16_t)ninobj;
    s->dict = dict;
    return s;
}

/* Roots are found by the prototype's current address.  A script that makes
 * prototypes by the thousand (Object.create over fresh objects, a
 * constructor per call) has as many roots, so past a few they are looked
 * up in a hash table, rebuilt after any collection has run (it may have
 * moved prototypes: R.gc_epoch) or a root has died. */
static uint32_t *roothash; /* index in roots + 1 */
static size_t roothashcap;
static uint64_t roothash_epoch;

static bool root_is(const js_shape *s, gh_value proto, js_class klass, unsigned ninobj, bool dict)
{
    return js_shape_proto(s) == proto && s->klass == klass && s->dict == dict && (dict || s->ninobj == ninobj);
}

static size_t root_slot(gh_value proto, js_class klass, size_t cap)
{
    return (size_t)(((proto >> 3) ^ (uint64_t)klass << 40) * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
}

static void roothash_put(size_t i)
{
    size_t j = root_slot(js_shape_proto(roots[i]), (js_class)roots[i]->klass, roothashcap);
    while (roothash[j])
        j = (j + 1) & (roothashcap - 1);
    roothash[j] = (uint32_t)i + 1;
}

static void roothash_build(void)
{
    free(roothash);
    roothashcap = 64;
    while (roothashcap < nroots * 2 + 2)
        roothashcap *= 2;
    roothash = xcalloc(roothashcap, sizeof *roothash);
    for (size_t i = 0; i < nroots; i++)
        roothash_put(i);
    roothash_epoch = R.gc_epoch;
}

static js_shape *lookup_root(gh_value proto, js_class klass, unsigned ninobj, bool dict)
{
    if (nroots <= 16) {
        for (size_t i = nroots; i-- > 0;)
            if (root_is(roots[i], proto, klass, ninobj, dict))
                return roots[i];
        return NULL;
    }
    if (!roothash || roothash_epoch != R.gc_epoch)
        roothash_build();
    for (size_t j = root_slot(proto, klass, roothashcap);; j = (j + 1) & (roothashcap - 1)) {
        uint32_t e = roothash[j];
        if (!e)
            return NULL;
        if (root_is(roots[e - 1], proto, klass, ninobj, dict))
            return roots[e - 1];
    }
}

/* Mark a tree dead; the recursion is as deep as the longest chain of
 * transitions, which dictionary mode bounds (DICT_THRESHOLD). */
static void mark_dead(js_shape *s)
{
    s->dead = true;
    for (uint32_t i = 0; i < s->nkids; i++)
        mark_dead(s->kids[i]);
}

/* The weak callback of a root's prototype: it has died, and so has every
 * object of the tree.  Runs after the collection, but anywhere the heap
 * may collect, so it only unlinks the tree; freeing waits for a safe
 * point. */
static void prototype_died(gh_heap *heap, gh_global *g, void *data)
{
    (void)heap, (void)g;
    js_shape *root = data;
    mark_dead(root);
    js_shape *last = roots[--nroots];
    roots[root->root_index] = last;
    last->root_index = root->root_index;
    free(roothash), roothash = NULL;
    remember(&dead_roots, &ndead, &capdead, root);
    js_interrupt_pending = 1;
}

static gh_global *weak_ref_to(gh_value proto, js_shape *root)
{
    if (!js_is_object(proto))
        return NULL;
    gh_global *g = gh_global_new(R.heap, gh_to_ptr(proto));
    if (!g || gh_global_set_weak(g, prototype_died, root) != GH_OK)
        abort(); /* out of C memory */
    return g;
}

static js_shape *find_root(gh_value proto, js_class klass, unsigned ninobj, bool dict)
{
    js_shape *s = lookup_root(proto, klass, ninobj, dict);
    if (s)
        return s;
    s = shape_new(NULL, klass, dict ? 0 : ninobj, dict);
    s->proto_ref = weak_ref_to(proto, s); /* NULL for null, which never dies */
    s->root_index = (uint32_t)nroots;
    remember(&roots, &nroots, &caproots, s);
    if (roothash && roothash_epoch == R.gc_epoch && nroots * 2 + 2 <= roothashcap)
        roothash_put(nroots - 1);
    else
        free(roothash), roothash = NULL; /* rebuilt at the next lookup */
    return s;
}

js_shape *js_shape_root(gh_value proto, js_class klass, unsigned ninobj)
{
    return find_root(proto, klass, ninobj, false);
}

js_shape *js_shape_dict(gh_value proto, js_class klass) { return find_root(proto, klass, 0, true); }

static void build_hash(js_shape *s)
{
    uint32_t cap = 16;
    while (cap < s->count * 2)
        cap *= 2;
    s->hash = xcalloc(cap, sizeof *s->hash);
    for (uint32_t i = 0; i < s->count; i++) {
        uint32_t j = (s->props[i].atom * 2654435761u) & (cap - 1);
        while (s->hash[j])
            j = (j + 1) & (cap - 1);
        s->hash[j] = (int32_t)i + 1;
    }
    s->hashcap = cap;
}

int js_shape_find(js_shape *s, js_atom_id atom)
{
    if (s->count <= 8) {
        for (uint32_t i = 0; i < s->count; i++)
            if (s->props[i].atom == atom)
                return (int)i;
        return -1;
    }
    if (!s->hash)
        build_hash(s);
    for (uint32_t j = (atom * 2654435761u) & (s->hashcap - 1);; j = (j + 1) & (s->hashcap - 1)) {
        int32_t e = s->hash[j];
        if (!e)
            return -1;
        if (s->props[e - 1].atom == atom)
            return e - 1;
    }
}

static bool adds(const js_shape *kid, js_atom_id atom, uint32_t flags)
{
    const js_prop *last = &kid->props[kid->count - 1];
    return last->atom == atom && last->flags == flags;
}

static uint32_t kid_slot(js_atom_id atom, uint32_t flags, uint32_t cap)
{
    return ((atom ^ flags << 29) * 2654435761u) & (cap - 1);
}

static void kidhash_put(js_shape *s, uint32_t kid)
{
    const js_prop *last = &s->kids[kid]->props[s->kids[kid]->count - 1];
    uint32_t j = kid_slot(last->atom, last->flags, s->kidhashcap);
    while (s->kidhash[j])
        j = (j + 1) & (s->kidhashcap - 1);
    s->kidhash[j] = kid + 1;
}

/* Shapes with many transitions (a root shape whose objects get assorted
 * first keys) look them up by hash: a scan per added property made
 * giving 20,000 fresh objects a key each take 0.4 s. */
static void kidhash_grow(js_shape *s)
{
    free(s->kidhash);
    s->kidhashcap = s->kidhashcap ? s->kidhashcap * 2 : 32;
    s->kidhash = xcalloc(s->kidhashcap, sizeof *s->kidhash);
    for (uint32_t i = 0; i < s->nkids; i++)
        kidhash_put(s, i);
}

static js_shape *find_kid(js_shape *s, js_atom_id atom, uint32_t flags)
{
    if (!s->kidhash) {
        for (uint32_t i = 0; i < s->nkids; i++)
            if (adds(s->kids[i], atom, flags))
                return s->kids[i];
        return NULL;
    }
    for (uint32_t j = kid_slot(atom, flags, s->kidhashcap);; j = (j + 1) & (s->kidhashcap - 1)) {
        uint32_t e = s->kidhash[j];
        if (!e)
            return NULL;
        if (adds(s->kids[e - 1], atom, flags))
            return s->kids[e - 1];
    }
}

js_shape *js_shape_add(js_shape *s, js_atom_id atom, uint32_t flags)
{
    js_shape *k = find_kid(s, atom, flags);
    if (k)
        return k;
    if (s->nkids >= JS_MAX_TRANSITIONS)
        return NULL;
    k = shape_new(s->proto_ref, (js_class)s->klass, s->ninobj, false);
    k->parent = s;
    k->count = s->count + 1;
    k->props = xcalloc(k->count, sizeof *k->props);
    if (s->count)
        memcpy(k->props, s->props, s->count * sizeof *k->props);
    k->props[s->count].atom = atom;
    k->props[s->count].flags = flags;
    if (s->nkids == s->capkids) {
        s->capkids = s->capkids ? s->capkids * 2 : 2;
        s->kids = realloc(s->kids, s->capkids * sizeof *s->kids);
        if (!s->kids)
            abort();
    }
    s->kids[s->nkids++] = k;
    if (s->nkids > 8 && s->nkids * 2 > s->kidhashcap)
        kidhash_grow(s);
    else if (s->kidhash)
        kidhash_put(s, s->nkids - 1);
    return k;
}

/* The same properties over another prototype: replay the transitions. */
js_shape *js_shape_with_proto(js_shape *s, gh_value proto)
{
    if (s->dict)
        return js_shape_dict(proto, (js_class)s->klass);
    js_shape *n = js_shape_root(proto, (js_class)s->klass, s->ninobj);
    for (uint32_t i = 0; i < s->count && n; i++)
        n = js_shape_add(n, s->props[i].atom, s->props[i].flags);
    return n;
}

/* A shape kept in a C static (weak.c, memwatch.c) must not die with a
 * prototype that only a deleted global named. */
void js_shape_keep(js_shape *s)
{
    while (s->parent)
        s = s->parent;
    if (s->proto_ref && gh_global_is_weak(s->proto_ref) &&
        gh_global_clear_weak(s->proto_ref) != GH_OK)
        abort();
}

/* ---- freeing dead trees ---- */

static void free_tree(js_shape *s)
{
    for (uint32_t i = 0; i < s->nkids; i++)
        free_tree(s->kids[i]);
    free(s->props);
    free(s->kids);
    free(s->kidhash);
    free(s->hash);
    free(s);
}

bool js_shapes_sweep_due(void) { return ndead > 0; }

/* Only with no native on the stack that may hold a shape (R.c_calls, as
 * for atoms); else the next collection asks again (runtime.c). */
void js_shapes_sweep(void)
{
    if (!ndead || R.c_calls > 1)
        return;
    js_codes_forget_dead_shapes();
    for (size_t i = 0; i < ndead; i++) {
        gh_global_free(R.heap, dead_roots[i]->proto_ref);
        free_tree(dead_roots[i]);
    }
    ndead = 0;
}

static void each_atom(const js_shape *s, void (*fn)(js_atom_id, void *), void *data)
{
    if (s->count)
        fn(s->props[s->count - 1].atom, data); /* the rest are its parent's */
    for (uint32_t i = 0; i < s->nkids; i++)
        each_atom(s->kids[i], fn, data);
}

void js_shapes_each_atom(void (*fn)(js_atom_id atom, void *data), void *data)
{
    for (size_t i = 0; i < nroots; i++)
        each_atom(roots[i], fn, data);
    for (size_t i = 0; i < ndead; i++)
        each_atom(dead_roots[i], fn, data);
}

/* At exit: the heap, and with it every global, is gone already. */
void js_shapes_free(void)
{
    for (size_t i = 0; i < nroots; i++)
        free_tree(roots[i]);
    for (size_t i = 0; i < ndead; i++)
        free_tree(dead_roots[i]);
    free(roots);
    free(dead_roots);
    free(roothash);
    roothash = NULL;
    roothashcap = 0;
    roots = dead_roots = NULL;
    nroots = caproots = ndead = capdead = 0;
}
