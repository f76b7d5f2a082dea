/* builtins_object.c - Object and Object.prototype. */
#include "builtins.h"
#include "map.h"

NATIVE(object_ctor)
{
    UNUSED_ARGS;
    gh_value v = ARG(0);
    if (js_is_nullish(v))
        return js_object_new();
    return js_to_object(v);
}

NATIVE(object_keys)
{
    UNUSED_ARGS;
    gh_value o = js_to_object(ARG(0));
    if (o == JS_EXCEPTION)
        return o;
    return js_own_keys(o, true);
}

gh_value js_own_property_names(gh_value *h)
{
    gh_value *keys = js_root(js_own_keys(*h, false));
    if (!js_is_array(*h))
        return *keys;
    /* an array's length comes after its indices, before its other names,
     * as in V8 (where it is the first named property) */
    uint64_t n = js_array_length(js_obj(*keys)), k = 0;
    gh_value *all = js_root(js_array_new(0, n + 1)), *key = js_root(JS_UNDEFINED);
    for (; k < n && js_atom_index(js_string_atom(js_array_get(js_obj(*keys), k))) >= 0; k++) {
        *key = js_array_get(js_obj(*keys), k);
        js_array_push(all, key);
    }
    *key = js_atom_string(A_length);
    js_array_push(all, key);
    for (; k < n; k++) {
        *key = js_array_get(js_obj(*keys), k);
        js_array_push(all, key);
    }
    return *all;
}

NATIVE(object_get_own_property_names)
{
    UNUSED_ARGS;
    gh_value o = js_to_object(ARG(0));
    if (o == JS_EXCEPTION)
        return o;
    return js_own_property_names(js_root(o));
}

