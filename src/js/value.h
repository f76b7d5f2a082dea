/* value.h - ghjs values, heap object layouts and the runtime state.
 *
 * Every JS value is a gh_value (genheap's NaN-boxed word):
 *   numbers      a 48-bit integer when the number is an integer that fits
 *                (and is not -0), otherwise a double
 *   immediates   undefined, null, false, true, the hole (array holes and
 *                uninitialised let/const) and JS_EXCEPTION (a native
 *                function's "an exception is pending" return value)
 *   pointers     strings and objects, tagged genheap pointers
 *
 * Heap objects (all registered genheap types, see runtime.c):
 *   js_string    leaf: length, cached atom, bytes (UTF-8, NUL-terminated)
 *   js_object    every word is a slot: [shape][props][proto][internal...]
 *                [in-object properties...]; the shape word is a C pointer
 *                tagged as an immediate (ptr | 2) so the collector skips it,
 *                and the prototype is kept in the object itself, so that
 *                it is the objects that keep it alive (shape.c)
 *   js_store     FixedArray: [capacity][items...] (elements, overflow
 *                property values, dictionaries)
 *   js_weak      ephemeron table: [capacity][used][(key, value) pairs...]
 *                (weak.c)
 *   js_env       closure environment: [info][parent][vars...]; info is the
 *                js_env_info naming the variables (a C pointer tagged as an
 *                immediate), for heap snapshots
 *
 * Raw object pointers are only valid until the next call that may collect
 * (any allocation).  Keep values in the VM stack, a handle or a rooted slot
 * across such calls and re-read them.
 */
#ifndef GHJS_VALUE_H
#define GHJS_VALUE_H

#include <genheap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* ---- immediates ---- */
#define JS_IMM(n) ((gh_value)(((uint64_t)(n) << 3) | 2)) /* = gh_special(n), as a constant */
#define JS_UNDEFINED JS_IMM(1)
#define JSV_NULL JS_IMM(2)
#define JSV_FALSE JS_IMM(3)
#define JSV_TRUE JS_IMM(4)
#define JS_HOLE ((gh_value)0) /* the empty word: fresh (zeroed) stores are all holes */
#define JS_EXCEPTION JS_IMM(6)
/* thrown into a generator by return(): no catch sees it, finally blocks do */
#define JS_GEN_RETURN JS_IMM(7)

static inline gh_value js_bool(bool b) { return b ? JSV_TRUE : JSV_FALSE; }
static inline bool js_is_undefined(gh_value v) { return v == JS_UNDEFINED; }
static inline bool js_is_nullish(gh_value v) { return v == JS_UNDEFINED || v == JSV_NULL; }

/* A C pointer (8-aligned) stored in a slot as an immediate: never traced. */
static inline gh_value js_cptr(const void *p) { return (gh_value)(uintptr_t)p | 2; }
static inline void *js_cptr_get(gh_value v) { return (void *)(uintptr_t)(v & ~(gh_value)7); }

/* ---- numbers ---- */
static inline bool js_is_number(gh_value v) { return gh_is_number(v); }
static inline double js_num(gh_value v) { return gh_is_int(v) ? (double)gh_to_int(v) : gh_to_double(v); }
/* The canonical value of a number: an integer where it fits. */
static inline gh_value js_number(double d)
{
    if (d >= -140737488355328.0 && d <= 140737488355327.0) {
        int64_t i = (int64_t)d;
        if ((double)i == d && !(i == 0 && 1 / d < 0))
            return gh_from_int(i);
    }
    return gh_from_double(d);
}
static inline gh_value js_int(int64_t i) { return gh_from_int(i); }

/* ---- heap types ---- */
/* HT_OBJECT and HT_FUNCTION share the js_object layout and have
 * consecutive ids (functions are their own type only so that heap
 * snapshots show them as closures); HT_WEAK is an ephemeron table. */
enum js_heap_type { HT_STRING, HT_OBJECT, HT_FUNCTION, HT_STORE, HT_ENV, HT_WEAK, HT_COUNT };

typedef uint32_t js_atom_id;

