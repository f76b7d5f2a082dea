/* compile_stmt.c - statements to bytecode: declarations, control flow,
 * break/continue through environments and finally blocks, exceptions. */
#include <string.h>

#include "compiler_int.h"

static cscope *scope_of(js_node *n, cscope *outer)
{
    return n->aux ? (cscope *)n->aux : outer;
}

void gen_hoisted_functions(cfunc *cf, cscope *s, js_node_list *funcs)
{
    for (uint32_t i = 0; i < funcs->count; i++) {
        js_node *fn = funcs->items[i];
        js_atom_id name = atom_of(fn->u.func->name);
        emit_op32(cf, OP_CLOSURE, compile_function(cf, fn), 1);
        if (cf->script_mode && s == cf->scope) {
            emit_op32(cf, OP_SET_GLOBAL, name, 0);
            emit_u32(cf, new_ic(cf));
        } else {
            emit_set_var(cf, s, name, fn, true);
        }
        emit(cf, OP_POP, -1);
    }
}

/* Block-level function declarations: bind them when the block is entered
 * (and, sloppy Annex B, copy them to the function's var of that name). */
static void hoist_block_functions(cfunc *cf, cscope *s, js_node_list *body)
{
    for (uint32_t i = 0; i < body->count; i++) {
        js_node *fn = body->items[i];
        if (fn->kind != JS_FUNC_DECL)
            continue;
        js_atom_id name = atom_of(fn->u.func->name);
        emit_op32(cf, OP_CLOSURE, compile_function(cf, fn), 1);
        emit_set_var(cf, s, name, fn, true);
        if ((fn->flags & JS_NF_ANNEXB_VAR) && s->parent) {
            if (cf->script_mode && var_is_global(s->parent, name))
                emit_op32(cf, OP_SET_GLOBAL, name, 0), emit_u32(cf, new_ic(cf));
            else
                emit_set_var(cf, s->parent, name, fn, true);
        }
        emit(cf, OP_POP, -1);
    }
}

static void gen_bind(cfunc *cf, cscope *s, js_node *t, bool lexical, js_node *source);

/* The key an object pattern's item names first, for V8's "Cannot
 * destructure property 'k' of ...": none for a computed key or a rest. */
static js_atom_id pattern_key_atom(const js_node *item)
{
    if (item->kind != JS_PROPERTY || item->u.prop.key_kind == JS_KEY_COMPUTED)
        return A_empty;
    return prop_key_atom(&item->u.prop);
}

/* The rest of object pattern t (its last item), the value being on the
 * stack (kept): a new object with the value's own enumerable properties,
 * less those the pattern named before, bound to the rest's name. */
static void gen_object_rest(cfunc *cf, cscope *s, js_node *t, bool lexical)
{
    uint32_t last = t->u.list.count - 1;
    emit(cf, OP_DUP, 1);
    emit_op16(cf, OP_NEW_OBJECT, 4, 1);
    emit_u32(cf, cf->nsites++);
    emit(cf, OP_SWAP, 0);
    emit(cf, OP_COPY_PROPS, -1); /* value copy */
    for (uint32_t i = 0; i < last; i++) {
        emit(cf, OP_DUP, 1);
        emit_op32(cf, OP_DELETE_PROP, prop_key_atom(&t->u.list.items[i]->u.prop), 0);
        emit(cf, OP_POP, -1);
    }
    gen_bind(cf, s, t->u.list.items[last]->u.unary.arg, lexical, NULL);
}

/* Bind the value on top of the stack (consumed) to a declaration's
 * target: a name, or a pattern.  An array pattern walks the value as
 * for-of does (an index in a local), an object pattern reads its keys
 * (null and undefined refused first), a default replaces an undefined
 * part.  source: the expression destructured, for the error messages
 * (NULL for a loop's value or a nested part). */
