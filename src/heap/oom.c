/*
 * oom.c -- the fatal out-of-memory report, laid out as Node 20 prints it:
 *
 *   <blank>
 *   <--- Last few GCs --->
 *   <the GC trace ring, from its first newline>
 *   <blank>
 *   <--- JS stacktrace --->
 *   <blank>
 *   FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
 *   ----- Native stack trace -----
 *   <blank>
 *    1: 0x... symbol [binary]
 *   ...
 * then abort(), so the process ends with SIGABRT (shell status 134).
 */
#include <execinfo.h>
#include <stdlib.h>

#include "oom.h"

#define GH_MAX_FRAMES 16

static void print_native_stack(void)
{
    void *frames[GH_MAX_FRAMES + 1];
    int n = backtrace(frames, GH_MAX_FRAMES + 1);
    char **names = backtrace_symbols(frames, n);
    fprintf(stderr, "----- Native stack trace -----\n\n");
    /* frame 0 is this function */
    for (int i = 1; i < n; i++) {
        const char *name = names ? names[i] : "";
        fprintf(stderr, "%2d: %p %s\n", i, frames[i], name);
    }
    free(names);
}

void gh_oom(gh_heap *h, size_t total)
{
    (void)total;
    if (h->config.on_oom != GH_OOM_FATAL)
        return;
    char ring[GH_TRACE_RING_SIZE + 1];
    gh_trace_ring_read(h, ring);
    char *from = strchr(ring, '\n');
    if (!from || from[1] == '\0')
        from = ring;
    fflush(stdout);
    fprintf(stderr, "\n<--- Last few GCs --->\n%s\n", from);
    fprintf(stderr, "\n<--- JS stacktrace --->\n%s\n", "");
    fprintf(stderr,
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n");
    print_native_stack();
    fflush(stderr);
    abort();
}
