/* vm_loop_iter.h - the interpreter loop's cases for for-in and for-of,
 * and for spreading into array literals, calls and `new`.
 * Included by vm_loop.h inside run()'s switch, where these cases stood
 * (the order of the cases is the order of the code GCC lays out): they
 * are part of the one interpreter function, whose locals (f, code, pc, sp,
 * locals, args) and labels (exception, arith, L_*) they use. */
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
