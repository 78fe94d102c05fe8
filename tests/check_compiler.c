/* check_compiler.c -- unit tests of the symbol table, code generation and the VM. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "compile/opcodes.h"

static GCode *compile_ok(const char *src)
{
    GSyntaxError err;
    GCode *co = g_compile(src, strlen(src), "<test>", G_COMPILE_FILE, &err);
    ck_assert_msg(co != NULL, "compile failed: %s", err.msg);
    return co;
}

static GCode *first_function(GCode *co)
{
    for (int64_t i = 0; i < G_TUPLE_SIZE(co->consts); i++)
        if (G_TYPE(G_TUPLE_ITEM(co->consts, i)) == &GCode_type)
            return (GCode *)G_TUPLE_ITEM(co->consts, i);
    return NULL;
}

static bool has_op(GCode *co, int op)
{
    for (int i = 0; i < co->ncode; i++)
        if ((int)G_OP(co->code[i]) == op)
            return true;
    return false;
}

START_TEST(test_scopes)
{
    GCode *co = compile_ok("g = 1\ndef f(a):\n    b = a\n    def inner():\n        return b + g\n    return inner\n");
    GCode *f = first_function(co);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->argcount, 1);
    ck_assert_int_eq(f->ncells, 1);          /* b is captured */
    ck_assert_str_eq(g_str_data(G_TUPLE_ITEM(f->cellvars, 0)), "b");
    GCode *inner = first_function(f);
    ck_assert_int_eq(inner->nfrees, 1);
    ck_assert(has_op(inner, OP_LOAD_DEREF));
    ck_assert(has_op(inner, OP_LOAD_GLOBAL));
    ck_assert(has_op(co, OP_STORE_GLOBAL));
    g_decref((GObject *)co);
}
END_TEST

START_TEST(test_augassign_is_four_steps)
{
    /* the lesson of count += 1: load, load, op, store */
    GCode *co = compile_ok("def inc(self):\n    self.count += 1\n");
    GCode *f = first_function(co);
    ck_assert(has_op(f, OP_LOAD_ATTR));
    ck_assert(has_op(f, OP_INPLACE_OP));
    ck_assert(has_op(f, OP_STORE_ATTR));
    g_decref((GObject *)co);
}
END_TEST

START_TEST(test_stack_depth)
{
    GCode *co = compile_ok("x = [1, [2, [3, [4, [5]]]]]\n");
    ck_assert_int_ge(co->stacksize, 5);
    ck_assert_int_le(co->stacksize, 8);
    g_decref((GObject *)co);
}
END_TEST

START_TEST(test_compile_errors)
{
    GSyntaxError err;
    ck_assert_str_eq(compile_error("return 1\n", &err), "'return' outside function");
    ck_assert_str_eq(compile_error("break\n", &err), "'break' outside loop");
    ck_assert_str_eq(compile_error("def f():\n    nonlocal q\n", &err), "no binding for nonlocal 'q' found");
    ck_assert_str_eq(compile_error("def f(x):\n    global x\n", &err), "name 'x' is parameter and global");
    ck_assert_str_eq(compile_error("def f():\n    from math import *\n", &err), "import * only allowed at module level");
    ck_assert_str_eq(compile_error("x = 1\n", &err), "");
}
END_TEST

START_TEST(test_eval_semantics)
{
    ck_assert_str_eq(eval_repr("[x * y for x in range(3) for y in range(2) if x]"), "[0, 1, 0, 2]");
    ck_assert_str_eq(eval_repr("(lambda a, *b, c=3, **d: (a, b, c, d))(1, 2, c=4, e=5)"), "(1, (2,), 4, {'e': 5})");
    ck_assert_str_eq(eval_repr("1 < 2 < 3 != 4"), "True");
    ck_assert_str_eq(eval_repr("[*range(2), *'ab']"), "[0, 1, 'a', 'b']");
    ck_assert_str_eq(eval_repr("{**{'a': 1}, 'b': 2}"), "{'a': 1, 'b': 2}");
    GObject *r = run_then_eval("def gen():\n    x = yield 1\n    yield x * 2\ng = gen()\na = next(g)\nb = g.send(21)\n", "(a, b)");
    ck_assert_ptr_nonnull(r);
    GObject *s = g_repr(r);
    ck_assert_str_eq(g_str_data(s), "(1, 42)");
    g_decref(s);
    g_decref(r);
}
END_TEST

START_TEST(test_exceptions_unwind)
{
    GObject *r = run_then_eval(
        "log = []\n"
        "def f():\n"
        "    try:\n"
        "        for i in range(3):\n"
        "            try:\n"
        "                if i == 1:\n"
        "                    return i\n"
        "            finally:\n"
        "                log.append(i)\n"
        "    finally:\n"
        "        log.append('outer')\n"
        "v = f()\n",
        "(v, log)");
    ck_assert_ptr_nonnull(r);
    GObject *s = g_repr(r);
    ck_assert_str_eq(g_str_data(s), "(1, [0, 1, 'outer'])");
    g_decref(s);
    g_decref(r);
    ck_assert_str_eq(eval_repr("1/0"), "<error ZeroDivisionError: division by zero>");
}
END_TEST