static gh_value values_or_entries(gh_value *obj, bool entries)
{
    JS_SCOPE_OPEN(sc);
    gh_value *keys = js_root(js_own_keys(*obj, true));
    size_t n = js_array_length(js_obj(*keys));
    gh_value *out = js_root(js_array_new(0, n));
    gh_value r = JS_EXCEPTION;
    for (size_t i = 0; i < n; i++) {
        gh_value *k = js_root(js_array_get(js_obj(*keys), i));
        gh_value *v = js_root(js_get(*obj, js_string_atom(*k)));
        if (*v == JS_EXCEPTION)
            goto out;
        if (entries) {
            gh_value *pair = js_root(js_array_new(0, 2));
            js_array_push(pair, k);
            js_array_push(pair, v);
            js_array_push(out, pair);
        } else {
            js_array_push(out, v);
        }
    }
    r = *out;
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

NATIVE(object_values)
{
    UNUSED_ARGS;
    gh_value o = js_to_object(ARG(0));
    if (o == JS_EXCEPTION)
        return o;
    return values_or_entries(js_root(o), false);
}

NATIVE(object_entries)
{
    UNUSED_ARGS;
    gh_value o = js_to_object(ARG(0));
    if (o == JS_EXCEPTION)
        return o;
    return values_or_entries(js_root(o), true);
}

bool js_copy_own_enumerable(gh_value *target, gh_value *src, bool define)
{
    if (js_is_string(*src)) /* its characters are own enumerable properties */
        *src = js_to_object(*src);
    if (!js_is_object(*src))
        return true;
    JS_SCOPE_OPEN(sc);
    bool ok = false;
    gh_value *keys = js_root(js_own_keys(*src, true));
    size_t n = js_array_length(js_obj(*keys));
    for (size_t j = 0; j < n; j++) {
        js_atom_id a = js_string_atom(js_array_get(js_obj(*keys), j));
        gh_value *v = js_root(js_get(*src, a));
        if (*v == JS_EXCEPTION)
            goto out;
        if (define ? !js_define(target, a, v, PF_DEFAULT) : !js_set(target, a, v))
            goto out;
    }
    ok = true;
out:
    JS_SCOPE_CLOSE(sc);
    return ok;
}

NATIVE(object_assign)
{
    UNUSED_ARGS;
    gh_value t = js_to_object(ARG(0));
    if (t == JS_EXCEPTION)
        return t;
    JS_SCOPE_OPEN(sc);
    gh_value *target = js_root(t);
    gh_value r = *target;
    for (int i = 1; i < argc && r != JS_EXCEPTION; i++)
        if (!js_copy_own_enumerable(target, &argv[i], false))
            r = JS_EXCEPTION;
    if (r != JS_EXCEPTION)
        r = *target;
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* Object.fromEntries: what for-of walks in the argument, each an entry
 * ([key, value]: its items 0 and 1), defined in order. */
NATIVE(object_from_entries)
{
    UNUSED_ARGS;
    gh_value *iterable = js_root(ARG(0));
    if (js_is_nullish(*iterable)) /* V8 says undefined for null too */
        return js_throw_error(JE_TYPE, "undefined is not iterable");
    if (!js_for_of_iterable(*iterable))
        return js_throw_not_iterable(*iterable);
    gh_value *out = js_root(js_object_new());
    gh_value *index = js_root(gh_from_int(0)), *item = js_root(JS_UNDEFINED);
    gh_value *k = js_root(JS_UNDEFINED), *v = js_root(JS_UNDEFINED);
    while (js_for_of_next(iterable, index, item)) {
        if (!js_entry_parts(item, k, v))
            return JS_EXCEPTION;
        js_atom_id key = js_key_atom(*k);
        if (key == (js_atom_id)-1)
            return JS_EXCEPTION;
        js_define(out, key, v, PF_DEFAULT);
    }
    return R.has_exception ? JS_EXCEPTION : *out; /* a generator may throw */
}

NATIVE(object_is)
{
    UNUSED_ARGS;
    return js_same_value(ARG(0), ARG(1)) ? JSV_TRUE : JSV_FALSE;
}

static bool define_properties(gh_value *obj, gh_value *props);

NATIVE(object_create)
{
    UNUSED_ARGS;
    gh_value p = ARG(0);
    if (!js_is_object(p) && p != JSV_NULL)
        return js_throw_error(JE_TYPE, "Object prototype may only be an Object or null: %s",
                              p == JS_UNDEFINED ? "undefined" : "value");
    gh_value o = js_object_new_proto(p);
    if (js_is_object(ARG(1))) {
        gh_value *oh = js_root(o);
        if (!define_properties(oh, &argv[1]))
            return JS_EXCEPTION;
        o = *oh;
    }
    return o;
}

NATIVE(object_get_prototype_of)
{
    UNUSED_ARGS;
    gh_value o = ARG(0);
    if (js_is_nullish(o))
        return js_throw_error(JE_TYPE, "Cannot convert undefined or null to object");
    return js_get_proto(o);
}

NATIVE(object_set_prototype_of)
{
    UNUSED_ARGS;
    gh_value p = ARG(1);
    if (!js_is_object(p) && p != JSV_NULL)
        return js_throw_error(JE_TYPE, "Object prototype may only be an Object or null");
    if (js_is_object(ARG(0)) && !js_set_proto(&argv[0], p))
        return JS_EXCEPTION;
    return ARG(0);
}

/* The attribute a descriptor gives (its `atom` field, when present) on
 * top of fl.  false on an exception. */
static bool descriptor_flag(gh_value *desc, js_atom_id atom, uint32_t bit, uint32_t *fl)
{
    if (!js_has_property(*desc, atom))
        return true;
    gh_value v = js_get(*desc, atom);
    if (v == JS_EXCEPTION)
        return false;
    *fl = js_truthy(v) ? *fl | bit : *fl & ~bit;
    return true;
}

/* A descriptor's get or set: JS_HOLE when absent; a TypeError (and
 * JS_EXCEPTION) when it is neither a function nor undefined. */
static gh_value descriptor_accessor(gh_value *desc, js_atom_id atom, const char *what)
{
    if (!js_has_property(*desc, atom))
        return JS_HOLE;
    gh_value f = js_get(*desc, atom);
    if (f == JS_EXCEPTION || f == JS_UNDEFINED || js_is_callable(f))
        return f;
    js_sbuf b = {0};
    js_describe(f, &b);
    js_throw_error(JE_TYPE, "%s must be a function: %s", what, sb_cstr(&b));
    sb_free(&b);
    return JS_EXCEPTION;
}

/* An accessor descriptor (it has get or set) applied to (*obj).atom:
 * 1, 0 if the property refuses it, -1 on an exception. */
static int define_accessor_from(gh_value *obj, js_atom_id a, gh_value *desc, uint32_t old, bool exists)
{
    if (js_has_property(*desc, A_value) || js_has_property(*desc, A_writable)) {
        js_sbuf b = {0};
        js_describe(*desc, &b);
        js_throw_error(JE_TYPE, "Invalid property descriptor. Cannot both specify accessors "
                                "and a value or writable attribute, %s", sb_cstr(&b));
        sb_free(&b);
        return -1;
    }
    uint32_t fl = exists ? old & (PF_ENUMERABLE | PF_CONFIGURABLE) : 0;
    if (!descriptor_flag(desc, A_enumerable, PF_ENUMERABLE, &fl) ||
        !descriptor_flag(desc, A_configurable, PF_CONFIGURABLE, &fl))
        return -1;
    if (exists && !(old & PF_CONFIGURABLE))
        return 0;
    gh_value *g = js_root(descriptor_accessor(desc, A_get, "Getter"));
    if (*g == JS_EXCEPTION)
        return -1;
    gh_value *st = js_root(descriptor_accessor(desc, A_set, "Setter"));
    if (*st == JS_EXCEPTION)
        return -1;
    return js_define_accessor(obj, a, g, st, fl) ? 1 : -1;
}

/* [[DefineOwnProperty]] from a property descriptor object: 1, 0 if the
 * property refuses the change (no exception: Object.defineProperty
 * throws, Reflect.defineProperty answers false), -1 on an exception. */
int js_define_from_descriptor(gh_value *obj, js_atom_id a, gh_value *desc)
{
    if (!js_is_object(*desc)) {
        js_throw_error(JE_TYPE, "Property description must be an object");
        return -1;
    }
    uint32_t old = 0;
    gh_value *cur = js_own_slot(js_obj(*obj), a, &old);
    bool exists = cur != NULL;
    if (js_has_property(*desc, A_get) || js_has_property(*desc, A_set))
        return define_accessor_from(obj, a, desc, old, exists);
    /* a function's name and length start out configurable, not writable */
    uint32_t fl = exists ? old & ~(uint32_t)PF_ACCESSOR
                  : js_is_callable(*obj) && (a == A_name || a == A_length) ? PF_CONFIGURABLE : 0;
    gh_value *vh = js_root(exists && !(old & PF_ACCESSOR) ? *cur : JS_UNDEFINED);
    if (js_has_property(*desc, A_value)) {
        *vh = js_get(*desc, A_value);
        if (*vh == JS_EXCEPTION)
            return -1;
    }
    if (!descriptor_flag(desc, A_enumerable, PF_ENUMERABLE, &fl) ||
        !descriptor_flag(desc, A_writable, PF_WRITABLE, &fl) ||
        !descriptor_flag(desc, A_configurable, PF_CONFIGURABLE, &fl))
        return -1;
    cur = js_own_slot(js_obj(*obj), a, NULL);
    if (cur && !(old & PF_CONFIGURABLE)) {
        /* a non-configurable property may only be redefined as it is, or
         * (while writable) with a new value or made read-only */
        if ((fl & PF_CONFIGURABLE) || (fl & PF_ENUMERABLE) != (old & PF_ENUMERABLE) ||
            (old & PF_ACCESSOR) ||
            (!(old & PF_WRITABLE) && ((fl & PF_WRITABLE) || !js_same_value(*vh, *cur))))
            return 0;
    }
    return js_define(obj, a, vh, fl) ? 1 : -1;
}

/* Object.defineProperty's and defineProperties' form: a refusal throws. */
static bool define_or_throw(gh_value *obj, js_atom_id a, gh_value *desc)
{
    int r = js_define_from_descriptor(obj, a, desc);
    if (r == 0)
        js_throw_error(JE_TYPE, "Cannot redefine property: %s", js_atom_name(a));
    return r > 0;
}

NATIVE(object_define_property)
{
    UNUSED_ARGS;
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "Object.defineProperty called on non-object");
    if (!js_is_object(ARG(2)))
        return js_throw_error(JE_TYPE, "Property description must be an object");
    js_atom_id a = js_key_atom(ARG(1));
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    return define_or_throw(&argv[0], a, &argv[2]) ? argv[0] : JS_EXCEPTION;
}

/* Each own enumerable property of *props, a descriptor, defined on *obj. */
static bool define_properties(gh_value *obj, gh_value *props)
{
    gh_value *keys = js_root(js_own_keys(*props, true));
    for (size_t j = 0; j < js_array_length(js_obj(*keys)); j++) {
        js_atom_id a = js_string_atom(js_array_get(js_obj(*keys), j));
        gh_value *d = js_root(js_get(*props, a));
        if (*d == JS_EXCEPTION || !define_or_throw(obj, a, d))
            return false;
    }
    return true;
}

NATIVE(object_define_properties)
{
    UNUSED_ARGS;
    if (!js_is_object(ARG(0)))
        return js_throw_error(JE_TYPE, "Object.defineProperties called on non-object");
    if (js_is_nullish(ARG(1)))
        return js_throw_error(JE_TYPE, "Cannot convert undefined or null to object");
    if (!js_is_object(ARG(1)))
        return argv[0];
    return define_properties(&argv[0], &argv[1]) ? argv[0] : JS_EXCEPTION;
}

gh_value js_own_property_descriptor(gh_value *obj, js_atom_id a)
{
    if (!js_has_own(*obj, a))
        return JS_UNDEFINED;
    uint32_t fl = PF_DEFAULT;
    gh_value *slot = js_own_slot(js_obj(*obj), a, &fl);
    gh_value *d = js_root(js_object_new());
    if (slot && (fl & PF_ACCESSOR)) {
        gh_value pair = *js_own_slot(js_obj(*obj), a, NULL);
        gh_value *set = js_root(js_accessor_setter(pair));
        js_put(d, "get", js_accessor_getter(pair));
        js_put(d, "set", *set);
    } else {
        gh_value *v = js_root(js_get(*obj, a));
        js_put(d, "value", *v);
        js_put(d, "writable", js_bool(fl & PF_WRITABLE));
    }
    js_put(d, "enumerable", js_bool(fl & PF_ENUMERABLE));
    js_put(d, "configurable", js_bool(fl & PF_CONFIGURABLE));
    return *d;
}

NATIVE(object_get_own_property_descriptor)
{
    UNUSED_ARGS;
    if (!js_is_object(ARG(0)))
        return JS_UNDEFINED;
    js_atom_id a = js_key_atom(ARG(1));
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    return js_own_property_descriptor(&argv[0], a);
}

NATIVE(object_freeze)
{
    UNUSED_ARGS;
    return ARG(0); /* accepted, not enforced */
}

NATIVE(object_has_own)
{
    UNUSED_ARGS;
    gh_value o = js_to_object(ARG(0));
    if (o == JS_EXCEPTION)
        return JS_EXCEPTION;
    gh_value *oh = js_root(o);
    js_atom_id a = js_key_atom(ARG(1));
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    return js_bool(js_has_own(*oh, a));
}

NATIVE(object_proto_has_own)
{
    UNUSED_ARGS;
    if (js_is_nullish(*this_))
        return js_throw_error(JE_TYPE, "Cannot convert undefined or null to object");
    js_atom_id a = js_key_atom(ARG(0));
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    return js_bool(js_has_own(*this_, a));
}

NATIVE(object_proto_property_is_enumerable)
{
    UNUSED_ARGS;
    js_atom_id a = js_key_atom(ARG(0));
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    if (!js_has_own(*this_, a))
        return JSV_FALSE;
    uint32_t fl = PF_DEFAULT;
    if (js_is_object(*this_))
        js_own_slot(js_obj(*this_), a, &fl);
    return js_bool(fl & PF_ENUMERABLE);
}

NATIVE(object_proto_is_prototype_of)
{
    UNUSED_ARGS;
    for (gh_value p = js_get_proto(ARG(0)); js_is_object(p); p = js_get_proto(p))
        if (p == *this_)
            return JSV_TRUE;
    return JSV_FALSE;
}

NATIVE(object_proto_to_string)
{
    UNUSED_ARGS;
    gh_value v = *this_;
    const char *tag = "Object";
    if (v == JS_UNDEFINED)
        tag = "Undefined";
    else if (v == JSV_NULL)
        tag = "Null";
    else if (js_is_array(v))
        tag = "Array";
    else if (js_is_callable(v))
        tag = js_function_tag(v);
    else if (js_is_string(v))
        tag = "String";
    else if (js_is_number(v))
        tag = "Number";
    else if (v == JSV_TRUE || v == JSV_FALSE)
        tag = "Boolean";
    else if (js_is_class(v, JC_ERROR))
        tag = "Error";
    else if (js_is_class(v, JC_ARGUMENTS))
        tag = "Arguments";
    else if (js_is_class(v, JC_DATE))
        tag = "Date";
    else if (js_is_class(v, JC_WEAKMAP))
        tag = "WeakMap";
    else if (js_is_class(v, JC_WEAKSET))
        tag = "WeakSet";
    else if (js_is_class(v, JC_WEAKREF))
        tag = "WeakRef";
    else if (js_is_class(v, JC_FINREG))
        tag = "FinalizationRegistry";
    else if (js_is_class(v, JC_MAP))
        tag = "Map";
    else if (js_is_class(v, JC_SET))
        tag = "Set";
    else if (js_is_class(v, JC_PROMISE))
        tag = "Promise";
    else if (js_is_class(v, JC_GENERATOR))
        tag = "Generator";
    else if (js_is_class(v, JC_MAPITER))
        tag = js_map_iterator_is_array(v)  ? "Array Iterator"
              : js_map_iterator_of_set(v) ? "Set Iterator"
                                          : "Map Iterator";
    return js_string_printf("[object %s]", tag);
}

NATIVE(object_proto_value_of)
{
    UNUSED_ARGS;
    return js_to_object(*this_);
}

NATIVE(object_proto_to_locale_string)
{
    UNUSED_ARGS;
    return js_call_method(*this_, A_toString, 0, NULL);
}

void js_builtins_object_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(R.object_proto);
    gh_value *ctor = js_root(js_make_ctor("Object", object_ctor, 1, proto));
    R.object_ctor = *ctor;
    js_make_native(ctor, "keys", object_keys, 1);
    js_make_native(ctor, "values", object_values, 1);
    js_make_native(ctor, "entries", object_entries, 1);
    js_make_native(ctor, "fromEntries", object_from_entries, 1);
    js_make_native(ctor, "is", object_is, 2);
    js_make_native(ctor, "assign", object_assign, 2);
    js_make_native(ctor, "create", object_create, 2);
    js_make_native(ctor, "getPrototypeOf", object_get_prototype_of, 1);
    js_make_native(ctor, "setPrototypeOf", object_set_prototype_of, 2);
    js_make_native(ctor, "defineProperty", object_define_property, 3);
    js_make_native(ctor, "getOwnPropertyNames", object_get_own_property_names, 1);
    js_make_native(ctor, "getOwnPropertyDescriptor", object_get_own_property_descriptor, 2);
    js_make_native(ctor, "defineProperties", object_define_properties, 2);
    js_make_native(ctor, "hasOwn", object_has_own, 2);
    js_make_native(ctor, "freeze", object_freeze, 1);
    js_make_native(ctor, "seal", object_freeze, 1);
    js_make_native(proto, "hasOwnProperty", object_proto_has_own, 1);
    js_make_native(proto, "propertyIsEnumerable", object_proto_property_is_enumerable, 1);
    js_make_native(proto, "isPrototypeOf", object_proto_is_prototype_of, 1);
    js_make_native(proto, "toString", object_proto_to_string, 0);
    js_make_native(proto, "toLocaleString", object_proto_to_locale_string, 0);
    js_make_native(proto, "valueOf", object_proto_value_of, 0);
    R.object_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
