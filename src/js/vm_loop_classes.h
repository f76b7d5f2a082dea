/* vm_loop_classes.h - the interpreter loop's cases for classes: methods,
 * accessors, super, private names, a derived constructor's this, and
 * object spread and destructuring's checks.
 * Included by vm_loop.h inside run()'s switch, where these cases stood
 * (the order of the cases is the order of the code GCC lays out): they
 * are part of the one interpreter function, whose locals (f, code, pc, sp,
 * locals, args) and labels (exception, arith, L_*) they use. */
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
