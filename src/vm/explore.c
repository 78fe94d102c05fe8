/* explore.c -- one run of a schedule search, inside the child (explore.h).
 *
 * Everything here runs on the baton holder (runtime/sched.h: one thread at a time
 * runs Python, and the hand-over orders one holder's writes before the next one's
 * reads), or on the main thread before the program starts and after it ends.  So
 * the state below has one writer at a time and needs no lock of its own.
 */
#include "vm/explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/opcodes.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/frame.h"
#include "vm/step.h"
#include "vm/vm.h"

/* One read or write of shared state, for the story of a failing run. */
typedef struct Access {
    uint64_t step;
    int thread, line;
    bool write;
    char loc[64];        /* "count", "Account.balance", "list[0]" */
    char file[64];       /* the code's file, without its folder */
    char value[48];      /* its repr, for plain values; "" otherwise */
    const void *obj;     /* the namespace or container, to tell locations apart */
    const void *frame;   /* a read: the frame whose next point shows the value read */
    bool pending;        /* a read whose value is not known yet */
} Access;

static struct {
    bool on;
    GExplorePlan plan;
    GExploreNode *nodes;
    size_t n, cap;
    uint64_t rng;
    int run_len;                              /* steps in a row of `run_thread` */
    int run_thread;
    uint64_t prio[G_EXPLORE_MAX_THREADS];     /* pct: 0 = not given yet */
    uint64_t change[16];                      /* pct: the steps that lower a priority */
    int nchange;
    int fair;                                 /* steps in a row before a fair switch */
    uint64_t visible;                         /* choice points where a preemption matters */
    Access *acc;
    size_t nacc, acccap;
    /* the locations touched: an open-addressing table of (object, name) keys */
    struct LocKey { const void *obj, *name; } *keys;
    uint32_t *slot;                           /* hash slot -> index + 1, or 0 */
    size_t nslots;
    GExploreLoc *locs;
    size_t nlocs, loccap;
    uint8_t *taken;                           /* the thread of each step */
    size_t ntaken, takencap;
} X;   /* baton holder */

static _Noreturn void out_of_memory(void)
{
    fprintf(stderr, "gilt: out of memory in --explore\n");
    _exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        out_of_memory();
    return q;
}

bool g_explore_child(void) { return X.on; }

void g_explore_child_budget(uint64_t budget)
{
    /* a spin-wait must be switched out well before the budget ends */
    uint64_t f = budget / 10;
    X.fair = budget == 0 || f >= G_EXPLORE_FAIR ? G_EXPLORE_FAIR : f < 20 ? 20 : (int)f;
}

void g_explore_child_begin(const GExplorePlan *plan)
{
    memset(&X, 0, sizeof X);
    X.on = true;
    X.plan = *plan;
    X.rng = plan->seed * 0x2545f4914f6cdd1dull + 1;
    X.run_thread = -1;
    X.fair = G_EXPLORE_FAIR;
    if (plan->strategy == G_EXPLORE_PCT) {
        uint64_t k = plan->pct_steps ? plan->pct_steps : 1;
        X.nchange = plan->depth - 1;
        if (X.nchange > 16)
            X.nchange = 16;
        if (X.nchange < 0)
            X.nchange = 0;
        for (int i = 0; i < X.nchange; i++)
            X.change[i] = 1 + g_splitmix64(&X.rng) % k;
    }
}

/* ---- what the last thread does next ---- */

static bool plain_value(GObject *o)
{
    GType *t = G_TYPE(o);
    return o == G_NONE || t == &GInt_type || t == &GBool_type || t == &GFloat_type || t == &GStr_type;
}

/* Only the calling thread holds o, once: nobody else can reach it. */
static bool sole_reference(GObject *o)
{
    return g_ob_tid(o) == (uintptr_t)g_tstate_current && g_ref_local(o) == 1 &&
           (atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed) >> 2) == 0;
}

/* A call of a built-in function that only computes from plain values (range(3),
 * int("5"), abs(x)): it touches nothing shared. */
