/* parser_class.c - class declarations and expressions.
 *
 * A class parses into a JS_CLASS node (ast.h's js_class_def): its
 * constructor (the written one, or the default one built here as the
 * spec spells it: `constructor() {}`, or `constructor(...args) {
 * super(...args); }` with `extends`), its methods, and its fields, each
 * kind gathered into one synthetic method whose body defines them on
 * `this` in source order (private methods first; a static block is a
 * call of a method of its own, in its place).  Those bodies are parsed
 * with the synthetic method open, so that `this` and arrows in an
 * initializer belong to it, as they belong to the field in the spec.
 * Private names (`#x`) resolve when their class ends (see below).
 *
 * Everything in a class is strict code, and runs in a scope of its own
 * that binds the class's name as a const.
 *
 * Left out, each a SyntaxError that names it: async generator methods,
 * private accessors, computed field names.
 */
#include <stdio.h>
#include <string.h>

#include "parser_int.h"

/* A growable node list in the arena (the scratch stack cannot hold three
 * lists that grow in turns). */
typedef struct node_buf {
    js_node **items;
    uint32_t count, cap;
} node_buf;

static void buf_push(js_parser *p, node_buf *b, js_node *n)
{
    if (b->count == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 8;
        js_node **items = jp_alloc(p, cap * sizeof *items);
        if (b->count)
            memcpy(items, b->items, b->count * sizeof *items);
        b->items = items;
        b->cap = cap;
    }
    b->items[b->count++] = n;
}

static js_node_list buf_list(node_buf *b)
{
    return (js_node_list){b->items, b->count};
}

typedef struct private_decl {
    const js_atom *name, *own; /* "#x", and this class's atom for it */
} private_decl;

typedef struct class_state {
    js_node *node;
    js_class_def *k;
    node_buf methods;
    node_buf fields[2]; /* instance, static: the initializers' statements */
    node_buf private_methods[2]; /* installed before the fields, as in the spec */
    js_node *field_fn[2];
    const js_atom *name;
    uint32_t serial;    /* which class: the suffix of its private names */
    struct class_state *outer;
    private_decl *privates;
    uint32_t nprivates, capprivates;
    node_buf private_uses; /* resolved when the class ends */
} class_state;

static const js_atom *hidden_atom(js_parser *p, const char *s)
{
    const js_atom *a = js_intern(&p->intern, s, strlen(s));
    if (!a)
        js_lex_out_of_memory(&p->lx);
    return a;
}

static js_node *ident(js_parser *p, const js_atom *name, js_pos pos)
{
    js_node *id = jp_node(p, JS_IDENT, pos);
    id->u.ident.name = name;
    return id;
}

/* ---- private names ----
 *
 * `#x` declared in class number N is the atom "#x\1N": one per class, so
 * instances of another class with its own #x, and string keys, never
 * reach it; the properties it names have PF_PRIVATE, so no key list
 * shows them.  (One per class in the source, not per evaluation: a class
 * made twice by a factory shares its private names.) */

static const js_atom *declare_private(js_parser *p, class_state *c, const js_atom *name, js_pos at)
{
    js_pos after = {at.line, at.column + (uint32_t)name->len, at.offset + (uint32_t)name->len};
    for (uint32_t i = 0; i < c->nprivates; i++) /* V8 points just past the name */
        if (c->privates[i].name == name)
            jp_fail_at(p, after, 1, "Identifier '%s' has already been declared", name->ptr);
    if (strcmp(name->ptr, "#constructor") == 0)
        jp_fail_at(p, at, 12, js_lex_peek(&p->lx) == JS_T_LPAREN ? "Class constructor may not be a private method"
                                                  : "Classes may not have a private field named '#constructor'");
    char buf[96];
    int n = snprintf(buf, sizeof buf, "%.60s\1%u", name->ptr, c->serial);
    const js_atom *own = js_intern(&p->intern, buf, (size_t)n);
    if (!own)
        js_lex_out_of_memory(&p->lx);
    if (c->nprivates == c->capprivates) {
        uint32_t cap = c->capprivates ? c->capprivates * 2 : 8;
        private_decl *d = jp_alloc(p, cap * sizeof *d);
        if (c->nprivates)
            memcpy(d, c->privates, c->nprivates * sizeof *d);
        c->privates = d;
        c->capprivates = cap;
    }
    c->privates[c->nprivates++] = (private_decl){name, own};
    return own;
}

