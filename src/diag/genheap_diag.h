/*
 * genheap_diag.h -- leak tooling for genheap: heap snapshots, a leak
 * watcher and heap diffs (libgenheap_diag).
 *
 * Built only on the public interface in genheap.h.  Three tools:
 *
 *   - heap snapshots in Chrome DevTools' .heapsnapshot format (the file
 *     v8.writeHeapSnapshot() writes), readable by DevTools and memlab;
 *   - a leak watcher with node-memwatch's 'stats' and 'leak' events;
 *   - heap diffs with memwatch's HeapDiff result.
 *
 * Errors: calls that can fail return a gh_error (or NULL) and record a
 * sentence naming the cause -- for I/O, the file and strerror(errno) --
 * in a thread-local slot read by gh_diag_last_error_message().  Failures
 * of the library calls underneath keep the library's own code.
 *
 * Every call below that walks the heap runs a full, stop-the-world
 * collection first (gh_heap_iterate, reason "heap profiler"): it MAY
 * COLLECT, so re-read raw object pointers from handles afterwards.
 * None of them allocates on the heap.  docs/diag.md explains the
 * algorithms.
 */
#ifndef GENHEAP_DIAG_H
#define GENHEAP_DIAG_H

#include <genheap.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The message of the last failing call of this library on this thread
 * ("" if none failed yet). */
const char *gh_diag_last_error_message(void);

/* ------------------------------------------------------------------------ */
/* Heap snapshots                                                            */
/* ------------------------------------------------------------------------ */

/*
 * Write a heap snapshot of every live object to path (created or
 * truncated, mode 0644).  The file is streamed: memory use is a few words
 * per object plus the table of distinct names, never the JSON text.
 *
 * Layout (V8's): node 0 is the synthetic root (id 1), with an element edge
 * to "(GC roots)" (id 3), whose element edges lead to the sub-roots
 * "(Handle scope)" (5), "(Global handles)" (7), "(Weak handles)" (9) and
 * "(Embedder roots)" (11); they hold internal edges "1", "2", ... to the
 * objects of local handles, strong global handles and root visitors, and
 * weak edges to the objects of weak global handles.  Every heap object is
 * a node: type gh_object_node_kind, name gh_object_name, id gh_object_id
 * (stable across moving collections, so two snapshots compare), self_size
 * its payload plus the 8-byte header.  Its edges are gh_object_edges'.
 * The key of a weak-table pair gets V8's extra internal edge to the value
 * ("part of key ... -> value ... pair in WeakMap ..."): a value lives as
 * long as its key.
 *
 * Returns GH_OK, GH_ERR_NULL_HEAP / GH_ERR_INVALID_ARGUMENT, GH_ERR_OS when
 * the file cannot be opened or written (the partial file is then removed)
 * or memory runs out, or the error of gh_heap_iterate (the file is not
 * opened then: an existing one stays as it was).  MAY COLLECT.
 */
gh_error gh_snapshot_write(gh_heap *heap, const char *path);

/* The same to an open file descriptor (a pipe, a socket, stdout); nothing
 * is removed on failure and fd stays open.  A reader that has gone is
 * GH_ERR_OS (EPIPE): SIGPIPE is blocked in this thread while writing. */
gh_error gh_snapshot_write_fd(gh_heap *heap, int fd);

/* Node's default snapshot name, Heap.<yyyymmdd>.<hhmmss>.<pid>.0.<seq>
 * .heapsnapshot (local time; seq counts the names made by this process,
 * from 001).  Writes at most size bytes (NUL included) and returns the
 * length of the whole name, as snprintf does. */
size_t gh_snapshot_default_name(char *buf, size_t size);

/*
 * Node's --heapsnapshot-near-heap-limit=max_snapshots: installs the heap's
 * near-heap-limit callback (replacing any other).  Each time the heap is
 * about to run out, it raises the limit by the young generation's maximum
 * size (so that the snapshot's own collection can promote it), writes a
 * snapshot named gh_snapshot_default_name() into dir (NULL or "": the
 * current directory) and prints "Wrote snapshot to <path>" on stderr.  After
 * max_snapshots snapshots it uninstalls itself; calls nested in its own
 * snapshot only raise the limit.  The raised limit goes back to the
 * initial one once a full GC leaves the heap below 95% of it.  NULL on
 * error.
 */
