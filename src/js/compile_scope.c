/* compile_scope.c - the compiler's first pass and its scopes: which names
 * each scope declares, which of them closures capture (those live in an
 * environment object, the rest in frame registers), and the code that reads
 * and writes a variable wherever it lives (see compiler_int.h). */
#include <string.h>

#include "compiler_int.h"

/* ---- scopes ---- */

static cscope *scope_new(cscope *parent, cfunc *fn, bool is_function)
{
    cscope *s = cc_xcalloc(1, sizeof *s);
    C->scopes = cc_grow(C->scopes, &C->capscopes, C->nscopes + 1, sizeof *C->scopes);
    C->scopes[C->nscopes++] = s;
    s->parent = parent;
    s->fn = fn;
    s->is_function = is_function;
    return s;
}

cbind *scope_find(cscope *s, js_atom_id name)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->b[i].name == name)
            return &s->b[i];
    return NULL;
}

static cbind *declare(cscope *s, js_atom_id name, int kind)
{
    cbind *b = scope_find(s, name);
    if (b) {
        if (kind == BK_LET || kind == BK_CONST)
            b->kind = (uint8_t)kind;
        return b;
    }
    s->b = cc_grow(s->b, &s->cap, s->n + 1, sizeof *s->b);
    b = &s->b[s->n++];
    memset(b, 0, sizeof *b);
    b->name = name;
    b->kind = (uint8_t)kind;
    return b;
}

static void declare_scope(cscope *s, js_scope *sc)
{
    for (uint32_t i = 0; i < sc->count; i++) {
        js_decl *d = &sc->decls[i];
        int kind = d->kind == JS_DECL_LET ? BK_LET
                   : d->kind == JS_DECL_CONST ? BK_CONST
                   : d->kind == JS_DECL_CATCH_PARAM ? BK_CATCH
                                                     : BK_FUNC;
        declare(s, atom_of(d->name), kind);
    }
}

void scope_place(cfunc *cf, cscope *s)
{
    if (s->placed)
        return;
    s->placed = true;
    for (uint32_t i = 0; i < s->n; i++) {
        cbind *b = &s->b[i];
        if (b->captured) {
            b->loc = LOC_ENV;
            b->index = s->nenv++;
        } else if (b->kind == BK_PARAM && cf->mapped && s == cf->scope) {
            b->loc = LOC_MAPPED; /* index: the parameter's position */
            if (cf->mapped_reg < 0)
                cf->mapped_reg = (int)new_local(cf);
        } else if (b->kind == BK_PARAM) {
            b->loc = LOC_ARG; /* index set at declaration */
        } else if (b->kind == BK_THIS) {
            b->loc = LOC_THIS;
        } else {
            b->loc = LOC_LOCAL;
            b->index = new_local(cf);
        }
    }
    s->has_env = s->nenv > 0;
}

void init_lexical(cfunc *cf, cscope *s)
{
    for (uint32_t i = 0; i < s->n; i++) {
        cbind *b = &s->b[i];
        if (b->kind == BK_LET || b->kind == BK_CONST) {
            emit(cf, OP_HOLE, 1);
            if (b->loc == LOC_ENV)
                emit_op16(cf, OP_INIT_ENV, 0, -1), emit_u16(cf, b->index);
            else
                emit_op16(cf, OP_PUT_LOC, b->index, -1);
        }
    }
}

/* The names of a placed scope's environment slots. */
js_env_info *env_info(cscope *s)
{
    js_env_info *info = cc_xcalloc(1, sizeof *info + s->nenv * sizeof(js_atom_id));
    info->n = s->nenv;
    for (uint32_t i = 0; i < s->n; i++)
        if (s->b[i].loc == LOC_ENV)
            info->names[s->b[i].index] = s->b[i].name;
    return info;
}

/* Entering a block scope: place it, push its environment, reset its
 * let/const to the hole. */
void scope_enter(cfunc *cf, cscope *s)
{
    scope_place(cf, s);
    if (s->has_env) {
        cf->envs = cc_grow(cf->envs, &cf->capenvs, cf->nenvs + 1, sizeof *cf->envs);
        cf->envs[cf->nenvs] = env_info(s);
        emit_op16(cf, OP_PUSH_ENV, cf->nenvs++, 0);
        ctl_push(cf, CTL_ENV, NULL);
    }
    init_lexical(cf, s);
}

void scope_leave(cfunc *cf, cscope *s)
{
    if (s->has_env) {
        emit(cf, OP_POP_ENV, 0);
        ctl_pop(cf);
    }
}

/* ---- variables ---- */

static cbind *lookup(cscope *s, js_atom_id name, int *depth)
{
    int d = 0;
    for (; s; s = s->parent) {
        cbind *b = scope_find(s, name);
        if (b) {
            *depth = d;
            return b;
        }
        if (s->has_env)
            d++;
    }
    return NULL;
}

