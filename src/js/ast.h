/* ast.h - the abstract syntax tree of the ghjs front end.
 *
 * READ THIS FIRST (a manual for whoever walks the tree)
 * ====================================================
 *
 * Memory.  Every node, list and string of one parse lives in the js_arena of
 * its js_parse_result (parser.h) and is freed with it by js_parse_free().
 * Nothing points into the source buffer, so the caller may free the source
 * after parsing (function source ranges are byte offsets, see js_function).
 *
 * One node type.  Statements and expressions share the struct js_node: a
 * header (kind, flags, position, a free `aux` pointer) and a union `u` whose
 * member is chosen by `kind`.  The table in the js_node_kind enum names the
 * union member of each kind.  Lists are {items, count} arrays (js_node_list).
 *
 * Strings.  Identifiers, labels, property names, string literal values and
 * template chunks are `const js_atom *` (arena.h): an interned (ptr, len)
 * pair, NUL-terminated, UTF-8 (escapes such as \u00e9 were converted to
 * UTF-8; a lone surrogate \uD800 becomes its 3-byte WTF-8 form).  Within one
 * parse, equal names are the same pointer: compare atoms with ==.
 *
 * Numbers are doubles (JS_NUMBER.u.number).  Object literal keys written as
 * numbers keep the double (js_property.key_number); converting them to the
 * canonical property-name string (ToString) is left to the evaluator.
 *
 * Positions.  js_pos holds the 1-based line and column (columns count Unicode
 * code points, tabs count 1) and the 0-based byte offset of the node's first
 * token, e.g. the position of `a` in `a + b`, of `new` in `new F()`.
 *
 * Depth.  The parser bounds nesting (JS_PARSE_DEFAULT_MAX_DEPTH, parser.h);
 * left-associative chains such as a+b+c+... and a.b.c... count one level per
 * operator, so the tree depth is at most a small multiple of that limit and
 * recursive walkers are safe with an ordinary stack.
 *
 * Scopes.  Nothing is resolved: JS_IDENT is just a name.  To make resolution
 * easy the parser records, on every node that opens a scope, the names that
 * are declared directly in it:
 *
 *   JS_PROGRAM, JS_FUNC_DECL, JS_FUNC_EXPR   js_function (function scope):
 *        params      parameter names (JS_IDENT nodes), in order
 *        vars        every name declared with `var` anywhere in the function
 *                    body (nested blocks included, nested functions
 *                    excluded), deduplicated, parameter names excluded; plus
 *                    the names of sloppy-mode functions declared in blocks
 *                    (Annex B, see JS_NF_ANNEXB_VAR)
 *        funcs       function declarations at the top level of the body, in
 *                    source order (hoisted: bind them at function entry; a
 *                    later one with the same name wins).  A name may be in
 *                    both vars and funcs: create vars as undefined first,
 *                    then assign funcs.
 *        scope       let/const declared at the top level of the body
 *   JS_BLOCK     u.block.scope: let/const and function declarations of the
 *                block (functions in blocks are block scoped and hoisted to
 *                the start of the block); for the catch block of a try
 *                statement, the catch parameter comes first (kind
 *                JS_DECL_CATCH_PARAM)
 *   JS_FOR, JS_FOR_IN   u.for_.scope / u.for_in.scope: let/const of the loop
 *                head (a fresh binding per iteration in ES semantics); the
 *                body, if a block, is a separate inner scope
 *   JS_SWITCH    u.switch_.scope: declarations in all the case clauses
 *
 *   A named function expression (JS_FUNC_EXPR with name != NULL) binds its
 *   own name in a scope of its own between the enclosing scope and its
 *   parameters.  A function declaration's name belongs to the enclosing scope
 *   (funcs, or the block's scope).
 *
 * Program parameters.  js_parse_options.program_params (parser.h) lets the
 * shell declare the CommonJS wrapper's parameters (exports, require, module,
 * __filename, __dirname); they appear as the JS_PROGRAM's params.
 *
 * Statements that are only declarations at run time: JS_FUNC_DECL nodes also
 * appear in statement lists in source order; executing one does nothing (the
 * function was bound when its scope was entered).
 *
 * Kinds never found in a finished tree: JS_INVALID (used internally for the
 * `()` of an arrow function while its parameters are being recognized).
 *
 * Size: a node is 80 bytes on 64-bit machines; a typical script needs about
 * 13 bytes of arena per byte of source.
 *
 * Break and continue carry their resolved target (u.jump.target):
 *   break      the innermost loop or JS_SWITCH, or for `break L` the
 *              JS_LABELED node named L (the break ends that statement);
 *   continue   the loop to continue (for `continue L`, the loop labelled L).
 */
