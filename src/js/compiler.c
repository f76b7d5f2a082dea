/* compiler.c - the resolve pass, scopes and variable locations, bytecode
 * emission helpers, and compiling a function (see compiler_int.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"
#include "parser.h"

compiler *C;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    p = realloc(p, n * elem);
    if (!p)
        abort();
    *cap = n;
    return p;
}

void cc_error(js_node *at, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!C->failed)
        js_throw_error(JE_SYNTAX, "%s (%s:%u:%u)", msg, C->src->filename, at ? at->pos.line : 0,
                       at ? at->pos.column : 0);
    C->failed = true;
}

/* Compiled code is C memory: the atoms it names are pinned. */
js_atom_id atom_of(const js_atom *a) { return js_atom_pinned(a->ptr, a->len); }

/* ---- emission ---- */

void emit_u8(cfunc *cf, uint8_t b)
{
    cf->bc = grow(cf->bc, &cf->cap, cf->len + 1, 1);
    cf->bc[cf->len++] = b;
}
void emit_u16(cfunc *cf, uint32_t v)
{
    emit_u8(cf, (uint8_t)v);
    emit_u8(cf, (uint8_t)(v >> 8));
}
void emit_u32(cfunc *cf, uint32_t v)
{
    emit_u16(cf, v & 0xffff);
    emit_u16(cf, v >> 16);
}

/* Fuse op with the instruction just emitted, when no jump lands between
 * them: true when done (the caller emits nothing). */
static bool peephole(cfunc *cf, js_op_code op, int delta)
{
    if (cf->len == 0 || cf->label_pos == cf->len || cf->last_op >= cf->len)
        return false;
    uint8_t *last = &cf->bc[cf->last_op];
    js_op_code fused = OP_NOP;
    if (op == OP_POP) {
        switch (*last) {
        case OP_SET_LOC: fused = OP_PUT_LOC; break;
        case OP_SET_ARG: fused = OP_PUT_ARG; break;
        case OP_SET_PROP: fused = OP_SET_PROP_POP; break;
        case OP_SET_ELEM: fused = OP_SET_ELEM_POP; break;
        default: return false;
        }
        *last = (uint8_t)fused;
        cf->depth += delta;
        return true;
    }
    if (op == OP_GET_PROP && (*last == OP_GET_LOC || *last == OP_THIS)) {
        /* the operands follow: the caller writes them after this byte */
        *last = (uint8_t)(*last == OP_GET_LOC ? OP_GET_LOC_PROP : OP_GET_THIS_PROP);
        cf->depth += delta;
        return true;
    }
    return false;
}

uint32_t label_here(cfunc *cf)
{
    cf->label_pos = cf->len;
    return cf->len;
}

void emit(cfunc *cf, js_op_code op, int delta)
{
    if (peephole(cf, op, delta))
        return;
    cf->last_op = cf->len;
    emit_u8(cf, (uint8_t)op);
    cf->depth += delta;
    if (cf->depth > cf->max_depth)
        cf->max_depth = cf->depth;
}

void emit_op16(cfunc *cf, js_op_code op, uint32_t a, int delta)
{
    emit(cf, op, delta);
    emit_u16(cf, a);
}

void emit_op32(cfunc *cf, js_op_code op, uint32_t a, int delta)
{
    emit(cf, op, delta);
    emit_u32(cf, a);
}

uint32_t emit_jump(cfunc *cf, js_op_code op, int delta)
{
    emit(cf, op, delta);
    uint32_t at = cf->len;
    emit_u32(cf, 0);
    return at;
}

static void put32(cfunc *cf, uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        cf->bc[at + (uint32_t)i] = (uint8_t)(v >> (8 * i));
}

void patch_here(cfunc *cf, uint32_t at)
{
    put32(cf, at, cf->len - (at + 4));
    cf->label_pos = cf->len;
}

void emit_jump_to(cfunc *cf, js_op_code op, uint32_t target, int delta)
{
    uint32_t at = emit_jump(cf, op, delta);
    put32(cf, at, target - (at + 4));
}

void patch_add(patch_list *l, uint32_t at)
{
    l->at = grow(l->at, &l->cap, l->n + 1, sizeof *l->at);
    l->at[l->n++] = at;
}

