/* parser_int.h - state shared by the parser's source files (not public).
 *
 *   parser.c       driver, tokens, errors, allocation, scratch lists
 *   scope.c        scopes, declarations, break/continue targets
 *   parser_expr.c  expressions (precedence climbing, arrow cover grammar)
 *   parser_stmt.c  statements, functions, the program
 *
 * Error handling: every error longjmps to js_parse_ex (via js_lex_fail*), so
 * parse functions never return failure.  All memory is either in the arena
 * or in the scratch vectors of js_parser, which js_parse_ex frees.
 *
 * Lists are built on scratch stacks: remember vec length, push items, then
 * jp_take_nodes() copies the tail into the arena and pops it.  Nested lists
 * therefore never interfere.
 */
#ifndef GHJS_PARSER_INT_H
#define GHJS_PARSER_INT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "lexer.h"
#include "parser.h"

typedef struct jp_vec {
    char *data;
    uint32_t len;  /* in elements */
    uint32_t cap;  /* in elements */
    uint32_t elem; /* element size */
} jp_vec;

typedef enum jp_scope_kind { JP_SCOPE_FUNCTION, JP_SCOPE_BLOCK } jp_scope_kind;

typedef struct jp_scope {
    struct jp_scope *parent;
    uint32_t id;          /* unique per parse, >= 1 */
    jp_scope_kind kind;
    uint32_t decl_base;   /* its declarations start here in p->decls */
} jp_scope;

typedef struct jp_func {
    struct jp_func *parent;
    js_function *fn;
    jp_scope scope;       /* the function scope */
    uint32_t var_base, func_base, target_base;
    bool strict;
    bool is_arrow;
    js_node *dup_param;   /* first repeated parameter name, an error if strict */
} jp_func;

typedef enum jp_target_kind { JP_TARGET_LOOP, JP_TARGET_SWITCH, JP_TARGET_LABEL } jp_target_kind;

typedef struct jp_target {
    jp_target_kind kind;
    const js_atom *label; /* JP_TARGET_LABEL */
    js_node *node;        /* the loop, switch or labeled statement */
    js_node *loop;        /* JP_TARGET_LABEL: the loop it labels directly, or NULL */
} jp_target;

typedef struct jp_name jp_name;

typedef struct js_parser {
    js_lexer lx;
    js_arena *arena;
    js_intern_table intern;
    js_parse_error *err;
    jmp_buf jmp;
    const js_parse_options *opt;
    unsigned depth, max_depth;
    bool no_in;           /* `in` is not an operator here (for-statement head) */
    bool param_pattern;   /* declaring a destructured parameter's names */
    bool in_pattern;      /* parsing a declaration's pattern as a literal: `a = 1`
                             defaults and nested patterns are allowed */
    uint32_t prev_end;    /* end offset of the previous token */
    uint32_t label_run;   /* labels directly in front of the statement being parsed */
    uint32_t next_scope_id;
    jp_scope *scope;      /* innermost open scope */
    jp_func *func;        /* innermost open function (the program at the top) */
    jp_vec nodes;         /* js_node *: list items being collected */
    jp_vec atoms;         /* const js_atom *: template chunks */
    jp_vec vars;          /* const js_atom *: var names of open functions */
    jp_vec funcs;         /* js_node *: top-level function declarations of open functions */
    jp_vec decls;         /* js_decl: declarations of open scopes */
    jp_vec targets;       /* jp_target: enclosing loops, switches and labels */
    struct class_state *klass; /* innermost class being parsed (parser_class.c) */
    uint32_t classes;     /* classes parsed so far: their private names' suffix */
    jp_name *names;       /* (scope id, name) -> declaration kind; see scope.c */
    uint32_t names_cap, names_count;
    /* names the parser compares against */
    const js_atom *a_let, *a_of, *a_async, *a_get, *a_set, *a_arguments, *a_eval,
        *a_proto, *a_use_strict, *a_static, *a_yield, *a_implements, *a_interface,
        *a_package, *a_private, *a_protected, *a_public, *a_await;
} js_parser;

