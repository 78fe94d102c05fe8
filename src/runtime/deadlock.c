/* deadlock.c -- the deadlock watcher.
 *
 * The rule.  The program is deadlocked when every live thread is asleep inside an
 * untimed lock wait (Lock.acquire(), Thread.join(), Condition.wait(), Queue.get(), ...
 * all end in one) on a lock that is held.  Then no thread can run to release
 * anything, so no wait can ever end.  A thread that sleeps, reads input, waits with
 * a timeout, or has just been given its lock is not stuck, and keeps the program from
 * being reported.
 *
 * One watcher, not every waiter.  A thread with the watcher's help costs nothing
 * while it waits: it publishes what it waits for (ts->waiting_on) and sleeps.  The
 * watcher, a thread of its own that runs no Python, wakes every WATCH_MS while any
 * untimed wait is in progress and looks, in O(threads):
 *
 *     quick look (threads_mu): does every live thread wait, on a held lock?
 *          | no: sleep again                | yes
 *          v                                v
 *                              stop the world, then the certain look: is every live
 *                              thread *asleep in the parking lot* on its lock's word,
 *                              with the lock still held?
 *                                   | no: start the world, sleep again
 *                                   | yes: print the report (world still stopped), exit(1)
 *
 * Why the certain look is certain.  With the world stopped no thread runs Python, so
 * nobody can release a Python lock.  A thread asleep in the parking lot (its
 * parked_on names the lock's word) can only be woken by an unlock, or by its own
 * time-out slice, which only puts it back to sleep: it cannot run Python either.
 * A thread that was just handed its lock by an unlock, but has not run yet, is no
 * longer in the queue (the unlocker took it out under the bucket lock), so it is not
 * counted as stuck -- which is exactly the case a look at flags alone gets wrong:
 * a thread granted its lock still *looks* like a waiter until it runs, and on a busy
 * machine that can be long.
 *
 * The watcher takes threads_mu and stops the world as a thread without a thread
 * state, so it never holds up anyone; its own mutex is a leaf (lockrank.h).
 */
#include "runtime/deadlock.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "debug.h"
#include "runtime/parking_lot.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"

#define W (&g_runtime.deadlock)
enum { WATCH_MS = 50 };

void g_deadlock_init(void)
{
    g_raw_mutex_init(&W->mu, G_RANK_DEADLOCK);
    g_cond_init(&W->wake);
}

void g_deadlock_set_reporter(void (*report)(void)) { W->report = report; }
void g_deadlock_set_describer(char *(*describe)(void)) { W->describe = describe; }

/* The REPL's way out (deadlock.h): the main thread, waiting in slices, raises the
 * report as an exception.  Only while it is one of the waiters, and once per
 * report (the last one not yet taken stays). */
static bool hand_to_repl(void)
{
    GThreadState *main = g_runtime.main_thread;
    if (!g_runtime.interactive || !W->describe || !main || !atomic_load(&main->waiting_on))
        return false;
    if (atomic_load_explicit(&g_runtime.deadlock_text, memory_order_acquire))
        return true;                           /* the last report is not taken yet */
    char *text = W->describe();
    if (!text)
        return false;
    /* release: the text is written before the main thread can see the pointer */
    atomic_store_explicit(&g_runtime.deadlock_text, text, memory_order_release);
    atomic_fetch_or(&main->eval_breaker, G_BREAK_SIGNAL);
    return true;
}

/* ---- the wait records ---- */

void g_waitinfo_init(GWaitInfo *w, GMutex *mu, GObject *file, int line)
{
    w->mu = mu;
    atomic_init(&w->acquires, 0);
    atomic_init(&w->holder, NULL);
    atomic_init(&w->held_file, NULL);
    atomic_init(&w->held_line, 0);
    atomic_init(&w->label, NULL);
    w->made_file = file ? g_newref(file) : NULL;
    w->made_line = line;
}

void g_waitinfo_clear(GWaitInfo *w)
{
    g_xdecref(w->made_file);
    g_xdecref(atomic_load(&w->held_file));
    g_xdecref(atomic_load(&w->label));
}

