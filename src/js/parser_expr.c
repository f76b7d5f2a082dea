/* parser_expr.c - expressions.
 *
 * Binary operators use precedence climbing; everything else is recursive
 * descent.  Each recursive step that can nest without bound goes through
 * jp_enter(), and each operator of a left-associative chain counts as one
 * level too, which bounds both the C stack and the depth of the tree.
 *
 * Arrow functions and destructuring assignments use a cover grammar
 * (parser_cover.c): `(a, b)` and `[a, b]` are parsed as expressions first.
 * `()` is represented until then by a JS_INVALID node.
 */
#include <string.h>

#include "parser_int.h"

static js_node *parse_unary(js_parser *p);
static js_node *parse_call_member(js_parser *p);
static js_node *parse_super(js_parser *p);

/* ---- identifiers ------------------------------------------------------------ */

js_node *jp_ident_node(js_parser *p)
{
    js_node *id = jp_node(p, JS_IDENT, jp_tok_pos(p));
    id->u.ident.name = p->lx.tok.atom;
    return id;
}

static bool is_strict_reserved(const js_parser *p, const js_atom *a)
{
    return a == p->a_let || a == p->a_static || a == p->a_yield || a == p->a_implements ||
           a == p->a_interface || a == p->a_package || a == p->a_private ||
           a == p->a_protected || a == p->a_public;
}

void jp_check_binding(js_parser *p, js_node *id, bool strict, bool lexical)
{
    const js_atom *a = id->u.ident.name;
    if (lexical && a == p->a_let)
        jp_fail_at(p, id->pos, a->len, "let is disallowed as a lexically bound name");
    if (strict && (a == p->a_eval || a == p->a_arguments))
        jp_fail_at(p, id->pos, a->len, "Unexpected eval or arguments in strict mode");
    if (strict && is_strict_reserved(p, a))
        jp_fail_at(p, id->pos, a->len, "Unexpected strict mode reserved word");
}

void jp_set_inferred_name(js_node *value, const js_atom *name)
{
    if (value && value->kind == JS_CLASS && !value->u.klass->id)
        value = value->u.klass->ctor; /* an anonymous class takes the name too */
    if (value && value->kind == JS_FUNC_EXPR && !value->u.func->name &&
        !value->u.func->inferred_name)
        value->u.func->inferred_name = name;
}

void jp_check_target(js_parser *p, js_node *e, const char *msg)
{
    if ((e->kind == JS_MEMBER || e->kind == JS_INDEX) && !(e->flags & JS_NF_CHAIN_END))
        return;
    if (e->kind == JS_IDENT) {
        const js_atom *a = e->u.ident.name;
        if (p->func->strict && (a == p->a_eval || a == p->a_arguments))
            jp_fail_at(p, e->pos, a->len, "Unexpected eval or arguments in strict mode");
        return;
    }
    jp_fail_at(p, e->pos, jp_span_from(p, e->pos), "%s", msg);
}

/* ---- primary expressions ---------------------------------------------------- */

static js_node *parse_function_expr(js_parser *p, uint32_t flags, uint32_t src_start);

static js_node *parse_identifier_expr(js_parser *p)
{
    if (jp_async_before(p, JS_T_FUNCTION)) {
        uint32_t start = p->lx.tok.start;
        jp_next(p);
        return parse_function_expr(p, JS_FN_ASYNC, start);
    }
    js_node *id = jp_ident_node(p);
    const js_atom *name = id->u.ident.name;
    bool async_arrow = jp_async_before(p, JS_T_IDENT);
    jp_next(p);
    if (async_arrow)
        return jp_parse_async_arrow(p, id);
    if (name == p->a_arguments)
        jp_note_arguments(p);
    return id;
}


/* `...arg` in an array literal or a call's arguments (a rest element,
 * in a pattern). */
