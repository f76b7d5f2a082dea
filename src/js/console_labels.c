/* console_labels.c - console.count/countReset and console.time/timeLog/
 * timeEnd: a counter or a start time per label (a string; 'default' when
 * none is given), printed as node 20 prints them:
 *
 *     label: 3                     count
 *     label: 1.234ms               timeLog, timeEnd (then 2.500s, 1:02.345
 *                                  (m:ss.mmm), 1:02:03.456 (h:mm:ss.mmm))
 *
 * Misuse (a second time() of a label, timeEnd of an unknown one, ...) is a
 * process warning, as in node, not an exception. */
#include <time.h>

#include "builtins.h"

typedef struct label_entry {
    char *label;
    double value; /* count, or start time in ms */
} label_entry;

typedef struct label_table {
    label_entry *items;
    size_t n, cap;
} label_table;

static label_table counts, timers;

static label_entry *find(label_table *t, const char *label)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].label, label) == 0)
            return &t->items[i];
    return NULL;
}

/* A new entry (NULL when out of memory). */
static label_entry *add(label_table *t, const char *label, double value)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        label_entry *items = realloc(t->items, cap * sizeof *items);
        if (!items)
            return NULL;
        t->items = items;
        t->cap = cap;
    }
    char *copy = strdup(label);
    if (!copy)
        return NULL;
    t->items[t->n] = (label_entry){copy, value};
    return &t->items[t->n++];
}

static void drop(label_table *t, label_entry *e)
{
    free(e->label);
    *e = t->items[--t->n];
}

/* The label argument as node coerces it: `${label}`, 'default' for
 * undefined; false with the exception pending if ToString threw. */
static bool label_of(int argc, gh_value *argv, js_sbuf *out)
{
    gh_value v = js_arg(argc, argv, 0);
    if (v == JS_UNDEFINED) {
        sb_puts(out, "default");
        return true;
    }
    return js_to_cstring(v, out);
}

static gh_value warn(const char *fmt, const char *label)
{
    js_sbuf m = {0};
    sb_printf(&m, fmt, label);
    gh_value r = js_emit_warning(sb_cstr(&m));
    sb_free(&m);
    return r == JS_EXCEPTION ? r : JS_UNDEFINED;
}

static gh_value out_of_memory(void)
{
    return js_throw_error(JE_RANGE, "console: out of memory for labels");
}

NATIVE(console_count)
{
    (void)this_;
    js_sbuf label = {0};
    gh_value r = JS_EXCEPTION;
    if (label_of(argc, argv, &label)) {
        label_entry *e = find(&counts, sb_cstr(&label));
        if (e)
            e->value++;
        else
            e = add(&counts, sb_cstr(&label), 1);
        if (!e) {
            r = out_of_memory();
        } else {
            js_sbuf line = {0};
            sb_printf(&line, "%s: %.0f", label.data, e->value);
            gh_value *s = js_tmp_push(js_string_new(sb_cstr(&line), line.len));
            r = js_console_log(1, s);
            js_tmp_pop(1);
            sb_free(&line);
        }
    }
    sb_free(&label);
    return r;
}

