/* race.c -- the race detector's core: clocks, shadow cells, sync clocks (race.h).
 *
 * Four tables, each under its own leaf lock (race.h has the ranks), none ever held
 * together with another:
 *
 *   thread records   tid -> name, creation site          threads_mu of this file
 *   sync clocks      address -> vector clock             16 shards by address
 *   shadow           container -> (key -> cell)          64 shards by container
 *   reported pairs   hash of two sites                   report_mu
 *
 * The shadow is two-level so that g_race_forget can drop a whole container in one
 * step: a shard maps the container's address to its ObjShadow, which maps the
 * caller's 64-bit keys to cells.  Both levels are the same small open-addressing
 * map (linear probing, deletion by backward shift, so there are no tombstones).
 *
 * A thread's vector clock is its owner's alone (race.h), and lives in the
 * thread-local `self`; what other threads may see of a thread -- its name and
 * where it was started -- is in its GRaceThread record, under threads_mu.
 *
 * Memory here comes from the C library, never from gilt's allocator: the detector
 * must not allocate objects (or run a GC) while it holds a shard lock.
 */
#include "runtime/race.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "runtime/lockrank.h"

_Atomic bool g_race_enabled;

static _Noreturn void out_of_memory(void)
{
    fputs("gilt --race: out of memory\n", stderr);
    abort();
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q && n)
        out_of_memory();
    return q;
}

/* ====================================================================================
 * Vector clocks
 * ==================================================================================== */

typedef struct VClock {
    uint32_t *c;        /* c[u]: the last moment of thread u known; 0 past n */
    uint32_t n;
} VClock;

static uint32_t vc_get(const VClock *v, uint32_t u) { return u < v->n ? v->c[u] : 0; }

static void vc_grow(VClock *v, uint32_t n)
{
    if (n <= v->n)
        return;
    v->c = xrealloc(v->c, (size_t)n * sizeof *v->c);
    memset(v->c + v->n, 0, (size_t)(n - v->n) * sizeof *v->c);
    v->n = n;
}

/* v := v join w (the pointwise maximum) */
static void vc_join(VClock *v, const VClock *w)
{
    vc_grow(v, w->n);
    for (uint32_t u = 0; u < w->n; u++)
        if (w->c[u] > v->c[u])
            v->c[u] = w->c[u];
}

/*   epoch:  | clock (32) | tid (32) |   0: none */
static uint64_t epoch_make(uint32_t clock, uint32_t tid) { return (uint64_t)clock << 32 | tid; }
static uint32_t epoch_clock(uint64_t e) { return (uint32_t)(e >> 32); }
static uint32_t epoch_tid(uint64_t e) { return (uint32_t)e; }
/* Does the access at epoch e happen before the present of the thread with clock v? */
static bool epoch_before(uint64_t e, const VClock *v) { return epoch_clock(e) <= vc_get(v, epoch_tid(e)); }

/* ====================================================================================
 * A small map: 64-bit key -> pointer (open addressing, linear probing)
 * ==================================================================================== */

typedef struct Slot { uint64_t key; void *val; } Slot;   /* val NULL: empty */
typedef struct Map { Slot *s; size_t cap, n; } Map;      /* cap: 0 or a power of two */

static size_t map_home(const Map *m, uint64_t key)
{
    uint64_t h = key * 0x9e3779b97f4a7c15ull;   /* Fibonacci hashing: mixes the low bits up */
    return (size_t)(h ^ (h >> 29)) & (m->cap - 1);
}

static void *map_get(const Map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = map_home(m, key);; i = (i + 1) & (m->cap - 1)) {
        if (!m->s[i].val)
            return NULL;
        if (m->s[i].key == key)
            return m->s[i].val;
    }
}

static void map_put_new(Map *m, uint64_t key, void *val);

static void map_grow(Map *m)
{
    Map old = *m;
    m->cap = old.cap ? old.cap * 2 : 8;
    m->s = calloc(m->cap, sizeof *m->s);
    if (!m->s)
        out_of_memory();
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.s[i].val)
            map_put_new(m, old.s[i].key, old.s[i].val);
    free(old.s);
}

