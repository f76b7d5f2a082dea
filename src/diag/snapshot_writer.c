/*
 * snapshot_writer.c -- heap snapshots in Chrome DevTools' .heapsnapshot
 * format, as V8's HeapSnapshotJSONSerializer lays them out.
 *
 * The file is one JSON object: "snapshot" (the meta data and the counts),
 * "nodes" (7 numbers per node), "edges" (3 per edge, the edges of node 0
 * first, then those of node 1, ...), four arrays we leave empty, and
 * "strings", which every name refers to by index.
 *
 * Counts come before the arrays and a node's edge count before its edges,
 * so the heap is visited in passes, with no collection in between (the
 * writer never allocates on the heap, so objects stay where they are):
 *
 *   1. gh_heap_iterate collects the live objects, in address order, after
 *      its full GC; an address -> number map is built over them;
 *   2. the roots are gathered by kind, and every object's edges counted;
 *   3. nodes are written, then the edges (asking gh_object_edges again),
 *      then the names interned on the way.
 *
 * Memory: about 36 bytes per object plus the distinct names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag_internal.h"

#define NODE_FIELDS    7
#define NAME_MAX_BYTES 1024 /* V8 cuts names there too */

/* The synthetic nodes, first in the file; the sub-roots follow the order
 * of gh_root_kind. */
enum { SYN_ROOT, SYN_GC_ROOTS, SYN_SUBROOTS, SYN_COUNT = SYN_SUBROOTS + 4 };
static const char *const syn_names[SYN_COUNT] = {
    "", "(GC roots)", "(Handle scope)", "(Global handles)", "(Weak handles)", "(Embedder roots)",
};
#define NODE_TYPE_SYNTHETIC 9

static const char meta[] =
    "{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\","
    "\"edge_count\",\"trace_node_id\",\"detachedness\"],\"node_types\":[[\"hidden\","
    "\"array\",\"string\",\"object\",\"code\",\"closure\",\"regexp\",\"number\",\"native\","
    "\"synthetic\",\"concatenated string\",\"sliced string\",\"symbol\",\"bigint\","
    "\"object shape\",\"wasm object\"],\"string\",\"number\",\"number\",\"number\",\"number\","
    "\"number\"],\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],\"edge_types\":[["
    "\"context\",\"element\",\"property\",\"internal\",\"hidden\",\"shortcut\",\"weak\"],"
    "\"string_or_number\",\"node\"],\"trace_function_info_fields\":[\"function_id\",\"name\","
    "\"script_name\",\"script_id\",\"line\",\"column\"],\"trace_node_fields\":[\"id\","
    "\"function_info_index\",\"count\",\"size\",\"children\"],\"sample_fields\":["
    "\"timestamp_us\",\"last_assigned_id\"],\"location_fields\":[\"object_index\","
    "\"script_id\",\"line\",\"column\"]},\"node_count\":";

typedef struct u32_vec {
    uint32_t *items;
    size_t len, cap;
} u32_vec;

/* A weak-table pair: the key's node gets an internal edge to the value. */
typedef struct pair_edge {
    uint32_t key, value, table; /* object numbers */
} pair_edge;

typedef struct snapshot {
    gh_heap *heap;
    void **objs; /* object number -> address, in address order */
    size_t count, cap;
    gh_u64_map index;      /* address -> object number */
    uint32_t *edge_counts; /* per object, pair edges included */
    u32_vec roots[4];      /* object numbers, per gh_root_kind */
    pair_edge *pairs;      /* sorted by key before writing */
    size_t pair_count, pair_cap, pair_next;
    uint64_t edge_total;
    bool oom;
    gh_strtab strings;
    gh_jstream out;
    /* the object whose edges are being visited */
    uint32_t current;
    bool writing;
    uint64_t written; /* edges written for it */
    uint32_t key;     /* the last weak "key" edge's target, or UINT32_MAX */
    size_t key_index;
    char name[NAME_MAX_BYTES], other[NAME_MAX_BYTES];
} snapshot;

static bool push_u32(u32_vec *v, uint32_t x)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        uint32_t *p = realloc(v->items, cap * sizeof *p);
        if (!p)
            return false;
        v->items = p;
        v->cap = cap;
    }
    v->items[v->len++] = x;
    return true;
}

