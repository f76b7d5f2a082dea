/* vm.c - the bytecode interpreter.
 *
 * JS-to-JS calls do not recurse in C: a call pushes a js_frame and the loop
 * goes on in the callee.  Natives calling back into JS (Array.prototype.map,
 * sort comparators, valueOf) enter run() again with an entry frame.
 *
 * GC safety: `sp` lives in a local for speed; R.sp is what the collector
 * scans, so every instruction that may allocate, call or throw does SYNC()
 * first, and everything is re-read from the stack afterwards.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "builtins.h"
#include "js_diag.h"
#include "vm.h"

#define MAX_FRAMES 10000
#define STACK_SLOTS (1u << 20)
#define MAX_HANDLERS 100000

gh_value js_arguments_new(gh_value *args, uint32_t argc, uint32_t nparams);
gh_value js_rest_args_new(gh_value *args, uint32_t argc, uint32_t first);
gh_value js_for_in_keys(gh_value obj);
gh_value js_op_add(gh_value *a, gh_value *b);
gh_value js_op_arith(int op, gh_value *a, gh_value *b);
gh_value js_op_compare(int op, gh_value *a, gh_value *b);
gh_value js_op_unary(int op, gh_value *a);
js_atom_id js_callee_name(js_code *code, uint8_t *pc);
gh_value js_call_bound(gh_value *base, int argc, bool construct);

static js_handler *handlers;
static int nhandlers;

/* The lowest frame address allowed (js_c_stack_low): the C stack the
 * rlimit grants (8 MiB if unlimited, at most 1 GiB), less a margin for the
 * C work after a check -- making the RangeError, a collection, a
 * sanitizer's larger frames -- counted from this frame, a few frames
 * below main's. */
static void set_c_stack_limit(void)
{
    struct rlimit rl;
    size_t size = (size_t)8 << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = rl.rlim_cur < ((size_t)1 << 30) ? (size_t)rl.rlim_cur : (size_t)1 << 30;
    size_t margin = size / 4 < ((size_t)1 << 20) ? size / 4 : (size_t)1 << 20;
    R.c_stack_limit = (uintptr_t)__builtin_frame_address(0) - (size - margin);
}

void js_vm_init(void)
{
    set_c_stack_limit();
    R.stack = calloc(STACK_SLOTS, sizeof(gh_value));
    R.frames = calloc(MAX_FRAMES + 2, sizeof(js_frame));
    handlers = calloc(MAX_HANDLERS, sizeof *handlers);
    if (!R.stack || !R.frames || !handlers)
        abort();
    R.sp = R.stack;
    R.stack_end = R.stack + STACK_SLOTS;
    R.max_frames = MAX_FRAMES;
}

void js_vm_free(void)
{
    free(R.stack);
    free(R.frames);
    free(handlers);
    R.stack = R.sp = R.stack_end = NULL;
    R.frames = NULL;
    handlers = NULL;
}

void js_vm_trace(gh_tracer *t)
{
    if (R.sp > R.stack)
        gh_trace_slots(t, R.stack, (size_t)(R.sp - R.stack));
}

int js_stack_depth(void) { return R.nframes; }

static inline uint16_t r16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t r32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Set up a frame for JS function `code` whose callee, this and argc
 * arguments are at base.  R.sp must be just past the arguments. */
static __attribute__((noinline)) bool stack_overflow(js_code *code, gh_value *base)
{
    /* V8 reports the overflow inside the callee, at its first statement:
     * a pc-less frame for the callee while the error is made */
    js_frame *f = &R.frames[R.nframes++];
    memset(f, 0, sizeof *f);
    f->code = code;
    f->native = NULL;
    f->base = base;
    f->handler_base = nhandlers;
    js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    R.nframes--;
    return false;
}

static __attribute__((noinline)) bool class_called(js_code *code)
{
    js_throw_error(JE_TYPE, "Class constructor %s cannot be invoked without 'new'",
                   js_atom_name(code->name));
    return false;
}

/* super(...) in a class whose [[Prototype]] is not a constructor (it
 * was changed, or the class extends null). */
