/*
 * test_diag_snapshot.c -- heap snapshots of known heaps.
 *
 * Each case builds a small heap of a known shape and writes it to
 * <dir>/<case>.heapsnapshot (dir: the first argument, default
 * "diag-snapshots").  The checks that need the whole JSON run afterwards,
 * in node: validate_snapshot.js (every file, strictly), check_snapshots.js
 * (each known shape) and memlab_check.js (memlab's view of them).  Here:
 * the C side -- return codes, error messages, removal of partial files,
 * ids across moves, the near-heap-limit helper.
 */
#include "diag_test_util.h"
#include "../child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *out_dir = "diag-snapshots";
static diag_types T;

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s.heapsnapshot", out_dir, name);
}

static void write_snapshot(gh_heap *h, const char *name)
{
    char path[512];
    path_of(path, sizeof path, name);
    gh_error err = gh_snapshot_write(h, path);
    if (err != GH_OK)
        fail_msg("%s: %s", path, gh_diag_last_error_message());
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
}

static const char *const tree_keys[] = {"left", "right", NULL};

static jsobj *tree(gh_heap *h, int depth)
{
    if (depth == 0)
        return NULL;
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle l = gh_handle_new(h, tree(h, depth - 1));
    gh_handle r = gh_handle_new(h, tree(h, depth - 1));
    jsobj *n = new_obj(h, T.obj, "TreeNode", tree_keys, 2);
    set_slot(n, &n->slots[0], *l);
    set_slot(n, &n->slots[1], *r);
    gh_scope_close(&s);
    return n;
}

