/* map.c - Map and Set: hash tables of any keys, in insertion order,
 * compared by SameValueZero.
 *
 * A table is one js_store:
 *
 *   [count][used][cap][walkers] [cap entries: key, value] [2 * cap buckets]
 *
 * Entries are appended in insertion order; `used` of them are taken,
 * `count` are live.  A deleted entry's key becomes JS_HOLE, which no JS
 * value is: lookups and walks pass over it.  A bucket holds an entry index
 * + 1 (0: empty), found by linear probing from the key's hash.  Keys are
 * hashed by content (strings), by value (numbers: -0 is 0, and every NaN
 * alike), by genheap's stable object id (objects: they move), else by
 * their word.
 *
 * When the entries run out the table is rebuilt: compacted to its live
 * entries, twice as large if more than half of them are live.  A forEach
 * in progress (`walkers`) would lose its place in a compaction, so then
 * the table only grows, holes kept where they are.  A Set's entries hold
 * their key as the value too. */
#include <math.h>
#include <string.h>

#include "builtins.h"
#include "js_diag.h"
#include "map.h"

enum { T_COUNT, T_USED, T_CAP, T_WALKERS, T_HEADER };
#define MIN_CAP 4

static js_shape *map_shape, *set_shape;

static js_store *table_of(gh_value coll) { return gh_to_ptr(js_obj(coll)->slots[0]); }
static size_t field(const js_store *t, int f) { return (size_t)gh_to_int(t->items[f]); }
static void set_field(js_store *t, int f, size_t v) { t->items[f] = gh_from_int((int64_t)v); }
static gh_value *entry(js_store *t, size_t e) { return &t->items[T_HEADER + 2 * e]; }
static gh_value *bucket(js_store *t, size_t b) { return &t->items[T_HEADER + 2 * field(t, T_CAP) + b]; }

static gh_value new_table(size_t cap)
{
    js_store *t = js_store_new(T_HEADER + 4 * cap, gh_from_int(0));
    set_field(t, T_CAP, cap);
    return gh_from_ptr(t);
}

