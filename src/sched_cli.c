/* sched_cli.c -- the scheduler's options, and grading an exercise (sched_cli.h).
 *
 * The goal checks (an exercise's `goal:` line, vm/exercise.h) run at three moments:
 *
 *   before every step     always EXPR, critical, exception (a thread has died)
 *   at a deadlock         deadlock (otherwise the report, exit 1)
 *   when the budget ends  livelock (otherwise "the budget ran out", exit 1)
 *   after the program     invariant EXPR, exception (the main thread's)
 *
 * Under --check a reached goal ends the run at once with status 0; the verdict goes
 * to stdout after the program's own output.
 */
#include "sched_cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "runtime/race.h"
#include "runtime/runtime.h"
#include "trace/trace.h"
#include "vm/explore.h"
#include "vm/step.h"
#include "vm/step_agent.h"
#include "vm/vm.h"

static GSchedCli *C;   /* the one in use (main thread set it; then the baton holder reads it) */

static int bad(const char *fmt, const char *a)
{
    fprintf(stderr, "gilt: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    return -1;
}

void g_sched_cli_defaults(GSchedCli *c)
{
    memset(c, 0, sizeof *c);
    c->grain = -1;
    c->explore_strategy = -1;
    c->explore_bound = 2;
    c->explore_depth = 3;
    c->explore_runs = 0;
    c->explore_time = 60;
    c->explore_pct_runs = 1000;
}

/* A whole number in [lo, hi] for option a; false (message printed) if not. */
static bool number_arg(const char *a, const char *v, unsigned long long lo, unsigned long long hi,
                       unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || x < lo || x > hi) {
        fprintf(stderr, "gilt: %s wants a whole number from %llu to %llu, not '%s'\n", a, lo, hi, v);
        return false;
    }
    *out = x;
    return true;
}

int g_sched_cli_option(GSchedCli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(a, "--explore") == 0) {
        c->explore = "";   /* the program: main.c fills it in */
        return 1;
    }
    if (strcmp(a, "--strategy") == 0 || strcmp(a, "--preemptions") == 0 || strcmp(a, "--depth") == 0 ||
        strcmp(a, "--runs") == 0 || strcmp(a, "--time") == 0) {
        if (!next)
            return bad("Argument expected for the %s option", a);
        unsigned long long v;
        if (strcmp(a, "--strategy") == 0) {
            if (strcmp(next, "dfs") == 0)
                c->explore_strategy = G_EXPLORE_DFS;
            else if (strcmp(next, "pct") == 0)
                c->explore_strategy = G_EXPLORE_PCT;
            else if (strcmp(next, "random") == 0)
                c->explore_strategy = G_EXPLORE_RANDOM;
            else
                return bad("--strategy must be dfs, pct or random, not '%s'", next);
        } else if (strcmp(a, "--preemptions") == 0) {
            if (!number_arg(a, next, 0, 10, &v))
                return -1;
            c->explore_bound = (int)v;
        } else if (strcmp(a, "--depth") == 0) {
            if (!number_arg(a, next, 1, 16, &v))
                return -1;
            c->explore_depth = (int)v;
        } else if (strcmp(a, "--runs") == 0) {
            if (!number_arg(a, next, 1, 100000000ull, &v))
                return -1;
            c->explore_runs = v;
        } else {
            char *end;
            double t = strtod(next, &end);
            if (!*next || *end || !(t > 0) || t > 86400)
                return bad("--time wants seconds (more than 0, at most a day), not '%s'", next);
            c->explore_time = t;
        }
        c->explore_set = true;
        (*i)++;
        return 1;
    }
    if (strcmp(a, "--seed") == 0) {
        if (!next)
            return bad("Argument expected for the %s option", a);
        char *end;
        errno = 0;
        unsigned long long v = strtoull(next, &end, 10);
        if (!*next || *end || errno || next[0] == '-')
            return bad("--seed wants a whole number from 0 up, not '%s'", next);
        c->seeded = true;
        c->seed = v;
    } else if (strcmp(a, "--schedule") == 0 || strcmp(a, "--save-schedule") == 0 || strcmp(a, "--check") == 0 ||
               strcmp(a, "--step-child") == 0) {
        if (!next)
            return bad("Argument expected for the %s option", a);
        if (a[2] == 's' && a[3] == 'c')
            c->schedule = next;
        else if (a[2] == 's' && a[3] == 'a')
            c->save = next;
        else if (a[2] == 'c')
            c->check = next;
        else
            c->step_child = next;
    } else if (strcmp(a, "--grain") == 0) {
        if (!next)
            return bad("Argument expected for the %s option", a);
        if (strcmp(next, "op") == 0)
            c->grain = G_GRAIN_OP;
        else if (strcmp(next, "line") == 0)
            c->grain = G_GRAIN_LINE;
        else
            return bad("--grain must be op or line, not '%s'", next);
    } else if (strcmp(a, "--step") == 0) {
        c->step = true;
        return 1;
    } else {
        return 0;
    }
    (*i)++;
    return 1;
}

