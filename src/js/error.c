/* error.c - error objects, stack traces in V8's format, and Node's report
 * of an uncaught exception. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

gh_value js_global_get(js_atom_id atom);

static const char *const kind_names[JE_COUNT] = {
    "Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError",
    "AggregateError",
};

/* Where the last exception was thrown: code and pc of the innermost frame. */
static js_code *throw_code;
static uint8_t *throw_pc;

js_atom_id js_error_kind_atom(js_errkind k) { return js_atom_cstr(kind_names[k]); }

bool js_position_of(js_code *code, uint8_t *pc, uint32_t *line, uint32_t *col)
{
    if (!code)
        return false;
    if (!pc) { /* a frame that overflowed the stack on entry */
        *line = code->body_line;
        *col = code->body_col;
        return true;
    }
    if (!code->npos)
        return false;
    uint32_t at = pc > code->bc ? (uint32_t)(pc - code->bc) - 1 : 0;
    uint32_t lo = 0, hi = code->npos;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (code->pos[mid].pc <= at)
            lo = mid;
        else
            hi = mid;
    }
    *line = code->pos[lo].line;
    *col = code->pos[lo].col;
    return true;
}

/* The innermost frame running JS (natives' frames have no code), or NULL. */
static const js_frame *innermost_js_frame(void)
{
    for (int i = R.nframes - 1; i >= 0; i--)
        if (R.frames[i].code)
            return &R.frames[i];
    return NULL;
}

void js_note_throw_site(void)
{
    const js_frame *f = innermost_js_frame();
    throw_code = f ? f->code : NULL;
    throw_pc = f ? f->pc : NULL;
}

static const char *ctor_name_of(gh_value v, char *buf, size_t cap)
{
    gh_value proto = js_get_proto(v);
    if (!js_is_object(proto))
        return "Object";
    uint32_t flags;
    gh_value *c = js_own_slot(js_obj(proto), A_constructor, &flags);
    if (c && js_is_callable(*c)) {
        snprintf(buf, cap, "%s", js_atom_name(js_function_name_atom(*c)));
        if (buf[0])
            return buf;
    }
    return "Object";
}

/* The key under which obj (or its prototypes) holds fn, as V8 finds a
 * method's name for a stack frame. */
static const char *method_key(gh_value obj, gh_value fn)
{
    for (int depth = 0; js_is_object(obj) && depth < 8; depth++, obj = js_get_proto(obj)) {
        js_atom_id *keys;
        size_t n = js_own_key_atoms(obj, false, &keys);
        const char *found = NULL;
        for (size_t i = 0; i < n && !found; i++)
            if (js_own_value(obj, keys[i]) == fn)
                found = js_atom_name(keys[i]);
        free(keys);
        if (found)
            return found;
    }
    return NULL;
}

/* The receiver's type as V8 names it: the constructor, or the namespace
 * objects by their tag. */
static const char *type_name(gh_value self, char *buf, size_t cap)
{
    static const char *const tagged[] = {"JSON", "Math", "console", "process"};
    for (size_t i = 0; i < sizeof tagged / sizeof *tagged; i++)
        if (self == js_global_get(js_atom_cstr(tagged[i])))
            return tagged[i];
    return ctor_name_of(self, buf, cap);
}

static void native_frame_line(js_frame *f, js_sbuf *b)
{
    char cbuf[128];
    if (f->native->nstack_lines) {
        for (int i = 0; i < f->native->nstack_lines; i++)
            sb_printf(b, "\n    at %s", f->native->stack_lines[i]);
        return;
    }
    gh_value self = f->base[1];
    if (js_is_class(self, JC_GENERATOR) && f + 1 < R.frames + R.nframes && f[1].code &&
        f[1].code->name != A_empty) { /* V8 names a generator by its function: "g.next" */
        sb_printf(b, "\n    at %s.%s (<anonymous>)", js_atom_name(f[1].code->name), f->native->name);
        return;
    }
    if (self == JS_HOLE) /* called with new */
        sb_printf(b, "\n    at new %s (<anonymous>)", f->native->name);
    else if (js_is_object(self) && self != R.global)
        sb_printf(b, "\n    at %s.%s (<anonymous>)", type_name(self, cbuf, sizeof cbuf), f->native->name);
    else
        sb_printf(b, "\n    at %s (<anonymous>)", f->native->name);
}

