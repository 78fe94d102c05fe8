/* threadstate.h -- what one interpreter thread owns.
 *
 * Every OS thread that runs Python code has one GThreadState.  It is the owner id
 * stamped into the objects the thread creates (biased refcounting), it holds the
 * exception being raised and the one being handled, the frame being executed, the
 * thread's eval-breaker word, its per-thread counters and its mimalloc heap.
 *
 * The current thread's state is reached through a thread-local pointer,
 * g_tstate_current, set when the thread attaches.
 *
 * A thread state is in one of three states, and only the owner thread moves it out
 * of ATTACHED; stop-the-world moves DETACHED threads to SUSPENDED:
 *
 *            attach (takes the GIL if it is on)
 *   DETACHED -----------------------------------> ATTACHED   (running Python code)
 *      ^  ^    detach (around anything that blocks)    |
 *      |  +--------------------------------------------+
 *      |                                               | stop request, at the next
 *      | start the world                               | eval-breaker check
 *      |                                               v
 *   SUSPENDED <------- stop the world (detached) -- SUSPENDED (parked until resumed)
 *
 * The eval breaker is one atomic word of request bits.  Anyone may set a bit (a
 * signal handler, another thread, the stop-the-world code); only the owning thread
 * clears it, at the eval loop's check points (backward jumps and calls):
 *
 *   bit 0  G_BREAK_GIL_DROP     another thread waits for the GIL: drop it
 *   bit 1  G_BREAK_STOP         stop the world: park at a safepoint
 *   bit 2  G_BREAK_MERGE        other threads queued objects whose refcounts to merge
 *   bit 3  G_BREAK_SIGNAL       a signal arrived (Ctrl-C -> KeyboardInterrupt), or the run
 *                               is being stopped (q: SystemExit in the other threads)
 *   bit 4  G_BREAK_STEP         a controlled scheduler runs: user code takes the stepped
 *                               loop (vm/eval_loop.h); set for good, not a request
 *   bit 5  G_BREAK_QSBR         report a quiescent state and drain deferred frees (qsbr.h)
 *   bit 6  G_BREAK_FLUSH        flush the per-thread counters into the event ring (trace.h)
 *   bit 7  G_BREAK_GC           enough containers were allocated: collect (gc.h)
 */
#ifndef GILT_THREADSTATE_H
#define GILT_THREADSTATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "objects/object.h"
#include "runtime/alloc.h"
#include "runtime/mutex.h"
#include "runtime/objvec.h"

#define G_BREAK_GIL_DROP 0x01u
#define G_BREAK_STOP     0x02u
#define G_BREAK_MERGE    0x04u
#define G_BREAK_SIGNAL   0x08u
#define G_BREAK_STEP     0x10u
#define G_BREAK_QSBR     0x20u
#define G_BREAK_FLUSH    0x40u
#define G_BREAK_GC       0x80u

/* Per-thread refcount traffic counters (DESIGN §5: counted, flushed as counter events). */
typedef struct GRefStats {
    uint64_t local;            /* owner increments/decrements, no atomics */
    uint64_t shared;           /* atomic operations by non-owners */
    union {
        struct {
            uint64_t deferred_skipped; /* operations skipped because the object is deferred */
            uint64_t immortal_skipped; /* operations skipped because the object is immortal */
        };
        /* the same two, indexed by ob_ref_local - G_REFCNT_MARKERS (refcount.h):
         * a skip is counted with one increment and no test of which marker it is */
        uint64_t skipped[2];
    };
    uint64_t queued;           /* objects queued to their owner for a merge */
    uint64_t merged;           /* queued objects this thread merged */
} GRefStats;

struct GFrame;
struct GCritSec;

/* A piece of a thread's frame stack (vm/frame.c pushes frames into it).  Chunks are
 * chained downwards: when the one on top is emptied, the stack continues in prev at
 * prev_top, where it stood when this chunk was added. */
typedef struct GFrameChunk {
    struct GFrameChunk *prev;          /* the chunk below, or NULL */
    char *prev_top;                    /* prev's first free byte when this one was pushed */
    char *limit;                       /* the end of data[] */
    _Alignas(16) char data[];
} GFrameChunk;
struct GRing;

