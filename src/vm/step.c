/* step.c -- the controlled scheduler's points and policies (step.h).
 *
 * All of this runs on the baton holder (runtime/sched.h), so the state below has one
 * writer at a time, and the hand-over of the baton (under the scheduler's mutex)
 * orders one holder's writes before the next one's reads.
 */
#include "vm/step.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "runtime/deadlock.h"
#include "runtime/runtime.h"
#include "vm/explore.h"
#include "vm/frame.h"
#include "vm/vm.h"

static struct {
    GStepConfig cfg;
    uint64_t rng;           /* the seeded policy's state */
    size_t follow_i;        /* the next entry of cfg.follow */
    bool free_run;          /* the step policy's person said "run to the end" */
    uint64_t run_left;      /* the seeded policy: steps the current thread has left */
    GSchedule taken;        /* the steps taken, with notes */
} St;   /* baton holder */

/* The seeded policy: pick a thread uniformly among the ready ones, and let it run
 * for a random number of steps -- up to 2^k - 1 more, k uniform in 0..G_SEEDED_MAXK
 * -- before the next pick (sooner if it blocks or ends).  The log-uniform run
 * lengths mix the two kinds of schedule a race needs: many short runs, which split
 * a `count += 1` (k = 0 switches at the very next step), and long ones, which let a
 * thread finish a loop.  Picking afresh at every step would make every
 * interleaving as likely, but would hand the baton between OS threads on most
 * instructions (microseconds each): a CPU-bound program would take minutes. */
#define G_SEEDED_MAXK 14