void mark_pos(cfunc *cf, js_node *n)
{
    if (n)
        mark_pos_at(cf, n->pos);
}

void mark_pos_at(cfunc *cf, js_pos p)
{
    js_node tmp;
    tmp.pos = p;
    js_node *n = &tmp;
    if (cf->npos && cf->pos[cf->npos - 1].pc == cf->len) {
        cf->pos[cf->npos - 1].line = n->pos.line;
        cf->pos[cf->npos - 1].col = n->pos.column;
        return;
    }
    if (cf->npos && cf->pos[cf->npos - 1].line == n->pos.line && cf->pos[cf->npos - 1].col == n->pos.column)
        return;
    cf->pos = grow(cf->pos, &cf->cappos, cf->npos + 1, sizeof *cf->pos);
    cf->pos[cf->npos++] = (js_posinfo){cf->len, n->pos.line, n->pos.column};
}

/* The callee as V8 prints it in "x is not a function". */
static void render(js_node *n, js_sbuf *b, int depth)
{
    if (depth > 8) {
        sb_puts(b, "...");
        return;
    }
    switch (n->kind) {
    case JS_IDENT:
        sb_puts(b, n->u.ident.name->ptr);
        break;
    case JS_THIS:
        sb_puts(b, "this");
        break;
    case JS_MEMBER:
        render(n->u.member.object, b, depth + 1);
        sb_puts(b, n->flags & JS_NF_OPTIONAL ? "?." : ".");
        sb_puts(b, n->u.member.name->ptr);
        break;
    case JS_INDEX:
        render(n->u.index.object, b, depth + 1);
        sb_puts(b, n->flags & JS_NF_OPTIONAL ? "?.[...]" : "[...]");
        break;
    case JS_UNARY:
        if (n->u.unary.op == JS_OP_VOID) {
            sb_puts(b, "(void ");
            render(n->u.unary.arg, b, depth + 1);
            sb_putc(b, ')');
        } else {
            sb_puts(b, "(intermediate value)");
        }
        break;
    case JS_NUMBER: {
        char buf[64];
        js_number_format(n->u.number, buf, sizeof buf);
        sb_puts(b, buf);
        break;
    }
    case JS_CALL:
        render(n->u.call.callee, b, depth + 1);
        sb_puts(b, n->flags & JS_NF_OPTIONAL ? "?.(...)" : "(...)");
        break;
    default:
        sb_puts(b, "(intermediate value)");
    }
}

/* Record the text b (freed) for the instruction about to be emitted, for
 * the messages js_callee_name finds. */
static void note_text(cfunc *cf, js_sbuf *b)
{
    cf->calls = grow(cf->calls, &cf->capcalls, cf->ncalls + 1, sizeof *cf->calls);
    cf->calls[cf->ncalls++] = (js_posinfo){cf->len, js_atom_pinned(b->data, b->len), 0};
    sb_free(b);
}

void note_callee(cfunc *cf, js_node *callee)
{
    js_sbuf b = {0};
    render(callee, &b, 0);
    note_text(cf, &b);
}

js_atom_id prop_key_atom(const js_property *pr)
{
    if (pr->key_kind == JS_KEY_NAME)
        return atom_of(pr->key_name);
    char buf[64];
    js_number_format(pr->key_number, buf, sizeof buf);
    return js_atom_cstr(buf);
}

/* A value's source as V8 names it in "x is not iterable" and "Cannot
 * destructure ... of 'x'": literals by value, an object literal as one
 * "(intermediate value)" per property. */
static void render_value(js_node *n, js_sbuf *b)
{
    if (n->kind == JS_OBJECT) {
        sb_putc(b, '{');
        for (uint32_t i = 0; i < n->u.list.count; i++)
            sb_puts(b, "(intermediate value)");
        sb_putc(b, '}');
    } else if (n->kind == JS_NULL || n->kind == JS_TRUE || n->kind == JS_FALSE) {
        sb_puts(b, n->kind == JS_NULL ? "null" : n->kind == JS_TRUE ? "true" : "false");
    } else {
        render(n, b, 0);
    }
}

