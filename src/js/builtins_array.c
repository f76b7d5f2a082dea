/* builtins_array.c - Array and Array.prototype.  Methods are generic (they
 * work on any object with a length) with fast paths for real arrays. */
#include "builtins.h"
#include "map.h"

/* The longest array-like (ToLength's limit, 2^53 - 1). */
#define MAX_SAFE_LENGTH 9007199254740991ull

static bool get_length(gh_value o, uint64_t *len)
{
    if (js_is_array(o)) {
        *len = js_array_length(js_obj(o));
        return true;
    }
    gh_value l = js_get(o, A_length);
    if (l == JS_EXCEPTION)
        return false;
    *len = js_to_length(js_to_number(l));
    return !R.has_exception;
}

static bool set_length(gh_value *o, uint64_t len)
{
    if (js_is_array(*o))
        return js_array_set_length(o, len);
    gh_value *v = js_root(js_number((double)len));
    return js_set(o, A_length, v);
}

/* o[i] or JS_HOLE when absent. */
gh_value js_elem_at(gh_value o, uint64_t i)
{
    if (js_is_array(o)) {
        gh_value v = js_array_get(js_obj(o), i);
        if (v != JS_HOLE)
            return v;
    }
    if (!js_has_index(o, i))
        return JS_HOLE;
    return js_get(o, js_atom_from_index(i));
}

/* Whether obj has an own property named by an array index. */
static bool has_index_key(gh_value obj)
{
    js_atom_id *keys;
    size_t n = js_own_key_atoms(obj, false, &keys);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++)
        found = js_atom_index(keys[i]) >= 0;
    free(keys);
    return found;
}

/* The slots of an array's element store. */
static uint64_t store_capacity(gh_value array)
{
    js_store *st = js_array_store(js_obj(array));
    return st ? js_store_cap(st) : 0;
}

/* Past this index an array has no own element: they all lie in its
 * store. */
uint64_t js_array_own_end(gh_value o, uint64_t len)
{
    if (!js_is_array(o))
        return len;
    uint64_t cap = store_capacity(o);
    return len < cap ? len : cap;
}

/* Where a walk over o's present elements (get_at, skipping holes) can
 * stop: past an array's store only a prototype could supply an index, and
 * prototypes almost never have one.  Walking to the length instead made
 * `a.length = 4e9; a.sort()` intern an atom per index and reserve 4e9
 * slots. */
uint64_t js_array_present_end(gh_value o, uint64_t len)
{
    uint64_t own = js_array_own_end(o, len);
    if (own == len)
        return len;
    for (gh_value p = js_obj(o)->proto; js_is_object(p); p = js_obj(p)->proto)
        if (has_index_key(p))
            return len;
    return own;
}

/* Delete o[i], interning no name for it when none exists: then only an
 * array or arguments object can hold i, in its store. */
void js_delete_index(gh_value *o, uint64_t i)
{
    js_atom_id a;
    if (js_atom_find_index(i, &a))
        js_delete(o, a);
    else if ((js_is_array(*o) || js_is_class(*o, JC_ARGUMENTS)) && js_array_get(js_obj(*o), i) != JS_HOLE)
        js_delete(o, js_atom_from_index(i));
}

static gh_value this_object(gh_value *this_)
{
    gh_value o = js_to_object(*this_);
    if (o != JS_EXCEPTION)
        *this_ = o;
    return o;
}

/* ToObject(this), kept in *this_, and its length: how most
 * Array.prototype methods begin.  False with an exception pending. */
bool js_this_and_length(gh_value *this_, uint64_t *len)
{
    return this_object(this_) != JS_EXCEPTION && get_length(*this_, len);
}

NATIVE(array_ctor)
{
    UNUSED_ARGS;
    if (argc == 1 && js_is_number(argv[0])) {
        double d = js_num(argv[0]);
        if (!js_is_uint32(d))
            return js_throw_error(JE_RANGE, "Invalid array length");
        return js_array_new_with_length((uint32_t)d);
    }
    gh_value a = js_array_new((size_t)argc, (size_t)argc);
    js_store *st = js_array_store(js_obj(a));
    for (int i = 0; i < argc; i++)
        gh_set_value(st, &st->items[i], argv[i]);
    return a;
}

