/* promise.c - Promise, its jobs, and the microtask queue, in the order the
 * ECMAScript Promise Jobs (and so V8) run them.
 *
 * A promise (JC_PROMISE) has four internal slots: its state, its result,
 * its reactions while pending (an array of [onFulfilled, onRejected,
 * derived] records, undefined when none) and whether a handler was ever
 * attached, which the unhandled-rejection check reads.
 *
 * Jobs wait in R.microtasks, an array used as a queue from `head`; each
 * job is an array:
 *     [JOB_REACTION, handler, derived, argument, rejected]
 *     [JOB_THENABLE, promise, thenable, then]
 *     [JOB_CALLBACK, fn]                                   (queueMicrotask)
 * A promise rejected while it has no handler is listed in R.unhandled.
 * The event loop runs the microtasks after each callback's nextTick queue
 * and then reports the first listed promise that is still unhandled, as
 * node 20 does by default (--unhandled-rejections=throw), and exits.
 *
 * Promise.all, allSettled, any and race are in promise_combinators.c.
 *
 * Left out: species (then/finally/the combinators make plain promises for
 * subclasses too), and the combinators look up `then` on each element but
 * not `resolve` on the constructor. */
#include "promise_int.h"

enum { P_STATE, P_RESULT, P_REACTIONS, P_HANDLED };
enum { PENDING, FULFILLED, REJECTED };
enum { JOB_REACTION, JOB_THENABLE, JOB_CALLBACK };

static js_shape *promise_shape;
static js_atom_id atom_then;
static size_t head; /* the next job in R.microtasks */

static gh_value slot(gh_value p, int i) { return js_obj(p)->slots[i]; }
static int state_of(gh_value p) { return (int)gh_to_int(slot(p, P_STATE)); }

gh_value promise_new(void)
{
    gh_value p = js_object_new_shape(promise_shape);
    js_object *o = js_obj(p);
    o->slots[P_STATE] = gh_from_int(PENDING);
    o->slots[P_RESULT] = o->slots[P_REACTIONS] = JS_UNDEFINED;
    o->slots[P_HANDLED] = gh_from_int(0);
    return p;
}

/* The pending exception, taken (a job passes it on as a rejection). */
gh_value promise_take_exception(void)
{
    gh_value e = R.exception;
    R.exception = JS_UNDEFINED;
    R.has_exception = false;
    return e;
}

/* Rooted slots that follow one another (the VM stack's), for argument
 * lists; promise_pop_slots(n) gives them back. */
gh_value *promise_push_slots(int n, const gh_value *values)
{
    gh_value *first = js_tmp_push(values ? values[0] : JS_UNDEFINED);
    for (int i = 1; i < n; i++)
        js_tmp_push(values ? values[i] : JS_UNDEFINED);
    return first;
}
void promise_pop_slots(int n) { js_tmp_pop(n); }

/* An array of the n values given (read before anything is allocated). */
gh_value promise_tuple(int n, const gh_value *items)
{
    gh_value *copy = promise_push_slots(n, items);
    gh_value *a = js_tmp_push(js_array_new(0, (size_t)n));
    for (int i = 0; i < n; i++)
        js_array_push(a, &copy[i]);
    gh_value r = *a;
    promise_pop_slots(n + 1);
    return r;
}

/* obj.then(on_fulfilled, on_rejected), looked up as a script would. */
gh_value promise_call_then(gh_value *obj, gh_value on_fulfilled, gh_value on_rejected)
{
    gh_value *args = promise_push_slots(2, (gh_value[]){on_fulfilled, on_rejected});
    gh_value r = js_call_method(*obj, atom_then, 2, args);
    promise_pop_slots(2);
    return r;
}

static void enqueue(int n, const gh_value *job)
{
    JS_SCOPE_OPEN(sc);
    gh_value *j = js_root(promise_tuple(n, job));
    if (!js_is_object(R.microtasks))
        R.microtasks = js_array_new(0, 16);
    js_array_push(&R.microtasks, j);
    JS_SCOPE_CLOSE(sc);
}

static void enqueue_reaction(gh_value handler, gh_value derived, gh_value arg, bool rejected)
{
    gh_value job[5] = {gh_from_int(JOB_REACTION), handler, derived, arg, js_bool(rejected)};
    enqueue(5, job);
}