/* Insert a key that is not in the map. */
static void map_put_new(Map *m, uint64_t key, void *val)
{
    G_ASSERT(val != NULL);
    if ((m->n + 1) * 4 > m->cap * 3)   /* at most 3/4 full */
        map_grow(m);
    size_t i = map_home(m, key);
    while (m->s[i].val)
        i = (i + 1) & (m->cap - 1);
    m->s[i].key = key;
    m->s[i].val = val;
    m->n++;
}

/* Remove key; returns its value or NULL.  Backward shift: the entries after the
 * hole that could live in it move up, so every probe chain stays unbroken. */
static void *map_del(Map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t i = map_home(m, key);
    while (m->s[i].val && m->s[i].key != key)
        i = (i + 1) & (m->cap - 1);
    void *val = m->s[i].val;
    if (!val)
        return NULL;
    size_t hole = i;
    for (size_t j = (i + 1) & (m->cap - 1); m->s[j].val; j = (j + 1) & (m->cap - 1)) {
        size_t home = map_home(m, m->s[j].key);
        /* j may move into the hole unless its home lies cyclically in (hole, j] */
        bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            m->s[hole] = m->s[j];
            hole = j;
        }
    }
    m->s[hole].val = NULL;
    m->n--;
    return val;
}

static void map_free(Map *m)
{
    free(m->s);
    m->s = NULL;
    m->cap = m->n = 0;
}

/* ====================================================================================
 * Threads
 * ==================================================================================== */

typedef struct GRaceThread {
    uint32_t tid;          /* creator */
    const void *key;       /* threads_mu: its GThreadState while it runs, then NULL */
    char name[64];         /* threads_mu */
    GRaceSite created;     /* creator: where it was started (n == 0: the main thread) */
    VClock start;          /* creator: its clock at birth, handed over in enter */
} GRaceThread;

static GRawMutex threads_mu;       /* G_RANK_RACE_THREADS */
static GRaceThread **threads;      /* threads_mu: by tid */
static uint32_t nthreads, threads_cap;
static GRaceCapture capture;       /* g_race_begin, then read-only */

/* owner: this thread's record and vector clock */
static _Thread_local GRaceThread *self;
static _Thread_local VClock self_vc;

static uint64_t self_epoch(void) { return epoch_make(self_vc.c[self->tid], self->tid); }

static GRaceThread *thread_record(const void *key, const char *name)
{
    GRaceThread *r = calloc(1, sizeof *r);
    if (!r)
        out_of_memory();
    r->key = key;
    snprintf(r->name, sizeof r->name, "%s", name);
    g_raw_lock(&threads_mu);
    if (nthreads == threads_cap) {
        threads_cap = threads_cap ? threads_cap * 2 : 16;
        threads = xrealloc(threads, threads_cap * sizeof *threads);
    }
    r->tid = nthreads;
    threads[nthreads++] = r;
    g_raw_unlock(&threads_mu);
    return r;
}

/* Shards, declared here so that g_race_begin can set them up. */
#define SHADOW_SHARDS 64
#define SYNC_SHARDS 16
typedef struct ShadowShard { GRawMutex mu; Map objs; } ShadowShard;   /* container -> ObjShadow */
typedef struct SyncShard { GRawMutex mu; Map clocks; } SyncShard;     /* address -> VClock */
static ShadowShard shadow[SHADOW_SHARDS];
static SyncShard sync_shards[SYNC_SHARDS];
static GRawMutex report_mu;        /* G_RANK_RACE_REPORT */
static Map reported;               /* report_mu: pair hash -> (void *)1 */
static uint64_t nreported;         /* report_mu */

void g_race_begin(GRaceCapture cap)
{
    G_ASSERT(!g_race_on() && self == NULL);
    g_raw_mutex_init(&threads_mu, G_RANK_RACE_THREADS);
    g_raw_mutex_init(&report_mu, G_RANK_RACE_REPORT);
    for (int i = 0; i < SHADOW_SHARDS; i++)
        g_raw_mutex_init(&shadow[i].mu, G_RANK_RACE_SHADOW);
    for (int i = 0; i < SYNC_SHARDS; i++)
        g_raw_mutex_init(&sync_shards[i].mu, G_RANK_RACE_SYNC);
    capture = cap;
    self = thread_record(NULL, "MainThread");
    vc_grow(&self_vc, 1);
    self_vc.c[0] = 1;
    /* relaxed: the flag publishes nothing; every table has its own lock, and the
     * threads that will read it do not exist yet */
    atomic_store_explicit(&g_race_enabled, true, memory_order_relaxed);
}