bool g_sched_cli_wanted(const GSchedCli *c)
{
    return c->seeded || c->schedule || c->check || c->step || c->step_child || c->save || c->grain >= 0 ||
           c->explore || c->explore_set;
}

/* ---- the goal ---- */

/* --save-schedule: also when the run ends early (a deadlock, a reached goal) */
static void save_now(void)
{
    if (!C->save)
        return;
    char err[400];
    if (!g_schedule_save(C->save, g_step_taken(), g_step_config()->grain, C->path, err, sizeof err))
        fprintf(stderr, "gilt: %s\n", err);
    C->save = NULL;
}

/* One run of a search is over: keep its schedule if asked (the last run), report. */
static _Noreturn void explore_finish(GRunOutcome outcome, int status, const char *what)
{
    save_now();
    g_explore_child_finish(outcome, status, what);
}

/* A run that ends early (a goal reached, a deadlock) still leaves a whole --trace
 * file and its saved schedule. */
static void early_exit(int status)
{
    save_now();
    fflush(stdout);
    fflush(stderr);
    g_trace_stop();
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(status);
}

static void verdict_exit(int status, const char *fmt, uint64_t step, const char *what)
{
    save_now();
    fflush(stdout);
    fflush(stderr);
    printf("check: ");
    printf(fmt, (unsigned long long)step, what);
    putchar('\n');
    early_exit(status);
}

static void goal_reached(uint64_t step, const char *what)
{
    if (C->explore_child)
        explore_finish(G_RUN_GOAL, 0, what);
    if (C->step_child) {
        g_step_agent_goal(step, what);   /* the stepper announces it; the run goes on */
        return;
    }
    verdict_exit(0, "goal reached at step %llu: %s", step, what);
}

static void check_before_pick(uint64_t step)
{
    const GExercise *ex = &C->ex;
    if (C->explore_child && ex->goal != G_GOAL_EXCEPTION && atomic_load(&g_runtime.uncaught) > 0)
        explore_finish(G_RUN_EXCEPTION, 1, "a thread ended with an exception");
    if (!C->is_exercise)
        return;
    if (ex->goal == G_GOAL_CRITICAL && atomic_load(&g_runtime.critical_most) >= 2)
        goal_reached(step - 1, "two threads are inside the critical section at once");
    if (ex->goal == G_GOAL_EXCEPTION && atomic_load(&g_runtime.uncaught) > 0)
        goal_reached(step - 1, "a thread ended with an exception");
    if (ex->goal == G_GOAL_ALWAYS && step > 1) {
        char err[300];
        int t = g_exercise_eval_truth(ex->expr, err, sizeof err);
        if (t == 0) {
            char what[400];
            snprintf(what, sizeof what, "`%s` is false", ex->expr);
            goal_reached(step - 1, what);
        }
    }
}

static void check_deadlock(uint64_t step)
{
    if (C->explore_child) {
        g_step_deadlock_report();
        if (C->ex.goal == G_GOAL_DEADLOCK)
            goal_reached(step - 1, "every thread is blocked: a deadlock");
        explore_finish(G_RUN_DEADLOCK, 1, "every thread is blocked, and none can wake the others");
    }
    if (C->step_child) {
        if (C->ex.goal == G_GOAL_DEADLOCK)
            g_step_agent_goal(step - 1, "every thread is blocked: a deadlock");
        g_step_deadlock_report();
        g_step_agent_finish("deadlock", "every thread is blocked, and none can wake the others");
    }
    g_step_deadlock_report();
    if (!C->check)
        early_exit(1);
    if (C->ex.goal == G_GOAL_DEADLOCK)
        goal_reached(step - 1, "every thread is blocked: a deadlock");
    verdict_exit(1, "goal not reached: the program deadlocked at step %llu instead (%s)", step - 1,
                 "see the report above");
}

