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

/* A fraction-digits option in 0..100, or fallback when absent; false with
 * V8's RangeError otherwise. */
static bool digits_option(gh_value options, const char *name, int fallback, int *out)
{
    gh_value v = js_get(options, js_atom_cstr(name));
    if (v == JS_EXCEPTION)
        return false;
    if (v == JS_UNDEFINED) {
        *out = fallback;
        return true;
    }
    double x = js_to_number(v);
    if (R.has_exception)
        return false;
    if (!(x >= 0 && x <= 100)) {
        js_throw_error(JE_RANGE, "%s value is out of range.", name);
        return false;
    }
    *out = (int)x;
    return true;
}

/* Number.prototype.toLocaleString as node formats for en-US (its locale
 * here; other locales are formatted the same): grouped digits, at most
 * three decimals, NaN and the infinities as ICU writes them; the options
 * minimumFractionDigits, maximumFractionDigits and useGrouping. */
NATIVE(number_to_locale_string)
{
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    int min_frac = 0, max_frac = 3;
    bool grouping = true;
    gh_value options = ARG(1);
    if (js_is_object(options)) {
        gh_value *o = js_root(options);
        if (!digits_option(*o, "minimumFractionDigits", 0, &min_frac) ||
            !digits_option(*o, "maximumFractionDigits", min_frac > 3 ? min_frac : 3, &max_frac))
            return JS_EXCEPTION;
        if (min_frac > max_frac)
            return js_throw_error(JE_RANGE, "maximumFractionDigits value is out of range.");
        gh_value g = js_get(*o, js_atom_cstr("useGrouping"));
        if (g == JS_EXCEPTION)
            return JS_EXCEPTION;
        grouping = g == JS_UNDEFINED || js_truthy(g);
    }
    js_sbuf b = {0};
    if (signbit(d))
        sb_putc(&b, '-');
    if (d != d)
        sb_puts(&b, "NaN");
    else if (isinf(d))
        sb_puts(&b, "\xE2\x88\x9E"); /* U+221E, as ICU */
    else
        js_number_to_locale(fabs(d), min_frac, max_frac, grouping, &b);
    gh_value r = js_string_new(b.data, b.len);
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
    double pd = js_to_integer(js_to_number(ARG(0)));
    if (pd < 1 || pd > 100)
        return js_throw_error(JE_RANGE, "toPrecision() argument must be between 1 and 100");
    int p = (int)pd;
    /* glibc prints the exact decimal expansion: round it to p digits half
     * away from zero, as JS does (printf rounds exact ties to even, so
     * (2.5).toPrecision(1) came out "2"); 40 more digits cannot all be 9s.
     * dig holds the digits of buf, up to 141 of them (p = 100). */
    char buf[256], dig[sizeof buf];
    snprintf(buf, sizeof buf, "%.*e", p + 40, fabs(d));
    int e = atoi(strchr(buf, 'e') + 1), n = 0;
    for (const char *q = buf; *q != 'e'; q++)
        if (*q != '.')
            dig[n++] = *q;
    bool up = dig[p] >= '5';
    dig[p] = 0;
    for (int i = p - 1; up && i >= 0; i--) {
        up = dig[i] == '9';
        dig[i] = up ? '0' : (char)(dig[i] + 1);
    }
    if (up) { /* 9.99 -> 10.0 */
        dig[0] = '1';
        e++;
    }
    js_sbuf b = {0};
    if (d < 0)
        sb_putc(&b, '-');
    if (e < -6 || e >= p) { /* d.ddde+N */
        sb_putc(&b, dig[0]);
        if (p > 1)
            sb_printf(&b, ".%s", dig + 1);
        sb_printf(&b, "e%c%d", e < 0 ? '-' : '+', abs(e));
    } else if (e >= 0) {
        sb_put(&b, dig, (size_t)e + 1);
        if (p > e + 1)
            sb_printf(&b, ".%s", dig + e + 1);
    } else {
        sb_puts(&b, "0.");
        for (int i = 0; i < -e - 1; i++)
            sb_putc(&b, '0');
        sb_puts(&b, dig);
    }
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(number_to_string)
{
    double d;
    if (!this_number(this_, &d))
        return JS_EXCEPTION;
    double rx = ARG(0) == JS_UNDEFINED ? 10 : js_to_integer(js_to_number(ARG(0)));
    if (!(rx >= 2 && rx <= 36))
        return js_throw_error(JE_RANGE, "toString() radix argument must be between 2 and 36");
    int radix = (int)rx;
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

/* ---- Date (the basics: now, getTime, toISOString; UTC only) ---- */

#include <sys/time.h>
#include <time.h>

static double now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec * 1000.0 + (double)(tv.tv_usec / 1000);
}



/* ECMAScript's TimeClip: NaN beyond 100,000,000 days either side of 1970,
 * so every time kept fits a time_t and gmtime_r. */
static double time_clip(double t)
{
    return isfinite(t) && fabs(t) <= 8.64e15 ? trunc(t) + 0.0 : NAN;
}

/* Days from 1970-01-01 to the first day of year y (MakeDay's DayFromYear). */
static double day_from_year(double y)
{
    return 365 * (y - 1970) + floor((y - 1969) / 4) - floor((y - 1901) / 100) +
           floor((y - 1601) / 400);
}

/* new Date(y, m, d, h, mi, s, ms) as UTC, in doubles (MakeDay, MakeTime):
 * any number of any size gives a time or NaN, never an int overflow. */
static double time_from_fields(int argc, gh_value *argv)
{
    double f[7] = {0, 0, 1, 0, 0, 0, 0};
    for (int i = 0; i < argc && i < 7; i++) {
        f[i] = js_to_number(argv[i]);
        if (!isfinite(f[i]))
            return NAN;
        f[i] = trunc(f[i]);
    }
    if (fabs(f[0]) > 1e9 || fabs(f[1]) > 1e9) /* far past TimeClip's range */
        return NAN;
    double y = f[0] >= 0 && f[0] <= 99 ? 1900 + f[0] : f[0];
    double ym = y + floor(f[1] / 12), mn = f[1] - floor(f[1] / 12) * 12;
    static const int month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    bool leap = fmod(ym, 4) == 0 && (fmod(ym, 100) != 0 || fmod(ym, 400) == 0);
    double day = day_from_year(ym) + month_start[(int)mn] + (leap && mn >= 2) + f[2] - 1;
    double ms = f[3] * 3600000 + f[4] * 60000 + f[5] * 1000 + f[6];
    return time_clip(day * 86400000 + ms);
}

NATIVE(date_ctor)
{
    double t = argc == 0 ? now_ms() : time_clip(js_to_number(argv[0]));
    if (argc > 1)
        t = time_from_fields(argc, argv);
    if (!IS_NEW)
        return js_string_printf("%.0f", now_ms());
    gh_value d = js_object_new_shape(js_shape_root(R.object_proto, JC_DATE, 0));
    js_obj(d)->slots[0] = js_number(t == t ? floor(t) : t);
    gh_value *dh = js_root(d);
    gh_value *p = js_root(js_global_get(js_atom_cstr("Date")));
    gh_value proto = js_get(*p, A_prototype);
    js_set_proto(dh, proto);
    return *dh;
}

NATIVE(date_now)
{
    UNUSED_ARGS;
    return js_number(now_ms());
}

static bool this_time(gh_value *this_, double *t)
{
    if (!js_is_class(*this_, JC_DATE)) {
        js_throw_error(JE_TYPE, "this is not a Date object.");
        return false;
    }
    *t = js_num(js_obj(*this_)->slots[0]);
    return true;
}

NATIVE(date_get_time)
{
    UNUSED_ARGS;
    double t;
    return this_time(this_, &t) ? js_number(t) : JS_EXCEPTION;
}

void js_date_iso(double t, js_sbuf *out);
void js_date_iso(double t, js_sbuf *out)
{
    if (t != t) {
        sb_puts(out, "Invalid Date");
        return;
    }
    time_t secs = (time_t)floor(t / 1000);
    int ms = (int)(t - (double)secs * 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    sb_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

NATIVE(date_to_iso)
{
    UNUSED_ARGS;
    double t;
    if (!this_time(this_, &t))
        return JS_EXCEPTION;
    if (t != t)
        return js_throw_error(JE_RANGE, "Invalid time value");
    js_sbuf b = {0};
    js_date_iso(t, &b);
    gh_value r = js_string_new(b.data, b.len);
    sb_free(&b);
    return r;
}

/* toString (ISO here, unlike node) and toJSON: an invalid date is
 * 'Invalid Date' and null, where toISOString throws. */
NATIVE(date_to_string)
{
    double t;
    if (!this_time(this_, &t))
        return JS_EXCEPTION;
    return t != t ? js_string_cstr("Invalid Date") : date_to_iso(this_, argc, argv);
}

NATIVE(date_to_json)
{
    double t;
    if (!this_time(this_, &t))
        return JS_EXCEPTION;
    return t != t ? JSV_NULL : date_to_iso(this_, argc, argv);
}

NATIVE(date_get_part)
{
    UNUSED_ARGS;
    double t;
    if (!this_time(this_, &t))
        return JS_EXCEPTION;
    if (t != t)
        return gh_from_double(NAN);
    const char *name = ((js_native_info *)js_cptr_get(js_obj(this_[-1])->slots[0]))->name;
    time_t secs = (time_t)floor(t / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    if (strstr(name, "FullYear")) return gh_from_int(tm.tm_year + 1900);
    if (strstr(name, "Month")) return gh_from_int(tm.tm_mon);
    if (strstr(name, "Date")) return gh_from_int(tm.tm_mday);
    if (strstr(name, "Day")) return gh_from_int(tm.tm_wday);
    if (strstr(name, "Hours")) return gh_from_int(tm.tm_hour);
    if (strstr(name, "Minutes")) return gh_from_int(tm.tm_min);
    if (strstr(name, "Milliseconds")) return js_number(t - (double)secs * 1000);
    if (strstr(name, "Seconds")) return gh_from_int(tm.tm_sec);
    return gh_from_int(0);
}

static void date_init(void)
{
    gh_value *proto = js_root(js_object_new());
    js_make_ctor("Date", date_ctor, 7, proto);
    gh_value *ctor = js_root(js_global_get(js_atom_cstr("Date")));
    js_make_native(ctor, "now", date_now, 0);
    js_make_native(proto, "getTime", date_get_time, 0);
    js_make_native(proto, "valueOf", date_get_time, 0);
    js_make_native(proto, "toISOString", date_to_iso, 0);
    js_make_native(proto, "toJSON", date_to_json, 1);
    js_make_native(proto, "toString", date_to_string, 0);
    static const char *const parts[] = {"getFullYear", "getMonth", "getDate", "getDay", "getHours",
                                        "getMinutes", "getSeconds", "getMilliseconds",
                                        "getUTCFullYear", "getUTCMonth", "getUTCDate", "getUTCDay",
                                        "getUTCHours", "getUTCMinutes", "getUTCSeconds",
                                        "getUTCMilliseconds"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        js_make_native(proto, parts[i], date_get_part, 0);

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
    js_make_native(proto, "toLocaleString", number_to_locale_string, 0);
    js_make_native(proto, "valueOf", number_value_of, 0);
    R.number_proto = *proto;
    gh_value *bproto = js_root(js_object_new_shape(js_shape_root(R.object_proto, JC_BOXED, 0)));
    js_obj(*bproto)->slots[0] = JSV_FALSE;
    js_make_ctor("Boolean", boolean_ctor, 1, bproto);
    js_make_native(bproto, "valueOf", boolean_value_of, 0);
    js_make_native(bproto, "toString", boolean_to_string, 0);
    R.boolean_proto = *bproto;
    date_init();
    JS_SCOPE_CLOSE(sc);
}
