/* compiler_int.h - shared state of the compiler (compiler.c, compile_expr.c,
 * compile_stmt.c).
 *
 * Two passes over each program:
 *  1. resolve (compiler.c): build a compile-time scope for every node that
 *     opens one (stored in node->aux) and mark each binding that a nested
 *     function refers to as captured;
 *  2. emit: give every binding a location -- an argument slot, a frame
 *     register, or a slot in a heap environment when captured -- and emit
 *     bytecode with variables addressed by location.  Nested functions are
 *     compiled when their expression is reached, so every enclosing scope
 *     already has its locations.
 */
#ifndef GHJS_COMPILER_INT_H
#define GHJS_COMPILER_INT_H

#include "ast.h"
#include "vm.h"

enum bind_kind { BK_VAR, BK_LET, BK_CONST, BK_PARAM, BK_FUNC, BK_CATCH, BK_SELF, BK_THIS, BK_ARGUMENTS };
/* LOC_MAPPED: a parameter of a sloppy function that uses `arguments`: it
 * lives in the arguments object (arguments[i] and the parameter alias). */
enum bind_loc { LOC_NONE, LOC_ARG, LOC_LOCAL, LOC_ENV, LOC_THIS, LOC_MAPPED };

typedef struct cbind {
    js_atom_id name;
    uint8_t kind, loc;
    bool captured;
    bool derived_this; /* BK_THIS of a derived constructor: unbound before super() */
    uint32_t index;
} cbind;

typedef struct cfunc cfunc;

typedef struct cscope {
    struct cscope *parent;
    cfunc *fn;
    cbind *b;
    uint32_t n, cap;
    bool is_function, placed, has_env;
    uint32_t nenv;
} cscope;

enum ctl_kind { CTL_LOOP, CTL_SWITCH, CTL_LABEL, CTL_ENV, CTL_TRY, CTL_FINALLY };

typedef struct patch_list {
    uint32_t *at;
    uint32_t n, cap;
} patch_list;

typedef struct ctl {
    enum ctl_kind kind;
    js_node *node;
    patch_list breaks, continues;
    js_node *finalizer;  /* CTL_FINALLY */
    cscope *scope;       /* the scope outside the try (to compile the finalizer) */
} ctl;

/* The optional chain being compiled: where a nullish `?.` link jumps
 * (with undefined in place of what the chain had pushed). */
typedef struct opt_chain {
    js_node *end; /* the chain's outermost node (JS_NF_CHAIN_END) */
    int base;     /* the stack depth when the chain started */
    int results;  /* undefineds a nullish link leaves: 1, or 2 for a callee
                     with its this (`(a?.b)()`) */
    patch_list exits;
    struct opt_chain *prev;
} opt_chain;

struct cfunc {
    cfunc *parent;
    opt_chain *chain; /* innermost optional chain, or NULL */
    js_node *node;
    js_function *f;
    cscope *scope; /* the function scope */
    uint32_t this_props;
    /* emission */
    uint8_t *bc;
    uint32_t len, cap;
    int depth, max_depth;
    uint32_t last_op;   /* where the last instruction starts (peephole) */
    uint32_t label_pos; /* the latest jump target (no fusing across it) */
    uint32_t nlocals;
    js_code *code;
    js_code **children;
    uint32_t nchildren, capchildren;
    double *numbers;
    uint32_t nnumbers, capnumbers;
    js_posinfo *pos;
    uint32_t npos, cappos;
    uint32_t nics, nsites;
    js_posinfo *calls;
    uint32_t ncalls, capcalls;
    ctl *ctls;
    uint32_t nctl, capctl;
    js_env_info **envs; /* block environments' variable names (PUSH_ENV) */
    uint32_t nenvs, capenvs;
    bool script_mode; /* program whose top-level declarations are globals */
    bool mapped;      /* parameters are mapped to the arguments object */
    int mapped_reg;   /* register holding that arguments object */
    int completion;   /* register of the completion value (script mode), -1 */
    int nt_reg;       /* a derived class constructor's new.target register */
    int co_reg;       /* an async function's coroutine register, else -1 */
    bool failed;
    /* its index in the parent's children + 1, once compiled: a finally
     * block is compiled once per way out of its try, so the functions in
     * it are met more than once and compiled only the first time */
    uint32_t child_plus1;
};

typedef struct compiler {
    js_source *src;
    bool script_mode;
    bool failed;
    cscope **scopes; /* every scope made, freed when the program is compiled,
                        with the functions' cfuncs (a function scope's fn) */
    uint32_t nscopes, capscopes;
} compiler;

extern compiler *C;

