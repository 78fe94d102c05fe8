/* step_agent.h -- the stepper's run of the program, and the protocol it speaks.
 *
 * `gilt --step FILE` is two processes.  The stepper (tui/stepper.c) owns the
 * terminal and runs no Python.  It starts a child, `gilt --step-child IN,OUT FILE`,
 * which runs the program under the step policy: at every decision this agent
 * writes a *snapshot* of the run to fd OUT and reads a *command* from fd IN.  The
 * child's stdout and stderr go to a third pipe, which the stepper shows as the
 * program's output.  Undo and restart start a new child and replay the commands:
 * the run is deterministic, so the replay lands exactly where it was.
 *
 * A snapshot is lines of tab-separated fields (fields never hold tabs or newlines):
 *
 *   S  step  grain  nthreads  clock_ns          the step about to be decided (from 1);
 *                                               in a snapshot with an X deadlock, budget
 *                                               or done line: the steps taken
 *   G  goal text                                the exercise's goal, if it is one
 *   T  no  state  pickable  name  file  line  instruction  status  stack  expanded
 *                                               one per thread: state is starting,
 *                                               ready, blocked or finished; pickable
 *                                               is 1 if it may take this step (a
 *                                               blocked thread that was woken is
 *                                               pickable: it will try again)
 *   W  expression  repr                         a watched value (the exercise's
 *                                               watch list, else the module's globals)
 *   R  schedule                                 the steps so far, run-length
 *   M  message                                  a note for the person ("T2 is blocked")
 *   X  kind  detail                             the run has come to an end or a goal:
 *                                               goal (detail: what happened), deadlock,
 *                                               budget, done (detail: exit status)
 *   E                                           end of the snapshot
 *
 * Commands, one per line:
 *
 *   p N        thread N takes the step
 *   e N        expand or fold thread N's current line (grain line; no step)
 *   s          let the seeded scheduler (seed 0) run to the end
 *   w PATH     write the schedule taken so far to PATH
 *   q          quit
 *
 * After an X line with kind deadlock, budget or done, only w and q are accepted.
 */
#ifndef GILT_STEP_AGENT_H
#define GILT_STEP_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/exercise.h"

#define G_STEP_PROTOCOL_FIELD 400   /* longest field a snapshot sends (longer ones are cut) */

/* Set up the agent on the two fds ("IN,OUT"); false if the argument is malformed. */
bool g_step_agent_init(const char *fds, const char *program, const GExercise *ex);
/* The step policy's question (GStepConfig.ask). */
int g_step_agent_ask(const int *ready, int n, uint64_t step);
/* A goal was reached: say so in every snapshot from now on (once). */
void g_step_agent_goal(uint64_t step, const char *what);
/* The run has ended (kind "deadlock", "budget" or "done"): send the last snapshot
 * and serve w and q until told to quit.  Does not return. */
void g_step_agent_finish(const char *kind, const char *detail);

#endif
