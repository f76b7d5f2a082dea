/* vm_loop.h - the interpreter loop, included by vm.c (it uses vm.c's
 * static helpers).  One case per opcode; slow paths live in ops.c.  The
 * cases for objects, iteration and classes are in vm_loop_objects.h,
 * vm_loop_iter.h and vm_loop_classes.h, included in the switch below. */

#define SYNC() (f->pc = pc, R.sp = sp)
#define RELOAD()                      \
    do {                              \
        f = &R.frames[R.nframes - 1]; \
        code = f->code;               \
        pc = f->pc;                   \
        locals = f->locals;           \
        args = f->base + 2;           \
        sp = R.sp;                    \
    } while (0)
#define CASE(name) case OP_##name: L_##name:
#define NEXT                    \
    do {                        \
        op = *pc++;             \
        goto *labels[op];       \
    } while (0)
/* A loop's backward jump is a safe point, as a function entry is: a loop
 * that calls nothing still lets an interrupt (js_interrupt_run) in. */
#define SAFE_POINT_IF_BACK(offset)                                  \
    do {                                                            \
        if (GH_UNLIKELY(js_interrupt_pending) && (offset) < 0) {    \
            SYNC();                                                 \
            js_interrupt_run();                                     \
        }                                                           \
    } while (0)
#define THROW_IF(cond)        \
    do {                      \
        if (cond)             \
            goto exception;   \
    } while (0)

/* throwing: start by unwinding with R.exception (a resumed coroutine
 * whose await was rejected) */
