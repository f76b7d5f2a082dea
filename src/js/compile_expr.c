/* compile_expr.c - expressions to bytecode.  Every gen_expr leaves exactly
 * one value on the operand stack. */
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"

static js_op_code binop(js_op op)
{
    switch (op) {
    case JS_OP_ADD: return OP_ADD;
    case JS_OP_SUB: return OP_SUB;
    case JS_OP_MUL: return OP_MUL;
    case JS_OP_DIV: return OP_DIV;
    case JS_OP_MOD: return OP_MOD;
    case JS_OP_EXP: return OP_EXP;
    case JS_OP_SHL: return OP_SHL;
    case JS_OP_SAR: return OP_SAR;
    case JS_OP_SHR: return OP_SHR;
    case JS_OP_LT: return OP_LT;
    case JS_OP_GT: return OP_GT;
    case JS_OP_LE: return OP_LE;
    case JS_OP_GE: return OP_GE;
    case JS_OP_INSTANCEOF: return OP_INSTANCEOF;
    case JS_OP_IN: return OP_IN;
    case JS_OP_EQ: return OP_EQ;
    case JS_OP_NE: return OP_NE;
    case JS_OP_STRICT_EQ: return OP_SEQ;
    case JS_OP_STRICT_NE: return OP_SNE;
    case JS_OP_BITAND: return OP_BITAND;
    case JS_OP_BITXOR: return OP_BITXOR;
    case JS_OP_BITOR: return OP_BITOR;
    default: return OP_NOP;
    }
}

/* obj.name (a class's private #name: its own instruction, no cache). */
static void gen_prop_get(cfunc *cf, js_atom_id name, js_node *at)
{
    mark_pos_at(cf, at->u.member.name_pos);
    if (at->flags & JS_NF_PRIVATE) {
        emit_op32(cf, OP_GET_PRIVATE, name, 0);
        return;
    }
    emit_op32(cf, OP_GET_PROP, name, 0);
    emit_u32(cf, new_ic(cf));
}

static void gen_prop_set(cfunc *cf, js_atom_id name, js_node *at)
{
    mark_pos_at(cf, at->u.member.name_pos);
    if (at->flags & JS_NF_PRIVATE) {
        emit_op32(cf, OP_SET_PRIVATE, name, -1);
        return;
    }
    emit_op32(cf, OP_SET_PROP, name, -1);
    emit_u32(cf, new_ic(cf));
}

static void gen_object(cfunc *cf, cscope *s, js_node *n)
{
    js_node_list *l = &n->u.list;
    emit_op16(cf, OP_NEW_OBJECT, l->count ? l->count : 4, 1);
    emit_u32(cf, cf->nsites++);
    for (uint32_t i = 0; i < l->count; i++) {
        js_node *p = l->items[i];
        js_property *pr = &p->u.prop;
        if (p->kind == JS_SPREAD) {
            gen_expr(cf, s, p->u.unary.arg);
            emit(cf, OP_COPY_PROPS, -1);
            continue;
        }
        if (p->flags & JS_NF_PROTO) {
            gen_expr(cf, s, pr->value);
            emit(cf, OP_SET_PROTO, -1);
            continue;
        }
        if (p->flags & (JS_NF_GETTER | JS_NF_SETTER)) {
            emit(cf, OP_DUP, 1);
            gen_accessor(cf, s, p, true);
            continue;
        }
        if (pr->key_kind == JS_KEY_COMPUTED) {
            /* an anonymous function takes the key's name, known only now */
            bool named = pr->value->kind == JS_FUNC_EXPR && !pr->value->u.func->name;
            gen_expr(cf, s, pr->key_expr);
            gen_expr(cf, s, pr->value);
            emit(cf, named ? OP_INIT_ELEM_NAMED : OP_INIT_ELEM, -2);
            continue;
        }
        gen_expr(cf, s, pr->value);
        emit_op32(cf, OP_INIT_PROP, prop_key_atom(pr), -1);
        emit_u32(cf, new_ic(cf));
    }
}

