/* critsec.h -- per-object critical sections.
 *
 * A container that mutates takes its own object's lock (the ob_mutex byte of its
 * header) for the duration:
 *
 *     GCritSec cs;
 *     g_critsec_begin(&cs, list);      ... mutate ...      g_critsec_end(&cs);
 *
 * Two-object operations (list.extend(other), dict.update) lock both, lower address
 * first, so two threads locking the same pair cannot deadlock.
 *
 * Sections nest as a stack per thread.  When a thread is about to block (detach), it
 * releases the locks of all its sections; when it resumes it re-takes only the top
 * section's locks, and an outer section's locks are re-taken when the inner one
 * ends.  So a thread that blocks inside a section (say, a sort key that waits on a
 * Lock) cannot deadlock with the thread that owns what it waits for.
 *
 * With the GIL on, beginning a section does nothing: the GIL already serialises.  A
 * section remembers whether it really locked, so switching the GIL while inside one
 * is safe.
 */
#ifndef GILT_CRITSEC_H
#define GILT_CRITSEC_H

#include <stdbool.h>

#include "objects/object.h"
#include "runtime/mutex.h"
#include "runtime/threadstate.h"

typedef struct GCritSec {
    GMutex *m1, *m2;          /* the locks this section holds (m2 NULL: one object) */
    struct GCritSec *prev;    /* the enclosing section */
    bool locked;              /* the locks are currently held (false while suspended) */
} GCritSec;

void g_critsec_begin(GCritSec *cs, GObject *o);
void g_critsec_begin2(GCritSec *cs, GObject *a, GObject *b);
void g_critsec_end(GCritSec *cs);

/* Called by detach/attach (threadstate.c). */
void g_critsec_suspend_all(GThreadState *ts);
void g_critsec_resume_top(GThreadState *ts);

static inline GMutex *g_object_mutex(GObject *o) { return (GMutex *)&o->ob_mutex; }

#endif
