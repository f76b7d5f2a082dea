/* generator.c - generator objects and %GeneratorPrototype%'s next, return
 * and throw.
 *
 * A generator object (JC_GENERATOR) keeps its function's frame exactly as
 * an async function's coroutine does (vm.c saves it at GEN_START and at
 * each YIELD, js_coroutine_resume runs it again), plus its state and the
 * value return() was given.  A resumed frame leaves run() either at a
 * YIELD, which sets the state to GEN_YIELDED, or by returning or
 * throwing, when the state is still GEN_RUNNING.
 *
 * return(v) resumes the frame by throwing JS_GEN_RETURN, an exception no
 * catch block sees (each starts with GEN_RETHROW) but finally blocks run
 * for; when it leaves the frame, the result is { value: v, done: true }.
 *
 * Left out: yield* does not forward next's argument, throw() or return()
 * to the inner iterator, and its value is undefined; a for-of loop left
 * by break does not call return(). */
#include "builtins.h"

static js_atom_id atom_next, atom_done;

static gh_value iter_result(gh_value *value, bool done)
{
    JS_SCOPE_OPEN(sc);
    gh_value *v = js_root(*value);
    gh_value *o = js_root(js_object_new());
    js_put(o, "value", *v);
    js_put(o, "done", js_bool(done));
    gh_value r = *o;
    JS_SCOPE_CLOSE(sc);
    return r;
}

gh_value js_generator_new(gh_value *fn)
{
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_get(*fn, A_prototype));
    if (!js_is_object(*proto)) /* replaced by a primitive: the intrinsic one */
        *proto = R.generator_proto;
    gh_value g = js_object_new_shape(js_shape_root(*proto, JC_GENERATOR, 0));
    js_object *o = js_obj(g);
    o->slots[GEN_STATE] = gh_from_int(GEN_START);
    for (int i = CO_STACK; i <= GEN_RETURN_VALUE; i++)
        o->slots[i] = JS_UNDEFINED;
    JS_SCOPE_CLOSE(sc);
    return g;
}

static int state_of(gh_value g) { return (int)gh_to_int(js_obj(g)->slots[GEN_STATE]); }
static void set_state(gh_value g, int s) { js_obj(g)->slots[GEN_STATE] = gh_from_int(s); }

enum { MODE_NEXT, MODE_THROW, MODE_RETURN };

/* Run *g's frame from where it stopped; *done tells a return from a
 * yield.  JS_EXCEPTION if it threw (return()'s marker included). */
static gh_value run_generator(gh_value *g, gh_value *arg, int mode, bool *done)
{
    set_state(*g, GEN_RUNNING);
    gh_value r;
    if (mode == MODE_RETURN) {
        gh_set_value(js_obj(*g), &js_obj(*g)->slots[GEN_RETURN_VALUE], *arg);
        r = js_coroutine_resume(g, JS_GEN_RETURN, true);
    } else {
        r = js_coroutine_resume(g, *arg, mode == MODE_THROW);
    }
    *done = state_of(*g) != GEN_YIELDED;
    if (*done)
        set_state(*g, GEN_DONE);
    return r;
}

/* next / throw / return on *this_: V8's checks, then a step. */
static gh_value resume(gh_value *this_, int argc, gh_value *argv, int mode, const char *method)
{
    if (!js_is_class(*this_, JC_GENERATOR)) {
        js_sbuf d = {0};
        js_describe(*this_, &d);
        js_throw_error(JE_TYPE, "%s method called on incompatible receiver %s", method, sb_cstr(&d));
        sb_free(&d);
        return JS_EXCEPTION;
    }
    int state = state_of(*this_);
    if (state == GEN_RUNNING)
        return js_throw_error(JE_TYPE, "Generator is already running");
    JS_SCOPE_OPEN(sc);
    gh_value *arg = js_root(js_arg(argc, argv, 0));
    gh_value out;
    if (state == GEN_DONE || (state == GEN_START && mode != MODE_NEXT)) {
        set_state(*this_, GEN_DONE);
        if (mode == MODE_THROW)
            out = js_throw(*arg);
        else
            out = iter_result(mode == MODE_RETURN ? arg : js_root(JS_UNDEFINED), true);
    } else {
        bool done;
        gh_value *r = js_root(run_generator(this_, arg, mode, &done));
        if (*r != JS_EXCEPTION) {
            out = iter_result(r, done);
        } else if (R.exception == JS_GEN_RETURN) { /* return()'s marker left the frame */
            R.has_exception = false;
            R.exception = JS_UNDEFINED;
            *r = js_obj(*this_)->slots[GEN_RETURN_VALUE];
            out = iter_result(r, true);
        } else {
            out = JS_EXCEPTION;
        }
    }
    JS_SCOPE_CLOSE(sc);
    return out;
}

NATIVE(generator_next) { return resume(this_, argc, argv, MODE_NEXT, "next"); }
NATIVE(generator_return) { return resume(this_, argc, argv, MODE_RETURN, "return"); }
NATIVE(generator_throw) { return resume(this_, argc, argv, MODE_THROW, "throw"); }

/* for-of's step: gen.next(), then the result's done and value, as the
 * iterator protocol reads them (so stacks show "at g.next"). */
int js_generator_step(gh_value *gen, gh_value *out)
{
    JS_SCOPE_OPEN(sc);
    gh_value *r = js_root(js_call_method(*gen, atom_next, 0, NULL));
    int step = -1;
    if (*r != JS_EXCEPTION && !js_is_object(*r)) {
        js_sbuf d = {0};
        js_describe(*r, &d);
        js_throw_error(JE_TYPE, "Iterator result %s is not an object", sb_cstr(&d));
        sb_free(&d);
    } else if (*r != JS_EXCEPTION) {
        gh_value done = js_get(*r, atom_done);
        if (done != JS_EXCEPTION && !js_truthy(done)) {
            *out = js_get(*r, A_value);
            step = *out == JS_EXCEPTION ? -1 : 1;
        } else if (done != JS_EXCEPTION) {
            step = 0;
        }
    }
    JS_SCOPE_CLOSE(sc);
    return step;
}

void js_builtins_generator_init(void)
{
    atom_next = js_atom_cstr("next");
    atom_done = js_atom_cstr("done");
    JS_SCOPE_OPEN(sc);
    gh_value *proto = js_root(js_object_new());
    js_make_native(proto, "next", generator_next, 1);
    js_make_native(proto, "return", generator_return, 1);
    js_make_native(proto, "throw", generator_throw, 1);
    R.generator_proto = *proto;
    JS_SCOPE_CLOSE(sc);
}
