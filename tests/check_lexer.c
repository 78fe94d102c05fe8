/* check_lexer.c -- unit tests of the lexer: tokens, layout and errors. */
#include "check_util.h"

static GTokKind kinds[256];
static int nkinds;

static int lex(const char *src, GSyntaxError *err)
{
    GTokens t;
    memset(err, 0, sizeof *err);
    if (g_tokenize(src, strlen(src), &t, err) < 0)
        return -1;
    nkinds = (int)t.n < 256 ? (int)t.n : 256;
    for (int i = 0; i < nkinds; i++)
        kinds[i] = t.toks[i].kind;
    g_tokens_free(&t);
    return 0;
}

START_TEST(test_simple_tokens)
{
    GSyntaxError err;
    ck_assert_int_eq(lex("x = 1 + 2.5\n", &err), 0);
    GTokKind want[] = { T_NAME, T_EQUAL, T_NUMBER, T_PLUS, T_NUMBER, T_NEWLINE, T_EOF };
    ck_assert_int_eq(nkinds, 7);
    for (int i = 0; i < 7; i++)
        ck_assert_int_eq(kinds[i], want[i]);
}
END_TEST

START_TEST(test_indent_dedent)
{
    GSyntaxError err;
    ck_assert_int_eq(lex("if a:\n    b\n    if c:\n        d\ne\n", &err), 0);
    int indents = 0, dedents = 0;
    for (int i = 0; i < nkinds; i++) {
        indents += kinds[i] == T_INDENT;
        dedents += kinds[i] == T_DEDENT;
    }
    ck_assert_int_eq(indents, 2);
    ck_assert_int_eq(dedents, 2);
}
END_TEST

START_TEST(test_brackets_join_lines)
{
    GSyntaxError err;
    ck_assert_int_eq(lex("x = (1,\n     2)\n", &err), 0);
    int newlines = 0;
    for (int i = 0; i < nkinds; i++)
        newlines += kinds[i] == T_NEWLINE;
    ck_assert_int_eq(newlines, 1);
}
END_TEST

START_TEST(test_longest_operator)
{
    GSyntaxError err;
    ck_assert_int_eq(lex("a **= b // c >>= d != e\n", &err), 0);
    ck_assert_int_eq(kinds[1], T_DOUBLESTAREQUAL);
    ck_assert_int_eq(kinds[3], T_DOUBLESLASH);
    ck_assert_int_eq(kinds[5], T_RIGHTSHIFTEQUAL);
    ck_assert_int_eq(kinds[7], T_NOTEQUAL);
}
END_TEST

START_TEST(test_string_escapes)
{
    ck_assert_str_eq(eval_repr("'a\\tb\\x41\\u00e9'"), "'a\\tbAé'");
    ck_assert_str_eq(eval_repr("r'a\\tb'"), "'a\\\\tb'");
    ck_assert_str_eq(eval_repr("'''multi\nline'''"), "'multi\\nline'");
    ck_assert_str_eq(eval_repr("'con' 'cat'"), "'concat'");
}
END_TEST

START_TEST(test_bytes_literals)
{
    ck_assert_str_eq(eval_repr("b'a\\tb\\x41\\101\\xff'"), "b'a\\tbAA\\xff'");
    ck_assert_str_eq(eval_repr("rb'\\x41' B\"c\""), "b'\\\\x41c'");
    ck_assert_str_eq(eval_repr("b'\\u1234'"), "b'\\\\u1234'");
    GSyntaxError err;
    ck_assert_int_eq(lex("x = b'\\x4'\n", &err), -1);
}
END_TEST

START_TEST(test_numbers)
{
    ck_assert_str_eq(eval_repr("0x_ff + 0o17 + 0b11 + 1_000"), "1273");
    ck_assert_str_eq(eval_repr("1e3 + .5"), "1000.5");
    GSyntaxError err;
    ck_assert_int_eq(lex("x = 012\n", &err), -1);
    ck_assert(strstr(err.msg, "leading zeros") != NULL);
}
END_TEST

START_TEST(test_errors)
{
    GSyntaxError err;
    ck_assert_int_eq(lex("s = 'abc\n", &err), -1);
    ck_assert_str_eq(err.msg, "unterminated string literal (detected at line 1)");
    ck_assert_int_eq(err.col, 4);
    ck_assert_int_eq(lex("x = (1,\n", &err), -1);
    ck_assert_str_eq(err.msg, "'(' was never closed");
    ck_assert_int_eq(lex("x = 1]\n", &err), -1);
    ck_assert_str_eq(err.msg, "unmatched ']'");
    ck_assert_int_eq(lex("if x:\n        a\n\tb\n", &err), -1);
    ck_assert(err.kind == &GExc_TabError);
    ck_assert_int_eq(lex("if x:\n    a\n  b\n", &err), -1);
    ck_assert(err.kind == &GExc_IndentationError);
    ck_assert_int_eq(lex("x = $\n", &err), -1);
}
END_TEST

START_TEST(test_deep_brackets_rejected)
{
    char buf[1024];
    memset(buf, '(', 300);
    buf[300] = 0;
    GSyntaxError err;
    ck_assert_int_eq(lex(buf, &err), -1);
    ck_assert_str_eq(err.msg, "too many nested parentheses");
}
END_TEST

static Suite *lexer_suite(void)
{
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_simple_tokens);
    tcase_add_test(tc, test_indent_dedent);
    tcase_add_test(tc, test_brackets_join_lines);
    tcase_add_test(tc, test_longest_operator);
    tcase_add_test(tc, test_string_escapes);
    tcase_add_test(tc, test_bytes_literals);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_deep_brackets_rejected);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(lexer_suite)
