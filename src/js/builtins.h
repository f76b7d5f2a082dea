/* builtins.h - helpers shared by the builtins_*.c files.
 *
 * A native is  gh_value fn(gh_value *this_, int argc, gh_value *argv).
 * this_ and argv point into the VM stack (rooted); this_[-1] is the function
 * object being called; *this_ is JS_HOLE when called with `new`. */
#ifndef GHJS_BUILTINS_H
#define GHJS_BUILTINS_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

#define NATIVE(name) static gh_value name(gh_value *this_, int argc, gh_value *argv)
#define UNUSED_ARGS (void)this_, (void)argc, (void)argv
#define ARG(i) js_arg(argc, argv, i)
#define IS_NEW (*this_ == JS_HOLE)

static inline double arg_num(int argc, gh_value *argv, int i, bool *err)
{
    double d = js_to_number(js_arg(argc, argv, i));
    *err = R.has_exception;
    return d;
}

/* Define a native method on the object in *holder. */
gh_value js_make_native(gh_value *holder, const char *name, js_native_fn fn, int length);
void js_natives_free(void); /* at exit */
/* A constructor with its prototype object (*proto, created if JSV_NULL). */
gh_value js_make_ctor(const char *name, js_native_fn fn, int length, gh_value *proto);
void js_set_global(const char *name, gh_value v);
gh_value js_global_get(js_atom_id atom);
/* parseFloat and parseInt (radix 0: 10, or 16 after "0x") of a C string. */
double js_parse_float(const char *s);
double js_parse_int(const char *s, int radix);
/* A C string copy of ToString(v) into out; false on exception. */
bool js_to_cstring(gh_value v, js_sbuf *out);
/* Property helpers for natives building objects. */
void js_put(gh_value *obj, const char *name, gh_value v);
void js_put_num(gh_value *obj, const char *name, double d);
void js_put_str(gh_value *obj, const char *name, const char *s);
gh_value js_ctor_name(gh_value obj); /* constructor name string or JS_UNDEFINED */
/* Throw Node's ERR_INVALID_ARG_TYPE: "<expected>. Received <what>". */
gh_value js_throw_arg_type(const char *expected, gh_value received);
/* V8's TypeErrors for a callback that is not callable ("5 is not a
 * function") and a Map source item that is not an object ("Iterator
 * value 1 is not an entry object"); js_throw_not_iterable is in vm.h. */
gh_value js_throw_not_function(gh_value v);
gh_value js_throw_not_entry(gh_value v);
/* V8's TypeError for a method called on the wrong kind of object:
 * "Method Map.prototype.get called on incompatible receiver #<Set>". */
gh_value js_throw_incompatible(const char *method, gh_value recv);
/* A class: its constructor (a global), its prototype with the methods
 * (NULL-terminated names), and the shape of its instances (kept). */
js_shape *js_make_class(const char *name, js_native_fn ctor, int length, js_class klass,
                        const char *const *methods, const js_native_fn *fns, const int *lengths);
/* Throw Node's ERR_OUT_OF_RANGE: 'The value of "<name>" is out of range.
 * It must be <range>. Received <value>', the value written as Node writes
 * it (an integer beyond 2^32 with _ between groups of three digits). */
gh_value js_throw_out_of_range(const char *name, const char *range, double value);
/* Helpers of the Array natives (builtins_array.c), for array-likes too:
 * element i (JS_HOLE where there is none; MAY COLLECT through a getter-
 * less js_get), *this_ made an object and its length read (false on an
 * exception), and a length checked against 2^32 - 1 (RangeError). */
gh_value js_elem_at(gh_value o, uint64_t i);
bool js_this_and_length(gh_value *this_, uint64_t *len);
bool js_length_fits(uint64_t n);
/* Past which index an array has no own element (its store's end), and
 * where a walk over o's present elements may stop (there too, unless a
 * prototype has an index key); deleting o[i] without interning a name
 * for it when none exists. */
uint64_t js_array_own_end(gh_value o, uint64_t len);
uint64_t js_array_present_end(gh_value o, uint64_t len);
void js_delete_index(gh_value *o, uint64_t i);
/* buffer.c, for fs.c: a Buffer of a copy of n bytes, and of a string in an
 * encoding (undefined: UTF-8) (both MAY COLLECT); a Buffer's bytes (false
 * if v is no Buffer); whether Buffer knows an encoding's name. */
