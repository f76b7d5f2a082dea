/* builtins.c - bootstrapping the global object and the prototypes, global
 * functions (parseInt, parseFloat, isNaN, gc), Function.prototype and the
 * Error constructors. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "builtins.h"
#include "js_diag.h"

/* Every native's info, freed at exit (function objects refer to them
 * with tagged C pointers, which nothing else would account for). */
static js_native_info **natives;
static size_t nnatives, capnatives;

void js_natives_free(void)
{
    for (size_t i = 0; i < nnatives; i++)
        free(natives[i]);
    free(natives);
    natives = NULL;
    nnatives = capnatives = 0;
}

gh_value js_make_native(gh_value *holder, const char *name, js_native_fn fn, int length)
{
    js_native_info *ni = calloc(1, sizeof *ni);
    if (!ni)
        abort();
    if (nnatives == capnatives) {
        capnatives = capnatives ? capnatives * 2 : 256;
        natives = realloc(natives, capnatives * sizeof *natives);
        if (!natives)
            abort();
    }
    natives[nnatives++] = ni;
    ni->fn = fn;
    ni->name = name;
    ni->length = length;
    JS_SCOPE_OPEN(sc);
    gh_value *f = js_root(js_native_new(ni));
    if (holder)
        js_define(holder, js_atom_cstr(name), f, PF_HIDDEN);
    gh_value r = *f;
    JS_SCOPE_CLOSE(sc);
    return r;
}

gh_value js_make_ctor(const char *name, js_native_fn fn, int length, gh_value *proto)
{
    JS_SCOPE_OPEN(sc);
    gh_value *f = js_root(js_make_native(NULL, name, fn, length));
    ((js_native_info *)js_cptr_get(js_obj(*f)->slots[0]))->ctor = true;
    if (*proto == JSV_NULL)
        *proto = js_object_new();
    js_define(f, A_prototype, proto, 0);
    js_define(proto, A_constructor, f, PF_HIDDEN);
    js_set_global(name, *f);
    gh_value r = *f;
    JS_SCOPE_CLOSE(sc);
    return r;
}

void js_set_global(const char *name, gh_value v)
{
    js_define_value(R.global, js_atom_cstr(name), v, PF_HIDDEN);
}

bool js_to_cstring(gh_value v, js_sbuf *out)
{
    gh_value s = js_to_string(v);
    if (s == JS_EXCEPTION)
        return false;
    sb_put(out, js_str(s)->data, js_str(s)->len);
    return true;
}

void js_put(gh_value *obj, const char *name, gh_value v)
{
    JS_SCOPE_OPEN(sc);
    gh_value *vh = js_root(v);
    js_define(obj, js_atom_cstr(name), vh, PF_DEFAULT);
    JS_SCOPE_CLOSE(sc);
}

void js_put_num(gh_value *obj, const char *name, double d) { js_put(obj, name, js_number(d)); }

void js_put_str(gh_value *obj, const char *name, const char *s)
{
    js_put(obj, name, js_string_cstr(s));
}

/* How Node's ERR_INVALID_ARG_TYPE names what it received: "an instance of
 * Object", "type string ('abc')", "type boolean (true)", "null". */
static void describe_received(gh_value v, js_sbuf *out)
{
    js_sbuf d = {0};
    js_describe(v, &d);
    if (js_is_nullish(v))
        sb_puts(out, sb_cstr(&d));
    else if (js_is_callable(v))
        sb_printf(out, "function %s", js_atom_name(js_function_name_atom(v)));
    else if (js_is_object(v)) {
        gh_value c = js_ctor_name(v);
        sb_printf(out, "an instance of %s", js_is_string(c) ? js_str(c)->data : "Object");
    } else if (js_is_string(v))
        sb_printf(out, "type string ('%s')", sb_cstr(&d));
    else
        sb_printf(out, "type %s (%s)", js_typeof_name(v), sb_cstr(&d));
    sb_free(&d);
}

gh_value js_throw_arg_type(const char *expected, gh_value received)
{
    js_sbuf r = {0};
    describe_received(received, &r);
    js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_TYPE", "%s. Received %s", expected, sb_cstr(&r));
    sb_free(&r);
    return JS_EXCEPTION;
}

/* "<what> <message>", what being v as js_describe shows it. */
static gh_value throw_described(gh_value v, const char *fmt)
{
    js_sbuf d = {0};
    js_describe(v, &d);
    gh_value r = js_throw_error(JE_TYPE, fmt, sb_cstr(&d));
    sb_free(&d);
    return r;
}

gh_value js_throw_not_function(gh_value v) { return throw_described(v, "%s is not a function"); }

