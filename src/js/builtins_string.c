/* builtins_string.c - String, String.prototype (byte strings: indices and
 * lengths count UTF-8 bytes, which is exact for ASCII text). */
#include <wctype.h>

#include "builtins.h"

/* this as a string value (rooted in *this_). */
static bool this_string(gh_value *this_)
{
    if (js_is_string(*this_))
        return true;
    if (js_is_class(*this_, JC_BOXED) && js_is_string(js_obj(*this_)->slots[0])) {
        *this_ = js_obj(*this_)->slots[0];
        return true;
    }
    if (js_is_nullish(*this_)) {
        js_throw_error(JE_TYPE, "String.prototype method called on null or undefined");
        return false;
    }
    gh_value s = js_to_string(*this_);
    if (s == JS_EXCEPTION)
        return false;
    *this_ = s;
    return true;
}

#define THIS_STR()                 \
    if (!this_string(this_))       \
        return JS_EXCEPTION;       \
    js_string *S = js_str(*this_); \
    (void)S

static bool arg_string(int argc, gh_value *argv, int i)
{
    if (i >= argc)
        return true;
    gh_value s = js_to_string(argv[i]);
    if (s == JS_EXCEPTION)
        return false;
    argv[i] = s;
    return true;
}

static double arg_int(int argc, gh_value *argv, int i, double dflt)
{
    if (i >= argc || argv[i] == JS_UNDEFINED)
        return dflt;
    return js_to_integer(js_to_number(argv[i]));
}

static uint32_t clampi(double d, uint32_t len)
{
    return d < 0 ? 0 : d > len ? len : (uint32_t)d;
}

NATIVE(string_ctor)
{
    gh_value s = argc ? (js_is_string(argv[0]) ? argv[0] : js_to_string(argv[0])) : R.empty_string;
    if (s == JS_EXCEPTION || !IS_NEW)
        return s;
    return js_to_object(s);
}