/* V8 points at the `.` before a member's name. */
static _Noreturn void undeclared(js_parser *p, js_node *n, const js_atom *name)
{
    js_pos at = n->pos;
    uint32_t len = (uint32_t)name->len;
    if (n->kind == JS_MEMBER) {
        at = n->u.member.name_pos;
        at.column--;
        at.offset--;
        len = 1;
    }
    jp_fail_at(p, at, len, "Private field '%s' must be declared in an enclosing class", name->ptr);
}

void jp_note_private_use(js_parser *p, js_node *n)
{
    if (!p->klass)
        undeclared(p, n, n->kind == JS_MEMBER ? n->u.member.name : n->u.ident.name);
    buf_push(p, &p->klass->private_uses, n);
}

/* Each use in the class: its own atom, or the enclosing class's turn. */
static void resolve_private_uses(js_parser *p, class_state *c)
{
    for (uint32_t i = 0; i < c->private_uses.count; i++) {
        js_node *n = c->private_uses.items[i];
        const js_atom **name = n->kind == JS_MEMBER ? &n->u.member.name : &n->u.ident.name;
        uint32_t j = 0;
        while (j < c->nprivates && c->privates[j].name != *name)
            j++;
        if (j < c->nprivates)
            *name = c->privates[j].own;
        else if (c->outer)
            buf_push(p, &c->outer->private_uses, n);
        else
            undeclared(p, n, *name);
    }
}

/* The synthetic method that holds one kind of field (0 instance, 1 static). */
static js_node *field_function(js_parser *p, class_state *c, int is_static)
{
    if (!c->field_fn[is_static]) {
        js_node *f = jp_node(p, JS_FUNC_EXPR, c->node->pos);
        f->u.func = jp_function(p);
        f->u.func->flags = JS_FN_METHOD | JS_FN_HOME | JS_FN_STRICT |
                           (is_static ? JS_FN_STATIC : 0);
        f->u.func->inferred_name = c->name;
        f->u.func->src_start = c->node->pos.offset;
        c->field_fn[is_static] = f;
    }
    return c->field_fn[is_static];
}

/* `key = value;` or `key;`: `this.key = value` (a definition) in the
 * field method, the value parsed with that method open. */
static void parse_field(js_parser *p, class_state *c, js_node *prop, bool is_static,
                        const js_atom *shown)
{
    js_property *pr = &prop->u.prop;
    if (pr->key_kind == JS_KEY_COMPUTED)
        jp_fail_at(p, prop->pos, 1, "computed class field names are not supported");
    if (pr->key_kind == JS_KEY_NAME && pr->key_name == hidden_atom(p, "constructor"))
        jp_fail_at(p, prop->pos, 11, "Classes may not have a field named 'constructor'");
    js_node *fnode = field_function(p, c, is_static);
    jp_func f;
    jp_func_open(p, &f, fnode->u.func, false);
    f.strict = true;
    js_node *target;
    js_node *self = jp_node(p, JS_THIS, prop->pos);
    jp_note_this(p);
    if (pr->key_kind == JS_KEY_NAME) {
        target = jp_node(p, JS_MEMBER, prop->pos);
        target->flags |= prop->flags & JS_NF_PRIVATE;
        target->u.member.object = self;
        target->u.member.name = pr->key_name;
        target->u.member.name_pos = prop->pos;
    } else {
        js_node *key = jp_node(p, JS_NUMBER, prop->pos);
        key->u.number = pr->key_number;
        target = jp_node(p, JS_INDEX, prop->pos);
        target->u.index.object = self;
        target->u.index.index = key;
    }
    js_node *value;
    if (jp_accept(p, JS_T_ASSIGN)) {
        value = jp_parse_assign(p);
        if (pr->key_kind == JS_KEY_NAME)
            jp_set_inferred_name(value, shown);
    } else {
        value = jp_void_zero(p, prop->pos);
    }
    fnode->u.func->src_end = p->prev_end;
    jp_func_close(p, &f);
    js_node *def = jp_node(p, JS_ASSIGN, prop->pos);
    def->flags |= JS_NF_DEFINE;
    def->u.binary.op = JS_OP_ASSIGN;
    def->u.binary.left = target;
    def->u.binary.right = value;
    js_node *stmt = jp_node(p, JS_EXPR_STMT, prop->pos);
    stmt->u.expr_stmt.expr = def;
    buf_push(p, &c->fields[is_static], stmt);
    jp_consume_semicolon(p);
}