#ifndef GHJS_AST_H
#define GHJS_AST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

typedef struct js_node js_node;

typedef struct js_pos {
    uint32_t line;   /* 1-based */
    uint32_t column; /* 1-based, in code points */
    uint32_t offset; /* 0-based byte offset into the source */
} js_pos;

typedef struct js_node_list {
    js_node **items;
    uint32_t count;
} js_node_list;

/* Kinds.  The comment names the union member and what it holds. */
typedef enum js_node_kind {
    JS_INVALID = 0,
    /* ---- top level and functions ---- */
    JS_PROGRAM,     /* u.func: the module body as a function (no params, no name) */
    JS_FUNC_DECL,   /* u.func: `function f() {}` statement */
    JS_FUNC_EXPR,   /* u.func: function expression, arrow, or object method */
    /* ---- statements ---- */
    JS_VAR_DECL,    /* u.var_decl: var/let/const with its JS_DECLARATOR list */
    JS_DECLARATOR,  /* u.declarator: id (JS_IDENT) and init (or NULL) */
    JS_EXPR_STMT,   /* u.expr_stmt.expr; flag JS_NF_DIRECTIVE for prologue strings */
    JS_BLOCK,       /* u.block: body and scope */
    JS_EMPTY,       /* `;` */
    JS_DEBUGGER,    /* `debugger;` (a no-op) */
    JS_IF,          /* u.if_: test, then, otherwise (or NULL) */
    JS_FOR,         /* u.for_: init (JS_VAR_DECL, expression or NULL), test, update, body */
    JS_FOR_IN,      /* u.for_in: left (JS_VAR_DECL with one declarator, or an
                       assignment target), right, body; of: a for-of loop */
    JS_WHILE,       /* u.loop: test, body */
    JS_DO_WHILE,    /* u.loop: body, test */
    JS_SWITCH,      /* u.switch_: discriminant, JS_CASE list, scope */
    JS_CASE,        /* u.case_: test (NULL for default), body statements */
    JS_BREAK,       /* u.jump: label (or NULL), target */
    JS_CONTINUE,    /* u.jump: label (or NULL), target */
    JS_RETURN,      /* u.arg: value or NULL */
    JS_THROW,       /* u.arg: value */
    JS_TRY,         /* u.try_: block, param (JS_IDENT or NULL), handler (JS_BLOCK or NULL),
                       finalizer (JS_BLOCK or NULL); at least one of handler/finalizer */
    JS_LABELED,     /* u.labeled: label, body */
    /* ---- expressions ---- */
    JS_IDENT,       /* u.ident: name (a reference, parameter or binding name) */
    JS_NUMBER,      /* u.number */
    JS_STRING,      /* u.string: the cooked value */
    JS_TEMPLATE,    /* u.tmpl: chunks[0] exprs[0] chunks[1] ... chunks[nexprs]; a
                       tagged template's strings with JS_NF_TAGGED */
    JS_NULL,
    JS_TRUE,
    JS_FALSE,
    JS_THIS,
    JS_ARRAY,       /* u.list: elements; a NULL item is a hole ([1, , 3]) */
    JS_OBJECT,      /* u.list: JS_PROPERTY items, and JS_SPREAD ones (`{...o}`) */
    JS_PROPERTY,    /* u.prop: key and value, see js_property */
    JS_UNARY,       /* u.unary: op (+ - ! ~ typeof void delete), arg */
    JS_UPDATE,      /* u.unary: op (++ --), prefix, arg (an assignment target) */
    JS_BINARY,      /* u.binary: op, left, right (arithmetic, bitwise, comparison,
                       in, instanceof, **) */
    JS_LOGICAL,     /* u.binary: op (&& || ??), left, right: short-circuit */
    JS_ASSIGN,      /* u.binary: op (= or compound), left (an assignment target), right */
    JS_CONDITIONAL, /* u.cond: test, then, otherwise */
    JS_SEQUENCE,    /* u.list: the comma-separated expressions (count >= 2) */
    JS_MEMBER,      /* u.member: object . name (name_pos: where the name is) */
    JS_INDEX,       /* u.index: object [ index ] */
    JS_CALL,        /* u.call: callee, args */
    JS_NEW,         /* u.call: callee, args (count 0 for `new F` and `new F()`) */
    JS_SPREAD,      /* u.unary.arg: `...arg` in an array or object literal, a call's or
                       new's arguments */
    JS_CLASS,       /* u.klass: a class expression, or with JS_NF_DECLARATION a class
                       declaration (a statement binding its name like `let`) */
    JS_SUPER,       /* `super` as the object of a JS_MEMBER or JS_INDEX: the home
                       object's prototype, read with `this` as the receiver */
    JS_SUPER_CALL,  /* u.call: `super(args)` in a derived constructor (callee NULL) */
    JS_NEW_TARGET,  /* `new.target` (no fields) */
    JS_PRIVATE_NAME, /* u.ident.name: `#x` on the left of `in` (`#x in o`) */
    JS_NODE_KIND_COUNT
} js_node_kind;

