/* critsec.c -- critical sections on objects' own locks (see critsec.h).
 *
 * The thread's innermost section is ts->critsec.  A section whose locks are held
 * by an enclosing section of the same thread (re-entry on the same object) takes
 * nothing, so a method that calls another method of the same container is fine.
 */
#include "runtime/critsec.h"

#include "runtime/runtime.h"

static bool held_by_thread(GThreadState *ts, GMutex *m)
{
    for (GCritSec *c = ts->critsec; c; c = c->prev)
        if (c->locked && (c->m1 == m || c->m2 == m))
            return true;
    return false;
}

/* Lock without detaching: used while already detached (resuming). */
static void lock_plain(GMutex *m)
{
    if (!g_mutex_trylock(m))
        g_mutex_lock_slow(m, -1, false, NULL);
}

static void push(GThreadState *ts, GCritSec *cs, GMutex *m1, GMutex *m2)
{
    cs->m1 = m1;
    cs->m2 = m2;
    cs->prev = ts->critsec;
    cs->locked = m1 != NULL;
    ts->critsec = cs;
}

void g_critsec_begin(GCritSec *cs, GObject *o)
{
    GThreadState *ts = g_tstate_current;
    GMutex *m = g_object_mutex(o);
    if (atomic_load_explicit(&g_runtime.gil_enabled, memory_order_relaxed) || held_by_thread(ts, m)) {
        push(ts, cs, NULL, NULL);
        return;
    }
    /* Locking may block, and blocking detaches, which releases our other sections:
     * push first (unlocked), so the stack is consistent whatever happens. */
    push(ts, cs, NULL, NULL);
    g_mutex_lock(m);
    cs->m1 = m;
    cs->locked = true;
}

void g_critsec_begin2(GCritSec *cs, GObject *a, GObject *b)
{
    if (a == b) {
        g_critsec_begin(cs, a);
        return;
    }
    GThreadState *ts = g_tstate_current;
    GMutex *ma = g_object_mutex(a), *mb = g_object_mutex(b);
    if (ma > mb) {
        GMutex *t = ma;
        ma = mb;
        mb = t;
    }
    bool gil = atomic_load_explicit(&g_runtime.gil_enabled, memory_order_relaxed);
    bool ha = gil || held_by_thread(ts, ma), hb = gil || held_by_thread(ts, mb);
    push(ts, cs, NULL, NULL);
    if (!ha)
        g_mutex_lock(ma);           /* lower address first */
    if (!hb)
        g_mutex_lock(mb);
    cs->m1 = ha ? NULL : ma;
    cs->m2 = hb ? NULL : mb;
    if (!cs->m1) {
        cs->m1 = cs->m2;
        cs->m2 = NULL;
    }
    cs->locked = cs->m1 != NULL;
}

static void unlock_section(GCritSec *cs)
{
    if (!cs->locked)
        return;
    if (cs->m2)
        g_mutex_unlock(cs->m2);
    g_mutex_unlock(cs->m1);
    cs->locked = false;
}

static void relock_section(GCritSec *cs)
{
    if (cs->locked || !cs->m1)
        return;
    GMutex *a = cs->m1, *b = cs->m2;
    if (b && b < a) {
        GMutex *t = a;
        a = b;
        b = t;
    }
    lock_plain(a);
    if (b)
        lock_plain(b);
    cs->locked = true;
}

void g_critsec_end(GCritSec *cs)
{
    GThreadState *ts = g_tstate_current;
    unlock_section(cs);
    ts->critsec = cs->prev;
    /* an outer section suspended while we ran: take its locks back */
    if (ts->critsec && !ts->critsec->locked && ts->critsec->m1)
        relock_section(ts->critsec);
}

void g_critsec_suspend_all(GThreadState *ts)
{
    for (GCritSec *c = ts->critsec; c; c = c->prev)
        unlock_section(c);
}

void g_critsec_resume_top(GThreadState *ts)
{
    if (ts->critsec)
        relock_section(ts->critsec);
}
