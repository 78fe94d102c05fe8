/* deadlock.h -- noticing that every thread waits forever, and saying who waits for whom.
 *
 * A blocking lock (the _thread lock under every threading primitive) carries a
 * GWaitInfo: where it was made, who took it last and where.  A thread that waits for
 * it without a timeout publishes the lock in its thread state (ts->waiting_on), and
 * each time a 50 ms wait slice runs out it asks g_deadlock_check() whether the whole
 * program is stuck.  See deadlock.c for the rule and the report.
 */
#ifndef GILT_DEADLOCK_H
#define GILT_DEADLOCK_H

#include <stdatomic.h>
#include <stdint.h>

#include "objects/objects.h"
#include "runtime/mutex.h"

struct GThreadState;

typedef struct GWaitInfo {
    GMutex *mu;                           /* the lock's mutex byte */
    _Atomic uint64_t acquires;            /* bumped by every successful acquire */
    struct GThreadState *_Atomic holder;  /* the thread that took it last */
    GObject *_Atomic held_file;           /* ... and where (str, owned) */
    _Atomic int held_line;
    GObject *made_file;                   /* where the lock was made (str, owned) */
    int made_line;
    GObject *_Atomic label;               /* what waiting on it means, e.g. "Thread-1 to finish" */
} GWaitInfo;

/* Fill in w for a new lock guarding mu (made at the running script line). */
void g_waitinfo_init(GWaitInfo *w, GMutex *mu);
void g_waitinfo_clear(GWaitInfo *w);
/* Record that the current thread has just taken the lock. */
void g_waitinfo_acquired(GWaitInfo *w);

/* The current thread starts / stops an untimed wait for w. */
void g_wait_begin(GWaitInfo *w);
void g_wait_end(void);

/* Called by a waiting thread each time a wait slice runs out.  *fingerprint carries
 * the state seen last time (start it at 0).  When every live thread has been waiting
 * without a timeout, on held locks, with nothing changing for a whole slice, this
 * prints the wait-for report to stderr and exits the process with status 1. */
void g_deadlock_check(uint64_t *fingerprint);

#endif