/* compiler.c */
void *cc_xcalloc(size_t n, size_t size); /* abort()s when out of memory */
/* *cap grown (doubling) to hold need elements of size elem; p reallocated */
void *cc_grow(void *p, uint32_t *cap, uint32_t need, size_t elem);
void cc_error(js_node *at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emit(cfunc *cf, js_op_code op, int delta);
void emit_u8(cfunc *cf, uint8_t b);
void emit_u16(cfunc *cf, uint32_t v);
void emit_u32(cfunc *cf, uint32_t v);
void emit_op16(cfunc *cf, js_op_code op, uint32_t a, int delta);
void emit_op32(cfunc *cf, js_op_code op, uint32_t a, int delta);
uint32_t emit_jump(cfunc *cf, js_op_code op, int delta);
void patch_here(cfunc *cf, uint32_t at);
uint32_t label_here(cfunc *cf); /* the current position, as a jump target */
void emit_jump_to(cfunc *cf, js_op_code op, uint32_t target, int delta);
void patch_add(patch_list *l, uint32_t at);
void mark_pos(cfunc *cf, js_node *n);
void mark_pos_at(cfunc *cf, js_pos p);
void note_callee(cfunc *cf, js_node *callee);
void note_iterable(cfunc *cf, js_node *n);
void note_source(cfunc *cf, js_node *n);
uint32_t new_ic(cfunc *cf);
uint32_t new_local(cfunc *cf);
js_atom_id atom_of(const js_atom *a);
/* The atom of a property's name or numeric key (not a computed one). */
js_atom_id prop_key_atom(const js_property *pr);
void emit_number(cfunc *cf, double d);
void emit_string(cfunc *cf, js_atom_id a);
uint32_t compile_function(cfunc *parent, js_node *fn);
ctl *ctl_push(cfunc *cf, enum ctl_kind kind, js_node *node);
void ctl_pop(cfunc *cf);

/* compile_scope.c: the resolve pass, scopes, variables */
/* Pass 1 over a whole program: its scopes and every function's cfunc. */
cfunc *cc_analyze_program(js_node *program);
cbind *scope_find(cscope *s, js_atom_id name);
void scope_place(cfunc *cf, cscope *s);
void scope_enter(cfunc *cf, cscope *s);
void scope_leave(cfunc *cf, cscope *s);
void init_lexical(cfunc *cf, cscope *s); /* its let/const set to the hole */
js_env_info *env_info(cscope *s); /* the names of its environment slots */
void emit_get_var(cfunc *cf, cscope *s, js_atom_id name, js_node *at);
void emit_set_var(cfunc *cf, cscope *s, js_atom_id name, js_node *at, bool init);
bool var_is_global(cscope *s, js_atom_id name);
cbind *resolve_local(cscope *s, js_atom_id name);

/* compile_expr.c */
void gen_expr(cfunc *cf, cscope *s, js_node *n);
void gen_effect(cfunc *cf, cscope *s, js_node *n);
void gen_assign_from_stack(cfunc *cf, cscope *s, js_node *target);
/* A new array of l's items, spreads walked (in_call: a call's arguments). */
void gen_array_spreading(cfunc *cf, cscope *s, const js_node_list *l, bool in_call);
void gen_accessor(cfunc *cf, cscope *s, js_node *p, bool enumerable);
/* A property's key (its name, or its computed expression) and its
 * function (a method or accessor), pushed; whether the key was computed. */
bool gen_key_and_function(cfunc *cf, cscope *s, js_node *p);

/* compile_class.c */
void gen_class(cfunc *cf, cscope *s, js_node *n);
void gen_super_base(cfunc *cf, cscope *s, js_node *at);
void gen_super_get(cfunc *cf, cscope *s, js_node *n);
void gen_super_call(cfunc *cf, cscope *s, js_node *n);
void gen_field_init(cfunc *cf, cscope *s, js_node *at);
void gen_field_define(cfunc *cf, cscope *s, js_node *n);

/* compile_stmt.c */
void gen_stmt(cfunc *cf, cscope *s, js_node *n);
void gen_stmts(cfunc *cf, cscope *s, js_node_list *l);
void gen_hoisted_functions(cfunc *cf, cscope *s, js_node_list *funcs);
void gen_param_initializers(cfunc *cf, cscope *s, js_function *f);
/* Assign the value on the stack (consumed) to the parts of an array or
 * object pattern (names, properties, nested patterns): `[a, o.b] = v`.
 * source: v's expression, for V8's messages. */
void gen_destructure(cfunc *cf, cscope *s, js_node *pattern, js_node *source);

#endif
