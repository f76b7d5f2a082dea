/* process.c - the process object and the v8 module: memory
 * figures come from genheap's statistics in V8's key order. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "builtins.h"
#include "js_diag.h"

extern char **environ;

NATIVE(process_memory_usage)
{
    UNUSED_ARGS;
    gh_memory_usage u;
    gh_memory_usage_get(R.heap, &u);
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "rss", (double)u.rss);
    js_put_num(o, "heapTotal", (double)u.heap_total);
    js_put_num(o, "heapUsed", (double)u.heap_used);
    js_put_num(o, "external", (double)u.external);
    js_put_num(o, "arrayBuffers", (double)u.array_buffers);
    return *o;
}

NATIVE(process_memory_usage_rss)
{
    UNUSED_ARGS;
    return js_number((double)gh_rss());
}

/* process.exitCode as an exit status (an integer), else fallback. */
static int exit_code_or(gh_value *p, int fallback)
{
    gh_value ec = js_get(*p, js_atom_cstr("exitCode"));
    if (ec == JS_EXCEPTION) /* a throwing getter: ignored, as the status is */
        R.has_exception = false;
    if (js_is_number(ec) && js_is_int32(js_to_integer(js_num(ec))))
        return (int)js_to_integer(js_num(ec));
    return fallback;
}

int js_process_exit_code(void)
{
    if (!js_is_object(R.global))
        return 0;
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(js_global_get(js_atom_cstr("process")));
    int code = js_is_object(*p) ? exit_code_or(p, 0) : 0;
    JS_SCOPE_CLOSE(sc);
    return code;
}

/* node's process 'exit' event, once, as the process ends with code: the
 * listeners get the code, and may change it through process.exitCode. */
int js_process_emit_exit(int code)
{
    static bool exiting;
    if (exiting || !js_is_object(R.global))
        return code;
    exiting = true;
    R.has_exception = false; /* an uncaught one, already reported */
    R.exception = JS_UNDEFINED;
    JS_SCOPE_OPEN(sc);
    gh_value *p = js_root(js_global_get(js_atom_cstr("process")));
    if (js_is_object(*p) && js_has_listeners(p, "exit")) {
        gh_value *before = js_root(js_get(*p, js_atom_cstr("exitCode")));
        gh_value *arg = js_root(js_number(code));
        if (!js_emit(p, "exit", 1, arg, false)) {
            js_report_uncaught(R.exception);
            code = 1;
        } else if (js_get(*p, js_atom_cstr("exitCode")) != *before) {
            code = exit_code_or(p, code);
        }
    }
    JS_SCOPE_CLOSE(sc);
    return code;
}

NATIVE(process_exit)
{
    UNUSED_ARGS;
    int code = R.exit_code;
    gh_value c = ARG(0);
    if (!js_is_nullish(c)) {
        /* Node's exitCode validation: an integer, or a numeric string
         * (then the number must be an integer) */
        double d = js_is_number(c) ? js_num(c) : NAN;
        if (js_is_string(c) && js_str(c)->len)
            d = js_string_to_number(js_str(c)->data, js_str(c)->len);
        if (!js_is_number(c) && (!js_is_string(c) || isnan(d)))
            return js_throw_arg_type("The \"code\" argument must be of type number", c);
        if (!isfinite(d) || d != trunc(d))
            return js_throw_out_of_range("code", "an integer", d);
        code = (int)js_to_int32(d);
    } else {
        gh_value *p = js_root(js_global_get(js_atom_cstr("process")));
        code = exit_code_or(p, code);
    }
    js_exit(code);
}

NATIVE(process_cwd)
{
    UNUSED_ARGS;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        buf[0] = 0;
    return js_string_cstr(buf);
}

/* The clocks' readings when the runtime started, in ms: process.uptime()
 * and performance.now() count from there, as node's from its start. */
static double start_monotonic_ms, start_epoch_ms;

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

NATIVE(process_uptime)
{
    UNUSED_ARGS;
    return js_number((clock_ms(CLOCK_MONOTONIC) - start_monotonic_ms) / 1e3);
}