static int pick_seeded(const int *ready, int n, int current)
{
    if (St.run_left > 0)
        for (int i = 0; i < n; i++)
            if (ready[i] == current) {
                St.run_left--;
                return current;
            }
    uint64_t r = g_splitmix64(&St.rng);
    int k = (int)(r % (G_SEEDED_MAXK + 1));
    St.run_left = (g_splitmix64(&St.rng) & ((1ull << k) - 1));
    return ready[(r / (G_SEEDED_MAXK + 1)) % (uint64_t)n];
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void g_step_note(int no, char *buf, size_t n)
{
    GSchedThread *st = g_sched_thread(no);
    if (!st) {
        snprintf(buf, n, "T%d  ?", no);
        return;
    }
    GFrame *f = st->frame;
    if (!f) {
        snprintf(buf, n, "T%d  (gilt's own code)", no);
        return;
    }
    char instr[120];
    g_dis_instruction(f->code, st->ip, instr, sizeof instr);
    snprintf(buf, n, "T%d  %s:%d  %s", no, base_name(g_str_data(f->code->filename)), st->line, instr);
}

static int thread_no_of(GThreadState *ts)
{
    for (int i = 0; i < g_sched_nthreads(); i++)
        if (g_sched_thread(i)->ts == ts && g_sched_thread(i)->state != G_SCHED_FINISHED)
            return i;
    return -1;
}

void g_step_thread_status(int no, char *buf, size_t n)
{
    GSchedThread *st = g_sched_thread(no);
    if (!st) {
        snprintf(buf, n, "no such thread");
        return;
    }
    switch (st->state) {
    case G_SCHED_STARTING:
        snprintf(buf, n, "starting");
        return;
    case G_SCHED_FINISHED:
        snprintf(buf, n, "finished");
        return;
    case G_SCHED_READY:
        snprintf(buf, n, "ready");
        return;
    case G_SCHED_BLOCKED:
        break;
    }
    if (st->woken || (st->deadline >= 0 && st->deadline <= g_sched_now_ns())) {
        snprintf(buf, n, "ready (woken: it will try again)");
        return;
    }
    if (!st->wait) {
        snprintf(buf, n, "asleep until t=%.6g s", (double)st->deadline / 1e9);
        return;
    }
    char what[160];
    GObject *label = atomic_load(&st->wait->label);
    if (label)
        snprintf(what, sizeof what, "%s", g_str_data(label));
    else if (st->wait->made_file)
        snprintf(what, sizeof what, "the lock made at %s:%d", base_name(g_str_data(st->wait->made_file)),
                 st->wait->made_line);
    else
        snprintf(what, sizeof what, "a lock");
    int holder = thread_no_of(atomic_load(&st->wait->holder));
    if (holder >= 0 && !label)
        snprintf(buf, n, "blocked: waits for %s, held by T%d%s", what, holder, holder == no ? " (itself)" : "");
    else
        snprintf(buf, n, "blocked: waits for %s%s", what, st->deadline >= 0 ? " (with a timeout)" : "");
}

/* The fatal errors of a followed schedule: status 2, like any bad input. */
static void schedule_error(const char *fmt, const char *a, uint64_t step)
{
    fflush(stdout);
    fprintf(stderr, "gilt: schedule step %llu ", (unsigned long long)step);
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(2);
}

/* "T1  bank.py:8  STORE_ATTR balance" -> "T1 STORE_ATTR balance at bank.py:8" */
static void note_phrase(const char *note, char *buf, size_t n)
{
    const char *a = strstr(note, "  "), *b = a ? strstr(a + 2, "  ") : NULL;
    if (!a || !b) {
        snprintf(buf, n, "%s", note);
        return;
    }
    snprintf(buf, n, "%.*s %s at %.*s", (int)(a - note), note, b + 2, (int)(b - a - 2), a + 2);
}

static void check_runnable(int no, const int *ready, int n, uint64_t step)
{
    for (int i = 0; i < n; i++)
        if (ready[i] == no)
            return;
    char msg[300], status[200];
    int nt = g_sched_nthreads();
    if (no >= nt) {
        snprintf(msg, sizeof msg, "names T%d, but there is no T%d (the threads so far are %s%d)", no, no,
                 nt > 1 ? "T0-T" : "T", nt - 1);
    } else {
        g_step_thread_status(no, status, sizeof status);
        snprintf(msg, sizeof msg, "names T%d, which is %s", no, status);
    }
    schedule_error("%s", msg, step);
}

static void toggle_expand(GSchedThread *st)
{
    st->expand = !st->expand;
    st->expand_frame = st->frame;
    st->expand_line = st->line;
}

void g_step_expand(int no, bool on)
{
    GSchedThread *st = g_sched_thread(no);
    if (!st || st->expand == on || St.cfg.grain != G_GRAIN_LINE)
        return;
    toggle_expand(st);
    if (St.cfg.record)
        g_schedule_add(&St.taken, no, true, NULL);
}

static int policy_pick(const int *ready, int n, uint64_t step, GDecideWhy why)
{
    int no, current = g_tstate_current->sched->no;
    const GSchedEntry *want = NULL;
    const GSchedule *f = St.cfg.follow;
    /* a followed schedule comes first (the stepper may open at the end of one) */
    if (f && St.follow_i < f->n) {
        while (St.follow_i < f->n && f->e[St.follow_i].expand) {
            GSchedThread *st = g_sched_thread(f->e[St.follow_i].thread);
            if (!st || st->state == G_SCHED_FINISHED) {
                char msg[80];
                snprintf(msg, sizeof msg, "expands the line of T%d, which %s", f->e[St.follow_i].thread,
                         st ? "has finished" : "does not exist");
                schedule_error("%s", msg, step);
            }
            if (St.cfg.grain == G_GRAIN_LINE) {
                toggle_expand(st);
                if (St.cfg.record)
                    g_schedule_add(&St.taken, st->no, true, NULL);
            }
            St.follow_i++;
        }
    }
    if (f && St.follow_i < f->n) {
        want = &f->e[St.follow_i++];
        no = want->thread;
        check_runnable(no, ready, n, step);
        if (St.follow_i == f->n && St.cfg.policy == G_POLICY_SCHEDULE) {
            St.rng = 0;   /* then on, as --seed 0 */
            St.run_left = 0;
        }
    } else if (St.cfg.policy == G_POLICY_EXPLORE) {
        no = g_explore_pick(ready, n, step, why);
    } else if (St.cfg.policy == G_POLICY_STEP && !St.free_run && St.cfg.ask) {
        no = St.cfg.ask(ready, n, step);
        if (no < 0) {
            St.free_run = true;
            St.rng = 0;
            St.run_left = 0;
            no = pick_seeded(ready, n, current);
        }
    } else {
        no = pick_seeded(ready, n, current);
    }
    if (!St.cfg.record && !(want && want->note))
        return no;   /* nothing to keep or compare: the common, fast case */
    char note[240];
    g_step_note(no, note, sizeof note);
    if (want && want->note && strcmp(want->note, note) != 0) {
        char expected[300], found[300];
        note_phrase(want->note, expected, sizeof expected);
        note_phrase(note, found, sizeof found);
        fflush(stdout);
        fprintf(stderr, "gilt: schedule diverged at step %llu: expected %s, found %s%s\n", (unsigned long long)step,
                expected, found,
                St.cfg.program_changed ? "\n  (the program has changed since the schedule was recorded)" : "");
        if (g_runtime.before_fatal_exit)
            g_runtime.before_fatal_exit();
        _exit(2);
    }
    if (St.cfg.record)
        g_schedule_add(&St.taken, no, false, note);
    return no;
}

void g_step_deadlock_report(void)
{
    /* Under the free policy the watcher prints the report with the world stopped.
     * Here every other thread waits for the baton, except one that has handed it on
     * and is still leaving, which unlinks its state from the thread list: hold
     * threads_mu so the list holds still while the report walks it. */
    g_threads_lock();
    g_deadlock_report();
    g_threads_unlock();
}

static void default_deadlock(uint64_t step)
{
    (void)step;
    g_step_deadlock_report();
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(1);
}

static void default_budget(uint64_t step)
{
    fflush(stdout);
    fprintf(stderr, "gilt: the step budget ran out: %llu steps and the program has not finished "
                    "(a livelock, or a thread that never lets the others end?)\n",
            (unsigned long long)step - 1);
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(1);
}

static void before_pick(uint64_t step)
{
    if (St.cfg.before_pick)
        St.cfg.before_pick(step);
}

static void on_deadlock(uint64_t step) { St.cfg.deadlock(step); }
static void on_budget(uint64_t step) { St.cfg.budget_spent(step); }

void g_step_begin(const GStepConfig *cfg)
{
    St.cfg = *cfg;
    if (!St.cfg.deadlock)
        St.cfg.deadlock = default_deadlock;
    if (!St.cfg.budget_spent)
        St.cfg.budget_spent = default_budget;
    St.rng = cfg->policy == G_POLICY_SEEDED ? cfg->seed : 0;
    St.run_left = 0;
    St.follow_i = 0;
    St.free_run = false;
    g_schedule_init(&St.taken);
    St.taken.grain = cfg->grain;
    GSchedHooks hooks = { .pick = policy_pick, .before_pick = before_pick, .deadlock = on_deadlock,
                          .budget_spent = on_budget };
    g_sched_begin(&hooks, cfg->budget);
}

void g_step_end(void) { g_sched_end(); }
const GSchedule *g_step_taken(void) { return &St.taken; }
const GStepConfig *g_step_config(void) { return &St.cfg; }

void g_step_quiet_begin(void)
{
    GThreadState *ts = g_tstate_current;
    if (ts && ts->sched)
        ts->sched->quiet++;
}

void g_step_quiet_end(void)
{
    GThreadState *ts = g_tstate_current;
    if (ts && ts->sched)
        ts->sched->quiet--;
}

int g_step_point(GThreadState *ts, GFrame *f, int ip)
{
    GSchedThread *st = ts->sched;
    if (!st || st->quiet || !g_sched_controlled())
        return 0;
    g_sched_tick();
    int line = g_code_line_at(f->code, ip);
    if (St.cfg.grain == G_GRAIN_LINE) {
        bool same = (void *)f == st->last_frame && f->code == st->last_code && line == st->last_line &&
                    ip > st->last_ip;
        if (st->expand && ((void *)f != st->expand_frame || line != st->expand_line))
            st->expand = false;   /* the expanded line is done */
        st->last_frame = f;
        st->last_code = f->code;
        st->last_line = line;
        st->last_ip = ip;
        if (same && !st->expand)
            return 0;
    }
    st->frame = f;
    st->ip = ip;
    st->line = line;
    st->at_point = true;
    g_sched_point(ts);
    st->at_point = false;
    return 0;
}

void g_step_where(GThreadState *ts)
{
    GSchedThread *st = ts->sched;
    if (!st)
        return;
    GFrame *f = ts->frame;
    while (f && (f->code->flags & G_CO_GILT))
        f = f->back;
    st->frame = f;
    st->at_point = false;
    if (f) {
        st->ip = f->lasti;
        st->line = g_code_line_at(f->code, f->lasti);
    }
}