/* One "    at ..." line; `async`: a function waiting in an await, below a
 * resumed one (V8's async stack trace). */
static void frame_line(js_frame *f, bool bottom, bool async, js_sbuf *b)
{
    if (!f->code) {
        native_frame_line(f, b);
        return;
    }
    js_code *c = f->code;
    uint32_t line = 0, col = 0;
    js_position_of(c, f->pc, &line, &col);
    const char *file = c->source ? c->source->filename : "<anonymous>";
    const char *name = js_atom_name(c->name);
    char cbuf[128];
    sb_puts(b, async ? "\n    at async " : "\n    at ");
    if ((c->flags & CODE_PROGRAM) && strcmp(file, "[eval]") == 0) {
        sb_printf(b, "%s:%u:%u", file, line, col);
        return;
    }
    if (c->flags & CODE_PROGRAM) {
        sb_printf(b, "Object.<anonymous> (%s:%u:%u)", file, line, col);
        return;
    }
    if (f->construct) {
        sb_printf(b, "new %s (%s:%u:%u)", name[0] ? name : "<anonymous>", file, line, col);
        return;
    }
    if (bottom && R.callback_kind == 1) { /* a timer's callback */
        if (name[0])
            sb_printf(b, "Timeout.%s [as _onTimeout] (%s:%u:%u)", name, file, line, col);
        else
            sb_printf(b, "Timeout._onTimeout (%s:%u:%u)", file, line, col);
        return;
    }
    if (bottom && R.callback_kind == 2) {
        sb_printf(b, "Immediate.%s (%s:%u:%u)", name[0] ? name : "<anonymous>", file, line, col);
        return;
    }
    gh_value self = f->base[1];
    bool method = js_is_object(self) && self != R.global;
    if (method) {
        const char *key = name[0] ? NULL : method_key(self, f->base[0]);
        /* a function as the receiver (a static method) is named by its
         * own name, as V8 does for JS frames ("K.s", not "Function.s") */
        const char *own = js_is_callable(self) ? js_atom_name(js_function_name_atom(self)) : "";
        const char *tn = own[0] ? own : type_name(self, cbuf, sizeof cbuf);
        sb_printf(b, "%s.%s (%s:%u:%u)", tn, name[0] ? name : key ? key : "<anonymous>", file, line, col);
    } else if (name[0]) {
        sb_printf(b, "%s (%s:%u:%u)", name, file, line, col);
    } else {
        sb_printf(b, "%s:%u:%u", file, line, col);
    }
}

static const char *const timer_frames[] = {
    "listOnTimeout (node:internal/timers:581:17)",
    "process.processTimers (node:internal/timers:519:7)",
};
static const char *const immediate_frames[] = {"process.processImmediate (node:internal/timers:483:21)"};
static const char *const tick_frames[] = {
    "process.processTicksAndRejections (node:internal/process/task_queues:77:11)"};
static const char *const microtask_frames[] = {
    "process.processTicksAndRejections (node:internal/process/task_queues:95:5)"};

static const char *const node_frames[] = {
    "Module._compile (node:internal/modules/cjs/loader:1521:14)",
    "Module._extensions..js (node:internal/modules/cjs/loader:1623:10)",
    "Module.load (node:internal/modules/cjs/loader:1266:32)",
    "Module._load (node:internal/modules/cjs/loader:1091:12)",
    "Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)",
    "node:internal/main/run_main_module:28:49",
};

static const char *const eval_frames[] = {
    "runScriptInThisContext (node:internal/vm:209:10)",
    "node:internal/process/execution:118:14",
    "[eval]-wrapper:6:24",
    "runScript (node:internal/process/execution:101:62)",
    "evalScript (node:internal/process/execution:133:3)",
    "node:internal/main/eval_string:51:3",
};

/* The stack's first line: "Name: message". */
static void put_header(gh_value err, js_sbuf *b)
{
    gh_value name = js_get(err, A_name);
    gh_value msg = js_get(err, A_message);
    if (js_is_string(name))
        sb_put(b, js_str(name)->data, js_str(name)->len);
    else
        sb_puts(b, "Error");
    if (js_is_string(msg) && js_str(msg)->len) {
        sb_puts(b, ": ");
        sb_put(b, js_str(msg)->data, js_str(msg)->len);
    }
}

