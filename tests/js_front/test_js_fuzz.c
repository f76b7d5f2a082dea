/* test_js_fuzz.c - robustness test of the ghjs front end.
 *
 *   test_js_fuzz [DIR [ITERATIONS [SEED]]]      DIR is tests/js_front
 *
 * Feeds the parser truncated and randomly mutated versions of the reference
 * scripts (corpus/NAME.js) and of the snippets in cases/NAME.txt, with a fixed
 * seed, and checks only that it returns cleanly: either a tree (which is then
 * dumped, to walk all of it) or an error whose position lies in the input.
 * Meant to run under AddressSanitizer and UndefinedBehaviorSanitizer; every
 * input is in a buffer of exactly its length, so over-reads are caught.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

typedef struct input {
    char *data;
    size_t len;
} input;

static input inputs[512];
static size_t ninputs;
static FILE *devnull;
static unsigned long parses, accepted;

static uint64_t rng_state;

static uint64_t rng(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static size_t below(size_t n)
{
    return n ? (size_t)(rng() % n) : 0;
}

static void add_input(const char *data, size_t len)
{
    if (ninputs == sizeof inputs / sizeof *inputs)
        return;
    inputs[ninputs].data = malloc(len + 1);
    memcpy(inputs[ninputs].data, data, len);
    inputs[ninputs].len = len;
    ninputs++;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

static void load_corpus(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus", dir);
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        exit(2);
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name), len;
        if (n < 4 || strcmp(e->d_name + n - 3, ".js") != 0)
            continue;
        snprintf(path, sizeof path, "%s/corpus/%s", dir, e->d_name);
        char *src = read_file(path, &len);
        if (src)
            add_input(src, len);
        free(src);
    }
    closedir(d);
}

/* Every snippet of a case file (the text between "### " headers and "---"). */
static void load_snippets(const char *dir, const char *name)
{
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/cases/%s", dir, name);
    char *text = read_file(path, &len);
    if (!text) {
        perror(path);
        exit(2);
    }
    for (char *s = strstr(text, "### "); s; s = strstr(s, "\n### ")) {
        char *src = strchr(s + 1, '\n');
        char *end = src ? strstr(src, "\n---") : NULL;
        if (!end)
            break;
        add_input(src + 1, (size_t)(end - src - 1 + (end > src)));
        s = end;
    }
    free(text);
}

typedef struct walk {
    const js_node *parent;
    size_t len;
    unsigned long nodes;
    int bad;
} walk;

/* Every node lies in the source, at or after the start of its parent. */
static void walk_child(js_node *child, void *ctx)
{
    walk *w = ctx;
    const js_node *parent = w->parent;
    w->nodes++;
    if (child->pos.offset > w->len || child->pos.offset < parent->pos.offset ||
        child->pos.line < parent->pos.line || child->pos.line < 1 || child->pos.column < 1 ||
        child->kind <= JS_INVALID || child->kind >= JS_NODE_KIND_COUNT) {
        fprintf(stderr, "bad node %s at %u:%u (parent %s at %u:%u)\n",
                js_node_kind_name(child->kind), child->pos.line, child->pos.column,
                js_node_kind_name(parent->kind), parent->pos.line, parent->pos.column);
        w->bad = 1;
    }
    w->parent = child;
    js_ast_for_each_child(child, walk_child, w);
    w->parent = parent;
}

static int check_tree(const js_node *program, size_t len)
{
    walk w = {program, len, 0, 0};
    js_ast_for_each_child(program, walk_child, &w);
    js_ast_dump_ex(devnull, program, JS_DUMP_POSITIONS);
    return w.bad;
}