NATIVE(performance_now)
{
    UNUSED_ARGS;
    return js_number(clock_ms(CLOCK_MONOTONIC) - start_monotonic_ms);
}

static double usec(struct timeval t) { return (double)t.tv_sec * 1e6 + (double)t.tv_usec; }

/* A prevValue.user / .system: a number >= 0, else node's errors. */
static bool previous_usage(gh_value prev, const char *name, double *out)
{
    char what[32];
    snprintf(what, sizeof what, "prevValue.%s", name);
    gh_value v = js_get(prev, js_atom_cstr(name));
    if (v == JS_EXCEPTION)
        return false;
    if (!js_is_number(v)) {
        char msg[96];
        snprintf(msg, sizeof msg, "The \"%s\" property must be of type number", what);
        js_throw_arg_type(msg, v);
        return false;
    }
    if (!(js_num(v) >= 0) || !isfinite(js_num(v))) {
        js_sbuf d = {0};
        js_inspect_opts o = JS_INSPECT_OPTS(2, false);
        js_inspect(v, &o, &d);
        js_throw_coded(JE_TYPE, "ERR_INVALID_ARG_VALUE", "The property '%s' is invalid. Received %s",
                       what, sb_cstr(&d));
        sb_free(&d);
        return false;
    }
    *out = js_num(v);
    return true;
}

/* process.cpuUsage([previous]): user and system CPU time in microseconds
 * (since previous, when given), from getrusage as libuv reads it. */
NATIVE(process_cpu_usage)
{
    (void)this_;
    double user0 = 0, sys0 = 0;
    gh_value prev = ARG(0);
    if (prev != JS_UNDEFINED && prev != JSV_NULL) {
        if (!js_is_object(prev))
            return js_throw_arg_type("The \"prevValue\" argument must be of type object", prev);
        gh_value *ph = js_root(prev);
        if (!previous_usage(*ph, "user", &user0) || !previous_usage(*ph, "system", &sys0))
            return JS_EXCEPTION;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "user", usec(ru.ru_utime) - user0);
    js_put_num(o, "system", usec(ru.ru_stime) - sys0);
    return *o;
}

/* process.resourceUsage(): getrusage's fields under node's names. */
NATIVE(process_resource_usage)
{
    UNUSED_ARGS;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "userCPUTime", usec(ru.ru_utime));
    js_put_num(o, "systemCPUTime", usec(ru.ru_stime));
    js_put_num(o, "maxRSS", (double)ru.ru_maxrss);
    js_put_num(o, "sharedMemorySize", (double)ru.ru_ixrss);
    js_put_num(o, "unsharedDataSize", (double)ru.ru_idrss);
    js_put_num(o, "unsharedStackSize", (double)ru.ru_isrss);
    js_put_num(o, "minorPageFault", (double)ru.ru_minflt);
    js_put_num(o, "majorPageFault", (double)ru.ru_majflt);
    js_put_num(o, "swappedOut", (double)ru.ru_nswap);
    js_put_num(o, "fsRead", (double)ru.ru_inblock);
    js_put_num(o, "fsWrite", (double)ru.ru_oublock);
    js_put_num(o, "ipcSent", (double)ru.ru_msgsnd);
    js_put_num(o, "ipcReceived", (double)ru.ru_msgrcv);
    js_put_num(o, "signalsCount", (double)ru.ru_nsignals);
    js_put_num(o, "voluntaryContextSwitches", (double)ru.ru_nvcsw);
    js_put_num(o, "involuntaryContextSwitches", (double)ru.ru_nivcsw);
    return *o;
}

/* argv[0] as the shell was started with it (/proc/self/cmdline's first
 * string), as node's process.argv0. */
static void put_argv0(gh_value *p)
{
    char buf[PATH_MAX] = "";
    FILE *f = fopen("/proc/self/cmdline", "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        fclose(f);
    }
    js_put_str(p, "argv0", buf[0] ? buf : "ghjs");
}