/* The frame the stack starts at: the newest, or the one below new.target's
 * constructor when super(...) runs an Error constructor. */
static int first_frame(void)
{
    if (R.error_stack_below)
        for (int i = R.nframes - 1; i > 0; i--)
            if (R.frames[i].code == R.error_stack_below)
                return i - 1;
    return R.nframes - 1;
}

/* Below an async function resumed from an await: the async functions
 * awaiting it, each at its own await, as V8 lists them. */
static void async_frames(const js_frame *resumed, js_sbuf *b, int *shown, int limit)
{
    gh_value co = resumed->locals[resumed->code->co_reg];
    while (*shown < limit && js_is_object(co = js_coroutine_awaiter(co))) {
        js_object *o = js_obj(co);
        if (!js_is_object(o->slots[CO_STACK]))
            return;
        js_object *saved = js_obj(o->slots[CO_STACK]);
        gh_value callee_this[2] = {js_array_get(saved, 0), js_array_get(saved, 1)};
        js_frame f = {0};
        f.code = js_cptr_get(js_obj(callee_this[0])->slots[0]);
        f.pc = f.code->bc + gh_to_int(o->slots[CO_PC]);
        f.base = callee_this;
        frame_line(&f, false, true, b);
        (*shown)++;
    }
}

/* Error.stackTraceLimit: how many frames a stack shows (V8's 10 unless a
 * script set it; not a number: none). */
static int stack_limit(void)
{
    static js_atom_id limit; /* pinned, so kept */
    if (!limit)
        limit = js_atom_cstr("stackTraceLimit");
    gh_value ctor = js_own_value(R.error_proto, A_constructor);
    gh_value v = js_is_object(ctor) ? js_own_value(ctor, limit) : JS_HOLE;
    if (v == JS_HOLE)
        return 10;
    if (!js_is_number(v) || !(js_num(v) > 0))
        return 0;
    return js_num(v) > 10000 ? 10000 : (int)js_num(v);
}

/* The V8 stack string: "Name: message" and up to Error.stackTraceLimit
 * frames, from frame `first` down. */
static void build_stack_from(gh_value err, int first, js_sbuf *b)
{
    put_header(err, b);
    int shown = 0, limit = stack_limit();
    bool main_bottom = false;
    for (int i = first; i >= 0 && shown < limit; i--, shown++) {
        if (!R.frames[i].code && js_native_resumes(R.frames[i].native) && i + 1 < R.nframes) {
            /* below a resumed async function: the job's runner, then the
             * async functions awaiting it */
            if (R.callback_kind == 5 && shown++ < limit)
                sb_printf(b, "\n    at %s", microtask_frames[0]);
            async_frames(&R.frames[i + 1], b, &shown, limit);
            return;
        }
        if (!R.frames[i].code && R.frames[i].native->hidden) {
            shown--;
            continue;
        }
        if (!R.frames[i].code && R.frames[i].native->nstack_lines)
            shown += R.frames[i].native->nstack_lines - 1;
        frame_line(&R.frames[i], i == 0, false, b);
        if (i == 0 && R.frames[0].code && (R.frames[0].code->flags & CODE_PROGRAM) && R.script_path &&
            R.frames[0].code->source && strcmp(R.frames[0].code->source->filename, R.script_path) == 0)
            main_bottom = true;
    }
#define APPEND(list)                                                              \
    for (size_t i = 0; i < sizeof list / sizeof *list && shown < limit; i++, shown++) \
        sb_printf(b, "\n    at %s", list[i])
    if (main_bottom)
        APPEND(node_frames);
    else if (R.callback_kind == 1)
        APPEND(timer_frames);
    else if (R.callback_kind == 2)
        APPEND(immediate_frames);
    else if (R.callback_kind == 3)
        APPEND(tick_frames);
    else if (R.callback_kind == 5)
        APPEND(microtask_frames);
    else if (R.nframes && R.frames[0].code && (R.frames[0].code->flags & CODE_PROGRAM) &&
             R.frames[0].code->source && strcmp(R.frames[0].code->source->filename, "[eval]") == 0)
        APPEND(eval_frames);
#undef APPEND
}

static void build_stack(gh_value err, js_sbuf *b) { build_stack_from(err, first_frame(), b); }

