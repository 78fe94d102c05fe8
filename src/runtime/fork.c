/* fork.c -- os.fork() in a running, free-threaded interpreter.
 *
 * fork(2) copies the whole address space but only the calling thread.  Whatever the
 * other threads were doing at that instant is frozen in the child's memory forever:
 * a lock one of them held stays held, a queue it was half-way through linking stays
 * half-linked, a thread state says ATTACHED although no thread will ever run it.  A
 * runtime that lets threads run in parallel must therefore choose *when* to fork and
 * *what to repair* in the child.  gilt's answer has two halves.
 *
 * 1. Fork at a moment when nothing is half-done.  The forking thread (attached)
 *    takes every lock of the runtime in the order of the lock table (lockrank.h), so
 *    that no other thread is inside any of them:
 *
 *        trace drain_mu (10)    the collector is not half-way through a drain
 *        stop the world (20)    every other Python thread is parked at a safepoint
 *                               or detached: it holds no critical section (detaching
 *                               released them), no merge-queue lock, no race shard
 *                               (leaves are never held across a safepoint)
 *        stdout, stderr         no thread is half-way through a write
 *        the GIL's mu (30)      nobody is half-way through taking or dropping it
 *        control_mu (40), the deadlock watcher's mu (45), strings_mu (50)
 *
 *    The parking lot's buckets (70) are not taken: the child empties every queue and
 *    re-makes every bucket lock, so what another thread was doing to one at the fork
 *    cannot reach it.
 *
 *    The trace drain lock is taken by vm/lifecycle.c (g_interp_fork), which sits
 *    above both the runtime and the collector; this file does the rest.  After
 *    fork(2) the parent releases them all in reverse order and starts the world: for
 *    the parent, a fork is one more stop of the world.
 *
 * 2. In the child, make the runtime describe the one thread that exists:
 *
 *        every lock above       re-made, then released: the owner recorded in a
 *                               pthread mutex is the parent's thread id, and an
 *                               error-checking mutex (debug builds) would refuse the
 *                               child's unlock
 *        the parking lot        emptied: its waiters were other threads
 *        the other threads      retired from outside: not alive (so decrefs of the
 *                               objects they owned merge at once, the retired-owner
 *                               rule), their containers adopted by the collector,
 *                               off the thread list; their thread states stay, as
 *                               every exited thread's do (objects still name them)
 *        the counts             other_threads = 0 (g_concurrent() is false again),
 *                               this thread is the main thread
 *        the GIL                no waiters; if it is on, this thread still holds it
 *        the deadlock watcher   not started (its thread is gone): it starts again
 *                               at the child's first untimed wait
 *        the collector          gone (vm/lifecycle.c): the child records into its
 *                               ring, nobody drains, losses are counted; it never
 *                               writes the parent's --trace file or prints --stats
 *        a collection           that another thread was finishing is abandoned
 *                               (gc_running false): its garbage leaks
 *
 *    What is *not* repaired, as in CPython: Python-level locks (threading.Lock...)
 *    that another thread held stay held in the child, and the objects the other
 *    threads' frames referenced leak.  The threading module forgets the other
 *    threads (threading._after_fork, called by the os module).
 *
 * Refused under a controlled scheduler (--seed, --schedule, --step, --explore):
 * the baton and the policy's thread table describe threads that would not exist.
 */
#include "runtime/fork.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "debug.h"
#include "runtime/deadlock.h"
#include "runtime/gc.h"
#include "runtime/gil.h"
#include "runtime/parking_lot.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"

/* In the child: the threads that did not come along. */
static void forget_other_threads(GThreadState *self)
{
    GThreadState *t = g_runtime.threads;
    while (t) {
        GThreadState *next = t->next;
        if (t != self) {
            /* retired from outside: nobody will merge its queue (what others queued
             * for it leaks) and from now on its objects are merged by their users */
            atomic_store(&t->alive, false);
            atomic_store(&t->state, G_TS_DETACHED);
            atomic_store(&t->qsbr_seq, 0);        /* offline: QSBR waits for it no more */
            atomic_store(&t->waiting_on, NULL);
            atomic_store(&t->parked_on, NULL);
            g_runtime.exited_allocs += atomic_load(&t->allocs);
            g_runtime.exited_frees += atomic_load(&t->frees);
            g_gc_adopt_orphans(t);                /* threads_mu is ours (the stop) */
            if (t->prev)
                t->prev->next = t->next;
            else
                g_runtime.threads = t->next;
            if (t->next)
                t->next->prev = t->prev;
            t->next = t->prev = NULL;
        }
        t = next;
    }
    G_ASSERT(g_runtime.threads == self && !self->next);
    g_runtime.main_thread = self;
    atomic_store(&g_runtime.other_threads, 0);
    atomic_store(&g_runtime.gc_running, false);
}

pid_t g_runtime_fork(void)
{
    GThreadState *ts = g_tstate_current;
    G_ASSERT(ts && atomic_load(&ts->state) == G_TS_ATTACHED);
    if (g_sched_controlled()) {
        errno = ENOTSUP;
        return -1;
    }
    /* ---- before: the standard streams, then every runtime lock in rank order ----
     * stdout and stderr are taken and flushed (what is buffered is written once, not
     * once per process) DETACHED: another thread may hold one's lock, detached, in a
     * write to a full pipe, or a flush may block itself; an attached thread waiting
     * there would hold up the GIL and every stop of the world.  Once taken, no thread
     * can be half-way through a write at the fork.  (Other open files are not
     * flushed, as in CPython; a file another thread is using at the fork may be
     * unusable in the child.) */
    g_threadstate_detach(ts);
    flockfile(stdout);
    flockfile(stderr);
    fflush(stdout);
    fflush(stderr);
    g_threadstate_attach(ts);
    g_stop_the_world(ts);
    g_gil_fork_lock();
    g_trace_rec_fork_lock(false); /* control_mu (40) */
    g_deadlock_fork_lock();       /* 45 */
    g_trace_rec_fork_lock(true);  /* strings_mu (50) */
    g_parking_lot_fork_lock();    /* 70: nothing is taken (see above) */

    pid_t pid = fork();
    bool child = pid == 0;
    int saved = errno;

    /* ---- after: release (the child re-makes each lock first) ---- */
    g_parking_lot_fork_unlock(child);
    g_trace_rec_fork_unlock(true, child);
    g_deadlock_fork_unlock(child);
    g_trace_rec_fork_unlock(false, child);
    g_gil_fork_unlock(child);
    funlockfile(stderr);
    funlockfile(stdout);
    if (child) {
        forget_other_threads(ts);
        g_raw_mutex_reinit_held(&g_runtime.threads_mu);
    }
    g_start_the_world(ts);
    errno = saved;
    return pid;
}
