/* vm_loop.h - the interpreter loop, included by vm.c (it uses vm.c's
 * static helpers).  One case per opcode; slow paths live in ops.c. */

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
        CASE(GET_PROP) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            gh_value v = sp[-1];
            gh_value hit = ic_hit(v, ic);
            if (hit != JS_HOLE) {
                sp[-1] = hit;
                NEXT;
            }
            if (js_is_object(v)) {
                js_object *o = js_obj(v);
                js_shape *s = js_shape_of(o);
                if (atom == A_length && s->klass == JC_ARRAY) {
                    sp[-1] = o->slots[ARR_LENGTH];
                    NEXT;
                }
            } else if (atom == A_length && js_is_string(v)) {
                sp[-1] = gh_from_int(js_str_length(js_str(v)));
                NEXT;
            }
            SYNC();
            v = get_prop_ic(v, atom, ic);
            THROW_IF(v == JS_EXCEPTION);
            sp[-1] = v;
            NEXT;
        }
        CASE(GET_METHOD) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            gh_value v = ic_hit(sp[-1], ic);
            if (v == JS_HOLE) {
                SYNC();
                v = get_prop_ic(sp[-1], atom, ic);
                THROW_IF(v == JS_EXCEPTION);
            }
            sp[0] = sp[-1];
            sp[-1] = v;
            sp++;
            NEXT;
        }
        CASE(SET_PROP)
        CASE(SET_PROP_POP) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            if (js_is_object(sp[-2])) {
                js_object *o = js_obj(sp[-2]);
                js_shape *s = js_shape_of(o);
                if (s == ic->shape && (!ic->holder_shape || (ic->index < s->ninobj &&
                                                             ic->epoch == R.accessor_epoch))) {
                    if (!ic->holder_shape) {
                        js_slot_write(o, prop_slot(o, s, ic->index), sp[-1]);
                    } else {
                        gh_set_value(o, &o->slots[s->nint + ic->index], sp[-1]);
                        js_note_store(o, sp[-1]);
                        o->shape = js_cptr(ic->holder_shape);
                    }
                    sp[-2] = sp[-1];
                    sp -= op == OP_SET_PROP ? 1 : 2;
                    NEXT;
                }
            }
            SYNC();
            THROW_IF(!set_prop_ic(&sp[-2], atom, &sp[-1], ic));
            sp[-2] = sp[-1];
            sp -= op == OP_SET_PROP ? 1 : 2;
            NEXT;
        }
        CASE(GET_ELEM)
        CASE(GET_ELEM_KEEP)
        CASE(GET_ELEM_METHOD) {
            gh_value o = sp[-2], k = sp[-1], v = JS_HOLE;
            if (gh_is_int(k) && js_is_object(o)) {
                js_object *a = js_obj(o);
                js_shape *sh = js_shape_of(a);
                int64_t i = gh_to_int(k);
                if (sh->klass == JC_ARRAY && i >= 0)
                    v = js_array_get(a, (uint64_t)i);
                else if (sh->klass == JC_BUFFER && i >= 0 && i < gh_to_int(a->slots[1]))
                    v = gh_from_int(((gh_buffer *)gh_to_ptr(a->slots[0]))->data[i]);
            }
            if (v == JS_HOLE) {
                SYNC();
                v = js_get_value(o, k);
                THROW_IF(v == JS_EXCEPTION);
            }
            if (op == OP_GET_ELEM) {
                sp[-2] = v;
                sp--;
            } else if (op == OP_GET_ELEM_KEEP) {
                *sp++ = v;
            } else {
                sp[-1] = sp[-2];
                sp[-2] = v;
            }
            NEXT;
        }
        CASE(SET_ELEM)
        CASE(SET_ELEM_POP) {
            gh_value o = sp[-3], k = sp[-2];
            if (gh_is_int(k) && js_is_object(o)) {
                js_object *a = js_obj(o);
                int64_t i = gh_to_int(k);
                js_store *st;
                js_shape *sh = js_shape_of(a);
                if (sh->klass == JC_BUFFER && i >= 0 && i < gh_to_int(a->slots[1]) && gh_is_int(sp[-1])) {
                    ((gh_buffer *)gh_to_ptr(a->slots[0]))->data[i] = (uint8_t)gh_to_int(sp[-1]);
                    sp[-3] = sp[-1];
                    sp -= op == OP_SET_ELEM ? 2 : 3;
                    NEXT;
                }
                if (sh->klass == JC_ARRAY && i >= 0 && (st = js_array_store(a)) &&
                    (uint64_t)i < js_store_cap(st)) {
                    gh_set_value(st, &st->items[i], sp[-1]);
                    js_note_store(st, sp[-1]);
                    if ((uint64_t)i >= js_array_length(a))
                        a->slots[ARR_LENGTH] = gh_from_int(i + 1);
                    sp[-3] = sp[-1];
                    sp -= op == OP_SET_ELEM ? 2 : 3;
                    NEXT;
                }
            }
            SYNC();
            THROW_IF(!js_set_value(&sp[-3], &sp[-2], &sp[-1]));
            sp[-3] = sp[-1];
            sp -= op == OP_SET_ELEM ? 2 : 3;
            NEXT;
        }
        CASE(DELETE_PROP) {
            js_atom_id atom = r32(pc);
            pc += 4;
            SYNC();
            int r = js_delete(&sp[-1], atom);
            THROW_IF(r < 0);
            sp[-1] = js_bool(r);
            NEXT;
        }
        CASE(DELETE_ELEM) {
            SYNC();
            js_atom_id atom = js_key_atom(sp[-1]);
            THROW_IF(atom == (js_atom_id)-1);
            int r = js_delete(&sp[-2], atom);
            THROW_IF(r < 0);
            sp[-2] = js_bool(r);
            sp--;
            NEXT;
        }
        CASE(INIT_PROP) {
            js_atom_id atom = r32(pc);
            js_ic *ic = &code->ics[r32(pc + 4)];
            pc += 8;
            js_object *o = js_obj(sp[-2]);
            js_shape *s = js_shape_of(o);
            if (s == ic->shape) { /* cached transition into an in-object slot */
                gh_set_value(o, &o->slots[s->nint + ic->index], sp[-1]);
                o->shape = js_cptr(ic->holder_shape);
                sp--;
                NEXT;
            }
            SYNC();
            js_define(&sp[-2], atom, &sp[-1], PF_DEFAULT);
            js_shape *ns = js_shape_of(js_obj(sp[-2]));
            if (!s->dict && !ns->dict && ns->parent == s && s->count < s->ninobj) {
                ic->shape = s;
                ic->holder_shape = ns;
                ic->index = s->count;
            }
            sp--;
            NEXT;
        }
        CASE(INIT_ELEM)
        CASE(INIT_ELEM_NAMED) {
            SYNC();
            js_atom_id atom = js_key_atom(sp[-2]);
            THROW_IF(atom == (js_atom_id)-1);
            if (op == OP_INIT_ELEM_NAMED) /* an anonymous function under a computed key */
                THROW_IF(!js_name_function(&sp[-1], atom, NULL));
            js_define(&sp[-3], atom, &sp[-1], PF_DEFAULT);
            sp -= 2;
            NEXT;
        }
        CASE(SET_PROTO)
            if (js_is_object(sp[-1]) || sp[-1] == JSV_NULL) {
                SYNC();
                THROW_IF(!js_set_proto(&sp[-2], sp[-1]));
            }
            sp--;
            NEXT;
        CASE(NEW_OBJECT) {
            unsigned n = r16(pc);
            js_site *site = &code->sites[r32(pc + 2)];
            pc += 6;
            SYNC();
            js_shape *s = site->shape;
            if (!s)
                s = site->shape = js_shape_root(R.object_proto, JC_OBJECT, n > 64 ? 64 : n);
            site_begin(site);
            *sp = js_object_new_shape(s);
            site_end(site, *sp);
            sp++;
            NEXT;
        }
        CASE(NEW_ARRAY) {
            uint32_t n = r32(pc);
            js_site *site = &code->sites[r32(pc + 4)];
            pc += 8;
            SYNC();
            site_begin(site);
            gh_value a = js_array_new(n, n);
            site_end(site, a);
            if (n) {
                js_store *st = js_array_store(js_obj(a));
                memcpy(st->items, sp - n, n * sizeof(gh_value));
                gh_write_barrier_range(st, st->items, n);
            }
            sp -= n;
            *sp++ = a;
            NEXT;
        }
        CASE(CLOSURE) {
            js_code *child = code->children[r32(pc)];
            pc += 4;
            SYNC();
            *sp = js_closure_new(child, locals[-1]);
            sp++;
            NEXT;
        }
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
        CASE(FOR_IN) {
            SYNC();
            gh_value o = sp[-1];
            if (js_is_nullish(o)) {
                o = gh_from_ptr(js_store_new(0, 0));
            } else {
                if (!js_is_object(o)) {
                    o = js_to_object(o);
                    sp[-1] = o;
                }
                o = js_for_in_keys(o);
            }
            gh_value *kh = js_tmp_push(o);
            gh_value it = js_object_new_shape(js_shape_root(JSV_NULL, JC_FORIN, 0));
            js_object *io = js_obj(it);
            gh_set_value(io, &io->slots[0], *kh);
            js_tmp_pop(1);
            io->slots[1] = gh_from_int(0);
            gh_set_value(io, &io->slots[2], sp[-1]);
            sp[-1] = it;
            NEXT;
        }
        CASE(FOR_IN_NEXT) {
            js_object *io = js_obj(sp[-1]);
            js_store *keys = gh_to_ptr(io->slots[0]);
            int64_t i = gh_to_int(io->slots[1]);
            js_atom_id key = 0;
            bool found = false;
            while (i < (int64_t)js_store_cap(keys)) {
                key = (js_atom_id)gh_to_int(keys->items[i++]);
                if (js_has_property(io->slots[2], key)) {
                    found = true;
                    break;
                }
            }
            io->slots[1] = gh_from_int(i);
            if (!found) {
                sp--;
                pc += 4 + (int32_t)r32(pc);
                NEXT;
            }
            pc += 4;
            SYNC();
            sp[-1] = js_atom_string(key);
            NEXT;
        }
        CASE(FOR_OF) {
            if (!js_for_of_iterable(sp[-1])) {
                SYNC();
                js_atom_id what = js_callee_name(code, pc);
                if (what != A_empty) /* named from the source */
                    js_throw_error(JE_TYPE, "%s is not iterable", js_atom_name(what));
                else /* a nested pattern's part */
                    js_throw_not_iterable(sp[-1]);
                goto exception;
            }
            NEXT;
        }
        CASE(APPEND)
            SYNC();
            if (!js_array_push(&sp[-2], &sp[-1]))
                goto exception;
            sp--;
            NEXT;
        CASE(APPEND_SPREAD) {
            bool in_call = r16(pc) != 0;
            pc += 2;
            SYNC();
            if (!js_for_of_iterable(sp[-1])) {
                spread_not_iterable(code, pc, sp[-1], in_call);
                goto exception;
            }
            sp[0] = gh_from_int(0); /* array iterable index value */
            sp[1] = JS_UNDEFINED;
            sp += 2;
            SYNC();
            if (!js_for_of_append(&sp[-4], &sp[-3], &sp[-2], &sp[-1]))
                goto exception;
            sp -= 3;
            SYNC();
            NEXT;
        }
        CASE(COLLECT_REST) {
            SYNC();
            gh_value rest = js_array_new(0, 0);
            sp[0] = rest; /* iterable index rest value */
            sp[1] = JS_UNDEFINED;
            sp += 2;
            SYNC();
            if (!js_for_of_append(&sp[-2], &sp[-4], &sp[-3], &sp[-1]))
                goto exception;
            sp[-4] = sp[-2];
            sp -= 3;
            SYNC();
            NEXT;
        }
        CASE(CALL_SPREAD) {
            SYNC();
            if (!js_is_callable(sp[-3])) {
                not_callable(code, pc, sp[-3], "function");
                goto exception;
            }
            int n;
            gh_value *items;
            THROW_IF(!spread_arguments(sp[-1], &n, &items));
            gh_value r = js_call(sp[-3], sp[-2], n, items);
            THROW_IF(r == JS_EXCEPTION);
            sp -= 2;
            sp[-1] = r;
            NEXT;
        }
        CASE(NEW_SPREAD) {
            SYNC();
            if (!js_is_constructor(sp[-2])) {
                not_callable(code, pc, sp[-2], "constructor");
                goto exception;
            }
            int n;
            gh_value *items;
            THROW_IF(!spread_arguments(sp[-1], &n, &items));
            gh_value r = js_construct(sp[-2], n, items);
            THROW_IF(r == JS_EXCEPTION);
            sp -= 1;
            sp[-1] = r;
            NEXT;
        }
        CASE(CLASS) {
            js_code *child = code->children[r32(pc)];
            bool heritage = pc[4] != 0;
            pc += 5;
            if (!heritage)
                *sp++ = JS_UNDEFINED;
            *sp++ = JS_UNDEFINED;
            SYNC();
            THROW_IF(!js_class_new(child, locals[-1], heritage, sp - 2));
            NEXT;
        }
        CASE(DEFINE_METHOD) {
            bool named = *pc++ != 0;
            SYNC();
            js_atom_id atom = js_key_atom(sp[-2]);
            THROW_IF(atom == (js_atom_id)-1);
            if (named) /* under a computed key: the name is known only now */
                THROW_IF(!js_name_function(&sp[-1], atom, NULL));
            js_define(&sp[-3], atom, &sp[-1], PF_HIDDEN);
            sp -= 3;
            NEXT;
        }
        CASE(DEFINE_ACCESSOR) {
            unsigned how = *pc++;
            SYNC();
            js_atom_id atom = js_key_atom(sp[-2]);
            THROW_IF(atom == (js_atom_id)-1);
            if (how & 4) /* under a computed key: "get key", known only now */
                THROW_IF(!js_name_function(&sp[-1], atom, how & 1 ? "set" : "get"));
            sp[-2] = JS_HOLE; /* the other half: kept */
            gh_value *fn = &sp[-1], *none = &sp[-2];
            THROW_IF(!js_define_accessor(&sp[-3], atom, how & 1 ? none : fn, how & 1 ? fn : none,
                                         how & 2 ? PF_ENUMERABLE | PF_CONFIGURABLE : PF_CONFIGURABLE));
            sp -= 3;
            NEXT;
        }
        CASE(GET_SUPER)
            sp[-1] = js_get_proto(sp[-1]);
            NEXT;
        CASE(SUPER_GET) {
            SYNC();
            js_atom_id atom = js_key_atom(sp[-1]);
            THROW_IF(atom == (js_atom_id)-1);
            gh_value v = js_is_object(sp[-2]) ? js_get_from(sp[-2], atom, sp[-3]) : JS_UNDEFINED;
            THROW_IF(v == JS_EXCEPTION);
            sp -= 2;
            sp[-1] = v;
            NEXT;
        }
        CASE(GET_PRIVATE)
        CASE(SET_PRIVATE)
        CASE(DEFINE_PRIVATE)
        CASE(HAS_PRIVATE) {
            js_atom_id atom = r32(pc);
            pc += 4;
            SYNC();
            THROW_IF(!js_private_op(op, atom, sp));
            sp -= op == OP_SET_PRIVATE || op == OP_DEFINE_PRIVATE;
            if (op == OP_SET_PRIVATE)
                sp[-1] = sp[0];
            NEXT;
        }
        CASE(THIS_CHK)
            if (GH_UNLIKELY(f->base[1] == JS_HOLE)) {
                SYNC();
                uninitialized(A_this);
                goto exception;
            }
            *sp++ = f->base[1];
            NEXT;
        CASE(SUPER_CALL) {
            SYNC();
            sp[-2] = js_get_proto(sp[-2]); /* the parent class */
            if (!js_is_constructor(sp[-2])) {
                super_not_constructor(code, sp[-2]);
                goto exception;
            }
            int n;
            gh_value *items;
            THROW_IF(!spread_arguments(sp[-1], &n, &items));
            gh_value r = js_construct_with(sp[-2], sp[-3], n, items);
            THROW_IF(r == JS_EXCEPTION);
            sp -= 2;
            sp[-1] = r;
            NEXT;
        }
        CASE(SET_THIS)
            if (f->base[1] != JS_HOLE) {
                SYNC();
                js_throw_error(JE_REFERENCE, "Super constructor may only be called once");
                goto exception;
            }
            f->base[1] = sp[-1];
            NEXT;
        CASE(COPY_PROPS)
            SYNC();
            THROW_IF(!js_copy_own_enumerable(&sp[-2], &sp[-1], true));
            sp--;
            NEXT;
        CASE(REQUIRE_COERCIBLE) {
            js_atom_id key = r32(pc);
            pc += 4;
            if (js_is_nullish(sp[-1])) {
                SYNC();
                js_atom_id src = js_callee_name(code, pc);
                const char *what = sp[-1] == JSV_NULL ? "null" : "undefined";
                const char *from = src != A_empty ? js_atom_name(src) : what;
                if (key == A_empty)
                    js_throw_error(JE_TYPE, "Cannot destructure '%s' as it is %s.", from, what);
                else
                    js_throw_error(JE_TYPE, "Cannot destructure property '%s' of '%s' as it is %s.",
                                   js_atom_name(key), from, what);
                goto exception;
            }
            NEXT;
        }
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

