/* object_keys.c - an object's own keys in ECMAScript's order (integer keys
 * ascending, then strings in the order they were added), as atoms or as a JS
 * array; for-in's keys along the prototype chain; an own property's value
 * without running a getter. */
#include <stdlib.h>

#include "vm.h"

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Collect the own keys as atoms: integer keys ascending, then the rest. */
size_t js_own_key_atoms(gh_value obj, bool only_enumerable, js_atom_id **out)
{
    js_object *o = js_obj(obj);
    js_shape *s = js_shape_of(o);
    size_t n = 0, cap = 16;
    js_atom_id *keys = malloc(cap * sizeof *keys);
    uint64_t *idx = NULL;
    size_t nidx = 0, capidx = 0;
#define PUSH_KEY(a)                                                  \
    do {                                                             \
        if (n == cap)                                                \
            keys = realloc(keys, (cap *= 2) * sizeof *keys);         \
        keys[n++] = (a);                                             \
    } while (0)
#define PUSH_IDX(i)                                                  \
    do {                                                             \
        if (nidx == capidx)                                          \
            idx = realloc(idx, (capidx = capidx ? capidx * 2 : 16) * sizeof *idx); \
        idx[nidx++] = (i);                                           \
    } while (0)
    if (s->klass == JC_ARRAY || s->klass == JC_ARGUMENTS) {
        uint64_t len = js_array_length(o);
        js_store *st = js_array_store(o);
        size_t cap_ = st ? js_store_cap(st) : 0;
        for (uint64_t i = 0; i < len && i < cap_; i++)
            if (st->items[i] != JS_HOLE)
                PUSH_IDX(i);
    } else if (s->klass == JC_BUFFER) {
        for (int64_t i = 0; i < gh_to_int(o->slots[1]); i++)
            PUSH_IDX((uint64_t)i);
    } else if (s->klass == JC_BOXED && js_is_string(o->slots[0])) {
        for (uint32_t i = 0, sl = js_str_length(js_str(o->slots[0])); i < sl; i++)
            PUSH_IDX(i);
    }
    size_t first_named = 0;
    js_atom_id *named = NULL;
    size_t nnamed = 0;
    if (s->dict) {
        js_store *d = gh_to_ptr(o->props);
        long used = js_dict_used(d);
        named = malloc(((size_t)used + 1) * sizeof *named);
        for (long e = 0; e < used; e++) {
            js_atom_id a = js_dict_key(d, e);
            uint32_t fl = a == (js_atom_id)-1 ? 0 : js_dict_flags(d, e);
            if (a == (js_atom_id)-1 || (only_enumerable && !(fl & PF_ENUMERABLE)) || (fl & PF_PRIVATE))
                continue;
            named[nnamed++] = a;
        }
    } else {
        named = malloc(((size_t)s->count + 1) * sizeof *named);
        for (uint32_t i = 0; i < s->count; i++)
            if ((!only_enumerable || (s->props[i].flags & PF_ENUMERABLE)) &&
                !(s->props[i].flags & PF_PRIVATE))
                named[nnamed++] = s->props[i].atom;
    }
    size_t nplain_idx = nidx;
    for (size_t i = 0; i < nnamed; i++)
        if (js_atom_index(named[i]) >= 0)
            PUSH_IDX((uint64_t)js_atom_index(named[i]));
    if (nidx > nplain_idx)
        qsort(idx, nidx, sizeof *idx, cmp_u64);
    for (size_t i = 0; i < nidx; i++)
        PUSH_KEY(js_atom_from_index(idx[i]));
    first_named = n;
    (void)first_named;
    for (size_t i = 0; i < nnamed; i++)
        if (js_atom_index(named[i]) < 0)
            PUSH_KEY(named[i]);
    free(named);
    free(idx);
    *out = keys;
    return n;
#undef PUSH_KEY
#undef PUSH_IDX
}

gh_value js_own_keys(gh_value obj, bool only_enumerable)
{
    if (!js_is_object(obj))
        return js_array_new(0, 0);
    js_atom_id *keys;
    size_t n = js_own_key_atoms(obj, only_enumerable, &keys);
    JS_SCOPE_OPEN(sc);
    gh_value *arr = js_root(js_array_new(0, n));
    for (size_t i = 0; i < n; i++) {
        gh_value *s = js_root(js_atom_string(keys[i]));
        js_array_push(arr, s);
    }
    free(keys);
    gh_value r = *arr;
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* for-in keys: enumerable own keys of obj and its prototypes, shadowed ones
 * left out.  Returns a js_store of atoms (as integers). */
gh_value js_for_in_keys(gh_value obj)
{
    js_atom_id *all = NULL;
    size_t n = 0, cap = 0;
    for (gh_value o = obj; js_is_object(o); o = js_obj(o)->proto) {
        js_atom_id *keys;
        size_t k = js_own_key_atoms(o, false, &keys);
        /* an object's own keys are distinct: only a prototype's are checked
         * against those seen nearer (prototypes have few keys; checking
         * every key made for-in over 150,000 keys take 9 s) */
        size_t nearer = n;
        for (size_t i = 0; i < k; i++) {
            bool seen = false;
            for (size_t j = 0; j < nearer && !seen; j++)
                seen = (all[j] & 0x7fffffff) == keys[i];
            if (seen)
                continue;
            uint32_t flags = PF_DEFAULT;
            js_object *oo = js_obj(o);
            js_shape *s = js_shape_of(oo);
            if (s->dict) {
                long e = js_dict_find(gh_to_ptr(oo->props), keys[i]);
                if (e >= 0)
                    flags = js_dict_flags(gh_to_ptr(oo->props), e);
            } else {
                int e = js_shape_find(s, keys[i]);
                if (e >= 0)
                    flags = s->props[e].flags;
            }
            if (n == cap)
                all = realloc(all, (cap = cap ? cap * 2 : 16) * sizeof *all);
            /* non-enumerable keys still shadow: keep them marked */
            all[n++] = keys[i] | ((flags & PF_ENUMERABLE) ? 0 : 0x80000000u);
        }
        free(keys);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!(all[i] & 0x80000000u))
            m++;
    js_store *st = js_store_new(m, 0);
    for (size_t i = 0, j = 0; i < n; i++)
        if (!(all[i] & 0x80000000u))
            st->items[j++] = gh_from_int(all[i]);
    free(all);
    return gh_from_ptr(st);
}

gh_value js_own_value(gh_value obj, js_atom_id atom)
{
    js_object *o = js_obj(obj);
    js_class c = (js_class)js_shape_of(o)->klass;
    if (c == JC_ARRAY || c == JC_ARGUMENTS || c == JC_BUFFER) {
        int64_t i = js_atom_index(atom);
        if (i >= 0) {
            if (c == JC_BUFFER)
                return i < gh_to_int(o->slots[1]) ? gh_from_int(((gh_buffer *)gh_to_ptr(o->slots[0]))->data[i]) : JS_HOLE;
            return js_array_get(o, (uint64_t)i);
        }
    }
    uint32_t flags;
    gh_value *slot = js_own_slot(o, atom, &flags);
    return slot && !(flags & PF_ACCESSOR) ? *slot : JS_HOLE;
}
