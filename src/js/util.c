/* util.c - require('util') besides format and inspect (builtins_console.c):
 * inherits, deprecate and promisify, as node 20 has them, for code of the
 * seed's era that subclasses EventEmitter with util.inherits, and for
 * callback APIs awaited through promisify.  Not the promisify.custom
 * symbol (ghjs has no symbols), nor a promisified function's copy of the
 * original's own properties. */
#include "promise_int.h"

/* util.inherits(ctor, superCtor): ctor.prototype's prototype becomes
 * superCtor.prototype, and ctor.super_ superCtor (hidden). */
NATIVE(util_inherits)
{
    (void)this_;
    if (!js_is_callable(ARG(0)))
        return js_throw_arg_type("The \"ctor\" argument must be of type function", ARG(0));
    if (!js_is_callable(ARG(1)))
        return js_throw_arg_type("The \"superCtor\" argument must be of type function", ARG(1));
    gh_value *super_proto = js_root(js_get(argv[1], A_prototype));
    if (*super_proto == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (!js_is_object(*super_proto))
        return js_throw_arg_type("The \"superCtor.prototype\" property must be of type object",
                                 *super_proto);
    js_define(&argv[0], js_atom_cstr("super_"), &argv[1], PF_HIDDEN);
    gh_value *proto = js_root(js_get(argv[0], A_prototype));
    if (*proto == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (js_is_object(*proto) && !js_set_proto(proto, *super_proto))
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* ---- deprecate: data [fn, message, code, warned] ---- */

enum { D_FN, D_MESSAGE, D_CODE, D_WARNED };

NATIVE(deprecated)
{
    gh_value *data = js_root(promise_native_data(this_));
    js_object *d = js_obj(*data);
    if (js_array_get(d, D_WARNED) != JSV_TRUE) {
        gh_value *t = js_root(JSV_TRUE);
        js_array_set(data, D_WARNED, t);
        js_sbuf msg = {0}, code = {0};
        gh_value m = js_array_get(js_obj(*data), D_MESSAGE), c = js_array_get(js_obj(*data), D_CODE);
        bool ok = js_to_cstring(m, &msg) && (c == JS_UNDEFINED || js_to_cstring(c, &code));
        if (ok)
            js_warn_deprecated(code.len ? sb_cstr(&code) : NULL, sb_cstr(&msg));
        sb_free(&msg);
        sb_free(&code);
        if (!ok)
            return JS_EXCEPTION;
    }
    gh_value *fn = js_root(js_array_get(js_obj(*data), D_FN));
    if (IS_NEW) /* an instance of fn, as node's wrapper shares fn.prototype */
        return js_construct(*fn, argc, argv);
    return js_call(*fn, *this_, argc, argv);
}

static const js_native_info deprecated_info = {.fn = deprecated, .name = "deprecated", .length = 0, .ctor = true};

/* util.deprecate(fn, message[, code]): fn, warning with message (a
 * DeprecationWarning) at its first call. */
NATIVE(util_deprecate)
{
    (void)this_;
    if (!js_is_callable(ARG(0))) { /* node's own words: it sets the wrapper's prototype to fn */
        js_sbuf d = {0};
        js_describe(ARG(0), &d);
        js_throw_error(JE_TYPE, "Object prototype may only be an Object or null: %s", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    gh_value *data = js_root(promise_tuple(4, (gh_value[]){argv[0], ARG(1), ARG(2), JSV_FALSE}));
    gh_value *wrapper = js_root(promise_native_with(&deprecated_info, *data));
    /* fn's prototype, as node's wrapper has it: instanceof works on either */
    gh_value *proto = js_root(js_get(argv[0], A_prototype));
    if (*proto == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (js_is_object(*proto))
        js_define(wrapper, A_prototype, proto, PF_WRITABLE);
    return *wrapper;
}

/* ---- promisify: the promisified function's data is the original; the
 * callback's, [resolve, reject] ---- */

NATIVE(promisify_callback)
{
    (void)this_;
    gh_value *fns = js_root(promise_native_data(this_));
    bool failed = js_truthy(ARG(0));
    gh_value *arg = js_root(failed ? argv[0] : ARG(1));
    gh_value f = js_array_get(js_obj(*fns), failed ? 1 : 0);
    return js_call(f, JS_UNDEFINED, 1, arg) == JS_EXCEPTION ? JS_EXCEPTION : JS_UNDEFINED;
}

static const js_native_info callback_info = {.fn = promisify_callback, .name = "", .length = 2};

NATIVE(promisified)
{
    JS_SCOPE_OPEN(sc);
    gh_value *original = js_root(promise_native_data(this_)), *self = js_root(*this_);
    gh_value *p = js_root(promise_new());
    gh_value *fns = promise_push_slots(2, NULL);
    promise_make_resolving(p, fns);
    gh_value *pair = js_root(promise_tuple(2, fns));
    /* the arguments, then the callback, in adjacent slots */
    gh_value *args = promise_push_slots(argc + 1, NULL);
    for (int i = 0; i < argc; i++)
        args[i] = argv[i];
    args[argc] = promise_native_with(&callback_info, *pair);
    if (js_call(*original, *self, argc + 1, args) == JS_EXCEPTION) {
        gh_value *e = js_root(promise_take_exception()); /* a throw rejects */
        js_call(fns[1], JS_UNDEFINED, 1, e);
    }
    promise_pop_slots(argc + 1);
    promise_pop_slots(2);
    gh_value r = *p;
    JS_SCOPE_CLOSE(sc);
    return r;
}

static const js_native_info promisified_info = {.fn = promisified, .name = "", .length = 0};

NATIVE(util_promisify)
{
    (void)this_;
    if (!js_is_callable(ARG(0)))
        return js_throw_arg_type("The \"original\" argument must be of type function", ARG(0));
    return promise_native_with(&promisified_info, argv[0]);
}

void js_util_extras_init(gh_value *util)
{
    js_make_native(util, "inherits", util_inherits, 2);
    js_make_native(util, "deprecate", util_deprecate, 3);
    js_make_native(util, "promisify", util_promisify, 1);
}
