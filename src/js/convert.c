/* convert.c - ECMAScript type conversions and equality. */
#include <math.h>
#include <string.h>

#include "vm.h"

bool js_truthy(gh_value v)
{
    if (gh_is_int(v))
        return gh_to_int(v) != 0;
    if (gh_is_double(v)) {
        double d = gh_to_double(v);
        return d == d && d != 0;
    }
    if (v == JSV_TRUE)
        return true;
    if (gh_is_special(v))
        return false;
    if (js_is_string(v))
        return js_str(v)->len != 0;
    return true;
}

gh_value js_to_primitive(gh_value v, int hint)
{
    if (!js_is_object(v))
        return v;
    /* A native that converted an argument whose valueOf threw may go on to
     * convert the next: while that exception is pending no more script
     * runs, so it is the one thrown (as a script sees: the first throw
     * ends the call). */
    if (R.has_exception)
        return JS_EXCEPTION;
    JS_SCOPE_OPEN(sc);
    gh_value *h = js_root(v);
    js_atom_id order[2] = {A_valueOf, A_toString};
    if (hint == 2 || (hint == 0 && js_is_class(v, JC_DATE))) /* Date's @@toPrimitive: default is string */
        order[0] = A_toString, order[1] = A_valueOf;
    gh_value r = JS_EXCEPTION;
    for (int i = 0; i < 2; i++) {
        gh_value f = js_get(*h, order[i]);
        if (f == JS_EXCEPTION)
            goto out;
        if (js_is_callable(f)) {
            r = js_call(f, *h, 0, NULL);
            if (r == JS_EXCEPTION || !js_is_object(r))
                goto out;
        }
    }
    r = js_throw_error(JE_TYPE, "Cannot convert object to primitive value");
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

double js_to_number(gh_value v)
{
    if (gh_is_int(v))
        return (double)gh_to_int(v);
    if (gh_is_double(v))
        return gh_to_double(v);
    if (v == JS_UNDEFINED)
        return NAN;
    if (v == JSV_NULL || v == JSV_FALSE)
        return 0;
    if (v == JSV_TRUE)
        return 1;
    if (js_is_string(v))
        return js_string_to_number(js_str(v)->data, js_str(v)->len);
    if (js_is_object(v)) {
        gh_value p = js_to_primitive(v, 1);
        if (p == JS_EXCEPTION)
            return NAN;
        return js_to_number(p);
    }
    return NAN;
}

gh_value js_to_string(gh_value v)
{
    if (js_is_string(v))
        return v;
    if (gh_is_int(v)) {
        char buf[24];
        int n = (int)js_format_int(gh_to_int(v), buf, sizeof buf);
        if (gh_to_int(v) >= 0 && gh_to_int(v) < 1024)
            return js_atom_string(js_atom_intern(buf, (size_t)n));
        return js_string_new(buf, (size_t)n);
    }
    if (gh_is_double(v))
        return js_number_to_string(gh_to_double(v));
    switch (v) {
    case JS_UNDEFINED: return js_atom_string(A_undefined);
    case JSV_NULL: return js_atom_string(js_atom_cstr("null"));
    case JSV_TRUE: return js_atom_string(js_atom_cstr("true"));
    case JSV_FALSE: return js_atom_string(js_atom_cstr("false"));
    default: break;
    }
    if (js_is_object(v)) {
        gh_value p = js_to_primitive(v, 2);
        if (p == JS_EXCEPTION)
            return p;
        return js_to_string(p);
    }
    return js_string_cstr("");
}

gh_value js_to_object(gh_value v)
{
    if (js_is_object(v))
        return v;
    if (js_is_nullish(v))
        return js_throw_error(JE_TYPE, "Cannot convert undefined or null to object");
    JS_SCOPE_OPEN(sc);
    gh_value *h = js_root(v);
    gh_value o = js_object_new_shape(js_shape_root(js_get_proto(v), JC_BOXED, 0));
    gh_set_value(js_obj(o), &js_obj(o)->slots[0], *h);
    JS_SCOPE_CLOSE(sc);
    return o;
}

double js_to_integer(double d)
{
    if (d != d)
        return 0;
    return d < 0 ? ceil(d) : floor(d);
}

/* ToLength: an integer in [0, 2^53 - 1], NaN being 0. */
uint64_t js_to_length(double d)
{
    d = js_to_integer(d);
    return d <= 0 ? 0 : d >= 9007199254740991.0 ? 9007199254740991u : (uint64_t)d;
}

uint32_t js_to_uint32(double d)
{
    if (d != d || isinf(d))
        return 0;
    if (d >= 0 && d < 4294967296.0)
        return (uint32_t)d;
    d = fmod(js_to_integer(d), 4294967296.0);
    if (d < 0)
        d += 4294967296.0;
    return (uint32_t)d;
}

int32_t js_to_int32(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d;
    return (int32_t)js_to_uint32(d);
}

const char *js_typeof_name(gh_value v)
{
    if (js_is_number(v))
        return "number";
    if (v == JS_UNDEFINED || v == JS_HOLE)
        return "undefined";
    if (v == JSV_NULL)
        return "object";
    if (v == JSV_TRUE || v == JSV_FALSE)
        return "boolean";
    if (js_is_string(v))
        return "string";
    if (js_is_callable(v))
        return "function";
    return "object";
}

gh_value js_typeof(gh_value v) { return js_atom_string(js_atom_cstr(js_typeof_name(v))); }

bool js_strict_equals(gh_value a, gh_value b)
{
    if (js_is_number(a) && js_is_number(b)) {
        if (gh_is_int(a) && gh_is_int(b))
            return a == b;
        return js_num(a) == js_num(b);
    }
    if (a == b)
        return true;
    if (js_is_string(a) && js_is_string(b))
        return js_string_equal(a, b);
    return false;
}

bool js_same_value_zero(gh_value a, gh_value b)
{
    if (js_is_number(a) && js_is_number(b)) {
        double x = js_num(a), y = js_num(b);
        return x == y || (x != x && y != y);
    }
    return js_strict_equals(a, b);
}

bool js_same_value(gh_value a, gh_value b)
{
    if (js_is_number(a) && js_is_number(b)) {
        double x = js_num(a), y = js_num(b);
        if (x == 0 && y == 0) /* +0 is not -0 */
            return signbit(x) == signbit(y);
    }
    return js_same_value_zero(a, b);
}

int js_loose_equals(gh_value a, gh_value b)
{
    for (;;) {
        if (js_is_number(a) && js_is_number(b))
            return js_num(a) == js_num(b);
        if (js_is_string(a) && js_is_string(b))
            return js_string_equal(a, b);
        if (js_is_nullish(a) || js_is_nullish(b))
            return js_is_nullish(a) && js_is_nullish(b);
        if (js_is_object(a) && js_is_object(b))
            return a == b;
        if (a == b)
            return 1;
        if (a == JSV_TRUE || a == JSV_FALSE) {
            a = gh_from_int(a == JSV_TRUE);
            continue;
        }
        if (b == JSV_TRUE || b == JSV_FALSE) {
            b = gh_from_int(b == JSV_TRUE);
            continue;
        }
        if (js_is_number(a) && js_is_string(b))
            return js_num(a) == js_to_number(b);
        if (js_is_string(a) && js_is_number(b))
            return js_to_number(a) == js_num(b);
        if (js_is_object(a)) {
            JS_SCOPE_OPEN(sc);
            gh_value *bh = js_root(b);
            a = js_to_primitive(a, 0);
            b = *bh;
            JS_SCOPE_CLOSE(sc);
            if (a == JS_EXCEPTION)
                return -1;
            continue;
        }
        if (js_is_object(b)) {
            JS_SCOPE_OPEN(sc);
            gh_value *ah = js_root(a);
            b = js_to_primitive(b, 0);
            a = *ah;
            JS_SCOPE_CLOSE(sc);
            if (b == JS_EXCEPTION)
                return -1;
            continue;
        }
        return 0;
    }
}

void js_describe(gh_value v, js_sbuf *out)
{
    if (js_is_string(v)) {
        sb_put(out, js_str(v)->data, js_str(v)->len);
    } else if (js_is_number(v)) {
        char buf[64];
        js_number_format(js_num(v), buf, sizeof buf);
        sb_puts(out, buf);
    } else if (js_is_object(v)) {
        sb_puts(out, js_is_callable(v) ? "function" : js_is_array(v) ? "array" : "#<Object>");
    } else {
        sb_puts(out, v == JS_UNDEFINED ? "undefined" : v == JSV_NULL ? "null" : v == JSV_TRUE ? "true" : "false");
    }
}