typedef struct js_string {
    uint32_t len;       /* bytes */
    uint32_t atom : 31; /* atom id + 1 once known, else 0 */
    uint32_t wide : 1;  /* has non-ASCII bytes: lengths and indices count UTF-16
                           units and need decoding (string.c) */
    char data[];        /* len bytes (UTF-8; lone surrogates as WTF-8) + NUL */
} js_string;

typedef struct js_store {
    gh_value capacity; /* an integer */
    gh_value items[];
} js_store;

typedef struct js_env {
    gh_value info;   /* js_cptr(js_env_info *) */
    gh_value parent; /* pointer or undefined */
    gh_value vars[];
} js_env;

struct js_shape;
typedef struct js_object {
    gh_value shape; /* js_cptr(js_shape *) */
    gh_value props; /* overflow property values (js_store) or a dictionary, or 0 */
    gh_value proto; /* object or null: the shape's prototype */
    gh_value slots[];
} js_object;

/* Object classes.  The shape records the class and how many internal slots
 * come before the in-object properties. */
typedef enum js_class {
    JC_OBJECT,
    JC_ARRAY,     /* slots: elements (js_store or 0), length (int) */
    JC_FUNCTION,  /* slots: code (cptr js_code*), env */
    JC_NATIVE,    /* slots: native (cptr js_native_info*), data */
    JC_BOUND,     /* slots: target, this, args (js_store or 0), levels */
    JC_ERROR,     /* slots: where it was made (code cptr, pc offset) */
    JC_ARGUMENTS, /* like JC_ARRAY */
    JC_BOXED,     /* slots: primitive */
    JC_BUFFER,    /* slots: gh_buffer pointer, byte length */
    JC_FORIN,     /* for-in iterator: keys (js_store), index, count */
    JC_DATE,      /* slots: time value (ms since the epoch, a number) */
    JC_WEAKMAP,   /* slots: table (js_weak) */
    JC_WEAKSET,   /* slots: table (js_weak) */
    JC_WEAKREF,   /* slots: cell (a js_weak of one (target, target) pair) */
    JC_FINREG,    /* slots: cleanup, cells (js_weak), holdings (js_store),
                     tokens (js_weak), count (int) */
    JC_HEAPDIFF,  /* slots: the gh_heapdiff (cptr) or undefined once ended */
    JC_MAP,       /* slots: table (js_store, map.c) */
    JC_SET,       /* slots: table (js_store, map.c) */
    JC_MAPITER,   /* Map / Set iterator: collection (undefined once done),
                     position (int), kind (int, map.c) */
    JC_ACCESSOR,  /* an accessor property's value (never a JS value itself):
                     getter, setter (undefined when absent; accessor.c) */
    JC_PROMISE,   /* slots: state, result, reactions, handled (promise.c) */
    JC_COROUTINE, /* an async function's activation (never a JS value): its
                     promise and, while suspended, its frame (js_co_slot) */
    JC_GENERATOR, /* a generator object: state, then its frame as a
                     coroutine's, then return()'s value (generator.c) */
    JC_COUNT
} js_class;

extern const uint8_t js_class_internal[JC_COUNT];

static inline bool js_is_ptr(gh_value v) { return gh_is_ptr(v); }
static inline void *js_ptr(gh_value v) { return gh_to_ptr(v); }

/* ---- the runtime ---- */
typedef struct js_frame js_frame;

