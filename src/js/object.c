/* object.c - objects and their properties: [[Get]], [[Set]], define,
 * delete, prototypes (own keys and for-in are in object_keys.c).  Arrays, functions, strings and buffers
 * have "exotic" own properties (length, indices, a lazy prototype) that are
 * handled before the shape lookup. */
#include "map.h"
#include "vm.h"

/* Past this many named properties an object goes to dictionary mode. */
#define DICT_THRESHOLD 64

const uint8_t js_class_internal[JC_COUNT] = {
    [JC_OBJECT] = 0, [JC_ARRAY] = 2, [JC_FUNCTION] = 2, [JC_NATIVE] = 2, [JC_BOUND] = 4,
    [JC_ERROR] = 2, [JC_ARGUMENTS] = 2, [JC_BOXED] = 1, [JC_BUFFER] = 2, [JC_FORIN] = 3, [JC_DATE] = 1,
    [JC_WEAKMAP] = 1, [JC_WEAKSET] = 1, [JC_WEAKREF] = 1, [JC_FINREG] = 5, [JC_HEAPDIFF] = 1,
    [JC_MAP] = 1, [JC_SET] = 1, [JC_MAPITER] = 3, [JC_ACCESSOR] = 2,
    [JC_PROMISE] = 4, [JC_COROUTINE] = 6, [JC_GENERATOR] = 7,
};

gh_value js_object_new_shape(js_shape *s)
{
    size_t n = (size_t)s->nint + s->ninobj;
    bool fn = s->klass == JC_FUNCTION || s->klass == JC_NATIVE || s->klass == JC_BOUND;
    js_object *o = js_alloc(fn ? HT_FUNCTION : HT_OBJECT, sizeof(js_object) + n * sizeof(gh_value));
    o->shape = js_cptr(s);
    /* the caller holds the prototype (a shape only finds it): the store
     * needs the barrier, as a pretenured object may be old */
    gh_set_value(o, &o->proto, js_shape_proto(s));
    if (s->dict) {
        gh_value *h = js_tmp_push(gh_from_ptr(o));
        gh_value d = js_dict_new(4);
        o = js_obj(*h);
        js_tmp_pop(1);
        o->props = d; /* o is younger than d or both young: barrier anyway */
        gh_write_barrier(o, &o->props);
    }
    return gh_from_ptr(o);
}

gh_value js_object_new(void) { return js_object_new_shape(R.object_root_shape); }

gh_value js_object_new_proto(gh_value proto)
{
    if (proto == R.object_proto)
        return js_object_new();
    return js_object_new_shape(js_shape_root(proto, JC_OBJECT, 4));
}

bool js_is_callable(gh_value v)
{
    if (!js_is_object(v))
        return false;
    js_class c = js_class_of(v);
    return c == JC_FUNCTION || c == JC_NATIVE || c == JC_BOUND;
}

bool js_is_constructor(gh_value v)
{
    while (js_is_object(v) && js_class_of(v) == JC_BOUND) /* as its target */
        v = js_obj(v)->slots[0];
    if (!js_is_object(v))
        return false;
    js_object *o = js_obj(v);
    switch (js_class_of(v)) {
    case JC_FUNCTION: return (((js_code *)js_cptr_get(o->slots[0]))->flags & CODE_CTOR) != 0;
    case JC_NATIVE: return ((js_native_info *)js_cptr_get(o->slots[0]))->ctor;
    default: return false;
    }
}

static inline gh_value *prop_slot(js_object *o, js_shape *s, uint32_t i)
{
    if (i < s->ninobj)
        return &o->slots[s->nint + i];
    return &((js_store *)gh_to_ptr(o->props))->items[i - s->ninobj];
}

gh_value *js_own_slot(js_object *o, js_atom_id atom, uint32_t *flags)
{
    js_shape *s = js_shape_of(o);
    if (s->dict) {
        js_store *d = gh_to_ptr(o->props);
        long e = js_dict_find(d, atom);
        if (e < 0)
            return NULL;
        if (flags)
            *flags = js_dict_flags(d, e);
        return js_dict_value(d, e);
    }
    int i = js_shape_find(s, atom);
    if (i < 0)
        return NULL;
    if (flags)
        *flags = s->props[i].flags;
    return prop_slot(o, s, (uint32_t)i);
}

/* A bound function's length: its target's, less the bound arguments (read
 * when asked rather than at bind time).  MAY COLLECT. */