NATIVE(array_is_array)
{
    UNUSED_ARGS;
    return js_bool(js_is_array(ARG(0)));
}

NATIVE(array_of)
{
    UNUSED_ARGS;
    gh_value *h = js_root(js_array_new(0, (size_t)argc));
    for (int i = 0; i < argc; i++)
        js_array_push(h, &argv[i]);
    return *h;
}

/* An array a builtin creates must have a 32-bit length (ArrayCreate):
 * else a RangeError, before a store of that many slots is attempted. */
bool js_length_fits(uint64_t n)
{
    if (n <= 4294967295u)
        return true;
    js_throw_error(JE_RANGE, "Invalid array length");
    return false;
}

/* Array.from's step: map v (rooted) if asked, then append it. */
static bool from_push(gh_value *out, gh_value *v, uint64_t i, int argc, gh_value *argv)
{
    if (js_is_callable(ARG(1))) {
        gh_value cargs[2] = {*v, js_number((double)i)};
        *v = js_call(argv[1], ARG(2), 2, cargs);
        if (*v == JS_EXCEPTION)
            return false;
    }
    js_array_push(out, v);
    return true;
}

NATIVE(array_from)
{
    UNUSED_ARGS;
    if (js_is_nullish(ARG(0)))
        return js_throw_error(JE_TYPE, "undefined is not iterable");
    gh_value *out = js_root(js_array_new(0, 0));
    gh_value *s = js_root(js_is_string(argv[0]) ? argv[0] : js_to_object(argv[0]));
    /* strings by code point, Maps, Sets, their iterators and generators:
     * as for-of walks them */
    if (js_is_string(*s) || js_is_map_walkable(*s) || js_is_class(*s, JC_GENERATOR)) {
        gh_value *index = js_root(gh_from_int(0)), *v = js_root(JS_UNDEFINED);
        for (uint64_t i = 0; js_for_of_next(s, index, v); i++)
            if (!from_push(out, v, i, argc, argv))
                return JS_EXCEPTION;
        return R.has_exception ? JS_EXCEPTION : *out;
    }
    uint64_t len;
    if (!get_length(*s, &len) || !js_length_fits(len))
        return JS_EXCEPTION;
    for (uint64_t i = 0; i < len; i++) {
        gh_value *v = js_root(js_get_index(*s, (int64_t)i));
        if (*v == JS_EXCEPTION || !from_push(out, v, i, argc, argv))
            return JS_EXCEPTION;
    }
    return *out;
}

NATIVE(array_push)
{
    if (js_is_array(*this_)) {
        /* as in node: elements from index 2^32 - 1 on become properties,
         * then the new length is refused */
        uint64_t len = js_array_length(js_obj(*this_));
        for (int i = 0; i < argc; i++) {
            uint64_t at = len + (uint64_t)i;
            if (!(at < 4294967295ull ? js_array_push(this_, &argv[i])
                                     : js_set(this_, js_atom_from_index(at), &argv[i])))
                return JS_EXCEPTION;
        }
        if (len + (uint64_t)argc > 4294967295ull)
            return js_throw_error(JE_RANGE, "Invalid array length");
        return js_obj(*this_)->slots[ARR_LENGTH];
    }
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (len + (uint64_t)argc > MAX_SAFE_LENGTH)
        return js_throw_error(JE_TYPE,
                              "Pushing %d elements on an array-like of length %llu is disallowed, "
                              "as the total surpasses 2**53-1",
                              argc, (unsigned long long)len);
    for (int i = 0; i < argc; i++)
        if (!js_set_index(this_, (int64_t)(len++), &argv[i]))
            return JS_EXCEPTION;
    if (!set_length(this_, len))
        return JS_EXCEPTION;
    return js_number((double)len);
}

