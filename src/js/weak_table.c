/* weak_table.c - identity hash tables whose entries live only as long as
 * their keys: the storage of WeakMap and WeakSet, on genheap's ephemeron
 * type (HT_WEAK: [capacity][used][(key, value) pairs]).
 *
 * Keys move (scavenges, compaction), so they are hashed by their stable
 * genheap object id, not their address; the collector updates the pair
 * slots, so a lookup compares the current key words.  Linear probing, with
 * two markers:
 *   key undefined   a pair never used: a probe stops there
 *   key 0           a tombstone: a deleted pair, or one a full GC emptied
 *                   when its key died (genheap writes 0 to both words)
 * `used` counts pairs that are not "never used" (live ones and
 * tombstones); the table is rebuilt from its live pairs when it passes
 * 3/4 of its capacity.
 *
 * genheap only empties a pair whose value is a reference, and keeps a
 * value alive only while its key is: so a value that is not a heap
 * object (a number, a boolean, undefined) is boxed in a one-item
 * FixedArray, which no JS value ever is. */
#include "weak_table.h"

static inline js_weak *wt(gh_value t) { return (js_weak *)gh_to_ptr(t); }
static inline size_t wt_cap(const js_weak *w) { return (size_t)gh_to_int(w->capacity); }

static size_t hash_key(gh_value key, size_t mask)
{
    uint64_t id = gh_object_id(R.heap, gh_to_ptr(key));
    return (size_t)(((id >> 1) * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

gh_value js_weak_new(size_t pairs)
{
    js_weak *w = js_alloc(HT_WEAK, sizeof(js_weak) + 2 * pairs * sizeof(gh_value));
    w->capacity = gh_from_int((int64_t)pairs);
    w->used = gh_from_int(0);
    for (size_t i = 0; i < pairs; i++)
        w->pairs[2 * i] = JS_UNDEFINED;
    return gh_from_ptr(w);
}

/* The pair index of key, or -1. */
static long find(js_weak *w, gh_value key)
{
    size_t cap = wt_cap(w), mask = cap - 1;
    size_t j = hash_key(key, mask);
    for (size_t n = 0; n < cap; n++, j = (j + 1) & mask) {
        gh_value k = w->pairs[2 * j];
        if (k == key)
            return (long)j;
        if (k == JS_UNDEFINED)
            return -1;
    }
    return -1;
}

static gh_value unbox(gh_value v)
{
    if (gh_is_ptr(v) && js_type_of(gh_to_ptr(v)) == R.types[HT_STORE])
        return ((js_store *)gh_to_ptr(v))->items[0];
    return v;
}

gh_value js_weak_table_get(gh_value table, gh_value key)
{
    js_weak *w = wt(table);
    long j = find(w, key);
    return j < 0 ? JS_HOLE : unbox(w->pairs[2 * j + 1]);
}

bool js_weak_table_has(gh_value table, gh_value key) { return find(wt(table), key) >= 0; }

bool js_weak_table_delete(gh_value table, gh_value key)
{
    js_weak *w = wt(table);
    long j = find(w, key);
    if (j < 0)
        return false;
    w->pairs[2 * j] = w->pairs[2 * j + 1] = 0;
    return true;
}

/* Put (key, value) into a free pair of w, which has room; no barrier
 * work beyond the two stores. */
static void insert(js_weak *w, gh_value key, gh_value value)
{
    size_t mask = wt_cap(w) - 1;
    size_t j = hash_key(key, mask);
    while (gh_is_ptr(w->pairs[2 * j]))
        j = (j + 1) & mask;
    if (w->pairs[2 * j] == JS_UNDEFINED)
        w->used = gh_from_int(gh_to_int(w->used) + 1);
    gh_set_value(w, &w->pairs[2 * j], key);
    gh_set_value(w, &w->pairs[2 * j + 1], value);
}

/* Rebuild the table in holder's slot with room for one more pair.  MAY
 * COLLECT. */
static void rebuild(gh_value *holder, int slot)
{
    js_weak *w = wt(js_obj(*holder)->slots[slot]);
    size_t live = 0;
    for (size_t i = 0; i < wt_cap(w); i++)
        live += gh_is_ptr(w->pairs[2 * i]);
    size_t cap = 8;
    while (cap < (live + 1) * 2)
        cap *= 2;
    gh_value fresh = js_weak_new(cap);
    js_weak *n = wt(fresh);
    w = wt(js_obj(*holder)->slots[slot]);
    for (size_t i = 0; i < wt_cap(w); i++)
        if (gh_is_ptr(w->pairs[2 * i]))
            insert(n, w->pairs[2 * i], w->pairs[2 * i + 1]);
    gh_set_value(js_obj(*holder), &js_obj(*holder)->slots[slot], fresh);
}

void js_weak_table_set(gh_value *holder, int slot, gh_value *key, gh_value *value)
{
    JS_SCOPE_OPEN(sc);
    gh_value *v = js_root(*value);
    if (!gh_is_ptr(*v)) {
        js_store *box = js_store_new(1, 0);
        box->items[0] = *value; /* an immediate: no barrier */
        *v = gh_from_ptr(box);
    }
    js_weak *w = wt(js_obj(*holder)->slots[slot]);
    long j = find(w, *key);
    if (j >= 0) {
        gh_set_value(w, &w->pairs[2 * j + 1], *v);
    } else {
        if ((size_t)(gh_to_int(w->used) + 1) * 4 > wt_cap(w) * 3)
            rebuild(holder, slot);
        insert(wt(js_obj(*holder)->slots[slot]), *key, *v);
    }
    JS_SCOPE_CLOSE(sc);
}

size_t js_weak_table_capacity(gh_value table) { return wt_cap(wt(table)); }

bool js_weak_table_at(gh_value table, size_t i, gh_value *key, gh_value *value)
{
    js_weak *w = wt(table);
    if (i >= wt_cap(w) || !gh_is_ptr(w->pairs[2 * i]))
        return false;
    *key = w->pairs[2 * i];
    *value = unbox(w->pairs[2 * i + 1]);
    return true;
}
