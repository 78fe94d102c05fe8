/* check_objects.c -- unit tests of the object types and the refcount API. */
#include "check_util.h"

START_TEST(test_header_layout)
{
    ck_assert_int_eq(sizeof(GObject), 32);
    ck_assert_int_eq(offsetof(GObject, ob_tid), 0);
    ck_assert_int_eq(offsetof(GObject, ob_mutex), 10);
    ck_assert_int_eq(offsetof(GObject, ob_ref_local), 12);
    ck_assert_int_eq(offsetof(GObject, ob_ref_shared), 16);
    ck_assert_int_eq(offsetof(GObject, ob_type), 24);
}
END_TEST

START_TEST(test_refcount_biased)
{
    GObject *l = g_list_new(0);
    ck_assert(g_ob_tid(l) == (uintptr_t)g_tstate());
    ck_assert_int_eq(g_ref_local(l), 1);
    uint64_t before = g_tstate()->rc.local;
    g_incref(l);
    ck_assert_int_eq(g_ref_local(l), 2);
    ck_assert_int_eq(g_tstate()->rc.local, before + 1);
    ck_assert_int_eq(g_refcount(l), 2);
    /* a count from a non-owner goes to the shared field */
    g_ob_tid_set(l, 12345);
    g_incref(l);
    ck_assert_int_eq(atomic_load(&l->ob_ref_shared) >> G_SHARED_SHIFT, 1);
    ck_assert_int_eq(g_refcount(l), 3);
    g_decref(l);
    g_ob_tid_set(l, (uintptr_t)g_tstate());
    g_decref(l);
    g_decref(l);
}
END_TEST

START_TEST(test_immortal_and_deferred)
{
    uint64_t skipped = g_tstate()->rc.immortal_skipped;
    g_incref(G_NONE);
    g_decref(G_NONE);
    ck_assert_int_eq(g_tstate()->rc.immortal_skipped, skipped + 2);
    ck_assert(g_is_immortal(g_int_from_i64(7)));
    ck_assert(g_is_immortal(g_str_intern("interned_name")));
    GObject *f = run_then_eval("def f():\n    pass\n", "f");
    ck_assert(g_is_deferred(f));
    uint64_t d = g_tstate()->rc.deferred_skipped;
    g_incref(f);
    ck_assert_int_eq(g_tstate()->rc.deferred_skipped, d + 1);
}
END_TEST

START_TEST(test_int_bignum)
{
    ck_assert_str_eq(eval_repr("2 ** 100"), "1267650600228229401496703205376");
    ck_assert_str_eq(eval_repr("(2 ** 100) // 3 ** 20"), "363558641556578823726");
    ck_assert_str_eq(eval_repr("-(2 ** 70) // 7"), "-168655945816773043347");
    ck_assert_str_eq(eval_repr("-(2 ** 70) % 7"), "5");
    ck_assert_str_eq(eval_repr("9223372036854775807 + 1"), "9223372036854775808");
    ck_assert_str_eq(eval_repr("(-9223372036854775807 - 1) // -1"), "9223372036854775808");
    ck_assert_str_eq(eval_repr("(2**64 - 1) & -(2**40)"), "18446742974197923840");
    ck_assert_str_eq(eval_repr("hex(-(2**65))"), "'-0x20000000000000000'");
    ck_assert_str_eq(eval_repr("int('-123456789012345678901234567890') * 10"), "-1234567890123456789012345678900");
    ck_assert_str_eq(eval_repr("hash(2**61 + 5) == 6 and hash(2**100) == pow(2, 100, 2**61 - 1) and hash(-(2**100)) == -hash(2**100)"), "True");
}
END_TEST

START_TEST(test_float_repr)
{
    ck_assert_str_eq(eval_repr("0.1 + 0.2"), "0.30000000000000004");
    ck_assert_str_eq(eval_repr("1e16"), "1e+16");
    ck_assert_str_eq(eval_repr("1e-5"), "1e-05");
    ck_assert_str_eq(eval_repr("123456789.0 * 10"), "1234567890.0");
    ck_assert_str_eq(eval_repr("-0.0"), "-0.0");
    ck_assert_str_eq(eval_repr("2.5 // 1"), "2.0");
    ck_assert_str_eq(eval_repr("hash(2.0) == hash(2)"), "True");
}
END_TEST

