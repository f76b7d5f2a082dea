/* ops.c - the slow paths of the interpreter's operators (anything beyond
 * small-integer arithmetic), and bound-function calls.  Operands are
 * rooted slots of the VM stack. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "vm.h"

gh_value js_op_add(gh_value *a, gh_value *b);
gh_value js_op_arith(int op, gh_value *a, gh_value *b);
gh_value js_op_compare(int op, gh_value *a, gh_value *b);
gh_value js_op_unary(int op, gh_value *a);
gh_value js_call_bound(gh_value *base, int argc, bool construct);

gh_value js_op_add(gh_value *a, gh_value *b)
{
    if (js_is_string(*a) && js_is_string(*b))
        return js_string_concat(a, b);
    JS_SCOPE_OPEN(sc);
    gh_value *pa = js_root(js_to_primitive(*a, 0));
    gh_value r = JS_EXCEPTION;
    if (*pa == JS_EXCEPTION)
        goto out;
    gh_value *pb = js_root(js_to_primitive(*b, 0));
    if (*pb == JS_EXCEPTION)
        goto out;
    if (js_is_string(*pa) || js_is_string(*pb)) {
        gh_value sa = js_to_string(*pa);
        if (sa == JS_EXCEPTION)
            goto out;
        *pa = sa;
        gh_value sb = js_to_string(*pb);
        if (sb == JS_EXCEPTION)
            goto out;
        *pb = sb;
        r = js_string_concat(pa, pb);
    } else {
        double x = js_to_number(*pa);
        double y = js_to_number(*pb);
        r = R.has_exception ? JS_EXCEPTION : js_number(x + y);
    }
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

static double js_fmod(double x, double y)
{
    if (y == 0 || isinf(x) || x != x || y != y)
        return NAN;
    if (isinf(y))
        return x;
    double r = fmod(x, y);
    if (r == 0 && x < 0)
        return -0.0;
    return r;
}

gh_value js_op_arith(int op, gh_value *a, gh_value *b)
{
    if (op == OP_INSTANCEOF) {
        bool err;
        bool r = js_instance_of(*a, *b, &err);
        return err ? JS_EXCEPTION : js_bool(r);
    }
    if (op == OP_IN) {
        if (!js_is_object(*b))
            return js_throw_error(JE_TYPE, "Cannot use 'in' operator to search for '%s' in %s",
                                  js_is_string(*a) ? js_str(*a)->data : "key",
                                  js_is_string(*b) ? js_str(*b)->data : js_typeof_name(*b));
        js_atom_id k = js_key_atom(*a);
        if (k == (js_atom_id)-1)
            return JS_EXCEPTION;
        return js_bool(js_has_property(*b, k));
    }
    double x = js_to_number(*a);
    if (R.has_exception)
        return JS_EXCEPTION;
    double y = js_to_number(*b);
    if (R.has_exception)
        return JS_EXCEPTION;
    switch (op) {
    case OP_SUB: return js_number(x - y);
    case OP_MUL: return js_number(x * y);
    case OP_DIV: return js_number(x / y);
    case OP_MOD: return js_number(js_fmod(x, y));
    case OP_EXP:
        if ((x == 1 || x == -1) && isinf(y))
            return gh_from_double(NAN);
        return js_number(pow(x, y));
    case OP_SHL: return js_number((double)(int32_t)((uint32_t)js_to_int32(x) << (js_to_uint32(y) & 31)));
    case OP_SAR: return js_number((double)(js_to_int32(x) >> (js_to_uint32(y) & 31)));
    case OP_SHR: return js_number((double)(js_to_uint32(x) >> (js_to_uint32(y) & 31)));
    case OP_BITAND: return js_number((double)(js_to_int32(x) & js_to_int32(y)));
    case OP_BITOR: return js_number((double)(js_to_int32(x) | js_to_int32(y)));
    case OP_BITXOR: return js_number((double)(js_to_int32(x) ^ js_to_int32(y)));
    default: return js_throw_error(JE_ERROR, "bad operator");
    }
}

gh_value js_op_compare(int op, gh_value *a, gh_value *b)
{
    JS_SCOPE_OPEN(sc);
    gh_value r = JS_EXCEPTION;
    gh_value *pa = js_root(js_to_primitive(*a, 1));
    if (*pa == JS_EXCEPTION)
        goto out;
    gh_value *pb = js_root(js_to_primitive(*b, 1));
    if (*pb == JS_EXCEPTION)
        goto out;
    if (js_is_string(*pa) && js_is_string(*pb)) {
        int c = js_string_compare(*pa, *pb);
        bool t = op == OP_LT ? c < 0 : op == OP_GT ? c > 0 : op == OP_LE ? c <= 0 : c >= 0;
        r = js_bool(t);
        goto out;
    }
    double x = js_to_number(*pa), y = js_to_number(*pb);
    if (R.has_exception)
        goto out;
    bool t = op == OP_LT ? x < y : op == OP_GT ? x > y : op == OP_LE ? x <= y : x >= y;
    r = js_bool(t);
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

gh_value js_op_unary(int op, gh_value *a)
{
    if (op == OP_TYPEOF)
        return js_typeof(*a);
    double x = js_to_number(*a);
    if (R.has_exception)
        return JS_EXCEPTION;
    switch (op) {
    case OP_INC: return js_number(x + 1);
    case OP_DEC: return js_number(x - 1);
    case OP_NEG: return js_number(-x);
    case OP_POS: return js_number(x);
    case OP_BITNOT: return js_number((double)~js_to_int32(x));
    default: return js_throw_error(JE_ERROR, "bad operator");
    }
}

/* base[0] is a bound function; this and the arguments follow. */
gh_value js_call_bound(gh_value *base, int argc, bool construct)
{
    if (js_c_stack_low()) /* a chain of functions bound to bound functions */
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    JS_SCOPE_OPEN(sc);
    js_object *b = js_obj(base[0]);
    js_store *bargs = b->slots[2] ? gh_to_ptr(b->slots[2]) : NULL;
    size_t nb = bargs ? js_store_cap(bargs) : 0;
    size_t n = nb + (size_t)argc;
    gh_value *tmp = js_root(gh_from_ptr(js_store_new(n ? n : 1, 0)));
    b = js_obj(base[0]);
    bargs = b->slots[2] ? gh_to_ptr(b->slots[2]) : NULL;
    js_store *t = gh_to_ptr(*tmp);
    for (size_t i = 0; i < nb; i++)
        t->items[i] = bargs->items[i];
    for (int i = 0; i < argc; i++)
        t->items[nb + (size_t)i] = base[2 + i];
    gh_write_barrier_range(t, t->items, n);
    /* copy out to a C array: js_call copies onto the VM stack before
     * anything can move */
    gh_value stackbuf[16];
    gh_value *argv = n <= 16 ? stackbuf : malloc(n * sizeof *argv);
    if (!argv) {
        JS_SCOPE_CLOSE(sc);
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    }
    memcpy(argv, t->items, n * sizeof *argv);
    R.bound_entry = true; /* this call holds no atom ids or shapes (R.c_calls) */
    gh_value r = construct ? js_construct(b->slots[0], (int)n, argv)
                           : js_call(b->slots[0], b->slots[1], (int)n, argv);
    if (argv != stackbuf)
        free(argv);
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* ---- for-of --------------------------------------------------------------
 *
 * What ghjs can iterate: arrays, arguments objects and buffers (by index,
 * the length read at every step, holes read through the prototype, as
 * the array iterator does), strings (by code point), Maps and Sets (by
 * table position: a Map yields [key, value] arrays) and their iterators
 * (which the walk consumes).  There are no symbols, so nothing else has an
 * iterator. */

bool js_for_of_iterable(gh_value v)
{
    return js_is_string(v) || js_is_array(v) || js_is_class(v, JC_ARGUMENTS) ||
           js_is_class(v, JC_BUFFER) || js_is_map_walkable(v) || js_is_class(v, JC_GENERATOR);
}

/* The next entry of a Map (as a new [key, value] array) or Set. */
static bool next_entry(gh_value *coll, int64_t *i, gh_value *out)
{
    size_t pos = (size_t)*i;
    gh_value key, value;
    if (!js_map_next(*coll, &pos, &key, &value))
        return false;
    *i = (int64_t)pos;
    *out = js_is_class(*coll, JC_SET) ? key : js_map_pair(key, value);
    return true;
}

/* The next code point of a string from byte offset i: internal UTF-8
 * keeps a surrogate pair as one 4-byte sequence, a lone surrogate as a
 * 3-byte one, so a sequence is one code point either way. */
static bool next_code_point(gh_value *str, int64_t *i, gh_value *out)
{
    const js_string *s = js_str(*str);
    if (*i >= (int64_t)s->len)
        return false;
    unsigned char lead = (unsigned char)s->data[*i];
    size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (n > s->len - (size_t)*i)
        n = s->len - (size_t)*i;
    char bytes[4];
    memcpy(bytes, s->data + *i, n); /* the string may move in the allocation below */
    *i += (int64_t)n;
    *out = n == 1 ? js_unit_string(lead) : js_string_new(bytes, n);
    return true;
}

bool js_index_walk_next(gh_value *obj, gh_value *index, gh_value *out)
{
    int64_t i = gh_to_int(*index);
    uint64_t len;
    if (js_is_array(*obj)) {
        len = js_array_length(js_obj(*obj));
    } else {
        gh_value l = js_get(*obj, A_length);
        len = js_is_number(l) ? js_to_length(js_num(l)) : 0;
    }
    if ((uint64_t)i >= len)
        return false;
    *index = gh_from_int(i + 1);
    gh_value v = js_get_index(*obj, i);
    *out = v == JS_HOLE ? JS_UNDEFINED : v;
    return true;
}

/* The value at *index of *iterable and the index after it; false when
 * the iteration is over.  MAY COLLECT (both are rooted VM stack slots). */
bool js_for_of_next(gh_value *iterable, gh_value *index, gh_value *out)
{
    if (js_is_class(*iterable, JC_GENERATOR))
        return js_generator_step(iterable, out) > 0; /* an exception stays pending */
    if (js_is_class(*iterable, JC_MAPITER))
        return js_map_iterator_next(iterable, out);
    if (!js_is_string(*iterable) && !js_is_map_or_set(*iterable))
        return js_index_walk_next(iterable, index, out);
    int64_t i = gh_to_int(*index);
    bool more = js_is_string(*iterable) ? next_code_point(iterable, &i, out)
                                        : next_entry(iterable, &i, out);
    *index = gh_from_int(i);
    return more;
}

bool js_for_of_append(gh_value *array, gh_value *iterable, gh_value *index, gh_value *value)
{
    while (js_for_of_next(iterable, index, value))
        if (!js_array_push(array, value))
            return false;
    return !R.has_exception;
}
