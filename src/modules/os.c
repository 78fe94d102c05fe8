/* os.c -- the few os functions gilt offers: cpu_count, getpid, getenv, environ. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modules/modules.h"
#include "objects/file.h"

extern char **environ;

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *os_cpu_count(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? g_int_from_i64(n) : g_newref(G_NONE);
}

static GObject *os_getpid(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_int_from_i64(getpid());
}

/* os.remove(path) / os.unlink(path): FileNotFoundError etc. as CPython words them */
static GObject *os_remove(ARGS)
{
    (void)self;
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "remove: path should be string, bytes or os.PathLike, not %T", args[0]);
    if (unlink(g_str_data(args[0])) != 0)
        return g_raise_errno(errno, args[0]);
    return G_NONE;
}

static GObject *os_getenv(ARGS)
{
    (void)self;
    if (g_no_kwargs("getenv", kw) < 0 || g_check_nargs("getenv", nargs, 1, 2) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "str expected, not %T", args[0]);
    const char *v = getenv(g_str_data(args[0]));
    if (!v)
        return g_newref(nargs == 2 ? args[1] : G_NONE);
    return g_str_from_cstr(v);
}

static const GMethodDef os_functions[] = {
    { "cpu_count", os_cpu_count, 0, NULL }, { "getpid", os_getpid, 0, NULL }, { "getenv", os_getenv, 0, NULL },
    { "remove", os_remove, 0, NULL }, { "unlink", os_remove, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_os_init(void)
{
    GObject *m = g_module_new("os");
    if (!m)
        return NULL;
    g_module_add_functions(m, os_functions);
    GObject *env = g_dict_new();
    for (char **e = environ; e && *e; e++) {
        char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        GObject *k = g_str_new(*e, (size_t)(eq - *e)), *v = g_str_from_cstr(eq + 1);
        if (k && v)
            g_dict_set(env, k, v);
        else
            g_err_clear();
        g_xdecref(k);
        g_xdecref(v);
    }
    g_module_add(m, "environ", env);
    g_module_add(m, "sep", g_str_from_cstr("/"));
    g_module_add(m, "name", g_str_from_cstr("posix"));
    return m;
}