/* Error.captureStackTrace(obj[, fn]): obj.stack (hidden) as an Error made
 * where captureStackTrace was called would have it, its header from obj's
 * name and message; with fn, only the frames below fn's newest call (none
 * if fn is not on the stack), as V8 does. */
bool js_capture_stack_trace(gh_value *obj, gh_value fn)
{
    int first = R.nframes - 2; /* below captureStackTrace's own frame */
    if (js_is_callable(fn)) {
        int i = first;
        while (i >= 0 && R.frames[i].base[0] != fn)
            i--;
        first = i - 1; /* -1 when fn is not on the stack: no frames */
    }
    js_sbuf b = {0};
    build_stack_from(*obj, first, &b);
    gh_value *s = js_root(js_string_new(b.data, b.len));
    sb_free(&b);
    return js_define(obj, A_stack, s, PF_HIDDEN);
}

/* Where an error is made: the innermost JS frame's code and pc, kept in
 * the error for the report of a promise it rejects (js_report_uncaught_error). */
static void note_site(gh_value err)
{
    const js_frame *f = innermost_js_frame();
    if (f) {
        js_object *o = js_obj(err);
        o->slots[0] = js_cptr(f->code);
        o->slots[1] = gh_from_int(f->pc ? f->pc - f->code->bc : -1);
    }
}

void js_error_capture_stack(gh_value *err)
{
    note_site(*err);
    js_sbuf b = {0};
    build_stack(*err, &b);
    /* past the string limit (a message of 2^29 characters): cut at a
     * character boundary, where node's lazy .stack would throw */
    if (b.len > JS_MAX_STRING_LENGTH) {
        b.len = JS_MAX_STRING_LENGTH;
        while ((b.data[b.len] & 0xC0) == 0x80)
            b.len--;
    }
    gh_value *s = js_root(js_string_new(b.data, b.len));
    sb_free(&b);
    js_define(err, A_stack, s, PF_HIDDEN);
}

/* Where the frames start in a stack string: its first "\n    at ". */
static size_t header_length(const char *text, size_t len)
{
    static const char at[] = "\n    at ";
    for (size_t i = 0; i + sizeof at - 1 <= len; i++)
        if (memcmp(text + i, at, sizeof at - 1) == 0)
            return i;
    return len;
}

/* A stack's lines from `from` on: their starts and lengths (at most max). */
static size_t split_lines(const char *s, size_t len, const char **at, size_t *n, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i <= len && count < max;) {
        size_t j = i;
        while (j < len && s[j] != '\n')
            j++;
        at[count] = s + i;
        n[count++] = j - i;
        i = j + 1;
    }
    return count;
}

static bool same_line(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && memcmp(a, b, na) == 0;
}

#define MAX_FRAMES 64

void js_stack_less_cause(const char *stack, size_t len, const char *cause, size_t clen, js_sbuf *out)
{
    const char *a[MAX_FRAMES], *b[MAX_FRAMES];
    size_t na[MAX_FRAMES], nb[MAX_FRAMES];
    size_t head = header_length(stack, len), chead = header_length(cause, clen), lines = 0;
    for (size_t i = head; i < len; i++)
        lines += stack[i] == '\n';
    if (head == len || chead == clen || lines >= MAX_FRAMES) {
        sb_put(out, stack, len);
        return;
    }
    size_t m = split_lines(stack + head + 1, len - head - 1, a, na, MAX_FRAMES);
    size_t k = split_lines(cause + chead + 1, clen - chead - 1, b, nb, MAX_FRAMES);
    /* node's rule: the first run of more than three lines that the
     * cause's frames repeat, found from the error's first frames on */
    size_t run = 0, offset = 0;
    for (size_t i = 0; i + 3 < m && !run; i++) {
        size_t pos = 0;
        while (pos < k && !same_line(a[i], na[i], b[pos], nb[pos]))
            pos++;
        if (pos == k || k - pos <= 3)
            continue;
        size_t n = 1, most = m - i < k - pos ? m - i : k - pos;
        while (n < most && same_line(a[i + n], na[i + n], b[pos + n], nb[pos + n]))
            n++;
        if (n > 3) {
            run = n;
            offset = i;
        }
    }
    sb_put(out, stack, head);
    for (size_t i = 0; i < m; i++) {
        if (run && i == offset + 1) {
            sb_printf(out, "\n    ... %zu lines matching cause stack trace ...", run - 2);
            i += run - 3;
            continue;
        }
        sb_putc(out, '\n');
        sb_put(out, a[i], na[i]);
    }
}