bool gen_key_and_function(cfunc *cf, cscope *s, js_node *p)
{
    js_property *pr = &p->u.prop;
    bool computed = pr->key_kind == JS_KEY_COMPUTED;
    if (computed)
        gen_expr(cf, s, pr->key_expr);
    else
        emit_string(cf, prop_key_atom(pr));
    emit_op32(cf, OP_CLOSURE, compile_function(cf, pr->value), 1);
    mark_pos(cf, p);
    return computed;
}

/* With [obj obj] on the stack: the accessor property p defined on obj
 * (enumerable in a literal, not in a class), leaving [obj]. */
void gen_accessor(cfunc *cf, cscope *s, js_node *p, bool enumerable)
{
    bool computed = gen_key_and_function(cf, s, p);
    emit(cf, OP_DEFINE_ACCESSOR, -3);
    emit_u8(cf, (p->flags & JS_NF_SETTER ? 1 : 0) | (enumerable ? 2 : 0) | (computed ? 4 : 0));
}

static bool has_spread(const js_node_list *l)
{
    for (uint32_t i = 0; i < l->count; i++)
        if (l->items[i] && l->items[i]->kind == JS_SPREAD)
            return true;
    return false;
}

/* A new array of l's items, spreads walked as for-of walks them (the
 * source of an error named as V8 names it; in_call: a call's arguments,
 * whose messages differ). */
void gen_array_spreading(cfunc *cf, cscope *s, const js_node_list *l, bool in_call)
{
    emit_op32(cf, OP_NEW_ARRAY, 0, 1);
    emit_u32(cf, cf->nsites++);
    for (uint32_t i = 0; i < l->count; i++) {
        js_node *item = l->items[i];
        if (!item) {
            emit(cf, OP_HOLE, 1);
            emit(cf, OP_APPEND, -1);
        } else if (item->kind == JS_SPREAD) {
            gen_expr(cf, s, item->u.unary.arg);
            mark_pos(cf, item);
            emit_op16(cf, OP_APPEND_SPREAD, in_call, 2); /* two slots while it walks */
            cf->depth -= 3;
            note_iterable(cf, item->u.unary.arg);
        } else {
            gen_expr(cf, s, item);
            emit(cf, OP_APPEND, -1);
        }
    }
}

static void gen_array(cfunc *cf, cscope *s, js_node *n)
{
    js_node_list *l = &n->u.list;
    if (has_spread(l)) {
        gen_array_spreading(cf, s, l, false);
        return;
    }
    for (uint32_t i = 0; i < l->count; i++) {
        if (l->items[i])
            gen_expr(cf, s, l->items[i]);
        else
            emit(cf, OP_HOLE, 1);
    }
    emit_op32(cf, OP_NEW_ARRAY, l->count, 1 - (int)l->count);
    emit_u32(cf, cf->nsites++);
}

static void gen_template(cfunc *cf, cscope *s, js_node *n)
{
    if (n->flags & JS_NF_TAGGED) { /* the strings object of tag`...` */
        uint32_t count = n->u.tmpl.nexprs + 1;
        js_atom_id *cooked = cc_xcalloc(count, sizeof *cooked), *raw = cc_xcalloc(count, sizeof *raw);
        for (uint32_t i = 0; i < count; i++) {
            cooked[i] = atom_of(n->u.tmpl.chunks[i]);
            raw[i] = atom_of(n->u.tmpl.raws[i]);
        }
        emit_op32(cf, OP_TEMPLATE_OBJECT, js_template_site_new(count, cooked, raw), 1);
        free(cooked);
        free(raw);
        return;
    }
    emit_string(cf, atom_of(n->u.tmpl.chunks[0]));
    for (uint32_t i = 0; i < n->u.tmpl.nexprs; i++) {
        gen_expr(cf, s, n->u.tmpl.exprs[i]);
        emit(cf, OP_TO_STRING, 0);
        emit(cf, OP_ADD, -1);
        const js_atom *c = n->u.tmpl.chunks[i + 1];
        if (c->len) {
            emit_string(cf, atom_of(c));
            emit(cf, OP_ADD, -1);
        }
    }
}