static __attribute__((noinline)) void super_not_constructor(const js_code *code, gh_value parent)
{
    js_sbuf b = {0};
    if (parent == R.function_proto) /* `extends null`: V8 names the null */
        sb_puts(&b, "null");
    else
        js_describe(parent, &b);
    js_throw_error(JE_TYPE, "Super constructor %s of %s is not a constructor", sb_cstr(&b),
                   code->name == A_empty ? "anonymous class" : js_atom_name(code->name));
    sb_free(&b);
}

/* A read of a let/const (or of `this` in a derived constructor) before
 * it was initialized. */
static __attribute__((noinline)) void uninitialized(js_atom_id name)
{
    if (name == A_this)
        js_throw_error(JE_REFERENCE, "Must call super constructor in derived class before "
                                     "accessing 'this' or returning from derived constructor");
    else
        js_throw_error(JE_REFERENCE, "Cannot access '%s' before initialization", js_atom_name(name));
}

static __attribute__((noinline)) void make_function_env(js_frame *f, js_code *code)
{
    gh_value env = js_env_new(code->fenv, f->locals[-1]);
    f->locals[-1] = env;
}

static inline __attribute__((always_inline)) bool push_frame(js_code *code, gh_value *base, uint32_t argc,
                                                             bool construct, bool entry)
{
    if (GH_UNLIKELY(R.nframes >= R.max_frames ||
                    base + 3 + argc + code->nparams + code->nlocals + code->max_stack >= R.stack_end))
        return stack_overflow(code, base);
    uint32_t a = argc;
    for (; a < code->nparams; a++)
        base[2 + a] = JS_UNDEFINED;
    gh_value *locals = base + 3 + a;
    locals[-1] = js_obj(base[0])->slots[1];
    for (uint32_t i = 0; i < code->nlocals; i++)
        locals[i] = JS_UNDEFINED;
    if (!(code->flags & (CODE_STRICT | CODE_ARROW)) && js_is_nullish(base[1]))
        base[1] = R.global;
    if (GH_UNLIKELY((code->flags & CODE_CLASS) && !construct))
        return class_called(code);
    js_frame *f = &R.frames[R.nframes++];
    f->code = code;
    f->native = NULL;
    f->pc = code->bc;
    f->base = base;
    f->locals = locals;
    f->argc = argc;
    f->handler_base = nhandlers;
    f->construct = construct;
    f->entry = entry;
    R.sp = locals + code->nlocals;
    if (code->nenv)
        make_function_env(f, code);
    /* a safe point: the frame is complete and R.sp synced */
    if (GH_UNLIKELY(js_interrupt_pending))
        js_interrupt_run();
    return true;
}

static gh_value not_callable(js_code *code, uint8_t *pc, gh_value v, const char *what)
{
    js_atom_id name = code ? js_callee_name(code, pc) : A_empty;
    if (name != A_empty)
        return js_throw_error(JE_TYPE, "%s is not a %s", js_atom_name(name), what);
    js_sbuf b = {0};
    js_describe(v, &b);
    gh_value r = js_throw_error(JE_TYPE, "%s is not a %s", sb_cstr(&b), what);
    sb_free(&b);
    return r;
}

/* The arguments of a call or new with a spread: the array's items (valid
 * until the next allocation; js_call and js_construct copy them first).
 * false, with V8's RangeError, past 2^20 of them, which V8 refuses too. */
static bool spread_arguments(gh_value array, int *argc, gh_value **argv)
{
    js_object *a = js_obj(array);
    uint64_t n = js_array_length(a);
    if (n > ((uint64_t)1 << 20)) {
        js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
        return false;
    }
    *argc = (int)n;
    *argv = n ? js_array_store(a)->items : NULL;
    return true;
}

/* V8's messages for a spread of what is not iterable: in an array
 * literal "o is not iterable"; in a call "u is not iterable (cannot read
 * property undefined)" for null and undefined, else its own. */
static void spread_not_iterable(js_code *code, uint8_t *pc, gh_value v, bool in_call)
{
    js_atom_id src = js_callee_name(code, pc);
    const char *what = src != A_empty ? js_atom_name(src) : "object";
    if (!in_call)
        js_throw_error(JE_TYPE, "%s is not iterable", what);
    else if (js_is_nullish(v))
        js_throw_error(JE_TYPE, "%s is not iterable (cannot read property %s)", what,
                       v == JSV_NULL ? "null" : "undefined");
    else
        js_throw_error(JE_TYPE, "Spread syntax requires ...iterable[Symbol.iterator] to be a function");
}

