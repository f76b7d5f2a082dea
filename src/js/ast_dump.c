/* ast_dump.c - the S-expression dump of an AST (js_ast_dump, see ast.h), which
 * the front end's tests compare with their expected output. */
#include "ast.h"

#include <math.h>
#include <stdlib.h>

/* ---- dump ---------------------------------------------------------------------- */

typedef struct dumper {
    FILE *out;
    unsigned opts;
} dumper;

static void dump(dumper *d, const js_node *n, int indent);

static void newline(dumper *d, int indent)
{
    fprintf(d->out, "\n%*s", indent, "");
}

static void put_pos(dumper *d, const js_node *n)
{
    if (d->opts & JS_DUMP_POSITIONS)
        fprintf(d->out, "@%u:%u", n->pos.line, n->pos.column);
}

/* Opens "(name" followed by the position. */
static void open_form(dumper *d, const char *name, const js_node *n)
{
    fprintf(d->out, "(%s", name);
    put_pos(d, n);
}

static void put_string(dumper *d, const js_atom *a)
{
    fputc('"', d->out);
    for (uint32_t i = 0; i < a->len; i++) {
        unsigned char c = (unsigned char)a->ptr[i];
        if (c == '"' || c == '\\')
            fprintf(d->out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", d->out);
        else if (c == '\t')
            fputs("\\t", d->out);
        else if (c == '\r')
            fputs("\\r", d->out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(d->out, "\\x%02x", c);
        else if (c == 0xED && i + 2 < a->len && ((unsigned char)a->ptr[i + 1] & 0xE0) == 0xA0) {
            /* a lone surrogate (WTF-8): not printable as UTF-8 */
            unsigned cp = 0xD000u | (((unsigned char)a->ptr[i + 1] & 0x3Fu) << 6) |
                          ((unsigned char)a->ptr[i + 2] & 0x3Fu);
            fprintf(d->out, "\\u%04X", cp);
            i += 2;
        }
        else
            fputc(c, d->out);
    }
    fputc('"', d->out);
}

static bool is_plain_name(const js_atom *a)
{
    if (a->len == 0)
        return false;
    for (uint32_t i = 0; i < a->len; i++) {
        char c = a->ptr[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

static void put_name(dumper *d, const js_atom *a)
{
    if (is_plain_name(a))
        fwrite(a->ptr, 1, a->len, d->out);
    else
        put_string(d, a);
}

/* Shortest of %.15g .. %.17g that reads back as the same double. */
static void put_number(dumper *d, double v)
{
    if (isinf(v)) {
        fputs(v > 0 ? "Infinity" : "-Infinity", d->out);
        return;
    }
    if (isnan(v)) {
        fputs("NaN", d->out);
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, d->out);
}

static void put_list(dumper *d, js_node_list l, int indent)
{
    for (uint32_t i = 0; i < l.count; i++) {
        fputc(' ', d->out);
        if (l.items[i])
            dump(d, l.items[i], indent);
        else
            fputs("<hole>", d->out);
    }
}

static void put_statements(dumper *d, js_node_list l, int indent)
{
    for (uint32_t i = 0; i < l.count; i++) {
        newline(d, indent);
        dump(d, l.items[i], indent);
    }
}

static void put_scope(dumper *d, js_scope s)
{
    static const char *const kinds[] = {
        [JS_DECL_VAR] = "var", [JS_DECL_LET] = "let", [JS_DECL_CONST] = "const",
        [JS_DECL_FUNCTION] = "function", [JS_DECL_CATCH_PARAM] = "catch",
    };
    if (s.count == 0)
        return;
    fputs(" [lex", d->out);
    for (uint32_t i = 0; i < s.count; i++) {
        fprintf(d->out, " %s:", kinds[s.decls[i].kind]);
        put_name(d, s.decls[i].name);
    }
    fputc(']', d->out);
}

static void put_function_flags(dumper *d, const js_function *fn)
{
    static const struct { uint32_t flag; const char *name; } names[] = {
        {JS_FN_ARROW, "arrow"},         {JS_FN_EXPR_BODY, "expr-body"},
        {JS_FN_METHOD, "method"},       {JS_FN_STRICT, "strict"},
        {JS_FN_USES_THIS, "this"},      {JS_FN_USES_ARGUMENTS, "arguments"},
        {JS_FN_USES_EVAL, "eval"},      {JS_FN_HAS_DIRECTIVES, "directives"},
        {JS_FN_ASYNC, "async"},         {JS_FN_GENERATOR, "generator"},
    };
    bool any = false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!(fn->flags & names[i].flag) || names[i].flag == JS_FN_ARROW)
            continue;
        fprintf(d->out, any ? " %s" : " [%s", names[i].name);
        any = true;
    }
    if (any)
        fputc(']', d->out);
}

/* [annexb] [inferred f] [flags] [vars ...] [funcs ...] [lex ...] */
static void put_function_annotations(dumper *d, const js_node *n)
{
    const js_function *fn = n->u.func;
    if (n->flags & JS_NF_ANNEXB_VAR)
        fputs(" [annexb]", d->out);
    if (fn->inferred_name) {
        fputs(" [inferred ", d->out);
        put_name(d, fn->inferred_name);
        fputc(']', d->out);
    }
    put_function_flags(d, fn);
    if (fn->nvars) {
        fputs(" [vars", d->out);
        for (uint32_t i = 0; i < fn->nvars; i++) {
            fputc(' ', d->out);
            put_name(d, fn->vars[i]);
        }
        fputc(']', d->out);
    }
    if (fn->funcs.count) {
        fputs(" [funcs", d->out);
        for (uint32_t i = 0; i < fn->funcs.count; i++) {
            fputc(' ', d->out);
            put_name(d, fn->funcs.items[i]->u.func->name);
        }
        fputc(']', d->out);
    }
    put_scope(d, fn->scope);
}

static void dump_function(dumper *d, const js_node *n, int indent)
{
    const js_function *fn = n->u.func;
    const char *name = n->kind == JS_PROGRAM     ? "program"
                       : n->kind == JS_FUNC_DECL ? "function-decl"
                       : (fn->flags & JS_FN_ARROW) ? "arrow"
                                                   : "function";
    open_form(d, name, n);
    if (fn->name) {
        fputc(' ', d->out);
        put_name(d, fn->name);
    }
    if (n->kind != JS_PROGRAM || fn->params.count) {
        fputs(" (", d->out);
        for (uint32_t i = 0; i < fn->params.count; i++) {
            if (i)
                fputc(' ', d->out);
            dump(d, fn->params.items[i], indent);
        }
        fputc(')', d->out);
    }
    put_function_annotations(d, n);
    if (fn->flags & JS_FN_EXPR_BODY) {
        fputc(' ', d->out);
        dump(d, fn->expr_body, indent);
    } else {
        put_statements(d, fn->body, indent + 2);
    }
    fputc(')', d->out);
}

static void dump_property(dumper *d, const js_node *n, int indent)
{
    const js_property *pr = &n->u.prop;
    open_form(d, (n->flags & JS_NF_SHORTHAND) ? "prop-short"
                 : (n->flags & JS_NF_GETTER)  ? "prop-get"
                 : (n->flags & JS_NF_SETTER)  ? "prop-set"
                                              : "prop", n);
    fputc(' ', d->out);
    if (pr->key_kind == JS_KEY_NUMBER) {
        put_number(d, pr->key_number);
    } else if (pr->key_kind == JS_KEY_COMPUTED) {
        fputc('[', d->out);
        dump(d, pr->key_expr, indent);
        fputc(']', d->out);
    } else {
        put_name(d, pr->key_name);
    }
    /* a shorthand shows its value only when it has a default: `{g = 2}` */
    if (!(n->flags & JS_NF_SHORTHAND) || pr->value->kind == JS_ASSIGN) {
        fputc(' ', d->out);
        dump(d, pr->value, indent);
    }
    if (n->flags & JS_NF_PROTO)
        fputs(" [proto]", d->out);
    fputc(')', d->out);
}

static void dump_template(dumper *d, const js_node *n, int indent)
{
    if (n->flags & JS_NF_TAGGED) { /* (template-strings ("cooked" "raw") ...) */
        open_form(d, "template-strings", n);
        for (uint32_t i = 0; i <= n->u.tmpl.nexprs; i++) {
            fputs(" (", d->out);
            put_string(d, n->u.tmpl.chunks[i]);
            fputc(' ', d->out);
            put_string(d, n->u.tmpl.raws[i]);
            fputc(')', d->out);
        }
        fputc(')', d->out);
        return;
    }
    open_form(d, "template", n);
    for (uint32_t i = 0; i <= n->u.tmpl.nexprs; i++) {
        fputc(' ', d->out);
        put_string(d, n->u.tmpl.chunks[i]);
        if (i < n->u.tmpl.nexprs) {
            fputc(' ', d->out);
            dump(d, n->u.tmpl.exprs[i], indent);
        }
    }
    fputc(')', d->out);
}

static void dump_optional(dumper *d, const js_node *n, int indent)
{
    fputc(' ', d->out);
    if (n)
        dump(d, n, indent);
    else
        fputc('_', d->out);
}

static void dump_child_stmt(dumper *d, const js_node *n, int indent)
{
    newline(d, indent);
    dump(d, n, indent);
}

static void dump_var_decl(dumper *d, const js_node *n, int indent)
{
    static const char *const kinds[] = {
        [JS_DECL_VAR] = "var", [JS_DECL_LET] = "let", [JS_DECL_CONST] = "const"};
    open_form(d, kinds[n->u.var_decl.kind], n);
    for (uint32_t i = 0; i < n->u.var_decl.decls.count; i++) {
        const js_node *decl = n->u.var_decl.decls.items[i];
        fputs(" (", d->out);
        dump(d, decl->u.declarator.id, indent);
        if (decl->u.declarator.init) {
            fputc(' ', d->out);
            dump(d, decl->u.declarator.init, indent);
        }
        fputc(')', d->out);
    }
    fputc(')', d->out);
}

static void dump_jump(dumper *d, const js_node *n)
{
    open_form(d, n->kind == JS_BREAK ? "break" : "continue", n);
    if (n->u.jump.label) {
        fputc(' ', d->out);
        put_name(d, n->u.jump.label);
    }
    fprintf(d->out, " ->%s", js_node_kind_name(n->u.jump.target->kind));
    if (d->opts & JS_DUMP_POSITIONS)
        fprintf(d->out, "@%u:%u", n->u.jump.target->pos.line, n->u.jump.target->pos.column);
    fputc(')', d->out);
}

static void dump_try(dumper *d, const js_node *n, int indent)
{
    open_form(d, "try", n);
    dump_child_stmt(d, n->u.try_.block, indent + 2);
    if (n->u.try_.handler) {
        newline(d, indent + 2);
        fputs("(catch", d->out);
        if (n->u.try_.param) {
            fputc(' ', d->out);
            dump(d, n->u.try_.param, indent);
        }
        dump_child_stmt(d, n->u.try_.handler, indent + 4);
        fputc(')', d->out);
    }
    if (n->u.try_.finalizer) {
        newline(d, indent + 2);
        fputs("(finally", d->out);
        dump_child_stmt(d, n->u.try_.finalizer, indent + 4);
        fputc(')', d->out);
    }
    fputc(')', d->out);
}

static void dump_switch(dumper *d, const js_node *n, int indent)
{
    open_form(d, "switch", n);
    fputc(' ', d->out);
    dump(d, n->u.switch_.discriminant, indent);
    put_scope(d, n->u.switch_.scope);
    for (uint32_t i = 0; i < n->u.switch_.cases.count; i++) {
        const js_node *c = n->u.switch_.cases.items[i];
        newline(d, indent + 2);
        open_form(d, c->u.case_.test ? "case" : "default", c);
        if (c->u.case_.test) {
            fputc(' ', d->out);
            dump(d, c->u.case_.test, indent + 2);
        }
        put_statements(d, c->u.case_.body, indent + 4);
        fputc(')', d->out);
    }
    fputc(')', d->out);
}

/* Statements that contain other statements. */
static bool dump_compound(dumper *d, const js_node *n, int indent)
{
    switch (n->kind) {
    case JS_BLOCK:
        open_form(d, "block", n);
        put_scope(d, n->u.block.scope);
        put_statements(d, n->u.block.body, indent + 2);
        break;
    case JS_IF:
        open_form(d, "if", n);
        fputc(' ', d->out);
        dump(d, n->u.if_.test, indent);
        dump_child_stmt(d, n->u.if_.then, indent + 2);
        if (n->u.if_.otherwise)
            dump_child_stmt(d, n->u.if_.otherwise, indent + 2);
        break;
    case JS_FOR:
        open_form(d, "for", n);
        put_scope(d, n->u.for_.scope);
        dump_optional(d, n->u.for_.init, indent);
        dump_optional(d, n->u.for_.test, indent);
        dump_optional(d, n->u.for_.update, indent);
        dump_child_stmt(d, n->u.for_.body, indent + 2);
        break;
    case JS_FOR_IN:
        open_form(d, n->u.for_in.await ? "for-await-of" : n->u.for_in.of ? "for-of" : "for-in", n);
        put_scope(d, n->u.for_in.scope);
        dump_optional(d, n->u.for_in.left, indent);
        dump_optional(d, n->u.for_in.right, indent);
        dump_child_stmt(d, n->u.for_in.body, indent + 2);
        break;
    case JS_WHILE:
    case JS_DO_WHILE:
        open_form(d, n->kind == JS_WHILE ? "while" : "do-while", n);
        fputc(' ', d->out);
        dump(d, n->u.loop.test, indent);
        dump_child_stmt(d, n->u.loop.body, indent + 2);
        break;
    case JS_LABELED:
        open_form(d, "label", n);
        fputc(' ', d->out);
        put_name(d, n->u.labeled.label);
        dump_child_stmt(d, n->u.labeled.body, indent + 2);
        break;
    case JS_SWITCH:
        dump_switch(d, n, indent);
        return true;
    case JS_TRY:
        dump_try(d, n, indent);
        return true;
    default:
        return false;
    }
    fputc(')', d->out);
    return true;
}

static bool dump_simple_stmt(dumper *d, const js_node *n, int indent)
{
    switch (n->kind) {
    case JS_EXPR_STMT:
        open_form(d, (n->flags & JS_NF_DIRECTIVE) ? "directive" : "expr", n);
        fputc(' ', d->out);
        dump(d, n->u.expr_stmt.expr, indent);
        break;
    case JS_EMPTY:
    case JS_DEBUGGER:
        open_form(d, js_node_kind_name(n->kind), n);
        break;
    case JS_RETURN:
    case JS_THROW:
        open_form(d, js_node_kind_name(n->kind), n);
        if (n->u.arg) {
            fputc(' ', d->out);
            dump(d, n->u.arg, indent);
        }
        break;
    case JS_BREAK:
    case JS_CONTINUE:
        dump_jump(d, n);
        return true;
    case JS_VAR_DECL:
        dump_var_decl(d, n, indent);
        return true;
    default:
        return false;
    }
    fputc(')', d->out);
    return true;
}

static bool dump_leaf(dumper *d, const js_node *n)
{
    switch (n->kind) {
    case JS_IDENT: put_name(d, n->u.ident.name); break;
    case JS_NUMBER: put_number(d, n->u.number); break;
    case JS_STRING: put_string(d, n->u.string); break;
    case JS_NULL: fputs("null", d->out); break;
    case JS_TRUE: fputs("true", d->out); break;
    case JS_FALSE: fputs("false", d->out); break;
    case JS_THIS: fputs("this", d->out); break;
    case JS_SUPER: fputs("super", d->out); break;
    case JS_NEW_TARGET: fputs("new.target", d->out); break;
    case JS_PRIVATE_NAME: put_name(d, n->u.ident.name); break;
    default: return false;
    }
    put_pos(d, n);
    return true;
}

static void dump_operator(dumper *d, const js_node *n, int indent)
{
    switch (n->kind) {
    case JS_UNARY:
        open_form(d, js_op_name(n->u.unary.op), n);
        break;
    case JS_SPREAD:
        open_form(d, "...", n);
        break;
    case JS_UPDATE:
        fprintf(d->out, "(%s%s", n->u.unary.prefix ? "pre" : "post", js_op_name(n->u.unary.op));
        put_pos(d, n);
        break;
    case JS_ASSIGN:
        open_form(d, js_assign_op_name(n->u.binary.op), n);
        break;
    default:
        open_form(d, js_op_name(n->u.binary.op), n);
        break;
    }
    fputc(' ', d->out);
    if (n->kind == JS_UNARY || n->kind == JS_UPDATE || n->kind == JS_SPREAD) {
        dump(d, n->u.unary.arg, indent);
    } else {
        dump(d, n->u.binary.left, indent);
        fputc(' ', d->out);
        dump(d, n->u.binary.right, indent);
    }
    fputc(')', d->out);
}

/* (class Name (extends X) ctor methods... (fields f) (statics f)) */
static void dump_class(dumper *d, const js_node *n, int indent)
{
    const js_class_def *k = n->u.klass;
    open_form(d, n->flags & JS_NF_DECLARATION ? "class-decl" : "class", n);
    dump_optional(d, k->id, indent);
    if (k->heritage) {
        fputs(" (extends", d->out);
        dump_optional(d, k->heritage, indent);
        fputc(')', d->out);
    }
    newline(d, indent + 2);
    dump(d, k->ctor, indent + 2);
    for (uint32_t i = 0; i < k->methods.count; i++) {
        newline(d, indent + 2);
        if (k->methods.items[i]->flags & JS_NF_STATIC)
            fputs("static ", d->out);
        dump(d, k->methods.items[i], indent + 2);
    }
    if (k->fields) {
        newline(d, indent + 2);
        fputs("fields ", d->out);
        dump(d, k->fields, indent + 2);
    }
    if (k->statics) {
        newline(d, indent + 2);
        fputs("statics ", d->out);
        dump(d, k->statics, indent + 2);
    }
}

static void dump_expr(dumper *d, const js_node *n, int indent)
{
    switch (n->kind) {
    case JS_TEMPLATE: dump_template(d, n, indent); return;
    case JS_PROPERTY: dump_property(d, n, indent); return;
    case JS_ARRAY:
    case JS_OBJECT:
    case JS_SEQUENCE:
        open_form(d, n->kind == JS_SEQUENCE ? "," : js_node_kind_name(n->kind), n);
        put_list(d, n->u.list, indent);
        break;
    case JS_CONDITIONAL:
        open_form(d, "?", n);
        dump_optional(d, n->u.cond.test, indent);
        dump_optional(d, n->u.cond.then, indent);
        dump_optional(d, n->u.cond.otherwise, indent);
        break;
    case JS_MEMBER:
        open_form(d, n->flags & JS_NF_OPTIONAL ? "?." : ".", n);
        fputc(' ', d->out);
        dump(d, n->u.member.object, indent);
        fputc(' ', d->out);
        put_name(d, n->u.member.name);
        break;
    case JS_INDEX:
        open_form(d, n->flags & JS_NF_OPTIONAL ? "?.[]" : "[]", n);
        dump_optional(d, n->u.index.object, indent);
        dump_optional(d, n->u.index.index, indent);
        break;
    case JS_CALL:
    case JS_NEW:
        open_form(d, n->flags & JS_NF_OPTIONAL ? "?.call" : js_node_kind_name(n->kind), n);
        dump_optional(d, n->u.call.callee, indent);
        put_list(d, n->u.call.args, indent);
        break;
    case JS_SUPER_CALL:
        open_form(d, "super-call", n);
        put_list(d, n->u.call.args, indent);
        break;
    case JS_CLASS:
        dump_class(d, n, indent);
        break;
    default:
        dump_operator(d, n, indent);
        return;
    }
    fputc(')', d->out);
}

static void dump(dumper *d, const js_node *n, int indent)
{
    if (!n) {
        fputc('_', d->out);
        return;
    }
    switch (n->kind) {
    case JS_PROGRAM:
    case JS_FUNC_DECL:
    case JS_FUNC_EXPR:
        dump_function(d, n, indent);
        return;
    case JS_UNARY:
    case JS_UPDATE:
    case JS_SPREAD:
    case JS_BINARY:
    case JS_LOGICAL:
    case JS_ASSIGN:
        dump_operator(d, n, indent);
        return;
    default:
        break;
    }
    if (dump_leaf(d, n) || dump_simple_stmt(d, n, indent) || dump_compound(d, n, indent))
        return;
    if (n->kind >= JS_IDENT && n->kind < JS_NODE_KIND_COUNT) {
        if (n->flags & JS_NF_CHAIN_END) /* where the chain's `?.` links jump */
            fputs("(chain ", d->out);
        dump_expr(d, n, indent);
        if (n->flags & JS_NF_CHAIN_END)
            fputc(')', d->out);
        return;
    }
    fprintf(d->out, "(%s)", js_node_kind_name(n->kind));
}

void js_ast_dump_ex(FILE *out, const js_node *node, unsigned options)
{
    dumper d = {out, options};
    dump(&d, node, 0);
    fputc('\n', out);
}

void js_ast_dump(FILE *out, const js_node *node)
{
    js_ast_dump_ex(out, node, 0);
}
