/* stepper.h -- `gilt --step FILE`: the student is the scheduler.
 *
 * The stepper runs no Python.  It starts a child gilt that runs the program under
 * the step policy (`--step-child IN,OUT`, vm/step_agent.h has the protocol), draws
 * its snapshots, and sends it the person's choices.  Undo and restart start a new
 * child and replay the choices so far: the run is deterministic, so the replay
 * lands exactly where it was.
 */
#ifndef GILT_STEPPER_H
#define GILT_STEPPER_H

typedef struct GStepperOptions {
    const char *self;          /* this program's path, to start the child */
    const char *script;        /* the program */
    int nargs;                 /* its arguments */
    char **args;
    const char *grain;         /* "op", "line", or NULL: the exercise's header decides */
    const char *schedule;      /* --schedule: open at the end of it, or NULL */
    const char *save;          /* --save-schedule: where `w` writes (default FILE.sched) */
    const char *trace;         /* --trace FILE for the child, or NULL */
    int gil;                   /* -X gil: 0, 1, or -1 to inherit */
} GStepperOptions;

/* Run the stepper; returns the exit status (2 without a usable terminal). */
int g_stepper_run(const GStepperOptions *o);

#endif
