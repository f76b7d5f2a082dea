/* builtins_math_json.c - Math and JSON. */
#include <time.h>

#include "builtins.h"

typedef double (*math1)(double);

/* glibc's cbrt(27) is 3.0000000000000004; V8's (fdlibm) is 3 */
static double js_cbrt(double x)
{
    double r = cbrt(x), n = nearbyint(r);
    return n * n * n == x ? n : r;
}

static const struct { const char *name; math1 fn; } math1s[] = {
    {"abs", fabs}, {"floor", floor}, {"ceil", ceil}, {"sqrt", sqrt}, {"sin", sin}, {"cos", cos},
    {"tan", tan}, {"asin", asin}, {"acos", acos}, {"atan", atan}, {"exp", exp}, {"log", log},
    {"log2", log2}, {"log10", log10}, {"trunc", trunc}, {"cbrt", js_cbrt}, {"sinh", sinh},
    {"cosh", cosh}, {"tanh", tanh}, {"expm1", expm1}, {"log1p", log1p},
};

NATIVE(math_unary)
{
    UNUSED_ARGS;
    js_native_info *ni = js_cptr_get(js_obj(this_[-1])->slots[0]);
    double d = js_to_number(ARG(0));
    if (R.has_exception)
        return JS_EXCEPTION;
    for (size_t i = 0; i < sizeof math1s / sizeof *math1s; i++)
        if (strcmp(ni->name, math1s[i].name) == 0)
            return js_number(math1s[i].fn(d));
    return gh_from_double(NAN);
}

NATIVE(math_round)
{
    UNUSED_ARGS;
    double d = js_to_number(ARG(0));
    if (!isfinite(d) || d == 0)
        return js_number(d);
    double r = floor(d + 0.5);
    if (r == 0 && d < 0)
        return gh_from_double(-0.0);
    return js_number(r);
}

NATIVE(math_sign)
{
    UNUSED_ARGS;
    double d = js_to_number(ARG(0));
    return js_number(d > 0 ? 1 : d < 0 ? -1 : d);
}

static gh_value minmax(int argc, gh_value *argv, bool max)
{
    double r = max ? -INFINITY : INFINITY;
    for (int i = 0; i < argc; i++) {
        double d = js_to_number(argv[i]);
        if (R.has_exception)
            return JS_EXCEPTION;
        if (d != d)
            return gh_from_double(NAN);
        if (max ? (d > r || (d == 0 && r == 0 && !signbit(d))) : (d < r || (d == 0 && r == 0 && signbit(d))))
            r = d;
    }
    return js_number(r);
}

NATIVE(math_max) { UNUSED_ARGS; return minmax(argc, argv, true); }
NATIVE(math_min) { UNUSED_ARGS; return minmax(argc, argv, false); }

NATIVE(math_pow)
{
    UNUSED_ARGS;
    double x = js_to_number(ARG(0)), y = js_to_number(ARG(1));
    if ((x == 1 || x == -1) && isinf(y))
        return gh_from_double(NAN);
    return js_number(pow(x, y));
}

NATIVE(math_atan2)
{
    UNUSED_ARGS;
    return js_number(atan2(js_to_number(ARG(0)), js_to_number(ARG(1))));
}

NATIVE(math_hypot)
{
    UNUSED_ARGS;
    double s = 0;
    for (int i = 0; i < argc; i++) {
        double d = js_to_number(argv[i]);
        s += d * d;
    }
    return js_number(sqrt(s));
}

static uint64_t rng_state;

NATIVE(math_random)
{
    UNUSED_ARGS;
    if (!rng_state)
        rng_state = (uint64_t)time(NULL) * 6364136223846793005ull + 1442695040888963407ull;
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return gh_from_double((double)(rng_state >> 11) / 9007199254740992.0);
}

/* ---- JSON ---- */

typedef struct jparse {
    const char *base, *s, *end;
    bool failed;
} jparse;

static void ws(jparse *p)
{
    while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
        p->s++;
}


/* UTF-16 units [from, to) of u as UTF-8 (lone surrogates as WTF-8). */
static void put_units(js_sbuf *b, const uint16_t *u, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        sb_put_utf8(b, u[i]);
}

