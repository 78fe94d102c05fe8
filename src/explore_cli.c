/* explore_cli.c -- the schedule search's runs and verdicts (explore_cli.h; the
 * search itself is explore_search.c).
 *
 * A run.  The parent has brought the interpreter up and run nothing.  For each
 * schedule it forks a child, which runs the program under the controlled scheduler
 * with the explore policy (vm/explore.h) and writes back a report: how the run
 * ended, and every choice point it met -- a decision with two or more threads
 * ready.  The program's output goes to a scratch file; only the failing run's is
 * shown.  Forking a clean interpreter costs far less than starting gilt again, and
 * a run that corrupts its memory cannot corrupt the search.
 *
 * The verdict.  A failing schedule is shrunk (explore_search.c), run once more
 * recording everything -- its steps with their notes go to FILE.fail.sched, and its
 * shared reads and writes become the story printed for the student
 * (explore_story.c) -- and the commands that step through it and replay it are
 * printed.  When nothing fails, one line says what was covered.
 */
#include "explore_cli.h"
#include "explore_internal.h"
#include "explore_story.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "runtime/runtime.h"
#include "trace/trace.h"
#include "vm/explore.h"
#include "vm/race.h"
#include "vm/vm.h"

#define G_CHECK_PCT_RUNS 300              /* --check on a fix exercise: PCT runs after dfs */
#define G_EXPLORE_RUN_SECONDS 30          /* the longest one run may take */

double g_explore_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

_Noreturn void g_explore_out_of_memory(void)
{
    fprintf(stderr, "gilt: out of memory in --explore\n");
    exit(2);
}

void *g_explore_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        g_explore_out_of_memory();
    return p;
}

void *g_explore_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        g_explore_out_of_memory();
    return q;
}

void g_explore_run_free(Run *r)
{
    free(r->nodes);
    free(r->locs);
    free(r->taken);
    free(r->what);
    free(r->account);
    memset(r, 0, sizeof *r);
}

static bool read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        c += k;
        n -= (size_t)k;
    }
    return true;
}

static char *read_text(int fd, size_t n)
{
    char *s = g_explore_malloc(n + 1);
    if (!read_all(fd, s, n))
        n = 0;
    s[n] = 0;
    return s;
}

/* Ctrl-C: the children die of it (the scheduler leaves SIGINT at its default), and
 * the search stops with status 130, as an interrupted program does. */
static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }

static void stop_if_interrupted(Search *s, int ws)
{
    if (!interrupted && !(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGINT))
        return;
    if (s->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "gilt --explore: interrupted after %llu schedules\n", (unsigned long long)s->runs);
    exit(130);
}

/* ---- one run, in a child ---- */

/* A child's first steps: stdin from /dev/null, output to the scratch file; it dies
 * with the search (a killed parent leaves no orphan burning a core), and of SIGALRM
 * if it takes longer than any run should: one step that never ends,
 * sum(range(10**12)) say, is not a schedule to search. */
static void child_setup(Search *s)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        _exit(2);
    alarm(G_EXPLORE_RUN_SECONDS);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, 0);
        close(devnull);
    }
    dup2(s->out_fd, 1);
    dup2(s->out_fd, 2);
}

static void child(Search *s, const GExplorePlan *plan)
{
    child_setup(s);
    g_explore_child_begin(plan);
    s->c->explore_child = true;
    int status = g_sched_cli_begin(s->c, s->path, s->src, s->len);
    if (status != 0)
        g_explore_child_finish(G_RUN_ERROR, status, "the scheduler could not start");
    status = s->run(s->src, s->len, s->path, s->code);
    g_sched_cli_end(s->c, status);
    g_explore_child_finish(G_RUN_ERROR, status, "the run did not report");   /* not reached */
}

