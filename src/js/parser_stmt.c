/* parser_stmt.c - statements, function bodies and the program. */
#include <string.h>

#include "parser_int.h"

static js_node *parse_block(js_parser *p);

/* ---- helpers ------------------------------------------------------------------ */

static js_node *new_stmt(js_parser *p, js_node_kind kind)
{
    return jp_node(p, kind, jp_tok_pos(p));
}

/* `let` starts a declaration when a binding follows (ES 14.3, and the
 * lookahead restriction on expression statements: `let [`). */
static bool at_let_declaration(js_parser *p)
{
    if (!jp_is(p, JS_T_IDENT) || p->lx.tok.atom != p->a_let)
        return false;
    js_tok next = js_lex_peek(&p->lx);
    return next == JS_T_IDENT || next == JS_T_LBRACKET || next == JS_T_LBRACE;
}

static bool at_of(js_parser *p)
{
    return jp_is(p, JS_T_IDENT) && p->lx.tok.atom == p->a_of;
}

/* Statement list items up to `end` (not consumed), with a directive
 * prologue if f is given. */
static void parse_items(js_parser *p, jp_func *f, js_tok end)
{
    bool prologue = f != NULL;
    while (!jp_is(p, end)) {
        if (jp_is(p, JS_T_EOF))
            jp_unexpected(p);
        if (prologue && jp_is(p, JS_T_STRING)) {
            const js_token *t = &p->lx.tok;
            bool use_strict = !t->escaped && t->end - t->start == 12 && t->atom == p->a_use_strict;
            js_pos at = jp_tok_pos(p);
            js_node *s = jp_parse_statement(p, true);
            js_node *e = s->kind == JS_EXPR_STMT ? s->u.expr_stmt.expr : NULL;
            if (e && e->kind == JS_STRING && !(e->flags & JS_NF_PARENTHESIZED)) {
                s->flags |= JS_NF_DIRECTIVE;
                f->fn->flags |= JS_FN_HAS_DIRECTIVES;
                if (use_strict && !js_params_simple(f->fn))
                    jp_fail_at(p, at, 12, "Illegal 'use strict' directive in function with "
                                          "non-simple parameter list");
                if (use_strict)
                    f->strict = true;
            } else {
                prologue = false;
            }
            jp_push_node(p, s);
            continue;
        }
        prologue = false;
        jp_push_node(p, jp_parse_statement(p, true));
    }
}

/* ---- functions ------------------------------------------------------------------- */

/* `{ body }` of a function; the current token must be `{`. */
static void parse_function_body(js_parser *p, jp_func *f)
{
    jp_expect(p, JS_T_LBRACE);
    bool saved_no_in = p->no_in;
    p->no_in = false;
    uint32_t base = p->nodes.len;
    parse_items(p, f, JS_T_RBRACE);
    f->fn->body = jp_take_nodes(p, base);
    f->fn->src_end = p->lx.tok.end;
    p->no_in = saved_no_in;
    jp_next(p);
}

/* Checks that depend on whether the function turned out to be strict. */
static void check_function_names(js_parser *p, jp_func *f)
{
    js_function *fn = f->fn;
    if (fn->id)
        jp_check_binding(p, fn->id, f->strict, false);
    for (uint32_t i = 0; i < fn->params.count; i++) /* (a pattern's names were checked) */
        if (js_param_ident(fn->params.items[i]))
            jp_check_binding(p, js_param_ident(fn->params.items[i]), f->strict, false);
    if (f->dup_param && (f->strict || f->is_arrow || !js_params_simple(fn)))
        jp_fail_at(p, f->dup_param->pos, f->dup_param->u.ident.name->len,
                   "Duplicate parameter name not allowed in this context");
}

static void declare_pattern(js_parser *p, js_node *e, js_decl_kind kind);

static void declare_param_pattern(js_parser *p, js_node *pattern)
{
    p->param_pattern = true;
    declare_pattern(p, pattern, JS_DECL_VAR);
    p->param_pattern = false;
}

/* `...name` (the last parameter) or `name = default`: wrapped around the
 * name as js_param_ident expects.  A pattern (`{a, b} = {}` too) declares
 * its names as the function's vars. */