js_node *jp_parse_spread(js_parser *p)
{
    js_node *n = jp_node(p, JS_SPREAD, jp_tok_pos(p));
    jp_next(p); /* ... */
    n->u.unary.arg = jp_parse_assign(p);
    return n;
}

static js_node *parse_array(js_parser *p)
{
    js_node *n = jp_node(p, JS_ARRAY, jp_tok_pos(p));
    uint32_t base = p->nodes.len;
    bool saved_no_in = p->no_in;
    p->no_in = false;
    jp_next(p);
    while (!jp_is(p, JS_T_RBRACKET)) {
        if (jp_is(p, JS_T_COMMA)) { /* a hole */
            jp_push_node(p, NULL);
            jp_next(p);
            continue;
        }
        jp_push_node(p, jp_is(p, JS_T_ELLIPSIS) ? jp_parse_spread(p) : jp_parse_assign(p));
        if (!jp_is(p, JS_T_RBRACKET))
            jp_expect(p, JS_T_COMMA);
    }
    jp_next(p);
    p->no_in = saved_no_in;
    n->u.list = jp_take_nodes(p, base);
    return n;
}

/* `function ...` (flags JS_FN_ASYNC after `async`, src_start there). */
static js_node *parse_function_expr(js_parser *p, uint32_t flags, uint32_t src_start)
{
    js_node *n = jp_node(p, JS_FUNC_EXPR, jp_tok_pos(p));
    js_function *fn = jp_function(p);
    n->u.func = fn;
    fn->src_start = src_start;
    jp_next(p);
    if (jp_is(p, JS_T_STAR)) {
        if (flags)
            jp_fail(p, "async generator functions are not supported");
        flags = JS_FN_GENERATOR;
        jp_next(p);
    }
    if (jp_is(p, JS_T_IDENT)) {
        fn->id = jp_ident_node(p);
        fn->name = fn->id->u.ident.name;
        jp_next(p);
    }
    jp_parse_function_rest(p, n, flags);
    return n;
}

static js_node *parse_primary(js_parser *p)
{
    js_pos pos = jp_tok_pos(p);
    const js_token *t = &p->lx.tok;
    js_node *n;
    switch (t->type) {
    case JS_T_IDENT:
        return parse_identifier_expr(p);
    case JS_T_NUMBER:
        n = jp_node(p, JS_NUMBER, pos);
        n->u.number = t->num;
        break;
    case JS_T_STRING:
        n = jp_node(p, JS_STRING, pos);
        n->u.string = t->atom;
        break;
    case JS_T_TEMPLATE:
    case JS_T_TEMPLATE_HEAD:
        return jp_parse_template(p, false);
    case JS_T_NULL:
        n = jp_node(p, JS_NULL, pos);
        break;
    case JS_T_TRUE:
        n = jp_node(p, JS_TRUE, pos);
        break;
    case JS_T_FALSE:
        n = jp_node(p, JS_FALSE, pos);
        break;
    case JS_T_THIS:
        n = jp_node(p, JS_THIS, pos);
        jp_note_this(p);
        break;
    case JS_T_LPAREN:
        return jp_parse_paren(p);
    case JS_T_LBRACKET:
        return parse_array(p);
    case JS_T_LBRACE:
        return jp_parse_object(p);
    case JS_T_FUNCTION:
        return parse_function_expr(p, 0, p->lx.tok.start);
    case JS_T_CLASS:
        return jp_parse_class(p, false);
    case JS_T_SLASH:
    case JS_T_SLASH_ASSIGN:
        jp_fail(p, "regular expression literals are not supported");
    case JS_T_SUPER:
        return parse_super(p);
    case JS_T_PRIVATE: /* `#x in o` */
        n = jp_node(p, JS_PRIVATE_NAME, pos);
        n->flags |= JS_NF_PRIVATE;
        n->u.ident.name = t->atom;
        jp_note_private_use(p, n); /* outside any class: V8's error for it */
        if (js_lex_peek(&p->lx) != JS_T_IN)
            jp_unexpected(p);
        break;
    case JS_T_IMPORT:
        jp_fail(p, "import() and import.meta are not supported");
    default:
        jp_unexpected(p);
    }
    jp_next(p);
    return n;
}