/* at(i): the element at i, counting from the end for a negative i */
NATIVE(array_at)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    double k = js_to_integer(js_to_number(ARG(0)));
    if (R.has_exception)
        return JS_EXCEPTION;
    if (k < 0)
        k += (double)len;
    if (!(k >= 0 && k < (double)len))
        return JS_UNDEFINED;
    gh_value v = js_elem_at(*this_, (uint64_t)k);
    return v == JS_HOLE ? JS_UNDEFINED : v;
}

NATIVE(array_pop)
{
    UNUSED_ARGS;
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (len == 0) {
        set_length(this_, 0);
        return JS_UNDEFINED;
    }
    gh_value v = js_elem_at(*this_, len - 1);
    gh_value *vh = js_root(v == JS_HOLE ? JS_UNDEFINED : v);
    js_delete(this_, js_atom_from_index(len - 1));
    if (!set_length(this_, len - 1))
        return JS_EXCEPTION;
    return *vh;
}

/* Move count elements from `from` to `to` (overlapping, like memmove). */
static bool move_elements(gh_value *o, uint64_t from, uint64_t to, uint64_t count)
{
    if (js_is_array(*o)) {
        js_object *a = js_obj(*o);
        js_store *st = js_array_store(a);
        uint64_t cap = st ? js_store_cap(st) : 0;
        if (from + count <= cap && to + count <= cap) {
            gh_move_slots(st, &st->items[to], &st->items[from], count);
            return true;
        }
    }
    bool up = to > from;
    for (uint64_t k = 0; k < count; k++) {
        uint64_t i = up ? count - 1 - k : k;
        gh_value v = js_elem_at(*o, from + i);
        if (v == JS_EXCEPTION)
            return false;
        if (v == JS_HOLE) {
            js_delete_index(o, to + i);
        } else {
            gh_value *vh = js_root(v);
            if (!js_set_index(o, (int64_t)(to + i), vh))
                return false;
        }
    }
    return true;
}

NATIVE(array_shift)
{
    UNUSED_ARGS;
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (len == 0) {
        set_length(this_, 0);
        return JS_UNDEFINED;
    }
    gh_value first = js_elem_at(*this_, 0);
    gh_value *fh = js_root(first == JS_HOLE ? JS_UNDEFINED : first);
    if (!move_elements(this_, 1, 0, len - 1))
        return JS_EXCEPTION;
    js_delete(this_, js_atom_from_index(len - 1));
    if (!set_length(this_, len - 1))
        return JS_EXCEPTION;
    return *fh;
}

NATIVE(array_unshift)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (argc) {
        /* node refuses the length too; refused first, the elements are
         * not moved (a store of 2^32 slots would exhaust the heap) */
        if (js_is_array(*this_) && len + (uint64_t)argc > 4294967295ull)
            return js_throw_error(JE_RANGE, "Invalid array length");
        /* the spec's check, before a move of 2^53 elements */
        if (len + (uint64_t)argc > MAX_SAFE_LENGTH)
            return js_throw_error(JE_TYPE, "Invalid array length");
        if (js_is_array(*this_))
            js_array_reserve(this_, len + (uint64_t)argc);
        if (js_is_array(*this_))
            js_array_set_length(this_, len + (uint64_t)argc);
        if (!move_elements(this_, 0, (uint64_t)argc, len))
            return JS_EXCEPTION;
        for (int i = 0; i < argc; i++)
            if (!js_set_index(this_, i, &argv[i]))
                return JS_EXCEPTION;
    }
    if (!set_length(this_, len + (uint64_t)argc))
        return JS_EXCEPTION;
    return js_number((double)(len + (uint64_t)argc));
}

uint64_t js_relative_index(double d, uint64_t len)
{
    d = js_to_integer(d);
    if (d < 0)
        return d + (double)len < 0 ? 0 : (uint64_t)(d + (double)len);
    return d > (double)len ? len : (uint64_t)d;
}

