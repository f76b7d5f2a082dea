/*
 * test_diag_format.c -- memwatch's numbers and texts: niceSize, niceDelta,
 * the statistics arithmetic and the leak rule (fed by hand, with a clock
 * of our own), the printed shapes of its events and of a heap diff, and
 * Node's snapshot file name.
 */
#include "diag_test_util.h"

#include <errno.h>
#include <unistd.h>

static const char *size_text(int64_t bytes)
{
    static char buf[64];
    return gh_diag_nice_size(bytes, buf, sizeof buf);
}

static const char *delta_text(int64_t seconds)
{
    static char buf[64];
    return gh_diag_nice_delta(seconds, buf, sizeof buf);
}

static void nice_size_as_memwatch(void **state)
{
    (void)state;
    /* the sizes of the HeapDiff captured from memwatch on Node 20 */
    assert_string_equal(size_text(2991206), "2.85 mb");
    assert_string_equal(size_text(3402422), "3.24 mb");
    assert_string_equal(size_text(411216), "401.58 kb");
    assert_string_equal(size_text(80000), "78.13 kb");
    assert_string_equal(size_text(10368), "10.13 kb");
    assert_string_equal(size_text(320000), "312.5 kb");
    assert_string_equal(size_text(0), "0 bytes");
    assert_string_equal(size_text(56), "56 bytes");
    /* signs and boundaries: strictly more than 1 KiB / 1 MiB */
    assert_string_equal(size_text(-55173), "-53.88 kb");
    assert_string_equal(size_text(-24), "-24 bytes");
    assert_string_equal(size_text(1024), "1024 bytes");
    assert_string_equal(size_text(1025), "1 kb");
    assert_string_equal(size_text(1048576), "1024 kb");
    assert_string_equal(size_text(1048577), "1 mb");
    assert_string_equal(size_text(1258291), "1.2 mb");
    assert_string_equal(size_text(12237120), "11.67 mb");
    /* %g's six digits, as the C++ stream prints */
    assert_string_equal(size_text(INT64_C(1) << 50), "1.07374e+09 mb");
}

static void nice_delta_as_memwatch(void **state)
{
    (void)state;
    assert_string_equal(delta_text(0), "0s");
    assert_string_equal(delta_text(20), "20s");
    assert_string_equal(delta_text(60), "60s");
    assert_string_equal(delta_text(61), "1m 1s");
    assert_string_equal(delta_text(3600), "60m 0s");
    assert_string_equal(delta_text(3661), "1h 1m 1s");
    assert_string_equal(delta_text(7200), "2h 0s");
}

/* ---- the leak watcher, fed by hand --------------------------------------- */

typedef struct events {
    int stats, leaks;
    gh_leakwatch_stats last;
    gh_leakwatch_leak leak;
    char order[64]; /* 's' and 'l' in the order delivered */
} events;

static void on_stats(const gh_leakwatch_stats *s, void *data)
{
    events *e = data;
    e->last = *s;
    if (e->stats + e->leaks < 63)
        e->order[e->stats + e->leaks] = 's';
    e->stats++;
}

static void on_leak(const gh_leakwatch_leak *l, void *data)
{
    events *e = data;
    e->leak = *l;
    if (e->stats + e->leaks < 63)
        e->order[e->stats + e->leaks] = 'l';
    e->leaks++;
}

static double fake_ms;
static double fake_clock(void *data)
{
    (void)data;
    return fake_ms;
}