uint64_t g_race_count(void)
{
    g_raw_lock(&report_mu);
    uint64_t n = nreported;
    g_raw_unlock(&report_mu);
    return n;
}

GRaceThread *g_race_thread_new(const void *key)
{
    if (!self)
        return NULL;
    GRaceThread *r = thread_record(key, "");
    snprintf(r->name, sizeof r->name, "T%u", r->tid);   /* until threading names it */
    capture(&r->created);
    /* the start edge: everything the starter did so far happens before the child */
    vc_join(&r->start, &self_vc);
    vc_grow(&r->start, r->tid + 1);
    r->start.c[r->tid] = 1;
    self_vc.c[self->tid]++;   /* the starter's next epoch */
    return r;
}

void g_race_thread_enter(GRaceThread *r)
{
    G_ASSERT(self == NULL);
    if (!r)
        return;
    self = r;
    self_vc = r->start;       /* handed over: pthread_create ordered the starter's writes */
    r->start = (VClock){ NULL, 0 };
}

void g_race_thread_exit(void)
{
    if (!self)
        return;
    g_raw_lock(&threads_mu);
    self->key = NULL;
    g_raw_unlock(&threads_mu);
    free(self_vc.c);
    self_vc = (VClock){ NULL, 0 };
    self = NULL;
}

void g_race_thread_named(const void *key, const char *name)
{
    if (!g_race_on())
        return;
    g_raw_lock(&threads_mu);
    for (uint32_t i = 0; i < nthreads; i++)
        if (threads[i]->key == key || (key == NULL && threads[i] == self))
            snprintf(threads[i]->name, sizeof threads[i]->name, "%s", name);
    g_raw_unlock(&threads_mu);
}

bool g_race_thread_info(uint32_t tid, char *name, size_t n, GRaceSite *created)
{
    g_raw_lock(&threads_mu);
    bool ok = tid < nthreads;
    if (ok) {
        snprintf(name, n, "%s", threads[tid]->name);
        *created = threads[tid]->created;
    }
    g_raw_unlock(&threads_mu);
    return ok;
}

/* ====================================================================================
 * Edges: sync clocks
 * ==================================================================================== */

static SyncShard *sync_shard(const void *key) { return &sync_shards[((uintptr_t)key >> 4) % SYNC_SHARDS]; }

void g_race_release(const void *key)
{
    if (!self)
        return;
    SyncShard *sh = sync_shard(key);
    g_raw_lock(&sh->mu);
    VClock *l = map_get(&sh->clocks, (uintptr_t)key);
    if (!l) {
        l = calloc(1, sizeof *l);
        if (!l)
            out_of_memory();
        map_put_new(&sh->clocks, (uintptr_t)key, l);
    }
    vc_join(l, &self_vc);
    g_raw_unlock(&sh->mu);
    self_vc.c[self->tid]++;   /* what this thread does next is after the release */
}

void g_race_acquire(const void *key)
{
    if (!self)
        return;
    SyncShard *sh = sync_shard(key);
    g_raw_lock(&sh->mu);
    VClock *l = map_get(&sh->clocks, (uintptr_t)key);
    if (l)
        vc_join(&self_vc, l);
    g_raw_unlock(&sh->mu);
}

/* ====================================================================================
 * Shadow cells and the FastTrack checks
 * ==================================================================================== */

/* R_x's value once two reads are concurrent: the reads are in `reads` instead. */
#define READ_SHARED UINT64_MAX

typedef struct Read { uint64_t epoch; GRaceSite site; } Read;

typedef struct Cell {
    uint64_t w;              /* the last write's epoch, or 0 */
    uint64_t r;              /* the last read's epoch, 0, or READ_SHARED */
    GRaceSite wsite, rsite;  /* where they were */
    Read *reads;             /* READ_SHARED: one per reading thread (a read clock) */
    uint32_t nreads, capreads;
    Read *atomics;           /* atomic writes (list.append...): the last one per thread */
    uint32_t natomics, capatomics;
} Cell;