typedef struct js_runtime {
    gh_heap *heap;
    gh_type_id types[HT_COUNT];
    gh_value exception;  /* pending exception */
    bool has_exception;
    gh_value global;     /* the global object */
    /* prototypes and constructors (rooted: see runtime.c) */
    gh_value object_proto, function_proto, array_proto, string_proto, number_proto,
        boolean_proto, error_proto, buffer_proto;
    gh_value error_protos[8]; /* indexed by js_error_kind */
    gh_value module_cache, main_module, empty_string, array_ctor, object_ctor;
    gh_value builtin_modules; /* require's built-in modules by name, made once */
    gh_value template_objects; /* tagged templates' strings objects, by site */
    gh_value tick_queue, timer_list, immediate_list;
    /* weak references (weak.c) and memwatch (memwatch.c) */
    gh_value kept;        /* WeakRef targets kept until the job ends (array) */
    gh_value microtasks;  /* queued promise jobs (array; promise.c) */
    gh_value generator_proto; /* %GeneratorPrototype%: next, return, throw */
    gh_value unhandled;   /* promises rejected with no handler (array) */
    gh_value finregs;     /* live FinalizationRegistries (a weak list) */
    gh_value fin_pending; /* [registry, held, ...] awaiting cleanup calls */
    gh_value memwatch;    /* the memwatch module object, once required */
    uint64_t full_gcs;    /* full collections so far */
    /* the VM */
    gh_value *stack, *stack_end, *sp;
    js_frame *frames;
    int nframes, max_frames;
    /* C code in progress that called into JS or is running as a native,
     * and may hold an atom id or a shape meanwhile: js_call, js_construct
     * and natives, except those made by a native marked atom_clean or by
     * the bound-function trampoline (bound_entry).  Atoms are swept, and
     * dead shapes freed, only when it is 1 or 0 (atom_gc.c, shape.c). */
    int c_calls;
    bool bound_entry;
    uintptr_t c_stack_limit; /* see js_c_stack_low (vm.h) */
    /* interning */
    struct js_shape *object_root_shape, *array_root_shape, *function_root_shape;
    /* options */
    bool expose_gc, repl, buffer_warned, print_bytecode;
    bool no_warnings, no_deprecation; /* --no-warnings, --no-deprecation */
    int argc;
    char **argv;
    const char *script_path;
    int exit_code;
    uint64_t gc_epoch; /* bumped by every collection (address-keyed caches) */
    /* pretenuring (see js_site in vm.h) */
    bool pretenuring;    /* allocation-site pretenuring enabled (GHJS_PRETENURE=1) */
    bool pretenure;      /* js_alloc allocates in old space */
    gh_value last_alloc; /* the object a site made last (compared, not traced) */
    struct js_site *last_site;
    int callback_kind; /* the event loop is running: 1 timeout, 2 immediate, 3 nextTick */
    /* an Error constructor run by super(...): its stack starts below the
     * frame of this code (new.target's), as V8's does */
    const struct js_code *error_stack_below;
    /* accessor properties defined so far (0: none, so a set needs not look
     * for a setter on the prototypes); cached add-transitions are valid
     * only while it is unchanged */
    uint32_t accessor_epoch;
} js_runtime;

extern js_runtime R;

static inline gh_type_id js_type(enum js_heap_type t) { return R.types[t]; }
/* gh_type_of is out of line; the interpreter asks on every property access,
 * so it reads the header word itself, laid out as GH__HEADER (genheap.h)
 * says: type id in bits 8..28. */
static inline gh_type_id js_type_of(const void *obj)
{
    return (gh_type_id)((((const uint64_t *)obj)[-1] >> 8) & 0x1FFFFF);
}
static inline bool js_is_string(gh_value v)
{
    return gh_is_ptr(v) && js_type_of(gh_to_ptr(v)) == R.types[HT_STRING];
}
static inline bool js_is_object(gh_value v)
{
    return gh_is_ptr(v) && js_type_of(gh_to_ptr(v)) - R.types[HT_OBJECT] < 2u;
}
static inline js_string *js_str(gh_value v) { return (js_string *)gh_to_ptr(v); }
static inline js_object *js_obj(gh_value v) { return (js_object *)gh_to_ptr(v); }

/* Allocation: aborts through the heap's OOM policy; never returns NULL in
 * practice (GH_OOM_FATAL), but is checked anyway.  MAY COLLECT. */
void *js_alloc_failed(void);
static inline void *js_alloc(enum js_heap_type t, size_t size)
{
    void *p = GH_UNLIKELY(R.pretenure) ? gh_alloc_old(R.heap, R.types[t], size)
                                       : gh_alloc(R.heap, R.types[t], size);
    return GH_LIKELY(p != NULL) ? p : js_alloc_failed();
}
void *js_alloc_old(enum js_heap_type t, size_t size);

/* A handle scope and rooted temporaries (genheap local handles). */
#define JS_SCOPE_OPEN(s) gh_handle_scope s; gh_scope_open(R.heap, &s)
#define JS_SCOPE_CLOSE(s) gh_scope_close(&s)
static inline gh_value *js_root(gh_value v) { return gh_handle_new_value(R.heap, v); }
/* Cheaper temporaries for hot paths: slots pushed on the VM stack (a root),
 * popped in LIFO order.  Calls made meanwhile stack their frames above. */