static void leak_after_five_growths(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, on_leak, &e);
    assert_non_null(lw);
    gh_leakwatch_set_clock(lw, fake_clock, NULL);
    /* memwatch's README example: 67984 bytes over 20 s -> 11.67 mb/hr.
     * The first collection grows from 0, so it starts the run. */
    fake_ms = 1340979133000.0; /* Fri, 29 Jun 2012 14:12:13 GMT */
    gh_leakwatch_observe(lw, GH_GC_FULL, 1000);
    size_t bases[4] = {2000, 3000, 4000, 68984};
    for (int i = 0; i < 4; i++) {
        fake_ms += 5000;
        gh_leakwatch_observe(lw, GH_GC_MINOR, 123); /* counted, not watched */
        assert_int_equal(e.leaks, 0);
        gh_leakwatch_observe(lw, GH_GC_FULL, bases[i]);
    }
    assert_int_equal(e.leaks, 1);
    assert_string_equal(e.order, "ssssls"); /* the leak before its stats */
    assert_int_equal(e.leak.growth, 67984);
    assert_true(e.leak.start_ms == 1340979133000.0);
    assert_true(e.leak.end_ms == 1340979153000.0);
    assert_string_equal(e.leak.reason, "heap growth over 5 consecutive GCs (20s) - 11.67 mb/hr");
    /* the statistics: five collections, all of them the startup phase */
    assert_int_equal(e.stats, 5);
    assert_int_equal(e.last.num_full_gc, 5);
    assert_int_equal(e.last.num_inc_gc, 4);
    assert_int_equal(e.last.heap_compactions, 5);
    assert_int_equal(e.last.current_base, 68984);
    assert_int_equal(e.last.estimated_base, 68984);
    assert_true(e.last.usage_trend == 0);
    assert_int_equal(e.last.min, 3000); /* from the 3rd collection on */
    assert_int_equal(e.last.max, 68984);
    /* the run starts again: 4 more growths are not a leak, a fall resets */
    for (int i = 0; i < 4; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 70000 + (size_t)i);
    gh_leakwatch_observe(lw, GH_GC_FULL, 100);
    for (int i = 0; i < 4; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 200 + (size_t)i);
    assert_int_equal(e.leaks, 1);
    gh_leakwatch_observe(lw, GH_GC_FULL, 300);
    assert_int_equal(e.leaks, 2);
    assert_int_equal(e.leak.growth, 100);
    gh_leakwatch_stop(lw);
    gh_heap_destroy(h);
}

/* A growth of exabytes in no time, or a clock that gives NaN or jumps by
 * ages: the rate and the duration saturate instead of overflowing (an
 * out-of-range conversion, which came out negative on x86). */
static double nan_clock(void *data)
{
    (void)data;
    return 0.0 / 0.0;
}

static void leak_rate_stays_in_range(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, NULL, on_leak, &e);
    gh_leakwatch_set_clock(lw, fake_clock, NULL);
    fake_ms = 1340979133000.0;
    for (size_t i = 1; i <= 5; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, i << 60);
    assert_int_equal(e.leaks, 1);
    assert_int_equal(e.leak.growth, (size_t)4 << 60);
    assert_string_equal(e.leak.reason,
                        "heap growth over 5 consecutive GCs (0s) - 8.79609e+12 mb/hr");
    /* a clock that jumps by 1e300 ms within the run */
    gh_leakwatch_observe(lw, GH_GC_FULL, 0);
    for (size_t i = 1; i <= 5; i++) {
        gh_leakwatch_observe(lw, GH_GC_FULL, (6 + i) << 20);
        fake_ms = 1e300;
    }
    assert_int_equal(e.leaks, 2);
    assert_string_equal(e.leak.reason, "heap growth over 5 consecutive GCs "
                                       "(2562047788015215h 30m 7s) - 0 bytes/hr");
    /* a clock that gives NaN */
    gh_leakwatch_set_clock(lw, nan_clock, NULL);
    gh_leakwatch_observe(lw, GH_GC_FULL, 0);
    for (size_t i = 1; i <= 5; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, i * 1000);
    assert_int_equal(e.leaks, 3);
    assert_string_equal(e.leak.reason, "heap growth over 5 consecutive GCs (0s) - 13732.9 mb/hr");
    gh_leakwatch_stop(lw);
    gh_heap_destroy(h);
}

/* gh_leakwatch_stop from the watcher's own callbacks -- a 'leak' handler
 * that has seen enough, directly from gh_leakwatch_observe, from a real
 * collection's epilogue, or from gh_leakwatch_dispatch -- ends the watch
 * there: no event follows, and nothing is touched after the free (the
 * watch was used after being freed). */
typedef struct stopper {
    gh_leakwatch *lw;
    int stats, leaks;
} stopper;

static void stop_on_leak(const gh_leakwatch_leak *l, void *data)
{
    (void)l;
    stopper *st = data;
    st->leaks++;
    gh_leakwatch_stop(st->lw);
    gh_leakwatch_stop(st->lw); /* twice: still the same watch, ignored */
}

static void stop_on_stats(const gh_leakwatch_stats *s, void *data)
{
    (void)s;
    stopper *st = data;
    st->stats++;
    gh_leakwatch_stop(st->lw);
}

static void count_stats(const gh_leakwatch_stats *s, void *data)
{
    (void)s;
    ((stopper *)data)->stats++;
}

