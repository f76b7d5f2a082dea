/* function.c - function objects (closures, natives, bound functions),
 * environments, arguments objects, constructor instance shapes, and the
 * making of a class. */
#include <string.h>

#include "vm.h"

gh_value js_env_new(const js_env_info *info, gh_value parent)
{
    uint32_t n = info->n;
    gh_value *ph = js_tmp_push(parent);
    js_env *e = js_alloc(HT_ENV, sizeof(js_env) + n * sizeof(gh_value));
    e->info = js_cptr(info);
    gh_set_value(e, &e->parent, *ph);
    js_tmp_pop(1);
    for (uint32_t i = 0; i < n; i++)
        e->vars[i] = JS_UNDEFINED;
    return gh_from_ptr(e);
}

gh_value js_closure_new(js_code *code, gh_value env)
{
    gh_value *eh = js_tmp_push(env);
    gh_value f = js_object_new_shape(R.function_root_shape);
    js_object *o = js_obj(f);
    o->slots[0] = js_cptr(code);
    gh_set_value(o, &o->slots[1], *eh);
    js_tmp_pop(1);
    return f;
}

gh_value js_native_new(const js_native_info *info)
{
    gh_value f = js_object_new_shape(js_shape_root(R.function_proto, JC_NATIVE, 0));
    js_object *o = js_obj(f);
    o->slots[0] = js_cptr(info);
    o->slots[1] = JS_UNDEFINED;
    return f;
}

js_atom_id js_function_name_atom(gh_value fn)
{
    js_object *o = js_obj(fn);
    uint32_t flags;
    gh_value *own = js_own_slot(o, A_name, &flags);
    if (own && js_is_string(*own))
        return js_string_atom(*own);
    switch (js_shape_of(o)->klass) {
    case JC_FUNCTION:
        return ((js_code *)js_cptr_get(o->slots[0]))->name;
    case JC_NATIVE:
        return js_atom_cstr(((js_native_info *)js_cptr_get(o->slots[0]))->name);
    case JC_BOUND: { /* "bound " once per level (fn_bind) */
        js_sbuf b = {0};
        for (int64_t i = gh_to_int(o->slots[3]); i > 0; i--)
            sb_puts(&b, "bound ");
        const char *name = js_atom_name(js_function_name_atom(o->slots[0]));
        sb_puts(&b, name);
        js_atom_id a = js_atom_intern(b.data, b.len);
        sb_free(&b);
        return a;
    }
    default:
        return A_empty;
    }
}

bool js_name_function(gh_value *fn, js_atom_id key, const char *prefix)
{
    JS_SCOPE_OPEN(sc);
    gh_value *name;
    if (prefix) {
        js_sbuf b = {0};
        sb_printf(&b, "%s %s", prefix, js_atom_name(key));
        name = js_root(js_string_new(b.data, b.len));
        sb_free(&b);
    } else {
        name = js_root(js_atom_string(key));
    }
    bool ok = *name != JS_EXCEPTION && js_define(fn, A_name, name, PF_CONFIGURABLE);
    JS_SCOPE_CLOSE(sc);
    return ok;
}

const char *js_function_source(gh_value fn, size_t *len)
{
    if (!js_is_class(fn, JC_FUNCTION))
        return NULL;
    const js_code *c = js_cptr_get(js_obj(fn)->slots[0]);
    if (!c->source || c->src_end <= c->src_start)
        return NULL;
    *len = c->src_end - c->src_start;
    return c->source->text + c->src_start;
}

gh_value js_function_name(gh_value fn) { return js_atom_string(js_function_name_atom(fn)); }

