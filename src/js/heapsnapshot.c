/* heapsnapshot.c - heap snapshots from ghjs (libgenheap_diag):
 * v8.writeHeapSnapshot([file]), the heapdump module's
 * writeSnapshot([file], [callback]), --heapsnapshot-signal=SIG and
 * --heapsnapshot-near-heap-limit=N.
 *
 * A signal handler only sets a flag; the snapshot is written at the next
 * safe point (js_interrupt_run in vm.c), where every value is rooted. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "builtins.h"
#include "genheap_diag.h"
#include "js_diag.h"

static volatile sig_atomic_t snapshot_requested;
static int snapshot_signal;     /* the signal that writes snapshots, 0 if none */
static bool heapdump_names;     /* named by heapdump (heapdump-SEC.USEC...) */
static gh_snapshot_near_limit *near_limit;

/* node-heapdump's default name. */
static void heapdump_name(char *buf, size_t size)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    snprintf(buf, size, "heapdump-%lu.%lu.heapsnapshot", (unsigned long)tv.tv_sec,
             (unsigned long)tv.tv_usec);
}

/* Write a snapshot to path (created mode 0600, as Node does).  0, or the
 * errno of the open, or -1 when writing failed (the message in diag's
 * last error).  MAY COLLECT. */
static int write_snapshot(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno;
    gh_error e = gh_snapshot_write_fd(R.heap, fd);
    if (close(fd) != 0 && e == GH_OK)
        e = GH_ERR_OS;
    if (e != GH_OK) {
        unlink(path);
        return -1;
    }
    return 0;
}

NATIVE(v8_write_heap_snapshot)
{
    UNUSED_ARGS;
    gh_value p = ARG(0);
    char name[4096];
    if (p == JS_UNDEFINED) {
        gh_snapshot_default_name(name, sizeof name);
    } else if (js_is_string(p)) {
        snprintf(name, sizeof name, "%s", js_str(p)->data);
    } else {
        return js_throw_arg_type(
            "The \"path\" argument must be of type string or an instance of Buffer or URL", p);
    }
    int err = write_snapshot(name);
    if (err > 0)
        return js_throw_fs_error(err, "open", name);
    if (err < 0)
        return js_throw_error(JE_ERROR, "%s", gh_diag_last_error_message());
    return js_string_cstr(name);
}

/* heapdump.writeSnapshot([filename], [callback]): written at once; the
 * callback, if any, is called before returning with (err, filename).
 * Returns whether the snapshot was written. */
NATIVE(heapdump_write_snapshot)
{
    UNUSED_ARGS;
    int cb = -1;
    char name[4096];
    if (argc > 0 && js_is_callable(argv[0])) {
        cb = 0;
        heapdump_name(name, sizeof name);
    } else {
        if (argc > 1 && js_is_callable(argv[1]))
            cb = 1;
        if (js_is_nullish(ARG(0))) {
            heapdump_name(name, sizeof name);
        } else {
            js_sbuf b = {0};
            if (!js_to_cstring(ARG(0), &b))
                return JS_EXCEPTION;
            snprintf(name, sizeof name, "%s", sb_cstr(&b));
            sb_free(&b);
        }
    }
    int err = write_snapshot(name);
    if (cb >= 0) {
        gh_value args[2];
        args[0] = JSV_NULL;
        if (err) {
            const char *message;
            if (err > 0)
                js_uv_error(err, &message);
            else
                message = gh_diag_last_error_message();
            args[0] = js_error_new(JE_ERROR, message);
        }
        gh_value *a0 = js_root(args[0]);
        args[1] = js_string_cstr(name);
        args[0] = *a0;
        if (js_call(argv[cb], JS_UNDEFINED, 2, args) == JS_EXCEPTION)
            return JS_EXCEPTION;
    }
    return js_bool(err == 0);
}

static void on_signal(int sig)
{
    (void)sig;
    snapshot_requested = 1;
    js_interrupt_pending = 1;
}

static bool install_signal(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(sig, &sa, NULL) != 0)
        return false;
    snapshot_signal = sig;
    return true;
}

void js_snapshot_run_requested(void)
{
    if (!snapshot_requested)
        return;
    snapshot_requested = 0;
    if (!snapshot_signal)
        return;
    char name[256];
    if (heapdump_names)
        heapdump_name(name, sizeof name);
    else
        gh_snapshot_default_name(name, sizeof name);
    int err = write_snapshot(name);
    if (err) {
        const char *message = err > 0 ? strerror(err) : gh_diag_last_error_message();
        fprintf(stderr, "ghjs: cannot write heap snapshot %s: %s\n", name, message);
    }
}

static const struct {
    const char *name;
    int sig;
} signals[] = {
    {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT},
    {"SIGQUIT", SIGQUIT}, {"SIGTERM", SIGTERM}, {"SIGWINCH", SIGWINCH}, {"SIGPIPE", SIGPIPE},
    {"SIGALRM", SIGALRM}, {"SIGCONT", SIGCONT}, {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN},
    {"SIGTTOU", SIGTTOU}, {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ},
    {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF}, {"SIGSYS", SIGSYS}, {"SIGTRAP", SIGTRAP},
};

bool js_snapshot_signal_flag(const char *name)
{
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
        if (strcmp(signals[i].name, name) == 0)
            return install_signal(signals[i].sig);
    fprintf(stderr,
            "node:internal/errors:541\n      throw error;\n      ^\n\n"
            "TypeError [ERR_UNKNOWN_SIGNAL]: Unknown signal: %s\n  code: 'ERR_UNKNOWN_SIGNAL'\n"
            "\nNode.js v20.20.2\n",
            name);
    return false;
}

bool js_snapshot_near_limit_flag(unsigned max_snapshots)
{
    if (!max_snapshots)
        return true;
    near_limit = gh_snapshot_near_heap_limit(R.heap, max_snapshots, NULL);
    return near_limit != NULL;
}

void js_snapshot_shutdown(void)
{
    gh_snapshot_near_limit_free(near_limit);
    near_limit = NULL;
}

void js_v8_snapshot_init(gh_value *v8)
{
    js_make_native(v8, "writeHeapSnapshot", v8_write_heap_snapshot, 1);
}

/* require('heapdump'): like node-heapdump, it also writes a snapshot on
 * SIGUSR2 unless NODE_HEAPDUMP_OPTIONS says nosignal (or another signal
 * was asked for on the command line). */
gh_value js_heapdump_module(void)
{
    const char *opts = getenv("NODE_HEAPDUMP_OPTIONS");
    if (!snapshot_signal && !(opts && strstr(opts, "nosignal")) && install_signal(SIGUSR2))
        heapdump_names = true;
    gh_value *o = js_root(js_object_new());
    js_make_native(o, "writeSnapshot", heapdump_write_snapshot, 2);
    return *o;
}