enum { G_TS_DETACHED, G_TS_ATTACHED, G_TS_SUSPENDED };

/* Who writes each field.  "owner": only the thread itself, so it reads and writes
 * the field plainly.  "any": other threads write it too, so it is atomic (and its
 * comment says what orders it).  "stopper": written by the thread that has stopped
 * the world, while the owner is suspended.  "creator": set before the thread starts,
 * then read-only. */
typedef struct GThreadState {
    uintptr_t id;                      /* creator: == (uintptr_t)this, the ob_tid of owned objects */
    _Atomic uint64_t state;            /* any: G_TS_*, a word so the parking lot can wait on it;
                                        * the owner moves it out of ATTACHED, stop-the-world
                                        * moves DETACHED <-> SUSPENDED (CAS) */
    _Atomic uint32_t eval_breaker;     /* any sets bits; the owner clears them (see above) */
    GObject *cur_exc;                  /* owner: the exception being raised, or NULL */
    GObject *exc_info;                 /* owner: the exception being handled (sys.exc_info) */
    struct GFrame *frame;              /* owner: innermost executing frame (read by the
                                        * stopper and the deadlock report while it is parked) */
    int depth;                         /* owner: Python call depth, for RecursionError */
    /* vm/frame.c: the frame stack the thread's calls carve their frames from, last in
     * first out (a generator's frame is on the heap instead: it outlives its call and
     * may be resumed by another thread).  All owner; the chunks are freed when the
     * thread retires. */
    struct GFrameChunk *frame_chunk;   /* owner: the chunk frames are pushed into, or NULL */
    struct GFrameChunk *frame_spare;   /* owner: one emptied chunk kept for the next push */
    char *frame_top;                   /* owner: the first free byte of frame_chunk */
    char *frame_limit;                 /* owner: the end of frame_chunk */
    int recursion_headroom;            /* owner: extra depth granted while reporting RecursionError */
    char *stack_limit;                 /* owner: lowest safe C stack address */
    void *heap;                        /* owner: this thread's mimalloc heap (made on first attach) */
    GObject *repr_stack;               /* owner: list of containers being repr'd (cycle guard) */
    bool holds_gil;                    /* owner: attached with the GIL on */
    struct GCritSec *critsec;          /* owner: innermost critical section (critsec.h) */
    struct GSchedThread *sched;        /* sched.c: its state under a controlled policy, else
                                        * NULL (set by its starter before it runs) */
    _Atomic bool alive;                /* owner sets false once, under merge_lock, at exit */
    char name[64];                     /* any, under threads_mu: the thread's name as threading
                                        * set it, so reports need not run Python to find it */
    /* deadlock.c: the lock this thread waits for without a timeout, and where */
    struct GWaitInfo *_Atomic waiting_on;  /* owner writes; the deadlock watcher reads */
    _Atomic uint64_t wait_seq;         /* owner: bumped at the start of every such wait */
    GObject *wait_file;                /* owner: borrowed from the waiting frame's code */
    const void *_Atomic parked_on;     /* the parking lot, under the bucket lock: the address
                                        * this thread sleeps on while it is queued, or NULL */
    int wait_line;                     /* owner */
    /* refcount.c: objects other threads queued for this owner to merge (any thread
     * appends, under merge_lock, a leaf lock; the owner takes the whole queue) */
    GMutex merge_lock;
    GObjVec merge_queue;
    int dealloc_depth;                 /* owner: nesting of g_dealloc (the trashcan) */
    GObjVec trash;                     /* owner: deallocations put off by the trashcan */
    /* alloc.h, THE BLOCK CACHES: freed blocks kept for reuse, one list per cache class
     * (owner only: pushed by this thread's frees, popped by its allocations), linked
     * through their first word; closed (counts UINT16_MAX) once the thread retires */
    void *block_cache[G_CACHE_CLASSES];
    uint16_t block_cache_n[G_CACHE_CLASSES];
    /* alloc.c, THE WORD PAGES: the pages this thread carves word objects from, with
     * room (`word_avail`, the first is allocated from) or without (`word_full`);
     * owner only */
    struct GWordPage *word_avail, *word_full;
    /* qsbr.c: the last write sequence seen at a quiescent point (0: offline; any
     * reads it), and what this thread removed but may not drop yet (owner) */
    _Atomic uint64_t qsbr_seq;
    struct GQsbrItem *qsbr_items;
    size_t qsbr_n, qsbr_cap;
    GRefStats rc;                      /* owner: refcount traffic counters */
    _Atomic uint64_t allocs, frees;    /* owner bumps (g_owner_count), others read: objects made and freed */
    struct GGCHead *gc_list;           /* owner links, stopper sweeps (gc.h): the containers this thread made */
    int64_t gc_net;                    /* owner: containers allocated minus freed, not yet
                                        * added to the runtime's count (gc.c) */
    /* trace.h: this thread's number and event ring, what it is doing, why it is
     * about to detach (set just before a blocking call), and the counters as last
     * flushed -- all owner, except that the collector reads the ring pointer:
     * the owner stores NULL when it retires the ring at exit (record.c), so the
     * pointer is atomic and the drain loads it once (trace.c) */
    uint16_t trace_no;
    uint8_t run_state;                 /* GThreadRunState */
    uint8_t detach_why;                /* GThreadRunState the next detach enters */
    uint64_t detach_lock;              /* ... and the lock it waits for, if any */
    _Atomic(struct GRing *) ring;
    /* the user line last recorded in a WHERE event (vm/frame.c, g_frame_record_where),
     * and the code object whose filename's string number is cached */
    int where_line;
    const void *where_code;
    uint32_t where_file;
    GRefStats rc_flushed;
    uint64_t allocs_flushed, frees_flushed;
    struct GThreadState *next, *prev;  /* under threads_mu: the runtime's list of threads */
} GThreadState;