/* F.prototype, created on first use as { constructor: F }. */
gh_value js_function_prototype(gh_value fn)
{
    js_object *o = js_obj(fn);
    gh_value *slot = js_own_slot(o, A_prototype, NULL);
    if (slot)
        return *slot;
    uint32_t flags = js_shape_of(o)->klass == JC_FUNCTION ? ((js_code *)js_cptr_get(o->slots[0]))->flags : 0;
    if (!(flags & (CODE_CTOR | CODE_GENERATOR)))
        return JS_UNDEFINED;
    JS_SCOPE_OPEN(sc);
    gh_value *fh = js_root(fn);
    /* a generator function's: the prototype of its generator objects,
     * with no constructor */
    gh_value *p = js_root(flags & CODE_GENERATOR ? js_object_new_proto(R.generator_proto) : js_object_new());
    if (!(flags & CODE_GENERATOR))
        js_define(p, A_constructor, fh, PF_HIDDEN);
    js_define(fh, A_prototype, p, PF_WRITABLE);
    gh_value r = *p;
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* The root shape for `new F()`, found by F.prototype (allocation sites
 * cache it, vm_loop.h's NEW).  A function does not cache it itself: the
 * shape would outlive the prototype it was made for once F.prototype is
 * replaced, and shapes go with their prototype (shape.c).  MAY COLLECT. */
js_shape *js_instance_shape(gh_value *ctor)
{
    gh_value *own = js_own_slot(js_obj(*ctor), A_prototype, NULL);
    gh_value proto = own ? *own : js_get(*ctor, A_prototype);
    if (proto == JS_EXCEPTION)
        return NULL;
    if (!js_is_object(proto))
        proto = R.object_proto;
    js_object *o = js_obj(*ctor);
    unsigned hint = 4;
    if (js_shape_of(o)->klass == JC_FUNCTION)
        hint = ((js_code *)js_cptr_get(o->slots[0]))->inobj_hint;
    return js_shape_root(proto, JC_OBJECT, hint);
}

/* A rest parameter's array: the arguments from index `first` on.  args
 * is on the VM stack, a root, so it still holds them after the array's
 * allocation.  MAY COLLECT. */
gh_value js_rest_args_new(gh_value *args, uint32_t argc, uint32_t first);
gh_value js_rest_args_new(gh_value *args, uint32_t argc, uint32_t first)
{
    uint32_t n = argc > first ? argc - first : 0;
    gh_value a = js_array_new(n, n);
    if (n) {
        js_store *s = gh_to_ptr(js_obj(a)->slots[ARR_ELEMENTS]);
        memcpy(s->items, args + first, n * sizeof(gh_value));
        gh_write_barrier_range(s, s->items, n);
    }
    return a;
}

/* The arguments object: argc elements; its store also holds the missing
 * parameters (past length), where mapped parameters live.  Its ARR_LENGTH
 * only bounds the elements: `length` is an ordinary own property (writable,
 * configurable, not enumerable), which scripts may set to anything. */
gh_value js_arguments_new(gh_value *args, uint32_t argc, uint32_t nparams);
gh_value js_arguments_new(gh_value *args, uint32_t argc, uint32_t nparams)
{
    JS_SCOPE_OPEN(sc);
    uint32_t cap = argc > nparams ? argc : nparams;
    gh_value *st = js_root(cap ? gh_from_ptr(js_store_new(cap, 0)) : 0);
    if (cap) {
        js_store *s = gh_to_ptr(*st);
        memcpy(s->items, args, cap * sizeof(gh_value));
        gh_write_barrier_range(s, s->items, cap);
    }
    gh_value *a = js_root(js_object_new_shape(js_shape_root(R.object_proto, JC_ARGUMENTS, 1)));
    js_object *o = js_obj(*a);
    gh_set_value(o, &o->slots[ARR_ELEMENTS], *st);
    o->slots[ARR_LENGTH] = gh_from_int(argc);
    gh_value *len = js_root(gh_from_int(argc));
    js_define(a, A_length, len, PF_HIDDEN);
    gh_value r = *a;
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* ---- classes: the CLASS instruction ------------------------------------ */

/* The class's prototype inherits from the parent's, the class from the
 * parent (`extends null`: a prototype without one, a class that is a
 * plain function). */
static bool class_parents(gh_value *parent, gh_value *proto_parent)
{
    if (*parent == JSV_NULL) {
        *proto_parent = JSV_NULL;
        return true;
    }
    if (!js_is_constructor(*parent)) {
        js_sbuf b = {0};
        size_t len;
        const char *src = js_function_source(*parent, &len);
        if (src) /* V8 shows a function's source */
            sb_put(&b, src, len);
        else
            js_describe(*parent, &b);
        js_throw_error(JE_TYPE, "Class extends value %s is not a constructor or null", sb_cstr(&b));
        sb_free(&b);
        return false;
    }
    gh_value pp = js_get(*parent, A_prototype);
    if (pp == JS_EXCEPTION)
        return false;
    if (!js_is_object(pp) && pp != JSV_NULL) {
        js_sbuf b = {0};
        js_describe(pp, &b);
        js_throw_error(JE_TYPE, "Class extends value does not have valid prototype property %s",
                       sb_cstr(&b));
        sb_free(&b);
        return false;
    }
    *proto_parent = pp;
    return true;
}

bool js_class_new(js_code *ctor, gh_value env, bool heritage, gh_value *slots)
{
    JS_SCOPE_OPEN(sc);
    gh_value *parent = js_root(heritage ? slots[0] : JS_UNDEFINED);
    gh_value *proto_parent = js_root(R.object_proto);
    gh_value *envh = js_root(env);
    bool ok = !heritage || class_parents(parent, proto_parent);
    if (ok) {
        slots[1] = js_object_new_proto(*proto_parent);
        slots[0] = js_closure_new(ctor, *envh);
        ok = js_define(&slots[0], A_prototype, &slots[1], 0) &&
             js_define(&slots[1], A_constructor, &slots[0], PF_HIDDEN) &&
             (!heritage || *parent == JSV_NULL || js_set_proto(&slots[0], *parent));
    }
    JS_SCOPE_CLOSE(sc);
    return ok;
}