void js_error_restack(gh_value *err)
{
    JS_SCOPE_OPEN(sc);
    js_sbuf b = {0};
    put_header(*err, &b);
    gh_value stack = js_own_value(*err, A_stack);
    if (js_is_string(stack)) {
        const js_string *old = js_str(stack);
        size_t head = header_length(old->data, old->len);
        if (b.len != head || memcmp(b.data, old->data, head) != 0) {
            sb_put(&b, old->data + head, old->len - head);
            gh_value *s = js_root(js_string_new(b.data, b.len));
            if (*s != JS_EXCEPTION)
                js_define(err, A_stack, s, PF_HIDDEN);
        }
    }
    sb_free(&b);
    JS_SCOPE_CLOSE(sc);
}

gh_value js_error_new(js_errkind kind, const char *msg)
{
    JS_SCOPE_OPEN(sc);
    gh_value *e = js_root(js_object_new_shape(js_shape_root(R.error_protos[kind], JC_ERROR, 2)));
    js_obj(*e)->slots[0] = js_obj(*e)->slots[1] = JS_UNDEFINED;
    gh_value *m = js_root(js_string_cstr(msg));
    js_define(e, A_message, m, PF_HIDDEN);
    js_error_capture_stack(e);
    gh_value r = *e;
    JS_SCOPE_CLOSE(sc);
    return r;
}

bool js_is_error_instance(gh_value v)
{
    if (!js_is_object(v))
        return false;
    for (gh_value p = js_obj(v)->proto; js_is_object(p); p = js_obj(p)->proto)
        if (p == R.error_proto)
            return true;
    return false;
}

gh_value js_throw(gh_value exc)
{
    R.exception = exc;
    R.has_exception = true;
    return JS_EXCEPTION;
}

gh_value js_throw_error(js_errkind kind, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_note_throw_site();
    return js_throw(js_error_new(kind, msg));
}

/* The source line `line` (1-based) of a source text. */
static void source_line(js_source *src, uint32_t line, js_sbuf *out)
{
    const char *p = src->text, *end = src->text + src->len;
    for (uint32_t l = 1; l < line && p < end; p++)
        if (*p == '\n')
            l++;
    const char *e = p;
    while (e < end && *e != '\n')
        e++;
    if (e > p && e[-1] == '\r')
        e--;
    sb_put(out, p, (size_t)(e - p));
}

void js_inspect_error_for_uncaught(gh_value exc, js_sbuf *out);

static void report_uncaught_at(gh_value exc, js_code *code, uint8_t *pc)
{
    js_sbuf b = {0};
    uint32_t line, col;
    if (code && code->source && js_position_of(code, pc, &line, &col)) {
        sb_printf(&b, "%s:%u\n", code->source->filename, line);
        source_line(code->source, line, &b);
        sb_putc(&b, '\n');
        for (uint32_t i = 1; i < col; i++)
            sb_putc(&b, ' ');
        sb_puts(&b, js_is_class(exc, JC_ERROR) ? "^\n\n" : "^\n");
    }
    js_inspect_error_for_uncaught(exc, &b);
    sb_printf(&b, "\n\nNode.js v20.20.2\n");
    if (js_is_object(exc) && !js_is_class(exc, JC_ERROR)) {
        /* Node prints a thrown non-error object after a blank line */
        fflush(stdout);
        fputc('\n', stderr);
    }
    fflush(stdout);
    fputs(sb_cstr(&b), stderr);
    sb_free(&b);
}

void js_report_uncaught(gh_value exc) { report_uncaught_at(exc, throw_code, throw_pc); }

void js_report_uncaught_error(gh_value err)
{
    js_object *o = js_obj(err);
    js_code *code = o->slots[0] != JS_UNDEFINED ? js_cptr_get(o->slots[0]) : NULL;
    int64_t at = code ? gh_to_int(o->slots[1]) : -1;
    report_uncaught_at(err, code, at >= 0 ? code->bc + at : NULL);
}