static js_node *parse_param(js_parser *p)
{
    js_node *rest = NULL;
    if (jp_is(p, JS_T_ELLIPSIS)) {
        rest = jp_node(p, JS_SPREAD, jp_tok_pos(p));
        jp_next(p);
    }
    js_node *id;
    if (!rest && (jp_is(p, JS_T_LBRACKET) || jp_is(p, JS_T_LBRACE))) {
        id = jp_parse_pattern_literal(p);
        declare_param_pattern(p, id);
    } else {
        if (jp_is(p, JS_T_LBRACKET) || jp_is(p, JS_T_LBRACE))
            jp_fail(p, "destructuring rest parameters are not supported");
        if (!jp_is(p, JS_T_IDENT))
            jp_unexpected(p);
        id = jp_ident_node(p);
        jp_next(p);
        jp_declare_param(p, id);
    }
    if (rest) {
        if (jp_is(p, JS_T_ASSIGN))
            jp_fail(p, "Rest parameter may not have a default initializer");
        if (!jp_is(p, JS_T_RPAREN))
            jp_fail(p, "Rest parameter must be last formal parameter");
        rest->u.unary.arg = id;
        return rest;
    }
    return jp_is(p, JS_T_ASSIGN) ? jp_parse_default(p, id) : id;
}

static js_node_list parse_params(js_parser *p)
{
    uint32_t base = p->nodes.len;
    jp_expect(p, JS_T_LPAREN);
    bool saved_no_in = p->no_in;
    p->no_in = false;
    while (!jp_is(p, JS_T_RPAREN)) {
        jp_push_node(p, parse_param(p));
        if (!jp_accept(p, JS_T_COMMA))
            break;
    }
    p->no_in = saved_no_in;
    jp_expect(p, JS_T_RPAREN);
    return jp_take_nodes(p, base);
}

void jp_parse_function_rest(js_parser *p, js_node *fnode, uint32_t flags)
{
    js_function *fn = fnode->u.func;
    fn->flags |= flags;
    jp_func f;
    jp_func_open(p, &f, fn, false);
    if (!jp_is(p, JS_T_LPAREN)) {
        if (fnode->kind == JS_FUNC_DECL || jp_is(p, JS_T_EOF))
            jp_unexpected(p);
        jp_fail(p, "Unexpected token '%.*s'", (int)(p->lx.tok.end - p->lx.tok.start),
                p->lx.src + p->lx.tok.start);
    }
    fn->params = parse_params(p);
    fn->params_end = p->prev_end;
    parse_function_body(p, &f);
    check_function_names(p, &f);
    jp_func_close(p, &f);
}

js_node *jp_parse_arrow_body(js_parser *p, js_node *fnode, js_node_list params)
{
    js_function *fn = fnode->u.func;
    fn->flags |= JS_FN_ARROW;
    fn->params = params;
    jp_func f;
    jp_func_open(p, &f, fn, true);
    for (uint32_t i = 0; i < params.count; i++) {
        js_node *id = js_param_ident(params.items[i]);
        if (id)
            jp_declare_param(p, id);
        else /* a literal of the cover grammar, which must be a pattern */
            declare_param_pattern(p, params.items[i]);
    }
    jp_next(p); /* => */
    if (jp_is(p, JS_T_LBRACE)) {
        parse_function_body(p, &f);
    } else {
        fn->flags |= JS_FN_EXPR_BODY;
        fn->expr_body = jp_parse_assign(p);
        fn->src_end = p->prev_end;
    }
    check_function_names(p, &f);
    jp_func_close(p, &f);
    return fnode;
}

/* `function f() {}`, or `async function f() {}` (flags JS_FN_ASYNC) */
static js_node *parse_function_decl(js_parser *p, uint32_t flags)
{
    js_node *n = new_stmt(p, JS_FUNC_DECL);
    js_function *fn = jp_function(p);
    n->u.func = fn;
    fn->src_start = p->lx.tok.start;
    if (flags)
        jp_next(p); /* async */
    jp_next(p);
    if (jp_is(p, JS_T_STAR)) {
        if (flags)
            jp_fail(p, "async generator functions are not supported");
        flags = JS_FN_GENERATOR;
        jp_next(p);
    }
    if (jp_is(p, JS_T_LPAREN))
        jp_fail(p, "Function statements require a function name");
    if (!jp_is(p, JS_T_IDENT))
        jp_unexpected(p);
    fn->id = jp_ident_node(p);
    fn->name = fn->id->u.ident.name;
    jp_next(p);
    jp_declare_function(p, n);
    jp_parse_function_rest(p, n, flags);
    return n;
}