static uint64_t hash_of(gh_value key)
{
    uint64_t h;
    if (js_is_string(key)) {
        h = js_hash_bytes(js_str(key)->data, js_str(key)->len);
    } else if (js_is_number(key)) {
        double d = js_num(key);
        if (d != d)
            h = 0x7FF8000000000000ull;
        else if (d == 0)
            h = 0;
        else
            memcpy(&h, &d, sizeof h);
    } else if (gh_is_ptr(key)) {
        h = gh_object_id(R.heap, gh_to_ptr(key));
    } else {
        h = key;
    }
    return (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull >> 17;
}

/* The entry of key, or -1. */
static long find(js_store *t, gh_value key, uint64_t h)
{
    size_t nb = 2 * field(t, T_CAP), b = (size_t)h & (nb - 1);
    for (size_t n = 0; n < nb; n++, b = (b + 1) & (nb - 1)) {
        int64_t e1 = gh_to_int(*bucket(t, b));
        if (e1 == 0)
            return -1;
        gh_value k = entry(t, (size_t)e1 - 1)[0];
        if (k != JS_HOLE && js_same_value_zero(k, key))
            return (long)e1 - 1;
    }
    return -1;
}

static void link_entry(js_store *t, size_t e, uint64_t h)
{
    size_t nb = 2 * field(t, T_CAP), b = (size_t)h & (nb - 1);
    while (gh_to_int(*bucket(t, b)) != 0)
        b = (b + 1) & (nb - 1);
    *bucket(t, b) = gh_from_int((int64_t)e + 1);
}

/* Rebuild coll's full table (see the top of the file).  MAY COLLECT. */
static void rebuild(gh_value *coll)
{
    js_store *t = table_of(*coll);
    size_t count = field(t, T_COUNT), used = field(t, T_USED), cap = field(t, T_CAP);
    bool walked = field(t, T_WALKERS) > 0;
    size_t ncap = walked || 2 * count > cap ? 2 * cap : cap;
    js_store *n = gh_to_ptr(new_table(ncap));
    t = table_of(*coll); /* the allocation may have moved it */
    size_t to = 0;
    for (size_t e = 0; e < used; e++) {
        gh_value *src = entry(t, e);
        if (src[0] == JS_HOLE && !walked)
            continue;
        gh_set_value(n, &entry(n, to)[0], src[0]);
        gh_set_value(n, &entry(n, to)[1], src[1]);
        if (src[0] != JS_HOLE)
            link_entry(n, to, hash_of(src[0]));
        to++;
    }
    set_field(n, T_COUNT, count);
    set_field(n, T_USED, to);
    set_field(n, T_WALKERS, field(t, T_WALKERS));
    js_object *o = js_obj(*coll);
    gh_set_value(o, &o->slots[0], gh_from_ptr(n));
}

/* Set key to value (rooted slots) in coll.  MAY COLLECT. */
static void put(gh_value *coll, gh_value *key, gh_value *value)
{
    if (js_is_number(*key) && js_num(*key) == 0)
        *key = gh_from_int(0); /* -0 becomes +0 */
    uint64_t h = hash_of(*key);
    js_store *t = table_of(*coll);
    long e = find(t, *key, h);
    if (e >= 0) {
        gh_set_value(t, &entry(t, (size_t)e)[1], *value);
        return;
    }
    if (field(t, T_USED) == field(t, T_CAP)) {
        rebuild(coll);
        t = table_of(*coll);
    }
    size_t at = field(t, T_USED);
    gh_set_value(t, &entry(t, at)[0], *key);
    gh_set_value(t, &entry(t, at)[1], *value);
    link_entry(t, at, h);
    set_field(t, T_USED, at + 1);
    set_field(t, T_COUNT, field(t, T_COUNT) + 1);
}

static long lookup(gh_value coll, gh_value key)
{
    return find(table_of(coll), key, hash_of(key));
}

size_t js_map_size(gh_value coll) { return field(table_of(coll), T_COUNT); }

gh_value js_map_pair(gh_value key, gh_value value)
{
    JS_SCOPE_OPEN(sc);
    gh_value *k = js_root(key), *v = js_root(value), *pair = js_root(js_array_new(0, 2));
    js_array_push(pair, k);
    js_array_push(pair, v);
    gh_value r = *pair;
    JS_SCOPE_CLOSE(sc);
    return r;
}

bool js_map_next(gh_value coll, size_t *pos, gh_value *key, gh_value *value)
{
    js_store *t = table_of(coll);
    for (size_t used = field(t, T_USED); *pos < used; ++*pos) {
        gh_value *e = entry(t, *pos);
        if (e[0] != JS_HOLE) {
            *key = e[0];
            *value = e[1];
            ++*pos;
            return true;
        }
    }
    return false;
}

/* ---- construction ---- */

static gh_value new_collection(js_shape *shape)
{
    gh_value *t = js_root(new_table(MIN_CAP));
    gh_value o = js_object_new_shape(shape);
    gh_set_value(js_obj(o), &js_obj(o)->slots[0], *t);
    return o;
}

bool js_entry_parts(gh_value *item, gh_value *key, gh_value *value)
{
    if (!js_is_object(*item)) {
        js_throw_not_entry(*item);
        return false;
    }
    *key = js_get_index(*item, 0); /* may allocate: *item is read again */
    *value = js_get_index(*item, 1);
    return *key != JS_EXCEPTION && *value != JS_EXCEPTION;
}

/* Add what for-of would walk in *iterable: for a Map, entry objects
 * ([key, value]: their items 0 and 1). */
static bool fill_from(gh_value *coll, gh_value *iterable, bool map)
{
    if (js_is_nullish(*iterable))
        return true;
    if (!js_for_of_iterable(*iterable)) {
        js_throw_not_iterable(*iterable);
        return false;
    }
    gh_value *index = js_root(gh_from_int(0)), *item = js_root(JS_UNDEFINED);
    gh_value *k = js_root(JS_UNDEFINED), *v = js_root(JS_UNDEFINED);
    while (js_for_of_next(iterable, index, item)) {
        if (!map) {
            put(coll, item, item);
            continue;
        }
        if (!js_entry_parts(item, k, v))
            return false;
        put(coll, k, v);
    }
    return !R.has_exception; /* a generator may throw */
}

static gh_value construct(gh_value *this_, gh_value iterable, bool map)
{
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Constructor %s requires 'new'", map ? "Map" : "Set");
    gh_value *it = js_root(iterable);
    gh_value *c = js_root(new_collection(map ? map_shape : set_shape));
    return fill_from(c, it, map) ? *c : JS_EXCEPTION;
}

NATIVE(map_ctor) { return construct(this_, ARG(0), true); }
NATIVE(set_ctor) { return construct(this_, ARG(0), false); }

/* ---- methods shared by Map and Set ---- */

#define CHECK_RECEIVER(klass, method)      \
    if (!js_is_class(*this_, klass))       \
        return js_throw_incompatible(method, *this_);

static gh_value has(gh_value *this_, gh_value key) { return js_bool(lookup(*this_, key) >= 0); }

static gh_value delete_key(gh_value *this_, gh_value key)
{
    js_store *t = table_of(*this_);
    long e = lookup(*this_, key);
    if (e < 0)
        return JSV_FALSE;
    entry(t, (size_t)e)[0] = JS_HOLE;
    entry(t, (size_t)e)[1] = JS_UNDEFINED;
    set_field(t, T_COUNT, field(t, T_COUNT) - 1);
    return JSV_TRUE;
}

/* Empty the table: a fresh one (a forEach walking it finds it used up). */
static gh_value clear(gh_value *this_)
{
    size_t walkers = field(table_of(*this_), T_WALKERS);
    js_store *t = gh_to_ptr(new_table(MIN_CAP));
    set_field(t, T_WALKERS, walkers);
    js_object *o = js_obj(*this_);
    gh_set_value(o, &o->slots[0], gh_from_ptr(t));
    return JS_UNDEFINED;
}

/* forEach(callback, thisArg): callback(value, key, collection) for each
 * entry, those added meanwhile included.  The walker count keeps the
 * table from being compacted under it. */
static gh_value for_each(gh_value *this_, int argc, gh_value *argv)
{
    if (!js_is_callable(ARG(0)))
        return js_throw_not_function(ARG(0));
    gh_value *fn = js_root(argv[0]), *self = js_root(ARG(1));
    js_store *t = table_of(*this_);
    set_field(t, T_WALKERS, field(t, T_WALKERS) + 1);
    gh_value result = JS_UNDEFINED, key, value;
    for (size_t pos = 0; js_map_next(*this_, &pos, &key, &value);) {
        gh_value args[3] = {value, key, *this_};
        if (js_call(*fn, *self, 3, args) == JS_EXCEPTION) {
            result = JS_EXCEPTION;
            break;
        }
    }
    t = table_of(*this_);
    set_field(t, T_WALKERS, field(t, T_WALKERS) - 1);
    return result;
}

/* ---- iterators ----
 *
 * keys(), values() and entries() return an iterator: [collection, position,
 * kind].  It walks the live table from its position, so it sees entries
 * added after it was made; once done it drops the collection, for good.
 * An array's iterator is the same object over an array (or array-like),
 * its position an index, its length read again at each step. */

enum walk_kind { W_KEYS, W_VALUES, W_ENTRIES };
enum { IT_COLL, IT_POS, IT_KIND };
#define IT_OF_SET 4   /* in IT_KIND, with the walk_kind */
#define IT_OF_ARRAY 8 /* likewise */

static js_shape *map_iter_shape, *set_iter_shape, *array_iter_shape;

static int iter_kind(gh_value it) { return (int)gh_to_int(js_obj(it)->slots[IT_KIND]); }

bool js_map_iterator_of_set(gh_value it) { return (iter_kind(it) & IT_OF_SET) != 0; }
bool js_map_iterator_is_array(gh_value it) { return (iter_kind(it) & IT_OF_ARRAY) != 0; }

static gh_value new_iterator(gh_value *coll, enum walk_kind kind)
{
    bool set = js_is_class(*coll, JC_SET);
    gh_value it = js_object_new_shape(set ? set_iter_shape : map_iter_shape);
    js_object *o = js_obj(it);
    gh_set_value(o, &o->slots[IT_COLL], *coll);
    o->slots[IT_POS] = gh_from_int(0);
    o->slots[IT_KIND] = gh_from_int((int64_t)kind | (set ? IT_OF_SET : 0));
    return it;
}

gh_value js_array_iterator_new(gh_value *array, int kind)
{
    gh_value it = js_object_new_shape(array_iter_shape);
    js_object *o = js_obj(it);
    gh_set_value(o, &o->slots[IT_COLL], *array);
    o->slots[IT_POS] = gh_from_int(0);
    o->slots[IT_KIND] = gh_from_int((int64_t)kind | IT_OF_ARRAY);
    return it;
}

/* The next of an array's iterator: for-of's walk by index (ops.c). */
static bool array_iterator_next(gh_value *it, gh_value *out)
{
    JS_SCOPE_OPEN(sc); /* called once per step of a loop: its roots go */
    gh_value *arr = js_root(js_obj(*it)->slots[IT_COLL]);
    gh_value *index = js_root(js_obj(*it)->slots[IT_POS]), *v = js_root(JS_UNDEFINED);
    bool more = js_is_object(*arr) && js_index_walk_next(arr, index, v);
    if (more) {
        js_obj(*it)->slots[IT_POS] = *index;
        int kind = iter_kind(*it) & 3;
        gh_value key = js_number((double)(gh_to_int(*index) - 1));
        *out = kind == W_ENTRIES ? js_map_pair(key, *v) : kind == W_KEYS ? key : *v;
    } else {
        js_obj(*it)->slots[IT_COLL] = JS_UNDEFINED;
        *out = JS_UNDEFINED;
    }
    JS_SCOPE_CLOSE(sc);
    return more;
}

bool js_map_iterator_next(gh_value *it, gh_value *out)
{
    if (iter_kind(*it) & IT_OF_ARRAY)
        return array_iterator_next(it, out);
    js_object *o = js_obj(*it);
    size_t pos = (size_t)gh_to_int(o->slots[IT_POS]);
    gh_value key, value;
    if (!js_is_object(o->slots[IT_COLL]) || !js_map_next(o->slots[IT_COLL], &pos, &key, &value)) {
        o->slots[IT_COLL] = JS_UNDEFINED;
        return false;
    }
    o->slots[IT_POS] = gh_from_int((int64_t)pos);
    int kind = iter_kind(*it) & 3;
    *out = kind == W_ENTRIES ? js_map_pair(key, value) : kind == W_KEYS ? key : value;
    return true;
}

const char *js_map_iterator_tag(gh_value it)
{
    int kind = iter_kind(it);
    bool set = kind & IT_OF_SET;
    if (kind & IT_OF_ARRAY)
        return "Object [Array Iterator]";
    if ((kind & 3) == W_ENTRIES)
        return set ? "[Set Entries]" : "[Map Entries]";
    return set ? "[Set Iterator]" : "[Map Iterator]";
}

size_t js_map_iterator_position(gh_value it) { return (size_t)gh_to_int(js_obj(it)->slots[IT_POS]); }

bool js_map_iterator_peek(gh_value it, size_t *pos, gh_value *first, gh_value *second, bool *pair)
{
    gh_value coll = js_obj(it)->slots[IT_COLL], key, value;
    if (iter_kind(it) & IT_OF_ARRAY) /* node shows an array's iterator empty */
        return false;
    if (!js_is_object(coll) || !js_map_next(coll, pos, &key, &value))
        return false;
    int kind = iter_kind(it) & 3;
    *pair = kind == W_ENTRIES;
    *first = kind == W_VALUES ? value : key;
    *second = value;
    return true;
}

/* next(): { value, done } */
NATIVE(iterator_next)
{
    UNUSED_ARGS;
    if (!js_is_class(*this_, JC_MAPITER))
        return js_throw_incompatible("%MapIteratorPrototype%.next", *this_);
    gh_value *value = js_root(JS_UNDEFINED);
    gh_value *done = js_root(js_bool(!js_map_iterator_next(this_, value)));
    gh_value *result = js_root(js_object_new());
    js_define(result, js_atom_cstr("value"), value, PF_DEFAULT);
    js_define(result, js_atom_cstr("done"), done, PF_DEFAULT);
    return *result;
}

static js_shape *iterator_shape(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new());
    js_make_native(proto, "next", iterator_next, 0);
    js_shape *s = js_shape_root(*proto, JC_MAPITER, 0);
    js_shape_keep(s);
    JS_SCOPE_CLOSE(sc);
    return s;
}