NATIVE(array_slice)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    uint64_t start = js_relative_index(js_to_number(ARG(0)), len);
    uint64_t end = ARG(1) == JS_UNDEFINED ? len : js_relative_index(js_to_number(ARG(1)), len);
    uint64_t n = end > start ? end - start : 0;
    if (!js_length_fits(n))
        return JS_EXCEPTION;
    gh_value *out = js_root(js_array_new(n, n));
    for (uint64_t i = 0; i < n; i++) {
        gh_value v = js_elem_at(*this_, start + i);
        if (v == JS_EXCEPTION)
            return v;
        js_store *st = js_array_store(js_obj(*out));
        gh_set_value(st, &st->items[i], v);
    }
    return *out;
}

NATIVE(array_splice)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    uint64_t start = js_relative_index(js_to_number(ARG(0)), len);
    uint64_t del;
    if (argc == 0)
        del = 0;
    else if (argc == 1)
        del = len - start;
    else {
        double d = js_to_integer(js_to_number(argv[1]));
        del = d < 0 ? 0 : d > (double)(len - start) ? len - start : (uint64_t)d;
    }
    uint64_t ins = argc > 2 ? (uint64_t)argc - 2 : 0;
    if (len - del + ins > MAX_SAFE_LENGTH) /* the spec's check, before anything moves */
        return js_throw_error(JE_TYPE, "Invalid array length");
    if (!js_length_fits(del))
        return JS_EXCEPTION;
    gh_value *removed = js_root(js_array_new(del, del));
    for (uint64_t i = 0; i < del; i++) {
        gh_value v = js_elem_at(*this_, start + i);
        js_store *st = js_array_store(js_obj(*removed));
        gh_set_value(st, &st->items[i], v);
    }
    uint64_t nlen = len - del + ins;
    if (ins > del && js_is_array(*this_)) {
        js_array_reserve(this_, nlen);
        js_array_set_length(this_, nlen);
    }
    if (ins != del) {
        if (!move_elements(this_, start + del, start + ins, len - start - del))
            return JS_EXCEPTION;
        for (uint64_t i = nlen; i < len; i++)
            js_delete_index(this_, i);
    }
    for (uint64_t i = 0; i < ins; i++)
        if (!js_set_index(this_, (int64_t)(start + i), &argv[2 + i]))
            return JS_EXCEPTION;
    if (!set_length(this_, nlen))
        return JS_EXCEPTION;
    return *removed;
}

NATIVE(array_concat)
{
    if (this_object(this_) == JS_EXCEPTION)
        return JS_EXCEPTION;
    uint64_t total = 0;
    for (int i = -1; i < argc; i++) {
        gh_value item = i < 0 ? *this_ : argv[i];
        total += js_is_array(item) ? js_array_length(js_obj(item)) : 1;
    }
    if (!js_length_fits(total))
        return JS_EXCEPTION;
    gh_value *out = js_root(js_array_new(0, 0));
    uint64_t n = 0;
    for (int i = -1; i < argc; i++) {
        gh_value *item = i < 0 ? this_ : &argv[i];
        if (js_is_array(*item)) {
            uint64_t len = js_array_length(js_obj(*item)), end = js_array_present_end(*item, len);
            if (end && n <= store_capacity(*out)) /* appending, not past a sparse gap */
                js_array_reserve(out, n + js_array_own_end(*item, len));
            for (uint64_t j = 0; j < end; j++) {
                gh_value v = js_elem_at(*item, j);
                if (v == JS_EXCEPTION)
                    return JS_EXCEPTION;
                if (v != JS_HOLE && !js_array_set(out, n + j, js_root(v)))
                    return JS_EXCEPTION;
            }
            n += len;
            js_array_set_length(out, n);
        } else if (!js_array_set(out, n++, item)) {
            return JS_EXCEPTION;
        }
    }
    return *out;
}

/* The arrays being joined, innermost last: as in V8, an array met again
 * inside its own join (a cycle) joins as "".  The entries are the natives'
 * rooted `this` slots on the VM stack, so a collection keeps them current. */
#define JOIN_STACK_MAX 10000
static gh_value *join_stack[JOIN_STACK_MAX];
static int join_depth;

static bool joining(gh_value v)
{
    for (int i = 0; i < join_depth; i++)
        if (*join_stack[i] == v)
            return true;
    return false;
}