/* V8's JSON.parse messages: positions and the text quoted count UTF-16
 * units, and the unexpected token is one unit (half of a pair). */
static gh_value jerror(jparse *p, const char *fmt)
{
    if (p->failed)
        return JS_EXCEPTION;
    p->failed = true;
    uint32_t len, pos;
    free(js_utf8_units(p->base, (size_t)(p->s - p->base), &pos));
    if (fmt) {
        char msg[160];
        snprintf(msg, sizeof msg, fmt, (long)pos);
        return js_throw_error(JE_SYNTAX, "%s", msg);
    }
    if (p->s >= p->end)
        return js_throw_error(JE_SYNTAX, "Unexpected end of JSON input");
    uint16_t *u = js_utf8_units(p->base, (size_t)(p->end - p->base), &len);
    js_sbuf m = {0};
    sb_puts(&m, "Unexpected token '");
    put_units(&m, u, pos, pos + 1);
    sb_puts(&m, "', ");
    uint32_t from = len <= 40 ? 0 : pos > 10 ? pos - 10 : 0;
    uint32_t to = len <= 40 ? len : pos + 10 < len ? pos + 10 : len;
    sb_printf(&m, "%s\"", from ? "..." : "");
    put_units(&m, u, from, to);
    sb_printf(&m, "\"%s is not valid JSON", to < len ? "..." : "");
    free(u);
    gh_value r = js_throw_error(JE_SYNTAX, "%s", sb_cstr(&m));
    sb_free(&m);
    return r;
}


static int hexval(char h)
{
    return h >= '0' && h <= '9' ? h - '0' : (h | 32) >= 'a' && (h | 32) <= 'f' ? (h | 32) - 'a' + 10 : -1;
}

static bool read_hex4(jparse *p, uint32_t *v)
{
    if (p->end - p->s < 4)
        return false;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hexval(p->s[i]);
        if (d < 0)
            return false;
        *v = *v * 16 + (uint32_t)d;
    }
    p->s += 4;
    return true;
}

/* A string at p->s (a '"'); false with the error thrown. */
static bool jstring(jparse *p, js_sbuf *b)
{
    p->s++;
    while (p->s < p->end && *p->s != '"') {
        char c = *p->s;
        if ((unsigned char)c < 0x20) {
            jerror(p, "Bad control character in string literal in JSON at position %ld");
            return false;
        }
        p->s++;
        if (c != '\\') {
            sb_putc(b, c);
            continue;
        }
        if (p->s >= p->end)
            break;
        c = *p->s++;
        switch (c) {
        case 'n': sb_putc(b, '\n'); break;
        case 't': sb_putc(b, '\t'); break;
        case 'r': sb_putc(b, '\r'); break;
        case 'b': sb_putc(b, '\b'); break;
        case 'f': sb_putc(b, '\f'); break;
        case '"': case '\\': case '/': sb_putc(b, c); break;
        case 'u': {
            uint32_t v, lo;
            if (!read_hex4(p, &v)) {
                p->s--;
                jerror(p, "Bad Unicode escape in JSON at position %ld");
                return false;
            }
            if (v >= 0xD800 && v < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' && p->s[1] == 'u') {
                const char *save = p->s;
                p->s += 2;
                if (read_hex4(p, &lo) && lo >= 0xDC00 && lo < 0xE000)
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                else
                    p->s = save;
            }
            sb_put_utf8(b, v);
            break;
        }
        default:
            p->s--;
            jerror(p, "Bad escaped character in JSON at position %ld");
            return false;
        }
    }
    if (p->s >= p->end) {
        jerror(p, "Unterminated string in JSON at position %ld");
        return false;
    }
    p->s++;
    return true;
}

static gh_value jnumber(jparse *p)
{
    const char *q = p->s;
    if (*q == '-')
        q++;
    if (q >= p->end || !(*q >= '0' && *q <= '9')) {
        p->s = q;
        return jerror(p, "No number after minus sign in JSON at position %ld");
    }
    if (*q == '0' && q + 1 < p->end && q[1] >= '0' && q[1] <= '9') {
        p->s = q + 1;
        return jerror(p, "Unexpected number in JSON at position %ld");
    }
    while (q < p->end && *q >= '0' && *q <= '9')
        q++;
    if (q < p->end && *q == '.') {
        q++;
        if (q >= p->end || !(*q >= '0' && *q <= '9')) {
            p->s = q;
            return jerror(p, "Unterminated fractional number in JSON at position %ld");
        }
        while (q < p->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < p->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < p->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= p->end || !(*q >= '0' && *q <= '9')) {
            p->s = q;
            return jerror(p, "Exponent part is missing a number in JSON at position %ld");
        }
        while (q < p->end && *q >= '0' && *q <= '9')
            q++;
    }
    double d = js_string_to_number(p->s, (size_t)(q - p->s));
    p->s = q;
    return js_number(d);
}

