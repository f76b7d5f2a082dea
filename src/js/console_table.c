/* console_table.c - console.table as node 20 draws it:
 *
 *     ┌─────────┬─────┬─────┐
 *     │ (index) │ a   │ b   │
 *     ├─────────┼─────┼─────┤
 *     │ 0       │ 1   │ 'Y' │
 *     └─────────┴─────┴─────┘
 *
 * Rows are the data's own enumerable keys (a Map's or Set's entries,
 * numbered as "(iteration index)"); columns are the keys of the rows that
 * are objects (or the `properties` asked for), integer keys first as in
 * an object's key order, then "Values" for rows that are primitives.  A
 * cell is util.inspect of the value with depth 0 (-1 for an object of more
 * than two keys: just [Object]), at most 3 array items, on one line.
 * Anything but an object is console.log'ged instead. */
#include "builtins.h"
#include "inspect_int.h"
#include "map.h"

/* One column: its heading and a cell per row (NULL: empty). */
typedef struct column {
    char *head;
    int64_t index; /* the heading as an integer key, or -1 */
    char **cells;
} column;

typedef struct table {
    column *cols;
    size_t ncols, cap;
    size_t nrows;
} table;

static column *add_column(table *t, const char *head)
{
    if (t->ncols == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->cols = realloc(t->cols, t->cap * sizeof *t->cols);
        if (!t->cols)
            abort();
    }
    column *c = &t->cols[t->ncols++];
    c->head = strdup(head);
    c->index = js_atom_index(js_atom_cstr(head));
    c->cells = calloc(t->nrows ? t->nrows : 1, sizeof *c->cells);
    if (!c->head || !c->cells)
        abort();
    return c;
}

static column *find_column(table *t, const char *head)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].head, head) == 0)
            return &t->cols[i];
    return NULL;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->ncols; i++) {
        for (size_t r = 0; r < t->nrows; r++)
            free(t->cols[i].cells[r]);
        free(t->cols[i].cells);
        free(t->cols[i].head);
    }
    free(t->cols);
}

/* A cell: util.inspect(v) with console.table's options. */
static char *cell_of(gh_value v)
{
    bool wide_object = js_is_object(v) && !js_is_array(v) && !js_is_class(v, JC_BUFFER);
    if (wide_object) {
        js_atom_id *keys;
        size_t n = js_own_key_atoms(v, true, &keys);
        free(keys);
        wide_object = n > 2;
    }
    js_inspect_opts o = JS_INSPECT_OPTS(wide_object ? -1 : 0, false);
    o.break_length = JS_INSPECT_UNLIMITED;
    o.max_array_length = 3;
    js_sbuf b = {0};
    js_inspect(v, &o, &b);
    return inspect_take(&b);
}

static void set_cell(column *c, size_t row, char *text)
{
    free(c->cells[row]);
    c->cells[row] = text;
}

/* ---- drawing ---- */

static void rule(js_sbuf *out, const size_t *widths, size_t n, const char *left,
                 const char *mid, const char *right)
{
    sb_puts(out, left);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < widths[i] + 2; k++)
            sb_puts(out, "─");
        sb_puts(out, i + 1 < n ? mid : right);
    }
    sb_putc(out, '\n');
}

static void row_line(js_sbuf *out, const table *t, const size_t *widths, size_t row, bool head)
{
    sb_puts(out, "│ ");
    for (size_t i = 0; i < t->ncols; i++) {
        const char *s = head ? t->cols[i].head : t->cols[i].cells[row];
        s = s ? s : "";
        sb_puts(out, s);
        for (size_t k = inspect_string_width(s); k < widths[i]; k++)
            sb_putc(out, ' ');
        sb_puts(out, i + 1 < t->ncols ? " │ " : " │");
    }
    sb_putc(out, '\n');
}

static gh_value draw(const table *t)
{
    size_t *widths = calloc(t->ncols, sizeof *widths);
    if (!widths)
        abort();
    for (size_t i = 0; i < t->ncols; i++) {
        widths[i] = inspect_string_width(t->cols[i].head);
        for (size_t r = 0; r < t->nrows; r++)
            if (t->cols[i].cells[r] && inspect_string_width(t->cols[i].cells[r]) > widths[i])
                widths[i] = inspect_string_width(t->cols[i].cells[r]);
    }
    js_sbuf b = {0};
    rule(&b, widths, t->ncols, "┌", "┬", "┐");
    row_line(&b, t, widths, 0, true);
    rule(&b, widths, t->ncols, "├", "┼", "┤");
    for (size_t r = 0; r < t->nrows; r++)
        row_line(&b, t, widths, r, false);
    rule(&b, widths, t->ncols, "└", "┴", "┘");
    free(widths);
    gh_value *s = js_tmp_push(js_string_new(b.data, b.len - 1)); /* no last newline */
    sb_free(&b);
    gh_value r = js_console_log(1, s);
    js_tmp_pop(1);
    return r;
}

/* ---- filling ---- */

/* A Map (or a Map's entries iterator): "(iteration index)", Key, Values;
 * a Set or another iterator: "(iteration index)", Values. */