static bool is_constructor_key(js_parser *p, const js_property *pr)
{
    return pr->key_kind == JS_KEY_NAME && pr->key_name == hidden_atom(p, "constructor");
}

/* A method, or the constructor. */
/* `this.#m = <the method>` for the field method of its kind. */
static js_node *private_method_define(js_parser *p, class_state *c, js_node *prop, bool is_static)
{
    js_node *fnode = field_function(p, c, is_static);
    fnode->u.func->flags |= JS_FN_USES_THIS;
    js_node *target = jp_node(p, JS_MEMBER, prop->pos);
    target->flags |= JS_NF_PRIVATE;
    target->u.member.object = jp_node(p, JS_THIS, prop->pos);
    target->u.member.name = prop->u.prop.key_name;
    target->u.member.name_pos = prop->pos;
    js_node *def = jp_node(p, JS_ASSIGN, prop->pos);
    def->flags |= JS_NF_DEFINE;
    def->u.binary.op = JS_OP_ASSIGN;
    def->u.binary.left = target;
    def->u.binary.right = prop->u.prop.value;
    js_node *stmt = jp_node(p, JS_EXPR_STMT, prop->pos);
    stmt->u.expr_stmt.expr = def;
    return stmt;
}

static void parse_method(js_parser *p, class_state *c, js_node *prop, bool is_static,
                         const js_atom *shown, uint32_t fn_kind)
{
    js_property *pr = &prop->u.prop;
    js_node *f = jp_node(p, JS_FUNC_EXPR, prop->pos);
    f->u.func = jp_function(p);
    f->u.func->src_start = prop->pos.offset;
    if (!is_static && is_constructor_key(p, pr)) {
        if (c->k->ctor)
            jp_fail_at(p, prop->pos, 11, "A class may only have one constructor");
        uint32_t flags = JS_FN_CLASS_CTOR | JS_FN_HOME | (c->k->heritage ? JS_FN_DERIVED : 0);
        jp_parse_function_rest(p, f, flags);
        c->k->ctor = f;
        return;
    }
    if (is_static && pr->key_kind == JS_KEY_NAME && pr->key_name == hidden_atom(p, "prototype"))
        jp_fail_at(p, prop->pos, 9, "Classes may not have a static property named 'prototype'");
    if (pr->key_kind != JS_KEY_COMPUTED)
        f->u.func->inferred_name = pr->key_kind == JS_KEY_NAME ? shown : NULL;
    jp_parse_function_rest(p, f, JS_FN_METHOD | JS_FN_HOME | (is_static ? JS_FN_STATIC : 0) | fn_kind);
    pr->value = f;
    if (is_static)
        prop->flags |= JS_NF_STATIC;
    if (prop->flags & JS_NF_PRIVATE) /* on each instance (or the class), before the fields */
        buf_push(p, &c->private_methods[is_static], private_method_define(p, c, prop, is_static));
    else
        buf_push(p, &c->methods, prop);
}

/* `static { ... }`: a method of its own (its vars are its own), which
 * the static field method calls on the class in the block's place among
 * the static fields: `(function () { ... }).call(this)`. */
static void parse_static_block(js_parser *p, class_state *c)
{
    js_pos at = jp_tok_pos(p);
    js_node *block_fn = jp_node(p, JS_FUNC_EXPR, at);
    js_function *fn = jp_function(p);
    block_fn->u.func = fn;
    fn->flags = JS_FN_METHOD | JS_FN_HOME | JS_FN_STATIC;
    fn->inferred_name = c->name;
    fn->src_start = at.offset;
    jp_func f;
    jp_func_open(p, &f, fn, false);
    f.strict = true;
    js_node **body = jp_alloc(p, sizeof *body);
    body[0] = jp_parse_statement(p, true);
    fn->body = (js_node_list){body, 1};
    fn->src_end = p->prev_end;
    jp_func_close(p, &f);
    js_node *statics = field_function(p, c, 1);
    statics->u.func->flags |= JS_FN_USES_THIS;
    js_node *callee = jp_node(p, JS_MEMBER, at);
    callee->u.member.object = block_fn;
    callee->u.member.name = hidden_atom(p, "call");
    callee->u.member.name_pos = at;
    js_node **args = jp_alloc(p, sizeof *args);
    args[0] = jp_node(p, JS_THIS, at);
    js_node *call = jp_node(p, JS_CALL, at);
    call->u.call.callee = callee;
    call->u.call.args = (js_node_list){args, 1};
    js_node *stmt = jp_node(p, JS_EXPR_STMT, at);
    stmt->u.expr_stmt.expr = call;
    buf_push(p, &c->fields[1], stmt);
}

