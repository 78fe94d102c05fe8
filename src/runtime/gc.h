/* gc.h -- the cycle collector: non-generational, with the world stopped.
 *
 * Reference counting frees everything except cycles.  Containers (the types with
 * G_TPFLAG_GC) are allocated with a 16-byte head in front of the object that links
 * them into their creating thread's list:
 *
 *     [ GGCHead: next | prev ][ GObject header ... ]
 *                             ^ the object pointer everyone sees
 *
 * Only the owning thread links (at allocation, no lock) and it may unlink what it
 * frees itself; freeing a container from any other thread just marks it DEAD ("a
 * zombie") and its memory waits for the collector, which unlinks and frees it while
 * the world is stopped -- so the lists never need a lock.  When a thread exits, its
 * list is spliced onto the runtime's orphan list, which only the collector touches.
 *
 * ob_gc_bits:
 *   bit 0  G_GC_TRACKED    the object has a GGCHead and is on a list
 *   bit 1  G_GC_DEAD       freed: a zombie, swept at the next collection
 *   bit 2  G_GC_REACHABLE  (during a collection) reached from a root
 *   bit 3  G_GC_WEAKREFS   any object, container or not: the weakref table may hold a
 *                          list of refs to it (objects/weakref.c); set and cleared
 *                          under that table's stripe lock

 * THE DYING RULE: a tracked object whose true count is 0 once the queues are merged
 * is being freed by reference counting -- its dealloc is running further up some
 * thread's stack (and ran Python code, which reached a safepoint), or it waits on a
 * trash list or among what a stopped world found dead.  The collector neither scans
 * nor collects it (its contents may be half released; collecting it would free it
 * twice); what it still references stays reachable, conservatively.  A live object
 * always has a count of at least 1, so no bit is needed to tell them apart.
 *
 * When a collection runs (runtime/gc.c draws the steps): on gc.collect(), and
 * automatically when the net number of containers made since the last collection
 * -- containers allocated minus containers freed, by all threads -- reaches
 * gc.get_threshold()[0] (2000) and a quarter of the containers that survived the
 * last collection.  Net, as CPython counts: a loop that makes and drops a bound
 * method or a tuple each time round never triggers one; a loop that keeps what it
 * makes does.  Each thread counts in its own gc_net and adds the count to the
 * runtime's every GC_BATCH containers, so threads do not contend on one counter.
 */
#ifndef GILT_GC_H
#define GILT_GC_H

#include <stdint.h>

#include "objects/object.h"
#include "runtime/threadstate.h"

typedef struct GGCHead {
    struct GGCHead *next, *prev;
} GGCHead;

#define G_GC_TRACKED   0x01u
#define G_GC_DEAD      0x02u
#define G_GC_REACHABLE 0x04u
#define G_GC_WEAKREFS  0x08u

static inline GGCHead *g_gc_head(GObject *o) { return (GGCHead *)o - 1; }
static inline GObject *g_gc_object(GGCHead *h) { return (GObject *)(h + 1); }

/* The result of one collection. */
typedef struct GGCResult {
    int64_t examined;      /* live containers looked at */
    int64_t unreachable;   /* found in unreachable cycles (what gc.collect() returns) */
    int64_t swept;         /* zombies whose memory was released */
    int64_t safepoint_ns, pause_ns;
} GGCResult;

/* Collect now (the caller is attached).  Returns the number of unreachable objects. */
int64_t g_gc_collect(GGCResult *out);
/* A thread's net count goes to the runtime's every GC_BATCH containers made or freed,
 * so threads do not contend on one counter. */
#define G_GC_BATCH 64
/* Fold the thread's net count into the runtime's; may ask for a collection (gc.c). */
void g_gc_fold(GThreadState *ts);
/* Called when a thread allocates a container: may ask for a collection. */
static inline void g_gc_note_alloc(GThreadState *ts)
{
    if (++ts->gc_net >= G_GC_BATCH)
        g_gc_fold(ts);
}
/* Called when a thread frees a container (any thread's). */
static inline void g_gc_note_free(GThreadState *ts)
{
    if (--ts->gc_net <= -G_GC_BATCH)
        g_gc_fold(ts);
}
/* The net count of containers made since the last collection (gc.get_count()[0]). */
int64_t g_gc_young_count(void);

/* The bits.  Relaxed: TRACKED is set before the object is shared; DEAD is set by the
 * one thread freeing the object and read by the collector only with the world
 * stopped, which orders everything before it; REACHABLE exists only then. */
static inline uint8_t g_gc_bits(GObject *o) { return atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed); }
static inline void g_gc_bits_set(GObject *o, uint8_t bits) { atomic_fetch_or_explicit(&o->ob_gc_bits, bits, memory_order_relaxed); }
static inline void g_gc_bits_clear(GObject *o, uint8_t bits)
{
    atomic_fetch_and_explicit(&o->ob_gc_bits, (uint8_t)~bits, memory_order_relaxed);
}

/* An exiting thread's containers move to the runtime's orphan list (threads_mu held). */
void g_gc_adopt_orphans(GThreadState *ts);
/* At an eval-breaker check with G_BREAK_GC set. */
void g_gc_run_requested(GThreadState *ts);

#endif
