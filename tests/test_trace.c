/* test_trace.c -- the --trace-gc output: Node 20's line grammar field by
 * field (checked first against real node captures), the nvp and verbose
 * variants, and the scavenger filter. */
#include <regex.h>

#include "test_util.h"

/* Node 20's line: [pid:addr] %8.0f ms: collector[ (reduce)] %.1f (%.1f) ->
 * %.1f (%.1f) MB, %.2f / %.2f ms <incremental or nothing> (average mu =
 * %.3f, current mu = %.3f) reason; collector reason */
static const char *LINE_RE =
    "^\\[([0-9]+):(0x[0-9a-f]+)\\] ( *[0-9]+) ms: (Scavenge|Mark-Compact)( \\(reduce\\))? "
    "([0-9]+\\.[0-9]) \\(([0-9]+\\.[0-9])\\) -> ([0-9]+\\.[0-9]) \\(([0-9]+\\.[0-9])\\) MB, "
    "([0-9]+\\.[0-9]{2}) / ([0-9]+\\.[0-9]{2}) ms "
    "( \\(\\+ [0-9.]+ ms in [0-9]+ steps since start of marking, biggest step [0-9.]+ ms, "
    "walltime since start of marking [0-9]+ ms\\))? "
    "\\(average mu = ([01]\\.[0-9]{3}), current mu = ([01]\\.[0-9]{3})\\) "
    "([a-z ]+); (.*)$";

enum { F_ALL, F_PID, F_ADDR, F_TIME, F_COLLECTOR, F_REDUCE, F_USED_BEFORE, F_COMMITTED_BEFORE,
       F_USED_AFTER, F_COMMITTED_AFTER, F_PAUSE, F_EXTERNAL, F_INCREMENTAL, F_AVG_MU, F_CUR_MU,
       F_REASON, F_COLLECTOR_REASON, F_COUNT };

typedef struct line_fields {
    char f[F_COUNT][256];
} line_fields;

static bool parse_line(const char *line, line_fields *out)
{
    static regex_t re;
    static bool compiled;
    if (!compiled) {
        assert_int_equal(regcomp(&re, LINE_RE, REG_EXTENDED), 0);
        compiled = true;
    }
    regmatch_t m[F_COUNT];
    if (regexec(&re, line, F_COUNT, m, 0) != 0)
        return false;
    for (int i = 0; i < F_COUNT; i++) {
        out->f[i][0] = '\0';
        if (m[i].rm_so >= 0) {
            int len = (int)(m[i].rm_eo - m[i].rm_so);
            snprintf(out->f[i], sizeof out->f[i], "%.*s", len, line + m[i].rm_so);
        }
    }
    return true;
}

/* Split a memory buffer into lines (without their newlines). */
static size_t split_lines(char *text, char **lines, size_t max)
{
    size_t n = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && n < max;
         l = strtok_r(NULL, "\n", &save))
        lines[n++] = l;
    return n;
}

static void the_grammar_matches_node20s_own_lines(void **state)
{
    (void)state;
    FILE *f = fopen(GH_TEST_DATA "/node20-trace-gc.txt", "r");
    assert_non_null(f);
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        line_fields lf;
        if (!parse_line(line, &lf))
            fail_msg("node's own line does not parse: %s", line);
        n++;
    }
    fclose(f);
    assert_true(n >= 10);
}

typedef struct trace_capture {
    char *text;
    size_t size;
    FILE *stream;
    gh_heap *heap;
} trace_capture;

static gh_heap *traced_heap(trace_capture *tc, unsigned flags)
{
    tc->stream = open_memstream(&tc->text, &tc->size);
    assert_non_null(tc->stream);
    gh_config c;
    gh_config_init(&c);
    c.initial_semi_space = c.max_semi_space = GH_KiB(512);
    c.max_old_space = GH_MiB(64);
    c.trace_gc = tc->stream;
    c.trace_flags = flags;
    tc->heap = gh_heap_create(&c);
    assert_non_null(tc->heap);
    return tc->heap;
}