gh_value js_throw_not_entry(gh_value v)
{
    return throw_described(v, "Iterator value %s is not an entry object");
}

gh_value js_throw_not_iterable(gh_value v)
{
    js_sbuf d = {0};
    if (js_is_object(v))
        sb_puts(&d, "object");
    else if (v == JS_UNDEFINED) /* V8 does not say "undefined undefined" */
        sb_puts(&d, "undefined");
    else
        sb_printf(&d, "%s ", js_typeof_name(v)), js_describe(v, &d);
    js_throw_error(JE_TYPE, "%s is not iterable (cannot read property Symbol(Symbol.iterator))",
                   sb_cstr(&d));
    sb_free(&d);
    return JS_EXCEPTION;
}

gh_value js_throw_incompatible(const char *method, gh_value recv)
{
    js_sbuf d = {0};
    if (js_is_object(recv)) {
        gh_value c = js_ctor_name(recv);
        sb_printf(&d, "#<%s>", js_is_string(c) ? js_str(c)->data : "Object");
    } else {
        js_describe(recv, &d);
    }
    js_throw_error(JE_TYPE, "Method %s called on incompatible receiver %s", method, sb_cstr(&d));
    sb_free(&d);
    return JS_EXCEPTION;
}

js_shape *js_make_class(const char *name, js_native_fn ctor, int length, js_class klass,
                        const char *const *methods, const js_native_fn *fns, const int *lengths)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(JSV_NULL);
    js_make_ctor(name, ctor, length, proto);
    for (int i = 0; methods[i]; i++)
        js_make_native(proto, methods[i], fns[i], lengths[i]);
    js_shape *s = js_shape_root(*proto, klass, 0);
    js_shape_keep(s); /* a static, used even if the script deletes the class */
    JS_SCOPE_CLOSE(sc);
    return s;
}

gh_value js_throw_out_of_range(const char *name, const char *range, double value)
{
    char num[64], grouped[96];
    js_number_format(value, num, sizeof num);
    const char *received = num;
    if (isfinite(value) && value == trunc(value) && fabs(value) > 4294967296.0) {
        /* Node's addNumericalSeparator: "_" before every three characters
         * from the right, whatever they are (9_007_199_254_740_992, and
         * 1e_+21 for 1e21) */
        size_t n = strlen(num), start = num[0] == '-', i = n, o = sizeof grouped - 1;
        grouped[o] = '\0';
        for (; i >= start + 4; i -= 3) {
            o -= 3;
            memcpy(grouped + o, num + i - 3, 3);
            grouped[--o] = '_';
        }
        o -= i;
        memcpy(grouped + o, num, i);
        received = grouped + o;
    }
    return js_throw_coded(JE_RANGE, "ERR_OUT_OF_RANGE",
                          "The value of \"%s\" is out of range. It must be %s. Received %s", name,
                          range, received);
}

gh_value js_throw_coded(js_errkind kind, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_throw_error(kind, "%s", msg);
    gh_value *e = js_root(R.exception);
    js_put_str(e, "code", code);
    R.exception = *e;
    return JS_EXCEPTION;
}

gh_value js_ctor_name(gh_value obj)
{
    for (gh_value p = js_get_proto(obj); js_is_object(p); p = js_get_proto(p)) {
        gh_value *c = js_own_slot(js_obj(p), A_constructor, NULL);
        if (c && js_is_callable(*c))
            return js_function_name(*c);
    }
    return JS_UNDEFINED;
}

/* ---- global functions ---- */

double js_parse_float(const char *s)
{
    for (size_t k; (k = js_space_at(s, strlen(s)));)
        s += k;
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (strncmp(p, "Infinity", 8) == 0)
        return *s == '-' ? -INFINITY : INFINITY;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
        return NAN;
    const char *q = p;
    while (*q >= '0' && *q <= '9')
        q++;
    if (*q == '.') {
        q++;
        while (*q >= '0' && *q <= '9')
            q++;
    }
    if (*q == 'e' || *q == 'E') {
        const char *e = q + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (*e >= '0' && *e <= '9') {
            while (*e >= '0' && *e <= '9')
                e++;
            q = e;
        }
    }
    return js_string_to_number(s, (size_t)(q - s));
}

NATIVE(g_parse_float)
{
    UNUSED_ARGS;
    js_sbuf b = {0};
    if (!js_to_cstring(ARG(0), &b))
        return JS_EXCEPTION;
    double r = js_parse_float(sb_cstr(&b));
    sb_free(&b);
    return js_number(r);
}

