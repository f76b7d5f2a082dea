/* parser.h - public API of the ghjs front end: source text -> AST (ast.h).
 *
 *   js_parse_result r = js_parse(src, len, "file.js");
 *   if (!r.ok) {
 *       js_parse_error_print(stderr, &r.error, src, len);  // Node's shape
 *   } else {
 *       walk(r.program);                                  // a JS_PROGRAM node
 *   }
 *   js_parse_free(&r);                                    // in both cases
 *
 * The accepted language is ES5 plus let/const, arrow functions, template
 * literals, `**`, `??`, shorthand properties and methods in object literals.
 * Anything else (classes, regular expression literals, destructuring, spread,
 * generators, async, for-of, getters/setters, ...) is a SyntaxError naming
 * the construct.  Parsing never crashes and never recurses without bound; it
 * takes time and memory linear in the input size.
 */
#ifndef GHJS_PARSER_H
#define GHJS_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"

/* Nesting limit (statements, expressions, and operators of left-associative
 * chains each count one level).  Deeper input fails with "too deeply nested". */
#define JS_PARSE_DEFAULT_MAX_DEPTH 1000

typedef enum js_error_kind {
    JS_ERROR_SYNTAX = 1, /* print as "SyntaxError: <message>" */
    JS_ERROR_MEMORY      /* out of memory; message is "out of memory" */
} js_error_kind;

typedef struct js_parse_error {
    js_error_kind kind;
    char message[256];    /* without the "SyntaxError: " prefix */
    const char *filename; /* a copy owned by the result */
    uint32_t line;        /* 1-based */
    uint32_t column;      /* 1-based, in code points */
    uint32_t offset;      /* 0-based byte offset of the offending token */
    uint32_t length;      /* its length in code points (>= 1), for ^^^ underlines */
} js_parse_error;

typedef struct js_parse_options {
    /* Accept `return` at the top level (Node accepts it in CommonJS modules).
     * Off by default: top-level return is "Illegal return statement". */
    bool allow_return_outside_function;
    /* Start in strict mode (as if the program began with 'use strict'). */
    bool strict;
    /* 0 means JS_PARSE_DEFAULT_MAX_DEPTH. */
    unsigned max_depth;
    /* Names of implicit parameters of the program, NULL-terminated, e.g.
     * {"exports", "require", "module", "__filename", "__dirname", NULL} for
     * Node's CommonJS wrapper.  They become the JS_PROGRAM's params (with
     * position 1:1), so `let require` is an error as in Node. */
    const char *const *program_params;
} js_parse_options;

typedef struct js_parse_result {
    bool ok;
    js_node *program;      /* the JS_PROGRAM node when ok, else NULL */
    js_parse_error error;  /* when !ok */
    js_arena *arena;       /* owns the tree; freed by js_parse_free */
    char *filename;        /* owned copy of the file name */
} js_parse_result;

/* `source` need not be NUL-terminated; `filename` may be NULL ("<input>"). */
js_parse_result js_parse(const char *source, size_t length, const char *filename);
js_parse_result js_parse_ex(const char *source, size_t length, const char *filename,
                            const js_parse_options *options);
void js_parse_free(js_parse_result *result);

/* Prints the error the way Node prints an uncaught SyntaxError:
 *   file:line
 *   <the source line>
 *   <spaces>^^^
 *   <blank line>
 *   SyntaxError: message
 * The source is needed for the second line; pass NULL to omit lines 2-4. */
void js_parse_error_print(FILE *out, const js_parse_error *error,
                          const char *source, size_t length);

#endif