/* ---- member access, calls, new ------------------------------------------------- */

js_node_list jp_parse_arguments(js_parser *p)
{
    uint32_t base = p->nodes.len;
    bool saved_no_in = p->no_in;
    p->no_in = false;
    jp_next(p); /* ( */
    while (!jp_is(p, JS_T_RPAREN)) {
        jp_push_node(p, jp_is(p, JS_T_ELLIPSIS) ? jp_parse_spread(p) : jp_parse_assign(p));
        if (jp_accept(p, JS_T_COMMA))
            continue;
        if (!jp_is(p, JS_T_RPAREN)) {
            if (jp_is(p, JS_T_EOF))
                jp_unexpected(p);
            jp_fail(p, "missing ) after argument list");
        }
    }
    jp_next(p);
    p->no_in = saved_no_in;
    return jp_take_nodes(p, base);
}

/* Tries one `.name` or `[expr]` suffix; returns NULL if there is none. */
/* The name after `.` or `?.` (any identifier name, keywords too). */
static js_node *parse_member_name(js_parser *p, js_node *object)
{
    if (jp_is(p, JS_T_PRIVATE)) { /* o.#x */
        js_node *m = jp_node(p, JS_MEMBER, object->pos);
        m->flags |= JS_NF_PRIVATE;
        m->u.member.object = object;
        m->u.member.name = p->lx.tok.atom;
        m->u.member.name_pos = jp_tok_pos(p);
        jp_note_private_use(p, m);
        jp_next(p);
        return m;
    }
    if (!jp_is_identifier_name(p->lx.tok.type)) {
        if (jp_is(p, JS_T_EOF))
            jp_unexpected(p);
        jp_fail(p, "Unexpected token '%.*s'", (int)(p->lx.tok.end - p->lx.tok.start),
                p->lx.src + p->lx.tok.start);
    }
    js_node *m = jp_node(p, JS_MEMBER, object->pos);
    m->u.member.object = object;
    m->u.member.name = p->lx.tok.atom;
    m->u.member.name_pos = jp_tok_pos(p);
    jp_next(p);
    return m;
}

static js_node *parse_member_suffix(js_parser *p, js_node *object)
{
    if (jp_is(p, JS_T_DOT)) {
        jp_next(p);
        return parse_member_name(p, object);
    }
    if (jp_is(p, JS_T_LBRACKET)) {
        bool saved_no_in = p->no_in;
        p->no_in = false;
        jp_next(p);
        js_node *m = jp_node(p, JS_INDEX, object->pos);
        m->u.index.object = object;
        m->u.index.index = jp_parse_expression(p);
        jp_expect(p, JS_T_RBRACKET);
        p->no_in = saved_no_in;
        return m;
    }
    if (jp_is(p, JS_T_TEMPLATE) || jp_is(p, JS_T_TEMPLATE_HEAD))
        return jp_parse_tagged_template(p, object);
    return NULL;
}

/* The link after `?.`: a name, `[index]` or `(arguments)`. */
static js_node *parse_optional_link(js_parser *p, js_node *object)
{
    jp_next(p); /* ?. */
    js_node *m;
    if (jp_is(p, JS_T_LPAREN)) {
        m = jp_node(p, JS_CALL, object->pos);
        m->u.call.callee = object;
        m->u.call.args = jp_parse_arguments(p);
    } else if (jp_is(p, JS_T_LBRACKET)) {
        m = parse_member_suffix(p, object);
    } else if (jp_is(p, JS_T_TEMPLATE) || jp_is(p, JS_T_TEMPLATE_HEAD)) {
        jp_fail(p, "Invalid tagged template on optional chain");
    } else {
        m = parse_member_name(p, object);
    }
    m->flags |= JS_NF_OPTIONAL;
    return m;
}

