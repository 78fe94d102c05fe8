/* race.h -- the happens-before race detector's core (gilt --race): vector clocks,
 * the shadow of every shared location, and the edges that order threads.
 *
 * A *data race* is two accesses to one location, by two threads, at least one a
 * write, with nothing ordering them: neither happens before the other.  "Happens
 * before" is the smallest order that contains each thread's own program order and
 * the *edges* the synchronisation makes: a thread's start is after what its starter
 * did before starting it; a lock's acquire is after the release that let it in; and
 * so on (vm/race.h lists where each edge comes from).  The GIL is not an edge: it
 * orders instructions in time, but not the program's logic -- a lost update is
 * still a race with the GIL on, and the detector says so.
 *
 * The algorithm is FastTrack (Flanagan and Freund, PLDI 2009), the one Go's race
 * detector and ThreadSanitizer descend from:
 *
 *   - each thread t keeps a *vector clock* C_t: for every thread u, the last
 *     moment of u (u's own counter) that happens before t's present.  C_t[t] is
 *     t's own counter; the pair (C_t[t], t) is t's current *epoch*;
 *   - a sync object L (a lock, an Event...) keeps a clock too.  Release:
 *     L := L join C_t, then t starts a new epoch (C_t[t] += 1).  Acquire:
 *     C_t := C_t join L.  So after an acquire, C_t knows everything the releaser
 *     knew;
 *   - each location x keeps the epoch of its last write W_x, and the epoch of its
 *     last read R_x -- or, once two reads are concurrent, a read clock (one epoch
 *     per reading thread).  An earlier access at epoch (c, u) happens before
 *     thread t's present iff c <= C_t[u].  A write races with the previous write
 *     unless W_x happens before; with every recorded read likewise; a read races
 *     with the last write unless it happens before.  An *atomic* write (an operation
 *     Python documents as atomic: list.append, dict.setdefault) is checked like a
 *     write but kept in a list of its own (one epoch per thread): atomic writes do
 *     not race with each other, only with plain reads and writes, as in C11 or Go.
 *
 * The epoch is what makes it cheap: a thread that touches x again in the same
 * epoch (no synchronisation since) finds W_x or R_x equal to its epoch and stops
 * there, O(1), without looking at a vector clock.  That is the fast path, and most
 * accesses take it.
 *
 *   epoch, 64 bits:   | clock (32) | thread number (32) |      0: no access yet
 *
 * Shadow memory is keyed by (container, key): the container's address (a module's
 * globals dict, an instance, a list, a dict, a closure cell) and a 64-bit key the
 * caller derives (an index, a string's hash, "the whole container"; vm/race.c).
 * Addresses are reused: a freed list's address may be the next list's.  So the
 * container types' deallocs call g_race_forget, which drops every shadow cell and
 * sync clock of the object before its memory can be reused -- one predictable
 * test of g_race_on() when the detector is off.
 *
 * The tables are shared by threads running truly in parallel (GIL off).  They are
 * guarded by locks, all of them leaves (lockrank.h): each is held for a table
 * lookup and a few comparisons, never across a wait, an allocation of gilt's own
 * or Python code, and never two at once:
 *
 *   G_RANK_RACE_REPORT   the set of reported location pairs
 *   G_RANK_RACE_THREADS  the thread records (names, creation sites)
 *   G_RANK_RACE_SYNC     one of 16 shards of the sync clocks, by address
 *   G_RANK_RACE_SHADOW   one of 64 shards of the shadow cells, by container
 *
 * A thread's own vector clock is written and read only by its owner (and by its
 * starter, before the thread exists), so it needs no lock.
 *
 * This layer knows no frames: a *site* (where an access happened: up to
 * G_RACE_FRAMES code objects and lines, innermost first) is filled in by a capture
 * function the vm layer registers, called only when an access leaves the fast path.
 */
#ifndef GILT_RACE_H
#define GILT_RACE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* written once before the program runs (g_race_begin); read everywhere, relaxed:
 * nothing is published through it, the tables have their own locks */
extern _Atomic bool g_race_enabled;

static inline bool g_race_on(void)
{
    return atomic_load_explicit(&g_race_enabled, memory_order_relaxed);
}

#define G_RACE_FRAMES 6

typedef struct GRaceFrame {
    const void *code;   /* a GCode that lives forever (immortal or deferred), or NULL */
    int32_t line;
} GRaceFrame;

typedef struct GRaceSite {
    int n;                          /* frames used, innermost first */
    GRaceFrame f[G_RACE_FRAMES];
} GRaceSite;

typedef void (*GRaceCapture)(GRaceSite *out);

/* What g_race_access found: the earlier access that the current one races with. */
typedef struct GRaceConflict {
    bool prev_write, cur_write;
    uint32_t prev_tid, cur_tid;
    GRaceSite prev, cur;
} GRaceConflict;

/* ---- the detector's life (the main thread, attached, before and after the program) ---- */

/* Turn detection on: the calling thread becomes thread 0. */
void g_race_begin(GRaceCapture capture);
/* Races reported so far. */
uint64_t g_race_count(void);

/* ---- threads ---- */

struct GRaceThread;
/* The starter, before the new thread exists: its record, with the starter's clock
 * (the start edge), and where it was started; then the starter's next epoch.
 * `key` identifies the thread for g_race_thread_named (its GThreadState). */
struct GRaceThread *g_race_thread_new(const void *key);
/* The new thread, first thing: the record is now its own. */
void g_race_thread_enter(struct GRaceThread *r);
/* The thread ran its last Python code: its clock goes (its record stays for reports). */
void g_race_thread_exit(void);
/* The thread's name, as threading set it (thread.c). */
void g_race_thread_named(const void *key, const char *name);
/* A thread's name and creation site, for a report; false if there is no such thread. */
bool g_race_thread_info(uint32_t tid, char *name, size_t n, GRaceSite *created);

/* ---- edges ---- */

/* Release: key's clock learns everything this thread knows; this thread moves on to
 * a new epoch.  Acquire: this thread learns key's clock. */
void g_race_release(const void *key);
void g_race_acquire(const void *key);

/* ---- accesses ---- */

/* How an access touches its location.  An atomic write is an operation Python
 * documents as atomic (list.append, dict.setdefault...): it races with plain reads
 * and writes, but not with other atomic writes. */
typedef enum { G_RACE_READ, G_RACE_WRITE, G_RACE_ATOMIC } GRaceHow;

/* An access by the current thread to (obj, key).  Returns true, with *out filled,
 * when it races with an earlier access. */
bool g_race_access(const void *obj, uint64_t key, GRaceHow how, GRaceConflict *out);

/* obj is being freed: forget its shadow cells and its sync clock. */
void g_race_forget_slow(const void *obj);
static inline void g_race_forget(const void *obj)
{
    if (__builtin_expect(g_race_on(), 0))
        g_race_forget_slow(obj);
}

/* Is this pair of sites (in either order) reported for the first time?  Counts it. */
bool g_race_first_report(const GRaceSite *a, const GRaceSite *b);

#endif
