/* lexer.c - tokenizer of the ghjs front end (see lexer.h). */
#include "lexer.h"

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
static _Noreturn void fail_here(js_lexer *lx, uint32_t offset, const char *msg)
{
    uint32_t col = 1;
    if (offset > lx->line_start)
        col = js_utf8_width(lx->src + lx->line_start, offset - lx->line_start) + 1;
    js_lex_fail_at(lx, offset, lx->line, col, 1, "%s", msg);
}

/* Error at the start of the token being scanned (tok.start/line/col are set
 * before scanning begins). */
static _Noreturn void fail_token(js_lexer *lx, const char *msg)
{
    js_lex_fail_at(lx, lx->tok.start, lx->tok.line, lx->tok.col, 1, "%s", msg);
}

/* ---- character helpers ---------------------------------------------------- */

static inline int byte_at(const js_lexer *lx, uint32_t i)
{
    return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }

static inline bool is_id_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
}

static inline bool is_id_part(int c) { return is_id_start(c) || is_digit(c); }

static int hex_value(int c)
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
static int32_t decode_utf8(const js_lexer *lx, uint32_t i, uint32_t *n)
{
    int c = byte_at(lx, i);
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
        int d = byte_at(lx, i + (uint32_t)k);
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

static bool is_ls_ps(const js_lexer *lx, uint32_t i) /* U+2028 or U+2029 at i */
{
    return byte_at(lx, i) == 0xE2 && byte_at(lx, i + 1) == 0x80 &&
           (byte_at(lx, i + 2) == 0xA8 || byte_at(lx, i + 2) == 0xA9);
}

/* Starts a new line whose first byte is at next_start. */
static void newline_at(js_lexer *lx, uint32_t next_start)
{
    lx->line++;
    lx->line_start = next_start;
    lx->line_cont = 0;
}

/* Advances over one byte that belongs to a string or comment, keeping the
 * continuation-byte count that columns depend on. */
static inline void advance_byte(js_lexer *lx)
{
    if (((unsigned char)lx->src[lx->pos] & 0xC0) == 0x80)
        lx->line_cont++;
    lx->pos++;
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

static void buf_append(js_lexer *lx, const char *s, size_t n)
{
    if (n == 0)
        return;
    buf_reserve(lx, n);
    memcpy(lx->buf + lx->buf_len, s, n);
    lx->buf_len += n;
}

static void buf_byte(js_lexer *lx, char c)
{
    buf_reserve(lx, 1);
    lx->buf[lx->buf_len++] = c;
}

/* Appends a code point as UTF-8 (surrogates as their 3-byte WTF-8 form). */
static void buf_code_point(js_lexer *lx, uint32_t cp)
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
    buf_append(lx, b, n);
}

static const js_atom *intern(js_lexer *lx, const char *s, size_t n)
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
        js_atom *a = (js_atom *)intern(lx, name, strlen(name));
        a->keyword = k;
    }
    if (byte_at(lx, 0) == 0xEF && byte_at(lx, 1) == 0xBB && byte_at(lx, 2) == 0xBF) {
        lx->pos = 3; /* byte order mark: one column */
        lx->line_cont = 2;
    }
    if (byte_at(lx, lx->pos) == '#' && byte_at(lx, lx->pos + 1) == '!') {
        /* hashbang line: skipped like a // comment */
        while (lx->pos < len && lx->src[lx->pos] != '\n' && lx->src[lx->pos] != '\r' &&
               !is_ls_ps(lx, lx->pos))
            advance_byte(lx);
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
        if (c == '\n' || c == '\r' || (c == 0xE2 && is_ls_ps(lx, lx->pos)))
            return;
        advance_byte(lx);
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
        int c = byte_at(lx, lx->pos);
        if (c < 0)
            js_lex_fail_at(lx, start, line, col, 2, "Invalid or unexpected token");
        if (c == '*' && byte_at(lx, lx->pos + 1) == '/') {
            lx->pos += 2;
            return nl;
        }
        if (c == '\n' || c == '\r') {
            lx->pos++;
            if (c == '\r' && byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            newline_at(lx, lx->pos);
            nl = true;
        } else if (c == 0xE2 && is_ls_ps(lx, lx->pos)) {
            lx->pos += 3;
            newline_at(lx, lx->pos);
            nl = true;
        } else {
            advance_byte(lx);
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
            if (c == '\r' && byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            newline_at(lx, lx->pos);
            nl = true;
        } else if (c == '/' && byte_at(lx, lx->pos + 1) == '/') {
            skip_line_comment(lx);
        } else if (c == '/' && byte_at(lx, lx->pos + 1) == '*') {
            nl |= skip_block_comment(lx);
        } else if (c >= 0x80) {
            uint32_t n;
            int32_t cp = decode_utf8(lx, lx->pos, &n);
            if (cp == 0x2028 || cp == 0x2029) {
                lx->pos += n;
                newline_at(lx, lx->pos);
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
    while (lx->pos < lx->len && is_id_part((unsigned char)lx->src[lx->pos]))
        lx->pos++;
    int c = byte_at(lx, lx->pos);
    if (c == '\\')
        fail_here(lx, lx->pos, "Unicode escapes in identifiers are not supported");
    if (c >= 0x80) {
        uint32_t n;
        int32_t cp = decode_utf8(lx, lx->pos, &n);
        if (!is_unicode_space(cp) && cp != 0x2028 && cp != 0x2029)
            fail_here(lx, lx->pos, "Invalid or unexpected token");
    }
    const js_atom *a = intern(lx, lx->src + start, lx->pos - start);
    lx->tok.atom = a;
    lx->tok.type = a->keyword ? (js_tok)a->keyword : JS_T_IDENT;
}

/* ---- numbers ---------------------------------------------------------------- */

/* Rejects what may not follow a numeric literal: 1n, 1_000, 3in, 0x1g ... */
static void check_number_end(js_lexer *lx)
{
    int c = byte_at(lx, lx->pos);
    if (c == 'n')
        fail_token(lx, "BigInt literals are not supported");
    if (c == '_')
        fail_here(lx, lx->pos, "numeric separators are not supported");
    if (is_id_part(c) || c == '\\')
        fail_here(lx, lx->pos, "Invalid or unexpected token");
}

static void scan_radix_number(js_lexer *lx, int radix)
{
    double value = 0;
    uint64_t exact = 0;
    bool big = false;
    uint32_t digits = 0;
    lx->pos += 2; /* 0x, 0o, 0b */
    for (;; lx->pos++, digits++) {
        int d = hex_value(byte_at(lx, lx->pos));
        if (d < 0 || d >= radix)
            break;
        /* exact in 64 bits as long as possible, then in floating point */
        if (!big && exact > (UINT64_MAX - (uint64_t)d) / (uint64_t)radix) {
            big = true;
            value = (double)exact;
        }
        if (big)
            value = value * radix + d;
        else
            exact = exact * (uint64_t)radix + (uint64_t)d;
    }
    if (digits == 0)
        fail_token(lx, "Invalid or unexpected token");
    check_number_end(lx);
    lx->tok.num = big ? value : (double)exact;
}

static uint32_t skip_digits(js_lexer *lx)
{
    uint32_t n = 0;
    while (is_digit(byte_at(lx, lx->pos))) {
        lx->pos++;
        n++;
    }
    return n;
}

/* Converts the decimal literal [start, end) without relying on the locale's
 * decimal point: the digits are rewritten as "<digits>e<exponent>". */
static double decimal_value(js_lexer *lx, uint32_t start, uint32_t end)
{
    long long exp10 = 0;
    bool frac = false;
    lx->buf_len = 0;
    uint32_t i = start;
    for (; i < end; i++) {
        char c = lx->src[i];
        if (c == '.') {
            frac = true;
        } else if (c == 'e' || c == 'E') {
            break;
        } else {
            buf_byte(lx, c);
            if (frac)
                exp10--;
        }
    }
    if (i < end) { /* exponent */
        bool neg = false;
        long long e = 0;
        i++;
        if (lx->src[i] == '+' || lx->src[i] == '-')
            neg = lx->src[i++] == '-';
        for (; i < end; i++)
            if (e < 1000000000LL)
                e = e * 10 + (lx->src[i] - '0');
        exp10 += neg ? -e : e;
    }
    if (lx->buf_len == 0)
        buf_byte(lx, '0');
    char tail[32];
    int n = snprintf(tail, sizeof tail, "e%lld", exp10);
    buf_append(lx, tail, (size_t)n + 1);
    return strtod(lx->buf, NULL);
}

static void scan_number(js_lexer *lx)
{
    uint32_t start = lx->pos;
    int c0 = byte_at(lx, start), c1 = byte_at(lx, start + 1);
    if (c0 == '0' && (c1 == 'x' || c1 == 'X')) {
        scan_radix_number(lx, 16);
        return;
    }
    if (c0 == '0' && (c1 == 'o' || c1 == 'O')) {
        scan_radix_number(lx, 8);
        return;
    }
    if (c0 == '0' && (c1 == 'b' || c1 == 'B')) {
        scan_radix_number(lx, 2);
        return;
    }
    if (c0 == '0' && is_digit(c1)) {
        uint32_t i = start + 1;
        while (byte_at(lx, i) >= '0' && byte_at(lx, i) <= '7')
            i++;
        fail_token(lx, is_digit(byte_at(lx, i)) ? "decimals with leading zeros are not supported"
                                                : "legacy octal literals are not supported");
    }
    skip_digits(lx);
    if (byte_at(lx, lx->pos) == '.') {
        lx->pos++;
        skip_digits(lx);
    }
    int e = byte_at(lx, lx->pos);
    if (e == 'e' || e == 'E') {
        lx->pos++;
        if (byte_at(lx, lx->pos) == '+' || byte_at(lx, lx->pos) == '-')
            lx->pos++;
        if (skip_digits(lx) == 0)
            fail_token(lx, "Invalid or unexpected token");
    }
    check_number_end(lx);
    lx->tok.num = decimal_value(lx, start, lx->pos);
}

/* ---- strings and templates ------------------------------------------------ */

static uint32_t read_hex(js_lexer *lx, int ndigits, uint32_t esc, const char *msg)
{
    uint32_t v = 0;
    for (int k = 0; k < ndigits; k++) {
        int d = hex_value(byte_at(lx, lx->pos));
        if (d < 0)
            fail_here(lx, esc, msg);
        v = v * 16 + (uint32_t)d;
        lx->pos++;
    }
    return v;
}

/* After "\u": HHHH or {H...}.  esc is the offset of the backslash. */
static uint32_t read_unicode_escape(js_lexer *lx, uint32_t esc)
{
    static const char bad[] = "Invalid Unicode escape sequence";
    if (byte_at(lx, lx->pos) != '{')
        return read_hex(lx, 4, esc, bad);
    lx->pos++;
    uint32_t v = 0, n = 0;
    int d;
    while ((d = hex_value(byte_at(lx, lx->pos))) >= 0) {
        v = v * 16 + (uint32_t)d;
        if (v > 0x10FFFF)
            fail_here(lx, esc, "Undefined Unicode code-point");
        lx->pos++;
        n++;
    }
    if (n == 0 || byte_at(lx, lx->pos) != '}')
        fail_here(lx, esc, bad);
    lx->pos++;
    return v;
}

/* \uD83D\uDE00 is one code point: combine a high surrogate with a following
 * escaped low surrogate. */
static uint32_t unicode_escape_value(js_lexer *lx, uint32_t esc)
{
    uint32_t cp = read_unicode_escape(lx, esc);
    if (cp >= 0xD800 && cp <= 0xDBFF && byte_at(lx, lx->pos) == '\\' &&
        byte_at(lx, lx->pos + 1) == 'u') {
        uint32_t save = lx->pos;
        lx->pos += 2;
        uint32_t lo = read_unicode_escape(lx, save);
        if (lo >= 0xDC00 && lo <= 0xDFFF)
            return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        lx->pos = save; /* not a pair: the second escape stands alone */
    }
    return cp;
}

/* Copies the (possibly multi-byte) character at pos literally. */
static void copy_char(js_lexer *lx)
{
    uint32_t n;
    decode_utf8(lx, lx->pos, &n);
    for (uint32_t k = 0; k < n; k++) {
        buf_byte(lx, lx->src[lx->pos]);
        advance_byte(lx);
    }
}

/* Handles the escape after a backslash (pos is past the backslash). */
static void scan_escape(js_lexer *lx, bool tmpl)
{
    uint32_t esc = lx->pos - 1;
    int c = byte_at(lx, lx->pos);
    static const char map_from[] = "ntrbfv";
    static const char map_to[] = "\n\t\r\b\f\v";
    const char *m = c > 0 ? strchr(map_from, c) : NULL;
    if (c < 0) {
        fail_token(lx, tmpl ? "Unterminated template literal" : "Invalid or unexpected token");
    } else if (m) {
        buf_byte(lx, map_to[m - map_from]);
        lx->pos++;
    } else if (c == '0' && !is_digit(byte_at(lx, lx->pos + 1))) {
        buf_byte(lx, '\0');
        lx->pos++;
    } else if (c >= '0' && c <= '7') {
        fail_here(lx, esc, tmpl ? "Octal escape sequences are not allowed in template strings"
                                : "octal escape sequences are not supported");
    } else if (c == '8' || c == '9') {
        fail_here(lx, esc, tmpl ? "\\8 and \\9 are not allowed in template strings"
                                : "\\8 and \\9 escapes are not supported");
    } else if (c == 'x') {
        lx->pos++;
        buf_code_point(lx, read_hex(lx, 2, esc, "Invalid hexadecimal escape sequence"));
    } else if (c == 'u') {
        lx->pos++;
        buf_code_point(lx, unicode_escape_value(lx, esc));
    } else if (c == '\r' || c == '\n') { /* line continuation */
        lx->pos++;
        if (c == '\r' && byte_at(lx, lx->pos) == '\n')
            lx->pos++;
        newline_at(lx, lx->pos);
    } else if (is_ls_ps(lx, lx->pos)) {
        lx->pos += 3;
        newline_at(lx, lx->pos);
    } else {
        copy_char(lx);
    }
}

static void scan_string(js_lexer *lx)
{
    char quote = lx->src[lx->pos++];
    uint32_t seg = lx->pos;
    bool escaped = false;
    lx->buf_len = 0;
    for (;;) {
        int c = byte_at(lx, lx->pos);
        if (c < 0 || c == '\n' || c == '\r')
            fail_token(lx, "Invalid or unexpected token");
        if (c == quote)
            break;
        if (c == '\\') {
            buf_append(lx, lx->src + seg, lx->pos - seg);
            lx->pos++;
            scan_escape(lx, false);
            seg = lx->pos;
            escaped = true;
        } else if (c == 0xE2 && is_ls_ps(lx, lx->pos)) {
            lx->pos += 3; /* allowed in strings since ES2019; still ends a line */
            buf_append(lx, lx->src + seg, lx->pos - seg);
            seg = lx->pos;
            escaped = true; /* keep the bytes already copied */
            newline_at(lx, lx->pos);
        } else {
            advance_byte(lx);
        }
    }
    if (escaped) {
        buf_append(lx, lx->src + seg, lx->pos - seg);
        lx->tok.atom = intern(lx, lx->buf, lx->buf_len);
    } else {
        lx->tok.atom = intern(lx, lx->src + seg, lx->pos - seg);
    }
    lx->tok.escaped = escaped;
    lx->pos++; /* closing quote */
    lx->tok.type = JS_T_STRING;
}

/* Scans template characters up to ` or ${ (pos is at the first character).
 * head: this chunk follows the opening backquote (else a closing brace). */
static void scan_template_chunk(js_lexer *lx, bool head)
{
    lx->buf_len = 0;
    for (;;) {
        int c = byte_at(lx, lx->pos);
        if (c < 0)
            fail_token(lx, "Unterminated template literal");
        if (c == '`') {
            lx->pos++;
            lx->tok.type = head ? JS_T_TEMPLATE : JS_T_TEMPLATE_TAIL;
            break;
        }
        if (c == '$' && byte_at(lx, lx->pos + 1) == '{') {
            lx->pos += 2;
            lx->tok.type = head ? JS_T_TEMPLATE_HEAD : JS_T_TEMPLATE_MIDDLE;
            break;
        }
        if (c == '\\') {
            lx->pos++;
            scan_escape(lx, true);
            lx->tok.escaped = true;
        } else if (c == '\r' || c == '\n') { /* CR and CRLF become LF */
            lx->pos++;
            if (c == '\r' && byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            buf_byte(lx, '\n');
            newline_at(lx, lx->pos);
        } else if (c == 0xE2 && is_ls_ps(lx, lx->pos)) {
            buf_append(lx, lx->src + lx->pos, 3);
            lx->pos += 3;
            newline_at(lx, lx->pos);
        } else {
            buf_byte(lx, (char)c);
            advance_byte(lx);
        }
    }
    lx->tok.atom = intern(lx, lx->buf, lx->buf_len);
}

void js_lex_template_continue(js_lexer *lx)
{
    /* tok is the `}`; pos is just after it */
    lx->tok.escaped = false;
    scan_template_chunk(lx, false);
    lx->tok.end = lx->pos;
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
        if (byte_at(lx, lx->pos + 1) == '.' && byte_at(lx, lx->pos + 2) == '.') {
            lx->pos += 3;
            return JS_T_ELLIPSIS;
        }
        lx->pos++;
        return JS_T_DOT;
    }
    if (c == '?') {
        int c1 = byte_at(lx, lx->pos + 1);
        if (c1 == '?') {
            bool assign = byte_at(lx, lx->pos + 2) == '=';
            lx->pos += assign ? 3 : 2;
            return assign ? JS_T_NULLISH_ASSIGN : JS_T_NULLISH;
        }
        if (c1 == '.' && !is_digit(byte_at(lx, lx->pos + 2))) { /* a?.5:1 is a conditional */
            lx->pos += 2;
            return JS_T_OPTCHAIN;
        }
        lx->pos++;
        return JS_T_QUESTION;
    }
    js_tok t = scan_punct_multi(lx, c);
    if (t == JS_T_EOF) {
        if (c == '#')
            fail_token(lx, "private class fields are not supported");
        fail_token(lx, "Invalid or unexpected token");
    }
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
    if (is_id_start(c)) {
        scan_identifier(lx);
    } else if (is_digit(c) || (c == '.' && is_digit(byte_at(lx, lx->pos + 1)))) {
        t->type = JS_T_NUMBER;
        scan_number(lx);
    } else if (c == '"' || c == '\'') {
        scan_string(lx);
    } else if (c == '`') {
        lx->pos++;
        scan_template_chunk(lx, true);
    } else if (c == '\\') {
        fail_token(lx, byte_at(lx, lx->pos + 1) == 'u'
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
