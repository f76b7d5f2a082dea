/* shape.c - hidden classes with transitions.
 *
 * Root shapes are keyed by (prototype, class, in-object capacity).  Each
 * shape copies its parent's property list and adds one entry, so a lookup
 * never walks the chain; shapes with more than 8 properties build a small
 * hash table on first lookup.  Objects leave the transition tree for
 * dictionary mode past DICT_THRESHOLD properties (object.c), so the tree
 * stays small.  All shapes are kept in one table whose prototypes are
 * reported to the collector as roots. */
#include <stdlib.h>
#include <string.h>

#include "object.h"

static js_shape **all;
static size_t nall, capall;

static js_shape **roots; /* root and dictionary shapes, searched by key */
static size_t nroots, caproots;

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

static js_shape *shape_new(gh_value proto, js_class klass, unsigned ninobj, bool dict)
{
    js_shape *s = xcalloc(1, sizeof *s);
    s->proto = proto;
    s->klass = (uint8_t)klass;
    s->nint = js_class_internal[klass];
    s->ninobj = (uint16_t)ninobj;
    s->dict = dict;
    remember(&all, &nall, &capall, s);
    return s;
}

/* Roots are few (one per prototype and class); a linear search over them
 * keyed by the prototype's current address is fine. */
static js_shape *find_root(gh_value proto, js_class klass, unsigned ninobj, bool dict)
{
    for (size_t i = nroots; i-- > 0;) {
        js_shape *s = roots[i];
        if (s->proto == proto && s->klass == klass && s->dict == dict &&
            (dict || s->ninobj == ninobj))
            return s;
    }
    js_shape *s = shape_new(proto, klass, dict ? 0 : ninobj, dict);
    remember(&roots, &nroots, &caproots, s);
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

js_shape *js_shape_add(js_shape *s, js_atom_id atom, uint32_t flags)
{
    for (uint32_t i = 0; i < s->nkids; i++) {
        js_shape *k = s->kids[i];
        if (k->props[k->count - 1].atom == atom && k->props[k->count - 1].flags == flags)
            return k;
    }
    js_shape *k = shape_new(s->proto, (js_class)s->klass, s->ninobj, false);
    k->parent = s;
    k->count = s->count + 1;
    k->props = xcalloc(k->count, sizeof *k->props);
    if (s->count)
        memcpy(k->props, s->props, s->count * sizeof *k->props);
    k->props[s->count].atom = atom;
    k->props[s->count].flags = flags;
    js_atom_pin(atom); /* shapes are C memory, never freed */
    if (s->nkids == s->capkids) {
        s->capkids = s->capkids ? s->capkids * 2 : 2;
        s->kids = realloc(s->kids, s->capkids * sizeof *s->kids);
        if (!s->kids)
            abort();
    }
    s->kids[s->nkids++] = k;
    return k;
}

/* The same properties over another prototype: replay the transitions. */
js_shape *js_shape_with_proto(js_shape *s, gh_value proto)
{
    if (s->dict)
        return js_shape_dict(proto, (js_class)s->klass);
    js_shape *n = js_shape_root(proto, (js_class)s->klass, s->ninobj);
    for (uint32_t i = 0; i < s->count; i++)
        n = js_shape_add(n, s->props[i].atom, s->props[i].flags);
    return n;
}

void js_shapes_trace(gh_tracer *t)
{
    for (size_t i = 0; i < nall; i++)
        gh_trace_slot(t, &all[i]->proto);
}

size_t js_shape_count(void) { return nall; }

void js_shapes_free(void)
{
    for (size_t i = 0; i < nall; i++) {
        free(all[i]->props);
        free(all[i]->kids);
        free(all[i]->hash);
        free(all[i]);
    }
    free(all);
    free(roots);
    all = roots = NULL;
    nall = capall = nroots = caproots = 0;
}