/* The value a pattern destructures ("Cannot destructure property 'a' of
 * 'f(...)' as it is undefined."). */
void note_source(cfunc *cf, js_node *n)
{
    js_sbuf b = {0};
    render_value(n, &b);
    note_text(cf, &b);
}

/* The iterable of a for-of or an array pattern ("x is not iterable"); a
 * call's message names the callee ("g is not a function or its return
 * value is not iterable"). */
void note_iterable(cfunc *cf, js_node *n)
{
    js_sbuf b = {0};
    if (n->kind == JS_CALL || n->kind == JS_NEW) {
        render(n->u.call.callee, &b, 0);
        sb_puts(&b, " is not a function or its return value");
    } else {
        render_value(n, &b);
    }
    note_text(cf, &b);
}

js_atom_id js_callee_name(js_code *code, uint8_t *pc);
js_atom_id js_callee_name(js_code *code, uint8_t *pc)
{
    uint32_t at = (uint32_t)(pc - code->bc);
    for (uint32_t i = 0; i < code->ncalls; i++)
        if (code->calls[i].pc == at)
            return code->calls[i].line;
    return A_empty;
}

uint32_t new_ic(cfunc *cf) { return cf->nics++; }
uint32_t new_local(cfunc *cf) { return cf->nlocals++; }

void emit_number(cfunc *cf, double d)
{
    if (js_is_int32(d) && !(d == 0 && 1 / d < 0)) {
        emit_op32(cf, OP_INT, (uint32_t)(int32_t)d, 1);
        return;
    }
    cf->numbers = grow(cf->numbers, &cf->capnumbers, cf->nnumbers + 1, sizeof *cf->numbers);
    cf->numbers[cf->nnumbers] = d;
    emit_op32(cf, OP_NUMBER, cf->nnumbers++, 1);
}

void emit_string(cfunc *cf, js_atom_id a)
{
    js_atom_string(a); /* make sure it is interned as a string now */
    emit_op32(cf, OP_STRING, a, 1);
}