/* `new` MemberExpression Arguments?  (the current token is `new`) */
static js_node *parse_new(js_parser *p)
{
    jp_enter(p);
    js_node *n = jp_node(p, JS_NEW, jp_tok_pos(p));
    jp_next(p);
    if (jp_accept(p, JS_T_DOT)) { /* new.target */
        if (!jp_is(p, JS_T_IDENT) || p->lx.tok.escaped ||
            p->lx.tok.atom != js_intern(&p->intern, "target", 6))
            jp_unexpected(p);
        js_pos target = jp_tok_pos(p); /* where V8 points */
        jp_next(p);
        if (!p->func->parent && !p->opt->program_params) /* a script, not a module's function */
            jp_fail_at(p, target, 6, "new.target expression is not allowed here");
        if (p->func->is_arrow)
            jp_fail_at(p, target, 6, "new.target in arrow functions is not supported");
        p->func->fn->flags |= JS_FN_USES_NEW_TARGET;
        n->kind = JS_NEW_TARGET;
        jp_leave(p);
        return n;
    }
    js_node *callee = jp_is(p, JS_T_NEW) ? parse_new(p) : parse_primary(p);
    unsigned folds = 0;
    for (js_node *m; (m = parse_member_suffix(p, callee)) != NULL; folds++) {
        callee = m;
        jp_enter(p);
    }
    p->depth -= folds;
    if (jp_is(p, JS_T_OPTCHAIN))
        jp_fail(p, "Invalid optional chain from new expression");
    n->u.call.callee = callee;
    if (jp_is(p, JS_T_LPAREN))
        n->u.call.args = jp_parse_arguments(p);
    jp_leave(p);
    return n;
}

/* `super(args)` in a derived class's constructor, or `super.x` /
 * `super[x]` where there is a home object: in a class's methods, its
 * constructor and field initializers, and arrows in them. */
static js_node *parse_super(js_parser *p)
{
    js_pos pos = jp_tok_pos(p);
    jp_next(p);
    jp_func *f = p->func;
    while (f->is_arrow && f->parent)
        f = f->parent;
    uint32_t flags = f->fn->flags;
    if (jp_is(p, JS_T_LPAREN)) {
        if (!(flags & JS_FN_DERIVED))
            jp_fail_at(p, pos, 5, "'super' keyword unexpected here");
        if (f != p->func)
            jp_fail_at(p, pos, 5, "super() in arrow functions is not supported");
        js_node *n = jp_node(p, JS_SUPER_CALL, pos);
        n->u.call.args = jp_parse_arguments(p);
        jp_note_this(p);
        return n;
    }
    bool member = jp_is(p, JS_T_DOT) || jp_is(p, JS_T_LBRACKET);
    if (member && !(flags & JS_FN_HOME) && (flags & JS_FN_METHOD))
        jp_fail_at(p, pos, 5, "super in object literal methods is not supported");
    if (!(flags & JS_FN_HOME) || !member)
        jp_fail_at(p, pos, 5, "'super' keyword unexpected here");
    jp_note_this(p);
    return jp_node(p, JS_SUPER, pos);
}

js_node *jp_parse_lhs(js_parser *p)
{
    return parse_call_member(p);
}

