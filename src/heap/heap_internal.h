/*
 * heap_internal.h -- the gh_heap structure and the interfaces between the
 * collector's parts.  Each group of declarations below is implemented by
 * the file named in its heading.
 */
#ifndef GH_HEAP_INTERNAL_H
#define GH_HEAP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "genheap.h"
#include "object.h"
#include "page.h"
#include "spaces.h"
#include "thread_pool.h"
#include "vec.h"
#include "worklist.h"

/* Type ids from here up belong to types with finalizers: they fail the
 * inline fast path's single id compare and so take the slow path, which
 * records the object for finalization. */
#define GH_SLOW_TYPE_BASE 0x8000u
#define GH_MAX_TYPE_ID 0xFFFEu

/* How the collector finds an object's slots.  EPHEMERON is SLOTS for every
 * visitor except the marker, which treats the slots as (key, value) pairs
 * (see marker.c). */
typedef enum gh_layout {
    GH_LAYOUT_LEAF,
    GH_LAYOUT_SLOTS,
    GH_LAYOUT_TRACE,
    GH_LAYOUT_EPHEMERON
} gh_layout;

typedef struct gh_type {
    gh_type_info info; /* info.name points at our own copy */
    gh_layout layout;
    bool registered;
} gh_type;

/* ---- address_set.c: aligned addresses the heap handed out --------------- */

typedef struct gh_address_set {
    uintptr_t *slots; /* addresses, 4 KiB-aligned or more; 0 = empty */
    size_t cap, count;
} gh_address_set;

/* Add an address (a new old page or large chunk, a global block); false
 * if out of memory. */
bool gh_address_set_add(gh_address_set *s, const void *addr);
/* Forget one (nothing if it is not there). */
void gh_address_set_remove(gh_address_set *s, const void *addr);
bool gh_address_set_has(const gh_address_set *s, const void *addr);
void gh_address_set_free(gh_address_set *s);

/* ---- handles.c: handle blocks, scopes, globals, root visitors ----------- */

#define GH_HANDLE_BLOCK_SLOTS 1022

typedef struct gh_global_node gh_global_node;
struct gh_global_node {
    void *obj; /* first: gh_global_get reads it */
    gh_global_node *next_free;
    uint16_t in_use;
    uint16_t listed; /* on roots.young_globals (kept while freed: see handles.c) */
    uint16_t weak, queued; /* queued: on roots.dead_weak, callback not run yet */
    gh_weak_callback callback; /* weak handles */
    void *callback_data;
};

/* Global handles live in blocks aligned to their size, so that a node's
 * block -- and so its heap -- is found by masking its address. */
#define GH_GLOBAL_BLOCK_NODES 255
#define GH_GLOBAL_BLOCK_ALIGN ((size_t)16384)
typedef struct gh_global_block {
    struct gh_global_block *next;
    gh_heap *heap;
    gh_global_node nodes[GH_GLOBAL_BLOCK_NODES];
} gh_global_block;
_Static_assert(sizeof(gh_global_block) <= GH_GLOBAL_BLOCK_ALIGN, "a global block fits its alignment");

static inline gh_global_block *gh_global_block_of(const gh_global_node *n)
{
    return (gh_global_block *)((uintptr_t)n & ~(uintptr_t)(GH_GLOBAL_BLOCK_ALIGN - 1));
}

typedef struct gh_root_visitor_entry {
    gh_root_visitor fn;
    void *data;
} gh_root_visitor_entry;

typedef struct gh_roots {
    void ***blocks;      /* handle blocks; [0, fast.handle_blocks) in use */
    size_t block_alloc;  /* blocks allocated (spares kept after scopes close) */
    size_t block_cap;
    gh_global_block *global_blocks;
    gh_global_node *global_free;
    size_t globals_in_use;
    gh_root_visitor_entry *visitors;
    size_t visitor_count, visitor_cap;
    size_t weak_count;      /* weak globals in use */
    gh_vec young_globals;   /* the globals that may hold a young object */
    gh_vec dead_weak;       /* weak globals cleared, callbacks pending */
    bool running_callbacks;
    unsigned visiting;      /* root visitors running (the globals are visited) */
} gh_roots;

/* ---- collector.c / trace.c: statistics of collections ------------------- */

