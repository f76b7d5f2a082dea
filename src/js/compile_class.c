/* compile_class.c - classes, super, and field definitions to bytecode.
 *
 * A class runs in its own block scope (parser_class.c): CLASS makes the
 * constructor and its prototype object from the `extends` value, the
 * class's names are bound, each method is defined (not enumerable) on the
 * prototype or on the class, the instance field initializer is stored in
 * the hidden `%fields`, and the static one is called on the class.
 *
 * The constructor calls `%fields` on `this` at its start (a base class)
 * or after each super(...) (a derived class, which has no `this` before:
 * reads of it check, vm_loop.h's THIS_CHK).  super(...) constructs the
 * parent -- the class's [[Prototype]] -- with the new.target the
 * constructor was given (a register, CODE_NEW_TARGET's nt_reg), so the
 * instance has the derived prototype while the parent's constructor runs.
 *
 * Methods find `super` through the hidden `%self`: its prototype (or, in
 * a static method, itself) is the home object, whose [[Prototype]] holds
 * the properties `super.x` reads.
 */
#include "compiler_int.h"

/* Call `%fields` on `this`: the instance fields, in source order. */
void gen_field_init(cfunc *cf, cscope *s, js_node *at)
{
    emit_get_var(cf, s, A_class_fields, at);
    emit_get_var(cf, s, A_this, at);
    emit_op16(cf, OP_CALL, 0, -1);
    emit(cf, OP_POP, -1);
}

/* The object `super.x` reads from: the home object's [[Prototype]]. */
void gen_super_base(cfunc *cf, cscope *s, js_node *at)
{
    cfunc *home = cf;
    while ((home->f->flags & JS_FN_ARROW) && home->parent)
        home = home->parent;
    emit_get_var(cf, s, A_class_self, at);
    if (!(home->f->flags & JS_FN_STATIC)) {
        emit_op32(cf, OP_GET_PROP, A_prototype, 0);
        emit_u32(cf, new_ic(cf));
    }
    emit(cf, OP_GET_SUPER, 0);
}

/* `super.x` or `super[x]`: a property of the home object's prototype,
 * a getter run on `this`. */
void gen_super_get(cfunc *cf, cscope *s, js_node *n)
{
    emit_get_var(cf, s, A_this, n);
    if (n->kind == JS_MEMBER) {
        gen_super_base(cf, s, n->u.member.object);
        emit_string(cf, atom_of(n->u.member.name));
    } else {
        gen_super_base(cf, s, n->u.index.object);
        gen_expr(cf, s, n->u.index.index);
    }
    mark_pos(cf, n);
    emit(cf, OP_SUPER_GET, -2);
}

/* super(args): construct the parent, bind `this` to what it made, then
 * define the fields.  The value is `this`. */
void gen_super_call(cfunc *cf, cscope *s, js_node *n)
{
    emit_op16(cf, OP_GET_LOC, (uint32_t)cf->nt_reg, 1);
    emit_get_var(cf, s, A_class_self, n);
    gen_array_spreading(cf, s, &n->u.call.args, true);
    mark_pos(cf, n);
    emit(cf, OP_SUPER_CALL, -2);
    emit(cf, OP_SET_THIS, 0);
    cbind *b = scope_find(cf->scope, A_this);
    if (b && b->loc == LOC_ENV) /* arrows read it from the environment */
        emit_set_var(cf, cf->scope, A_this, n, true);
    if (cf->f->flags & JS_FN_HAS_FIELDS)
        gen_field_init(cf, s, n);
}

/* `this.key = value` of a field: a definition, as in an object literal. */
void gen_field_define(cfunc *cf, cscope *s, js_node *n)
{
    js_node *t = n->u.binary.left;
    if (t->kind == JS_MEMBER && (t->flags & JS_NF_PRIVATE)) {
        gen_expr(cf, s, t->u.member.object);
        gen_expr(cf, s, n->u.binary.right);
        mark_pos(cf, n);
        emit_op32(cf, OP_DEFINE_PRIVATE, atom_of(t->u.member.name), -1);
    } else if (t->kind == JS_MEMBER) {
        gen_expr(cf, s, t->u.member.object);
        gen_expr(cf, s, n->u.binary.right);
        emit_op32(cf, OP_INIT_PROP, atom_of(t->u.member.name), -1);
        emit_u32(cf, new_ic(cf));
    } else {
        gen_expr(cf, s, t->u.index.object);
        gen_expr(cf, s, t->u.index.index);
        gen_expr(cf, s, n->u.binary.right);
        emit(cf, OP_INIT_ELEM, -2);
    }
}

/* With [class prototype] on the stack: each method defined where it goes. */
static void gen_methods(cfunc *cf, cscope *cs, js_class_def *k)
{
    for (uint32_t i = 0; i < k->methods.count; i++) {
        js_node *m = k->methods.items[i];
        bool is_static = (m->flags & JS_NF_STATIC) != 0;
        if (is_static) /* [prototype class class] */
            emit(cf, OP_SWAP, 0);
        emit(cf, OP_DUP, 1);
        if (m->flags & (JS_NF_GETTER | JS_NF_SETTER)) {
            gen_accessor(cf, cs, m, false);
            if (is_static)
                emit(cf, OP_SWAP, 0);
            continue;
        }
        bool computed = gen_key_and_function(cf, cs, m);
        emit(cf, OP_DEFINE_METHOD, -3);
        emit_u8(cf, computed);
        if (is_static)
            emit(cf, OP_SWAP, 0);
    }
}

/* Leaves the class on the stack. */
void gen_class(cfunc *cf, cscope *s, js_node *n)
{
    (void)s;
    js_class_def *k = n->u.klass;
    cscope *cs = n->aux;
    scope_enter(cf, cs);
    if (k->heritage)
        gen_expr(cf, cs, k->heritage);
    mark_pos(cf, k->heritage ? k->heritage : n); /* where a bad `extends` is shown */
    emit_op32(cf, OP_CLASS, compile_function(cf, k->ctor), k->heritage ? 1 : 2);
    emit_u8(cf, k->heritage != NULL);
    emit(cf, OP_SWAP, 0); /* [prototype class]: its names */
    emit_set_var(cf, cs, A_class_self, n, true);
    if (k->id)
        emit_set_var(cf, cs, atom_of(k->id->u.ident.name), n, true);
    emit(cf, OP_SWAP, 0);
    gen_methods(cf, cs, k);
    if (k->fields) {
        emit_op32(cf, OP_CLOSURE, compile_function(cf, k->fields), 1);
        emit_set_var(cf, cs, A_class_fields, n, true);
        emit(cf, OP_POP, -1);
    }
    emit(cf, OP_POP, -1); /* the prototype */
    if (k->statics) {     /* [class]: statics.call(class) */
        emit(cf, OP_DUP, 1);
        emit_op32(cf, OP_CLOSURE, compile_function(cf, k->statics), 1);
        emit(cf, OP_SWAP, 0);
        emit_op16(cf, OP_CALL, 0, -1);
        emit(cf, OP_POP, -1);
    }
    scope_leave(cf, cs);
}