static bool pure_builtin_call(GObject **args, uint32_t nargs)
{
    static const char *const pure[] = { "range", "int", "str", "float", "bool", "abs", "min", "max",
                                        "round", "divmod", "pow", "chr", "ord", "hex", "repr", NULL };
    GObject *fn = args[-1];
    if (G_TYPE(fn) != &GCFunction_type)
        return false;
    GObject *self = ((GCFunction *)fn)->self;   /* a module function's is its module */
    if (self != g_runtime.builtins_module)
        return false;
    for (uint32_t i = 0; i < nargs; i++)
        if (!plain_value(args[i]))
            return false;
    const char *name = ((GCFunction *)fn)->def->name;
    for (int i = 0; pure[i]; i++)
        if (strcmp(name, pure[i]) == 0)
            return true;
    return false;
}

/* An instruction that touches only its own frame, given the values it works on: a
 * preemption just before it is the same as one just after it. */
static bool local_instruction(GFrame *f, int ip)
{
    uint32_t word = g_code_word(f->code, ip);
    GObject **sp = f->sp;
    switch (G_OP(word)) {
    case OP_NOP: case OP_POP_TOP: case OP_ROT_TWO: case OP_ROT_THREE: case OP_ROT_FOUR:
    case OP_DUP_TOP: case OP_DUP_TOP_TWO: case OP_LOAD_CONST: case OP_LOAD_FAST:
    case OP_STORE_FAST: case OP_LOAD_CLOSURE: case OP_JUMP: case OP_BUILD_TUPLE:
    case OP_BUILD_LIST: case OP_BUILD_SLICE: case OP_BUILD_STRING: case OP_LIST_APPEND:
    case OP_LIST_TO_TUPLE: case OP_MAKE_FUNCTION: case OP_RETURN_VALUE: case OP_SETUP_FINALLY:
    case OP_POP_BLOCK: case OP_LOAD_ASSERTION_ERROR: case OP_IS_OP:
        return true;
    case OP_BINARY_OP: case OP_INPLACE_OP: case OP_COMPARE_OP:
        return plain_value(sp[-1]) && plain_value(sp[-2]);
    case OP_CALL:
        return pure_builtin_call(sp - G_ARG(word), G_ARG(word));
    case OP_GET_ITER:   /* over a range: a new iterator, nobody else's */
        return G_TYPE(sp[-1]) == &GRange_type;
    case OP_FOR_ITER:   /* a range's iterator that only this frame's stack holds */
        return strcmp(G_TYPE(sp[-1])->name, "range_iterator") == 0 && sole_reference(sp[-1]);
    case OP_UNARY_NEG: case OP_UNARY_POS: case OP_UNARY_NOT: case OP_UNARY_INVERT:
    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP: case OP_FORMAT_VALUE:
        return plain_value(sp[-1]);
    default:
        return false;
    }
}

static bool write_instruction(uint32_t word)
{
    switch (G_OP(word)) {
    case OP_STORE_GLOBAL: case OP_STORE_NAME: case OP_STORE_ATTR: case OP_STORE_SUBSCR:
    case OP_STORE_DEREF: case OP_DELETE_GLOBAL: case OP_DELETE_NAME: case OP_DELETE_ATTR:
    case OP_DELETE_SUBSCR:
        return true;
    default:
        return false;
    }
}

/* ---- locations: who read and wrote what ---- */

