/* list_internal.h -- what list.c and list_sort.c share: the size accessors, the
 * items taken out under a list's lock to be dropped after it, and reversing an item
 * array in place (list.reverse, and sort's reverse=).
 */
#ifndef GILT_LIST_INTERNAL_H
#define GILT_LIST_INTERNAL_H

#include "objects/objects.h"

/* The size is written under the lock and read by len() without it.  Relaxed: len()
 * reads nothing else with it, and under the lock the lock orders everything. */
static inline int64_t size_of(GList *l) { return atomic_load_explicit(&l->size, memory_order_relaxed); }
static inline void set_size(GList *l, int64_t n) { atomic_store_explicit(&l->size, n, memory_order_relaxed); }

/* ---- items taken out under the lock, dropped after it ---- */

typedef struct { GObject **items; int64_t n; } Dead;

static inline void drop_dead(Dead *d)
{
    for (int64_t i = 0; i < d->n; i++)
        g_decref(d->items[i]);
    g_mem_free(d->items);
    d->items = NULL;
    d->n = 0;
}

static inline void reverse_items(GObject **items, int64_t n)
{
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        GObject *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

#endif
