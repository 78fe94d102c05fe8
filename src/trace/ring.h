/* ring.h -- one thread's event ring: fixed size, lock-free, one producer, one reader.
 *
 *        tail (reader)                 head (producer)
 *            v                             v
 *   [ . . . |e|e|e|e|e|e|e|e|e|e|e|e|e|e| . . . . . ]   capacity a power of two
 *              events not yet read
 *
 *   producer: if head - tail == capacity the ring is full: count a loss and return
 *             (it never waits); else write the event at head, then publish head+1
 *             (release).
 *   reader:   read head (acquire), copy the events from tail to head, then publish
 *             the new tail (release), which hands the slots back to the producer.
 *
 * Only the owning thread writes; any one thread may read (trace.c serialises readers).
 */
#ifndef GILT_RING_H
#define GILT_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/events.h"

typedef struct GRing {
    _Atomic uint64_t head;           /* next slot to write (producer) */
    char pad1[56];
    _Atomic uint64_t tail;           /* next slot to read (reader) */
    char pad2[56];
    _Atomic uint64_t dropped;        /* events lost because the ring was full */
    uint64_t mask;                   /* capacity - 1 */
    GEvent *buf;
} GRing;

/* capacity: a power of two.  Returns NULL if out of memory. */
GRing *g_ring_new(size_t capacity);
void g_ring_free(GRing *r);

static inline void g_ring_push(GRing *r, const GEvent *ev)
{
    uint64_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
    uint64_t t = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (h - t > r->mask) {
        atomic_store_explicit(&r->dropped, atomic_load_explicit(&r->dropped, memory_order_relaxed) + 1,
                              memory_order_relaxed);
        return;
    }
    r->buf[h & r->mask] = *ev;
    atomic_store_explicit(&r->head, h + 1, memory_order_release);
}

/* Copy up to max unread events into out; returns how many. */
size_t g_ring_read(GRing *r, GEvent *out, size_t max);

#endif