START_TEST(test_str_unicode)
{
    ck_assert_str_eq(eval_repr("len('日本語')"), "3");
    ck_assert_str_eq(eval_repr("'日本語'[1]"), "'本'");
    ck_assert_str_eq(eval_repr("'héllo'[::-1]"), "'olléh'");
    ck_assert_str_eq(eval_repr("'a,b,,c'.split(',')"), "['a', 'b', '', 'c']");
    ck_assert_str_eq(eval_repr("f'{3.14159:.2f}|{42:>5}|{1234567:,}'"), "'3.14|   42|1,234,567'");
    ck_assert_str_eq(eval_repr("'%5.1f%%' % 12.34"), "' 12.3%'");
}
END_TEST

START_TEST(test_containers)
{
    ck_assert_str_eq(eval_repr("list(dict.fromkeys('banana'))"), "['b', 'a', 'n']");
    ck_assert_str_eq(eval_repr("{3, 1, 2} | {5}"), "{1, 2, 3, 5}");
    ck_assert_str_eq(eval_repr("sorted([3, 1, 2], key=lambda x: -x)"), "[3, 2, 1]");
    ck_assert_str_eq(eval_repr("[1, 2, 3][-1:0:-1]"), "[3, 2]");
    ck_assert_str_eq(eval_repr("(1, 2) + (3,)"), "(1, 2, 3)");
    ck_assert_str_eq(eval_repr("{}['k']"), "<error KeyError: 'k'>");
    GObject *d = g_dict_new();
    for (int i = 0; i < 1000; i++) {
        GObject *k = g_int_from_i64(i);
        g_dict_set(d, k, k);
        g_decref(k);
    }
    for (int i = 0; i < 1000; i += 2) {
        GObject *k = g_int_from_i64(i);
        ck_assert_int_eq(g_dict_del(d, k), 0);
        g_decref(k);
    }
    ck_assert_int_eq(g_dict_size(d), 500);
    int64_t pos = 0;
    GObject *k, *v;
    ck_assert(g_dict_next(d, &pos, &k, &v));
    ck_assert_int_eq(g_int_small_value(k), 1);
    g_decref(d);
}
END_TEST

START_TEST(test_memory_error)
{
    ck_assert_str_eq(eval_repr("[0] * (10 ** 12)"), "<error MemoryError: >");
    ck_assert_str_eq(eval_repr("'x' * (10 ** 12)"), "<error MemoryError: >");
    g_alloc_fail_after(0);
    GObject *l = g_list_new(5);
    g_alloc_fail_after(-1);
    ck_assert_ptr_null(l);
    ck_assert(g_err_matches(&GExc_MemoryError));
    g_err_clear();
}
END_TEST

START_TEST(test_repr_cycles)
{
    GObject *r = run_then_eval("a = [1]\na.append(a)\nd = {}\nd['self'] = d\n", "(repr(a), repr(d))");
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(g_str_data(G_TUPLE_ITEM(r, 0)), "[1, [...]]");
    ck_assert_str_eq(g_str_data(G_TUPLE_ITEM(r, 1)), "{'self': {...}}");
    g_decref(r);
}
END_TEST

static Suite *objects_suite(void)
{
    Suite *s = suite_create("objects");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_header_layout);
    tcase_add_test(tc, test_refcount_biased);
    tcase_add_test(tc, test_immortal_and_deferred);
    tcase_add_test(tc, test_int_bignum);
    tcase_add_test(tc, test_float_repr);
    tcase_add_test(tc, test_str_unicode);
    tcase_add_test(tc, test_containers);
    tcase_add_test(tc, test_memory_error);
    tcase_add_test(tc, test_repr_cycles);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(objects_suite)
