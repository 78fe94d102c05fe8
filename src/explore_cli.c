/* explore_cli.c -- the schedule search (explore_cli.h).
 *
 * A run.  The parent has brought the interpreter up and run nothing.  For each
 * schedule it forks a child, which runs the program under the controlled scheduler
 * with the explore policy (vm/explore.h) and writes back a report: how the run
 * ended, and every choice point it met -- a decision with two or more threads
 * ready.  The program's output goes to a scratch file; only the failing run's is
 * shown.  Forking a clean interpreter costs far less than starting gilt again, and
 * a run that corrupts its memory cannot corrupt the search.
 *
 * The search: iterative preemption bounding (CHESS; Loom).  A *preemption* is a
 * switch away from a thread that could have gone on.  Switches when a thread blocks
 * or ends are free.  A schedule is named by its prefix: the thread picked at each
 * choice point up to some point; after the prefix the child never preempts.  So:
 *
 *   level 0: the empty prefix, and every schedule that differs from one already run
 *            only in a free choice (who goes when a thread blocks or ends);
 *   level b: every schedule made from one of level b-1 by one more preemption, at a
 *            choice point after the ones its prefix fixes -- and again all its free
 *            variations.
 *
 * Each schedule is generated once, from the run that first met its choice point:
 * the runs form a tree.  Two rules keep it small.  A preemption is skipped where the
 * preempted thread's next instruction is thread-local (explore.h explains why that
 * loses nothing), and level b+1 is searched with the preemptions just before a
 * store first (a thread switched out between reading a value and writing it back
 * is the commonest bug), although every one is run before the level is called done.
 *
 * After dfs (the default strategy searches levels 0 .. --preemptions, then goes on
 * with PCT), pct and random runs are independent: a seed each.
 *
 * Shrinking.  A failing schedule found by pct or random has preemptions that do not
 * matter.  Each is tried without (the thread goes on instead; the choices after it
 * are kept where they still make sense), and dropped if the run still fails the
 * same way, until none can go.  Then the schedule is run once more recording
 * everything: its steps with their notes go to FILE.fail.sched, and its shared reads
 * and writes become the story printed for the student.
 */
#include "explore_cli.h"
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

#define G_EXPLORE_MAX_QUEUE 2000000       /* schedules waiting for the next level */
#define G_CHECK_PCT_RUNS 300              /* --check on a fix exercise: PCT runs after dfs */
#define G_EXPLORE_RUN_SECONDS 30          /* the longest one run may take */

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
    GCode *code;             /* the program, compiled once here */
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

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static _Noreturn void out_of_memory(void)
{
    fprintf(stderr, "gilt: out of memory in --explore\n");
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

static void run_free(Run *r)
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
    char *s = xmalloc(n + 1);
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

static void child(Search *s, const GExplorePlan *plan)
{
    /* a run dies with the search (a killed parent leaves no orphan burning a core),
     * and of SIGALRM if it takes longer than any run should: one step that never
     * ends, sum(range(10**12)) say, is not a schedule to search */
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
    g_explore_child_begin(plan);
    s->c->explore_child = true;
    int status = g_sched_cli_begin(s->c, s->path, s->src, s->len);
    if (status != 0)
        g_explore_child_finish(G_RUN_ERROR, status, "the scheduler could not start");
    status = s->run(s->src, s->len, s->path, s->code);
    g_sched_cli_end(s->c, status);
    g_explore_child_finish(G_RUN_ERROR, status, "the run did not report");   /* not reached */
}

static bool run_plan(Search *s, GExplorePlan plan, Run *r)
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
        r->nodes = xmalloc(r->nnodes * sizeof *r->nodes);
        r->nlocs = rep.nlocs;
        r->locs = xmalloc(r->nlocs * sizeof *r->locs);
        r->ntaken = rep.ntaken;
        r->taken = xmalloc(r->ntaken);
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
        run_free(r);
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

static void progress(Search *s, bool force)
{
    if (!s->tty)
        return;
    double t = now_s();
    if (!force && t - s->last_progress < 0.2)
        return;
    s->last_progress = t;
    double el = t - s->t0;
    fprintf(stderr, "\r\033[Kexplore: %s, %llu schedules, %.0f/s, %.1fs", s->phase, (unsigned long long)s->runs,
            el > 0 ? (double)s->runs / el : 0.0, el);
    fflush(stderr);
}

static void progress_clear(Search *s)
{
    if (s->tty)
        fprintf(stderr, "\r\033[K");
}

static bool out_of_budget(Search *s)
{
    double limit = s->max_time;
    if (s->in_dfs && s->strategy < 0 && !s->grading)
        limit = limit * 2 / 3;   /* the default strategy leaves a third for PCT and random runs */
    return (s->max_runs && s->runs >= s->max_runs) || (limit > 0 && now_s() - s->t0 >= limit);
}

/* ---- dfs: iterative preemption bounding ---- */

static void push(Queue *q, Item it)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 256;
        q->v = xrealloc(q->v, q->cap * sizeof *q->v);
    }
    q->v[q->n++] = it;
    it.base->refs++;
}