/* Fulfil or reject a pending promise: its reactions become jobs. */
static void settle(gh_value *p, int state, gh_value *value)
{
    JS_SCOPE_OPEN(sc);
    js_object *o = js_obj(*p);
    gh_value *reactions = js_root(o->slots[P_REACTIONS]);
    gh_set_value(o, &o->slots[P_RESULT], *value);
    o->slots[P_STATE] = gh_from_int(state);
    o->slots[P_REACTIONS] = JS_UNDEFINED;
    if (state == REJECTED && gh_to_int(o->slots[P_HANDLED]) == 0) {
        if (!js_is_object(R.unhandled))
            R.unhandled = js_array_new(0, 4);
        js_array_push(&R.unhandled, p);
    }
    size_t n = js_is_object(*reactions) ? js_array_length(js_obj(*reactions)) : 0;
    for (size_t i = 0; i < n; i++) {
        js_object *r = js_obj(js_array_get(js_obj(*reactions), i));
        enqueue_reaction(js_array_get(r, state == FULFILLED ? 0 : 1), js_array_get(r, 2), *value,
                         state == REJECTED);
    }
    JS_SCOPE_CLOSE(sc);
}

static void reject_with_exception(gh_value *p)
{
    JS_SCOPE_OPEN(sc);
    gh_value *e = js_root(promise_take_exception());
    settle(p, REJECTED, e);
    JS_SCOPE_CLOSE(sc);
}

/* A promise's [[Resolve]] once it is known not to be resolved yet: a
 * thenable is followed in a job of its own, anything else fulfils. */
static void resolve_promise(gh_value *p, gh_value *value)
{
    JS_SCOPE_OPEN(sc);
    if (*value == *p) {
        gh_value *e = js_root(js_error_new(JE_TYPE, "Chaining cycle detected for promise #<Promise>"));
        settle(p, REJECTED, e);
    } else if (!js_is_object(*value)) {
        settle(p, FULFILLED, value);
    } else {
        gh_value *then = js_root(js_get(*value, atom_then));
        if (*then == JS_EXCEPTION)
            reject_with_exception(p);
        else if (!js_is_callable(*then))
            settle(p, FULFILLED, value);
        else
            enqueue(4, (gh_value[]){gh_from_int(JOB_THENABLE), *p, *value, *then});
    }
    JS_SCOPE_CLOSE(sc);
}

/* ---- resolving functions: data [promise, already resolved] ---- */

gh_value promise_native_data(gh_value *this_) { return js_obj(this_[-1])->slots[1]; }

gh_value promise_native_with(const js_native_info *info, gh_value data)
{
    gh_value *d = js_tmp_push(data);
    gh_value f = js_native_new(info);
    gh_set_value(js_obj(f), &js_obj(f)->slots[1], *d);
    js_tmp_pop(1);
    return f;
}

static gh_value resolving(gh_value *this_, gh_value arg, bool reject)
{
    JS_SCOPE_OPEN(sc);
    gh_value *value = js_root(arg);
    gh_value *data = js_root(promise_native_data(this_));
    if (js_array_get(js_obj(*data), 1) != JSV_TRUE) {
        gh_value *t = js_root(JSV_TRUE);
        js_array_set(data, 1, t);
        gh_value *p = js_root(js_array_get(js_obj(*data), 0));
        if (reject)
            settle(p, REJECTED, value);
        else
            resolve_promise(p, value);
    }
    JS_SCOPE_CLOSE(sc);
    return JS_UNDEFINED;
}

NATIVE(resolve_fn)
{
    (void)argc;
    return resolving(this_, ARG(0), false);
}

NATIVE(reject_fn)
{
    (void)argc;
    return resolving(this_, ARG(0), true);
}

static const js_native_info resolve_info = {.fn = resolve_fn, .name = "", .length = 1};
static const js_native_info reject_info = {.fn = reject_fn, .name = "", .length = 1};

/* The two functions an executor or a thenable's then receives: fns[0]
 * resolves *p, fns[1] rejects it, the first call of either wins (fns: two
 * rooted slots). */
