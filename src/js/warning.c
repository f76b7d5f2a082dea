/* warning.c - process warnings as node 20 gives them: process.emitWarning
 * makes an Error of the warning (its name the warning's type, with code and
 * detail when given) and, on the next tick, node's default listener prints
 *
 *     (node:PID) [CODE] Name: message
 *     detail
 *
 * to stderr before the process's 'warning' listeners see it.  The first
 * warning printed also gets node's hint about --trace-warnings (or
 * --trace-deprecation).  --no-warnings stops the printing, --no-deprecation
 * drops DeprecationWarnings altogether; the Buffer() deprecation
 * (buffer.c) goes the same way. */
#include <unistd.h>

#include "builtins.h"

static bool hint_shown;

/* Print one warning as node's default listener does. */
static void print_warning(const char *code, const char *text, const char *detail, bool deprecation)
{
    if (R.no_warnings)
        return;
    js_sbuf b = {0};
    sb_printf(&b, "(node:%d) ", (int)getpid());
    if (code && *code)
        sb_printf(&b, "[%s] ", code);
    sb_puts(&b, text);
    if (detail)
        sb_printf(&b, "\n%s", detail);
    if (!hint_shown) {
        sb_printf(&b, "\n(Use `node %s ...` to show where the warning was created)",
                  deprecation ? "--trace-deprecation" : "--trace-warnings");
        hint_shown = true;
    }
    sb_putc(&b, '\n');
    fflush(stdout);
    js_fwrite_text(stderr, b.data, b.len);
    sb_free(&b);
}

/* A string property of w as a C string into out ("" when it is not a
 * string); false if reading it threw. */
static bool string_prop(gh_value w, const char *name, js_sbuf *out, bool *present)
{
    gh_value v = js_get(w, js_atom_cstr(name));
    if (v == JS_EXCEPTION)
        return false;
    *present = js_is_string(v);
    if (*present)
        sb_put(out, js_str(v)->data, js_str(v)->len);
    sb_cstr(out);
    return true;
}

/* The default listener: `${warning.code}` when truthy, then
 * warning.toString() and a string detail. */
static bool print_warning_object(gh_value *w)
{
    JS_SCOPE_OPEN(sc);
    js_sbuf code = {0}, text = {0}, detail = {0}, name = {0};
    bool ok = false, has_detail, has_name;
    gh_value *c = js_root(js_get(*w, js_atom_cstr("code")));
    if (*c == JS_EXCEPTION || (js_truthy(*c) && !js_to_cstring(*c, &code)))
        goto out;
    gh_value *s = js_root(js_call_method(*w, A_toString, 0, NULL));
    if (*s == JS_EXCEPTION || !js_to_cstring(*s, &text))
        goto out;
    if (!string_prop(*w, "detail", &detail, &has_detail) ||
        !string_prop(*w, "name", &name, &has_name))
        goto out;
    ok = true;
    bool deprecation = has_name && strcmp(name.data, "DeprecationWarning") == 0;
    if (!(deprecation && R.no_deprecation))
        print_warning(sb_cstr(&code), sb_cstr(&text), has_detail ? detail.data : NULL,
                      deprecation);
out:
    sb_free(&code);
    sb_free(&text);
    sb_free(&detail);
    sb_free(&name);
    JS_SCOPE_CLOSE(sc);
    return ok;
}

/* The next tick's half: print, then emit 'warning' on process. */
NATIVE(warning_tick)
{
    (void)this_;
    gh_value *w = js_root(js_arg(argc, argv, 0));
    if (!print_warning_object(w))
        return JS_EXCEPTION;
    gh_value *p = js_root(js_global_get(js_atom_cstr("process")));
    if (!js_emit(p, "warning", 1, w, false))
        return R.has_exception ? JS_EXCEPTION : JS_UNDEFINED;
    return JS_UNDEFINED;
}

static const js_native_info warning_tick_info = {.fn = warning_tick, .name = "", .length = 1};

/* Queue warning (an Error) for the next tick: printed, then emitted. */
static gh_value queue_warning(gh_value *w)
{
    gh_value *fn = js_root(js_native_new(&warning_tick_info));
    return js_timers_next_tick(fn, 1, w);
}

