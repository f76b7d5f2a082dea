/* emitter.c - node's `events`: the EventEmitter class (require('events'))
 * and its methods, which `process` and the memwatch module share.
 * Listeners live in an "_events" object (hidden) of the emitter, an array
 * per event name; a once-listener is stored as [fn] and removed before its
 * first call.  As in node: 'newListener' and 'removeListener' events, an
 * 'error' event nobody listens to is thrown, and adding listeners past the
 * emitter's maximum (setMaxListeners, else EventEmitter.defaultMaxListeners,
 * 10) gives one MaxListenersExceededWarning per event name -- node's
 * classic sign of a leak.  Left out: the emitter's own _eventsCount and
 * _maxListeners keys (the maximum is hidden here), captureRejections, the
 * static helpers (once, on, getEventListeners). */
#include "builtins.h"

static js_atom_id A_events;  /* "_events": the listener arrays by name */
static js_atom_id A_max;     /* "_maxListeners", hidden */
static js_atom_id A_warned;  /* "warned", on a listener array that warned */
static js_atom_id A_count;   /* "_eventsCount", kept where the emitter has it */

/* em[name] = *v: a property em has keeps its flags (an EventEmitter's are
 * enumerable, as node's), a new one is hidden (process, memwatch). */
static void set_own(gh_value *em, js_atom_id name, gh_value *v)
{
    uint32_t flags;
    if (js_own_slot(js_obj(*em), name, &flags))
        js_set(em, name, v);
    else
        js_define(em, name, v, PF_HIDDEN);
}

/* _eventsCount (names with listeners) up or down by one, if em has it. */
static void count_names(gh_value *em, int delta)
{
    gh_value c = js_own_value(*em, A_count);
    if (!js_is_number(c))
        return;
    gh_value *v = js_root(js_number(js_num(c) + delta < 0 ? 0 : js_num(c) + delta));
    js_set(em, A_count, v);
}

/* The listener array for name, created when asked. */
static gh_value listeners_of(gh_value *em, gh_value name, bool create)
{
    gh_value *nm = js_root(name); /* creating the events object may move it */
    gh_value evs = js_own_value(*em, A_events);
    if (!js_is_object(evs)) {
        if (!create)
            return JS_UNDEFINED;
        gh_value *o = js_root(js_object_new_proto(JSV_NULL));
        set_own(em, A_events, o);
        evs = *o;
    }
    gh_value *eh = js_root(evs);
    js_atom_id key = js_key_atom(*nm);
    if (key == (js_atom_id)-1)
        return JS_EXCEPTION;
    gh_value list = js_own_value(*eh, key);
    if (js_is_array(list) || !create)
        return js_is_array(list) ? list : JS_UNDEFINED;
    gh_value *l = js_root(js_array_new(0, 4));
    js_define(eh, key, l, PF_DEFAULT);
    return *l;
}

/* The emitter's listener limit: its own, else EventEmitter's
 * defaultMaxListeners (once require('events') has made EventEmitter). */
static double max_listeners(gh_value em)
{
    gh_value m = js_own_value(em, A_max);
    if (!js_is_number(m) && js_is_object(R.builtin_modules)) {
        gh_value ee = js_own_value(R.builtin_modules, js_atom_cstr("events"));
        if (js_is_object(ee))
            m = js_own_value(ee, js_atom_cstr("defaultMaxListeners"));
    }
    return js_is_number(m) ? js_num(m) : 10;
}

/* node's MaxListenersExceededWarning, once per event name. */
static gh_value warn_too_many(gh_value *em, gh_value *list, gh_value name)
{
    double max = max_listeners(*em);
    uint64_t n = js_array_length(js_obj(*list));
    if (!(max > 0) || (double)n <= max || js_own_value(*list, A_warned) == JSV_TRUE)
        return JS_UNDEFINED;
    gh_value *t = js_root(JSV_TRUE), *nm = js_root(name);
    js_define(list, A_warned, t, PF_HIDDEN);
    js_sbuf msg = {0}, what = {0}, type = {0};
    js_inspect_opts o = JS_INSPECT_OPTS(-1, false);
    js_inspect(*em, &o, &what);
    bool ok = js_to_cstring(*nm, &type);
    char maxs[32];
    js_number_format(max, maxs, sizeof maxs);
    sb_printf(&msg,
              "Possible EventEmitter memory leak detected. %llu %s listeners added to %s. "
              "MaxListeners is %s. Use emitter.setMaxListeners() to increase limit",
              (unsigned long long)n, sb_cstr(&type), sb_cstr(&what), maxs);
    gh_value r = ok ? js_emit_warning_typed("MaxListenersExceededWarning", sb_cstr(&msg)) : JS_EXCEPTION;
    sb_free(&msg);
    sb_free(&what);
    sb_free(&type);
    return r;
}

