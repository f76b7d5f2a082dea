/* emitter.c - the EventEmitter methods of node's `events` (on, once,
 * addListener, removeListener, off, removeAllListeners, emit, listeners,
 * listenerCount), for the objects ghjs makes emitters of: the memwatch
 * module and `process`.  Listeners live in an "_events" object (hidden)
 * of the emitter, an array per event name; a once-listener is stored as
 * [fn] and removed before its first call. */
#include "builtins.h"

static js_atom_id A_events; /* "_events": the listener arrays by name */

/* The listener array for name, created when asked. */
static gh_value listeners_of(gh_value *em, gh_value name, bool create)
{
    gh_value *nm = js_root(name); /* creating the events object may move it */
    gh_value evs = js_own_value(*em, A_events);
    if (!js_is_object(evs)) {
        if (!create)
            return JS_UNDEFINED;
        gh_value *o = js_root(js_object_new_proto(JSV_NULL));
        js_define(em, A_events, o, PF_HIDDEN);
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

/* A once-listener is stored as [fn] (an array), called and removed on
 * its first event. */
static gh_value add_listener(gh_value *this_, int argc, gh_value *argv, bool once)
{
    if (!js_is_callable(ARG(1)))
        return js_throw_error(JE_TYPE, "The \"listener\" argument must be of type function");
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
    return *this_;
}

NATIVE(em_on) { return add_listener(this_, argc, argv, false); }
NATIVE(em_once) { return add_listener(this_, argc, argv, true); }

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
            break;
        }
    return *this_;
}

NATIVE(em_remove_all)
{
    if (argc == 0 || ARG(0) == JS_UNDEFINED) {
        gh_value *o = js_root(js_object_new_proto(JSV_NULL));
        js_define(this_, A_events, o, PF_HIDDEN);
        return *this_;
    }
    gh_value evs = js_own_value(*this_, A_events);
    if (js_is_object(evs)) {
        gh_value *eh = js_root(evs);
        js_atom_id key = js_key_atom(argv[0]);
        if (key == (js_atom_id)-1 || js_delete(eh, key) < 0)
            return JS_EXCEPTION;
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

NATIVE(em_emit)
{
    js_sbuf b = {0};
    if (!js_to_cstring(ARG(0), &b))
        return JS_EXCEPTION;
    bool any = js_emit(this_, sb_cstr(&b), argc > 1 ? argc - 1 : 0, argv + 1, false);
    sb_free(&b);
    return R.has_exception ? JS_EXCEPTION : js_bool(any);
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
}

bool js_has_listeners(gh_value *em, const char *name)
{
    JS_SCOPE_OPEN(sc);
    gh_value *nm = js_root(js_string_cstr(name));
    gh_value list = listeners_of(em, *nm, false);
    bool any = js_is_array(list) && js_array_length(js_obj(list)) > 0;
    JS_SCOPE_CLOSE(sc);
    return any;
}
