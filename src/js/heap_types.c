/* heap_types.c - ghjs's genheap types: their layouts for the collector,
 * and how heap snapshots show them (node kinds, names, named edges), the
 * way V8's snapshots show the same JS values:
 *
 *   String      (string) node named by its text
 *   JSObject    object named by its constructor ("Object", "Array",
 *               "LimitableMap"); property edges named by the shape's
 *               property names, element edges for array elements,
 *               "__proto__", internal edges for the class's own slots
 *   JSFunction  the same layout, for function objects: (closure) nodes
 *               named by the function, internal edge "context"
 *   FixedArray  array nodes (elements, overflow properties, dictionaries)
 *   Context     object "system / Context": context edges named by the
 *               variables (js_env_info), internal "previous"
 *   WeakTable   array nodes whose pairs genheap reports as weak edges
 *
 * Objects and contexts are slot layouts, scanned inline by the collector;
 * their `edges` functions, which only snapshots call, name each slot. */
#include <string.h>

#include "vm.h"

/* ---- sizes ---- */

static size_t string_size(const void *obj)
{
    return sizeof(js_string) + ((const js_string *)obj)->len + 1;
}

/* ---- names ---- */

/* A string's text, cut at a character boundary to fit buf. */
static const char *string_name(const void *obj, char *buf, size_t size)
{
    const js_string *s = obj;
    size_t n = s->len < size - 1 ? s->len : size - 1;
    while (n < s->len && n > 0 && ((unsigned char)s->data[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s->data, n);
    buf[n] = 0;
    return buf;
}

static bool is_function_class(js_class k) { return k == JC_FUNCTION || k == JC_NATIVE || k == JC_BOUND; }

/* The constructor's name along the prototype chain, without allocating
 * on the heap (snapshots are written while the heap is being walked). */
static const char *constructor_name(js_object *o)
{
    for (gh_value p = o->proto; js_is_object(p); p = js_obj(p)->proto) {
        gh_value *c = js_own_slot(js_obj(p), A_constructor, NULL);
        if (c && js_is_object(*c) && is_function_class(js_class_of(*c)))
            return js_atom_name(js_function_name_atom(*c));
    }
    return "Object";
}

static const char *object_name(const void *obj, char *buf, size_t size)
{
    js_object *o = (js_object *)obj;
    switch (js_shape_of(o)->klass) {
    case JC_ARRAY: return "Array";
    case JC_ARGUMENTS: return "Arguments";
    case JC_FORIN: return "system / ForInIterator";
    case JC_FUNCTION:
    case JC_NATIVE:
    case JC_BOUND:
        snprintf(buf, size, "%s", js_atom_name(js_function_name_atom(gh_from_ptr(o))));
        return buf;
    default:
        snprintf(buf, size, "%s", constructor_name(o));
        return buf;
    }
}

static const char *store_name(const void *obj, char *buf, size_t size)
{
    (void)obj, (void)buf, (void)size;
    return "";
}

static const char *context_name(const void *obj, char *buf, size_t size)
{
    (void)obj, (void)buf, (void)size;
    return "system / Context";
}

/* ---- edges ---- */

/* The internal slots of each class, as V8 names the like fields (NULL:
 * not a reference, or reported apart), for heap snapshots' edges. */
#define MAX_INTERNAL 7
static const char *const internal_names[JC_COUNT][MAX_INTERNAL] = {
    [JC_FUNCTION] = {NULL, "context", NULL},
    [JC_NATIVE] = {NULL, "data", NULL},
    [JC_BOUND] = {"bound_function", "bound_this", "bound_arguments"},
    [JC_BOXED] = {"value"},
    [JC_BUFFER] = {"backing_store"},
    [JC_FORIN] = {"keys"},
    [JC_WEAKMAP] = {"table"},
    [JC_WEAKSET] = {"table"},
    [JC_WEAKREF] = {"target"},
    [JC_FINREG] = {"cleanup", "cells", "holdings", "tokens"},
    [JC_MAP] = {"table"},
    [JC_SET] = {"table"},
    [JC_MAPITER] = {"collection"},
    [JC_ACCESSOR] = {"getter", "setter"},
    [JC_PROMISE] = {NULL, "result", "reactions"},
    [JC_COROUTINE] = {"promise", "frame", NULL, NULL, NULL, "handlers"},
    [JC_GENERATOR] = {NULL, "frame", NULL, NULL, NULL, "handlers", "return_value"},
};

static void property_edge(gh_tracer *t, gh_value *slot, js_atom_id atom)
{
    int64_t index = js_atom_index(atom);
    if (index >= 0)
        gh_trace_element(t, slot, (size_t)index);
    else
        gh_trace_edge(t, slot, GH_EDGE_PROPERTY, js_atom_name(atom));
}

static void object_edges(void *obj, gh_tracer *t)
{
    js_object *o = obj;
    js_shape *s = js_shape_of(o);
    js_class k = (js_class)s->klass;
    if (k == JC_ARRAY || k == JC_ARGUMENTS) {
        js_store *st = js_array_store(o);
        uint64_t len = js_array_length(o);
        for (uint64_t i = 0; st && i < len && i < js_store_cap(st); i++)
            gh_trace_element(t, &st->items[i], (size_t)i);
        gh_trace_edge(t, &o->slots[ARR_ELEMENTS], GH_EDGE_INTERNAL, "elements");
    } else {
        for (unsigned i = 0; i < s->nint && i < MAX_INTERNAL; i++)
            if (internal_names[k][i])
                gh_trace_edge(t, &o->slots[i], GH_EDGE_INTERNAL, internal_names[k][i]);
    }
    if (s->dict) {
        js_store *d = gh_to_ptr(o->props);
        for (long e = 0; e < js_dict_used(d); e++)
            if (js_dict_key(d, e) != (js_atom_id)-1)
                property_edge(t, js_dict_value(d, e), js_dict_key(d, e));
    } else {
        gh_value *inobj = &o->slots[s->nint];
        js_store *over = o->props ? gh_to_ptr(o->props) : NULL;
        for (uint32_t i = 0; i < s->count; i++) {
            if (i < s->ninobj)
                property_edge(t, &inobj[i], s->props[i].atom);
            else if (over && i - s->ninobj < js_store_cap(over))
                property_edge(t, &over->items[i - s->ninobj], s->props[i].atom);
        }
    }
    gh_trace_edge(t, &o->proto, GH_EDGE_PROPERTY, "__proto__");
    gh_trace_edge(t, &o->props, GH_EDGE_INTERNAL, "properties");
}

static void context_edges(void *obj, gh_tracer *t)
{
    js_env *e = obj;
    size_t n = gh_size_of(obj) / sizeof(gh_value) - 2;
    const js_env_info *info = js_cptr_get(e->info);
    for (size_t i = 0; i < n; i++) {
        if (info && i < info->n)
            gh_trace_edge(t, &e->vars[i], GH_EDGE_CONTEXT, js_atom_name(info->names[i]));
        else
            gh_trace_element(t, &e->vars[i], i);
    }
    gh_trace_edge(t, &e->parent, GH_EDGE_INTERNAL, "previous");
}

/* ---- the types ---- */

bool js_heap_types_register(void);
bool js_heap_types_register(void)
{
    static const gh_type_info infos[HT_COUNT] = {
        [HT_STRING] = {.name = "String", .flags = GH_TYPE_LEAF, .size_of = string_size,
                       .node_kind = GH_NODE_STRING, .node_name = string_name},
        /* every word is a slot: the shape word is an immediate (a cptr) */
        [HT_OBJECT] = {.name = "JSObject", .edges = object_edges, .node_kind = GH_NODE_OBJECT,
                       .node_name = object_name},
        [HT_FUNCTION] = {.name = "JSFunction", .edges = object_edges,
                         .node_kind = GH_NODE_CLOSURE, .node_name = object_name},
        /* [capacity][items]: the capacity is an integer, not a slot */
        [HT_STORE] = {.name = "FixedArray", .slots_offset = 8, .node_kind = GH_NODE_ARRAY,
                      .node_name = store_name},
        /* [info][parent][vars]: the info word is a cptr, so not a slot */
        [HT_ENV] = {.name = "Context", .slots_offset = 8, .edges = context_edges,
                    .node_kind = GH_NODE_OBJECT, .node_name = context_name},
        /* [capacity][used] then (key, value) pairs */
        [HT_WEAK] = {.name = "WeakTable", .flags = GH_TYPE_EPHEMERON, .slots_offset = 16,
                     .node_kind = GH_NODE_ARRAY, .node_name = store_name},
    };
    for (int i = 0; i < HT_COUNT; i++) {
        R.types[i] = gh_type_register(R.heap, &infos[i]);
        if (!R.types[i])
            return false;
    }
    /* js_is_object tests both object types with one compare */
    return R.types[HT_FUNCTION] == R.types[HT_OBJECT] + 1;
}
