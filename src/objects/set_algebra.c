/* set_algebra.c -- the algebra of sets: union, intersection, difference, symmetric
 * difference and the comparisons (<=, <, ==, >=, >, isdisjoint), as the operators
 * | & - ^ (and their in-place forms) and as methods, for set and frozenset alike.
 *
 * The algorithms are CPython 3.11's, so a result holds the same keys in the same
 * order.  They are built from set.c's primitives (set_internal.h), under the rules
 * at the top of set.c: an operation that walks a set walks a clone of it -- of both
 * sets, taken in one step under both locks, for &, -, <=, == and isdisjoint -- which
 * nobody else can see, so a key's __eq__ may do as it likes and the result is
 * atomic.  s | t, s -= t and s ^= t clone t the same way, then change the result (or
 * s, under its lock) from the clone.  An operand that is not a set is iterated a key
 * at a time, or made a set first.
 */
#include "objects/objects.h"
#include "objects/set_internal.h"
#include "runtime/critsec.h"

/* ====================================================================================
 * The algebra (CPython 3.11's), on clones where it walks a set
 * ==================================================================================== */

static GObject *set_union(GObject *a, GObject *b)
{
    GSet *r = set_copy(result_type(a), a);
    if (r && b != a && set_update_internal(r, b) < 0)
        G_CLEAR(r);
    return (GObject *)r;
}

/* Walk the clone `walk` and keep (in r) the keys that are -- or, with keep_in
 * false, are not -- in the clone `probe`. */
static int filter_into(GSet *r, GSet *walk, GSet *probe, bool keep_in)
{
    int64_t pos = 0;
    GSetEntry *e;
    while ((e = next_entry(walk, &pos))) {
        int c = set_contains_entry(probe, e->key, e->hash);
        if (c < 0 || (c == keep_in && set_add_entry(r, e->key, e->hash) < 0))
            return -1;
    }
    return 0;
}

static GObject *set_intersection(GObject *a, GObject *b)
{
    if (a == b)
        return (GObject *)set_copy(result_type(a), a);
    GSet *r = set_alloc(result_type(a));
    if (!r)
        return NULL;
    int rc = 0;
    if (g_is_anyset(b)) {
        GSet *ca, *cb;
        rc = set_clone2(a, b, &ca, &cb);
        if (rc == 0) {
            /* walk the smaller, keeping its keys */
            rc = used_of(ca) < used_of(cb) ? filter_into(r, ca, cb, true) : filter_into(r, cb, ca, true);
            g_decref((GObject *)ca);
            g_decref((GObject *)cb);
        }
    } else {
        GObject *it = g_iter(b), *k;
        rc = it ? 0 : -1;
        while (rc == 0 && (k = g_next(it))) {
            int64_t h;
            int c = hash_of(k, &h) < 0 ? -1 : set_contains_entry((GSet *)a, k, h);
            rc = c < 0 || (c && set_add_entry(r, k, h) < 0) ? -1 : 0;
            g_decref(k);
            if (rc == 0 && c && used_of(r) >= used_of((GSet *)a))
                break;      /* (CPython stops once every key of a is in) */
        }
        g_xdecref(it);
        if (rc == 0 && g_err_occurred())
            rc = -1;
    }
    if (rc < 0)
        G_CLEAR(r);
    return (GObject *)r;
}

/* Discard each key of the private set c from s. */
static int discard_all_locked(GSet *s, GSet *c)
{
    G_ASSERT_CRITSEC_HELD(s);
    int64_t pos = 0;
    GSetEntry *e;
    while ((e = next_entry(c, &pos))) {
        GObject *dead = NULL;
        int r = set_discard_entry_locked(s, e->key, e->hash, &dead);
        g_xdecref(dead);     /* (c holds the key too: this is never the last reference) */
        if (r < 0)
            return -1;
    }
    return 0;
}

/* If more than a quarter of the slots are deleted ones, rebuild. */
static int purge_locked(GSet *s)
{
    G_ASSERT_CRITSEC_HELD(s);
    if (s->fill - used_of(s) <= s->mask / 4)
        return 0;
    return set_resize_locked(s, grown_size(used_of(s)));
}

