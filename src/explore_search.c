/* explore_search.c -- the schedule search proper (explore_internal.h): which
 * schedules to run, in what order, and which to skip; and shrinking a failing one.
 * explore_cli.c runs each schedule and says what was found.
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
 * the runs form a tree.  Level b+1 is searched with the preemptions just before a
 * store first (a thread switched out between reading a value and writing it back
 * is the commonest bug), although every one is run before the level is called done.
 * The reduction below skips the preemptions that cannot matter.
 *
 * After dfs (the default strategy searches levels 0 .. --preemptions, then goes on
 * with PCT and random walks), pct and random runs are independent: a seed each.
 */
#include "explore_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"

/* ---- dfs: iterative preemption bounding ---- */

static void push(Queue *q, Item it)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 256;
        q->v = g_explore_realloc(q->v, q->cap * sizeof *q->v);
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
    uint8_t *p = g_explore_malloc((size_t)it->len + 1);
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
            g_explore_out_of_memory();
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
        s->deferred = g_explore_realloc(s->deferred, s->deferred_cap * sizeof *s->deferred);
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
    Base *base = g_explore_malloc(sizeof *base);
    base->n = r->nnodes;
    base->chosen = g_explore_malloc(base->n);
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
    Item *sorted = g_explore_malloc(q->n * sizeof *sorted);
    size_t a = 0, b = w;
    for (size_t i = 0; i < q->n; i++)
        sorted[q->v[i].write ? a++ : b++] = q->v[i];
    /* a stack pops from the end: reverse, so the first in order runs first */
    for (size_t i = 0; i < q->n; i++)
        q->v[i] = sorted[q->n - 1 - i];
    free(sorted);
}


bool g_explore_dfs(Search *s, Found *fd)
{
    Queue levels[2] = { { 0 } };
    Queue *cur = &levels[0], *nxt = &levels[1];
    Base *root = g_explore_malloc(sizeof *root);
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
            if (g_explore_out_of_budget(s)) {
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
            bool failed = g_explore_run_plan(s, plan, &r);
            g_explore_progress(s, false);
            if (first && r.outcome == G_RUN_BUDGET && !s->c->is_exercise) {
                /* the program does not stop even without preemptions: bad input */
                g_explore_progress_clear(s);
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
            g_explore_run_free(&r);
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
bool g_explore_seeded_runs(Search *s, Found *fd, int strat, uint64_t max_runs)
{
    s->phase = strat == G_EXPLORE_PCT ? "pct" : strat == G_EXPLORE_RANDOM ? "random walks" : "pct and random walks";
    uint64_t start = s->runs;
    for (uint64_t i = 0;; i++) {
        if (g_explore_out_of_budget(s) || (max_runs && s->runs - start >= max_runs))
            return false;
        GExploreStrategy st = strat >= 0 ? (GExploreStrategy)strat : i % 2 ? G_EXPLORE_RANDOM : G_EXPLORE_PCT;
        uint64_t seed = s->seed + (strat >= 0 ? i : i / 2);
        GExplorePlan plan = { .strategy = st, .seed = seed, .depth = s->depth,
                              .pct_steps = s->max_steps ? s->max_steps : 100 };
        Run r;
        bool failed = g_explore_run_plan(s, plan, &r);
        g_explore_progress(s, false);
        if (failed) {
            fd->found = true;
            fd->run = r;
            fd->how = st == G_EXPLORE_PCT ? "pct" : "random";
            fd->seed = seed;
            /* the choices it made are the schedule */
            fd->nprefix = r.nnodes;
            fd->prefix = g_explore_malloc(r.nnodes + 1);
            for (size_t k = 0; k < r.nnodes; k++)
                fd->prefix[k] = r.nodes[k].chosen;
            return true;
        }
        g_explore_run_free(&r);
    }
}

/* ---- shrinking ---- */

int g_explore_preemptions(const Run *r)
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
void g_explore_shrink(Search *s, Found *fd)
{
    s->phase = "shrinking";
    fd->found_preemptions = g_explore_preemptions(&fd->run);
    double t0 = g_explore_now();
    bool better = true;
    while (better && g_explore_now() - t0 < 20) {
        better = false;
        size_t n = fd->run.ntaken;
        uint8_t *seg_t = g_explore_malloc(n + 1);
        size_t *seg_n = g_explore_malloc((n + 1) * sizeof *seg_n);
        size_t k = segments(fd->run.taken, n, seg_t, seg_n);
        for (size_t j = k - 1; j-- > 0 && !better;) {
            if (seg_t[j] == seg_t[j + 1])
                continue;
            uint8_t *cand = g_explore_malloc(n + 1);
            size_t m = 0;
            for (size_t i = 0; i < k; i++) {
                size_t src = i == j ? j + 1 : i == j + 1 ? j : i;
                memset(cand + m, seg_t[src], seg_n[src]);
                m += seg_n[src];
            }
            GExplorePlan plan = { .strategy = G_EXPLORE_DFS, .steps = cand, .nsteps = m };
            Run r;
            bool failed = g_explore_run_plan(s, plan, &r);
            g_explore_progress(s, false);
            int pr = g_explore_preemptions(&r), pf = g_explore_preemptions(&fd->run);
            if (failed && r.outcome == fd->run.outcome && (pr < pf || (pr == pf && r.steps < fd->run.steps))) {
                g_explore_run_free(&fd->run);
                fd->run = r;
                better = true;
            } else {
                g_explore_run_free(&r);
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

