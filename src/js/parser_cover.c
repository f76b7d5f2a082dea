/* parser_cover.c - the cover grammar: what is parsed as an expression and
 * read again as something else once a later token says so.
 *
 * A parenthesized list becomes an arrow function's parameters when `=>`
 * follows it (no backtracking: that would be quadratic on nested
 * parentheses); `()` and a trailing `...rest`, which no expression holds,
 * are let through only when `=>` follows.  An array or object literal
 * becomes a destructuring pattern when `=` (or a for-in/of's `in`/`of`)
 * follows it.  Declarations parse their patterns directly as literals in
 * pattern mode (jp_parse_pattern_literal) and check them in parser_stmt.c.
 */
#include "parser_int.h"

/* `...name` inside parentheses: only an arrow function's rest parameter. */
static js_node *parse_arrow_rest(js_parser *p)
{
    js_node *n = jp_node(p, JS_SPREAD, jp_tok_pos(p));
    jp_next(p); /* ... */
    if (jp_is(p, JS_T_LBRACKET) || jp_is(p, JS_T_LBRACE))
        jp_fail(p, "destructuring rest parameters are not supported");
    if (!jp_is(p, JS_T_IDENT))
        jp_unexpected(p);
    js_node *id = n->u.unary.arg = jp_ident_node(p);
    jp_next(p);
    /* V8 points at the name for these two (the `=` or `,` in functions) */
    if (jp_is(p, JS_T_ASSIGN))
        jp_fail_at(p, id->pos, id->u.ident.name->len,
                   "Rest parameter may not have a default initializer");
    if (!jp_is(p, JS_T_RPAREN))
        jp_fail_at(p, id->pos, id->u.ident.name->len,
                   "Rest parameter must be last formal parameter");
    return n;
}

/* `( Expression )`, or `()` or `(a, ...rest)` which must start an arrow
 * function. */
js_node *jp_parse_paren(js_parser *p)
{
    js_pos pos = jp_tok_pos(p);
    jp_next(p);
    if (jp_is(p, JS_T_RPAREN)) {
        js_pos close = jp_tok_pos(p);
        jp_next(p);
        if (!jp_is(p, JS_T_ARROW) || p->lx.tok.nl_before)
            jp_fail_at(p, close, 1, "Unexpected token ')'");
        js_node *empty = jp_node(p, JS_INVALID, pos);
        empty->flags |= JS_NF_PARENTHESIZED;
        return empty;
    }
    bool saved_no_in = p->no_in;
    p->no_in = false;
    uint32_t base = p->nodes.len;
    js_node *rest = NULL;
    do {
        if (jp_is(p, JS_T_ELLIPSIS)) {
            jp_push_node(p, rest = parse_arrow_rest(p));
            break;
        }
        jp_push_node(p, jp_parse_assign(p));
    } while (jp_accept(p, JS_T_COMMA));
    p->no_in = saved_no_in;
    jp_expect(p, JS_T_RPAREN);
    if (rest && !jp_is(p, JS_T_ARROW))
        jp_fail_at(p, rest->pos, 3, "Unexpected token '...'");
    if (rest && p->lx.tok.nl_before)
        jp_unexpected(p);
    js_node_list items = jp_take_nodes(p, base);
    js_node *e = items.items[0];
    if (items.count > 1) {
        e = jp_node(p, JS_SEQUENCE, e->pos);
        e->u.list = items;
    }
    if (e->flags & JS_NF_PARENTHESIZED)
        e->flags |= JS_NF_PAREN_TWICE;
    e->flags |= JS_NF_PARENTHESIZED;
    return e;
}

static _Noreturn void malformed_arrow(js_parser *p, js_node *e)
{
    jp_fail_at(p, e->pos, jp_span_from(p, e->pos), "Malformed arrow function parameter list");
}

js_node *jp_async_arrow_cover(js_parser *p, js_node *e)
{
    if (e->kind != JS_CALL || (e->flags & (JS_NF_PARENTHESIZED | JS_NF_OPTIONAL)))
        return NULL;
    js_node *callee = e->u.call.callee;
    if (callee->kind != JS_IDENT || callee->u.ident.name != p->a_async ||
        (callee->flags & JS_NF_PARENTHESIZED))
        return NULL;
    uint32_t at = callee->pos.offset + 5; /* `async (` on one line, unescaped */
    while (p->lx.src[at] == ' ' || p->lx.src[at] == '\t')
        at++;
    if (p->lx.src[at] != '(')
        return NULL;
    js_node_list args = e->u.call.args;
    for (uint32_t i = 0; i + 1 < args.count; i++)
        if (args.items[i]->kind == JS_SPREAD)
            jp_fail_at(p, args.items[i]->pos, 3, "Rest parameter must be last formal parameter");
    js_node *cover;
    if (args.count == 0) {
        cover = jp_node(p, JS_INVALID, e->pos);
    } else if (args.count == 1) {
        cover = args.items[0];
    } else {
        cover = jp_node(p, JS_SEQUENCE, e->pos);
        cover->u.list = args;
    }
    if (cover->flags & JS_NF_PARENTHESIZED)
        cover->flags |= JS_NF_PAREN_TWICE;
    cover->flags |= JS_NF_PARENTHESIZED;
    return cover;
}

/* A name, `name = default` or `...name` (parse_paren keeps that last):
 * what the cover expression may hold as a parameter.  `alone`: e was the
 * whole parenthesized expression, whose own parentheses do not count. */
