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