void promise_make_resolving(gh_value *p, gh_value *fns)
{
    JS_SCOPE_OPEN(sc);
    gh_value *data = js_root(promise_tuple(2, (gh_value[]){*p, JSV_FALSE}));
    fns[0] = promise_native_with(&resolve_info, *data);
    fns[1] = promise_native_with(&reject_info, *data);
    JS_SCOPE_CLOSE(sc);
}

/* ---- the jobs ---- */

static void run_reaction(js_object *job)
{
    JS_SCOPE_OPEN(sc);
    gh_value *handler = js_root(js_array_get(job, 1));
    gh_value *derived = js_root(js_array_get(job, 2));
    gh_value *arg = js_root(js_array_get(job, 3));
    bool rejected = js_array_get(job, 4) == JSV_TRUE;
    if (js_is_callable(*handler)) {
        gh_value *r = js_root(js_call(*handler, JS_UNDEFINED, 1, arg));
        if (*r == JS_EXCEPTION)
            reject_with_exception(derived);
        else
            resolve_promise(derived, r);
    } else if (rejected) {
        settle(derived, REJECTED, arg);
    } else {
        resolve_promise(derived, arg);
    }
    JS_SCOPE_CLOSE(sc);
}

static void run_thenable(js_object *job)
{
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(js_array_get(job, 1));
    gh_value *thenable = js_root(js_array_get(job, 2));
    gh_value *then = js_root(js_array_get(job, 3));
    gh_value *fns = promise_push_slots(2, NULL);
    promise_make_resolving(p, fns);
    if (js_call(*then, *thenable, 2, fns) == JS_EXCEPTION) {
        gh_value *e = js_root(promise_take_exception());
        js_call(fns[1], JS_UNDEFINED, 1, e);
    }
    promise_pop_slots(2);
    JS_SCOPE_CLOSE(sc);
}

/* A chain of jobs that never empties the queue (an async loop with no I/O)
 * would keep every finished job reachable: past a few thousand, once they
 * are the greater part, the jobs still waiting move to a fresh array. */
static void drop_done_jobs(void)
{
    uint64_t len = js_array_length(js_obj(R.microtasks));
    if (head < 4096 || head * 2 < len)
        return;
    JS_SCOPE_OPEN(sc);
    gh_value *fresh = js_root(js_array_new(0, (size_t)(len - head) + 16));
    gh_value *item = js_root(JS_UNDEFINED);
    for (uint64_t i = head; i < len; i++) {
        *item = js_array_get(js_obj(R.microtasks), i);
        js_array_push(fresh, item);
    }
    R.microtasks = *fresh;
    head = 0;
    JS_SCOPE_CLOSE(sc);
}

bool js_microtasks_run(void)
{
    bool ran = false;
    JS_SCOPE_OPEN(sc);
    gh_value *job = js_root(JS_UNDEFINED);
    while (js_is_object(R.microtasks) && head < js_array_length(js_obj(R.microtasks))) {
        drop_done_jobs();
        *job = js_array_get(js_obj(R.microtasks), head++);
        ran = true;
        js_object *j = js_obj(*job);
        switch ((int)gh_to_int(js_array_get(j, 0))) {
        case JOB_REACTION:
            run_reaction(j);
            break;
        case JOB_THENABLE:
            run_thenable(j);
            break;
        default:
            if (js_call(js_array_get(j, 1), JS_UNDEFINED, 0, NULL) == JS_EXCEPTION)
                js_uncaught(R.exception);
        }
    }
    R.microtasks = JS_UNDEFINED;
    head = 0;
    JS_SCOPE_CLOSE(sc);
    return ran;
}

/* node's message for a rejection that is not an Error, then its exit. */
static void report_unhandled_value(gh_value reason)
{
    js_sbuf d = {0};
    if (js_is_string(reason))
        js_to_cstring(reason, &d);
    else
        js_describe(reason, &d);
    fflush(stdout);
    fprintf(stderr,
            "node:internal/process/promises:389\n"
            "      new UnhandledPromiseRejection(reason);\n"
            "      ^\n\n"
            "UnhandledPromiseRejection: This error originated either by throwing inside of an "
            "async function without a catch block, or by rejecting a promise which was not "
            "handled with .catch(). The promise rejected with the reason \"%s\".\n"
            "    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)\n"
            "    at processPromiseRejections (node:internal/process/promises:470:17)\n"
            "    at process.processTicksAndRejections (node:internal/process/task_queues:96:32) {\n"
            "  code: 'ERR_UNHANDLED_REJECTION'\n"
            "}\n\nNode.js v20.20.2\n",
            sb_cstr(&d));
    sb_free(&d);
}

