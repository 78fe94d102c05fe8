/* check_parser.c -- unit tests of the parser: tree shapes and syntax errors. */
#include "check_util.h"
#include "compile/parser.h"

static GArena arena;

static GNode *parse(const char *src, GSyntaxError *err)
{
    GTokens t;
    memset(err, 0, sizeof *err);
    if (g_tokenize(src, strlen(src), &t, err) < 0)
        return NULL;
    GNode *m = g_parse_tokens(&t, &arena, err);
    g_tokens_free(&t);
    return m;
}

START_TEST(test_precedence)
{
    GSyntaxError err;
    GNode *m = parse("1 + 2 * 3 ** 2\n", &err);
    ck_assert_ptr_nonnull(m);
    GNode *e = m->l1.items[0]->a;
    ck_assert_int_eq(e->kind, E_BINOP);
    ck_assert_int_eq(e->op, NB_ADD);
    ck_assert_int_eq(e->b->kind, E_BINOP);
    ck_assert_int_eq(e->b->op, NB_MUL);
    ck_assert_int_eq(e->b->b->op, NB_POW);
    ck_assert_str_eq(eval_repr("-2 ** 2"), "-4");
    ck_assert_str_eq(eval_repr("2 ** 3 ** 2"), "512");
    ck_assert_str_eq(eval_repr("not 1 == 2"), "True");
    g_arena_free(&arena);
}
END_TEST

START_TEST(test_statements)
{
    GSyntaxError err;
    GNode *m = parse("def f(a, b=1, *c, d, **e):\n    return a\nclass K(object):\n    pass\nfor x in y:\n    pass\nelse:\n    pass\n", &err);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(m->l1.n, 3);
    GNode *f = m->l1.items[0];
    ck_assert_int_eq(f->kind, S_FUNCDEF);
    ck_assert_int_eq(f->a->l1.n, 2);
    ck_assert_int_eq(f->a->l2.n, 1);
    ck_assert_int_eq(f->a->l3.n, 1);
    ck_assert_ptr_nonnull(f->a->a);
    ck_assert_ptr_nonnull(f->a->b);
    ck_assert_int_eq(m->l1.items[1]->kind, S_CLASSDEF);
    ck_assert_int_eq(m->l1.items[2]->l2.n, 1);
    g_arena_free(&arena);
}
END_TEST

START_TEST(test_positions)
{
    GSyntaxError err;
    GNode *m = parse("x = foo(1) + bar[2]\n", &err);
    ck_assert_ptr_nonnull(m);
    GNode *e = m->l1.items[0]->a;
    ck_assert_int_eq(e->col, 4);
    ck_assert_int_eq(e->end_col, 19);
    ck_assert_int_eq(e->anchor, 11);
    ck_assert_int_eq(e->b->kind, E_SUBSCRIPT);
    ck_assert_int_eq(e->b->anchor, 16);
    g_arena_free(&arena);
}
END_TEST

START_TEST(test_fstring_parts)
{
    GSyntaxError err;
    GNode *m = parse("f'a{x!r:>{w}}b{y=}'\n", &err);
    ck_assert_ptr_nonnull(m);
    GNode *j = m->l1.items[0]->a;
    ck_assert_int_eq(j->kind, E_JOINEDSTR);
    ck_assert_int_eq(j->l1.items[1]->kind, E_FORMATTED);
    ck_assert_int_eq(j->l1.items[1]->op, 'r');
    ck_assert_ptr_nonnull(j->l1.items[1]->b);
    g_arena_free(&arena);
}
END_TEST

START_TEST(test_syntax_errors)
{
    GSyntaxError err;
    ck_assert_ptr_null(parse("if x\n    pass\n", &err));
    ck_assert_str_eq(err.msg, "expected ':'");
    ck_assert_ptr_null(parse("1 = x\n", &err));
    ck_assert_str_eq(err.msg, "cannot assign to literal here. Maybe you meant '==' instead of '='?");
    ck_assert_ptr_null(parse("def f():\nreturn\n", &err));
    ck_assert(err.kind == &GExc_IndentationError);
    ck_assert_str_eq(err.msg, "expected an indented block after function definition on line 1");
    ck_assert_ptr_null(parse("f(x for x in y, 1)\n", &err));
    ck_assert_str_eq(err.msg, "Generator expression must be parenthesized");
    ck_assert_ptr_null(parse("def f(a=1, b):\n    pass\n", &err));
    ck_assert_str_eq(err.msg, "non-default argument follows default argument");
    ck_assert_ptr_null(parse("[1 2]\n", &err));
    ck_assert_str_eq(err.msg, "invalid syntax. Perhaps you forgot a comma?");
    ck_assert_ptr_null(parse("x +\n", &err));
    ck_assert_str_eq(err.msg, "invalid syntax");
    g_arena_free(&arena);
}
END_TEST

START_TEST(test_deep_unary_is_an_error)
{
    static char buf[20000];
    memset(buf, '-', 10000);
    strcpy(buf + 10000, "1\n");
    GSyntaxError err;
    ck_assert_ptr_null(parse(buf, &err));
    ck_assert(err.kind == &GExc_RecursionError);
    g_arena_free(&arena);
}
END_TEST

static Suite *parser_suite(void)
{
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_statements);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_fstring_parts);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_deep_unary_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(parser_suite)