static void base_drop(Base *b)
{
    if (--b->refs == 0) {
        free(b->chosen);
        free(b);
    }
}

static uint8_t *item_prefix(const Item *it, size_t *n)
{
    uint8_t *p = xmalloc((size_t)it->len + 1);
    memcpy(p, it->base->chosen, it->len);
    p[it->len] = it->alt;
    *n = (size_t)it->len + 1;
    return p;
}

/* ---- the reduction: who touches what, over every run ----
 *
 * A preemption just before an instruction that reads a location no other thread
 * writes -- or writes one no other thread touches -- cannot matter: the other
 * threads' steps that would run in its place do not conflict with it, so running
 * them before it or after it reaches the same state, and *after it* is a choice
 * point of its own.  (Dynamic partial-order reduction rests on the same fact: it adds
 * a backtracking point only before a step that conflicts with another thread's.)
 *
 * "No other thread" must hold in every schedule, not only in the run at hand: a
 * thread may write `flag` only when it sees something a different interleaving
 * shows it.  So the search keeps the union, over every run so far, of the threads
 * that read and wrote each location (by name), prunes against that, and keeps each
 * preemption it pruned: when a later run shows a conflicting access, the preemption
 * is put back and run after all.  A level is done only when nothing it pruned has
 * come back. */

static GExploreLoc *union_get(Search *s, uint64_t key, bool add)
{
    if (add && (s->nunion + 1) * 2 > s->union_slots) {
        size_t ns = s->union_slots ? s->union_slots * 2 : 1024;
        GExploreLoc *v = calloc(ns, sizeof *v);
        if (!v)
            out_of_memory();
        for (size_t i = 0; i < s->union_slots; i++) {
            GExploreLoc *o = &s->union_v[i];
            if (!o->key)
                continue;
            size_t h = o->key & (ns - 1);
            while (v[h].key)
                h = (h + 1) & (ns - 1);
            v[h] = *o;
        }
        free(s->union_v);
        s->union_v = v;
        s->union_slots = ns;
    }
    if (!s->union_slots)
        return NULL;
    key |= 1;   /* 0 marks an empty slot */
    size_t h = key & (s->union_slots - 1);
    for (; s->union_v[h].key; h = (h + 1) & (s->union_slots - 1))
        if (s->union_v[h].key == key)
            return &s->union_v[h];
    if (!add)
        return NULL;
    G_ASSERT((s->nunion + 1) * 2 <= s->union_slots);   /* the load factor: never full */
    s->nunion++;
    s->union_v[h] = (GExploreLoc){ .key = key };
    return &s->union_v[h];
}

/* Add a run's accesses to the union; true if it learnt something. */
static bool union_merge(Search *s, const Run *r)
{
    bool grew = false;
    for (size_t i = 0; i < r->nlocs; i++) {
        GExploreLoc *u = union_get(s, r->locs[i].key, true);
        uint64_t rd = u->readers | r->locs[i].readers, wr = u->writers | r->locs[i].writers;
        grew = grew || rd != u->readers || wr != u->writers;
        u->readers = rd;
        u->writers = wr;
    }
    return grew;
}

/* Can the instruction of thread `last` at this location conflict with another's? */
static bool conflicts(Search *s, uint64_t key, int last, bool write)
{
    const GExploreLoc *l = union_get(s, key, false);
    if (!l)
        return false;
    uint64_t others = ~(1ull << last);
    return write ? ((l->readers | l->writers) & others) != 0 : (l->writers & others) != 0;
}

static void defer(Search *s, Item it, uint64_t key, int last, bool write)
{
    if (s->ndeferred == s->deferred_cap) {
        s->deferred_cap = s->deferred_cap ? s->deferred_cap * 2 : 256;
        s->deferred = xrealloc(s->deferred, s->deferred_cap * sizeof *s->deferred);
    }
    it.base->refs++;
    s->deferred[s->ndeferred++] = (Deferred){ .it = it, .key = key, .last = (uint8_t)last, .write = write };
}

/* Put back the pruned preemptions that a run has shown to matter: those of level b
 * or lower to run now, those of level b+1 to wait for it. */
