/* builtins_array_flat.c - Array.prototype.flat and flatMap.
 *
 * Both copy elements into a new array, descending into the elements that
 * are arrays: flat to a given depth (1 by default, Infinity for all), flatMap
 * one level into what its callback returns.  Holes are skipped, as in V8. */
#include <math.h>

#include "builtins.h"

/* Append the elements of *src (an array or array-like of length len) to
 * *out, arrays among them flattened depth levels further.  The C stack
 * bounds the nesting: too deep is V8's RangeError. */
static bool flatten_into(gh_value *out, gh_value *src, uint64_t len, double depth)
{
    if (js_c_stack_low()) {
        js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
        return false;
    }
    for (uint64_t i = 0; i < len; i++) {
        gh_value v = js_elem_at(*src, i);
        if (v == JS_EXCEPTION)
            return false;
        if (v == JS_HOLE)
            continue;
        gh_value *vh = js_root(v);
        if (depth >= 1 && js_is_array(*vh)) {
            if (!flatten_into(out, vh, js_array_length(js_obj(*vh)), depth - 1))
                return false;
        } else if (!js_array_push(out, vh)) {
            return false;
        }
    }
    return true;
}

NATIVE(array_flat)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    double depth = 1;
    if (ARG(0) != JS_UNDEFINED) {
        depth = js_to_number(argv[0]);
        if (R.has_exception)
            return JS_EXCEPTION;
        depth = depth != depth ? 0 : trunc(depth); /* ToIntegerOrInfinity */
    }
    gh_value *out = js_root(js_array_new(0, 0));
    return flatten_into(out, this_, len, depth) ? *out : JS_EXCEPTION;
}

NATIVE(array_flat_map)
{
    uint64_t len;
    if (!js_this_and_length(this_, &len))
        return JS_EXCEPTION;
    if (!js_is_callable(ARG(0)))
        return js_throw_error(JE_TYPE, "flatMap mapper function is not callable");
    gh_value *out = js_root(js_array_new(0, 0));
    for (uint64_t i = 0; i < len; i++) {
        gh_value v = js_elem_at(*this_, i);
        if (v == JS_EXCEPTION)
            return v;
        if (v == JS_HOLE)
            continue;
        gh_value cargs[3] = {v, js_number((double)i), *this_};
        gh_value *r = js_root(js_call(argv[0], ARG(1), 3, cargs));
        if (*r == JS_EXCEPTION)
            return JS_EXCEPTION;
        bool ok = js_is_array(*r) ? flatten_into(out, r, js_array_length(js_obj(*r)), 0)
                                  : js_array_push(out, r);
        if (!ok)
            return JS_EXCEPTION;
    }
    return *out;
}

void js_builtins_array_flat_init(gh_value *proto)
{
    js_make_native(proto, "flat", array_flat, 0);
    gh_value f = js_make_native(proto, "flatMap", array_flat_map, 1);
    js_native_info_of(f)->atom_clean = true; /* no atom held across its calls */
}
