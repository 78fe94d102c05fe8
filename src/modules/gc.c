/* gc.c -- the gc module: the cycle collector's switches and counters.
 *
 * The collector is runtime/gc.c; its state lives in the Runtime.  collect() runs
 * one collection now and returns how many objects it found in unreachable cycles;
 * disable() stops the automatic ones (collect() still works), as in CPython.
 */
#include "modules/modules.h"
#include "runtime/gc.h"
#include "runtime/runtime.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *gc_collect(ARGS)
{
    (void)self; (void)kw;
    if (g_check_nargs("collect", nargs, 0, 1) < 0)
        return NULL;
    if (nargs && !g_is_int(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    return g_int_from_i64(g_gc_collect(NULL));
}

static GObject *gc_enable(ARGS) { (void)self; (void)args; (void)nargs; (void)kw; g_runtime.gc_enabled = true; return G_NONE; }
static GObject *gc_disable(ARGS) { (void)self; (void)args; (void)nargs; (void)kw; g_runtime.gc_enabled = false; return G_NONE; }
static GObject *gc_isenabled(ARGS) { (void)self; (void)args; (void)nargs; (void)kw; return g_bool(g_runtime.gc_enabled); }

static GObject *gc_get_count(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GObject *n = g_int_from_i64(g_gc_young_count() > 0 ? g_gc_young_count() : 0);   /* net containers since the last collection */
    GObject *z = g_int_from_i64(0);
    GObject *t = g_tuple_pack(3, n, z, z);
    g_decref(n);
    return t;
}

static GObject *gc_get_threshold(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GObject *a = g_int_from_i64(g_runtime.gc_threshold[0]), *b = g_int_from_i64(g_runtime.gc_threshold[1]);
    GObject *c = g_int_from_i64(g_runtime.gc_threshold[2]);
    GObject *t = g_tuple_pack(3, a, b, c);
    g_decref(a);
    g_decref(b);
    g_decref(c);
    return t;
}

static GObject *gc_set_threshold(ARGS)
{
    (void)self;
    if (g_no_kwargs("set_threshold", kw) < 0 || g_check_nargs("set_threshold", nargs, 1, 3) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        int64_t v = g_as_ssize(args[i]);
        if (v == -1 && g_err_occurred())
            return NULL;
        g_runtime.gc_threshold[i] = v;
    }
    return G_NONE;
}

static const GMethodDef gc_functions[] = {
    { "collect", gc_collect, 0, NULL }, { "enable", gc_enable, 0, NULL }, { "disable", gc_disable, 0, NULL },
    { "isenabled", gc_isenabled, 0, NULL }, { "get_count", gc_get_count, 0, NULL },
    { "get_threshold", gc_get_threshold, 0, NULL }, { "set_threshold", gc_set_threshold, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_gc_init(void)
{
    GObject *m = g_module_new("gc");
    if (m)
        g_module_add_functions(m, gc_functions);
    return m;
}
