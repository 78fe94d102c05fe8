/* sched_cli.h -- the command line of the controlled scheduler, for main.c:
 *
 *   gilt --seed N FILE            run under the seeded scheduler
 *   gilt --schedule SCHED FILE    follow a schedule (a file, or inline: 0*4,1*4,0*3)
 *   gilt --save-schedule OUT ...  write the schedule that was taken
 *   gilt --grain op|line ...      what a step is (default: the exercise's header, else op)
 *   gilt --check EXERCISE [--schedule SCHED]
 *                                 grade an exercise: 0 goal reached, 1 not, 2 bad input
 *   gilt --step FILE              the stepper (tui/stepper.c)
 *   gilt --explore FILE           search the schedules (explore_cli.h), with
 *        --strategy dfs|pct|random --preemptions K --depth D --runs N --time S
 */
#ifndef GILT_SCHED_CLI_H
#define GILT_SCHED_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/exercise.h"
#include "vm/schedule.h"

typedef struct GSchedCli {
    bool seeded;
    uint64_t seed;
    const char *schedule;      /* --schedule */
    const char *save;          /* --save-schedule */
    int grain;                 /* --grain, or -1 */
    const char *check;         /* --check EXERCISE */
    bool step;                 /* --step */
    const char *step_child;    /* --step-child FDS: the stepper's own run of the program */
    /* --explore (explore_cli.h) */
    const char *explore;       /* --explore: the program */
    int explore_strategy;      /* --strategy: GExploreStrategy, or -1 (dfs, then pct) */
    int explore_bound;         /* --preemptions K */
    int explore_depth;         /* --depth D */
    uint64_t explore_runs;     /* --runs N (0: no limit) */
    double explore_time;       /* --time S */
    uint64_t explore_pct_runs; /* PCT runs after dfs */
    bool explore_child;        /* this process is one run of a search */
    bool explore_set;          /* one of the search's options was given */
    char **args;               /* the program's arguments (sys.argv[1:]), for the commands printed */
    int nargs;
    /* filled by g_sched_cli_begin */
    const char *path;
    bool is_exercise;
    GExercise ex;
    GSchedule follow;
    bool on;
} GSchedCli;

/* The defaults of the options (call before reading them). */
void g_sched_cli_defaults(GSchedCli *c);
/* Is argv[*i] one of ours?  1: taken (with its argument: *i advanced), 0: not ours,
 * -1: bad (the message is printed; exit 2). */
int g_sched_cli_option(GSchedCli *c, int argc, char **argv, int *i);
/* Anything asked of the scheduler? */
bool g_sched_cli_wanted(const GSchedCli *c);
/* Before the program runs (interpreter up): read the schedule and the exercise's
 * header, take control.  0, or an exit status (2: bad input, message printed). */
int g_sched_cli_begin(GSchedCli *c, const char *path, const char *src, size_t len);
/* After the program and its threads have ended with `status`: check the goal, save
 * the schedule, give control back.  Returns the exit status. */
int g_sched_cli_end(GSchedCli *c, int status);

#endif