static void finish_capture(trace_capture *tc)
{
    fflush(tc->stream);
    fclose(tc->stream);
}

/* Some garbage and some survivors, a few explicit collections. */
static void workload(gh_heap *h, int rounds)
{
    gh_type_id t = register_rec(h);
    gh_handle_scope s;
    gh_scope_open(h, &s);
    gh_handle keep = gh_handle_new(h, new_old_rec(h, t, 0, 4096));
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 20000; i++) {
            rec *x = new_rec(h, t, (uint64_t)i, 3);
            if (i % 10 == 0) {
                rec *k = *keep;
                gh_set_value(k, &k->slots[(size_t)(r * 2000 + i / 10) % 4096], gh_from_ptr(x));
            }
        }
        assert_int_equal(gh_collect(h, r % 2 ? GH_GC_FULL : GH_GC_MINOR), GH_OK);
    }
    gh_scope_close(&s);
}

static void every_field_of_our_lines(void **state)
{
    (void)state;
    trace_capture tc;
    gh_heap *h = traced_heap(&tc, 0);
    workload(h, 6);
    gh_heap_stats st = stats_of(h);
    char heap_addr[32];
    snprintf(heap_addr, sizeof heap_addr, "%p", (void *)h);
    gh_heap_destroy(h);
    finish_capture(&tc);

    char *lines[512];
    size_t n = split_lines(tc.text, lines, 512);
    assert_int_equal(n, st.scavenges + st.full_gcs);
    size_t full = 0, scav = 0, testing = 0;
    double last_time = 0;
    for (size_t i = 0; i < n; i++) {
        line_fields lf;
        if (!parse_line(lines[i], &lf))
            fail_msg("line does not parse: %s", lines[i]);
        assert_int_equal(atoi(lf.f[F_PID]), getpid());
        assert_string_equal(lf.f[F_ADDR], heap_addr);
        assert_true(strlen(lf.f[F_TIME]) >= 8); /* %8.0f: right-aligned in 8 columns */
        double t = atof(lf.f[F_TIME]);
        assert_true(t >= last_time);
        last_time = t;
        assert_string_equal(lf.f[F_EXTERNAL], "0.00");
        assert_string_equal(lf.f[F_INCREMENTAL], ""); /* so two spaces before "(average" */
        assert_non_null(strstr(lines[i], " ms  (average mu = "));
        assert_true(atof(lf.f[F_USED_BEFORE]) <= atof(lf.f[F_COMMITTED_BEFORE]));
        assert_true(atof(lf.f[F_USED_AFTER]) <= atof(lf.f[F_COMMITTED_AFTER]));
        bool is_full = strcmp(lf.f[F_COLLECTOR], "Mark-Compact") == 0;
        if (is_full) {
            full++;
            assert_string_equal(lf.f[F_COLLECTOR_REASON], "GC in old space requested");
        } else {
            scav++;
            /* scavenge lines end in "; " -- a trailing space */
            assert_string_equal(lf.f[F_COLLECTOR_REASON], "");
            size_t len = strlen(lines[i]);
            assert_true(len > 2 && lines[i][len - 2] == ';' && lines[i][len - 1] == ' ');
        }
        if (strcmp(lf.f[F_REASON], "testing") == 0)
            testing++;
        else
            assert_string_equal(lf.f[F_REASON], "allocation failure");
        /* mutator utilisation is 1.000 until the second full GC */
        if (full <= 1) {
            assert_string_equal(lf.f[F_AVG_MU], "1.000");
            assert_string_equal(lf.f[F_CUR_MU], "1.000");
        }
    }
    assert_int_equal(full, 3);
    assert_true(scav >= 3);
    assert_int_equal(testing, 6);
    free(tc.text);
}