bool g_explore_run_plan(Search *s, GExplorePlan plan, Run *r)
{
    memset(r, 0, sizeof *r);
    int fds[2];
    if (pipe(fds) != 0 || ftruncate(s->out_fd, 0) != 0 || lseek(s->out_fd, 0, SEEK_SET) != 0) {
        fprintf(stderr, "gilt: --explore: %s\n", strerror(errno));
        exit(2);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "gilt: --explore: fork: %s\n", strerror(errno));
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        plan.fd = fds[1];
        child(s, &plan);
        _exit(2);
    }
    close(fds[1]);
    GExploreReport rep;
    bool ok = read_all(fds[0], &rep, sizeof rep) && rep.magic == G_EXPLORE_MAGIC;
    if (ok) {
        r->outcome = (GRunOutcome)rep.outcome;
        r->status = rep.status;
        r->steps = rep.steps;
        r->nthreads = (int)rep.nthreads;
        r->nnodes = rep.nodes;
        r->nodes = g_explore_malloc(r->nnodes * sizeof *r->nodes);
        r->nlocs = rep.nlocs;
        r->locs = g_explore_malloc(r->nlocs * sizeof *r->locs);
        r->ntaken = rep.ntaken;
        r->taken = g_explore_malloc(r->ntaken);
        ok = read_all(fds[0], r->nodes, r->nnodes * sizeof *r->nodes) &&
             read_all(fds[0], r->locs, r->nlocs * sizeof *r->locs) && read_all(fds[0], r->taken, r->ntaken);
        r->what = read_text(fds[0], rep.what_len);
        r->account = read_text(fds[0], rep.account_len);
    }
    close(fds[0]);
    int ws;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    stop_if_interrupted(s, ws);
    if (!ok || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
        g_explore_run_free(r);
        r->outcome = G_RUN_CRASHED;
        r->signal = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
        r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    }
    s->runs++;
    uint64_t k = 0;
    for (size_t i = 0; i < r->nnodes; i++)
        k += (r->nodes[i].flags & (G_NODE_POINT | G_NODE_LOCAL)) == G_NODE_POINT;
    if (k > s->max_steps)
        s->max_steps = k;
    return r->outcome != G_RUN_PASSED;
}

/* The program's output in the last run, indented: its first 40 lines, each cut at
 * 200 characters (a run that printed megabytes shows a screenful). */
static void print_output(Search *s, FILE *out, const char *indent)
{
    off_t n = lseek(s->out_fd, 0, SEEK_END);
    if (n <= 0)
        return;
    if (n > 40 * 4096)
        n = 40 * 4096;
    lseek(s->out_fd, 0, SEEK_SET);
    char *buf = read_text(s->out_fd, (size_t)n);
    int lines = 0;
    for (char *p = buf, *nl; *p; p = nl ? nl + 1 : p + strlen(p)) {
        nl = strchr(p, '\n');
        if (++lines > 40) {
            fprintf(out, "%s...\n", indent);
            break;
        }
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(out, "%s%.*s%s\n", indent, len > 200 ? 200 : len, p, len > 200 ? " ..." : "");
        if (!nl)
            break;
    }
    free(buf);
}

/* ---- progress ---- */

void g_explore_progress(Search *s, bool force)
{
    if (!s->tty)
        return;
    double t = g_explore_now();
    if (!force && t - s->last_progress < 0.2)
        return;
    s->last_progress = t;
    double el = t - s->t0;
    fprintf(stderr, "\r\033[Kexplore: %s, %llu schedules, %.0f/s, %.1fs", s->phase, (unsigned long long)s->runs,
            el > 0 ? (double)s->runs / el : 0.0, el);
    fflush(stderr);
}

void g_explore_progress_clear(Search *s)
{
    if (s->tty)
        fprintf(stderr, "\r\033[K");
}

bool g_explore_out_of_budget(Search *s)
{
    double limit = s->max_time;
    if (s->in_dfs && s->strategy < 0 && !s->grading)
        limit = limit * 2 / 3;   /* the default strategy leaves a third for PCT and random runs */
    return (s->max_runs && s->runs >= s->max_runs) || (limit > 0 && g_explore_now() - s->t0 >= limit);
}

/* ---- the verdicts ---- */

