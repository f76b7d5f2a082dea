/* builtins_reflect.c - Reflect: the object operations as functions, on
 * the same code as Object's and the interpreter's, with Reflect's
 * differences -- a TypeError for a target that is not an object, and
 * booleans where Object's throw (defineProperty, set, setPrototypeOf).
 * ghjs has no symbols or non-extensible objects: ownKeys is
 * getOwnPropertyNames, isExtensible is always true and preventExtensions,
 * which could not keep its promise, false. */
#include "builtins.h"

/* The target argument, or V8's TypeError naming the method. */
static bool target_ok(gh_value v, const char *method)
{
    if (js_is_object(v))
        return true;
    js_throw_error(JE_TYPE, "Reflect.%s called on non-object", method);
    return false;
}

/* The property key argument as an atom; (js_atom_id)-1 on an exception. */
static js_atom_id key_of(int argc, gh_value *argv, int i) { return js_key_atom(js_arg(argc, argv, i)); }

/* V8's "a number", "an object", "undefined" for a value's typeof. */
static const char *typeof_phrase(gh_value v)
{
    if (v == JS_UNDEFINED)
        return "undefined";
    if (js_is_object(v))
        return "an object";
    return js_is_number(v) ? "a number" : js_is_string(v) ? "a string" : v == JSV_NULL ? "an object" : "a boolean";
}

NATIVE(reflect_apply)
{
    (void)this_;
    if (!js_is_callable(ARG(0))) {
        js_sbuf d = {0};
        js_describe(ARG(0), &d);
        js_throw_error(JE_TYPE, "Function.prototype.apply was called on %s, which is %s and not a function",
                       sb_cstr(&d), typeof_phrase(ARG(0)));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    gh_value *list = js_root(ARG(2));
    return js_call_with_list(&argv[0], ARG(1), NULL, list);
}

NATIVE(reflect_construct)
{
    (void)this_;
    gh_value target = ARG(0), new_target = argc > 2 ? argv[2] : target;
    if (!js_is_constructor(target) || !js_is_constructor(new_target)) {
        /* V8 shows a function by its source text, anything else as usual */
        gh_value bad = js_is_constructor(target) ? new_target : target;
        js_sbuf d = {0};
        if (!(js_is_callable(bad) ? js_to_cstring(bad, &d) : (js_describe(bad, &d), true))) {
            sb_free(&d);
            return JS_EXCEPTION;
        }
        js_throw_error(JE_TYPE, "%s is not a constructor", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    gh_value *list = js_root(ARG(1)), *nt = js_root(argc > 2 ? argv[2] : argv[0]);
    return js_call_with_list(&argv[0], JS_UNDEFINED, nt, list);
}

NATIVE(reflect_define_property)
{
    (void)this_;
    if (!target_ok(ARG(0), "defineProperty"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    if (!js_is_object(ARG(2))) {
        js_sbuf d = {0};
        js_describe(ARG(2), &d);
        js_throw_error(JE_TYPE, "Property description must be an object: %s", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    int r = js_define_from_descriptor(&argv[0], a, &argv[2]); /* refused: false */
    return r < 0 ? JS_EXCEPTION : js_bool(r > 0);
}

NATIVE(reflect_delete_property)
{
    (void)this_;
    if (!target_ok(ARG(0), "deleteProperty"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    int r = js_delete(&argv[0], a);
    return r < 0 ? JS_EXCEPTION : js_bool(r == 1);
}

NATIVE(reflect_get)
{
    (void)this_;
    if (!target_ok(ARG(0), "get"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    return js_get_from(argv[0], a, argc > 2 ? argv[2] : argv[0]);
}

NATIVE(reflect_get_own_property_descriptor)
{
    (void)this_;
    if (!target_ok(ARG(0), "getOwnPropertyDescriptor"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    return a == (js_atom_id)-1 ? JS_EXCEPTION : js_own_property_descriptor(&argv[0], a);
}

NATIVE(reflect_get_prototype_of)
{
    (void)this_;
    return target_ok(ARG(0), "getPrototypeOf") ? js_get_proto(argv[0]) : JS_EXCEPTION;
}

NATIVE(reflect_has)
{
    (void)this_;
    if (!target_ok(ARG(0), "has"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    return a == (js_atom_id)-1 ? JS_EXCEPTION : js_bool(js_has_property(argv[0], a));
}

NATIVE(reflect_is_extensible)
{
    (void)this_;
    return target_ok(ARG(0), "isExtensible") ? JSV_TRUE : JS_EXCEPTION;
}

NATIVE(reflect_own_keys)
{
    (void)this_;
    return target_ok(ARG(0), "ownKeys") ? js_own_property_names(&argv[0]) : JS_EXCEPTION;
}

NATIVE(reflect_prevent_extensions)
{
    (void)this_;
    return target_ok(ARG(0), "preventExtensions") ? JSV_FALSE : JS_EXCEPTION;
}

NATIVE(reflect_set)
{
    (void)this_;
    if (!target_ok(ARG(0), "set"))
        return JS_EXCEPTION;
    js_atom_id a = key_of(argc, argv, 1);
    if (a == (js_atom_id)-1)
        return JS_EXCEPTION;
    gh_value *v = js_root(ARG(2));
    uint32_t flags = 0;
    gh_value *own = js_own_slot(js_obj(argv[0]), a, &flags);
    if (own && !(flags & PF_ACCESSOR) && !(flags & PF_WRITABLE))
        return JSV_FALSE; /* read-only: false, where a sloppy assignment is silent */
    if (!js_set(&argv[0], a, v))
        return R.has_exception ? JS_EXCEPTION : JSV_FALSE;
    return JSV_TRUE;
}

NATIVE(reflect_set_prototype_of)
{
    (void)this_;
    if (!target_ok(ARG(0), "setPrototypeOf"))
        return JS_EXCEPTION;
    gh_value p = ARG(1);
    if (!js_is_object(p) && p != JSV_NULL) {
        js_sbuf d = {0};
        js_describe(p, &d);
        js_throw_error(JE_TYPE, "Object prototype may only be an Object or null: %s", sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    if (!js_set_proto(&argv[0], p)) {
        R.has_exception = false; /* a cycle: false */
        return JSV_FALSE;
    }
    return JSV_TRUE;
}

void js_builtins_reflect_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *r = js_root(js_object_new());
    js_make_native(r, "apply", reflect_apply, 3);
    js_make_native(r, "construct", reflect_construct, 2);
    js_make_native(r, "defineProperty", reflect_define_property, 3);
    js_make_native(r, "deleteProperty", reflect_delete_property, 2);
    js_make_native(r, "get", reflect_get, 2);
    js_make_native(r, "getOwnPropertyDescriptor", reflect_get_own_property_descriptor, 2);
    js_make_native(r, "getPrototypeOf", reflect_get_prototype_of, 1);
    js_make_native(r, "has", reflect_has, 2);
    js_make_native(r, "isExtensible", reflect_is_extensible, 1);
    js_make_native(r, "ownKeys", reflect_own_keys, 1);
    js_make_native(r, "preventExtensions", reflect_prevent_extensions, 1);
    js_make_native(r, "set", reflect_set, 3);
    js_make_native(r, "setPrototypeOf", reflect_set_prototype_of, 2);
    js_set_global("Reflect", *r);
    JS_SCOPE_CLOSE(sc);
}