static uint32_t gen_args(cfunc *cf, cscope *s, js_node_list *args)
{
    for (uint32_t i = 0; i < args->count; i++)
        gen_expr(cf, s, args->items[i]);
    return args->count;
}

/* A `?.` link: the value on top (an object, or a callee) ends the chain
 * with undefined when it is nullish. */
static void gen_optional_check(cfunc *cf)
{
    opt_chain *c = cf->chain;
    int keep = cf->depth;
    uint32_t ok = emit_jump(cf, OP_JMP_NOT_NULLISH_KEEP, -1);
    while (cf->depth > c->base)
        emit(cf, OP_POP, -1);
    for (int i = 0; i < c->results; i++)
        emit(cf, OP_UNDEF, 1);
    patch_add(&c->exits, emit_jump(cf, OP_JMP, 0));
    cf->depth = keep;
    patch_here(cf, ok);
}

static void gen_callee(cfunc *cf, cscope *s, js_node *callee);

/* `super.x` or `super[x]`. */
static bool is_super_ref(const js_node *n)
{
    return (n->kind == JS_MEMBER && n->u.member.object->kind == JS_SUPER) ||
           (n->kind == JS_INDEX && n->u.index.object->kind == JS_SUPER);
}

/* The expression n that ends an optional chain, its `?.` links jumping to
 * its end (callee: n is a call's callee, and leaves its this too). */
static void gen_chain(cfunc *cf, cscope *s, js_node *n, bool callee)
{
    opt_chain c = {.end = n, .base = cf->depth, .results = callee ? 2 : 1, .prev = cf->chain};
    cf->chain = &c;
    if (callee)
        gen_callee(cf, s, n);
    else
        gen_expr(cf, s, n);
    cf->chain = c.prev;
    for (uint32_t i = 0; i < c.exits.n; i++)
        patch_here(cf, c.exits.at[i]);
    free(c.exits.at);
}

/* A call's callee and its this: [fn this] on the stack. */
static void gen_callee(cfunc *cf, cscope *s, js_node *callee)
{
    bool chain_end = (callee->flags & JS_NF_CHAIN_END) && !(cf->chain && cf->chain->end == callee);
    if (chain_end && (callee->kind == JS_MEMBER || callee->kind == JS_INDEX)) {
        gen_chain(cf, s, callee, true); /* `(a?.b)()` keeps a as this */
    } else if (is_super_ref(callee)) { /* super.m(): this is this */
        gen_expr(cf, s, callee);
        emit_get_var(cf, s, A_this, callee);
    } else if (callee->kind == JS_MEMBER && (callee->flags & JS_NF_PRIVATE)) {
        gen_expr(cf, s, callee->u.member.object); /* [fn obj] */
        if (callee->flags & JS_NF_OPTIONAL)
            gen_optional_check(cf);
        emit(cf, OP_DUP, 1);
        gen_prop_get(cf, atom_of(callee->u.member.name), callee);
        emit(cf, OP_SWAP, 0);
    } else if (callee->kind == JS_MEMBER) {
        gen_expr(cf, s, callee->u.member.object);
        if (callee->flags & JS_NF_OPTIONAL)
            gen_optional_check(cf);
        mark_pos_at(cf, callee->u.member.name_pos);
        emit_op32(cf, OP_GET_METHOD, atom_of(callee->u.member.name), 1);
        emit_u32(cf, new_ic(cf));
    } else if (callee->kind == JS_INDEX) {
        gen_expr(cf, s, callee->u.index.object);
        if (callee->flags & JS_NF_OPTIONAL)
            gen_optional_check(cf);
        gen_expr(cf, s, callee->u.index.index);
        mark_pos(cf, callee);
        emit(cf, OP_GET_ELEM_METHOD, 0);
    } else {
        gen_expr(cf, s, callee);
        emit(cf, OP_UNDEF, 1);
    }
}