static int check(const char *data, size_t len)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, data, len);
    js_parse_result r = js_parse(copy, len, "fuzz.js");
    int bad = 0;
    parses++;
    if (r.ok) {
        accepted++;
        if (!r.program || r.program->kind != JS_PROGRAM)
            bad = 1;
        else
            bad = check_tree(r.program, len);
    } else if (!r.error.message[0] || r.error.line < 1 || r.error.column < 1 ||
               r.error.offset > len || r.error.length < 1) {
        bad = 1;
    } else {
        js_parse_error_print(devnull, &r.error, copy, len);
    }
    if (bad)
        fprintf(stderr, "bad result for input of %zu bytes: '%.*s'\n", len, (int)len, data);
    js_parse_free(&r);
    free(copy);
    return bad;
}

static const char *const tokens[] = {
    "(", ")", "{", "}", "[", "]", ";", ",", ".", "=>", "`", "${", "'", "\"", "\\",
    "/*", "*/", "//", "\n", " ", "?", ":", "=", "++", "--", "**", "??", "...", "?.",
    "function", "var", "let", "const", "return", "if", "else", "for", "in", "of",
    "while", "do", "break", "continue", "switch", "case", "default", "try", "catch",
    "finally", "throw", "new", "this", "class", "async", "yield", "typeof", "delete",
    "0x", "1e", ".5", "'use strict';", "\\u{", "\xc3\xa9", "\xe2\x80\xa8", "\xff", "#",
    "label:", "arguments", "eval(", "__proto__:", "get ", "0", "\"\\",
};

/* One random edit of buf (capacity cap) in place; returns the new length. */
static size_t mutate(char *buf, size_t len, size_t cap)
{
    size_t at = below(len + 1), n;
    switch (below(6)) {
    case 0: /* overwrite a byte */
        if (len)
            buf[below(len)] = (char)below(256);
        return len;
    case 1: /* delete a range */
        n = below(16);
        if (at + n > len)
            n = len - at;
        memmove(buf + at, buf + at + n, len - at - n);
        return len - n;
    case 2: { /* insert a token */
        const char *t = tokens[below(sizeof tokens / sizeof *tokens)];
        n = strlen(t);
        if (len + n > cap)
            return len;
        memmove(buf + at + n, buf + at, len - at);
        memcpy(buf + at, t, n);
        return len + n;
    }
    case 3: { /* duplicate a range elsewhere */
        size_t from = below(len + 1);
        n = below(64);
        if (from + n > len)
            n = len - from;
        if (len + n > cap)
            return len;
        char tmp[64];
        memcpy(tmp, buf + from, n);
        memmove(buf + at + n, buf + at, len - at);
        memcpy(buf + at, tmp, n);
        return len + n;
    }
    case 4: /* swap two bytes */
        if (len > 1) {
            size_t a = below(len), b = below(len);
            char c = buf[a];
            buf[a] = buf[b];
            buf[b] = c;
        }
        return len;
    default: /* truncate */
        return at;
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    unsigned long iterations = argc > 2 ? strtoul(argv[2], NULL, 10) : 20000;
    rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) : 0x9E3779B97F4A7C15ULL;
    if (!rng_state)
        rng_state = 1;
    devnull = fopen("/dev/null", "w");
    load_corpus(dir);
    load_snippets(dir, "ast.txt");
    load_snippets(dir, "errors.txt");
    int failures = 0;
    /* every prefix of every reference script */
    for (size_t i = 0; i < ninputs; i++) {
        size_t step = inputs[i].len > 4000 ? 7 : 1;
        for (size_t n = 0; n <= inputs[i].len; n += step)
            failures += check(inputs[i].data, n);
    }
    /* random mutations */
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    for (unsigned long it = 0; it < iterations; it++) {
        const input *in = &inputs[below(ninputs)];
        size_t len = in->len < cap ? in->len : cap;
        memcpy(buf, in->data, len);
        for (size_t k = 1 + below(8); k > 0; k--)
            len = mutate(buf, len, cap);
        failures += check(buf, len);
    }
    free(buf);
    for (size_t i = 0; i < ninputs; i++)
        free(inputs[i].data);
    fclose(devnull);
    printf("test_js_fuzz: %lu parses (%lu accepted), %d failures\n", parses, accepted, failures);
    return failures ? 1 : 0;
}
