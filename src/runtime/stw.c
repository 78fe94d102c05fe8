/* stw.c -- stop-the-world (see stw.h).
 *
 * The requester holds the runtime's thread-list lock for the whole stop, so threads
 * cannot be created or leave meanwhile.  Threads report in by changing their own
 * state word and waking the requester, which sleeps on g_runtime.stw_wakeup between
 * polls.
 *
 * No lost wake-ups: the requester reads the wake-up counter *before* it looks at the
 * threads, and parks only if the counter still holds that value.  A thread that
 * stops after the look bumps the counter, so the park returns at once; the timeout
 * is only a backstop.  (Reading it after the look would let a stop that happens in
 * between go unnoticed for a whole timeout, and inflate the time to safepoint that
 * the dashboard teaches.)
 */
#include "runtime/stw.h"

#include <pthread.h>

#include "debug.h"
#include "runtime/parking_lot.h"
#include "runtime/runtime.h"

/* One look at every thread: suspend the detached ones, ask the attached ones to stop.
 * True when none is left running. */
static bool all_stopped(GThreadState *requester)
{
    bool stopped = true;
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (t == requester)
            continue;
        uint64_t s = atomic_load(&t->state);
        if (s == G_TS_DETACHED) {
            uint64_t expected = G_TS_DETACHED;
            if (!atomic_compare_exchange_strong(&t->state, &expected, G_TS_SUSPENDED))
                stopped = false;   /* it changed under us: look again */
        } else if (s == G_TS_ATTACHED) {
            atomic_fetch_or(&t->eval_breaker, G_BREAK_STOP);
            stopped = false;
        }
    }
    return stopped;
}

void g_stop_the_world(GThreadState *requester)
{
    G_ASSERT(requester == g_tstate_current);
    G_ASSERT(!requester || atomic_load(&requester->state) == G_TS_ATTACHED);
    g_threads_lock();   /* waits detached: another thread may be stopping the world */
    int64_t start = g_monotonic_ns();
    atomic_store(&g_runtime.stw_requested, 1);
    for (;;) {
        uint64_t seen = atomic_load(&g_runtime.stw_wakeup);   /* before the look: see above */
        if (all_stopped(requester))
            break;
        g_park_word((const void *)&g_runtime.stw_wakeup, seen, 1000000, false);
    }
    g_runtime.stw_last_ns = g_monotonic_ns() - start;
    g_runtime.stw_count++;
    g_runtime.stw_began_ns = start;
    atomic_store(&g_runtime.stw_holder, requester ? requester : G_STW_OUTSIDE);
}

void g_start_the_world(GThreadState *requester)
{
    G_ASSERT(atomic_load(&g_runtime.stw_holder) == (requester ? requester : G_STW_OUTSIDE));
    g_trace_emit_any(requester, G_EV_STW, (uint32_t)g_runtime.stw_reason, (uint64_t)g_runtime.stw_last_ns,
                 (uint64_t)(g_monotonic_ns() - g_runtime.stw_began_ns));
    g_runtime.stw_reason = 2;
    atomic_store(&g_runtime.stw_holder, NULL);
    atomic_store(&g_runtime.stw_requested, 0);
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (t == requester)
            continue;
        uint64_t expected = G_TS_SUSPENDED;
        if (atomic_compare_exchange_strong(&t->state, &expected, G_TS_DETACHED))
            g_unpark_all((const void *)&t->state);
    }
    g_unpark_all((const void *)&g_runtime.stw_requested);
    g_threads_unlock();
}

int64_t g_stw_last_safepoint_ns(void) { return g_runtime.stw_last_ns; }

/* Wake a requester waiting for threads to stop. */
void g_stw_notify(void)
{
    atomic_fetch_add(&g_runtime.stw_wakeup, 1);
    g_unpark_all((const void *)&g_runtime.stw_wakeup);
}
