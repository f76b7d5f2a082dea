/*
 * config.c -- heap configuration: defaults, validation, and the stress modes
 * taken from the GENHEAP_STRESS environment variable.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heap_internal.h"

/* No semispace beyond 1 GiB: V8 caps it far lower, and a bigger young
 * generation would only make scavenges long. */
#define GH_MAX_SEMI_SPACE GH_MiB(1024)
/* 64 TiB: more than any x86-64 process can map. */
#define GH_MAX_OLD_SPACE ((size_t)1 << 46)

void gh_config_init(gh_config *c)
{
    if (!c)
        return;
    memset(c, 0, sizeof *c);
    c->initial_semi_space = GH_MiB(1);
    c->max_semi_space = GH_MiB(16);
    c->max_old_space = GH_MiB(4096);
    c->stress_interval = 1000;
    c->on_oom = GH_OOM_RETURN_NULL;
    c->gc_threads = GH_DEFAULT_GC_THREADS;
    c->pretenuring = true;
    c->incremental_marking = true;
}

/* GH_GC_THREADS_AUTO: a helper per other online CPU, at most 7. */
static unsigned auto_gc_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus <= 1)
        return 0;
    return cpus - 1 > 7 ? 7 : (unsigned)(cpus - 1);
}

static size_t round_to_pages(size_t bytes)
{
    return (bytes + GH_PAGE_SIZE - 1) / GH_PAGE_SIZE * GH_PAGE_SIZE;
}

/* Parse "scavenge,full=N,zap,verify,compact,incremental" into stress bits. */
static gh_error parse_stress(const char *spec, gh_config *c)
{
    char buf[256];
    if (strlen(spec) >= sizeof buf)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "GENHEAP_STRESS is too long");
    strcpy(buf, spec);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "scavenge") == 0) {
            c->stress |= GH_STRESS_SCAVENGE_ALWAYS;
        } else if (strncmp(tok, "full=", 5) == 0) {
            char *end;
            unsigned long n = strtoul(tok + 5, &end, 10);
            if (*end || n == 0 || n > 100000000ul)
                return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                                    "GENHEAP_STRESS: bad interval in '%s'", tok);
            c->stress |= GH_STRESS_FULL_INTERVAL;
            c->stress_interval = (unsigned)n;
        } else if (strcmp(tok, "zap") == 0) {
            c->stress |= GH_STRESS_ZAP;
        } else if (strcmp(tok, "verify") == 0) {
            c->stress |= GH_STRESS_VERIFY;
        } else if (strcmp(tok, "compact") == 0) {
            c->stress |= GH_STRESS_COMPACT;
        } else if (strcmp(tok, "incremental") == 0) {
            c->stress |= GH_STRESS_INCREMENTAL;
        } else {
            return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                                "GENHEAP_STRESS: unknown mode '%s' (want scavenge, full=N, zap, "
                                "verify, compact, incremental)",
                                tok);
        }
    }
    return GH_OK;
}

gh_error gh_config_resolve(const gh_config *in, gh_config *out)
{
    if (in)
        *out = *in;
    else
        gh_config_init(out);
    if (out->initial_semi_space == 0 || out->max_semi_space == 0)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "semispace sizes must be positive");
    if (out->max_semi_space > GH_MAX_SEMI_SPACE)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "max_semi_space %zu exceeds the 1 GiB maximum", out->max_semi_space);
    if (out->initial_semi_space > out->max_semi_space)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "initial_semi_space %zu is larger than max_semi_space %zu",
                            out->initial_semi_space, out->max_semi_space);
    if (out->max_old_space < GH_PAGE_SIZE)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "max_old_space %zu is below one page (256 KiB)", out->max_old_space);
    if (out->max_old_space > GH_MAX_OLD_SPACE)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT,
                            "max_old_space %zu is larger than the address space", out->max_old_space);
    if (out->on_oom != GH_OOM_RETURN_NULL && out->on_oom != GH_OOM_FATAL)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "unknown on_oom policy %d", (int)out->on_oom);
    if (out->stress & ~(unsigned)(GH_STRESS_SCAVENGE_ALWAYS | GH_STRESS_FULL_INTERVAL |
                                  GH_STRESS_ZAP | GH_STRESS_VERIFY | GH_STRESS_COMPACT |
                                  GH_STRESS_INCREMENTAL))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "unknown stress bits 0x%x", out->stress);
    if (out->trace_flags &
        ~(unsigned)(GH_TRACE_NVP | GH_TRACE_VERBOSE | GH_TRACE_IGNORE_SCAVENGER))
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "unknown trace flags 0x%x",
                            out->trace_flags);
    const char *env = getenv("GENHEAP_STRESS");
    if (env && *env) {
        gh_error err = parse_stress(env, out);
        if (err)
            return err;
    }
    if (out->gc_threads > GH_MAX_GC_THREADS && out->gc_threads != GH_GC_THREADS_AUTO)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "gc_threads %u is more than %u",
                            out->gc_threads, GH_MAX_GC_THREADS);
    const char *threads = getenv("GENHEAP_GC_THREADS");
    if (threads && strcmp(threads, "auto") == 0) {
        out->gc_threads = GH_GC_THREADS_AUTO;
    } else if (threads && *threads) {
        char *end;
        unsigned long n = strtoul(threads, &end, 10);
        if (*end || n > GH_MAX_GC_THREADS)
            return gh_set_error(GH_ERR_INVALID_ARGUMENT, "GENHEAP_GC_THREADS: bad value '%s'",
                                threads);
        out->gc_threads = (unsigned)n;
    }
    if (out->gc_threads == GH_GC_THREADS_AUTO)
        out->gc_threads = auto_gc_threads();
    if ((out->stress & GH_STRESS_FULL_INTERVAL) && out->stress_interval == 0)
        return gh_set_error(GH_ERR_INVALID_ARGUMENT, "stress_interval must be positive");
    out->initial_semi_space = round_to_pages(out->initial_semi_space);
    out->max_semi_space = round_to_pages(out->max_semi_space);
    out->max_old_space = round_to_pages(out->max_old_space);
    return GH_OK;
}
