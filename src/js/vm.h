/* vm.h - compiled code, the interpreter, calls, natives and errors.
 *
 * The compiler (compiler.c, compile_*.c) turns each function of the AST into
 * a js_code: compact bytecode for a stack machine whose variables were
 * resolved at compile time.  A variable no closure captures is a frame
 * register (an argument slot or a local slot on the VM stack); a captured
 * one lives in a heap environment (js_env) and is addressed as (depth,
 * slot).  js_code lives in C memory (never garbage); function objects,
 * environments and everything else live in the heap.
 *
 * Frame layout on the VM stack (R.stack, a fixed array visited as a root):
 *   base[0] callee   base[1] this   base[2..] arguments (at least nparams)
 *   locals[-1] current environment   locals[0..nlocals) registers
 *   then the operand stack.
 */
#ifndef GHJS_VM_H
#define GHJS_VM_H

#include <limits.h>

#include "object.h"

typedef enum js_op_code {
#define OP(name, size) OP_##name,
#include "opcodes.h"
#undef OP
    OP_COUNT
} js_op_code;

typedef struct js_ic {
    js_shape *shape; /* receiver shape, or JS_GLOBAL_IC */
    js_shape *holder_shape; /* for prototype hits: the prototype's shape, else NULL */
    uint32_t index;  /* property index in the holder's shape */
    uint32_t epoch;  /* add-transitions: R.accessor_epoch when cached */
} js_ic;
/* A global variable's site: index is its entry in the global dictionary. */
#define JS_GLOBAL_IC ((js_shape *)1)

/* Allocation-site feedback (V8's pretenuring decision, done without GC
 * mementos): an allocation site counts the objects it makes and how many of
 * them were stored into an old-generation object right away; a site whose
 * objects mostly escape to old objects allocates in old space directly,
 * so the scavenger never copies them. */
typedef struct js_site {
    uint32_t allocs, escapes;
    bool pretenure;
    struct js_shape *shape; /* object literals: their root shape; new: the instance shape */
    struct js_shape *fn_shape; /* new: the constructor's shape it was found for */
    uint32_t proto_index;      /* new: where that shape keeps `prototype` */
} js_site;

typedef struct js_posinfo {
    uint32_t pc, line, col;
} js_posinfo;

typedef struct js_source {
    char *filename;
    char *text;
    size_t len;
    struct js_parse_result_holder *parse; /* keeps the AST for nested functions */
} js_source;

enum {
    CODE_ARROW = 1,
    CODE_STRICT = 2,
    CODE_CTOR = 4, /* may be called with new */
    CODE_PROGRAM = 8,
    CODE_NEEDS_ENV = 16,
    CODE_USES_ARGUMENTS = 32,
    CODE_CLASS = 64,   /* a class constructor: `new` only */
    CODE_DERIVED = 128, /* ... of a class with `extends`: this comes from super() */
    CODE_NEW_TARGET = 256, /* keeps new.target in nt_reg (derived classes, and
                              functions that read it) */
    CODE_ASYNC = 512,      /* an async function: its coroutine in co_reg */
    CODE_GENERATOR = 1024, /* a generator function: its generator object in co_reg */
};

/* The variables of an environment, by slot (heap snapshots name context
 * edges with them).  Made by the compiler, owned by the js_code. */
typedef struct js_env_info {
    uint32_t n;
    js_atom_id names[];
} js_env_info;

