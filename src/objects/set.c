/* set.c -- set and frozenset: open-addressing hash tables of keys.
 *
 *   GSet: | header | used | fill | mask | table ---> [ (hash, key) x (mask + 1) ] | hash |
 *
 * A slot is empty (key NULL), deleted (key == &dummy) or live.  Probing follows
 * CPython's set: a few linear probes, then the perturbed jump, so that sets of small
 * ints come out in the same order CPython prints them.  The table keeps at most 3/5
 * of its slots filled (live + deleted) and grows 4x (2x when large).
 *
 * frozenset shares every function; it just has no mutating methods and a hash.
 *
 * Threads.  Every operation that reads or changes a set's table holds that set's
 * critical section (runtime/critsec.h); the static helpers below the public entry
 * points assume it is held.  An operation over two sets holds the one it walks and
 * takes the other's lock for each lookup (a blocked take releases the first, so the
 * order cannot deadlock).  Sets are not read without a lock: they are rarely the
 * shared hot spot that globals and attribute dicts are.
 */
#include <string.h>

#include "objects/objects.h"
#include "runtime/critsec.h"

#define LINEAR_PROBES 9
static GObject dummy_key = G_STATIC_HEADER(&GObject_type);
#define DUMMY (&dummy_key)

static int table_alloc(GSet *s, int64_t size)
{
    GSetEntry *t = g_mem_calloc((size_t)size, sizeof(GSetEntry));
    if (!t) {
        g_no_memory();
        return -1;
    }
    s->table = t;
    s->mask = size - 1;
    s->fill = s->used = 0;
    return 0;
}

static GSet *set_alloc(GType *type)
{
    GSet *s = (GSet *)g_object_alloc(type, type->basicsize);
    if (!s)
        return (GSet *)g_no_memory();
    memset((char *)s + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    s->hash = -1;
    if (table_alloc(s, 8) < 0) {
        g_object_free((GObject *)s);
        return NULL;
    }
    return s;
}

/* Returns the entry holding key, or the entry where it should go (key NULL or
 * DUMMY); NULL on error. */
static GSetEntry *set_lookup(GSet *s, GObject *key, int64_t hash)
{
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    GSetEntry *freeslot = NULL;
    for (;;) {
        GSetEntry *e = &s->table[i];
        /* linear probes only when they all fit before the end of the table */
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int probe = 0; probe <= probes; probe++) {
            if (!e->key)
                return freeslot ? freeslot : e;
            if (e->key == DUMMY) {
                if (!freeslot)
                    freeslot = e;
            } else if (e->key == key) {
                return e;
            } else if (e->hash == hash) {
                GObject *k = g_newref(e->key);
                GSetEntry *table = s->table;
                int eq = g_eq(k, key);
                g_decref(k);
                if (eq < 0)
                    return NULL;
                if (table != s->table) /* mutated by __eq__: start over */
                    return set_lookup(s, key, hash);
                if (eq)
                    return e;
            }
            e++;
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int set_resize(GSet *s, int64_t minused)
{
    int64_t size = 8;
    while (size <= minused)
        size <<= 1;
    GSetEntry *old = s->table;
    int64_t oldsize = s->mask + 1;
    if (table_alloc(s, size) < 0) {
        s->table = old;
        return -1;
    }
    for (int64_t i = 0; i < oldsize; i++) {
        GSetEntry *e = &old[i];
        if (!e->key || e->key == DUMMY)
            continue;
        uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)e->hash, j = (uint64_t)e->hash & mask;
        for (;;) {
            GSetEntry *t = NULL;
            int probes = j + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
            for (int probe = 0; probe <= probes; probe++)
                if (!s->table[j + (uint64_t)probe].key) {
                    t = &s->table[j + (uint64_t)probe];
                    break;
                }
            if (t) {
                *t = *e;
                break;
            }
            perturb >>= 5;
            j = (j * 5 + 1 + perturb) & mask;
        }
        s->used++;
        s->fill++;
    }
    g_mem_free(old);
    return 0;
}

static int add_hashed(GSet *s, GObject *key, int64_t hash)
{
    GSetEntry *e = set_lookup(s, key, hash);
    if (!e)
        return -1;
    if (e->key && e->key != DUMMY)
        return 0;
    if (!e->key)
        s->fill++;
    e->key = g_newref(key);
    e->hash = hash;
    s->used++;
    if ((uint64_t)s->fill * 5 >= (uint64_t)s->mask * 3)
        return set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
    return 0;
}

static int set_add_locked(GObject *o, GObject *key)
{
    int64_t h = g_hash(key);
    if (h == -1 && g_err_occurred())
        return -1;
    return add_hashed((GSet *)o, key, h);
}

static int set_contains_locked(GObject *o, GObject *key)
{
    int64_t h = g_hash(key);
    if (h == -1 && g_err_occurred()) {
        /* `[1] in {..}`: CPython retries with a frozenset for sets; keep TypeError */
        return -1;
    }
    GSetEntry *e = set_lookup((GSet *)o, key, h);
    if (!e)
        return -1;
    return e->key && e->key != DUMMY;
}

static int discard_locked(GSet *s, GObject *key)
{
    int64_t h = g_hash(key);
    if (h == -1 && g_err_occurred())
        return -1;
    GSetEntry *e = set_lookup(s, key, h);
    if (!e)
        return -1;
    if (!e->key || e->key == DUMMY)
        return 0;
    GObject *old = e->key;
    e->key = DUMMY;
    s->used--;
    g_decref(old);
    return 1;
}

/* The next live key at or after *pos (borrowed); the caller holds the set's lock. */
bool g_set_next(GObject *o, int64_t *pos, GObject **key)
{
    GSet *s = (GSet *)o;
    while (*pos <= s->mask) {
        GSetEntry *e = &s->table[(*pos)++];
        if (e->key && e->key != DUMMY) {
            *key = e->key;
            return true;
        }
    }
    return false;
}

int g_set_add(GObject *o, GObject *key)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);    /* full: hashing may run Python code */
    int r = set_add_locked(o, key);
    g_critsec_end(&cs);
    return r;
}

