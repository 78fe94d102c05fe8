/* deque_internal.h -- what deque.c and deque_iter.c share: the deque's layout
 * and the ring buffer's accessors (see deque.c for how it works and who locks).
 */
#ifndef GILT_DEQUE_INTERNAL_H
#define GILT_DEQUE_INTERNAL_H

#include "objects/objects.h"

typedef struct GDeque {
    GObject ob;
    _Atomic int64_t size;   /* under the lock; len() reads it without (relaxed) */
    int64_t head;           /* under the lock: the slot of item 0 */
    int64_t cap;            /* under the lock: 0 (no buffer yet) or a power of two */
    GObject **items;        /* under the lock */
    int64_t maxlen;         /* under the lock (set by __init__): -1 = unbounded */
    uint64_t state;         /* under the lock: bumped by every change that moves items */
} GDeque;

#define D(o) ((GDeque *)(o))

/* Relaxed: len() reads nothing else with the size; under the lock the lock orders. */
static inline int64_t dq_size(GDeque *d) { return atomic_load_explicit(&d->size, memory_order_relaxed); }
static inline void dq_set_size(GDeque *d, int64_t n) { atomic_store_explicit(&d->size, n, memory_order_relaxed); }

/* The slot of item i (0 <= i < size).  Caller holds the lock. */
static inline GObject **slot(GDeque *d, int64_t i) { return &d->items[(d->head + i) & (d->cap - 1)]; }

/* iter(d) and reversed(d) (deque_iter.c) */
GObject *g_deque_iter_new(GObject *deque);
GObject *g_deque_reviter_new(GObject *deque);

#endif