NATIVE(array_join)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (joining(*this_))
        return R.empty_string;
    if (join_depth >= JOIN_STACK_MAX || js_c_stack_low()) /* deeply nested, not cyclic */
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    js_sbuf sep = {0}, b = {0};
    if (ARG(0) == JS_UNDEFINED)
        sb_putc(&sep, ',');
    else if (!js_to_cstring(argv[0], &sep))
        return JS_EXCEPTION;
    join_stack[join_depth++] = this_;
    gh_value r = JS_EXCEPTION;
    uint64_t end = js_array_present_end(*this_, len);
    for (uint64_t i = 0; i < end; i++) {
        if (i)
            sb_put(&b, sep.data, sep.len);
        gh_value v = js_elem_at(*this_, i);
        if (v == JS_EXCEPTION)
            goto out;
        if (v != JS_HOLE && !js_is_nullish(v) && !js_to_cstring(v, &b))
            goto out;
        if (b.len > JS_MAX_STRING_LENGTH)
            break;
    }
    /* the holes past the store add their separators only */
    uint64_t seps = len > end ? len - (end ? end : 1) : 0;
    if (b.len > JS_MAX_STRING_LENGTH || (sep.len && seps > (JS_MAX_STRING_LENGTH - b.len) / sep.len)) {
        js_throw_error(JE_RANGE, "Invalid string length");
        goto out;
    }
    for (uint64_t k = 0; sep.len && k < seps; k++)
        sb_put(&b, sep.data, sep.len);
    r = js_string_new(sb_cstr(&b), b.len);
out:
    join_depth--;
    sb_free(&sep);
    sb_free(&b);
    return r;
}

NATIVE(array_to_string)
{
    UNUSED_ARGS;
    return array_join(this_, 0, argv);
}

NATIVE(array_reverse)
{
    UNUSED_ARGS;
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    for (uint64_t i = 0, j = len ? len - 1 : 0; i < j; i++, j--) {
        gh_value *a = js_root(js_elem_at(*this_, i)), *b = js_root(js_elem_at(*this_, j));
        if (*b == JS_HOLE)
            js_delete_index(this_, i);
        else
            js_set_index(this_, (int64_t)i, b);
        if (*a == JS_HOLE)
            js_delete_index(this_, j);
        else
            js_set_index(this_, (int64_t)j, a);
    }
    return *this_;
}

static gh_value index_of(gh_value *this_, int argc, gh_value *argv, bool last, bool includes)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (len == 0)
        return includes ? JSV_FALSE : gh_from_int(-1);
    int64_t start = last ? (int64_t)len - 1 : 0;
    if (argc > 1) {
        double d = js_to_integer(js_to_number(argv[1]));
        if (last) { /* from len + d when negative; -1 (nothing to search) below 0 */
            double s = d < 0 ? d + (double)len : d;
            start = s < 0 ? -1 : s > (double)len - 1 ? (int64_t)len - 1 : (int64_t)s;
        } else
            start = (int64_t)js_relative_index(d, len);
    }
    for (int64_t i = start; last ? i >= 0 : i < (int64_t)len; i += last ? -1 : 1) {
        gh_value v = js_elem_at(*this_, (uint64_t)i);
        if (v == JS_HOLE)
            v = JS_UNDEFINED;
        if (includes ? js_same_value_zero(v, ARG(0)) : (v != JS_HOLE && js_strict_equals(v, ARG(0))))
            return includes ? JSV_TRUE : gh_from_int(i);
    }
    return includes ? JSV_FALSE : gh_from_int(-1);
}

NATIVE(array_index_of) { return index_of(this_, argc, argv, false, false); }
NATIVE(array_last_index_of) { return index_of(this_, argc, argv, true, false); }
NATIVE(array_includes) { return index_of(this_, argc, argv, false, true); }

enum iter_kind {
    IT_FOREACH, IT_MAP, IT_FILTER, IT_SOME, IT_EVERY, IT_FIND, IT_FIND_INDEX,
    IT_FIND_LAST, IT_FIND_LAST_INDEX /* from the end */
};