/* What process.emitWarning's (type, code) arguments say: an options
 * object {type, code, detail} instead of the type, or the type and code
 * as strings.  False with a TypeError pending for a type or code that is
 * not a string. */
static bool warning_options(gh_value *type, gh_value *code, gh_value *detail)
{
    if (js_is_object(*type) && !js_is_callable(*type) && !js_is_array(*type)) {
        gh_value *o = js_root(*type);
        *code = js_get(*o, js_atom_cstr("code"));
        gh_value d = *code == JS_EXCEPTION ? JS_EXCEPTION : js_get(*o, js_atom_cstr("detail"));
        if (d == JS_EXCEPTION)
            return false;
        *detail = js_is_string(d) ? d : JS_UNDEFINED;
        gh_value t = js_get(*o, js_atom_cstr("type"));
        if (t == JS_EXCEPTION)
            return false;
        *type = js_truthy(t) ? t : js_string_cstr("Warning");
    } else if (js_is_callable(*type)) { /* a constructor for the stack: ignored */
        *type = js_string_cstr("Warning");
        *code = JS_UNDEFINED;
    }
    if (*type != JS_UNDEFINED && !js_is_string(*type)) {
        js_throw_arg_type("The \"type\" argument must be of type string", *type);
        return false;
    }
    if (js_is_callable(*code)) {
        *code = JS_UNDEFINED;
    } else if (*code != JS_UNDEFINED && !js_is_string(*code)) {
        js_throw_arg_type("The \"code\" argument must be of type string", *code);
        return false;
    }
    return true;
}

/* new Error(message), named by type, with code and detail. */
static gh_value warning_object(gh_value message, gh_value *type, gh_value *code, gh_value *detail)
{
    js_sbuf m = {0};
    sb_put(&m, js_str(message)->data, js_str(message)->len);
    gh_value *w = js_root(js_error_new(JE_ERROR, sb_cstr(&m)));
    sb_free(&m);
    gh_value *name = js_root(js_is_string(*type) && js_str(*type)->len ? *type
                                                                         : js_string_cstr("Warning"));
    js_define(w, A_name, name, 0);
    if (*code != JS_UNDEFINED)
        js_define(w, js_atom_cstr("code"), code, 0);
    if (*detail != JS_UNDEFINED)
        js_define(w, js_atom_cstr("detail"), detail, 0);
    return *w;
}

NATIVE(process_emit_warning)
{
    (void)this_;
    JS_SCOPE_OPEN(sc);
    gh_value *type = js_root(js_arg(argc, argv, 1)), *code = js_root(js_arg(argc, argv, 2));
    gh_value *detail = js_root(JS_UNDEFINED), *w = js_root(js_arg(argc, argv, 0));
    gh_value r = JS_EXCEPTION;
    if (!warning_options(type, code, detail))
        goto out;
    if (js_is_string(*w)) {
        *w = warning_object(*w, type, code, detail);
    } else if (!js_is_error_instance(*w)) {
        js_throw_arg_type("The \"warning\" argument must be of type string or an instance of Error",
                          *w);
        goto out;
    }
    r = queue_warning(w);
out:
    JS_SCOPE_CLOSE(sc);
    return r;
}

/* A warning of the given type (and code) with message, queued. */
static gh_value emit_typed(const char *type, const char *code, const char *message)
{
    JS_SCOPE_OPEN(sc);
    gh_value *t = js_root(js_string_cstr(type));
    gh_value *c = js_root(code ? js_string_cstr(code) : JS_UNDEFINED);
    gh_value *none = js_root(JS_UNDEFINED);
    gh_value *m = js_root(js_string_cstr(message));
    gh_value *w = js_root(warning_object(*m, t, c, none));
    gh_value r = queue_warning(w);
    JS_SCOPE_CLOSE(sc);
    return r;
}

gh_value js_emit_warning(const char *message) { return emit_typed("Warning", NULL, message); }

gh_value js_emit_warning_typed(const char *type, const char *message)
{
    return emit_typed(type, NULL, message);
}

void js_warn_deprecated(const char *code, const char *message)
{
    if (!R.no_deprecation)
        emit_typed("DeprecationWarning", code, message);
}

void js_warning_init(gh_value *process)
{
    js_make_native(process, "emitWarning", process_emit_warning, 1);
}