static uint32_t loc_index(const void *obj, const void *name)
{
    if (X.nlocs * 2 >= X.nslots) {   /* grow, and put every key back */
        size_t ns = X.nslots ? X.nslots * 2 : 256;
        free(X.slot);
        X.slot = calloc(ns, sizeof *X.slot);
        if (!X.slot)
            out_of_memory();
        X.nslots = ns;
        for (size_t i = 0; i < X.nlocs; i++) {
            size_t h = ((uintptr_t)X.keys[i].obj * 31 + (uintptr_t)X.keys[i].name) * 0x9e3779b97f4a7c15ull >> 7;
            while (X.slot[h & (ns - 1)])
                h++;
            X.slot[h & (ns - 1)] = (uint32_t)i + 1;
        }
    }
    size_t h = ((uintptr_t)obj * 31 + (uintptr_t)name) * 0x9e3779b97f4a7c15ull >> 7;
    for (;; h++) {
        uint32_t k = X.slot[h & (X.nslots - 1)];
        if (k == 0)
            break;
        if (X.keys[k - 1].obj == obj && X.keys[k - 1].name == name)
            return k - 1;
    }
    if (X.nlocs == X.loccap) {
        X.loccap = X.loccap ? X.loccap * 2 : 128;
        X.keys = xrealloc(X.keys, X.loccap * sizeof *X.keys);
        X.locs = xrealloc(X.locs, X.loccap * sizeof *X.locs);
    }
    X.keys[X.nlocs] = (struct LocKey){ obj, name };
    /* the name's characters, hashed (FNV-1a): the same in every run of the search */
    uint64_t key = 0xcbf29ce484222325ull;
    for (const char *c = g_str_data((GObject *)name); *c; c++)
        key = (key ^ (unsigned char)*c) * 0x100000001b3ull;
    X.locs[X.nlocs] = (GExploreLoc){ .key = key };
    X.slot[h & (X.nslots - 1)] = (uint32_t)X.nlocs + 1;
    return (uint32_t)X.nlocs++;
}

/* The location the instruction at f/ip reads or writes, if it is one the pruning
 * understands: a global, an attribute or method, a closure variable -- known by its
 * name alone, so that `self.mode` and `Config.mode`, or `helper.x` and helper's own
 * global x, are one location (coarse, and so safe: the search prunes less).
 * Everything else (calls, items, iteration) is never pruned. */
static bool instruction_loc(GFrame *f, int ip, uint32_t *loc, bool *write)
{
    uint32_t word = g_code_word(f->code, ip);
    GObject *names = f->code->names;
    GCode *co = f->code;
    uint32_t a = G_ARG(word);
    GObject *name;
    switch (G_OP(word)) {
    case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_STORE_GLOBAL: case OP_STORE_NAME:
    case OP_DELETE_GLOBAL: case OP_DELETE_NAME:
    case OP_LOAD_ATTR: case OP_LOAD_METHOD: case OP_STORE_ATTR: case OP_DELETE_ATTR:
        name = G_TUPLE_ITEM(names, a);
        *write = G_OP(word) == OP_STORE_GLOBAL || G_OP(word) == OP_STORE_NAME || G_OP(word) == OP_DELETE_GLOBAL ||
                 G_OP(word) == OP_DELETE_NAME || G_OP(word) == OP_STORE_ATTR || G_OP(word) == OP_DELETE_ATTR;
        break;
    case OP_LOAD_DEREF: case OP_STORE_DEREF:
        name = (int)a < co->ncells ? G_TUPLE_ITEM(co->cellvars, a) : G_TUPLE_ITEM(co->freevars, a - co->ncells);
        *write = G_OP(word) == OP_STORE_DEREF;
        break;
    default:
        return false;
    }
    *loc = loc_index(NULL, name);
    return true;
}

/* Thread no runs the instruction at its point: count the access. */
static void count_access(int no, GSchedThread *st)
{
    uint32_t loc;
    bool write;
    if (!st || !st->at_point || !st->frame || no >= G_EXPLORE_MAX_THREADS)
        return;
    if (!instruction_loc(st->frame, st->ip, &loc, &write))
        return;
    if (write)
        X.locs[loc].writers |= 1ull << no;
    else
        X.locs[loc].readers |= 1ull << no;
}

/* ---- the story: reads and writes ---- */

static void short_repr(GObject *o, char *buf, size_t n)
{
    buf[0] = 0;
    if (!plain_value(o))
        return;
    GObject *r = g_repr(o);
    if (!r) {
        g_err_clear();
        return;
    }
    const char *s = g_str_data(r);
    if (strlen(s) >= n)
        snprintf(buf, n, "%.*s...", (int)n - 4, s);
    else
        snprintf(buf, n, "%s", s);
    g_decref(r);
}

