/* compiler.c - bytecode emission helpers, source notes for error messages,
 * and compiling a function and a program (see compiler_int.h).  The resolve
 * pass, scopes and variable access are in compile_scope.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compiler_int.h"
#include "parser.h"

compiler *C;

void *cc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

void *cc_grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
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
    cf->bc = cc_grow(cf->bc, &cf->cap, cf->len + 1, 1);
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
    l->at = cc_grow(l->at, &l->cap, l->n + 1, sizeof *l->at);
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
    cf->pos = cc_grow(cf->pos, &cf->cappos, cf->npos + 1, sizeof *cf->pos);
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
    cf->calls = cc_grow(cf->calls, &cf->capcalls, cf->ncalls + 1, sizeof *cf->calls);
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
    cf->numbers = cc_grow(cf->numbers, &cf->capnumbers, cf->nnumbers + 1, sizeof *cf->numbers);
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
    cf->ctls = cc_grow(cf->ctls, &cf->capctl, cf->nctl + 1, sizeof *cf->ctls);
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
    js_code *c = cc_xcalloc(1, sizeof *c);
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
    c->sites = cc_xcalloc(cf->nsites, sizeof *c->sites);
    c->ics = cc_xcalloc(cf->nics, sizeof *c->ics);
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
    parent->children = cc_grow(parent->children, &parent->capchildren, parent->nchildren + 1,
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
    cfunc *cf = cc_analyze_program(program);
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
