/* stepper_internal.h -- the stepper's pieces (tui/stepper.h is its one entry point).
 *
 *     stepper_model.c   the child gilt and its pipes; its snapshots parsed into a
 *                       GStepSnap; the program's source files
 *     stepper_view.c    a GStepper drawn into a canvas (panels as a table), and the
 *                       help box built from the key bindings
 *     stepper.c         the terminal, the keys (a binding table), undo and restart
 *
 * The model is only changed by what the child sends and by the keys; the view only
 * reads it, so a test could draw any state into a canvas without a terminal.
 *
 * The screen, at 80x24 (the banner takes up to three rows when it has more to say):
 *
 *   gilt --step race.py  step 24  grain line   GIL OFF   goal: make `done <~  header
 *    Goal: make `done < 2 or count == 2` false, after any step.               banner: the goal
 *    Your move: 1 or 2                                                        and whose move, or
 *   +[T0 MainThread]--------+ T1 Thread-1 (work) ---+ T2 Thread-2 (work) --+  "Goal reached",
 *   |blocked: waits for     |ready - key 1          |ready - key 2         |  "Deadlock", ...
 *   |Thread-1 (work) to ... |[expanded]             |  8 def work():       |
 *   | 15 for t in ts:       |  9     global count   |  9     global count  |  one column per
 *   |>16     t.join()       |>10     count += 1     |>10     count += 1    |  thread: state,
 *   |next CALL_METHOD 0     |next LOAD_CONST 1      |next LOAD_GLOBAL count|  its code, next
 *   |                       |has loaded count = 0   |                      |  instruction, stack
 *   +-----------------------+-----------------------+----------------------+
 *    also (left/right shows them):  T3 ready  T4 finished                     if they do not fit
 *   + shared -------------------------+ output ----------------------------+
 *   |count = 1                        |                                    |  watched values;
 *   |done = 0                         |                                    |  the program's
 *   |23 steps: 0*18,e1,e2,1,2,1*3     |                                    |  stdout and stderr
 *   +---------------------------------+------------------------------------+
 *   step 23: T1 ran STORE_GLOBAL count                                        message
 *   0-9 pick  Enter again  e expand  u undo  w save  ? help  q quit           keys
 */
#ifndef GILT_STEPPER_INTERNAL_H
#define GILT_STEPPER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "tui/canvas.h"
#include "tui/outbuf.h"
#include "tui/panels.h"
#include "tui/stepper.h"

/* Room for one snapshot field and its NUL: vm/step_agent.h cuts fields at
 * G_STEP_PROTOCOL_FIELD (400) bytes; stepper_model.c checks that this is enough. */
#define G_STEP_FIELD 404

#define G_STEPPER_MIN_W 80
#define G_STEPPER_MIN_H 24
#define G_STEPPER_COL_MIN 24   /* a thread's column is at least this wide */

/* ---- a snapshot (step_agent.h has the protocol) ---- */

typedef struct GStepThread {                  /* a T line */
    int no;
    char state[16];                           /* starting, ready, blocked, finished */
    bool pickable, expanded;
    char name[G_STEP_FIELD];
    char file[G_STEP_FIELD];                  /* "" when finished */
    int line;
    char instr[G_STEP_FIELD];                 /* its next instruction: "STORE_GLOBAL count" */
    char status[G_STEP_FIELD];                /* "blocked: waits for the lock made at ..." */
    char stack[G_STEP_FIELD];                 /* "has loaded count = 5" */
} GStepThread;

typedef struct GStepWatch {                   /* a W line */
    char expr[G_STEP_FIELD];
    char repr[G_STEP_FIELD];
} GStepWatch;

typedef struct GStepSnap {
    bool have;                                /* an S line was seen */
    uint64_t step;                            /* at a decision: the step about to be taken;
                                               * after an end (X deadlock/budget/done): the
                                               * steps taken */
    char grain[8];
    uint64_t clock_ns;
    char goal[G_STEP_FIELD];                  /* G: "" if the program is no exercise */
    GStepThread *threads;
    int nthreads, tcap;
    GStepWatch *watch;
    int nwatch, wcap;
    char schedule[G_STEP_FIELD];              /* R: the steps so far, run-length */
    char message[G_STEP_FIELD];               /* M: "" if none */
    bool goal_reached;                        /* X goal */
    char goal_what[G_STEP_FIELD];             /* "at step 23: `count == 2` is false at the end" */
    char end[16];                             /* X deadlock / budget / done: "" while it runs */
    char end_detail[G_STEP_FIELD];
} GStepSnap;

