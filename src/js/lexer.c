/* lexer.c - tokenizer of the ghjs front end (see lexer.h). */
#include "lexer_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------- */

uint32_t js_utf8_width(const char *s, uint32_t len)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w ? w : 1;
}

static void verror(js_lexer *lx, uint32_t offset, uint32_t line, uint32_t col,
                   uint32_t length, const char *fmt, va_list ap)
{
    js_parse_error *e = lx->err;
    e->kind = JS_ERROR_SYNTAX;
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    e->offset = offset;
    e->line = line;
    e->column = col;
    e->length = length ? length : 1;
}

void js_lex_fail_at(js_lexer *lx, uint32_t offset, uint32_t line, uint32_t col,
                    uint32_t length, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(lx, offset, line, col, length, fmt, ap);
    va_end(ap);
    longjmp(*lx->jmp, 1);
}

/* Width of the current token, up to the end of its first line. */
static uint32_t token_width(const js_lexer *lx)
{
    uint32_t n = 0, start = lx->tok.start;
    uint32_t end = lx->tok.end > start ? lx->tok.end : start;
    while (start + n < end && lx->src[start + n] != '\n' && lx->src[start + n] != '\r')
        n++;
    return js_utf8_width(lx->src + start, n);
}

void js_lex_fail(js_lexer *lx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(lx, lx->tok.start, lx->tok.line, lx->tok.col, token_width(lx), fmt, ap);
    va_end(ap);
    longjmp(*lx->jmp, 1);
}

void js_lex_out_of_memory(js_lexer *lx)
{
    js_parse_error *e = lx->err;
    e->kind = JS_ERROR_MEMORY;
    snprintf(e->message, sizeof e->message, "out of memory");
    e->offset = lx->tok.start;
    e->line = lx->tok.line;
    e->column = lx->tok.col;
    e->length = 1;
    longjmp(*lx->jmp, 1);
}

/* Error at a byte offset on the lexer's current line (inside the token being
 * scanned); the column is recomputed from the start of the line. */
_Noreturn void jl_fail_here(js_lexer *lx, uint32_t offset, const char *msg)
{
    uint32_t col = 1;
    if (offset > lx->line_start)
        col = js_utf8_width(lx->src + lx->line_start, offset - lx->line_start) + 1;
    js_lex_fail_at(lx, offset, lx->line, col, 1, "%s", msg);
}

/* Error at the start of the token being scanned (tok.start/line/col are set
 * before scanning begins). */
_Noreturn void jl_fail_token(js_lexer *lx, const char *msg)
{
    js_lex_fail_at(lx, lx->tok.start, lx->tok.line, lx->tok.col, 1, "%s", msg);
}

/* ---- character helpers ---------------------------------------------------- */

int jl_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one UTF-8 sequence at src[i]; returns the code point and its size in
 * *n, or -1 (with *n = 1) for a malformed sequence. */