typedef struct ObjShadow { Map cells; } ObjShadow;   /* key -> Cell */

static ShadowShard *shadow_shard(const void *obj) { return &shadow[((uintptr_t)obj >> 4) % SHADOW_SHARDS]; }

static Cell *cell_find(ShadowShard *sh, const void *obj, uint64_t key)
{
    ObjShadow *os = map_get(&sh->objs, (uintptr_t)obj);
    if (!os) {
        os = calloc(1, sizeof *os);
        if (!os)
            out_of_memory();
        map_put_new(&sh->objs, (uintptr_t)obj, os);
    }
    Cell *c = map_get(&os->cells, key);
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c)
            out_of_memory();
        map_put_new(&os->cells, key, c);
    }
    return c;
}

static void conflict(GRaceConflict *out, bool prev_write, uint64_t prev, const GRaceSite *prev_site,
                     bool cur_write, const GRaceSite *cur_site)
{
    out->prev_write = prev_write;
    out->cur_write = cur_write;
    out->prev_tid = epoch_tid(prev);
    out->cur_tid = self->tid;
    out->prev = *prev_site;
    out->cur = *cur_site;
}

/* Set thread tid's entry of an epoch list (shared reads, atomic writes). */
static void list_set(Read **list, uint32_t *n, uint32_t *cap, uint64_t e, const GRaceSite *site)
{
    for (uint32_t i = 0; i < *n; i++)
        if (epoch_tid((*list)[i].epoch) == epoch_tid(e)) {
            (*list)[i].epoch = e;
            (*list)[i].site = *site;
            return;
        }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        *list = xrealloc(*list, *cap * sizeof **list);
    }
    (*list)[*n].epoch = e;
    (*list)[*n].site = *site;
    (*n)++;
}

static void read_add(Cell *c, uint64_t e, const GRaceSite *site)
{
    list_set(&c->reads, &c->nreads, &c->capreads, e, site);
}

/* A plain access must come after every other thread's atomic write. */
static bool check_atomics(Cell *c, bool cur_write, const GRaceSite *site, GRaceConflict *out)
{
    for (uint32_t i = 0; i < c->natomics; i++)
        if (epoch_tid(c->atomics[i].epoch) != self->tid && !epoch_before(c->atomics[i].epoch, &self_vc)) {
            conflict(out, true, c->atomics[i].epoch, &c->atomics[i].site, cur_write, site);
            return true;
        }
    return false;
}

/* The read rule.  Called with the shard locked and the fast path missed. */
static bool check_read(Cell *c, uint64_t e, const GRaceSite *site, GRaceConflict *out)
{
    bool raced = false;
    if (c->w && !epoch_before(c->w, &self_vc)) {
        conflict(out, true, c->w, &c->wsite, false, site);
        raced = true;
    }
    if (!raced && c->natomics)
        raced = check_atomics(c, false, site, out);
    if (c->r == READ_SHARED) {
        read_add(c, e, site);
    } else if (!c->r || epoch_tid(c->r) == self->tid || epoch_before(c->r, &self_vc)) {
        c->r = e;             /* the last read happens before this one: this one replaces it */
        c->rsite = *site;
    } else {
        c->nreads = 0;        /* two concurrent reads: keep both */
        read_add(c, c->r, &c->rsite);
        read_add(c, e, site);
        c->r = READ_SHARED;
    }
    return raced;
}

/* A write (plain or atomic) must come after the last write and every other
 * thread's read. */
static bool check_before_write(Cell *c, const GRaceSite *site, GRaceConflict *out)
{
    if (c->w && !epoch_before(c->w, &self_vc)) {
        conflict(out, true, c->w, &c->wsite, true, site);
        return true;
    }
    if (c->r == READ_SHARED) {
        for (uint32_t i = 0; i < c->nreads; i++)
            if (epoch_tid(c->reads[i].epoch) != self->tid && !epoch_before(c->reads[i].epoch, &self_vc)) {
                conflict(out, false, c->reads[i].epoch, &c->reads[i].site, true, site);
                return true;
            }
    } else if (c->r && epoch_tid(c->r) != self->tid && !epoch_before(c->r, &self_vc)) {
        conflict(out, false, c->r, &c->rsite, true, site);
        return true;
    }
    return false;
}