static void stop_from_own_callbacks(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    /* from the leak event, fed by hand: the collection's stats never come */
    stopper st = {0};
    st.lw = gh_leakwatch_start(h, count_stats, stop_on_leak, &st);
    for (size_t i = 1; i <= 5; i++)
        gh_leakwatch_observe(st.lw, GH_GC_FULL, i * 1000);
    assert_int_equal(st.leaks, 1);
    assert_int_equal(st.stats, 4);
    /* from the stats event of a real collection */
    stopper st2 = {0};
    st2.lw = gh_leakwatch_start(h, stop_on_stats, NULL, &st2);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(st2.stats, 1);
    /* from deferred events: the rest of the queue is dropped */
    stopper st3 = {0};
    st3.lw = gh_leakwatch_start(h, stop_on_stats, stop_on_leak, &st3);
    gh_leakwatch_set_deferred(st3.lw, true);
    for (size_t i = 1; i <= 5; i++)
        gh_leakwatch_observe(st3.lw, GH_GC_FULL, i * 1000);
    assert_int_equal(gh_leakwatch_dispatch(st3.lw), 1);
    assert_int_equal(st3.stats, 1);
    assert_int_equal(st3.leaks, 0);
    gh_heap_destroy(h);
}

/* Destroying the heap first is allowed: stopping the watch afterwards
 * only frees it (it used to remove its callback from the freed heap). */
static void watch_outlives_its_heap(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, NULL, &e);
    assert_non_null(lw);
    assert_int_equal(gh_collect(h, GH_GC_FULL), GH_OK);
    assert_int_equal(e.stats, 1);
    gh_heap_destroy(h);
    gh_leakwatch_stop(lw);
}

static void statistics_as_memwatch(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, NULL, &e);
    /* 9 collections at 1000: both averages are the latest base */
    for (int i = 0; i < 9; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 1000);
    assert_int_equal(e.last.estimated_base, 1000);
    /* the 10th: recent = (9 * 1000 + 2000) / 10, ancient the same (d = 10) */
    gh_leakwatch_observe(lw, GH_GC_FULL, 2000);
    assert_int_equal(e.last.estimated_base, 1100);
    assert_true(e.last.usage_trend == 0);
    /* the 11th: recent = (9 * 1100 + 2000) / 10 = 1190, ancient =
     * (10 * 1100 + 2000) / 11 = 1181 (truncated); trend round(7.62) / 10 */
    gh_leakwatch_observe(lw, GH_GC_FULL, 2000);
    assert_int_equal(e.last.estimated_base, 1190);
    assert_true(e.last.usage_trend == 0.8);
    assert_int_equal(e.last.min, 1000);
    assert_int_equal(e.last.max, 2000);
    /* shrinking: the trend goes negative (memwatch's unsigned arithmetic
     * would wrap here) */
    for (int i = 0; i < 5; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 500);
    assert_true(e.last.usage_trend < 0);
    assert_int_equal(e.last.min, 500);
    gh_leakwatch_stats got = gh_leakwatch_get_stats(lw);
    assert_memory_equal(&got, &e.last, sizeof got);
    gh_leakwatch_stop(lw);
    gh_heap_destroy(h);
}

/* Bases near SIZE_MAX, fed by hand (an embedder's "unknown" as
 * (size_t)-1, say): the averages stay in range.  The startup estimate went
 * through a double that rounds up to 2^64, whose conversion to size_t is
 * undefined (0 on x86), and 9 * recent + base wrapped around. */
static void statistics_of_huge_bases(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, NULL, &e);
    for (int i = 0; i < 30; i++) {
        gh_leakwatch_observe(lw, GH_GC_FULL, SIZE_MAX);
        assert_true(e.last.estimated_base == SIZE_MAX);
        assert_true(e.last.usage_trend == 0);
    }
    assert_true(e.last.min == SIZE_MAX && e.last.max == SIZE_MAX);
    /* and exact: the first 9 estimates are the base itself, not a double */
    gh_leakwatch_stop(lw);
    lw = gh_leakwatch_start(h, on_stats, NULL, &e);
    gh_leakwatch_observe(lw, GH_GC_FULL, ((size_t)1 << 60) + 1);
    assert_true(e.last.estimated_base == ((size_t)1 << 60) + 1);
    gh_leakwatch_stop(lw);
    gh_heap_destroy(h);
}

