/* deadlock.h -- noticing that every thread waits forever.
 *
 * A blocking lock (the _thread lock under every threading primitive) carries a
 * GWaitInfo: where it was made, who took it last and where.  A thread that waits for
 * it without a timeout publishes the lock in its thread state (ts->waiting_on) for
 * as long as the wait lasts.  One watcher thread looks at those records a few times
 * a second and, when the whole program is certainly stuck, has the report printed
 * and ends the process.  deadlock.c gives the rule and why it is certain.
 *
 * The runtime only detects.  What the report says (names, source lines) is written
 * by the layer above (vm/deadlock_report.c), which installs its printer here; the
 * places recorded (files and lines) are given by the callers, which know frames.
 */
#ifndef GILT_DEADLOCK_H
#define GILT_DEADLOCK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "objects/object.h"
#include "runtime/lockrank.h"
#include "runtime/mutex.h"

struct GThreadState;

typedef struct GWaitInfo {
    GMutex *mu;                           /* the lock's mutex byte */
    _Atomic uint64_t acquires;            /* bumped by every successful acquire */
    struct GThreadState *_Atomic holder;  /* the thread that took it last */
    GObject *_Atomic held_file;           /* ... and where (str, owned) */
    _Atomic int held_line;
    GObject *made_file;                   /* where the lock was made (str, owned, or NULL) */
    int made_line;
    GObject *_Atomic label;               /* what waiting on it means, e.g. "Thread-1 to finish" */
} GWaitInfo;

/* The watcher's state; it lives in g_runtime.deadlock. */
typedef struct GDeadlockWatch {
    GRawMutex mu;                         /* rank G_RANK_DEADLOCK: guards started, sleeps on wake */
    pthread_cond_t wake;
    bool started;
    pthread_t thread;
    _Atomic int untimed_waits;            /* threads inside an untimed wait right now */
    void (*report)(void);                 /* prints the report, the world stopped (vm/) */
    char *(*describe)(void);              /* the report as malloc'd text, for the REPL (vm/) */
} GDeadlockWatch;

void g_deadlock_init(void);
/* The printer of the report: it runs on the watcher (no thread state) with every
 * other thread stopped, so it may read their records but must not run Python. */
void g_deadlock_set_reporter(void (*report)(void));
/* In the REPL a deadlock does not end the session: the watcher has the report
 * written into text (by describe, the world stopped), leaves it in
 * g_runtime.deadlock_text and interrupts the main thread's wait, which raises
 * RuntimeError with it (vm/eval_support.c); the other threads stay stuck. */
void g_deadlock_set_describer(char *(*describe)(void));

/* Fill in w for a new lock guarding mu, made at file:line (file borrowed, may be NULL). */
void g_waitinfo_init(GWaitInfo *w, GMutex *mu, GObject *file, int line);
void g_waitinfo_clear(GWaitInfo *w);
/* Record that the current thread has just taken the lock, at file:line. */
void g_waitinfo_acquired(GWaitInfo *w, GObject *file, int line);

/* The current thread starts / stops an untimed wait for w, at file:line (borrowed:
 * the waiting frame outlives the wait). */
void g_wait_begin(GWaitInfo *w, GObject *file, int line);
void g_wait_end(void);
/* fork.c: hold the watcher's mu across fork(2); in the child, the watcher (a thread
 * that did not come along) counts as never started and nobody is waiting. */
void g_deadlock_fork_lock(void);
void g_deadlock_fork_unlock(bool child);

#endif
