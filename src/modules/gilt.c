/* gilt.c -- the gilt module: controls that lessons call from Python.
 *
 *   gilt.set_gil(on)      turn the GIL on or off while the program runs
 *   gilt.gil_enabled()    is it on now?  (the same as sys._is_gil_enabled())
 *
 * set_gil stops the world (runtime/stw.c), flips the switch and restarts it, so a
 * lesson can show the same threads running first with and then without the GIL.
 * Turning it off while other threads run is refused for now, for the same reason
 * _thread refuses to start threads with the GIL off: list, dict and set are not yet
 * safe for parallel threads.
 */
#include <unistd.h>

#include "modules/modules.h"
#include "runtime/gil.h"
#include "runtime/runtime.h"
#include "runtime/threadstate.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

/* Are all other threads gone, or gone within 100 ms?  A thread that join() has just
 * seen finish still runs a little cleanup; wait for it with the GIL released. */
static bool threads_finish_soon(void)
{
    GThreadState *ts = g_tstate();
    for (int i = 0; i < 100 && g_thread_running_count() > 0; i++) {
        g_threadstate_detach(ts);
        usleep(1000);
        g_threadstate_attach(ts);
    }
    return g_thread_running_count() == 0;
}

static GObject *gilt_set_gil(ARGS)
{
    (void)self;
    if (g_no_kwargs("set_gil", kw) < 0 || g_check_nargs("set_gil", nargs, 1, 1) < 0)
        return NULL;
    int on = g_truthy(args[0]);
    if (on < 0)
        return NULL;
    if (!on && atomic_load(&g_runtime.gil_enabled) && !threads_finish_soon())
        return g_raise(&GExc_RuntimeError,
                       "gilt cannot yet turn the GIL off while other threads run: the free-threaded "
                       "containers are still being built");
    g_gil_set(on);
    return G_NONE;
}

static GObject *gilt_gil_enabled(ARGS)
{
    (void)self; (void)args; (void)nargs; (void)kw;
    return g_bool(atomic_load(&g_runtime.gil_enabled));
}

static const GMethodDef gilt_functions[] = {
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
