/* sched.h -- who runs next: the scheduling policy.
 *
 * Under the FREE policy (the default) the OS schedules gilt's threads and none of
 * this runs.  Under a CONTROLLED policy exactly one thread runs Python at a time: the
 * one holding the *baton*.  Every other thread waits for the baton at a scheduling
 * point, and at each point the holder asks the policy which thread goes next:
 *
 *   step      a person picks (the stepper, through its agent: vm/step_agent.c)
 *   seeded    a pseudo-random pick from a seed (--seed N)
 *   schedule  the next entry of a recorded schedule (--schedule S), then seeded
 *
 * The policies live above the runtime (vm/step.c); the runtime gives them the
 * mechanism: the baton, the threads' scheduling states, blocking and waking, the
 * virtual clock and the decision itself.
 *
 * Where decisions happen (each one is a *step* of the schedule):
 *
 *   - before an instruction of the user's own code (vm/step.c decides which
 *     instructions are points: every one at grain op, the first of each line at
 *     grain line);
 *   - when the running thread blocks (a lock it cannot take, a sleep);
 *   - when the running thread finishes.
 *
 * A thread's scheduling state (only the baton holder changes it: the baton rule,
 * sched.c):
 *
 *             start_new_thread: registered, then run at once (not a step) up to
 *   STARTING  its first point, where it gives the baton back to its starter
 *      |
 *      v           picked                      blocks (lock, sleep)
 *    READY ------------------> (runs) ------------------------------> BLOCKED
 *      ^                         |                                       |
 *      |                         | finishes                              | the lock is released,
 *      |                         v                                       | or its virtual deadline
 *      |                      FINISHED                                   | passes
 *      +-----------------------------------------------------------------+
 *
 * A BLOCKED thread that becomes READY has not yet got what it waited for: when
 * picked it tries again (the lock may have been taken by someone else meanwhile),
 * so lock semantics stay those of a real, unfair lock.  Whether it then succeeds
 * depends only on the steps before it, which is what makes a run repeatable.
 *
 * Determinism.  Only the baton holder runs Python, and every decision is a function
 * of the program's state and the policy, never of OS timing: a thread that is off
 * doing I/O keeps the baton.  Time is virtual: the clock advances one microsecond
 * per scheduling point passed, and when no thread is ready but some wait with a
 * deadline, it jumps to the earliest deadline.  When no thread is ready and none
 * has a deadline, the program is deadlocked (the hooks report it).
 *
 * The baton and the thread states are OS-level, outside the GIL: a thread waiting
 * for the baton is DETACHED (threadstate.h), so a stop of the world does not wait
 * for it, and with the GIL on the GIL simply follows the baton.
 */
#ifndef GILT_SCHED_H
#define GILT_SCHED_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime/lockrank.h"

struct GThreadState;
struct GWaitInfo;

typedef enum { G_SCHED_STARTING, G_SCHED_READY, G_SCHED_BLOCKED, G_SCHED_FINISHED } GSchedState;

/* Why the holder is deciding. */
typedef enum { G_DECIDE_POINT, G_DECIDE_BLOCK, G_DECIDE_EXIT } GDecideWhy;

#define G_SCHED_TICK_NS 1000   /* virtual time per scheduling point passed */

typedef struct GSchedThread {
    int no;                            /* creator: 0 the main thread, then in start order */
    struct GThreadState *ts;           /* creator */
    struct GThreadState *starter;      /* creator: who started it (gets the baton back) */
    pthread_cond_t go;                 /* signalled when this thread is handed the baton */
    /* the baton holder's (the baton rule): */
    GSchedState state;
    const void *waits_for;             /* BLOCKED: the key it waits on (a lock's mutex), or NULL (sleep) */
    struct GWaitInfo *wait;            /* BLOCKED on a lock: its record (what it is, who holds it) */
    int64_t deadline;                  /* BLOCKED: virtual ns it may wake at, or -1 */
    bool woken;                        /* BLOCKED: its key was released since it blocked */
    /* owner, read by the baton holder while this thread is parked: where it stands */
    void *frame;                       /* the user frame of its last point (a GFrame) */
    int ip, line;                      /* ... the instruction it executes next, and its line */
    bool at_point;                     /* parked at a point (so its frame's sp is exact),
                                        * not inside a call that blocked */
    void *last_frame;                  /* grain line: the point last passed (frame, code, line, ip) */
    const void *last_code;
    int last_line, last_ip;
    bool expand;                       /* grain line: step this line by instruction */
    void *expand_frame;
    int expand_line;
    char name[64];                     /* its name, copied when it finishes (ts goes then) */
    struct GSchedThread *leave_to;     /* finished: who gets the baton when it has left */
    int quiet;                         /* owner: > 0 while the policy's own Python runs
                                        * (watched values, goals): no points */
} GSchedThread;