/* s -= other: CPython's set_difference_update_internal. */
static int difference_update_internal(GSet *s, GObject *other)
{
    if (other == (GObject *)s) {
        set_clear(s);
        return 0;
    }
    int r = 0;
    if (g_is_anyset(other)) {
        GSet *c = set_clone_of(other);
        if (!c)
            return -1;
        GCritSec cs;
        g_critsec_begin(&cs, (GObject *)s);
        r = discard_all_locked(s, c);
        g_critsec_end(&cs);
        g_decref((GObject *)c);
    } else {
        GObject *it = g_iter(other), *k;
        if (!it)
            return -1;
        while (r == 0 && (k = g_next(it))) {
            r = set_discard_key(s, k) < 0 ? -1 : 0;
            g_decref(k);
        }
        g_decref(it);
        if (r == 0 && g_err_occurred())
            r = -1;
    }
    if (r < 0)
        return -1;
    GCritSec cs;
    g_critsec_begin_short(&cs, (GObject *)s);
    r = purge_locked(s);
    g_critsec_end_short(&cs);
    return r;
}

/* a - b: CPython's set_difference (and its copy-then-discard shortcut). */
static GObject *set_difference(GObject *a, GObject *b)
{
    int64_t na = used_of((GSet *)a);
    int64_t nb = g_is_anyset(b) ? used_of((GSet *)b) : G_TYPE(b) == &GDict_type ? g_dict_size(b) : -1;
    if (na == 0 || nb < 0 || (na >> 2) > nb) {
        GSet *r = set_copy(result_type(a), a);
        if (r && na && difference_update_internal(r, b) < 0)
            G_CLEAR(r);
        return (GObject *)r;
    }
    GSet *r = set_alloc(result_type(a));
    if (!r)
        return NULL;
    int rc;
    if (G_TYPE(b) == &GDict_type) {
        GSet *ca = set_clone_of(a);
        rc = ca ? 0 : -1;
        int64_t pos = 0;
        GSetEntry *e;
        while (rc == 0 && (e = next_entry(ca, &pos))) {
            int c = g_dict_contains_hashed(b, e->key, e->hash);
            rc = c < 0 || (!c && set_add_entry(r, e->key, e->hash) < 0) ? -1 : 0;
        }
        g_xdecref((GObject *)ca);
    } else {
        GSet *ca, *cb;
        rc = set_clone2(a, b, &ca, &cb);
        if (rc == 0) {
            rc = filter_into(r, ca, cb, false);
            g_decref((GObject *)ca);
            g_decref((GObject *)cb);
        }
    }
    if (rc < 0)
        G_CLEAR(r);
    return (GObject *)r;
}

/* Discard key from s, or add it if it was not there. */
static int toggle_locked(GSet *s, GObject *key, int64_t hash)
{
    G_ASSERT_CRITSEC_HELD(s);
    GObject *dead = NULL;
    int r = set_discard_entry_locked(s, key, hash, &dead);
    g_xdecref(dead);     /* (the caller holds the key too: never the last reference) */
    return r < 0 || (r == 0 && set_add_entry_locked(s, key, hash) < 0) ? -1 : 0;
}

/* s ^= other: CPython's set_symmetric_difference_update.  A dict's keys go in the
 * dict's order with their stored hashes; other iterables are made a set first. */
static int symdiff_update(GSet *s, GObject *other)
{
    if (other == (GObject *)s) {
        set_clear(s);
        return 0;
    }
    GCritSec cs;
    int r = 0;
    if (G_TYPE(other) == &GDict_type) {
        GDictEntry *e;
        int64_t n;
        if (g_dict_snapshot(other, &e, &n) < 0)
            return -1;
        g_critsec_begin(&cs, (GObject *)s);
        for (int64_t i = 0; i < n && r == 0; i++)
            r = toggle_locked(s, e[i].key, e[i].hash);
        g_critsec_end(&cs);
        g_dict_snapshot_free(e, n);
        return r;
    }
    GSet *c = g_is_anyset(other) ? set_clone_of(other) : (GSet *)g_set_new(&GSet_type, other);
    if (!c)
        return -1;
    g_critsec_begin(&cs, (GObject *)s);
    int64_t pos = 0;
    GSetEntry *e;
    while (r == 0 && (e = next_entry(c, &pos)))
        r = toggle_locked(s, e->key, e->hash);
    g_critsec_end(&cs);
    g_decref((GObject *)c);
    return r;
}