static gh_value jvalue(jparse *p, int depth);

static gh_value jarray(jparse *p, int depth)
{
    p->s++;
    gh_value *arr = js_root(js_array_new(0, 0));
    ws(p);
    if (p->s < p->end && *p->s == ']') {
        p->s++;
        return *arr;
    }
    for (;;) {
        gh_value *v = js_root(jvalue(p, depth + 1));
        if (*v == JS_EXCEPTION)
            return JS_EXCEPTION;
        js_array_push(arr, v);
        ws(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            continue;
        }
        if (p->s < p->end && *p->s == ']') {
            p->s++;
            return *arr;
        }
        return jerror(p, "Expected ',' or ']' after array element in JSON at position %ld");
    }
}

static gh_value jobject(jparse *p, int depth)
{
    p->s++;
    gh_value *obj = js_root(js_object_new());
    ws(p);
    if (p->s < p->end && *p->s == '}') {
        p->s++;
        return *obj;
    }
    for (bool first = true;; first = false) {
        ws(p);
        if (p->s >= p->end || *p->s != '"')
            return jerror(p, first ? "Expected property name or '}' in JSON at position %ld"
                                   : "Expected double-quoted property name in JSON at position %ld");
        js_sbuf key = {0};
        if (!jstring(p, &key)) {
            sb_free(&key);
            return JS_EXCEPTION;
        }
        js_atom_id a = js_atom_intern(sb_cstr(&key), key.len);
        sb_free(&key);
        ws(p);
        if (p->s >= p->end || *p->s != ':')
            return jerror(p, "Expected ':' after property name in JSON at position %ld");
        p->s++;
        gh_value *v = js_root(jvalue(p, depth + 1));
        if (*v == JS_EXCEPTION)
            return JS_EXCEPTION;
        js_define(obj, a, v, PF_DEFAULT);
        ws(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            continue;
        }
        if (p->s < p->end && *p->s == '}') {
            p->s++;
            return *obj;
        }
        return jerror(p, "Expected ',' or '}' after property value in JSON at position %ld");
    }
}