static inline gh_value *js_tmp_push(gh_value v)
{
    *R.sp = v;
    return R.sp++;
}
static inline void js_tmp_pop(int n) { R.sp -= n; }

void js_site_escaped(const void *host);
/* After storing v into an object: note it when v is a site's newest object. */
static inline void js_note_store(const void *host, gh_value v)
{
    if (GH_UNLIKELY(v == R.last_alloc))
        js_site_escaped(host);
}

/* ---- atoms (atom.c): interned names, ids into a C table ---- */
js_atom_id js_atom_intern(const char *s, size_t len);
js_atom_id js_atom_cstr(const char *s);
const char *js_atom_name(js_atom_id a);
size_t js_atom_len(js_atom_id a);
gh_value js_atom_string(js_atom_id a); /* the interned string value; MAY COLLECT */
js_atom_id js_string_atom(gh_value str);
/* the array index the atom spells ("0", "42"), or -1 */
int64_t js_atom_index(js_atom_id a);
js_atom_id js_atom_from_index(uint64_t i);
/* The atom naming index i if there is one: none means that no object has
 * i as a named property.  Interns nothing (walking a sparse array's holes
 * must not make an atom each). */
bool js_atom_find_index(uint64_t i, js_atom_id *out);
/* Atoms held in C memory that lives for good (compiled code, the runtime's
 * names) are pinned: atom_gc.c frees only the others, once nothing names
 * them (shapes are walked).
 * js_atom_cstr pins what it interns. */
js_atom_id js_atom_pinned(const char *s, size_t len);
void js_atoms_init(void);
/* For atom_gc.c: ids ever used (the size of a mark bitmap), ids in use,
 * when the next sweep is due, whether str is the string atom a caches,
 * and freeing every unpinned atom whose bit in named is clear. */
uint32_t js_atoms_ids(void);
uint32_t js_atoms_live(void);
void js_atoms_sweep_at(uint32_t live);
bool js_atoms_sweep_due(void);
bool js_atom_caches(js_atom_id a, const void *str);
void js_atoms_sweep(const uint64_t *named);
/* atom_gc.c: the policy (after js_atoms_init), and a sweep if one is due
 * (from js_interrupt_run, at a safe point).  MAY COLLECT. */
void js_atom_gc_init(void);
void js_atom_gc_run(void);
void js_atoms_trace(gh_tracer *t);
void js_atoms_free(void); /* at exit */

/* Atoms the runtime uses (filled by js_atoms_init). */
extern js_atom_id A_length, A_prototype, A_constructor, A_name, A_message, A_stack,
    A_this, A_arguments, A_toString, A_valueOf, A_callee, A_exports, A_value, A_enumerable,
    A_writable, A_configurable, A_empty, A_undefined, A_main, A_id, A_filename, A_loaded,
    A_get, A_set, A_code, A_toJSON, A_type, A_size, A_class_self, A_class_fields,
    A_cause;

/* ---- strings (string.c) ---- */
/* The longest string: V8's String::kMaxLength on 64-bit hosts (2^29 - 24).
 * ghjs counts UTF-8 bytes, so non-ASCII strings reach it a little sooner.
 * Longer results throw RangeError "Invalid string length", as in Node. */
#define JS_MAX_STRING_LENGTH 536870888u
/* A string of len bytes copied from s, which must not point into a heap
 * object (the allocation may move it); JS_EXCEPTION past the limit.
 * MAY COLLECT */
gh_value js_string_new(const char *s, size_t len);
void js_fwrite_text(FILE *f, const char *s, size_t n); /* lone surrogates as U+FFFD */
/* The UTF-16 unit of the lone surrogate whose WTF-8 form (ED A0..BF xx)
 * starts s[0..n), or 0.  (Pairs are joined when a string is made, so any
 * such form in a string is lone.) */