extern _Thread_local GThreadState *g_tstate_current;

/* Bump a counter that only its owner thread writes and other threads may read: a
 * relaxed load and store, not a read-modify-write -- nobody else writes it, so it
 * costs what a plain increment does, yet a reader never sees it torn. */
static inline void g_owner_count(_Atomic uint64_t *c, uint64_t n)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n, memory_order_relaxed);
}

static inline GThreadState *g_tstate(void) { return g_tstate_current; }

/* True when the C stack is nearly used up (see GILT_STACK_MARGIN in debug.h). */
static inline bool g_c_stack_low(void)
{
    char here;
    return &here < g_tstate_current->stack_limit;
}

/* Lock g_runtime.threads_mu from any thread, attached or not: a stop of the world
 * holds it until every attached thread has parked, so an attached thread waits for
 * it detached (lockrank.h, the attached-wait rule). */
void g_threads_lock(void);
bool g_threads_trylock(void);
void g_threads_unlock(void);
GThreadState *g_threadstate_new(void);
/* The thread has run its last Python code (still attached): merge what others
 * queued for it, stop being an owner, hand over what it deferred.  Then detach and
 * delete. */
void g_threadstate_retire(GThreadState *ts);
void g_threadstate_delete(GThreadState *ts);
/* Make ts the current thread's state and enter the interpreter (waits out a
 * stopped world, takes the GIL when it is on). */
void g_threadstate_attach(GThreadState *ts);
/* Leave the interpreter before blocking (releases the GIL when it is on). */
void g_threadstate_detach(GThreadState *ts);
/* At an eval-breaker check: park here while the world is stopped. */
void g_threadstate_suspend_self(GThreadState *ts);
/* At an eval-breaker check: hand the GIL to a waiting thread (forced switch). */
void g_threadstate_yield_gil(GThreadState *ts);
void g_threadstate_set_stack_limit(GThreadState *ts);
/* Free the thread's frame-stack chunks (every frame has returned); g_threadstate_retire
 * calls it, after the last code that could run on this thread. */
void g_threadstate_free_frames(GThreadState *ts);

#endif