static gh_value bound_length(gh_value fn)
{
    js_object *o = js_obj(fn);
    double nb = o->slots[2] ? (double)js_store_cap(gh_to_ptr(o->slots[2])) : 0;
    gh_value l = js_get(o->slots[0], A_length);
    if (!js_is_number(l))
        return gh_from_int(0);
    double d = js_to_integer(js_num(l)) - nb;
    return js_number(d > 0 ? d : 0);
}

/* Exotic own properties: returns true and sets *out when the object has
 * one for atom.  MAY COLLECT (lazy function prototype). */
static bool exotic_get(gh_value obj, js_atom_id atom, gh_value *out)
{
    js_object *o = js_obj(obj);
    js_class c = (js_class)js_shape_of(o)->klass;
    switch (c) {
    case JC_ARRAY:
    case JC_ARGUMENTS:
        if (atom == A_length && c == JC_ARRAY) {
            *out = o->slots[ARR_LENGTH];
            return true;
        } else {
            int64_t i = js_atom_index(atom);
            if (i >= 0) {
                gh_value v = js_array_get(o, (uint64_t)i);
                if (v == JS_HOLE)
                    return false;
                *out = v;
                return true;
            }
        }
        return false;
    case JC_FUNCTION:
    case JC_NATIVE:
    case JC_BOUND:
        if (js_own_slot(o, atom, NULL))
            return false;
        if (atom == A_prototype && c == JC_FUNCTION) {
            *out = js_function_prototype(obj);
            return true;
        }
        if (atom == A_name) {
            *out = js_function_name(obj);
            return true;
        }
        if (atom == A_length) {
            if (c == JC_FUNCTION)
                *out = gh_from_int(((js_code *)js_cptr_get(o->slots[0]))->length);
            else if (c == JC_NATIVE)
                *out = gh_from_int(((js_native_info *)js_cptr_get(o->slots[0]))->length);
            else
                *out = bound_length(obj);
            return true;
        }
        return false;
    case JC_MAP:
    case JC_SET:
        /* size: an accessor on the prototype in V8, read here from the table */
        if (atom == A_size) {
            *out = gh_from_int((int64_t)js_map_size(obj));
            return true;
        }
        return false;
    case JC_BOXED:
        if (js_is_string(o->slots[0])) {
            js_string *s = js_str(o->slots[0]);
            if (atom == A_length) {
                *out = gh_from_int(js_str_length(s));
                return true;
            }
            int64_t i = js_atom_index(atom);
            int32_t u = i >= 0 ? js_str_unit_at(s, (uint32_t)i) : -1;
            if (u >= 0) {
                *out = js_unit_string((uint32_t)u);
                return true;
            }
        }
        return false;
    case JC_BUFFER: {
        gh_buffer *b = gh_to_ptr(o->slots[0]);
        if (atom == A_length) {
            *out = o->slots[1];
            return true;
        }
        int64_t i = js_atom_index(atom);
        if (i >= 0 && (uint64_t)i < (uint64_t)gh_to_int(o->slots[1])) {
            *out = gh_from_int(b->data[i]);
            return true;
        }
        return false;
    }
    default:
        return false;
    }
}

gh_value js_get_proto(gh_value obj)
{
    if (js_is_object(obj))
        return js_obj(obj)->proto;
    if (js_is_string(obj))
        return R.string_proto;
    if (js_is_number(obj))
        return R.number_proto;
    if (obj == JSV_TRUE || obj == JSV_FALSE)
        return R.boolean_proto;
    return JSV_NULL;
}

static gh_value get_primitive(gh_value obj, js_atom_id atom)
{
    if (js_is_string(obj)) {
        js_string *s = js_str(obj);
        if (atom == A_length)
            return gh_from_int(js_str_length(s));
        int64_t i = js_atom_index(atom);
        if (i >= 0) {
            int32_t u = js_str_unit_at(s, (uint32_t)i);
            return u < 0 ? JS_UNDEFINED : js_unit_string((uint32_t)u);
        }
    }
    if (js_is_nullish(obj))
        return js_throw_error(JE_TYPE, "Cannot read properties of %s (reading '%s')",
                              obj == JSV_NULL ? "null" : "undefined", js_atom_name(atom));
    gh_value proto = js_get_proto(obj);
    return js_is_object(proto) ? js_get(proto, atom) : JS_UNDEFINED;
}

