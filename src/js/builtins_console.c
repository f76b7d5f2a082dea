/* builtins_console.c - console.log/info/warn/error/debug/dir/assert and
 * groups, and util.format's rules: printf-style directives in a first
 * string argument, the other arguments joined with spaces (strings raw, the
 * rest inspected).  console.count and console.time are in console_labels.c,
 * console.table in console_table.c.
 *
 * Everything console writes goes through console_write, which indents each
 * line by two spaces per open console.group, as node does (writes to
 * process.stdout are not indented). */
#include "builtins.h"

static size_t group_indent; /* spaces before each line console writes */

static bool has_own_to_string(gh_value v)
{
    /* an object whose toString is not Object.prototype's or Error's */
    for (gh_value p = v; js_is_object(p); p = js_get_proto(p)) {
        gh_value *ts = js_own_slot(js_obj(p), A_toString, NULL);
        if (ts)
            return p != R.object_proto && p != R.error_proto && p != R.array_proto;
    }
    return false;
}

/* JSON.stringify's error for a cycle, which %j prints as "[Circular]" (as
 * Node's tryStringify does; any other error is thrown). */
static bool is_circular_error(gh_value e)
{
    gh_value name = js_is_class(e, JC_ERROR) ? js_get(e, A_name) : JS_UNDEFINED;
    if (!js_is_string(name) || strcmp(js_str(name)->data, "TypeError") != 0)
        return false;
    /* Node compares the message's first line with V8's, exactly */
    gh_value m = js_get(e, A_message);
    static const char line[] = "Converting circular structure to JSON";
    size_t n = sizeof line - 1;
    return js_is_string(m) && js_str(m)->len >= n && memcmp(js_str(m)->data, line, n) == 0 &&
           (js_str(m)->len == n || js_str(m)->data[n] == '\n');
}

void js_format_log(int argc, gh_value *argv, js_sbuf *out)
{
    js_inspect_opts plain = JS_INSPECT_OPTS(2, false);
    int a = 0;
    if (argc > 0 && js_is_string(argv[0])) {
        a = 1;
        if (argc == 1) {
            sb_put(out, js_str(argv[0])->data, js_str(argv[0])->len);
        } else {
            /* a copy: converting the arguments may allocate and move the
             * format string (compaction moves old strings too) */
            js_sbuf fb = {0};
            sb_put(&fb, js_str(argv[0])->data, js_str(argv[0])->len);
            struct { const char *data; size_t len; } fmt = {sb_cstr(&fb), fb.len}, *f = &fmt;
            size_t last = 0;
            for (size_t i = 0; i + 1 < f->len; i++) {
                if (f->data[i] != '%')
                    continue;
                char d = f->data[i + 1];
                if (d == '%') {
                    sb_put(out, f->data + last, i - last);
                    sb_putc(out, '%');
                    last = i + 2;
                    i++;
                    continue;
                }
                if (!strchr("sdifjoOc", d) || a >= argc)
                    continue;
                sb_put(out, f->data + last, i - last);
                gh_value v = argv[a++];
                js_sbuf tmp = {0};
                switch (d) {
                case 's':
                    if (js_is_string(v)) {
                        sb_put(&tmp, js_str(v)->data, js_str(v)->len);
                    } else if (js_is_object(v) && !js_is_callable(v) && !has_own_to_string(v)) {
                        js_inspect_opts o = JS_INSPECT_OPTS(0, false);
                        js_inspect(v, &o, &tmp);
                    } else if (js_is_number(v)) {
                        js_inspect(v, &plain, &tmp);
                    } else {
                        js_to_cstring(v, &tmp);
                    }
                    break;
                case 'd':
                case 'i':
                case 'f': {
                    double x;
                    if (d == 'd') { /* Number(v): an object's valueOf runs */
                        x = js_to_number(v);
                    } else {
                        js_sbuf s = {0};
                        js_to_cstring(v, &s);
                        const char *p = sb_cstr(&s);
                        x = d == 'i' ? js_parse_int(p, 0) : js_parse_float(p);
                        sb_free(&s);
                    }
                    js_inspect(js_number(x), &plain, &tmp);
                    break;
                }
                case 'j': {
                    bool undef;
                    if (!js_json_stringify(v, JS_UNDEFINED, "", &tmp, &undef)) {
                        if (!is_circular_error(R.exception))
                            break; /* a toJSON that threw: format throws it */
                        R.has_exception = false;
                        sb_free(&tmp);
                        sb_puts(&tmp, "[Circular]");
                    } else if (undef) {
                        sb_puts(&tmp, "undefined");
                    }
                    break;
                }
                case 'o': {
                    js_inspect_opts o = JS_INSPECT_OPTS(4, true);
                    js_inspect(v, &o, &tmp);
                    break;
                }
                case 'O':
                    js_inspect(v, &plain, &tmp);
                    break;
                default:
                    break;
                }
                if (R.has_exception) { /* a valueOf or toString threw */
                    sb_free(&tmp);
                    sb_free(&fb);
                    return;
                }
                sb_put(out, tmp.data ? tmp.data : "", tmp.len);
                sb_free(&tmp);
                last = i + 2;
                i++;
            }
            sb_put(out, f->data + last, f->len - last);
            sb_free(&fb);
        }
    }
    for (; a < argc; a++) {
        if (a > 0)
            sb_putc(out, ' ');
        if (js_is_string(argv[a]))
            sb_put(out, js_str(argv[a])->data, js_str(argv[a])->len);
        else
            js_inspect(argv[a], &plain, out);
    }
}