/* A binary tree of 63 nodes, and strings that need escaping. */
static void snapshot_tree(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle root = gh_handle_new(h, tree(h, 6));
    static const char *const str_keys[] = {"quoted", "unicode", "invalid", "control", NULL};
    gh_handle strings = gh_handle_new(h, new_obj(h, T.obj, "Strings", str_keys, 4));
    const char *texts[4] = {"quote \" backslash \\ newline \n tab \t end",
                            "h\xc3\xa9llo \xe2\x98\x83 \xf0\x9f\x98\x80", "bad \xff byte",
                            "bell \x07 del \x7f"};
    for (int i = 0; i < 4; i++) {
        jsstr *str = new_str(h, T.str, texts[i]);
        jsobj *o = *strings;
        set_slot(o, &o->slots[i], str);
    }
    for (int i = 0; i < 1000; i++) /* garbage, gone from the snapshot */
        new_obj(h, T.obj, "Garbage", NULL, 4);
    write_snapshot(h, "tree");
    (void)root;
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Names that differ only in their invalid UTF-8 ("bad \xff" and "bad
 * \x80") are written alike, with \ufffd for each bad byte: the file's
 * "strings" must hold each text once, not once per spelling of the bad
 * bytes. */
static size_t count_in_file(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    size_t count = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
        count++;
    return count;
}

static void snapshot_invalid_utf8_names(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    static const char *const keys[] = {"a", "b", "c", "d", NULL};
    gh_handle holder = gh_handle_new(h, new_obj(h, T.obj, "Holder", keys, 4));
    const char *texts[4] = {"bad \xff", "bad \x80", "bad \xe2\x82", "bad \xed\xa0\x80"};
    for (int i = 0; i < 4; i++) {
        jsstr *str = new_str(h, T.str, texts[i]);
        jsobj *o = *holder;
        set_slot(o, &o->slots[i], str);
    }
    write_snapshot(h, "invalid_utf8");
    char path[512];
    path_of(path, sizeof path, "invalid_utf8");
    /* a truncated sequence and an encoded surrogate are 2 and 3 bad bytes */
    assert_int_equal(count_in_file(path, "\n\"bad \\ufffd\""), 1);
    assert_int_equal(count_in_file(path, "\n\"bad \\ufffd\\ufffd\""), 1);
    assert_int_equal(count_in_file(path, "\n\"bad \\ufffd\\ufffd\\ufffd\""), 1);
    assert_int_equal(count_in_file(path, "\\ufffd"), 6);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Names are cut at 1023 bytes, as V8 cuts them, and never inside a
 * character: one returned by node_name in full (an object's class), and one
 * node_name cut itself when it filled the buffer (a string's text). */
static void snapshot_long_names_cut(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    static char cls[2 * 3000 + 1], text[1 + 3 * 1000 + 1];
    for (int i = 0; i < 3000; i++)
        memcpy(cls + 2 * i, "\xc3\xa9", 2); /* U+00E9 */
    text[0] = 'a';
    for (int i = 0; i < 1000; i++)
        memcpy(text + 1 + 3 * i, "\xe2\x82\xac", 3); /* U+20AC */
    gh_handle_scope s;
    gh_scope_open(h, &s);
    static const char *const keys[] = {"text", NULL};
    gh_handle holder = gh_handle_new(h, new_obj(h, T.obj, cls, keys, 1));
    jsstr *str = new_str(h, T.str, text);
    set_slot(*holder, &((jsobj *)*holder)->slots[0], str);
    write_snapshot(h, "long_names");
    char path[512];
    path_of(path, sizeof path, "long_names");
    /* 511 whole characters of 2 bytes; "a" and 340 of 3 bytes */
    static char want[2 + 6 * 3000 + 2];
    strcpy(want, "\n\"");
    for (int i = 0; i < 511; i++)
        strcat(want, "\\u00e9");
    strcat(want, "\"");
    assert_int_equal(count_in_file(path, want), 1);
    strcpy(want, "\n\"a");
    for (int i = 0; i < 340; i++)
        strcat(want, "\\u20ac");
    strcat(want, "\"");
    assert_int_equal(count_in_file(path, want), 1);
    assert_int_equal(count_in_file(path, "\\ufffd"), 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A cycle A -> B -> C -> A and an object pointing at itself. */
static void snapshot_cycle(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    static const char *const next_keys[] = {"next", NULL};
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, new_obj(h, T.obj, "CycleA", next_keys, 1));
    gh_handle b = gh_handle_new(h, new_obj(h, T.obj, "CycleB", next_keys, 1));
    gh_handle c = gh_handle_new(h, new_obj(h, T.obj, "CycleC", next_keys, 1));
    set_slot(*a, &((jsobj *)*a)->slots[0], *b);
    set_slot(*b, &((jsobj *)*b)->slots[0], *c);
    set_slot(*c, &((jsobj *)*c)->slots[0], *a);
    jsobj *self = new_obj(h, T.obj, "Self", next_keys, 1);
    set_slot(self, &self->slots[0], self);
    gh_global *g = gh_global_new(h, self);
    *b = *c = NULL; /* B and C live through the cycle only */
    write_snapshot(h, "cycle");
    gh_global_free(h, g);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* Weak handles and a weak table. */
static void snapshot_weak(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    static const char *const holder_keys[] = {"target", "key", "table", NULL};
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle holder = gh_handle_new(h, new_obj(h, T.obj, "Holder", holder_keys, 3));
    gh_handle target = gh_handle_new(h, new_obj(h, T.obj, "Target", NULL, 0));
    gh_handle key = gh_handle_new(h, new_obj(h, T.obj, "KeyAlive", NULL, 0));
    gh_handle table = gh_handle_new(h, gh_alloc(h, T.weak, sizeof(jsweak) + 6 * sizeof(gh_value)));
    ((jsweak *)*table)->npairs = 3;
    set_slot(*holder, &((jsobj *)*holder)->slots[0], *target);
    set_slot(*holder, &((jsobj *)*holder)->slots[1], *key);
    set_slot(*holder, &((jsobj *)*holder)->slots[2], *table);
    /* pair 0: a live key; pair 1: a key nothing else holds; pair 2: an
     * integer key, whose value the table holds strongly */
    const char *names[4] = {"ValueA", "KeyDead", "ValueB", "ValueC"};
    gh_value *pairs = ((jsweak *)*table)->pairs;
    set_slot(*table, &pairs[0], *key);
    for (int i = 0; i < 4; i++) {
        jsobj *o = new_obj(h, T.obj, names[i], NULL, 0);
        jsweak *w = *table;
        int slot = i == 0 ? 1 : i == 1 ? 2 : i == 2 ? 3 : 5;
        set_slot(w, &w->pairs[slot], o);
    }
    ((jsweak *)*table)->pairs[4] = gh_from_int(7);
    gh_global *weak_target = gh_global_new(h, *target);
    gh_global *weak_doomed = gh_global_new(h, new_obj(h, T.obj, "Doomed", NULL, 0));
    gh_global_set_weak(weak_target, NULL, NULL);
    gh_global_set_weak(weak_doomed, NULL, NULL);
    *target = *key = *table = NULL; /* held through the holder only */
    write_snapshot(h, "weak");
    assert_null(gh_global_get(weak_doomed));
    assert_non_null(gh_global_get(weak_target));
    gh_global_free(h, weak_target);
    gh_global_free(h, weak_doomed);
    (void)holder;
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

static gh_value big_root;
static void visit_big(gh_tracer *t, void *data)
{
    (void)data;
    gh_trace_slot(t, &big_root);
}

/* A large object held by an embedder root, with 100 small children. */
static void snapshot_large(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    jsobj *big = new_obj(h, T.obj, "Big", NULL, 20000);
    big_root = gh_from_ptr(big);
    assert_int_equal(gh_root_visitor_add(h, visit_big, NULL), GH_OK);
    assert_true(gh_in_large(h, big));
    for (int i = 0; i < 20000; i++) {
        big = gh_to_ptr(big_root);
        if (i % 200 == 0)
            set_slot(big, &big->slots[i], new_obj(h, T.obj, "Small", NULL, 1));
        else
            big->slots[i] = gh_from_int(i);
    }
    write_snapshot(h, "large");
    gh_root_visitor_remove(h, visit_big, NULL);
    gh_heap_destroy(h);
}

/* The graph whose dominators memlab_check.js knows:
 *   root -> A;  A -> B, A -> C;  C -> D;  B -> E, C -> E
 * self sizes A 48, B 40, C 48, D 112, E 192 (payload + header), so
 * retained A = 440 (all), B = 40, C = 160 (C + D), D = 112, E = 192 (E
 * has two retainers, so only A dominates it). */
static void snapshot_graph(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    static const char *const a_keys[] = {"b", "c", NULL}, *const b_keys[] = {"e", NULL},
                             *const c_keys[] = {"d", "e", NULL};
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle a = gh_handle_new(h, new_obj(h, T.obj, "A", a_keys, 2));
    gh_handle b = gh_handle_new(h, new_obj(h, T.obj, "B", b_keys, 1));
    gh_handle c = gh_handle_new(h, new_obj(h, T.obj, "C", c_keys, 2));
    gh_handle d = gh_handle_new(h, new_obj(h, T.obj, "D", NULL, 10));
    gh_handle e = gh_handle_new(h, new_obj(h, T.obj, "E", NULL, 20));
    set_slot(*a, &((jsobj *)*a)->slots[0], *b);
    set_slot(*a, &((jsobj *)*a)->slots[1], *c);
    set_slot(*b, &((jsobj *)*b)->slots[0], *e);
    set_slot(*c, &((jsobj *)*c)->slots[0], *d);
    set_slot(*c, &((jsobj *)*c)->slots[1], *e);
    assert_int_equal(gh_size_of(*a) + 8, 48);
    assert_int_equal(gh_size_of(*e) + 8, 192);
    gh_global *g = gh_global_new(h, *a);
    gh_scope_close(&s); /* only the global holds A now */
    write_snapshot(h, "graph");
    gh_global_free(h, g);
    gh_heap_destroy(h);
}

/* A closure's scope keeps a big array alive:
 *   global.handler = function onTick() { ... bigArray ... } */
static void snapshot_closure(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    static const char *const global_keys[] = {"handler", NULL}, *const env_keys[] = {
                                                                    "bigArray", "counter", NULL};
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle global = gh_handle_new(h, new_obj(h, T.obj, "global", global_keys, 1));
    gh_handle env = gh_handle_new(h, new_obj(h, T.env, "", env_keys, 2));
    jsobj *big = new_obj(h, T.obj, "Array", NULL, 30000);
    for (int i = 0; i < 30000; i++)
        big->slots[i] = gh_from_double(i * 0.5);
    set_slot(*env, &((jsobj *)*env)->slots[0], big);
    ((jsobj *)*env)->slots[1] = gh_from_int(0);
    jsfun *f = gh_alloc(h, T.fun, sizeof(jsfun));
    assert_non_null(f);
    f->name = "onTick";
    set_slot(f, &f->context, *env);
    set_slot(*global, &((jsobj *)*global)->slots[0], f);
    gh_global *g = gh_global_new(h, *global);
    gh_scope_close(&s);
    write_snapshot(h, "closure");
    gh_global_free(h, g);
    gh_heap_destroy(h);
}

/* ---- a leaking program: baseline, target, final ---------------------------- */

static const char *const app_keys[] = {"items", "config", NULL};

/* app.items.push(item): the array is copied to one twice as big when full */
static void push_item(gh_heap *h, gh_global *app, void *item)
{
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle it = gh_handle_new(h, item);
    jsobj *a = gh_global_get(app);
    jsobj *items = gh_to_ptr(a->slots[0]);
    int64_t len = gh_to_int(items->slots[0]);
    if ((uint64_t)len + 1 >= items->nslots) {
        gh_handle old = gh_handle_new(h, items);
        jsobj *grown = new_obj(h, T.array, "", NULL, 2 * items->nslots);
        items = *old;
        memcpy(grown->slots, items->slots, items->nslots * sizeof(gh_value));
        gh_write_barrier_range(grown, grown->slots, items->nslots);
        a = gh_global_get(app);
        set_slot(a, &a->slots[0], grown);
        items = grown;
    }
    set_slot(items, &items->slots[len + 1], *it);
    items->slots[0] = gh_from_int(len + 1);
    gh_scope_close(&s);
}

static void leak_some(gh_heap *h, gh_global *app, int n)
{
    static const char *const item_keys[] = {"payload", "index", NULL};
    for (int i = 0; i < n; i++) {
        gh_handle_scope s;
        gh_scope_open(h, &s);
        gh_handle item = gh_handle_new(h, new_obj(h, T.obj, "LeakedObject", item_keys, 2));
        jsobj *payload = new_obj(h, T.array, "", NULL, 8); /* 8 slots of numbers */
        set_slot(*item, &((jsobj *)*item)->slots[0], payload);
        ((jsobj *)*item)->slots[1] = gh_from_int(i);
        new_obj(h, T.obj, "Temporary", NULL, 4); /* dies at once */
        push_item(h, app, *item);
        gh_scope_close(&s);
    }
}

static void snapshot_leak_series(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_global *app = gh_global_new(h, new_obj(h, T.obj, "App", app_keys, 2));
    jsobj *items = new_obj(h, T.array, "", NULL, 16);
    items->slots[0] = gh_from_int(0); /* slot 0: the length */
    jsobj *a = gh_global_get(app);
    set_slot(a, &a->slots[0], items);
    set_slot(a, &a->slots[1], new_obj(h, T.obj, "Config", NULL, 3));
    write_snapshot(h, "leak-baseline");
    leak_some(h, app, 500);
    write_snapshot(h, "leak-target");
    leak_some(h, app, 500);
    write_snapshot(h, "leak-final");
    gh_global_free(h, app);
    gh_heap_destroy(h);
}

/* Two snapshots with everything moved in between: the same ids. */
static void snapshot_ids_stable(void **state)
{
    (void)state;
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(256);
    c.incremental_marking = false;
    c.stress = GH_STRESS_COMPACT; /* every full GC moves old objects */
    gh_heap *h = gh_heap_create(&c);
    T = register_diag_types(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle list = gh_handle_new(h, new_obj(h, T.array, "", NULL, 200));
    for (int i = 0; i < 200; i++) {
        jsobj *o = new_obj(h, T.obj, "Stable", NULL, 1);
        o->slots[0] = gh_from_int(i);
        set_slot(*list, &((jsobj *)*list)->slots[i], o);
        if (i % 2 == 0) /* interleaved garbage, so that compaction moves things */
            new_obj(h, T.obj, "Garbage", NULL, 30);
    }
    write_snapshot(h, "stable1");
    void *before = gh_to_ptr(((jsobj *)*list)->slots[1]);
    uint64_t id = gh_object_id(h, before);
    for (int i = 0; i < 200; i += 2) /* free half, then compact */
        ((jsobj *)*list)->slots[i] = GH_EMPTY;
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    write_snapshot(h, "stable2");
    void *after = gh_to_ptr(((jsobj *)*list)->slots[1]);
    assert_true(after != before); /* it moved, and kept its id */
    assert_int_equal(gh_object_id(h, after), id);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* ---- errors ------------------------------------------------------------------ */

static void errors_are_reported(void **state)
{
    (void)state;
    assert_int_equal(gh_snapshot_write(NULL, "x.heapsnapshot"), GH_ERR_NULL_HEAP);
    assert_non_null(strstr(gh_diag_last_error_message(), "heap is NULL"));
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    assert_int_equal(gh_snapshot_write(h, NULL), GH_ERR_INVALID_ARGUMENT);
    assert_int_equal(gh_snapshot_write(h, "/nonexistent-dir/x.heapsnapshot"), GH_ERR_OS);
    assert_non_null(strstr(gh_diag_last_error_message(), "'/nonexistent-dir/x.heapsnapshot'"));
    assert_non_null(strstr(gh_diag_last_error_message(), strerror(ENOENT)));
    assert_int_equal(gh_snapshot_write_fd(h, -1), GH_ERR_INVALID_ARGUMENT);
    /* a device that is always full: the error, and the device is left be */
    if (access("/dev/full", W_OK) == 0) {
        assert_int_equal(gh_snapshot_write(h, "/dev/full"), GH_ERR_OS);
        assert_non_null(strstr(gh_diag_last_error_message(), strerror(ENOSPC)));
        assert_int_equal(access("/dev/full", F_OK), 0);
    }
    /* an open descriptor */
    char path[512];
    path_of(path, sizeof path, "fd");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle_new(h, tree(h, 3));
    assert_int_equal(gh_snapshot_write_fd(h, fd), GH_OK);
    assert_int_equal(close(fd), 0);
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* A snapshot asked for inside a collection (a GC callback) fails with
 * GH_ERR_IN_GC before anything is written: the file already at the path
 * is left as it was, not truncated and then removed. */
typedef struct in_gc_call {
    const char *path;
    int calls;
    gh_error err;
} in_gc_call;

static void snapshot_in_epilogue(gh_heap *h, gh_gc_phase phase, const gh_gc_info *info, void *data)
{
    in_gc_call *c = data;
    if (phase != GH_GC_EPILOGUE || info->heap_profiler)
        return;
    c->calls++;
    c->err = gh_snapshot_write(h, c->path);
}

static void existing_file_survives_a_refused_snapshot(void **state)
{
    (void)state;
    char path[512];
    path_of(path, sizeof path, "precious");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("not a snapshot\n", f);
    assert_int_equal(fclose(f), 0);
    gh_heap *h = diag_heap(256, 64);
    in_gc_call c = {path, 0, GH_OK};
    assert_int_equal(gh_gc_callback_add(h, snapshot_in_epilogue, &c), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_gc_callback_remove(h, snapshot_in_epilogue, &c), GH_OK);
    assert_int_equal(c.calls, 1);
    assert_int_equal(c.err, GH_ERR_IN_GC);
    assert_non_null(strstr(gh_diag_last_error_message(), "gh_snapshot_write"));
    char text[64] = "";
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "not a snapshot\n");
    assert_int_equal(unlink(path), 0);
    gh_heap_destroy(h);
}

/* A pipe whose reader has gone: the write fails with EPIPE and the call
 * says so, where SIGPIPE used to end the process.  The SIGPIPE it caused
 * is not left pending, and the signal mask is as it was. */
static void writes_to_a_closed_pipe_fail(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle_new(h, tree(h, 6));
    int p[2];
    assert_int_equal(pipe(p), 0);
    close(p[0]);
    assert_int_equal(gh_snapshot_write_fd(h, p[1]), GH_ERR_OS);
    assert_non_null(strstr(gh_diag_last_error_message(), strerror(EPIPE)));
    /* the printers too, through stdio */
    FILE *f = fdopen(p[1], "w");
    assert_non_null(f);
    gh_heapdiff_result r = {0};
    assert_int_equal(gh_heapdiff_print(f, &r), GH_ERR_OS);
    assert_non_null(strstr(gh_diag_last_error_message(), strerror(EPIPE)));
    fclose(f);
    sigset_t mask, pending;
    assert_int_equal(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
    assert_false(sigismember(&mask, SIGPIPE));
    assert_int_equal(sigpending(&pending), 0);
    assert_false(sigismember(&pending, SIGPIPE));
    gh_scope_close(&s);
    gh_heap_destroy(h);
}

/* With a 16 KiB file size limit the write fails (EFBIG); no half file may
 * stay behind. */
static void child_file_too_large(void)
{
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {16384, 16384};
    if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
        _exit(2);
    gh_heap *h = diag_heap(256, 64);
    T = register_diag_types(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle_new(h, tree(h, 12));
    char path[512];
    path_of(path, sizeof path, "too-large");
    gh_error err = gh_snapshot_write(h, path);
    fprintf(stderr, "%s\n", gh_diag_last_error_message());
    int code = err != GH_ERR_OS ? 3 : access(path, F_OK) == 0 ? 4 : 0;
    gh_scope_close(&s);
    gh_heap_destroy(h);
    _exit(code);
}

static void partial_file_is_removed(void **state)
{
    (void)state;
    char err[4096];
    int code = exit_code_of(run_in_child(child_file_too_large, err, sizeof err));
    if (code != 0)
        fail_msg("child exited %d: %s", code, err);
    assert_non_null(strstr(err, strerror(EFBIG)));
    assert_non_null(strstr(err, "too-large.heapsnapshot"));
}

/* ---- the near-heap-limit helper -------------------------------------------- */

static void child_near_limit(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/near", out_dir);
    mkdir(dir, 0755);
    gh_heap *h = diag_heap(256, 12);
    T = register_diag_types(h);
    gh_snapshot_near_limit *nl = gh_snapshot_near_heap_limit(h, 2, dir);
    if (!nl)
        _exit(2);
    static const char *const keys[] = {"next", NULL};
    gh_global *head = gh_global_new(h, NULL);
    int i = 0;
    for (; i < 1000000; i++) { /* a list that grows until the heap is full */
        jsobj *o = gh_alloc(h, T.obj, sizeof(jsobj) + 60 * sizeof(gh_value));
        if (!o)
            break;
        o->cls = "Chunk";
        o->keys = keys;
        o->nslots = 60;
        set_slot(o, &o->slots[0], gh_global_get(head));
        gh_global_set(head, o);
    }
    unsigned taken = gh_snapshot_near_limit_taken(nl);
    gh_snapshot_near_limit_free(nl);
    gh_global_free(h, head);
    gh_heap_destroy(h);
    _exit(taken == 2 && i < 1000000 ? 0 : 3);
}

static void near_heap_limit_writes_snapshots(void **state)
{
    (void)state;
    char err[8192];
    int code = exit_code_of(run_in_child(child_near_limit, err, sizeof err));
    if (code != 0)
        fail_msg("child exited %d: %s", code, err);
    /* two "Wrote snapshot to <dir>/near/Heap.<date>.<time>.<pid>.0.<seq>
     * .heapsnapshot" lines, and the files */
    char *line = err;
    for (int k = 0; k < 2; k++) {
        char prefix[600];
        snprintf(prefix, sizeof prefix, "Wrote snapshot to %s/near/Heap.", out_dir);
        assert_memory_equal(line, prefix, strlen(prefix));
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        assert_non_null(strstr(line, ".heapsnapshot"));
        assert_int_equal(access(line + strlen("Wrote snapshot to "), R_OK), 0);
        line = nl + 1;
    }
    assert_string_equal(line, "");
}

/* An empty directory name means the current directory, as Node's empty
 * --diagnostic-dir does: the snapshot went to "/" + its name. */
static void child_near_limit_empty_dir(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/near-cwd", out_dir);
    mkdir(dir, 0755);
    if (chdir(dir) != 0)
        _exit(2);
    gh_heap *h = diag_heap(256, 12);
    T = register_diag_types(h);
    gh_snapshot_near_limit *nl = gh_snapshot_near_heap_limit(h, 1, "");
    if (!nl)
        _exit(2);
    gh_global *head = gh_global_new(h, NULL);
    int i = 0;
    for (; i < 1000000 && !gh_snapshot_near_limit_taken(nl); i++) {
        jsobj *o = gh_alloc(h, T.obj, sizeof(jsobj) + 60 * sizeof(gh_value));
        if (!o)
            break;
        o->cls = "Chunk";
        o->keys = NULL;
        o->nslots = 60;
        set_slot(o, &o->slots[0], gh_global_get(head));
        gh_global_set(head, o);
    }
    unsigned taken = gh_snapshot_near_limit_taken(nl);
    gh_snapshot_near_limit_free(nl);
    gh_global_free(h, head);
    gh_heap_destroy(h);
    _exit(taken == 1 ? 0 : 3);
}

/* A second helper replaces the first's callback; freeing the first must
 * leave the second installed (it used to uninstall whatever was there). */
static void child_near_limit_replaced(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/near-replaced", out_dir);
    mkdir(dir, 0755);
    gh_heap *h = diag_heap(256, 12);
    T = register_diag_types(h);
    gh_snapshot_near_limit *first = gh_snapshot_near_heap_limit(h, 1, dir);
    gh_snapshot_near_limit *second = gh_snapshot_near_heap_limit(h, 1, dir);
    if (!first || !second)
        _exit(2);
    gh_snapshot_near_limit_free(first);
    gh_global *head = gh_global_new(h, NULL);
    for (int i = 0; i < 1000000 && !gh_snapshot_near_limit_taken(second); i++) {
        jsobj *o = gh_alloc(h, T.obj, sizeof(jsobj) + 60 * sizeof(gh_value));
        if (!o)
            break;
        o->cls = "Chunk";
        o->keys = NULL;
        o->nslots = 60;
        set_slot(o, &o->slots[0], gh_global_get(head));
        gh_global_set(head, o);
    }
    unsigned taken = gh_snapshot_near_limit_taken(second);
    gh_global_free(h, head);
    /* the heap may go first: freeing the helper then touches nothing */
    gh_heap_destroy(h);
    gh_snapshot_near_limit_free(second);
    _exit(taken == 1 ? 0 : 3);
}

static void near_heap_limit_replaced_helper(void **state)
{
    (void)state;
    char err[8192];
    int code = exit_code_of(run_in_child(child_near_limit_replaced, err, sizeof err));
    if (code != 0)
        fail_msg("child exited %d: %s", code, err);
    assert_non_null(strstr(err, "Wrote snapshot to "));
}

static void near_heap_limit_empty_dir_is_cwd(void **state)
{
    (void)state;
    char err[8192];
    int code = exit_code_of(run_in_child(child_near_limit_empty_dir, err, sizeof err));
    if (code != 0)
        fail_msg("child exited %d: %s", code, err);
    char dir[4096], cwd[4096];
    snprintf(dir, sizeof dir, "%s/near-cwd", out_dir);
    assert_non_null(realpath(dir, cwd));
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "Wrote snapshot to %s/Heap.", cwd);
    if (strncmp(err, prefix, strlen(prefix)) != 0)
        fail_msg("wanted '%s...', got '%s'", prefix, err);
    char *nl = strchr(err, '\n');
    assert_non_null(nl);
    *nl = '\0';
    assert_int_equal(access(err + strlen("Wrote snapshot to "), R_OK), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        out_dir = argv[1];
    mkdir(out_dir, 0755);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snapshot_tree),
        cmocka_unit_test(snapshot_invalid_utf8_names),
        cmocka_unit_test(snapshot_long_names_cut),
        cmocka_unit_test(snapshot_cycle),
        cmocka_unit_test(snapshot_weak),
        cmocka_unit_test(snapshot_large),
        cmocka_unit_test(snapshot_graph),
        cmocka_unit_test(snapshot_closure),
        cmocka_unit_test(snapshot_leak_series),
        cmocka_unit_test(snapshot_ids_stable),
        cmocka_unit_test(errors_are_reported),
        cmocka_unit_test(existing_file_survives_a_refused_snapshot),
        cmocka_unit_test(writes_to_a_closed_pipe_fail),
        cmocka_unit_test(partial_file_is_removed),
        cmocka_unit_test(near_heap_limit_writes_snapshots),
        cmocka_unit_test(near_heap_limit_empty_dir_is_cwd),
        cmocka_unit_test(near_heap_limit_replaced_helper),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