static gh_value run(bool throwing)
{
    js_frame *f;
    js_code *code;
    uint8_t *pc;
    gh_value *locals, *args, *sp;
    RELOAD();
    /* Threaded dispatch: each handler jumps straight to the next one
     * (labels as values, a GCC/Clang extension); a plain `break` still
     * works and goes round the switch. */
    static const void *const labels[OP_COUNT] = {
#define OP(name, size) &&L_##name,
#include "opcodes.h"
#undef OP
    };
    uint8_t op;
    if (throwing)
        goto exception;
    for (;;) {
        op = *pc++;
        switch (op) {
        CASE(NOP)
        CASE(LINE)
        CASE(DEBUGGER)
            NEXT;
        CASE(UNDEF) *sp++ = JS_UNDEFINED; NEXT;
        CASE(NULL) *sp++ = JSV_NULL; NEXT;
        CASE(TRUE) *sp++ = JSV_TRUE; NEXT;
        CASE(FALSE) *sp++ = JSV_FALSE; NEXT;
        CASE(HOLE) *sp++ = JS_HOLE; NEXT;
        CASE(INT) {
            int32_t n = (int32_t)r32(pc);
            pc += 4;
            /* an integer operand folded into a following & or + of an integer */
            if (gh_is_int(sp[-1]) && (*pc == OP_BITAND || *pc == OP_ADD)) {
                int64_t x = gh_to_int(sp[-1]);
                if (*pc == OP_BITAND && x >= INT32_MIN && x <= INT32_MAX) {
                    sp[-1] = gh_from_int((int32_t)x & n);
                    pc++;
                    NEXT;
                }
                if (*pc == OP_ADD) {
                    sp[-1] = int_result(x + n);
                    pc++;
                    NEXT;
                }
            }
            *sp++ = gh_from_int(n);
            NEXT;
        }
        CASE(NUMBER)
            *sp++ = js_number(code->numbers[r32(pc)]);
            pc += 4;
            NEXT;
        CASE(STRING)
            *sp++ = js_atom_string(r32(pc)); /* interned at compile time: no allocation */
            pc += 4;
            NEXT;
        CASE(POP) sp--; NEXT;
        CASE(DUP) sp[0] = sp[-1]; sp++; NEXT;
        CASE(DUP2) sp[0] = sp[-2]; sp[1] = sp[-1]; sp += 2; NEXT;
        CASE(SWAP) { gh_value t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; NEXT; }
        CASE(ROT3) { gh_value c = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = c; NEXT; }
        CASE(ROT4) {
            gh_value d = sp[-1];
            sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = sp[-4]; sp[-4] = d;
            NEXT;
        }
        CASE(GET_ARG) *sp++ = args[r16(pc)]; pc += 2; NEXT;
        CASE(SET_ARG) args[r16(pc)] = sp[-1]; pc += 2; NEXT;
        CASE(GET_LOC) *sp++ = locals[r16(pc)]; pc += 2; NEXT;
        CASE(SET_LOC) locals[r16(pc)] = sp[-1]; pc += 2; NEXT;
        CASE(PUT_LOC) locals[r16(pc)] = *--sp; pc += 2; NEXT;
        CASE(PUT_ARG) args[r16(pc)] = *--sp; pc += 2; NEXT;
        CASE(GET_LOC_PROP)
            *sp++ = locals[r16(pc)];
            pc += 2;
            goto L_GET_PROP;
        CASE(JCMP_LL)
        CASE(JCMP_LI) {
            uint8_t mode = pc[0];
            gh_value a = locals[r16(pc + 1)], b;
            uint32_t len;
            if (op == OP_JCMP_LL) {
                b = locals[r16(pc + 3)];
                len = 5;
            } else {
                b = gh_from_int((int32_t)r32(pc + 3));
                len = 7;
            }
            int32_t off = (int32_t)r32(pc + len);
            int cmp = mode & 0x7f;
            bool r;
            if (gh_is_int(a) && gh_is_int(b)) {
                int64_t x = gh_to_int(a), y = gh_to_int(b);
                r = cmp == OP_LT ? x < y : cmp == OP_GT ? x > y : cmp == OP_LE ? x <= y : x >= y;
            } else {
                sp[0] = a;
                sp[1] = b;
                R.sp = sp + 2;
                f->pc = pc + len + 4;
                gh_value res = js_op_compare(cmp, &sp[0], &sp[1]);
                R.sp = sp;
                THROW_IF(res == JS_EXCEPTION);
                r = res == JSV_TRUE;
            }
            pc += len + 4;
            if (r == ((mode & 0x80) != 0)) {
                pc += off;
                SAFE_POINT_IF_BACK(off);
            }
            NEXT;
        }
        CASE(INC_LOC)
        CASE(DEC_LOC) {
            gh_value *slot = &locals[r16(pc)];
            js_atom_id chk = r32(pc + 2);
            pc += 6;
            if (gh_is_int(*slot)) {
                *slot = int_result(gh_to_int(*slot) + (op == OP_INC_LOC ? 1 : -1));
                NEXT;
            }
            SYNC();
            if (*slot == JS_HOLE && chk != (js_atom_id)~0u) {
                uninitialized(chk);
                goto exception;
            }
            double d = js_to_number(*slot);
            THROW_IF(R.has_exception);
            *slot = js_number(d + (op == OP_INC_LOC ? 1 : -1));
            NEXT;
        }
        CASE(GET_THIS_PROP)
            *sp++ = f->base[1];
            goto L_GET_PROP;
        CASE(GET_LOC_CHK)
        CASE(SET_LOC_CHK) {
            gh_value *slot = &locals[r16(pc)];
            if (*slot == JS_HOLE) {
                pc += 6;
                SYNC();
                uninitialized(r32(pc - 4));
                goto exception;
            }
            if (op == OP_GET_LOC_CHK)
                *sp++ = *slot;
            else
                *slot = sp[-1];
            pc += 6;
            NEXT;
        }
        CASE(GET_ENV)
        CASE(SET_ENV)
        CASE(INIT_ENV)
        CASE(GET_ENV_CHK)
        CASE(SET_ENV_CHK) {
            js_env *e = gh_to_ptr(locals[-1]);
            for (unsigned d = r16(pc); d; d--)
                e = gh_to_ptr(e->parent);
            gh_value *slot = &e->vars[r16(pc + 2)];
            pc += 4;
            if (op == OP_GET_ENV_CHK || op == OP_SET_ENV_CHK) {
                pc += 4;
                if (*slot == JS_HOLE) {
                    SYNC();
                    uninitialized(r32(pc - 4));
                    goto exception;
                }
            }
            if (op == OP_GET_ENV || op == OP_GET_ENV_CHK)
                *sp++ = *slot;
            else if (op == OP_INIT_ENV)
                gh_set_value(e, slot, *--sp);
            else
                gh_set_value(e, slot, sp[-1]);
            NEXT;
        }
        CASE(GET_GLOBAL) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            gh_value *slot = global_slot(atom, ic);
            if (!slot) {
                SYNC();
                js_throw_error(JE_REFERENCE, "%s is not defined", js_atom_name(atom));
                goto exception;
            }
            *sp++ = *slot;
            NEXT;
        }
        CASE(SET_GLOBAL) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            gh_value *slot = global_slot(atom, ic);
            if (slot) {
                gh_set_value(gh_to_ptr(js_obj(R.global)->props), slot, sp[-1]);
                NEXT;
            }
            SYNC();
            if (code->flags & CODE_STRICT) {
                js_throw_error(JE_REFERENCE, "%s is not defined", js_atom_name(atom));
                goto exception;
            }
            js_set(&R.global, atom, &sp[-1]);
            NEXT;
        }
        CASE(TYPEOF_GLOBAL) {
            gh_value *slot = global_slot(r32(pc), NULL);
            pc += 4;
            SYNC();
            *sp++ = js_typeof(slot ? *slot : JS_UNDEFINED);
            NEXT;
        }
        CASE(DEF_GLOBAL) {
            js_atom_id atom = r32(pc);
            pc += 4;
            SYNC();
            if (!global_slot(atom, NULL))
                js_define(&R.global, atom, &sp[-1], PF_ENUMERABLE | PF_WRITABLE);
            sp--;
            NEXT;
        }
        CASE(THIS) *sp++ = f->base[1]; NEXT;
        CASE(CALLEE) *sp++ = f->base[0]; NEXT;
        CASE(ARGUMENTS)
            SYNC();
            /* all parameters are copied: mapped ones live on in the object */
            *sp = js_arguments_new(args, f->argc, code->nparams);
            sp++;
            NEXT;
        CASE(REST_ARGS) {
            uint32_t first = r16(pc);
            pc += 2;
            SYNC();
            *sp = js_rest_args_new(args, f->argc, first);
            sp++;
            NEXT;
        }
        CASE(GET_MAPPED) {
            js_object *ao = js_obj(locals[r16(pc + 2)]);
            gh_value v = ((js_store *)gh_to_ptr(ao->slots[ARR_ELEMENTS]))->items[r16(pc)];
            *sp++ = v == JS_HOLE ? JS_UNDEFINED : v;
            pc += 4;
            NEXT;
        }
        CASE(SET_MAPPED) {
            js_object *ao = js_obj(locals[r16(pc + 2)]);
            js_store *st = gh_to_ptr(ao->slots[ARR_ELEMENTS]);
            gh_set_value(st, &st->items[r16(pc)], sp[-1]);
            pc += 4;
            NEXT;
        }
        CASE(PUSH_ENV) {
            const js_env_info *info = code->envs[r16(pc)];
            pc += 2;
            SYNC();
            locals[-1] = js_env_new(info, locals[-1]);
            NEXT;
        }
        CASE(POP_ENV)
            locals[-1] = ((js_env *)gh_to_ptr(locals[-1]))->parent;
            NEXT;
        CASE(COPY_ENV) {
            SYNC();
            js_env *old = gh_to_ptr(locals[-1]);
            const js_env_info *info = js_cptr_get(old->info);
            uint32_t n = info->n;
            gh_value ne = js_env_new(info, old->parent);
            old = gh_to_ptr(locals[-1]);
            js_env *fresh = gh_to_ptr(ne);
            memcpy(fresh->vars, old->vars, n * sizeof(gh_value));
            gh_write_barrier_range(fresh, fresh->vars, n);
            locals[-1] = ne;
            NEXT;
        }
        CASE(SAVE_ENV) locals[r16(pc)] = locals[-1]; pc += 2; NEXT;
        CASE(RESTORE_ENV) locals[-1] = locals[r16(pc)]; pc += 2; NEXT;
#include "vm_loop_objects.h"
        CASE(CALL)
        CASE(NEW) {
            uint32_t argc = r16(pc);
            bool construct = op == OP_NEW;
            js_site *site = NULL;
            if (construct) {
                site = &code->sites[r32(pc + 2)];
                pc += 4;
            }
            pc += 2;
            if (construct) { /* make room for `this` */
                memmove(sp - argc + 1, sp - argc, argc * sizeof(gh_value));
                sp[-(int)argc] = JS_HOLE;
                sp++;
            }
            gh_value *base = sp - argc - 2;
            gh_value fn = base[0];
            SYNC();
            js_class k = js_is_object(fn) ? js_class_of(fn) : JC_OBJECT;
            if (k == JC_FUNCTION) {
                js_code *c = js_cptr_get(js_obj(fn)->slots[0]);
                if (construct) {
                    if (!(c->flags & CODE_CTOR)) {
                        not_callable(code, pc, fn, "constructor");
                        goto exception;
                    }
                    THROW_IF(!construct_this(c, site, base));
                }
                THROW_IF(!push_frame(c, base, argc, construct, false));
                if (GH_UNLIKELY(c->flags & CODE_NEW_TARGET) && construct)
                    R.frames[R.nframes - 1].locals[c->nt_reg] = base[0];
                RELOAD();
                NEXT;
            }
            gh_value r;
            if (k == JC_NATIVE) {
                js_native_info *ni = js_cptr_get(js_obj(fn)->slots[0]);
                if (construct && !ni->ctor) {
                    not_callable(code, pc, fn, "constructor");
                    goto exception;
                }
                if (R.nframes >= R.max_frames) {
                    js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
                    goto exception;
                }
                if (site) {
                    site_begin(site);
                    r = call_native(ni, base, (int)argc);
                    site_end(site, r);
                } else {
                    r = call_native(ni, base, (int)argc);
                }
            } else if (k == JC_BOUND) {
                r = js_call_bound(base, (int)argc, construct);
            } else {
                not_callable(code, pc, fn, construct ? "constructor" : "function");
                goto exception;
            }
            sp = base;
            R.sp = sp;
            THROW_IF(r == JS_EXCEPTION);
            *sp++ = r;
            NEXT;
        }
        CASE(RETURN)
        CASE(RETURN_UNDEF) {
            gh_value v = op == OP_RETURN ? sp[-1] : JS_UNDEFINED;
            if (f->construct && !js_is_object(v)) {
                v = f->base[1];
                if (GH_UNLIKELY(v == JS_HOLE)) { /* a derived class's, before super() */
                    SYNC();
                    uninitialized(A_this);
                    goto exception;
                }
                if (GH_UNLIKELY(code->flags & CODE_DERIVED) && js_is_class(v, JC_ERROR)) {
                    SYNC();
                    js_error_restack(&f->base[1]);
                    v = f->base[1];
                }
            }
            nhandlers = f->handler_base;
            sp = f->base;
            bool entry = f->entry;
            R.nframes--;
            if (entry) {
                R.sp = sp;
                return v;
            }
            *sp++ = v;
            R.sp = sp;
            RELOAD();
            NEXT;
        }
        CASE(JMP) {
            int32_t off = (int32_t)r32(pc);
            pc += 4 + off;
            SAFE_POINT_IF_BACK(off);
            NEXT;
        }
        CASE(JMP_FALSE)
        CASE(JMP_TRUE) {
            gh_value v = *--sp;
            bool t = v == JSV_TRUE ? true : v == JSV_FALSE ? false : js_truthy(v);
            if (t == (op == OP_JMP_TRUE)) {
                int32_t off = (int32_t)r32(pc);
                pc += 4 + off;
                SAFE_POINT_IF_BACK(off);
            } else {
                pc += 4;
            }
            NEXT;
        }
        CASE(JMP_FALSE_KEEP)
        CASE(JMP_TRUE_KEEP)
        CASE(JMP_NOT_NULLISH_KEEP) {
            gh_value v = sp[-1];
            bool jump = op == OP_JMP_NOT_NULLISH_KEEP ? !js_is_nullish(v)
                                                      : js_truthy(v) == (op == OP_JMP_TRUE_KEEP);
            if (jump) {
                pc += 4 + (int32_t)r32(pc);
            } else {
                pc += 4;
                sp--;
            }
            NEXT;
        }
        CASE(THROW)
            R.exception = *--sp;
            R.has_exception = true;
            SYNC();
            js_note_throw_site();
            goto exception;
        CASE(TRY)
            if (nhandlers >= MAX_HANDLERS) {
                SYNC();
                js_throw_error(JE_RANGE, "Maximum call stack size exceeded");
                goto exception;
            }
            handlers[nhandlers].catch_pc = pc + 4 + (int32_t)r32(pc);
            handlers[nhandlers].sp = sp;
            handlers[nhandlers].frame = R.nframes - 1;
            nhandlers++;
            pc += 4;
            NEXT;
        CASE(END_TRY)
            nhandlers--;
            NEXT;
        CASE(ASYNC_START) {
            SYNC();
            gh_value co = js_coroutine_new();
            locals[r16(pc)] = co;
            pc += 2;
            NEXT;
        }
        CASE(AWAIT) {
            /* suspend: the frame's values are saved in its coroutine and
             * the frame ends, giving its caller the async function's promise */
            SYNC();
            THROW_IF(!coroutine_suspend(f));
            sp[-1] = js_coroutine_promise(locals[code->co_reg]);
            op = OP_RETURN;
            goto L_RETURN;
        }
        CASE(GEN_START) {
            /* a generator function's call: the generator object holds the
             * frame, which ends here, returning the object */
            SYNC();
            gh_value g = js_generator_new(&f->base[0]);
            locals[r16(pc)] = g;
            pc += 2;
            f->pc = pc;
            save_frame(f, &locals[code->co_reg], 0);
            *sp++ = locals[code->co_reg];
            op = OP_RETURN;
            goto L_RETURN;
        }
        CASE(YIELD)
            SYNC();
            save_frame(f, &locals[code->co_reg], 1);
            js_obj(locals[code->co_reg])->slots[GEN_STATE] = gh_from_int(GEN_YIELDED);
            op = OP_RETURN;
            goto L_RETURN;
        CASE(GEN_RETHROW)
            if (sp[-1] != JS_GEN_RETURN)
                NEXT;
            sp--;
            SYNC();
            js_throw(JS_GEN_RETURN);
            goto exception;
        CASE(ASYNC_RETURN)
        CASE(ASYNC_THROW)
            SYNC();
            js_coroutine_settle(locals[code->co_reg], &sp[-1], op == OP_ASYNC_THROW);
            sp[-1] = js_coroutine_promise(locals[code->co_reg]);
            op = OP_RETURN;
            goto L_RETURN;
#include "vm_loop_iter.h"
#include "vm_loop_classes.h"
        CASE(FOR_OF_NEXT) {
            SYNC(); /* the next value may be a new string */
            gh_value v;
            if (!js_for_of_next(&sp[-2], &sp[-1], &v)) {
                THROW_IF(R.has_exception); /* a generator threw */
                sp -= 2;
                pc += 4 + (int32_t)r32(pc);
                NEXT;
            }
            sp[-2] = v;
            pc += 4;
            NEXT;
        }
        CASE(TO_NUMBER)
            if (!js_is_number(sp[-1])) {
                SYNC();
                double d = js_to_number(sp[-1]);
                THROW_IF(R.has_exception);
                sp[-1] = js_number(d);
            }
            NEXT;
        CASE(TO_STRING)
            if (!js_is_string(sp[-1])) {
                SYNC();
                gh_value s = js_to_string(sp[-1]);
                THROW_IF(s == JS_EXCEPTION);
                sp[-1] = s;
            }
            NEXT;
        CASE(ADD) {
            gh_value a = sp[-2], b = sp[-1];
            if (gh_is_int(a) && gh_is_int(b)) {
                sp[-2] = int_result(gh_to_int(a) + gh_to_int(b));
            } else if (js_is_number(a) && js_is_number(b)) {
                sp[-2] = js_number(js_num(a) + js_num(b));
            } else {
                SYNC();
                gh_value r = js_op_add(&sp[-2], &sp[-1]);
                THROW_IF(r == JS_EXCEPTION);
                sp[-2] = r;
            }
            sp--;
            NEXT;
        }
        CASE(SUB) {
            gh_value a = sp[-2], b = sp[-1];
            if (gh_is_int(a) && gh_is_int(b)) {
                sp[-2] = int_result(gh_to_int(a) - gh_to_int(b));
                sp--;
                NEXT;
            }
            goto arith;
        }
        CASE(LT)
        CASE(GT)
        CASE(LE)
        CASE(GE) {
            gh_value a = sp[-2], b = sp[-1];
            if (gh_is_int(a) && gh_is_int(b)) {
                int64_t x = gh_to_int(a), y = gh_to_int(b);
                bool r = op == OP_LT ? x < y : op == OP_GT ? x > y : op == OP_LE ? x <= y : x >= y;
                if (*pc == OP_JMP_FALSE) { /* compare-and-branch, without the boolean */
                    sp -= 2;
                    pc += r ? 5 : 5 + (int32_t)r32(pc + 1);
                    NEXT;
                }
                sp[-2] = js_bool(r);
                sp--;
                NEXT;
            }
            SYNC();
            gh_value r = js_op_compare(op, &sp[-2], &sp[-1]);
            THROW_IF(r == JS_EXCEPTION);
            sp[-2] = r;
            sp--;
            NEXT;
        }
        CASE(SEQ)
        CASE(SNE) {
            gh_value a = sp[-2], b = sp[-1];
            bool r;
            if (a == b)
                r = !gh_is_double(a) || js_num(a) == js_num(a); /* NaN !== NaN */
            else if (js_is_number(a) && js_is_number(b))
                r = !(gh_is_int(a) && gh_is_int(b)) && js_num(a) == js_num(b);
            else if (gh_is_ptr(a) && gh_is_ptr(b))
                r = js_is_string(a) && js_is_string(b) && js_string_equal(a, b);
            else
                r = false;
            sp[-2] = js_bool(op == OP_SEQ ? r : !r);
            sp--;
            NEXT;
        }
        CASE(EQ)
        CASE(NE) {
            SYNC();
            int r = js_loose_equals(sp[-2], sp[-1]);
            THROW_IF(r < 0);
            sp[-2] = js_bool(op == OP_EQ ? r : !r);
            sp--;
            NEXT;
        }
        CASE(MUL) CASE(DIV) CASE(MOD)
        CASE(SHL) CASE(SAR) CASE(SHR)
        CASE(BITAND) CASE(BITOR) CASE(BITXOR)
            if (gh_is_int(sp[-2]) && gh_is_int(sp[-1])) {
                int64_t x = gh_to_int(sp[-2]), y = gh_to_int(sp[-1]);
                gh_value r;
                if (!int_binop(op, x, y, &r))
                    goto arith;
                sp[-2] = r;
                sp--;
                NEXT;
            }
            if (js_is_number(sp[-2]) && js_is_number(sp[-1]) && op == OP_MUL) {
                sp[-2] = js_number(js_num(sp[-2]) * js_num(sp[-1]));
                sp--;
                NEXT;
            }
            goto arith;
        CASE(EXP)
        CASE(INSTANCEOF) CASE(IN)
        arith: {
            SYNC();
            gh_value r = js_op_arith(op, &sp[-2], &sp[-1]);
            THROW_IF(r == JS_EXCEPTION);
            sp[-2] = r;
            sp--;
            NEXT;
        }
        CASE(NOT)
            sp[-1] = js_bool(!js_truthy(sp[-1]));
            NEXT;
        CASE(INC)
        CASE(DEC)
            if (gh_is_int(sp[-1])) {
                sp[-1] = int_result(gh_to_int(sp[-1]) + (op == OP_INC ? 1 : -1));
                NEXT;
            }
            __attribute__((fallthrough));
        CASE(NEG) CASE(POS) CASE(BITNOT) CASE(TYPEOF) {
            SYNC();
            gh_value r = js_op_unary(op, &sp[-1]);
            THROW_IF(r == JS_EXCEPTION);
            sp[-1] = r;
            NEXT;
        }
        CASE(THROW_CONST)
            pc += 4;
            SYNC();
            js_throw_error(JE_TYPE, "Assignment to constant variable.");
            goto exception;
        CASE(THROW_REF)
            pc += 4;
            SYNC();
            js_throw_error(JE_REFERENCE, "%s is not defined", js_atom_name(r32(pc - 4)));
            goto exception;
        default:
            fprintf(stderr, "ghjs: bad opcode %d\n", op);
            abort();
        }
        continue;
    exception:
        /* R.exception is set: find a handler in this frame or unwind. */
        for (;;) {
            if (nhandlers > f->handler_base) {
                js_handler *h = &handlers[--nhandlers];
                sp = h->sp;
                *sp++ = R.exception;
                R.has_exception = false;
                R.exception = JS_UNDEFINED;
                pc = h->catch_pc;
                R.sp = sp;
                break;
            }
            bool entry = f->entry;
            R.sp = f->base;
            R.nframes--;
            if (entry)
                return JS_EXCEPTION;
            RELOAD();
        }
    }
}