static void gen_call(cfunc *cf, cscope *s, js_node *n)
{
    js_node *callee = n->u.call.callee;
    gen_callee(cf, s, callee);
    if (n->flags & JS_NF_OPTIONAL) { /* `f?.()`: the callee, under its this */
        emit(cf, OP_SWAP, 0);
        gen_optional_check(cf);
        emit(cf, OP_SWAP, 0);
    }
    bool spread = has_spread(&n->u.call.args); /* then the arguments in one array */
    uint32_t argc = spread ? 0 : gen_args(cf, s, &n->u.call.args);
    if (spread)
        gen_array_spreading(cf, s, &n->u.call.args, true);
    if (callee->kind == JS_MEMBER)
        mark_pos_at(cf, callee->u.member.name_pos);
    else
        mark_pos(cf, n);
    if (spread)
        emit(cf, OP_CALL_SPREAD, -2);
    else
        emit_op16(cf, OP_CALL, argc, -(int)argc - 1);
    note_callee(cf, callee);
}

static void gen_new(cfunc *cf, cscope *s, js_node *n)
{
    gen_expr(cf, s, n->u.call.callee);
    bool spread = has_spread(&n->u.call.args); /* then the arguments in one array */
    uint32_t argc = spread ? 0 : gen_args(cf, s, &n->u.call.args);
    if (spread)
        gen_array_spreading(cf, s, &n->u.call.args, true);
    mark_pos(cf, n);
    if (spread) {
        emit(cf, OP_NEW_SPREAD, -1);
    } else {
        emit_op16(cf, OP_NEW, argc, -(int)argc);
        emit_u32(cf, cf->nsites++);
    }
    note_callee(cf, n->u.call.callee);
}

/* The jump of `&&`, `||` or `??` past its right side, keeping the left's
 * value: taken when the left decides. */
static js_op_code short_circuit_jump(js_op op)
{
    return op == JS_OP_AND ? OP_JMP_FALSE_KEEP : op == JS_OP_OR ? OP_JMP_TRUE_KEEP
                                                                : OP_JMP_NOT_NULLISH_KEEP;
}

/* `t &&= v`, `t ||= v`, `t ??= v`: t is assigned only when the operator
 * would evaluate v; the value is t's or v's. */
static void gen_logical_assign(cfunc *cf, cscope *s, js_node *n)
{
    js_node *t = n->u.binary.left;
    js_op_code keep_jump = short_circuit_jump(n->u.binary.op);
    if (t->kind == JS_IDENT) {
        js_atom_id name = atom_of(t->u.ident.name);
        emit_get_var(cf, s, name, t);
        uint32_t done = emit_jump(cf, keep_jump, -1);
        gen_expr(cf, s, n->u.binary.right);
        emit_set_var(cf, s, name, t, false);
        patch_here(cf, done);
        return;
    }
    /* a property: its object (and key) stay below the old value */
    int extra = t->kind == JS_MEMBER ? 1 : 2;
    gen_expr(cf, s, t->kind == JS_MEMBER ? t->u.member.object : t->u.index.object);
    if (t->kind == JS_MEMBER) {
        emit(cf, OP_DUP, 1);
        gen_prop_get(cf, atom_of(t->u.member.name), t);
    } else {
        gen_expr(cf, s, t->u.index.index);
        mark_pos(cf, t);
        emit(cf, OP_GET_ELEM_KEEP, 1);
    }
    uint32_t keep = emit_jump(cf, keep_jump, -1);
    gen_expr(cf, s, n->u.binary.right);
    if (t->kind == JS_MEMBER) {
        gen_prop_set(cf, atom_of(t->u.member.name), t);
    } else {
        mark_pos(cf, t);
        emit(cf, OP_SET_ELEM, -2);
    }
    uint32_t done = emit_jump(cf, OP_JMP, 0);
    cf->depth += extra; /* where keep lands: the object (and key) under the old value */
    patch_here(cf, keep);
    emit(cf, extra == 1 ? OP_SWAP : OP_ROT3, 0);
    for (int i = 0; i < extra; i++)
        emit(cf, OP_POP, -1);
    patch_here(cf, done);
}