static gh_value iterate(gh_value *this_, int argc, gh_value *argv, enum iter_kind kind, const char *name)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    (void)name;
    if (!js_is_callable(ARG(0)))
        return js_throw_not_function(ARG(0));
    if (kind == IT_MAP && !js_length_fits(len))
        return JS_EXCEPTION;
    gh_value *out = js_root(kind == IT_MAP ? js_array_new(len, len) : kind == IT_FILTER ? js_array_new(0, 0) : JS_UNDEFINED);
    bool backwards = kind == IT_FIND_LAST || kind == IT_FIND_LAST_INDEX;
    bool finds = kind == IT_FIND || kind == IT_FIND_INDEX || backwards; /* holes too */
    for (uint64_t step = 0; step < len; step++) {
        uint64_t i = backwards ? len - 1 - step : step;
        gh_value v = js_elem_at(*this_, i);
        if (v == JS_EXCEPTION)
            return v;
        if (v == JS_HOLE) {
            if (!finds)
                continue;
            v = JS_UNDEFINED;
        }
        gh_value *vh = js_root(v);
        gh_value cargs[3] = {v, js_number((double)i), *this_};
        gh_value r = js_call(argv[0], ARG(1), 3, cargs);
        if (r == JS_EXCEPTION)
            return r;
        switch (kind) {
        case IT_MAP: {
            gh_value *rh = js_root(r);
            js_array_set(out, i, rh);
            break;
        }
        case IT_FILTER:
            if (js_truthy(r))
                js_array_push(out, vh);
            break;
        case IT_SOME:
            if (js_truthy(r))
                return JSV_TRUE;
            break;
        case IT_EVERY:
            if (!js_truthy(r))
                return JSV_FALSE;
            break;
        case IT_FIND:
        case IT_FIND_LAST:
            if (js_truthy(r))
                return *vh;
            break;
        case IT_FIND_INDEX:
        case IT_FIND_LAST_INDEX:
            if (js_truthy(r))
                return js_number((double)i);
            break;
        default:
            break;
        }
    }
    switch (kind) {
    case IT_SOME: return JSV_FALSE;
    case IT_EVERY: return JSV_TRUE;
    case IT_FIND:
    case IT_FIND_LAST: return JS_UNDEFINED;
    case IT_FIND_INDEX:
    case IT_FIND_LAST_INDEX: return gh_from_int(-1);
    case IT_MAP:
    case IT_FILTER: return *out;
    default: return JS_UNDEFINED;
    }
}

NATIVE(array_for_each) { return iterate(this_, argc, argv, IT_FOREACH, "forEach"); }
NATIVE(array_map) { return iterate(this_, argc, argv, IT_MAP, "map"); }
NATIVE(array_filter) { return iterate(this_, argc, argv, IT_FILTER, "filter"); }
NATIVE(array_some) { return iterate(this_, argc, argv, IT_SOME, "some"); }
NATIVE(array_every) { return iterate(this_, argc, argv, IT_EVERY, "every"); }
NATIVE(array_find) { return iterate(this_, argc, argv, IT_FIND, "find"); }
NATIVE(array_find_index) { return iterate(this_, argc, argv, IT_FIND_INDEX, "findIndex"); }
/* keys(), values(), entries(): iterators over ToObject(this) (map.c) */
static gh_value array_iterator(gh_value *this_, int kind)
{
    return this_object(this_) == JS_EXCEPTION ? JS_EXCEPTION : js_array_iterator_new(this_, kind);
}
NATIVE(array_keys) { UNUSED_ARGS; return array_iterator(this_, 0); }
NATIVE(array_values) { UNUSED_ARGS; return array_iterator(this_, 1); }
NATIVE(array_entries) { UNUSED_ARGS; return array_iterator(this_, 2); }

NATIVE(array_find_last) { return iterate(this_, argc, argv, IT_FIND_LAST, "findLast"); }
NATIVE(array_find_last_index) { return iterate(this_, argc, argv, IT_FIND_LAST_INDEX, "findLastIndex"); }