typedef enum gh_gc_reason {
    GH_REASON_ALLOCATION_FAILURE,
    GH_REASON_TESTING,
    GH_REASON_STRESS,
    GH_REASON_LAST_RESORT,
    GH_REASON_EXTERNAL_MEMORY_PRESSURE,
    GH_REASON_FINALIZE_INCREMENTAL,     /* at an allocation ("via stack guard") */
    GH_REASON_FINALIZE_INCREMENTAL_TASK, /* at an idle notification ("via task") */
    GH_REASON_HEAP_PROFILER             /* before walking the heap for a snapshot */
} gh_gc_reason;

/* One collection, as the trace, the statistics and the callbacks see it. */
typedef struct gh_gc_event {
    bool full;
    bool reduce_memory;
    gh_gc_reason reason;
    const char *collector_reason; /* "" for scavenges */
    double start_ms, end_ms;      /* absolute (gh_now_ms) */
    double prologue_ms, epilogue_ms; /* time in the embedder's GC callbacks */
    double mark_ms, evacuate_ms, sweep_ms; /* full GC phases */
    size_t used_before, committed_before, used_after, committed_after;
    size_t holes_before, holes_after; /* free-list bytes */
    size_t allocated;                 /* since the previous GC */
    size_t old_gen_before;            /* old + large used at the start */
    size_t young_before;              /* young used at the start */
    bool incremental;                 /* it finished an incremental marking */
    uint64_t inc_steps;
    double inc_ms, inc_biggest_ms, inc_wall_ms;
    size_t compacted_pages;
    size_t survived, promoted;        /* young bytes kept / moved to old */
} gh_gc_event;

/* The last 512 bytes of GC trace text, kept whether or not tracing is on,
 * for the out-of-memory report (V8's trace ring buffer). */
#define GH_TRACE_RING_SIZE 512
typedef struct gh_trace_ring {
    char bytes[GH_TRACE_RING_SIZE];
    size_t end;
    bool full;
} gh_trace_ring;

typedef struct gh_gc_stats {
    uint64_t scavenges, full_gcs, incremental_steps, compactions;
    uint64_t helper_marked_bytes, helper_scavenged_bytes, shared_scavenges;
    double scavenge_ms, full_gc_ms, incremental_ms, max_pause_ms;
    uint64_t promoted_bytes;
    size_t used_after_last_gc;      /* baseline for "allocated" */
    double last_gc_end_ms;          /* absolute; for the mutator time */
    uint64_t survival_samples;
    size_t live_after_last_full_gc;
    double survival_ratio_sum;      /* for average_survival_ratio */
    /* the last collection's young survivors, set by the scavenger */
    size_t last_survived, last_promoted;
    size_t mark_worklist_peak; /* entries */
    uint64_t pages_mapped_in_gc; /* old pages mapped fresh inside a collection */
    /* mutator utilisation bookkeeping, as V8's GC tracer keeps it */
    double prev_full_end_ms;
    double avg_mutator_ms, avg_full_ms;
    double current_mu, average_mu;
    bool mu_averaged;
} gh_gc_stats;

/* ---- scavenger.c: whether a scavenge is shared with the helpers ---------- */

/* The pause time and the bytes kept of recent scavenges that could have
 * been shared, per mode ([0] one thread, [1] shared), each sample weighing
 * as much as all the older ones together. */
typedef struct gh_scavenge_modes {
    double ms[2], mib[2];
    uint64_t eligible; /* scavenges that could have been shared */
} gh_scavenge_modes;

/* ---- marker.c / incremental.c: marking ---------------------------------- */

typedef enum gh_marking_state { GH_MARKING_OFF, GH_MARKING_ACTIVE } gh_marking_state;

typedef struct gh_marking {
    gh_marking_state state;
    double start_ms;            /* absolute */
    uint64_t steps;
    double steps_ms, biggest_step_ms;
    size_t work_estimate;       /* bytes to mark, estimated at the start */
    size_t marked_bytes;        /* scanned so far, by steps and pauses */
    size_t old_gen_at_start;
    double pace;                /* bytes to mark per byte the old generation grows */
    size_t young_at_step;       /* allocation since the last step: young ... */
    size_t old_at_step;         /* ... and old generation growth */
    uint64_t scavenges_at_step; /* (young used restarts at each scavenge) */
    size_t overrun;             /* how far past the trigger it may run */
} gh_marking;

