/* scope.c - scopes, declarations and break/continue targets during parsing.
 *
 * Early errors about declarations (a let declared twice, a var that crosses a
 * let of the same name, ...) need to know what each open scope declares.  A
 * single hash table maps (scope id, name) to what the name is in that scope.
 * Scope ids are never reused, so entries of closed scopes are simply never
 * looked up again.
 *
 * A `var` is recorded in every scope from the one it appears in up to its
 * function scope (JP_N_VAR), because a later `let` of the same name in any of
 * them is an error ({ { var x; } let x; }).  Walking up stops at the first
 * scope that already has the mark, so repeated vars cost O(1).
 */
#include <stdlib.h>
#include <string.h>

#include "parser_int.h"

enum {
    JP_N_VAR = 1,    /* declared by var here, or a var below passes through */
    JP_N_PARAM,      /* parameter (function scope) */
    JP_N_FUNC_TOP,   /* function declaration at the top of a function */
    JP_N_LET,
    JP_N_CONST,
    JP_N_BLOCK_FUNC, /* function declaration in a block */
    JP_N_CATCH       /* catch parameter */
};

struct jp_name {
    uint32_t scope_id; /* 0: empty slot */
    uint32_t kind;
    const js_atom *name;
};

static uint32_t name_hash(uint32_t scope_id, const js_atom *name)
{
    return (name->hash ^ (scope_id * 0x9E3779B1u)) * 0x85EBCA6Bu;
}

