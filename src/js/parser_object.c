/* parser_object.c - object literals (and, in a pattern, object
 * destructuring targets): properties, shorthands, methods, accessors,
 * computed keys, spread and rest.  Property keys and accessors are shared
 * with classes (parser_class.c).
 */
#include <stdio.h>

#include "parser_int.h"

bool jp_starts_property_key(js_tok t)
{
    return jp_is_identifier_name(t) || t == JS_T_STRING || t == JS_T_NUMBER ||
           t == JS_T_LBRACKET;
}

/* Reads the key of a property into prop; returns true if the key was a plain
 * identifier (which allows the shorthand form `{a}`). */
bool jp_parse_property_key(js_parser *p, js_node *prop)
{
    const js_token *t = &p->lx.tok;
    switch (t->type) {
    case JS_T_LBRACKET: {
        jp_next(p);
        bool saved = p->in_pattern;
        p->in_pattern = false;
        prop->u.prop.key_kind = JS_KEY_COMPUTED;
        prop->u.prop.key_expr = jp_parse_assign(p);
        p->in_pattern = saved;
        jp_expect(p, JS_T_RBRACKET);
        return false;
    }
    case JS_T_STRING:
        prop->u.prop.key_kind = JS_KEY_NAME;
        prop->u.prop.key_name = t->atom;
        jp_next(p);
        return false;
    case JS_T_NUMBER:
        prop->u.prop.key_kind = JS_KEY_NUMBER;
        prop->u.prop.key_number = t->num;
        jp_next(p);
        return false;
    default:
        if (!jp_is_identifier_name(t->type))
            jp_unexpected(p);
        break;
    }
    const js_atom *name = t->atom;
    bool ident = t->type == JS_T_IDENT;
    prop->u.prop.key_kind = JS_KEY_NAME;
    prop->u.prop.key_name = name;
    jp_next(p);
    return ident;
}

/* `get` or `set` before a key: see parser_int.h. */
uint32_t jp_accessor_prefix(js_parser *p)
{
    const js_token *t = &p->lx.tok;
    if (t->type != JS_T_IDENT || t->escaped || (t->atom != p->a_get && t->atom != p->a_set))
        return 0;
    js_tok next = js_lex_peek(&p->lx);
    if ((!jp_starts_property_key(next) && next != JS_T_PRIVATE) || next == JS_T_STAR)
        return 0;
    uint32_t kind = t->atom == p->a_get ? JS_NF_GETTER : JS_NF_SETTER;
    jp_next(p);
    return kind;
}

void jp_parse_accessor(js_parser *p, js_node *prop, uint32_t kind, uint32_t fn_flags)
{
    js_property *pr = &prop->u.prop;
    js_node *f = jp_node(p, JS_FUNC_EXPR, prop->pos);
    f->u.func = jp_function(p);
    f->u.func->src_start = prop->pos.offset;
    if (pr->key_kind != JS_KEY_COMPUTED) { /* named "get x" / "set x", as in V8 */
        const js_atom *key = pr->key_kind == JS_KEY_NAME ? pr->key_name : NULL;
        char buf[64];
        int n = key ? snprintf(buf, sizeof buf, "%s %.*s", kind == JS_NF_GETTER ? "get" : "set",
                               (int)(key->len < 50 ? key->len : 50), key->ptr)
                    : 0;
        if (key && key->len < 50) {
            f->u.func->inferred_name = js_intern(&p->intern, buf, (size_t)n);
            if (!f->u.func->inferred_name)
                js_lex_out_of_memory(&p->lx);
        }
    }
    js_pos lparen = jp_tok_pos(p);
    jp_parse_function_rest(p, f, JS_FN_METHOD | fn_flags);
    js_node_list params = f->u.func->params;
    uint32_t span = f->u.func->params_end - lparen.offset; /* V8 underlines `(...)` */
    if (kind == JS_NF_GETTER && params.count != 0)
        jp_fail_at(p, lparen, span, "Getter must not have any formal parameters.");
    if (kind == JS_NF_SETTER && params.count != 1)
        jp_fail_at(p, lparen, span, "Setter must have exactly one formal parameter.");
    if (kind == JS_NF_SETTER && params.items[0]->kind == JS_SPREAD)
        jp_fail_at(p, lparen, span, "Setter function argument must not be a rest parameter");
    pr->value = f;
    prop->flags |= kind;
}