/* ---- heap_growing.c: when the next full GC runs ------------------------ */

typedef struct gh_growing {
    size_t trigger;            /* full GC once old + large used exceed this */
    double gc_speed;           /* bytes marked and swept per ms, averaged */
    double mutator_speed;      /* old-generation bytes allocated per ms */
    double last_full_end_ms;   /* absolute time the last full GC ended */
    double young_pause_ms;     /* scavenge pauses since then */
    size_t old_gen_after_last; /* old + large used after the last full GC */
    double factor;             /* the factor chosen last */
} gh_growing;

/* ---- external.c: off-heap memory --------------------------------------- */

typedef struct gh_external {
    int64_t bytes;             /* buffers + gh_external_adjust */
    size_t array_buffers;      /* buffers only */
    int64_t limit;             /* GC when bytes exceed it */
    gh_type_id buffer_type;
} gh_external;

/* ---- object_ids.c: ids that survive moves ------------------------------ */

typedef struct gh_id_entry {
    uintptr_t addr; /* 0: empty */
    uint64_t id;
} gh_id_entry;

typedef struct gh_id_table {
    gh_id_entry *entries;
    size_t cap, count;
} gh_id_table;

typedef struct gh_ids {
    gh_id_table young, old;
    uint64_t next;
} gh_ids;

/* ---- oom.c / events.c --------------------------------------------------- */

typedef struct gh_callback_entry {
    gh_gc_callback fn;
    void *data;
} gh_callback_entry;
typedef struct gh_teardown_entry {
    gh_teardown_callback fn;
    void *data;
} gh_teardown_entry;

typedef struct gh_limits {
    size_t initial_heap_limit;
    size_t initial_max_old_space;
    double restore_fraction;       /* gh_restore_initial_heap_limit; 0: off */
    gh_near_heap_limit_callback near_limit_fn;
    void *near_limit_data;
    unsigned near_limit_running;   /* calls of near_limit_fn not yet returned */
    bool callback_allocating;      /* an allocation made from inside near_limit_fn */
    unsigned ineffective_full_gcs; /* consecutive, near the limit */
    bool ineffective;              /* report it at the next allocation */
} gh_limits;

/* ---- sweeping (sweeper.c, background_sweeper.c) ------------------------- */

/* What the background sweeper found on a page: its live bytes and its free
 * gaps, as (start, end) offsets from the page, for the main thread to
 * apply.  failed: it could not allocate the list (the main thread sweeps
 * the page itself). */
typedef struct gh_page_reading {
    gh_page *page;
    size_t live;
    uint32_t *gaps;
    size_t ngaps;
    bool failed;
} gh_page_reading;

/* The pages left unswept when marking ended, claimed in list order by the
 * main thread (allocation, scavenges) and by the background thread.
 * While the thread runs, everything below is read and written under lock. */
typedef struct gh_sweeper {
    gh_vec pages;
    size_t next; /* the first page nobody has claimed */
    bool thread_running;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* the thread: new pages, or shutdown */
    pthread_cond_t read_done; /* the main thread: a reading is ready */
    bool shutdown;
    bool reading;            /* the thread is reading a page now */
    gh_page_reading *done;   /* readings not yet applied */
    size_t done_len, done_cap;
    uint64_t pages_read;     /* by the thread, ever (under the lock) */
} gh_sweeper;

/* ---- the heap ----------------------------------------------------------- */

struct gh_heap {
    struct gh__heap_fast fast; /* must stay first: the inline paths read it */
    gh_config config;

    gh_type *types_fast; /* indexed by id; [0] is the free-space type */
    uint32_t types_fast_cap;
    gh_type *types_slow; /* indexed by id - GH_SLOW_TYPE_BASE */
    uint32_t types_slow_count, types_slow_cap;
    uint8_t *generation; /* per fast type: 1 when pretenured (pretenuring.c) */
    uint8_t *was_pretenured; /* the decisions before the last full GC */
    size_t old_allocated_since_reset; /* by the program, since decisions were reset */
    uint32_t generation_cap;

    gh_new_space new_space;
    gh_old_space old_space;
    gh_large_space large_space;
    gh_address_set chunks; /* old pages and large chunks, by address */
    gh_roots roots;

