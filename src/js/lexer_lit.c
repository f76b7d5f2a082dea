/* lexer_lit.c - numeric, string and template literals (see lexer.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer_int.h"

/* ---- numbers ---------------------------------------------------------------- */

/* Rejects what may not follow a numeric literal: 1n, 3in, 0x1g ... */
static void check_number_end(js_lexer *lx)
{
    int c = jl_byte_at(lx, lx->pos);
    if (c == 'n')
        jl_fail_token(lx, "BigInt literals are not supported");
    if (jl_is_id_part(c) || c == '\\')
        jl_fail_here(lx, lx->pos, "Invalid or unexpected token");
}

static bool is_digit_of(int c, int radix)
{
    int d = jl_hex_value(c);
    return d >= 0 && d < radix;
}

/* At a `_` in a run of digits (digits_before of them so far): a numeric
 * separator must sit between two digits; steps over it. */
static void skip_separator(js_lexer *lx, uint32_t digits_before, int radix)
{
    if (digits_before == 0) /* `0x_1`, `1._5`: V8 marks what was read */
        js_lex_fail_at(lx, lx->tok.start, lx->tok.line, lx->tok.col, lx->pos - lx->tok.start,
                       "Invalid or unexpected token");
    int next = jl_byte_at(lx, lx->pos + 1);
    if (next == '_')
        jl_fail_here(lx, lx->pos + 1, "Only one underscore is allowed as numeric separator");
    if (!is_digit_of(next, radix))
        jl_fail_here(lx, lx->pos + 1, "Numeric separators are not allowed at the end of numeric literals");
    lx->pos++;
}

