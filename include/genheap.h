/*
 * genheap.h -- the public interface of libgenheap.
 *
 * libgenheap is a precise, generational, moving garbage-collected heap for C
 * programs and language runtimes, built the way V8 builds its heap:
 *
 *   - a young generation of two semispaces with bump allocation, collected by
 *     a Cheney copying Scavenge; survivors of two scavenges are promoted;
 *   - an old generation of 256 KiB pages with size-segregated free lists,
 *     collected by Mark-Sweep;
 *   - a large object space for objects of 128 KiB and more (never moved);
 *   - a write barrier and per-page remembered sets for old->young pointers.
 *
 * Because collections MOVE objects, a raw pointer to a heap object is only
 * valid until the next call that "may collect".  Every such call says so
 * below.  Keep objects you need across such calls in handles (local handles
 * inside handle scopes, or global handles) or in slots your root visitor
 * reports, and re-read the raw pointer from there afterwards.
 *
 * Errors: calls that can fail return NULL / 0 / a gh_error and record the
 * reason in a thread-local slot read by gh_last_error() and
 * gh_last_error_message().  No call crashes on bad input (NULL heap, size 0,
 * huge sizes, unregistered types); API misuse that would corrupt the heap
 * (closing handle scopes out of order) is reported, and aborts in debug
 * builds of the library.
 *
 * A heap is used by one thread at a time.  Several heaps may live in one
 * process; objects must never point from one heap into another.
 */
#ifndef GENHEAP_H
#define GENHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GENHEAP_VERSION_MAJOR 0
#define GENHEAP_VERSION_MINOR 1
#define GENHEAP_VERSION_PATCH 0
#define GENHEAP_VERSION_STRING "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define GH_LIKELY(x) __builtin_expect(!!(x), 1)
#define GH_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* The fast paths below must be inlined even into huge functions (an
 * interpreter's loop), where compilers otherwise give up on inlining. */
#define GH_INLINE static inline __attribute__((always_inline))
#else
#define GH_LIKELY(x) (x)
#define GH_UNLIKELY(x) (x)
#define GH_INLINE static inline
#endif

/* ------------------------------------------------------------------------ */
/* Sizes                                                                     */
/* ------------------------------------------------------------------------ */

/* Every heap page is GH_PAGE_SIZE bytes and aligned to it, so the header of
 * the page holding an object is found by masking the object's address. */
#define GH_PAGE_SIZE ((size_t)256 * 1024)

/* Objects whose payload is at least this many bytes live in the large object
 * space: one chunk each, never moved. */
#define GH_LARGE_OBJECT_SIZE ((size_t)128 * 1024)

/* The largest payload one object may have (the header stores the size in
 * 8-byte words in 32 bits). */
#define GH_MAX_OBJECT_SIZE (((size_t)UINT32_MAX - 1) * 8)

#define GH_KiB(n) ((size_t)(n) * 1024)
#define GH_MiB(n) ((size_t)(n) * 1024 * 1024)

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum gh_error {
    GH_OK = 0,
    GH_ERR_NULL_HEAP,        /* a NULL heap was passed */
    GH_ERR_INVALID_ARGUMENT, /* a bad size, config value, handle or flag */
    GH_ERR_BAD_TYPE,         /* a type id that was never registered */
    GH_ERR_TOO_LARGE,        /* a size beyond what the heap could ever hold */
    GH_ERR_OUT_OF_MEMORY,    /* the heap limit is reached even after GC */
    GH_ERR_OS,               /* the OS refused memory (mmap failed) */
    GH_ERR_IN_GC,            /* the call is not allowed during a collection
                                (for example allocating in a finalizer) */
    GH_ERR_MISUSE,           /* API used out of order (handle scopes) */
    GH_ERR_HEAP_CORRUPT      /* gh_verify found a broken invariant */
} gh_error;

/* The error recorded by the last failing call on this thread.  Successful
 * calls do not reset it; gh_clear_error() does. */
gh_error gh_last_error(void);
/* A sentence describing that error, naming the offending value. */
const char *gh_last_error_message(void);
void gh_clear_error(void);
/* A constant name for an error code ("GH_ERR_OUT_OF_MEMORY"). */
const char *gh_error_name(gh_error err);

/* ------------------------------------------------------------------------ */
/* Tagged values                                                             */
/* ------------------------------------------------------------------------ */

/*
 * A gh_value is one 64-bit word holding a double, a small integer, an
 * embedder-defined immediate, or a pointer to a heap object:
 *
 *   pointer    top 16 bits 0, low 3 bits 001   (address | 1)
 *   immediate  top 16 bits 0, low 3 bits 010   (n << 3 | 2), see gh_special
 *   empty      the all-zero word               (what fresh objects hold)
 *   double     bits + 2^49, top 16 bits 0x0002..0xFFF2 (NaNs canonicalised)
 *   integer    top 16 bits 0xFFFF, 48-bit two's complement payload
 *
 * A pointer is recognised with one mask-and-compare (gh_is_ptr).
 *
 * Slots of heap objects may instead hold raw object pointers (8-aligned,
 * NULL allowed).  The two forms never collide, so one slot, handle or root
 * may hold either; the collector decodes both and keeps the form when it
 * updates a slot for a moved object.
 */
