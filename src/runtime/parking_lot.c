/* parking_lot.c -- wait queues keyed by address (see parking_lot.h).
 *
 * The bucket table is fixed and static: it is not "state" that changes meaning, only
 * a place to meet.  Each waiter lives on the waiting thread's stack for exactly as
 * long as it is queued, and sleeps on its own POSIX semaphore, so a wake-up is a
 * single sem_post and spurious wake-ups are told apart by the `woken` flag.
 */
#include "runtime/parking_lot.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "runtime/lockrank.h"
#include "runtime/threadstate.h"

typedef struct Waiter {
    const void *addr;
    GThreadState *who;        /* the waiting thread's state (NULL: a thread without one);
                               * its parked_on says addr while the waiter is queued */
    sem_t sem;
    struct Waiter *next;
    bool woken;
    uintptr_t handoff;
    int64_t since;
} Waiter;

typedef struct {
    GRawMutex lock;           /* rank G_RANK_BUCKET, a leaf (lockrank.h) */
    Waiter *head, *tail;
} Bucket;

#define NBUCKETS 257
static Bucket buckets[NBUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void init_buckets(void)
{
    for (int i = 0; i < NBUCKETS; i++) {
        g_raw_mutex_init(&buckets[i].lock, G_RANK_BUCKET);
        buckets[i].head = buckets[i].tail = NULL;
    }
}

static Bucket *bucket_for(const void *addr)
{
    pthread_once(&buckets_once, init_buckets);
    uintptr_t a = (uintptr_t)addr;
    return &buckets[(a >> 3) % NBUCKETS];
}

/* Nothing to take before fork(2): the child throws the whole table away (below), so
 * a queue another thread is half-way through linking in the parent cannot matter to
 * it, and holding all NBUCKETS locks at once would only cost the parent (and exceeds
 * the 64 locks ThreadSanitizer can follow in one thread). */
void g_parking_lot_fork_lock(void)
{
    pthread_once(&buckets_once, init_buckets);
}

/* After fork(2).  Parent: nothing was taken.  Child: every queue is emptied (its
 * waiters lived on other threads' stacks, which the child lacks) and every lock made
 * anew, unlocked, whatever state another thread left it in at the fork. */
void g_parking_lot_fork_unlock(bool child)
{
    if (!child)
        return;
    for (int i = 0; i < NBUCKETS; i++) {
        buckets[i].head = buckets[i].tail = NULL;
        g_raw_mutex_init(&buckets[i].lock, G_RANK_BUCKET);
    }
}

int64_t g_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Under the bucket lock: the waiter joins or leaves the queue, and its thread's
 * parked_on says so (the deadlock watcher reads it, deadlock.c). */
static void mark_parked(Waiter *w, bool parked)
{
    if (w->who)
        atomic_store_explicit(&w->who->parked_on, parked ? w->addr : NULL, memory_order_relaxed);
}

static void enqueue(Bucket *b, Waiter *w)
{
    mark_parked(w, true);
    w->next = NULL;
    if (b->tail)
        b->tail->next = w;
    else
        b->head = w;
    b->tail = w;
}

/* Remove w if it is still queued; returns whether it was. */
static bool dequeue(Bucket *b, Waiter *w)
{
    Waiter **pp = &b->head, *prev = NULL;
    while (*pp) {
        if (*pp == w) {
            *pp = w->next;
            if (b->tail == w)
                b->tail = prev;
            mark_parked(w, false);
            return true;
        }
        prev = *pp;
        pp = &(*pp)->next;
    }
    return false;
}

static GParkResult park_common(const void *addr, bool (*still)(const void *, uint64_t), uint64_t expected,
                               int64_t timeout_ns, bool detach, uintptr_t *handoff)
{
    Bucket *b = bucket_for(addr);
    Waiter w;
    w.addr = addr;
    w.who = g_tstate_current;
    w.woken = false;
    w.handoff = 0;
    w.since = g_monotonic_ns();
    g_raw_lock(&b->lock);
    if (!still(addr, expected)) {
        g_raw_unlock(&b->lock);
        return G_PARK_AGAIN;
    }
    sem_init(&w.sem, 0, 0);
    enqueue(b, &w);
    g_raw_unlock(&b->lock);

    GThreadState *ts = detach ? g_tstate_current : NULL;
    if (ts)
        g_threadstate_detach(ts);
    GParkResult result = G_PARK_OK;
    struct timespec deadline;
    if (timeout_ns >= 0) {
        clock_gettime(CLOCK_REALTIME, &deadline);
        int64_t ns = deadline.tv_nsec + timeout_ns % 1000000000;
        deadline.tv_sec += (time_t)(timeout_ns / 1000000000 + ns / 1000000000);
        deadline.tv_nsec = (long)(ns % 1000000000);
    }
    for (;;) {
        int r = timeout_ns >= 0 ? sem_timedwait(&w.sem, &deadline) : sem_wait(&w.sem);
        if (r == 0)
            break;
        if (errno == EINTR)
            continue;
        /* timed out: leave the queue, unless a waker got to us first */
        g_raw_lock(&b->lock);
        bool was_queued = dequeue(b, &w);
        g_raw_unlock(&b->lock);
        if (was_queued) {
            result = G_PARK_TIMEOUT;
            break;
        }
        /* a waker dequeued us and will post: take that post */
        while (sem_wait(&w.sem) != 0 && errno == EINTR)
            ;
        break;
    }
    sem_destroy(&w.sem);
    if (ts)
        g_threadstate_attach(ts);
    if (handoff)
        *handoff = result == G_PARK_OK ? w.handoff : 0;
    return result;
}

static bool byte_still(const void *addr, uint64_t expected)
{
    return atomic_load((_Atomic uint8_t *)addr) == (uint8_t)expected;
}

static bool word_still(const void *addr, uint64_t expected)
{
    return atomic_load((_Atomic uint64_t *)addr) == expected;
}

GParkResult g_park(const void *addr, uint8_t expected, int64_t timeout_ns, bool detach, uintptr_t *handoff)
{
    return park_common(addr, byte_still, expected, timeout_ns, detach, handoff);
}

GParkResult g_park_word(const void *addr, uint64_t expected, int64_t timeout_ns, bool detach)
{
    return park_common(addr, word_still, expected, timeout_ns, detach, NULL);
}

void g_unpark_one(const void *addr, GUnparkFn decide, void *arg)
{
    Bucket *b = bucket_for(addr);
    g_raw_lock(&b->lock);
    Waiter *w = b->head, *prev = NULL;
    while (w && w->addr != addr) {
        prev = w;
        w = w->next;
    }
    if (w) {
        if (prev)
            prev->next = w->next;
        else
            b->head = w->next;
        if (b->tail == w)
            b->tail = prev;
    }
    bool more = false;
    for (Waiter *o = w ? w->next : NULL; o; o = o->next)
        if (o->addr == addr) {
            more = true;
            break;
        }
    if (!more && w)
        for (Waiter *o = b->head; o; o = o->next)
            if (o->addr == addr) {
                more = true;
                break;
            }
    uintptr_t handoff = decide ? decide(arg, w != NULL, more, w ? g_monotonic_ns() - w->since : 0) : 0;
    if (w) {
        mark_parked(w, false);
        w->handoff = handoff;
        w->woken = true;
        sem_post(&w->sem);
    }
    g_raw_unlock(&b->lock);
}

void g_unpark_all(const void *addr)
{
    Bucket *b = bucket_for(addr);
    g_raw_lock(&b->lock);
    Waiter **pp = &b->head, *prev = NULL;
    while (*pp) {
        Waiter *w = *pp;
        if (w->addr == addr) {
            *pp = w->next;
            if (b->tail == w)
                b->tail = prev;
            mark_parked(w, false);
            w->woken = true;
            sem_post(&w->sem);
        } else {
            prev = w;
            pp = &w->next;
        }
    }
    g_raw_unlock(&b->lock);
}