static void gen_bind(cfunc *cf, cscope *s, js_node *t, bool lexical, js_node *source)
{
    switch (t->kind) {
    case JS_IDENT:
        emit_set_var(cf, s, atom_of(t->u.ident.name), t, lexical);
        emit(cf, OP_POP, -1);
        return;
    case JS_MEMBER: /* a destructuring assignment's part */
    case JS_INDEX:
        gen_assign_from_stack(cf, s, t);
        emit(cf, OP_POP, -1);
        return;
    case JS_ASSIGN: {
        emit(cf, OP_DUP, 1);
        emit(cf, OP_UNDEF, 1);
        emit(cf, OP_SEQ, -1);
        uint32_t defined = emit_jump(cf, OP_JMP_FALSE, -1);
        emit(cf, OP_POP, -1);
        gen_expr(cf, s, t->u.binary.right);
        patch_here(cf, defined);
        gen_bind(cf, s, t->u.binary.left, lexical, NULL);
        return;
    }
    case JS_ARRAY: {
        emit(cf, OP_FOR_OF, 0);
        if (source)
            note_iterable(cf, source);
        uint32_t index = new_local(cf);
        emit_number(cf, 0);
        emit_op16(cf, OP_PUT_LOC, index, -1);
        for (uint32_t i = 0; i < t->u.list.count; i++) {
            js_node *item = t->u.list.items[i];
            if (item && item->kind == JS_SPREAD) { /* the rest, in a new array */
                emit(cf, OP_DUP, 1);
                emit_op16(cf, OP_GET_LOC, index, 1);
                emit(cf, OP_COLLECT_REST, 2); /* two slots more while it walks */
                cf->depth -= 3;
                gen_bind(cf, s, item->u.unary.arg, lexical, NULL);
                break;
            }
            emit(cf, OP_DUP, 1);
            emit_op16(cf, OP_GET_LOC, index, 1);
            uint32_t done = emit_jump(cf, OP_FOR_OF_NEXT, 0); /* v next-index, or jumps */
            emit_op16(cf, OP_PUT_LOC, index, -1);
            uint32_t have = emit_jump(cf, OP_JMP, -1);
            patch_here(cf, done);
            emit(cf, OP_UNDEF, 1); /* past the end */
            patch_here(cf, have);
            if (item)
                gen_bind(cf, s, item, lexical, NULL);
            else
                emit(cf, OP_POP, -1);
        }
        break;
    }
    default: { /* JS_OBJECT */
        const js_node *first = t->u.list.count ? t->u.list.items[0] : NULL;
        emit_op32(cf, OP_REQUIRE_COERCIBLE, first ? pattern_key_atom(first) : A_empty, 0);
        if (source)
            note_source(cf, source);
        for (uint32_t i = 0; i < t->u.list.count; i++) {
            if (t->u.list.items[i]->kind == JS_SPREAD) {
                gen_object_rest(cf, s, t, lexical);
                break;
            }
            const js_property *prop = &t->u.list.items[i]->u.prop;
            emit(cf, OP_DUP, 1);
            if (prop->key_kind == JS_KEY_NAME) {
                emit_op32(cf, OP_GET_PROP, atom_of(prop->key_name), 0);
                emit_u32(cf, new_ic(cf));
            } else if (prop->key_kind == JS_KEY_COMPUTED) {
                gen_expr(cf, s, prop->key_expr);
                emit(cf, OP_GET_ELEM, -1);
            } else {
                emit_number(cf, prop->key_number);
                emit(cf, OP_GET_ELEM, -1);
            }
            gen_bind(cf, s, prop->value, lexical, NULL);
        }
        break;
    }
    }
    emit(cf, OP_POP, -1);
}

void gen_destructure(cfunc *cf, cscope *s, js_node *pattern, js_node *source)
{
    /* V8 names the source of an object pattern's value, but describes an
     * array pattern's ("number 5 is not iterable (...)") */
    gen_bind(cf, s, pattern, false, pattern->kind == JS_OBJECT ? source : NULL);
}

/* Defaults, patterns and the rest parameter, in order, once the arguments
 * object (which sees the arguments as passed) is made: an undefined
 * parameter takes its default, a pattern binds its names (vars), the rest
 * parameter takes the arguments past it. */
