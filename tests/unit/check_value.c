/*
 * check_value.c - dates and quantities as exact intervals.
 */
#include "unit.h"

#include <string.h>

#include "claimtrack/common.h"
#include "claimtrack/decimal.h"
#include "claimtrack/value.h"
#include "value/jnum.h"

/* The decimal `d` in plain notation equals `want` ("inf", "-inf" for open
 * ends). */
#define DEC_IS(d, want)                                                                            \
    do {                                                                                           \
        char buf_[128];                                                                            \
        ct_decimal_format(&(d), buf_, sizeof buf_);                                                \
        ck_assert_str_eq(buf_, want);                                                              \
    } while (0)

/* Parse quantity v with tolerance `tol` (decimal text); big numbers are kept
 * in `pool`. */
static int qparse(ct_decimal_pool *pool, const json_t *v, const char *tol, ct_interval *iv,
                  char *why, size_t n)
{
    ct_decimal t;
    ck_assert_int_eq(ct_decimal_parse(&t, tol, strlen(tol), NULL), 0);
    ct_decimal_store store = ct_decimal_pool_store(pool);
    return ct_quantity_value_parse(iv, v, &t, &store, why, n);
}
#define QP(v, tol, iv, why, n) qparse(&pool, (v), #tol, (iv), (why), (n))

static ct_interval date(const char *s)
{
    ct_interval iv;
    char why[128];
    ck_assert_msg(ct_date_parse(&iv, s, why, sizeof why) == 0, "%s: %s", s, why);
    return iv;
}

static int64_t dayn(const ct_decimal *d)
{
    int64_t v = 0;
    ck_assert_int_eq(ct_decimal_to_int(&v, d), 0);
    return v;
}

static long day(int y, int m, int d) { return ct_days_from_civil(y, m, d); }

START_TEST(test_date_day_is_one_day)
{
    ct_interval iv = date("2024-12-25");
    ck_assert_int_eq(ct_decimal_cmp(&iv.lo, &iv.hi), 0);
    ck_assert_int_eq(dayn(&iv.lo), day(2024, 12, 25));
    ct_interval epoch = date("1970-01-01");
    ck_assert_int_eq(dayn(&epoch.lo), 0);
}
END_TEST

START_TEST(test_date_month_covers_whole_month)
{
    ct_interval iv = date("2024-02");
    ck_assert_int_eq(dayn(&iv.lo), day(2024, 2, 1));
    ck_assert_int_eq(dayn(&iv.hi), day(2024, 2, 29)); /* leap year */
    iv = date("2025-02");
    ck_assert_int_eq(dayn(&iv.hi), day(2025, 2, 28));
}
END_TEST

START_TEST(test_date_year_covers_whole_year)
{
    ct_interval iv = date("2023");
    ck_assert_int_eq(dayn(&iv.lo), day(2023, 1, 1));
    ck_assert_int_eq(dayn(&iv.hi), day(2023, 12, 31));
}
END_TEST

START_TEST(test_date_calendar_checked)
{
    ct_interval iv;
    char why[128];
    ck_assert_int_eq(ct_date_parse(&iv, "2025-02-29", why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "no day 29 in 2025-02 (date \"2025-02-29\")");
    ck_assert_int_eq(ct_date_parse(&iv, "2024-02-29", why, sizeof why), 0);
    ck_assert_int_eq(ct_date_parse(&iv, "1900-02-29", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2000-02-29", why, sizeof why), 0);
    ck_assert_int_eq(ct_date_parse(&iv, "2025-13", why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "no month 13 in date \"2025-13\"");
    ck_assert_int_eq(ct_date_parse(&iv, "2025-00-10", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "25-01-01", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2025/01/01", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "", why, sizeof why), CT_EINVALID);
}
END_TEST

START_TEST(test_date_civil_round_trip)
{
    for (long z = -800000; z < 800000; z += 997) {
        int y, m, d;
        ct_civil_from_days(z, &y, &m, &d);
        ck_assert_int_eq(ct_days_from_civil(y, m, d), z);
    }
}
END_TEST

START_TEST(test_date_range_value)
{
    json_t *v = json_pack("{ssss}", "from", "2025-06-20", "to", "2025-06");
    ct_interval iv;
    char why[128];
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), 0);
    ck_assert_int_eq(dayn(&iv.lo), day(2025, 6, 20));
    ck_assert_int_eq(dayn(&iv.hi), day(2025, 6, 30)); /* "to" a month: its last day */
    json_decref(v);
    v = json_pack("{ss}", "from", "2025");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), 0);
    ck_assert_int_eq(iv.hi.form, CT_DECIMAL_POS_INF);
    json_decref(v);
    v = json_pack("{ssss}", "from", "2025-07", "to", "2025-06-30");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "date range ends (2025-06-30) before it starts (2025-07)");
    json_decref(v);
    v = json_pack("{ssss}", "from", "2025-06", "to", "2025-06");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), 0); /* one month */
    json_decref(v);
}
END_TEST