static Access *access_new(uint64_t step, int thread, GFrame *f, int ip, bool write)
{
    if (X.nacc == X.acccap) {
        X.acccap = X.acccap ? X.acccap * 2 : 64;
        X.acc = xrealloc(X.acc, X.acccap * sizeof *X.acc);
    }
    Access *a = &X.acc[X.nacc++];
    memset(a, 0, sizeof *a);
    a->step = step;
    a->thread = thread;
    a->line = g_code_line_at(f->code, ip);
    const char *file = g_str_data(f->code->filename), *slash = strrchr(file, '/');
    snprintf(a->file, sizeof a->file, "%s", slash ? slash + 1 : file);
    a->write = write;
    return a;
}

static const char *name_arg(GFrame *f, uint32_t word)
{
    GObject *names = f->code->names;
    uint32_t i = G_ARG(word);
    return i < (uint32_t)G_TUPLE_SIZE(names) ? g_str_data(G_TUPLE_ITEM(names, i)) : "?";
}

/* Thread `no` is about to run the instruction at f/ip: note a shared read or write. */
static void note_access(uint64_t step, int no, GFrame *f, int ip)
{
    uint32_t word = g_code_word(f->code, ip);
    GObject **sp = f->sp;
    Access *a = NULL;
    switch (G_OP(word)) {
    case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_STORE_GLOBAL: case OP_STORE_NAME: {
        bool w = G_OP(word) == OP_STORE_GLOBAL || G_OP(word) == OP_STORE_NAME;
        if (w && !plain_value(sp[-1]))
            return;   /* `t1 = Thread(...)`: not the data the story is about */
        a = access_new(step, no, f, ip, w);
        snprintf(a->loc, sizeof a->loc, "%s", name_arg(f, word));
        a->obj = f->globals;
        if (w)
            short_repr(sp[-1], a->value, sizeof a->value);
        break;
    }
    case OP_LOAD_ATTR: case OP_STORE_ATTR: {
        bool w = G_OP(word) == OP_STORE_ATTR;
        GObject *o = sp[-1];
        if (w && !plain_value(sp[-2]))
            return;   /* (a read of a method or a module is dropped when its value shows) */
        a = access_new(step, no, f, ip, w);
        if (G_TYPE(o) == &GType_type)   /* a class attribute: Counter.count */
            snprintf(a->loc, sizeof a->loc, "%s.%s", ((GType *)o)->name, name_arg(f, word));
        else if (G_TYPE(o) == &GModule_type)
            snprintf(a->loc, sizeof a->loc, "module.%s", name_arg(f, word));
        else
            snprintf(a->loc, sizeof a->loc, "%s.%s", G_TYPE(o)->name, name_arg(f, word));
        a->obj = o;
        if (w)
            short_repr(sp[-2], a->value, sizeof a->value);
        break;
    }
    case OP_LOAD_DEREF: case OP_STORE_DEREF: {
        bool w = G_OP(word) == OP_STORE_DEREF;
        GCode *co = f->code;
        uint32_t k = G_ARG(word);
        if (w && !plain_value(sp[-1]))
            return;
        a = access_new(step, no, f, ip, w);
        GObject *name = (int)k < co->ncells ? G_TUPLE_ITEM(co->cellvars, k) : G_TUPLE_ITEM(co->freevars, k - co->ncells);
        snprintf(a->loc, sizeof a->loc, "%s", g_str_data(name));
        a->obj = f->localsplus[co->nlocals + k];   /* the cell */
        if (w)
            short_repr(sp[-1], a->value, sizeof a->value);
        break;
    }
    case OP_BINARY_SUBSCR: case OP_STORE_SUBSCR: {
        bool w = G_OP(word) == OP_STORE_SUBSCR;
        GObject *key = sp[-1], *o = sp[-2];
        char k[40];
        short_repr(key, k, sizeof k);
        if (!k[0] || (w && !plain_value(sp[-3])))
            return;
        a = access_new(step, no, f, ip, w);
        snprintf(a->loc, sizeof a->loc, "%s[%s]", G_TYPE(o)->name, k);
        a->obj = o;
        if (w)
            short_repr(sp[-3], a->value, sizeof a->value);
        break;
    }
    default:
        return;
    }
    if (!a->write) {
        a->pending = true;
        a->frame = f;
    }
}