/* ---- Map ---- */

NATIVE(map_get)
{
    CHECK_RECEIVER(JC_MAP, "Map.prototype.get");
    long e = lookup(*this_, ARG(0));
    return e < 0 ? JS_UNDEFINED : entry(table_of(*this_), (size_t)e)[1];
}

NATIVE(map_set)
{
    CHECK_RECEIVER(JC_MAP, "Map.prototype.set");
    gh_value *k = js_root(ARG(0)), *v = js_root(ARG(1));
    put(this_, k, v);
    return *this_;
}

/* The methods Map and Set share, each checking its receiver's class:
 * map_has / set_has, ... */
#define SHARED(name, call)                                        \
    NATIVE(map_##name)                                            \
    {                                                             \
        UNUSED_ARGS;                                              \
        CHECK_RECEIVER(JC_MAP, "Map.prototype." #name);           \
        return call;                                              \
    }                                                             \
    NATIVE(set_##name)                                            \
    {                                                             \
        UNUSED_ARGS;                                              \
        CHECK_RECEIVER(JC_SET, "Set.prototype." #name);           \
        return call;                                              \
    }

SHARED(has, has(this_, ARG(0)))
SHARED(delete, delete_key(this_, ARG(0)))
SHARED(clear, clear(this_))
SHARED(forEach, for_each(this_, argc, argv))
SHARED(values, new_iterator(this_, W_VALUES))
SHARED(entries, new_iterator(this_, W_ENTRIES))

NATIVE(map_keys)
{
    UNUSED_ARGS;
    CHECK_RECEIVER(JC_MAP, "Map.prototype.keys");
    return new_iterator(this_, W_KEYS);
}

/* ---- Set ---- */

NATIVE(set_add)
{
    CHECK_RECEIVER(JC_SET, "Set.prototype.add");
    gh_value *k = js_root(ARG(0));
    put(this_, k, k);
    return *this_;
}

void js_builtins_map_init(void)
{
    static const char *const mm[] = {"get",     "set",  "has",    "delete",  "clear",
                                     "forEach", "keys", "values", "entries", NULL};
    static const js_native_fn mmf[] = {map_get,      map_set,  map_has,    map_delete, map_clear,
                                       map_forEach, map_keys, map_values, map_entries};
    static const int mml[] = {1, 2, 1, 1, 0, 1, 0, 0, 0};
    map_shape = js_make_class("Map", map_ctor, 0, JC_MAP, mm, mmf, mml);
    static const char *const sm[] = {"add",  "has",    "delete",  "clear",
                                     "forEach", "keys", "values", "entries", NULL};
    static const js_native_fn smf[] = {set_add,      set_has,    set_delete, set_clear,
                                       set_forEach, set_values, set_values, set_entries};
    static const int sml[] = {1, 1, 1, 0, 1, 0, 0, 0};
    set_shape = js_make_class("Set", set_ctor, 0, JC_SET, sm, smf, sml);
    map_iter_shape = iterator_shape();
    set_iter_shape = iterator_shape();
    array_iter_shape = iterator_shape();
}
