/* vm_loop_objects.h - the interpreter loop's cases for objects: property
 * and element access through the inline caches, deletion, literals and
 * closures.
 * Included by vm_loop.h inside run()'s switch, where these cases stood
 * (the order of the cases is the order of the code GCC lays out): they
 * are part of the one interpreter function, whose locals (f, code, pc, sp,
 * locals, args) and labels (exception, arith, L_*) they use. */
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
        CASE(TEMPLATE_OBJECT) {
            uint32_t site = r32(pc);
            pc += 4;
            SYNC();
            *sp = js_template_object(site);
            sp++;
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
