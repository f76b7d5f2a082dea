/* lexer.h - tokenizer of the ghjs front end (internal to the parser).
 *
 * The lexer produces one token at a time into lx->tok.  It needs no parser
 * context, with one exception: a template literal's `}` ... continuation is
 * scanned only when the parser asks for it (js_lex_template_continue), since
 * only the parser knows that a `}` closes a ${ } substitution.  A `/` is
 * always lexed as the division operator; the parser reports a regular
 * expression literal where an operand was expected.
 *
 * Errors are reported with js_lex_fail(), which fills in the parse error and
 * longjmps to lx->jmp; nothing has to be unwound because all memory belongs
 * to the arena or to buffers freed by the parser's caller.
 */
#ifndef GHJS_LEXER_H
#define GHJS_LEXER_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "parser.h"

typedef enum js_tok {
    JS_T_EOF = 1,
    JS_T_IDENT,
    JS_T_NUMBER,
    JS_T_STRING,
    JS_T_TEMPLATE,        /* `...` without substitutions */
    JS_T_TEMPLATE_HEAD,   /* `...${ */
    JS_T_TEMPLATE_MIDDLE, /* }...${ */
    JS_T_TEMPLATE_TAIL,   /* }...` */
    JS_T_PRIVATE,         /* #name (atom: "#name") */
    /* reserved words (JS_T_FIRST_KEYWORD .. JS_T_LAST_KEYWORD) */
    JS_T_BREAK, JS_T_CASE, JS_T_CATCH, JS_T_CLASS, JS_T_CONST, JS_T_CONTINUE,
    JS_T_DEBUGGER, JS_T_DEFAULT, JS_T_DELETE, JS_T_DO, JS_T_ELSE, JS_T_ENUM,
    JS_T_EXPORT, JS_T_EXTENDS, JS_T_FALSE, JS_T_FINALLY, JS_T_FOR, JS_T_FUNCTION,
    JS_T_IF, JS_T_IMPORT, JS_T_IN, JS_T_INSTANCEOF, JS_T_NEW, JS_T_NULL,
    JS_T_RETURN, JS_T_SUPER, JS_T_SWITCH, JS_T_THIS, JS_T_THROW, JS_T_TRUE,
    JS_T_TRY, JS_T_TYPEOF, JS_T_VAR, JS_T_VOID, JS_T_WHILE, JS_T_WITH,
    /* punctuators */
    JS_T_LBRACE, JS_T_RBRACE, JS_T_LPAREN, JS_T_RPAREN, JS_T_LBRACKET, JS_T_RBRACKET,
    JS_T_SEMI, JS_T_COMMA, JS_T_DOT, JS_T_ELLIPSIS, JS_T_QUESTION, JS_T_OPTCHAIN,
    JS_T_COLON, JS_T_ARROW,
    JS_T_LT, JS_T_GT, JS_T_LE, JS_T_GE, JS_T_EQ, JS_T_NE, JS_T_SEQ, JS_T_SNE,
    JS_T_PLUS, JS_T_MINUS, JS_T_STAR, JS_T_SLASH, JS_T_PERCENT, JS_T_STARSTAR,
    JS_T_INC, JS_T_DEC, JS_T_SHL, JS_T_SAR, JS_T_SHR,
    JS_T_AMP, JS_T_PIPE, JS_T_CARET, JS_T_BANG, JS_T_TILDE,
    JS_T_AND, JS_T_OR, JS_T_NULLISH,
    JS_T_ASSIGN, JS_T_PLUS_ASSIGN, JS_T_MINUS_ASSIGN, JS_T_STAR_ASSIGN,
    JS_T_SLASH_ASSIGN, JS_T_PERCENT_ASSIGN, JS_T_STARSTAR_ASSIGN,
    JS_T_SHL_ASSIGN, JS_T_SAR_ASSIGN, JS_T_SHR_ASSIGN,
    JS_T_AMP_ASSIGN, JS_T_PIPE_ASSIGN, JS_T_CARET_ASSIGN,
    JS_T_AND_ASSIGN, JS_T_OR_ASSIGN, JS_T_NULLISH_ASSIGN,
    JS_T_COUNT
} js_tok;

#define JS_T_FIRST_KEYWORD JS_T_BREAK
#define JS_T_LAST_KEYWORD JS_T_WITH

typedef struct js_token {
    js_tok type;
    uint32_t start, end;  /* byte range [start, end) in the source */
    uint32_t line, col;   /* of start; 1-based, col in code points */
    bool nl_before;       /* a line terminator precedes the token */
    bool escaped;         /* string/template: contained an escape or line continuation */
    double num;           /* JS_T_NUMBER */
    const js_atom *atom;  /* identifier or reserved word name; string or template
                             chunk value (cooked) */
} js_token;

typedef struct js_lexer {
    const char *src;
    uint32_t len;
    uint32_t pos;         /* next byte to scan */
    uint32_t line;        /* line of pos */
    uint32_t line_start;  /* offset where that line starts */
    uint32_t line_cont;   /* UTF-8 continuation bytes between line_start and pos,
                             so that columns count code points */
    js_token tok;         /* the current token */
    js_intern_table *intern;
    /* scratch buffer for string values with escapes (malloc'd) */
    char *buf;
    size_t buf_len, buf_cap;
    /* error reporting */
    js_parse_error *err;
    jmp_buf *jmp;
} js_lexer;

/* Prepares lx to scan src; skips a leading byte order mark and #! line.
 * Does not read the first token: call js_lex_next. */
void js_lex_init(js_lexer *lx, const char *src, uint32_t len, js_intern_table *intern,
                 js_parse_error *err, jmp_buf *jmp);
void js_lex_fini(js_lexer *lx);
/* Scans the next token into lx->tok. */
void js_lex_next(js_lexer *lx);
/* With lx->tok being the `}` that closes a template substitution, scans the
 * rest of the template chunk into lx->tok (JS_T_TEMPLATE_MIDDLE or _TAIL). */
void js_lex_template_continue(js_lexer *lx);
/* The type of the token after lx->tok, without consuming anything. */
js_tok js_lex_peek(js_lexer *lx);

/* Reports a syntax error at `offset` (which must lie on the line of the
 * current token or before, and be a token start or inside the current token)
 * and longjmps.  length is the underline width in code points (>= 1). */
_Noreturn void js_lex_fail_at(js_lexer *lx, uint32_t offset, uint32_t line, uint32_t col,
                              uint32_t length, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Reports a syntax error at the current token. */
_Noreturn void js_lex_fail(js_lexer *lx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void js_lex_out_of_memory(js_lexer *lx);
/* Length of the byte range in code points (at least 1). */
uint32_t js_utf8_width(const char *s, uint32_t len);

#endif