NATIVE(process_hrtime)
{
    UNUSED_ARGS;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    gh_value *a = js_root(js_array_new(0, 2));
    gh_value *s = js_root(js_number((double)ts.tv_sec)), *n = js_root(js_number((double)ts.tv_nsec));
    js_array_push(a, s);
    js_array_push(a, n);
    return *a;
}

NATIVE(process_next_tick)
{
    UNUSED_ARGS;
    if (!js_is_callable(ARG(0)))
        return js_throw_error(JE_TYPE, "The \"callback\" argument must be of type function");
    return js_timers_next_tick(&argv[0], argc - 1, argv + 1);
}

static gh_value stream_write(FILE *f, int argc, gh_value *argv)
{
    js_sbuf b = {0};
    if (!js_to_cstring(js_arg(argc, argv, 0), &b))
        return JS_EXCEPTION;
    if (f == stderr)
        fflush(stdout);
    js_fwrite_text(f, b.data, b.len);
    js_note_stream_write();
    sb_free(&b);
    return JSV_TRUE;
}

NATIVE(stdout_write) { (void)this_; return stream_write(stdout, argc, argv); }
NATIVE(stderr_write) { (void)this_; return stream_write(stderr, argc, argv); }

static gh_value make_stream(js_native_fn write, int fd)
{
    gh_value *s = js_root(js_object_new());
    js_make_native(s, "write", write, 1);
    js_put(s, "isTTY", js_bool(isatty(fd)));
    js_put_num(s, "fd", fd);
    return *s;
}

/* The global `performance`: now() and timeOrigin (the epoch ms at start). */
static void performance_init(void)
{
    gh_value *perf = js_root(js_object_new());
    js_make_native(perf, "now", performance_now, 0);
    js_put_num(perf, "timeOrigin", start_epoch_ms);
    js_set_global("performance", *perf);
}

/* process.constructor: node's process is an instance of a class named
 * process (util.inspect shows "process {...}", a warning "[process]"). */
NATIVE(process_ctor)
{
    UNUSED_ARGS;
    return JS_UNDEFINED;
}

void js_builtins_process_init(void)
{
    JS_SCOPE_OPEN(sc);
    start_monotonic_ms = clock_ms(CLOCK_MONOTONIC);
    start_epoch_ms = clock_ms(CLOCK_REALTIME);
    performance_init();
    gh_value *proto = js_root(js_object_new());
    gh_value *ctor = js_root(js_make_native(NULL, "process", process_ctor, 0));
    js_define(proto, A_constructor, ctor, PF_HIDDEN);
    gh_value *p = js_root(js_object_new_proto(*proto));
    gh_value *mu = js_root(js_make_native(p, "memoryUsage", process_memory_usage, 0));
    js_make_native(mu, "rss", process_memory_usage_rss, 0);
    js_make_native(p, "exit", process_exit, 1);
    js_make_native(p, "cwd", process_cwd, 0);
    js_make_native(p, "uptime", process_uptime, 0);
    js_make_native(p, "hrtime", process_hrtime, 1);
    js_make_native(p, "cpuUsage", process_cpu_usage, 1);
    js_make_native(p, "resourceUsage", process_resource_usage, 0);
    js_make_native(p, "nextTick", process_next_tick, 1);
    js_emitter_methods(p, false); /* on, once, emit ... as node's process */
    js_warning_init(p);
    js_put_num(p, "pid", (double)getpid());
    js_put_num(p, "ppid", (double)getppid());
    js_put_str(p, "platform", "linux");
    js_put_str(p, "arch", "x64");
    js_put_str(p, "version", "v20.20.2");
    js_put_str(p, "title", "ghjs");
    gh_value *versions = js_root(js_object_new());
    js_put_str(versions, "node", "20.20.2");
    js_put_str(versions, "v8", "11.3.244.8-node.38");
    js_put_str(versions, "genheap", GENHEAP_VERSION_STRING);
    js_put(p, "versions", *versions);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    js_put_str(p, "execPath", exe);
    put_argv0(p);
    gh_value *argvv = js_root(js_array_new(0, 0));
    gh_value *s = js_root(js_string_cstr(exe));
    js_array_push(argvv, s);
    for (int i = 0; i < R.argc; i++) {
        *s = js_string_cstr(R.argv[i]);
        js_array_push(argvv, s);
    }
    js_put(p, "argv", *argvv);
    js_put(p, "execArgv", js_array_new(0, 0));
    gh_value *env = js_root(js_object_new_shape(js_shape_dict(R.object_proto, JC_OBJECT)));
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        *s = js_string_cstr(eq + 1);
        js_define(env, js_atom_intern(*e, (size_t)(eq - *e)), s, PF_DEFAULT);
    }
    js_put(p, "env", *env);
    js_put(p, "stdout", make_stream(stdout_write, 1));
    js_put(p, "stderr", make_stream(stderr_write, 2));
    js_set_global("process", *p);
    JS_SCOPE_CLOSE(sc);
}

