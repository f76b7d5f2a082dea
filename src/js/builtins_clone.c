/* builtins_clone.c - structuredClone(value), as node 20 has it.
 *
 * A deep copy that keeps the shape of the graph: an object met twice (or
 * a cycle) is copied once, through a Map from originals to copies.  What
 * V8's serializer copies, this copies: plain objects and class instances
 * (as plain objects: own enumerable string keys, getters read), arrays
 * (holes and extra properties too), Dates, boxed primitives, Maps, Sets,
 * errors (kind, message and stack), and Buffers (as Buffers: node gives
 * a Uint8Array, which ghjs does not have).  Functions, weak collections,
 * iterators and the rest throw node's DataCloneError.  The walk recurses
 * in C, so it stops with V8's RangeError when the C stack runs low.
 */
#include "builtins.h"
#include "map.h"

typedef struct cloner {
    gh_value *memo; /* a Map: original -> copy */
} cloner;

static gh_value clone_value(cloner *c, gh_value *v);

static gh_value data_clone_error(gh_value v)
{
    js_sbuf b = {0};
    size_t len;
    const char *src = js_function_source(v, &len);
    if (src) {
        sb_put(&b, src, len);
    } else if (js_is_class(v, JC_GENERATOR)) { /* no constructor of its own: V8's tag */
        sb_puts(&b, "[object Generator]");
    } else {
        gh_value ctor = js_get(v, A_constructor);
        const char *name = js_is_callable(ctor) ? js_atom_name(js_function_name_atom(ctor)) : "Object";
        sb_printf(&b, "#<%s>", name[0] ? name : "Object");
    }
    gh_value r = js_throw_error(JE_ERROR, "%s could not be cloned.", sb_cstr(&b));
    sb_free(&b);
    if (js_is_object(R.exception)) /* node's DOMException [DataCloneError] */
        js_define_value(R.exception, A_name, js_string_cstr("DataCloneError"), PF_HIDDEN);
    return r;
}

/* Record *from -> *to before copying what *from holds (a cycle finds it). */
static bool remember(cloner *c, gh_value *from, gh_value *to)
{
    gh_value kv[2] = {*from, *to};
    return js_call_method(*c->memo, A_set, 2, kv) != JS_EXCEPTION;
}

/* The own enumerable properties of *from, copied, defined on *to. */
static bool copy_properties(cloner *c, gh_value *from, gh_value *to)
{
    gh_value *keys = js_root(js_own_keys(*from, true)), *v = js_root(JS_UNDEFINED);
    for (uint64_t i = 0; i < js_array_length(js_obj(*keys)); i++) {
        js_atom_id a = js_string_atom(js_array_get(js_obj(*keys), i));
        *v = js_get(*from, a);
        if (*v == JS_EXCEPTION || (*v = clone_value(c, v)) == JS_EXCEPTION)
            return false;
        if (js_is_array(*to) ? !js_set(to, a, v) : !js_define(to, a, v, PF_DEFAULT))
            return false;
    }
    return true;
}

/* A Map's or a Set's entries, copied into the new one (*to). */
static bool copy_entries(cloner *c, gh_value *from, gh_value *to, bool map)
{
    gh_value *k = js_root(JS_UNDEFINED), *v = js_root(JS_UNDEFINED);
    size_t pos = 0;
    gh_value key, value;
    while (js_map_next(*from, &pos, &key, &value)) {
        *k = key;
        *v = value;
        if ((*k = clone_value(c, k)) == JS_EXCEPTION || (map && (*v = clone_value(c, v)) == JS_EXCEPTION))
            return false;
        gh_value kv[2] = {*k, *v};
        if (js_call_method(*to, map ? A_set : js_atom_cstr("add"), map ? 2 : 1, kv) == JS_EXCEPTION)
            return false;
    }
    return true;
}

/* An error of the same standard kind, with the original's message and
 * stack (V8 copies those, not the other properties). */
static gh_value clone_error(gh_value *v)
{
    js_errkind kind = JE_ERROR;
    for (int k = 0; k < JE_COUNT; k++)
        if (js_obj(*v)->proto == R.error_protos[k])
            kind = (js_errkind)k;
    gh_value *e = js_root(js_error_new(kind, ""));
    gh_value *msg = js_root(js_own_value(*v, A_message)), *stack = js_root(js_own_value(*v, A_stack));
    if (*msg != JS_HOLE)
        js_define(e, A_message, msg, PF_HIDDEN);
    if (*stack != JS_HOLE)
        js_define(e, A_stack, stack, PF_HIDDEN);
    return *e;
}

/* A new, empty object of the class of *v to fill, or JS_HOLE for one
 * whose copy is complete already. */
static gh_value shell_of(js_class k)
{
    switch (k) {
    case JC_OBJECT:
        return js_object_new();
    case JC_ARRAY:
        return js_array_new(0, 0);
    case JC_MAP:
    case JC_SET:
        return js_construct(js_global_get(js_atom_cstr(k == JC_MAP ? "Map" : "Set")), 0, NULL);
    default:
        return JS_HOLE;
    }
}

/* Classes copied whole at once. */
static gh_value copy_whole(gh_value *v, js_class k)
{
    switch (k) {
    case JC_DATE: {
        gh_value t = js_obj(*v)->slots[0];
        return js_construct(js_global_get(js_atom_cstr("Date")), 1, &t);
    }
    case JC_BOXED:
        return js_to_object(js_obj(*v)->slots[0]);
    case JC_ERROR:
        return clone_error(v);
    case JC_BUFFER: {
        gh_value *buffer = js_root(js_global_get(js_atom_cstr("Buffer")));
        return js_call_method(*buffer, js_atom_cstr("from"), 1, v);
    }
    default:
        return data_clone_error(*v);
    }
}

static gh_value clone_value(cloner *c, gh_value *v)
{
    if (!js_is_object(*v))
        return *v;
    if (js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    gh_value seen = js_call_method(*c->memo, A_get, 1, v);
    if (seen != JS_UNDEFINED) /* copied before, or JS_EXCEPTION */
        return seen;
    JS_SCOPE_OPEN(sc);
    js_class k = js_class_of(*v);
    gh_value *to = js_root(shell_of(k));
    bool ok = *to != JS_EXCEPTION;
    if (ok && *to == JS_HOLE) {
        *to = copy_whole(v, k);
        ok = *to != JS_EXCEPTION && remember(c, v, to);
    } else if (ok) {
        ok = remember(c, v, to) &&
             (k == JC_MAP || k == JC_SET ? copy_entries(c, v, to, k == JC_MAP) : copy_properties(c, v, to));
        if (ok && k == JC_ARRAY) /* trailing holes */
            ok = js_array_set_length(to, js_array_length(js_obj(*v)));
    }
    gh_value r = ok ? *to : JS_EXCEPTION;
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(structured_clone)
{
    UNUSED_ARGS;
    if (argc < 1)
        return js_throw_error(JE_TYPE, "The value argument must be specified");
    if (!js_is_object(argv[0]))
        return argv[0];
    gh_value *memo = js_root(js_construct(js_global_get(js_atom_cstr("Map")), 0, NULL));
    if (*memo == JS_EXCEPTION)
        return JS_EXCEPTION;
    cloner c = {memo};
    return clone_value(&c, &argv[0]);
}

void js_builtins_clone_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *g = js_root(R.global);
    js_make_native(g, "structuredClone", structured_clone, 1);
    JS_SCOPE_CLOSE(sc);
}