static inline gh_value *prop_slot(js_object *o, js_shape *s, uint32_t i)
{
    if (i < s->ninobj)
        return &o->slots[s->nint + i];
    return &((js_store *)gh_to_ptr(o->props))->items[i - s->ninobj];
}

/* The inline-cache hit, or JS_HOLE on a miss (no allocation). */
static inline gh_value ic_hit(gh_value v, const js_ic *ic)
{
    if (!js_is_object(v))
        return JS_HOLE;
    js_object *o = js_obj(v);
    js_shape *s = js_shape_of(o);
    if (s != ic->shape)
        return JS_HOLE;
    if (!ic->holder_shape)
        return *prop_slot(o, s, ic->index);
    js_object *p = js_obj(o->proto);
    if (js_shape_of(p) == ic->holder_shape)
        return *prop_slot(p, ic->holder_shape, ic->index);
    return JS_HOLE;
}

/* Property get through an inline cache; fills it on a miss.  MAY COLLECT. */
static gh_value get_prop_ic(gh_value v, js_atom_id atom, js_ic *ic)
{
    if (js_is_object(v)) {
        js_object *o = js_obj(v);
        js_shape *s = js_shape_of(o);
        if (s == ic->shape) {
            if (!ic->holder_shape)
                return *prop_slot(o, s, ic->index);
            js_object *p = js_obj(o->proto);
            if (js_shape_of(p) == ic->holder_shape)
                return *prop_slot(p, ic->holder_shape, ic->index);
        }
        if (!s->dict) {
            int i = js_shape_find(s, atom);
            if (i >= 0 && (s->props[i].flags & PF_ACCESSOR))
                return js_get(v, atom);
            if (i >= 0) {
                ic->shape = s;
                ic->holder_shape = NULL;
                ic->index = (uint32_t)i;
                return *prop_slot(o, s, (uint32_t)i);
            }
            if ((s->klass == JC_OBJECT || (s->klass == JC_ARRAY && atom != A_length &&
                                           js_atom_index(atom) < 0)) &&
                js_is_object(o->proto)) {
                js_object *p = js_obj(o->proto);
                js_shape *ps = js_shape_of(p);
                if (!ps->dict && ps->klass == JC_OBJECT) {
                    i = js_shape_find(ps, atom);
                    if (i >= 0 && !(ps->props[i].flags & PF_ACCESSOR)) {
                        ic->shape = s;
                        ic->holder_shape = ps;
                        ic->index = (uint32_t)i;
                        return *prop_slot(p, ps, (uint32_t)i);
                    }
                }
            }
        }
    }
    return js_get(v, atom);
}

/* Property set through an inline cache (own writable property, or an
 * add-transition within the in-object slots). */
static bool set_prop_ic(gh_value *obj, js_atom_id atom, gh_value *val, js_ic *ic)
{
    if (js_is_object(*obj)) {
        js_object *o = js_obj(*obj);
        js_shape *s = js_shape_of(o);
        if (s == ic->shape) {
            if (!ic->holder_shape) {
                js_slot_write(o, prop_slot(o, s, ic->index), *val);
                return true;
            }
            if (ic->index < s->ninobj && ic->epoch == R.accessor_epoch) {
                gh_set_value(o, &o->slots[s->nint + ic->index], *val);
                js_note_store(o, *val);
                o->shape = js_cptr(ic->holder_shape);
                return true;
            }
        }
        if (!s->dict && s->klass == JC_OBJECT) {
            int i = js_shape_find(s, atom);
            if (i >= 0 && (s->props[i].flags & PF_WRITABLE)) {
                ic->shape = s;
                ic->holder_shape = NULL;
                ic->index = (uint32_t)i;
            } else if (i < 0 && s->count < s->ninobj) {
                bool ok = js_set(obj, atom, val);
                js_shape *ns = js_shape_of(js_obj(*obj));
                if (ok && ns->parent == s && !ns->dict) {
                    ic->shape = s;
                    ic->holder_shape = ns;
                    ic->index = s->count;
                    ic->epoch = R.accessor_epoch; /* no setter up the chain, for now */
                }
                return ok;
            }
        }
    }
    return js_set(obj, atom, val);
}