unsigned js_lone_surrogate_at(const char *s, size_t n);
size_t js_space_at(const char *s, size_t n);      /* bytes of a JS space at s, or 0 */
size_t js_space_before(const char *s, size_t n);  /* ... of one that ends s[0..n) */
gh_value js_string_cstr(const char *s);                /* MAY COLLECT */
/* A copy of bytes [start, start+len) of the string in the rooted *str. */
gh_value js_string_slice(gh_value *str, size_t start, size_t len);
gh_value js_string_concat(gh_value *a, gh_value *b);   /* handles in; MAY COLLECT */
gh_value js_string_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool js_string_equal(gh_value a, gh_value b);
/* UTF-16 views of a string: its length in units, the unit at i (-1 when out
 * of range), all units (malloc'd), a string from units, and the unit index
 * of a byte offset. */
uint32_t js_str_length(const js_string *s);
int32_t js_str_unit_at(const js_string *s, uint32_t i);
uint16_t *js_str_units(const js_string *s, uint32_t *n);
uint16_t *js_utf8_units(const char *s, size_t len, uint32_t *n); /* malloc'd */
gh_value js_string_from_units(const uint16_t *u, uint32_t n);
uint32_t js_str_unit_index(const js_string *s, uint32_t byte_offset);
gh_value js_unit_string(uint32_t unit); /* MAY COLLECT */
int js_string_compare(gh_value a, gh_value b);
uint32_t js_hash_bytes(const char *s, size_t len);

/* ---- a growable C byte buffer ---- */
typedef struct js_sbuf {
    char *data;
    size_t len, cap;
} js_sbuf;
void sb_put(js_sbuf *b, const char *s, size_t n);
void sb_puts(js_sbuf *b, const char *s);
void sb_putc(js_sbuf *b, char c);
/* Code point c (up to 0x10FFFF; a lone surrogate as its 3 bytes) in UTF-8. */
void sb_put_utf8(js_sbuf *b, uint32_t c);
void sb_printf(js_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(js_sbuf *b);
const char *sb_cstr(js_sbuf *b);

/* ---- numbers (numconv.c) ---- */
/* JS Number::toString(10): shortest round-trip digits, JS exponent rules. */
void js_number_format(double d, char *out, size_t cap);
size_t js_format_int(int64_t v, char *out, size_t cap);
gh_value js_number_to_string(double d); /* MAY COLLECT */
double js_string_to_number(const char *s, size_t len);
void js_number_to_fixed(double d, int digits, js_sbuf *out);
/* d (finite, >= 0) as node (ICU, en-US) writes it: grouped, rounded to max_frac. */
void js_number_to_locale(double d, int min_frac, int max_frac, bool grouping, js_sbuf *out);
void js_number_to_radix(double d, int radix, js_sbuf *out);

/* ---- conversions (convert.c); the gh_value* arguments are rooted ---- */
bool js_truthy(gh_value v);
double js_to_number(gh_value v);           /* may call valueOf: check R.has_exception */
gh_value js_to_string(gh_value v);         /* JS_EXCEPTION on throw; MAY COLLECT */
gh_value js_to_primitive(gh_value v, int hint); /* hint 0 default, 1 number, 2 string */
gh_value js_to_object(gh_value v);
int32_t js_to_int32(double d);
uint32_t js_to_uint32(double d);
uint64_t js_to_length(double d);
double js_to_integer(double d);
/* Whether d is exactly an int32 / a uint32: tests to make before a cast,
 * since casting a double out of the target's range (NaN and the
 * infinities included) is undefined behaviour in C. */
static inline bool js_is_int32(double d)
{
    return d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(int32_t)d;
}
static inline bool js_is_uint32(double d)
{
    return d >= 0 && d <= 4294967295.0 && d == (double)(uint32_t)d;
}
gh_value js_typeof(gh_value v);            /* a string */
const char *js_typeof_name(gh_value v);
bool js_strict_equals(gh_value a, gh_value b);
int js_loose_equals(gh_value a, gh_value b); /* -1 on exception */
bool js_same_value_zero(gh_value a, gh_value b);
bool js_same_value(gh_value a, gh_value b); /* Object.is: SameValueZero, but +0 is not -0 */
/* A short C string for messages ("undefined", "[object Object]"...). */
void js_describe(gh_value v, js_sbuf *out);

#endif