/* What the layer above does at a decision; all run on the baton holder, attached,
 * with S->mu not held, and may run Python (with points off).  */
typedef struct GSchedHooks {
    /* choose among the ready threads (ready[0..n-1], ascending numbers, n >= 1) for
     * step number `step` (counted from 1); why says what ended the last step */
    int (*pick)(const int *ready, int n, uint64_t step, GDecideWhy why);
    /* called before each pick: the goal checks of an exercise */
    void (*before_pick)(uint64_t step);
    /* no thread can ever run again (every live one blocked, no deadline) */
    void (*deadlock)(uint64_t step);
    /* the step budget is spent */
    void (*budget_spent)(uint64_t step);
} GSchedHooks;

typedef struct GSched {
    _Atomic bool controlled;           /* set before the program starts, cleared at its end */
    GRawMutex mu;                      /* rank G_RANK_SCHED: the baton, the states, the clock */
    GSchedThread **threads;            /* by number (mu) */
    int nthreads, cap;
    GSchedThread *_Atomic current;     /* the baton holder (written under mu; sched.c) */
    uint64_t steps;                    /* decisions taken (mu) */
    uint64_t budget;                   /* decisions allowed, 0: no limit (creator) */
    _Atomic int64_t clock_ns;          /* virtual time; written by the holder, read by anyone */
    GSchedHooks hooks;                 /* creator */
    bool deciding;                     /* holder: inside a decision (asserts no re-entry) */
    bool exit_pending;                 /* holder: a finished thread left the next
                                        * decision to the main thread (sched.c) */
} GSched;

/* Start controlling: the calling thread (the main thread, attached) becomes thread 0
 * and holds the baton.  Call before the program runs. */
void g_sched_begin(const GSchedHooks *hooks, uint64_t budget);
/* Stop controlling (the main thread, at the end of the program): from here on the OS
 * schedules.  Threads still waiting for the baton (daemons) wait forever. */
void g_sched_end(void);
/* g_sched_controlled() (runtime.h): is a controlled policy on? */

/* The baton holder reached a scheduling point (vm/step.c has set where it stands). */
void g_sched_point(struct GThreadState *ts);
/* The baton holder cannot go on until `key` is released (g_sched_wake) or virtual time
 * reaches deadline_ns (-1: never); w describes the lock, or NULL.  Returns when the
 * thread is picked again: true if woken by a release, false at the deadline. The
 * caller tries again either way. */
bool g_sched_block(struct GThreadState *ts, const void *key, struct GWaitInfo *w, int64_t deadline_ns);
/* Something released `key`: threads blocked on it become ready. */
void g_sched_wake(const void *key);
/* Virtual now, in ns from the start of the run; the holder advances it by
 * G_SCHED_TICK_NS at every scheduling point it passes, decided or not. */
int64_t g_sched_now_ns(void);
void g_sched_tick(void);

/* Thread lifetime.  The starter (holding the baton) registers the new thread before
 * creating it, and after creating it runs it up to its first point; the new thread
 * waits for the baton before it attaches, and decides once more when it finishes. */
void g_sched_thread_new(struct GThreadState *starter, struct GThreadState *child);
void g_sched_thread_run_start(struct GThreadState *starter, struct GThreadState *child);
/* The thread could not be created after all: it counts as finished. */
void g_sched_thread_cancel(struct GThreadState *child);
void g_sched_thread_enter(struct GThreadState *ts);
/* A finished thread, still holding the baton and attached: marks it finished.  Then
 * it does everything the program could see (counts, detaching, deleting its
 * state) and calls g_sched_thread_left, which hands the baton on: to its starter
 * if it never reached a point, else to the main thread, which takes the decision. */
void g_sched_thread_exit(struct GThreadState *ts);
void g_sched_thread_left(struct GSchedThread *st);

/* Reads for the policy and its displays (the baton holder only). */
GSchedThread *g_sched_thread(int no);
int g_sched_nthreads(void);
uint64_t g_sched_steps(void);

#endif
