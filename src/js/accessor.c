/* accessor.c - accessor properties: `get x() {}`, `set x(v) {}`, and
 * Object.defineProperty with get / set.
 *
 * The property's slot holds a pair object of the internal class
 * JC_ACCESSOR -- [getter, setter], undefined where there is none -- and
 * its flags have PF_ACCESSOR.  The pair never becomes a JS value:
 * js_get / js_set (object.c) call through it, js_own_value hides it, and
 * the interpreter's inline caches decline such properties, so a cached
 * load or store is always of a data property.  A store that adds a
 * property must first look for a setter up the prototype chain; it does
 * so only once some accessor exists (R.accessor_epoch), and the cached
 * add-transitions are dropped each time one is defined.
 */
#include "vm.h"

static gh_value pair_new(gh_value *getter, gh_value *setter)
{
    gh_value pair = js_object_new_shape(js_shape_root(JSV_NULL, JC_ACCESSOR, 0));
    js_object *o = js_obj(pair);
    gh_set_value(o, &o->slots[0], *getter);
    gh_set_value(o, &o->slots[1], *setter);
    return pair;
}

bool js_define_accessor(gh_value *obj, js_atom_id atom, gh_value *getter, gh_value *setter,
                        uint32_t flags)
{
    if (*obj == R.global || (js_is_array(*obj) && js_atom_index(atom) >= 0)) {
        js_throw_error(JE_TYPE, "ghjs: accessors on %s are not supported",
                       *obj == R.global ? "the global object" : "array elements");
        return false;
    }
    JS_SCOPE_OPEN(sc);
    gh_value *g = js_root(*getter), *s = js_root(*setter);
    uint32_t old;
    gh_value *slot = js_own_slot(js_obj(*obj), atom, &old);
    if (slot && (old & PF_ACCESSOR)) { /* the other half stays */
        if (*g == JS_HOLE)
            *g = js_accessor_getter(*slot);
        if (*s == JS_HOLE)
            *s = js_accessor_setter(*slot);
    }
    if (*g == JS_HOLE)
        *g = JS_UNDEFINED;
    if (*s == JS_HOLE)
        *s = JS_UNDEFINED;
    gh_value *pair = js_root(pair_new(g, s));
    bool ok = js_define(obj, atom, pair, (flags & ~(uint32_t)PF_WRITABLE) | PF_ACCESSOR);
    R.accessor_epoch++;
    JS_SCOPE_CLOSE(sc);
    return ok;
}

gh_value js_accessor_get(gh_value pair, gh_value receiver)
{
    gh_value getter = js_accessor_getter(pair);
    if (!js_is_callable(getter))
        return JS_UNDEFINED;
    return js_call(getter, receiver, 0, NULL);
}

/* Without a setter the store is ignored, as in sloppy mode (ghjs ignores
 * a strict-mode store to a read-only property too). */
bool js_accessor_set(gh_value pair, gh_value *receiver, gh_value *v)
{
    gh_value setter = js_accessor_setter(pair);
    if (!js_is_callable(setter))
        return true;
    return js_call(setter, *receiver, 1, v) != JS_EXCEPTION;
}