static void revive(Search *s, int b, Queue *cur, Queue *next)
{
    size_t k = 0;
    for (size_t i = 0; i < s->ndeferred; i++) {
        Deferred *d = &s->deferred[i];
        if (!conflicts(s, d->key, d->last, d->write)) {
            s->deferred[k++] = *d;
            continue;
        }
        push(d->it.cost <= b ? cur : next, d->it);
        base_drop(d->it.base);   /* push took its own reference */
    }
    s->ndeferred = k;
}

/* The schedules one step away from run r, at its choice points from `from` on; r
 * ran at level b. */
static void expand(Search *s, const Run *r, size_t from, int b, Queue *same, Queue *next)
{
    if (r->nnodes <= from)
        return;
    Base *base = xmalloc(sizeof *base);
    base->n = r->nnodes;
    base->chosen = xmalloc(base->n);
    base->refs = 1;
    for (size_t i = 0; i < r->nnodes; i++)
        base->chosen[i] = r->nodes[i].chosen;
    /* pushed in order, popped deepest first: depth-first */
    for (size_t i = from; i < r->nnodes; i++) {
        const GExploreNode *nd = &r->nodes[i];
        if (nd->flags & G_NODE_FAIR)
            continue;
        for (int t = 0; t < G_EXPLORE_MAX_THREADS; t++) {
            if (!((nd->ready >> t) & 1) || t == nd->chosen)
                continue;
            Item it = { .base = base, .len = (uint32_t)i, .alt = (uint8_t)t,
                        .write = (nd->flags & G_NODE_WRITE) != 0, .cost = (uint8_t)b };
            if (!((nd->flags & G_NODE_POINT) && nd->chosen == nd->last)) {
                push(same, it);   /* a free choice: the same level */
                continue;
            }
            it.cost = (uint8_t)(b + 1);
            if ((nd->flags & G_NODE_LOCAL) || b + 1 > s->bound)
                continue;   /* thread-local: the same as preempting one instruction later */
            if (next->n + s->ndeferred >= G_EXPLORE_MAX_QUEUE) {
                s->queue_full = true;
                continue;
            }
            bool w = (nd->flags & G_NODE_WRITE) != 0;
            if ((nd->flags & G_NODE_LOC) && nd->loc < r->nlocs && !conflicts(s, r->locs[nd->loc].key, nd->last, w))
                defer(s, it, r->locs[nd->loc].key, nd->last, w);
            else
                push(next, it);
        }
    }
    base_drop(base);
}

/* Stable: the preemptions before a store first. */
static void order_writes_first(Queue *q)
{
    size_t w = 0;
    for (size_t i = 0; i < q->n; i++)
        w += q->v[i].write;
    Item *sorted = xmalloc(q->n * sizeof *sorted);
    size_t a = 0, b = w;
    for (size_t i = 0; i < q->n; i++)
        sorted[q->v[i].write ? a++ : b++] = q->v[i];
    /* a stack pops from the end: reverse, so the first in order runs first */
    for (size_t i = 0; i < q->n; i++)
        q->v[i] = sorted[q->n - 1 - i];
    free(sorted);
}

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

static bool dfs(Search *s, Found *fd)
{
    Queue levels[2] = { { 0 } };
    Queue *cur = &levels[0], *nxt = &levels[1];
    Base *root = xmalloc(sizeof *root);
    root->chosen = NULL;
    root->n = 0;
    root->refs = 1;
    fd->bound_done = -1;
    bool first = true;
    char phase[64];
    for (int b = 0; b <= s->bound; b++) {
        s->level = b;
        snprintf(phase, sizeof phase, "dfs, %d preemption%s", b, b == 1 ? "" : "s");
        s->phase = phase;
        if (b > 0)
            order_writes_first(cur);
        bool complete = true;
        while (first || cur->n > 0) {
            if (out_of_budget(s)) {
                complete = false;
                break;
            }
            uint8_t *prefix = NULL;
            size_t np = 0;
            if (!first) {
                Item it = cur->v[--cur->n];
                prefix = item_prefix(&it, &np);
                base_drop(it.base);
            }
            GExplorePlan plan = { .strategy = G_EXPLORE_DFS, .prefix = prefix, .nprefix = np };
            Run r;
            bool failed = run_plan(s, plan, &r);
            progress(s, false);
            if (first && r.outcome == G_RUN_BUDGET && !s->c->is_exercise) {
                /* the program does not stop even without preemptions: bad input */
                progress_clear(s);
                fprintf(stderr, "gilt --explore: %s did not stop within its step budget (%llu steps) even run "
                                "one thread at a time; a program to explore must end by itself\n",
                        s->path, (unsigned long long)r.steps);
                exit(2);
            }
            first = false;
            if (failed) {
                fd->found = true;
                fd->run = r;
                fd->prefix = prefix;
                fd->nprefix = np;
                fd->how = "dfs";
                fd->level = b;
                goto done;
            }
            bool learnt = union_merge(s, &r);
            expand(s, &r, np, b, cur, nxt);
            if (learnt)
                revive(s, b, cur, nxt);
            run_free(&r);
            free(prefix);
        }
        if (!complete)
            break;
        if (s->queue_full)
            break;
        fd->bound_done = b;
        Queue *t = cur;
        cur = nxt;
        nxt = t;
        if (cur->n == 0) {
            fd->bound_done = s->bound;   /* no preemption point left: every schedule was run */
            break;
        }
    }
done:
    for (int i = 0; i < 2; i++) {
        for (size_t k = 0; k < levels[i].n; k++)
            base_drop(levels[i].v[k].base);
        free(levels[i].v);
    }
    for (size_t k = 0; k < s->ndeferred; k++)
        base_drop(s->deferred[k].it.base);
    s->ndeferred = 0;
    base_drop(root);
    return fd->found;
}