double js_parse_int(const char *s, int radix)
{
    for (size_t k; (k = js_space_at(s, strlen(s)));)
        s += k;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if ((radix == 0 || radix == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        radix = 16;
    }
    if (radix == 0)
        radix = 10;
    if (radix < 2 || radix > 36)
        return NAN;
    double v = 0;
    int n = 0;
    for (;; s++, n++) {
        int c = *s, d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'z')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            d = c - 'A' + 10;
        else
            break;
        if (d >= radix)
            break;
        v = v * radix + d;
    }
    return n ? (neg ? -v : v) : NAN;
}

NATIVE(g_parse_int)
{
    UNUSED_ARGS;
    js_sbuf b = {0};
    if (!js_to_cstring(ARG(0), &b))
        return JS_EXCEPTION;
    double rd = js_to_number(ARG(1));
    double r = R.has_exception ? 0 : js_parse_int(sb_cstr(&b), (int)js_to_int32(rd));
    sb_free(&b);
    return R.has_exception ? JS_EXCEPTION : js_number(r);
}

NATIVE(g_is_nan)
{
    UNUSED_ARGS;
    double d = js_to_number(ARG(0));
    return R.has_exception ? JS_EXCEPTION : js_bool(d != d);
}

NATIVE(g_is_finite)
{
    UNUSED_ARGS;
    double d = js_to_number(ARG(0));
    return R.has_exception ? JS_EXCEPTION : js_bool(isfinite(d));
}

NATIVE(g_gc)
{
    UNUSED_ARGS;
    gh_gc_kind kind = GH_GC_FULL;
    if (js_is_object(ARG(0))) {
        gh_value t = js_get(ARG(0), A_type);
        if (js_is_string(t) && strcmp(js_str(t)->data, "minor") == 0)
            kind = GH_GC_MINOR;
    }
    gh_collect(R.heap, kind);
    return JS_UNDEFINED;
}

/* ---- Function.prototype ---- */

NATIVE(fn_call)
{
    return js_call(*this_, ARG(0), argc > 0 ? argc - 1 : 0, argv + 1);
}