static void check_budget(uint64_t step)
{
    if (C->explore_child) {
        if (C->ex.goal == G_GOAL_LIVELOCK)
            goal_reached(step - 1, "the step budget ran out and the threads are still going");
        char what[200];
        snprintf(what, sizeof what, "the step budget of %llu steps ran out: a livelock, or a thread that never "
                 "lets the others end", (unsigned long long)step - 1);
        explore_finish(G_RUN_BUDGET, 1, what);
    }
    if (C->step_child) {
        char what[120];
        snprintf(what, sizeof what, "the step budget of %llu steps ran out: a livelock, or starvation",
                 (unsigned long long)step - 1);
        if (C->ex.goal == G_GOAL_LIVELOCK)
            g_step_agent_goal(step - 1, "the step budget ran out and the threads are still going");
        g_step_agent_finish("budget", what);
    }
    if (C->ex.goal == G_GOAL_LIVELOCK)
        goal_reached(step - 1, "the step budget ran out and the threads are still going");
    char what[300];
    g_exercise_goal_text(&C->ex, what, sizeof what);
    verdict_exit(1, "goal not reached: the step budget (%llu steps) ran out; the goal was to %s", step - 1, what);
}

/* ---- begin and end ---- */

int g_sched_cli_begin(GSchedCli *c, const char *path, const char *src, size_t len)
{
    C = c;
    c->path = path;
    g_schedule_init(&c->follow);
    char err[400];
    int ex = g_exercise_parse(src, len, &c->ex, err, sizeof err);
    if (ex < 0) {
        fprintf(stderr, "gilt: %s: exercise header: %s\n", path, err);
        return 2;
    }
    c->is_exercise = ex == 1;
    if (c->check && !c->is_exercise) {
        fprintf(stderr, "gilt: %s is not an exercise: its header has no \"# goal:\" line (docs/exercises.md)\n", path);
        return 2;
    }
    int grain = c->grain >= 0 ? c->grain : c->ex.grain >= 0 ? c->ex.grain : G_GRAIN_OP;
    GStepConfig cfg = { .policy = G_POLICY_SEEDED, .seed = c->seeded ? c->seed : 0, .grain = (GGrain)grain };
    if (c->schedule) {
        if (!g_schedule_load(c->schedule, &c->follow, err, sizeof err)) {
            fprintf(stderr, "gilt: %s\n", err);
            return 2;
        }
        if (c->follow.grain >= 0) {
            if (c->grain >= 0 && c->grain != c->follow.grain) {
                fprintf(stderr, "gilt: the schedule was taken at grain %s; --grain says otherwise\n",
                        c->follow.grain == G_GRAIN_LINE ? "line" : "op");
                return 2;
            }
            cfg.grain = (GGrain)c->follow.grain;
        }
        if (c->follow.sha256[0]) {
            char sha[65];
            cfg.program_changed = !g_sha256_file(path, sha) || strcmp(sha, c->follow.sha256) != 0;
        }
        cfg.policy = G_POLICY_SCHEDULE;
        cfg.follow = &c->follow;
    }
    cfg.record = c->save || c->step_child || g_race_on();   /* --race reports the steps */
    cfg.deadlock = check_deadlock;
    if (c->explore_child) {
        /* one run of a search (explore_cli.c): op grain, every failure reported */
        cfg.policy = G_POLICY_EXPLORE;
        cfg.follow = NULL;
        if (c->grain < 0)
            cfg.grain = G_GRAIN_OP;
        cfg.budget = c->ex.budget ? c->ex.budget : c->is_exercise ? G_EXERCISE_DEFAULT_BUDGET : G_EXPLORE_DEFAULT_BUDGET;
        cfg.before_pick = check_before_pick;
        cfg.budget_spent = check_budget;
        g_explore_child_budget(cfg.budget);
    }
    if (c->check || c->step_child) {
        cfg.budget = c->ex.budget ? c->ex.budget : c->is_exercise ? G_EXERCISE_DEFAULT_BUDGET : 0;
        if (c->is_exercise)
            cfg.before_pick = check_before_pick;
        cfg.budget_spent = check_budget;
    }
    if (c->step_child) {
        if (!g_step_agent_init(c->step_child, path, c->is_exercise ? &c->ex : NULL)) {
            fprintf(stderr, "gilt: --step-child wants IN,OUT file descriptors, not '%s'\n", c->step_child);
            return 2;
        }
        cfg.policy = G_POLICY_STEP;
        cfg.ask = g_step_agent_ask;
    }
    /* Ctrl-C ends a controlled run at once: its threads wait for the baton, not for
     * KeyboardInterrupt, and a run that was interrupted need not be repeatable */
    signal(SIGINT, SIG_DFL);
    atomic_store(&g_runtime.critical_most, 0);
    atomic_store(&g_runtime.uncaught, 0);
    g_step_begin(&cfg);
    c->on = true;
    return 0;
}