/* One member of the class body (the current token starts it). */
static void parse_member(js_parser *p, class_state *c)
{
    bool is_static = false;
    if (jp_is(p, JS_T_IDENT) && p->lx.tok.atom == p->a_static && !p->lx.tok.escaped) {
        js_tok next = js_lex_peek(&p->lx);
        if (next != JS_T_LPAREN && next != JS_T_ASSIGN && next != JS_T_SEMI &&
            next != JS_T_RBRACE) {
            is_static = true;
            jp_next(p);
            if (jp_is(p, JS_T_LBRACE)) {
                parse_static_block(p, c);
                return;
            }
        }
    }
    js_node *prop = jp_node(p, JS_PROPERTY, jp_tok_pos(p));
    /* async or generator method */
    uint32_t fn_kind = jp_async_prefix(p) ? JS_FN_ASYNC : jp_accept(p, JS_T_STAR) ? JS_FN_GENERATOR : 0;
    uint32_t accessor = fn_kind ? 0 : jp_accessor_prefix(p);
    js_pos key_pos = jp_tok_pos(p);
    const js_atom *shown = NULL; /* the name a function under the key takes */
    if (jp_is(p, JS_T_PRIVATE)) {
        if (accessor)
            jp_fail_at(p, key_pos, (uint32_t)p->lx.tok.atom->len, "private accessors are not supported");
        shown = p->lx.tok.atom;
        prop->flags |= JS_NF_PRIVATE;
        prop->u.prop.key_kind = JS_KEY_NAME;
        prop->u.prop.key_name = declare_private(p, c, shown, key_pos);
        jp_next(p);
    } else {
        jp_parse_property_key(p, prop);
        if (prop->u.prop.key_kind == JS_KEY_NAME)
            shown = prop->u.prop.key_name;
    }
    if (accessor) {
        if (!jp_is(p, JS_T_LPAREN))
            jp_unexpected(p);
        if (!is_static && is_constructor_key(p, &prop->u.prop))
            jp_fail_at(p, key_pos, 11, "Class constructor may not be an accessor");
        jp_parse_accessor(p, prop, accessor, JS_FN_HOME | (is_static ? JS_FN_STATIC : 0));
        if (is_static)
            prop->flags |= JS_NF_STATIC;
        buf_push(p, &c->methods, prop);
    } else if (jp_is(p, JS_T_LPAREN)) {
        if (fn_kind && !is_static && is_constructor_key(p, &prop->u.prop))
            jp_fail_at(p, key_pos, 11, "Class constructor may not be a%s",
                       fn_kind == JS_FN_ASYNC ? "n async method" : " generator");
        parse_method(p, c, prop, is_static, shown, fn_kind);
    } else {
        if (fn_kind)
            jp_unexpected(p);
        parse_field(p, c, prop, is_static, shown);
    }
}

/* The constructor a class without one gets. */
static js_node *default_constructor(js_parser *p, class_state *c)
{
    js_node *f = jp_node(p, JS_FUNC_EXPR, c->node->pos);
    js_function *fn = jp_function(p);
    f->u.func = fn;
    fn->flags = JS_FN_CLASS_CTOR | JS_FN_HOME | JS_FN_STRICT;
    if (!c->k->heritage)
        return f;
    fn->flags |= JS_FN_DERIVED;
    jp_func fs;
    jp_func_open(p, &fs, fn, false);
    fs.strict = true;
    const js_atom *args = hidden_atom(p, "args");
    js_node *param = jp_node(p, JS_SPREAD, c->node->pos);
    param->u.unary.arg = ident(p, args, c->node->pos);
    jp_declare_param(p, param->u.unary.arg);
    js_node **params = jp_alloc(p, sizeof *params);
    params[0] = param;
    fn->params = (js_node_list){params, 1};
    js_node *spread = jp_node(p, JS_SPREAD, c->node->pos);
    spread->u.unary.arg = ident(p, args, c->node->pos);
    js_node **call_args = jp_alloc(p, sizeof *call_args);
    call_args[0] = spread;
    js_node *call = jp_node(p, JS_SUPER_CALL, c->node->pos);
    call->u.call.args = (js_node_list){call_args, 1};
    jp_note_this(p);
    js_node *stmt = jp_node(p, JS_EXPR_STMT, c->node->pos);
    stmt->u.expr_stmt.expr = call;
    js_node **body = jp_alloc(p, sizeof *body);
    body[0] = stmt;
    fn->body = (js_node_list){body, 1};
    jp_func_close(p, &fs);
    return f;
}