js_node *jp_parse_program(js_parser *p)
{
    js_pos start = {1, 1, 0};
    js_node *prog = jp_node(p, JS_PROGRAM, start);
    js_function *fn = jp_function(p);
    prog->u.func = fn;
    jp_func f;
    jp_func_open(p, &f, fn, false);
    uint32_t base = p->nodes.len;
    for (const char *const *name = p->opt->program_params; name && *name; name++) {
        js_node *id = jp_node(p, JS_IDENT, start);
        id->u.ident.name = js_intern(&p->intern, *name, strlen(*name));
        if (!id->u.ident.name)
            js_lex_out_of_memory(&p->lx);
        jp_declare_param(p, id);
        jp_push_node(p, id);
    }
    fn->params = jp_take_nodes(p, base);
    jp_next(p);
    parse_items(p, &f, JS_T_EOF);
    fn->body = jp_take_nodes(p, base);
    fn->src_end = p->lx.len;
    jp_func_close(p, &f);
    return prog;
}

/* ---- declarations ------------------------------------------------------------- */

/* Declare one bound name of a declaration. */
static void declare_name(js_parser *p, js_node *id, js_decl_kind kind)
{
    jp_check_binding(p, id, p->func->strict, kind != JS_DECL_VAR);
    if (p->param_pattern)
        jp_declare_pattern_param(p, id);
    else if (kind == JS_DECL_VAR)
        jp_declare_var(p, id);
    else
        jp_declare_lexical(p, id, kind, id);
}

/* A declaration pattern's target: a name only (not parenthesized). */
static void declare_target(js_parser *p, js_node *e, void *ctx)
{
    if (e->kind == JS_IDENT && !(e->flags & JS_NF_PARENTHESIZED)) {
        declare_name(p, e, *(const js_decl_kind *)ctx);
        return;
    }
    /* V8's messages; its caret spans the whole target, ours its first
     * character (nodes keep no end) */
    if (e->kind == JS_MEMBER || e->kind == JS_INDEX)
        jp_fail_at(p, e->pos, 1, "Illegal property in declaration context");
    jp_fail_at(p, e->pos, 1, "Invalid destructuring assignment target");
}

/* Check that e, parsed as an array or object literal, is a binding
 * pattern, and declare its names. */
static void declare_pattern(js_parser *p, js_node *e, js_decl_kind kind)
{
    jp_walk_pattern(p, e, declare_target, &kind);
}

static js_node *parse_declarator(js_parser *p, js_decl_kind kind, bool in_for)
{
    if (jp_is(p, JS_T_LBRACKET) || jp_is(p, JS_T_LBRACE)) {
        js_node *d = new_stmt(p, JS_DECLARATOR);
        js_node *pattern = jp_parse_pattern_literal(p);
        declare_pattern(p, pattern, kind);
        d->u.declarator.id = pattern;
        if (jp_accept(p, JS_T_ASSIGN))
            d->u.declarator.init = jp_parse_assign(p);
        else if (!(in_for && (jp_is(p, JS_T_IN) || at_of(p))))
            jp_fail_at(p, pattern->pos, 1, "Missing initializer in destructuring declaration");
        return d;
    }
    if (!jp_is(p, JS_T_IDENT))
        jp_unexpected(p);
    js_node *d = new_stmt(p, JS_DECLARATOR);
    js_node *id = jp_ident_node(p);
    d->u.declarator.id = id;
    jp_check_binding(p, id, p->func->strict, kind != JS_DECL_VAR);
    jp_next(p);
    if (kind == JS_DECL_VAR)
        jp_declare_var(p, id);
    else
        jp_declare_lexical(p, id, kind, id);
    if (jp_accept(p, JS_T_ASSIGN)) {
        d->u.declarator.init = jp_parse_assign(p);
        jp_set_inferred_name(d->u.declarator.init, id->u.ident.name);
    } else if (kind == JS_DECL_CONST && !(in_for && (jp_is(p, JS_T_IN) || at_of(p)))) {
        jp_fail_at(p, id->pos, id->u.ident.name->len, "Missing initializer in const declaration");
    }
    return d;
}

