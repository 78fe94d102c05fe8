/* explore_internal.h -- what the two halves of the schedule search share:
 * explore_cli.c (the runs: forking a child per schedule and reading its report;
 * progress; the verdicts and the entry points) and explore_search.c (the search:
 * dfs with iterative preemption bounding and its reduction, the seeded runs, and
 * shrinking).  Nothing outside those two files includes it.
 */
#ifndef GILT_EXPLORE_INTERNAL_H
#define GILT_EXPLORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explore_cli.h"
#include "vm/explore.h"

#define G_EXPLORE_MAX_QUEUE 2000000       /* schedules waiting for the next level */

/* What one run told us. */
typedef struct Run {
    GRunOutcome outcome;
    int status;
    uint64_t steps;
    int nthreads;
    GExploreNode *nodes;
    size_t nnodes;
    GExploreLoc *locs;
    size_t nlocs;
    uint8_t *taken;      /* the thread of each step */
    size_t ntaken;
    char *what;
    char *account;
    int signal;          /* G_RUN_CRASHED: the signal that killed it */
} Run;

/* A schedule to run: the choices of an earlier run up to node `len`, then `alt`. */
typedef struct Base {
    uint8_t *chosen;
    size_t n;
    int refs;
} Base;

typedef struct Item {
    Base *base;
    uint32_t len;
    uint8_t alt;
    uint8_t write;       /* the preempted instruction is a store: run it first */
    uint8_t cost;        /* its preemptions: the level it belongs to */
} Item;

/* A preemption the reduction skipped, kept in case a later run shows it matters. */
typedef struct Deferred {
    Item it;
    uint64_t key;        /* the location the preempted instruction touches */
    uint8_t last;        /* the preempted thread */
    bool write;
} Deferred;

typedef struct Queue {
    Item *v;
    size_t n, cap;
} Queue;

typedef struct Search {
    GSchedCli *c;
    const char *path;
    const char *src;
    size_t len;
    GRunProgram run;
    struct GCode *code;      /* the program, compiled once here */
    int out_fd;              /* the scratch file for a child's output */
    /* options */
    int strategy;            /* -1: the default (dfs, then pct) */
    int bound;               /* --preemptions */
    int depth;
    uint64_t max_runs;
    double max_time;
    uint64_t seed;
    /* progress */
    uint64_t runs;
    uint64_t max_steps;      /* the most choice points where a preemption matters, in a run */
    double t0;
    double last_progress;
    bool tty;
    int level;
    const char *phase;
    bool queue_full;
    bool in_dfs;
    bool grading;            /* --check on a fix exercise: dfs may take all the time */
    /* the reduction (see "the reduction" below) */
    GExploreLoc *union_v;    /* open addressing by key; key 0: empty */
    size_t union_slots, nunion;
    Deferred *deferred;
    size_t ndeferred, deferred_cap;
} Search;

typedef struct Found {
    bool found;
    Run run;
    uint8_t *prefix;
    size_t nprefix;
    const char *how;     /* "dfs", "pct", "random" */
    int level;
    uint64_t seed;
    bool exhaustive;     /* not found: the bound was searched to the end */
    int bound_done;      /* not found: the highest bound searched to the end (-1: none) */
    uint64_t dfs_runs;   /* the schedules dfs ran */
    uint64_t found_at;   /* found: the schedules run up to and with the failing one */
    int found_preemptions;   /* ... and its preemptions before shrinking */
} Found;

/* explore_cli.c */
double g_explore_now(void);
_Noreturn void g_explore_out_of_memory(void);
void *g_explore_malloc(size_t n);
void *g_explore_realloc(void *p, size_t n);
void g_explore_run_free(Run *r);
/* Run one schedule in a child; true if it failed (r says how). */
bool g_explore_run_plan(Search *s, GExplorePlan plan, Run *r);
/* The progress line on a terminal (at most five times a second unless forced). */
void g_explore_progress(Search *s, bool force);
void g_explore_progress_clear(Search *s);
bool g_explore_out_of_budget(Search *s);

/* explore_search.c */
/* dfs to s->bound; true if a schedule failed (fd says which) */
bool g_explore_dfs(Search *s, Found *fd);
/* pct, random, or (strat -1) both in turn, up to max_runs (0: the budget) */
bool g_explore_seeded_runs(Search *s, Found *fd, int strat, uint64_t max_runs);
/* fewer preemptions for fd's failing run, while it fails the same way */
void g_explore_shrink(Search *s, Found *fd);
int g_explore_preemptions(const Run *r);

#endif