static gh_value reduce(gh_value *this_, int argc, gh_value *argv, bool right)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(ARG(0)))
        return js_throw_not_function(ARG(0));
    gh_value *acc = js_root(JS_HOLE);
    uint64_t k = 0;
    if (argc > 1)
        *acc = argv[1];
    for (; *acc == JS_HOLE && k < len; k++)
        *acc = js_elem_at(*this_, right ? len - 1 - k : k);
    if (*acc == JS_HOLE)
        return js_throw_error(JE_TYPE, "Reduce of empty array with no initial value");
    for (; k < len; k++) {
        uint64_t i = right ? len - 1 - k : k;
        gh_value v = js_elem_at(*this_, i);
        if (v == JS_HOLE)
            continue;
        gh_value cargs[4] = {*acc, v, js_number((double)i), *this_};
        gh_value r = js_call(argv[0], JS_UNDEFINED, 4, cargs);
        if (r == JS_EXCEPTION)
            return r;
        *acc = r;
    }
    return *acc;
}

NATIVE(array_reduce) { return reduce(this_, argc, argv, false); }
NATIVE(array_reduce_right) { return reduce(this_, argc, argv, true); }

NATIVE(array_fill)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    uint64_t start = argc > 1 ? js_relative_index(js_to_number(argv[1]), len) : 0;
    uint64_t end = argc > 2 && argv[2] != JS_UNDEFINED ? js_relative_index(js_to_number(argv[2]), len) : len;
    gh_value *v = js_root(ARG(0));
    for (uint64_t i = start; i < end; i++)
        if (!js_set_index(this_, (int64_t)i, v))
            return JS_EXCEPTION;
    return *this_;
}

/* The natives that hold no atom id (nor shape) across the callbacks they
 * call (js_native_info.atom_clean): atoms may be swept, and dead shapes
 * freed, while those run. */
static bool holds_no_atom(js_native_fn fn)
{
    static const js_native_fn clean[] = {
        array_for_each, array_map, array_filter, array_some, array_every,
        array_find, array_find_index, array_find_last, array_find_last_index,
        array_reduce, array_reduce_right,
    };
    for (size_t i = 0; i < sizeof clean / sizeof *clean; i++)
        if (clean[i] == fn)
            return true;
    return false;
}

void js_builtins_array_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(R.array_proto);
    gh_value *ctor = js_root(js_make_ctor("Array", array_ctor, 1, proto));
    R.array_ctor = *ctor;
    js_make_native(ctor, "isArray", array_is_array, 1);
    gh_value from = js_make_native(ctor, "from", array_from, 1);
    js_native_info_of(from)->atom_clean = true; /* each element is read before its map call */
    js_make_native(ctor, "of", array_of, 0);
    static const struct { const char *name; js_native_fn fn; int len; } m[] = {
        {"push", array_push, 1}, {"pop", array_pop, 0}, {"at", array_at, 1}, {"shift", array_shift, 0},
        {"unshift", array_unshift, 1}, {"slice", array_slice, 2}, {"splice", array_splice, 2},
        {"concat", array_concat, 1}, {"join", array_join, 1}, {"toString", array_to_string, 0},
        {"reverse", array_reverse, 0}, {"indexOf", array_index_of, 1},
        {"lastIndexOf", array_last_index_of, 1}, {"includes", array_includes, 1},
        {"forEach", array_for_each, 1}, {"map", array_map, 1}, {"filter", array_filter, 1},
        {"some", array_some, 1}, {"every", array_every, 1}, {"find", array_find, 1},
        {"findIndex", array_find_index, 1}, {"findLast", array_find_last, 1},
        {"findLastIndex", array_find_last_index, 1}, {"reduce", array_reduce, 1},
        {"reduceRight", array_reduce_right, 1}, {"fill", array_fill, 1},
        {"keys", array_keys, 0}, {"values", array_values, 0}, {"entries", array_entries, 0},
    };
    for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
        gh_value f = js_make_native(proto, m[i].name, m[i].fn, m[i].len);
        js_native_info_of(f)->atom_clean = holds_no_atom(m[i].fn);
    }
    js_builtins_array_flat_init(proto);
    js_builtins_array_sort_init(proto);
    js_builtins_array_copy_init(proto);
    R.array_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