/* With 'unhandledRejection' listeners on process, node calls them with
 * (reason, promise) instead of ending the process. */
static bool to_listeners(gh_value p)
{
    JS_SCOPE_OPEN(sc);
    gh_value *args = promise_push_slots(2, (gh_value[]){slot(p, P_RESULT), p}); /* reason, promise */
    gh_value *process = js_root(js_global_get(js_atom_cstr("process")));
    bool listened = js_is_object(*process) && js_has_listeners(process, "unhandledRejection");
    if (listened && !js_emit(process, "unhandledRejection", 2, args, false))
        js_uncaught(R.exception);
    promise_pop_slots(2);
    JS_SCOPE_CLOSE(sc);
    return listened;
}

bool js_promise_check_unhandled(void)
{
    /* listeners may reject more promises: the list is read afresh */
    for (size_t i = 0; js_is_object(R.unhandled) && i < js_array_length(js_obj(R.unhandled)); i++) {
        gh_value p = js_array_get(js_obj(R.unhandled), i);
        if (gh_to_int(slot(p, P_HANDLED)) != 0 || to_listeners(p))
            continue;
        gh_value reason = slot(p, P_RESULT);
        if (js_is_class(reason, JC_ERROR))
            js_report_uncaught_error(reason);
        else
            report_unhandled_value(reason);
        js_exit(1);
    }
    R.unhandled = JS_UNDEFINED;
    return false;
}

/* ---- Promise and Promise.prototype ---- */