int g_set_contains(GObject *o, GObject *key)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);
    int r = set_contains_locked(o, key);
    g_critsec_end(&cs);
    return r;
}

static int set_discard(GSet *s, GObject *key)
{
    GCritSec cs;
    g_critsec_begin(&cs, (GObject *)s);
    int r = discard_locked(s, key);
    g_critsec_end(&cs);
    return r;
}

static int update_locked(GSet *s, GObject *it);

static int set_update(GSet *s, GObject *it)
{
    GCritSec cs;
    if (g_is_anyset(it))
        g_critsec_begin2(&cs, (GObject *)s, it);
    else
        g_critsec_begin(&cs, (GObject *)s);
    int r = update_locked(s, it);
    g_critsec_end(&cs);
    return r;
}

static int update_locked(GSet *s, GObject *it)
{
    if (g_is_anyset(it)) {
        int64_t pos = 0;
        GObject *k;
        while (g_set_next(it, &pos, &k)) {
            GSetEntry *e = &((GSet *)it)->table[pos - 1];
            if (add_hashed(s, k, e->hash) < 0)
                return -1;
        }
        return 0;
    }
    if (g_is_dict(it)) {
        int64_t pos = 0;
        GObject *k;
        while (g_dict_next(it, &pos, &k, NULL))
            if (set_add_locked((GObject *)s, k) < 0)
                return -1;
        return 0;
    }
    GObject *iter = g_iter(it);
    if (!iter)
        return -1;
    GObject *k;
    while ((k = g_next(iter))) {
        int r = g_set_add((GObject *)s, k);
        g_decref(k);
        if (r < 0) {
            g_decref(iter);
            return -1;
        }
    }
    g_decref(iter);
    return g_err_occurred() ? -1 : 0;
}

GObject *g_set_new(GType *type, GObject *iterable)
{
    GSet *s = set_alloc(type);
    if (!s)
        return NULL;
    if (iterable && set_update(s, iterable) < 0) {
        g_decref((GObject *)s);
        return NULL;
    }
    return (GObject *)s;
}

static void set_clear_table(GSet *s)
{
    GSetEntry *t = s->table;
    int64_t n = s->mask + 1;
    if (table_alloc(s, 8) < 0) {
        /* keep the old table rather than lose it */
        s->table = t;
        return;
    }
    for (int64_t i = 0; i < n; i++)
        if (t[i].key && t[i].key != DUMMY)
            g_decref(t[i].key);
    g_mem_free(t);
}

static void set_dealloc(GObject *o)
{
    GSet *s = (GSet *)o;
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].key && s->table[i].key != DUMMY)
            g_decref(s->table[i].key);
    g_mem_free(s->table);
    GObject **dp = g_instance_dict_ptr(o);
    if (dp)
        G_CLEAR(*dp);
    g_object_free(o);
}

