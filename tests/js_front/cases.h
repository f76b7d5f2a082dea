/* cases.h - reading the test case files of tests/js_front/cases/.
 *
 * A case file is a sequence of cases:
 *
 *   ### name of the case
 *   source lines
 *   ---
 *   expected lines
 *
 * The source is the text between the header and the `---` line (its last
 * newline excluded); the expected text runs to the next `### ` line, with
 * trailing blank lines dropped.
 */
#ifndef JS_FRONT_CASES_H
#define JS_FRONT_CASES_H

#include <stddef.h>

typedef struct tcase {
    const char *name;
    const char *source;
    size_t source_len;
    const char *expected;
} tcase;

typedef struct tcases {
    tcase *items;
    size_t count;
    char *text; /* the file contents that the fields point into */
} tcases;

char *read_whole_file(const char *path, size_t *len);
/* Returns 0 on success. */
int load_cases(const char *path, tcases *out);
void free_cases(tcases *c);

#endif