/* LeftHandSideExpression: member accesses, calls and `new`. */
static js_node *parse_call_member(js_parser *p)
{
    js_node *e = jp_is(p, JS_T_NEW) ? parse_new(p) : parse_primary(p);
    unsigned folds = 0;
    bool chain = false;
    for (;; folds++) {
        if (chain && (jp_is(p, JS_T_TEMPLATE) || jp_is(p, JS_T_TEMPLATE_HEAD)))
            jp_fail(p, "Invalid tagged template on optional chain");
        js_node *m = jp_is(p, JS_T_OPTCHAIN) ? parse_optional_link(p, e) : parse_member_suffix(p, e);
        chain |= m && (m->flags & JS_NF_OPTIONAL);
        if (!m && jp_is(p, JS_T_LPAREN)) {
            m = jp_node(p, JS_CALL, e->pos);
            m->u.call.callee = e;
            m->u.call.args = jp_parse_arguments(p);
            if (e->kind == JS_IDENT && e->u.ident.name == p->a_eval) /* (eval)(x) too */
                jp_note_eval(p);
        }
        if (!m)
            break;
        e = m;
        jp_enter(p);
    }
    p->depth -= folds;
    if (chain)
        e->flags |= JS_NF_CHAIN_END;
    return e;
}

/* ---- unary and postfix ------------------------------------------------------------ */

static js_node *parse_postfix(js_parser *p)
{
    js_node *e = parse_call_member(p);
    if ((jp_is(p, JS_T_INC) || jp_is(p, JS_T_DEC)) && !p->lx.tok.nl_before) {
        jp_check_target(p, e, "Invalid left-hand side expression in postfix operation");
        js_node *u = jp_node(p, JS_UPDATE, e->pos);
        u->u.unary.op = jp_is(p, JS_T_INC) ? JS_OP_INC : JS_OP_DEC;
        u->u.unary.arg = e;
        jp_next(p);
        return u;
    }
    return e;
}

static js_op unary_op(js_tok t)
{
    switch (t) {
    case JS_T_PLUS: return JS_OP_POS;
    case JS_T_MINUS: return JS_OP_NEG;
    case JS_T_BANG: return JS_OP_NOT;
    case JS_T_TILDE: return JS_OP_BITNOT;
    case JS_T_TYPEOF: return JS_OP_TYPEOF;
    case JS_T_VOID: return JS_OP_VOID;
    case JS_T_DELETE: return JS_OP_DELETE;
    case JS_T_INC: return JS_OP_INC;
    case JS_T_DEC: return JS_OP_DEC;
    default: return JS_OP_NONE;
    }
}

static js_node *parse_unary(js_parser *p)
{
    js_op op = jp_at_await(p) ? JS_OP_AWAIT : unary_op(p->lx.tok.type);
    if (op == JS_OP_NONE)
        return parse_postfix(p);
    jp_enter(p);
    bool update = op == JS_OP_INC || op == JS_OP_DEC;
    js_node *n = jp_node(p, update ? JS_UPDATE : JS_UNARY, jp_tok_pos(p));
    jp_next(p);
    js_node *arg = parse_unary(p);
    if (update) {
        jp_check_target(p, arg, "Invalid left-hand side expression in prefix operation");
        n->u.unary.prefix = true;
    }
    if (op == JS_OP_DELETE && arg->kind == JS_IDENT && p->func->strict)
        jp_fail_at(p, n->pos, jp_span_from(p, n->pos),
                   "Delete of an unqualified identifier in strict mode.");
    if (op == JS_OP_DELETE && (arg->flags & JS_NF_CHAIN_END))
        jp_fail_at(p, n->pos, 6, "delete of an optional chain is not supported");
    if (op == JS_OP_DELETE && arg->kind == JS_MEMBER && (arg->flags & JS_NF_PRIVATE))
        jp_fail_at(p, arg->u.member.name_pos, (uint32_t)strcspn(arg->u.member.name->ptr, "\1"),
                   "Private fields can not be deleted");
    n->u.unary.op = op;
    n->u.unary.arg = arg;
    jp_leave(p);
    return n;
}

/* ---- binary operators ---------------------------------------------------------- */

typedef struct binop {
    int prec; /* 0: not a binary operator here */
    js_op op;
    js_node_kind kind;
} binop;

enum { PREC_NULLISH = 1, PREC_BITOR = 4, PREC_EXP = 12 };

