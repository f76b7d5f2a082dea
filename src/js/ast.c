/* ast.c - operator and kind names, and the walk over a node's children (see
 * ast.h).  The S-expression dump is in ast_dump.c. */
#include "ast.h"

static const char *const op_names[JS_OP_COUNT] = {
    [JS_OP_NONE] = "?",       [JS_OP_POS] = "+",         [JS_OP_NEG] = "-",
    [JS_OP_NOT] = "!",        [JS_OP_BITNOT] = "~",      [JS_OP_TYPEOF] = "typeof",
    [JS_OP_VOID] = "void",    [JS_OP_DELETE] = "delete", [JS_OP_AWAIT] = "await", [JS_OP_YIELD] = "yield", [JS_OP_YIELD_STAR] = "yield*", [JS_OP_INC] = "++",
    [JS_OP_DEC] = "--",       [JS_OP_ADD] = "+",         [JS_OP_SUB] = "-",
    [JS_OP_MUL] = "*",        [JS_OP_DIV] = "/",         [JS_OP_MOD] = "%",
    [JS_OP_EXP] = "**",       [JS_OP_SHL] = "<<",        [JS_OP_SAR] = ">>",
    [JS_OP_SHR] = ">>>",      [JS_OP_LT] = "<",          [JS_OP_GT] = ">",
    [JS_OP_LE] = "<=",        [JS_OP_GE] = ">=",         [JS_OP_INSTANCEOF] = "instanceof",
    [JS_OP_IN] = "in",        [JS_OP_EQ] = "==",         [JS_OP_NE] = "!=",
    [JS_OP_STRICT_EQ] = "===", [JS_OP_STRICT_NE] = "!==", [JS_OP_BITAND] = "&",
    [JS_OP_BITXOR] = "^",     [JS_OP_BITOR] = "|",       [JS_OP_AND] = "&&",
    [JS_OP_OR] = "||",        [JS_OP_NULLISH] = "??",    [JS_OP_ASSIGN] = "=",
};

const char *js_op_name(js_op op)
{
    return op < JS_OP_COUNT && op_names[op] ? op_names[op] : "?";
}

const char *js_assign_op_name(js_op op)
{
    static const char *const names[JS_OP_COUNT] = {
        [JS_OP_ASSIGN] = "=",   [JS_OP_ADD] = "+=",    [JS_OP_SUB] = "-=",
        [JS_OP_MUL] = "*=",     [JS_OP_DIV] = "/=",    [JS_OP_MOD] = "%=",
        [JS_OP_EXP] = "**=",    [JS_OP_SHL] = "<<=",   [JS_OP_SAR] = ">>=",
        [JS_OP_SHR] = ">>>=",   [JS_OP_BITAND] = "&=", [JS_OP_BITXOR] = "^=",
        [JS_OP_BITOR] = "|=",   [JS_OP_AND] = "&&=",   [JS_OP_OR] = "||=",
        [JS_OP_NULLISH] = "?\?=",
    };
    return op < JS_OP_COUNT && names[op] ? names[op] : "?";
}

const char *js_node_kind_name(js_node_kind kind)
{
    static const char *const names[JS_NODE_KIND_COUNT] = {
        [JS_INVALID] = "invalid",     [JS_PROGRAM] = "program",   [JS_FUNC_DECL] = "function-decl",
        [JS_FUNC_EXPR] = "function",  [JS_VAR_DECL] = "var-decl", [JS_DECLARATOR] = "declarator",
        [JS_EXPR_STMT] = "expr",      [JS_BLOCK] = "block",       [JS_EMPTY] = "empty",
        [JS_DEBUGGER] = "debugger",   [JS_IF] = "if",             [JS_FOR] = "for",
        [JS_FOR_IN] = "for-in",       [JS_SPREAD] = "spread",       [JS_WHILE] = "while",       [JS_DO_WHILE] = "do-while",
        [JS_SWITCH] = "switch",       [JS_CASE] = "case",         [JS_BREAK] = "break",
        [JS_CONTINUE] = "continue",   [JS_RETURN] = "return",     [JS_THROW] = "throw",
        [JS_TRY] = "try",             [JS_LABELED] = "label",     [JS_IDENT] = "ident",
        [JS_NUMBER] = "number",       [JS_STRING] = "string",     [JS_TEMPLATE] = "template",
        [JS_NULL] = "null",           [JS_TRUE] = "true",         [JS_FALSE] = "false",
        [JS_THIS] = "this",           [JS_ARRAY] = "array",       [JS_OBJECT] = "object",
        [JS_PROPERTY] = "prop",       [JS_UNARY] = "unary",       [JS_UPDATE] = "update",
        [JS_BINARY] = "binary",       [JS_LOGICAL] = "logical",   [JS_ASSIGN] = "assign",
        [JS_CONDITIONAL] = "conditional", [JS_SEQUENCE] = "sequence", [JS_MEMBER] = "member",
        [JS_INDEX] = "index",         [JS_CALL] = "call",         [JS_NEW] = "new",
        [JS_CLASS] = "class",         [JS_SUPER] = "super",       [JS_SUPER_CALL] = "super-call",
        [JS_NEW_TARGET] = "new.target", [JS_PRIVATE_NAME] = "private-name",
    };
    return kind < JS_NODE_KIND_COUNT && names[kind] ? names[kind] : "?";
}