void gen_param_initializers(cfunc *cf, cscope *s, js_function *f)
{
    for (uint32_t i = 0; i < f->params.count; i++) {
        js_node *param = f->params.items[i];
        js_node *id = js_param_ident(param);
        if (param->kind == JS_IDENT)
            continue; /* a plain name: its argument as passed */
        if (param->kind == JS_SPREAD)
            emit_op16(cf, OP_REST_ARGS, i, 1);
        else if (id) /* a name with a default: where it lives (maybe an env) */
            emit_get_var(cf, s, atom_of(id->u.ident.name), id);
        else /* a pattern: the argument */
            emit_op16(cf, OP_GET_ARG, i, 1);
        gen_bind(cf, s, param->kind == JS_SPREAD ? id : param, false, NULL);
    }
}

static void gen_var_decl(cfunc *cf, cscope *s, js_node *n)
{
    bool lexical = n->u.var_decl.kind != JS_DECL_VAR;
    for (uint32_t i = 0; i < n->u.var_decl.decls.count; i++) {
        js_node *d = n->u.var_decl.decls.items[i];
        js_node *id = d->u.declarator.id;
        if (id->kind != JS_IDENT) { /* a pattern: it always has an initializer */
            gen_expr(cf, s, d->u.declarator.init);
            gen_bind(cf, s, id, lexical, d->u.declarator.init);
            continue;
        }
        js_atom_id name = atom_of(id->u.ident.name);
        if (d->u.declarator.init) {
            gen_expr(cf, s, d->u.declarator.init);
        } else if (lexical) {
            emit(cf, OP_UNDEF, 1);
        } else {
            continue;
        }
        emit_set_var(cf, s, name, id, lexical);
        emit(cf, OP_POP, -1);
    }
}

/* Leave control structures from the top of the stack down to (not
 * including) index `to`: pop environments, end try blocks, run finally
 * blocks inline. */
static void unwind_to(cfunc *cf, uint32_t to)
{
    for (uint32_t i = cf->nctl; i-- > to;) {
        ctl *c = &cf->ctls[i];
        if (c->kind == CTL_ENV) {
            emit(cf, OP_POP_ENV, 0);
        } else if (c->kind == CTL_TRY) {
            emit(cf, OP_END_TRY, 0);
        } else if (c->kind == CTL_FINALLY) {
            emit(cf, OP_END_TRY, 0);
            /* compile the finalizer as if outside this try */
            uint32_t saved = cf->nctl;
            ctl copy = *c;
            cf->nctl = i;
            gen_stmt(cf, copy.scope, copy.finalizer);
            cf->nctl = saved;
        }
    }
}

static void gen_jump(cfunc *cf, js_node *n, bool is_break)
{
    js_node *target = n->u.jump.target;
    for (uint32_t i = cf->nctl; i-- > 0;) {
        ctl *c = &cf->ctls[i];
        if (c->node != target || c->kind == CTL_ENV || c->kind == CTL_TRY || c->kind == CTL_FINALLY)
            continue;
        if (!is_break && c->kind != CTL_LOOP)
            continue;
        unwind_to(cf, i + 1);
        uint32_t at = emit_jump(cf, OP_JMP, 0);
        c = &cf->ctls[i]; /* unwind_to may have grown the array */
        patch_add(is_break ? &c->breaks : &c->continues, at);
        return;
    }
    cc_error(n, "Illegal %s statement", is_break ? "break" : "continue");
}

static void patch_all(cfunc *cf, patch_list *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        patch_here(cf, l->at[i]);
}

static void gen_body_of_loop(cfunc *cf, cscope *s, js_node *loop, js_node *body, ctl **out)
{
    (void)out;
    ctl_push(cf, CTL_LOOP, loop);
    gen_stmt(cf, s, body);
}

/* A register operand for a fused compare: a local that cannot be in its
 * temporal dead zone here (var, or a let of the loop's own head). */
static bool plain_local(cscope *s, cscope *loop_scope, js_node *n, uint32_t *slot)
{
    if (n->kind != JS_IDENT)
        return false;
    js_atom_id name = atom_of(n->u.ident.name);
    cbind *b = resolve_local(s, name);
    if (!b || b->loc != LOC_LOCAL)
        return false;
    if ((b->kind == BK_LET || b->kind == BK_CONST) && !(loop_scope && scope_find(loop_scope, name) == b))
        return false;
    *slot = b->index;
    return true;
}