static void deferred_delivery(void **state)
{
    (void)state;
    gh_heap *h = diag_heap(256, 16);
    events e = {0};
    gh_leakwatch *lw = gh_leakwatch_start(h, on_stats, on_leak, &e);
    assert_int_equal(gh_leakwatch_set_deferred(lw, true), GH_OK);
    assert_int_equal(gh_leakwatch_set_deferred(NULL, true), GH_ERR_INVALID_ARGUMENT);
    for (int i = 0; i < 5; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 1000 * (size_t)(i + 1));
    assert_int_equal(e.stats + e.leaks, 0);
    assert_int_equal(gh_leakwatch_dispatch(lw), 6);
    assert_string_equal(e.order, "ssssls");
    assert_int_equal(gh_leakwatch_dispatch(lw), 0);
    for (int i = 0; i < 300; i++)
        gh_leakwatch_observe(lw, GH_GC_FULL, 10);
    assert_int_equal(gh_leakwatch_dispatch(lw), 256); /* the latest 256 */
    assert_int_equal(e.last.num_full_gc, 305);
    assert_int_equal(gh_leakwatch_set_deferred(lw, false), GH_OK);
    gh_leakwatch_observe(lw, GH_GC_FULL, 10);
    assert_int_equal(e.last.num_full_gc, 306);
    gh_leakwatch_stop(lw);
    gh_leakwatch_stop(NULL);
    assert_null(gh_leakwatch_start(NULL, on_stats, on_leak, &e));
    gh_heap_destroy(h);
}

/* ---- printed shapes -------------------------------------------------------- */