/* The name, `extends`, and the class scope's hidden names. */
static void parse_head(js_parser *p, class_state *c, bool declaration)
{
    js_class_def *k = c->k;
    if (jp_is(p, JS_T_IDENT)) {
        k->id = jp_ident_node(p);
        jp_check_binding(p, k->id, true, false);
        c->name = k->id->u.ident.name;
        jp_next(p);
    } else if (declaration) {
        jp_unexpected(p);
    }
    if (declaration)
        jp_declare_lexical(p, k->id, JS_DECL_LET, c->node);
}

js_node *jp_parse_class(js_parser *p, bool declaration)
{
    jp_enter(p);
    class_state c = {0};
    c.node = jp_node(p, JS_CLASS, jp_tok_pos(p));
    c.k = jp_alloc(p, sizeof *c.k);
    memset(c.k, 0, sizeof *c.k);
    c.node->u.klass = c.k;
    if (declaration)
        c.node->flags |= JS_NF_DECLARATION;
    jp_next(p); /* class */
    c.serial = ++p->classes;
    c.outer = p->klass;
    bool saved_strict = p->func->strict;
    p->func->strict = true; /* a class's every part is strict code */
    parse_head(p, &c, declaration);
    jp_scope scope;
    jp_scope_open(p, &scope, JP_SCOPE_BLOCK);
    js_class_def *k = c.k;
    k->self = hidden_atom(p, "%self");
    k->fields_name = hidden_atom(p, "%fields");
    if (k->id)
        jp_declare_lexical(p, ident(p, c.name, k->id->pos), JS_DECL_CONST, c.node);
    jp_declare_lexical(p, ident(p, k->self, c.node->pos), JS_DECL_CONST, c.node);
    if (jp_accept(p, JS_T_EXTENDS))
        k->heritage = jp_parse_lhs(p);
    jp_expect(p, JS_T_LBRACE);
    p->klass = &c;
    while (!jp_accept(p, JS_T_RBRACE)) {
        if (jp_is(p, JS_T_EOF))
            jp_unexpected(p);
        if (!jp_accept(p, JS_T_SEMI))
            parse_member(p, &c);
    }
    uint32_t end = p->prev_end;
    p->klass = c.outer;
    resolve_private_uses(p, &c);
    for (int i = 0; i < 2; i++) { /* private methods first, then the fields */
        node_buf all = {0};
        for (uint32_t j = 0; j < c.private_methods[i].count; j++)
            buf_push(p, &all, c.private_methods[i].items[j]);
        for (uint32_t j = 0; j < c.fields[i].count; j++)
            buf_push(p, &all, c.fields[i].items[j]);
        c.fields[i] = all;
    }
    if (c.fields[0].count)
        jp_declare_lexical(p, ident(p, k->fields_name, c.node->pos), JS_DECL_CONST, c.node);
    if (!k->ctor)
        k->ctor = default_constructor(p, &c);
    js_function *ctor = k->ctor->u.func;
    ctor->inferred_name = c.name;
    ctor->src_start = c.node->pos.offset; /* its source text is the class's */
    ctor->src_end = end;
    if (c.fields[0].count)
        ctor->flags |= JS_FN_HAS_FIELDS;
    k->methods = buf_list(&c.methods);
    for (int i = 0; i < 2; i++)
        if (c.field_fn[i])
            c.field_fn[i]->u.func->body = buf_list(&c.fields[i]);
    k->fields = c.field_fn[0];
    k->statics = c.field_fn[1];
    k->scope = jp_scope_close(p, &scope);
    p->func->strict = saved_strict;
    jp_leave(p);
    return c.node;
}