static gh_value *global_slot(js_atom_id atom, js_ic *ic)
{
    js_object *g = js_obj(R.global);
    js_store *d = gh_to_ptr(g->props);
    if (ic && ic->shape == JS_GLOBAL_IC && (long)ic->index < js_dict_used(d) &&
        js_dict_key(d, (long)ic->index) == atom)
        return js_dict_value(d, (long)ic->index);
    long e = js_dict_find(d, atom);
    if (e < 0)
        return NULL;
    if (ic) {
        ic->shape = JS_GLOBAL_IC;
        ic->index = (uint32_t)e;
    }
    return js_dict_value(d, e);
}

gh_value js_global_get(js_atom_id atom);
gh_value js_global_get(js_atom_id atom)
{
    gh_value *slot = global_slot(atom, NULL);
    return slot ? *slot : JS_UNDEFINED;
}

static inline gh_value int_result(int64_t r)
{
    if (r >= GH_INT_MIN && r <= GH_INT_MAX)
        return gh_from_int(r);
    return gh_from_double((double)r);
}

/* Integer operands: the result when it is simple, else false (the generic
 * path handles -0, fractions and overflow). */
static inline bool int_binop(int op, int64_t x, int64_t y, gh_value *r)
{
    switch (op) {
    case OP_MUL: {
        int64_t p;
        if (__builtin_mul_overflow(x, y, &p) || p < GH_INT_MIN || p > GH_INT_MAX || (p == 0 && (x < 0 || y < 0)))
            return false;
        *r = gh_from_int(p);
        return true;
    }
    case OP_DIV:
        if (y == 0 || x % y != 0 || (x == 0 && y < 0))
            return false;
        *r = gh_from_int(x / y);
        return true;
    case OP_MOD:
        if (y <= 0 || x < 0)
            return false;
        *r = gh_from_int(x % y);
        return true;
    default:
        break;
    }
    if (x < INT32_MIN || x > UINT32_MAX || y < INT32_MIN || y > UINT32_MAX)
        return false;
    int32_t a = (int32_t)(uint32_t)x, b = (int32_t)(uint32_t)y;
    switch (op) {
    case OP_BITAND: *r = gh_from_int(a & b); return true;
    case OP_BITOR: *r = gh_from_int(a | b); return true;
    case OP_BITXOR: *r = gh_from_int(a ^ b); return true;
    case OP_SHL: *r = gh_from_int((int32_t)((uint32_t)a << (b & 31))); return true;
    case OP_SAR: *r = gh_from_int(a >> (b & 31)); return true;
    case OP_SHR: *r = gh_from_int((uint32_t)a >> (b & 31)); return true;
    default: return false;
    }
}

/* Natives run in a handle scope of their own, so the handles they create
 * are released when they return.  A native that converted an argument
 * whose valueOf or toString threw, and went on, returns the exception:
 * left pending, it would go off at some later, unrelated call. */
static gh_value call_native(js_native_info *ni, gh_value *base, int argc)
{
    bool pending = R.has_exception;
    /* a frame without code, so that stacks show "at Array.map (<anonymous>)" */
    js_frame *f = &R.frames[R.nframes++];
    f->code = NULL;
    f->native = ni;
    f->base = base;
    f->pc = NULL;
    f->handler_base = nhandlers;
    f->entry = false;
    f->construct = false;
    gh_handle_scope hs;
    gh_scope_open(R.heap, &hs);
    int counts = !ni->atom_clean;
    R.c_calls += counts;
    gh_value r = ni->fn(&base[1], argc, base + 2);
    R.c_calls -= counts;
    gh_scope_close(&hs);
    R.nframes--;
    if (GH_UNLIKELY(R.has_exception && !pending))
        r = JS_EXCEPTION;
    return r;
}

/* Allocation sites: pretenure while the site's decision says so; every
 * 1024 objects, decide again from the share that escaped to old objects. */