static binop binary_op(const js_parser *p)
{
    switch (p->lx.tok.type) {
    case JS_T_NULLISH: return (binop){PREC_NULLISH, JS_OP_NULLISH, JS_LOGICAL};
    case JS_T_OR: return (binop){2, JS_OP_OR, JS_LOGICAL};
    case JS_T_AND: return (binop){3, JS_OP_AND, JS_LOGICAL};
    case JS_T_PIPE: return (binop){PREC_BITOR, JS_OP_BITOR, JS_BINARY};
    case JS_T_CARET: return (binop){5, JS_OP_BITXOR, JS_BINARY};
    case JS_T_AMP: return (binop){6, JS_OP_BITAND, JS_BINARY};
    case JS_T_EQ: return (binop){7, JS_OP_EQ, JS_BINARY};
    case JS_T_NE: return (binop){7, JS_OP_NE, JS_BINARY};
    case JS_T_SEQ: return (binop){7, JS_OP_STRICT_EQ, JS_BINARY};
    case JS_T_SNE: return (binop){7, JS_OP_STRICT_NE, JS_BINARY};
    case JS_T_LT: return (binop){8, JS_OP_LT, JS_BINARY};
    case JS_T_GT: return (binop){8, JS_OP_GT, JS_BINARY};
    case JS_T_LE: return (binop){8, JS_OP_LE, JS_BINARY};
    case JS_T_GE: return (binop){8, JS_OP_GE, JS_BINARY};
    case JS_T_INSTANCEOF: return (binop){8, JS_OP_INSTANCEOF, JS_BINARY};
    case JS_T_IN: return (binop){p->no_in ? 0 : 8, JS_OP_IN, JS_BINARY};
    case JS_T_SHL: return (binop){9, JS_OP_SHL, JS_BINARY};
    case JS_T_SAR: return (binop){9, JS_OP_SAR, JS_BINARY};
    case JS_T_SHR: return (binop){9, JS_OP_SHR, JS_BINARY};
    case JS_T_PLUS: return (binop){10, JS_OP_ADD, JS_BINARY};
    case JS_T_MINUS: return (binop){10, JS_OP_SUB, JS_BINARY};
    case JS_T_STAR: return (binop){11, JS_OP_MUL, JS_BINARY};
    case JS_T_SLASH: return (binop){11, JS_OP_DIV, JS_BINARY};
    case JS_T_PERCENT: return (binop){11, JS_OP_MOD, JS_BINARY};
    case JS_T_STARSTAR: return (binop){PREC_EXP, JS_OP_EXP, JS_BINARY};
    default: return (binop){0, JS_OP_NONE, JS_INVALID};
    }
}

static bool is_bare_logical(const js_node *e, js_op a, js_op b)
{
    return e->kind == JS_LOGICAL && !(e->flags & JS_NF_PARENTHESIZED) &&
           (e->u.binary.op == a || e->u.binary.op == b);
}

/* Early errors about operator mixing: -a ** b, a || b ?? c, a ?? b && c. */
static void check_operand(js_parser *p, const js_node *left, js_op op)
{
    if (op == JS_OP_EXP && left->kind == JS_UNARY && !(left->flags & JS_NF_PARENTHESIZED))
        jp_fail(p, "Unary operator used immediately before exponentiation expression. "
                   "Parenthesis must be used to disambiguate operator precedence");
    if (op == JS_OP_NULLISH && is_bare_logical(left, JS_OP_AND, JS_OP_OR))
        jp_unexpected(p);
    if ((op == JS_OP_AND || op == JS_OP_OR) && is_bare_logical(left, JS_OP_NULLISH, JS_OP_NULLISH))
        jp_unexpected(p);
}