void g_waitinfo_acquired(GWaitInfo *w, GObject *file, int line)
{
    atomic_fetch_add(&w->acquires, 1);
    atomic_store(&w->holder, g_tstate_current);
    if (!file)
        return;
    /* only the holder writes these, while it holds the lock */
    GObject *old = atomic_exchange(&w->held_file, g_newref(file));
    g_xdecref(old);
    atomic_store(&w->held_line, line);
}

static void *watch(void *arg);

/* The first untimed wait since none: start the watcher (once) or wake it (it sleeps
 * without a timeout while nobody waits). */
static void wake_watcher(void)
{
    g_raw_lock(&W->mu);
    if (!W->started) {
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        W->started = pthread_create(&W->thread, &a, watch, NULL) == 0;
        pthread_attr_destroy(&a);
    }
    pthread_cond_signal(&W->wake);
    g_raw_unlock(&W->mu);
}

void g_wait_begin(GWaitInfo *w, GObject *file, int line)
{
    GThreadState *ts = g_tstate_current;
    ts->wait_file = file;
    ts->wait_line = line;
    atomic_fetch_add(&ts->wait_seq, 1);
    /* release: a watcher that sees waiting_on sees the site too */
    atomic_store_explicit(&ts->waiting_on, w, memory_order_release);
    if (atomic_fetch_add(&W->untimed_waits, 1) == 0)
        wake_watcher();
}

void g_wait_end(void)
{
    atomic_store_explicit(&g_tstate_current->waiting_on, NULL, memory_order_relaxed);
    atomic_fetch_sub(&W->untimed_waits, 1);
}

void g_deadlock_fork_lock(void) { g_raw_lock(&W->mu); }

void g_deadlock_fork_unlock(bool child)
{
    if (child) {
        g_raw_mutex_reinit_held(&W->mu);
        g_cond_init(&W->wake);
        W->started = false;
        atomic_store(&W->untimed_waits, 0);
    }
    g_raw_unlock(&W->mu);
}

/* ---- the watcher ---- */

/* Does every live thread wait without a timeout?  (Threads that have exited are off
 * the list, or at least no longer alive.)  Only the pointers are compared: a record
 * may be read only with the world stopped, when the lock it belongs to cannot be
 * freed (its waiter holds a reference to it). */
static bool quick_look(void)
{
    bool stuck = true;
    g_threads_lock();
    for (GThreadState *t = g_runtime.threads; t && stuck; t = t->next)
        if (atomic_load(&t->alive))
            stuck = atomic_load_explicit(&t->waiting_on, memory_order_relaxed) != NULL;
    g_threads_unlock();
    return stuck;
}

/* The world is stopped: is every live thread asleep on its held lock? */
static bool certain_look(void)
{
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (!atomic_load(&t->alive))
            continue;
        GWaitInfo *w = atomic_load_explicit(&t->waiting_on, memory_order_acquire);
        if (!w || !g_mutex_is_locked(w->mu) || atomic_load(&t->parked_on) != (const void *)&w->mu->v)
            return false;
    }
    return true;
}

static void sleep_ms(int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += (long)ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    g_raw_cond_wait(&W->wake, &W->mu, &until);
}

static void *watch(void *arg)
{
    (void)arg;
    g_raw_lock(&W->mu);
    for (;;) {
        while (atomic_load(&W->untimed_waits) == 0)
            g_raw_cond_wait(&W->wake, &W->mu, NULL);
        sleep_ms(WATCH_MS);
        if (atomic_load(&W->untimed_waits) == 0)
            continue;
        g_raw_unlock(&W->mu);
        /* a controlled scheduler knows when every thread is blocked, and says so
         * itself (sched.c) */
        if (!g_sched_controlled() && quick_look()) {
            g_stop_the_world(NULL);
            if (certain_look() && !hand_to_repl()) {
                if (W->report)
                    W->report();
                if (g_runtime.before_fatal_exit)
                    g_runtime.before_fatal_exit();
                _exit(1);
            }
            g_start_the_world(NULL);
        }
        g_raw_lock(&W->mu);
    }
    return NULL;
}
