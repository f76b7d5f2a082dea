/* inspect_int.h - what inspect.c and inspect_layout.c share: node's layout
 * constants, the formatting context and a list of formatted entries. */
#ifndef JS_INSPECT_INT_H
#define JS_INSPECT_INT_H

#include "value.h"

#define COMPACT 3 /* node's compact: levels that may share a line */

typedef struct strlist {
    char **items; /* malloc'd strings, owned by the list */
    size_t n, cap;
} strlist;

typedef struct ictx {
    int depth, indent, current_depth;
    int break_length, max_array; /* the options' breakLength, maxArrayLength */
    bool show_hidden;
    gh_value *seen;
    size_t nseen, capseen;
    gh_value *circular; /* index i -> ref *i+1 */
    size_t ncirc, capcirc;
} ictx;

void inspect_list_push(strlist *l, char *s);
void inspect_list_free(strlist *l);
char *inspect_take(js_sbuf *b); /* b's string, malloc'd; b left empty */
/* Terminal columns of s, as node's getStringWidth: full-width characters
 * 2, combining marks and control characters 0. */
size_t inspect_string_width(const char *s);

/* Write the entries in output between brace0 and brace1 (after base, if
 * not empty) on one line or several, as node's reduceToSingleString;
 * value is the array when is_array (its numbers are right-aligned). */
void inspect_reduce_to_single_string(ictx *c, strlist *output, const char *base,
                                     const char *brace0, const char *brace1, bool is_array,
                                     int recurse, gh_value value, js_sbuf *out);

#endif