static void snapshot_free(snapshot *s)
{
    free(s->objs);
    gh_u64_map_free(&s->index);
    free(s->edge_counts);
    for (int k = 0; k < 4; k++)
        free(s->roots[k].items);
    free(s->pairs);
    gh_strtab_free(&s->strings);
}

static uint64_t node_offset(uint32_t object)
{
    return (uint64_t)(SYN_COUNT + object) * NODE_FIELDS;
}

static size_t intern(snapshot *s, const char *text)
{
    if (!text)
        text = "";
    size_t n = strlen(text), i;
    if (gh_utf8_valid(text, n)) {
        i = gh_strtab_intern(&s->strings, text, n);
    } else {
        /* Interned as written, with U+FFFD for the bad bytes: names that
         * differ only there are one string of the file ("strings" holds
         * each text once). */
        char *clean = n < SIZE_MAX / 3 ? malloc(3 * n) : NULL;
        i = clean ? gh_strtab_intern(&s->strings, clean, gh_utf8_replace_invalid(text, n, clean))
                  : SIZE_MAX;
        free(clean);
    }
    if (i == SIZE_MAX) {
        s->oom = true;
        return 0;
    }
    return i;
}

static size_t intern_number(snapshot *s, uint64_t n)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
    return intern(s, buf);
}

/* ---- pass 1: the objects and the roots ------------------------------------ */

static bool collect(void *obj, void *data)
{
    snapshot *s = data;
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        void **p = realloc(s->objs, cap * sizeof *p);
        if (!p) {
            s->oom = true;
            return false;
        }
        s->objs = p;
        s->cap = cap;
    }
    s->objs[s->count++] = obj;
    return true;
}

static void collect_root(void *data, gh_root_kind kind, void *target)
{
    snapshot *s = data;
    uint32_t o = gh_u64_map_get(&s->index, (uint64_t)(uintptr_t)target);
    if (o != UINT32_MAX && (unsigned)kind < 4 && !push_u32(&s->roots[kind], o))
        s->oom = true;
}

/* ---- edges: counted in pass 2, written in pass 3 -------------------------- */

static const int edge_type_of[] = {
    [GH_EDGE_CONTEXT] = 0, [GH_EDGE_ELEMENT] = 1,  [GH_EDGE_PROPERTY] = 2, [GH_EDGE_INTERNAL] = 3,
    [GH_EDGE_HIDDEN] = 4,  [GH_EDGE_SHORTCUT] = 5, [GH_EDGE_WEAK] = 6,
};

static void write_edge(snapshot *s, gh_edge_kind kind, uint64_t name_or_index, uint32_t to_object)
{
    gh_jstream *o = &s->out;
    gh_js_raw(o, "\n,", 2);
    gh_js_uint(o, (uint64_t)edge_type_of[kind]);
    gh_js_char(o, ',');
    gh_js_uint(o, name_or_index);
    gh_js_char(o, ',');
    gh_js_uint(o, node_offset(to_object));
}

static void emit(snapshot *s, gh_edge_kind kind, const char *name, size_t index, uint32_t to)
{
    s->written++;
    if (!s->writing)
        return;
    if (kind == GH_EDGE_ELEMENT || kind == GH_EDGE_HIDDEN)
        write_edge(s, kind, index, to);
    else
        write_edge(s, kind, name ? intern(s, name) : intern_number(s, index), to);
}

static void add_pair(snapshot *s, uint32_t key, uint32_t value)
{
    if (s->pair_count == s->pair_cap) {
        size_t cap = s->pair_cap ? s->pair_cap * 2 : 64;
        pair_edge *p = realloc(s->pairs, cap * sizeof *p);
        if (!p) {
            s->oom = true;
            return;
        }
        s->pairs = p;
        s->pair_cap = cap;
    }
    s->pairs[s->pair_count++] = (pair_edge){key, value, s->current};
}