gh_value js_call_with_list(gh_value *fn, gh_value this_arg, gh_value *new_target, gh_value *list)
{
    if (!js_is_object(*list))
        return js_throw_error(JE_TYPE, "CreateListFromArrayLike called on non-object");
    gh_value lenv = js_get(*list, A_length);
    if (lenv == JS_EXCEPTION)
        return lenv;
    uint64_t n = js_to_length(js_to_number(lenv));
    if (R.has_exception)
        return JS_EXCEPTION;
    if (n > 100000)
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    /* The arguments are gathered in a rooted store, not in C memory: reading
     * an element may allocate (a String object's characters, a getter) and
     * so move the values read before it.  js_call copies them out of the
     * store before it allocates anything. */
    JS_SCOPE_OPEN(sc);
    gh_value *th = js_root(this_arg);
    gh_value *st = js_root(gh_from_ptr(js_store_new(n ? n : 1, JS_UNDEFINED)));
    for (size_t i = 0; i < n; i++) {
        gh_value v = js_get_index(*list, (int64_t)i);
        if (v == JS_EXCEPTION) {
            JS_SCOPE_CLOSE(sc);
            return JS_EXCEPTION;
        }
        js_store *s = gh_to_ptr(*st);
        gh_set_value(s, &s->items[i], v == JS_HOLE ? JS_UNDEFINED : v);
    }
    gh_value *items = ((js_store *)gh_to_ptr(*st))->items;
    gh_value r = new_target ? js_construct_with(*fn, *new_target, (int)n, items)
                            : js_call(*fn, *th, (int)n, items);
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(fn_apply)
{
    if (js_is_nullish(ARG(1)))
        return js_call(*this_, ARG(0), 0, NULL);
    return js_call_with_list(this_, ARG(0), NULL, &argv[1]);
}

/* Binding a bound function binds its target, with the inner this and the
 * inner arguments first (as engines do): calling a chain of 50,000 binds is
 * one call, not 50,000 nested ones.  Slot 3 counts the levels for the name
 * ("bound bound f").  A bound function given a name of its own is kept
 * as the target, since its name shows in the outer one. */
NATIVE(fn_bind)
{
    if (!js_is_callable(*this_))
        return js_throw_error(JE_TYPE, "Bind must be called on a function");
    JS_SCOPE_OPEN(sc);
    gh_value *target = js_root(*this_), *bthis = js_root(ARG(0)), *inner = js_root(0);
    int64_t depth = 1;
    if (js_is_class(*target, JC_BOUND) && !js_own_slot(js_obj(*target), A_name, NULL)) {
        js_object *t = js_obj(*target);
        *bthis = t->slots[1];
        *inner = t->slots[2];
        depth = gh_to_int(t->slots[3]) + 1;
        *target = t->slots[0];
    }
    size_t ni = *inner ? js_store_cap(gh_to_ptr(*inner)) : 0;
    size_t na = argc > 1 ? (size_t)argc - 1 : 0, nb = ni + na;
    gh_value *st = js_root(nb ? gh_from_ptr(js_store_new(nb, 0)) : 0);
    if (nb) {
        js_store *s = gh_to_ptr(*st);
        if (ni)
            memcpy(s->items, ((js_store *)gh_to_ptr(*inner))->items, ni * sizeof(gh_value));
        if (na)
            memcpy(s->items + ni, argv + 1, na * sizeof(gh_value));
        gh_write_barrier_range(s, s->items, nb);
    }
    gh_value b = js_object_new_shape(js_shape_root(R.function_proto, JC_BOUND, 0));
    js_object *o = js_obj(b);
    gh_set_value(o, &o->slots[0], *target);
    gh_set_value(o, &o->slots[1], *bthis);
    gh_set_value(o, &o->slots[2], *st);
    o->slots[3] = gh_from_int(depth);
    JS_SCOPE_CLOSE(sc);
    return b;
}

NATIVE(fn_to_string)
{
    UNUSED_ARGS;
    gh_value f = *this_;
    size_t len;
    const char *src = js_function_source(f, &len);
    if (src)
        return js_string_new(src, len);
    if (!js_is_callable(f))
        return js_throw_error(JE_TYPE, "Function.prototype.toString requires that 'this' be a Function");
    if (js_is_class(f, JC_BOUND))
        return js_string_cstr("function () { [native code] }");
    return js_string_printf("function %s() { [native code] }", js_atom_name(js_function_name_atom(f)));
}

NATIVE(fn_ctor)
{
    UNUSED_ARGS;
    return js_throw_error(JE_EVAL, "Code generation from strings disallowed for this context");
}

/* ---- Error ---- */

NATIVE(error_ctor)
{
    js_native_info *ni = js_cptr_get(js_obj(this_[-1])->slots[0]);
    js_errkind kind = JE_ERROR;
    for (int k = 0; k < JE_COUNT; k++)
        if (strcmp(ni->name, js_atom_name(js_error_kind_atom((js_errkind)k))) == 0)
            kind = (js_errkind)k;
    JS_SCOPE_OPEN(sc);
    gh_value *e = js_root(js_object_new_shape(js_shape_root(R.error_protos[kind], JC_ERROR, 2)));
    js_obj(*e)->slots[0] = js_obj(*e)->slots[1] = JS_UNDEFINED;
    /* AggregateError(errors, message, options): the rest as Error's */
    int first = kind == JE_AGGREGATE;
    gh_value *errors = js_root(JS_UNDEFINED);
    if (first) {
        gh_value *index = js_root(gh_from_int(0)), *item = js_root(JS_UNDEFINED);
        gh_value *iterable = js_root(ARG(0));
        *errors = js_array_new(0, 4);
        if (!js_for_of_iterable(*iterable)) {
            JS_SCOPE_CLOSE(sc);
            return js_throw_not_iterable(argv[0]);
        }
        if (!js_for_of_append(errors, iterable, index, item)) {
            JS_SCOPE_CLOSE(sc);
            return JS_EXCEPTION;
        }
    }
    argc -= first, argv += first;
    if (ARG(0) != JS_UNDEFINED) {
        gh_value *m = js_root(js_to_string(argv[0]));
        if (*m == JS_EXCEPTION) {
            JS_SCOPE_CLOSE(sc);
            return JS_EXCEPTION;
        }
        js_define(e, A_message, m, PF_HIDDEN);
    }
    if (js_is_object(ARG(1)) && js_has_property(argv[1], A_cause)) { /* ES2022's options */
        gh_value *cause = js_root(js_get(argv[1], A_cause));
        if (*cause == JS_EXCEPTION) {
            JS_SCOPE_CLOSE(sc);
            return JS_EXCEPTION;
        }
        js_define(e, A_cause, cause, PF_HIDDEN);
    }
    if (first)
        js_define(e, js_atom_cstr("errors"), errors, PF_HIDDEN);
    js_error_capture_stack(e);
    gh_value r = *e;
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(error_to_string)
{
    UNUSED_ARGS;
    if (!js_is_object(*this_))
        return js_throw_error(JE_TYPE, "Error.prototype.toString called on non-object");
    js_sbuf b = {0};
    gh_value name = js_get(*this_, A_name);
    if (name == JS_UNDEFINED)
        sb_puts(&b, "Error");
    else if (!js_to_cstring(name, &b))
        return JS_EXCEPTION;
    gh_value msg = js_get(*this_, A_message);
    js_sbuf m = {0};
    if (msg != JS_UNDEFINED && !js_to_cstring(msg, &m))
        return JS_EXCEPTION;
    if (b.len && m.len)
        sb_puts(&b, ": ");
    if (m.len)
        sb_put(&b, m.data, m.len);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    sb_free(&m);
    return r;
}

NATIVE(error_capture_stack_trace)
{
    (void)this_;
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "invalid_argument"); /* V8's own words */
    gh_value *obj = js_root(argv[0]);
    if (!js_capture_stack_trace(obj, ARG(1)))
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static void errors_init(void)
{
    static const char *names[JE_COUNT] = {"Error", "TypeError", "RangeError", "ReferenceError",
                                          "SyntaxError", "EvalError", "URIError", "AggregateError"};
    JS_SCOPE_OPEN(sc);
    for (int k = 0; k < JE_COUNT; k++) {
        gh_value *proto = js_root(k == 0 ? js_object_new() : js_object_new_proto(R.error_protos[0]));
        gh_value *ctor = js_root(js_make_ctor(names[k], error_ctor, k == JE_AGGREGATE ? 2 : 1, proto));
        ((js_native_info *)js_cptr_get(js_obj(*ctor)->slots[0]))->hidden = true;
        js_define_value(*proto, A_name, js_string_cstr(names[k]), PF_HIDDEN);
        js_define_value(*proto, A_message, js_string_cstr(""), PF_HIDDEN);
        if (k == 0) {
            js_make_native(proto, "toString", error_to_string, 0);
            js_make_native(ctor, "captureStackTrace", error_capture_stack_trace, 2);
            js_put_num(ctor, "stackTraceLimit", 10);
        }
        R.error_protos[k] = *proto;
    }
    R.error_proto = R.error_protos[0];
    JS_SCOPE_CLOSE(sc);
}

void js_builtins_init(void)
{
    JS_SCOPE_OPEN(sc);
    R.object_proto = js_object_new_shape(js_shape_root(JSV_NULL, JC_OBJECT, 0));
    R.object_root_shape = js_shape_root(R.object_proto, JC_OBJECT, 4);
    R.function_proto = js_object_new_proto(R.object_proto);
    R.function_root_shape = js_shape_root(R.function_proto, JC_FUNCTION, 0);
    R.array_proto = js_object_new_proto(R.object_proto);
    R.array_root_shape = js_shape_root(R.array_proto, JC_ARRAY, 0);
    R.global = js_object_new_shape(js_shape_dict(R.object_proto, JC_OBJECT));
    gh_value *fp = js_root(R.function_proto);
    js_native_info_of(js_make_native(fp, "call", fn_call, 1))->atom_clean = true;
    js_native_info_of(js_make_native(fp, "apply", fn_apply, 2))->atom_clean = true;
    js_make_native(fp, "bind", fn_bind, 1);
    js_make_native(fp, "toString", fn_to_string, 0);
    js_make_ctor("Function", fn_ctor, 1, fp);
    R.function_proto = *fp;
    errors_init();
    gh_value *g = js_root(R.global);
    js_make_native(g, "parseInt", g_parse_int, 2);
    js_make_native(g, "parseFloat", g_parse_float, 1);
    js_make_native(g, "isNaN", g_is_nan, 1);
    js_make_native(g, "isFinite", g_is_finite, 1);
    js_builtins_uri_init(g);
    js_set_global("NaN", gh_from_double(NAN));
    js_set_global("Infinity", gh_from_double(INFINITY));
    js_set_global("undefined", JS_UNDEFINED);
    js_set_global("globalThis", R.global);
    js_set_global("global", R.global);
    if (R.expose_gc)
        js_make_native(g, "gc", g_gc, 0);
    JS_SCOPE_CLOSE(sc);
    js_builtins_object_init();
    js_builtins_reflect_init();
    js_builtins_array_init();
    js_builtins_string_init();
    js_builtins_number_init();
    js_builtins_math_init();
    js_builtins_json_init();
    js_builtins_console_init();
    js_builtins_process_init();
    js_builtins_buffer_init();
    js_builtins_timers_init();
    js_builtins_weak_init();
    js_builtins_promise_init();
    js_builtins_generator_init();
    js_builtins_map_init();
    js_builtins_clone_init();
}