/* Assignment: op is JS_OP_ASSIGN or the binary operator of a compound one. */
static void gen_assign(cfunc *cf, cscope *s, js_node *n)
{
    js_node *t = n->u.binary.left;
    js_op op = n->u.binary.op;
    if (n->flags & JS_NF_DEFINE) {
        gen_field_define(cf, s, n);
        return;
    }
    if (is_super_ref(t))
        cc_error(t, "assignment to super properties is not supported");
    if (op == JS_OP_AND || op == JS_OP_OR || op == JS_OP_NULLISH) {
        gen_logical_assign(cf, s, n);
        return;
    }
    switch (t->kind) {
    case JS_IDENT: {
        js_atom_id name = atom_of(t->u.ident.name);
        if (op != JS_OP_ASSIGN)
            emit_get_var(cf, s, name, t);
        gen_expr(cf, s, n->u.binary.right);
        if (op != JS_OP_ASSIGN)
            emit(cf, binop(op), -1);
        emit_set_var(cf, s, name, t, false);
        return;
    }
    case JS_MEMBER: {
        js_atom_id name = atom_of(t->u.member.name);
        gen_expr(cf, s, t->u.member.object);
        if (op != JS_OP_ASSIGN) {
            emit(cf, OP_DUP, 1);
            gen_prop_get(cf, name, t);
        }
        gen_expr(cf, s, n->u.binary.right);
        if (op != JS_OP_ASSIGN)
            emit(cf, binop(op), -1);
        gen_prop_set(cf, name, t);
        return;
    }
    case JS_INDEX:
        gen_expr(cf, s, t->u.index.object);
        gen_expr(cf, s, t->u.index.index);
        if (op != JS_OP_ASSIGN) {
            mark_pos(cf, t);
            emit(cf, OP_GET_ELEM_KEEP, 1);
        }
        gen_expr(cf, s, n->u.binary.right);
        if (op != JS_OP_ASSIGN)
            emit(cf, binop(op), -1);
        mark_pos(cf, t);
        emit(cf, OP_SET_ELEM, -2);
        return;
    case JS_ARRAY: /* the parser allows only `=` here */
    case JS_OBJECT:
        gen_expr(cf, s, n->u.binary.right);
        emit(cf, OP_DUP, 1); /* the expression's value */
        gen_destructure(cf, s, t, n->u.binary.right);
        return;
    default:
        cc_error(t, "Invalid left-hand side in assignment");
    }
}

/* ++/--; want_old: postfix whose value is used. */
static void gen_update(cfunc *cf, cscope *s, js_node *n, bool want_old)
{
    js_node *t = n->u.unary.arg;
    js_op_code step = n->u.unary.op == JS_OP_INC ? OP_INC : OP_DEC;
    if (is_super_ref(t))
        cc_error(t, "assignment to super properties is not supported");
    switch (t->kind) {
    case JS_IDENT: {
        js_atom_id name = atom_of(t->u.ident.name);
        emit_get_var(cf, s, name, t);
        if (want_old) {
            emit(cf, OP_TO_NUMBER, 0);
            emit(cf, OP_DUP, 1);
        }
        emit(cf, step, 0);
        emit_set_var(cf, s, name, t, false);
        if (want_old)
            emit(cf, OP_POP, -1);
        return;
    }
    case JS_MEMBER: {
        js_atom_id name = atom_of(t->u.member.name);
        gen_expr(cf, s, t->u.member.object);
        emit(cf, OP_DUP, 1);
        gen_prop_get(cf, name, t);
        if (want_old) {
            emit(cf, OP_TO_NUMBER, 0);
            emit(cf, OP_DUP, 1);
            emit(cf, OP_ROT3, 0);
        }
        emit(cf, step, 0);
        gen_prop_set(cf, name, t);
        if (want_old)
            emit(cf, OP_POP, -1);
        return;
    }
    case JS_INDEX:
        gen_expr(cf, s, t->u.index.object);
        gen_expr(cf, s, t->u.index.index);
        mark_pos(cf, t);
        emit(cf, OP_GET_ELEM_KEEP, 1);
        if (want_old) {
            emit(cf, OP_TO_NUMBER, 0);
            emit(cf, OP_DUP, 1);
            emit(cf, OP_ROT4, 0);
        }
        emit(cf, step, 0);
        emit(cf, OP_SET_ELEM, -2);
        if (want_old)
            emit(cf, OP_POP, -1);
        return;
    default:
        cc_error(t, "Invalid left-hand side expression in %s operation",
                 n->u.unary.prefix ? "prefix" : "postfix");
    }
}