static gh_value jvalue(jparse *p, int depth)
{
    ws(p);
    if (p->s >= p->end)
        return jerror(p, NULL);
    if (depth > 5000 || js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    char c = *p->s;
    if (c == '"') {
        js_sbuf b = {0};
        gh_value r = jstring(p, &b) ? js_string_new(sb_cstr(&b), b.len) : JS_EXCEPTION;
        sb_free(&b);
        return r;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return jnumber(p);
    if (c == '[')
        return jarray(p, depth);
    if (c == '{')
        return jobject(p, depth);
    static const struct { const char *w; gh_value v; } words[] = {
        {"true", JSV_TRUE}, {"false", JSV_FALSE}, {"null", JSV_NULL}};
    for (int i = 0; i < 3; i++) {
        if (c != words[i].w[0])
            continue;
        size_t n = strlen(words[i].w), k = 0;
        while (k < n && p->s + k < p->end && p->s[k] == words[i].w[k])
            k++;
        p->s += k;
        if (k == n)
            return words[i].v;
        return jerror(p, NULL);
    }
    return jerror(p, NULL);
}

/* JSON.parse's reviver (InternalizeJSONProperty): holder[name]'s members
 * first, each replaced by what the reviver returns for it (undefined
 * deletes it), then reviver.call(holder, name, value). */
static gh_value internalize(gh_value *holder, js_atom_id name, gh_value *reviver)
{
    if (js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    JS_SCOPE_OPEN(sc);
    gh_value r = JS_EXCEPTION;
    gh_value *val = js_root(js_get(*holder, name));
    if (*val == JS_EXCEPTION)
        goto out;
    if (js_is_object(*val)) {
        bool arr = js_is_array(*val);
        gh_value *keys = js_root(arr ? 0 : js_own_keys(*val, true));
        uint64_t n = js_array_length(js_obj(arr ? *val : *keys));
        gh_value *e = js_root(0);
        for (uint64_t i = 0; i < n; i++) {
            js_atom_id a = arr ? js_atom_from_index(i) : js_string_atom(js_array_get(js_obj(*keys), i));
            *e = internalize(val, a, reviver);
            if (*e == JS_EXCEPTION)
                goto out;
            if (*e == JS_UNDEFINED ? js_delete(val, a) < 0 : !js_define(val, a, e, PF_DEFAULT))
                goto out;
        }
    }
    gh_value *key = js_root(js_atom_string(name));
    gh_value args[2] = {*key, *val};
    r = js_call(*reviver, *holder, 2, args);
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(json_parse)
{
    UNUSED_ARGS;
    gh_value s = js_to_string(ARG(0));
    if (s == JS_EXCEPTION)
        return s;
    gh_value *sh = js_root(s);
    /* copy: the string may move while objects are built */
    js_sbuf b = {0};
    sb_put(&b, js_str(*sh)->data, js_str(*sh)->len);
    jparse p = {sb_cstr(&b), b.data, b.data + b.len, false};
    gh_value r = jvalue(&p, 0);
    if (r != JS_EXCEPTION) {
        ws(&p);
        if (p.s < p.end)
            r = jerror(&p, "Unexpected non-whitespace character after JSON at position %ld");
    }
    sb_free(&b);
    if (r != JS_EXCEPTION && js_is_callable(ARG(1))) {
        gh_value *v = js_root(r);
        gh_value *root = js_root(js_object_new());
        js_define(root, A_empty, v, PF_DEFAULT);
        r = internalize(root, A_empty, &argv[1]);
    }
    return r;
}

NATIVE(json_stringify)
{
    UNUSED_ARGS;
    char indent[11] = "";
    gh_value sp = ARG(2);
    if (js_is_number(sp)) {
        double x = js_num(sp); /* clamped to [0, 10] before the cast; NaN is 0 */
        int n = x >= 10 ? 10 : x >= 1 ? (int)x : 0;
        memset(indent, ' ', (size_t)n);
        indent[n] = 0;
    } else if (js_is_string(sp)) {
        snprintf(indent, sizeof indent, "%s", js_str(sp)->data);
    }
    js_sbuf b = {0};
    bool undef = false;
    if (!js_json_stringify(ARG(0), ARG(1), indent, &b, &undef)) {
        sb_free(&b);
        return JS_EXCEPTION;
    }
    gh_value r = undef ? JS_UNDEFINED : js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

void js_builtins_math_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *m = js_root(js_object_new());
    for (size_t i = 0; i < sizeof math1s / sizeof *math1s; i++)
        js_make_native(m, math1s[i].name, math_unary, 1);
    js_make_native(m, "round", math_round, 1);
    js_make_native(m, "sign", math_sign, 1);
    js_make_native(m, "max", math_max, 2);
    js_make_native(m, "min", math_min, 2);
    js_make_native(m, "pow", math_pow, 2);
    js_make_native(m, "atan2", math_atan2, 2);
    js_make_native(m, "hypot", math_hypot, 2);
    js_make_native(m, "random", math_random, 0);
    static const struct { const char *n; double v; } k[] = {
        {"PI", M_PI}, {"E", M_E}, {"LN2", M_LN2}, {"LN10", M_LN10}, {"LOG2E", M_LOG2E},
        {"LOG10E", M_LOG10E}, {"SQRT2", M_SQRT2}, {"SQRT1_2", M_SQRT1_2}};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        js_define_value(*m, js_atom_cstr(k[i].n), js_number(k[i].v), 0);
    js_set_global("Math", *m);
    JS_SCOPE_CLOSE(sc);
}

void js_builtins_json_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *j = js_root(js_object_new());
    js_make_native(j, "parse", json_parse, 2);
    js_make_native(j, "stringify", json_stringify, 3);
    js_set_global("JSON", *j);
    JS_SCOPE_CLOSE(sc);
}