/* Emit a conditional jump on test (to be patched): fused into one
 * compare-and-branch when test is `local < local` or `local < int`. */
static uint32_t gen_cond_jump(cfunc *cf, cscope *s, cscope *loop_scope, js_node *test, bool when_true)
{
    if (test->kind == JS_BINARY) {
        js_op op = test->u.binary.op;
        js_op_code cmp = op == JS_OP_LT ? OP_LT : op == JS_OP_LE ? OP_LE : op == JS_OP_GT ? OP_GT
                         : op == JS_OP_GE ? OP_GE : OP_NOP;
        uint32_t a, b;
        js_node *r = test->u.binary.right;
        if (cmp != OP_NOP && plain_local(s, loop_scope, test->u.binary.left, &a)) {
            uint8_t mode = (uint8_t)(cmp | (when_true ? 0x80 : 0));
            if (plain_local(s, loop_scope, r, &b)) {
                mark_pos(cf, test);
                emit(cf, OP_JCMP_LL, 0);
                emit_u8(cf, mode);
                emit_u16(cf, a);
                emit_u16(cf, b);
                uint32_t at = cf->len;
                emit_u32(cf, 0);
                return at;
            }
            if (r->kind == JS_NUMBER && js_is_int32(r->u.number)) {
                mark_pos(cf, test);
                emit(cf, OP_JCMP_LI, 0);
                emit_u8(cf, mode);
                emit_u16(cf, a);
                emit_u32(cf, (uint32_t)(int32_t)r->u.number);
                uint32_t at = cf->len;
                emit_u32(cf, 0);
                return at;
            }
        }
    }
    gen_expr(cf, s, test);
    return emit_jump(cf, when_true ? OP_JMP_TRUE : OP_JMP_FALSE, -1);
}

static void patch_to(cfunc *cf, uint32_t at, uint32_t target)
{
    uint32_t off = target - (at + 4);
    for (int i = 0; i < 4; i++)
        cf->bc[at + (uint32_t)i] = (uint8_t)(off >> (8 * i));
}

/* Loops are rotated: the test sits at the bottom and jumps back to the
 * body, so an iteration costs one branch. */
static void gen_for(cfunc *cf, cscope *outer, js_node *n)
{
    cscope *s = scope_of(n, outer);
    if (s != outer)
        scope_enter(cf, s);
    js_node *init = n->u.for_.init;
    if (init) {
        if (init->kind == JS_VAR_DECL)
            gen_var_decl(cf, s, init);
        else
            gen_effect(cf, s, init);
    }
    uint32_t to_test = n->u.for_.test ? emit_jump(cf, OP_JMP, 0) : 0;
    uint32_t body = label_here(cf);
    gen_body_of_loop(cf, s, n, n->u.for_.body, NULL);
    ctl *c = &cf->ctls[cf->nctl - 1];
    patch_all(cf, &c->continues);
    if (s != outer && s->has_env)
        emit(cf, OP_COPY_ENV, 0); /* a fresh binding per iteration */
    if (n->u.for_.update)
        gen_effect(cf, s, n->u.for_.update);
    if (n->u.for_.test) {
        patch_here(cf, to_test);
        uint32_t back = gen_cond_jump(cf, s, s != outer ? s : NULL, n->u.for_.test, true);
        patch_to(cf, back, body);
    } else {
        emit_jump_to(cf, OP_JMP, body, 0);
    }
    patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
    ctl_pop(cf);
    if (s != outer)
        scope_leave(cf, s);
}

/* for-in walks a snapshot of the keys (an iterator object in a local);
 * for-of walks arrays, array-likes and strings by an index kept in a
 * second local, reading the length at every step as the array iterator
 * does.  Either way the loop variable is assigned from a third local,
 * after a per-iteration copy of the scope's environment for closures. */
