/*
 * genheap_observe.h -- watching a libgenheap heap: GC events (the hooks
 * behind --trace-gc and memwatch), walking the heap and its references
 * (heap snapshots, leak tools), and statistics (process.memoryUsage(),
 * v8.getHeapStatistics()).
 *
 * Included by genheap.h; include that.
 */
#ifndef GENHEAP_OBSERVE_H
#define GENHEAP_OBSERVE_H

#include "genheap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* GC events                                                                 */
/* ------------------------------------------------------------------------ */

typedef enum gh_gc_phase { GH_GC_PROLOGUE = 1, GH_GC_EPILOGUE = 2 } gh_gc_phase;

typedef struct gh_gc_info {
    gh_gc_kind kind;
    const char *reason;           /* "allocation failure", "testing", ... */
    const char *collector_reason; /* "GC in old space requested", ... or "" */
    bool reduce_memory;           /* a last-resort, memory-reducing GC */
    bool heap_profiler;           /* run by gh_heap_iterate (snapshots, diffs) */
    double start_ms;              /* since the heap was created */
    size_t used_before, committed_before;
    /* epilogue only: */
    double pause_ms;
    size_t used_after, committed_after;
    size_t old_used_after; /* the old generation (old + large objects) */
    size_t promoted_bytes; /* moved from the young to the old generation */
    /* a full GC that ended an incremental marking: its steps (each one a
     * short pause of the mutator, outside this GC's own pause) */
    unsigned incremental_steps;
    double incremental_ms, biggest_step_ms;
    /* a full GC's pause, phase by phase: marking (with finalizer
     * discovery), compaction and young evacuation, sweeping */
    double mark_ms, evacuate_ms, sweep_ms;
} gh_gc_info;

/* Called at the start (prologue) and end (epilogue) of every collection,
 * inside it: the callback must not allocate or collect.  It may add or
 * remove callbacks (itself included); those added run from the next
 * round of callbacks on (the epilogue, if added in the prologue).  Time
 * spent in callbacks is reported apart in the trace line. */
typedef void (*gh_gc_callback)(gh_heap *heap, gh_gc_phase phase, const gh_gc_info *info,
                               void *data);
gh_error gh_gc_callback_add(gh_heap *heap, gh_gc_callback fn, void *data);
gh_error gh_gc_callback_remove(gh_heap *heap, gh_gc_callback fn, void *data);

/* Called once each, newest first, at the start of gh_heap_destroy, while
 * the heap is still whole: tools attached to a heap (a leak watch, a
 * near-heap-limit snapshot helper) let go of it there, so that stopping
 * them after the heap is gone touches nothing freed.  fn may still use the
 * heap, except to add teardown callbacks (GH_ERR_MISUSE); gh_heap_destroy
 * called from fn does nothing.  Removing one that was never added is
 * GH_ERR_INVALID_ARGUMENT. */
typedef void (*gh_teardown_callback)(gh_heap *heap, void *data);
gh_error gh_teardown_callback_add(gh_heap *heap, gh_teardown_callback fn, void *data);
gh_error gh_teardown_callback_remove(gh_heap *heap, gh_teardown_callback fn, void *data);

/* ------------------------------------------------------------------------ */
/* Heap introspection (heap snapshots, leak tools)                           */
/* ------------------------------------------------------------------------ */

/* Collect everything (a stop-the-world full GC, reason "heap profiler"),
 * then call fn on every live object, in address order, until it returns
 * false.  fn must not allocate.  MAY COLLECT (before iterating). */
gh_error gh_heap_iterate(gh_heap *heap, bool (*fn)(void *obj, void *data), void *data);

/* A stable id for obj: odd, unique among the objects of this heap, the same
 * across collections that move it (as V8's heap snapshot ids).  Ids of dead
 * objects are never reused.  Does not collect; 0 for NULL, no heap, an
 * object of another heap (GH_ERR_INVALID_ARGUMENT), or when called from a
 * finalizer (GH_ERR_IN_GC: the objects finalized are dead). */
uint64_t gh_object_id(gh_heap *heap, const void *obj);

/* The references held by obj, each with its kind and name or index: from
 * the type's trace function or edges function (gh_trace_edge), its
 * slot_names, or else as numbered elements.  Non-reference slots are
 * skipped.  A weak table's keys are weak edges named "key", its values
 * weak edges named "value"
 * (internal edges when the key is not a heap object, since the collector
 * then holds the value strongly).  Does not collect; fn must not allocate
 * or collect either (that fails with GH_ERR_IN_GC, as does the type's
 * node_name function doing so inside gh_object_name). */
typedef void (*gh_edge_fn)(void *data, void *target, gh_edge_kind kind, const char *name,
                           size_t index);
void gh_object_edges(gh_heap *heap, void *obj, gh_edge_fn fn, void *data);