typedef struct gh_snapshot_near_limit gh_snapshot_near_limit;
gh_snapshot_near_limit *gh_snapshot_near_heap_limit(gh_heap *heap, unsigned max_snapshots,
                                                    const char *dir);
/* How many snapshots it has written. */
unsigned gh_snapshot_near_limit_taken(const gh_snapshot_near_limit *nl);
/* Uninstall (if still installed, and not replaced by another helper's
 * callback) and free.  NULL is ignored.  Also after gh_heap_destroy: the
 * helper lets go of a heap being destroyed. */
void gh_snapshot_near_limit_free(gh_snapshot_near_limit *nl);

/* ------------------------------------------------------------------------ */
/* Leak watch (node-memwatch's 'stats' and 'leak' events)                    */
/* ------------------------------------------------------------------------ */

/* memwatch's 'stats' payload, after each full collection.  Sizes are the
 * "base": the bytes of the old generation (old and large objects) right
 * after the collection. */
typedef struct gh_leakwatch_stats {
    uint64_t num_full_gc;      /* full collections seen */
    uint64_t num_inc_gc;       /* the others (scavenges) */
    uint64_t heap_compactions; /* full collections, as memwatch counts */
    double usage_trend;        /* % growth of estimated_base over the
                                  long-term (120-GC) average, 1 decimal */
    size_t estimated_base;     /* 10-GC decaying average of current_base */
    size_t current_base;       /* the base after this collection */
    size_t min, max;           /* extremes of current_base from the 3rd
                                  full collection on (0 before) */
} gh_leakwatch_stats;

/* memwatch's 'leak' payload: the base grew over 5 consecutive full
 * collections. */
typedef struct gh_leakwatch_leak {
    double start_ms, end_ms; /* wall clock, ms since 1970 (JS Date values):
                                the first growing collection and this one */
    size_t growth;           /* bytes the base grew from start to end */
    /* "heap growth over 5 consecutive GCs (20s) - 11.67 mb/hr" */
    char reason[128];
} gh_leakwatch_leak;

typedef void (*gh_leakwatch_stats_fn)(const gh_leakwatch_stats *stats, void *data);
typedef void (*gh_leakwatch_leak_fn)(const gh_leakwatch_leak *leak, void *data);

typedef struct gh_leakwatch gh_leakwatch;

/*
 * Watch heap: after every full collection call on_leak (if the base has
 * now grown 5 times in a row) and then on_stats; either may be NULL.  The
 * collections that heap snapshots and heap diffs run ("heap profiler")
 * are not counted, as memwatch ignores its own.  By default the callbacks
 * run inside the collection's epilogue: they must not allocate or
 * collect.  NULL on error.
 */
gh_leakwatch *gh_leakwatch_start(gh_heap *heap, gh_leakwatch_stats_fn on_stats,
                                 gh_leakwatch_leak_fn on_leak, void *data);
/* Stop watching and free; NULL is ignored.  From the watcher's own
 * callbacks too: no event follows (not even the same collection's
 * 'stats' after a 'leak'), and lw is freed when the callback returns.
 * Also after gh_heap_destroy: the watch lets go of a heap being
 * destroyed, and only needs freeing then. */
void gh_leakwatch_stop(gh_leakwatch *lw);

/* Deferred delivery (memwatch queues its events to the event loop): the
 * events are queued (the latest 256 at most) and delivered by
 * gh_leakwatch_dispatch, which may then allocate; it returns how many it
 * delivered.  GH_ERR_OS if the queue cannot be allocated (delivery then
 * stays as it was), GH_ERR_INVALID_ARGUMENT for a NULL watch. */
gh_error gh_leakwatch_set_deferred(gh_leakwatch *lw, bool deferred);
size_t gh_leakwatch_dispatch(gh_leakwatch *lw);