static js_node *parse_property(js_parser *p, bool *seen_proto)
{
    js_node *prop = jp_node(p, JS_PROPERTY, jp_tok_pos(p));
    /* async or generator method */
    uint32_t fn_kind = jp_async_prefix(p) ? JS_FN_ASYNC : jp_accept(p, JS_T_STAR) ? JS_FN_GENERATOR : 0;
    uint32_t accessor = fn_kind ? 0 : jp_accessor_prefix(p);
    if (accessor) {
        jp_parse_property_key(p, prop);
        if (!jp_is(p, JS_T_LPAREN))
            jp_unexpected(p);
        jp_parse_accessor(p, prop, accessor, 0);
        return prop;
    }
    js_token key_tok = p->lx.tok;
    bool ident = jp_parse_property_key(p, prop);
    const js_atom *name = prop->u.prop.key_kind == JS_KEY_NAME ? prop->u.prop.key_name : NULL;
    if (fn_kind && !jp_is(p, JS_T_LPAREN))
        jp_unexpected(p);
    if (jp_accept(p, JS_T_COLON)) {
        prop->u.prop.value = jp_parse_assign(p);
        if (name == p->a_proto) {
            if (*seen_proto)
                jp_fail_at(p, prop->pos, 9,
                           "Duplicate __proto__ fields are not allowed in object literals");
            *seen_proto = true;
            prop->flags |= JS_NF_PROTO;
        } else {
            jp_set_inferred_name(prop->u.prop.value, name);
        }
    } else if (jp_is(p, JS_T_LPAREN)) {
        js_node *f = jp_node(p, JS_FUNC_EXPR, prop->pos);
        f->u.func = jp_function(p);
        f->u.func->inferred_name = name;
        f->u.func->src_start = prop->pos.offset;
        jp_parse_function_rest(p, f, JS_FN_METHOD | fn_kind);
        prop->u.prop.value = f;
    } else if (ident && (jp_is(p, JS_T_COMMA) || jp_is(p, JS_T_RBRACE))) {
        js_node *id = jp_node(p, JS_IDENT, prop->pos);
        id->u.ident.name = name;
        if (name == p->a_arguments)
            jp_note_arguments(p);
        prop->u.prop.value = id;
        prop->flags |= JS_NF_SHORTHAND;
    } else if (ident && jp_is(p, JS_T_ASSIGN) && p->in_pattern) { /* `{a = 1}` */
        js_node *id = jp_node(p, JS_IDENT, prop->pos);
        id->u.ident.name = name;
        prop->u.prop.value = jp_parse_default(p, id);
        prop->flags |= JS_NF_SHORTHAND;
    } else if (ident && jp_is(p, JS_T_ASSIGN)) {
        jp_fail(p, "Invalid shorthand property initializer");
    } else {
        if (!ident && jp_is_identifier_name(key_tok.type) &&
            (jp_is(p, JS_T_COMMA) || jp_is(p, JS_T_RBRACE))) /* `{if}` */
            jp_fail_at(p, prop->pos, key_tok.end - key_tok.start, "Unexpected token '%.*s'",
                       (int)(key_tok.end - key_tok.start), p->lx.src + key_tok.start);
        jp_unexpected(p);
    }
    return prop;
}

/* `...name` ending an object pattern: the properties not named before it
 * (the compiler deletes the named keys from a copy, so a computed one,
 * whose value it would have to keep, is refused). */
static js_node *parse_object_rest(js_parser *p, bool after_computed)
{
    if (after_computed)
        jp_fail(p, "object rest after a computed key is not supported");
    js_node *rest = jp_parse_spread(p);
    js_node *arg = rest->u.unary.arg;
    if (arg->kind != JS_IDENT || (arg->flags & JS_NF_PARENTHESIZED))
        jp_fail_at(p, arg->pos, jp_span_from(p, arg->pos),
                   "`...` must be followed by an identifier in declaration contexts");
    if (!jp_is(p, JS_T_RBRACE))
        jp_fail_at(p, arg->pos, arg->u.ident.name->len, "Rest element must be last element");
    return rest;
}

js_node *jp_parse_object(js_parser *p)
{
    js_node *n = jp_node(p, JS_OBJECT, jp_tok_pos(p));
    uint32_t base = p->nodes.len;
    bool saved_no_in = p->no_in, seen_proto = false;
    p->no_in = false;
    jp_next(p);
    bool computed = false;
    while (!jp_is(p, JS_T_RBRACE)) {
        if (jp_is(p, JS_T_ELLIPSIS) && p->in_pattern) {
            jp_push_node(p, parse_object_rest(p, computed));
            break;
        }
        js_node *item = jp_is(p, JS_T_ELLIPSIS) ? jp_parse_spread(p) : parse_property(p, &seen_proto);
        computed |= item->kind == JS_PROPERTY && item->u.prop.key_kind == JS_KEY_COMPUTED;
        jp_push_node(p, item);
        if (!jp_is(p, JS_T_RBRACE))
            jp_expect(p, JS_T_COMMA);
    }
    jp_next(p);
    p->no_in = saved_no_in;
    n->u.list = jp_take_nodes(p, base);
    return n;
}