/* var/let/const declarations; the current token is the keyword. */
static js_node *parse_var_decl(js_parser *p, js_decl_kind kind, bool in_for)
{
    js_node *n = new_stmt(p, JS_VAR_DECL);
    n->u.var_decl.kind = kind;
    jp_next(p);
    uint32_t base = p->nodes.len;
    do
        jp_push_node(p, parse_declarator(p, kind, in_for));
    while (jp_accept(p, JS_T_COMMA));
    n->u.var_decl.decls = jp_take_nodes(p, base);
    return n;
}

/* ---- loops ------------------------------------------------------------------------- */

/* The rest of `for (left in right)`, or with of, `for (left of right)`
 * (whose right side is an AssignmentExpression). */
static js_node *parse_for_in_rest(js_parser *p, js_node *n, js_node *left, bool of)
{
    const char *loop = of ? "for-of" : "for-in";
    n->kind = JS_FOR_IN;
    n->u.for_in.of = of;
    if (left->kind == JS_VAR_DECL) {
        js_node *d = left->u.var_decl.decls.items[0];
        if (left->u.var_decl.decls.count != 1)
            jp_fail_at(p, left->pos, 3,
                       "Invalid left-hand side in %s loop: Must have a single binding.", loop);
        if (d->u.declarator.init)
            jp_fail_at(p, left->pos, 3, "%s loop variable declaration may not have an initializer.",
                       loop);
    } else if ((left->kind == JS_ARRAY || left->kind == JS_OBJECT) &&
               !(left->flags & JS_NF_PARENTHESIZED)) {
        jp_check_assignment_pattern(p, left);
    } else {
        jp_check_target(p, left, left->flags & JS_NF_CHAIN_END ? "Invalid left-hand side in for-loop"
                                 : of ? "Invalid left-hand side in for-of loop"
                                      : "Invalid left-hand side in for-in loop");
    }
    jp_next(p); /* in, of */
    n->u.for_in.left = left;
    n->u.for_in.right = of ? jp_parse_assign(p) : jp_parse_expression(p);
    jp_expect(p, JS_T_RPAREN);
    return n;
}

/* The head of `for (...)`; `await`: of `for await (...)`, which must be
 * a for-of. */
static js_node *parse_for_head(js_parser *p, js_node *n, bool await)
{
    js_node *init = NULL;
    p->no_in = true;
    if (jp_is(p, JS_T_VAR))
        init = parse_var_decl(p, JS_DECL_VAR, true);
    else if (jp_is(p, JS_T_CONST))
        init = parse_var_decl(p, JS_DECL_CONST, true);
    else if (at_let_declaration(p))
        init = parse_var_decl(p, JS_DECL_LET, true);
    else if (!jp_is(p, JS_T_SEMI))
        init = jp_parse_expression(p);
    p->no_in = false;
    if (init && at_of(p)) {
        parse_for_in_rest(p, n, init, true);
        n->u.for_in.await = await;
        return n;
    }
    if (await)
        jp_unexpected(p);
    if (init && jp_is(p, JS_T_IN))
        return parse_for_in_rest(p, n, init, false);
    n->u.for_.init = init;
    jp_expect(p, JS_T_SEMI);
    if (!jp_is(p, JS_T_SEMI))
        n->u.for_.test = jp_parse_expression(p);
    jp_expect(p, JS_T_SEMI);
    if (!jp_is(p, JS_T_RPAREN))
        n->u.for_.update = jp_parse_expression(p);
    jp_expect(p, JS_T_RPAREN);
    return n;
}

static js_node *parse_for(js_parser *p, uint32_t labels)
{
    js_node *n = new_stmt(p, JS_FOR);
    jp_next(p);
    bool await = jp_at_word(p, p->a_await);
    if (await && !(p->func->fn->flags & JS_FN_ASYNC))
        jp_fail(p, "Unexpected reserved word");
    if (await)
        jp_next(p);
    jp_expect(p, JS_T_LPAREN);
    jp_scope scope;
    jp_scope_open(p, &scope, JP_SCOPE_BLOCK);
    parse_for_head(p, n, await);
    jp_push_target(p, JP_TARGET_LOOP, n, NULL, labels);
    js_node *body = jp_parse_statement(p, false);
    jp_pop_target(p);
    js_scope s = jp_scope_close(p, &scope);
    if (n->kind == JS_FOR_IN) {
        n->u.for_in.body = body;
        n->u.for_in.scope = s;
    } else {
        n->u.for_.body = body;
        n->u.for_.scope = s;
    }
    return n;
}

