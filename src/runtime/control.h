/* control.h -- the small API through which a thread that runs no Python (the
 * dashboard's) steers the interpreter.
 *
 * The dashboard only reads the event rings; these four calls are all it may do to
 * the running program (DESIGN §2).  Each is safe from any thread, attached or not,
 * and each is recorded as an event, so a recording shows the switches too.
 *
 *   g_control_set_gil          switch the GIL on or off (stop-the-world inside)
 *   g_control_gil_enabled      is it on now?
 *   g_control_set_switch_interval / g_control_switch_interval   seconds
 *   g_control_interrupt        what Ctrl-C does: KeyboardInterrupt in the main thread
 *   g_control_stop             what q does: end the run, whatever its threads are doing
 */
#ifndef GILT_CONTROL_H
#define GILT_CONTROL_H

#include <stdbool.h>

void g_control_set_gil(bool on);
bool g_control_gil_enabled(void);
/* Clamped to [0.0001, 1] s: past either end the lesson shows nothing new. */
void g_control_set_switch_interval(double seconds);
double g_control_switch_interval(void);
void g_control_interrupt(void);
/* Stop the run (the dashboard's q while the script runs): KeyboardInterrupt in the
 * main thread, as Ctrl-C; and, unlike Ctrl-C, SystemExit in every other thread at its
 * next eval-breaker check in the program's own code (not in gilt's modules, whose
 * bookkeeping finishes), again at every check after that.  So a pool's busy workers
 * end their tasks at once and the main thread's join of them returns: the script
 * stops within milliseconds, its output and statistics intact.  A thread blocked
 * forever in an untimed lock wait is not woken; the caller interrupts the main
 * thread again if the run has not ended soon (dash.c). */
/* Returns false if the other threads could not be reached (threads_mu stayed taken
 * for 3 s: the world is stopped for good, a deadlock being reported). */
bool g_control_stop(void);

#endif