/*
 * One edge of the current object.  Weak tables report each pair as a weak
 * "key" edge and a weak "value" edge with the pair's index.  A value whose
 * key is an object gets a pair edge from that key (counting pass); a value
 * with no object key is held strongly by the collector, and the library
 * reports it as an internal edge (a weak value without a key edge before
 * it is written as one too).
 */
static void visit_edge(void *data, void *target, gh_edge_kind kind, const char *name, size_t index)
{
    snapshot *s = data;
    uint32_t to = gh_u64_map_get(&s->index, (uint64_t)(uintptr_t)target);
    if (to == UINT32_MAX || (unsigned)kind > GH_EDGE_WEAK)
        return; /* not a live object of this heap: nothing to point at */
    if (kind == GH_EDGE_WEAK && name && strcmp(name, "key") == 0) {
        s->key = to;
        s->key_index = index;
    } else if (kind == GH_EDGE_WEAK && name && strcmp(name, "value") == 0) {
        bool keyed = s->key != UINT32_MAX && s->key_index == index;
        if (keyed && !s->writing)
            add_pair(s, s->key, to);
        s->key = UINT32_MAX;
        if (!keyed)
            kind = GH_EDGE_INTERNAL;
    }
    emit(s, kind, name, index, to);
}

static uint64_t object_edges(snapshot *s, uint32_t o)
{
    s->current = o;
    s->written = 0;
    s->key = UINT32_MAX;
    gh_object_edges(s->heap, s->objs[o], visit_edge, s);
    return s->written;
}

static int by_key(const void *a, const void *b)
{
    const pair_edge *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->value < y->value ? -1 : x->value > y->value;
}

static gh_error count_edges(snapshot *s)
{
    s->edge_counts = calloc(s->count ? s->count : 1, sizeof *s->edge_counts);
    if (!s->edge_counts)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    s->edge_total = 1 + 4; /* root -> (GC roots) -> its four sub-roots */
    for (int k = 0; k < 4; k++)
        s->edge_total += s->roots[k].len;
    for (uint32_t o = 0; o < s->count && !s->oom; o++) {
        uint64_t n = object_edges(s, o);
        if (n >= UINT32_MAX)
            return gh_diag_fail(GH_ERR_TOO_LARGE, "gh_snapshot_write: an object with %llu edges",
                                (unsigned long long)n);
        s->edge_counts[o] = (uint32_t)n;
    }
    if (s->pair_count)
        qsort(s->pairs, s->pair_count, sizeof *s->pairs, by_key);
    for (size_t i = 0; i < s->pair_count; i++)
        s->edge_counts[s->pairs[i].key]++;
    for (uint32_t o = 0; o < s->count; o++)
        s->edge_total += s->edge_counts[o];
    return s->oom ? gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory") : GH_OK;
}

/* ---- pass 3: writing ----------------------------------------------------- */

static void write_node(snapshot *s, bool first, unsigned type, size_t name, uint64_t id,
                       uint64_t self_size, uint64_t edges)
{
    gh_jstream *o = &s->out;
    if (!first)
        gh_js_raw(o, "\n,", 2);
    gh_js_uint(o, type);
    gh_js_char(o, ',');
    gh_js_uint(o, name);
    gh_js_char(o, ',');
    gh_js_uint(o, id);
    gh_js_char(o, ',');
    gh_js_uint(o, self_size);
    gh_js_char(o, ',');
    gh_js_uint(o, edges);
    gh_js_raw(o, ",0,0", 4); /* trace_node_id, detachedness (unknown) */
}

/* The length of name[0..n) without a UTF-8 sequence that the end of the
 * buffer cut short. */