static void gen_for_in(cfunc *cf, cscope *outer, js_node *n)
{
    cscope *s = scope_of(n, outer);
    if (s != outer)
        scope_enter(cf, s);
    bool of = n->u.for_in.of;
    uint32_t iter = new_local(cf), key = new_local(cf), index = of ? new_local(cf) : 0;
    gen_expr(cf, s, n->u.for_in.right);
    if (of) {
        emit(cf, OP_FOR_OF, 0);
        note_iterable(cf, n->u.for_in.right);
        emit_op16(cf, OP_PUT_LOC, iter, -1);
        emit_number(cf, 0);
        emit_op16(cf, OP_PUT_LOC, index, -1);
    } else {
        emit(cf, OP_FOR_IN, 0);
        emit_op16(cf, OP_PUT_LOC, iter, -1);
    }
    uint32_t top = label_here(cf);
    emit_op16(cf, OP_GET_LOC, iter, 1);
    uint32_t exit;
    if (of) {
        emit_op16(cf, OP_GET_LOC, index, 1);
        exit = emit_jump(cf, OP_FOR_OF_NEXT, 0); /* iter index -> value index (or pops, jumps) */
        emit_op16(cf, OP_PUT_LOC, index, -1);
        if (n->u.for_in.await) /* for await: each value awaited in turn */
            emit(cf, OP_AWAIT, 0);
    } else {
        exit = emit_jump(cf, OP_FOR_IN_NEXT, 0); /* iter -> key (or jump, popping) */
    }
    emit_op16(cf, OP_PUT_LOC, key, -1);
    if (s != outer && s->has_env)
        emit(cf, OP_COPY_ENV, 0);
    emit_op16(cf, OP_GET_LOC, key, 1);
    js_node *left = n->u.for_in.left;
    if (left->kind == JS_VAR_DECL) {
        js_node *id = left->u.var_decl.decls.items[0]->u.declarator.id;
        bool lexical = left->u.var_decl.kind != JS_DECL_VAR;
        if (id->kind == JS_IDENT) {
            emit_set_var(cf, s, atom_of(id->u.ident.name), id, lexical);
        } else {
            emit(cf, OP_DUP, 1); /* the pattern consumes the copy */
            gen_bind(cf, s, id, lexical, NULL);
        }
    } else if (left->kind == JS_ARRAY || left->kind == JS_OBJECT) {
        emit(cf, OP_DUP, 1); /* the pattern consumes the copy */
        gen_bind(cf, s, left, false, NULL);
    } else {
        gen_assign_from_stack(cf, s, left);
    }
    emit(cf, OP_POP, -1);
    gen_body_of_loop(cf, s, n, n->u.for_in.body, NULL);
    patch_all(cf, &cf->ctls[cf->nctl - 1].continues);
    emit_jump_to(cf, OP_JMP, top, 0);
    patch_here(cf, exit);
    patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
    ctl_pop(cf);
    if (s != outer)
        scope_leave(cf, s);
}

static void gen_while(cfunc *cf, cscope *s, js_node *n)
{
    uint32_t to_test = emit_jump(cf, OP_JMP, 0);
    uint32_t body = label_here(cf);
    gen_body_of_loop(cf, s, n, n->u.loop.body, NULL);
    patch_all(cf, &cf->ctls[cf->nctl - 1].continues);
    patch_here(cf, to_test);
    uint32_t back = gen_cond_jump(cf, s, NULL, n->u.loop.test, true);
    patch_to(cf, back, body);
    patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
    ctl_pop(cf);
}

static void gen_do_while(cfunc *cf, cscope *s, js_node *n)
{
    uint32_t top = label_here(cf);
    gen_body_of_loop(cf, s, n, n->u.loop.body, NULL);
    patch_all(cf, &cf->ctls[cf->nctl - 1].continues);
    gen_expr(cf, s, n->u.loop.test);
    emit_jump_to(cf, OP_JMP_TRUE, top, -1);
    patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
    ctl_pop(cf);
}