static js_node *parse_paren_expression(js_parser *p)
{
    jp_expect(p, JS_T_LPAREN);
    js_node *e = jp_parse_expression(p);
    jp_expect(p, JS_T_RPAREN);
    return e;
}

static js_node *parse_while(js_parser *p, uint32_t labels)
{
    js_node *n = new_stmt(p, JS_WHILE);
    jp_next(p);
    n->u.loop.test = parse_paren_expression(p);
    jp_push_target(p, JP_TARGET_LOOP, n, NULL, labels);
    n->u.loop.body = jp_parse_statement(p, false);
    jp_pop_target(p);
    return n;
}

static js_node *parse_do_while(js_parser *p, uint32_t labels)
{
    js_node *n = new_stmt(p, JS_DO_WHILE);
    jp_next(p);
    jp_push_target(p, JP_TARGET_LOOP, n, NULL, labels);
    n->u.loop.body = jp_parse_statement(p, false);
    jp_pop_target(p);
    jp_expect(p, JS_T_WHILE);
    n->u.loop.test = parse_paren_expression(p);
    jp_accept(p, JS_T_SEMI); /* a `;` is inserted after do-while even on one line */
    return n;
}

/* ---- other compound statements ---------------------------------------------------- */

static js_node *parse_if(js_parser *p)
{
    js_node *n = new_stmt(p, JS_IF);
    jp_next(p);
    n->u.if_.test = parse_paren_expression(p);
    n->u.if_.then = jp_parse_statement(p, false);
    if (jp_accept(p, JS_T_ELSE))
        n->u.if_.otherwise = jp_parse_statement(p, false);
    return n;
}

static js_node *parse_case(js_parser *p, bool *seen_default)
{
    js_node *c = new_stmt(p, JS_CASE);
    if (jp_accept(p, JS_T_CASE)) {
        c->u.case_.test = jp_parse_expression(p);
    } else if (jp_is(p, JS_T_DEFAULT)) {
        if (*seen_default)
            jp_fail(p, "More than one default clause in switch statement");
        *seen_default = true;
        jp_next(p);
    } else {
        jp_unexpected(p);
    }
    jp_expect(p, JS_T_COLON);
    uint32_t base = p->nodes.len;
    while (!jp_is(p, JS_T_CASE) && !jp_is(p, JS_T_DEFAULT) && !jp_is(p, JS_T_RBRACE)) {
        if (jp_is(p, JS_T_EOF))
            jp_unexpected(p);
        jp_push_node(p, jp_parse_statement(p, true));
    }
    c->u.case_.body = jp_take_nodes(p, base);
    return c;
}

static js_node *parse_switch(js_parser *p, uint32_t labels)
{
    js_node *n = new_stmt(p, JS_SWITCH);
    jp_next(p);
    n->u.switch_.discriminant = parse_paren_expression(p);
    jp_expect(p, JS_T_LBRACE);
    jp_scope scope;
    jp_scope_open(p, &scope, JP_SCOPE_BLOCK);
    jp_push_target(p, JP_TARGET_SWITCH, n, NULL, labels);
    uint32_t base = p->nodes.len;
    bool seen_default = false;
    while (!jp_is(p, JS_T_RBRACE))
        jp_push_node(p, parse_case(p, &seen_default));
    n->u.switch_.cases = jp_take_nodes(p, base);
    jp_pop_target(p);
    n->u.switch_.scope = jp_scope_close(p, &scope);
    jp_next(p);
    return n;
}

