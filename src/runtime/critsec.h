/* critsec.h -- per-object critical sections.
 *
 * A container that is read or changed takes its own object's lock (the ob_mutex byte
 * of its header) for the duration:
 *
 *     GCritSec cs;
 *     g_critsec_begin(&cs, list);      ... read or mutate ...      g_critsec_end(&cs);
 *
 * Two-object operations (list.extend(other), dict.update) lock both, lower address
 * first, so two threads locking the same pair cannot deadlock.
 *
 * A section only locks when another thread could run at the same moment
 * (g_concurrent(): the GIL is off and a second thread exists).  With the GIL on, or
 * with one thread, it records what it would lock and takes nothing.
 *
 * Sections nest as a stack per thread.  Each section remembers the mutexes it wants
 * (w1, w2) and which of them it holds (h1, h2):
 *
 *   - a mutex already held by an enclosing section of the same thread is not taken
 *     again (a method calling another method of the same list is fine);
 *   - when a thread is about to block (detach) it releases the locks of all its
 *     sections; when it attaches again it re-takes only the innermost section's, and
 *     each enclosing section takes its own back when the inner one ends.  So a thread
 *     that blocks inside a section (a sort key that waits on a Lock) cannot deadlock
 *     with the thread that owns what it waits for;
 *   - when the program becomes concurrent (the GIL is switched off under
 *     stop-the-world, or a second thread starts) every thread takes its innermost
 *     section's locks before it runs on (g_critsec_resume_top), by the same rule.
 */
#ifndef GILT_CRITSEC_H
#define GILT_CRITSEC_H

#include <stdbool.h>

#include "debug.h"

#include "objects/object.h"
#include "runtime/mutex.h"
#include "runtime/runtime.h"
#include "runtime/threadstate.h"

typedef struct GCritSec {
    GMutex *w1, *w2;          /* the locks this section needs, lower address first (w2 may be NULL) */
    bool h1, h2;              /* ... and whether it holds them right now */
    bool taking;              /* inside take(): a blocking lock is in progress */
    bool fast;                /* a short section locked on the fast path: not on the stack */
    struct GCritSec *prev;    /* the enclosing section */
} GCritSec;

void g_critsec_begin(GCritSec *cs, GObject *o);
void g_critsec_begin2(GCritSec *cs, GObject *a, GObject *b);
void g_critsec_end(GCritSec *cs);

/* Called by detach/attach (threadstate.c), and when the program becomes concurrent. */
void g_critsec_suspend_all(GThreadState *ts);
void g_critsec_resume_top(GThreadState *ts);

static inline GMutex *g_object_mutex(GObject *o) { return &o->ob_mutex; }

/* The invariant of every "_locked" helper of a container: its caller holds o's
 * section.  When the program is concurrent that means o's mutex is locked (by this
 * thread: a section takes it before it runs on); when it is not, nothing is locked and
 * nothing needs to be. */
#define G_ASSERT_CRITSEC_HELD(o) \
    G_ASSERT(!g_concurrent() || g_mutex_is_locked(g_object_mutex((GObject *)(o))))

/* A short section, for an operation that runs no Python code and cannot block (so no
 * stop-the-world and no thread start can happen inside it): when the program is not
 * concurrent it costs one test; when it is, and the lock is free, one
 * compare-and-swap to lock and one to unlock, without joining the thread's stack of
 * sections (nothing inside can suspend it).  A busy lock -- perhaps held by an
 * enclosing section of this very thread -- takes the full path.  list.append and
 * d[k] = v use it.  A short section is not on the stack, so nothing inside it may
 * begin another section on the same object (a full section around short ones is
 * fine). */
static inline void g_critsec_begin_short(GCritSec *cs, GObject *o)
{
    cs->w1 = NULL;
    if (!g_concurrent())
        return;
    GMutex *m = g_object_mutex(o);
    if (g_mutex_trylock(m)) {
        cs->w1 = m;
        cs->fast = true;
        return;
    }
    g_critsec_begin(cs, o);
}
static inline void g_critsec_begin2_short(GCritSec *cs, GObject *a, GObject *b)
{
    cs->w1 = NULL;
    if (g_concurrent())
        g_critsec_begin2(cs, a, b);
}
static inline void g_critsec_end_short(GCritSec *cs)
{
    if (!cs->w1)
        return;
    if (cs->fast)
        g_mutex_unlock(cs->w1);
    else
        g_critsec_end(cs);
}

#endif