    gh_marking marking;
    gh_ids ids;
    gh_pool pool;               /* helper threads for parallel phases */
    gh_sweeper sweeper;         /* lazy sweeping, and its background thread */
    gh_worklist par_worklist;   /* shared by parallel marking */
    gh_vec young_finalizable; /* objects with finalizers, by generation */
    gh_vec old_finalizable;
    gh_vec mark_worklist;
    gh_vec ephemeron_tables; /* weak tables with pairs whose key was unmarked */

    bool in_gc;
    bool finalizing; /* a finalizer is running */
    gh_growing growing;
    gh_external external;
    gh_limits limits;
    gh_callback_entry *callbacks;
    size_t callback_count, callback_cap;
    gh_teardown_entry *teardowns; /* gh_teardown_callback_add */
    size_t teardown_count, teardown_cap;
    bool tearing_down;            /* gh_heap_destroy is running them */
    bool callbacks_running; /* removals only blank their entry meanwhile */
    size_t peak_malloced;
    size_t slot_set_bytes; /* malloc'd by the pages' remembered sets (atomic) */
    gh_page *remembered_pages; /* old pages and large chunks with a slot set */
    uint64_t allocations_until_stress_gc;
    char *real_limit; /* the allocation limit when a stress mode hides it */

    gh_gc_stats stats;
    gh_scavenge_modes scavenge_modes; /* scavenger.c: one thread or several */
    gh_trace_ring ring;
    double start_ms; /* creation time: trace lines count from it */
};

/* ---- types.c ------------------------------------------------------------ */

static inline const gh_type *gh_type_get(const gh_heap *h, gh_type_id id)
{
    return id < GH_SLOW_TYPE_BASE ? &h->types_fast[id] : &h->types_slow[id - GH_SLOW_TYPE_BASE];
}
/* Whether id names a registered type (0, the free type, does not count). */
bool gh_type_valid(const gh_heap *h, gh_type_id id);
bool gh_types_init(gh_heap *h);
void gh_types_free(gh_heap *h);

/* The slots of a layout-described object (GH_LAYOUT_SLOTS or _EPHEMERON)
 * whose slots start at byte off of its payload: from the returned word up
 * to *end (none if the payload ends first); gh_object_slots reads off from
 * the type, the scavenger from the layout it keeps. */
static inline uint64_t *gh_slots_from(size_t off, char *obj, uint64_t hdr, uint64_t **end)
{
    size_t payload = gh_header_total(hdr) - GH_HEADER_SIZE;
    uint64_t *first = (uint64_t *)(void *)(obj + off);
    *end = payload > off ? (uint64_t *)(void *)(obj + payload) : first;
    return first;
}
static inline uint64_t *gh_object_slots(const gh_type *ty, char *obj, uint64_t hdr, uint64_t **end)
{
    return gh_slots_from(ty->info.slots_offset, obj, hdr, end);
}

/*
 * Visit the slots of obj (header hdr) with t.  `range` is called for
 * layout-described objects; it is a compile-time constant at every call
 * site, so the collector's slot loops are inlined, and only objects with a
 * custom trace function cost an indirect call.
 */
static inline void gh_object_visit(const gh_heap *h, char *obj, uint64_t hdr, gh_tracer *t,
                                   void (*range)(gh_tracer *, void *, size_t))
{
    const gh_type *ty = gh_type_get(h, gh_header_type(hdr));
    switch (ty->layout) {
    case GH_LAYOUT_LEAF:
        return;
    case GH_LAYOUT_SLOTS:
    case GH_LAYOUT_EPHEMERON: {
        uint64_t *end, *first = gh_object_slots(ty, obj, hdr, &end);
        if (first < end)
            range(t, first, (size_t)(end - first));
        return;
    }
    case GH_LAYOUT_TRACE:
        ty->info.trace(obj, t);
        return;
    }
}

/* ---- error.c ------------------------------------------------------------ */

/* Record an error for gh_last_error(); returns err.  The message is a
 * printf format. */
