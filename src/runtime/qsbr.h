/* qsbr.h -- quiescent-state-based reclamation: freeing what another thread may
 * still be reading.
 *
 * Dict lookups (globals, builtins, attributes) and cell reads take no lock: a
 * reader loads a pointer out of a table and then uses it.  Meanwhile a writer on
 * another core may replace that entry.  If the writer dropped its reference to the
 * old value (or freed the old table) at once, the reader could touch freed memory.
 *
 * So when the program is concurrent (g_concurrent()), a writer that removes
 * something from a lock-free-readable place does not drop it at once: it hands it
 * here with a *goal*, and it is dropped once every attached thread has passed a
 * quiescent point -- a moment at which it holds no pointer it read without a lock.
 * In gilt those moments are the eval breaker's check points and detaching.
 *
 *   global sequence  wr_seq:  1 ... S ............ S+1 ...........................
 *   writer:            removes X, reads S, defers X with goal S+1
 *   thread A:                                  reports S+1 at a check point
 *   thread B: detached (offline, reports nothing, holds nothing)
 *   writer at its next check point: every online thread has reported >= S+1,
 *                                   so nobody can still hold X: drop it.
 *
 * A thread that defers many things advances wr_seq and raises the G_BREAK_QSBR bit
 * on every thread, so that each one reports (and drains its own list) at its next
 * check point.  With the GIL on, or with one thread, nothing is deferred.
 */
#ifndef GILT_QSBR_H
#define GILT_QSBR_H

#include "objects/object.h"
#include "runtime/threadstate.h"

/* Free a raw buffer (a dict table) after every reader has moved on. */
void g_qsbr_free(void *p);
/* Drop a reference after every reader has moved on. */
void g_qsbr_decref(GObject *o);

/* The thread holds no unlocked pointer now: report it, and drain its own list (false:
 * the thread list was busy, nothing drained; the G_BREAK_QSBR bit stays set). */
bool g_qsbr_quiescent(GThreadState *ts);
/* Attach / detach: an offline thread holds nothing and is not waited for. */
void g_qsbr_online(GThreadState *ts);
void g_qsbr_offline(GThreadState *ts);
/* Drop everything deferred so far, waiting (detached, up to ~0.2 s) for the other
 * threads to report; true if nothing is left.  For exact live-object counts. */
bool g_qsbr_flush(GThreadState *ts);
/* A thread is exiting: what it still has to drop goes to the orphans. */
void g_qsbr_thread_exit(GThreadState *ts);
/* Ask every thread to report and drain (after the GIL is switched back on). */
void g_qsbr_request_all(void);

#endif