/* The collector breaks a cycle through a set by emptying it. */
static void set_clear_slot(GObject *o)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);
    set_clear_table((GSet *)o);
    g_critsec_end(&cs);
}

static int set_traverse(GObject *o, GVisitFn visit, void *arg)
{
    int64_t pos = 0;
    GObject *k;
    while (g_set_next(o, &pos, &k))
        if (visit(k, arg))
            return 1;
    return 0;
}

static GObject *set_repr(GObject *o)
{
    GSet *s = (GSet *)o;
    bool frozen = !g_isinstance(o, &GSet_type);
    const char *tn = G_TYPE(o)->name;
    if (s->used == 0)
        return g_format("%s()", tn);
    int guard = g_repr_enter(o);
    if (guard)
        return guard < 0 ? NULL : g_format("%s(...)", tn);
    GBuf b;
    g_buf_init(&b);
    bool plain = G_TYPE(o) == &GSet_type;
    if (!plain || frozen)
        g_buf_printf(&b, "%s(", tn);
    g_buf_putc(&b, '{');
    int64_t pos = 0;
    GObject *k;
    bool first = true;
    GCritSec cs;
    g_critsec_begin(&cs, o);
    while (g_set_next(o, &pos, &k)) {
        if (!first)
            g_buf_puts(&b, ", ");
        first = false;
        g_incref(k);
        GObject *r = g_repr(k);
        g_decref(k);
        if (!r) {
            g_critsec_end(&cs);
            g_buf_free(&b);
            g_repr_leave(o);
            return NULL;
        }
        g_buf_put_obj(&b, r);
        g_decref(r);
    }
    g_critsec_end(&cs);
    g_buf_putc(&b, '}');
    if (!plain || frozen)
        g_buf_putc(&b, ')');
    g_repr_leave(o);
    return g_buf_finish(&b);
}

static ssize_t set_len(GObject *o) { return (ssize_t)__atomic_load_n(&((GSet *)o)->used, __ATOMIC_RELAXED); }
static int set_contains_slot(GObject *o, GObject *k) { return g_set_contains(o, k); }

/* ---- iterator ---- */

typedef struct { GObject ob; GObject *set; int64_t pos; int64_t used; } GSetIter;
static GType GSetIter_type;

static GObject *set_iter(GObject *o)
{
    GSetIter *it = (GSetIter *)g_object_alloc(&GSetIter_type, sizeof(GSetIter));
    if (!it)
        return g_no_memory();
    it->set = g_newref(o);
    it->pos = 0;
    it->used = ((GSet *)o)->used;
    return (GObject *)it;
}

static GObject *setiter_next(GObject *o)
{
    GSetIter *it = (GSetIter *)o;
    if (!it->set)
        return NULL;
    if (((GSet *)it->set)->used != it->used) {
        it->used = -1;
        return g_raise(&GExc_RuntimeError, "Set changed size during iteration");
    }
    GObject *k;
    GCritSec cs;
    g_critsec_begin_short(&cs, it->set);
    bool more = g_set_next(it->set, &it->pos, &k);
    if (more)
        g_incref(k);
    g_critsec_end_short(&cs);
    if (!more)
        G_CLEAR(it->set);
    return more ? k : NULL;
}

static void setiter_dealloc(GObject *o)
{
    g_xdecref(((GSetIter *)o)->set);
    g_object_free(o);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GType GSetIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "set_iterator",
    .basicsize = sizeof(GSetIter),
    .tp_dealloc = setiter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = setiter_next,
};

/* ---- algebra ---- */

static GType *result_type(GObject *o) { return g_isinstance(o, &GFrozenSet_type) ? &GFrozenSet_type : &GSet_type; }

static GObject *set_copy_as(GObject *o, GType *t) { return g_set_new(t, o); }

static GObject *set_union(GObject *a, GObject *b)
{
    GObject *r = set_copy_as(a, result_type(a));
    if (r && set_update((GSet *)r, b) < 0)
        G_CLEAR(r);
    return r;
}

static GObject *set_intersection(GObject *a, GObject *b)
{
    GObject *r = g_set_new(result_type(a), NULL);
    if (!r)
        return NULL;
    GObject *other = g_is_anyset(b) ? g_newref(b) : g_set_new(&GSet_type, b);
    if (!other) {
        g_decref(r);
        return NULL;
    }
    int64_t pos = 0;
    GObject *k;
    bool failed = false;
    GCritSec cs;
    g_critsec_begin(&cs, a);
    while (!failed && g_set_next(a, &pos, &k)) {
        g_incref(k);
        int c = g_set_contains(other, k);
        failed = c < 0 || (c && g_set_add(r, k) < 0);
        g_decref(k);
    }
    g_critsec_end(&cs);
    g_decref(other);
    if (failed)
        G_CLEAR(r);
    return r;
}