static void gen_switch(cfunc *cf, cscope *outer, js_node *n)
{
    uint32_t disc = new_local(cf);
    gen_expr(cf, outer, n->u.switch_.discriminant);
    emit_op16(cf, OP_PUT_LOC, disc, -1);
    cscope *s = scope_of(n, outer);
    if (s != outer)
        scope_enter(cf, s);
    js_node_list *cases = &n->u.switch_.cases;
    uint32_t jumps[cases->count ? cases->count : 1];
    int def = -1;
    for (uint32_t i = 0; i < cases->count; i++) {
        js_node *c = cases->items[i];
        if (!c->u.case_.test) {
            def = (int)i;
            continue;
        }
        emit_op16(cf, OP_GET_LOC, disc, 1);
        gen_expr(cf, s, c->u.case_.test);
        emit(cf, OP_SEQ, -1);
        jumps[i] = emit_jump(cf, OP_JMP_TRUE, -1);
    }
    uint32_t to_default = emit_jump(cf, OP_JMP, 0);
    ctl_push(cf, CTL_SWITCH, n);
    for (uint32_t i = 0; i < cases->count; i++) {
        js_node *c = cases->items[i];
        if ((int)i == def)
            patch_here(cf, to_default);
        else
            patch_here(cf, jumps[i]);
        hoist_block_functions(cf, s, &c->u.case_.body);
        gen_stmts(cf, s, &c->u.case_.body);
    }
    if (def < 0)
        patch_here(cf, to_default);
    patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
    ctl_pop(cf);
    if (s != outer)
        scope_leave(cf, s);
}

static void gen_block(cfunc *cf, cscope *outer, js_node *n)
{
    cscope *s = scope_of(n, outer);
    if (s != outer)
        scope_enter(cf, s);
    hoist_block_functions(cf, s, &n->u.block.body);
    gen_stmts(cf, s, &n->u.block.body);
    if (s != outer)
        scope_leave(cf, s);
}

/* try { B } catch (e) { C }: the catch code gets the exception on the
 * stack; the environment is restored from a register saved at entry. */
static void gen_try_catch(cfunc *cf, cscope *s, js_node *n)
{
    uint32_t envreg = new_local(cf);
    emit_op16(cf, OP_SAVE_ENV, envreg, 0);
    uint32_t to_catch = emit_jump(cf, OP_TRY, 0);
    ctl_push(cf, CTL_TRY, n);
    gen_stmt(cf, s, n->u.try_.block);
    ctl_pop(cf);
    emit(cf, OP_END_TRY, 0);
    uint32_t over = emit_jump(cf, OP_JMP, 0);
    patch_here(cf, to_catch);
    cf->depth++;
    emit_op16(cf, OP_RESTORE_ENV, envreg, 0);
    if (cf->f->flags & JS_FN_GENERATOR)
        emit(cf, OP_GEN_RETHROW, 0); /* return() passes catch blocks by */
    js_node *h = n->u.try_.handler;
    cscope *hs = scope_of(h, s);
    if (hs != s)
        scope_enter(cf, hs);
    if (n->u.try_.param) {
        js_node *p = n->u.try_.param;
        emit_set_var(cf, hs, atom_of(p->u.ident.name), p, true);
    }
    emit(cf, OP_POP, -1);
    hoist_block_functions(cf, hs, &h->u.block.body);
    gen_stmts(cf, hs, &h->u.block.body);
    if (hs != s)
        scope_leave(cf, hs);
    patch_here(cf, over);
}

static void gen_try(cfunc *cf, cscope *s, js_node *n)
{
    if (!n->u.try_.finalizer) {
        gen_try_catch(cf, s, n);
        return;
    }
    uint32_t envreg = new_local(cf), exc = new_local(cf);
    emit_op16(cf, OP_SAVE_ENV, envreg, 0);
    uint32_t to_fin = emit_jump(cf, OP_TRY, 0);
    ctl *c = ctl_push(cf, CTL_FINALLY, n);
    c->finalizer = n->u.try_.finalizer;
    c->scope = s;
    if (n->u.try_.handler)
        gen_try_catch(cf, s, n);
    else
        gen_stmt(cf, s, n->u.try_.block);
    ctl_pop(cf);
    emit(cf, OP_END_TRY, 0);
    gen_stmt(cf, s, n->u.try_.finalizer);
    uint32_t over = emit_jump(cf, OP_JMP, 0);
    patch_here(cf, to_fin);
    cf->depth++;
    emit_op16(cf, OP_RESTORE_ENV, envreg, 0);
    emit_op16(cf, OP_PUT_LOC, exc, -1);
    gen_stmt(cf, s, n->u.try_.finalizer);
    emit_op16(cf, OP_GET_LOC, exc, 1);
    emit(cf, OP_THROW, -1);
    patch_here(cf, over);
}

