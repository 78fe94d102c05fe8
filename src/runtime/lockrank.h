/* lockrank.h -- every lock gilt's C code takes, its rank, and the checks that keep the
 * order.
 *
 * THE LOCK-ORDER RULE: a thread takes a ranked lock only if its rank is higher than
 * the rank of every ranked lock it already holds.  Two threads that follow the rule
 * cannot wait for each other in a cycle, so gilt's own locks cannot deadlock.
 *
 * THE ATTACHED-WAIT RULE: an attached thread (one running Python code) blocks only on
 * a lock whose holder cannot be waiting for a stop of the world, or for this thread:
 * the *leaf* locks, held for a few instructions that never block.  Any other lock is
 * taken by an attached thread only through g_raw_lock_detaching, which detaches while
 * it waits; otherwise a stop of the world (which waits for every attached thread to
 * park) and the lock's holder could wait for each other.
 *
 * THE ATTACH RULE: attaching may wait for a stop of the world to end, and the thread
 * that stopped it holds threads_mu and may take any lock ranked above threads_mu.
 * So a thread attaches holding only locks ranked below threads_mu (or threads_mu
 * itself: then nobody else can be stopping the world).  Attaching may also wait for
 * the GIL, which ranks just above threads_mu: that is safe only because a GIL holder
 * never blocks attached on anything but a leaf -- every other wait (a lock, a join,
 * sleep, I/O that may block) detaches first and so lets the GIL go.
 *
 * The table (docs/architecture.md prints it with what each lock guards):
 *
 *   rank  lock                  kind      attached may block?
 *   ----  --------------------  --------  -------------------------------------------
 *     5   a file object's mu   pthread   never attached: taken and held only by
 *                                         detached threads (objects/file.c)
 *    10   trace drain_mu        pthread   no: g_raw_lock_detaching
 *    20   threads_mu            pthread   no: g_threads_lock (detaches)
 *    25   the GIL itself        flag+cond only ever waited for detached, in attach; so a
 *                                         thread holding threads_mu may attach, and
 *                                         a GIL holder never blocks attached
 *    30   the GIL's mu          pthread   yes (leaf for attached: held briefly; the
 *                                         GIL itself is only waited for detached)
 *    40   trace control_mu      pthread   yes (leaf)
 *    42   the scheduler's mu    pthread   yes (leaf: held for a few instructions;
 *                                         the baton itself is waited for detached)
 *    45   deadlock watcher mu   pthread   yes (leaf)
 *    46   race report_mu        pthread   yes (leaf: the set of reported pairs)
 *    47   race threads_mu       pthread   yes (leaf: the detector's thread records)
 *    48   race sync shard       pthread   yes (leaf: one of 16 shards of sync clocks)
 *    49   race shadow shard     pthread   yes (leaf: one of 64 shards of shadow cells;
 *                                         race.h: never two of these four at once)
 *    50   trace strings_mu      pthread   yes (leaf)
 *    55   trace wake_mu         pthread   yes (leaf)
 *    60   a merge queue's lock  GMutex    yes (leaf; waits attached, never detaches)
 *    62   a weakref stripe      GMutex    yes (leaf: one of 64 stripes of the table of
 *                                         weak references; objects/weakref.c)
 *    65   types_mu              pthread   yes (leaf: a class joins or leaves its bases'
 *                                         subclass lists; class.c)
 *    70   a parking-lot bucket  pthread   yes (leaf)
 *    75   word pages' orphans   pthread   yes (leaf: the pages of retired threads,
 *                                         taken for a moment in an allocation; alloc.c)
 *
 * Not ranked, and why:
 *   - an object's ob_mutex (critical sections, critsec.h): a thread that would block
 *     on one first releases every section it holds (it detaches), so it never waits
 *     while holding one; two are taken together only in address order;
 *   - Python Locks (threading.Lock and everything built on it): the user's program
 *     orders them; a wait on one detaches; a user-level deadlock is reported
 *     (deadlock.c), not prevented.
 *
 * In debug builds (GILT_DEBUG) each OS thread keeps the stack of ranked locks it
 * holds, and every take, release and attach checks the rules above; a broken rule
 * is an internal error (G_ASSERT).  Without GILT_DEBUG the checks compile to nothing.
 */
#ifndef GILT_LOCKRANK_H
#define GILT_LOCKRANK_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "debug.h"

typedef enum GLockRank {
    G_RANK_FILE = 5,        /* a file object's lock: taken and held only detached */
    G_RANK_DRAIN = 10,
    G_RANK_THREADS = 20,
    G_RANK_GIL = 30,
    G_RANK_CONTROL = 40,
    G_RANK_SCHED = 42,
    G_RANK_DEADLOCK = 45,
    G_RANK_RACE_REPORT = 46,
    G_RANK_RACE_THREADS = 47,
    G_RANK_RACE_SYNC = 48,
    G_RANK_RACE_SHADOW = 49,
    G_RANK_STRINGS = 50,
    G_RANK_WAKE = 55,
    G_RANK_MERGE = 60,
    G_RANK_WEAKREF = 62,
    G_RANK_TYPES = 65,
    G_RANK_BUCKET = 70,
    G_RANK_WORD_PAGES = 75,
} GLockRank;

/* A pthread mutex with its rank. */
typedef struct GRawMutex {
    pthread_mutex_t mu;
    GLockRank rank;
} GRawMutex;

void g_raw_mutex_init(GRawMutex *m, GLockRank rank);
/* Lock from a thread that is not attached, or a leaf lock from any thread. */
void g_raw_lock(GRawMutex *m);
bool g_raw_trylock(GRawMutex *m);
/* Lock from any thread: an attached one detaches while it waits (and attaches again
 * holding the lock, which the attach rule allows only below threads_mu). */
void g_raw_lock_detaching(GRawMutex *m);
void g_raw_unlock(GRawMutex *m);
/* In a child after fork(2) (fork.c), for a lock the forking thread held: make it
 * afresh and hold it again, so the ordinary g_raw_unlock releases it.  The thread's
 * record of held ranks is unchanged: it still holds the lock. */
void g_raw_mutex_reinit_held(GRawMutex *m);
/* A condition variable whose deadlines are on CLOCK_MONOTONIC (never moved by a
 * change of the wall clock), as every deadline in gilt is. */
void g_cond_init(pthread_cond_t *c);
/* pthread_cond_wait / timedwait on m (NULL deadline: no timeout); returns 0 or ETIMEDOUT. */
int g_raw_cond_wait(pthread_cond_t *c, GRawMutex *m, const struct timespec *deadline);

/* Is the rank a leaf's, that an attached thread may block on? */
bool g_lockrank_is_leaf(GLockRank rank);

#ifdef GILT_DEBUG
/* Record taking and releasing a ranked lock that is not a GRawMutex (a merge lock). */
void g_lockrank_acquired(GLockRank rank);
void g_lockrank_released(GLockRank rank);
/* The attach rule, checked by g_threadstate_attach. */
void g_lockrank_check_attach(void);
/* How many ranked locks this thread holds (a dealloc runs with none). */
int g_lockrank_held(void);
#else
static inline void g_lockrank_acquired(GLockRank rank) { (void)rank; }
static inline void g_lockrank_released(GLockRank rank) { (void)rank; }
static inline void g_lockrank_check_attach(void) {}
static inline int g_lockrank_held(void) { return 0; }
#endif

#endif