gh_value js_get(gh_value obj, js_atom_id atom)
{
    if (!js_is_object(obj))
        return get_primitive(obj, atom);
    return js_get_from(obj, atom, obj);
}

gh_value js_get_from(gh_value obj, js_atom_id atom, gh_value receiver)
{
    for (;;) {
        js_object *o = js_obj(obj);
        js_shape *s = js_shape_of(o);
        if (s->klass != JC_OBJECT) {
            gh_value v;
            if (exotic_get(obj, atom, &v))
                return v;
            o = js_obj(obj);
        }
        uint32_t flags;
        gh_value *slot = js_own_slot(o, atom, &flags);
        if (slot)
            return GH_UNLIKELY(flags & PF_ACCESSOR) ? js_accessor_get(*slot, receiver) : *slot;
        obj = o->proto;
        if (!js_is_object(obj))
            return JS_UNDEFINED;
    }
}

js_atom_id js_key_atom(gh_value key)
{
    if (js_is_string(key))
        return js_string_atom(key);
    if (gh_is_int(key) && gh_to_int(key) >= 0)
        return js_atom_from_index((uint64_t)gh_to_int(key));
    gh_value s = js_to_string(key);
    if (s == JS_EXCEPTION)
        return (js_atom_id)-1;
    return js_string_atom(s);
}

/* Whether obj or a prototype holds index i without an atom for it, as
 * arrays, arguments objects, buffers and string wrappers do: when no atom
 * names i, no other object can have it. */
static bool held_without_atom(gh_value obj, uint64_t i)
{
    for (; js_is_object(obj); obj = js_obj(obj)->proto) {
        js_object *o = js_obj(obj);
        js_class c = (js_class)js_shape_of(o)->klass;
        if ((c == JC_ARRAY || c == JC_ARGUMENTS) && js_array_get(o, i) != JS_HOLE)
            return true;
        if (c == JC_BUFFER && i < (uint64_t)gh_to_int(o->slots[1]))
            return true;
        if (c == JC_BOXED && js_is_string(o->slots[0]) && i < (uint64_t)js_str_length(js_str(o->slots[0])))
            return true;
    }
    return false;
}

gh_value js_get_index(gh_value obj, int64_t i)
{
    if (js_is_object(obj)) {
        js_object *o = js_obj(obj);
        js_class c = (js_class)js_shape_of(o)->klass;
        if ((c == JC_ARRAY || c == JC_ARGUMENTS) && i >= 0) {
            gh_value v = js_array_get(o, (uint64_t)i);
            if (v != JS_HOLE)
                return v;
        } else if (c == JC_BUFFER && i >= 0 && i < gh_to_int(o->slots[1])) {
            return gh_from_int(((gh_buffer *)gh_to_ptr(o->slots[0]))->data[i]);
        }
    } else if (js_is_string(obj) && i >= 0) {
        int32_t u = i <= UINT32_MAX ? js_str_unit_at(js_str(obj), (uint32_t)i) : -1;
        return u < 0 ? JS_UNDEFINED : js_unit_string((uint32_t)u);
    }
    if (i < 0) {
        gh_value *h = js_tmp_push(obj);
        js_atom_id a = js_key_atom(js_number((double)i));
        gh_value r = js_get(*h, a);
        js_tmp_pop(1);
        return r;
    }
    js_atom_id a;
    if (!js_atom_find_index((uint64_t)i, &a)) {
        if (!held_without_atom(obj, (uint64_t)i))
            return JS_UNDEFINED;
        a = js_atom_from_index((uint64_t)i);
    }
    return js_get(obj, a);
}

bool js_has_index(gh_value obj, uint64_t i)
{
    js_atom_id a;
    if (js_atom_find_index(i, &a))
        return js_has_property(obj, a);
    return held_without_atom(obj, i);
}

