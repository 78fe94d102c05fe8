/* check_util.h -- shared helpers for the Check unit tests.
 *
 * Every test program starts the runtime once (g_interp_init) and uses these helpers
 * to compile and evaluate snippets, so that each test reads as "this source gives
 * that value".
 */
#ifndef GILT_CHECK_UTIL_H
#define GILT_CHECK_UTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compiler.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/lifecycle.h"
#include "vm/vm.h"

static inline void runtime_up(void)
{
    static int done;
    if (!done) {
        g_runtime.deferred_rc = true;   /* gilt's default, as main.c sets it */
        g_interp_init();
        done = 1;
    }
}

/* Evaluate one expression; returns a new reference or NULL with the error set. */
static inline GObject *eval_expr(const char *src)
{
    GObject *globals = g_dict_new();
    g_dict_set_str(globals, "__builtins__", g_runtime.builtins_module);
    g_dict_set_str(globals, "__name__", g_str_from_cstr("__test__"));
    GObject *r = g_run_source(src, strlen(src), "<test>", globals, G_COMPILE_EVAL);
    g_decref(globals);
    return r;
}

/* Run statements, then evaluate `expr` in the same namespace. */
static inline GObject *run_then_eval(const char *stmts, const char *expr)
{
    GObject *globals = g_dict_new();
    g_dict_set_str(globals, "__builtins__", g_runtime.builtins_module);
    g_dict_set_str(globals, "__name__", g_str_from_cstr("__test__"));
    GObject *r = g_run_source(stmts, strlen(stmts), "<test>", globals, G_COMPILE_FILE);
    if (!r) {
        g_decref(globals);
        return NULL;
    }
    g_decref(r);
    r = g_run_source(expr, strlen(expr), "<test>", globals, G_COMPILE_EVAL);
    g_decref(globals);
    return r;
}

/* repr(eval(src)) as a C string in a static buffer ("<error Type: msg>" on error). */
static inline const char *eval_repr(const char *src)
{
    static char buf[4096];
    GObject *r = eval_expr(src);
    if (!r) {
        GObject *e = g_err_fetch();
        GObject *s = g_str(e);
        snprintf(buf, sizeof buf, "<error %s: %s>", g_type_name(e), s ? g_str_data(s) : "?");
        g_xdecref(s);
        g_decref(e);
        return buf;
    }
    GObject *s = g_repr(r);
    snprintf(buf, sizeof buf, "%s", s ? g_str_data(s) : "<repr failed>");
    g_xdecref(s);
    g_decref(r);
    return buf;
}

/* Compile and return the error message (or "" if it compiled). */
static inline const char *compile_error(const char *src, GSyntaxError *err)
{
    GCode *co = g_compile(src, strlen(src), "<test>", G_COMPILE_FILE, err);
    if (co) {
        g_decref((GObject *)co);
        return "";
    }
    return err->msg;
}

#define RUN_SUITE(make_suite)                                       \
    int main(void)                                                  \
    {                                                               \
        runtime_up();                                               \
        SRunner *sr = srunner_create(make_suite());                 \
        srunner_set_fork_status(sr, CK_NOFORK);                     \
        srunner_run_all(sr, CK_NORMAL);                             \
        int failed = srunner_ntests_failed(sr);                     \
        srunner_free(sr);                                           \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;           \
    }

#endif