static char *printed(gh_error (*print)(FILE *, const void *), const void *what)
{
    static char buf[8192];
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(print(f, what), GH_OK);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static gh_error print_stats(FILE *f, const void *s)
{
    return gh_leakwatch_stats_print(f, s);
}
static gh_error print_leak(FILE *f, const void *l)
{
    return gh_leakwatch_leak_print(f, l);
}
static gh_error print_diff(FILE *f, const void *d)
{
    return gh_heapdiff_print(f, d);
}

static void events_print_as_console_log(void **state)
{
    (void)state;
    gh_leakwatch_leak leak = {1340979133000.0, 1340979153000.0, 67984,
                              "heap growth over 5 consecutive GCs (20s) - 11.67 mb/hr"};
    assert_string_equal(printed(print_leak, &leak),
                        "{\n"
                        "  start: 2012-06-29T14:12:13.000Z,\n"
                        "  end: 2012-06-29T14:12:33.000Z,\n"
                        "  growth: 67984,\n"
                        "  reason: 'heap growth over 5 consecutive GCs (20s) - 11.67 mb/hr'\n"
                        "}\n");
    gh_leakwatch_stats s = {17, 8, 17, 0.8, 2592568, 2592568, 2499912, 2592568};
    assert_string_equal(printed(print_stats, &s), "{\n"
                                                  "  num_full_gc: 17,\n"
                                                  "  num_inc_gc: 8,\n"
                                                  "  heap_compactions: 17,\n"
                                                  "  usage_trend: 0.8,\n"
                                                  "  estimated_base: 2592568,\n"
                                                  "  current_base: 2592568,\n"
                                                  "  min: 2499912,\n"
                                                  "  max: 2592568\n"
                                                  "}\n");
    /* numbers as JavaScript writes them */
    struct {
        double v;
        const char *text;
    } nums[] = {{-3.2, "-3.2"},
                {11.7, "11.7"},
                {100, "100"},
                {0.1, "0.1"},
                {1e21, "1e+21"},
                {1.5e-7, "1.5e-7"},
                {123456789012, "123456789012"},
                {0.000001, "0.000001"}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        s.usage_trend = nums[i].v;
        char want[64];
        snprintf(want, sizeof want, "  usage_trend: %s,\n", nums[i].text);
        assert_non_null(strstr(printed(print_stats, &s), want));
    }
}

/* The diff memwatch printed on Node 20 (memwatch-probe.out.txt), from the
 * same numbers. */
static const char memwatch_diff[] = "{\n"
                                    "  \"before\": {\n"
                                    "    \"nodes\": 39353,\n"
                                    "    \"size_bytes\": 2991206,\n"
                                    "    \"size\": \"2.85 mb\"\n"
                                    "  },\n"
                                    "  \"after\": {\n"
                                    "    \"nodes\": 49405,\n"
                                    "    \"size_bytes\": 3402422,\n"
                                    "    \"size\": \"3.24 mb\"\n"
                                    "  },\n"
                                    "  \"change\": {\n"
                                    "    \"size_bytes\": 411216,\n"
                                    "    \"size\": \"401.58 kb\",\n"
                                    "    \"freed_nodes\": 67,\n"
                                    "    \"allocated_nodes\": 10119,\n"
                                    "    \"details\": [\n"
                                    "      {\n"
                                    "        \"what\": \"Array\",\n"
                                    "        \"size_bytes\": 80000,\n"
                                    "        \"size\": \"78.13 kb\",\n"
                                    "        \"+\": 1,\n"
                                    "        \"-\": 1\n"
                                    "      },\n"
                                    "      {\n"
                                    "        \"what\": \"Code\",\n"
                                    "        \"size_bytes\": 10368,\n"
                                    "        \"size\": \"10.13 kb\",\n"
                                    "        \"+\": 36,\n"
                                    "        \"-\": 1\n"
                                    "      },\n"
                                    "      {\n"
                                    "        \"what\": \"LeakingClass\",\n"
                                    "        \"size_bytes\": 320000,\n"
                                    "        \"size\": \"312.5 kb\",\n"
                                    "        \"+\": 10000,\n"
                                    "        \"-\": 0\n"
                                    "      },\n"
                                    "      {\n"
                                    "        \"what\": \"Native\",\n"
                                    "        \"size_bytes\": 0,\n"
                                    "        \"size\": \"0 bytes\",\n"
                                    "        \"+\": 60,\n"
                                    "        \"-\": 60\n"
                                    "      },\n"
                                    "      {\n"
                                    "        \"what\": \"Object\",\n"
                                    "        \"size_bytes\": 56,\n"
                                    "        \"size\": \"56 bytes\",\n"
                                    "        \"+\": 1,\n"
                                    "        \"-\": 0\n"
                                    "      },\n"
                                    "      {\n"
                                    "        \"what\": \"String\",\n"
                                    "        \"size_bytes\": 24,\n"
                                    "        \"size\": \"24 bytes\",\n"
                                    "        \"+\": 1,\n"
                                    "        \"-\": 0\n"
                                    "      }\n"
                                    "    ]\n"
                                    "  }\n"
                                    "}\n";

/* Dates as util.inspect shows them: out of JavaScript's range (8.64e15 ms
 * either way) or NaN is "Invalid Date" -- converting such a value to
 * time_t was undefined, and 1e17 came out as a year of seven digits --
 * and years past 9999 or before 0 take toISOString's six digits and a
 * sign.  The leak struct is the caller's, with a clock of its own. */
static void leak_dates_as_javascript(void **state)
{
    (void)state;
    struct {
        double ms;
        const char *text;
    } dates[] = {{8.64e15, "+275760-09-13T00:00:00.000Z"},
                 {-8.64e15, "-271821-04-20T00:00:00.000Z"},
                 {8.64e15 + 1, "Invalid Date"},
                 {1e17, "Invalid Date"},
                 {1e300, "Invalid Date"},
                 {-1e300, "Invalid Date"},
                 {0.0 / 0.0, "Invalid Date"},
                 {1.0 / 0.0, "Invalid Date"},
                 {-1, "1969-12-31T23:59:59.999Z"},
                 {-1.5, "1969-12-31T23:59:59.999Z"},
                 {253402300800000.0, "+010000-01-01T00:00:00.000Z"},
                 {-62198755200000.0, "-000001-01-01T00:00:00.000Z"},
                 {-62167219200000.0, "0000-01-01T00:00:00.000Z"}};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        gh_leakwatch_leak leak = {dates[i].ms, dates[i].ms, 1, "r"};
        char start[64], end[64];
        snprintf(start, sizeof start, "start: %s,", dates[i].text);
        snprintf(end, sizeof end, "end: %s,", dates[i].text);
        const char *got = printed(print_leak, &leak);
        if (!strstr(got, start) || !strstr(got, end))
            fail_msg("%g: %s (wanted %s)", dates[i].ms, got, dates[i].text);
    }
}

/* A caller's leak event whose reason fills all 128 bytes, with no NUL (as
 * strncpy leaves it): printed up to the end of the field, and not one byte
 * further (it was read with strchr / *p up to whatever NUL came next). */