void g_step_snap_clear(GStepSnap *s);         /* empty, keeping its arrays */
void g_step_snap_free(GStepSnap *s);
/* One line of a snapshot, without its newline (cut into fields in place).  True at
 * the E line that ends the snapshot. */
bool g_step_snap_line(GStepSnap *s, char *line);
const GStepThread *g_step_snap_thread(const GStepSnap *s, int no);
/* The step the header shows ("step 14"), and whether the run has ended. */
bool g_step_snap_ended(const GStepSnap *s);

/* ---- the child gilt ---- */

typedef struct GStepChild {
    pid_t pid;                                /* 0: none */
    int cmd_w, snap_r, out_r, err_r;          /* -1 when closed */
    char *buf;                                /* snapshot bytes not parsed yet */
    size_t len, cap;
    GStepSnap building;                       /* the snapshot being read */
    bool gone;                                /* the snapshot pipe closed: it has ended */
    bool reaped;
    int wstatus;
} GStepChild;

/* No child yet (every fd -1). */
void g_step_child_init(GStepChild *c);
/* Start `gilt --step-child` for the options (err says why not). */
bool g_step_child_start(GStepChild *c, const GStepperOptions *o, char *err, size_t n);
/* Send one command line; false if the child has gone. */
bool g_step_child_send(GStepChild *c, const char *cmd);
/* Read whatever is waiting (never blocks): output into out, snapshot lines into the
 * one being built.  1: a snapshot is complete and has been swapped into *snap;
 * 0: not yet; -1: the child has gone (its snapshot pipe closed). */
int g_step_child_pump(GStepChild *c, GStepSnap *snap, GOutBuf *out);
/* The fds to poll while waiting (up to 3); returns how many. */
int g_step_child_fds(const GStepChild *c, int fds[3]);
/* After it has gone: wait a little for its exit (reading the rest of its output),
 * then kill it by pid if it has not; *what: "exited with status 1", "was killed by
 * signal 11 (Segmentation fault)". */
void g_step_child_reap(GStepChild *c, GOutBuf *out, char *what, size_t n);
/* Tell it to quit, close the pipes, and make sure it is gone. */
void g_step_child_stop(GStepChild *c, GOutBuf *out);

/* ---- source files, read by path from the T lines ---- */

typedef struct GStepSource {
    char *path;
    char **lines;
    int nlines;
    bool failed;                              /* unreadable, or gilt's own "<...>" */
} GStepSource;

typedef struct GStepSources {
    GStepSource *v;
    int n;
} GStepSources;

/* The file's lines (read on first use), or NULL if it cannot be read. */
const GStepSource *g_step_source(GStepSources *s, const char *path);
void g_step_sources_free(GStepSources *s);

/* ---- the whole state the screen is drawn from ---- */

typedef enum { G_MSG_INFO, G_MSG_ERROR } GStepMsgKind;

typedef struct GStepper {
    GStepperOptions opt;
    const char *title;                        /* the program's file name */
    char save_path[1024];                     /* where w writes */
    GStepSnap snap;                           /* the last complete snapshot */
    GOutBuf out;                              /* the current child's stdout and stderr */
    GDash out_view;                           /* for the dashboard's output panel (scrolling) */
    GStepSources src;
    struct GStepCmd {                         /* the commands the run took (p N, e N, s) */
        char *cmd;
        int last_pick, selected;              /* ... and the two below, before it */
    } *hist;
    int nhist, hcap;
    int last_pick;                            /* Enter repeats it; -1: none yet */
    int selected;                             /* the thread e acts on; -1: none */
    bool help;
    bool busy;                                /* waiting long for the child: "running..." */
    const char *busy_what;
    bool dead;                                /* the child ended without an end line */
    char death[400];                          /* how it ended */
    char message[G_STEP_FIELD + 100];
    GStepMsgKind msg_kind;
} GStepper;

/* The screen.  Below 80x24 only a notice saying so. */
void g_stepper_draw(GCanvas *c, GStepper *s);

/* A key binding, for the help box and the bottom line (stepper.c has the table). */
typedef struct GStepBinding {
    const char *keys;                         /* the characters that trigger it */
    const int *special;                       /* G_KEY_* codes, ending in 0 (or NULL) */
    const char *label;                        /* "0-9" */
    const char *brief;                        /* for the bottom line ("pick"); NULL: help only */
    int rank;                                 /* the bottom line drops the highest first */
    const char *help;
    void (*fn)(GStepper *s, int key);
} GStepBinding;

extern const GStepBinding g_step_bindings[];
extern const int g_step_nbindings;

#endif
