/* parser_template.c - template literals: the chunks between substitutions
 * (cooked by the lexer) and, for a tagged template, the chunks as written
 * and the call of the tag that they become. */
#include <stdlib.h>

#include "parser_int.h"

/* The current template chunk as written (between its ` or } and its ` or
 * ${), line terminators CR and CRLF made LF, as a tagged template's raw
 * strings have them. */
static const js_atom *raw_chunk(js_parser *p)
{
    const js_token *t = &p->lx.tok;
    uint32_t from = t->start + 1, to = t->end;
    to -= t->type == JS_T_TEMPLATE_HEAD || t->type == JS_T_TEMPLATE_MIDDLE ? 2 : 1;
    char *raw = malloc(to - from + 1);
    if (!raw)
        js_lex_out_of_memory(&p->lx);
    size_t n = 0;
    for (uint32_t i = from; i < to; i++) {
        char c = p->lx.src[i];
        if (c == '\r' && i + 1 < to && p->lx.src[i + 1] == '\n')
            continue;
        raw[n++] = c == '\r' ? '\n' : c;
    }
    const js_atom *a = js_intern(&p->intern, raw, n);
    free(raw);
    if (!a)
        js_lex_out_of_memory(&p->lx);
    return a;
}

/* A template literal; with tagged, its chunks as written too (raws),
 * pushed after each cooked chunk and parted at the end. */
js_node *jp_parse_template(js_parser *p, bool tagged)
{
    js_node *n = jp_node(p, JS_TEMPLATE, jp_tok_pos(p));
    uint32_t chunk_base = p->atoms.len, expr_base = p->nodes.len;
    jp_vec_push(p, &p->atoms, &p->lx.tok.atom);
    if (tagged) {
        const js_atom *r = raw_chunk(p);
        jp_vec_push(p, &p->atoms, &r);
    }
    if (jp_is(p, JS_T_TEMPLATE_HEAD)) {
        bool saved_no_in = p->no_in;
        p->no_in = false;
        do {
            jp_next(p);
            jp_push_node(p, jp_parse_expression(p));
            if (!jp_is(p, JS_T_RBRACE)) {
                if (jp_is(p, JS_T_EOF))
                    jp_fail_at(p, n->pos, 1, "Unterminated template literal");
                jp_unexpected(p);
            }
            js_lex_template_continue(&p->lx);
            jp_vec_push(p, &p->atoms, &p->lx.tok.atom);
            if (tagged) {
                const js_atom *r = raw_chunk(p);
                jp_vec_push(p, &p->atoms, &r);
            }
        } while (jp_is(p, JS_T_TEMPLATE_MIDDLE));
        p->no_in = saved_no_in;
    }
    jp_next(p);
    uint32_t nchunks;
    const js_atom **chunks = jp_take(p, &p->atoms, chunk_base, &nchunks);
    js_node_list exprs = jp_take_nodes(p, expr_base);
    n->u.tmpl.exprs = exprs.items;
    n->u.tmpl.nexprs = exprs.count;
    if (tagged) { /* cooked, raw, cooked, raw ... */
        nchunks /= 2;
        n->u.tmpl.raws = jp_alloc(p, nchunks * sizeof *chunks);
        for (uint32_t i = 0; i < nchunks; i++) {
            chunks[i] = chunks[2 * i];
            n->u.tmpl.raws[i] = chunks[2 * i + 1];
        }
    }
    n->u.tmpl.chunks = chunks;
    return n;
}

/* tag`...`: a call of the tag (with its `this`, for a member) whose
 * arguments are the template's strings object, then the substitutions. */
js_node *jp_parse_tagged_template(js_parser *p, js_node *tag)
{
    js_node *call = jp_node(p, JS_CALL, tag->pos);
    call->u.call.callee = tag;
    js_node *t = jp_parse_template(p, true);
    t->flags |= JS_NF_TAGGED;
    uint32_t base = p->nodes.len;
    jp_push_node(p, t);
    for (uint32_t i = 0; i < t->u.tmpl.nexprs; i++) {
        jp_push_node(p, t->u.tmpl.exprs[i]);
        t->u.tmpl.exprs[i] = NULL; /* the call's now, not the strings' */
    }
    call->u.call.args = jp_take_nodes(p, base);
    return call;
}
