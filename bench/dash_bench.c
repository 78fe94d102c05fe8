/* bench/dash_bench.c -- how many events per second the dashboard's model folds
 * (tui/model.c), with a mix like a busy lesson's: 4 threads changing state every
 * few microseconds, counter flushes, contended lock acquisitions.  Prints
 * "model: N events/s (X ns/event)". */
#include <stdio.h>
#include <time.h>

#include "tui/model.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void)
{
    enum { N = 4000000, BATCH = 4096 };
    static GEvent ev[BATCH];
    GDashModel m;
    g_dash_model_init(&m, G_DASH_LIVE_SLOTS, false, 5000000);
    uint64_t t = 0;
    double start = now_s();
    for (int done = 0; done < N; done += BATCH) {
        for (int i = 0; i < BATCH; i++) {
            t += 1000;   /* 1M events per second of program time */
            uint16_t th = (uint16_t)(1 + i % 4);
            switch (i % 8) {
            case 0: case 1: case 2: case 3:
                ev[i] = (GEvent){ t, G_EV_STATE, th, (uint32_t)(i % 3), 0, 0 };
                break;
            case 4: ev[i] = (GEvent){ t, G_EV_RC_COUNTS, th, 0, 100000, 10 }; break;
            case 5: ev[i] = (GEvent){ t, G_EV_LOCK_ACQUIRED, th, 0, (1ull << 63) + (uint64_t)(i % 16), 500 }; break;
            case 6: ev[i] = (GEvent){ t, G_EV_ALLOC_COUNTS, th, 0, 1000, 990 }; break;
            default: ev[i] = (GEvent){ t, G_EV_WHERE, th, (uint32_t)(i % 50), 1, 0 }; break;
            }
        }
        g_dash_model_apply(&m, ev, BATCH);
    }
    double secs = now_s() - start;
    printf("model: %.1fM events/s (%.0f ns/event); 1M events/s costs %.1f%% of one core\n", N / secs / 1e6,
           secs / N * 1e9, 100.0 * secs / N * 1e6);
    g_dash_model_free(&m);
    return 0;
}