/* The binding of name if it is found in the current function's scopes. */
cbind *resolve_local(cscope *s, js_atom_id name)
{
    int d;
    cbind *b = lookup(s, name, &d);
    return b;
}

bool var_is_global(cscope *s, js_atom_id name)
{
    int d;
    return lookup(s, name, &d) == NULL;
}

void emit_get_var(cfunc *cf, cscope *s, js_atom_id name, js_node *at)
{
    int depth;
    cbind *b = lookup(s, name, &depth);
    mark_pos(cf, at);
    if (!b) {
        emit_op32(cf, OP_GET_GLOBAL, name, 1);
        emit_u32(cf, new_ic(cf));
        return;
    }
    bool chk = b->kind == BK_LET || b->kind == BK_CONST || b->derived_this;
    switch (b->loc) {
    case LOC_ARG:
        emit_op16(cf, OP_GET_ARG, b->index, 1);
        break;
    case LOC_MAPPED:
        emit_op16(cf, OP_GET_MAPPED, b->index, 1);
        emit_u16(cf, (uint32_t)s->fn->mapped_reg);
        break;
    case LOC_THIS:
        emit(cf, b->derived_this ? OP_THIS_CHK : OP_THIS, 1);
        break;
    case LOC_LOCAL:
        emit_op16(cf, chk ? OP_GET_LOC_CHK : OP_GET_LOC, b->index, 1);
        if (chk)
            emit_u32(cf, name);
        break;
    case LOC_ENV:
        emit_op16(cf, chk ? OP_GET_ENV_CHK : OP_GET_ENV, (uint32_t)depth, 1);
        emit_u16(cf, b->index);
        if (chk)
            emit_u32(cf, name);
        break;
    default:
        cc_error(at, "internal: unplaced variable %s", js_atom_name(name));
    }
}

/* Store the value on top of the stack (it stays there).  init: this is the
 * declaration itself (no TDZ check, const allowed). */
void emit_set_var(cfunc *cf, cscope *s, js_atom_id name, js_node *at, bool init)
{
    int depth;
    cbind *b = lookup(s, name, &depth);
    mark_pos(cf, at);
    if (!b) {
        emit_op32(cf, OP_SET_GLOBAL, name, 0);
        emit_u32(cf, new_ic(cf));
        return;
    }
    if (b->kind == BK_CONST && !init) {
        emit_op32(cf, OP_THROW_CONST, name, 0);
        return;
    }
    bool chk = !init && b->kind == BK_LET;
    switch (b->loc) {
    case LOC_ARG:
        emit_op16(cf, OP_SET_ARG, b->index, 0);
        break;
    case LOC_MAPPED:
        emit_op16(cf, OP_SET_MAPPED, b->index, 0);
        emit_u16(cf, (uint32_t)s->fn->mapped_reg);
        break;
    case LOC_LOCAL:
        emit_op16(cf, chk ? OP_SET_LOC_CHK : OP_SET_LOC, b->index, 0);
        if (chk)
            emit_u32(cf, name);
        break;
    case LOC_ENV:
        emit_op16(cf, chk ? OP_SET_ENV_CHK : OP_SET_ENV, (uint32_t)depth, 0);
        emit_u16(cf, b->index);
        if (chk)
            emit_u32(cf, name);
        break;
    default:
        cc_error(at, "Invalid left-hand side in assignment");
    }
}

/* ---- pass 1: resolve ---- */

typedef struct rctx {
    cscope *scope;
    cfunc *cf;
} rctx;

static void resolve_node(js_node *n, void *ctx);
static cfunc *analyze_function(cscope *parent, cfunc *pcf, js_node *node);

static void mark_use(rctx *r, js_atom_id name)
{
    for (cscope *s = r->scope; s; s = s->parent) {
        cbind *b = scope_find(s, name);
        if (b) {
            if (s->fn != r->cf)
                b->captured = true;
            return;
        }
    }
}

static void resolve_in(js_node *n, cscope *s, cfunc *cf)
{
    rctx r = {s, cf};
    if (n)
        resolve_node(n, &r);
}

static cscope *block_scope(rctx *r, js_node *n, js_scope *sc)
{
    if (!sc->count)
        return r->scope;
    cscope *s = scope_new(r->scope, r->cf, false);
    declare_scope(s, sc);
    n->aux = s;
    return s;
}

static void resolve_children(js_node *n, cscope *s, cfunc *cf)
{
    rctx r = {s, cf};
    js_ast_for_each_child(n, resolve_node, &r);
}