static GObject *set_difference(GObject *a, GObject *b)
{
    GObject *r = g_set_new(result_type(a), NULL);
    if (!r)
        return NULL;
    GObject *other = g_is_anyset(b) ? g_newref(b) : g_set_new(&GSet_type, b);
    if (!other) {
        g_decref(r);
        return NULL;
    }
    int64_t pos = 0;
    GObject *k;
    bool failed = false;
    GCritSec cs;
    g_critsec_begin(&cs, a);
    while (!failed && g_set_next(a, &pos, &k)) {
        g_incref(k);
        int c = g_set_contains(other, k);
        failed = c < 0 || (!c && g_set_add(r, k) < 0);
        g_decref(k);
    }
    g_critsec_end(&cs);
    g_decref(other);
    if (failed)
        G_CLEAR(r);
    return r;
}

static GObject *set_symdiff(GObject *a, GObject *b)
{
    GObject *other = g_is_anyset(b) ? g_newref(b) : g_set_new(&GSet_type, b);
    if (!other)
        return NULL;
    GObject *x = set_difference(a, other);
    GObject *y = x ? set_difference(other, a) : NULL;
    g_decref(other);
    if (!y) {
        g_xdecref(x);
        return NULL;
    }
    if (set_update((GSet *)x, y) < 0)
        G_CLEAR(x);
    g_decref(y);
    return x;
}

static bool is_subset(GObject *a, GObject *b, int *err)
{
    *err = 0;
    if (((GSet *)a)->used > ((GSet *)b)->used)
        return false;
    int64_t pos = 0;
    GObject *k;
    int c = 1;
    GCritSec cs;
    g_critsec_begin(&cs, a);
    while (c > 0 && g_set_next(a, &pos, &k)) {
        g_incref(k);
        c = g_set_contains(b, k);
        g_decref(k);
    }
    g_critsec_end(&cs);
    *err = c < 0;
    return c > 0;
}

static GObject *set_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    int64_t na = ((GSet *)a)->used, nb = ((GSet *)b)->used;
    int err;
    bool r;
    switch (op) {
    case CMP_EQ: r = na == nb && is_subset(a, b, &err); break;
    case CMP_NE: r = !(na == nb && is_subset(a, b, &err)); break;
    case CMP_LE: r = is_subset(a, b, &err); break;
    case CMP_LT: r = na < nb && is_subset(a, b, &err); break;
    case CMP_GE: r = is_subset(b, a, &err); break;
    default: r = na > nb && is_subset(b, a, &err); break;
    }
    if (g_err_occurred())
        return NULL;
    return g_bool(r);
}

#define SET_BINOP(NAME, FN) \
    static GObject *NAME(GObject *a, GObject *b) \
    { \
        if (!g_is_anyset(a) || !g_is_anyset(b)) \
            return g_newref(G_NOTIMPL); \
        return FN(a, b); \
    }
SET_BINOP(set_or, set_union)
SET_BINOP(set_and, set_intersection)
SET_BINOP(set_sub, set_difference)
SET_BINOP(set_xor, set_symdiff)

static GObject *replace_contents(GObject *a, GObject *r)
{
    if (!r)
        return NULL;
    GSet *s = (GSet *)a, *t = (GSet *)r;
    GCritSec cs;
    g_critsec_begin_short(&cs, a);
    GSetEntry *tab = s->table;
    int64_t mask = s->mask, used = s->used, fill = s->fill;
    s->table = t->table; s->mask = t->mask; s->used = t->used; s->fill = t->fill;
    t->table = tab; t->mask = mask; t->used = used; t->fill = fill;
    g_critsec_end_short(&cs);
    g_decref(r);
    return g_newref(a);
}

static GObject *set_ior(GObject *a, GObject *b)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    if (set_update((GSet *)a, b) < 0)
        return NULL;
    return g_newref(a);
}
static GObject *set_iand(GObject *a, GObject *b) { return g_is_anyset(b) ? replace_contents(a, set_intersection(a, b)) : g_newref(G_NOTIMPL); }
static GObject *set_isub(GObject *a, GObject *b) { return g_is_anyset(b) ? replace_contents(a, set_difference(a, b)) : g_newref(G_NOTIMPL); }
static GObject *set_ixor(GObject *a, GObject *b) { return g_is_anyset(b) ? replace_contents(a, set_symdiff(a, b)) : g_newref(G_NOTIMPL); }

