/* main.c - the ghjs command line: `ghjs [flags] script.js [args]`,
 * `ghjs -e code`, `ghjs -p code`, a REPL without a script (or with -i), and
 * Node's heap and GC flags mapped onto the genheap configuration. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genheap_diag.h"
#include "js_diag.h"
#include "vm.h"

bool js_runtime_init(const gh_config *config);

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: ghjs [options] [ script.js | -e \"script\" | - ] [arguments]\n"
            "\n"
            "A small JavaScript shell whose every value lives in a genheap heap.\n"
            "\n"
            "Options:\n"
            "  -e, --eval script            evaluate script\n"
            "  -p, --print script           evaluate script and print the result\n"
            "  -i, --interactive            start the REPL even if stdin is not a terminal\n"
            "  -h, --help                   print this help\n"
            "  -v, --version                print the version\n"
            "  --expose-gc                  define gc() (a full collection; gc({type:'minor'}) scavenges)\n"
            "  --trace-gc                   print a line per collection (stdout)\n"
            "  --trace-gc-nvp               ... as name=value pairs\n"
            "  --trace-gc-verbose           ... with a per-space table\n"
            "  --trace-gc-ignore-scavenger  ... leaving out scavenges\n"
            "  --max-old-space-size=MB      old generation limit\n"
            "  --max-semi-space-size=MB     semispace limit\n"
            "  --max-new-space-size=KB      the older spelling (semispace size in KB)\n"
            "  --heapsnapshot-signal=SIG    write a heap snapshot when SIG (SIGUSR2...) arrives\n"
            "  --heapsnapshot-near-heap-limit=N\n"
            "                               write up to N heap snapshots as the heap nears its limit\n"
            "  --no-warnings                print no process warnings\n"
            "  --no-deprecation             drop deprecation warnings\n"
            "\n"
            "Flags may be spelled with - or _.  --stack-size=N is accepted and ignored.\n"
            "GENHEAP_STRESS=scavenge,full=N,zap,verify,compact,incremental turns on the\n"
            "collector's stress modes.\n");
}

/* --flag_name=value -> --flag-name=value (the name part only) */
static void normalize(char *flag)
{
    for (char *p = flag + 2; *p && *p != '='; p++)
        if (*p == '_')
            *p = '-';
}

void js_exit(int code)
{
    code = js_process_emit_exit(code);
    js_runtime_shutdown();
    fflush(stdout);
    fflush(stderr);
    exit(code);
}

/* value * unit bytes, saturated: a size too big for the heap is then
 * refused by gh_heap_create with its real magnitude, not a wrapped one. */
static size_t scaled(long value, size_t unit)
{
    return (size_t)value > SIZE_MAX / unit ? SIZE_MAX : (size_t)value * unit;
}

/* What the command line asks for. */
typedef struct options {
    gh_config config;
    const char *eval; /* -e / -p code */
    bool print, interactive;
    long near_limit_snapshots;
} options;

/* Apply the option argv[*i] (which may consume the next argument):
 * -1 to go on, else the status to exit with. */