NATIVE(string_from_char_code)
{
    UNUSED_ARGS;
    js_sbuf b = {0};
    for (int i = 0; i < argc; i++)
        sb_put_utf8(&b, js_to_uint32(js_to_number(argv[i])) & 0xffff);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

/* String.raw(strings, ...substitutions): strings.raw's items with the
 * substitutions between them, the tag that gives a template as written. */
NATIVE(string_raw)
{
    (void)this_;
    gh_value cooked = js_to_object(ARG(0));
    if (cooked == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value *raw = js_root(js_get(cooked, js_atom_cstr("raw")));
    if (*raw == JS_EXCEPTION || (*raw = js_to_object(*raw)) == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value len = js_get(*raw, A_length);
    double n = len == JS_EXCEPTION ? 0 : (double)js_to_length(js_to_number(len));
    if (R.has_exception)
        return JS_EXCEPTION;
    js_sbuf b = {0};
    for (double i = 0; i < n; i++) {
        gh_value part = js_get_index(*raw, (int64_t)i);
        if (part == JS_EXCEPTION || !js_to_cstring(part, &b))
            goto fail;
        if (i + 1 < n && i + 1 < argc && !js_to_cstring(argv[(int)i + 1], &b))
            goto fail;
        if (b.len > JS_MAX_STRING_LENGTH) { /* {raw: {length: 1e9}} */
            js_throw_error(JE_RANGE, "Invalid string length");
            goto fail;
        }
    }
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
fail:
    sb_free(&b);
    return JS_EXCEPTION;
}

/* String.fromCodePoint: each argument a code point (an integer up to
 * 0x10FFFF; above 0xFFFF, 4 bytes of UTF-8 and two UTF-16 units). */
NATIVE(string_from_code_point)
{
    UNUSED_ARGS;
    js_sbuf b = {0};
    for (int i = 0; i < argc; i++) {
        double d = js_to_number(argv[i]);
        if (R.has_exception) {
            sb_free(&b);
            return JS_EXCEPTION;
        }
        if (!(d >= 0 && d <= 0x10FFFF) || d != (double)(uint32_t)d) {
            sb_free(&b);
            js_sbuf s = {0};
            js_describe(js_number(d), &s);
            gh_value r = js_throw_error(JE_RANGE, "Invalid code point %s", sb_cstr(&s));
            sb_free(&s);
            return r;
        }
        sb_put_utf8(&b, (uint32_t)d);
    }
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

/* A UTF-16 view of a string for index arithmetic: ASCII strings are read in
 * place (so no allocation may happen while the view is used), others are
 * decoded into a malloc'd array. */
typedef struct uview {
    const char *b;      /* ASCII bytes, or NULL */
    uint16_t *u;        /* decoded units, or NULL */
    uint32_t n;
} uview;

static uview view_of(gh_value str)
{
    js_string *s = js_str(str);
    uview v = {NULL, NULL, 0};
    if (s->wide)
        v.u = js_str_units(s, &v.n);
    else
        v.b = s->data, v.n = s->len;
    return v;
}

static inline uint32_t unit(const uview *v, uint32_t i) { return v->u ? v->u[i] : (unsigned char)v->b[i]; }
static void view_free(uview *v) { free(v->u); }

/* Units [a, b) of the string in *str as a new string. */
static gh_value slice_units(gh_value *str, uview *v, uint32_t a, uint32_t b)
{
    if (b <= a)
        return R.empty_string;
    if (!v->u)
        return js_string_slice(str, a, b - a);
    return js_string_from_units(v->u + a, b - a);
}

static long find_units(const uview *h, const uview *n, long from, bool last)
{
    long hl = (long)h->n, nl = (long)n->n;
    for (long i = last ? (from < hl - nl ? from : hl - nl) : from; last ? i >= 0 : i + nl <= hl; i += last ? -1 : 1) {
        long k = 0;
        while (k < nl && unit(h, (uint32_t)(i + k)) == unit(n, (uint32_t)k))
            k++;
        if (k == nl)
            return i;
    }
    return -1;
}

/* byte-wise search (for replace/split: UTF-8 is self-synchronizing) */
static long find(js_string *h, js_string *n, long from, bool last)
{
    long hl = (long)h->len, nl = (long)n->len;
    if (last) {
        for (long i = from < hl - nl ? from : hl - nl; i >= 0; i--)
            if (memcmp(h->data + i, n->data, (size_t)nl) == 0)
                return i;
        return -1;
    }
    for (long i = from; i + nl <= hl; i++)
        if (memcmp(h->data + i, n->data, (size_t)nl) == 0)
            return i;
    return -1;
}

NATIVE(string_char_at)
{
    THIS_STR();
    double i = arg_int(argc, argv, 0, 0);
    int32_t u = i >= 0 && i < 4294967295.0 ? js_str_unit_at(js_str(*this_), (uint32_t)i) : -1;
    return u < 0 ? R.empty_string : js_unit_string((uint32_t)u);
}

/* at(i): charAt counting from the end for a negative i (ES2022) */
NATIVE(string_at)
{
    THIS_STR();
    double i = arg_int(argc, argv, 0, 0);
    if (i < 0)
        i += js_str_length(js_str(*this_));
    int32_t u = i >= 0 && i < 4294967295.0 ? js_str_unit_at(js_str(*this_), (uint32_t)i) : -1;
    return u < 0 ? JS_UNDEFINED : js_unit_string((uint32_t)u);
}

NATIVE(string_char_code_at)
{
    THIS_STR();
    double i = arg_int(argc, argv, 0, 0);
    int32_t u = i >= 0 && i < 4294967295.0 ? js_str_unit_at(js_str(*this_), (uint32_t)i) : -1;
    return u < 0 ? gh_from_double(NAN) : gh_from_int(u);
}

NATIVE(string_code_point_at)
{
    THIS_STR();
    double i = arg_int(argc, argv, 0, 0);
    if (!(i >= 0 && i < 4294967295.0))
        return JS_UNDEFINED;
    int32_t u = js_str_unit_at(js_str(*this_), (uint32_t)i);
    if (u < 0)
        return JS_UNDEFINED;
    int32_t lo = u >= 0xD800 && u < 0xDC00 ? js_str_unit_at(js_str(*this_), (uint32_t)i + 1) : -1;
    if (lo >= 0xDC00 && lo < 0xE000)
        return gh_from_int(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
    return gh_from_int(u);
}

/* indexOf / lastIndexOf / includes / startsWith / endsWith */
enum search_kind { S_INDEX, S_LAST, S_INCLUDES, S_STARTS, S_ENDS };

static gh_value search(gh_value *this_, int argc, gh_value *argv, enum search_kind kind)
{
    THIS_STR();
    if (!arg_string(argc, argv, 0))
        return JS_EXCEPTION;
    gh_value needle = argc ? argv[0] : js_atom_string(A_undefined);
    uview h = view_of(*this_), n = view_of(needle);
    double dflt = kind == S_LAST || kind == S_ENDS ? h.n : 0;
    double pos = arg_int(argc, argv, 1, dflt);
    if (kind == S_LAST && argc > 1 && js_num(js_number(js_to_number(argv[1]))) != js_num(js_number(js_to_number(argv[1]))))
        pos = h.n; /* NaN: search from the end */
    uint32_t p = clampi(pos, h.n);
    gh_value r;
    switch (kind) {
    case S_INDEX: r = gh_from_int(find_units(&h, &n, p, false)); break;
    case S_LAST: r = gh_from_int(find_units(&h, &n, p, true)); break;
    case S_INCLUDES: r = js_bool(find_units(&h, &n, p, false) >= 0); break;
    case S_STARTS: {
        bool ok = p + n.n <= h.n;
        for (uint32_t i = 0; ok && i < n.n; i++)
            ok = unit(&h, p + i) == unit(&n, i);
        r = js_bool(ok);
        break;
    }
    default: {
        bool ok = n.n <= p;
        for (uint32_t i = 0; ok && i < n.n; i++)
            ok = unit(&h, p - n.n + i) == unit(&n, i);
        r = js_bool(ok);
        break;
    }
    }
    view_free(&h);
    view_free(&n);
    return r;
}

NATIVE(string_index_of) { return search(this_, argc, argv, S_INDEX); }
NATIVE(string_last_index_of) { return search(this_, argc, argv, S_LAST); }
NATIVE(string_includes) { return search(this_, argc, argv, S_INCLUDES); }
NATIVE(string_starts_with) { return search(this_, argc, argv, S_STARTS); }
NATIVE(string_ends_with) { return search(this_, argc, argv, S_ENDS); }

NATIVE(string_slice)
{
    THIS_STR();
    uint32_t n = js_str_length(S);
    double len = n;
    double a = arg_int(argc, argv, 0, 0), b = arg_int(argc, argv, 1, len);
    if (a < 0)
        a += len;
    if (b < 0)
        b += len;
    uint32_t s = clampi(a, n), e = clampi(b, n);
    uview v = view_of(*this_);
    gh_value r = slice_units(this_, &v, s, e);
    view_free(&v);
    return r;
}

NATIVE(string_substring)
{
    THIS_STR();
    uint32_t len = js_str_length(S);
    uint32_t a = clampi(arg_int(argc, argv, 0, 0), len), b = clampi(arg_int(argc, argv, 1, len), len);
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uview v = view_of(*this_);
    gh_value r = slice_units(this_, &v, a, b);
    view_free(&v);
    return r;
}

NATIVE(string_substr)
{
    THIS_STR();
    uint32_t n = js_str_length(S);
    double len = n;
    double a = arg_int(argc, argv, 0, 0);
    if (a < 0)
        a = a + len < 0 ? 0 : a + len;
    uint32_t s = clampi(a, n);
    uint32_t k = clampi(arg_int(argc, argv, 1, len), n - s);
    uview v = view_of(*this_);
    gh_value r = slice_units(this_, &v, s, s + k);
    view_free(&v);
    return r;
}

NATIVE(string_split)
{
    THIS_STR();
    uint32_t limit = argc > 1 && argv[1] != JS_UNDEFINED ? js_to_uint32(js_to_number(argv[1])) : UINT32_MAX;
    gh_value *out = js_root(js_array_new(0, 0));
    if (limit == 0)
        return *out;
    if (ARG(0) == JS_UNDEFINED) {
        js_array_push(out, this_);
        return *out;
    }
    if (!arg_string(argc, argv, 0))
        return JS_EXCEPTION;
    uint32_t slen = js_str(*this_)->len, nlen = js_str(argv[0])->len;
    if (nlen == 0) { /* one string per UTF-16 unit */
        uint32_t n = js_str_length(js_str(*this_));
        for (uint32_t i = 0; i < n && i < limit; i++) {
            gh_value *c = js_root(js_unit_string((uint32_t)js_str_unit_at(js_str(*this_), i)));
            js_array_push(out, c);
        }
        return *out;
    }
    if (js_str(*this_)->wide || js_str(argv[0])->wide) { /* by units: a separator may be half a pair */
        uint32_t hn, nn, count = 0;
        uint16_t *h = js_str_units(js_str(*this_), &hn), *nd = js_str_units(js_str(argv[0]), &nn);
        uview hv = {NULL, h, hn}, nv = {NULL, nd, nn};
        for (long start = 0;;) {
            long at = find_units(&hv, &nv, start, false);
            long end = at < 0 ? (long)hn : at;
            gh_value *piece = js_root(js_string_from_units(h + start, (uint32_t)(end - start)));
            js_array_push(out, piece);
            if (++count >= limit || at < 0)
                break;
            start = end + (long)nn;
        }
        free(h);
        free(nd);
        return *out;
    }
    uint32_t start = 0, count = 0;
    for (;;) {
        long at = find(js_str(*this_), js_str(argv[0]), start, false);
        uint32_t end = at < 0 ? slen : (uint32_t)at;
        gh_value *piece = js_root(js_string_slice(this_, start, end - start));
        js_array_push(out, piece);
        if (++count >= limit || at < 0)
            break;
        start = end + nlen;
    }
    return *out;
}

static gh_value map_case(gh_value *this_, bool upper)
{
    THIS_STR();
    if (S->wide) { /* code points through the C library's Unicode tables */
        uview v = view_of(*this_);
        for (uint32_t i = 0; i < v.n; i++)
            if (v.u[i] < 0xD800 || v.u[i] >= 0xE000)
                v.u[i] = (uint16_t)(upper ? towupper(v.u[i]) : towlower(v.u[i]));
        gh_value r = js_string_from_units(v.u, v.n);
        view_free(&v);
        return r;
    }
    gh_value r = js_string_slice(this_, 0, S->len);
    js_string *d = js_str(r);
    for (uint32_t i = 0; i < d->len; i++) {
        char c = d->data[i];
        if (upper && c >= 'a' && c <= 'z')
            d->data[i] = (char)(c - 32);
        else if (!upper && c >= 'A' && c <= 'Z')
            d->data[i] = (char)(c + 32);
    }
    return r;
}

NATIVE(string_to_upper) { UNUSED_ARGS; return map_case(this_, true); }
NATIVE(string_to_lower) { UNUSED_ARGS; return map_case(this_, false); }

static gh_value trim(gh_value *this_, bool start, bool end)
{
    THIS_STR();
    uint32_t a = 0, b = S->len, k;
    while (start && a < b && (k = (uint32_t)js_space_at(S->data + a, b - a)))
        a += k;
    while (end && b > a && (k = (uint32_t)js_space_before(S->data + a, b - a)))
        b -= k;
    return js_string_slice(this_, a, b - a);
}

NATIVE(string_trim) { UNUSED_ARGS; return trim(this_, true, true); }
NATIVE(string_trim_start) { UNUSED_ARGS; return trim(this_, true, false); }
NATIVE(string_trim_end) { UNUSED_ARGS; return trim(this_, false, true); }

/* The replacement text with $$, $& (the match), $` and $' expanded. */
static void expand_replacement(js_sbuf *b, js_string *rep, js_string *s, long at, uint32_t mlen)
{
    for (uint32_t i = 0; i < rep->len; i++) {
        char c = rep->data[i];
        if (c == '$' && i + 1 < rep->len) {
            char n = rep->data[i + 1];
            if (n == '$') { sb_putc(b, '$'); i++; continue; }
            if (n == '&') { sb_put(b, s->data + at, mlen); i++; continue; }
            if (n == '`') { sb_put(b, s->data, (size_t)at); i++; continue; }
            if (n == '\'') { sb_put(b, s->data + at + mlen, s->len - (size_t)at - mlen); i++; continue; }
        }
        sb_putc(b, c);
    }
}

/* A growable array of UTF-16 units. */
typedef struct ubuf {
    uint16_t *u;
    uint32_t n, cap;
} ubuf;

static void ub_put(ubuf *b, const uint16_t *u, uint32_t n)
{
    if (n == 0)
        return;
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 16;
        b->u = realloc(b->u, b->cap * sizeof *b->u);
        if (!b->u)
            abort();
    }
    memcpy(b->u + b->n, u, n * sizeof *u);
    b->n += n;
}

/* replace / replaceAll on UTF-16 units, for non-ASCII strings: the
 * pattern may be half of a pair, and '' matches between every two units. */
static gh_value replace_units(gh_value *this_, gh_value *ph, gh_value *rep, bool fn, bool all)
{
    uint32_t hn, nn, rn = 0;
    uint16_t *h = js_str_units(js_str(*this_), &hn), *nd = js_str_units(js_str(*ph), &nn);
    uint16_t *r = fn ? NULL : js_str_units(js_str(*rep), &rn);
    uview hv = {NULL, h, hn}, nv = {NULL, nd, nn};
    ubuf b = {0};
    gh_value res = JS_EXCEPTION;
    long pos = 0;
    for (;;) {
        long at = find_units(&hv, &nv, pos, false);
        if (at < 0)
            break;
        ub_put(&b, h + pos, (uint32_t)(at - pos));
        if (fn) {
            gh_value cargs[3] = {*ph, gh_from_int(at), *this_};
            gh_value v = js_call(*rep, JS_UNDEFINED, 3, cargs);
            if (v != JS_EXCEPTION)
                v = js_to_string(v);
            if (v == JS_EXCEPTION)
                goto out;
            uint32_t vn;
            uint16_t *vu = js_str_units(js_str(v), &vn);
            ub_put(&b, vu, vn);
            free(vu);
        } else { /* $$, $&, $` and $' */
            for (uint32_t i = 0; i < rn; i++) {
                uint16_t c = r[i], d = i + 1 < rn ? r[i + 1] : 0;
                if (c == '$' && (d == '$' || d == '&' || d == '`' || d == '\'')) {
                    i++;
                    if (d == '$')
                        ub_put(&b, &c, 1);
                    else if (d == '&')
                        ub_put(&b, h + at, nn);
                    else if (d == '`')
                        ub_put(&b, h, (uint32_t)at);
                    else
                        ub_put(&b, h + at + nn, hn - (uint32_t)at - nn);
                } else {
                    ub_put(&b, &c, 1);
                }
            }
        }
        pos = at + (long)nn;
        if (!all)
            break;
        if (nn == 0) {
            if (pos >= (long)hn)
                break;
            ub_put(&b, h + pos++, 1);
        }
    }
    ub_put(&b, h + pos, hn - (uint32_t)pos);
    res = js_string_from_units(b.u, b.n);
out:
    free(h);
    free(nd);
    free(r);
    free(b.u);
    return res;
}

static gh_value replace(gh_value *this_, int argc, gh_value *argv, bool all)
{
    THIS_STR();
    if (!arg_string(argc, argv, 0))
        return JS_EXCEPTION;
    gh_value pat = argc ? argv[0] : js_atom_string(A_undefined);
    gh_value *ph = js_root(pat);
    bool fn = js_is_callable(ARG(1));
    if (!fn && !arg_string(argc, argv, 1))
        return JS_EXCEPTION;
    if (js_str(*this_)->wide || js_str(*ph)->wide) {
        gh_value *rep = js_root(argc > 1 ? argv[1] : js_atom_string(A_undefined));
        return replace_units(this_, ph, rep, fn, all);
    }
    js_sbuf b = {0};
    uint32_t pos = 0, plen = js_str(*ph)->len;
    for (;;) {
        long at = find(js_str(*this_), js_str(*ph), pos, false);
        if (at < 0)
            break;
        sb_put(&b, js_str(*this_)->data + pos, (size_t)at - pos);
        if (fn) {
            gh_value cargs[3] = {*ph, gh_from_int(js_str_unit_index(js_str(*this_), (uint32_t)at)), *this_};
            gh_value r = js_call(argv[1], JS_UNDEFINED, 3, cargs);
            if (r == JS_EXCEPTION || !js_to_cstring(r, &b)) {
                sb_free(&b);
                return JS_EXCEPTION;
            }
        } else {
            gh_value rep = argc > 1 ? argv[1] : js_atom_string(A_undefined);
            expand_replacement(&b, js_str(rep), js_str(*this_), at, plen);
        }
        pos = (uint32_t)at + plen;
        if (!all)
            break;
        if (plen == 0) {
            if (pos >= js_str(*this_)->len)
                break;
            sb_putc(&b, js_str(*this_)->data[pos++]);
        }
    }
    sb_put(&b, js_str(*this_)->data + pos, js_str(*this_)->len - pos);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(string_replace)
{
    if (js_is_object(ARG(0)) && !js_is_callable(ARG(0)))
        return js_throw_error(JE_TYPE, "ghjs: regular expressions are not supported");
    return replace(this_, argc, argv, false);
}

NATIVE(string_replace_all) { return replace(this_, argc, argv, true); }

NATIVE(string_repeat)
{
    THIS_STR();
    double n = arg_int(argc, argv, 0, 0);
    S = js_str(*this_);
    if (isinf(n))
        return js_throw_error(JE_RANGE, "Invalid count value: %sInfinity", n < 0 ? "-" : "");
    if (n < 0)
        return js_throw_error(JE_RANGE, "Invalid count value: %g", n);
    if (S->len == 0 || n == 0) /* ''.repeat(1e15) is '' at once */
        return R.empty_string;
    if (n * S->len > JS_MAX_STRING_LENGTH)
        return js_throw_error(JE_RANGE, "Invalid string length");
    js_sbuf b = {0};
    for (double i = 0; i < n; i++)
        sb_put(&b, js_str(*this_)->data, js_str(*this_)->len);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

static gh_value pad(gh_value *this_, int argc, gh_value *argv, bool start)
{
    THIS_STR();
    double target = arg_int(argc, argv, 0, 0);
    if (argc > 1 && argv[1] != JS_UNDEFINED && !arg_string(argc, argv, 1))
        return JS_EXCEPTION;
    uint32_t n = js_str_length(js_str(*this_));
    if (target <= n)
        return *this_;
    uview f = {" ", NULL, 1};
    if (argc > 1 && argv[1] != JS_UNDEFINED)
        f = view_of(argv[1]);
    if (f.n == 0)
        return *this_;
    if (target > JS_MAX_STRING_LENGTH) { /* Infinity included */
        view_free(&f);
        return js_throw_error(JE_RANGE, "Invalid string length");
    }
    uint32_t need = (uint32_t)target - n;
    uint16_t *units = malloc((size_t)need * sizeof *units);
    if (!units) {
        view_free(&f);
        return js_throw_error(JE_RANGE, "Invalid string length");
    }
    for (uint32_t i = 0; i < need; i++)
        units[i] = (uint16_t)unit(&f, i % f.n);
    view_free(&f);
    gh_value *fill = js_root(js_string_from_units(units, need));
    free(units);
    return start ? js_string_concat(fill, this_) : js_string_concat(this_, fill);
}

NATIVE(string_pad_start) { return pad(this_, argc, argv, true); }
NATIVE(string_pad_end) { return pad(this_, argc, argv, false); }

NATIVE(string_concat)
{
    THIS_STR();
    js_sbuf b = {0};
    sb_put(&b, S->data, S->len);
    for (int i = 0; i < argc; i++)
        if (!js_to_cstring(argv[i], &b)) {
            sb_free(&b);
            return JS_EXCEPTION;
        }
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

NATIVE(string_value_of)
{
    UNUSED_ARGS;
    THIS_STR();
    return *this_;
}

/* ICU's root collation, roughly: letters compare ignoring case first, then
 * lowercase sorts before uppercase ("a" < "A" < "b"). */
NATIVE(string_locale_compare)
{
    THIS_STR();
    if (!arg_string(argc, argv, 0))
        return JS_EXCEPTION;
    js_string *a = js_str(*this_), *b = js_str(argc ? argv[0] : js_atom_string(A_undefined));
    uint32_t n = a->len < b->len ? a->len : b->len;
    int tie = 0;
    for (uint32_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a->data[i], y = (unsigned char)b->data[i];
        int lx = x >= 'A' && x <= 'Z' ? x + 32 : x, ly = y >= 'A' && y <= 'Z' ? y + 32 : y;
        if (lx != ly)
            return gh_from_int(lx < ly ? -1 : 1);
        if (!tie && x != y)
            tie = x > y ? -1 : 1; /* the lowercase one (larger byte) first */
    }
    if (a->len != b->len)
        return gh_from_int(a->len < b->len ? -1 : 1);
    return gh_from_int(tie);
}

void js_builtins_string_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new_shape(js_shape_root(R.object_proto, JC_BOXED, 0)));
    js_obj(*proto)->slots[0] = R.empty_string;
    gh_value *ctor = js_root(js_make_ctor("String", string_ctor, 1, proto));
    js_make_native(ctor, "fromCharCode", string_from_char_code, 1);
    js_make_native(ctor, "raw", string_raw, 1);
    js_make_native(ctor, "fromCodePoint", string_from_code_point, 1);
    static const struct { const char *name; js_native_fn fn; int len; } m[] = {
        {"charAt", string_char_at, 1}, {"at", string_at, 1}, {"charCodeAt", string_char_code_at, 1},
        {"codePointAt", string_code_point_at, 1},
        {"indexOf", string_index_of, 1}, {"lastIndexOf", string_last_index_of, 1},
        {"includes", string_includes, 1}, {"startsWith", string_starts_with, 1},
        {"endsWith", string_ends_with, 1}, {"slice", string_slice, 2},
        {"substring", string_substring, 2}, {"substr", string_substr, 2},
        {"split", string_split, 2}, {"toUpperCase", string_to_upper, 0},
        {"toLowerCase", string_to_lower, 0}, {"toLocaleUpperCase", string_to_upper, 0},
        {"toLocaleLowerCase", string_to_lower, 0}, {"trim", string_trim, 0},
        {"trimStart", string_trim_start, 0}, {"trimEnd", string_trim_end, 0},
        {"replace", string_replace, 2}, {"replaceAll", string_replace_all, 2},
        {"repeat", string_repeat, 1}, {"padStart", string_pad_start, 2},
        {"padEnd", string_pad_end, 2}, {"concat", string_concat, 1},
        {"toString", string_value_of, 0}, {"valueOf", string_value_of, 0},
        {"localeCompare", string_locale_compare, 1},
    };
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        js_make_native(proto, m[i].name, m[i].fn, m[i].len);
    R.string_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