/* Thread `no` stands at a point again: a read it made last shows on its stack. */
static void finish_read(int no, GSchedThread *st)
{
    for (size_t i = X.nacc; i-- > 0;) {
        Access *a = &X.acc[i];
        if (a->thread != no)
            continue;
        if (a->pending) {
            a->pending = false;
            GFrame *f = st->frame;
            if (st->at_point && f == a->frame && f->sp > g_frame_stack(f))
                short_repr(f->sp[-1], a->value, sizeof a->value);
            if (!a->value[0])   /* a method, a module: drop it */
                memmove(a, a + 1, (--X.nacc - i) * sizeof *a);
        }
        return;
    }
}

/* ---- the policy ---- */

static bool in_ready(uint64_t ready, int t) { return t >= 0 && t < 64 && (ready >> t) & 1; }

static int lowest(uint64_t ready)
{
    for (int t = 0; t < 64; t++)
        if ((ready >> t) & 1)
            return t;
    return -1;
}

/* The next ready thread after t, going round. */
static int after(uint64_t ready, int t)
{
    for (int i = 1; i <= 64; i++) {
        int u = (t + i) % 64;
        if ((ready >> u) & 1)
            return u;
    }
    return -1;
}

/* PCT.  Its change points count only the choice points where a preemption can
 * matter (a thread at a point, about to do something others can see), which is
 * the k of the paper's bound for this program rather than every instruction. */
static int pick_pct(uint64_t ready, int last, bool change_point)
{
    if (change_point) {
        X.visible++;
        for (int i = 0; i < X.nchange; i++)
            if (X.change[i] == X.visible && last >= 0)
                X.prio[last] = (uint64_t)(i + 1);   /* below every initial priority */
    }
    int best = -1;
    for (int t = 0; t < 64; t++) {
        if (!((ready >> t) & 1))
            continue;
        if (X.prio[t] == 0)   /* a new thread: a random priority above d */
            X.prio[t] = 64 + (g_splitmix64(&X.rng) >> 8);
        if (best < 0 || X.prio[t] > X.prio[best])
            best = t;
    }
    return best;
}

int g_explore_pick(const int *ready, int n, uint64_t step, GDecideWhy why)
{
    GThreadState *ts = g_tstate_current;
    G_ASSERT(X.on && n >= 1 && ts->sched);   /* the baton holder, in an explore child */
    int last = why == G_DECIDE_EXIT ? -1 : ts->sched->no;
    uint64_t mask = 0;
    for (int i = 0; i < n; i++) {
        if (ready[i] >= G_EXPLORE_MAX_THREADS) {
            fflush(stdout);
            fprintf(stderr, "gilt: --explore follows at most %d threads; this program starts more\n",
                    G_EXPLORE_MAX_THREADS);
            g_explore_child_finish(G_RUN_ERROR, 2, "too many threads for --explore");
        }
        mask |= 1ull << ready[i];
    }
    if (X.plan.account && last >= 0)
        finish_read(last, ts->sched);
    int chosen;
    uint8_t flags = 0;
    uint32_t loc = 0;
    bool at_point = why == G_DECIDE_POINT && in_ready(mask, last);
    if (n == 1) {
        chosen = ready[0];
    } else {
        if (at_point) {
            GSchedThread *st = ts->sched;
            flags |= G_NODE_POINT;
            if (st->at_point && st->frame) {
                GFrame *f = st->frame;
                bool w;
                if (local_instruction(f, st->ip))
                    flags |= G_NODE_LOCAL;
                if (write_instruction(g_code_word(f->code, st->ip)))
                    flags |= G_NODE_WRITE;
                if (instruction_loc(f, st->ip, &loc, &w))
                    flags |= G_NODE_LOC;
            }
        }
        int want = X.n < X.plan.nprefix ? X.plan.prefix[X.n] : -1;
        if (X.plan.steps)
            want = step - 1 < X.plan.nsteps ? X.plan.steps[step - 1] : -1;
        bool matters = !(flags & G_NODE_LOCAL);
        if (in_ready(mask, want)) {
            chosen = want;
        } else if (at_point && X.run_thread == last && X.run_len >= X.fair) {
            /* every strategy: a spin-wait must not eat the budget (explore.h) */
            chosen = after(mask, last);
            flags |= G_NODE_FAIR;
        } else if (X.plan.strategy == G_EXPLORE_PCT) {
            chosen = pick_pct(mask, last, at_point && matters);
        } else if (X.plan.strategy == G_EXPLORE_RANDOM) {
            /* at a thread-local step, go on; where it matters, go on half the time and
             * otherwise pick uniformly.  (A pick at every step switches so often that
             * a bug needing a thread to run a few steps undisturbed between switches
             * -- the dragon exercise -- is found once in thousands of runs; at one
             * half, once in a few hundred: bench/explore.) */
            if ((at_point && !matters) || (at_point && g_splitmix64(&X.rng) % 100 >= 50))
                chosen = last;
            else
                chosen = ready[g_splitmix64(&X.rng) % (uint64_t)n];
        } else {
            chosen = at_point ? last : lowest(mask);
        }
        G_ASSERT(in_ready(mask, chosen));
        if (X.n == X.cap) {
            X.cap = X.cap ? X.cap * 2 : 256;
            X.nodes = xrealloc(X.nodes, X.cap * sizeof *X.nodes);
        }
        X.nodes[X.n++] = (GExploreNode){ .step = (uint32_t)step, .last = last < 0 ? G_EXPLORE_NO_THREAD : (uint8_t)last,
                                         .chosen = (uint8_t)chosen, .flags = flags, .loc = loc,
                                         .ready = mask };
        if (chosen == X.run_thread)
            X.run_len++;
        else
            X.run_thread = chosen, X.run_len = 1;
    }
    count_access(chosen, g_sched_thread(chosen));
    if (X.ntaken == X.takencap) {
        X.takencap = X.takencap ? X.takencap * 2 : 1024;
        X.taken = xrealloc(X.taken, X.takencap);
    }
    X.taken[X.ntaken++] = (uint8_t)chosen;
    if (X.plan.account) {
        GSchedThread *st = g_sched_thread(chosen);
        if (st && st->at_point && st->frame)
            note_access(step, chosen, st->frame, st->ip);
    }
    return chosen;
}