/* ---- v8 ---- */

NATIVE(v8_heap_statistics)
{
    UNUSED_ARGS;
    gh_heap_statistics st;
    gh_heap_statistics_get(R.heap, &st);
    gh_value *o = js_root(js_object_new());
#define F(name) js_put_num(o, #name, (double)st.name)
    F(total_heap_size);
    F(total_heap_size_executable);
    F(total_physical_size);
    F(total_available_size);
    F(used_heap_size);
    F(heap_size_limit);
    F(malloced_memory);
    F(peak_malloced_memory);
    F(does_zap_garbage);
    js_put_num(o, "number_of_native_contexts", 1);
    F(number_of_detached_contexts);
    F(total_global_handles_size);
    F(used_global_handles_size);
    F(external_memory);
#undef F
    return *o;
}

NATIVE(v8_heap_space_statistics)
{
    UNUSED_ARGS;
    static const char *const names[] = {
        "read_only_space", "new_space", "old_space", "code_space", "shared_space",
        "new_large_object_space", "large_object_space", "code_large_object_space",
        "shared_large_object_space"};
    gh_space_statistics sp[GH_SPACE_COUNT];
    size_t n = gh_heap_space_statistics_get(R.heap, sp, GH_SPACE_COUNT);
    gh_value *a = js_root(js_array_new(0, 9));
    for (size_t i = 0; i < 9; i++) {
        gh_space_statistics z = {names[i], 0, 0, 0, 0};
        for (size_t j = 0; j < n; j++)
            if (strcmp(sp[j].space_name, names[i]) == 0)
                z = sp[j];
        gh_value *o = js_root(js_object_new());
        js_put_str(o, "space_name", names[i]);
        js_put_num(o, "space_size", (double)z.space_size);
        js_put_num(o, "space_used_size", (double)z.space_used_size);
        js_put_num(o, "space_available_size", (double)z.space_available_size);
        js_put_num(o, "physical_space_size", (double)z.physical_space_size);
        js_array_push(a, o);
    }
    return *a;
}

/* ghjs keeps its code outside the heap: V8's code figures are all zero. */
NATIVE(v8_heap_code_statistics)
{
    UNUSED_ARGS;
    gh_value *o = js_root(js_object_new());
    js_put_num(o, "code_and_metadata_size", 0);
    js_put_num(o, "bytecode_and_metadata_size", 0);
    js_put_num(o, "external_script_source_size", 0);
    js_put_num(o, "cpu_profiler_metadata_size", 0);
    return *o;
}

gh_value js_v8_module(void);
gh_value js_v8_module(void)
{
    gh_value *o = js_root(js_object_new());
    js_make_native(o, "getHeapCodeStatistics", v8_heap_code_statistics, 0);
    js_make_native(o, "getHeapStatistics", v8_heap_statistics, 0);
    js_make_native(o, "getHeapSpaceStatistics", v8_heap_space_statistics, 0);
    js_v8_snapshot_init(o);
    return *o;
}