static const char *outcome_words(const Run *r, char *buf, size_t n)
{
    const char *what = r->what && r->what[0] ? r->what : NULL;
    switch (r->outcome) {
    case G_RUN_GOAL: snprintf(buf, n, "the goal is reached: %s", what ? what : "?"); break;
    case G_RUN_EXCEPTION: snprintf(buf, n, "%s", what ? what : "a thread ended with an exception"); break;
    case G_RUN_DEADLOCK: snprintf(buf, n, "it deadlocks: %s", what ? what : "every thread is blocked"); break;
    case G_RUN_BUDGET: snprintf(buf, n, "%s", what ? what : "the step budget ran out"); break;
    case G_RUN_EXPR: snprintf(buf, n, "%s", what ? what : "the expression is false"); break;
    case G_RUN_ERROR: snprintf(buf, n, "%s", what ? what : "an error"); break;
    case G_RUN_CRASHED:
        if (r->signal == SIGALRM)
            snprintf(buf, n, "one run took more than %d s: a step that does not end (a long computation in one "
                             "call, or input it waits for)", G_EXPLORE_RUN_SECONDS);
        else
            snprintf(buf, n, "the run crashed (signal %d, status %d): a bug in gilt, please report it", r->signal,
                     r->status);
        break;
    case G_RUN_PASSED: snprintf(buf, n, "it passed"); break;
    }
    return buf;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int search(Search *s, Found *fd)
{
    memset(fd, 0, sizeof *fd);
    fd->bound_done = -1;
    s->t0 = g_explore_now();
    bool found = false;
    int strat = s->strategy;
    s->in_dfs = true;
    if (strat < 0 || strat == G_EXPLORE_DFS)
        found = g_explore_dfs(s, fd);
    s->in_dfs = false;
    fd->dfs_runs = s->runs;
    fd->found_at = s->runs;
    if (!found && strat != G_EXPLORE_DFS) {
        if (s->max_steps == 0 && strat >= 0) {
            /* learn how long a run is (PCT's k) from one run without preemptions */
            GExplorePlan plan = { .strategy = G_EXPLORE_DFS };
            Run r;
            if (g_explore_run_plan(s, plan, &r)) {
                fd->found = found = true;
                fd->run = r;
                fd->how = "dfs";
                fd->nprefix = 0;
                fd->prefix = NULL;
            } else {
                g_explore_run_free(&r);
            }
        }
        /* the default strategy's PCT phase has its own allowance; asked for, the
         * strategy runs to --runs or --time */
        if (!found)
            found = g_explore_seeded_runs(s, fd, strat, strat < 0 ? s->c->explore_pct_runs : 0);
        fd->found_at = s->runs;
    }
    return found;
}

static void search_init(Search *s, GSchedCli *c, const char *path, const char *src, size_t len, GRunProgram run)
{
    memset(s, 0, sizeof *s);
    s->c = c;
    s->path = path;
    s->src = src;
    s->len = len;
    s->run = run;
    s->strategy = c->explore_strategy;
    s->bound = c->explore_bound;
    s->depth = c->explore_depth;
    s->max_runs = c->explore_runs;
    s->max_time = c->explore_time;
    s->seed = c->seeded ? c->seed : 1;
    s->tty = isatty(2);   /* the progress line goes to a terminal only */
    /* the scratch file for the runs' output, in $TMPDIR (else /tmp), unlinked at once */
    const char *dir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/gilt-explore-XXXXXX", dir && *dir ? dir : "/tmp");
    s->out_fd = mkstemp(tmpl);
    if (s->out_fd < 0) {
        fprintf(stderr, "gilt: --explore: cannot make a scratch file: %s\n", strerror(errno));
        exit(2);
    }
    unlink(tmpl);
    /* the children are forked from this thread alone: stop the recorder's collector */
    g_trace_stop();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* Compile once here, before any fork: a syntax error is bad input, not a failing
 * schedule, and each run then starts from the compiled code.  threading is imported
 * here too (gilt's own Python: no step, no output), so that no run spends its time
 * compiling it again. */
static GCode *compile_program(const char *path, const char *src, size_t len)
{
    GSyntaxError err;
    GCode *co = g_compile(src, len, path, G_COMPILE_FILE, &err);
    if (!co) {
        GObject *exc = g_syntax_error_object(&err, path, src, len);
        if (exc) {
            g_print_exception(exc);
            g_decref(exc);
        } else {
            g_err_print();
        }
        return NULL;
    }
    GObject *name = g_str_from_cstr("threading");
    GObject *m = name ? g_import_module(name) : NULL;
    g_xdecref(name);
    if (m)
        g_decref(m);
    else
        g_err_clear();
    return co;
}

/* One run under the race detector, seeded (so the same every time), in a child:
 * a fix can pass every schedule by luck of the values and still race.  Returns
 * true if a race was reported (its report is in the scratch file). */
static bool race_run(Search *s)
{
    if (ftruncate(s->out_fd, 0) != 0 || lseek(s->out_fd, 0, SEEK_SET) != 0)
        return false;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        child_setup(s);
        GSchedCli *c = s->c;
        c->check = NULL;   /* a plain seeded run: no verdict of its own */
        c->explore_child = false;
        c->seeded = true;
        c->seed = 1;
        g_race_start(s->path);
        int status = g_sched_cli_begin(c, s->path, s->src, s->len);
        if (status == 0)
            status = g_sched_cli_end(c, s->run(s->src, s->len, s->path, s->code));
        status = g_race_finish(status);
        fflush(stdout);
        fflush(stderr);
        _exit(status);
    }
    int ws;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    stop_if_interrupted(s, ws);
    s->runs++;
    return WIFEXITED(ws) && WEXITSTATUS(ws) == 66;
}

/* Run the found schedule once more, recording, and save it. */
static bool final_run(Search *s, Found *fd, const char *save, Run *out)
{
    GExplorePlan plan = { .strategy = G_EXPLORE_DFS, .steps = fd->run.taken, .nsteps = fd->run.ntaken,
                          .account = true };
    s->c->save = save;
    bool failed = g_explore_run_plan(s, plan, out);
    s->c->save = NULL;
    return failed;
}

/* " ARG ...": the program's arguments, quoted for a shell where they need it. */
static void print_args(const GSchedCli *c)
{
    for (int i = 0; i < c->nargs; i++) {
        const char *a = c->args[i];
        if (*a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:%@") == strlen(a)) {
            printf(" %s", a);
            continue;
        }
        fputs(" '", stdout);
        for (; *a; a++)
            if (*a == '\'')
                fputs("'\\''", stdout);
            else
                putchar(*a);
        putchar('\'');
    }
}

static void print_found(Search *s, Found *fd, const Run *fin, const char *save, double secs)
{
    char words[600];
    const char *name = base_name(s->path);
    printf("gilt --explore: %s fails: %s\n", name, outcome_words(fin, words, sizeof words));
    printf("  found by %s", fd->how);
    if (strcmp(fd->how, "dfs") == 0)
        printf(" at %d preemption%s", fd->level, fd->level == 1 ? "" : "s");
    else
        printf(" (seed %llu)", (unsigned long long)fd->seed);
    int p = g_explore_preemptions(fin);
    printf(" after %llu schedule%s in %.2f s; the schedule has %d preemption%s and %llu steps\n",
           (unsigned long long)fd->found_at, fd->found_at == 1 ? "" : "s", secs, p, p == 1 ? "" : "s",
           (unsigned long long)fin->steps);
    if (s->runs > fd->found_at + 1 && fd->found_preemptions > p)
        printf("  (shrunk from %d preemption%s in %llu more runs)\n", fd->found_preemptions,
               fd->found_preemptions == 1 ? "" : "s", (unsigned long long)(s->runs - fd->found_at - 1));
    printf("\nWhat the program printed under that schedule:\n");
    fflush(stdout);
    if (lseek(s->out_fd, 0, SEEK_END) <= 0)
        printf("  (nothing)\n");
    print_output(s, stdout, "  | ");
    g_explore_story(s->src, s->len, s->path, fin->account ? fin->account : "", stdout);
    printf("\nThe schedule is saved in %s.\n", save);
    printf("  step through it:  gilt --step --schedule %s %s", save, s->c->explore);
    print_args(s->c);
    printf("\n  replay it:        gilt --schedule %s %s", save, s->c->explore);
    print_args(s->c);
    putchar('\n');
}

static void print_covered(Search *s, Found *fd, double secs)
{
    const char *name = base_name(s->path);
    printf("gilt --explore: %s: no failing schedule in %llu schedule%s (%.2f s); ", name,
           (unsigned long long)s->runs, s->runs == 1 ? "" : "s", secs);
    if (s->strategy < 0 || s->strategy == G_EXPLORE_DFS) {
        if (fd->bound_done >= s->bound)
            printf("every schedule with up to %d preemption%s was run (exhaustive for that bound)", s->bound,
                   s->bound == 1 ? "" : "s");
        else if (fd->bound_done >= 0)
            printf("exhaustive up to %d preemption%s; the search for %d stopped at the %s", fd->bound_done,
                   fd->bound_done == 1 ? "" : "s", fd->bound_done + 1, s->queue_full ? "queue's limit" : "budget");
        else
            printf("not even the schedules without preemptions were all run (the budget ran out)");
        if (s->strategy < 0)
            printf("; then %llu PCT (depth %d) and random runs", (unsigned long long)(s->runs - fd->dfs_runs),
                   s->depth);
    } else {
        printf("%s runs, not exhaustive", s->strategy == G_EXPLORE_PCT ? "PCT" : "random");
    }
    printf("\n");
}

/* A run that could not be judged -- it crashed, or the goal's expression raised:
 * said on stderr with the run's output; the search ends with status 2. */
static bool unjudged(Search *s, const Found *fd, const char *who, const char *path)
{
    if (fd->run.outcome != G_RUN_CRASHED && fd->run.outcome != G_RUN_ERROR)
        return false;
    char words[600];
    fflush(stdout);
    fprintf(stderr, "gilt %s: %s: %s\n", who, path, outcome_words(&fd->run, words, sizeof words));
    print_output(s, stderr, "  | ");
    return true;
}

static void default_save(const char *path, const char *save, char *buf, size_t n)
{
    if (save)
        snprintf(buf, n, "%s", save);
    else
        snprintf(buf, n, "%s.fail.sched", path);
}

int g_explore_main(GSchedCli *c, const char *path, const char *src, size_t len, GRunProgram run)
{
    GCode *co = compile_program(path, src, len);
    if (!co)
        return 2;
    char err[400];
    int ex = g_exercise_parse(src, len, &c->ex, err, sizeof err);
    if (ex < 0) {
        fprintf(stderr, "gilt: %s: exercise header: %s\n", path, err);
        return 2;
    }
    Search s;
    search_init(&s, c, path, src, len, run);
    s.code = co;
    Found fd;
    bool found = search(&s, &fd);
    g_explore_progress_clear(&s);
    double secs = g_explore_now() - s.t0;
    const char *arg_path = c->explore;
    if (!found) {
        print_covered(&s, &fd, secs);
        return 0;
    }
    if (unjudged(&s, &fd, "--explore", path))
        return 2;
    g_explore_shrink(&s, &fd);
    g_explore_progress_clear(&s);
    char save[4096];
    default_save(arg_path, c->save, save, sizeof save);
    Run fin;
    if (!final_run(&s, &fd, save, &fin)) {
        fprintf(stderr, "gilt --explore: the failing schedule passed when run again: the program does not "
                        "behave the same way twice (does it read the clock, the environment, a file?)\n");
        g_explore_run_free(&fin);
        return 2;
    }
    print_found(&s, &fd, &fin, save, secs);
    g_explore_run_free(&fin);
    g_explore_run_free(&fd.run);
    free(fd.prefix);
    return 1;
}

int g_explore_check_fix(GSchedCli *c, const char *path, const char *src, size_t len, GRunProgram run)
{
    GCode *co = compile_program(path, src, len);
    if (!co)
        return 2;
    char err[400];
    if (g_exercise_parse(src, len, &c->ex, err, sizeof err) != 1) {
        fprintf(stderr, "gilt: %s: exercise header: %s\n", path, err);
        return 2;
    }
    c->is_exercise = true;
    Search s;
    search_init(&s, c, path, src, len, run);
    s.code = co;
    s.strategy = -1;
    s.grading = true;
    s.bound = 2;
    s.max_runs = 0;
    s.max_time = 120;
    c->explore_pct_runs = G_CHECK_PCT_RUNS;
    Found fd;
    bool found = search(&s, &fd);
    g_explore_progress_clear(&s);
    double secs = g_explore_now() - s.t0;
    if (found) {
        if (unjudged(&s, &fd, "--check", path))
            return 2;
        g_explore_shrink(&s, &fd);
        g_explore_progress_clear(&s);
        char save[4096];
        default_save(c->explore, c->save, save, sizeof save);
        Run fin;
        if (!final_run(&s, &fd, save, &fin)) {   /* (not repeatable: tell what the search saw) */
            g_explore_run_free(&fin);
            fin = fd.run;
            fd.run = (Run){ 0 };
        }
        char words[600];
        printf("check: not fixed: a schedule still fails: %s\n", outcome_words(&fin, words, sizeof words));
        print_found(&s, &fd, &fin, save, secs);
        g_explore_run_free(&fin);
        g_explore_run_free(&fd.run);
        free(fd.prefix);
        return 1;
    }
    if (fd.bound_done < 2) {
        /* no verdict: the fix may well be right, but the search could not show it */
        printf("check: not graded: the search did not finish within %.0f s (%llu schedules, every one passed); "
               "make the program smaller -- fewer threads, fewer rounds -- and check again\n",
               s.max_time, (unsigned long long)s.runs);
        return 2;
    }
    if (race_run(&s)) {
        printf("check: not fixed: every schedule passes, but the race detector still finds a data race: the "
               "result is right by luck of the values, not by synchronisation\n");
        fflush(stdout);
        print_output(&s, stdout, "  | ");
        return 1;
    }
    printf("check: fixed: no failing schedule in %llu schedules (every schedule with up to 2 preemptions, then "
           "%d PCT and random runs) and no data race, %.2f s\n",
           (unsigned long long)s.runs, G_CHECK_PCT_RUNS, secs);
    return 0;
}