int32_t jl_decode_utf8(const js_lexer *lx, uint32_t i, uint32_t *n)
{
    int c = jl_byte_at(lx, i);
    int need;
    int32_t cp;
    *n = 1;
    if (c < 0x80)
        return c;
    if ((c & 0xE0) == 0xC0) {
        need = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3;
        cp = c & 0x07;
    } else {
        return -1;
    }
    for (int k = 1; k <= need; k++) {
        int d = jl_byte_at(lx, i + (uint32_t)k);
        if (d < 0 || (d & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (d & 0x3F);
    }
    *n = (uint32_t)need + 1;
    return cp;
}

static bool is_unicode_space(int32_t cp)
{
    return cp == 0xA0 || cp == 0xFEFF || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool jl_is_ls_ps(const js_lexer *lx, uint32_t i) /* U+2028 or U+2029 at i */
{
    return jl_byte_at(lx, i) == 0xE2 && jl_byte_at(lx, i + 1) == 0x80 &&
           (jl_byte_at(lx, i + 2) == 0xA8 || jl_byte_at(lx, i + 2) == 0xA9);
}

/* Starts a new line whose first byte is at next_start. */
void jl_newline_at(js_lexer *lx, uint32_t next_start)
{
    lx->line++;
    lx->line_start = next_start;
    lx->line_cont = 0;
}

/* ---- scratch buffer -------------------------------------------------------- */

static void buf_reserve(js_lexer *lx, size_t extra)
{
    if (lx->buf_len + extra <= lx->buf_cap)
        return;
    size_t cap = lx->buf_cap ? lx->buf_cap : 256;
    while (cap < lx->buf_len + extra)
        cap *= 2;
    char *nb = realloc(lx->buf, cap);
    if (!nb)
        js_lex_out_of_memory(lx);
    lx->buf = nb;
    lx->buf_cap = cap;
}

void jl_buf_append(js_lexer *lx, const char *s, size_t n)
{
    if (n == 0)
        return;
    buf_reserve(lx, n);
    memcpy(lx->buf + lx->buf_len, s, n);
    lx->buf_len += n;
}

void jl_buf_byte(js_lexer *lx, char c)
{
    buf_reserve(lx, 1);
    lx->buf[lx->buf_len++] = c;
}

/* Appends a code point as UTF-8 (surrogates as their 3-byte WTF-8 form). */
void jl_buf_code_point(js_lexer *lx, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    jl_buf_append(lx, b, n);
}

const js_atom *jl_intern(js_lexer *lx, const char *s, size_t n)
{
    const js_atom *a = js_intern(lx->intern, s, n);
    if (!a)
        js_lex_out_of_memory(lx);
    return a;
}

/* ---- init ------------------------------------------------------------------ */

static const char *const keyword_names[] = {
    "break", "case", "catch", "class", "const", "continue", "debugger", "default",
    "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
    "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
};

void js_lex_init(js_lexer *lx, const char *src, uint32_t len, js_intern_table *in,
                 js_parse_error *err, jmp_buf *jmp)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lx->line = 1;
    lx->intern = in;
    lx->err = err;
    lx->jmp = jmp;
    lx->tok.type = JS_T_EOF;
    lx->tok.line = 1;
    lx->tok.col = 1;
    _Static_assert(sizeof keyword_names / sizeof *keyword_names ==
                       JS_T_LAST_KEYWORD - JS_T_FIRST_KEYWORD + 1,
                   "keyword table out of sync");
    for (int k = JS_T_FIRST_KEYWORD; k <= JS_T_LAST_KEYWORD; k++) {
        const char *name = keyword_names[k - JS_T_FIRST_KEYWORD];
        js_atom *a = (js_atom *)jl_intern(lx, name, strlen(name));
        a->keyword = k;
    }
    if (jl_byte_at(lx, 0) == 0xEF && jl_byte_at(lx, 1) == 0xBB && jl_byte_at(lx, 2) == 0xBF) {
        lx->pos = 3; /* byte order mark: one column */
        lx->line_cont = 2;
    }
    if (jl_byte_at(lx, lx->pos) == '#' && jl_byte_at(lx, lx->pos + 1) == '!') {
        /* hashbang line: skipped like a // comment */
        while (lx->pos < len && lx->src[lx->pos] != '\n' && lx->src[lx->pos] != '\r' &&
               !jl_is_ls_ps(lx, lx->pos))
            jl_advance_byte(lx);
    }
}

void js_lex_fini(js_lexer *lx)
{
    free(lx->buf);
    lx->buf = NULL;
    lx->buf_cap = lx->buf_len = 0;
}

/* ---- whitespace and comments --------------------------------------------- */

static void skip_line_comment(js_lexer *lx)
{
    while (lx->pos < lx->len) {
        int c = (unsigned char)lx->src[lx->pos];
        if (c == '\n' || c == '\r' || (c == 0xE2 && jl_is_ls_ps(lx, lx->pos)))
            return;
        jl_advance_byte(lx);
    }
}

/* Returns true if the comment contains a line terminator. */
static bool skip_block_comment(js_lexer *lx)
{
    uint32_t start = lx->pos, line = lx->line;
    uint32_t col = lx->pos - lx->line_start - lx->line_cont + 1;
    bool nl = false;
    lx->pos += 2;
    for (;;) {
        int c = jl_byte_at(lx, lx->pos);
        if (c < 0)
            js_lex_fail_at(lx, start, line, col, 2, "Invalid or unexpected token");
        if (c == '*' && jl_byte_at(lx, lx->pos + 1) == '/') {
            lx->pos += 2;
            return nl;
        }
        if (c == '\n' || c == '\r') {
            lx->pos++;
            if (c == '\r' && jl_byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            jl_newline_at(lx, lx->pos);
            nl = true;
        } else if (c == 0xE2 && jl_is_ls_ps(lx, lx->pos)) {
            lx->pos += 3;
            jl_newline_at(lx, lx->pos);
            nl = true;
        } else {
            jl_advance_byte(lx);
        }
    }
}

/* Skips whitespace, line terminators and comments; returns true if a line
 * terminator was crossed.  Stops at anything else, including stray bytes
 * that the token scanner will report. */
static bool skip_trivia(js_lexer *lx)
{
    bool nl = false;
    while (lx->pos < lx->len) {
        int c = (unsigned char)lx->src[lx->pos];
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
            lx->pos++;
        } else if (c == '\n' || c == '\r') {
            lx->pos++;
            if (c == '\r' && jl_byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            jl_newline_at(lx, lx->pos);
            nl = true;
        } else if (c == '/' && jl_byte_at(lx, lx->pos + 1) == '/') {
            skip_line_comment(lx);
        } else if (c == '/' && jl_byte_at(lx, lx->pos + 1) == '*') {
            nl |= skip_block_comment(lx);
        } else if (c >= 0x80) {
            uint32_t n;
            int32_t cp = jl_decode_utf8(lx, lx->pos, &n);
            if (cp == 0x2028 || cp == 0x2029) {
                lx->pos += n;
                jl_newline_at(lx, lx->pos);
                nl = true;
            } else if (is_unicode_space(cp)) {
                lx->pos += n;
                lx->line_cont += n - 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    return nl;
}

/* ---- identifiers ------------------------------------------------------------ */

static void scan_identifier(js_lexer *lx)
{
    uint32_t start = lx->pos;
    while (lx->pos < lx->len && jl_is_id_part((unsigned char)lx->src[lx->pos]))
        lx->pos++;
    int c = jl_byte_at(lx, lx->pos);
    if (c == '\\')
        jl_fail_here(lx, lx->pos, "Unicode escapes in identifiers are not supported");
    if (c >= 0x80) {
        uint32_t n;
        int32_t cp = jl_decode_utf8(lx, lx->pos, &n);
        if (!is_unicode_space(cp) && cp != 0x2028 && cp != 0x2029)
            jl_fail_here(lx, lx->pos, "Invalid or unexpected token");
    }
    const js_atom *a = jl_intern(lx, lx->src + start, lx->pos - start);
    lx->tok.atom = a;
    lx->tok.type = a->keyword ? (js_tok)a->keyword : JS_T_IDENT;
}

/* ---- punctuators ------------------------------------------------------------ */

typedef struct punct {
    const char *op;
    js_tok tok;
} punct;

/* Picks the first of the spellings that matches at pos; tables list them
 * longest first and end with the single byte, so one always matches. */
static js_tok longest(js_lexer *lx, const punct *t, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(t[k].op);
        if (lx->pos + len <= lx->len && memcmp(lx->src + lx->pos, t[k].op, len) == 0) {
            lx->pos += (uint32_t)len;
            return t[k].tok;
        }
    }
    return JS_T_EOF;
}

#define LONGEST(...)                                                                   \
    do {                                                                               \
        static const punct t_[] = {__VA_ARGS__};                                       \
        return longest(lx, t_, sizeof t_ / sizeof *t_);                                \
    } while (0)

static js_tok scan_punct_multi(js_lexer *lx, int c)
{
    switch (c) {
    case '<': LONGEST({"<<=", JS_T_SHL_ASSIGN}, {"<<", JS_T_SHL}, {"<=", JS_T_LE}, {"<", JS_T_LT});
    case '>':
        LONGEST({">>>=", JS_T_SHR_ASSIGN}, {">>>", JS_T_SHR}, {">>=", JS_T_SAR_ASSIGN},
                {">>", JS_T_SAR}, {">=", JS_T_GE}, {">", JS_T_GT});
    case '=': LONGEST({"===", JS_T_SEQ}, {"==", JS_T_EQ}, {"=>", JS_T_ARROW}, {"=", JS_T_ASSIGN});
    case '!': LONGEST({"!==", JS_T_SNE}, {"!=", JS_T_NE}, {"!", JS_T_BANG});
    case '+': LONGEST({"++", JS_T_INC}, {"+=", JS_T_PLUS_ASSIGN}, {"+", JS_T_PLUS});
    case '-': LONGEST({"--", JS_T_DEC}, {"-=", JS_T_MINUS_ASSIGN}, {"-", JS_T_MINUS});
    case '*':
        LONGEST({"**=", JS_T_STARSTAR_ASSIGN}, {"**", JS_T_STARSTAR}, {"*=", JS_T_STAR_ASSIGN},
                {"*", JS_T_STAR});
    case '/': LONGEST({"/=", JS_T_SLASH_ASSIGN}, {"/", JS_T_SLASH});
    case '%': LONGEST({"%=", JS_T_PERCENT_ASSIGN}, {"%", JS_T_PERCENT});
    case '&': LONGEST({"&&=", JS_T_AND_ASSIGN}, {"&&", JS_T_AND}, {"&=", JS_T_AMP_ASSIGN}, {"&", JS_T_AMP});
    case '|': LONGEST({"||=", JS_T_OR_ASSIGN}, {"||", JS_T_OR}, {"|=", JS_T_PIPE_ASSIGN}, {"|", JS_T_PIPE});
    case '^': LONGEST({"^=", JS_T_CARET_ASSIGN}, {"^", JS_T_CARET});
    default: return JS_T_EOF;
    }
}

static js_tok scan_punct(js_lexer *lx)
{
    int c = (unsigned char)lx->src[lx->pos];
    static const struct { char c; js_tok tok; } single[] = {
        {'{', JS_T_LBRACE},   {'}', JS_T_RBRACE}, {'(', JS_T_LPAREN}, {')', JS_T_RPAREN},
        {'[', JS_T_LBRACKET}, {']', JS_T_RBRACKET}, {';', JS_T_SEMI}, {',', JS_T_COMMA},
        {':', JS_T_COLON},    {'~', JS_T_TILDE},
    };
    for (size_t k = 0; k < sizeof single / sizeof *single; k++) {
        if (single[k].c == c) {
            lx->pos++;
            return single[k].tok;
        }
    }
    if (c == '.') {
        if (jl_byte_at(lx, lx->pos + 1) == '.' && jl_byte_at(lx, lx->pos + 2) == '.') {
            lx->pos += 3;
            return JS_T_ELLIPSIS;
        }
        lx->pos++;
        return JS_T_DOT;
    }
    if (c == '?') {
        int c1 = jl_byte_at(lx, lx->pos + 1);
        if (c1 == '?') {
            bool assign = jl_byte_at(lx, lx->pos + 2) == '=';
            lx->pos += assign ? 3 : 2;
            return assign ? JS_T_NULLISH_ASSIGN : JS_T_NULLISH;
        }
        if (c1 == '.' && !jl_is_digit(jl_byte_at(lx, lx->pos + 2))) { /* a?.5:1 is a conditional */
            lx->pos += 2;
            return JS_T_OPTCHAIN;
        }
        lx->pos++;
        return JS_T_QUESTION;
    }
    js_tok t = scan_punct_multi(lx, c);
    if (t == JS_T_EOF && c == '#' && jl_is_id_start(jl_byte_at(lx, lx->pos + 1))) {
        uint32_t start = lx->pos++; /* a class's private name: "#name" */
        scan_identifier(lx);
        lx->tok.atom = jl_intern(lx, lx->src + start, lx->pos - start);
        return JS_T_PRIVATE;
    }
    if (t == JS_T_EOF)
        jl_fail_token(lx, "Invalid or unexpected token");
    return t;
}

/* ---- driver ----------------------------------------------------------------- */

void js_lex_next(js_lexer *lx)
{
    js_token *t = &lx->tok;
    bool nl = skip_trivia(lx);
    t->nl_before = nl;
    t->escaped = false;
    t->atom = NULL;
    t->num = 0;
    t->start = lx->pos;
    t->line = lx->line;
    t->col = lx->pos - lx->line_start - lx->line_cont + 1;
    if (lx->pos >= lx->len) {
        t->type = JS_T_EOF;
        t->end = lx->pos;
        return;
    }
    int c = (unsigned char)lx->src[lx->pos];
    if (jl_is_id_start(c)) {
        scan_identifier(lx);
    } else if (jl_is_digit(c) || (c == '.' && jl_is_digit(jl_byte_at(lx, lx->pos + 1)))) {
        t->type = JS_T_NUMBER;
        jl_scan_number(lx);
    } else if (c == '"' || c == '\'') {
        jl_scan_string(lx);
    } else if (c == '`') {
        lx->pos++;
        jl_scan_template_chunk(lx, true);
    } else if (c == '\\') {
        jl_fail_token(lx, jl_byte_at(lx, lx->pos + 1) == 'u'
                           ? "Unicode escapes in identifiers are not supported"
                           : "Invalid or unexpected token");
    } else {
        t->type = scan_punct(lx);
    }
    t->end = lx->pos;
}

js_tok js_lex_peek(js_lexer *lx)
{
    js_token saved_tok = lx->tok;
    uint32_t pos = lx->pos, line = lx->line, ls = lx->line_start, lc = lx->line_cont;
    js_lex_next(lx);
    js_tok type = lx->tok.type;
    lx->tok = saved_tok;
    lx->pos = pos;
    lx->line = line;
    lx->line_start = ls;
    lx->line_cont = lc;
    return type;
}