START_TEST(test_quantity_forms)
{
    ct_decimal_pool pool = {NULL};
    ct_interval iv;
    char why[128];
    json_t *v = json_integer(38);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "38");
    DEC_IS(iv.hi, "38");
    json_decref(v);
    v = json_pack("{si}", "min", 24);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "24");
    DEC_IS(iv.hi, "inf");
    json_decref(v);
    v = json_pack("{si}", "max", 5);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "-inf");
    DEC_IS(iv.hi, "5");
    json_decref(v);
    v = json_pack("{si}", "about", 500);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "450");
    DEC_IS(iv.hi, "550");
    ck_assert_int_eq(QP(v, 0.25, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "375");
    json_decref(v);
    v = json_pack("{sisi}", "min", 9, "max", 3);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "min (9) is greater than max (3)");
    json_decref(v);
    v = json_string("dozens");
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    json_decref(v);
    v = json_pack("{sisi}", "about", 9, "max", 3);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    json_decref(v);
    ct_decimal_pool_dispose(&pool);
}
END_TEST

static ct_decimal D(const char *s)
{
    ct_decimal d;
    ck_assert_int_eq(ct_decimal_parse(&d, s, strlen(s), NULL), 0);
    return d;
}

START_TEST(test_interval_touching_overlaps)
{
    ct_interval a = {D("1"), D("5")}, b = {D("5"), D("9")}, c = {D("5.0001"), D("9")};
    ck_assert(ct_interval_overlap(&a, &b));
    ck_assert(ct_interval_overlap(&b, &a));
    ck_assert(!ct_interval_overlap(&a, &c));
    ct_interval open = {ct_decimal_inf(-1), ct_decimal_inf(1)};
    ck_assert(ct_interval_overlap(&open, &a));
}
END_TEST

/* Integers beyond 2^53 keep their exact value: 2^53 + 1 is not 2^53, though
 * both are the same double. */