typedef struct js_code {
    uint8_t *bc;
    uint32_t len;
    uint32_t nparams, nlocals, nenv; /* nenv: slots of the function env (0 = none) */
    uint32_t length;           /* Function.length (nparams less defaults and rest) */
    js_env_info *fenv;         /* the function env's variables (when nenv) */
    js_env_info **envs;        /* block envs, by PUSH_ENV's operand */
    uint32_t nenvs;
    uint32_t flags;
    js_atom_id name;
    uint32_t line, col;        /* of the function */
    uint32_t body_line, body_col; /* of its first statement (where V8 checks the stack) */
    uint32_t src_start, src_end;
    struct js_code **children; /* nested functions, by index */
    uint32_t nchildren;
    js_ic *ics;
    uint32_t nics;
    js_site *sites;
    uint32_t nsites;
    double *numbers;
    uint32_t nnumbers;
    js_posinfo *pos;
    uint32_t npos;
    js_source *source;
    uint32_t max_stack;
    js_posinfo *calls; /* pc after a CALL/NEW -> atom of the callee's text (in .line) */
    uint32_t ncalls;
    uint32_t inobj_hint; /* in-object slots for instances (this.x = ... count) */
    uint32_t nt_reg;     /* CODE_NEW_TARGET: the register holding new.target
                            (undefined in a call without new) */
    uint32_t co_reg;     /* CODE_ASYNC, CODE_GENERATOR: the register holding its
                            coroutine or generator object */
} js_code;

typedef struct js_handler {
    uint8_t *catch_pc;
    gh_value *sp;
    int frame;
} js_handler;

struct js_frame {
    js_code *code;
    uint8_t *pc;
    gh_value *base;   /* callee slot */
    gh_value *locals; /* locals[-1] is the env */
    uint32_t argc;
    int handler_base;
    bool construct;   /* called with new: return this unless an object is returned */
    bool entry;       /* the interpreter returns to C when this frame returns */
    const struct js_native_info *native; /* a native's frame (code == NULL), for stacks */
};

/* Native functions: this_ and argv are rooted (argv points into the VM
 * stack), and remain valid, but re-read argv[i] after any allocation.
 * Return a value, or JS_EXCEPTION with an exception pending (js_throw*). */
typedef gh_value (*js_native_fn)(gh_value *this_, int argc, gh_value *argv);
typedef struct js_native_info {
    js_native_fn fn;
    const char *name;
    int length;
    bool ctor;
    bool hidden; /* not shown in stack traces (the Error constructors) */
    /* holds no atom id and no shape across the JS it calls (forEach,
     * call...), so atoms may be swept and dead shapes freed while that JS
     * runs (R.c_calls does not count it) */
    bool atom_clean;
    const char *const *stack_lines; /* shown instead of "at name (<anonymous>)" */
    int nstack_lines;
} js_native_info;

/* ---- compiler (compiler.c) ---- */
struct js_node;
/* Compiles a parsed program; NULL with an exception pending on error. */
js_code *js_compile_program(struct js_node *program, js_source *src, bool script_mode);
/* Compiled programs live until exit (code.c): register each one; at exit
 * js_programs_free frees them with their sources. */
void js_program_register(js_code *program);
void js_code_free(js_code *c);
/* Clear every inline cache and allocation site that names a dead shape
 * (js_shape.dead: about to be freed). */
void js_codes_forget_dead_shapes(void);
void js_source_free(js_source *src);
void js_programs_free(void);

/* ---- interpreter and calls (vm.c, call.c) ---- */
void js_vm_init(void);
void js_vm_free(void); /* at exit */
gh_value js_run_code(js_code *code, gh_value this_, int argc, gh_value *argv);
/* Call fn(this, args...): args need not be rooted (they are copied to the VM
 * stack first).  JS_EXCEPTION on a throw.  MAY COLLECT. */
gh_value js_call(gh_value fn, gh_value this_, int argc, const gh_value *argv);
gh_value js_construct(gh_value fn, int argc, const gh_value *argv);
/* `new` with a new.target other than fn: the instance gets
 * new_target.prototype (super(...) in a derived class).  MAY COLLECT. */
gh_value js_construct_with(gh_value fn, gh_value new_target, int argc, const gh_value *argv);
/* The CLASS instruction: slots[0] holds the `extends` value (when
 * heritage); on success slots[0] is the class, slots[1] its prototype.
 * false with an exception pending.  MAY COLLECT. */