gh_value js_buffer_from_bytes(const void *data, size_t n);
gh_value js_buffer_from_string(gh_value s, gh_value enc);
bool js_buffer_view(gh_value v, const uint8_t **data, size_t *n);
bool js_encoding_known(const char *name);
/* fs.c: libuv's code and message for an errno; node's error for a failed
 * call ("ENOENT: no such file or directory, open 'x'", path NULL: none),
 * thrown; require('fs'). */
const char *js_uv_error(int err, const char **message);
gh_value js_throw_fs_error(int err, const char *syscall, const char *path);
gh_value js_fs_module(void);
gh_value js_os_module(void); /* os.c: require('os') */
gh_value js_events_module(void);
void js_builtins_uri_init(gh_value *global); /* builtins_uri.c: encodeURI... */
void js_builtins_reflect_init(void);           /* builtins_reflect.c: Reflect */
void js_util_extras_init(gh_value *util); /* util.c: inherits, deprecate, promisify */
/* builtins_object.c, for Reflect: [[DefineOwnProperty]] from a descriptor
 * object (1; 0 refused, nothing thrown; -1 on a throw), an own property's
 * descriptor (undefined if none), the own property names (length after an
 * array's indices). */
int js_define_from_descriptor(gh_value *obj, js_atom_id a, gh_value *desc);
gh_value js_own_property_descriptor(gh_value *obj, js_atom_id a);
gh_value js_own_property_names(gh_value *obj);
/* builtins.c: *fn called (new_target NULL) or constructed with the items
 * of the array-like *list as its arguments (Function.prototype.apply,
 * Reflect.apply and construct); V8's errors for a list that is not an
 * object or longer than 100,000. */
gh_value js_call_with_list(gh_value *fn, gh_value this_arg, gh_value *new_target, gh_value *list); /* emitter.c: require('events'), EventEmitter */
/* warning.c: process.emitWarning(message, type) from C. */
gh_value js_emit_warning_typed(const char *type, const char *message);
/* event_loop.c: queue fn(...argv) for the next tick (process.nextTick). */
gh_value js_timers_next_tick(gh_value *fn, int argc, gh_value *argv);
/* warning.c: process.emitWarning on *process; a DeprecationWarning with
 * its code (buffer.c's Buffer()), emitted as process.emitWarning would. */
void js_warning_init(gh_value *process);
void js_warn_deprecated(const char *code, const char *message);
/* process.emitWarning(message) from C. */
gh_value js_emit_warning(const char *message);
/* builtins_console.c: console.log(...argv) (argv: adjacent rooted slots);
 * console_labels.c: console.count/countReset/time/timeLog/timeEnd on
 * *console, and their tables freed at exit. */
gh_value js_console_log(int argc, gh_value *argv);
void js_console_labels_init(gh_value *console);
void js_console_labels_free(void);
void js_console_table_init(gh_value *console); /* console_table.c */
/* emitter.c: node's EventEmitter methods defined on *obj (with a
 * constructor named EventEmitter when asked); the listeners of name
 * called with argc arguments (through the event loop's callback path when
 * from_loop), true if there were any -- false with the exception pending
 * if one threw (not from_loop); whether *em has listeners for name. */
void js_emitter_methods(gh_value *obj, bool with_ctor);
bool js_emit(gh_value *em, const char *name, int argc, gh_value *argv, bool from_loop);
bool js_has_listeners(gh_value *em, const char *name);
void js_builtins_array_flat_init(gh_value *proto);
void js_builtins_array_sort_init(gh_value *proto);
void js_builtins_array_copy_init(gh_value *proto);
/* Array.prototype.sort, also sorting toSorted's copy. */
gh_value js_array_sort(gh_value *this_, int argc, gh_value *argv);
/* A relative index (negative: from the end) clamped to [0, len]. */
uint64_t js_relative_index(double d, uint64_t len);

/* Object.assign's copy of one source (define: a spread's, `{...src}`):
 * src's own enumerable properties in order, set or defined on *target;
 * null, undefined and primitives other than strings give none.  *src may
 * be replaced (a string by its wrapper).  false on an exception.  MAY
 * COLLECT: both are rooted slots. */
bool js_copy_own_enumerable(gh_value *target, gh_value *src, bool define);
/* Throw Node's error of kind with a code property ("ERR_OUT_OF_RANGE"). */
gh_value js_throw_coded(js_errkind kind, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
