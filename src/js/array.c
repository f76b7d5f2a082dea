/* array.c - array elements: a JSArray-like header (elements, length) and a
 * FixedArray-like store of values, holes being JS_HOLE.  The store grows to
 * 1.5 x + 16 like V8's, so `new Array(100)` is a 40-byte header and an
 * 816-byte store. */
#include <string.h>

#include "vm.h"

/* Indices this far beyond the capacity are stored as named properties
 * (V8 would switch to dictionary elements). */
#define SPARSE_LIMIT ((uint64_t)1 << 26)

/* An array of `length` holes with a store of `capacity` (possibly less). */
static gh_value array_alloc(size_t length, size_t capacity)
{
    js_store *st = NULL;
    gh_value *h = NULL;
    if (capacity) {
        st = js_store_new(capacity, JS_HOLE);
        h = js_tmp_push(gh_from_ptr(st));
    }
    gh_value a = js_object_new_shape(R.array_root_shape);
    js_object *o = js_obj(a);
    o->slots[ARR_LENGTH] = gh_from_int((int64_t)length);
    /* barriers even on fresh objects: genheap may pretenure them (old) */
    gh_set_value(o, &o->slots[ARR_ELEMENTS], h ? *h : 0);
    if (h)
        js_tmp_pop(1);
    return a;
}

gh_value js_array_new(size_t length, size_t capacity)
{
    return array_alloc(length, capacity < length ? length : capacity);
}

/* new Array(length): holes.  The store is made now only up to
 * SPARSE_LIMIT elements; a longer array (up to 2^32 - 1, as JS allows)
 * starts with none, its elements being holes past the store's end, and
 * grows one when written (V8 makes such arrays dictionary-backed). */
gh_value js_array_new_with_length(uint32_t length)
{
    return array_alloc(length, length <= SPARSE_LIMIT ? length : 0);
}

gh_value js_array_get(js_object *a, uint64_t i)
{
    js_store *st = js_array_store(a);
    if (!st || i >= js_array_length(a) || i >= js_store_cap(st))
        return JS_HOLE;
    return st->items[i];
}

void js_array_reserve(gh_value *arr, uint64_t cap)
{
    js_object *o = js_obj(*arr);
    js_store *st = js_array_store(o);
    size_t old = st ? js_store_cap(st) : 0;
    if (cap <= old)
        return;
    js_store *ns = js_store_new(cap, JS_HOLE);
    o = js_obj(*arr);
    st = js_array_store(o);
    if (st) {
        memcpy(ns->items, st->items, old * sizeof(gh_value));
        gh_write_barrier_range(ns, ns->items, old);
    }
    o->slots[ARR_ELEMENTS] = gh_from_ptr(ns);
    gh_write_barrier(o, &o->slots[ARR_ELEMENTS]);
}

bool js_array_set(gh_value *arr, uint64_t i, gh_value *v)
{
    js_object *o = js_obj(*arr);
    js_store *st = js_array_store(o);
    size_t cap = st ? js_store_cap(st) : 0;
    if (i >= cap) {
        if (i >= SPARSE_LIMIT && i > 2 * (uint64_t)cap) {
            if (i >= 4294967295ull)
                return js_set(arr, js_atom_from_index(i), v);
            js_throw_error(JE_RANGE, "Invalid array length");
            return false;
        }
        uint64_t ncap = cap + cap / 2 + 16;
        if (ncap <= i)
            ncap = i + 1;
        js_array_reserve(arr, ncap);
        o = js_obj(*arr);
        st = js_array_store(o);
    }
    gh_set_value(st, &st->items[i], *v);
    js_note_store(st, *v);
    if (i >= js_array_length(o))
        o->slots[ARR_LENGTH] = gh_from_int((int64_t)i + 1);
    return true;
}

bool js_array_push(gh_value *arr, gh_value *v)
{
    return js_array_set(arr, js_array_length(js_obj(*arr)), v);
}

bool js_array_set_length(gh_value *arr, uint64_t len)
{
    js_object *o = js_obj(*arr);
    uint64_t old = js_array_length(o);
    js_store *st = js_array_store(o);
    if (len < old && st) {
        size_t cap = js_store_cap(st);
        for (uint64_t i = len; i < old && i < cap; i++)
            st->items[i] = JS_HOLE;
    }
    o->slots[ARR_LENGTH] = gh_from_int((int64_t)len);
    return true;
}