/* Assignment targets (left of JS_ASSIGN, arg of JS_UPDATE, left of JS_FOR_IN
 * when not a declaration) are always JS_IDENT, JS_MEMBER or JS_INDEX. */

typedef enum js_op {
    JS_OP_NONE = 0,
    /* unary */
    JS_OP_POS, JS_OP_NEG, JS_OP_NOT, JS_OP_BITNOT, JS_OP_TYPEOF, JS_OP_VOID, JS_OP_DELETE,
    JS_OP_AWAIT, JS_OP_YIELD, JS_OP_YIELD_STAR, /* at the assignment level; a bare
                                                   `yield` has the operand `void 0` */
    /* update */
    JS_OP_INC, JS_OP_DEC,
    /* binary */
    JS_OP_ADD, JS_OP_SUB, JS_OP_MUL, JS_OP_DIV, JS_OP_MOD, JS_OP_EXP,
    JS_OP_SHL, JS_OP_SAR, JS_OP_SHR, /* << >> >>> */
    JS_OP_LT, JS_OP_GT, JS_OP_LE, JS_OP_GE, JS_OP_INSTANCEOF, JS_OP_IN,
    JS_OP_EQ, JS_OP_NE, JS_OP_STRICT_EQ, JS_OP_STRICT_NE,
    JS_OP_BITAND, JS_OP_BITXOR, JS_OP_BITOR,
    /* logical */
    JS_OP_AND, JS_OP_OR, JS_OP_NULLISH,
    /* assignment: JS_OP_ASSIGN is plain `=`; a compound assignment stores the
     * binary operator it applies (JS_OP_ADD for +=, JS_OP_SHR for >>>=, ...) */
    JS_OP_ASSIGN,
    JS_OP_COUNT
} js_op;

/* The operator's source spelling: "+", "typeof", ">>>", "=" ...
 * For JS_ASSIGN nodes use js_assign_op_name ("+=" for JS_OP_ADD). */
const char *js_op_name(js_op op);
const char *js_assign_op_name(js_op op);
/* "JS_BINARY" -> "binary" and so on, for messages and dumps. */
const char *js_node_kind_name(js_node_kind kind);

typedef enum js_decl_kind {
    JS_DECL_VAR = 1,
    JS_DECL_LET,
    JS_DECL_CONST,
    JS_DECL_FUNCTION,    /* a function declaration in a block or switch */
    JS_DECL_CATCH_PARAM
} js_decl_kind;