START_TEST(test_recursion_error)
{
    GObject *r = run_then_eval("def f(n):\n    return f(n + 1)\n", "f(0)");
    ck_assert_ptr_null(r);
    ck_assert(g_err_matches(&GExc_RecursionError));
    g_err_clear();
    ck_assert_int_eq(g_tstate()->depth, 0);
}
END_TEST

START_TEST(test_disassembler)
{
    GCode *co = compile_ok("def inc(c):\n    c.n += 1\n");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    g_disassemble(co, f);
    fclose(f);
    ck_assert(strstr(buf, "INPLACE_OP") != NULL);
    ck_assert(strstr(buf, "(+=)") != NULL);
    ck_assert(strstr(buf, "STORE_ATTR") != NULL);
    ck_assert(strstr(buf, "(n)") != NULL);
    free(buf);
    g_decref((GObject *)co);
}
END_TEST

/* Run the depth analysis over hand-built bytecode in a child process (it aborts on
 * bad bytecode, and this runner does not fork); return what the child wrote to
 * stderr and set *sig to the signal that ended it (0: it exited). */
static char *depth_in_child(const uint32_t *code, int n, int *sig)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        int d = g_code_stack_depth(code, n, "f", "<test>");
        _exit(d == 1 ? 0 : 3);
    }
    close(fds[1]);
    static char buf[512];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof buf - 1 && (r = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = 0;
    close(fds[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    *sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (!*sig)
        ck_assert_int_eq(WEXITSTATUS(status), 0);
    return buf;
}

START_TEST(test_stack_depth_consistent)
{
    /* if x: pass -- both paths meet at 4 with an empty stack; deepest is 1 */
    uint32_t code[] = {
        G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_POP_JUMP_IF_FALSE, 4), G_INSTR(OP_LOAD_CONST, 0),
        G_INSTR(OP_POP_TOP, 0), G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_RETURN_VALUE, 0),
    };
    int sig;
    const char *err = depth_in_child(code, 6, &sig);
    ck_assert_int_eq(sig, 0);
    ck_assert_str_eq(err, "");
    ck_assert_int_eq(g_code_stack_depth(code, 6, "f", "<test>"), 1);
}
END_TEST

START_TEST(test_stack_depth_inconsistent)
{
    /* the jump reaches 3 with an empty stack, the fall-through with one value */
    uint32_t code[] = {
        G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_POP_JUMP_IF_FALSE, 3), G_INSTR(OP_LOAD_CONST, 0),
        G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_RETURN_VALUE, 0),
    };
    int sig;
    const char *err = depth_in_child(code, 5, &sig);
    ck_assert_int_eq(sig, SIGABRT);
    ck_assert_str_eq(err, "gilt: internal compiler error in f (<test>): instruction 3 (LOAD_CONST) "
                          "is reached with stack depth 0 and with 1 (from 2)\n");
}
END_TEST

START_TEST(test_stack_depth_underflow_and_end)
{
    uint32_t pops[] = { G_INSTR(OP_POP_TOP, 0), G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_RETURN_VALUE, 0) };
    int sig;
    const char *err = depth_in_child(pops, 3, &sig);
    ck_assert_int_eq(sig, SIGABRT);
    ck_assert_str_eq(err, "gilt: internal compiler error in f (<test>): instruction 0 (POP_TOP) "
                          "pops 1 more value(s) than the stack holds\n");
    uint32_t runs_off[] = { G_INSTR(OP_LOAD_CONST, 0), G_INSTR(OP_POP_TOP, 0) };
    err = depth_in_child(runs_off, 2, &sig);
    ck_assert_int_eq(sig, SIGABRT);
    ck_assert_str_eq(err, "gilt: internal compiler error in f (<test>): instruction 1 (POP_TOP) "
                          "runs off the end of the code\n");
}
END_TEST

static Suite *compiler_suite(void)
{
    Suite *s = suite_create("compiler");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_scopes);
    tcase_add_test(tc, test_augassign_is_four_steps);
    tcase_add_test(tc, test_stack_depth);
    tcase_add_test(tc, test_stack_depth_consistent);
    tcase_add_test(tc, test_stack_depth_inconsistent);
    tcase_add_test(tc, test_stack_depth_underflow_and_end);
    tcase_add_test(tc, test_compile_errors);
    tcase_add_test(tc, test_eval_semantics);
    tcase_add_test(tc, test_exceptions_unwind);
    tcase_add_test(tc, test_recursion_error);
    tcase_add_test(tc, test_disassembler);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(compiler_suite)