static js_node *parse_binary(js_parser *p, int min_prec)
{
    js_node *left = parse_unary(p);
    unsigned folds = 0;
    for (;;) {
        binop b = binary_op(p);
        if (b.prec == 0 || b.prec < min_prec)
            break;
        check_operand(p, left, b.op);
        jp_next(p);
        /* ** is right-associative; the operands of ?? exclude && and || */
        int right_min = b.op == JS_OP_EXP       ? PREC_EXP
                        : b.op == JS_OP_NULLISH ? PREC_BITOR
                                                : b.prec + 1;
        jp_enter(p);
        js_node *right = parse_binary(p, right_min);
        jp_leave(p);
        js_node *n = jp_node(p, b.kind, left->pos);
        n->u.binary.op = b.op;
        n->u.binary.left = left;
        n->u.binary.right = right;
        left = n;
        jp_enter(p); /* the chain deepens the tree */
        folds++;
    }
    p->depth -= folds;
    return left;
}

/* ---- conditional, arrow, assignment, comma ---------------------------------------- */

static js_node *parse_conditional(js_parser *p)
{
    js_node *test = parse_binary(p, 0);
    if (!jp_is(p, JS_T_QUESTION))
        return test;
    js_node *n = jp_node(p, JS_CONDITIONAL, test->pos);
    jp_next(p);
    bool saved_no_in = p->no_in;
    p->no_in = false;
    n->u.cond.test = test;
    n->u.cond.then = jp_parse_assign(p);
    p->no_in = saved_no_in;
    jp_expect(p, JS_T_COLON);
    n->u.cond.otherwise = jp_parse_assign(p);
    return n;
}

static js_op assign_op(js_tok t)
{
    switch (t) {
    case JS_T_ASSIGN: return JS_OP_ASSIGN;
    case JS_T_PLUS_ASSIGN: return JS_OP_ADD;
    case JS_T_MINUS_ASSIGN: return JS_OP_SUB;
    case JS_T_STAR_ASSIGN: return JS_OP_MUL;
    case JS_T_SLASH_ASSIGN: return JS_OP_DIV;
    case JS_T_PERCENT_ASSIGN: return JS_OP_MOD;
    case JS_T_STARSTAR_ASSIGN: return JS_OP_EXP;
    case JS_T_SHL_ASSIGN: return JS_OP_SHL;
    case JS_T_SAR_ASSIGN: return JS_OP_SAR;
    case JS_T_SHR_ASSIGN: return JS_OP_SHR;
    case JS_T_AMP_ASSIGN: return JS_OP_BITAND;
    case JS_T_PIPE_ASSIGN: return JS_OP_BITOR;
    case JS_T_CARET_ASSIGN: return JS_OP_BITXOR;
    case JS_T_AND_ASSIGN: return JS_OP_AND;
    case JS_T_OR_ASSIGN: return JS_OP_OR;
    case JS_T_NULLISH_ASSIGN: return JS_OP_NULLISH;
    default: return JS_OP_NONE;
    }
}

js_node *jp_parse_default(js_parser *p, js_node *target)
{
    jp_next(p); /* = */
    js_node *n = jp_node(p, JS_ASSIGN, target->pos);
    n->u.binary.op = JS_OP_ASSIGN;
    n->u.binary.left = target;
    bool saved = p->in_pattern;
    p->in_pattern = false;
    n->u.binary.right = jp_parse_assign(p);
    p->in_pattern = saved;
    if (target->kind == JS_IDENT)
        jp_set_inferred_name(n->u.binary.right, target->u.ident.name);
    return n;
}

