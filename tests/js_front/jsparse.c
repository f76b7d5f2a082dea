/* jsparse - parse JavaScript files with the ghjs front end and print the AST
 * (or the SyntaxError the way Node prints it).  A debugging aid.
 *   jsparse [-p] [-q] file.js...    -p: positions, -q: no output on success
 *   jsparse [-p] -e 'source'        parse the argument */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int parse_one(const char *src, size_t len, const char *name, unsigned opts, int quiet)
{
    js_parse_result r = js_parse(src, len, name);
    int rc = 0;
    if (r.ok) {
        if (!quiet)
            js_ast_dump_ex(stdout, r.program, opts);
    } else {
        js_parse_error_print(stdout, &r.error, src, len);
        rc = 1;
    }
    js_parse_free(&r);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned opts = 0;
    int quiet = 0, rc = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0) {
            opts |= JS_DUMP_POSITIONS;
        } else if (strcmp(argv[i], "-q") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
            i++;
            rc |= parse_one(argv[i], strlen(argv[i]), "<arg>", opts, quiet);
        } else {
            size_t len;
            char *src = read_file(argv[i], &len);
            if (!src) {
                perror(argv[i]);
                rc = 2;
                continue;
            }
            rc |= parse_one(src, len, argv[i], opts, quiet);
            free(src);
        }
    }
    return rc;
}
