/* parser.c - parser driver: tokens, errors, allocation, scratch lists, API. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser_int.h"

/* ---- tokens ------------------------------------------------------------------ */

js_pos jp_tok_pos(const js_parser *p)
{
    js_pos pos = {p->lx.tok.line, p->lx.tok.col, p->lx.tok.start};
    return pos;
}

void jp_next(js_parser *p)
{
    p->prev_end = p->lx.tok.end;
    js_lex_next(&p->lx);
}

bool jp_accept(js_parser *p, js_tok t)
{
    if (!jp_is(p, t))
        return false;
    jp_next(p);
    return true;
}

void jp_expect(js_parser *p, js_tok t)
{
    if (!jp_is(p, t))
        jp_unexpected(p);
    jp_next(p);
}

/* Automatic semicolon insertion (ES 12.10.1): a missing `;` is fine before
 * `}`, at the end of input, or when a line break precedes the token. */
void jp_consume_semicolon(js_parser *p)
{
    if (jp_accept(p, JS_T_SEMI))
        return;
    if (jp_is(p, JS_T_RBRACE) || jp_is(p, JS_T_EOF) || p->lx.tok.nl_before)
        return;
    jp_unexpected(p);
}

bool jp_is_identifier_name(js_tok t)
{
    return t == JS_T_IDENT || (t >= JS_T_FIRST_KEYWORD && t <= JS_T_LAST_KEYWORD);
}

/* ---- errors ------------------------------------------------------------------ */

