/* private_names.c - a class's #names at run time: o.#x, o.#x = v, the
 * definition of a private field or method, and `#x in o`.
 *
 * A private name is an own property whose atom only its class can spell
 * ("#x\1N", parser_class.c) and whose flags have PF_PRIVATE, so that no
 * key list shows it.  Unlike a property it is never looked up the
 * prototype chain: an object either has it (its class's constructor
 * defined it) or the access is V8's TypeError. */
#include "vm.h"

/* The name as written: the atom up to its class suffix. */
static int shown_length(js_atom_id atom)
{
    const char *s = js_atom_name(atom), *cut = strchr(s, '\1');
    return cut ? (int)(cut - s) : (int)strlen(s);
}

static gh_value *private_slot(gh_value obj, js_atom_id atom)
{
    if (!js_is_object(obj))
        return NULL;
    uint32_t flags;
    gh_value *slot = js_own_slot(js_obj(obj), atom, &flags);
    return slot && (flags & PF_PRIVATE) ? slot : NULL;
}

bool js_private_op(int op, js_atom_id atom, gh_value *sp)
{
    const char *name = js_atom_name(atom);
    int len = shown_length(atom);
    switch (op) {
    case OP_GET_PRIVATE: {
        gh_value *slot = private_slot(sp[-1], atom);
        if (!slot) {
            js_throw_error(JE_TYPE, "Cannot read private member %.*s from an object whose class "
                                    "did not declare it", len, name);
            return false;
        }
        sp[-1] = *slot;
        return true;
    }
    case OP_SET_PRIVATE: {
        gh_value *slot = private_slot(sp[-2], atom);
        if (!slot) {
            js_throw_error(JE_TYPE, "Cannot write private member %.*s to an object whose class "
                                    "did not declare it", len, name);
            return false;
        }
        js_slot_write(js_obj(sp[-2]), slot, sp[-1]);
        return true;
    }
    case OP_DEFINE_PRIVATE:
        if (private_slot(sp[-2], atom)) {
            js_throw_error(JE_TYPE, "Cannot initialize %.*s twice on the same object", len, name);
            return false;
        }
        return js_define(&sp[-2], atom, &sp[-1], PF_PRIVATE | PF_WRITABLE);
    default: /* OP_HAS_PRIVATE */
        if (!js_is_object(sp[-1])) {
            js_sbuf b = {0};
            js_describe(sp[-1], &b);
            js_throw_error(JE_TYPE, "Cannot use 'in' operator to search for '%.*s' in %s", len, name,
                           sb_cstr(&b));
            sb_free(&b);
            return false;
        }
        sp[-1] = private_slot(sp[-1], atom) ? JSV_TRUE : JSV_FALSE;
        return true;
    }
}
