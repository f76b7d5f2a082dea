/* event_loop.c - timers, immediates and process.nextTick, run the way Node
 * runs them: after the main module, the nextTick queue and the microtasks
 * (promise.c); then loop: due timers (each followed by both queues), the poll phase,
 * immediates, until nothing is pending.  Callbacks and their arguments are
 * kept in genheap global handles (an array [fn, ...args] each).
 *
 * The poll phase stands for what Node's platform tasks and libuv async
 * handles deliver there: heap snapshots asked for by a signal,
 * FinalizationRegistry callbacks, memwatch events.  Before exiting, the
 * loop drains them as Node drains its platform tasks. */
#include <time.h>

#include "builtins.h"
#include "js_diag.h"

typedef struct task {
    uint64_t id;
    double when, interval;
    bool repeat, immediate, ref;
    gh_global *call;  /* [fn, args...] */
    gh_global *timer; /* the Timeout or Immediate object: clear* finds the
                         task by it, whatever the script did to its _id */
} task;

static task *tasks;
static size_t ntasks, captasks;
static uint64_t next_id = 1;
static gh_global **ticks;
static size_t nticks, capticks, tick_head;

/* libuv's loop time: cached, updated once per loop iteration; timers count
 * from it.  It starts 1 ms in the past, as if bootstrapping took that long
 * (it does in Node), so a setTimeout(f, 0) of the main script is due on the
 * first iteration, before setImmediate callbacks, as in Node. */
static double loop_now = -1;