gh_error gh_set_error(gh_error err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* API misuse: record GH_ERR_MISUSE, and abort in debug builds. */
gh_error gh_misuse(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- config.c ----------------------------------------------------------- */

/* Validate a config, apply GENHEAP_STRESS, round sizes to pages. */
gh_error gh_config_resolve(const gh_config *in, gh_config *out);

/* ---- the spaces (spaces.h), where the whole heap is needed --------------- */

static inline bool gh_in_from_space(const gh_heap *h, const void *p)
{
    gh_young_layout l = gh_young_layout_of(&h->new_space);
    return gh_young_role_is(&l, p, GH_YOUNG_ROLE_FROM);
}
static inline bool gh_in_to_space(const gh_heap *h, const void *p)
{
    gh_young_layout l = gh_young_layout_of(&h->new_space);
    return gh_young_role_is(&l, p, GH_YOUNG_ROLE_TO);
}
/* Bytes counted against max_old_space. */
static inline size_t gh_old_gen_committed(const gh_heap *h)
{
    return gh_old_space_committed(h) + h->large_space.committed;
}
static inline size_t gh_old_gen_used(const gh_heap *h)
{
    return gh_old_space_used(h) + h->large_space.used;
}

/* ---- heap.c ------------------------------------------------------------- */

/* Around embedder code the heap calls outside a collection (root visitors
 * run by gh_verify, gh_root_edges' callback, finalizers at destruction):
 * the heap counts as collecting, with its allocation areas hidden, so
 * that allocating, collecting or changing the root visitors fails with
 * GH_ERR_IN_GC instead of changing the heap under the walk.  Nests:
 * gh_busy_end undoes only what its gh_busy_begin did. */
bool gh_busy_begin(gh_heap *h);
void gh_busy_end(gh_heap *h, bool was_busy);
/* Whether p lies in h's young generation or in one of its registered
 * chunks, reading no memory outside the heap's own mappings: for addresses
 * from the embedder, which may be anything (heap.c). */
bool gh_heap_contains(const gh_heap *h, const void *p);
/* Unless h contains p: GH_ERR_INVALID_ARGUMENT ("fn: object p is not in
 * this heap") and true.  For the API calls that take an object: another
 * heap's would be read with this heap's type table (or marked in that
 * heap's bitmap), a made-up address may not be mapped. */
bool gh_refuse_foreign(const gh_heap *h, const void *p, const char *fn);
/* Whether obj, known to be some heap's object, is h's (every page records
 * its heap): one load, for the collectors. */
static inline bool gh_heap_owns(const gh_heap *h, const void *obj)
{
    return gh_page_of(obj)->heap == h;
}

/* ---- remembered_set.c: the write barrier's slow path and slot sets ------ */

/* Record slot in page's set (created on first use; main thread only, as
 * is gh_slot_set_clear: they keep the heap's list of remembered pages). */
void gh_slot_set_insert(gh_page *page, const void *slot);
bool gh_slot_set_contains(const gh_page *page, const void *slot);
/* Forget slots in [start, end) (memory being freed). */
void gh_slot_set_remove_range(gh_page *page, const void *start, const void *end);
void gh_slot_set_clear(gh_page *page);
/* Bytes page's remembered set holds (0 if it has none). */
size_t gh_slot_set_bytes(const gh_page *page);
/* Call fn on every recorded slot of page; fn returns false to drop it.
 * Returns whether any slot is left (the caller clears an emptied set:
 * parallel scavenge threads must not, the list is the main thread's). */
bool gh_slot_set_iterate(gh_page *page, bool (*fn)(gh_heap *h, uint64_t *slot, void *ctx),
                         void *ctx);
/* Iterate the sets of all old pages and large chunks that have one,
 * clearing those left empty. */
void gh_remembered_set_iterate(gh_heap *h, bool (*fn)(gh_heap *h, uint64_t *slot, void *ctx),
                               void *ctx);
/* Drop every remembered slot of the old generation. */
void gh_remembered_set_clear_all(gh_heap *h);

/* ---- handles.c ---------------------------------------------------------- */

bool gh_roots_init(gh_heap *h);
void gh_roots_release(gh_heap *h);
/* Report every root slot (handles, strong globals, root visitors) to t,
 * passing over (and reporting as misuse) those that hold another heap's
 * object: what the collectors use. */
void gh_roots_visit(gh_heap *h, gh_tracer *t);
/* The same for a scavenge: of the globals, only those on the young list. */
void gh_roots_visit_young(gh_heap *h, gh_tracer *t);
/* Every root slot, another heap's objects included: for gh_verify. */
void gh_roots_visit_all(gh_heap *h, gh_tracer *t);
/* Report the slots of the weak globals to t (to follow moves). */
void gh_weak_globals_visit(gh_heap *h, gh_tracer *t);
/* After a scavenge copied the survivors: weak globals follow their objects
 * into to-space or old space, or are cleared (callback queued). */
void gh_weak_globals_after_scavenge(gh_heap *h);
/* For gh_verify: whether every global holding a young object is listed. */
bool gh_young_globals_listed(gh_heap *h);
/* After marking: clear weak globals whose object is unmarked. */
void gh_weak_globals_after_marking(gh_heap *h);
/* Outside any collection: run the queued weak callbacks. */
void gh_weak_callbacks_run(gh_heap *h);

/* ---- scavenger.c, parallel_scavenger.c -------------------------------- */

typedef struct gh_scavenge_result {
    size_t copied, promoted; /* object bytes kept young / moved to old space */
    char *to_top;            /* where the survivors in to-space end ... */
    size_t to_page;          /* ... on this to-space page */
    size_t to_used;          /* to-space bytes used, fillers included */
} gh_scavenge_result;

/* For the parallel scavenger: a copy is scanned when the thread's worklist
 * gets to it, and scanning it reads the headers of the objects it refers
 * to -- scattered over from-space, so each read is a cache miss.  Asking
 * for them when the copy is made, while its slots are in the cache anyway,
 * lets the misses overlap with the copying in between.  Only for
 * layout-described objects: a trace function would have to run twice.
 * (The sequential scavenger does not: see finish_copy in scavenger.c.) */
static inline void gh_prefetch_young_referents(const gh_type *ty, const gh_young_layout *l,
                                               char *obj, uint64_t hdr)
{
    if (ty->layout != GH_LAYOUT_SLOTS)
        return;
    uint64_t *end;
    for (uint64_t *w = gh_object_slots(ty, obj, hdr, &end); w < end; w++) {
        char *target = gh_slot_target(*w);
        if (target && (uintptr_t)target - l->base < l->span)
            __builtin_prefetch(target - GH_HEADER_SIZE, 1);
    }
}

/* Copy the young generation on every collector thread (the parallel phase
 * of gh_scavenge when there are helper threads). */
void gh_scavenge_parallel(gh_heap *h, gh_scavenge_result *r);

/* Cheney-copy the live young objects; promote by the seed's two rules. */
void gh_scavenge(gh_heap *h);
/* Full GC, after marking: move every marked young object to old space
 * (marked), update all references, and empty the young generation. */
void gh_evacuate_young_marked(gh_heap *h);

/* ---- marker.c ----------------------------------------------------------- */

/* Set obj's mark bit if clear (counting its bytes as live on its page) and,
 * unless it is a leaf, push it on the worklist (grey).  True if newly marked. */
bool gh_mark_object(gh_heap *h, char *obj);
/* Grey everything the roots refer to. */
void gh_mark_roots(gh_heap *h);
/* Scan grey objects until `budget` bytes are scanned or the worklist is
 * empty; returns the bytes scanned.  SIZE_MAX: until empty. */
size_t gh_mark_drain(gh_heap *h, size_t budget);
/* Scan every grey object, on all the collector's threads when it has
 * helpers and there is enough to share (parallel_marker.c). */
void gh_mark_drain_all(gh_heap *h);
/* Before a marking: finish sweeping the last cycle, zero the live counts. */
void gh_mark_prepare(gh_heap *h);
/* Weak tables (marker.c): until no value is newly marked, mark the value of
 * every pair whose key is marked; then empty the pairs whose key is not.
 * Called when the worklist is empty; returns with it empty. */
void gh_mark_ephemerons(gh_heap *h);
/* Scan a weak table: mark the values of marked keys, remember it if some
 * key is not (yet) marked.  mark_value marks and pushes a value. */
void gh_mark_scan_ephemeron(gh_heap *h, char *table, uint64_t hdr, void (*mark_value)(void *ctx, char *v),
                            void *ctx, gh_vec *deferred);
/* Check the tri-colour invariant: no marked object outside the worklist
 * refers to an unmarked one (the verify stress mode, at finalisation). */
gh_error gh_mark_verify_invariant(gh_heap *h);
/* Check that every old page's and large chunk's live bytes are the sizes of
 * its marked objects (the verify stress mode, when marking is done). */
gh_error gh_mark_verify_live_bytes(gh_heap *h);

/* ---- incremental.c ------------------------------------------------------ */

/* Start an incremental marking: grey the roots, turn on the marking
 * barrier.  Allocation pays for steps; finalisation is a full GC. */
void gh_marking_start(gh_heap *h);
/* At an allocation slow path: start marking when the old generation nears
 * its trigger, or mark a step paid for by what was allocated since the
 * last one.  Returns true when marking has finished (finalise now). */
bool gh_marking_tick(gh_heap *h);
/* Finish marking in the pause: grey the roots again and drain. */
void gh_marking_finish(gh_heap *h);
/* Marking is over: barrier back to normal. */
void gh_marking_stop(gh_heap *h);
/* Throw an unfinished marking away (marks and worklist), for a full GC that
 * must be precise. */
void gh_marking_abort(gh_heap *h);
/* After a scavenge during marking: worklist entries follow their objects. */
void gh_marking_after_scavenge(gh_heap *h);
/* Page flags for a page created while marking is on. */
uintptr_t gh_marking_page_flags(const gh_heap *h, gh_space_kind space);

/* ---- sweeper.c ---------------------------------------------------------- */

/* After marking: every old page becomes unswept (swept later, on demand by
 * the allocator, and by the background sweeper when there is one); dead
 * large objects are freed at once. */
void gh_sweep_start(gh_heap *h);
/* Sweep the next unswept page; false when none is left. */
bool gh_sweep_next_page(gh_heap *h);
/* Sweep at most that many pages (a scavenge's share of lazy sweeping:
 * GH_SWEEP_PAGES_PER_SCAVENGE, about 0.1 ms). */
#define GH_SWEEP_PAGES_PER_SCAVENGE 4
void gh_sweep_some(gh_heap *h, size_t pages);
/* Sweep every page still unswept. */
void gh_sweep_finish(gh_heap *h);
/* Sweep everything now (a stop-the-world full GC). */
void gh_sweep(gh_heap *h);
/* Call gap(ctx, start, end) for each free gap of an unswept page, by its
 * mark bitmap (never reading a dead object); returns its live bytes.  An
 * empty page has no gaps: it goes back whole.  Writes nothing. */
size_t gh_page_each_gap(gh_page *p, void (*gap)(void *ctx, char *start, char *end), void *ctx);

/* ---- background_sweeper.c ----------------------------------------------- */

/* Start the background sweeper thread (heaps with gc_threads > 0); false
 * if the OS refuses a thread (then sweeping stays on the main thread). */
bool gh_sweeper_start_thread(gh_heap *h);
/* Stop it and free the sweeper's lists (heap destruction). */
void gh_sweeper_stop(gh_heap *h);
/* Hand over the pages gh_sweep_start listed (taking the vector), waking
 * the thread. */
void gh_sweeper_publish(gh_heap *h, gh_vec *pages);
/* What the main thread sweeps next: a page the thread has read (its
 * reading filled in), one it claims for itself, or nothing left. */
typedef enum { GH_SWEEP_NONE, GH_SWEEP_READ, GH_SWEEP_CLAIMED } gh_sweep_take;
gh_sweep_take gh_sweeper_take(gh_heap *h, gh_page_reading *reading);
/* The reading half of sweeping a page (no writes to the page). */
void gh_sweeper_read_page(gh_page *p, gh_page_reading *reading);
/* Pages the thread has read so far (gh_heap_stats.helper_swept_pages). */
uint64_t gh_sweeper_pages_read(gh_heap *h);

/* ---- compactor.c -------------------------------------------------------- */

/* After marking, before sweeping: if old pages are fragmented enough (or
 * force), move the live objects off the sparsest pages, update every
 * reference, and unmap those pages.  Returns the pages evacuated. */
size_t gh_compact(gh_heap *h, bool force);

/* ---- finalizers.c ------------------------------------------------------- */

/* Record a newly allocated object whose type has a finalizer. */
bool gh_finalizable_add(gh_heap *h, void *obj);
/* After a scavenge: follow forwarding, finalize the young objects that died,
 * move promoted ones to the old list. */
void gh_finalizers_after_scavenge(gh_heap *h);
/* During a full GC, before young evacuation and sweeping: finalize every
 * unmarked object. */
void gh_finalizers_after_marking(gh_heap *h);
/* After young evacuation: every young finalizable object is now old. */
void gh_finalizers_after_evacuation(gh_heap *h);
/* Heap teardown: finalize everything. */
void gh_finalizers_run_all(gh_heap *h);

/* ---- collector.c -------------------------------------------------------- */

void gh_collect_garbage(gh_heap *h, bool full, gh_gc_reason reason, const char *collector_reason);
/* Whether the old generation has grown past its trigger. */
/* The trigger is soft while an incremental marking runs: it may go on
 * for marking.overrun bytes more before the full GC finishes it. */
static inline bool gh_old_gen_needs_gc(const gh_heap *h)
{
    size_t limit = h->growing.trigger;
    if (h->marking.state == GH_MARKING_ACTIVE)
        limit += h->marking.overrun;
    return gh_old_gen_used(h) > limit;
}
/* Full GC if the old generation needs one, else a scavenge. */
void gh_collect_for_allocation(gh_heap *h);
double gh_now_ms(void);

/* ---- object_ids.c -------------------------------------------------------- */

/* After a scavenge copied (from-space intact): young ids follow. */
void gh_ids_after_scavenge(gh_heap *h);
/* After a full GC's marking: forget the ids of unmarked objects. */
void gh_ids_after_marking(gh_heap *h);
/* After objects moved with forwarding left behind (young evacuation,
 * compaction): ids follow. */
void gh_ids_after_moves(gh_heap *h);
void gh_ids_release(gh_heap *h);

/* ---- pretenuring.c ------------------------------------------------------ */

/* After a scavenge copied its survivors (from-space still intact): sample
 * per-type survival if most of the young generation survived. */
void gh_pretenuring_after_copy(gh_heap *h, size_t young_before, size_t survived);
/* At a full GC: allocate every type young again until sampled anew. */
void gh_pretenuring_reset(gh_heap *h);
/* The program took bytes of old space for its allocations (a buffer
 * refill): re-decide pretenuring every so often. */
void gh_pretenuring_after_old_refill(gh_heap *h, size_t bytes);

/* ---- heap_growing.c ----------------------------------------------------- */

void gh_growing_init(gh_heap *h);
/* After a scavenge of pause_ms / a full GC: account, set the trigger. */
void gh_growing_after_scavenge(gh_heap *h, double pause_ms);
void gh_growing_after_full_gc(gh_heap *h, const gh_gc_event *ev);

/* ---- external.c --------------------------------------------------------- */

bool gh_external_init(gh_heap *h);
/* After a full GC: external memory may grow 64 MiB from here. */
void gh_external_after_full_gc(gh_heap *h);

/* ---- events.c ----------------------------------------------------------- */

/* The reason as the trace prints it ("allocation failure"). */
const char *gh_gc_reason_text(gh_gc_reason r);
/* Run the teardown callbacks, newest first (gh_heap_destroy). */
void gh_teardown_callbacks_run(gh_heap *h);
/* Run the GC callbacks; returns the time they took, in ms. */
double gh_gc_callbacks_run(gh_heap *h, gh_gc_phase phase, const gh_gc_event *ev);

/* ---- stats.c ------------------------------------------------------------ */

size_t gh_heap_used(const gh_heap *h);
size_t gh_heap_committed(const gh_heap *h);
size_t gh_heap_size_limit(const gh_heap *h);
/* Bytes the heap has taken with malloc for its own bookkeeping. */
size_t gh_malloced_memory(gh_heap *h);
void gh_stats_record(gh_heap *h, const gh_gc_event *ev);

/* ---- trace.c ------------------------------------------------------------ */

void gh_trace_gc_event(gh_heap *h, const gh_gc_event *ev);
/* The ring's text in order, NUL-terminated, into out[GH_TRACE_RING_SIZE+1]. */
void gh_trace_ring_read(const gh_heap *h, char *out);

/* ---- verify.c ----------------------------------------------------------- */

gh_error gh_verify_heap(gh_heap *h);

#endif