ctl *ctl_push(cfunc *cf, enum ctl_kind kind, js_node *node)
{
    cf->ctls = grow(cf->ctls, &cf->capctl, cf->nctl + 1, sizeof *cf->ctls);
    ctl *c = &cf->ctls[cf->nctl++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->node = node;
    return c;
}

void ctl_pop(cfunc *cf)
{
    ctl *c = &cf->ctls[--cf->nctl];
    free(c->breaks.at);
    free(c->continues.at);
}

/* ---- scopes ---- */

static cscope *scope_new(cscope *parent, cfunc *fn, bool is_function)
{
    cscope *s = xcalloc(1, sizeof *s);
    C->scopes = grow(C->scopes, &C->capscopes, C->nscopes + 1, sizeof *C->scopes);
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
    s->b = grow(s->b, &s->cap, s->n + 1, sizeof *s->b);
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

static void init_lexical(cfunc *cf, cscope *s)
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
static js_env_info *env_info(cscope *s)
{
    js_env_info *info = xcalloc(1, sizeof *info + s->nenv * sizeof(js_atom_id));
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
        cf->envs = grow(cf->envs, &cf->capenvs, cf->nenvs + 1, sizeof *cf->envs);
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
    cfunc *cf = xcalloc(1, sizeof *cf);
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

/* ---- pass 2: compile one function ---- */

static void prologue(cfunc *cf)
{
    cscope *s = cf->scope;
    js_function *f = cf->f;
    for (uint32_t i = 0; i < f->params.count; i++) {
        js_node *id = js_param_ident(f->params.items[i]);
        cbind *b = id ? scope_find(s, atom_of(id->u.ident.name)) : NULL;
        if (b && b->loc == LOC_ENV) {
            emit_op16(cf, OP_GET_ARG, i, 1);
            emit_op16(cf, OP_INIT_ENV, 0, -1), emit_u16(cf, b->index);
        }
    }
    if (cf->mapped_reg >= 0) { /* the object the mapped parameters live in */
        emit(cf, OP_ARGUMENTS, 1);
        emit_op16(cf, OP_PUT_LOC, (uint32_t)cf->mapped_reg, -1);
    }
    for (uint32_t i = 0; i < s->n; i++) {
        cbind *b = &s->b[i];
        js_op_code op = b->kind == BK_THIS ? OP_THIS : b->kind == BK_SELF ? OP_CALLEE
                        : b->kind == BK_ARGUMENTS ? OP_ARGUMENTS : OP_NOP;
        if (op == OP_NOP || (b->kind == BK_THIS && b->loc != LOC_ENV))
            continue;
        if (b->kind == BK_ARGUMENTS && cf->mapped_reg >= 0)
            emit_op16(cf, OP_GET_LOC, (uint32_t)cf->mapped_reg, 1);
        else
            emit(cf, op, 1);
        emit_set_var(cf, s, b->name, NULL, true);
        emit(cf, OP_POP, -1);
    }
    gen_param_initializers(cf, s, f);
    init_lexical(cf, s);
    if (cf->script_mode) {
        for (uint32_t i = 0; i < f->nvars; i++) {
            emit(cf, OP_UNDEF, 1);
            emit_op32(cf, OP_DEF_GLOBAL, atom_of(f->vars[i]), -1);
        }
        for (uint32_t i = 0; i < f->scope.count; i++) {
            emit(cf, OP_UNDEF, 1);
            emit_op32(cf, OP_DEF_GLOBAL, atom_of(f->scope.decls[i].name), -1);
        }
        cf->completion = (int)new_local(cf);
    }
    gen_hoisted_functions(cf, s, &f->funcs);
}

static js_code *finish(cfunc *cf)
{
    js_code *c = xcalloc(1, sizeof *c);
    js_function *f = cf->f;
    c->bc = cf->bc;
    c->len = cf->len;
    c->nparams = f->params.count;
    c->length = 0; /* Function.length: the parameters before a default or rest */
    while (c->length < f->params.count && f->params.items[c->length]->kind != JS_ASSIGN &&
           f->params.items[c->length]->kind != JS_SPREAD)
        c->length++;
    c->nlocals = cf->nlocals;
    c->nenv = cf->scope->nenv;
    c->fenv = c->nenv ? env_info(cf->scope) : NULL;
    c->envs = cf->envs;
    c->nenvs = cf->nenvs;
    c->flags = 0;
    if (f->flags & JS_FN_ARROW)
        c->flags |= CODE_ARROW;
    if (f->flags & JS_FN_STRICT)
        c->flags |= CODE_STRICT;
    if (!(f->flags & (JS_FN_ARROW | JS_FN_METHOD)) && cf->node->kind != JS_PROGRAM)
        c->flags |= CODE_CTOR;
    if (f->flags & JS_FN_CLASS_CTOR)
        c->flags |= CODE_CLASS;
    if (f->flags & JS_FN_DERIVED)
        c->flags |= CODE_DERIVED;
    if (cf->nt_reg >= 0) {
        c->flags |= CODE_NEW_TARGET;
        c->nt_reg = (uint32_t)cf->nt_reg;
    }
    if (cf->co_reg >= 0) {
        c->flags |= f->flags & JS_FN_ASYNC ? CODE_ASYNC : CODE_GENERATOR;
        c->flags &= ~(uint32_t)CODE_CTOR;
        c->co_reg = (uint32_t)cf->co_reg;
    }
    if (cf->node->kind == JS_PROGRAM)
        c->flags |= CODE_PROGRAM;
    const js_atom *name = f->name ? f->name : f->inferred_name;
    c->name = name ? atom_of(name) : A_empty;
    c->line = cf->node->pos.line;
    c->col = cf->node->pos.column;
    js_node *first = f->expr_body ? f->expr_body : f->body.count ? f->body.items[0] : cf->node;
    c->body_line = first->pos.line;
    c->body_col = first->pos.column;
    c->src_start = f->src_start;
    c->src_end = f->src_end;
    c->children = cf->children;
    c->nchildren = cf->nchildren;
    c->calls = cf->calls;
    c->ncalls = cf->ncalls;
    c->nics = cf->nics;
    c->nsites = cf->nsites;
    c->sites = xcalloc(cf->nsites, sizeof *c->sites);
    c->ics = xcalloc(cf->nics, sizeof *c->ics);
    c->numbers = cf->numbers;
    c->nnumbers = cf->nnumbers;
    c->pos = cf->pos;
    c->npos = cf->npos;
    c->source = C->src;
    c->max_stack = (uint32_t)cf->max_depth + 8;
    /* instances get as many in-object slots as the constructor assigns
     * (V8 gets there by slack tracking); 4 when it assigns none */
    c->inobj_hint = cf->this_props == 0 ? 4 : cf->this_props > 32 ? 32 : cf->this_props;
    free(cf->ctls);
    return c;
}

static js_code *compile_cfunc(cfunc *cf)
{
    js_function *f = cf->f;
    scope_place(cf, cf->scope);
    cf->nt_reg = -1;
    if (f->flags & (JS_FN_DERIVED | JS_FN_USES_NEW_TARGET))
        cf->nt_reg = (int)new_local(cf);
    cf->co_reg = -1;
    mark_pos(cf, cf->node);
    uint32_t to_reject = 0;
    if (f->flags & JS_FN_ASYNC) {
        /* an async function: its coroutine first, then everything it does
         * (the parameters' defaults too) under a handler whose catch
         * rejects its promise */
        cf->co_reg = (int)new_local(cf);
        emit_op16(cf, OP_ASYNC_START, (uint32_t)cf->co_reg, 0);
        to_reject = emit_jump(cf, OP_TRY, 0);
    }
    prologue(cf);
    if (f->flags & JS_FN_GENERATOR) {
        /* a generator: after the parameters, the generator object is made
         * and returned; the first next() goes on from the POP, which drops
         * the value it sends */
        cf->co_reg = (int)new_local(cf);
        emit_op16(cf, OP_GEN_START, (uint32_t)cf->co_reg, 1);
        emit(cf, OP_POP, -1);
    }
    if ((f->flags & (JS_FN_HAS_FIELDS | JS_FN_DERIVED)) == JS_FN_HAS_FIELDS)
        gen_field_init(cf, cf->scope, cf->node); /* a base class: fields first */
    int ret = f->flags & JS_FN_ASYNC ? OP_ASYNC_RETURN : OP_RETURN;
    if (f->expr_body) {
        gen_expr(cf, cf->scope, f->expr_body);
        emit(cf, ret, -1);
    } else {
        gen_stmts(cf, cf->scope, &f->body);
        if (cf->completion >= 0) {
            emit_op16(cf, OP_GET_LOC, (uint32_t)cf->completion, 1);
            emit(cf, ret, -1);
        } else if (cf->co_reg >= 0) {
            emit(cf, OP_UNDEF, 1);
            emit(cf, ret, -1);
        } else {
            emit(cf, OP_RETURN_UNDEF, 0);
        }
    }
    if (f->flags & JS_FN_ASYNC) {
        patch_here(cf, to_reject);
        cf->depth++; /* the exception */
        emit(cf, OP_ASYNC_THROW, -1);
    }
    return finish(cf);
}

uint32_t compile_function(cfunc *parent, js_node *fn)
{
    cfunc *cf = fn->aux;
    if (cf->child_plus1)
        return cf->child_plus1 - 1;
    js_code *code = compile_cfunc(cf);
    parent->children = grow(parent->children, &parent->capchildren, parent->nchildren + 1,
                            sizeof *parent->children);
    parent->children[parent->nchildren] = code;
    cf->child_plus1 = parent->nchildren + 1;
    return parent->nchildren++;
}

js_code *js_compile_program(js_node *program, js_source *src, bool script_mode)
{
    compiler c = {src, script_mode, false, NULL, 0, 0};
    compiler *saved = C;
    C = &c;
    cfunc *cf = analyze_function(NULL, NULL, program);
    js_code *code = compile_cfunc(cf);
    C = saved;
    /* the scopes hang off the AST, which the caller frees next */
    for (uint32_t i = 0; i < c.nscopes; i++) {
        cscope *s = c.scopes[i];
        if (s->is_function && s->fn != cf && s->fn->scope == s)
            free(s->fn);
        free(s->b);
        free(s);
    }
    free(cf);
    free(c.scopes);
    if (c.failed) {
        js_code_free(code);
        return NULL;
    }
    return code;
}