static js_node *parse_assignment_rest(js_parser *p, js_node *target)
{
    js_op op = assign_op(p->lx.tok.type);
    if (p->in_pattern && op == JS_OP_ASSIGN)
        return jp_parse_default(p, target); /* declare_pattern checks the target */
    if (op == JS_OP_ASSIGN && (target->kind == JS_ARRAY || target->kind == JS_OBJECT) &&
        !(target->flags & JS_NF_PARENTHESIZED))
        jp_check_assignment_pattern(p, target);
    else
        jp_check_target(p, target, "Invalid left-hand side in assignment");
    jp_next(p);
    js_node *n = jp_node(p, JS_ASSIGN, target->pos);
    n->u.binary.op = op;
    n->u.binary.left = target;
    n->u.binary.right = jp_parse_assign(p);
    bool names = op == JS_OP_ASSIGN || op == JS_OP_AND || op == JS_OP_OR || op == JS_OP_NULLISH;
    if (names && target->kind == JS_IDENT)
        jp_set_inferred_name(n->u.binary.right, target->u.ident.name);
    return n;
}

js_node *jp_parse_pattern_literal(js_parser *p)
{
    bool saved = p->in_pattern;
    p->in_pattern = true;
    js_node *n = jp_is(p, JS_T_LBRACKET) ? parse_array(p) : jp_parse_object(p);
    p->in_pattern = saved;
    return n;
}

js_node *jp_void_zero(js_parser *p, js_pos pos)
{
    js_node *zero = jp_node(p, JS_NUMBER, pos);
    zero->u.number = 0;
    js_node *v = jp_node(p, JS_UNARY, pos);
    v->u.unary.op = JS_OP_VOID;
    v->u.unary.arg = zero;
    return v;
}

/* `yield`, `yield x` or `yield* x` in a generator (at the current token). */
static js_node *parse_yield(js_parser *p)
{
    js_node *n = jp_node(p, JS_UNARY, jp_tok_pos(p));
    n->u.unary.op = JS_OP_YIELD;
    jp_next(p);
    const js_token *t = &p->lx.tok;
    if (t->type == JS_T_STAR && !t->nl_before) {
        n->u.unary.op = JS_OP_YIELD_STAR;
        jp_next(p);
        n->u.unary.arg = jp_parse_assign(p);
    } else if (t->nl_before || t->type == JS_T_RPAREN || t->type == JS_T_RBRACKET ||
               t->type == JS_T_RBRACE || t->type == JS_T_COMMA || t->type == JS_T_SEMI ||
               t->type == JS_T_COLON || t->type == JS_T_EOF) {
        n->u.unary.arg = jp_void_zero(p, n->pos); /* a bare yield yields undefined */
    } else {
        n->u.unary.arg = jp_parse_assign(p);
    }
    return n;
}

js_node *jp_parse_assign(js_parser *p)
{
    if (jp_at_word(p, p->a_yield) && (p->func->fn->flags & JS_FN_GENERATOR))
        return parse_yield(p);
    jp_enter(p);
    js_pos start = jp_tok_pos(p);
    js_node *e = parse_conditional(p);
    if (jp_is(p, JS_T_ARROW)) {
        if (p->lx.tok.nl_before)
            jp_unexpected(p);
        js_node *cover = jp_async_arrow_cover(p, e);
        js_node_list params = jp_arrow_params(p, cover ? cover : e);
        js_node *f = jp_node(p, JS_FUNC_EXPR, start);
        f->u.func = jp_function(p);
        f->u.func->src_start = start.offset;
        if (cover)
            f->u.func->flags |= JS_FN_ASYNC;
        e = jp_parse_arrow_body(p, f, params);
    } else if (assign_op(p->lx.tok.type) != JS_OP_NONE) {
        e = parse_assignment_rest(p, e);
    }
    jp_leave(p);
    return e;
}

js_node *jp_parse_expression(js_parser *p)
{
    js_node *first = jp_parse_assign(p);
    if (!jp_is(p, JS_T_COMMA))
        return first;
    uint32_t base = p->nodes.len;
    jp_push_node(p, first);
    while (jp_accept(p, JS_T_COMMA))
        jp_push_node(p, jp_parse_assign(p));
    js_node *n = jp_node(p, JS_SEQUENCE, first->pos);
    n->u.list = jp_take_nodes(p, base);
    return n;
}