static void scan_radix_number(js_lexer *lx, int radix)
{
    double value = 0;
    uint64_t exact = 0;
    bool big = false;
    uint32_t digits = 0;
    lx->pos += 2; /* 0x, 0o, 0b */
    for (;; lx->pos++, digits++) {
        if (jl_byte_at(lx, lx->pos) == '_')
            skip_separator(lx, digits, radix);
        int d = jl_hex_value(jl_byte_at(lx, lx->pos));
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
        jl_fail_token(lx, "Invalid or unexpected token");
    check_number_end(lx);
    lx->tok.num = big ? value : (double)exact;
}

/* A run of decimal digits, with numeric separators (`1_000`). */
static uint32_t skip_digits(js_lexer *lx)
{
    uint32_t n = 0;
    for (;;) {
        if (jl_byte_at(lx, lx->pos) == '_')
            skip_separator(lx, n, 10);
        if (!jl_is_digit(jl_byte_at(lx, lx->pos)))
            return n;
        lx->pos++;
        n++;
    }
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
        if (c == '_') { /* a separator */
            continue;
        } else if (c == '.') {
            frac = true;
        } else if (c == 'e' || c == 'E') {
            break;
        } else {
            jl_buf_byte(lx, c);
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
            if (lx->src[i] != '_' && e < 1000000000LL)
                e = e * 10 + (lx->src[i] - '0');
        exp10 += neg ? -e : e;
    }
    if (lx->buf_len == 0)
        jl_buf_byte(lx, '0');
    char tail[32];
    int n = snprintf(tail, sizeof tail, "e%lld", exp10);
    jl_buf_append(lx, tail, (size_t)n + 1);
    return strtod(lx->buf, NULL);
}

void jl_scan_number(js_lexer *lx)
{
    uint32_t start = lx->pos;
    int c0 = jl_byte_at(lx, start), c1 = jl_byte_at(lx, start + 1);
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
    if (c0 == '0' && c1 == '_')
        jl_fail_here(lx, start + 1, "Numeric separator can not be used after leading 0.");
    if (c0 == '0' && jl_is_digit(c1)) {
        uint32_t i = start + 1;
        while (jl_byte_at(lx, i) >= '0' && jl_byte_at(lx, i) <= '7')
            i++;
        jl_fail_token(lx, jl_is_digit(jl_byte_at(lx, i)) ? "decimals with leading zeros are not supported"
                                                : "legacy octal literals are not supported");
    }
    skip_digits(lx);
    if (jl_byte_at(lx, lx->pos) == '.') {
        lx->pos++;
        skip_digits(lx);
    }
    int e = jl_byte_at(lx, lx->pos);
    if (e == 'e' || e == 'E') {
        lx->pos++;
        if (jl_byte_at(lx, lx->pos) == '+' || jl_byte_at(lx, lx->pos) == '-')
            lx->pos++;
        if (skip_digits(lx) == 0)
            jl_fail_token(lx, "Invalid or unexpected token");
    }
    check_number_end(lx);
    lx->tok.num = decimal_value(lx, start, lx->pos);
}

/* ---- strings and templates ------------------------------------------------ */

static uint32_t read_hex(js_lexer *lx, int ndigits, uint32_t esc, const char *msg)
{
    uint32_t v = 0;
    for (int k = 0; k < ndigits; k++) {
        int d = jl_hex_value(jl_byte_at(lx, lx->pos));
        if (d < 0)
            jl_fail_here(lx, esc, msg);
        v = v * 16 + (uint32_t)d;
        lx->pos++;
    }
    return v;
}

/* After "\u": HHHH or {H...}.  esc is the offset of the backslash. */
static uint32_t read_unicode_escape(js_lexer *lx, uint32_t esc)
{
    static const char bad[] = "Invalid Unicode escape sequence";
    if (jl_byte_at(lx, lx->pos) != '{')
        return read_hex(lx, 4, esc, bad);
    lx->pos++;
    uint32_t v = 0, n = 0;
    int d;
    while ((d = jl_hex_value(jl_byte_at(lx, lx->pos))) >= 0) {
        v = v * 16 + (uint32_t)d;
        if (v > 0x10FFFF)
            jl_fail_here(lx, esc, "Undefined Unicode code-point");
        lx->pos++;
        n++;
    }
    if (n == 0 || jl_byte_at(lx, lx->pos) != '}')
        jl_fail_here(lx, esc, bad);
    lx->pos++;
    return v;
}

/* \uD83D\uDE00 is one code point: combine a high surrogate with a following
 * escaped low surrogate. */
static uint32_t unicode_escape_value(js_lexer *lx, uint32_t esc)
{
    uint32_t cp = read_unicode_escape(lx, esc);
    if (cp >= 0xD800 && cp <= 0xDBFF && jl_byte_at(lx, lx->pos) == '\\' &&
        jl_byte_at(lx, lx->pos + 1) == 'u') {
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
    jl_decode_utf8(lx, lx->pos, &n);
    for (uint32_t k = 0; k < n; k++) {
        jl_buf_byte(lx, lx->src[lx->pos]);
        jl_advance_byte(lx);
    }
}

/* Handles the escape after a backslash (pos is past the backslash). */
static void scan_escape(js_lexer *lx, bool tmpl)
{
    uint32_t esc = lx->pos - 1;
    int c = jl_byte_at(lx, lx->pos);
    static const char map_from[] = "ntrbfv";
    static const char map_to[] = "\n\t\r\b\f\v";
    const char *m = c > 0 ? strchr(map_from, c) : NULL;
    if (c < 0) {
        jl_fail_token(lx, tmpl ? "Unterminated template literal" : "Invalid or unexpected token");
    } else if (m) {
        jl_buf_byte(lx, map_to[m - map_from]);
        lx->pos++;
    } else if (c == '0' && !jl_is_digit(jl_byte_at(lx, lx->pos + 1))) {
        jl_buf_byte(lx, '\0');
        lx->pos++;
    } else if (c >= '0' && c <= '7') {
        jl_fail_here(lx, esc, tmpl ? "Octal escape sequences are not allowed in template strings"
                                : "octal escape sequences are not supported");
    } else if (c == '8' || c == '9') {
        jl_fail_here(lx, esc, tmpl ? "\\8 and \\9 are not allowed in template strings"
                                : "\\8 and \\9 escapes are not supported");
    } else if (c == 'x') {
        lx->pos++;
        jl_buf_code_point(lx, read_hex(lx, 2, esc, "Invalid hexadecimal escape sequence"));
    } else if (c == 'u') {
        lx->pos++;
        jl_buf_code_point(lx, unicode_escape_value(lx, esc));
    } else if (c == '\r' || c == '\n') { /* line continuation */
        lx->pos++;
        if (c == '\r' && jl_byte_at(lx, lx->pos) == '\n')
            lx->pos++;
        jl_newline_at(lx, lx->pos);
    } else if (jl_is_ls_ps(lx, lx->pos)) {
        lx->pos += 3;
        jl_newline_at(lx, lx->pos);
    } else {
        copy_char(lx);
    }
}

void jl_scan_string(js_lexer *lx)
{
    char quote = lx->src[lx->pos++];
    uint32_t seg = lx->pos;
    bool escaped = false;
    lx->buf_len = 0;
    for (;;) {
        int c = jl_byte_at(lx, lx->pos);
        if (c < 0 || c == '\n' || c == '\r')
            jl_fail_token(lx, "Invalid or unexpected token");
        if (c == quote)
            break;
        if (c == '\\') {
            jl_buf_append(lx, lx->src + seg, lx->pos - seg);
            lx->pos++;
            scan_escape(lx, false);
            seg = lx->pos;
            escaped = true;
        } else if (c == 0xE2 && jl_is_ls_ps(lx, lx->pos)) {
            lx->pos += 3; /* allowed in strings since ES2019; still ends a line */
            jl_buf_append(lx, lx->src + seg, lx->pos - seg);
            seg = lx->pos;
            escaped = true; /* keep the bytes already copied */
            jl_newline_at(lx, lx->pos);
        } else {
            jl_advance_byte(lx);
        }
    }
    if (escaped) {
        jl_buf_append(lx, lx->src + seg, lx->pos - seg);
        lx->tok.atom = jl_intern(lx, lx->buf, lx->buf_len);
    } else {
        lx->tok.atom = jl_intern(lx, lx->src + seg, lx->pos - seg);
    }
    lx->tok.escaped = escaped;
    lx->pos++; /* closing quote */
    lx->tok.type = JS_T_STRING;
}

/* Scans template characters up to ` or ${ (pos is at the first character).
 * head: this chunk follows the opening backquote (else a closing brace). */
void jl_scan_template_chunk(js_lexer *lx, bool head)
{
    lx->buf_len = 0;
    for (;;) {
        int c = jl_byte_at(lx, lx->pos);
        if (c < 0)
            jl_fail_token(lx, "Unterminated template literal");
        if (c == '`') {
            lx->pos++;
            lx->tok.type = head ? JS_T_TEMPLATE : JS_T_TEMPLATE_TAIL;
            break;
        }
        if (c == '$' && jl_byte_at(lx, lx->pos + 1) == '{') {
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
            if (c == '\r' && jl_byte_at(lx, lx->pos) == '\n')
                lx->pos++;
            jl_buf_byte(lx, '\n');
            jl_newline_at(lx, lx->pos);
        } else if (c == 0xE2 && jl_is_ls_ps(lx, lx->pos)) {
            jl_buf_append(lx, lx->src + lx->pos, 3);
            lx->pos += 3;
            jl_newline_at(lx, lx->pos);
        } else {
            jl_buf_byte(lx, (char)c);
            jl_advance_byte(lx);
        }
    }
    lx->tok.atom = jl_intern(lx, lx->buf, lx->buf_len);
}

void js_lex_template_continue(js_lexer *lx)
{
    /* tok is the `}`; pos is just after it */
    lx->tok.escaped = false;
    jl_scan_template_chunk(lx, false);
    lx->tok.end = lx->pos;
}