bool js_class_new(js_code *ctor, gh_value env, bool heritage, gh_value *slots);
gh_value js_call_method(gh_value obj, js_atom_id name, int argc, const gh_value *argv);
gh_value js_closure_new(js_code *code, gh_value env);
/* template.c: a tagged template site's strings (compile time: its cooked
 * and raw chunks, pinned atoms; returns the site), its strings object (the
 * same one every time; MAY COLLECT), and the sites freed at exit. */
uint32_t js_template_site_new(uint32_t n, const js_atom_id *cooked, const js_atom_id *raw);
gh_value js_template_object(uint32_t site);
void js_template_sites_free(void);
gh_value js_env_new(const js_env_info *info, gh_value parent); /* MAY COLLECT */
gh_value js_native_new(const js_native_info *info);
static inline js_native_info *js_native_info_of(gh_value native_fn)
{
    return js_cptr_get(js_obj(native_fn)->slots[0]);
}
gh_value js_function_name(gh_value fn); /* the name as a string value */
/* "AsyncFunction", "GeneratorFunction" or "Function": what toString's tag
 * and util.inspect call a callable. */
static inline const char *js_function_tag(gh_value fn)
{
    uint32_t flags = js_is_class(fn, JC_FUNCTION) ? ((js_code *)js_cptr_get(js_obj(fn)->slots[0]))->flags : 0;
    return flags & CODE_ASYNC ? "AsyncFunction" : flags & CODE_GENERATOR ? "GeneratorFunction" : "Function";
}
js_atom_id js_function_name_atom(gh_value fn);
/* fn.name = key, or "prefix key" ("get x"): a function under a computed
 * key, named only once the key is known.  false on an exception. */
bool js_name_function(gh_value *fn, js_atom_id key, const char *prefix);
/* A JS function's source text (a class's: the whole class), valid until
 * the program is freed; NULL for natives, bound functions and others. */
const char *js_function_source(gh_value fn, size_t *len);
gh_value js_function_prototype(gh_value fn); /* lazily made; MAY COLLECT */
js_shape *js_instance_shape(gh_value *ctor);
void js_vm_trace(gh_tracer *t);
int js_stack_depth(void);

/* True when the C stack is nearly used up.  JS calls JS on the VM's own
 * stack, but natives that call back into JS (f.call, f.apply, bound
 * functions, callbacks) recurse in C, so a deep enough chain of them
 * would overflow the C stack before R.max_frames stops it: every entry
 * from C checks this and throws RangeError instead.  The frame address,
 * not a local's: a sanitizer may keep locals on a heap-allocated stack. */
static inline bool js_c_stack_low(void)
{
    return (uintptr_t)__builtin_frame_address(0) < R.c_stack_limit;
}