/* Write text (len bytes) and a newline to f, indented for the open groups. */
static void console_write(FILE *f, const char *text, size_t len)
{
    if (f == stderr)
        fflush(stdout);
    if (!group_indent) { /* the common case: no copy */
        js_fwrite_text(f, text, len);
        js_fwrite_text(f, "\n", 1);
        js_note_stream_write();
        return;
    }
    js_sbuf b = {0};
    for (size_t i = 0, start = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        for (size_t k = 0; k < group_indent; k++)
            sb_putc(&b, ' ');
        sb_put(&b, text + start, i - start);
        sb_putc(&b, '\n');
        start = i + 1;
    }
    js_fwrite_text(f, b.data, b.len);
    js_note_stream_write();
    sb_free(&b);
}

static gh_value log_to(FILE *f, int argc, gh_value *argv)
{
    js_sbuf b = {0};
    js_format_log(argc, argv, &b);
    if (R.has_exception) { /* as node: nothing is printed */
        sb_free(&b);
        return JS_EXCEPTION;
    }
    console_write(f, b.data ? b.data : "", b.len);
    sb_free(&b);
    if (R.has_exception)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

gh_value js_console_log(int argc, gh_value *argv) { return log_to(stdout, argc, argv); }

NATIVE(console_log) { (void)this_; return log_to(stdout, argc, argv); }
NATIVE(console_error) { (void)this_; return log_to(stderr, argc, argv); }

NATIVE(util_format)
{
    (void)this_;
    js_sbuf b = {0};
    js_format_log(argc, argv, &b);
    gh_value r = R.has_exception ? JS_EXCEPTION : js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

/* A numeric option as js_inspect_opts holds it: Infinity (and, where node
 * allows it, null or NaN) unlimited, else rounded down, as node's
 * comparisons with whole counts round it. */
static int inspect_count(gh_value v, int fallback, bool null_unlimited)
{
    if (v == JSV_NULL && null_unlimited)
        return JS_INSPECT_UNLIMITED;
    if (!js_is_number(v))
        return fallback;
    double x = js_num(v);
    if (x != x)
        return null_unlimited ? JS_INSPECT_UNLIMITED : fallback;
    if (x >= 1e9)
        return JS_INSPECT_UNLIMITED;
    return x <= -1e9 ? -1000000000 : (int)floor(x);
}

/* util.inspect's options (depth, showHidden, breakLength, maxArrayLength)
 * from an options object. */
static js_inspect_opts inspect_options(gh_value options)
{
    js_inspect_opts o = JS_INSPECT_OPTS(2, false);
    if (!js_is_object(options))
        return o;
    o.depth = inspect_count(js_get(options, js_atom_cstr("depth")), o.depth, true);
    o.show_hidden = js_truthy(js_get(options, js_atom_cstr("showHidden")));
    o.break_length =
        inspect_count(js_get(options, js_atom_cstr("breakLength")), o.break_length, false);
    o.max_array_length =
        inspect_count(js_get(options, js_atom_cstr("maxArrayLength")), o.max_array_length, true);
    return o;
}

NATIVE(util_inspect)
{
    (void)this_;
    js_inspect_opts o = inspect_options(ARG(1));
    js_sbuf b = {0};
    js_inspect(ARG(0), &o, &b);
    gh_value r = js_string_new(sb_cstr(&b), b.len);
    sb_free(&b);
    return r;
}

/* console.dir(obj, options): util.inspect's form, even of a string. */
NATIVE(console_dir)
{
    (void)this_;
    js_inspect_opts o = inspect_options(ARG(1));
    js_sbuf b = {0};
    js_inspect(ARG(0), &o, &b);
    console_write(stdout, sb_cstr(&b), b.len);
    sb_free(&b);
    return JS_UNDEFINED;
}

/* console.assert(value, ...message): nothing when value is truthy, else
 * "Assertion failed" or "Assertion failed: " + String(message[0]), the
 * rest formatted after it, to stderr. */
NATIVE(console_assert)
{
    (void)this_;
    if (js_truthy(ARG(0)))
        return JS_UNDEFINED;
    js_sbuf head = {0};
    sb_puts(&head, "Assertion failed");
    if (argc > 1) {
        sb_puts(&head, ": ");
        if (!js_to_cstring(argv[1], &head)) {
            sb_free(&head);
            return JS_EXCEPTION;
        }
    }
    gh_value msg = js_string_new(sb_cstr(&head), head.len);
    sb_free(&head);
    if (argc > 1) { /* the message takes the first message argument's place */
        argv[1] = msg;
        return log_to(stderr, argc - 1, argv + 1);
    }
    gh_value *only = js_tmp_push(msg);
    gh_value r = log_to(stderr, 1, only);
    js_tmp_pop(1);
    return r;
}

/* console.trace(...message): "Trace: <message>" and the stack from the
 * caller down, to stderr -- as node makes it, Error.captureStackTrace on
 * an object named Trace with the formatted message. */
NATIVE(console_trace)
{
    (void)this_;
    js_sbuf msg = {0};
    js_format_log(argc, argv, &msg);
    if (R.has_exception) {
        sb_free(&msg);
        return JS_EXCEPTION;
    }
    gh_value *trace = js_root(js_object_new());
    js_put_str(trace, "name", "Trace");
    js_put(trace, "message", js_string_new(msg.data ? msg.data : "", msg.len));
    sb_free(&msg);
    if (!js_capture_stack_trace(trace, JS_UNDEFINED))
        return JS_EXCEPTION;
    gh_value stack = js_get(*trace, A_stack);
    if (js_is_string(stack))
        console_write(stderr, js_str(stack)->data, js_str(stack)->len);
    return JS_UNDEFINED;
}

NATIVE(console_group)
{
    (void)this_;
    if (argc > 0 && log_to(stdout, argc, argv) == JS_EXCEPTION)
        return JS_EXCEPTION;
    group_indent += 2;
    return JS_UNDEFINED;
}

NATIVE(console_group_end)
{
    UNUSED_ARGS;
    group_indent = group_indent >= 2 ? group_indent - 2 : 0;
    return JS_UNDEFINED;
}

gh_value js_util_module(void);
gh_value js_util_module(void)
{
    gh_value *u = js_root(js_object_new());
    js_make_native(u, "format", util_format, 1);
    js_make_native(u, "inspect", util_inspect, 2);
    js_util_extras_init(u);
    return *u;
}

void js_builtins_console_init(void)
{
    JS_SCOPE_OPEN(sc);
    gh_value *c = js_root(js_object_new());
    js_make_native(c, "log", console_log, 0);
    js_make_native(c, "info", console_log, 0);
    js_make_native(c, "debug", console_log, 0);
    js_make_native(c, "error", console_error, 0);
    js_make_native(c, "warn", console_error, 0);
    js_make_native(c, "trace", console_trace, 0);
    js_make_native(c, "dir", console_dir, 0);
    js_make_native(c, "assert", console_assert, 0);
    js_make_native(c, "group", console_group, 0);
    js_make_native(c, "groupCollapsed", console_group, 0);
    js_make_native(c, "groupEnd", console_group_end, 0);
    js_console_labels_init(c);
    js_console_table_init(c);
    js_set_global("console", *c);
    JS_SCOPE_CLOSE(sc);
}
