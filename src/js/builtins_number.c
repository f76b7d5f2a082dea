/* builtins_number.c - Number and Boolean. */
#include <float.h>

#include "builtins.h"

static bool this_number(gh_value *this_, double *d)
{
    gh_value v = *this_;
    if (js_is_class(v, JC_BOXED))
        v = js_obj(v)->slots[0];
    if (!js_is_number(v)) {
        js_throw_error(JE_TYPE, "Number.prototype.valueOf requires that 'this' be a Number");
        return false;
    }
    *d = js_num(v);
    return true;
}

NATIVE(number_ctor)
{
    double d = argc ? js_to_number(argv[0]) : 0;
    if (R.has_exception)
        return JS_EXCEPTION;
    if (!IS_NEW)
        return js_number(d);
    return js_to_object(js_number(d));
}

NATIVE(number_is_integer)
{
    UNUSED_ARGS;
    gh_value v = ARG(0);
    return js_bool(js_is_number(v) && isfinite(js_num(v)) && js_num(v) == floor(js_num(v)));
}

NATIVE(number_is_safe_integer)
{
    UNUSED_ARGS;
    gh_value v = ARG(0);
    return js_bool(js_is_number(v) && js_num(v) == floor(js_num(v)) && fabs(js_num(v)) <= 9007199254740991.0);
}

NATIVE(number_is_finite)
{
    UNUSED_ARGS;
    return js_bool(js_is_number(ARG(0)) && isfinite(js_num(ARG(0))));
}

NATIVE(number_is_nan)
{
    UNUSED_ARGS;
    return js_bool(js_is_number(ARG(0)) && js_num(ARG(0)) != js_num(ARG(0)));
}

NATIVE(number_to_fixed)
{
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    double f = js_to_integer(js_to_number(ARG(0)));
    if (f < 0 || f > 100)
        return js_throw_error(JE_RANGE, "toFixed() digits argument must be between 0 and 100");
    js_sbuf b = {0};
    js_number_to_fixed(d, (int)f, &b);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(number_to_precision)
{
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    if (ARG(0) == JS_UNDEFINED || !isfinite(d))
        return js_number_to_string(d);
    double p = js_to_integer(js_to_number(ARG(0)));
    if (p < 1 || p > 100)
        return js_throw_error(JE_RANGE, "toPrecision() argument must be between 1 and 100");
    char buf[256];
    int e = d == 0 ? 0 : (int)floor(log10(fabs(d)));
    snprintf(buf, sizeof buf, "%.*e", (int)p - 1, d);
    e = atoi(strchr(buf, 'e') + 1);
    if (e < -6 || e >= p) {
        /* exponent form: mantissa digits, then e+N */
        char *ep = strchr(buf, 'e');
        *ep = 0;
        return js_string_printf("%se%c%d", buf, e < 0 ? '-' : '+', abs(e));
    }
    snprintf(buf, sizeof buf, "%.*f", (int)p - 1 - e, d);
    return js_string_cstr(buf);
}

NATIVE(number_to_string)
{
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    int radix = ARG(0) == JS_UNDEFINED ? 10 : (int)js_to_integer(js_to_number(ARG(0)));
    if (radix < 2 || radix > 36)
        return js_throw_error(JE_RANGE, "toString() radix must be between 2 and 36");
    js_sbuf b = {0};
    js_number_to_radix(d, radix, &b);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(number_value_of)
{
    UNUSED_ARGS;
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    return js_number(d);
}

NATIVE(boolean_ctor)
{
    gh_value b = js_bool(argc && js_truthy(argv[0]));
    return IS_NEW ? js_to_object(b) : b;
}

NATIVE(boolean_value_of)
{
    UNUSED_ARGS;
    gh_value v = *this_;
    if (js_is_class(v, JC_BOXED))
        v = js_obj(v)->slots[0];
    if (v != JSV_TRUE && v != JSV_FALSE)
        return js_throw_error(JE_TYPE, "Boolean.prototype.valueOf requires that 'this' be a Boolean");
    return v;
}

NATIVE(boolean_to_string)
{
    gh_value v = boolean_value_of(this_, argc, argv);
    return v == JS_EXCEPTION ? v : js_to_string(v);
}

void js_builtins_number_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new_shape(js_shape_root(R.object_proto, JC_BOXED, 0)));
    js_obj(*proto)->slots[0] = gh_from_int(0);
    gh_value *ctor = js_root(js_make_ctor("Number", number_ctor, 1, proto));
    js_make_native(ctor, "isInteger", number_is_integer, 1);
    js_make_native(ctor, "isSafeInteger", number_is_safe_integer, 1);
    js_make_native(ctor, "isFinite", number_is_finite, 1);
    js_make_native(ctor, "isNaN", number_is_nan, 1);
    js_define_value(*ctor, js_atom_cstr("parseFloat"), js_global_get(js_atom_cstr("parseFloat")), PF_HIDDEN);
    js_define_value(*ctor, js_atom_cstr("parseInt"), js_global_get(js_atom_cstr("parseInt")), PF_HIDDEN);
    js_define_value(*ctor, js_atom_cstr("MAX_SAFE_INTEGER"), js_number(9007199254740991.0), 0);
    js_define_value(*ctor, js_atom_cstr("MIN_SAFE_INTEGER"), js_number(-9007199254740991.0), 0);
    js_define_value(*ctor, js_atom_cstr("EPSILON"), js_number(DBL_EPSILON), 0);
    js_define_value(*ctor, js_atom_cstr("MAX_VALUE"), js_number(DBL_MAX), 0);
    js_define_value(*ctor, js_atom_cstr("MIN_VALUE"), js_number(4.9406564584124654e-324), 0);
    js_define_value(*ctor, js_atom_cstr("POSITIVE_INFINITY"), js_number(INFINITY), 0);
    js_define_value(*ctor, js_atom_cstr("NEGATIVE_INFINITY"), js_number(-INFINITY), 0);
    js_define_value(*ctor, js_atom_cstr("NaN"), js_number(NAN), 0);
    js_make_native(proto, "toFixed", number_to_fixed, 1);
    js_make_native(proto, "toPrecision", number_to_precision, 1);
    js_make_native(proto, "toString", number_to_string, 1);
    js_make_native(proto, "toLocaleString", number_to_string, 0);
    js_make_native(proto, "valueOf", number_value_of, 0);
    R.number_proto = *proto;
    gh_value *bproto = js_root(js_object_new_shape(js_shape_root(R.object_proto, JC_BOXED, 0)));
    js_obj(*bproto)->slots[0] = JSV_FALSE;
    js_make_ctor("Boolean", boolean_ctor, 1, bproto);
    js_make_native(bproto, "valueOf", boolean_value_of, 0);
    js_make_native(bproto, "toString", boolean_to_string, 0);
    R.boolean_proto = *bproto;
    JS_SCOPE_CLOSE(sc);
}
