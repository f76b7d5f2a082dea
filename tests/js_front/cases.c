/* cases.c - reading test case files (see cases.h). */
#include "cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, (cap *= 2) + 1);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static void push_case(tcases *c, size_t *cap, tcase t)
{
    if (c->count == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        c->items = realloc(c->items, *cap * sizeof *c->items);
        if (!c->items) {
            perror("realloc");
            exit(2);
        }
    }
    c->items[c->count++] = t;
}

/* Cuts the text in place: each line ends at its '\n', replaced by NUL where a
 * field ends. */
int load_cases(const char *path, tcases *out)
{
    size_t len, cap = 0;
    memset(out, 0, sizeof *out);
    out->text = read_whole_file(path, &len);
    if (!out->text)
        return -1;
    char *s = out->text;
    tcase cur = {0};
    enum { NONE, SOURCE, EXPECTED } state = NONE;
    char *field_start = NULL;
    while (*s) {
        char *eol = strchr(s, '\n');
        char *next = eol ? eol + 1 : s + strlen(s);
        if (strncmp(s, "### ", 4) == 0) {
            if (state == EXPECTED) {
                s[-1] = '\0'; /* ends the expected text */
                push_case(out, &cap, cur);
            }
            if (eol)
                *eol = '\0';
            memset(&cur, 0, sizeof cur);
            cur.name = s + 4;
            state = SOURCE;
            field_start = next;
        } else if (state == SOURCE && strncmp(s, "---", 3) == 0 && (s[3] == '\n' || !s[3])) {
            cur.source = field_start;
            cur.source_len = (size_t)(s - field_start) - (s > field_start ? 1 : 0);
            field_start[cur.source_len] = '\0';
            cur.expected = next;
            state = EXPECTED;
        }
        s = next;
    }
    if (state == EXPECTED)
        push_case(out, &cap, cur);
    /* drop trailing blank lines of the expected texts */
    for (size_t i = 0; i < out->count; i++) {
        char *e = (char *)out->items[i].expected;
        size_t n = strlen(e);
        while (n && (e[n - 1] == '\n' || e[n - 1] == ' '))
            e[--n] = '\0';
    }
    return 0;
}

void free_cases(tcases *c)
{
    free(c->items);
    free(c->text);
    memset(c, 0, sizeof *c);
}