static bool is_arrow_param(const js_node *e, bool alone)
{
    if ((e->flags & JS_NF_PARENTHESIZED) && !alone)
        return false;
    if (e->kind == JS_SPREAD || e->kind == JS_ARRAY || e->kind == JS_OBJECT)
        return true; /* the arrow's body checks a literal as a pattern */
    const js_node *id = e->kind == JS_ASSIGN && e->u.binary.op == JS_OP_ASSIGN ? e->u.binary.left : e;
    return id->kind == JS_IDENT && !(id->flags & JS_NF_PARENTHESIZED);
}

/* Converts the cover expression before `=>` into a parameter list. */
js_node_list jp_arrow_params(js_parser *p, js_node *e)
{
    uint32_t base = p->nodes.len;
    if (e->flags & JS_NF_PAREN_TWICE)
        malformed_arrow(p, e);
    if (e->kind == JS_IDENT) {
        jp_push_node(p, e);
    } else if (e->kind == JS_SEQUENCE && (e->flags & JS_NF_PARENTHESIZED)) {
        for (uint32_t i = 0; i < e->u.list.count; i++) {
            js_node *item = e->u.list.items[i];
            if (!is_arrow_param(item, false))
                malformed_arrow(p, item);
            jp_push_node(p, item);
        }
    } else if (e->kind != JS_INVALID) {
        if (!is_arrow_param(e, true))
            malformed_arrow(p, e);
        jp_push_node(p, e);
    }
    js_node_list params = jp_take_nodes(p, base);
    for (uint32_t i = 0; i < params.count; i++)
        params.items[i]->flags &= ~(uint32_t)JS_NF_PARENTHESIZED;
    return params;
}

/* ---- patterns ----------------------------------------------------------
 *
 * Declarations, parameters and assignments share a pattern's shape: array
 * and object literals nested, defaults (`x = 1`), a rest element last and
 * without a default; a literal in parentheses is not a pattern.  Which
 * targets a pattern may hold differs -- names to declare, or anything
 * assignable -- and is decided by the caller's leaf function. */
void jp_walk_pattern(js_parser *p, js_node *e, jp_pattern_leaf *leaf, void *ctx)
{
    if ((e->kind == JS_ARRAY || e->kind == JS_OBJECT) && (e->flags & JS_NF_PARENTHESIZED))
        jp_fail_at(p, e->pos, 1, "Invalid destructuring assignment target");
    switch (e->kind) {
    case JS_ASSIGN:
        if (e->u.binary.op != JS_OP_ASSIGN) /* `[a += 1] = x` */
            jp_fail_at(p, e->pos, 1, "Invalid destructuring assignment target");
        jp_walk_pattern(p, e->u.binary.left, leaf, ctx);
        return;
    case JS_ARRAY:
        for (uint32_t i = 0; i < e->u.list.count; i++) {
            js_node *item = e->u.list.items[i];
            if (item && item->kind == JS_SPREAD) {
                if (i + 1 < e->u.list.count)
                    jp_fail_at(p, item->pos, jp_rest_span(item), "Rest element must be last element");
                if (item->u.unary.arg->kind == JS_ASSIGN) /* no default for a rest */
                    jp_fail_at(p, item->pos, 3, "Invalid destructuring assignment target");
                item = item->u.unary.arg;
            }
            if (item)
                jp_walk_pattern(p, item, leaf, ctx);
        }
        return;
    case JS_OBJECT:
        for (uint32_t i = 0; i < e->u.list.count; i++) {
            js_node *prop = e->u.list.items[i];
            if (prop->kind == JS_SPREAD) { /* a declaration's was checked by parse_object */
                js_node *arg = prop->u.unary.arg;
                if (i + 1 < e->u.list.count)
                    jp_fail_at(p, arg->pos, arg->kind == JS_IDENT ? arg->u.ident.name->len : 1,
                               "Rest element must be last element");
                jp_walk_pattern(p, arg, leaf, ctx);
                continue;
            }
            if (prop->u.prop.value->kind == JS_FUNC_EXPR) /* a method */
                jp_fail_at(p, prop->pos, 1, "Invalid destructuring assignment target");
            jp_walk_pattern(p, prop->u.prop.value, leaf, ctx);
        }
        return;
    default:
        leaf(p, e, ctx);
    }
}

/* An assignment pattern's target: a name (parenthesized or not, as V8
 * allows) or a property, not an optional chain. */
static void check_assignment_target(js_parser *p, js_node *e, void *ctx)
{
    (void)ctx;
    switch (e->kind) {
    case JS_IDENT:
        if (p->func->strict && (e->u.ident.name == p->a_eval || e->u.ident.name == p->a_arguments))
            jp_fail_at(p, e->pos, e->u.ident.name->len, "Invalid destructuring assignment target");
        return;
    case JS_MEMBER:
    case JS_INDEX:
        if (!(e->flags & JS_NF_CHAIN_END))
            return;
        if (e->kind == JS_MEMBER && e->u.member.name_pos.line == e->pos.line) /* `a?.b` whole */
            jp_fail_at(p, e->pos,
                       e->u.member.name_pos.column + e->u.member.name->len - e->pos.column,
                       "Invalid destructuring assignment target");
        break;
    default:
        break;
    }
    jp_fail_at(p, e->pos, 1, "Invalid destructuring assignment target");
}

void jp_check_assignment_pattern(js_parser *p, js_node *e)
{
    jp_walk_pattern(p, e, check_assignment_target, NULL);
}