static inline void site_begin(js_site *site)
{
    if (GH_UNLIKELY(++site->allocs >= 1024) && R.pretenuring) {
        site->pretenure = site->escapes * 100 >= site->allocs * 85;
        site->allocs = site->escapes = 0;
    }
    R.pretenure = site->pretenure;
}

static inline void site_end(js_site *site, gh_value obj)
{
    R.pretenure = false;
    if (R.pretenuring) {
        R.last_alloc = obj;
        R.last_site = site;
    }
}

/* `new`'s instance in base[1]: none in a derived class (its super(...)
 * makes it), else an object of the instance shape, which the site caches
 * while the constructor's prototype property is the same object. */
static inline bool construct_this(js_code *c, js_site *site, gh_value *base)
{
    if (c->flags & CODE_DERIVED) {
        base[1] = JS_HOLE;
        return true;
    }
    js_object *fo = js_obj(base[0]);
    js_shape *fs = js_shape_of(fo), *s = NULL;
    if (site->fn_shape == fs && js_shape_proto(site->shape) == *prop_slot(fo, fs, site->proto_index)) {
        s = site->shape;
    } else {
        s = js_instance_shape(&base[0]);
        if (!s)
            return false;
        fo = js_obj(base[0]);
        fs = js_shape_of(fo);
        int pi = fs->dict ? -1 : js_shape_find(fs, A_prototype);
        if (pi >= 0) {
            site->fn_shape = fs;
            site->proto_index = (uint32_t)pi;
            site->shape = s;
        }
    }
    site_begin(site);
    base[1] = js_object_new_shape(s);
    site_end(site, base[1]);
    return true;
}

static bool coroutine_suspend(js_frame *f);
static void save_frame(js_frame *f, gh_value *co, int drop);

#include "vm_loop.h"

/* ---- entering the interpreter from C ---- */

volatile sig_atomic_t js_interrupt_pending;

void js_interrupt_run(void)
{
    if (!js_interrupt_pending)
        return;
    js_interrupt_pending = 0;
    js_shapes_sweep();
    js_atom_gc_run();
    js_snapshot_run_requested();
}

gh_value js_run_code(js_code *code, gh_value this_, int argc, gh_value *argv)
{
    /* the arguments are copied to the stack (rooted) before the closure is
     * allocated */
    gh_value *base = R.sp;
    if (base + argc + 4 >= R.stack_end)
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    base[0] = this_;
    if (argc)
        memcpy(base + 1, argv, (size_t)argc * sizeof(gh_value));
    R.sp = base + 1 + argc;
    gh_value fn = js_closure_new(code, JS_UNDEFINED);
    R.sp = base;
    gh_value tmp[16];
    int n = argc < 16 ? argc : 16;
    if (n)
        memcpy(tmp, base + 1, (size_t)n * sizeof(gh_value));
    return js_call(fn, base[0], n, tmp);
}

/* Whether an entry from C into JS counts in R.c_calls: not when a native
 * that holds no atom ids makes it, nor the bound-function trampoline. */
static bool entry_counts(void)
{
    if (R.bound_entry) {
        R.bound_entry = false;
        return false;
    }
    const js_frame *top = R.nframes ? &R.frames[R.nframes - 1] : NULL;
    return !(top && top->native && top->native->atom_clean);
}