/* One name declared in a scope.  node is the JS_IDENT of the declarator (let,
 * const, catch parameter) or the JS_FUNC_DECL (function). */
typedef struct js_decl {
    const js_atom *name;
    js_decl_kind kind;
    js_node *node;
} js_decl;

typedef struct js_scope {
    js_decl *decls;
    uint32_t count;
} js_scope;

/* js_function.flags */
enum {
    JS_FN_ARROW = 1u << 0,          /* arrow function: no own this/arguments */
    JS_FN_EXPR_BODY = 1u << 1,      /* arrow with an expression body: use expr_body */
    JS_FN_METHOD = 1u << 2,         /* object literal method `{ f() {} }`: not a constructor */
    JS_FN_STRICT = 1u << 3,         /* strict mode code (own directive or inherited) */
    JS_FN_USES_THIS = 1u << 4,      /* `this` appears in it or in arrows nested in it */
    JS_FN_USES_ARGUMENTS = 1u << 5, /* the identifier `arguments` is referenced in it
                                       or in arrows nested in it */
    JS_FN_USES_EVAL = 1u << 6,      /* a direct call eval(...) appears in it or in any
                                       function nested in it */
    JS_FN_HAS_DIRECTIVES = 1u << 7, /* the body starts with a directive prologue */
    JS_FN_CLASS_CTOR = 1u << 8,     /* a class's constructor: `new` only */
    JS_FN_DERIVED = 1u << 9,        /* ... of a class with `extends`: `this` is bound
                                       by super(...) */
    JS_FN_HAS_FIELDS = 1u << 10,    /* ... whose class has instance fields */
    JS_FN_HOME = 1u << 11,          /* has a home object (`super.x` allowed): a class
                                       constructor, method or field initializer */
    JS_FN_STATIC = 1u << 12,        /* ... whose home object is the class itself */
    JS_FN_USES_NEW_TARGET = 1u << 13, /* `new.target` appears in it (not in arrows) */
    JS_FN_ASYNC = 1u << 14,         /* an async function, arrow or method: `await` allowed */
    JS_FN_GENERATOR = 1u << 15,     /* function* or *method: `yield` allowed */
};
/* For arrows, USES_THIS and USES_ARGUMENTS are set both on the arrow and on
 * every enclosing function up to and including the nearest non-arrow
 * function (or the program), which is the one that provides the value. */

typedef struct js_function {
    const js_atom *name;        /* NULL for anonymous functions, arrows and methods
                                   (a method's name is not bound in its body) */
    const js_atom *inferred_name; /* for anonymous functions: the name the spec gives
                                   them (`var f = function(){}`, `f = () => 1`,
                                   `{f: function(){}}`, method `{f() {}}`), else
                                   NULL (also for numeric keys: {1: function(){}}) */
    js_node *id;                /* JS_IDENT of the name, or NULL */
    js_node_list params;        /* JS_IDENT nodes; `a = v` (a default) is a JS_ASSIGN
                                   of the JS_IDENT, `...a` (the last, a rest
                                   parameter) a JS_SPREAD of it: js_param_ident;
                                   a pattern (JS_ARRAY, JS_OBJECT, or a JS_ASSIGN
                                   of one) declares its names as vars */
    js_node_list body;          /* statements (empty for expression-bodied arrows) */
    js_node *expr_body;         /* the expression when JS_FN_EXPR_BODY, else NULL */
    const js_atom **vars;       /* see the Scopes section above */
    uint32_t nvars;
    js_node_list funcs;         /* hoisted JS_FUNC_DECL nodes of the top level */
    js_scope scope;             /* let/const of the top level */
    uint32_t flags;             /* JS_FN_* */
    uint32_t src_start;         /* byte range of the function's source text for */
    uint32_t src_end;           /* Function.prototype.toString: [start, end) */
    uint32_t params_end;        /* just past the `)` of the parameters */
} js_function;