static int64_t frozenset_hash(GObject *o)
{
    GSet *s = (GSet *)o;
    if (s->hash != -1)
        return s->hash;
    uint64_t h = 0;
    int64_t pos = 0;
    GObject *k;
    while (g_set_next(o, &pos, &k)) {
        uint64_t x = (uint64_t)s->table[pos - 1].hash;
        h ^= ((x ^ 89869747UL) ^ (x << 16)) * 3644798167UL;
    }
    h ^= ((uint64_t)s->used + 1) * 1927868237UL;
    h = h * 69069U + 907133923UL;
    int64_t r = (int64_t)h;
    if (r == -1)
        r = 590923713;
    s->hash = r;
    return r;
}

/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *add_m(ARGS)
{
    if (g_no_kwargs("add", kw) < 0 || g_check_nargs("add", nargs, 1, 1) < 0)
        return NULL;
    return g_set_add(self, args[0]) < 0 ? NULL : G_NONE;
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    int r = set_discard((GSet *)self, args[0]);
    if (r < 0)
        return NULL;
    if (r == 0) {
        GObject *t = g_tuple_pack(1, args[0]);
        GObject *exc = t ? g_exc_new(&GExc_KeyError, t) : NULL;
        g_xdecref(t);
        return exc ? g_raise_obj(exc) : NULL;
    }
    return G_NONE;
}

static GObject *discard_m(ARGS)
{
    if (g_no_kwargs("discard", kw) < 0 || g_check_nargs("discard", nargs, 1, 1) < 0)
        return NULL;
    return set_discard((GSet *)self, args[0]) < 0 ? NULL : G_NONE;
}

static GObject *pop_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 0, 0) < 0)
        return NULL;
    GSet *s = (GSet *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GObject *k = NULL;
    if (s->used) {
        int64_t pos = 0;
        g_set_next(self, &pos, &k);
        s->table[pos - 1].key = DUMMY;
        s->used--;
    }
    g_critsec_end_short(&cs);
    return k ? k : g_raise(&GExc_KeyError, "pop from an empty set");
}

static GObject *clear_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    set_clear_table((GSet *)self);
    g_critsec_end(&cs);
    return G_NONE;
}

static GObject *copy_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    if (G_TYPE(self) == &GFrozenSet_type)
        return g_newref(self);
    return g_set_new(result_type(self), self);
}

typedef GObject *(*SetFn)(GObject *, GObject *);

static GObject *multi(GObject *self, GObject *const *args, size_t nargs, SetFn fn)
{
    GObject *r = g_set_new(result_type(self), self);
    for (size_t i = 0; r && i < nargs; i++) {
        GObject *t = fn(r, args[i]);
        g_decref(r);
        r = t;
    }
    return r;
}

static GObject *union_m(ARGS) { (void)kw; return multi(self, args, nargs, set_union); }
static GObject *intersection_m(ARGS) { (void)kw; return multi(self, args, nargs, set_intersection); }
static GObject *difference_m(ARGS) { (void)kw; return multi(self, args, nargs, set_difference); }
static GObject *symdiff_m(ARGS)
{
    if (g_no_kwargs("symmetric_difference", kw) < 0 || g_check_nargs("symmetric_difference", nargs, 1, 1) < 0)
        return NULL;
    return set_symdiff(self, args[0]);
}

static GObject *update_m(ARGS)
{
    (void)kw;
    for (size_t i = 0; i < nargs; i++)
        if (set_update((GSet *)self, args[i]) < 0)
            return NULL;
    return G_NONE;
}

#define INPLACE_M(NAME, FN) \
    static GObject *NAME(ARGS) \
    { \
        (void)kw; \
        for (size_t i = 0; i < nargs; i++) { \
            GObject *r = replace_contents(self, FN(self, args[i])); \
            if (!r) \
                return NULL; \
            g_decref(r); \
        } \
        return G_NONE; \
    }
INPLACE_M(intersection_update_m, set_intersection)
INPLACE_M(difference_update_m, set_difference)
INPLACE_M(symdiff_update_m, set_symdiff)

static GObject *as_set(GObject *o) { return g_is_anyset(o) ? g_newref(o) : g_set_new(&GSet_type, o); }

