/* control.c -- the control API (control.h): thin, so that the rules live in gil.c
 * and the signal handler, and the dashboard cannot grow its own versions of them. */
#include "runtime/control.h"

#include <signal.h>
#include <unistd.h>

#include "runtime/gil.h"
#include "runtime/runtime.h"

void g_control_set_gil(bool on) { g_gil_set(on); }

bool g_control_gil_enabled(void) { return atomic_load(&g_runtime.gil_enabled); }

void g_control_set_switch_interval(double seconds)
{
    if (seconds < 0.0001)
        seconds = 0.0001;
    if (seconds > 1.0)
        seconds = 1.0;
    atomic_store(&g_runtime.switch_interval, seconds);
    g_trace_emit_any(g_tstate_current, G_EV_SWITCH_INTERVAL, 0, (uint64_t)(seconds * 1e9 + 0.5), 0);
}

double g_control_switch_interval(void) { return atomic_load(&g_runtime.switch_interval); }

/* Exactly what the terminal's Ctrl-C does: the handler sets the pending flag and
 * the main thread's eval breaker, and blocking calls see EINTR. */
void g_control_interrupt(void) { kill(getpid(), SIGINT); }

bool g_control_stop(void)
{
    /* The main thread first, and the others once it has taken its KeyboardInterrupt
     * (or 0.3 s later, if it is deep in a long C call): a worker stopped first
     * would complete its Future, and the main thread, woken inside Condition.wait,
     * could take the interrupt half-way out of it (before re-taking its lock, so
     * that the `with` around it fails too). */
    /* seq_cst: the store comes before the walk, which g_threadstate_new relies on;
     * and before the interrupt, so that main.c sees the run as stopped by q (the
     * other threads only act on it once the walk below sets their bit) */
    atomic_store(&g_runtime.stop_requested, true);
    g_control_interrupt();
    int i = 0;   /* the handler runs soon after kill() returns, on some thread: wait for it */
    while (i < 100 && !atomic_load(&g_runtime.pending_signal))
        usleep(1000), i++;
    while (i < 300 && atomic_load(&g_runtime.pending_signal))
        usleep(1000), i++;
    /* try, for at most 3 s: a deadlock's watcher holds threads_mu with the world
     * stopped for good, and the caller (the dashboard's drawing thread) must stay free
     * to show its report and give the terminal back */
    for (int tries = 0; !g_threads_trylock(); tries++) {
        if (tries == 3000)
            return false;
        usleep(1000);
    }
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        if (t != g_runtime.main_thread)
            atomic_fetch_or(&t->eval_breaker, G_BREAK_SIGNAL);
    g_threads_unlock();
    return true;
}