NATIVE(promise_ctor)
{
    if (!IS_NEW)
        return js_throw_error(JE_TYPE, "Promise constructor cannot be invoked without 'new'");
    if (!js_is_callable(ARG(0))) {
        js_sbuf d = {0};
        js_describe(ARG(0), &d);
        js_throw_error(JE_TYPE, "Promise resolver %s is not a function", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(promise_new());
    gh_value *fns = promise_push_slots(2, NULL);
    promise_make_resolving(p, fns);
    if (js_call(argv[0], JS_UNDEFINED, 2, fns) == JS_EXCEPTION) {
        gh_value *e = js_root(promise_take_exception());
        js_call(fns[1], JS_UNDEFINED, 1, e);
    }
    promise_pop_slots(2);
    gh_value r = *p;
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* PerformPromiseThen with a fresh derived promise. */
static gh_value then_of(gh_value *p, gh_value on_fulfilled, gh_value on_rejected)
{
    JS_SCOPE_OPEN(sc);
    gh_value *f = js_root(js_is_callable(on_fulfilled) ? on_fulfilled : JS_UNDEFINED);
    gh_value *r = js_root(js_is_callable(on_rejected) ? on_rejected : JS_UNDEFINED);
    gh_value *derived = js_root(promise_new());
    int state = state_of(*p);
    if (state == PENDING) {
        gh_value *reaction = js_root(promise_tuple(3, (gh_value[]){*f, *r, *derived}));
        js_object *o = js_obj(*p);
        if (!js_is_object(o->slots[P_REACTIONS])) {
            gh_value list = js_array_new(0, 2);
            o = js_obj(*p);
            gh_set_value(o, &o->slots[P_REACTIONS], list);
        }
        gh_value *list = js_root(js_obj(*p)->slots[P_REACTIONS]);
        js_array_push(list, reaction);
    } else {
        enqueue_reaction(state == FULFILLED ? *f : *r, *derived, slot(*p, P_RESULT), state == REJECTED);
    }
    js_obj(*p)->slots[P_HANDLED] = gh_from_int(1);
    gh_value out = *derived;
    JS_SCOPE_CLOSE(sc);
    return out;
}

NATIVE(promise_then)
{
    if (!js_is_class(*this_, JC_PROMISE))
        return js_throw_incompatible("Promise.prototype.then", *this_);
    return then_of(this_, ARG(0), ARG(1));
}

NATIVE(promise_catch) { return promise_call_then(this_, JS_UNDEFINED, js_arg(argc, argv, 0)); }

/* x as a promise: x itself if it is one made by Promise, else a new
 * promise resolved with x (PromiseResolve(%Promise%, x)). */
gh_value promise_resolve(gh_value *x)
{
    if (js_is_class(*x, JC_PROMISE)) {
        gh_value c = js_get(*x, A_constructor);
        if (c == JS_EXCEPTION)
            return JS_EXCEPTION;
        if (js_is_class(c, JC_NATIVE) && js_native_info_of(c)->fn == promise_ctor)
            return *x;
    }
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(promise_new());
    resolve_promise(p, x);
    gh_value r = *p;
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(value_thunk)
{
    (void)argc, (void)argv;
    return promise_native_data(this_);
}

NATIVE(thrower)
{
    (void)argc, (void)argv;
    return js_throw(promise_native_data(this_));
}

static const js_native_info value_thunk_info = {.fn = value_thunk, .name = "", .length = 0};
static const js_native_info thrower_info = {.fn = thrower, .name = "", .length = 0};

/* finally's two handlers: call onFinally (their data), wait for what it
 * returns, then pass the value (or rethrow the reason) on. */
static gh_value after_finally(gh_value *this_, gh_value arg, const js_native_info *pass)
{
    JS_SCOPE_OPEN(sc);
    gh_value *value = js_root(arg);
    gh_value *r = js_root(js_call(promise_native_data(this_), JS_UNDEFINED, 0, NULL));
    gh_value out = JS_EXCEPTION;
    if (*r != JS_EXCEPTION) {
        gh_value *p = js_root(promise_resolve(r));
        if (*p != JS_EXCEPTION) {
            out = promise_call_then(p, promise_native_with(pass, *value), JS_UNDEFINED);
        }
    }
    JS_SCOPE_CLOSE(sc);
    return out;
}

NATIVE(then_finally)
{
    (void)argc;
    return after_finally(this_, ARG(0), &value_thunk_info);
}

NATIVE(catch_finally)
{
    (void)argc;
    return after_finally(this_, ARG(0), &thrower_info);
}

static const js_native_info then_finally_info = {.fn = then_finally, .name = "", .length = 1};
static const js_native_info catch_finally_info = {.fn = catch_finally, .name = "", .length = 1};

NATIVE(promise_finally)
{
    if (!js_is_object(*this_))
        return js_throw_incompatible("Promise.prototype.finally", *this_);
    if (!js_is_callable(ARG(0)))
        return promise_call_then(this_, ARG(0), ARG(0));
    gh_value *handlers = promise_push_slots(2, NULL);
    handlers[0] = promise_native_with(&then_finally_info, argv[0]);
    handlers[1] = promise_native_with(&catch_finally_info, argv[0]);
    gh_value r = promise_call_then(this_, handlers[0], handlers[1]);
    promise_pop_slots(2);
    return r;
}

NATIVE(promise_resolve_static)
{
    if (!js_is_object(*this_))
        return js_throw_error(JE_TYPE, "PromiseResolve called on non-object");
    gh_value *x = &argv[0];
    if (argc < 1)
        x = js_tmp_push(JS_UNDEFINED);
    gh_value r = promise_resolve(x);
    if (argc < 1)
        js_tmp_pop(1);
    return r;
}

NATIVE(promise_reject_static)
{
    (void)this_;
    JS_SCOPE_OPEN(sc);
    gh_value *reason = js_root(ARG(0));
    gh_value *p = js_root(promise_new());
    settle(p, REJECTED, reason);
    gh_value r = *p;
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(queue_microtask)
{
    UNUSED_ARGS;
    if (!js_is_callable(ARG(0)))
        return js_throw_arg_type("The \"callback\" argument must be of type function", ARG(0));
    enqueue(2, (gh_value[]){gh_from_int(JOB_CALLBACK), argv[0]});
    return JS_UNDEFINED;
}

/* ---- async functions (the frame itself is saved and resumed in vm.c) ---- */

gh_value js_coroutine_new(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(promise_new());
    gh_value co = js_object_new_shape(js_shape_root(JSV_NULL, JC_COROUTINE, 0));
    js_object *o = js_obj(co);
    gh_set_value(o, &o->slots[CO_PROMISE], *p);
    for (int i = CO_STACK; i <= CO_HANDLERS; i++)
        o->slots[i] = JS_UNDEFINED;
    JS_SCOPE_CLOSE(sc);
    return co;
}

gh_value js_coroutine_promise(gh_value co) { return js_obj(co)->slots[CO_PROMISE]; }

void js_coroutine_settle(gh_value co, gh_value *v, bool reject)
{
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(js_coroutine_promise(co));
    if (reject)
        settle(p, REJECTED, v);
    else
        resolve_promise(p, v);
    JS_SCOPE_CLOSE(sc);
}

NATIVE(await_fulfilled)
{
    (void)argc;
    gh_value *co = js_tmp_push(promise_native_data(this_));
    gh_value r = js_coroutine_resume(co, ARG(0), false);
    js_tmp_pop(1);
    return r == JS_EXCEPTION ? r : JS_UNDEFINED;
}

NATIVE(await_rejected)
{
    (void)argc;
    gh_value *co = js_tmp_push(promise_native_data(this_));
    gh_value r = js_coroutine_resume(co, ARG(0), true);
    js_tmp_pop(1);
    return r == JS_EXCEPTION ? r : JS_UNDEFINED;
}

static const js_native_info await_fulfilled_info = {.fn = await_fulfilled, .name = "", .length = 1, .hidden = true};
static const js_native_info await_rejected_info = {.fn = await_rejected, .name = "", .length = 1, .hidden = true};

bool js_native_resumes(const js_native_info *ni)
{
    return ni == &await_fulfilled_info || ni == &await_rejected_info;
}

gh_value js_coroutine_awaiter(gh_value co)
{
    gh_value reactions = slot(js_coroutine_promise(co), P_REACTIONS);
    if (!js_is_object(reactions) || js_array_length(js_obj(reactions)) == 0)
        return JS_UNDEFINED;
    gh_value on_fulfilled = js_array_get(js_obj(js_array_get(js_obj(reactions), 0)), 0);
    if (!js_is_class(on_fulfilled, JC_NATIVE) || js_native_info_of(on_fulfilled) != &await_fulfilled_info)
        return JS_UNDEFINED;
    return js_obj(on_fulfilled)->slots[1];
}

/* Await: PromiseResolve the value, then PerformPromiseThen with the two
 * resumptions -- no `then` is looked up, as the spec has it. */
bool js_coroutine_await(gh_value *value, gh_value *co)
{
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(promise_resolve(value));
    bool ok = *p != JS_EXCEPTION;
    if (ok) {
        gh_value *on_ok = js_root(promise_native_with(&await_fulfilled_info, *co));
        gh_value *on_err = js_root(promise_native_with(&await_rejected_info, *co));
        then_of(p, *on_ok, *on_err);
    }
    JS_SCOPE_CLOSE(sc);
    return ok;
}

/* ---- for util.inspect ---- */

bool js_promise_details(gh_value p, gh_value *result, bool *rejected)
{
    int state = state_of(p);
    *result = slot(p, P_RESULT);
    *rejected = state == REJECTED;
    return state != PENDING;
}

void js_builtins_promise_init(void)
{
    static const char *const methods[] = {"then", "catch", "finally", NULL};
    static const js_native_fn fns[] = {promise_then, promise_catch, promise_finally};
    static const int lengths[] = {2, 1, 1};
    atom_then = js_atom_cstr("then");
    promise_shape = js_make_class("Promise", promise_ctor, 1, JC_PROMISE, methods, fns, lengths);
    JS_SCOPE_OPEN(sc);
    gh_value *ctor = js_root(js_global_get(js_atom_cstr("Promise")));
    js_make_native(ctor, "resolve", promise_resolve_static, 1);
    js_make_native(ctor, "reject", promise_reject_static, 1);
    js_promise_combinators_init(ctor);
    gh_value *g = js_root(R.global);
    js_make_native(g, "queueMicrotask", queue_microtask, 1);
    JS_SCOPE_CLOSE(sc);
}