/* ---- parser.c ---- */
#define JP_TOK(p) ((p)->lx.tok)
static inline bool jp_is(const js_parser *p, js_tok t) { return p->lx.tok.type == t; }
js_pos jp_tok_pos(const js_parser *p);
void jp_next(js_parser *p);
bool jp_accept(js_parser *p, js_tok t);
void jp_expect(js_parser *p, js_tok t);
void jp_consume_semicolon(js_parser *p);   /* `;` or automatic semicolon insertion */
_Noreturn void jp_unexpected(js_parser *p);
_Noreturn void jp_fail(js_parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void jp_fail_at(js_parser *p, js_pos pos, uint32_t length, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Width of a name for underlining, and a printable, possibly shortened form. */
int jp_name_len(const js_atom *a);
void jp_enter(js_parser *p);               /* one nesting level deeper, or "too deeply nested" */
static inline void jp_leave(js_parser *p) { p->depth--; }
void *jp_alloc(js_parser *p, size_t size);
js_node *jp_node(js_parser *p, js_node_kind kind, js_pos pos);
js_function *jp_function(js_parser *p);
void jp_vec_push(js_parser *p, jp_vec *v, const void *elem);
void jp_push_node(js_parser *p, js_node *n);
js_node_list jp_take_nodes(js_parser *p, uint32_t base);
/* Copies elements [base, len) of v into the arena and pops them. */
void *jp_take(js_parser *p, jp_vec *v, uint32_t base, uint32_t *count);
bool jp_is_identifier_name(js_tok t); /* IDENT or a reserved word (allowed after `.`) */

/* ---- parser_expr.c (shared with the other parser files) ---- */
js_node_list jp_parse_arguments(js_parser *p); /* `( ... )`, current token `(` */
/* `...arg` in an array or object literal or a call's arguments. */
js_node *jp_parse_spread(js_parser *p);
js_node *jp_parse_lhs(js_parser *p); /* LeftHandSideExpression */
/* The current token is the contextual word `word` (an identifier, not
 * written with escapes): async, await, yield (parser_async.c). */
bool jp_at_word(const js_parser *p, const js_atom *word);
js_node *jp_void_zero(js_parser *p, js_pos pos); /* `void 0`: undefined, whatever the scope */
/* parser_async.c: at `async` before a method's key on the same line,
 * consume it and return true; */
bool jp_async_prefix(js_parser *p);
/* whether the current token is an unescaped `async` followed, on the same
 * line, by a token of type next; */
bool jp_async_before(js_parser *p, js_tok next);
/* `async x => ...` after the `async` (async_id), at the x; */
js_node *jp_parse_async_arrow(js_parser *p, js_node *async_id);
/* whether the current token is an `await` operator (in an async
 * function); elsewhere `await` before an operand is V8's SyntaxError. */
bool jp_at_await(js_parser *p);
/* The cover of `async (...)` before `=>`: the call's arguments as a
 * parenthesized list (NULL if e is not such a call). */
js_node *jp_async_arrow_cover(js_parser *p, js_node *e);

/* ---- parser_template.c ---- */
/* `...`, current token a template or template head; with tagged, the
 * chunks as written too (u.tmpl.raws). */
js_node *jp_parse_template(js_parser *p, bool tagged);
/* tag`...`, current token the template: a JS_CALL of tag. */
js_node *jp_parse_tagged_template(js_parser *p, js_node *tag);

/* ---- parser_object.c (keys and accessors shared with classes) ---- */
js_node *jp_parse_object(js_parser *p); /* `{ ... }`, current token `{` */
/* A property's key into prop; true if it was a plain identifier. */
bool jp_parse_property_key(js_parser *p, js_node *prop);
bool jp_starts_property_key(js_tok t);
/* `get` or `set` starting an accessor (consumed): JS_NF_GETTER or
 * JS_NF_SETTER; else 0 (nothing consumed: `get` may be a key). */
uint32_t jp_accessor_prefix(js_parser *p);
/* The function of an accessor whose key is in prop, its parameters
 * checked as V8 checks them. */
void jp_parse_accessor(js_parser *p, js_node *prop, uint32_t kind, uint32_t fn_flags);

/* ---- parser_class.c ---- */
js_node *jp_parse_class(js_parser *p, bool declaration); /* current token `class` */
/* A use of a private name (a JS_MEMBER or JS_PRIVATE_NAME with
 * JS_NF_PRIVATE): resolved, when its class ends, to that class's own
 * name for it, or an enclosing class's; an error if none declares it. */
void jp_note_private_use(js_parser *p, js_node *n);

/* ---- scope.c ---- */
void jp_scope_open(js_parser *p, jp_scope *s, jp_scope_kind kind);
js_scope jp_scope_close(js_parser *p, jp_scope *s);
void jp_func_open(js_parser *p, jp_func *f, js_function *fn, bool arrow);
void jp_func_close(js_parser *p, jp_func *f);
void jp_declare_lexical(js_parser *p, js_node *id, js_decl_kind kind, js_node *decl);
void jp_declare_var(js_parser *p, js_node *id);
void jp_declare_param(js_parser *p, js_node *id);
/* A name a destructured parameter binds: a var of the function, and a
 * duplicate parameter if a parameter before it has the name. */
void jp_declare_pattern_param(js_parser *p, js_node *id);
void jp_declare_function(js_parser *p, js_node *fdecl);
void jp_note_this(js_parser *p);
void jp_note_arguments(js_parser *p);
void jp_note_eval(js_parser *p);
void jp_push_target(js_parser *p, jp_target_kind kind, js_node *node, const js_atom *label,
                    uint32_t labels_before);
void jp_pop_target(js_parser *p);
js_node *jp_break_target(js_parser *p, const js_atom *label, js_pos pos, uint32_t len);
js_node *jp_continue_target(js_parser *p, const js_atom *label, js_pos pos, uint32_t len);
void jp_check_label_unique(js_parser *p, const js_atom *label, js_pos pos);
void jp_names_free(js_parser *p);

/* ---- parser_expr.c ---- */
js_node *jp_parse_expression(js_parser *p);  /* Expression (with commas) */
js_node *jp_parse_assign(js_parser *p);      /* AssignmentExpression */
/* An array or object literal at `[` or `{`, to be checked as a binding
 * pattern by the caller (the cover grammar). */
js_node *jp_parse_pattern_literal(js_parser *p);
/* `target = value` (the current token is `=`): a default in a pattern or
 * a parameter list, whose value is an expression again, not a pattern. */
js_node *jp_parse_default(js_parser *p, js_node *target);
/* A JS_IDENT node for the current IDENT token (not consumed). */
js_node *jp_ident_node(js_parser *p);
/* Rejects names that may not be bound here (eval/arguments and reserved
 * words in strict code); lexical is set for let/const names. */
void jp_check_binding(js_parser *p, js_node *id, bool strict, bool lexical);
void jp_set_inferred_name(js_node *value, const js_atom *name);
/* ---- parser_cover.c ---- */
/* `( Expression )`, or `()` / `(a, ...rest)`, which must start an arrow
 * function (the current token is `(`). */
js_node *jp_parse_paren(js_parser *p);
/* The parameter list of the cover expression e before `=>`. */
js_node_list jp_arrow_params(js_parser *p, js_node *e);
/* Walk pattern e (parser_cover.c says what it checks), calling leaf on
 * each target in it. */
typedef void jp_pattern_leaf(js_parser *p, js_node *target, void *ctx);
void jp_walk_pattern(js_parser *p, js_node *e, jp_pattern_leaf *leaf, void *ctx);
/* An array or object literal on the left of `=` or of a for-in/of: every
 * part must be an assignment target (a name or a property), a default, a
 * nested pattern or a rest element last. */
void jp_check_assignment_pattern(js_parser *p, js_node *e);
/* The caret's length for a misplaced rest element: `...name`, or the dots. */
static inline uint32_t jp_rest_span(const js_node *spread)
{
    const js_node *a = spread->u.unary.arg;
    return a->kind == JS_IDENT ? 3 + a->u.ident.name->len : 3;
}
/* Fails with msg unless e is an assignment target (identifier or member). */
void jp_check_target(js_parser *p, js_node *e, const char *msg);
/* Underline width from a node's start to the end of the previous token. */
uint32_t jp_span_from(const js_parser *p, js_pos start);

/* ---- parser_stmt.c ---- */
js_node *jp_parse_statement(js_parser *p, bool in_list);
/* Parses parameters and body of a function whose node is fnode (kind set);
 * the current token is `(`. */
void jp_parse_function_rest(js_parser *p, js_node *fnode, uint32_t flags);
/* Arrow function from converted parameters; current token is the body. */
js_node *jp_parse_arrow_body(js_parser *p, js_node *fnode, js_node_list params);
js_node *jp_parse_program(js_parser *p);

#endif
