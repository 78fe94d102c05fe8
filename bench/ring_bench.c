/* ring_bench.c -- the cost of recording one event, in nanoseconds (bench/ring runs it).
 *
 *   emit, read:   g_trace_emit (clock read + ring push) with a reader thread draining
 *                 the ring as the collector does -- the cost the interpreter pays
 *   push, read:   g_ring_push alone (no clock), reader draining
 *   push, full:   pushing into a full ring (nobody reads): the loss-counting path
 *
 * Each figure is the median of 5 runs of 5 million events.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "runtime/runtime.h"
#include "trace/record.h"

enum { EVENTS = 5000000, RUNS = 5 };

static GRing *ring;
static _Atomic bool reading;

static void *reader(void *arg)
{
    (void)arg;
    GEvent buf[1024];
    while (atomic_load(&reading)) {
        if (!g_ring_read(ring, buf, 1024)) {
            struct timespec t = { 0, 100000 };
            nanosleep(&t, NULL);
        }
    }
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double run(int mode)
{
    double r[RUNS];
    for (int k = 0; k < RUNS; k++) {
        GThreadState ts = { 0 };
        ring = g_ring_new(65536);
        ts.ring = ring;
        ts.trace_no = 1;
        pthread_t t;
        atomic_store(&reading, mode != 2);
        if (mode != 2)
            pthread_create(&t, NULL, reader, NULL);
        double t0 = now();
        for (uint32_t i = 0; i < EVENTS; i++) {
            if (mode == 0) {
                g_trace_emit(&ts, G_EV_MARK, i, i, i);
            } else {
                GEvent ev = { i, G_EV_MARK, 1, i, i, i };
                g_ring_push(ring, &ev);
            }
        }
        r[k] = (now() - t0) / EVENTS;
        atomic_store(&reading, false);
        if (mode != 2)
            pthread_join(t, NULL);
        g_ring_free(ring);
    }
    qsort(r, RUNS, sizeof r[0], cmp);
    return r[RUNS / 2];
}

int main(void)
{
    g_trace_rec_init();
    printf("%-14s %8.1f ns/event\n", "emit, read", run(0));
    printf("%-14s %8.1f ns/event\n", "push, read", run(1));
    printf("%-14s %8.1f ns/event\n", "push, full", run(2));
    return 0;
}