/* js_node.flags */
enum {
    JS_NF_PARENTHESIZED = 1u << 0, /* the expression was written in parentheses */
    JS_NF_DIRECTIVE = 1u << 1,     /* expression statement in a directive prologue */
    JS_NF_ANNEXB_VAR = 1u << 2,    /* JS_FUNC_DECL in a block, sloppy mode: when the
                                      block is entered, also assign the function to
                                      the function-level var of the same name */
    JS_NF_SHORTHAND = 1u << 3,     /* JS_PROPERTY written `{a}` */
    JS_NF_PROTO = 1u << 4,         /* JS_PROPERTY `__proto__: v`: sets the prototype */
    JS_NF_PAREN_TWICE = 1u << 5,   /* internal: written in two or more parentheses */
    JS_NF_OPTIONAL = 1u << 6,      /* JS_MEMBER, JS_INDEX, JS_CALL reached by `?.`:
                                      a nullish object (callee) ends the chain */
    JS_NF_CHAIN_END = 1u << 7,     /* the outermost node of a chain with a `?.`:
                                      where a nullish link jumps, with undefined */
    JS_NF_DECLARATION = 1u << 8,   /* JS_CLASS written as a statement */
    JS_NF_STATIC = 1u << 9,        /* JS_PROPERTY: a class's static method */
    JS_NF_DEFINE = 1u << 10,       /* JS_ASSIGN `=` of a class field: defines the
                                      property on the object, as a literal does */
    JS_NF_GETTER = 1u << 11,       /* JS_PROPERTY `get key() {}`: value is the getter */
    JS_NF_SETTER = 1u << 12,       /* JS_PROPERTY `set key(v) {}`: value is the setter */
    JS_NF_PRIVATE = 1u << 13,      /* JS_MEMBER `o.#x`, JS_PROPERTY `#x` of a class, and
                                      JS_PRIVATE_NAME: the name is the class's own
                                      atom for #x ("#x" + "\1" + a number), which no
                                      other class and no string key can spell */
    JS_NF_TAGGED = 1u << 14,       /* JS_TEMPLATE: a tagged template's strings, the
                                      first argument of its JS_CALL (which has the
                                      substitutions after it): exprs are NULL, raws
                                      the chunks as written */
};

typedef enum js_prop_key_kind {
    JS_KEY_NAME = 1, /* identifier or string key: key_name */
    JS_KEY_NUMBER,   /* numeric key: key_number */
    JS_KEY_COMPUTED  /* `[expression]`: key_expr */
} js_prop_key_kind;

typedef struct js_property {
    js_prop_key_kind key_kind;
    const js_atom *key_name;  /* for JS_KEY_NAME */
    double key_number;        /* for JS_KEY_NUMBER */
    js_node *key_expr;        /* for JS_KEY_COMPUTED */
    js_node *value;           /* for methods, a JS_FUNC_EXPR with JS_FN_METHOD */
} js_property;

/* A class (JS_CLASS).  Its parts run in a scope of their own (`scope`):
 * the class's name as a const (when it has one) and two hidden names the
 * compiler uses, `self` (the constructor: methods find their home object
 * through it) and `fields` (the instance field initializer).  Field
 * initializers are compiled as methods: `fields` defines every instance
 * field on its `this` (the constructor calls it), `statics` every static
 * field on the class (called once, after the methods are defined). */
typedef struct js_class_def {
    js_node *id;           /* JS_IDENT of the name, or NULL */
    js_node *heritage;     /* the `extends` expression, or NULL */
    js_node *ctor;         /* JS_FUNC_EXPR, written or the default one */
    js_node_list methods;  /* JS_PROPERTY, value a JS_FUNC_EXPR (JS_NF_STATIC) */
    js_node *fields;       /* JS_FUNC_EXPR or NULL */
    js_node *statics;      /* JS_FUNC_EXPR or NULL */
    js_scope scope;
    const js_atom *self, *fields_name; /* the hidden names */
} js_class_def;

