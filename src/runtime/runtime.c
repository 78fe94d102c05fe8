/* runtime.c -- the one Runtime, and starting its core.
 *
 * g_runtime_core_init sets the switches' defaults and brings up what the runtime
 * owns -- the thread-list lock, the GIL, the event recorder, the deadlock watcher --
 * and the main thread's state, attached.  It knows nothing of types or modules: the
 * layer above (vm/lifecycle.c) builds those on top.
 */
#include "runtime/runtime.h"

#include <time.h>

#include "debug.h"
#include "runtime/deadlock.h"
#include "runtime/gil.h"

GRuntime g_runtime;

void g_runtime_core_init(void)
{
    if (!g_runtime.recursion_limit)
        g_runtime.recursion_limit = GILT_DEFAULT_RECURSION_LIMIT;
    g_runtime.switch_interval = 0.005;
    g_runtime.gc_enabled = true;
    g_runtime.gc_threshold[0] = 2000;
    g_runtime.gc_threshold[1] = 10;
    g_runtime.gc_threshold[2] = 0;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    g_runtime.start_time = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;

    g_raw_mutex_init(&g_runtime.threads_mu, G_RANK_THREADS);
    g_raw_mutex_init(&g_runtime.types_mu, G_RANK_TYPES);
    atomic_init(&g_runtime.qsbr_wr_seq, 1);
    g_runtime.stw_reason = 2;
    g_gil_init();
    g_trace_rec_init();
    g_deadlock_init();
    GThreadState *main_ts = g_threadstate_new();
    g_threadstate_attach(main_ts);
    g_runtime.main_thread = main_ts;
}