static void leak_reason_without_nul(void **state)
{
    (void)state;
    struct {
        gh_leakwatch_leak leak;
        char after[8];
    } ev;
    memset(&ev, 0, sizeof ev);
    ev.leak.start_ms = ev.leak.end_ms = 0;
    memset(ev.leak.reason, 'r', sizeof ev.leak.reason);
    memcpy(ev.after, "XYZ'", 5);
    char want[160] = "  reason: '";
    memset(want + strlen(want), 'r', sizeof ev.leak.reason);
    strcat(want, "'\n}\n");
    const char *got = printed(print_leak, &ev.leak);
    if (!strstr(got, want))
        fail_msg("got %s", got);
}

/* A write error names the printer and the cause (strerror), as the
 * header promises for I/O: it was "gh_diag: write error" for all three. */
static void printers_report_write_errors(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    gh_leakwatch_stats s = {0};
    gh_leakwatch_leak l = {0, 0, 0, "r"};
    gh_heapdiff_result r = {0};
    struct {
        gh_error (*print)(FILE *f, const void *what);
        const void *what;
        const char *name;
    } cases[] = {{print_stats, &s, "gh_leakwatch_stats_print: "},
                 {print_leak, &l, "gh_leakwatch_leak_print: "},
                 {print_diff, &r, "gh_heapdiff_print: "}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen("/dev/full", "w");
        assert_non_null(f);
        assert_int_equal(cases[i].print(f, cases[i].what), GH_ERR_OS);
        const char *msg = gh_diag_last_error_message();
        if (strncmp(msg, cases[i].name, strlen(cases[i].name)) != 0 ||
            !strstr(msg, strerror(ENOSPC)))
            fail_msg("%s", msg);
        fclose(f);
    }
}

static void heapdiff_prints_as_memwatch(void **state)
{
    (void)state;
    gh_heapdiff_detail details[] = {
        {"Array", 80000, 1, 1}, {"Code", 10368, 36, 1}, {"LeakingClass", 320000, 10000, 0},
        {"Native", 0, 60, 60},  {"Object", 56, 1, 0},   {"String", 24, 1, 0},
    };
    gh_heapdiff_result r = {{39353, 2991206}, {49405, 3402422}, 411216, 67, 10119, 6, details};
    assert_string_equal(printed(print_diff, &r), memwatch_diff);
    gh_heapdiff_result empty = {{1, 16}, {1, 16}, 0, 0, 0, 0, NULL};
    assert_non_null(strstr(printed(print_diff, &empty), "\"details\": []\n  }\n}\n"));
}

static void default_snapshot_name(void **state)
{
    (void)state;
    char a[128], b[128], date[9], clock[7], seq_a[4], seq_b[4];
    long pid;
    size_t n = gh_snapshot_default_name(a, sizeof a);
    assert_int_equal(n, strlen(a));
    gh_snapshot_default_name(b, sizeof b);
    assert_int_equal(
        sscanf(a, "Heap.%8[0-9].%6[0-9].%ld.0.%3[0-9].heapsnapshot", date, clock, &pid, seq_a), 4);
    assert_int_equal(pid, (long)getpid());
    assert_int_equal(
        sscanf(b, "Heap.%8[0-9].%6[0-9].%ld.0.%3[0-9].heapsnapshot", date, clock, &pid, seq_b), 4);
    assert_int_equal(atoi(seq_b), atoi(seq_a) + 1);
    assert_string_equal(a + strlen(a) - strlen(".heapsnapshot"), ".heapsnapshot");
    /* too small a buffer: cut, and the whole length returned */
    char small[10];
    assert_true(gh_snapshot_default_name(small, sizeof small) > sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nice_size_as_memwatch),
        cmocka_unit_test(nice_delta_as_memwatch),
        cmocka_unit_test(leak_after_five_growths),
        cmocka_unit_test(leak_rate_stays_in_range),
        cmocka_unit_test(statistics_as_memwatch),
        cmocka_unit_test(watch_outlives_its_heap),
        cmocka_unit_test(statistics_of_huge_bases),
        cmocka_unit_test(deferred_delivery),
        cmocka_unit_test(stop_from_own_callbacks),
        cmocka_unit_test(events_print_as_console_log),
        cmocka_unit_test(leak_dates_as_javascript),
        cmocka_unit_test(leak_reason_without_nul),
        cmocka_unit_test(printers_report_write_errors),
        cmocka_unit_test(heapdiff_prints_as_memwatch),
        cmocka_unit_test(default_snapshot_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