/* ---- errors (error.c) ---- */
typedef enum js_errkind {
    JE_ERROR, JE_TYPE, JE_RANGE, JE_REFERENCE, JE_SYNTAX, JE_EVAL, JE_URI, JE_AGGREGATE, JE_COUNT
} js_errkind;
gh_value js_error_new(js_errkind kind, const char *msg);
/* v instanceof the original Error (node's primordials), whoever made it. */
bool js_is_error_instance(gh_value v);
/* Error.captureStackTrace (error.c); false with an exception pending. */
bool js_capture_stack_trace(gh_value *obj, gh_value fn);
gh_value js_throw(gh_value exc);
gh_value js_throw_error(js_errkind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Capture the current JS stack into err.stack. */
void js_error_capture_stack(gh_value *err);
/* After a derived class's constructor made an error: the stack's first
 * line again, from the name and message it has now (V8 writes the stack
 * when it is first read, so a name set in the constructor shows). */
void js_error_restack(gh_value *err);
/* An error's stack as util.inspect shows it beside its cause's: the
 * first run of more than three frames that the cause's stack repeats
 * becomes "... N lines matching cause stack trace ...", as in node. */
void js_stack_less_cause(const char *stack, size_t len, const char *cause, size_t clen, js_sbuf *out);
void js_report_uncaught(gh_value exc);
/* The same report for an Error that a promise rejected with and nothing
 * handled: the source line shown is where the Error was made, as V8 shows
 * it for a message from an error object. */
void js_report_uncaught_error(gh_value err);
/* Where the current exception was thrown (for the caret line). */
void js_note_throw_site(void);
js_atom_id js_error_kind_atom(js_errkind k);
void js_error_init(void);
bool js_position_of(js_code *code, uint8_t *pc, uint32_t *line, uint32_t *col);

/* ---- builtins ---- */
gh_value js_make_native(gh_value *holder, const char *name, js_native_fn fn, int length);
gh_value js_make_ctor(const char *name, js_native_fn fn, int length, gh_value *proto);
void js_builtins_init(void);
void js_builtins_object_init(void);
void js_builtins_function_init(void);
void js_builtins_array_init(void);
void js_builtins_string_init(void);
void js_builtins_number_init(void);
void js_builtins_math_init(void);
void js_builtins_json_init(void);
void js_builtins_console_init(void);
void js_builtins_process_init(void);
void js_builtins_buffer_init(void);
void js_builtins_timers_init(void);
/* What ends each callback (and each REPL input): the nextTick queue, the
 * microtasks, the unhandled-rejection check (event_loop.c). */
void js_after_callback(void);
/* Call fn(args) from the event loop: an exception is reported as uncaught
 * and ends the process; the nextTick queue runs after it. */
void js_call_from_loop(gh_value fn, int argc, gh_value *argv);
/* An exception nothing caught: node's 'uncaughtException' listeners on
 * process get (err, "uncaughtException") and the program goes on;
 * without any, the report and exit(1) (event_loop.c). */
void js_uncaught(gh_value exc);
/* A write to process.stdout or stderr: node's stream then queues its
 * afterWrite on the nextTick queue, so the microtasks run inside
 * processTicksAndRejections (whose frame their stacks show). */
void js_note_stream_write(void);
/* Promise and queueMicrotask (promise.c). */
void js_builtins_promise_init(void);
/* Run the queued microtasks, those they queue included; true if any ran. */
bool js_microtasks_run(void);
/* Report the first rejected promise left without a handler, as node does,
 * and exit(1); false if there is none. */
bool js_promise_check_unhandled(void);
/* A settled promise's result (true), or false while it is pending. */
bool js_promise_details(gh_value p, gh_value *result, bool *rejected);

/* Async functions.  A coroutine (JC_COROUTINE) is made by the function's
 * first instruction; at each `await` the frame's values (callee to the
 * top of its operand stack), pc and try handlers move into it, and a
 * fulfilment or rejection of the awaited value resumes the frame from
 * them (vm.c), wherever the VM stack then is. */
enum js_co_slot { CO_PROMISE, CO_STACK, CO_PC, CO_LOCALS, CO_ARGC, CO_HANDLERS };
gh_value js_coroutine_new(void);               /* with a pending promise; MAY COLLECT */
gh_value js_coroutine_promise(gh_value co);
/* Resolve (or reject) the coroutine's promise with *v.  MAY COLLECT. */
void js_coroutine_settle(gh_value co, gh_value *v, bool reject);
/* Resume *co's frame when *value settles; false on an exception (a
 * constructor getter of a promise that throws).  MAY COLLECT. */
bool js_coroutine_await(gh_value *value, gh_value *co);
/* Run *co's saved frame again from its await, with value as the await's
 * result, or thrown there.  MAY COLLECT. */
gh_value js_coroutine_resume(gh_value *co, gh_value value, bool throwing);
/* The coroutine waiting for co's promise in an await, or undefined. */
gh_value js_coroutine_awaiter(gh_value co);
/* Whether a native is an await's resumption (the frame above it is a
 * resumed async function). */
bool js_native_resumes(const js_native_info *ni);

/* Generators (generator.c) keep their frame as a coroutine does, in the
 * same slots; GEN_STATE is theirs. */
enum { GEN_STATE = CO_PROMISE, GEN_RETURN_VALUE = CO_HANDLERS + 1 };
enum { GEN_START, GEN_YIELDED, GEN_RUNNING, GEN_DONE };
void js_builtins_generator_init(void);
/* A generator object for a call of the generator function *fn.  MAY COLLECT. */
gh_value js_generator_new(gh_value *fn);
/* One step of a generator for for-of: 1 with *out the next value, 0 when
 * it is done, -1 on an exception.  MAY COLLECT. */
int js_generator_step(gh_value *gen, gh_value *out);
void js_builtins_clone_init(void); /* structuredClone (builtins_clone.c) */
/* GET_PRIVATE, SET_PRIVATE, DEFINE_PRIVATE or HAS_PRIVATE on the operand
 * stack below sp (private_names.c); false with V8's TypeError pending. */
bool js_private_op(int op, js_atom_id atom, gh_value *sp);
void js_builtins_error_init(void);

/* argument helpers */
static inline gh_value js_arg(int argc, gh_value *argv, int i) { return i < argc ? argv[i] : JS_UNDEFINED; }

/* ---- inspect (inspect.c) ---- */
/* util.inspect's options.  Depth counts as node's: an object nested deeper
 * than depth is only named ([Object]), so below 0 even the value itself
 * is; JS_INSPECT_UNLIMITED for depth Infinity or null, breakLength
 * Infinity and maxArrayLength Infinity or null. */
typedef struct js_inspect_opts {
    int depth;
    bool show_hidden;
    int break_length;     /* node's breakLength: 80 */
    int max_array_length; /* node's maxArrayLength: 100 (arrays, Maps, Sets) */
} js_inspect_opts;
#define JS_INSPECT_UNLIMITED INT_MAX
#define JS_INSPECT_OPTS(depth, show_hidden) ((js_inspect_opts){(depth), (show_hidden), 80, 100})
void js_inspect(gh_value v, const js_inspect_opts *o, js_sbuf *out);
void js_format_log(int argc, gh_value *argv, js_sbuf *out); /* util.format */
/* JSON.stringify into out; false if an exception is pending */
bool js_json_stringify(gh_value v, gh_value replacer, const char *indent, js_sbuf *out, bool *undefined_out);

/* for-of (ops.c): whether v can be walked (arrays, arguments, buffers,
 * strings, Maps, Sets, generators), and its next value after *index
 * (rooted slots; MAY COLLECT), false when the walk is over -- or when a
 * generator threw, with the exception pending. */
bool js_for_of_iterable(gh_value v);
bool js_for_of_next(gh_value *iterable, gh_value *index, gh_value *out);
/* The part of it that walks arrays, arguments, buffers (and, for the
 * array iterators, any array-like) by index: element *index (a hole read
 * as undefined), the length read again at every step. */
bool js_index_walk_next(gh_value *obj, gh_value *index, gh_value *out);
/* Push onto *array what for-of would walk in *iterable from *index (*value
 * a rooted scratch slot); false on an exception. */
bool js_for_of_append(gh_value *array, gh_value *iterable, gh_value *index, gh_value *value);
/* V8's TypeError for a value that is not iterable, named by its type and
 * value: "number 7 is not iterable (cannot read property
 * Symbol(Symbol.iterator))" (builtins.c). */
gh_value js_throw_not_iterable(gh_value v);

/* ---- modules, process, event loop ---- */
gh_value js_require(gh_value *from_module, gh_value spec);
int js_run_main(const char *path);
int js_run_eval(const char *code, bool print_result);
void js_repl(void);
void js_event_loop_run(void);
void js_event_loop_free(void); /* at exit, before the heap goes */
bool js_run_microtasks(void);
void js_exit(int code) __attribute__((noreturn));
/* process.exitCode as the status of a normal end (0 when unset), and
 * process's 'exit' event, emitted once with the status, which its
 * listeners may change (process.c). */
int js_process_exit_code(void);
int js_process_emit_exit(int code);
void js_runtime_shutdown(void); /* runtime.c: free everything, at exit */
gh_value js_eval_script(const char *src, size_t len, const char *filename, bool *threw);

#endif