/* Runs with a seed each: pct, random, or (the default strategy's second phase) the
 * two taken in turn -- PCT finds the bugs of small depth among long runs, and a
 * random walk the ones that need many short switches (the dragon exercise needs
 * four preemptions at the right places; PCT at depth 5 almost never places them). */
static bool independent(Search *s, Found *fd, int strat, uint64_t max_runs)
{
    s->phase = strat == G_EXPLORE_PCT ? "pct" : strat == G_EXPLORE_RANDOM ? "random walks" : "pct and random walks";
    uint64_t start = s->runs;
    for (uint64_t i = 0;; i++) {
        if (out_of_budget(s) || (max_runs && s->runs - start >= max_runs))
            return false;
        GExploreStrategy st = strat >= 0 ? (GExploreStrategy)strat : i % 2 ? G_EXPLORE_RANDOM : G_EXPLORE_PCT;
        uint64_t seed = s->seed + (strat >= 0 ? i : i / 2);
        GExplorePlan plan = { .strategy = st, .seed = seed, .depth = s->depth,
                              .pct_steps = s->max_steps ? s->max_steps : 100 };
        Run r;
        bool failed = run_plan(s, plan, &r);
        progress(s, false);
        if (failed) {
            fd->found = true;
            fd->run = r;
            fd->how = st == G_EXPLORE_PCT ? "pct" : "random";
            fd->seed = seed;
            /* the choices it made are the schedule */
            fd->nprefix = r.nnodes;
            fd->prefix = xmalloc(r.nnodes + 1);
            for (size_t k = 0; k < r.nnodes; k++)
                fd->prefix[k] = r.nodes[k].chosen;
            return true;
        }
        run_free(&r);
    }
}

/* ---- shrinking ---- */

static int count_preemptions(const Run *r)
{
    int p = 0;
    for (size_t i = 0; i < r->nnodes; i++) {
        const GExploreNode *nd = &r->nodes[i];
        if ((nd->flags & G_NODE_POINT) && nd->chosen != nd->last && !(nd->flags & G_NODE_FAIR))
            p++;
    }
    return p;
}

/* The steps as segments: thread seg_t[i] runs seg_n[i] steps. */
static size_t segments(const uint8_t *taken, size_t n, uint8_t *seg_t, size_t *seg_n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && seg_t[k - 1] == taken[i]) {
            seg_n[k - 1]++;
        } else {
            seg_t[k] = taken[i];
            seg_n[k++] = 1;
        }
    }
    return k;
}

/* Shrinking works on the steps (the thread of each), not on the choice points,
 * whose numbering shifts as soon as one choice changes.  A candidate swaps two
 * neighbouring segments -- [T a][U b][T c] becomes [T a][T c][U b], one switch
 * fewer where U had preempted T -- and is kept if its run still fails the same
 * way with fewer preemptions (or as many, in fewer steps).  Every segment gets its
 * turn until no swap helps. */
