/*
 * diag_print.c -- memwatch's results as text: 'stats' and 'leak' events as
 * console.log shows them (util.inspect), a heap diff as
 * JSON.stringify(diff, null, 2).
 *
 * util.inspect puts an object on one line when its entries fit: with n
 * entries of total length L (each "key: value"), when 2n + 11 + L <= 80
 * (breakLength 80; Node's reduceToSingleString and isBelowBreakLength at
 * indentation 0), else one entry per line, indented by two spaces.
 */
#include <errno.h>
#include <string.h>

#include "diag_internal.h"

typedef struct entry {
    const char *key;
    char value[192];
} entry;

/* The printers clear errno first, so that the errno of a failed write
 * (or of the final flush) names the cause; SIGPIPE is blocked meanwhile
 * (a pipe whose reader has gone is an EPIPE error, not the end of the
 * process). */
static gh_error finish(FILE *out, const char *who, gh_sigpipe_guard *g)
{
    bool failed = ferror(out) || fflush(out) != 0;
    int err = failed ? errno : 0;
    gh_sigpipe_restore(g, err == EPIPE);
    if (failed)
        return gh_diag_fail(GH_ERR_OS, "%s: write error: %s", who,
                            err ? strerror(err) : "the stream is in error");
    return GH_OK;
}

static gh_error print_object(FILE *out, const entry *e, size_t n, const char *who)
{
    gh_sigpipe_guard g;
    gh_sigpipe_block(&g);
    errno = 0;
    size_t total = 2 * n + 11;
    for (size_t i = 0; i < n; i++)
        total += strlen(e[i].key) + 2 + strlen(e[i].value);
    bool one_line = total <= 80;
    fputs(one_line ? "{ " : "{\n  ", out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(one_line ? ", " : ",\n  ", out);
        fprintf(out, "%s: %s", e[i].key, e[i].value);
    }
    fputs(one_line ? " }\n" : "\n}\n", out);
    return finish(out, who, &g);
}

static void uint_value(entry *e, const char *key, uint64_t v)
{
    e->key = key;
    snprintf(e->value, sizeof e->value, "%llu", (unsigned long long)v);
}

gh_error gh_leakwatch_stats_print(FILE *out, const gh_leakwatch_stats *s)
{
    if (!out || !s)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_leakwatch_stats_print: NULL argument");
    entry e[8];
    uint_value(&e[0], "num_full_gc", s->num_full_gc);
    uint_value(&e[1], "num_inc_gc", s->num_inc_gc);
    uint_value(&e[2], "heap_compactions", s->heap_compactions);
    e[3].key = "usage_trend";
    gh_diag_js_number(s->usage_trend, e[3].value, sizeof e[3].value);
    uint_value(&e[4], "estimated_base", s->estimated_base);
    uint_value(&e[5], "current_base", s->current_base);
    uint_value(&e[6], "min", s->min);
    uint_value(&e[7], "max", s->max);
    return print_object(out, e, 8, "gh_leakwatch_stats_print");
}

/* A string as util.inspect quotes it: single quotes, or double quotes if
 * it holds a single quote and no double quote.  text is n bytes at most
 * (a fixed-size field, which need not end in a NUL when full). */
static void js_quote(const char *text, size_t n, char *buf, size_t size)
{
    n = strnlen(text, n);
    char q = memchr(text, '\'', n) && !memchr(text, '"', n) ? '"' : '\'';
    size_t k = 0;
    if (size < 4)
        return;
    buf[k++] = q;
    for (const char *p = text; p < text + n && k + 4 < size; p++) {
        if (*p == q || *p == '\\')
            buf[k++] = '\\';
        if (*p == '\n') {
            buf[k++] = '\\';
            buf[k++] = 'n';
        } else {
            buf[k++] = *p;
        }
    }
    buf[k++] = q;
    buf[k] = '\0';
}

gh_error gh_leakwatch_leak_print(FILE *out, const gh_leakwatch_leak *l)
{
    if (!out || !l)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_leakwatch_leak_print: NULL argument");
    entry e[4];
    e[0].key = "start";
    gh_diag_iso_date(l->start_ms, e[0].value, sizeof e[0].value);
    e[1].key = "end";
    gh_diag_iso_date(l->end_ms, e[1].value, sizeof e[1].value);
    uint_value(&e[2], "growth", l->growth);
    e[3].key = "reason";
    js_quote(l->reason, sizeof l->reason, e[3].value, sizeof e[3].value);
    return print_object(out, e, 4, "gh_leakwatch_leak_print");
}

/* ---- the heap diff --------------------------------------------------------- */

static void size_line(FILE *out, const char *indent, int64_t bytes)
{
    char nice[64];
    fprintf(out, "%s\"size_bytes\": %lld,\n%s\"size\": ", indent, (long long)bytes, indent);
    gh_json_fputs(out, gh_diag_nice_size(bytes, nice, sizeof nice));
}

static void summary(FILE *out, const char *name, const gh_heapdiff_summary *s)
{
    fprintf(out, "  \"%s\": {\n    \"nodes\": %llu,\n", name, (unsigned long long)s->nodes);
    size_line(out, "    ", (int64_t)s->size_bytes);
    fputs("\n  },\n", out);
}

gh_error gh_heapdiff_print(FILE *out, const gh_heapdiff_result *r)
{
    if (!out || !r)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_heapdiff_print: NULL argument");
    gh_sigpipe_guard g;
    gh_sigpipe_block(&g);
    errno = 0;
    fputs("{\n", out);
    summary(out, "before", &r->before);
    summary(out, "after", &r->after);
    fputs("  \"change\": {\n", out);
    size_line(out, "    ", r->size_bytes);
    fprintf(out, ",\n    \"freed_nodes\": %llu,\n    \"allocated_nodes\": %llu,\n",
            (unsigned long long)r->freed_nodes, (unsigned long long)r->allocated_nodes);
    fputs(r->detail_count ? "    \"details\": [\n" : "    \"details\": []\n", out);
    for (size_t i = 0; i < r->detail_count; i++) {
        const gh_heapdiff_detail *d = &r->details[i];
        fputs("      {\n        \"what\": ", out);
        gh_json_fputs(out, d->what);
        fputs(",\n", out);
        size_line(out, "        ", d->size_bytes);
        fprintf(out, ",\n        \"+\": %llu,\n        \"-\": %llu\n      }%s\n",
                (unsigned long long)d->plus, (unsigned long long)d->minus,
                i + 1 < r->detail_count ? "," : "");
    }
    if (r->detail_count)
        fputs("    ]\n", out);
    fputs("  }\n}\n", out);
    return finish(out, "gh_heapdiff_print", &g);
}
