/* test_values.c -- the tagged value encoding. */
#include <float.h>
#include <math.h>

#include "test_util.h"

static void ints_round_trip(void **state)
{
    (void)state;
    int64_t samples[] = {0, 1, -1, 42, -42, INT32_MAX, INT32_MIN, GH_INT_MAX, GH_INT_MIN};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        gh_value v = gh_from_int(samples[i]);
        assert_true(gh_is_int(v));
        assert_false(gh_is_double(v));
        assert_false(gh_is_ptr(v));
        assert_false(gh__is_ref(v));
        assert_true(gh_is_number(v));
        assert_true(gh_to_int(v) == samples[i]);
    }
}

static void doubles_round_trip(void **state)
{
    (void)state;
    double samples[] = {0.0, -0.0, 1.5, -1.5, 1e300, -1e-300, INFINITY, -INFINITY, 5e-324, DBL_MAX};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        gh_value v = gh_from_double(samples[i]);
        assert_true(gh_is_double(v));
        assert_false(gh_is_int(v));
        assert_false(gh_is_ptr(v));
        assert_false(gh__is_ref(v));
        double back = gh_to_double(v);
        assert_memory_equal(&back, &samples[i], sizeof back); /* bit-exact, -0 included */
    }
    /* every NaN becomes one canonical NaN, still a double */
    gh_value nan = gh_from_double(NAN), neg_nan = gh_from_double(-NAN);
    assert_true(gh_is_double(nan));
    assert_true(nan == neg_nan);
    assert_true(isnan(gh_to_double(nan)));
}

static void pointers_and_specials(void **state)
{
    (void)state;
    static uint64_t cell[2];
    gh_value p = gh_from_ptr(cell);
    assert_true(gh_is_ptr(p));
    assert_true(gh_to_ptr(p) == (void *)cell);
    assert_true(gh__is_ref(p));
    assert_false(gh_is_number(p));
    /* raw pointers are references too, but not tagged pointers */
    uint64_t raw = (uint64_t)(uintptr_t)cell;
    assert_true(gh__is_ref(raw));
    assert_false(gh_is_ptr(raw));
    /* NULL, empty and specials are not references */
    assert_false(gh__is_ref(0));
    assert_false(gh__is_ref(1)); /* a tagged NULL */
    for (uint64_t n = 0; n < 100; n++) {
        gh_value s = gh_special(n);
        assert_true(gh_is_special(s));
        assert_true(gh_special_index(s) == n);
        assert_false(gh__is_ref(s));
        assert_false(gh_is_ptr(s));
        assert_false(gh_is_number(s));
    }
    assert_false(gh_is_ptr(GH_EMPTY));
    assert_false(gh__is_ref((uint64_t)(uintptr_t)GH_HANDLE_ZAP));
    assert_false(gh__is_ref(GH_ZAP_PATTERN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ints_round_trip),
        cmocka_unit_test(doubles_round_trip),
        cmocka_unit_test(pointers_and_specials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
