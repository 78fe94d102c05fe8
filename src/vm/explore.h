/* explore.h -- one run of a schedule search, seen from inside the run.
 *
 * `gilt --explore` (src/explore_cli.c) searches for a schedule that makes a program
 * fail.  It runs the program many times, each time in a fresh child process forked
 * from an interpreter that has run nothing yet, and each child runs it under the
 * controlled scheduler (runtime/sched.h) with the policy below.  The search itself
 * lives in the parent; a child only follows its plan and says what it met.
 *
 * The plan.  A *choice point* is a decision with two or more threads ready.  The
 * plan names the thread to pick at each of the first choice points (the prefix);
 * after the prefix the strategy picks:
 *
 *   dfs     keep the thread that ran last while it can run (no preemption); when it
 *           blocks or ends, the lowest-numbered ready thread.  A thread that has run
 *           G_EXPLORE_FAIR steps in a row (or a tenth of the run's step budget, if
 *           that is less) while others were ready is switched out
 *           anyway (round robin), so that a spin-wait cannot run forever: a fair
 *           switch is not counted as a preemption and is not a branch of the search.
 *   pct     PCT (Burckhardt et al., ASPLOS 2010): each thread gets a random
 *           priority, the highest-priority ready thread runs, and at depth-1 random
 *           steps the running thread drops to a priority below every other.
 *   random  at every choice point where a preemption matters, go on with the
 *           thread that ran last half the time, else pick uniformly.
 *
 * What the child reports (on a pipe, when the run ends): how it ended, and every
 * choice point it met -- who had taken the last step, who was ready, who was picked,
 * and what the last thread was about to do.  That last fact is what lets the parent
 * skip preemptions that cannot matter: if the instruction the thread runs next
 * touches nothing another thread can see (LOAD_FAST, LOAD_CONST, arithmetic on
 * ints and strs, a jump on a bool ...), switching away just before it gives the
 * same states as switching away just after it, which is a choice point of its own.
 *
 * The last run of a search, the one that is kept, also records what each step read
 * and wrote, so that the parent can tell the story of the failure ("T1 reads count
 * -> 0; T2 writes count <- 1; T1 writes count <- 1: T2's update is lost").
 */
#ifndef GILT_EXPLORE_H
#define GILT_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/sched.h"

typedef enum { G_EXPLORE_DFS, G_EXPLORE_PCT, G_EXPLORE_RANDOM } GExploreStrategy;

/* How a run ended. */
typedef enum {
    G_RUN_PASSED,        /* the program ended and nothing failed */
    G_RUN_GOAL,          /* an exercise's goal was reached (a break-it exercise: found) */
    G_RUN_EXCEPTION,     /* an uncaught exception (a failed assert) in some thread */
    G_RUN_DEADLOCK,      /* every live thread blocked for good */
    G_RUN_BUDGET,        /* the step budget ran out */
    G_RUN_EXPR,          /* a fix exercise's expression is false at the end */
    G_RUN_ERROR,         /* the run could not be judged (the goal's expression raised) */
    G_RUN_CRASHED        /* (the parent's verdict) the child died without a report */
} GRunOutcome;

#define G_EXPLORE_MAX_THREADS 64     /* ready sets are bit masks */
#define G_EXPLORE_FAIR 1000          /* steps in a row before a fair switch */
#define G_EXPLORE_NO_THREAD 255
#define G_EXPLORE_DEFAULT_BUDGET 100000   /* steps of a run of a program without a header */

enum { G_NODE_LOCAL = 1,   /* the last thread's next instruction is thread-local */
       G_NODE_WRITE = 2,   /* ... it stores to a global, attribute or item */
       G_NODE_FAIR = 4,    /* the pick was a fair switch */
       G_NODE_POINT = 8,   /* the last thread is at a point and ready: others preempt it */
       G_NODE_LOC = 16 };  /* ... it reads (or, with G_NODE_WRITE, writes) location `loc` */

typedef struct GExploreNode {
    uint32_t step;       /* the decision's step number */
    uint8_t last;        /* the thread that took the step before, or G_EXPLORE_NO_THREAD */
    uint8_t chosen;
    uint8_t flags;       /* G_NODE_* */
    uint8_t pad;
    uint32_t loc;        /* G_NODE_LOC: the location, an index into the report's table */
    uint64_t ready;      /* bit t: thread t was ready */
} GExploreNode;

/* A location -- a global, attribute or closure variable, known by its name -- and
 * the threads that read and wrote it during the run: the parent skips a preemption
 * before a read of something no other thread writes, or before a write of something
 * no other thread touches, in any run of the search (explore_cli.c says why). */
typedef struct GExploreLoc {
    uint64_t key;                /* the name, hashed: the same in every run */
    uint64_t readers, writers;   /* bit t: thread t */
} GExploreLoc;

typedef struct GExplorePlan {
    GExploreStrategy strategy;
    const uint8_t *prefix;   /* the threads to pick at the first choice points */
    size_t nprefix;
    const uint8_t *steps;    /* or: the thread to pick at each step, where it can run */
    size_t nsteps;
    uint64_t seed;           /* pct, random */
    int depth;               /* pct: d */
    uint64_t pct_steps;      /* pct: k, the choice points where a preemption matters */
    bool account;            /* record reads and writes for the story */
    int fd;                  /* where the report goes */
} GExplorePlan;

/* The report's fixed part, then `nodes` GExploreNode, `nlocs` GExploreLoc, `ntaken`
 * bytes (the thread that took each step), then `what_len` bytes of text
 * (what failed), then `account_len` bytes of text (the story; see explore_cli.c). */
typedef struct GExploreReport {
    uint32_t magic;
    int32_t outcome;         /* GRunOutcome */
    int32_t status;          /* the program's exit status, if it ended */
    uint32_t nthreads;
    uint64_t steps;
    uint64_t nodes;
    uint64_t nlocs;
    uint64_t ntaken;
    uint32_t what_len;
    uint32_t account_len;
} GExploreReport;

#define G_EXPLORE_MAGIC 0x67696c65u   /* "gile" */

/* In the child, before the program runs (the main thread). */
void g_explore_child_begin(const GExplorePlan *plan);
/* The run's step budget: a fair switch comes after a tenth of it at most. */
void g_explore_child_budget(uint64_t budget);
/* The policy: the controlled scheduler's pick (vm/step.c calls it). */
int g_explore_pick(const int *ready, int n, uint64_t step, GDecideWhy why);
/* The run is over: write the report and leave the process (status 0).  Runs on the
 * baton holder, or on the main thread after the program. */
_Noreturn void g_explore_child_finish(GRunOutcome outcome, int status, const char *what);
/* Is this process an explore child? */
bool g_explore_child(void);

#endif