/* The statistics as of the last full collection. */
gh_leakwatch_stats gh_leakwatch_get_stats(const gh_leakwatch *lw);

/* Feed one collection by hand: kind and the base after it (for embedders
 * that measure otherwise, and for tests).  Events follow as for a real
 * collection. */
void gh_leakwatch_observe(gh_leakwatch *lw, gh_gc_kind kind, size_t base);

/* Replace the clock (wall time in ms since 1970) used for start, end and
 * the growth rate; NULL restores the real one. */
void gh_leakwatch_set_clock(gh_leakwatch *lw, double (*now_ms)(void *data), void *data);

/* Print an event as console.log shows memwatch's object (util.inspect),
 * with a newline.  GH_OK or GH_ERR_OS on a write error. */
gh_error gh_leakwatch_stats_print(FILE *out, const gh_leakwatch_stats *stats);
gh_error gh_leakwatch_leak_print(FILE *out, const gh_leakwatch_leak *leak);

/* memwatch's size text: "1.2 mb", "-53.88 kb", "24 bytes" (more than
 * 1 MiB in mb, more than 1 KiB in kb, two decimals at most). */
const char *gh_diag_nice_size(int64_t bytes, char *buf, size_t size);
/* memwatch's duration text: "20s", "3m 5s", "2h 0m 1s". */
const char *gh_diag_nice_delta(int64_t seconds, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Heap diff (memwatch's HeapDiff)                                           */
/* ------------------------------------------------------------------------ */

/* One category of objects: the snapshot name for objects (a constructor
 * name), "Array", "String", "Code", "Closure", "RegExp", "Number",
 * "Native" for those node kinds. */
typedef struct gh_heapdiff_detail {
    char *what;
    int64_t size_bytes; /* self sizes allocated minus freed */
    uint64_t plus;      /* memwatch's "+": objects allocated */
    uint64_t minus;     /* "-": objects freed */
} gh_heapdiff_detail;

typedef struct gh_heapdiff_summary {
    uint64_t nodes;      /* live objects */
    uint64_t size_bytes; /* their self sizes (= heap used) */
} gh_heapdiff_summary;

typedef struct gh_heapdiff_result {
    gh_heapdiff_summary before, after;
    /* "change" */
    int64_t size_bytes; /* after - before */
    uint64_t freed_nodes, allocated_nodes;
    size_t detail_count;
    gh_heapdiff_detail *details; /* sorted by what, byte order */
} gh_heapdiff_result;

typedef struct gh_heapdiff gh_heapdiff;

enum {
    /* Skip objects of kind GH_NODE_HIDDEN, as memwatch skips V8's internal
     * objects.  By default they count under their name, since hidden is
     * the kind of every type that does not set one. */
    GH_HEAPDIFF_SKIP_HIDDEN = 1u << 0
};

/* Record every live object's id, category and size.  MAY COLLECT.  NULL on
 * error (GH_ERR_INVALID_ARGUMENT for flags other than GH_HEAPDIFF_*). */
gh_heapdiff *gh_heapdiff_begin(gh_heap *heap);
gh_heapdiff *gh_heapdiff_begin_flags(gh_heap *heap, unsigned flags);
/* Record again and compare by object id: an id only before was freed, one
 * only after was allocated.  Frees hd (even on error).  MAY COLLECT.
 * NULL on error. */
gh_heapdiff_result *gh_heapdiff_end(gh_heapdiff *hd);
/* Drop a diff without ending it; NULL is ignored. */
void gh_heapdiff_cancel(gh_heapdiff *hd);
void gh_heapdiff_result_free(gh_heapdiff_result *result);

/* Print the result as memwatch's diff through JSON.stringify(diff, null,
 * 2), with the "size" texts, and a newline.  GH_OK or GH_ERR_OS. */
gh_error gh_heapdiff_print(FILE *out, const gh_heapdiff_result *result);

#ifdef __cplusplus
}
#endif

#endif /* GENHEAP_DIAG_H */