static double now_ms(void);
static double loop_time(void)
{
    if (loop_now < 0)
        loop_now = now_ms() - 1;
    return loop_now;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static gh_global *pack_call(gh_value *fn, int argc, gh_value *argv)
{
    gh_value *a = js_root(js_array_new(0, (size_t)argc + 1));
    js_array_push(a, fn);
    for (int i = 0; i < argc; i++)
        js_array_push(a, &argv[i]);
    return gh_global_new(R.heap, gh_to_ptr(*a));
}

void js_uncaught(gh_value exc)
{
    JS_SCOPE_OPEN(sc);
    gh_value *e = js_root(exc);
    R.has_exception = false;
    R.exception = JS_UNDEFINED;
    R.callback_kind = 0;
    gh_value *process = js_root(js_global_get(js_atom_cstr("process")));
    if (js_is_object(*process) && js_has_listeners(process, "uncaughtException")) {
        /* the arguments in adjacent rooted slots (the VM stack's: two
         * handles need not be adjacent) */
        gh_value *args = js_tmp_push(*e);
        js_tmp_push(JS_UNDEFINED);
        args[1] = js_string_cstr("uncaughtException");
        bool ok = js_emit(process, "uncaughtException", 2, args, false);
        js_tmp_pop(2);
        if (!ok) {
            js_report_uncaught(R.exception); /* a throw in the listener itself */
            js_exit(7);
        }
        JS_SCOPE_CLOSE(sc);
        return;
    }
    js_report_uncaught(*e);
    js_exit(1);
}

/* Call [fn, args...]; an uncaught exception goes to js_uncaught. */
static void run_call(gh_global *g, int kind)
{
    R.callback_kind = kind;
    JS_SCOPE_OPEN(sc);
    gh_value *a = js_root(gh_from_ptr(gh_global_get(g)));
    js_object *o = js_obj(*a);
    size_t n = js_array_length(o);
    gh_value args[32];
    size_t m = n - 1 < 32 ? n - 1 : 32;
    for (size_t i = 0; i < m; i++)
        args[i] = js_array_get(o, i + 1);
    gh_value r = js_call(js_array_get(o, 0), JS_UNDEFINED, (int)m, args);
    if (r == JS_EXCEPTION)
        js_uncaught(R.exception);
    R.callback_kind = 0;
    JS_SCOPE_CLOSE(sc);
}

gh_value js_timers_next_tick(gh_value *fn, int argc, gh_value *argv)
{
    if (nticks == capticks) {
        capticks = capticks ? capticks * 2 : 64;
        ticks = realloc(ticks, capticks * sizeof *ticks);
    }
    ticks[nticks++] = pack_call(fn, argc, argv);
    return JS_UNDEFINED;
}

static bool write_tick; /* a stream write's afterWrite is queued */

void js_note_stream_write(void) { write_tick = true; }

/* What node does as a callback ends: with no tick queued the microtasks
 * run from C++ (a checkpoint); while ticks are queued (a write to stdout
 * queues one), processTicksAndRejections runs them, then the microtasks
 * (its frame below theirs), again while either queued more.  Then the
 * check for promises rejected with no handler. */
static void run_ticks(void)
{
    if (nticks == 0 && !write_tick)
        js_microtasks_run();
    while (nticks > 0 || write_tick) {
        write_tick = false;
        while (tick_head < nticks) {
            gh_global *g = ticks[tick_head++];
            run_call(g, 3);
            gh_global_free(R.heap, g);
        }
        tick_head = nticks = 0;
        R.callback_kind = 5;
        js_microtasks_run();
        R.callback_kind = 0;
    }
    js_promise_check_unhandled();
    js_weak_job_end(); /* the job is over: WeakRef targets may go */
}

void js_call_from_loop(gh_value fn, int argc, gh_value *argv)
{
    R.callback_kind = 4;
    if (js_call(fn, JS_UNDEFINED, argc, argv) == JS_EXCEPTION)
        js_uncaught(R.exception);
    R.callback_kind = 0;
    run_ticks();
}

bool js_poll_phase(void)
{
    js_interrupt_run();
    bool ran = js_finalization_run();
    ran |= js_memwatch_dispatch();
    return ran;
}

static gh_value timer_object(uint64_t id, bool immediate)
{
    gh_value *proto = js_root(js_global_get(js_atom_cstr(immediate ? "__ImmediateProto" : "__TimeoutProto")));
    gh_value *t = js_root(js_object_new_proto(*proto));
    js_define_value(*t, js_atom_cstr("_id"), js_number((double)id), PF_HIDDEN);
    return *t;
}

static gh_value add_task(gh_value *fn, double delay, bool repeat, bool immediate, int argc, gh_value *argv)
{
    if (!js_is_callable(*fn))
        return js_throw_arg_type("The \"callback\" argument must be of type function", *fn);
    if (!(delay >= 1) || delay > 2147483647.0)
        delay = 1;
    gh_value *obj = js_root(timer_object(next_id, immediate));
    if (ntasks == captasks) {
        captasks = captasks ? captasks * 2 : 16;
        tasks = realloc(tasks, captasks * sizeof *tasks);
    }
    task *t = &tasks[ntasks++];
    t->id = next_id++;
    t->when = now_ms() + (immediate ? 0 : delay); /* Node reads the clock here too */
    t->interval = delay;
    t->repeat = repeat;
    t->immediate = immediate;
    t->ref = true;
    t->call = NULL;
    t->timer = gh_global_new(R.heap, gh_to_ptr(*obj));
    gh_global *call = pack_call(fn, argc, argv); /* may collect: t stays put */
    tasks[ntasks - 1].call = call;
    return *obj;
}

/* The task of a Timeout/Immediate object (by identity, as Node finds
 * it) or of a number id (the object's _id); NULL when there is none. */
static task *find_task_of(gh_value v)
{
    if (js_is_object(v)) {
        for (size_t i = 0; i < ntasks; i++)
            if (gh_global_get(tasks[i].timer) == gh_to_ptr(v))
                return &tasks[i];
        return NULL;
    }
    if (!js_is_number(v))
        return NULL;
    double d = js_num(v); /* ids are positive integers: anything else is none */
    uint64_t id = d >= 1 && d < 1e18 ? (uint64_t)d : 0;
    for (size_t i = 0; i < ntasks; i++)
        if (tasks[i].id == id)
            return &tasks[i];
    return NULL;
}

/* Takes task i out of the list; its call is the caller's. */
static void unlink_task(size_t i)
{
    gh_global_free(R.heap, tasks[i].timer);
    memmove(&tasks[i], &tasks[i + 1], (ntasks - i - 1) * sizeof *tasks);
    ntasks--;
}

static void remove_task(size_t i)
{
    gh_global_free(R.heap, tasks[i].call);
    gh_global_free(R.heap, tasks[i].timer);
    memmove(&tasks[i], &tasks[i + 1], (ntasks - i - 1) * sizeof *tasks);
    ntasks--;
}

/* setTimeout and setInterval: the callback is checked (by add_task)
 * before the delay is converted, whose valueOf may throw. */
static gh_value add_timer(int argc, gh_value *argv, bool repeat)
{
    double delay = js_is_callable(ARG(0)) ? js_to_number(ARG(1)) : 0;
    if (R.has_exception)
        return JS_EXCEPTION;
    return add_task(&argv[0], delay, repeat, false, argc > 2 ? argc - 2 : 0, argv + 2);
}

NATIVE(set_timeout)
{
    UNUSED_ARGS;
    return add_timer(argc, argv, false);
}

NATIVE(set_interval)
{
    UNUSED_ARGS;
    return add_timer(argc, argv, true);
}

NATIVE(set_immediate)
{
    UNUSED_ARGS;
    return add_task(&argv[0], 0, false, true, argc > 1 ? argc - 1 : 0, argv + 1);
}

NATIVE(clear_timer)
{
    UNUSED_ARGS;
    task *t = find_task_of(ARG(0));
    if (t)
        remove_task((size_t)(t - tasks));
    return JS_UNDEFINED;
}

static task *find_task(gh_value *this_) { return find_task_of(*this_); }

NATIVE(timer_unref)
{
    UNUSED_ARGS;
    task *t = find_task(this_);
    if (t)
        t->ref = false;
    return *this_;
}

NATIVE(timer_ref)
{
    UNUSED_ARGS;
    task *t = find_task(this_);
    if (t)
        t->ref = true;
    return *this_;
}

NATIVE(timer_has_ref)
{
    UNUSED_ARGS;
    task *t = find_task(this_);
    return js_bool(t && t->ref);
}

static bool tasks_has(uint64_t id)
{
    for (size_t i = 0; i < ntasks; i++)
        if (tasks[i].id == id)
            return true;
    return false;
}

static bool any_ref(void)
{
    for (size_t i = 0; i < ntasks; i++)
        if (tasks[i].ref)
            return true;
    return false;
}

static void run_loop(void)
{
    while (any_ref()) {
        /* timers phase: the earliest due timer (ties in creation order) */
        loop_time();
        double now = loop_now = now_ms();
        bool ran = false;
        for (;;) {
            size_t best = SIZE_MAX;
            for (size_t i = 0; i < ntasks; i++)
                if (!tasks[i].immediate && tasks[i].when <= now &&
                    (best == SIZE_MAX || tasks[i].when < tasks[best].when))
                    best = i;
            if (best == SIZE_MAX)
                break;
            uint64_t id = tasks[best].id;
            gh_global *call = tasks[best].call;
            if (tasks[best].repeat) {
                tasks[best].when = now + tasks[best].interval;
            } else {
                unlink_task(best);
            }
            bool detached = !tasks_has(id);
            run_call(call, 1);
            /* a repeating timer keeps its call (clearInterval frees it) */
            if (detached)
                gh_global_free(R.heap, call);
            run_ticks();
            ran = true;
        }
        ran |= js_poll_phase();
        /* check phase: the immediates queued so far */
        size_t nimm = 0;
        for (size_t i = 0; i < ntasks; i++)
            nimm += tasks[i].immediate;
        while (nimm--) {
            size_t i = 0;
            while (i < ntasks && !tasks[i].immediate)
                i++;
            if (i == ntasks)
                break;
            gh_global *call = tasks[i].call;
            unlink_task(i);
            run_call(call, 2);
            gh_global_free(R.heap, call);
            run_ticks();
            ran = true;
        }
        if (!ran && any_ref()) {
            double next = -1;
            for (size_t i = 0; i < ntasks; i++)
                if (tasks[i].immediate)
                    next = now;
                else if (next < 0 || tasks[i].when < next)
                    next = tasks[i].when;
            double wait = next - now_ms();
            if (wait > 0) {
                struct timespec ts = {(time_t)(wait / 1000), (long)(fmod(wait, 1000) * 1e6)};
                nanosleep(&ts, NULL);
            }
        }
    }
}

void js_after_callback(void) { run_ticks(); }

void js_event_loop_run(void)
{
    run_ticks();
    do
        run_loop();
    while (js_poll_phase() || any_ref());
}

void js_event_loop_free(void)
{
    /* the global handles in them go with the heap */
    free(tasks);
    free(ticks);
    tasks = NULL;
    ticks = NULL;
    ntasks = captasks = nticks = capticks = tick_head = 0;
}

void js_builtins_timers_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *g = js_root(R.global);
    js_make_native(g, "setTimeout", set_timeout, 2);
    js_make_native(g, "setInterval", set_interval, 2);
    js_make_native(g, "setImmediate", set_immediate, 1);
    js_make_native(g, "clearTimeout", clear_timer, 1);
    js_make_native(g, "clearInterval", clear_timer, 1);
    js_make_native(g, "clearImmediate", clear_timer, 1);
    for (int k = 0; k < 2; k++) {
        gh_value *proto = js_root(js_object_new());
        gh_value *ctor = js_root(js_make_native(NULL, k ? "Immediate" : "Timeout", clear_timer, 0));
        js_define(proto, A_constructor, ctor, PF_HIDDEN);
        js_make_native(proto, "unref", timer_unref, 0);
        js_make_native(proto, "ref", timer_ref, 0);
        js_make_native(proto, "hasRef", timer_has_ref, 0);
        js_define_value(*g, js_atom_cstr(k ? "__ImmediateProto" : "__TimeoutProto"), *proto, PF_HIDDEN);
    }
    JS_SCOPE_CLOSE(sc);
}