/* Store the value on top of the stack into an assignment target; the value
 * stays on the stack. */
void gen_assign_from_stack(cfunc *cf, cscope *s, js_node *t)
{
    uint32_t tmp;
    switch (t->kind) {
    case JS_IDENT:
        emit_set_var(cf, s, atom_of(t->u.ident.name), t, false);
        return;
    case JS_MEMBER:
        tmp = new_local(cf);
        emit_op16(cf, OP_PUT_LOC, tmp, -1);
        gen_expr(cf, s, t->u.member.object);
        emit_op16(cf, OP_GET_LOC, tmp, 1);
        gen_prop_set(cf, atom_of(t->u.member.name), t);
        return;
    case JS_INDEX:
        tmp = new_local(cf);
        emit_op16(cf, OP_PUT_LOC, tmp, -1);
        gen_expr(cf, s, t->u.index.object);
        gen_expr(cf, s, t->u.index.index);
        emit_op16(cf, OP_GET_LOC, tmp, 1);
        emit(cf, OP_SET_ELEM, -2);
        return;
    default:
        cc_error(t, "Invalid left-hand side in for-in loop");
    }
}

/* yield* x: each value x's for-of walk gives is yielded in turn; the
 * values sent back are dropped, and the expression is undefined (not
 * forwarded to the inner generator, as the spec has it). */
static void gen_yield_star(cfunc *cf, cscope *s, js_node *n)
{
    uint32_t iter = new_local(cf), index = new_local(cf);
    gen_expr(cf, s, n->u.unary.arg);
    mark_pos(cf, n);
    emit(cf, OP_FOR_OF, 0);
    emit_op16(cf, OP_PUT_LOC, iter, -1);
    emit_number(cf, 0);
    emit_op16(cf, OP_PUT_LOC, index, -1);
    uint32_t top = label_here(cf);
    emit_op16(cf, OP_GET_LOC, iter, 1);
    emit_op16(cf, OP_GET_LOC, index, 1);
    mark_pos(cf, n->u.unary.arg); /* V8 places the inner next() there */
    uint32_t done = emit_jump(cf, OP_FOR_OF_NEXT, 0); /* iter index -> value index (or pops, jumps) */
    emit_op16(cf, OP_PUT_LOC, index, -1);
    mark_pos(cf, n);
    emit(cf, OP_YIELD, 0);
    emit(cf, OP_POP, -1);
    emit_jump_to(cf, OP_JMP, top, 0);
    patch_here(cf, done);
    emit(cf, OP_UNDEF, 1);
}

