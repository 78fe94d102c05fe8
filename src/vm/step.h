/* step.h -- the controlled scheduler's policies and its points in the eval loop.
 *
 * The runtime's scheduler (runtime/sched.h) moves the baton; this layer knows frames
 * and instructions, and so decides:
 *
 *   - which instructions are scheduling points: under grain op every instruction of
 *     the user's code, under grain line the first of each line the thread reaches
 *     (a backward jump to the same line starts it again), except in a line the
 *     stepper has expanded;
 *   - who goes next, by the policy: seeded (splitmix64 over the seed, a uniform pick
 *     among the ready threads), schedule (the next step of a schedule; when it runs
 *     out, seeded with seed 0), or step (an agent asks a person: vm/step_agent.c);
 *   - what each step did, as a note ("T1  bank.py:8  STORE_ATTR balance"), kept when
 *     the schedule taken is to be saved, and compared when a schedule with notes is
 *     followed: the first difference stops the run ("schedule diverged at step 12").
 *
 * A step that names a thread that cannot run (blocked, finished, never started) is
 * an error that says what that thread waits for.  Errors in a followed schedule end
 * the program with status 2.
 */
#ifndef GILT_STEP_H
#define GILT_STEP_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/sched.h"
#include "runtime/threadstate.h"
#include "vm/schedule.h"

struct GFrame;

/* splitmix64: the seeded policies' generator (step.c, explore.c), one 64-bit state */
static inline uint64_t g_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

typedef enum { G_POLICY_SEEDED, G_POLICY_SCHEDULE, G_POLICY_STEP,
               G_POLICY_EXPLORE   /* a run of a schedule search: vm/explore.h */ } GPolicyKind;

typedef struct GStepConfig {
    GPolicyKind policy;
    uint64_t seed;                  /* seeded; a finished schedule goes on with seed 0 */
    GGrain grain;
    const GSchedule *follow;        /* the schedule policy's schedule */
    bool program_changed;           /* its sha256 is not the program's: said on divergence */
    uint64_t budget;                /* decisions allowed (0: no limit) */
    bool record;                    /* keep the steps taken and their notes (to save them,
                                     * or for the stepper); otherwise only count them */
    /* the step policy's agent: the pick for this step, or -1 to go on seeded to the end */
    int (*ask)(const int *ready, int n, uint64_t step);
    /* an exercise's checks before each pick (may be NULL) */
    void (*before_pick)(uint64_t step);
    /* every live thread is blocked for good: the default prints the deadlock report and
     * exits 1.  A replacement must not return. */
    void (*deadlock)(uint64_t step);
    /* the budget is spent: the default says so and exits 1.  Must not return. */
    void (*budget_spent)(uint64_t step);
} GStepConfig;

/* Take control (the main thread, before the program runs). */
void g_step_begin(const GStepConfig *cfg);
/* Give control back to the OS (the main thread, after the program and its threads). */
void g_step_end(void);
/* The steps taken so far, with their notes. */
const GSchedule *g_step_taken(void);
const GStepConfig *g_step_config(void);

/* The eval loop's scheduling point (eval.c, stepped dispatch table only). */
int g_step_point(GThreadState *ts, struct GFrame *f, int ip);
/* Before blocking (thread.c, time.c): note where the thread stands, in user code. */
void g_step_where(GThreadState *ts);
/* Expand (or fold) thread no's current line, grain line: recorded in the schedule. */
void g_step_expand(int no, bool on);

/* "T1  bank.py:8  STORE_ATTR balance": what thread no does when it runs next. */
void g_step_note(int no, char *buf, size_t n);
/* "blocked: waits for the lock made at bank.py:5, held by T0", "finished", "ready" */
void g_step_thread_status(int no, char *buf, size_t n);

/* Print the deadlock report (vm/deadlock_report.c) from the baton holder. */
void g_step_deadlock_report(void);

/* Points off for the current thread while the policy's own Python runs. */
void g_step_quiet_begin(void);
void g_step_quiet_end(void);

#endif