gh_value js_call(gh_value fn, gh_value this_, int argc, const gh_value *argv)
{
    int counts = entry_counts();
    gh_value *base = R.sp;
    if (base + argc + 3 >= R.stack_end || R.nframes >= R.max_frames || js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    base[0] = fn;
    base[1] = this_;
    if (argc)
        memmove(base + 2, argv, (size_t)argc * sizeof(gh_value));
    R.sp = base + 2 + argc;
    R.c_calls += counts;
    gh_value r;
    js_class k = js_is_object(fn) ? js_class_of(fn) : JC_OBJECT;
    if (k == JC_FUNCTION) {
        if (!push_frame(js_cptr_get(js_obj(fn)->slots[0]), base, (uint32_t)argc, false, true)) {
            R.sp = base;
            R.c_calls -= counts;
            return JS_EXCEPTION;
        }
        r = run(false);
    } else if (k == JC_NATIVE) {
        js_native_info *ni = js_cptr_get(js_obj(fn)->slots[0]);
        r = call_native(ni, base, argc);
    } else if (k == JC_BOUND) {
        r = js_call_bound(base, argc, false);
    } else {
        r = not_callable(NULL, NULL, fn, "function");
    }
    R.sp = base;
    R.c_calls -= counts;
    return r;
}

gh_value js_construct(gh_value fn, int argc, const gh_value *argv)
{
    return js_construct_with(fn, fn, argc, argv);
}

/* A native or bound constructor makes its own object: under a derived
 * class it then takes new_target.prototype. */
static gh_value adopt_prototype(gh_value r, gh_value *base, gh_value *new_target)
{
    if (r == JS_EXCEPTION || *new_target == base[0] || !js_is_object(r))
        return r;
    base[0] = r; /* rooted while the prototype is read */
    gh_value proto = js_get(*new_target, A_prototype);
    if (proto == JS_EXCEPTION)
        return JS_EXCEPTION;
    if (js_is_object(proto) && !js_set_proto(&base[0], proto))
        return JS_EXCEPTION;
    return base[0];
}

/* The instance a constructor runs on: none yet in a derived class (its
 * super(...) makes it), else an object of new_target's instance shape. */
static bool construct_frame(js_code *c, gh_value *base, int argc, gh_value *new_target)
{
    if (c->flags & CODE_DERIVED) {
        base[1] = JS_HOLE;
    } else {
        js_shape *s = js_instance_shape(new_target);
        if (!s)
            return false;
        base[1] = js_object_new_shape(s);
    }
    if (!push_frame(c, base, (uint32_t)argc, true, true))
        return false;
    if (c->flags & CODE_NEW_TARGET)
        R.frames[R.nframes - 1].locals[c->nt_reg] = *new_target;
    return true;
}

gh_value js_construct_with(gh_value fn, gh_value new_target, int argc, const gh_value *argv)
{
    int counts = entry_counts();
    gh_value *base = R.sp;
    if (base + argc + 4 >= R.stack_end || R.nframes >= R.max_frames || js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    base[0] = new_target; /* rooted below the frame */
    base++;
    base[0] = fn;
    base[1] = JS_HOLE;
    if (argc)
        memmove(base + 2, argv, (size_t)argc * sizeof(gh_value));
    R.sp = base + 2 + argc;
    R.c_calls += counts;
    gh_value r;
    js_class k = js_is_object(fn) ? js_class_of(fn) : JC_OBJECT;
    js_code *c = k == JC_FUNCTION ? js_cptr_get(js_obj(fn)->slots[0]) : NULL;
    if (c && (c->flags & CODE_CTOR)) {
        r = construct_frame(c, base, argc, &base[-1]) ? run(false) : JS_EXCEPTION;
    } else if (k == JC_NATIVE && ((js_native_info *)js_cptr_get(js_obj(fn)->slots[0]))->ctor) {
        const js_code *below = R.error_stack_below;
        if (new_target != fn && js_is_class(new_target, JC_FUNCTION))
            R.error_stack_below = js_cptr_get(js_obj(new_target)->slots[0]);
        r = call_native(js_cptr_get(js_obj(fn)->slots[0]), base, argc);
        R.error_stack_below = below;
        r = adopt_prototype(r, base, &base[-1]);
    } else if (k == JC_BOUND) {
        r = adopt_prototype(js_call_bound(base, argc, true), base, &base[-1]);
    } else {
        r = not_callable(NULL, NULL, fn, "constructor");
    }
    R.sp = base - 1;
    R.c_calls -= counts;
    return r;
}

gh_value js_call_method(gh_value obj, js_atom_id name, int argc, const gh_value *argv)
{
    JS_SCOPE_OPEN(sc);
    gh_value *oh = js_root(obj);
    gh_value fn = js_get(obj, name);
    gh_value r = fn == JS_EXCEPTION ? fn : js_call(fn, *oh, argc, argv);
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* Frames for stack traces: walk from the innermost. */
int js_frame_count(void);
int js_frame_count(void) { return R.nframes; }

/* ---- async functions: suspending a frame and resuming it ---- */

/* Save frame f -- its values from the callee up to its stack's top less
 * `drop` (an awaited or yielded value), its pc and its try handlers (as
 * offsets from its base) -- into *co, a coroutine or generator.  The
 * interpreter then leaves the frame as a return does.  MAY COLLECT. */
static void save_frame(js_frame *f, gh_value *co, int drop)
{
    JS_SCOPE_OPEN(sc);
    size_t n = (size_t)(R.sp - drop - f->base);
    gh_value *saved = js_root(js_array_new(n, n));
    for (size_t i = 0; i < n; i++)
        js_array_set(saved, i, &f->base[i]);
    gh_value *hs = js_root(JS_UNDEFINED);
    if (nhandlers > f->handler_base) {
        *hs = js_array_new(0, 2 * (size_t)(nhandlers - f->handler_base));
        for (int i = f->handler_base; i < nhandlers; i++) {
            gh_value *w = js_root(gh_from_int(handlers[i].catch_pc - f->code->bc));
            js_array_push(hs, w);
            *w = gh_from_int(handlers[i].sp - f->base);
            js_array_push(hs, w);
        }
    }
    js_object *o = js_obj(*co);
    gh_set_value(o, &o->slots[CO_STACK], *saved);
    gh_set_value(o, &o->slots[CO_HANDLERS], *hs);
    o->slots[CO_PC] = gh_from_int(f->pc - f->code->bc);
    o->slots[CO_LOCALS] = gh_from_int(f->locals - f->base);
    o->slots[CO_ARGC] = gh_from_int(f->argc);
    JS_SCOPE_CLOSE(sc);
}

/* At an `await` (the value on top of f's stack): subscribe the coroutine
 * to it, then save the frame below it. */
static bool coroutine_suspend(js_frame *f)
{
    JS_SCOPE_OPEN(sc);
    gh_value *co = js_root(f->locals[f->code->co_reg]);
    gh_value *value = js_root(R.sp[-1]);
    bool ok = js_coroutine_await(value, co);
    if (ok)
        save_frame(f, co, 1);
    JS_SCOPE_CLOSE(sc);
    return ok;
}

gh_value js_coroutine_resume(gh_value *co, gh_value value, bool throwing)
{
    js_object *o = js_obj(*co);
    if (!js_is_object(o->slots[CO_STACK]))
        return JS_UNDEFINED; /* not suspended */
    js_object *saved = js_obj(o->slots[CO_STACK]);
    js_object *hs = js_is_object(o->slots[CO_HANDLERS]) ? js_obj(o->slots[CO_HANDLERS]) : NULL;
    size_t n = (size_t)js_array_length(saved);
    int nh = hs ? (int)(js_array_length(hs) / 2) : 0;
    gh_value *base = R.sp;
    js_code *code = js_cptr_get(js_obj(js_array_get(saved, 0))->slots[0]);
    if (base + n + 1 + code->max_stack >= R.stack_end || R.nframes >= R.max_frames ||
        nhandlers + nh > MAX_HANDLERS || js_c_stack_low())
        return js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
    for (size_t i = 0; i < n; i++)
        base[i] = js_array_get(saved, i);
    int counts = entry_counts();
    js_frame *f = &R.frames[R.nframes++];
    f->code = code;
    f->native = NULL;
    f->pc = code->bc + gh_to_int(o->slots[CO_PC]);
    f->base = base;
    f->locals = base + gh_to_int(o->slots[CO_LOCALS]);
    f->argc = (uint32_t)gh_to_int(o->slots[CO_ARGC]);
    f->handler_base = nhandlers;
    f->construct = false;
    f->entry = true;
    for (int i = 0; i < nh; i++, nhandlers++) {
        handlers[nhandlers].catch_pc = code->bc + gh_to_int(js_array_get(hs, 2 * (uint64_t)i));
        handlers[nhandlers].sp = base + gh_to_int(js_array_get(hs, 2 * (uint64_t)i + 1));
        handlers[nhandlers].frame = R.nframes - 1;
    }
    o->slots[CO_STACK] = o->slots[CO_HANDLERS] = JS_UNDEFINED;
    R.sp = base + n;
    if (throwing)
        js_throw(value);
    else
        *R.sp++ = value;
    R.c_calls += counts;
    gh_value r = run(throwing);
    R.c_calls -= counts;
    return r;
}