/* The block of a catch clause: its scope starts with the catch parameter. */
static js_node *parse_catch_block(js_parser *p, js_node *param)
{
    js_node *b = new_stmt(p, JS_BLOCK);
    jp_expect(p, JS_T_LBRACE);
    jp_scope scope;
    jp_scope_open(p, &scope, JP_SCOPE_BLOCK);
    if (param)
        jp_declare_lexical(p, param, JS_DECL_CATCH_PARAM, param);
    uint32_t base = p->nodes.len;
    parse_items(p, NULL, JS_T_RBRACE);
    b->u.block.body = jp_take_nodes(p, base);
    b->u.block.scope = jp_scope_close(p, &scope);
    jp_next(p);
    return b;
}

static js_node *parse_try(js_parser *p)
{
    js_node *n = new_stmt(p, JS_TRY);
    jp_next(p);
    if (!jp_is(p, JS_T_LBRACE))
        jp_unexpected(p);
    n->u.try_.block = parse_block(p);
    if (jp_accept(p, JS_T_CATCH)) {
        if (jp_accept(p, JS_T_LPAREN)) {
            if (jp_is(p, JS_T_LBRACKET) || jp_is(p, JS_T_LBRACE))
                jp_fail(p, "destructuring is not supported");
            if (!jp_is(p, JS_T_IDENT))
                jp_unexpected(p);
            n->u.try_.param = jp_ident_node(p);
            jp_check_binding(p, n->u.try_.param, p->func->strict, false);
            jp_next(p);
            jp_expect(p, JS_T_RPAREN);
        }
        n->u.try_.handler = parse_catch_block(p, n->u.try_.param);
    }
    if (jp_accept(p, JS_T_FINALLY)) {
        if (!jp_is(p, JS_T_LBRACE))
            jp_unexpected(p);
        n->u.try_.finalizer = parse_block(p);
    }
    if (!n->u.try_.handler && !n->u.try_.finalizer)
        jp_fail(p, "Missing catch or finally after try");
    return n;
}

static js_node *parse_block(js_parser *p)
{
    js_node *b = new_stmt(p, JS_BLOCK);
    jp_next(p);
    jp_scope scope;
    jp_scope_open(p, &scope, JP_SCOPE_BLOCK);
    uint32_t base = p->nodes.len;
    parse_items(p, NULL, JS_T_RBRACE);
    b->u.block.body = jp_take_nodes(p, base);
    b->u.block.scope = jp_scope_close(p, &scope);
    jp_next(p);
    return b;
}

/* ---- simple statements -------------------------------------------------------------- */

static js_node *parse_return(js_parser *p)
{
    js_node *n = new_stmt(p, JS_RETURN);
    if (!p->func->parent && !p->opt->allow_return_outside_function)
        jp_fail(p, "Illegal return statement");
    jp_next(p);
    if (!jp_is(p, JS_T_SEMI) && !jp_is(p, JS_T_RBRACE) && !jp_is(p, JS_T_EOF) &&
        !p->lx.tok.nl_before)
        n->u.arg = jp_parse_expression(p);
    jp_consume_semicolon(p);
    return n;
}

static js_node *parse_throw(js_parser *p)
{
    js_node *n = new_stmt(p, JS_THROW);
    jp_next(p);
    if (p->lx.tok.nl_before)
        jp_fail(p, "Illegal newline after throw");
    n->u.arg = jp_parse_expression(p);
    jp_consume_semicolon(p);
    return n;
}

static js_node *parse_jump(js_parser *p, js_node_kind kind)
{
    js_node *n = new_stmt(p, kind);
    js_pos pos = n->pos;
    uint32_t len = p->lx.tok.end - p->lx.tok.start;
    jp_next(p);
    if (jp_is(p, JS_T_IDENT) && !p->lx.tok.nl_before) {
        n->u.jump.label = p->lx.tok.atom;
        pos = jp_tok_pos(p);
        len = n->u.jump.label->len;
        jp_next(p);
    }
    n->u.jump.target = kind == JS_BREAK ? jp_break_target(p, n->u.jump.label, pos, len)
                                        : jp_continue_target(p, n->u.jump.label, pos, len);
    jp_consume_semicolon(p);
    return n;
}

static js_node *parse_labeled(js_parser *p, js_node *id, uint32_t labels)
{
    const js_atom *label = id->u.ident.name;
    jp_check_label_unique(p, label, id->pos);
    js_node *n = jp_node(p, JS_LABELED, id->pos);
    n->u.labeled.label = label;
    jp_next(p); /* : */
    if (jp_is(p, JS_T_FUNCTION))
        jp_fail(p, "labelled function declarations are not supported");
    jp_push_target(p, JP_TARGET_LABEL, n, label, 0);
    p->label_run = labels + 1;
    n->u.labeled.body = jp_parse_statement(p, false);
    jp_pop_target(p);
    return n;
}