/* ---- the report ---- */

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w <= 0)
            return;   /* the parent has gone: nothing to tell */
        c += w;
        n -= (size_t)w;
    }
}

/* The story, one line per access: "step thread file line r|w loc value objid". */
static char *account_text(size_t *len)
{
    size_t cap = X.nacc * 280 + 1, n = 0;   /* a line's fields are at most ~250 */
    char *s = xrealloc(NULL, cap);
    s[0] = 0;
    for (size_t i = 0; i < X.nacc; i++) {
        Access *a = &X.acc[i];
        if (!a->value[0])
            continue;
        int w = snprintf(s + n, cap - n, "%llu\t%d\t%s\t%d\t%c\t%s\t%s\t%p\n", (unsigned long long)a->step,
                         a->thread, a->file, a->line, a->write ? 'w' : 'r', a->loc, a->value, a->obj);
        if (w > 0 && (size_t)w < cap - n)
            n += (size_t)w;
    }
    *len = n;
    return s;
}

_Noreturn void g_explore_child_finish(GRunOutcome outcome, int status, const char *what)
{
    fflush(stdout);
    fflush(stderr);
    size_t alen = 0;
    char *acc = X.plan.account ? account_text(&alen) : NULL;
    GExploreReport r = { .magic = G_EXPLORE_MAGIC, .outcome = outcome, .status = status,
                         .nthreads = (uint32_t)g_sched_nthreads(), .steps = g_sched_steps(), .nodes = X.n,
                         .nlocs = X.nlocs, .ntaken = X.ntaken,
                         .what_len = what ? (uint32_t)strlen(what) : 0, .account_len = (uint32_t)alen };
    write_all(X.plan.fd, &r, sizeof r);
    write_all(X.plan.fd, X.nodes, X.n * sizeof *X.nodes);
    write_all(X.plan.fd, X.locs, X.nlocs * sizeof *X.locs);
    write_all(X.plan.fd, X.taken, X.ntaken);
    if (what)
        write_all(X.plan.fd, what, r.what_len);
    if (acc)
        write_all(X.plan.fd, acc, alen);
    close(X.plan.fd);
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(0);
}