static void gen_unary(cfunc *cf, cscope *s, js_node *n)
{
    js_node *a = n->u.unary.arg;
    switch (n->u.unary.op) {
    case JS_OP_TYPEOF:
        if (a->kind == JS_IDENT && var_is_global(s, atom_of(a->u.ident.name))) {
            emit_op32(cf, OP_TYPEOF_GLOBAL, atom_of(a->u.ident.name), 1);
            return;
        }
        gen_expr(cf, s, a);
        emit(cf, OP_TYPEOF, 0);
        return;
    case JS_OP_DELETE:
        if (is_super_ref(a))
            cc_error(a, "delete of super properties is not supported");
        if (a->kind == JS_MEMBER) {
            gen_expr(cf, s, a->u.member.object);
            mark_pos(cf, a);
            emit_op32(cf, OP_DELETE_PROP, atom_of(a->u.member.name), 0);
        } else if (a->kind == JS_INDEX) {
            gen_expr(cf, s, a->u.index.object);
            gen_expr(cf, s, a->u.index.index);
            mark_pos(cf, a);
            emit(cf, OP_DELETE_ELEM, -1);
        } else if (a->kind == JS_IDENT) {
            emit(cf, var_is_global(s, atom_of(a->u.ident.name)) ? OP_TRUE : OP_FALSE, 1);
        } else {
            gen_expr(cf, s, a);
            emit(cf, OP_POP, -1);
            emit(cf, OP_TRUE, 1);
        }
        return;
    case JS_OP_VOID:
        gen_expr(cf, s, a);
        emit(cf, OP_POP, -1);
        emit(cf, OP_UNDEF, 1);
        return;
    case JS_OP_AWAIT:
        gen_expr(cf, s, a);
        mark_pos(cf, n);
        emit(cf, OP_AWAIT, 0);
        return;
    case JS_OP_YIELD:
        gen_expr(cf, s, a);
        mark_pos(cf, n);
        emit(cf, OP_YIELD, 0);
        return;
    case JS_OP_YIELD_STAR:
        gen_yield_star(cf, s, n);
        return;
    default:
        break;
    }
    gen_expr(cf, s, a);
    switch (n->u.unary.op) {
    case JS_OP_NEG: emit(cf, OP_NEG, 0); break;
    case JS_OP_POS: emit(cf, OP_POS, 0); break;
    case JS_OP_NOT: emit(cf, OP_NOT, 0); break;
    case JS_OP_BITNOT: emit(cf, OP_BITNOT, 0); break;
    default: cc_error(n, "unsupported unary operator");
    }
}

static void gen_logical(cfunc *cf, cscope *s, js_node *n)
{
    gen_expr(cf, s, n->u.binary.left);
    uint32_t at = emit_jump(cf, short_circuit_jump(n->u.binary.op), -1);
    gen_expr(cf, s, n->u.binary.right);
    patch_here(cf, at);
}