/* The end of one run of a search: what it found (does not return). */
static void explore_end(GSchedCli *c, int status)
{
    uint64_t steps = g_sched_steps();
    const GExercise *ex = &c->ex;
    if (ex->goal == G_GOAL_CRITICAL && atomic_load(&g_runtime.critical_most) >= 2)
        goal_reached(steps, "two threads are inside the critical section at once");
    if (ex->goal == G_GOAL_EXCEPTION && (atomic_load(&g_runtime.uncaught) > 0 || status == 1))
        goal_reached(steps, "a thread ended with an exception");
    if (atomic_load(&g_runtime.uncaught) > 0 || status == 1)
        explore_finish(G_RUN_EXCEPTION, status, status == 1 ? "the program ended with an uncaught exception"
                                                                    : "a thread ended with an exception");
    if (status != 0) {
        char what[80];
        snprintf(what, sizeof what, "the program exited with status %d", status);
        explore_finish(G_RUN_EXCEPTION, status, what);
    }
    bool judged = ex->goal == G_GOAL_INVARIANT || ex->goal == G_GOAL_ALWAYS || (ex->goal == G_GOAL_FIX && ex->expr[0]);
    if (judged) {
        char err[300], what[800];
        int t = g_exercise_eval_truth(ex->expr, err, sizeof err);
        if (t < 0) {
            snprintf(what, sizeof what, "the goal's expression `%s` failed: %s", ex->expr, err);
            explore_finish(G_RUN_ERROR, 2, what);
        }
        if (t == 0) {
            snprintf(what, sizeof what, "`%s` is false at the end", ex->expr);
            if (ex->goal == G_GOAL_FIX)
                explore_finish(G_RUN_EXPR, 0, what);
            goal_reached(steps, what);
        }
    }
    explore_finish(G_RUN_PASSED, status, NULL);
}

int g_sched_cli_end(GSchedCli *c, int status)
{
    if (!c->on)
        return status;
    if (c->explore_child)
        explore_end(c, status);
    uint64_t steps = g_sched_steps();
    if (c->check || (c->step_child && c->is_exercise)) {
        const GExercise *ex = &c->ex;
        /* the ends the hooks watched for during the run, seen once more at the end */
        if (ex->goal == G_GOAL_CRITICAL && atomic_load(&g_runtime.critical_most) >= 2)
            goal_reached(steps, "two threads are inside the critical section at once");
        if (ex->goal == G_GOAL_EXCEPTION && (atomic_load(&g_runtime.uncaught) > 0 || status == 1))
            goal_reached(steps, "a thread ended with an exception");
        if (ex->goal == G_GOAL_INVARIANT || ex->goal == G_GOAL_ALWAYS) {
            char err[300];
            int t = g_exercise_eval_truth(ex->expr, err, sizeof err);
            if (t < 0 && c->step_child) {
                char what[800];
                snprintf(what, sizeof what, "the goal's expression `%s` failed: %s", ex->expr, err);
                g_step_agent_finish("done", what);
            }
            if (t < 0) {
                fflush(stdout);
                fprintf(stderr, "gilt: %s: the goal's expression `%s` failed: %s\n", c->path, ex->expr, err);
                g_step_end();
                return 2;
            }
            if (t == 0) {
                char what[400];
                snprintf(what, sizeof what, "`%s` is false at the end", ex->expr);
                goal_reached(steps, what);
            }
        }
    }
    if (c->step_child) {
        char detail[32];
        snprintf(detail, sizeof detail, "%d", status);
        g_step_agent_finish("done", detail);
    }
    if (c->save) {
        char err[400];
        if (!g_schedule_save(c->save, g_step_taken(), g_step_config()->grain, c->path, err, sizeof err)) {
            fprintf(stderr, "gilt: %s\n", err);
            if (status == 0)
                status = 2;
        }
        c->save = NULL;
    }
    g_step_end();
    if (c->check) {
        char what[300];
        g_exercise_goal_text(&c->ex, what, sizeof what);
        fflush(stdout);
        printf("check: goal not reached: the program ended after %llu steps; the goal was to %s\n",
               (unsigned long long)steps, what);
        return 1;
    }
    return status;
}