START_TEST(test_large_integers_compare_exactly)
{
    ct_decimal_pool pool = {NULL};
    char why[128];
    ct_interval a, b, c;
    json_t *v = json_integer(9007199254740993LL);
    ck_assert_int_eq(QP(v, 0.1, &a, why, sizeof why), 0);
    json_decref(v);
    v = json_integer(9007199254740992LL);
    ck_assert_int_eq(QP(v, 0.1, &b, why, sizeof why), 0);
    json_decref(v);
    ck_assert(!ct_interval_overlap(&a, &b));
    ck_assert_int_eq(ct_interval_cmp(&a, &b), 1);
    ck_assert_int_eq(ct_interval_cmp(&b, &a), -1);
    /* 9007199254740992.0 written so equals the integer 2^53, not 2^53 + 1 */
    v = ct_jnum__new("9007199254740992.0", 18);
    ck_assert_int_eq(QP(v, 0.1, &c, why, sizeof why), 0);
    json_decref(v);
    ck_assert(ct_interval_overlap(&b, &c));
    ck_assert(!ct_interval_overlap(&a, &c));
    /* {"min": 2^53 + 1, "max": 2^53} is refused: min > max exactly */
    v = json_pack("{sIsI}", "min", (json_int_t)9007199254740993LL, "max",
                  (json_int_t)9007199254740992LL);
    ck_assert_int_eq(QP(v, 0.1, &c, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "min (9007199254740993) is greater than max (9007199254740992)");
    json_decref(v);
    /* the largest integers, and beyond int64 */
    v = json_integer(INT64_MAX);
    ck_assert_int_eq(QP(v, 0.1, &a, why, sizeof why), 0);
    json_decref(v);
    DEC_IS(a.lo, "9223372036854775807");
    v = ct_jnum__new("9223372036854775808", 19);
    ck_assert_int_eq(QP(v, 0.1, &b, why, sizeof why), 0);
    json_decref(v);
    ck_assert_int_eq(ct_decimal_cmp(&a.lo, &b.lo), -1);
    v = ct_jnum__new("92233720368547758070e-1", 23); /* INT64_MAX again */
    ck_assert_int_eq(QP(v, 0.1, &c, why, sizeof why), 0);
    json_decref(v);
    ck_assert_int_eq(ct_decimal_cmp(&a.lo, &c.lo), 0);
    ct_decimal_pool_dispose(&pool);
}
END_TEST

START_TEST(test_value_describe)
{
    char buf[128];
    json_t *v = json_pack("{si}", "min", 100001);
    ct_value_describe(v, CT_TYPE_QUANTITY, "people", buf, sizeof buf);
    ck_assert_str_eq(buf, "at least 100001 people");
    json_decref(v);
    v = json_pack("{ssss}", "from", "2025-06-20", "to", "2025-06-30");
    ct_value_describe(v, CT_TYPE_DATE, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "2025-06-20 to 2025-06-30");
    json_decref(v);
    v = ct_jnum__new("1.178", 5);
    ct_value_describe(v, CT_TYPE_QUANTITY, "billion USD", buf, sizeof buf);
    ck_assert_str_eq(buf, "1.178 billion USD");
    json_decref(v);
    ct_value_describe(json_true(), CT_TYPE_BOOLEAN, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "yes");
}
END_TEST

/* A count of exactly one takes the singular of the unit's head noun. */
START_TEST(test_value_describe_singular_for_one)
{
    static const struct {
        const char *value, *unit, *want;
    } cases[] = {
        {"1", "employees", "1 employee"},
        {"2", "employees", "2 employees"},
        {"-1", "years", "-1 year"},
        {"1", "people", "1 person"},
        {"1", "barrels per day", "1 barrel per day"},
        {"1", "million cubic metres per day", "1 million cubic metres per day"},
        {"1", "casualties", "1 casualty"},
        {"1", "billion USD", "1 billion USD"},
        {"1", "% of Azerbaijan's exports", "1 % of Azerbaijan's exports"},
        {"1", "inches", "1 inch"},
        {"1", "cases", "1 case"},
        {"1", "status", "1 status"},
        {"1.0", "employees", "1.0 employees"},
        {"{\"about\": 1}", "employees", "about 1 employee"},
        {"{\"min\": 1}", "employees", "at least 1 employee"},
        {"{\"min\": 1, \"max\": 3}", "employees", "1 to 3 employees"},
        {"{\"low\": 1, \"best\": 1, \"high\": 2}", "people", "1 person (estimate 1 to 2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[128];
        json_t *v = ct_jnum__loadb(cases[i].value, strlen(cases[i].value), JSON_DECODE_ANY);
        ck_assert_ptr_nonnull(v);
        ct_value_describe(v, CT_TYPE_QUANTITY, cases[i].unit, buf, sizeof buf);
        ck_assert_str_eq(buf, cases[i].want);
        json_decref(v);
    }
}
END_TEST

START_TEST(test_date_value_errors)
{
    ct_interval iv;
    char why[128];
    json_t *v = json_integer(2025);
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected a date string or {\"from\", \"to\"}");
    json_decref(v);
    v = json_object();
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected \"from\" or \"to\" in a date range");
    json_decref(v);
    v = json_pack("{si}", "from", 2025);
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected a date string for \"from\"");
    json_decref(v);
    v = json_pack("{sb}", "to", 1);
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected a date string for \"to\"");
    json_decref(v);
    v = json_pack("{ss}", "to", "2025-02-30");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "no day 30 in 2025-02 (date \"2025-02-30\")");
    json_decref(v);
    v = json_pack("{ss}", "from", "June");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"June\"");
    json_decref(v);
    v = json_pack("{ss}", "to", "2025-06");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), 0);
    ck_assert_int_eq(iv.lo.form, CT_DECIMAL_NEG_INF);
    ck_assert_int_eq(dayn(&iv.hi), day(2025, 6, 30));
    json_decref(v);
    v = json_string("2025-06-3x");
    ck_assert_int_eq(ct_date_value_parse(&iv, v, why, sizeof why), CT_EINVALID);
    json_decref(v);
    ck_assert_int_eq(ct_date_parse(&iv, "2025-06-", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2025x06", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2025-06x01", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2100-02-29", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2024-04-31", why, sizeof why), CT_EINVALID);
    ck_assert_int_eq(ct_date_parse(&iv, "2024-12-31", why, sizeof why), 0);
}
END_TEST

