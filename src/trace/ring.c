/* ring.c -- allocating and reading event rings (ring.h draws the protocol). */
#include "trace/ring.h"

#include <stdlib.h>

GRing *g_ring_new(size_t capacity)
{
    GRing *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->buf = malloc(capacity * sizeof(GEvent));
    if (!r->buf) {
        free(r);
        return NULL;
    }
    r->mask = capacity - 1;
    return r;
}

void g_ring_free(GRing *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r);
}

size_t g_ring_read(GRing *r, GEvent *out, size_t max)
{
    uint64_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    uint64_t h = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t n = 0;
    while (t != h && n < max)
        out[n++] = r->buf[t++ & r->mask];
    atomic_store_explicit(&r->tail, t, memory_order_release);
    return n;
}