/* a ^ b: a copy of b (or of its keys) toggled by a's keys, as CPython does. */
static GObject *set_symdiff(GObject *a, GObject *b)
{
    GSet *r = (GSet *)g_set_new(result_type(a), b);
    if (r && symdiff_update(r, a) < 0)
        G_CLEAR(r);
    return (GObject *)r;
}

/* a <= b: 1, 0, -1.  A b that is no set is made one first. */
static int is_subset(GObject *a, GObject *b)
{
    if (!g_is_anyset(b)) {
        GObject *t = g_set_new(&GSet_type, b);
        int r = t ? is_subset(a, t) : -1;
        g_xdecref(t);
        return r;
    }
    if (used_of((GSet *)a) > used_of((GSet *)b))
        return 0;
    GSet *ca, *cb;
    if (set_clone2(a, b, &ca, &cb) < 0)
        return -1;
    int r = used_of(ca) <= used_of(cb);
    int64_t pos = 0;
    GSetEntry *e;
    while (r > 0 && (e = next_entry(ca, &pos)))
        r = set_contains_entry(cb, e->key, e->hash);
    g_decref((GObject *)ca);
    g_decref((GObject *)cb);
    return r;
}

/* a >= b: 1, 0, -1. */
static int is_superset(GObject *a, GObject *b)
{
    if (g_is_anyset(b))
        return is_subset(b, a);
    GObject *it = g_iter(b), *k;
    if (!it)
        return -1;
    int r = 1;
    while (r > 0 && (k = g_next(it))) {
        r = set_contains_key((GSet *)a, k);
        g_decref(k);
    }
    g_decref(it);
    return r > 0 && g_err_occurred() ? -1 : r;
}

/* 1 if a and b share no key, 0 if they do, -1 on error. */
static int is_disjoint(GObject *a, GObject *b)
{
    if (a == b)
        return used_of((GSet *)a) == 0;
    if (g_is_anyset(b)) {
        GSet *ca, *cb;
        if (set_clone2(a, b, &ca, &cb) < 0)
            return -1;
        GSet *walk = used_of(cb) > used_of(ca) ? ca : cb, *probe = walk == ca ? cb : ca;
        int r = 1;
        int64_t pos = 0;
        GSetEntry *e;
        while (r > 0 && (e = next_entry(walk, &pos))) {
            int c = set_contains_entry(probe, e->key, e->hash);
            r = c < 0 ? -1 : !c;
        }
        g_decref((GObject *)ca);
        g_decref((GObject *)cb);
        return r;
    }
    GObject *it = g_iter(b), *k;
    if (!it)
        return -1;
    int r = 1;
    while (r > 0 && (k = g_next(it))) {
        int c = set_contains_key((GSet *)a, k);
        r = c < 0 ? -1 : !c;
        g_decref(k);
    }
    g_decref(it);
    return r > 0 && g_err_occurred() ? -1 : r;
}

static GObject *bool_result(int r) { return r < 0 ? NULL : g_bool(r); }

GObject *set_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    int64_t na = used_of((GSet *)a), nb = used_of((GSet *)b);
    int64_t ha = hash_of_set((GSet *)a), hb = hash_of_set((GSet *)b);
    int eq;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        eq = na == nb && !(ha != -1 && hb != -1 && ha != hb) ? is_subset(a, b) : 0;
        return bool_result(eq < 0 ? -1 : op == CMP_EQ ? eq : !eq);
    case CMP_LE: return bool_result(is_subset(a, b));
    case CMP_GE: return bool_result(is_superset(a, b));
    case CMP_LT: return na >= nb ? G_FALSE : bool_result(is_subset(a, b));
    default: return na <= nb ? G_FALSE : bool_result(is_superset(a, b));
    }
}

#define SET_BINOP(NAME, FN) \
    GObject *NAME(GObject *a, GObject *b) \
    { \
        if (!g_is_anyset(a) || !g_is_anyset(b)) \
            return g_newref(G_NOTIMPL); \
        return FN(a, b); \
    }
SET_BINOP(set_or, set_union)
SET_BINOP(set_and, set_intersection)
SET_BINOP(set_sub, set_difference)
SET_BINOP(set_xor, set_symdiff)

