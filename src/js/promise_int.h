/* promise_int.h - what promise.c lends promise_combinators.c: making a
 * promise, its resolving functions, `then`, and the small helpers for
 * native functions with data and for argument lists on the VM stack. */
#ifndef JS_PROMISE_INT_H
#define JS_PROMISE_INT_H

#include "builtins.h"

gh_value promise_new(void); /* a pending promise */
/* The pending exception, taken (a job passes it on as a rejection). */
gh_value promise_take_exception(void);
/* Rooted slots that follow one another (the VM stack's), for argument
 * lists, set to values (undefined if NULL); promise_pop_slots(n) gives them
 * back. */
gh_value *promise_push_slots(int n, const gh_value *values);
void promise_pop_slots(int n);
/* An array of the n values given (read before anything is allocated). */
gh_value promise_tuple(int n, const gh_value *items);
/* obj.then(on_fulfilled, on_rejected), looked up as a script would. */
gh_value promise_call_then(gh_value *obj, gh_value on_fulfilled, gh_value on_rejected);
/* PromiseResolve(%Promise%, *x): x itself if Promise made it, else a new
 * promise resolved with it; JS_EXCEPTION if reading x.constructor threw. */
gh_value promise_resolve(gh_value *x);
/* fns[0] resolves *p, fns[1] rejects it; the first call of either wins
 * (fns: two rooted slots). */
void promise_make_resolving(gh_value *p, gh_value *fns);
/* A native function carrying data, and, inside one, its data. */
gh_value promise_native_with(const js_native_info *info, gh_value data);
gh_value promise_native_data(gh_value *this_);

/* promise_combinators.c: Promise.all, allSettled, any, race on ctor. */
void js_promise_combinators_init(gh_value *ctor);

#endif
