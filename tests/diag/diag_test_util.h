/*
 * diag_test_util.h -- what the tests of libgenheap_diag share: cmocka, a
 * few object types shaped like a JavaScript heap's (objects with named
 * properties, arrays, strings, closures and their scopes, weak tables),
 * and heaps whose collections are deterministic.
 */
#ifndef GH_DIAG_TEST_UTIL_H
#define GH_DIAG_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <genheap.h>
#include <genheap_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An object of a named class: a class name (its constructor) and a
 * variable number of value slots, named by the class's keys. */
typedef struct jsobj {
    const char *cls;         /* a static string */
    const char *const *keys; /* NULL-terminated property names, or NULL */
    uint64_t nslots;
    gh_value slots[];
} jsobj;

/* A string object: its bytes follow. */
typedef struct jsstr {
    uint64_t len;
    char text[];
} jsstr;

/* A closure: a function name and its scope (an environment). */
typedef struct jsfun {
    const char *name;
    gh_value context;
} jsfun;

/* A weak table: (key, value) pairs. */
typedef struct jsweak {
    uint64_t npairs;
    gh_value pairs[];
} jsweak;

typedef struct diag_types {
    gh_type_id obj, array, str, fun, env, weak;
} diag_types;

static inline size_t jsobj_size_of(const void *o)
{
    return sizeof(jsobj) + ((const jsobj *)o)->nslots * sizeof(gh_value);
}
static inline size_t jsstr_size_of(const void *o)
{
    return sizeof(jsstr) + ((const jsstr *)o)->len + 1;
}
static inline size_t jsweak_size_of(const void *o)
{
    return sizeof(jsweak) + 2 * ((const jsweak *)o)->npairs * sizeof(gh_value);
}

static inline const char *jsobj_name(const void *o, char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return ((const jsobj *)o)->cls;
}
static inline const char *jsstr_name(const void *o, char *buf, size_t size)
{
    snprintf(buf, size, "%s", ((const jsstr *)o)->text);
    return buf;
}
static inline const char *jsfun_name(const void *o, char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return ((const jsfun *)o)->name;
}

static inline void jsobj_trace(void *o, gh_tracer *t)
{
    jsobj *j = o;
    bool named = j->keys != NULL; /* the keys name the first slots */
    for (uint64_t i = 0; i < j->nslots; i++) {
        named = named && j->keys[i];
        if (named)
            gh_trace_edge(t, &j->slots[i], GH_EDGE_PROPERTY, j->keys[i]);
        else
            gh_trace_element(t, &j->slots[i], i);
    }
}
static inline void jsfun_trace(void *o, gh_tracer *t)
{
    gh_trace_edge(t, &((jsfun *)o)->context, GH_EDGE_INTERNAL, "context");
}
/* an environment is a jsobj whose slots are captured variables */
static inline void jsenv_trace(void *o, gh_tracer *t)
{
    jsobj *j = o;
    for (uint64_t i = 0; i < j->nslots; i++)
        gh_trace_edge(t, &j->slots[i], GH_EDGE_CONTEXT, j->keys ? j->keys[i] : "var");
}

static inline diag_types register_diag_types(gh_heap *h)
{
    diag_types d;
    d.obj = gh_type_register(h, &(gh_type_info){.name = "Object",
                                                .size_of = jsobj_size_of,
                                                .trace = jsobj_trace,
                                                .node_kind = GH_NODE_OBJECT,
                                                .node_name = jsobj_name});
    d.array = gh_type_register(h, &(gh_type_info){.name = "(array)",
                                                  .size_of = jsobj_size_of,
                                                  .trace = jsobj_trace,
                                                  .node_kind = GH_NODE_ARRAY});
    d.str = gh_type_register(h, &(gh_type_info){.name = "String",
                                                .size_of = jsstr_size_of,
                                                .flags = GH_TYPE_LEAF,
                                                .node_kind = GH_NODE_STRING,
                                                .node_name = jsstr_name});
    d.fun = gh_type_register(h, &(gh_type_info){.name = "Function",
                                                .size = sizeof(jsfun),
                                                .trace = jsfun_trace,
                                                .node_kind = GH_NODE_CLOSURE,
                                                .node_name = jsfun_name});
    d.env = gh_type_register(h, &(gh_type_info){.name = "system / Context",
                                                .size_of = jsobj_size_of,
                                                .trace = jsenv_trace});
    d.weak = gh_type_register(h, &(gh_type_info){.name = "WeakMap",
                                                 .size_of = jsweak_size_of,
                                                 .flags = GH_TYPE_EPHEMERON,
                                                 .slots_offset = offsetof(jsweak, pairs),
                                                 .node_kind = GH_NODE_OBJECT});
    assert_true(d.obj && d.array && d.str && d.fun && d.env && d.weak);
    return d;
}

static inline jsobj *new_obj(gh_heap *h, gh_type_id t, const char *cls, const char *const *keys,
                             size_t nslots)
{
    jsobj *o = gh_alloc(h, t, sizeof(jsobj) + nslots * sizeof(gh_value));
    assert_non_null(o);
    o->cls = cls;
    o->keys = keys;
    o->nslots = nslots;
    return o;
}

static inline jsstr *new_str(gh_heap *h, gh_type_id t, const char *text)
{
    size_t n = strlen(text);
    jsstr *s = gh_alloc(h, t, sizeof(jsstr) + n + 1);
    assert_non_null(s);
    s->len = n;
    memcpy(s->text, text, n + 1);
    return s;
}

static inline void set_slot(void *host, gh_value *slot, void *target)
{
    gh_set_value(host, slot, target ? gh_from_ptr(target) : GH_EMPTY);
}

/* A heap whose full collections are stop-the-world and exact (no
 * incremental marking, so no floating garbage and no timing in them). */
static inline gh_heap *diag_heap(size_t semi_kib, size_t old_mib)
{
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = GH_KiB(semi_kib);
    c.max_semi_space = GH_KiB(semi_kib);
    c.max_old_space = GH_MiB(old_mib);
    c.incremental_marking = false;
    gh_heap *h = gh_heap_create(&c);
    assert_non_null(h);
    return h;
}

#endif