NATIVE(console_count_reset)
{
    (void)this_;
    js_sbuf label = {0};
    gh_value r = JS_EXCEPTION;
    /* node looks the label up before coercing it: only a string (or none)
     * can name a counter */
    gh_value v = js_arg(argc, argv, 0);
    if (label_of(argc, argv, &label)) {
        label_entry *e = v == JS_UNDEFINED || js_is_string(v) ? find(&counts, label.data) : NULL;
        if (e) {
            drop(&counts, e);
            r = JS_UNDEFINED;
        } else {
            r = warn("Count for '%s' does not exist", label.data);
        }
    }
    sb_free(&label);
    return r;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* node's formatTime: ms below a second as a number of at most three
 * decimals, then seconds, then m:ss.mmm and h:mm:ss.mmm. */
static void format_duration(double ms, js_sbuf *out)
{
    double hours = 0, minutes = 0, seconds = 0;
    if (ms >= 1000) {
        if (ms >= 60000) {
            if (ms >= 3600000) {
                hours = floor(ms / 3600000);
                ms = fmod(ms, 3600000);
            }
            minutes = floor(ms / 60000);
            ms = fmod(ms, 60000);
        }
        seconds = ms / 1000;
    }
    js_sbuf fixed = {0};
    if (hours != 0 || minutes != 0) {
        js_number_to_fixed(seconds, 3, &fixed);
        const char *s = sb_cstr(&fixed), *dot = strchr(s, '.');
        int whole = (int)(dot - s);
        if (hours != 0)
            sb_printf(out, "%.0f:%02.0f", hours, minutes);
        else
            sb_printf(out, "%.0f", minutes);
        sb_printf(out, ":%s%.*s.%s (%sm:ss.mmm)", whole < 2 ? "0" : "", whole, s, dot + 1,
                  hours != 0 ? "h:m" : "");
    } else if (seconds != 0) {
        js_number_to_fixed(seconds, 3, &fixed);
        sb_printf(out, "%ss", sb_cstr(&fixed));
    } else {
        js_number_to_fixed(ms, 3, &fixed);
        char num[32];
        js_number_format(strtod(sb_cstr(&fixed), NULL), num, sizeof num);
        sb_printf(out, "%sms", num);
    }
    sb_free(&fixed);
}

NATIVE(console_time)
{
    (void)this_;
    js_sbuf label = {0};
    gh_value r = JS_EXCEPTION;
    if (label_of(argc, argv, &label)) {
        if (find(&timers, label.data))
            r = warn("Label '%s' already exists for console.time()", label.data);
        else
            r = add(&timers, label.data, now_ms()) ? JS_UNDEFINED : out_of_memory();
    }
    sb_free(&label);
    return r;
}

/* timeLog and timeEnd: "label: <duration>" and, for timeLog, its further
 * arguments formatted after it, as console.log('%s: %s', ...) does. */
static gh_value time_log(int argc, gh_value *argv, const char *name, bool end)
{
    js_sbuf label = {0};
    gh_value r = JS_EXCEPTION;
    if (!label_of(argc, argv, &label))
        goto out;
    label_entry *e = find(&timers, label.data);
    if (!e) {
        js_sbuf fmt = {0};
        sb_printf(&fmt, "No such label '%%s' for console.%s()", name);
        r = warn(sb_cstr(&fmt), label.data);
        sb_free(&fmt);
        goto out;
    }
    js_sbuf took = {0};
    format_duration(now_ms() - e->value, &took);
    if (end)
        drop(&timers, e);
    int extra = end || argc < 2 ? 0 : argc - 1;
    /* console.log('%s: %s', label, took, ...data), in adjacent rooted slots */
    gh_value *args = js_tmp_push(js_string_cstr("%s: %s"));
    js_tmp_push(js_string_new(label.data, label.len));
    js_tmp_push(js_string_new(sb_cstr(&took), took.len));
    for (int i = 0; i < extra; i++)
        js_tmp_push(argv[1 + i]);
    sb_free(&took);
    r = js_console_log(3 + extra, args);
    js_tmp_pop(3 + extra);
out:
    sb_free(&label);
    return r;
}

NATIVE(console_time_log)
{
    (void)this_;
    return time_log(argc, argv, "timeLog", false);
}

NATIVE(console_time_end)
{
    (void)this_;
    return time_log(argc, argv, "timeEnd", true);
}

void js_console_labels_init(gh_value *console)
{
    js_make_native(console, "count", console_count, 0);
    js_make_native(console, "countReset", console_count_reset, 0);
    js_make_native(console, "time", console_time, 0);
    js_make_native(console, "timeLog", console_time_log, 0);
    js_make_native(console, "timeEnd", console_time_end, 0);
}

static void table_free(label_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->items[i].label);
    free(t->items);
    *t = (label_table){0};
}

void js_console_labels_free(void)
{
    table_free(&counts);
    table_free(&timers);
}
