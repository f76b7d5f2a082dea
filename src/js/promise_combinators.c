/* promise_combinators.c - Promise.all, allSettled, any and race.
 *
 * Each element's function has data [state, index, already called], state
 * being [values, remaining, resolve, reject] (the last two the derived
 * promise's resolving functions); allSettled's pair shares its data.
 * Each element goes through PromiseResolve and then its own `then`, as the
 * spec has it (the constructor's `resolve` is not looked up). */
#include "promise_int.h"

enum { MODE_ALL, MODE_ALL_SETTLED, MODE_ANY, MODE_RACE };

enum { S_VALUES, S_REMAINING, S_RESOLVE, S_REJECT };

/* One fewer element to wait for; at none, settle the derived promise. */
static gh_value count_down(gh_value *state, int mode)
{
    js_object *s = js_obj(*state);
    int64_t left = gh_to_int(js_array_get(s, S_REMAINING)) - 1;
    gh_value *n = js_tmp_push(gh_from_int(left));
    js_array_set(state, S_REMAINING, n);
    js_tmp_pop(1);
    if (left > 0)
        return JS_UNDEFINED;
    JS_SCOPE_OPEN(sc);
    gh_value *values = js_root(js_array_get(js_obj(*state), S_VALUES));
    gh_value r;
    if (mode == MODE_ANY) {
        gh_value *e = js_root(js_error_new(JE_AGGREGATE, "All promises were rejected"));
        js_define(e, js_atom_cstr("errors"), values, PF_HIDDEN);
        r = js_call(js_array_get(js_obj(*state), S_REJECT), JS_UNDEFINED, 1, e);
    } else {
        r = js_call(js_array_get(js_obj(*state), S_RESOLVE), JS_UNDEFINED, 1, values);
    }
    JS_SCOPE_CLOSE(sc);
    return r == JS_EXCEPTION ? JS_EXCEPTION : JS_UNDEFINED;
}

/* Record element `index`'s outcome (as allSettled's object when asked). */
static gh_value element_done(gh_value *this_, gh_value arg, int mode, const char *status)
{
    JS_SCOPE_OPEN(sc);
    gh_value *value = js_root(arg);
    gh_value *data = js_root(promise_native_data(this_));
    gh_value out = JS_UNDEFINED;
    if (js_array_get(js_obj(*data), 2) != JSV_TRUE) {
        gh_value *t = js_root(JSV_TRUE);
        js_array_set(data, 2, t);
        gh_value *state = js_root(js_array_get(js_obj(*data), 0));
        gh_value *values = js_root(js_array_get(js_obj(*state), S_VALUES));
        if (status) {
            gh_value *o = js_root(js_object_new());
            js_put(o, "status", js_string_cstr(status));
            js_put(o, status[0] == 'f' ? "value" : "reason", *value);
            *value = *o;
        }
        js_array_set(values, (uint64_t)gh_to_int(js_array_get(js_obj(*data), 1)), value);
        out = count_down(state, mode);
    }
    JS_SCOPE_CLOSE(sc);
    return out;
}

NATIVE(all_fulfilled)
{
    (void)argc;
    return element_done(this_, ARG(0), MODE_ALL, NULL);
}

NATIVE(settled_fulfilled)
{
    (void)argc;
    return element_done(this_, ARG(0), MODE_ALL_SETTLED, "fulfilled");
}

NATIVE(settled_rejected)
{
    (void)argc;
    return element_done(this_, ARG(0), MODE_ALL_SETTLED, "rejected");
}

NATIVE(any_rejected)
{
    (void)argc;
    return element_done(this_, ARG(0), MODE_ANY, NULL);
}

static const js_native_info all_fulfilled_info = {.fn = all_fulfilled, .name = "", .length = 1};
static const js_native_info settled_fulfilled_info = {.fn = settled_fulfilled, .name = "", .length = 1};
static const js_native_info settled_rejected_info = {.fn = settled_rejected, .name = "", .length = 1};
static const js_native_info any_rejected_info = {.fn = any_rejected, .name = "", .length = 1};

/* Subscribe to element i: item.then(onFulfilled, onRejected) as the mode
 * wants them; false on an exception. */
static bool subscribe(gh_value *item, gh_value *state, size_t i, int mode)
{
    JS_SCOPE_OPEN(sc);
    gh_value *next = js_root(promise_resolve(item));
    bool ok = *next != JS_EXCEPTION;
    if (ok) {
        gh_value *data = js_root(promise_tuple(3, (gh_value[]){*state, gh_from_int((int64_t)i), JSV_FALSE}));
        gh_value *h = promise_push_slots(2, (gh_value[]){js_array_get(js_obj(*state), S_RESOLVE),
                                                         js_array_get(js_obj(*state), S_REJECT)});
        if (mode == MODE_ALL)
            h[0] = promise_native_with(&all_fulfilled_info, *data);
        else if (mode == MODE_ALL_SETTLED)
            h[0] = promise_native_with(&settled_fulfilled_info, *data),
            h[1] = promise_native_with(&settled_rejected_info, *data);
        else if (mode == MODE_ANY)
            h[1] = promise_native_with(&any_rejected_info, *data);
        ok = promise_call_then(next, h[0], h[1]) != JS_EXCEPTION;
        promise_pop_slots(2);
    }
    JS_SCOPE_CLOSE(sc);
    return ok;
}

static gh_value combinator(int argc, gh_value *argv, int mode)
{
    JS_SCOPE_OPEN(sc);
    gh_value *iterable = js_root(js_arg(argc, argv, 0));
    gh_value *derived = js_root(promise_new());
    gh_value *fns = promise_push_slots(2, NULL);
    promise_make_resolving(derived, fns);
    gh_value *items = js_root(js_array_new(0, 8));
    gh_value *index = js_root(gh_from_int(0)), *item = js_root(JS_UNDEFINED);
    bool ok;
    if (!js_for_of_iterable(*iterable))
        ok = (js_throw_not_iterable(*iterable), false);
    else
        ok = js_for_of_append(items, iterable, index, item);
    size_t n = ok ? js_array_length(js_obj(*items)) : 0;
    gh_value *state = js_root(JS_UNDEFINED);
    if (ok) {
        gh_value *values = js_root(js_array_new(n, n));
        *state = promise_tuple(4, (gh_value[]){*values, gh_from_int((int64_t)n + 1), fns[0], fns[1]});
    }
    for (size_t i = 0; ok && i < n; i++) {
        *item = js_array_get(js_obj(*items), i);
        ok = subscribe(item, state, i, mode);
    }
    if (ok && mode != MODE_RACE)
        ok = count_down(state, mode) != JS_EXCEPTION;
    if (!ok) {
        gh_value *e = js_root(promise_take_exception());
        js_call(fns[1], JS_UNDEFINED, 1, e);
    }
    promise_pop_slots(2);
    gh_value r = *derived;
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(promise_all)
{
    (void)this_;
    return combinator(argc, argv, MODE_ALL);
}

NATIVE(promise_all_settled)
{
    (void)this_;
    return combinator(argc, argv, MODE_ALL_SETTLED);
}

NATIVE(promise_any)
{
    (void)this_;
    return combinator(argc, argv, MODE_ANY);
}

NATIVE(promise_race)
{
    (void)this_;
    return combinator(argc, argv, MODE_RACE);
}

void js_promise_combinators_init(gh_value *ctor)
{
    js_make_native(ctor, "all", promise_all, 1);
    js_make_native(ctor, "allSettled", promise_all_settled, 1);
    js_make_native(ctor, "any", promise_any, 1);
    js_make_native(ctor, "race", promise_race, 1);
}