void jp_fail(js_parser *p, const char *fmt, ...)
{
    char msg[sizeof p->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_lex_fail(&p->lx, "%s", msg);
}

void jp_fail_at(js_parser *p, js_pos pos, uint32_t length, const char *fmt, ...)
{
    char msg[sizeof p->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_lex_fail_at(&p->lx, pos.offset, pos.line, pos.column, length, "%s", msg);
}

uint32_t jp_span_from(const js_parser *p, js_pos start)
{
    uint32_t n = 0;
    const char *s = p->lx.src + start.offset;
    while (start.offset + n < p->prev_end && s[n] != '\n' && s[n] != '\r')
        n++;
    return js_utf8_width(s, n);
}

int jp_name_len(const js_atom *a)
{
    return a->len > 100 ? 100 : (int)a->len;
}

/* Messages follow V8's where there is one, so that ghjs prints what Node prints. */
void jp_unexpected(js_parser *p)
{
    const js_token *t = &p->lx.tok;
    switch (t->type) {
    case JS_T_EOF:
        jp_fail(p, "Unexpected end of input");
    case JS_T_IDENT:
    case JS_T_PRIVATE:
        jp_fail(p, "Unexpected identifier '%.*s'", jp_name_len(t->atom), t->atom->ptr);
    case JS_T_NUMBER:
        jp_fail(p, "Unexpected number");
    case JS_T_STRING:
        jp_fail(p, "Unexpected string");
    case JS_T_TEMPLATE:
    case JS_T_TEMPLATE_HEAD:
    case JS_T_TEMPLATE_MIDDLE:
    case JS_T_TEMPLATE_TAIL:
        jp_fail(p, "Unexpected template string");
    case JS_T_ENUM:
        jp_fail(p, "Unexpected reserved word");
    case JS_T_ELLIPSIS:
        jp_fail(p, "spread and rest syntax are not supported");
    case JS_T_OPTCHAIN:
        jp_fail(p, "optional chaining is not supported");
    case JS_T_AND_ASSIGN:
    case JS_T_OR_ASSIGN:
    case JS_T_NULLISH_ASSIGN:
        jp_fail(p, "logical assignment operators are not supported");
    default:
        jp_fail(p, "Unexpected token '%.*s'", (int)(t->end - t->start), p->lx.src + t->start);
    }
}

void jp_enter(js_parser *p)
{
    if (++p->depth > p->max_depth)
        jp_fail(p, "too deeply nested");
}

/* ---- allocation ------------------------------------------------------------ */

void *jp_alloc(js_parser *p, size_t size)
{
    void *m = js_arena_alloc(p->arena, size);
    if (!m)
        js_lex_out_of_memory(&p->lx);
    return m;
}

js_node *jp_node(js_parser *p, js_node_kind kind, js_pos pos)
{
    js_node *n = jp_alloc(p, sizeof *n);
    n->kind = kind;
    n->pos = pos;
    return n;
}

js_function *jp_function(js_parser *p)
{
    return jp_alloc(p, sizeof(js_function));
}

void jp_vec_push(js_parser *p, jp_vec *v, const void *elem)
{
    if (v->len == v->cap) {
        uint32_t ncap = v->cap ? v->cap * 2 : 64;
        if (v->cap > UINT32_MAX / 2)
            js_lex_out_of_memory(&p->lx);
        char *nd = realloc(v->data, (size_t)ncap * v->elem);
        if (!nd)
            js_lex_out_of_memory(&p->lx);
        v->data = nd;
        v->cap = ncap;
    }
    memcpy(v->data + (size_t)v->len * v->elem, elem, v->elem);
    v->len++;
}

void jp_push_node(js_parser *p, js_node *n)
{
    jp_vec_push(p, &p->nodes, &n);
}

void *jp_take(js_parser *p, jp_vec *v, uint32_t base, uint32_t *count)
{
    uint32_t n = v->len - base;
    *count = n;
    if (n == 0)
        return NULL;
    void *m = jp_alloc(p, (size_t)n * v->elem);
    memcpy(m, v->data + (size_t)base * v->elem, (size_t)n * v->elem);
    v->len = base;
    return m;
}

js_node_list jp_take_nodes(js_parser *p, uint32_t base)
{
    js_node_list l;
    l.items = jp_take(p, &p->nodes, base, &l.count);
    return l;
}

/* ---- API --------------------------------------------------------------------- */

static const js_atom *atom(js_parser *p, const char *s)
{
    const js_atom *a = js_intern(&p->intern, s, strlen(s));
    if (!a)
        js_lex_out_of_memory(&p->lx);
    return a;
}

static void init_atoms(js_parser *p)
{
    p->a_let = atom(p, "let");
    p->a_of = atom(p, "of");
    p->a_async = atom(p, "async");
    p->a_await = atom(p, "await");
    p->a_get = atom(p, "get");
    p->a_set = atom(p, "set");
    p->a_arguments = atom(p, "arguments");
    p->a_eval = atom(p, "eval");
    p->a_proto = atom(p, "__proto__");
    p->a_use_strict = atom(p, "use strict");
    p->a_static = atom(p, "static");
    p->a_yield = atom(p, "yield");
    p->a_implements = atom(p, "implements");
    p->a_interface = atom(p, "interface");
    p->a_package = atom(p, "package");
    p->a_private = atom(p, "private");
    p->a_protected = atom(p, "protected");
    p->a_public = atom(p, "public");
}

static void init_vecs(js_parser *p)
{
    p->nodes.elem = sizeof(js_node *);
    p->atoms.elem = sizeof(const js_atom *);
    p->vars.elem = sizeof(const js_atom *);
    p->funcs.elem = sizeof(js_node *);
    p->decls.elem = sizeof(js_decl);
    p->targets.elem = sizeof(jp_target);
}

static void free_parser(js_parser *p)
{
    js_lex_fini(&p->lx);
    js_intern_fini(&p->intern);
    free(p->nodes.data);
    free(p->atoms.data);
    free(p->vars.data);
    free(p->funcs.data);
    free(p->decls.data);
    free(p->targets.data);
    jp_names_free(p);
}

static void set_memory_error(js_parse_result *r)
{
    memset(&r->error, 0, sizeof r->error);
    r->error.kind = JS_ERROR_MEMORY;
    snprintf(r->error.message, sizeof r->error.message, "out of memory");
    r->error.line = r->error.column = r->error.length = 1;
}

/* The parser state is large and must survive longjmp, so it lives on the heap
 * and is reached through a pointer that is not modified after setjmp. */
static void run_parser(js_parser *p, js_parse_result *r, const char *src, size_t len)
{
    if (setjmp(p->jmp) != 0) {
        r->ok = false;
        r->program = NULL;
        return;
    }
    js_lex_init(&p->lx, src, (uint32_t)len, &p->intern, &r->error, &p->jmp);
    init_atoms(p);
    r->program = jp_parse_program(p);
    r->ok = true;
}

js_parse_result js_parse_ex(const char *source, size_t length, const char *filename,
                            const js_parse_options *options)
{
    static const js_parse_options defaults = {0};
    js_parse_result r;
    memset(&r, 0, sizeof r);
    if (!filename)
        filename = "<input>";
    r.filename = malloc(strlen(filename) + 1);
    r.arena = js_arena_new();
    js_parser *p = calloc(1, sizeof *p);
    if (!r.filename || !r.arena || !p || js_intern_init(&p->intern, r.arena) != 0) {
        free(p ? p->intern.slots : NULL);
        free(p);
        set_memory_error(&r);
        r.error.filename = "<input>";
        return r;
    }
    strcpy(r.filename, filename);
    r.error.filename = r.filename;
    if (length >= UINT32_MAX) {
        r.error.kind = JS_ERROR_SYNTAX;
        snprintf(r.error.message, sizeof r.error.message, "source too large");
        r.error.line = r.error.column = r.error.length = 1;
        free_parser(p);
        free(p);
        return r;
    }
    p->arena = r.arena;
    p->err = &r.error;
    p->opt = options ? options : &defaults;
    p->max_depth = p->opt->max_depth ? p->opt->max_depth : JS_PARSE_DEFAULT_MAX_DEPTH;
    init_vecs(p);
    run_parser(p, &r, source, length);
    free_parser(p);
    free(p);
    if (!r.ok) { /* the partial tree is useless: give its memory back now */
        js_arena_free(r.arena);
        r.arena = NULL;
    }
    return r;
}

js_parse_result js_parse(const char *source, size_t length, const char *filename)
{
    return js_parse_ex(source, length, filename, NULL);
}

void js_parse_free(js_parse_result *r)
{
    js_arena_free(r->arena);
    free(r->filename);
    r->arena = NULL;
    r->filename = NULL;
    r->program = NULL;
    r->error.filename = NULL;
}

void js_parse_error_print(FILE *out, const js_parse_error *e, const char *src, size_t len)
{
    fprintf(out, "%s:%u\n", e->filename ? e->filename : "<input>", e->line);
    if (src && e->offset <= len) {
        size_t start = e->offset, end = e->offset;
        while (start > 0 && src[start - 1] != '\n' && src[start - 1] != '\r')
            start--;
        while (end < len && src[end] != '\n' && src[end] != '\r')
            end++;
        fprintf(out, "%.*s\n", (int)(end - start), src + start);
        uint32_t room = js_utf8_width(src + e->offset, (uint32_t)(end - e->offset));
        uint32_t width = e->length < room ? e->length : room;
        fprintf(out, "%*s", (int)(e->column - 1), "");
        for (uint32_t i = 0; i < (width ? width : 1); i++)
            fputc('^', out);
        fputs("\n\n", out);
    }
    fprintf(out, "%s: %s\n", e->kind == JS_ERROR_MEMORY ? "RangeError" : "SyntaxError",
            e->message);
}