static jp_name *name_slot(jp_name *tab, uint32_t cap, uint32_t scope_id, const js_atom *name)
{
    uint32_t i = name_hash(scope_id, name) & (cap - 1);
    while (tab[i].scope_id && !(tab[i].scope_id == scope_id && tab[i].name == name))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static jp_name *lookup(js_parser *p, const jp_scope *s, const js_atom *name)
{
    if (!p->names)
        return NULL;
    jp_name *e = name_slot(p->names, p->names_cap, s->id, name);
    return e->scope_id ? e : NULL;
}

static void grow_names(js_parser *p)
{
    uint32_t ncap = p->names_cap ? p->names_cap * 2 : 256;
    jp_name *nt = calloc(ncap, sizeof *nt);
    if (!nt)
        js_lex_out_of_memory(&p->lx);
    for (uint32_t i = 0; i < p->names_cap; i++)
        if (p->names[i].scope_id)
            *name_slot(nt, ncap, p->names[i].scope_id, p->names[i].name) = p->names[i];
    free(p->names);
    p->names = nt;
    p->names_cap = ncap;
}

static void insert(js_parser *p, const jp_scope *s, const js_atom *name, uint32_t kind)
{
    if ((p->names_count + 1) * 2 > p->names_cap)
        grow_names(p);
    jp_name *e = name_slot(p->names, p->names_cap, s->id, name);
    if (!e->scope_id)
        p->names_count++;
    e->scope_id = s->id;
    e->name = name;
    e->kind = kind;
}

void jp_names_free(js_parser *p)
{
    free(p->names);
    p->names = NULL;
    p->names_cap = p->names_count = 0;
}

static bool is_lexical(uint32_t kind)
{
    return kind == JP_N_LET || kind == JP_N_CONST || kind == JP_N_BLOCK_FUNC;
}

static _Noreturn void redeclared(js_parser *p, js_node *id)
{
    const js_atom *n = id->u.ident.name;
    jp_fail_at(p, id->pos, n->len, "Identifier '%.*s' has already been declared",
               jp_name_len(n), n->ptr);
}

/* ---- scopes and functions -------------------------------------------------- */

void jp_scope_open(js_parser *p, jp_scope *s, jp_scope_kind kind)
{
    s->parent = p->scope;
    s->id = ++p->next_scope_id;
    s->kind = kind;
    s->decl_base = p->decls.len;
    p->scope = s;
}

js_scope jp_scope_close(js_parser *p, jp_scope *s)
{
    js_scope out;
    out.decls = jp_take(p, &p->decls, s->decl_base, &out.count);
    p->scope = s->parent;
    return out;
}

/* A function nests many C frames (parameters, body, statement, expression):
 * count it as several levels so that the depth limit bounds the stack. */
#define FUNCTION_WEIGHT 4

void jp_func_open(js_parser *p, jp_func *f, js_function *fn, bool arrow)
{
    for (int i = 0; i < FUNCTION_WEIGHT; i++)
        jp_enter(p);
    f->parent = p->func;
    f->fn = fn;
    f->strict = f->parent ? f->parent->strict : p->opt->strict;
    f->is_arrow = arrow;
    f->var_base = p->vars.len;
    f->func_base = p->funcs.len;
    f->target_base = p->targets.len;
    f->dup_param = NULL;
    p->func = f;
    jp_scope_open(p, &f->scope, JP_SCOPE_FUNCTION);
}

void jp_func_close(js_parser *p, jp_func *f)
{
    js_function *fn = f->fn;
    fn->vars = jp_take(p, &p->vars, f->var_base, &fn->nvars);
    fn->funcs.items = jp_take(p, &p->funcs, f->func_base, &fn->funcs.count);
    fn->scope = jp_scope_close(p, &f->scope);
    if (f->strict)
        fn->flags |= JS_FN_STRICT;
    p->func = f->parent;
    p->depth -= FUNCTION_WEIGHT;
}

/* ---- declarations ------------------------------------------------------------ */

static void push_decl(js_parser *p, const js_atom *name, js_decl_kind kind, js_node *node)
{
    js_decl d = {name, kind, node};
    jp_vec_push(p, &p->decls, &d);
}

void jp_declare_lexical(js_parser *p, js_node *id, js_decl_kind kind, js_node *decl)
{
    static const uint32_t kinds[] = {
        [JS_DECL_LET] = JP_N_LET, [JS_DECL_CONST] = JP_N_CONST,
        [JS_DECL_FUNCTION] = JP_N_BLOCK_FUNC, [JS_DECL_CATCH_PARAM] = JP_N_CATCH,
    };
    const js_atom *name = id->u.ident.name;
    jp_name *e = lookup(p, p->scope, name);
    if (e) {
        /* sloppy mode allows function f(){} function f(){} in one block */
        bool sloppy_funcs = kind == JS_DECL_FUNCTION && e->kind == JP_N_BLOCK_FUNC &&
                            !p->func->strict;
        if (!sloppy_funcs)
            redeclared(p, id);
    }
    insert(p, p->scope, name, kinds[kind]);
    push_decl(p, name, kind, decl);
}

/* Records a var from scope s upwards; the caller has checked for conflicts
 * (check_only) or wants them reported. */
static bool var_walk(js_parser *p, jp_scope *s, js_node *id, bool check_only)
{
    const js_atom *name = id->u.ident.name;
    for (;; s = s->parent) {
        jp_name *e = lookup(p, s, name);
        if (e && is_lexical(e->kind)) {
            if (check_only)
                return false;
            redeclared(p, id);
        }
        if (e && e->kind == JP_N_PARAM && check_only && s->kind == JP_SCOPE_FUNCTION)
            return false; /* Annex B skips names of parameters */
        if (e && e->kind != JP_N_CATCH)
            return true; /* already recorded from here up */
        if (check_only) {
            if (s->kind == JP_SCOPE_FUNCTION)
                return true;
            continue;
        }
        if (!e)
            insert(p, s, name, JP_N_VAR);
        if (s->kind == JP_SCOPE_FUNCTION) {
            jp_vec_push(p, &p->vars, &name);
            return true;
        }
    }
}

void jp_declare_var(js_parser *p, js_node *id)
{
    var_walk(p, p->scope, id, false);
}

void jp_declare_param(js_parser *p, js_node *id)
{
    jp_scope *s = &p->func->scope;
    if (lookup(p, s, id->u.ident.name)) {
        if (!p->func->dup_param)
            p->func->dup_param = id;
        return;
    }
    insert(p, s, id->u.ident.name, JP_N_PARAM);
}

void jp_declare_pattern_param(js_parser *p, js_node *id)
{
    if (lookup(p, &p->func->scope, id->u.ident.name) && !p->func->dup_param)
        p->func->dup_param = id;
    jp_declare_var(p, id);
}

void jp_declare_function(js_parser *p, js_node *fdecl)
{
    js_node *id = fdecl->u.func->id;
    jp_scope *s = p->scope;
    if (s->kind == JP_SCOPE_FUNCTION) {
        jp_name *e = lookup(p, s, id->u.ident.name);
        if (e && is_lexical(e->kind))
            redeclared(p, id);
        if (!e)
            insert(p, s, id->u.ident.name, JP_N_FUNC_TOP);
        jp_vec_push(p, &p->funcs, &fdecl);
        return;
    }
    jp_declare_lexical(p, id, JS_DECL_FUNCTION, fdecl);
    /* Annex B.3.3: in sloppy mode a function in a block is also a var of the
     * enclosing function, unless that var would clash with a lexical name. */
    if (!p->func->strict && var_walk(p, s->parent, id, true)) {
        var_walk(p, s->parent, id, false);
        fdecl->flags |= JS_NF_ANNEXB_VAR;
    }
}

/* ---- this, arguments, eval -------------------------------------------------- */

/* Arrows see the this/arguments of their enclosing function: mark every
 * function up to the first non-arrow. */
static void note_up_to_non_arrow(js_parser *p, uint32_t flag)
{
    for (jp_func *f = p->func; f; f = f->parent) {
        f->fn->flags |= flag;
        if (!f->is_arrow)
            break;
    }
}

void jp_note_this(js_parser *p)
{
    note_up_to_non_arrow(p, JS_FN_USES_THIS);
}

void jp_note_arguments(js_parser *p)
{
    note_up_to_non_arrow(p, JS_FN_USES_ARGUMENTS);
}

void jp_note_eval(js_parser *p)
{
    for (jp_func *f = p->func; f; f = f->parent)
        f->fn->flags |= JS_FN_USES_EVAL;
}

/* ---- break / continue targets ------------------------------------------------ */

static jp_target *target_at(js_parser *p, uint32_t i)
{
    return (jp_target *)(void *)(p->targets.data + (size_t)i * sizeof(jp_target));
}

/* labels_before: how many labels stand directly in front of this statement;
 * they are the topmost entries, and they label this loop. */
void jp_push_target(js_parser *p, jp_target_kind kind, js_node *node, const js_atom *label,
                    uint32_t labels_before)
{
    if (kind == JP_TARGET_LOOP)
        for (uint32_t i = 0; i < labels_before; i++)
            target_at(p, p->targets.len - 1 - i)->loop = node;
    jp_target t = {kind, label, node, NULL};
    jp_vec_push(p, &p->targets, &t);
}

void jp_pop_target(js_parser *p)
{
    p->targets.len--;
}

static jp_target *find_label(js_parser *p, const js_atom *label)
{
    for (uint32_t i = p->targets.len; i-- > p->func->target_base;) {
        jp_target *t = target_at(p, i);
        if (t->kind == JP_TARGET_LABEL && t->label == label)
            return t;
    }
    return NULL;
}

void jp_check_label_unique(js_parser *p, const js_atom *label, js_pos pos)
{
    if (find_label(p, label))
        jp_fail_at(p, pos, label->len, "Label '%.*s' has already been declared",
                   jp_name_len(label), label->ptr);
}

static _Noreturn void undefined_label(js_parser *p, const js_atom *label, js_pos pos, uint32_t len)
{
    jp_fail_at(p, pos, len, "Undefined label '%.*s'", jp_name_len(label), label->ptr);
}

js_node *jp_break_target(js_parser *p, const js_atom *label, js_pos pos, uint32_t len)
{
    if (label) {
        jp_target *t = find_label(p, label);
        if (!t)
            undefined_label(p, label, pos, len);
        return t->node;
    }
    for (uint32_t i = p->targets.len; i-- > p->func->target_base;) {
        jp_target *t = target_at(p, i);
        if (t->kind != JP_TARGET_LABEL)
            return t->node;
    }
    jp_fail_at(p, pos, len, "Illegal break statement");
}

js_node *jp_continue_target(js_parser *p, const js_atom *label, js_pos pos, uint32_t len)
{
    if (label) {
        jp_target *t = find_label(p, label);
        if (!t)
            undefined_label(p, label, pos, len);
        if (!t->loop)
            jp_fail_at(p, pos, len,
                       "Illegal continue statement: '%.*s' does not denote an iteration statement",
                       jp_name_len(label), label->ptr);
        return t->loop;
    }
    for (uint32_t i = p->targets.len; i-- > p->func->target_base;) {
        jp_target *t = target_at(p, i);
        if (t->kind == JP_TARGET_LOOP)
            return t->node;
    }
    jp_fail_at(p, pos, len, "Illegal continue statement: no surrounding iteration statement");
}
