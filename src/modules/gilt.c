/* gilt.c -- the gilt module: controls that lessons call from Python.
 *
 *   gilt.set_gil(on)      turn the GIL on or off while the program runs
 *   gilt.gil_enabled()    is it on now?  (the same as sys._is_gil_enabled())
 *   gilt._live_objects()  objects allocated and not yet freed, over all threads (for
 *                         the stress tests' leak checks; exact once other threads
 *                         have been joined)
 *
 * set_gil stops the world (runtime/stw.c), flips the switch and restarts it, so a
 * lesson can show the same threads running first with and then without the GIL.
 */
#include <sched.h>

#include "modules/modules.h"
#include "runtime/gil.h"
#include "runtime/qsbr.h"
#include "runtime/runtime.h"
#include "runtime/threadstate.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *gilt_set_gil(ARGS)
{
    (void)self;
    if (g_no_kwargs("set_gil", kw) < 0 || g_check_nargs("set_gil", nargs, 1, 1) < 0)
        return NULL;
    int on = g_truthy(args[0]);
    if (on < 0)
        return NULL;
    g_gil_set(on);
    return G_NONE;
}

static GObject *gilt_gil_enabled(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_bool(atomic_load(&g_runtime.gil_enabled));
}

static GObject *gilt_live_objects(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    GThreadState *ts = g_tstate();
    while (!g_qsbr_quiescent(ts)) {  /* a call boundary holds no unlocked pointer: drain */
        g_threadstate_detach(ts);
        sched_yield();
        g_threadstate_attach(ts);
    }
    g_threads_lock();
    uint64_t allocs = g_runtime.exited_allocs, frees = g_runtime.exited_frees;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        allocs += __atomic_load_n(&t->allocs, __ATOMIC_RELAXED);
        frees += __atomic_load_n(&t->frees, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&g_runtime.threads_mu);
    return g_int_from_i64((int64_t)(allocs - frees));
}

static const GMethodDef gilt_functions[] = {
    { "_live_objects", gilt_live_objects, 0, NULL },
    { "set_gil", gilt_set_gil, 0, NULL }, { "gil_enabled", gilt_gil_enabled, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_gilt_init(void)
{
    GObject *m = g_module_new("gilt");
    if (!m)
        return NULL;
    g_module_add_functions(m, gilt_functions);
    return m;
}