static void nvp_lines_are_name_value_pairs(void **state)
{
    (void)state;
    trace_capture tc;
    gh_heap *h = traced_heap(&tc, GH_TRACE_NVP);
    workload(h, 2);
    gh_heap_destroy(h);
    finish_capture(&tc);
    char *lines[512];
    size_t n = split_lines(tc.text, lines, 512);
    assert_true(n >= 2);
    regex_t pair_re;
    assert_int_equal(regcomp(&pair_re, "^[a-z_.]+=([0-9]+(\\.[0-9]+)?%?|[a-z]+)$", REG_EXTENDED), 0);
    size_t kinds[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        char *ms = strstr(lines[i], " ms: ");
        assert_non_null(ms);
        assert_true(lines[i][0] == '[');
        assert_non_null(strstr(ms, "pause="));
        assert_non_null(strstr(ms, "total_size_before="));
        for (char *save = NULL, *tok = strtok_r(ms + 5, " ", &save); tok;
             tok = strtok_r(NULL, " ", &save)) {
            if (regexec(&pair_re, tok, 0, NULL, 0) != 0)
                fail_msg("not name=value: '%s'", tok);
            kinds[0] += strcmp(tok, "gc=s") == 0;
            kinds[1] += strcmp(tok, "gc=mc") == 0;
        }
    }
    assert_true(kinds[0] > 0 && kinds[1] > 0);
    regfree(&pair_re);
    free(tc.text);
}

static unsigned long kb_after(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    assert_non_null(p);
    return strtoul(p + strlen(key), NULL, 10);
}

static void verbose_table_adds_up(void **state)
{
    (void)state;
    trace_capture tc;
    gh_heap *h = traced_heap(&tc, GH_TRACE_VERBOSE);
    workload(h, 2);
    gh_heap_destroy(h);
    finish_capture(&tc);
    char *lines[2048];
    size_t n = split_lines(tc.text, lines, 2048);
    size_t tables = 0;
    for (size_t i = 0; i + 8 < n; i++) {
        line_fields lf;
        if (!parse_line(lines[i], &lf))
            continue;
        tables++;
        /* the GC line, then the table: each line prefixed with [pid:addr] */
        assert_non_null(strstr(lines[i + 1], "] Memory allocator,       used: "));
        assert_non_null(strstr(lines[i + 2], "] New space,              used: "));
        assert_non_null(strstr(lines[i + 3], "] Old space,              used: "));
        assert_non_null(strstr(lines[i + 4], "] Large object space,     used: "));
        assert_non_null(strstr(lines[i + 5], "] All spaces,             used: "));
        assert_non_null(strstr(lines[i + 6], "] External memory reported: "));
        assert_non_null(strstr(lines[i + 7], "] Backing store memory: "));
        assert_non_null(strstr(lines[i + 8], "] Total time spent in GC  : "));
        unsigned long sum = 0;
        for (int k = 2; k <= 4; k++)
            sum += kb_after(lines[i + k], "used: ");
        unsigned long all = kb_after(lines[i + 5], "used: ");
        assert_true(all + 3 >= sum && sum + 3 >= all); /* each figure rounds down */
        assert_int_equal(kb_after(lines[i + 1], "used: "), kb_after(lines[i + 5], "committed: "));
    }
    assert_true(tables >= 2);
    free(tc.text);
}

static void ignore_scavenger_keeps_only_full_gcs(void **state)
{
    (void)state;
    trace_capture tc;
    gh_heap *h = traced_heap(&tc, GH_TRACE_IGNORE_SCAVENGER);
    workload(h, 4);
    gh_heap_stats st = stats_of(h);
    gh_heap_destroy(h);
    finish_capture(&tc);
    assert_true(st.scavenges > 0);
    char *lines[512];
    size_t n = split_lines(tc.text, lines, 512);
    assert_int_equal(n, st.full_gcs);
    for (size_t i = 0; i < n; i++)
        assert_non_null(strstr(lines[i], ": Mark-Compact "));
    free(tc.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_grammar_matches_node20s_own_lines),
        cmocka_unit_test(every_field_of_our_lines),
        cmocka_unit_test(nvp_lines_are_name_value_pairs),
        cmocka_unit_test(verbose_table_adds_up),
        cmocka_unit_test(ignore_scavenger_keeps_only_full_gcs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
