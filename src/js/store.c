/* store.c - FixedArray-like stores and the ordered dictionaries of
 * dictionary-mode objects.
 *
 * A dictionary is a js_store whose every word is a slot (non-references are
 * small integers, so the collector needs no trace function):
 *   items[0] used entries   items[1] live entries   items[2] hash capacity
 *   items[3 .. 3+H)         hash index: entry + 1, 0 for empty
 *   then 3 words per entry: key (atom as integer, -1 once deleted), value,
 *   flags.
 * Entries stay in insertion order, which is the order keys enumerate in. */
#include <string.h>

#include "object.h"

js_store *js_store_new(size_t capacity, gh_value fill)
{
    js_store *s = js_alloc(HT_STORE, sizeof(js_store) + capacity * sizeof(gh_value));
    s->capacity = gh_from_int((int64_t)capacity);
    if (fill)
        for (size_t i = 0; i < capacity; i++)
            s->items[i] = fill;
    return s;
}

#define D_USED 0
#define D_LIVE 1
#define D_HCAP 2
#define D_HASH 3

static inline long hcap(js_store *d) { return (long)gh_to_int(d->items[D_HCAP]); }
static inline long ecap(js_store *d) { return ((long)js_store_cap(d) - D_HASH - hcap(d)) / 3; }
static inline gh_value *entry(js_store *d, long e) { return &d->items[D_HASH + hcap(d) + 3 * e]; }
static inline uint32_t hash_atom(js_atom_id a) { return a * 2654435761u; }

gh_value js_dict_new(size_t capacity)
{
    if (capacity < 4)
        capacity = 4;
    size_t h = 8;
    while (h < capacity * 2)
        h *= 2;
    js_store *d = js_store_new(D_HASH + h + 3 * capacity, 0);
    d->items[D_USED] = gh_from_int(0);
    d->items[D_LIVE] = gh_from_int(0);
    d->items[D_HCAP] = gh_from_int((int64_t)h);
    for (size_t i = 0; i < h; i++)
        d->items[D_HASH + i] = gh_from_int(0);
    return gh_from_ptr(d);
}

long js_dict_find(js_store *d, js_atom_id atom)
{
    long h = hcap(d);
    for (long j = hash_atom(atom) & (h - 1);; j = (j + 1) & (h - 1)) {
        long e = (long)gh_to_int(d->items[D_HASH + j]);
        if (!e)
            return -1;
        if (gh_to_int(entry(d, e - 1)[0]) == (int64_t)atom)
            return e - 1;
    }
}

gh_value *js_dict_value(js_store *d, long e) { return &entry(d, e)[1]; }
uint32_t js_dict_flags(js_store *d, long e) { return (uint32_t)gh_to_int(entry(d, e)[2]); }
js_atom_id js_dict_key(js_store *d, long e)
{
    int64_t k = gh_to_int(entry(d, e)[0]);
    return k < 0 ? (js_atom_id)-1 : (js_atom_id)k;
}
long js_dict_used(js_store *d) { return (long)gh_to_int(d->items[D_USED]); }

void js_dict_insert_raw(js_store *d, js_atom_id atom, gh_value v, uint32_t flags)
{
    long e = js_dict_used(d), h = hcap(d);
    gh_value *en = entry(d, e);
    en[0] = gh_from_int(atom);
    gh_set_value(d, &en[1], v);
    en[2] = gh_from_int(flags);
    long j = hash_atom(atom) & (h - 1);
    while (gh_to_int(d->items[D_HASH + j]))
        j = (j + 1) & (h - 1);
    d->items[D_HASH + j] = gh_from_int(e + 1);
    d->items[D_USED] = gh_from_int(e + 1);
    d->items[D_LIVE] = gh_from_int(gh_to_int(d->items[D_LIVE]) + 1);
}

void js_dict_put(gh_value *obj, js_atom_id atom, gh_value *v, uint32_t flags)
{
    js_object *o = js_obj(*obj);
    js_store *d = gh_to_ptr(o->props);
    long e = js_dict_find(d, atom);
    if (e >= 0) {
        gh_set_value(d, js_dict_value(d, e), *v);
        entry(d, e)[2] = gh_from_int(flags);
        return;
    }
    if (js_dict_used(d) == ecap(d)) {
        long live = (long)gh_to_int(d->items[D_LIVE]);
        gh_value nd = js_dict_new((size_t)(live * 2 + 4));
        o = js_obj(*obj);
        d = gh_to_ptr(o->props);
        js_store *n = gh_to_ptr(nd);
        for (long i = 0, used = js_dict_used(d); i < used; i++) {
            gh_value *en = entry(d, i);
            if (gh_to_int(en[0]) >= 0)
                js_dict_insert_raw(n, (js_atom_id)gh_to_int(en[0]), en[1], (uint32_t)gh_to_int(en[2]));
        }
        gh_set_value(o, &o->props, nd);
        d = n;
    }
    js_dict_insert_raw(d, atom, *v, flags);
}

bool js_dict_remove(js_store *d, js_atom_id atom)
{
    long e = js_dict_find(d, atom);
    if (e < 0)
        return false;
    gh_value *en = entry(d, e);
    en[0] = gh_from_int(-1);
    en[1] = JS_UNDEFINED;
    d->items[D_LIVE] = gh_from_int(gh_to_int(d->items[D_LIVE]) - 1);
    return true;
}
