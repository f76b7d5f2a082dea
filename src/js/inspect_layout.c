/* inspect_layout.c - how util.inspect lays out the entries it formatted
 * (inspect.c), as Node 20 does: arrays of more than six entries grouped in
 * aligned columns, everything on one line when it fits within breakLength
 * and is at most `compact` levels deep, else one entry per line.  Widths
 * are counted as node counts them: UTF-16 units for the line limit,
 * terminal columns (wide East Asian characters 2, combining marks 0) for
 * the columns. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_int.h"
#include "vm.h"

void inspect_list_push(strlist *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = s;
}

void inspect_list_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
}

char *inspect_take(js_sbuf *b)
{
    sb_cstr(b);
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *q = *p;
    uint32_t c = *q++;
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra)
        c &= 0x3F >> extra;
    for (int i = 0; i < extra && *q; i++)
        c = c << 6 | (*q++ & 0x3F);
    *p = q;
    return c;
}

/* JavaScript's .length of a UTF-8 string: UTF-16 units. */
static size_t units_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;)
        n += next_cp(&p) >= 0x10000 ? 2 : 1;
    return n;
}

/* Node's getStringWidth: full-width characters count 2, zero-width 0. */
static bool full_width(uint32_t c)
{
    return c >= 0x1100 &&
           (c <= 0x115f || c == 0x2329 || c == 0x232a || (c >= 0x2e80 && c <= 0x3247 && c != 0x303f) ||
            (c >= 0x3250 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0xa4c6) || (c >= 0xa960 && c <= 0xa97c) ||
            (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) ||
            (c >= 0xfe30 && c <= 0xfe6b) || (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
            (c >= 0x1b000 && c <= 0x1b001) || (c >= 0x1f200 && c <= 0x1f251) ||
            (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x20000 && c <= 0x3fffd));
}

static bool zero_width(uint32_t c)
{
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xE0100 && c <= 0xE01EF);
}

size_t inspect_string_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p < 0x80) { /* ASCII: printable ones are 1 */
            n += *p >= 0x20 && *p != 0x7f;
            p++;
            continue;
        }
        uint32_t c = next_cp(&p);
        n += full_width(c) ? 2 : zero_width(c) ? 0 : 1;
    }
    return n;
}

static strlist group_array_elements(ictx *c, strlist *output, gh_value value)
{
    size_t total = 0, maxlen = 0, outlen = output->n;
    if ((size_t)c->max_array < output->n)
        outlen--;
    size_t *datalen = calloc(output->n + 1, sizeof *datalen);
    for (size_t i = 0; i < outlen; i++) {
        size_t len = inspect_string_width(output->items[i]);
        datalen[i] = len;
        total += len + 2;
        if (maxlen < len)
            maxlen = len;
    }
    size_t actual = maxlen + 2;
    strlist res = {0};
    if ((double)actual * 3 + c->indent < c->break_length &&
        ((double)total / (double)actual > 5 || maxlen <= 6)) {
        double avg_bias = sqrt((double)actual - (double)total / (double)output->n);
        double biased = fmax((double)actual - 3 - avg_bias, 1);
        double cols = fmin(fmin(round(sqrt(2.5 * biased * (double)outlen) / biased),
                                floor(((double)c->break_length - c->indent) / (double)actual)),
                           fmin(COMPACT * 4, 15));
        size_t columns = (size_t)cols;
        if (columns > 1) {
            size_t *maxline = calloc(columns, sizeof *maxline);
            for (size_t i = 0; i < columns; i++) {
                size_t line = 0;
                for (size_t j = i; j < output->n; j += columns)
                    if (j < outlen && datalen[j] > line)
                        line = datalen[j];
                maxline[i] = line + 2;
            }
            bool pad_start = true;
            js_object *o = js_obj(value);
            for (size_t i = 0; i < output->n; i++) {
                gh_value e = js_array_get(o, i);
                if (!js_is_number(e)) {
                    pad_start = false;
                    break;
                }
            }
            for (size_t i = 0; i < outlen; i += columns) {
                size_t max = i + columns < outlen ? i + columns : outlen;
                js_sbuf b = {0};
                size_t j = i;
                for (; j < max - 1; j++) {
                    size_t pad = maxline[j - i];
                    size_t w = datalen[j] + 2;
                    if (pad_start)
                        for (size_t k = w; k < pad; k++)
                            sb_putc(&b, ' ');
                    sb_puts(&b, output->items[j]);
                    sb_puts(&b, ", ");
                    if (!pad_start)
                        for (size_t k = w; k < pad; k++)
                            sb_putc(&b, ' ');
                }
                if (pad_start) {
                    size_t pad = maxline[j - i] - 2;
                    for (size_t k = datalen[j]; k < pad; k++)
                        sb_putc(&b, ' ');
                }
                sb_puts(&b, output->items[j]);
                inspect_list_push(&res, inspect_take(&b));
            }
            if ((size_t)c->max_array < output->n)
                inspect_list_push(&res, strdup(output->items[outlen]));
            free(maxline);
        }
    }
    free(datalen);
    return res;
}

static bool below_break_length(const ictx *c, strlist *out, size_t start, const char *base)
{
    size_t total = out->n + start, limit = (size_t)c->break_length;
    if (total + out->n > limit)
        return false;
    for (size_t i = 0; i < out->n; i++) {
        total += units_len(out->items[i]);
        if (total > limit)
            return false;
    }
    return base[0] == 0 || !strchr(base, '\n');
}

void inspect_reduce_to_single_string(ictx *c, strlist *output, const char *base, const char *brace0,
                                    const char *brace1, bool is_array, int recurse, gh_value value,
                                    js_sbuf *out)
{
    size_t entries = output->n;
    strlist grouped = {0};
    strlist *use = output;
    if (is_array && entries > 6) {
        grouped = group_array_elements(c, output, value);
        if (grouped.n)
            use = &grouped;
    }
    if (c->current_depth - recurse < COMPACT && entries == use->n) {
        size_t start = use->n + (size_t)c->indent + strlen(brace0) + strlen(base) + 10;
        if (below_break_length(c, use, start, base)) {
            js_sbuf j = {0};
            for (size_t i = 0; i < use->n; i++) {
                if (i)
                    sb_puts(&j, ", ");
                sb_puts(&j, use->items[i]);
            }
            if (!strchr(sb_cstr(&j), '\n')) {
                if (base[0])
                    sb_printf(out, "%s ", base);
                sb_printf(out, "%s %s %s", brace0, j.data, brace1);
                sb_free(&j);
                inspect_list_free(&grouped);
                return;
            }
            sb_free(&j);
        }
    }
    js_sbuf ind = {0};
    sb_putc(&ind, '\n');
    for (int i = 0; i < c->indent; i++)
        sb_putc(&ind, ' ');
    if (base[0])
        sb_printf(out, "%s ", base);
    sb_printf(out, "%s%s  ", brace0, ind.data);
    for (size_t i = 0; i < use->n; i++) {
        if (i)
            sb_printf(out, ",%s  ", ind.data);
        sb_puts(out, use->items[i]);
    }
    sb_printf(out, "%s%s", ind.data, brace1);
    sb_free(&ind);
    inspect_list_free(&grouped);
}