struct js_node {
    js_node_kind kind;
    uint32_t flags;           /* JS_NF_* */
    js_pos pos;
    void *aux;                /* NULL after parsing; free for later passes */
    union {
        js_function *func;                                     /* PROGRAM, FUNC_* */
        struct { js_decl_kind kind; js_node_list decls; } var_decl;
        struct { js_node *id; js_node *init; } declarator;
        struct { js_node *expr; } expr_stmt;
        struct { js_node_list body; js_scope scope; } block;
        struct { js_node *test, *then, *otherwise; } if_;
        struct { js_node *init, *test, *update, *body; js_scope scope; } for_;
        struct { js_node *left, *right, *body; js_scope scope; bool of, await; } for_in;
        struct { js_node *test, *body; } loop;                 /* WHILE, DO_WHILE */
        struct { js_node *discriminant; js_node_list cases; js_scope scope; } switch_;
        struct { js_node *test; js_node_list body; } case_;
        struct { const js_atom *label; js_node *target; } jump;
        js_node *arg;                                          /* RETURN, THROW */
        struct { js_node *block, *param, *handler, *finalizer; } try_;
        struct { const js_atom *label; js_node *body; } labeled;
        struct { const js_atom *name; } ident;
        double number;
        const js_atom *string;
        struct { const js_atom **chunks, **raws; js_node **exprs; uint32_t nexprs; } tmpl;
        js_node_list list;                                     /* ARRAY, OBJECT, SEQUENCE */
        js_property prop;
        struct { js_op op; bool prefix; js_node *arg; } unary; /* UNARY, UPDATE */
        struct { js_op op; js_node *left, *right; } binary;    /* BINARY, LOGICAL, ASSIGN */
        struct { js_node *test, *then, *otherwise; } cond;
        struct { js_node *object; const js_atom *name; js_pos name_pos; } member;
        struct { js_node *object, *index; } index;
        struct { js_node *callee; js_node_list args; } call;   /* CALL, NEW, SUPER_CALL */
        js_class_def *klass;                                       /* CLASS */
    } u;
};

/* The JS_IDENT a parameter binds (see js_function.params), or NULL for a
 * destructured one (its names are the function's vars). */
static inline js_node *js_param_ident(js_node *param)
{
    js_node *t = param->kind == JS_ASSIGN ? param->u.binary.left
                 : param->kind == JS_SPREAD ? param->u.unary.arg
                                            : param;
    return t->kind == JS_IDENT ? t : NULL;
}

/* Whether every parameter is a plain name (the spec's "simple parameter
 * list": only then is `arguments` mapped and "use strict" allowed). */
static inline bool js_params_simple(const js_function *f)
{
    for (uint32_t i = 0; i < f->params.count; i++)
        if (f->params.items[i]->kind != JS_IDENT)
            return false;
    return true;
}

/* ---- walking ---------------------------------------------------------------
 * Calls fn(child, ctx) for each direct child node of n that is not NULL, in
 * source order: function parameters and body (or expr_body), declarators
 * and their id/init, statement parts, operands, list items (array holes are
 * skipped), property values, template expressions, case tests and bodies,
 * the try block, catch parameter, handler and finalizer.  Not followed:
 * js_function.funcs (those nodes are also in the body) and jump targets. */
typedef void js_child_fn(js_node *child, void *ctx);
void js_ast_for_each_child(const js_node *n, js_child_fn *fn, void *ctx);

/* ---- dumping -------------------------------------------------------------
 * js_ast_dump prints an S-expression form of the tree, one statement per
 * line, for tests and debugging.  Examples:
 *   var x = a + 1;        (var (x (+ a 1)))
 *   o.f(1, "s");          (expr (call (. o f) 1 "s"))
 *   (x) => x * 2          (arrow (x) [expr-body] (* x 2))
 * With JS_DUMP_POSITIONS every node is followed by @line:column. */
enum { JS_DUMP_POSITIONS = 1 };
void js_ast_dump(FILE *out, const js_node *node);
void js_ast_dump_ex(FILE *out, const js_node *node, unsigned options);

#endif