static int parse_option(int argc, char **argv, int *i, options *o)
{
    gh_config *c = &o->config;
    char flag[256];
    snprintf(flag, sizeof flag, "%s", argv[*i]);
    if (flag[1] == '-')
        normalize(flag);
    const char *eq = strchr(flag, '=');
    long value = eq ? strtol(eq + 1, NULL, 10) : 0;
    if (strcmp(flag, "-h") == 0 || strcmp(flag, "--help") == 0) {
        usage(stdout);
        return 0;
    } else if (strcmp(flag, "-v") == 0 || strcmp(flag, "--version") == 0) {
        printf("v20.20.2 (ghjs %s, genheap %s)\n", GENHEAP_VERSION_STRING, GENHEAP_VERSION_STRING);
        return 0;
    } else if (strcmp(flag, "-e") == 0 || strcmp(flag, "--eval") == 0 || strcmp(flag, "-p") == 0 ||
               strcmp(flag, "--print") == 0) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "%s: %s requires an argument\n", argv[0], flag);
            return 9;
        }
        o->print = flag[1] == 'p' || strcmp(flag, "--print") == 0;
        o->eval = argv[++*i];
    } else if (strcmp(flag, "-i") == 0 || strcmp(flag, "--interactive") == 0) {
        o->interactive = true;
    } else if (strcmp(flag, "--print-bytecode") == 0) {
        R.print_bytecode = true;
    } else if (strcmp(flag, "--expose-gc") == 0) {
        R.expose_gc = true;
    } else if (strcmp(flag, "--trace-gc") == 0) {
        c->trace_gc = stdout;
    } else if (strcmp(flag, "--trace-gc-nvp") == 0) {
        c->trace_gc = stdout; /* as in V8, it prints on its own */
        c->trace_flags |= GH_TRACE_NVP;
    } else if (strcmp(flag, "--trace-gc-verbose") == 0) {
        c->trace_gc = stdout;
        c->trace_flags |= GH_TRACE_VERBOSE;
    } else if (strcmp(flag, "--trace-gc-ignore-scavenger") == 0) {
        c->trace_flags |= GH_TRACE_IGNORE_SCAVENGER;
    } else if (strncmp(flag, "--max-old-space-size=", 21) == 0 && value >= 0) {
        if (value) /* 0 keeps the default, as in node */
            c->max_old_space = scaled(value, 1024 * 1024);
    } else if (strncmp(flag, "--max-semi-space-size=", 22) == 0 && value >= 0) {
        if (value)
            c->max_semi_space = scaled(value, 1024 * 1024);
    } else if (strncmp(flag, "--max-new-space-size=", 21) == 0 && value >= 0) {
        if (value)
            c->max_semi_space = scaled(value, 1024);
    } else if (strncmp(flag, "--heapsnapshot-signal=", 22) == 0) {
        if (!js_snapshot_signal_flag(flag + 22))
            return 1;
    } else if (strncmp(flag, "--heapsnapshot-near-heap-limit=", 31) == 0) {
        if (value < 0) {
            fprintf(stderr, "%s: --heapsnapshot-near-heap-limit must not be negative\n", argv[0]);
            return 9;
        }
        o->near_limit_snapshots = value;
    } else if (strcmp(flag, "--no-deprecation") == 0) {
        R.no_deprecation = true;
    } else if (strcmp(flag, "--no-warnings") == 0) {
        R.no_warnings = true;
    } else if (strcmp(flag, "--stack-size") == 0 ||
               (strncmp(flag, "--stack-size=", 13) == 0 && value > 0)) {
        /* accepted, and ignored: ghjs sizes its own stack limit */
    } else {
        fprintf(stderr, "%s: bad option: %s\n", argv[0], argv[*i]);
        return 9;
    }
    return -1;
}

/* The script's text from stdin, run as if by -e. */
static int run_stdin(void)
{
    js_sbuf b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        sb_put(&b, buf, n);
    int rc = js_run_eval(sb_cstr(&b), false);
    sb_free(&b);
    return rc;
}

int main(int argc, char **argv)
{
    /* character classes for toUpperCase of non-ASCII text; output stays bytes */
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "C.utf8");
    options o = {.near_limit_snapshots = 0};
    gh_config_init(&o.config);
    o.config.on_oom = GH_OOM_FATAL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "-") != 0; i++) {
        int status = parse_option(argc, argv, &i, &o);
        if (status >= 0)
            return status;
    }
    gh_config *c = &o.config;
    if (c->max_semi_space < GH_PAGE_SIZE)
        c->max_semi_space = GH_PAGE_SIZE;
    const char *isz = getenv("GHJS_INITIAL_SEMI_MB");
    if (isz)
        c->initial_semi_space = (size_t)atol(isz) * 1024 * 1024;
    if (c->initial_semi_space > c->max_semi_space)
        c->initial_semi_space = c->max_semi_space;
    const char *script = NULL;
    if (!o.eval && i < argc)
        script = argv[i++];
    R.argc = argc - i + (script ? 1 : 0);
    R.argv = argv + i - (script ? 1 : 0);
    if (script) {
        /* process.argv[1] is the absolute script path */
        static char abs[4096];
        if (realpath(script, abs))
            R.argv[0] = abs;
    }
    if (!js_runtime_init(c)) {
        fprintf(stderr, "%s: cannot create the heap: %s\n", argv[0], gh_last_error_message());
        return 9;
    }
    if (o.near_limit_snapshots > 0 && !js_snapshot_near_limit_flag((unsigned)o.near_limit_snapshots)) {
        fprintf(stderr, "%s: --heapsnapshot-near-heap-limit: %s\n", argv[0], gh_diag_last_error_message());
        return 9;
    }
    int rc;
    if (o.eval)
        rc = js_run_eval(o.eval, o.print);
    else if (script && strcmp(script, "-") != 0)
        rc = js_run_main(script);
    else if (o.interactive || isatty(0))
        js_repl(), rc = 0;
    else
        rc = run_stdin();
    js_exit(rc);
}