static GObject *issubset_m(ARGS)
{
    if (g_no_kwargs("issubset", kw) < 0 || g_check_nargs("issubset", nargs, 1, 1) < 0)
        return NULL;
    GObject *o = as_set(args[0]);
    if (!o)
        return NULL;
    int err;
    bool r = is_subset(self, o, &err);
    g_decref(o);
    return err ? NULL : g_bool(r);
}

static GObject *issuperset_m(ARGS)
{
    if (g_no_kwargs("issuperset", kw) < 0 || g_check_nargs("issuperset", nargs, 1, 1) < 0)
        return NULL;
    GObject *o = as_set(args[0]);
    if (!o)
        return NULL;
    int err;
    bool r = is_subset(o, self, &err);
    g_decref(o);
    return err ? NULL : g_bool(r);
}

static GObject *isdisjoint_m(ARGS)
{
    if (g_no_kwargs("isdisjoint", kw) < 0 || g_check_nargs("isdisjoint", nargs, 1, 1) < 0)
        return NULL;
    GObject *i = set_intersection(self, args[0]);
    if (!i)
        return NULL;
    bool r = ((GSet *)i)->used == 0;
    g_decref(i);
    return g_bool(r);
}

static const GMethodDef set_methods[] = {
    { "add", add_m, 0, NULL }, { "remove", remove_m, 0, NULL }, { "discard", discard_m, 0, NULL },
    { "pop", pop_m, 0, NULL }, { "clear", clear_m, 0, NULL }, { "copy", copy_m, 0, NULL },
    { "union", union_m, 0, NULL }, { "intersection", intersection_m, 0, NULL },
    { "difference", difference_m, 0, NULL }, { "symmetric_difference", symdiff_m, 0, NULL },
    { "update", update_m, 0, NULL }, { "intersection_update", intersection_update_m, 0, NULL },
    { "difference_update", difference_update_m, 0, NULL },
    { "symmetric_difference_update", symdiff_update_m, 0, NULL },
    { "issubset", issubset_m, 0, NULL }, { "issuperset", issuperset_m, 0, NULL },
    { "isdisjoint", isdisjoint_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GMethodDef frozenset_methods[] = {
    { "copy", copy_m, 0, NULL },
    { "union", union_m, 0, NULL }, { "intersection", intersection_m, 0, NULL },
    { "difference", difference_m, 0, NULL }, { "symmetric_difference", symdiff_m, 0, NULL },
    { "issubset", issubset_m, 0, NULL }, { "issuperset", issuperset_m, 0, NULL },
    { "isdisjoint", isdisjoint_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *set_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs(type->name, kwnames) < 0 || g_check_nargs(type->name, nargs, 0, 1) < 0)
        return NULL;
    if (type == &GFrozenSet_type && nargs == 1 && G_TYPE(args[0]) == &GFrozenSet_type)
        return g_newref(args[0]);
    GSet *s = set_alloc(type);
    if (!s)
        return NULL;
    if (type != &GSet_type && !g_type_is_subtype(type, &GSet_type) && nargs &&
        set_update(s, args[0]) < 0) {
        g_decref((GObject *)s);
        return NULL;
    }
    return (GObject *)s;
}

static int set_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("set", kwnames) < 0 || g_check_nargs("set", nargs, 0, 1) < 0)
        return -1;
    set_clear_table((GSet *)self);
    if (nargs)
        return set_update((GSet *)self, args[0]);
    return 0;
}

GType GSet_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "set",
    .basicsize = sizeof(GSet),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = set_new_slot,
    .tp_init = set_init,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_slot,
    .tp_repr = set_repr,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb = { [NB_OR] = set_or, [NB_AND] = set_and, [NB_SUB] = set_sub, [NB_XOR] = set_xor },
    .nb_inplace = { [NB_OR] = set_ior, [NB_AND] = set_iand, [NB_SUB] = set_isub, [NB_XOR] = set_ixor },
    .sq_len = set_len,
    .sq_contains = set_contains_slot,
    .methods = set_methods,
};

GType GFrozenSet_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "frozenset",
    .basicsize = sizeof(GSet),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = set_new_slot,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_slot,
    .tp_repr = set_repr,
    .tp_hash = frozenset_hash,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .nb = { [NB_OR] = set_or, [NB_AND] = set_and, [NB_SUB] = set_sub, [NB_XOR] = set_xor },
    .sq_len = set_len,
    .sq_contains = set_contains_slot,
    .methods = frozenset_methods,
};