static void resolve_node(js_node *n, void *ctx)
{
    rctx *r = ctx;
    switch (n->kind) {
    case JS_FUNC_DECL:
        if (n->u.func->name)
            mark_use(r, atom_of(n->u.func->name));
        analyze_function(r->scope, r->cf, n);
        return;
    case JS_FUNC_EXPR:
        analyze_function(r->scope, r->cf, n);
        return;
    case JS_IDENT:
        mark_use(r, atom_of(n->u.ident.name));
        return;
    case JS_THIS:
    case JS_SUPER:
        mark_use(r, A_this);
        return;
    case JS_SUPER_CALL:
        mark_use(r, A_this);
        break;
    case JS_CLASS: {
        cscope *cs = block_scope(r, n, &n->u.klass->scope);
        for (uint32_t i = 0; i < cs->n; i++) /* read by its methods and constructor */
            cs->b[i].captured |= cs->b[i].name == A_class_self || cs->b[i].name == A_class_fields;
        resolve_children(n, cs, r->cf);
        return;
    }
    case JS_BLOCK:
        resolve_children(n, block_scope(r, n, &n->u.block.scope), r->cf);
        return;
    case JS_FOR:
        resolve_children(n, block_scope(r, n, &n->u.for_.scope), r->cf);
        return;
    case JS_FOR_IN:
        resolve_children(n, block_scope(r, n, &n->u.for_in.scope), r->cf);
        return;
    case JS_SWITCH: {
        resolve_in(n->u.switch_.discriminant, r->scope, r->cf);
        cscope *s = block_scope(r, n, &n->u.switch_.scope);
        for (uint32_t i = 0; i < n->u.switch_.cases.count; i++)
            resolve_in(n->u.switch_.cases.items[i], s, r->cf);
        return;
    }
    case JS_TRY:
        resolve_in(n->u.try_.block, r->scope, r->cf);
        resolve_in(n->u.try_.handler, r->scope, r->cf);
        resolve_in(n->u.try_.finalizer, r->scope, r->cf);
        return;
    case JS_ASSIGN:
        if (n->u.binary.left->kind == JS_MEMBER && n->u.binary.left->u.member.object->kind == JS_THIS)
            r->cf->this_props++;
        break;
    default:
        break;
    }
    js_ast_for_each_child(n, resolve_node, ctx);
}

static cfunc *analyze_function(cscope *parent, cfunc *pcf, js_node *node)
{
    js_function *f = node->u.func;
    cfunc *cf = cc_xcalloc(1, sizeof *cf);
    cf->parent = pcf;
    cf->node = node;
    cf->f = f;
    cf->completion = -1;
    cscope *s = scope_new(parent, cf, true);
    cf->scope = s;
    node->aux = cf;
    bool global_decls = node->kind == JS_PROGRAM && C->script_mode;
    cf->script_mode = global_decls;
    if (!(f->flags & JS_FN_ARROW))
        declare(s, A_this, BK_THIS)->derived_this = (f->flags & JS_FN_DERIVED) != 0;
    for (uint32_t i = 0; i < f->params.count; i++) {
        js_node *id = js_param_ident(f->params.items[i]);
        if (!id)
            continue; /* a pattern: its names are vars */
        cbind *b = declare(s, atom_of(id->u.ident.name), BK_PARAM);
        b->kind = BK_PARAM;
        b->index = i;
    }
    if (!global_decls) {
        for (uint32_t i = 0; i < f->nvars; i++)
            declare(s, atom_of(f->vars[i]), BK_VAR);
        for (uint32_t i = 0; i < f->funcs.count; i++)
            declare(s, atom_of(f->funcs.items[i]->u.func->name), BK_FUNC);
        declare_scope(s, &f->scope);
    }
    cf->mapped_reg = -1;
    if ((f->flags & JS_FN_USES_ARGUMENTS) && !(f->flags & JS_FN_ARROW) && !scope_find(s, A_arguments)) {
        declare(s, A_arguments, BK_ARGUMENTS);
        cf->mapped = !(f->flags & JS_FN_STRICT) && f->params.count > 0 && js_params_simple(f);
    }
    if (node->kind == JS_FUNC_EXPR && f->name && !scope_find(s, atom_of(f->name)))
        declare(s, atom_of(f->name), BK_SELF);
    for (uint32_t i = 0; i < f->params.count; i++) /* defaults, keys in patterns */
        if (f->params.items[i]->kind != JS_IDENT)
            resolve_in(f->params.items[i], s, cf);
    for (uint32_t i = 0; i < f->body.count; i++)
        resolve_in(f->body.items[i], s, cf);
    if (f->expr_body)
        resolve_in(f->expr_body, s, cf);
    return cf;
}

cfunc *cc_analyze_program(js_node *program) { return analyze_function(NULL, NULL, program); }