/* How a snapshot shows obj: its node kind, and its name (node_name, or the
 * type's name).  These and gh_object_edges refuse an object of another
 * heap (GH_ERR_INVALID_ARGUMENT: GH_NODE_HIDDEN, "", no edges). */
gh_node_kind gh_object_node_kind(gh_heap *heap, const void *obj);
const char *gh_object_name(gh_heap *heap, const void *obj, char *buf, size_t size);

/* The roots, by where they are held. */
typedef enum gh_root_kind {
    GH_ROOT_HANDLE_SCOPE,  /* local handles */
    GH_ROOT_GLOBAL_HANDLE, /* strong global handles */
    GH_ROOT_WEAK_HANDLE,   /* weak global handles (not roots for the GC) */
    GH_ROOT_EMBEDDER       /* root visitors */
} gh_root_kind;
void gh_root_edges(gh_heap *heap, void (*fn)(void *data, gh_root_kind kind, void *target),
                   void *data);

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

/* Cumulative counters and current sizes.  Does not collect. */
typedef struct gh_heap_stats {
    size_t young_used, young_committed, young_capacity;
    size_t young_max_capacity; /* the semispace size it may grow to */
    size_t old_used, old_committed;
    size_t large_used, large_committed;
    size_t used;       /* young + old + large used bytes (headers included) */
    size_t committed;  /* bytes of heap memory taken from the OS */
    size_t limit;      /* heap size limit (old + 3 x max semispace) */
    size_t external, array_buffers;
    uint64_t scavenges, full_gcs, incremental_steps, compactions;
    uint64_t helper_swept_pages; /* old pages the background sweeper has read */
    /* the helper threads' share of parallel pauses (gc_threads > 0): bytes
     * of objects they marked, and bytes of young objects they copied or
     * promoted */
    uint64_t helper_marked_bytes, helper_scavenged_bytes;
    /* scavenges run on several threads (with 3 or more helpers, those that
     * keep enough, unless one thread has proved faster on this machine;
     * under a stress mode, every one with any helper) */
    uint64_t shared_scavenges;
    double scavenge_ms, full_gc_ms, incremental_ms, max_pause_ms;
    uint64_t promoted_bytes; /* total bytes promoted by scavenges */
    /* old pages a collection had to map fresh from the OS, inside its
     * pause (the allocator readies those of the first scavenge) */
    uint64_t pages_mapped_in_gc;
    /* the most objects the marking worklist has held at once (8 bytes
     * each; a scavenge during incremental marking walks the list) */
    size_t mark_worklist_peak;
    size_t live_after_last_full_gc;
    size_t next_full_gc_at;  /* old + large used that triggers a full GC */
    double growing_factor;   /* last chosen: trigger = live x factor */
} gh_heap_stats;
gh_error gh_heap_stats_get(gh_heap *heap, gh_heap_stats *stats);

/* process.memoryUsage(), in bytes: rss read from the OS, heap_total the
 * committed heap (counting one semispace, as V8 does), heap_used, external
 * (buffers + gh_external_adjust), array_buffers (buffers only). */
typedef struct gh_memory_usage {
    size_t rss, heap_total, heap_used, external, array_buffers;
} gh_memory_usage;
gh_error gh_memory_usage_get(gh_heap *heap, gh_memory_usage *usage);
/* The process's resident set size (works without a heap). */
size_t gh_rss(void);

/* v8.getHeapStatistics(), field for field. */
typedef struct gh_heap_statistics {
    size_t total_heap_size, total_heap_size_executable, total_physical_size,
        total_available_size, used_heap_size, heap_size_limit, malloced_memory,
        peak_malloced_memory, does_zap_garbage, number_of_native_contexts,
        number_of_detached_contexts, total_global_handles_size, used_global_handles_size,
        external_memory;
} gh_heap_statistics;
gh_error gh_heap_statistics_get(gh_heap *heap, gh_heap_statistics *stats);

/* v8.getHeapSpaceStatistics() for genheap's spaces: new_space, old_space,
 * large_object_space.  Writes up to max entries; returns how many spaces
 * there are (GH_SPACE_COUNT), or 0 for a NULL heap. */
#define GH_SPACE_COUNT 3
typedef struct gh_space_statistics {
    const char *space_name;
    size_t space_size, space_used_size, space_available_size, physical_space_size;
} gh_space_statistics;
size_t gh_heap_space_statistics_get(gh_heap *heap, gh_space_statistics *out, size_t max);

/* Whether obj currently lives in the young generation / large object space
 * (for tests and tools). */
bool gh_in_young(gh_heap *heap, const void *obj);
bool gh_in_large(gh_heap *heap, const void *obj);

#ifdef __cplusplus
}
#endif

#endif /* GENHEAP_OBSERVE_H */