static size_t whole_sequences(const char *name, size_t n)
{
    size_t lead = n;
    while (lead > 0 && n - lead < 3 && ((unsigned char)name[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return n;
    unsigned char c = (unsigned char)name[lead - 1];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return n - (lead - 1) < want ? lead - 1 : n;
}

/* An object's name as V8 cuts names: NAME_MAX_BYTES - 1 bytes at most, and
 * a character the cut (or a node_name callback filling buf) would split is
 * left out rather than written as U+FFFD.  node_name may return a string of
 * its own instead of filling buf; it is cut the same way. */
static const char *object_name(snapshot *s, void *obj, char *buf)
{
    const char *name = gh_object_name(s->heap, obj, buf, NAME_MAX_BYTES);
    size_t n = strnlen(name, NAME_MAX_BYTES);
    if (n < NAME_MAX_BYTES - 1)
        return name;
    n = whole_sequences(name, NAME_MAX_BYTES - 1);
    memmove(buf, name, n);
    buf[n] = '\0';
    return buf;
}

static void write_nodes(snapshot *s)
{
    gh_js_text(&s->out, "\"nodes\":[");
    for (int k = 0; k < SYN_COUNT; k++) {
        uint64_t edges = k == SYN_ROOT ? 1 : k == SYN_GC_ROOTS ? 4 : s->roots[k - SYN_SUBROOTS].len;
        /* V8's ids for the root, (GC roots) and its sub-roots: 1, 3, 5 ... */
        write_node(s, k == 0, NODE_TYPE_SYNTHETIC, intern(s, syn_names[k]), 1 + 2 * (uint64_t)k, 0,
                   edges);
    }
    for (uint32_t o = 0; o < s->count; o++) {
        void *obj = s->objs[o];
        const char *name = object_name(s, obj, s->name);
        write_node(s, false, (unsigned)gh_object_node_kind(s->heap, obj), intern(s, name),
                   gh_object_id(s->heap, obj), gh_size_of(obj) + 8, s->edge_counts[o]);
    }
    gh_js_text(&s->out, "],\n");
}

static void write_pair_edge(snapshot *s, const pair_edge *p)
{
    void *key = s->objs[p->key], *value = s->objs[p->value];
    char label[3 * NAME_MAX_BYTES];
    snprintf(label, sizeof label,
             "part of key (%s @%llu) -> value (%s @%llu) pair in WeakMap (table @%llu)",
             object_name(s, key, s->name), (unsigned long long)gh_object_id(s->heap, key),
             object_name(s, value, s->other),
             (unsigned long long)gh_object_id(s->heap, value),
             (unsigned long long)gh_object_id(s->heap, s->objs[p->table]));
    write_edge(s, GH_EDGE_INTERNAL, intern(s, label), p->value);
}

static gh_error write_edges(snapshot *s)
{
    gh_jstream *o = &s->out;
    /* the root's edge to (GC roots), written without the leading comma */
    gh_js_text(o, "\"edges\":[1,1,");
    gh_js_uint(o, (uint64_t)SYN_GC_ROOTS * NODE_FIELDS);
    for (unsigned k = 0; k < 4; k++) {
        gh_js_raw(o, "\n,1,", 4);
        gh_js_uint(o, k + 1);
        gh_js_char(o, ',');
        gh_js_uint(o, (uint64_t)(SYN_SUBROOTS + k) * NODE_FIELDS);
    }
    for (unsigned k = 0; k < 4; k++) {
        gh_edge_kind kind = k == GH_ROOT_WEAK_HANDLE ? GH_EDGE_WEAK : GH_EDGE_INTERNAL;
        for (size_t i = 0; i < s->roots[k].len; i++)
            write_edge(s, kind, intern_number(s, i + 1), s->roots[k].items[i]);
    }
    s->writing = true;
    s->pair_next = 0;
    for (uint32_t obj = 0; obj < s->count && !o->err && !s->oom; obj++) {
        uint64_t n = object_edges(s, obj);
        for (; s->pair_next < s->pair_count && s->pairs[s->pair_next].key == obj;
             s->pair_next++, n++)
            write_pair_edge(s, &s->pairs[s->pair_next]);
        if (n != s->edge_counts[obj])
            return gh_diag_fail(GH_ERR_HEAP_CORRUPT,
                                "gh_snapshot_write: object %llu reported %llu edges, then %u",
                                (unsigned long long)gh_object_id(s->heap, s->objs[obj]),
                                (unsigned long long)n, s->edge_counts[obj]);
    }
    gh_js_text(o, "],\n");
    return GH_OK;
}

static void write_strings(snapshot *s)
{
    gh_jstream *o = &s->out;
    gh_js_text(o, "\"strings\":[");
    for (size_t i = 0; i < s->strings.count; i++) {
        if (i)
            gh_js_raw(o, ",\n", 2);
        gh_js_string(o, gh_strtab_get(&s->strings, i), gh_strtab_len(&s->strings, i));
    }
    gh_js_text(o, "]}");
}

static gh_error gather(snapshot *s)
{
    gh_error err = gh_heap_iterate(s->heap, collect, s);
    if (err != GH_OK)
        return gh_diag_fail_lib(err, "gh_snapshot_write");
    if (s->oom || s->count >= UINT32_MAX - SYN_COUNT)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory for %zu objects",
                            s->count);
    if (!gh_u64_map_init(&s->index, s->count))
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    for (uint32_t o = 0; o < s->count; o++)
        gh_u64_map_put(&s->index, (uint64_t)(uintptr_t)s->objs[o], o);
    gh_root_edges(s->heap, collect_root, s);
    if (s->oom)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    /* "<dummy>" and "" come first, as in V8's files */
    intern(s, "<dummy>");
    intern(s, "");
    return count_edges(s);
}

static gh_error write_all(snapshot *s, const char *where)
{
    if (!gh_js_open(&s->out, s->out.fd))
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    gh_jstream *o = &s->out;
    gh_js_text(o, meta);
    gh_js_uint(o, SYN_COUNT + (uint64_t)s->count);
    gh_js_text(o, ",\"edge_count\":");
    gh_js_uint(o, s->edge_total);
    gh_js_text(o, ",\"trace_function_count\":0},\n");
    write_nodes(s);
    gh_error err = write_edges(s);
    gh_js_text(o, "\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n"
                  "\"locations\":[],\n");
    write_strings(s);
    int io = gh_js_close(o);
    if (err != GH_OK)
        return err;
    if (s->oom)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    if (io)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: writing %s: %s", where, strerror(io));
    return GH_OK;
}

/* Write the gathered snapshot to path: created or truncated only now, so
 * that a heap that cannot be walked (a call inside a collection) leaves an
 * existing file as it was. */
static gh_error write_path(snapshot *s, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: cannot open '%s': %s", path,
                            strerror(errno));
    size_t quoted_len = strlen(path) + 3;
    char *quoted = malloc(quoted_len);
    if (quoted)
        snprintf(quoted, quoted_len, "'%s'", path);
    s->out.fd = fd;
    gh_error err = write_all(s, quoted ? quoted : path);
    struct stat st;
    /* only a file we may have left half-written goes: never a device */
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (close(fd) != 0 && err == GH_OK)
        err = gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: closing '%s': %s", path, strerror(errno));
    if (err != GH_OK && regular)
        unlink(path);
    free(quoted);
    return err;
}

/* Gather the heap, then write to fd, or to path when fd is -1. */
static gh_error snapshot_to(gh_heap *heap, int fd, const char *path)
{
    snapshot *s = calloc(1, sizeof *s);
    if (!s)
        return gh_diag_fail(GH_ERR_OS, "gh_snapshot_write: out of memory");
    s->heap = heap;
    gh_strtab_init(&s->strings);
    gh_error err = gather(s);
    if (err == GH_OK && fd >= 0) {
        char where[32];
        snprintf(where, sizeof where, "descriptor %d", fd);
        s->out.fd = fd;
        err = write_all(s, where);
    } else if (err == GH_OK) {
        err = write_path(s, path);
    }
    snapshot_free(s);
    free(s);
    return err;
}

gh_error gh_snapshot_write_fd(gh_heap *heap, int fd)
{
    if (!heap)
        return gh_diag_fail(GH_ERR_NULL_HEAP, "gh_snapshot_write_fd: heap is NULL");
    if (fd < 0)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_snapshot_write_fd: bad descriptor %d", fd);
    return snapshot_to(heap, fd, NULL);
}

gh_error gh_snapshot_write(gh_heap *heap, const char *path)
{
    if (!heap)
        return gh_diag_fail(GH_ERR_NULL_HEAP, "gh_snapshot_write: heap is NULL");
    if (!path || !*path)
        return gh_diag_fail(GH_ERR_INVALID_ARGUMENT, "gh_snapshot_write: no file name");
    return snapshot_to(heap, -1, path);
}