static void gen_return(cfunc *cf, cscope *s, js_node *n)
{
    if (n->u.arg)
        gen_expr(cf, s, n->u.arg);
    else
        emit(cf, OP_UNDEF, 1);
    bool has_finally = false;
    for (uint32_t i = 0; i < cf->nctl; i++)
        has_finally |= cf->ctls[i].kind == CTL_FINALLY;
    if (has_finally) {
        uint32_t tmp = new_local(cf);
        emit_op16(cf, OP_PUT_LOC, tmp, -1);
        unwind_to(cf, 0);
        emit_op16(cf, OP_GET_LOC, tmp, 1);
    }
    emit(cf, cf->f->flags & JS_FN_ASYNC ? OP_ASYNC_RETURN : OP_RETURN, -1);
}

void gen_stmt(cfunc *cf, cscope *s, js_node *n)
{
    mark_pos(cf, n);
    switch (n->kind) {
    case JS_VAR_DECL:
        gen_var_decl(cf, s, n);
        return;
    case JS_EXPR_STMT:
        if (cf->completion >= 0 && s == cf->scope) {
            gen_expr(cf, s, n->u.expr_stmt.expr);
            emit_op16(cf, OP_PUT_LOC, (uint32_t)cf->completion, -1);
        } else {
            gen_effect(cf, s, n->u.expr_stmt.expr);
        }
        return;
    case JS_BLOCK:
        gen_block(cf, s, n);
        return;
    case JS_EMPTY:
    case JS_FUNC_DECL:
        return;
    case JS_CLASS: /* `class C {}`: C is bound like a let */
        gen_class(cf, s, n);
        emit_set_var(cf, s, atom_of(n->u.klass->id->u.ident.name), n, true);
        emit(cf, OP_POP, -1);
        return;
    case JS_DEBUGGER:
        emit(cf, OP_DEBUGGER, 0);
        return;
    case JS_IF: {
        gen_expr(cf, s, n->u.if_.test);
        uint32_t j1 = emit_jump(cf, OP_JMP_FALSE, -1);
        gen_stmt(cf, s, n->u.if_.then);
        if (n->u.if_.otherwise) {
            uint32_t j2 = emit_jump(cf, OP_JMP, 0);
            patch_here(cf, j1);
            gen_stmt(cf, s, n->u.if_.otherwise);
            patch_here(cf, j2);
        } else {
            patch_here(cf, j1);
        }
        return;
    }
    case JS_FOR:
        gen_for(cf, s, n);
        return;
    case JS_FOR_IN:
        gen_for_in(cf, s, n);
        return;
    case JS_WHILE:
        gen_while(cf, s, n);
        return;
    case JS_DO_WHILE:
        gen_do_while(cf, s, n);
        return;
    case JS_SWITCH:
        gen_switch(cf, s, n);
        return;
    case JS_BREAK:
        gen_jump(cf, n, true);
        return;
    case JS_CONTINUE:
        gen_jump(cf, n, false);
        return;
    case JS_RETURN:
        gen_return(cf, s, n);
        return;
    case JS_THROW:
        gen_expr(cf, s, n->u.arg);
        mark_pos(cf, n);
        emit(cf, OP_THROW, -1);
        return;
    case JS_TRY:
        gen_try(cf, s, n);
        return;
    case JS_LABELED: {
        ctl_push(cf, CTL_LABEL, n);
        gen_stmt(cf, s, n->u.labeled.body);
        patch_all(cf, &cf->ctls[cf->nctl - 1].breaks);
        ctl_pop(cf);
        return;
    }
    default:
        cc_error(n, "unsupported statement: %s", js_node_kind_name(n->kind));
    }
}

void gen_stmts(cfunc *cf, cscope *s, js_node_list *l)
{
    for (uint32_t i = 0; i < l->count; i++)
        gen_stmt(cf, s, l->items[i]);
}