static void shrink(Search *s, Found *fd)
{
    s->phase = "shrinking";
    fd->found_preemptions = count_preemptions(&fd->run);
    double t0 = now_s();
    bool better = true;
    while (better && now_s() - t0 < 20) {
        better = false;
        size_t n = fd->run.ntaken;
        uint8_t *seg_t = xmalloc(n + 1);
        size_t *seg_n = xmalloc((n + 1) * sizeof *seg_n);
        size_t k = segments(fd->run.taken, n, seg_t, seg_n);
        for (size_t j = k - 1; j-- > 0 && !better;) {
            if (seg_t[j] == seg_t[j + 1])
                continue;
            uint8_t *cand = xmalloc(n + 1);
            size_t m = 0;
            for (size_t i = 0; i < k; i++) {
                size_t src = i == j ? j + 1 : i == j + 1 ? j : i;
                memset(cand + m, seg_t[src], seg_n[src]);
                m += seg_n[src];
            }
            GExplorePlan plan = { .strategy = G_EXPLORE_DFS, .steps = cand, .nsteps = m };
            Run r;
            bool failed = run_plan(s, plan, &r);
            progress(s, false);
            int pr = count_preemptions(&r), pf = count_preemptions(&fd->run);
            if (failed && r.outcome == fd->run.outcome && (pr < pf || (pr == pf && r.steps < fd->run.steps))) {
                run_free(&fd->run);
                fd->run = r;
                better = true;
            } else {
                run_free(&r);
            }
            free(cand);
        }
        free(seg_t);
        free(seg_n);
    }
    /* the final run follows the steps of the best run */
    free(fd->prefix);
    fd->prefix = NULL;
    fd->nprefix = 0;
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
    s->t0 = now_s();
    bool found = false;
    int strat = s->strategy;
    s->in_dfs = true;
    if (strat < 0 || strat == G_EXPLORE_DFS)
        found = dfs(s, fd);
    s->in_dfs = false;
    fd->dfs_runs = s->runs;
    fd->found_at = s->runs;
    if (!found && strat != G_EXPLORE_DFS) {
        if (s->max_steps == 0 && strat >= 0) {
            /* learn how long a run is (PCT's k) from one run without preemptions */
            GExplorePlan plan = { .strategy = G_EXPLORE_DFS };
            Run r;
            if (run_plan(s, plan, &r)) {
                fd->found = found = true;
                fd->run = r;
                fd->how = "dfs";
                fd->nprefix = 0;
                fd->prefix = NULL;
            } else {
                run_free(&r);
            }
        }
        /* the default strategy's PCT phase has its own allowance; asked for, the
         * strategy runs to --runs or --time */
        if (!found)
            found = independent(s, fd, strat, strat < 0 ? s->c->explore_pct_runs : 0);
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
    s->tty = isatty(2) && !getenv("CI");
    char tmpl[] = "/tmp/gilt-explore-XXXXXX";
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
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(s->out_fd, 1);
        dup2(s->out_fd, 2);
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
    bool failed = run_plan(s, plan, out);
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
    int p = count_preemptions(fin);
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
    progress_clear(&s);
    double secs = now_s() - s.t0;
    const char *arg_path = c->explore;
    if (!found) {
        print_covered(&s, &fd, secs);
        return 0;
    }
    if (fd.run.outcome == G_RUN_CRASHED || fd.run.outcome == G_RUN_ERROR) {
        char words[600];
        fflush(stdout);
        fprintf(stderr, "gilt --explore: %s: %s\n", path, outcome_words(&fd.run, words, sizeof words));
        print_output(&s, stderr, "  | ");
        return 2;
    }
    shrink(&s, &fd);
    progress_clear(&s);
    char save[4096];
    default_save(arg_path, c->save, save, sizeof save);
    Run fin;
    if (!final_run(&s, &fd, save, &fin)) {
        fprintf(stderr, "gilt --explore: the failing schedule passed when run again: the program does not "
                        "behave the same way twice (does it read the clock, the environment, a file?)\n");
        run_free(&fin);
        return 2;
    }
    print_found(&s, &fd, &fin, save, secs);
    run_free(&fin);
    run_free(&fd.run);
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
    progress_clear(&s);
    double secs = now_s() - s.t0;
    if (found) {
        if (fd.run.outcome == G_RUN_CRASHED || fd.run.outcome == G_RUN_ERROR) {
            char words[600];
            fprintf(stderr, "gilt --check: %s: %s\n", path, outcome_words(&fd.run, words, sizeof words));
            print_output(&s, stderr, "  | ");
            return 2;
        }
        shrink(&s, &fd);
        progress_clear(&s);
        char save[4096];
        default_save(c->explore, c->save, save, sizeof save);
        Run fin;
        if (!final_run(&s, &fd, save, &fin))
            fin = fd.run, fd.run = (Run){ 0 };
        char words[600];
        printf("check: not fixed: a schedule still fails: %s\n", outcome_words(&fin, words, sizeof words));
        print_found(&s, &fd, &fin, save, secs);
        run_free(&fin);
        run_free(&fd.run);
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