/* The write rule.  Called with the shard locked and the fast path missed. */
static bool check_write(Cell *c, uint64_t e, const GRaceSite *site, GRaceConflict *out)
{
    bool raced = check_before_write(c, site, out);
    if (c->r == READ_SHARED) {
        c->nreads = 0;
        c->r = 0;             /* every read so far is before this write, or reported */
    }
    if (!raced && c->natomics)
        raced = check_atomics(c, true, site, out);
    c->natomics = 0;          /* every atomic write so far is before this write, or reported */
    c->w = e;
    c->wsite = *site;
    return raced;
}

/* An atomic write (an operation Python documents as atomic: list.append, dict.pop...):
 * it races with plain reads and writes, never with another atomic write -- as in
 * C11 and Go, where atomics do not race with each other. */
static bool check_atomic(Cell *c, uint64_t e, const GRaceSite *site, GRaceConflict *out)
{
    bool raced = check_before_write(c, site, out);
    list_set(&c->atomics, &c->natomics, &c->capatomics, e, site);
    return raced;
}

/* the atomic fast path: this thread's last atomic write here is in this epoch */
static bool atomic_same_epoch(const Cell *c, uint64_t e)
{
    for (uint32_t i = 0; i < c->natomics; i++)
        if (c->atomics[i].epoch == e)
            return true;
    return false;
}

bool g_race_access(const void *obj, uint64_t key, GRaceHow how, GRaceConflict *out)
{
    if (!self)
        return false;
    uint64_t e = self_epoch();
    ShadowShard *sh = shadow_shard(obj);
    g_raw_lock(&sh->mu);
    Cell *c = cell_find(sh, obj, key);
    /* the fast path: this thread did the same here in this epoch already */
    bool same = how == G_RACE_WRITE  ? c->w == e
              : how == G_RACE_READ   ? c->r == e || c->w == e
                                     : atomic_same_epoch(c, e);
    if (same) {
        g_raw_unlock(&sh->mu);
        return false;
    }
    GRaceSite site;
    capture(&site);
    bool raced = how == G_RACE_WRITE  ? check_write(c, e, &site, out)
               : how == G_RACE_READ   ? check_read(c, e, &site, out)
                                      : check_atomic(c, e, &site, out);
    g_raw_unlock(&sh->mu);
    return raced;
}

void g_race_forget_slow(const void *obj)
{
    ShadowShard *sh = shadow_shard(obj);
    g_raw_lock(&sh->mu);
    ObjShadow *os = map_del(&sh->objs, (uintptr_t)obj);
    g_raw_unlock(&sh->mu);
    if (os) {
        for (size_t i = 0; i < os->cells.cap; i++) {
            Cell *c = os->cells.s[i].val;
            if (c) {
                free(c->reads);
                free(c->atomics);
                free(c);
            }
        }
        map_free(&os->cells);
        free(os);
    }
    SyncShard *sy = sync_shard(obj);
    g_raw_lock(&sy->mu);
    VClock *l = map_del(&sy->clocks, (uintptr_t)obj);
    g_raw_unlock(&sy->mu);
    if (l) {
        free(l->c);
        free(l);
    }
}

/* ====================================================================================
 * Reports: each pair of places once
 * ==================================================================================== */

static uint64_t site_hash(const GRaceSite *s)
{
    if (!s->n)
        return 0;
    uint64_t h = (uint64_t)(uintptr_t)s->f[0].code * 31 + (uint64_t)s->f[0].line;
    return h * 0xff51afd7ed558ccdull;
}

bool g_race_first_report(const GRaceSite *a, const GRaceSite *b)
{
    uint64_t ha = site_hash(a), hb = site_hash(b);
    uint64_t key = (ha ^ hb) + (ha + hb) * 3 + 1;   /* symmetric in a and b */
    g_raw_lock(&report_mu);
    bool first = !map_get(&reported, key);
    if (first) {
        map_put_new(&reported, key, (void *)1);
        nreported++;
    }
    g_raw_unlock(&report_mu);
    return first;
}
