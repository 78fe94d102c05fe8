/* gil.c -- the switchable GIL (gil.h draws the protocol).
 *
 * Everything the GIL needs lives in the Runtime (g_runtime.gil): the lock state is
 * guarded by a pthread mutex, waiters sleep on `cond`, and a dropping holder that was
 * asked to switch waits on `switch_cond` until `switch_number` changes.
 */
#include "runtime/gil.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "runtime/parking_lot.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "runtime/critsec.h"
#include "runtime/qsbr.h"

#define GIL (&g_runtime.gil)

void g_gil_init(void)
{
    g_raw_mutex_init(&GIL->mu, G_RANK_GIL);
    g_cond_init(&GIL->cond);
    g_cond_init(&GIL->switch_cond);
    GIL->locked = false;
    GIL->holder = NULL;
    GIL->switch_number = 0;
    GIL->waiting = 0;
}

static void deadline_after(struct timespec *ts, double seconds)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    int64_t ns = ts->tv_nsec + (int64_t)(seconds * 1e9);
    ts->tv_sec += (time_t)(ns / 1000000000);
    ts->tv_nsec = (long)(ns % 1000000000);
}

bool g_gil_take(GThreadState *ts)
{
    int64_t start = g_monotonic_ns();
    g_raw_lock(&GIL->mu);
    if (GIL->locked) {
        g_trace_state(ts, G_STATE_GIL_WAIT, 0);
        GIL->waiting++;
        while (GIL->locked && g_runtime.gil_enabled) {
            uint64_t seen = GIL->switch_number;
            struct timespec dl;
            deadline_after(&dl, g_runtime.switch_interval);
            int r = g_raw_cond_wait(&GIL->cond, &GIL->mu, &dl);
            if (r == ETIMEDOUT && GIL->locked && GIL->switch_number == seen && GIL->holder) {
                /* the holder kept it a whole interval: ask it to let go */
                atomic_fetch_or(&GIL->holder->eval_breaker, G_BREAK_GIL_DROP);
                GIL->drop_requests++;
                g_trace_emit(ts, G_EV_GIL_DROP_REQUEST, 0, 0, 0);
            }
        }
        GIL->waiting--;
        GIL->wait_ns += (uint64_t)(g_monotonic_ns() - start);
    }
    if (!g_runtime.gil_enabled) {
        /* switched off while we waited: there is nothing to take (taking it anyway
         * would leave a stale holder for the next switch-on to trip over) */
        g_raw_unlock(&GIL->mu);
        return false;
    }
    GIL->locked = true;
    GIL->holder = ts;
    GIL->switch_number++;
    GIL->takes++;
    g_trace_emit(ts, G_EV_GIL_TAKE, 0, (uint64_t)(g_monotonic_ns() - start), 0);
    atomic_fetch_and(&ts->eval_breaker, ~G_BREAK_GIL_DROP);
    pthread_cond_signal(&GIL->switch_cond);
    g_raw_unlock(&GIL->mu);
    return true;
}

void g_gil_drop(GThreadState *ts, bool forced)
{
    g_raw_lock(&GIL->mu);
    if (GIL->holder != ts) {
        /* a switch (g_gil_set) took it from us meanwhile: it is not ours to drop */
        g_raw_unlock(&GIL->mu);
        return;
    }
    GIL->locked = false;
    GIL->holder = NULL;
    g_trace_emit(ts, G_EV_GIL_DROP, forced, 0, 0);
    pthread_cond_signal(&GIL->cond);
    if (forced && GIL->waiting > 0) {
        uint64_t seen = GIL->switch_number;
        GIL->forced_switches++;
        while (GIL->switch_number == seen && GIL->waiting > 0)
            g_raw_cond_wait(&GIL->switch_cond, &GIL->mu, NULL);
    }
    g_raw_unlock(&GIL->mu);
}

/* The caller is either a Python thread (gilt.set_gil) or a thread that runs no
 * Python at all (ts NULL: the dashboard's, through runtime/control.h).  Every other
 * thread is stopped meanwhile; on restart each one attaches again and, seeing the
 * new mode, takes (or stops wanting) the GIL there (threadstate.c, attach). */
void g_gil_set(bool enabled)
{
    GThreadState *ts = g_tstate_current;
    g_stop_the_world(ts);
    g_runtime.stw_reason = 0;   /* set while holding the stop */
    if (enabled != g_runtime.gil_enabled) {
        g_raw_lock(&GIL->mu);
        if (enabled && ts) {
            /* the caller is the only running thread: it becomes the holder */
            GIL->locked = true;
            GIL->holder = ts;
            GIL->switch_number++;
            ts->holds_gil = true;
        } else {
            /* switched off, or on by an outside thread: free for the first taker */
            GIL->locked = false;
            GIL->holder = NULL;
            if (ts)
                ts->holds_gil = false;
            pthread_cond_broadcast(&GIL->cond);
        }
        g_runtime.gil_enabled = enabled;
        g_raw_unlock(&GIL->mu);
        g_trace_emit_any(ts, G_EV_GIL_MODE, enabled ? 1 : 0, 0, 0);
    }
    g_start_the_world(ts);
    if (enabled)
        g_qsbr_request_all();         /* drain what was deferred while the GIL was off */
    else if (ts)
        g_critsec_resume_top(ts);     /* the caller may be inside a critical section */
}

void g_gil_fork_lock(void) { g_raw_lock(&GIL->mu); }

void g_gil_fork_unlock(bool child)
{
    if (child) {
        g_raw_mutex_reinit_held(&GIL->mu);
        g_cond_init(&GIL->cond);
        g_cond_init(&GIL->switch_cond);
        GIL->waiting = 0;
        G_ASSERT(!GIL->locked || GIL->holder == g_tstate_current);
    }
    g_raw_unlock(&GIL->mu);
}

void g_gil_stats(GGilStats *out)
{
    g_raw_lock(&GIL->mu);
    out->takes = GIL->takes;
    out->drop_requests = GIL->drop_requests;
    out->forced_switches = GIL->forced_switches;
    out->wait_ns = GIL->wait_ns;
    g_raw_unlock(&GIL->mu);
}