static js_node *parse_expression_statement(js_parser *p, uint32_t labels)
{
    js_node *n = new_stmt(p, JS_EXPR_STMT);
    js_node *e = jp_parse_expression(p);
    if (e->kind == JS_IDENT && !(e->flags & JS_NF_PARENTHESIZED) && jp_is(p, JS_T_COLON))
        return parse_labeled(p, e, labels);
    n->u.expr_stmt.expr = e;
    jp_consume_semicolon(p);
    return n;
}

static js_node *parse_declaration_stmt(js_parser *p, js_decl_kind kind, bool in_list)
{
    if (!in_list)
        jp_fail(p, "Lexical declaration cannot appear in a single-statement context");
    js_node *n = parse_var_decl(p, kind, false);
    jp_consume_semicolon(p);
    return n;
}

static _Noreturn void unsupported_statement(js_parser *p)
{
    switch (p->lx.tok.type) {
    case JS_T_WITH: jp_fail(p, "'with' statements are not supported");
    case JS_T_IMPORT: jp_fail(p, "import declarations are not supported");
    case JS_T_EXPORT: jp_fail(p, "export declarations are not supported");
    default: jp_unexpected(p);
    }
}

static js_node *parse_statement_inner(js_parser *p, bool in_list, uint32_t labels)
{
    js_node *n;
    switch (p->lx.tok.type) {
    case JS_T_LBRACE: return parse_block(p);
    case JS_T_SEMI:
        n = new_stmt(p, JS_EMPTY);
        jp_next(p);
        return n;
    case JS_T_VAR:
        n = parse_var_decl(p, JS_DECL_VAR, false);
        jp_consume_semicolon(p);
        return n;
    case JS_T_CONST: return parse_declaration_stmt(p, JS_DECL_CONST, in_list);
    case JS_T_FUNCTION:
        if (!in_list)
            jp_fail(p, "functions can only be declared at top level or inside a block");
        return parse_function_decl(p, 0);
    case JS_T_IF: return parse_if(p);
    case JS_T_FOR: return parse_for(p, labels);
    case JS_T_WHILE: return parse_while(p, labels);
    case JS_T_DO: return parse_do_while(p, labels);
    case JS_T_SWITCH: return parse_switch(p, labels);
    case JS_T_TRY: return parse_try(p);
    case JS_T_RETURN: return parse_return(p);
    case JS_T_THROW: return parse_throw(p);
    case JS_T_BREAK: return parse_jump(p, JS_BREAK);
    case JS_T_CONTINUE: return parse_jump(p, JS_CONTINUE);
    case JS_T_DEBUGGER:
        n = new_stmt(p, JS_DEBUGGER);
        jp_next(p);
        jp_consume_semicolon(p);
        return n;
    case JS_T_CLASS:
        if (!in_list)
            jp_fail(p, "Unexpected token 'class'");
        return jp_parse_class(p, true);
    case JS_T_WITH:
    case JS_T_IMPORT:
    case JS_T_EXPORT:
        if (!(jp_is(p, JS_T_IMPORT) && js_lex_peek(&p->lx) == JS_T_LPAREN))
            unsupported_statement(p);
        break;
    case JS_T_IDENT:
        if (at_let_declaration(p))
            return parse_declaration_stmt(p, JS_DECL_LET, in_list);
        if (jp_async_before(p, JS_T_FUNCTION)) {
            if (!in_list)
                jp_fail(p, "Async functions can only be declared at the top level or inside a block.");
            return parse_function_decl(p, JS_FN_ASYNC);
        }
        break;
    default:
        break;
    }
    return parse_expression_statement(p, labels);
}

js_node *jp_parse_statement(js_parser *p, bool in_list)
{
    jp_enter(p);
    uint32_t labels = p->label_run; /* labels that name this statement */
    p->label_run = 0;
    js_node *n = parse_statement_inner(p, in_list, labels);
    jp_leave(p);
    return n;
}