void gen_expr(cfunc *cf, cscope *s, js_node *n)
{
    if ((n->flags & JS_NF_CHAIN_END) && !(cf->chain && cf->chain->end == n)) {
        gen_chain(cf, s, n, false);
        return;
    }
    if (is_super_ref(n)) { /* super.x, super[x] (JS_SUPER appears nowhere else) */
        gen_super_get(cf, s, n);
        return;
    }
    switch (n->kind) {
    case JS_NUMBER:
        emit_number(cf, n->u.number);
        return;
    case JS_STRING:
        emit_string(cf, atom_of(n->u.string));
        return;
    case JS_TEMPLATE:
        gen_template(cf, s, n);
        return;
    case JS_NULL: emit(cf, OP_NULL, 1); return;
    case JS_TRUE: emit(cf, OP_TRUE, 1); return;
    case JS_FALSE: emit(cf, OP_FALSE, 1); return;
    case JS_THIS:
        emit_get_var(cf, s, A_this, n);
        return;
    case JS_IDENT:
        if (strcmp(n->u.ident.name->ptr, "undefined") == 0 && var_is_global(s, A_undefined)) {
            emit(cf, OP_UNDEF, 1);
            return;
        }
        emit_get_var(cf, s, atom_of(n->u.ident.name), n);
        return;
    case JS_ARRAY:
        gen_array(cf, s, n);
        return;
    case JS_OBJECT:
        gen_object(cf, s, n);
        return;
    case JS_FUNC_EXPR:
        emit_op32(cf, OP_CLOSURE, compile_function(cf, n), 1);
        return;
    case JS_UNARY:
        gen_unary(cf, s, n);
        return;
    case JS_UPDATE:
        gen_update(cf, s, n, !n->u.unary.prefix);
        return;
    case JS_BINARY:
        if (n->u.binary.left->kind == JS_PRIVATE_NAME) { /* #x in o */
            gen_expr(cf, s, n->u.binary.right);
            mark_pos(cf, n);
            emit_op32(cf, OP_HAS_PRIVATE, atom_of(n->u.binary.left->u.ident.name), 0);
            return;
        }
        gen_expr(cf, s, n->u.binary.left);
        gen_expr(cf, s, n->u.binary.right);
        mark_pos(cf, n);
        emit(cf, binop(n->u.binary.op), -1);
        return;
    case JS_LOGICAL:
        gen_logical(cf, s, n);
        return;
    case JS_ASSIGN:
        gen_assign(cf, s, n);
        return;
    case JS_CONDITIONAL: {
        gen_expr(cf, s, n->u.cond.test);
        uint32_t j1 = emit_jump(cf, OP_JMP_FALSE, -1);
        gen_expr(cf, s, n->u.cond.then);
        uint32_t j2 = emit_jump(cf, OP_JMP, -1);
        patch_here(cf, j1);
        gen_expr(cf, s, n->u.cond.otherwise);
        patch_here(cf, j2);
        return;
    }
    case JS_SEQUENCE:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            gen_expr(cf, s, n->u.list.items[i]);
            if (i + 1 < n->u.list.count)
                emit(cf, OP_POP, -1);
        }
        return;
    case JS_MEMBER:
        gen_expr(cf, s, n->u.member.object);
        if (n->flags & JS_NF_OPTIONAL)
            gen_optional_check(cf);
        gen_prop_get(cf, atom_of(n->u.member.name), n);
        return;
    case JS_INDEX:
        gen_expr(cf, s, n->u.index.object);
        if (n->flags & JS_NF_OPTIONAL)
            gen_optional_check(cf);
        gen_expr(cf, s, n->u.index.index);
        mark_pos(cf, n);
        emit(cf, OP_GET_ELEM, -1);
        return;
    case JS_CALL:
        gen_call(cf, s, n);
        return;
    case JS_NEW:
        gen_new(cf, s, n);
        return;
    case JS_CLASS:
        gen_class(cf, s, n);
        return;
    case JS_SUPER_CALL:
        gen_super_call(cf, s, n);
        return;
    case JS_NEW_TARGET:
        if (cf->nt_reg >= 0)
            emit_op16(cf, OP_GET_LOC, (uint32_t)cf->nt_reg, 1);
        else /* the program: never constructed */
            emit(cf, OP_UNDEF, 1);
        return;
    default:
        cc_error(n, "unsupported expression: %s", js_node_kind_name(n->kind));
    }
}

/* An expression whose value is not needed. */
void gen_effect(cfunc *cf, cscope *s, js_node *n)
{
    if (n->kind == JS_UPDATE && n->u.unary.arg->kind == JS_IDENT) {
        js_atom_id name = atom_of(n->u.unary.arg->u.ident.name);
        cbind *b = resolve_local(s, name);
        if (b && b->loc == LOC_LOCAL && b->kind != BK_CONST) {
            mark_pos(cf, n);
            emit_op16(cf, n->u.unary.op == JS_OP_INC ? OP_INC_LOC : OP_DEC_LOC, b->index, 0);
            emit_u32(cf, b->kind == BK_LET ? name : ~0u);
            return;
        }
    }
    if (n->kind == JS_UPDATE) {
        gen_update(cf, s, n, false);
    } else {
        gen_expr(cf, s, n);
    }
    emit(cf, OP_POP, -1);
}
