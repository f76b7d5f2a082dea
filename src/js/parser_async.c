/* parser_async.c - what `async` and `await` add to the grammar: async
 * arrows written `async x =>` (the parenthesized form is a call's cover,
 * parser_cover.c), the `async` prefix of functions and methods, and
 * `await` as a unary operator inside async functions.  `async` stays an
 * ordinary name everywhere else (`async(1)`, `var async`). */
#include "parser_int.h"

/* Whether the next token starts on the current token's line. */
static bool next_on_same_line(const js_parser *p)
{
    for (uint32_t i = p->lx.tok.end; p->lx.src[i] && p->lx.src[i] != '\n'; i++)
        if (p->lx.src[i] != ' ' && p->lx.src[i] != '\t')
            return true;
    return false;
}

bool jp_at_word(const js_parser *p, const js_atom *word)
{
    const js_token *t = &p->lx.tok;
    return t->type == JS_T_IDENT && !t->escaped && t->atom == word;
}

bool jp_async_before(js_parser *p, js_tok next)
{
    return jp_at_word(p, p->a_async) && js_lex_peek(&p->lx) == next && next_on_same_line(p);
}

bool jp_async_prefix(js_parser *p)
{
    if (!jp_at_word(p, p->a_async))
        return false;
    js_tok next = js_lex_peek(&p->lx);
    if ((!jp_starts_property_key(next) && next != JS_T_STAR && next != JS_T_PRIVATE) ||
        !next_on_same_line(p))
        return false;
    jp_next(p);
    if (jp_is(p, JS_T_STAR))
        jp_fail(p, "async generator methods are not supported");
    return true;
}

/* `async x => ...`: the arrow, its one parameter a name. */
js_node *jp_parse_async_arrow(js_parser *p, js_node *async_id)
{
    js_node *param = jp_ident_node(p);
    jp_next(p);
    if (!jp_is(p, JS_T_ARROW) || p->lx.tok.nl_before)
        jp_unexpected(p);
    uint32_t base = p->nodes.len;
    jp_push_node(p, param);
    js_node_list params = jp_take_nodes(p, base);
    js_node *f = jp_node(p, JS_FUNC_EXPR, async_id->pos);
    f->u.func = jp_function(p);
    f->u.func->src_start = async_id->pos.offset;
    f->u.func->flags |= JS_FN_ASYNC;
    return jp_parse_arrow_body(p, f, params);
}

/* `await` in an async function; elsewhere, before an operand on the same
 * line, V8's SyntaxError (a script is not a module). */
bool jp_at_await(js_parser *p)
{
    if (!jp_at_word(p, p->a_await))
        return false;
    if (p->func->fn->flags & JS_FN_ASYNC)
        return true;
    for (const jp_func *f = p->func->parent; f; f = f->parent)
        if (f->fn->flags & JS_FN_ASYNC) /* V8: an identifier, then what follows is unexpected */
            return false;
    js_tok next = js_lex_peek(&p->lx);
    if ((next == JS_T_IDENT || next == JS_T_NUMBER || next == JS_T_STRING || next == JS_T_THIS ||
         next == JS_T_NEW || next == JS_T_LBRACKET) && next_on_same_line(p))
        jp_fail_at(p, jp_tok_pos(p), 5,
                   "await is only valid in async functions and the top level bodies of modules");
    return false;
}