gh_value js_get_value(gh_value obj, gh_value key)
{
    if (gh_is_int(key))
        return js_get_index(obj, gh_to_int(key));
    if (js_is_nullish(obj)) {
        JS_SCOPE_OPEN(sc);
        gh_value *k = js_root(key);
        gh_value s = js_to_string(*k);
        gh_value r = s == JS_EXCEPTION ? s
                                        : js_throw_error(JE_TYPE, "Cannot read properties of %s (reading '%s')",
                                                         obj == JSV_NULL ? "null" : "undefined", js_str(s)->data);
        JS_SCOPE_CLOSE(sc);
        return r;
    }
    JS_SCOPE_OPEN(sc);
    gh_value *h = js_root(obj);
    js_atom_id a = js_key_atom(key);
    gh_value r = a == (js_atom_id)-1 ? JS_EXCEPTION : js_get(*h, a);
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* Add a new named property (obj has no own one).  MAY COLLECT. */
static void add_property(gh_value *obj, js_atom_id atom, gh_value *v, uint32_t flags)
{
    js_object *o = js_obj(*obj);
    js_shape *s = js_shape_of(o);
    if (!s->dict && s->count >= DICT_THRESHOLD) {
        js_object_to_dict(obj);
        o = js_obj(*obj);
        s = js_shape_of(o);
    }
    if (s->dict) {
        js_dict_put(obj, atom, v, flags);
        return;
    }
    uint32_t i = s->count;
    js_shape *ns = js_shape_add(s, atom, flags);
    if (!ns) { /* too many transitions from s */
        js_object_to_dict(obj);
        js_dict_put(obj, atom, v, flags);
        return;
    }
    if (i >= s->ninobj) {
        uint32_t need = i - s->ninobj + 1;
        js_store *p = o->props ? gh_to_ptr(o->props) : NULL;
        if (!p || js_store_cap(p) < need) {
            size_t ncap = p ? js_store_cap(p) + js_store_cap(p) / 2 + 2 : 4;
            if (ncap < need)
                ncap = need;
            js_store *np = js_store_new(ncap, JS_UNDEFINED);
            o = js_obj(*obj);
            p = o->props ? gh_to_ptr(o->props) : NULL;
            if (p) {
                memcpy(np->items, p->items, js_store_cap(p) * sizeof(gh_value));
                gh_write_barrier_range(np, np->items, js_store_cap(p));
            }
            o->props = gh_from_ptr(np);
            gh_write_barrier(o, &o->props);
        }
    }
    js_slot_write(o, prop_slot(o, ns, i), *v);
    o->shape = js_cptr(ns);
}

void js_object_to_dict(gh_value *obj)
{
    js_shape *s = js_shape_of(js_obj(*obj));
    if (s->dict)
        return;
    JS_SCOPE_OPEN(sc);
    gh_value *dh = js_root(js_dict_new(s->count * 2 + 4));
    for (uint32_t i = 0; i < s->count; i++) {
        /* the dictionary is presized: inserting does not allocate */
        js_dict_insert_raw(gh_to_ptr(*dh), s->props[i].atom, *prop_slot(js_obj(*obj), s, i),
                           s->props[i].flags);
    }
    js_object *o = js_obj(*obj);
    for (uint32_t i = 0; i < s->ninobj; i++)
        o->slots[s->nint + i] = JS_UNDEFINED;
    gh_set_value(o, &o->props, *dh);
    o->shape = js_cptr(js_shape_dict(o->proto, (js_class)s->klass));
    JS_SCOPE_CLOSE(sc);
}

static bool exotic_set(gh_value *obj, js_atom_id atom, gh_value *v, bool *handled)
{
    js_object *o = js_obj(*obj);
    js_class c = (js_class)js_shape_of(o)->klass;
    *handled = false;
    if (c == JC_ARRAY || c == JC_ARGUMENTS) {
        if (atom == A_length && c == JC_ARRAY) {
            *handled = true;
            double d = js_to_number(*v);
            if (!js_is_uint32(d)) {
                js_throw_error(JE_RANGE, "Invalid array length");
                return false;
            }
            return js_array_set_length(obj, (uint64_t)d);
        }
        int64_t i = js_atom_index(atom);
        if (i >= 0) {
            *handled = true;
            return js_array_set(obj, (uint64_t)i, v);
        }
    } else if (c == JC_BUFFER) {
        int64_t i = js_atom_index(atom);
        if (i >= 0) {
            *handled = true;
            if (i < gh_to_int(o->slots[1])) {
                double d = js_to_number(*v);
                o = js_obj(*obj);
                ((gh_buffer *)gh_to_ptr(o->slots[0]))->data[i] = (uint8_t)js_to_int32(d);
            }
            return true;
        }
    }
    return true;
}

bool js_set(gh_value *obj, js_atom_id atom, gh_value *v)
{
    if (!js_is_object(*obj)) {
        if (js_is_nullish(*obj)) {
            js_throw_error(JE_TYPE, "Cannot set properties of %s (setting '%s')",
                           *obj == JSV_NULL ? "null" : "undefined", js_atom_name(atom));
            return false;
        }
        return true; /* primitives: silently ignored (sloppy mode) */
    }
    js_object *o = js_obj(*obj);
    if (js_shape_of(o)->klass != JC_OBJECT) {
        bool handled;
        bool ok = exotic_set(obj, atom, v, &handled);
        if (handled)
            return ok;
        o = js_obj(*obj);
    }
    uint32_t flags;
    gh_value *slot = js_own_slot(o, atom, &flags);
    if (slot) {
        if (GH_UNLIKELY(flags & PF_ACCESSOR))
            return js_accessor_set(*slot, obj, v);
        if (flags & PF_WRITABLE)
            js_slot_write(o, slot, *v);
        return true;
    }
    if (GH_UNLIKELY(R.accessor_epoch)) { /* a setter up the chain takes the store */
        for (gh_value p = o->proto; js_is_object(p); p = js_obj(p)->proto) {
            gh_value *ps = js_own_slot(js_obj(p), atom, &flags);
            if (ps && (flags & PF_ACCESSOR))
                return js_accessor_set(*ps, obj, v);
            if (ps)
                break;
        }
    }
    add_property(obj, atom, v, PF_DEFAULT);
    return true;
}

bool js_set_index(gh_value *obj, int64_t i, gh_value *v)
{
    if (i >= 0 && js_is_object(*obj)) {
        js_object *o = js_obj(*obj);
        js_class c = (js_class)js_shape_of(o)->klass;
        if (c == JC_ARRAY)
            return js_array_set(obj, (uint64_t)i, v);
        if (c == JC_BUFFER) {
            if (i < gh_to_int(o->slots[1])) {
                double d = js_to_number(*v);
                o = js_obj(*obj);
                ((gh_buffer *)gh_to_ptr(o->slots[0]))->data[i] = (uint8_t)js_to_int32(d);
            }
            return true;
        }
    }
    js_atom_id a = i >= 0 ? js_atom_from_index((uint64_t)i) : js_key_atom(js_number((double)i));
    return js_set(obj, a, v);
}

bool js_set_value(gh_value *obj, gh_value *key, gh_value *v)
{
    if (gh_is_int(*key))
        return js_set_index(obj, gh_to_int(*key), v);
    if (js_is_nullish(*obj)) {
        gh_value s = js_to_string(*key);
        if (s == JS_EXCEPTION)
            return false;
        js_throw_error(JE_TYPE, "Cannot set properties of %s (setting '%s')",
                       *obj == JSV_NULL ? "null" : "undefined", js_str(s)->data);
        return false;
    }
    js_atom_id a = js_key_atom(*key);
    if (a == (js_atom_id)-1)
        return false;
    return js_set(obj, a, v);
}

bool js_define(gh_value *obj, js_atom_id atom, gh_value *v, uint32_t flags)
{
    js_object *o = js_obj(*obj);
    js_shape *s = js_shape_of(o);
    if (s->klass == JC_ARRAY && js_atom_index(atom) >= 0)
        return js_array_set(obj, (uint64_t)js_atom_index(atom), v);
    uint32_t old;
    gh_value *slot = js_own_slot(o, atom, &old);
    if (slot) {
        js_slot_write(o, slot, *v);
        if (old != flags) {
            if (!s->dict)
                js_object_to_dict(obj);
            js_dict_put(obj, atom, v, flags);
        }
        return true;
    }
    add_property(obj, atom, v, flags);
    return true;
}

void js_define_value(gh_value obj, js_atom_id atom, gh_value v, uint32_t flags)
{
    JS_SCOPE_OPEN(sc);
    gh_value *o = js_root(obj), *vh = js_root(v);
    js_define(o, atom, vh, flags);
    JS_SCOPE_CLOSE(sc);
}

bool js_has_own(gh_value obj, js_atom_id atom)
{
    if (!js_is_object(obj)) {
        if (js_is_string(obj)) {
            int64_t i = js_atom_index(atom);
            return atom == A_length || (i >= 0 && i < js_str_length(js_str(obj)));
        }
        return false;
    }
    js_object *o = js_obj(obj);
    js_class c = (js_class)js_shape_of(o)->klass;
    if (c == JC_ARRAY || c == JC_ARGUMENTS) {
        if (atom == A_length && c == JC_ARRAY)
            return true;
        int64_t i = js_atom_index(atom);
        if (i >= 0)
            return js_array_get(o, (uint64_t)i) != JS_HOLE;
    }
    if (c == JC_BUFFER) {
        int64_t i = js_atom_index(atom);
        if (i >= 0)
            return i < gh_to_int(o->slots[1]);
    }
    if (c == JC_BOXED && js_is_string(o->slots[0])) {
        int64_t i = js_atom_index(atom);
        if (atom == A_length || (i >= 0 && i < js_str_length(js_str(o->slots[0]))))
            return true;
    }
    if ((c == JC_FUNCTION || c == JC_NATIVE || c == JC_BOUND) && (atom == A_name || atom == A_length))
        return true;
    if (c == JC_FUNCTION && atom == A_prototype)
        return (((js_code *)js_cptr_get(o->slots[0]))->flags & CODE_CTOR) != 0;
    return js_own_slot(o, atom, NULL) != NULL;
}

bool js_has_property(gh_value obj, js_atom_id atom)
{
    while (js_is_object(obj)) {
        if (js_has_own(obj, atom))
            return true;
        obj = js_obj(obj)->proto;
    }
    return false;
}

int js_delete(gh_value *obj, js_atom_id atom)
{
    if (!js_is_object(*obj))
        return 1;
    js_object *o = js_obj(*obj);
    js_shape *s = js_shape_of(o);
    if (s->klass == JC_ARRAY || s->klass == JC_ARGUMENTS) {
        if (atom == A_length && s->klass == JC_ARRAY)
            return 0;
        int64_t i = js_atom_index(atom);
        if (i >= 0) {
            js_store *st = js_array_store(o);
            if (st && (uint64_t)i < js_array_length(o) && (size_t)i < js_store_cap(st))
                st->items[i] = JS_HOLE;
            return 1;
        }
    }
    uint32_t flags;
    gh_value *slot = js_own_slot(o, atom, &flags);
    if (!slot)
        return 1;
    if (!(flags & PF_CONFIGURABLE))
        return 0;
    if (!s->dict) {
        /* deleting the last-added property: step back along the transition */
        if (s->count && s->props[s->count - 1].atom == atom && s->parent) {
            *slot = JS_UNDEFINED;
            o->shape = js_cptr(s->parent);
            return 1;
        }
        js_object_to_dict(obj);
        o = js_obj(*obj);
    }
    js_dict_remove(gh_to_ptr(o->props), atom);
    return 1;
}

bool js_set_proto(gh_value *obj, gh_value proto)
{
    js_object *o = js_obj(*obj);
    js_shape *s = js_shape_of(o);
    if (o->proto == proto)
        return true;
    for (gh_value p = proto; js_is_object(p); p = js_obj(p)->proto)
        if (p == *obj) {
            js_throw_error(JE_TYPE, "Cyclic __proto__ value");
            return false;
        }
    js_shape *ns = js_shape_with_proto(s, proto);
    JS_SCOPE_OPEN(sc);
    gh_value *ph = js_root(proto);
    if (!ns) { /* too many transitions on the way: a dictionary instead */
        js_object_to_dict(obj);
        ns = js_shape_with_proto(js_shape_of(js_obj(*obj)), *ph);
    }
    o = js_obj(*obj);
    o->shape = js_cptr(ns);
    gh_set_value(o, &o->proto, *ph);
    JS_SCOPE_CLOSE(sc);
    return true;
}

bool js_instance_of(gh_value v, gh_value ctor, bool *error)
{
    *error = false;
    if (!js_is_callable(ctor)) {
        js_throw_error(JE_TYPE, "Right-hand side of 'instanceof' is not callable");
        *error = true;
        return false;
    }
    while (js_is_class(ctor, JC_BOUND))
        ctor = js_obj(ctor)->slots[0];
    if (!js_is_object(v))
        return false;
    JS_SCOPE_OPEN(sc);
    gh_value *vh = js_root(v);
    gh_value proto = js_get(ctor, A_prototype);
    bool r = false;
    if (proto == JS_EXCEPTION) {
        *error = true;
    } else {
        for (gh_value p = js_obj(*vh)->proto; js_is_object(p); p = js_obj(p)->proto)
            if (p == proto) {
                r = true;
                break;
            }
    }
    JS_SCOPE_CLOSE(sc);
    return r;
}