/* A once-listener is stored as [fn] (an array), called and removed on
 * its first event.  prepend: before the others. */
static gh_value add_listener(gh_value *this_, int argc, gh_value *argv, bool once, bool prepend)
{
    if (!js_is_callable(ARG(1)))
        return js_throw_arg_type("The \"listener\" argument must be of type function", ARG(1));
    if (js_has_listeners(this_, "newListener")) {
        gh_value *args = js_tmp_push(argv[0]);
        js_tmp_push(argv[1]);
        bool ok = js_emit(this_, "newListener", 2, args, false) || !R.has_exception;
        js_tmp_pop(2);
        if (!ok)
            return JS_EXCEPTION;
    }
    gh_value *list = js_root(listeners_of(this_, argv[0], true));
    if (*list == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value *fn = js_root(argv[1]);
    if (once) {
        gh_value *w = js_root(js_array_new(0, 1));
        js_array_push(w, fn);
        *fn = *w;
    }
    js_array_push(list, fn);
    if (js_array_length(js_obj(*list)) == 1)
        count_names(this_, 1);
    if (prepend) { /* shift the others up one */
        uint64_t n = js_array_length(js_obj(*list));
        gh_value *v = js_root(JS_UNDEFINED);
        for (uint64_t i = n - 1; i > 0; i--) {
            *v = js_array_get(js_obj(*list), i - 1);
            js_array_set(list, i, v);
        }
        js_array_set(list, 0, fn);
    }
    if (warn_too_many(this_, list, argv[0]) == JS_EXCEPTION)
        return JS_EXCEPTION;
    return *this_;
}

NATIVE(em_on) { return add_listener(this_, argc, argv, false, false); }
NATIVE(em_once) { return add_listener(this_, argc, argv, true, false); }
NATIVE(em_prepend) { return add_listener(this_, argc, argv, false, true); }
NATIVE(em_prepend_once) { return add_listener(this_, argc, argv, true, true); }

static gh_value listener_fn(gh_value l) { return js_is_array(l) ? js_array_get(js_obj(l), 0) : l; }

NATIVE(em_remove_listener)
{
    gh_value *list = js_root(listeners_of(this_, ARG(0), false));
    if (*list == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (!js_is_array(*list))
        return *this_;
    uint64_t n = js_array_length(js_obj(*list));
    for (uint64_t i = n; i-- > 0;)
        if (listener_fn(js_array_get(js_obj(*list), i)) == ARG(1)) {
            gh_value *rest = js_root(js_array_new(0, n));
            for (uint64_t j = 0; j < n; j++) {
                gh_value *v = js_root(js_array_get(js_obj(*list), j));
                if (j != i)
                    js_array_push(rest, v);
            }
            gh_value *evs = js_root(js_own_value(*this_, A_events));
            js_atom_id key = js_key_atom(argv[0]);
            if (key == (js_atom_id)-1)
                return JS_EXCEPTION;
            js_define(evs, key, rest, PF_DEFAULT);
            if (n == 1)
                count_names(this_, -1);
            if (js_has_listeners(this_, "removeListener")) {
                gh_value *args = js_tmp_push(argv[0]);
                js_tmp_push(argv[1]);
                bool ok = js_emit(this_, "removeListener", 2, args, false) || !R.has_exception;
                js_tmp_pop(2);
                if (!ok)
                    return JS_EXCEPTION;
            }
            break;
        }
    return *this_;
}

NATIVE(em_remove_all)
{
    if (argc == 0 || ARG(0) == JS_UNDEFINED) {
        gh_value *o = js_root(js_object_new_proto(JSV_NULL));
        set_own(this_, A_events, o);
        gh_value c = js_own_value(*this_, A_count);
        if (js_is_number(c))
            count_names(this_, -(int)js_num(c));
        return *this_;
    }
    gh_value evs = js_own_value(*this_, A_events);
    if (js_is_object(evs)) {
        gh_value *eh = js_root(evs);
        js_atom_id key = js_key_atom(argv[0]);
        if (key == (js_atom_id)-1)
            return JS_EXCEPTION;
        gh_value list = js_own_value(*eh, key);
        bool had = js_is_array(list) && js_array_length(js_obj(list)) > 0;
        if (js_delete(eh, key) < 0)
            return JS_EXCEPTION;
        if (had)
            count_names(this_, -1);
    }
    return *this_;
}

/* Call the listeners of name on em with argc arguments; true if any.
 * JS_EXCEPTION-free: an exception ends the process as uncaught. */
bool js_emit(gh_value *em, const char *name, int argc, gh_value *argv, bool from_loop)
{
    JS_SCOPE_OPEN(sc);
    gh_value *nm = js_root(js_string_cstr(name));
    gh_value *list = js_root(listeners_of(em, *nm, false));
    bool any = false;
    if (js_is_array(*list)) {
        /* a copy: listeners may add or remove listeners */
        uint64_t n = js_array_length(js_obj(*list));
        gh_value *copy = js_root(js_array_new(0, n));
        for (uint64_t i = 0; i < n; i++) {
            gh_value *v = js_root(js_array_get(js_obj(*list), i));
            js_array_push(copy, v);
        }
        for (uint64_t i = 0; i < n; i++) {
            gh_value l = js_array_get(js_obj(*copy), i);
            if (js_is_array(l)) { /* once */
                gh_value *f = js_root(js_array_get(js_obj(l), 0));
                gh_value args[2] = {*nm, *f};
                js_call(js_get(*em, js_atom_cstr("removeListener")), *em, 2, args);
                l = *f;
            }
            any = true;
            if (from_loop) {
                js_call_from_loop(l, argc, argv);
            } else if (js_call(l, *em, argc, argv) == JS_EXCEPTION) {
                JS_SCOPE_CLOSE(sc);
                return false;
            }
        }
    }
    JS_SCOPE_CLOSE(sc);
    return any;
}

/* emit('error', e) with no 'error' listener throws e (an Error), or
 * node's ERR_UNHANDLED_ERROR naming it. */
static gh_value unhandled_error(gh_value e)
{
    if (js_is_error_instance(e)) /* node: er instanceof Error */
        return js_throw(e);
    gh_value *context = js_root(e);
    js_sbuf shown = {0};
    js_inspect_opts o = JS_INSPECT_OPTS(2, false);
    js_inspect(e, &o, &shown);
    js_throw_coded(JE_ERROR, "ERR_UNHANDLED_ERROR", "Unhandled error. (%s)", sb_cstr(&shown));
    sb_free(&shown);
    gh_value *err = js_root(R.exception);
    js_define(err, js_atom_cstr("context"), context, PF_DEFAULT);
    return js_throw(*err);
}

NATIVE(em_emit)
{
    js_sbuf b = {0};
    if (!js_to_cstring(ARG(0), &b))
        return JS_EXCEPTION;
    bool any = js_emit(this_, sb_cstr(&b), argc > 1 ? argc - 1 : 0, argv + 1, false);
    bool error = strcmp(sb_cstr(&b), "error") == 0;
    sb_free(&b);
    if (R.has_exception)
        return JS_EXCEPTION;
    if (!any && error)
        return unhandled_error(ARG(1));
    return js_bool(any);
}

NATIVE(em_set_max_listeners)
{
    gh_value n = ARG(0);
    /* node 20 names the argument after the method */
    if (!js_is_number(n) || !(js_num(n) >= 0))
        return js_is_number(n)
                   ? js_throw_out_of_range("setMaxListeners", ">= 0", js_num(n))
                   : js_throw_arg_type("The \"setMaxListeners\" argument must be of type number", n);
    gh_value *v = js_root(n);
    set_own(this_, A_max, v);
    return *this_;
}

NATIVE(em_get_max_listeners)
{
    UNUSED_ARGS;
    return js_number(max_listeners(*this_));
}

/* The names that have listeners, in the order they were first added. */
NATIVE(em_event_names)
{
    UNUSED_ARGS;
    gh_value *out = js_root(js_array_new(0, 4));
    gh_value evs = js_own_value(*this_, A_events);
    if (!js_is_object(evs))
        return *out;
    gh_value *eh = js_root(evs), *names = js_root(js_own_keys(evs, true));
    for (uint64_t i = 0; i < js_array_length(js_obj(*names)); i++) {
        gh_value *name = js_root(js_array_get(js_obj(*names), i));
        gh_value list = js_own_value(*eh, js_string_atom(*name));
        if (js_is_array(list) && js_array_length(js_obj(list)) > 0)
            js_array_push(out, name);
    }
    return *out;
}

NATIVE(em_listeners)
{
    gh_value *list = js_root(listeners_of(this_, ARG(0), false));
    if (*list == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value *out = js_root(js_array_new(0, 4));
    for (uint64_t i = 0; js_is_array(*list) && i < js_array_length(js_obj(*list)); i++) {
        gh_value *v = js_root(listener_fn(js_array_get(js_obj(*list), i)));
        js_array_push(out, v);
    }
    return *out;
}

NATIVE(em_listener_count)
{
    gh_value list = listeners_of(this_, ARG(0), false);
    if (list == JS_EXCEPTION)
        return JS_EXCEPTION;
    return js_int(js_is_array(list) ? (int64_t)js_array_length(js_obj(list)) : 0);
}

void js_emitter_methods(gh_value *obj, bool with_ctor)
{
    A_events = js_atom_cstr("_events");
    A_max = js_atom_cstr("_maxListeners");
    A_warned = js_atom_cstr("warned");
    A_count = js_atom_cstr("_eventsCount");
    if (with_ctor) {
        gh_value *ctor = js_root(js_make_native(NULL, "EventEmitter", em_emit, 0));
        js_define(obj, A_constructor, ctor, PF_HIDDEN);
    }
    js_make_native(obj, "on", em_on, 2);
    js_make_native(obj, "addListener", em_on, 2);
    js_make_native(obj, "once", em_once, 2);
    js_make_native(obj, "removeListener", em_remove_listener, 2);
    js_make_native(obj, "off", em_remove_listener, 2);
    js_make_native(obj, "removeAllListeners", em_remove_all, 1);
    js_make_native(obj, "emit", em_emit, 1);
    js_make_native(obj, "listeners", em_listeners, 1);
    js_make_native(obj, "listenerCount", em_listener_count, 1);
    js_make_native(obj, "prependListener", em_prepend, 2);
    js_make_native(obj, "prependOnceListener", em_prepend_once, 2);
    js_make_native(obj, "setMaxListeners", em_set_max_listeners, 1);
    js_make_native(obj, "getMaxListeners", em_get_max_listeners, 0);
    js_make_native(obj, "eventNames", em_event_names, 0);
    js_make_native(obj, "rawListeners", em_listeners, 1);
}

/* node's EventEmitter.init: *em gets its own _events, _eventsCount and
 * _maxListeners (enumerable, as node's). */
static void init_emitter(gh_value *em)
{
    gh_value *events = js_root(js_object_new_proto(JSV_NULL));
    js_define(em, A_events, events, PF_DEFAULT);
    js_put_num(em, "_eventsCount", 0);
    js_put(em, "_maxListeners", JS_UNDEFINED);
}

/* new EventEmitter(): an object of EventEmitter.prototype (a subclass's,
 * under super()), initialized.  Called without new -- the pre-class
 * pattern EventEmitter.call(this) with util.inherits -- it initializes
 * `this`, as node's function does. */
NATIVE(event_emitter_ctor)
{
    (void)argc, (void)argv;
    if (!IS_NEW) {
        if (!js_is_object(*this_))
            return js_throw_error(JE_TYPE, "Cannot read properties of %s (reading '_events')",
                                  *this_ == JSV_NULL ? "null" : "undefined");
        init_emitter(this_);
        return JS_UNDEFINED;
    }
    gh_value proto = js_get(this_[-1], A_prototype);
    if (proto == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value *em = js_root(js_object_new_proto(js_is_object(proto) ? proto : R.object_proto));
    init_emitter(em);
    return *em;
}

gh_value js_events_module(void)
{
    gh_value *ctor = js_root(js_make_native(NULL, "EventEmitter", event_emitter_ctor, 0));
    ((js_native_info *)js_cptr_get(js_obj(*ctor)->slots[0]))->ctor = true;
    gh_value *proto = js_root(js_object_new());
    js_emitter_methods(proto, false);
    js_define(proto, A_constructor, ctor, PF_HIDDEN);
    js_define(ctor, A_prototype, proto, 0);
    js_put(ctor, "EventEmitter", *ctor);
    js_put_num(ctor, "defaultMaxListeners", 10);
    return *ctor;
}

/* Reads only (every on() asks it for 'newListener'): no name string made. */
bool js_has_listeners(gh_value *em, const char *name)
{
    gh_value evs = js_own_value(*em, A_events);
    if (!js_is_object(evs))
        return false;
    gh_value list = js_own_value(evs, js_atom_cstr(name));
    return js_is_array(list) && js_array_length(js_obj(list)) > 0;
}
