/* lexer_int.h - helpers shared by lexer.c and lexer_lit.c (not public).
 *
 *   lexer.c      errors, character classes, the scratch buffer, whitespace and
 *                comments, identifiers, punctuators, js_lex_next/peek
 *   lexer_lit.c  numeric, string and template literals
 */
#ifndef GHJS_LEXER_INT_H
#define GHJS_LEXER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexer.h"

static inline int jl_byte_at(const js_lexer *lx, uint32_t i)
{
    return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

static inline bool jl_is_digit(int c) { return c >= '0' && c <= '9'; }

static inline bool jl_is_id_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
}

static inline bool jl_is_id_part(int c) { return jl_is_id_start(c) || jl_is_digit(c); }

/* Advances over one byte of a string or comment, counting UTF-8 continuation
 * bytes so that columns count code points. */
static inline void jl_advance_byte(js_lexer *lx)
{
    if (((unsigned char)lx->src[lx->pos] & 0xC0) == 0x80)
        lx->line_cont++;
    lx->pos++;
}

/* Error at a byte offset on the current line (inside the token being scanned). */
_Noreturn void jl_fail_here(js_lexer *lx, uint32_t offset, const char *msg);
/* Error at the start of the token being scanned (tok.start/line/col are set
 * before scanning begins). */
_Noreturn void jl_fail_token(js_lexer *lx, const char *msg);

int jl_hex_value(int c);                                       /* -1 if not hex */
int32_t jl_decode_utf8(const js_lexer *lx, uint32_t i, uint32_t *n); /* -1: malformed */
bool jl_is_ls_ps(const js_lexer *lx, uint32_t i);              /* U+2028/U+2029 at i */
void jl_newline_at(js_lexer *lx, uint32_t next_start);         /* a line starts there */

/* The scratch buffer (lx->buf) that string values are built in. */
void jl_buf_append(js_lexer *lx, const char *s, size_t n);
void jl_buf_byte(js_lexer *lx, char c);
void jl_buf_code_point(js_lexer *lx, uint32_t cp);             /* as UTF-8 / WTF-8 */
const js_atom *jl_intern(js_lexer *lx, const char *s, size_t n);

/* Literal scanners: pos is at the literal's first character. */
void jl_scan_number(js_lexer *lx);
void jl_scan_string(js_lexer *lx);
/* pos is just after the ` or the } that precedes the chunk */
void jl_scan_template_chunk(js_lexer *lx, bool head);

#endif