typedef uint64_t gh_value;

#define GH__TOP16 0xFFFF000000000000ull
#define GH__DOUBLE_OFFSET (1ull << 49)
#define GH_EMPTY ((gh_value)0)
#define GH_INT_MIN (-(INT64_C(1) << 47))
#define GH_INT_MAX ((INT64_C(1) << 47) - 1)

static inline bool gh_is_ptr(gh_value v) { return (v & (GH__TOP16 | 7u)) == 1; }
static inline void *gh_to_ptr(gh_value v) { return (void *)(uintptr_t)(v - 1); }
/* p must be a heap object (not NULL). */
static inline gh_value gh_from_ptr(const void *p) { return (gh_value)(uintptr_t)p | 1; }

static inline bool gh_is_int(gh_value v) { return (v >> 48) == 0xFFFF; }
static inline int64_t gh_to_int(gh_value v) { return (int64_t)(v << 16) >> 16; }
/* i must lie in [GH_INT_MIN, GH_INT_MAX]. */
static inline gh_value gh_from_int(int64_t i) { return ((uint64_t)i & ~GH__TOP16) | GH__TOP16; }

static inline bool gh_is_double(gh_value v) { return v >= GH__DOUBLE_OFFSET && !gh_is_int(v); }
static inline double gh_to_double(gh_value v)
{
    uint64_t bits = v - GH__DOUBLE_OFFSET;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
static inline gh_value gh_from_double(double d)
{
    uint64_t bits;
    if (d != d)
        bits = 0x7FF8000000000000ull; /* one canonical NaN keeps the space free */
    else
        memcpy(&bits, &d, sizeof bits);
    return bits + GH__DOUBLE_OFFSET;
}
static inline bool gh_is_number(gh_value v) { return v >= GH__DOUBLE_OFFSET; }

/* Embedder-defined immediates (nil, true, false, undefined ...): n < 2^45. */
static inline gh_value gh_special(uint64_t n) { return (n << 3) | 2; }
static inline bool gh_is_special(gh_value v) { return (v & (GH__TOP16 | 7u)) == 2; }
static inline uint64_t gh_special_index(gh_value v) { return v >> 3; }

/* A pointer to C memory (8-aligned, outside the heap) kept in a slot: an
 * immediate, so the collector never follows it.  (A raw pointer slot would
 * make the collector treat it as a heap object.) */
static inline gh_value gh_from_cptr(const void *p) { return (gh_value)(uintptr_t)p | 2; }
static inline void *gh_to_cptr(gh_value v) { return (void *)(uintptr_t)(v & ~(gh_value)7); }

/* ------------------------------------------------------------------------ */
/* Heap configuration                                                        */
/* ------------------------------------------------------------------------ */

/* Out-of-memory policy: what happens when an allocation cannot be satisfied
 * even after the last-resort collections. */
typedef enum gh_oom_policy {
    GH_OOM_RETURN_NULL = 0, /* the allocation returns NULL, gh_last_error() is
                               GH_ERR_OUT_OF_MEMORY; the heap stays usable.
                               (The OS refusing memory to a collection under
                               way -- a page for survivors, a remembered set --
                               is fatal under either policy, as in V8: a
                               half-moved heap cannot be handed back.) */
    GH_OOM_FATAL = 1        /* print a V8-style report to stderr and abort();
                               also for one request larger than the limit */
} gh_oom_policy;

/* Stress and debug modes (also set by the GENHEAP_STRESS environment
 * variable, a comma-separated list:
 * "scavenge,full=N,zap,verify,compact,incremental"). */
enum {
    GH_STRESS_SCAVENGE_ALWAYS = 1u << 0, /* scavenge before every allocation */
    GH_STRESS_FULL_INTERVAL = 1u << 1,   /* full GC every stress_interval allocations */
    GH_STRESS_ZAP = 1u << 2,             /* fill freed and from-space memory with
                                            GH_ZAP_PATTERN */
    GH_STRESS_VERIFY = 1u << 3,          /* verify the whole heap after every GC (and
                                            the tri-colour invariant when marking ends) */
    GH_STRESS_COMPACT = 1u << 4,         /* compact on every full GC */
    GH_STRESS_INCREMENTAL = 1u << 5      /* mark incrementally all the time, in tiny
                                            steps */
};

/* Helper threads by default, and at most (see gh_config.gc_threads; the
 * GENHEAP_GC_THREADS environment variable, a number or "auto", overrides
 * the config).  None by default: a library should not start threads in a
 * program that did not ask for them (fork, signal masks, thread limits).
 * GH_GC_THREADS_AUTO asks for one per other CPU, at most 7: on 16 CPUs
 * past 8 threads a scavenge stopped getting faster (bench/SCALING.md). */
#define GH_DEFAULT_GC_THREADS 0
#define GH_MAX_GC_THREADS 64
#define GH_GC_THREADS_AUTO 0xFFFFFFFFu

/* What freed memory holds under GH_STRESS_ZAP: an odd, non-canonical word, so
 * that a stale pointer read from it faults at once and is easy to spot. */
#define GH_ZAP_PATTERN 0xDEADBEEFDEADBEEFull

/* Variants of the GC trace (Node's --trace-gc-nvp, --trace-gc-verbose and
 * --trace-gc-ignore-scavenger). */
enum {
    GH_TRACE_NVP = 1u << 0,              /* name=value lines instead of the normal line */
    GH_TRACE_VERBOSE = 1u << 1,          /* a per-space table after each line */
    GH_TRACE_IGNORE_SCAVENGER = 1u << 2  /* leave out scavenges */
};

/*
 * Sizes are in bytes (use GH_MiB()); the heap size limit is V8's:
 * max_old_space + 3 x max_semi_space (two semispaces and the young large
 * object allowance).  A size of 0, one beyond the address space (which is
 * also what a negative number cast to size_t looks like), or an initial
 * semispace above the maximum is rejected by gh_heap_create.
 */
typedef struct gh_config {
    size_t initial_semi_space; /* rounded up to whole pages (1 MiB) */
    size_t max_semi_space;     /* the semispace grows up to it (16 MiB) */
    size_t max_old_space;      /* old generation + large objects (4096 MiB) */
    unsigned stress;           /* GH_STRESS_* bits (0) */
    unsigned stress_interval;  /* allocations per forced GC (1000) */
    gh_oom_policy on_oom;      /* (GH_OOM_RETURN_NULL) */
    FILE *trace_gc;            /* when set, one --trace-gc line per GC (NULL) */
    unsigned trace_flags;      /* GH_TRACE_* (0) */
    /* Helper threads for parallel marking and scavenging in pauses
     * (GH_DEFAULT_GC_THREADS), or GH_GC_THREADS_AUTO; with any, one more
     * thread sweeps old pages while the program runs.  Scavenges are
     * shared only from three helpers on (with fewer, the sequential scan
     * is faster), and only while shared ones prove faster on this machine
     * than the main thread alone (both are timed); full GCs' marking with
     * any.  With helpers, trace functions may run on several threads at
     * once: they must only read. */
    unsigned gc_threads;
    /* Allocate types whose young objects nearly all survive directly in the
     * old generation (true). */
    bool pretenuring;
    /* Mark the old generation incrementally, in steps paid for by
     * allocation, instead of in one pause (true). */
    bool incremental_marking;
    /* Advise the OS to back the young generation with transparent huge
     * pages (false).  Fewer page faults and TLB misses (binary-trees 16
     * and GCBench 0.70x and 0.74x the time on the benchmark VM, but splay
     * 1.1-1.2x), and both semispaces become resident in whole 2 MiB
     * pages, up to 2 x max_semi_space; gh_heap_create faults in the first
     * huge page of each. */
    bool young_huge_pages;
} gh_config;

/* Fill *config with the defaults shown in brackets above. */
void gh_config_init(gh_config *config);

typedef struct gh_heap gh_heap;

/* Create a heap.  config may be NULL for the defaults.  Fails (NULL) on an
 * absurd config (0 or huge sizes, initial > max) or when the OS refuses the
 * memory. */
gh_heap *gh_heap_create(const gh_config *config);

/* Run the teardown callbacks (gh_teardown_callback_add), then the
 * finalizers of all remaining objects, and give every page back to the OS.
 * NULL is ignored.  From inside a callback the heap is running, which
 * still uses the heap when it returns -- a GC callback, finalizer, trace
 * function, root visitor, the function given to gh_heap_iterate,
 * gh_root_edges or gh_object_edges (GH_ERR_IN_GC), a weak or
 * near-heap-limit callback (GH_ERR_MISUSE) -- it frees nothing and fails
 * with the error shown; from a teardown callback it does nothing. */
void gh_heap_destroy(gh_heap *heap);

/* ------------------------------------------------------------------------ */
/* Object types                                                              */
/* ------------------------------------------------------------------------ */

typedef uint32_t gh_type_id;

/* A tracer is handed to trace functions and root visitors; call
 * gh_trace_slot / gh_trace_slots on every slot that may hold a reference. */
typedef struct gh_tracer gh_tracer;
/* What kind of reference an edge is, in a heap snapshot (Chrome DevTools'
 * edge types, in their order). */
typedef enum gh_edge_kind {
    GH_EDGE_CONTEXT,  /* a variable captured in a closure's scope */
    GH_EDGE_ELEMENT,  /* an indexed element */
    GH_EDGE_PROPERTY, /* a named property */
    GH_EDGE_INTERNAL, /* the runtime's own field */
    GH_EDGE_HIDDEN,
    GH_EDGE_SHORTCUT,
    GH_EDGE_WEAK
} gh_edge_kind;

struct gh_tracer {
    /* Visit n consecutive slot words starting at slots. */
    void (*visit)(gh_tracer *tracer, void *slots, size_t n);
    /* Set only by heap-inspection tools: receives each slot with its edge
     * kind and name (or index, for elements) when the trace function uses
     * gh_trace_edge / gh_trace_element.  Collectors leave it NULL. */
    void (*visit_edge)(gh_tracer *tracer, void *slot, gh_edge_kind kind, const char *name,
                       size_t index);
};

/* A slot is a word holding a raw object pointer, NULL or a gh_value. */
static inline void gh_trace_slots(gh_tracer *t, void *slots, size_t n) { t->visit(t, slots, n); }
static inline void gh_trace_slot(gh_tracer *t, void *slot) { t->visit(t, slot, 1); }
/* A slot described for heap snapshots (a property, a closure variable,
 * ...); to a collector the same as gh_trace_slot.  name must outlive the
 * call only. */
static inline void gh_trace_edge(gh_tracer *t, void *slot, gh_edge_kind kind, const char *name)
{
    if (t->visit_edge)
        t->visit_edge(t, slot, kind, name, 0);
    else
        t->visit(t, slot, 1);
}
static inline void gh_trace_element(gh_tracer *t, void *slot, size_t index)
{
    if (t->visit_edge)
        t->visit_edge(t, slot, GH_EDGE_ELEMENT, NULL, index);
    else
        t->visit(t, slot, 1);
}

enum {
    GH_TYPE_LEAF = 1u << 0,     /* holds no references: never scanned (strings,
                                   byte arrays) */
    GH_TYPE_EPHEMERON = 1u << 1 /* a weak table: the slots (from slots_offset,
                                   no trace function) are (key, value) pairs, and
                                   a value is kept alive only while its key is
                                   (WeakMap); when a full GC finds a key dead it
                                   empties the pair.  Scavenges keep both. */
};

/* What an object is, in a heap snapshot (Chrome DevTools' node types, in
 * their order). */
typedef enum gh_node_kind {
    GH_NODE_HIDDEN,
    GH_NODE_ARRAY,
    GH_NODE_STRING,
    GH_NODE_OBJECT,
    GH_NODE_CODE,
    GH_NODE_CLOSURE,
    GH_NODE_REGEXP,
    GH_NODE_NUMBER,
    GH_NODE_NATIVE,
    GH_NODE_SYNTHETIC,
    GH_NODE_CONCATENATED_STRING,
    GH_NODE_SLICED_STRING,
    GH_NODE_SYMBOL,
    GH_NODE_BIGINT,
    GH_NODE_OBJECT_SHAPE
} gh_node_kind;

/*
 * How the collector finds an object's references, in order of preference:
 *   - flags & GH_TYPE_LEAF: there are none;
 *   - trace == NULL: every word from byte slots_offset of the payload to its
 *     end is a slot (arrays, tuples, structs whose pointers come last); the
 *     collector scans these without calling back;
 *   - otherwise trace(obj, tracer) reports each slot.
 * Trace functions and finalizers run inside a collection (or an
 * incremental marking step): they must not allocate, collect, or create
 * handles.  Allocating and collecting fail there with GH_ERR_IN_GC.
 */
typedef struct gh_type_info {
    const char *name;   /* shown in traces, verifier messages and snapshots */
    size_t size;        /* payload bytes of every object, or 0 if variable;
                           gh_alloc of another size fails -- but the inline
                           fast path does not check it (gh_verify does):
                           gh_new allocates the registered size */
    /* Variable-size types: the payload size the object's own fields imply.
     * The header records the size at allocation; the verifier checks the two
     * agree.  Optional. */
    size_t (*size_of)(const void *obj);
    unsigned flags;        /* GH_TYPE_* */
    size_t slots_offset;   /* see above; must be a multiple of 8 */
    void (*trace)(void *obj, gh_tracer *tracer);
    /* Called once, during the collection that finds obj dead (or at
     * gh_heap_destroy), before its memory is reused.  It may read obj's own
     * non-reference fields (to free external resources) but no other heap
     * object. */
    void (*finalize)(void *obj, void *data);
    void *finalize_data;
    /* For heap snapshots (all optional).  node_kind: GH_NODE_HIDDEN by
     * default, which DevTools shows as "(system)"; node_name: an object's
     * own name (a constructor name, a string's text), written into buf, else
     * the type's name is used; slot_names: for layout-described types, the
     * name of each slot, NULL-terminated (property edges), else slots are
     * element edges by index. */
    gh_node_kind node_kind;
    const char *(*node_name)(const void *obj, char *buf, size_t size);
    const char *const *slot_names;
    /* For heap snapshots, a layout-described type (no trace function, not
     * a leaf or weak table) whose edge names differ per object -- a JS
     * object's property names come from its shape: reports each slot with
     * gh_trace_edge / gh_trace_element (unreported slots are not edges).
     * Collectors never call it; they scan the layout inline, which is why
     * this is better than a trace function that only names edges.
     * Optional; replaces slot_names. */
    void (*edges)(void *obj, gh_tracer *tracer);
} gh_type_info;

/* Register a type; returns its id (never 0), or 0 on error (NULL heap or
 * info, bad offset, LEAF together with trace; GH_ERR_IN_GC from a root
 * visitor, finalizer or other callback run inside a collection).  The name
 * is copied.  Does not collect. */
gh_type_id gh_type_register(gh_heap *heap, const gh_type_info *info);

/* Whether the heap currently allocates this type in the old generation. */
bool gh_pretenured(gh_heap *heap, gh_type_id type);

/* The type and payload size of a live object (inline: a read of its
 * header word).  The size is the requested size rounded up to a multiple of
 * 8: variable-size objects that need their exact length (strings) must
 * store it themselves.  0 for NULL. */
static inline gh_type_id gh_type_of(const void *obj)
{
    return obj ? (gh_type_id)((((const uint64_t *)obj)[-1] >> 8) & 0xFFFF) : 0;
}
static inline size_t gh_size_of(const void *obj)
{
    return obj ? (size_t)(((const uint64_t *)obj)[-1] >> 32) * 8 - 8 : 0;
}
const char *gh_type_name(gh_heap *heap, gh_type_id type);

/* ------------------------------------------------------------------------ */
/* Allocation                                                                */
/* ------------------------------------------------------------------------ */

/* Internal: the leading part of every gh_heap, read by the inline fast paths
 * below.  Not for embedders to touch. */
struct gh__lab {
    char *top, *limit; /* a linear allocation area */
};
/* Old-generation buffers of their own for this many pretenured types */
#define GH__TYPE_LABS 6
#define GH__LAB_COUNT (2 + GH__TYPE_LABS)
struct gh_handle_scope;
struct gh__heap_fast {
    /* [0] the young generation, [1] the old (promotions, and pretenured
     * types beyond the first GH__TYPE_LABS), [2...] the old, one per
     * pretenured type */
    struct gh__lab lab[GH__LAB_COUNT];
    void **handle_next;        /* current handle block */
    void **handle_limit;
    size_t handle_blocks;      /* handle blocks in use (the current is last) */
    struct gh_handle_scope *current_scope;
    const uint8_t *generation; /* per type: 0 young, else its lab (pretenured) */
    uint32_t fast_type_count;  /* ids 1..fast_type_count allocate inline */
    uint8_t scope_checks;      /* opening and closing scopes take the slow path
                                  (checks, zapping) */
    uint8_t lab_zeroed[GH__LAB_COUNT]; /* 1: lab[k] from top to limit is known
                                          zero (memory fresh from the OS) */
};

/* Payloads above this size skip the zeroing in a buffer known to be zero
 * already, as calloc does with fresh memory; below it the branch would
 * cost about what it saves. */
#define GH__ZEROED_SKIP_MIN 256
#define GH__HEADER(type, total) (((uint64_t)(total) << 29) | ((uint64_t)(type) << 8) | 1u)
#define GH__ALIGN8(n) (((n) + 7) & ~(size_t)7)

void *gh__alloc_slow(gh_heap *heap, gh_type_id type, size_t size);

/*
 * Allocate a zeroed object of the given type with a payload of size bytes
 * (any size for variable types; the registered size for fixed ones) in the
 * young generation -- or in the old one, for types the heap has seen
 * survive almost always (pretenuring, as V8 does for allocation sites).
 * Returns the payload address, 8-byte aligned.
 * MAY COLLECT (and so move objects).  Fails (NULL) for a NULL heap, an
 * unregistered type, size 0, a size beyond the limits, inside a collection,
 * or when the heap is exhausted (see gh_oom_policy).
 *
 * The fast path is inline: a bump of the allocation top of the type's
 * generation and a compare with its limit.  Types with finalizers, large
 * objects, stress modes and old allocations during incremental marking
 * take the out-of-line path.
 */
GH_INLINE void *gh_alloc(gh_heap *heap, gh_type_id type, size_t size)
{
    struct gh__heap_fast *f = (struct gh__heap_fast *)heap;
    if (GH_LIKELY(f != NULL && (uint32_t)(type - 1) < f->fast_type_count &&
                  size - 1 < GH_LARGE_OBJECT_SIZE - 8)) {
        size_t total = GH__ALIGN8(size) + 8;
        unsigned k = f->generation[type];
        /* a branch, not an index: the young buffer's top and limit load
         * while the type's generation byte is still on its way */
        struct gh__lab *lab = &f->lab[0];
        if (GH_UNLIKELY(k != 0))
            lab = &f->lab[k];
        char *obj = lab->top;
        if (GH_LIKELY((size_t)(lab->limit - obj) >= total)) {
            lab->top = obj + total;
            *(uint64_t *)(void *)obj = GH__HEADER(type, total);
            /* the mask changes nothing here (the guard above keeps
             * total - 8 <= 128 KiB - 8; the sizes just below 128 KiB that
             * round up to it take the slow path), but bounds the length
             * for compilers that cannot see the guard (GCC at -O0 warned
             * of a 2^64-byte memset) */
            if (total <= GH__ZEROED_SKIP_MIN || !f->lab_zeroed[k])
                memset(obj + 8, 0, (total - 8) & (GH_LARGE_OBJECT_SIZE - 1));
            return obj + 8;
        }
    }
    return gh__alloc_slow(heap, type, size);
}

/* Allocate an object with the type's registered fixed size.  MAY COLLECT. */
void *gh_new(gh_heap *heap, gh_type_id type);

/* Allocate directly in the old generation (pretenuring), for objects known
 * to live long.  MAY COLLECT.  Fails like gh_alloc. */
void *gh_alloc_old(gh_heap *heap, gh_type_id type, size_t size);

/* ------------------------------------------------------------------------ */
/* Write barrier                                                             */
/* ------------------------------------------------------------------------ */

/* Page flags read by the barrier fast path (first word of every page). */
#define GH__PF_POINTERS_TO_HERE_ARE_INTERESTING ((uintptr_t)1 << 0)
#define GH__PF_POINTERS_FROM_HERE_ARE_INTERESTING ((uintptr_t)1 << 1)
#define GH__PAGE_FLAGS(addr) \
    (*(const uintptr_t *)((uintptr_t)(addr) & ~(uintptr_t)(GH_PAGE_SIZE - 1)))

/* A word that refers to a heap object: a raw pointer or a tagged pointer.
 * (w - 2) turns both forms into low bits 11x with a zero top, and every
 * other encoding into something else. */
static inline bool gh__is_ref(uint64_t w) { return ((w - 2) & (GH__TOP16 | 6u)) == 6; }

void gh__write_barrier_slow(void *host, void *slot);

/*
 * Tell the heap that the slot inside object host has just been written.
 * Call it after every store of a reference into a heap object -- freshly
 * allocated ones included: gh_alloc may return an old (pretenured) object,
 * and during incremental marking every store matters.  Does not collect.
 * The fast path reads the page flags of host and of the stored object; in
 * a debug build of the library the slow path checks that the slot lies
 * inside host (naming the wrong host corrupts the remembered set).  The
 * slow path (old hosts; every store while marking) also reports a stored
 * object of another heap as misuse and records nothing for it.
 */
GH_INLINE void gh_write_barrier(void *host, void *slot)
{
    uint64_t w = *(const uint64_t *)slot;
    if (gh__is_ref(w) &&
        (GH__PAGE_FLAGS(host) & GH__PF_POINTERS_FROM_HERE_ARE_INTERESTING) &&
        (GH__PAGE_FLAGS(w) & GH__PF_POINTERS_TO_HERE_ARE_INTERESTING))
        gh__write_barrier_slow(host, slot);
}

/* Store a raw pointer (or NULL) / a value into a slot of host, with the
 * barrier. */
GH_INLINE void gh_set_ptr(void *host, void *slot, void *value)
{
    *(void **)slot = value;
    gh_write_barrier(host, slot);
}
GH_INLINE void gh_set_value(void *host, gh_value *slot, gh_value value)
{
    *slot = value;
    gh_write_barrier(host, slot);
}

/* The barrier for n consecutive slots of host written in bulk (memcpy of a
 * range of slots).  Does not collect.  A range not inside host, or not
 * starting on a slot (8-byte) boundary, is misuse: GH_ERR_MISUSE, nothing
 * recorded (debug builds of the library abort). */
void gh_write_barrier_range(void *host, void *first_slot, size_t n);

/* memmove n slots of host from src to dst (ranges inside host, which may
 * overlap), with the barrier: what memmove followed by
 * gh_write_barrier_range(host, dst, n) does, but cheaper for an old host,
 * whose recorded old->young slots move with the values instead of each
 * moved slot being examined again (an array's shift or splice).  While
 * marking is in progress every moved slot goes through the barrier.  Does
 * not collect.  Ranges not inside host, or not on slot boundaries, are
 * misuse: GH_ERR_MISUSE, nothing moved. */
void gh_move_slots(void *host, void *dst, const void *src, size_t n);

/* ------------------------------------------------------------------------ */
/* Roots: handle scopes and local handles                                    */
/* ------------------------------------------------------------------------ */

/* A local handle is the address of a root slot holding an object pointer
 * (or a gh_value).  Read the object with *h after any call that may collect;
 * the slot may also be written (*h = other_object, or NULL) to re-point the
 * root -- the collector reads and updates whatever it holds.  A handle lives
 * until the innermost handle scope open at its creation is closed. */
typedef void **gh_handle;

typedef struct gh_handle_scope {
    gh_heap *heap;
    struct gh_handle_scope *prev;
    void **saved_next;
    void **saved_limit;
    size_t saved_blocks;
    void **escape_slot; /* escapable scopes: a slot reserved in the parent */
} gh_handle_scope;

void gh__scope_open_slow(gh_heap *heap, gh_handle_scope *scope);
gh_error gh__scope_close_slow(gh_handle_scope *scope);

/* Open a scope (nested scopes form a stack).  Does not collect; cannot fail
 * except for a NULL heap or scope (then the scope is marked unusable).
 * Opening a scope that is still open is misuse; debug builds of the library
 * and the zap stress mode catch it (for the 64 innermost open scopes) and
 * leave the scope as it was.  Inline: a handful of stores. */
GH_INLINE void gh_scope_open(gh_heap *heap, gh_handle_scope *scope)
{
    struct gh__heap_fast *f = (struct gh__heap_fast *)heap;
    if (GH_LIKELY(f != NULL && scope != NULL && !f->scope_checks)) {
        scope->heap = heap;
        scope->prev = f->current_scope;
        scope->saved_next = f->handle_next;
        scope->saved_limit = f->handle_limit;
        scope->saved_blocks = f->handle_blocks;
        scope->escape_slot = NULL;
        f->current_scope = scope;
        return;
    }
    gh__scope_open_slow(heap, scope);
}
/* Open a scope from which one handle may escape into the enclosing one. */
void gh_scope_open_escapable(gh_heap *heap, gh_handle_scope *scope);
/* Copy handle into the slot reserved in the parent; returns the new handle,
 * valid after scope is closed.  Once per scope; NULL on misuse. */
gh_handle gh_scope_escape(gh_handle_scope *scope, gh_handle handle);
/* Close the innermost scope, releasing its handles.  Closing any other scope
 * is GH_ERR_MISUSE (aborts in debug builds); nothing is released then.
 * Inline when the scope's handles all lie in the current handle block. */
GH_INLINE gh_error gh_scope_close(gh_handle_scope *scope)
{
    struct gh__heap_fast *f = scope ? (struct gh__heap_fast *)scope->heap : NULL;
    if (GH_LIKELY(f != NULL && f->current_scope == scope &&
                  scope->saved_limit == f->handle_limit && !f->scope_checks)) {
        f->handle_next = scope->saved_next;
        f->current_scope = scope->prev;
        scope->heap = NULL;
        return GH_OK;
    }
    return gh__scope_close_slow(scope);
}

gh_handle gh__handle_new_slow(gh_heap *heap, void *obj);

/* Create a local handle for obj (NULL allowed) in the innermost scope (or
 * the heap's base scope if none is open, released at gh_heap_destroy).
 * Does not collect.  NULL only if heap is NULL or malloc fails.  obj must
 * be this heap's: the collectors pass over a handle to another heap's
 * object and report it as misuse (debug builds abort). */
GH_INLINE gh_handle gh_handle_new(gh_heap *heap, void *obj)
{
    struct gh__heap_fast *f = (struct gh__heap_fast *)heap;
    if (GH_LIKELY(f != NULL && f->handle_next < f->handle_limit)) {
        void **slot = f->handle_next;
        f->handle_next = slot + 1; /* before the store, which could alias it */
        *slot = obj;
        return slot;
    }
    return gh__handle_new_slow(heap, obj);
}

/* A handle for a gh_value (the slot holds the value word). */
static inline gh_value *gh_handle_new_value(gh_heap *heap, gh_value v)
{
    return (gh_value *)(void *)gh_handle_new(heap, (void *)(uintptr_t)v);
}

/* Freed handle slots hold this in debug builds. */
#define GH_HANDLE_ZAP ((void *)(uintptr_t)0xDEADBEEFDEADBEE8ull)

/* The object a handle refers to.  With GH_DEBUG defined, a handle of a
 * closed scope is reported and aborts. */
void gh__handle_use_after_close(gh_handle handle);
static inline void *gh_deref(gh_handle handle)
{
#ifdef GH_DEBUG
    if (*handle == GH_HANDLE_ZAP)
        gh__handle_use_after_close(handle);
#endif
    return *handle;
}

/* ------------------------------------------------------------------------ */
/* Roots: global handles and root visitors                                   */
/* ------------------------------------------------------------------------ */

/* A strong global root, independent of scopes.  Its first word is the
 * object pointer (or value), so gh_global_get is a load. */
typedef struct gh_global gh_global;

/* Does not collect.  NULL on a NULL heap or malloc failure, or for an
 * object of another heap (GH_ERR_INVALID_ARGUMENT); gh_global_set refuses
 * such an object the same way and leaves the global as it was.  The calls
 * below that take a global refuse what is not one (GH_ERR_INVALID_ARGUMENT;
 * NULL is ignored by gh_global_set) and one already freed (GH_ERR_MISUSE)
 * without writing anything; gh_global_get, inline, checks nothing. */
gh_global *gh_global_new(gh_heap *heap, void *obj);
static inline void *gh_global_get(const gh_global *g) { return *(void *const *)(const void *)g; }
void gh_global_set(gh_global *g, void *obj);
/* Release a global handle; NULL is ignored, and a global of another heap,
 * or anything that is not one of this heap's globals, is refused
 * (GH_ERR_INVALID_ARGUMENT; a global freed twice: GH_ERR_MISUSE). */
void gh_global_free(gh_heap *heap, gh_global *g);

/* Make a global handle weak (V8's SetWeak): it no longer keeps its object
 * alive; when a collection finds the object otherwise unreachable, the
 * handle is set to NULL and callback(data) is called once -- after that
 * collection has finished, so the callback may allocate.  Moves of the
 * object are followed as for strong handles.  gh_global_clear_weak makes
 * it strong again. */
typedef void (*gh_weak_callback)(gh_heap *heap, gh_global *g, void *data);
gh_error gh_global_set_weak(gh_global *g, gh_weak_callback callback, void *data);
gh_error gh_global_clear_weak(gh_global *g);
bool gh_global_is_weak(const gh_global *g);

/* A root visitor reports the embedder's own roots (an interpreter's value
 * stack, registers, ...) by calling gh_trace_slot(s) on each; the collector
 * may update the slots when objects move.  Called during every collection,
 * and by gh_verify and gh_root_edges.  While it runs, allocating,
 * collecting, adding or removing visitors, and making or setting global
 * handles or changing their weakness (the walk has visited the globals
 * already) fail with GH_ERR_IN_GC.  It must not create local handles
 * either: the walk has visited those too (unchecked: gh_handle_new is
 * inline).  A slot holding another heap's object is passed over and
 * reported as misuse, as for local handles. */
typedef void (*gh_root_visitor)(gh_tracer *tracer, void *data);
gh_error gh_root_visitor_add(gh_heap *heap, gh_root_visitor fn, void *data);
gh_error gh_root_visitor_remove(gh_heap *heap, gh_root_visitor fn, void *data);

/* ------------------------------------------------------------------------ */
/* Collection                                                                */
/* ------------------------------------------------------------------------ */

typedef enum gh_gc_kind {
    GH_GC_MINOR = 1, /* scavenge the young generation */
    GH_GC_FULL = 2   /* mark-sweep the whole heap; empties the young generation */
} gh_gc_kind;

/* Run a collection now (reason "testing" in the trace).  MAY COLLECT, of
 * course.  Fails only for a NULL heap, a bad kind, or inside a collection. */
gh_error gh_collect(gh_heap *heap, gh_gc_kind kind);

/* Incremental marking.  The heap starts one by itself when the old
 * generation nears its full-GC trigger and lets allocation pay for the
 * steps; an embedder with idle time can also drive it. */
bool gh_incremental_marking_active(gh_heap *heap);
/* Start an incremental marking now, if none is running.  Does not collect. */
gh_error gh_incremental_marking_start(gh_heap *heap);
/* Spend up to budget_ms (>= 0) marking (say, while an event loop is idle); start
 * a marking first if the old generation is past the point where the heap
 * would (never with config.incremental_marking off).  When the marking
 * completes, finalise it: a short full GC, reason "finalize incremental
 * marking via task".  MAY COLLECT. */
gh_error gh_idle_notification(gh_heap *heap, double budget_ms);

/* Check every invariant of the heap: object headers, that every slot and
 * root refers to the start of a live object of this heap, that every
 * old->young slot is in the remembered set, that no mark bit is left set.
 * Returns GH_OK or GH_ERR_HEAP_CORRUPT with the first problem in the
 * message.  Does not collect. */
gh_error gh_verify(gh_heap *heap);

/* ------------------------------------------------------------------------ */
/* Out of memory                                                             */
/* ------------------------------------------------------------------------ */

/*
 * When an allocation still cannot be satisfied after the collections that
 * allocation makes (a scavenge or full GCs, then last-resort full GCs:
 * src/heap/alloc.c), the heap calls this (V8's
 * NearHeapLimitCallback) with the current and the initial heap size limit.
 * Returning a larger limit raises it (by raising max_old_space) and the
 * allocation is retried; returning the current one lets the out-of-memory
 * policy apply.  It runs outside any collection; it may not allocate, but
 * it may collect (to write a heap snapshot, say), and a full GC it runs
 * that finds the heap still full may call it again, nested.  An allocation
 * it makes anyway never calls it again: if it fails, the out-of-memory
 * policy applies at once.  One callback per heap: setting another replaces
 * it.
 */
typedef size_t (*gh_near_heap_limit_callback)(void *data, size_t current_limit,
                                              size_t initial_limit);
gh_error gh_set_near_heap_limit_callback(gh_heap *heap, gh_near_heap_limit_callback fn,
                                         void *data);
/* Uninstall the near-heap-limit callback if it is still fn with data (V8's
 * RemoveNearHeapLimitCallback); if another has replaced it, that one stays
 * and the call fails with GH_ERR_INVALID_ARGUMENT. */
gh_error gh_remove_near_heap_limit_callback(gh_heap *heap, gh_near_heap_limit_callback fn,
                                            void *data);

/* V8's AutomaticallyRestoreInitialHeapLimit: once a full GC leaves the old
 * generation below fraction (0 < fraction <= 1) of its initial limit, put
 * back the limit the heap was created with, undoing what near-heap-limit
 * callbacks raised.  Once: call again to re-arm.  Does not collect. */
gh_error gh_restore_initial_heap_limit(gh_heap *heap, double fraction);

/* ------------------------------------------------------------------------ */
/* External (off-heap) memory                                                */
/* ------------------------------------------------------------------------ */

/*
 * A buffer is a small heap object owning `length` bytes of zeroed memory
 * outside the heap (Node's ArrayBuffer backing store).  The bytes are freed
 * by the buffer's finalizer when a GC finds it dead, and are counted as
 * `external` and `array_buffers` meanwhile.  When external memory has grown
 * 64 MiB past what it was after the last full GC, the heap collects
 * ("external memory pressure").
 *
 * gh_buffer_new MAY COLLECT.  It fails (NULL) like gh_alloc, with
 * GH_ERR_OS when the OS refuses the bytes.  data and length never change;
 * data stays put even though the gh_buffer object itself may move.
 */
typedef struct gh_buffer {
    unsigned char *data;
    size_t length;
} gh_buffer;
gh_buffer *gh_buffer_new(gh_heap *heap, size_t length);
/* The type of buffer objects (to recognise them with gh_type_of). */
gh_type_id gh_buffer_type(gh_heap *heap);

/* Report `delta` bytes of external memory kept alive by heap objects by
 * other means (V8's AdjustAmountOfExternalAllocatedMemory); negative to
 * release.  Returns the new total, which an absurd delta leaves saturated:
 * never above INT64_MAX / 2, nor below the bytes of live buffers (which
 * only their finalizers release).  MAY COLLECT. */
int64_t gh_external_adjust(gh_heap *heap, int64_t delta);

/* GC events, heap introspection and statistics: genheap_observe.h. */

#ifdef __cplusplus
}
#endif

#include "genheap_observe.h"

#endif /* GENHEAP_H */
