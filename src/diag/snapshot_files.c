/*
 * snapshot_files.c -- where snapshots go: Node's default file name, and
 * Node's --heapsnapshot-near-heap-limit.
 *
 * Node (src/env.cc, NearHeapLimitCallback) writes a snapshot when V8 is
 * about to give up on an allocation.  The snapshot's own full GC may
 * promote the whole young generation, so Node first raises the limit by
 * the young generation's size; a call nested in that GC only raises the
 * limit; after N snapshots the callback is removed, and the heap goes on
 * to its out-of-memory end with the raised limit.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag_internal.h"

static atomic_uint name_seq;

size_t gh_snapshot_default_name(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    unsigned seq = atomic_fetch_add(&name_seq, 1) + 1;
    int n = snprintf(buf, size, "Heap.%04d%02d%02d.%02d%02d%02d.%ld.0.%03u.heapsnapshot",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     (long)getpid(), seq);
    return n < 0 ? 0 : (size_t)n;
}

struct gh_snapshot_near_limit {
    gh_heap *heap;
    unsigned max, taken;
    bool installed, busy;
    char *dir;
};

static size_t near_limit(void *data, size_t current, size_t initial)
{
    (void)initial;
    gh_snapshot_near_limit *nl = data;
    gh_heap_stats st;
    /* V8's rule: room for the whole young generation (3 semispaces) */
    size_t young = gh_heap_stats_get(nl->heap, &st) == GH_OK ? 3 * st.young_max_capacity : 0;
    size_t raised = current + (young ? young : GH_MiB(16));
    if (nl->busy || nl->taken >= nl->max)
        return raised;
    nl->busy = true;
    char name[128];
    gh_snapshot_default_name(name, sizeof name);
    size_t len = strlen(nl->dir) + 1 + strlen(name) + 1;
    char *path = malloc(len);
    if (path) {
        snprintf(path, len, "%s/%s", nl->dir, name);
        gh_error err = gh_snapshot_write(nl->heap, path);
        nl->taken++;
        if (err == GH_OK)
            fprintf(stderr, "Wrote snapshot to %s\n", path);
        else
            fprintf(stderr, "Could not write snapshot to %s: %s\n", path,
                    gh_diag_last_error_message());
        free(path);
    }
    if (nl->taken >= nl->max && nl->installed) {
        gh_remove_near_heap_limit_callback(nl->heap, near_limit, nl);
        nl->installed = false;
    }
    /* as Node does: the raised limit goes once the heap is back below it */
    gh_restore_initial_heap_limit(nl->heap, 0.95);
    nl->busy = false;
    return raised;
}

/* The heap is being destroyed: freeing the helper later must not touch it. */
static void near_limit_teardown(gh_heap *heap, void *data)
{
    (void)heap;
    gh_snapshot_near_limit *nl = data;
    nl->heap = NULL;
    nl->installed = false;
}

gh_snapshot_near_limit *gh_snapshot_near_heap_limit(gh_heap *heap, unsigned max_snapshots,
                                                    const char *dir)
{
    if (!heap) {
        gh_diag_fail(GH_ERR_NULL_HEAP, "gh_snapshot_near_heap_limit: heap is NULL");
        return NULL;
    }
    if (max_snapshots == 0) {
        gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_snapshot_near_heap_limit: 0 snapshots");
        return NULL;
    }
    gh_snapshot_near_limit *nl = calloc(1, sizeof *nl);
    char cwd[4096];
    /* NULL or "" (Node's empty --diagnostic-dir), not "/" + name: the
     * current directory, whose full path Node prints */
    if (!dir || !*dir)
        dir = getcwd(cwd, sizeof cwd) ? cwd : ".";
    if (nl)
        nl->dir = strdup(dir);
    if (!nl || !nl->dir) {
        free(nl);
        gh_diag_fail(GH_ERR_OS, "gh_snapshot_near_heap_limit: out of memory");
        return NULL;
    }
    nl->max = max_snapshots;
    gh_error err = gh_teardown_callback_add(heap, near_limit_teardown, nl);
    if (err == GH_OK) {
        nl->heap = heap;
        err = gh_set_near_heap_limit_callback(heap, near_limit, nl);
    }
    if (err != GH_OK) {
        gh_diag_fail_lib(err, "gh_snapshot_near_heap_limit");
        gh_snapshot_near_limit_free(nl);
        return NULL;
    }
    nl->installed = true;
    return nl;
}

unsigned gh_snapshot_near_limit_taken(const gh_snapshot_near_limit *nl)
{
    return nl ? nl->taken : 0;
}

void gh_snapshot_near_limit_free(gh_snapshot_near_limit *nl)
{
    if (!nl)
        return;
    /* a later helper may have replaced this one's callback: leave it be */
    if (nl->installed)
        gh_remove_near_heap_limit_callback(nl->heap, near_limit, nl);
    if (nl->heap)
        gh_teardown_callback_remove(nl->heap, near_limit_teardown, nl);
    free(nl->dir);
    free(nl);
}