/* ---- walking -------------------------------------------------------------------- */

static void visit(js_node *child, js_child_fn *fn, void *ctx)
{
    if (child)
        fn(child, ctx);
}

static void visit_list(js_node_list l, js_child_fn *fn, void *ctx)
{
    for (uint32_t i = 0; i < l.count; i++)
        visit(l.items[i], fn, ctx);
}

static void visit_function(const js_function *f, js_child_fn *fn, void *ctx)
{
    visit_list(f->params, fn, ctx);
    visit_list(f->body, fn, ctx);
    visit(f->expr_body, fn, ctx);
}

static void visit_statement_parts(const js_node *n, js_child_fn *fn, void *ctx)
{
    switch (n->kind) {
    case JS_FOR:
        visit(n->u.for_.init, fn, ctx);
        visit(n->u.for_.test, fn, ctx);
        visit(n->u.for_.update, fn, ctx);
        visit(n->u.for_.body, fn, ctx);
        break;
    case JS_FOR_IN:
        visit(n->u.for_in.left, fn, ctx);
        visit(n->u.for_in.right, fn, ctx);
        visit(n->u.for_in.body, fn, ctx);
        break;
    case JS_WHILE:
        visit(n->u.loop.test, fn, ctx);
        visit(n->u.loop.body, fn, ctx);
        break;
    case JS_DO_WHILE:
        visit(n->u.loop.body, fn, ctx);
        visit(n->u.loop.test, fn, ctx);
        break;
    case JS_SWITCH:
        visit(n->u.switch_.discriminant, fn, ctx);
        visit_list(n->u.switch_.cases, fn, ctx);
        break;
    case JS_CASE:
        visit(n->u.case_.test, fn, ctx);
        visit_list(n->u.case_.body, fn, ctx);
        break;
    case JS_TRY:
        visit(n->u.try_.block, fn, ctx);
        visit(n->u.try_.param, fn, ctx);
        visit(n->u.try_.handler, fn, ctx);
        visit(n->u.try_.finalizer, fn, ctx);
        break;
    default:
        break;
    }
}

void js_ast_for_each_child(const js_node *n, js_child_fn *fn, void *ctx)
{
    switch (n->kind) {
    case JS_PROGRAM:
    case JS_FUNC_DECL:
    case JS_FUNC_EXPR: visit_function(n->u.func, fn, ctx); break;
    case JS_VAR_DECL: visit_list(n->u.var_decl.decls, fn, ctx); break;
    case JS_DECLARATOR:
        visit(n->u.declarator.id, fn, ctx);
        visit(n->u.declarator.init, fn, ctx);
        break;
    case JS_EXPR_STMT: visit(n->u.expr_stmt.expr, fn, ctx); break;
    case JS_BLOCK: visit_list(n->u.block.body, fn, ctx); break;
    case JS_IF:
        visit(n->u.if_.test, fn, ctx);
        visit(n->u.if_.then, fn, ctx);
        visit(n->u.if_.otherwise, fn, ctx);
        break;
    case JS_CONDITIONAL:
        visit(n->u.cond.test, fn, ctx);
        visit(n->u.cond.then, fn, ctx);
        visit(n->u.cond.otherwise, fn, ctx);
        break;
    case JS_RETURN:
    case JS_THROW: visit(n->u.arg, fn, ctx); break;
    case JS_LABELED: visit(n->u.labeled.body, fn, ctx); break;
    case JS_TEMPLATE:
        for (uint32_t i = 0; i < n->u.tmpl.nexprs; i++)
            visit(n->u.tmpl.exprs[i], fn, ctx);
        break;
    case JS_ARRAY:
    case JS_OBJECT:
    case JS_SEQUENCE: visit_list(n->u.list, fn, ctx); break;
    case JS_PROPERTY:
        if (n->u.prop.key_kind == JS_KEY_COMPUTED)
            visit(n->u.prop.key_expr, fn, ctx);
        visit(n->u.prop.value, fn, ctx);
        break;
    case JS_UNARY:
    case JS_SPREAD:
    case JS_UPDATE: visit(n->u.unary.arg, fn, ctx); break;
    case JS_BINARY:
    case JS_LOGICAL:
    case JS_ASSIGN:
        visit(n->u.binary.left, fn, ctx);
        visit(n->u.binary.right, fn, ctx);
        break;
    case JS_MEMBER: visit(n->u.member.object, fn, ctx); break;
    case JS_INDEX:
        visit(n->u.index.object, fn, ctx);
        visit(n->u.index.index, fn, ctx);
        break;
    case JS_CALL:
    case JS_NEW:
    case JS_SUPER_CALL:
        visit(n->u.call.callee, fn, ctx);
        visit_list(n->u.call.args, fn, ctx);
        break;
    case JS_CLASS:
        visit(n->u.klass->heritage, fn, ctx);
        visit(n->u.klass->ctor, fn, ctx);
        visit_list(n->u.klass->methods, fn, ctx);
        visit(n->u.klass->fields, fn, ctx);
        visit(n->u.klass->statics, fn, ctx);
        break;
    default: visit_statement_parts(n, fn, ctx); break;
    }
}