/* s's table becomes r's (r is private; what s had is dropped with r). */
static void swap_bodies(GSet *s, GSet *r)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, (GObject *)s);
    GSetEntry *tab = s->table;
    int64_t mask = s->mask, used = used_of(s), fill = s->fill;
    s->table = r->table;
    s->mask = r->mask;
    s->fill = r->fill;
    set_used(s, used_of(r));
    r->table = tab;
    r->mask = mask;
    r->fill = fill;
    set_used(r, used);
    g_critsec_end_short(&cs);
}

static GObject *inplace_result(GObject *a, int r) { return r < 0 ? NULL : g_newref(a); }

GObject *set_ior(GObject *a, GObject *b)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    return inplace_result(a, set_update_internal((GSet *)a, b));
}

GObject *set_iand(GObject *a, GObject *b)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    GObject *r = set_intersection(a, b);
    if (!r)
        return NULL;
    swap_bodies((GSet *)a, (GSet *)r);
    g_decref(r);
    return g_newref(a);
}

GObject *set_isub(GObject *a, GObject *b)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    return inplace_result(a, difference_update_internal((GSet *)a, b));
}

GObject *set_ixor(GObject *a, GObject *b)
{
    if (!g_is_anyset(b))
        return g_newref(G_NOTIMPL);
    return inplace_result(a, symdiff_update((GSet *)a, b));
}

/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

GObject *set_union_m(ARGS)
{
    (void)kw;
    GSet *r = set_copy(result_type(self), self);
    for (size_t i = 0; r && i < nargs; i++)
        if (args[i] != self && set_update_internal(r, args[i]) < 0)
            G_CLEAR(r);
    return (GObject *)r;
}

GObject *set_intersection_m(ARGS)
{
    (void)kw;
    if (nargs == 0)
        return (GObject *)set_copy(result_type(self), self);
    GObject *r = g_newref(self);
    for (size_t i = 0; r && i < nargs; i++) {
        GObject *t = set_intersection(r, args[i]);
        g_decref(r);
        r = t;
    }
    return r;
}

GObject *set_difference_m(ARGS)
{
    (void)kw;
    if (nargs == 0)
        return (GObject *)set_copy(result_type(self), self);
    GObject *r = set_difference(self, args[0]);
    for (size_t i = 1; r && i < nargs; i++)
        if (difference_update_internal((GSet *)r, args[i]) < 0)
            G_CLEAR(r);
    return r;
}

GObject *set_symdiff_m(ARGS)
{
    if (g_no_kwargs("symmetric_difference", kw) < 0 || g_check_nargs("symmetric_difference", nargs, 1, 1) < 0)
        return NULL;
    return set_symdiff(self, args[0]);
}

GObject *set_update_m(ARGS)
{
    (void)kw;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal((GSet *)self, args[i]) < 0)
            return NULL;
    return G_NONE;
}

GObject *set_intersection_update_m(ARGS)
{
    GObject *r = set_intersection_m(self, args, nargs, kw);
    if (!r)
        return NULL;
    swap_bodies((GSet *)self, (GSet *)r);
    g_decref(r);
    return G_NONE;
}

GObject *set_difference_update_m(ARGS)
{
    (void)kw;
    for (size_t i = 0; i < nargs; i++)
        if (difference_update_internal((GSet *)self, args[i]) < 0)
            return NULL;
    return G_NONE;
}

GObject *set_symdiff_update_m(ARGS)
{
    if (g_no_kwargs("symmetric_difference_update", kw) < 0 ||
        g_check_nargs("symmetric_difference_update", nargs, 1, 1) < 0)
        return NULL;
    return symdiff_update((GSet *)self, args[0]) < 0 ? NULL : G_NONE;
}

#define PREDICATE_M(NAME, PYNAME, FN) \
    GObject *NAME(ARGS) \
    { \
        if (g_no_kwargs(PYNAME, kw) < 0 || g_check_nargs(PYNAME, nargs, 1, 1) < 0) \
            return NULL; \
        return bool_result(FN(self, args[0])); \
    }
PREDICATE_M(set_issubset_m, "issubset", is_subset)
PREDICATE_M(set_issuperset_m, "issuperset", is_superset)
PREDICATE_M(set_isdisjoint_m, "isdisjoint", is_disjoint)
