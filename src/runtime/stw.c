/* stw.c -- stop-the-world (see stw.h).
 *
 * The requester holds the runtime's thread-list lock for the whole stop, so threads
 * cannot be created or leave meanwhile.  Threads report in by changing their own
 * state word and waking the requester, which sleeps on g_runtime.stw_wakeup between
 * polls (with a short timeout, so a missed wake-up costs at most 1 ms).
 */
#include "runtime/stw.h"

#include <pthread.h>

#include "runtime/parking_lot.h"
#include "runtime/runtime.h"

void g_stop_the_world(GThreadState *requester)
{
    g_threads_lock();   /* waits detached: another thread may be stopping the world */
    int64_t start = g_monotonic_ns();
    atomic_store(&g_runtime.stw_requested, 1);
    for (;;) {
        bool all_stopped = true;
        for (GThreadState *t = g_runtime.threads; t; t = t->next) {
            if (t == requester)
                continue;
            uint64_t s = atomic_load(&t->state);
            if (s == G_TS_DETACHED) {
                uint64_t expected = G_TS_DETACHED;
                if (!atomic_compare_exchange_strong(&t->state, &expected, G_TS_SUSPENDED))
                    all_stopped = false;
            } else if (s == G_TS_ATTACHED) {
                atomic_fetch_or(&t->eval_breaker, G_BREAK_STOP);
                all_stopped = false;
            }
        }
        if (all_stopped)
            break;
        uint64_t seen = atomic_load(&g_runtime.stw_wakeup);
        g_park_word((const void *)&g_runtime.stw_wakeup, seen, 1000000, false);
    }
    g_runtime.stw_last_ns = g_monotonic_ns() - start;
    g_runtime.stw_count++;
    g_runtime.stw_began_ns = start;
}

void g_start_the_world(GThreadState *requester)
{
    g_trace_emit_any(requester, G_EV_STW, (uint32_t)g_runtime.stw_reason, (uint64_t)g_runtime.stw_last_ns,
                 (uint64_t)(g_monotonic_ns() - g_runtime.stw_began_ns));
    g_runtime.stw_reason = 2;
    atomic_store(&g_runtime.stw_requested, 0);
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (t == requester)
            continue;
        uint64_t expected = G_TS_SUSPENDED;
        if (atomic_compare_exchange_strong(&t->state, &expected, G_TS_DETACHED))
            g_unpark_all((const void *)&t->state);
    }
    g_unpark_all((const void *)&g_runtime.stw_requested);
    pthread_mutex_unlock(&g_runtime.threads_mu);
}

int64_t g_stw_last_safepoint_ns(void) { return g_runtime.stw_last_ns; }

/* Wake a requester waiting for threads to stop. */
void g_stw_notify(void)
{
    atomic_fetch_add(&g_runtime.stw_wakeup, 1);
    g_unpark_all((const void *)&g_runtime.stw_wakeup);
}