static void fill_collection(table *t, gh_value *coll, bool iterator, bool key_value)
{
    gh_value key, value;
    bool pair;
    size_t n = 0;
    size_t pos = iterator ? js_map_iterator_position(*coll) : 0;
    while (iterator ? js_map_iterator_peek(*coll, &pos, &key, &value, &pair)
                    : js_map_next(*coll, &pos, &key, &value))
        n++;
    t->nrows = n;
    add_column(t, "(iteration index)");
    if (key_value)
        add_column(t, "Key");
    add_column(t, "Values");
    column *index = &t->cols[0], *keys = key_value ? &t->cols[1] : NULL;
    column *values = &t->cols[t->ncols - 1];
    pos = iterator ? js_map_iterator_position(*coll) : 0;
    for (size_t r = 0; r < n; r++) {
        if (iterator)
            js_map_iterator_peek(*coll, &pos, &key, &value, &pair);
        else
            js_map_next(*coll, &pos, &key, &value);
        /* rooted: a getter that inspect runs may collect */
        JS_SCOPE_OPEN(sc);
        gh_value *k = js_root(key), *v = js_root(key_value || !iterator ? value : key);
        char num[32];
        snprintf(num, sizeof num, "%zu", r);
        set_cell(index, r, strdup(num));
        if (keys)
            set_cell(keys, r, cell_of(*k));
        set_cell(values, r, cell_of(*v));
        JS_SCOPE_CLOSE(sc);
    }
}

/* The columns of row r from its object item: the keys asked for (props, a
 * JS array) or its own enumerable keys.  False on an exception. */
static bool fill_object_row(table *t, size_t r, gh_value *item, gh_value *props, bool primitive)
{
    JS_SCOPE_OPEN(sc);
    gh_value *names = js_root(js_is_array(*props) ? *props : js_own_keys(*item, true));
    bool ok = true;
    for (uint64_t k = 0; ok && k < js_array_length(js_obj(*names)); k++) {
        gh_value *name = js_root(js_array_get(js_obj(*names), k));
        js_sbuf head = {0};
        if (!js_to_cstring(*name == JS_HOLE ? JS_UNDEFINED : *name, &head)) {
            ok = false;
            break;
        }
        column *c = find_column(t, sb_cstr(&head));
        if (!c)
            c = add_column(t, head.data);
        js_atom_id atom = js_atom_cstr(head.data);
        sb_free(&head);
        if (primitive || !js_has_own(*item, atom)) {
            set_cell(c, r, strdup(""));
            continue;
        }
        gh_value v = js_get(*item, atom);
        if (v == JS_EXCEPTION)
            ok = false;
        else
            set_cell(c, r, cell_of(v));
    }
    JS_SCOPE_CLOSE(sc);
    return ok;
}

/* Integer-like headings first, ascending, as an object's keys come; the
 * rest keep their order (insertion sort: stable). */
static void order_columns(table *t, size_t first)
{
    for (size_t i = first + 1; i < t->ncols; i++)
        for (size_t j = i; j > first; j--) {
            int64_t a = t->cols[j - 1].index, b = t->cols[j].index;
            if (!(b >= 0 && (a < 0 || a > b)))
                break;
            column tmp = t->cols[j];
            t->cols[j] = t->cols[j - 1];
            t->cols[j - 1] = tmp;
        }
}

/* Any other object: a row per own enumerable key, "(index)" holding the
 * key; object rows fill the columns, primitive rows "Values" (last). */
static bool fill_object(table *t, gh_value *data, gh_value *props)
{
    JS_SCOPE_OPEN(sc);
    gh_value *rows = js_root(js_own_keys(*data, true));
    t->nrows = js_array_length(js_obj(*rows));
    add_column(t, "(index)");
    char **values = NULL; /* the primitive rows' cells, when there are any */
    bool ok = true;
    for (size_t r = 0; ok && r < t->nrows; r++) {
        gh_value *name = js_root(js_array_get(js_obj(*rows), r));
        set_cell(&t->cols[0], r, strdup(js_str(*name)->data));
        gh_value *item = js_root(js_get_value(*data, *name));
        if (*item == JS_EXCEPTION) {
            ok = false;
        } else if (!js_is_object(*item) && !js_is_array(*props)) {
            if (!values && !(values = calloc(t->nrows, sizeof *values)))
                abort();
            values[r] = cell_of(*item);
        } else {
            ok = fill_object_row(t, r, item, props, !js_is_object(*item));
        }
    }
    order_columns(t, 1);
    if (values) {
        column *c = add_column(t, "Values");
        free(c->cells);
        c->cells = values;
    }
    JS_SCOPE_CLOSE(sc);
    return ok;
}

/* Whether a Map iterator gives [key, value] entries. */
static bool iterator_pairs(gh_value it)
{
    size_t pos = js_map_iterator_position(it);
    gh_value key, value;
    bool pair = false;
    return js_map_iterator_peek(it, &pos, &key, &value, &pair) && pair;
}

NATIVE(console_table)
{
    (void)this_;
    gh_value *data = js_root(ARG(0)), *props = js_root(ARG(1));
    if (*props != JS_UNDEFINED && !js_is_array(*props))
        return js_throw_arg_type("The \"properties\" argument must be an instance of Array", *props);
    if (!js_is_object(*data) || js_is_callable(*data))
        return js_console_log(1, data);
    table t = {0};
    bool ok = true;
    bool map_iter = js_is_class(*data, JC_MAPITER) && !js_map_iterator_is_array(*data);
    if (js_is_class(*data, JC_MAP))
        fill_collection(&t, data, false, true);
    else if (js_is_class(*data, JC_SET))
        fill_collection(&t, data, false, false);
    else if (map_iter)
        fill_collection(&t, data, true, !js_map_iterator_of_set(*data) && iterator_pairs(*data));
    else
        ok = fill_object(&t, data, props);
    gh_value r = ok ? draw(&t) : JS_EXCEPTION;
    table_free(&t);
    return r;
}

void js_console_table_init(gh_value *console)
{
    js_make_native(console, "table", console_table, 1);
}
