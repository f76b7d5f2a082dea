/*
 * node_like.h -- what the seed's lessons need from Node, in C on genheap:
 * Node's heap flags, process.memoryUsage() printed as the seed's show()
 * does, and a JavaScript-like growable array (a JSArray header pointing at
 * a FixedArray backing store, both heap objects, as V8 lays them out).
 */
#ifndef NODE_LIKE_H
#define NODE_LIKE_H

#include <genheap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Flags as Node spells them ('-' or '_'); returns the config.  Unknown
 * flags are an error, as in Node. */
static inline gh_config node_flags(int argc, char **argv)
{
    gh_config c;
    gh_config_init(&c);
    c.on_oom = GH_OOM_FATAL; /* as Node: the report, then abort */
    for (int i = 1; i < argc; i++) {
        char flag[128];
        snprintf(flag, sizeof flag, "%s", argv[i]);
        for (char *p = flag; *p && *p != '='; p++)
            if (*p == '_')
                *p = '-';
        const char *eq = strchr(flag, '=');
        long value = eq ? strtol(eq + 1, NULL, 10) : 0;
        if (strcmp(flag, "--trace-gc") == 0)
            c.trace_gc = stdout;
        else if (strcmp(flag, "--trace-gc-nvp") == 0)
            c.trace_flags |= GH_TRACE_NVP;
        else if (strcmp(flag, "--trace-gc-verbose") == 0)
            c.trace_gc = stdout, c.trace_flags |= GH_TRACE_VERBOSE;
        else if (strcmp(flag, "--trace-gc-ignore-scavenger") == 0)
            c.trace_flags |= GH_TRACE_IGNORE_SCAVENGER;
        else if (strncmp(flag, "--max-old-space-size=", 21) == 0)
            c.max_old_space = (size_t)value * 1024 * 1024;
        else if (strncmp(flag, "--max-semi-space-size=", 22) == 0)
            c.max_semi_space = (size_t)value * 1024 * 1024;
        else {
            fprintf(stderr, "%s: bad option: %s\n", argv[0], argv[i]);
            exit(9);
        }
    }
    if (c.initial_semi_space > c.max_semi_space)
        c.initial_semi_space = c.max_semi_space;
    return c;
}

static inline gh_heap *node_heap(int argc, char **argv)
{
    gh_config c = node_flags(argc, argv);
    gh_heap *h = gh_heap_create(&c);
    if (!h) {
        fprintf(stderr, "%s: %s\n", argv[0], gh_last_error_message());
        exit(9);
    }
    return h;
}

/* The seed's show(): heapTotal, heapUsed and rss in MB, two decimals. */
static inline void show(gh_heap *h)
{
    gh_memory_usage u;
    gh_memory_usage_get(h, &u);
    printf("Process: heapTotal %.2f MB heapUsed %.2f MB rss %.2f MB\n", u.heap_total / 1048576.0,
           u.heap_used / 1048576.0, u.rss / 1048576.0);
    printf("-----------------------------------------------------------\n");
}

/* ---- a JavaScript-like array ------------------------------------------- */

/* Every word of both objects is a slot: the lengths are stored as tagged
 * integers, the elements as values, so no trace function is needed. */
typedef struct js_array {
    gh_value length;
    void *elements; /* fixed_array, or NULL */
} js_array;

typedef struct fixed_array {
    gh_value capacity;
    gh_value items[];
} fixed_array;

static gh_type_id array_type, fixed_array_type;
/* V8's "the hole": an empty element of a holey array. */
#define THE_HOLE gh_special(1)

static inline void register_array_types(gh_heap *h)
{
    array_type = gh_type_register(h, &(gh_type_info){.name = "Array", .size = sizeof(js_array)});
    fixed_array_type = gh_type_register(h, &(gh_type_info){.name = "FixedArray"});
}

static inline void *must(void *p)
{
    if (!p) {
        fprintf(stderr, "allocation failed: %s\n", gh_last_error_message());
        exit(1);
    }
    return p;
}

/* A fixed array of n holes.  May collect. */
static inline fixed_array *new_fixed_array(gh_heap *h, size_t n)
{
    fixed_array *f = must(gh_alloc(h, fixed_array_type, sizeof(fixed_array) + n * sizeof(gh_value)));
    f->capacity = gh_from_int((int64_t)n);
    for (size_t i = 0; i < n; i++)
        f->items[i] = THE_HOLE;
    return f;
}

/* new Array(n): n holes.  May collect. */
static inline js_array *new_array(gh_heap *h, size_t n)
{
    gh_handle_scope s;
    gh_scope_open_escapable(h, &s);
    gh_handle store = gh_handle_new(h, n ? new_fixed_array(h, n) : NULL);
    js_array *a = must(gh_alloc(h, array_type, sizeof(js_array)));
    a->length = gh_from_int((int64_t)n);
    gh_set_ptr(a, &a->elements, *store);
    gh_scope_close(&s);
    return a;
}

/* array.push(value) for the array held by handle `array` (value must be
 * rooted by the caller too, if it is an object).  May collect. */
static inline void array_push(gh_heap *h, gh_handle array, gh_handle value)
{
    js_array *a = *array;
    size_t len = (size_t)gh_to_int(a->length);
    fixed_array *f = a->elements;
    size_t cap = f ? (size_t)gh_to_int(f->capacity) : 0;
    if (len == cap) { /* V8's growth: 1.5x + 16 */
        size_t new_cap = cap + cap / 2 + 16;
        fixed_array *grown = new_fixed_array(h, new_cap);
        a = *array;
        f = a->elements;
        if (f) {
            memcpy(grown->items, f->items, len * sizeof(gh_value));
            gh_write_barrier_range(grown, grown->items, len);
        }
        gh_set_ptr(a, &a->elements, grown);
        f = grown;
    }
    gh_set_value(f, &f->items[len], gh_from_ptr(*value));
    a->length = gh_from_int((int64_t)len + 1);
}

#endif