START_TEST(test_quantity_errors)
{
    ct_decimal_pool pool = {NULL};
    ct_interval iv;
    char why[128];
    json_t *v = json_pack("{ss}", "about", "500");
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected {\"about\": number} alone");
    json_decref(v);
    v = json_object();
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    ck_assert_str_eq(why, "expected numeric \"min\" and/or \"max\"");
    json_decref(v);
    v = json_pack("{ss}", "min", "24");
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    json_decref(v);
    v = json_pack("{sisn}", "min", 2, "max");
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
    json_decref(v);
    v = json_pack("{si}", "about", -10); /* a negative estimate still widens both ways */
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "-11");
    DEC_IS(iv.hi, "-9");
    json_decref(v);
    v = ct_jnum__new("2.50", 4); /* kept as written */
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "2.50");
    DEC_IS(iv.hi, "2.50");
    json_decref(v);
    ct_decimal_pool_dispose(&pool);
}
END_TEST

static void describe(json_t *v, ct_value_type t, const char *unit, const char *want)
{
    char buf[128];
    ct_value_describe(v, t, unit, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
    json_decref(v);
}

START_TEST(test_value_describe_forms)
{
    describe(json_integer(38), CT_TYPE_QUANTITY, NULL, "38");
    describe(json_integer(38), CT_TYPE_QUANTITY, "", "38");
    describe(json_pack("{si}", "about", 50), CT_TYPE_QUANTITY, "people", "about 50 people");
    describe(json_pack("{sisi}", "min", 8, "max", 11), CT_TYPE_QUANTITY, "people",
             "8 to 11 people");
    describe(json_pack("{si}", "max", 5), CT_TYPE_QUANTITY, NULL, "at most 5");
    describe(ct_jnum__new("1e20", 4), CT_TYPE_QUANTITY, NULL, "1e20");
    describe(ct_jnum__new("1234567.891", 11), CT_TYPE_QUANTITY, NULL, "1234567.891");
    describe(ct_jnum__new("123456.5", 8), CT_TYPE_QUANTITY, NULL, "123456.5");
    describe(json_string("2025-06"), CT_TYPE_DATE, NULL, "2025-06");
    describe(json_pack("{ss}", "from", "2025-06"), CT_TYPE_DATE, NULL, "from 2025-06");
    describe(json_pack("{ss}", "to", "2025"), CT_TYPE_DATE, NULL, "until 2025");
    describe(json_false(), CT_TYPE_BOOLEAN, NULL, "no");
    describe(json_string("missile"), CT_TYPE_TERM, NULL, "missile");
    describe(json_string("a quote"), CT_TYPE_TEXT, NULL, "a quote");
    describe(json_integer(3), CT_TYPE_TEXT, NULL, "?");
}
END_TEST

START_TEST(test_value_type_names)
{
    static const char *const names[] = {"quantity", "date", "term", "boolean", "text"};
    for (int i = 0; i < 5; i++) {
        ct_value_type t;
        ck_assert_int_eq(ct_value_type_from_name(&t, names[i]), 0);
        ck_assert_int_eq((int)t, i);
        ck_assert_str_eq(ct_value_type_name(t), names[i]);
    }
    ct_value_type t;
    ck_assert_int_eq(ct_value_type_from_name(&t, "number"), CT_ENOTFOUND);
    ck_assert_int_eq(ct_value_type_from_name(&t, NULL), CT_ENOTFOUND);
}
END_TEST

START_TEST(test_quantity_estimate)
{
    ct_decimal_pool pool = {NULL};
    ct_interval iv;
    char why[200];
    json_t *v = json_loads("{\"low\": 20, \"best\": 25, \"high\": 40}", 0, NULL);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    DEC_IS(iv.lo, "20");
    DEC_IS(iv.hi, "40");
    ct_decimal best;
    ck_assert_int_eq(ct_quantity_best(&best, v, NULL), 0);
    DEC_IS(best, "25");
    json_decref(v);
    v = json_loads("{\"low\": 20, \"high\": 40}", 0, NULL);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    ck_assert_int_eq(ct_quantity_best(&best, v, NULL), 0);
    ck_assert_int_eq(best.form, CT_DECIMAL_NONE);
    json_decref(v);
    v = json_loads("{\"low\": 5, \"best\": 5, \"high\": 5}", 0, NULL);
    ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), 0);
    json_decref(v);
    const char *bad[][2] = {
        {"{\"low\": 30, \"best\": 25, \"high\": 40}", "low (30) is greater than its best (25)"},
        {"{\"low\": 20, \"best\": 41, \"high\": 40}", "best (41) is greater than its high (40)"},
        {"{\"low\": 41, \"high\": 40}", "low (41) is greater than its high (40)"},
        {"{\"best\": 25}", "expected an estimate"},
        {"{\"low\": 1, \"high\": 2, \"min\": 0}", "expected an estimate"},
        {"{\"low\": \"1\", \"high\": 2}", "expected an estimate"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = json_loads(bad[i][0], 0, NULL);
        ck_assert_int_eq(QP(v, 0.1, &iv, why, sizeof why), CT_EINVALID);
        ck_assert_msg(strstr(why, bad[i][1]) != NULL, "%s: %s", bad[i][0], why);
        json_decref(v);
    }
    v = json_loads("{\"low\": 20, \"best\": 25, \"high\": 40}", 0, NULL);
    describe(v, CT_TYPE_QUANTITY, "people", "25 people (estimate 20 to 40)");
    describe(json_loads("{\"low\": 20, \"high\": 40}", 0, NULL), CT_TYPE_QUANTITY, NULL,
             "20 to 40 (estimate)");
    ct_decimal_pool_dispose(&pool);
}
END_TEST

Suite *suite_value(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("value");
    tcase_add_test(tc, test_date_day_is_one_day);
    tcase_add_test(tc, test_date_month_covers_whole_month);
    tcase_add_test(tc, test_date_year_covers_whole_year);
    tcase_add_test(tc, test_date_calendar_checked);
    tcase_add_test(tc, test_date_civil_round_trip);
    tcase_add_test(tc, test_date_range_value);
    tcase_add_test(tc, test_quantity_forms);
    tcase_add_test(tc, test_value_describe_singular_for_one);
    tcase_add_test(tc, test_interval_touching_overlaps);
    tcase_add_test(tc, test_large_integers_compare_exactly);
    tcase_add_test(tc, test_value_describe);
    tcase_add_test(tc, test_date_value_errors);
    tcase_add_test(tc, test_quantity_errors);
    tcase_add_test(tc, test_value_describe_forms);
    tcase_add_test(tc, test_value_type_names);
    tcase_add_test(tc, test_quantity_estimate);
    suite_add_tcase(s, tc);
    return s;
}
