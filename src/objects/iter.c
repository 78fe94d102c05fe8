/* iter.c -- the built-in iterators: sequence, enumerate, zip, map, filter,
 * reversed and iter(callable, sentinel).
 *
 * Each is a small object holding what it iterates and where it is; tp_iternext
 * returns the next item, or NULL without an exception when exhausted (the eval loop
 * turns that into the end of a for loop; g_next's callers into StopIteration where
 * Python code can see it).
 *
 * Threads.  The sequence and reversed iterators take each item of a list with a
 * reference of its own, under the list's lock (g_list_get_ref), so a list that
 * another thread changes never hands out a freed item: it may show an item twice
 * or skip one, as in CPython, and one that shrinks just ends the loop.  Threads may
 * even share one iterator: its position is a relaxed atomic, and -- as in
 * free-threaded CPython -- it keeps the sequence until it is itself freed (an
 * exhausted iterator marks its position -1 instead of letting go, since another
 * thread may be reading the sequence through it that very moment).
 */
#include "objects/objects.h"

static GObject *self_iter(GObject *o) { return g_newref(o); }

/* ---- sequence iterator: lists, tuples and anything with __getitem__ ---- */

typedef struct { GObject ob; GObject *seq; _Atomic int64_t index; } GSeqIter;   /* index -1: exhausted */

/* Relaxed: the position is all that threads sharing an iterator share; the items come
 * from the sequence, under its lock. */
static inline int64_t load_index(_Atomic int64_t *p) { return atomic_load_explicit(p, memory_order_relaxed); }
static inline void store_index(_Atomic int64_t *p, int64_t i) { atomic_store_explicit(p, i, memory_order_relaxed); }

GObject *g_seqiter_new(GObject *seq)
{
    GSeqIter *it = (GSeqIter *)g_object_alloc(&GSeqIter_type, sizeof(GSeqIter));
    if (!it)
        return g_no_memory();
    it->seq = g_newref(seq);
    atomic_init(&it->index, 0);
    return (GObject *)it;
}

/* Item i of seq (a new reference), or NULL: past the end (no exception) or error. */
static GObject *item_at(GObject *seq, int64_t i)
{
    if (g_is_list(seq))
        return g_list_get_ref(seq, i);
    if (g_is_tuple(seq))
        return i < G_TUPLE_SIZE(seq) ? g_newref(G_TUPLE_ITEM(seq, i)) : NULL;
    if (g_is_bytes(seq))
        return i < g_bytes_size(seq) ? g_int_from_i64((unsigned char)g_bytes_data(seq)[i]) : NULL;
    GObject *n = g_int_from_i64(i);
    if (!n)
        return NULL;
    GObject *v = g_getitem(seq, n);
    g_decref(n);
    if (!v && (g_err_matches(&GExc_IndexError) || g_err_matches(&GExc_StopIteration)))
        g_err_clear();
    return v;
}

static GObject *seqiter_next(GObject *o)
{
    GSeqIter *it = (GSeqIter *)o;
    int64_t i = load_index(&it->index);
    if (i < 0)
        return NULL;
    GObject *v = item_at(it->seq, i);
    if (v || !g_err_occurred())     /* an error leaves the position where it was */
        store_index(&it->index, v ? i + 1 : -1);
    return v;
}

static void seqiter_dealloc(GObject *o)
{
    g_decref(((GSeqIter *)o)->seq);
    g_object_free(o);
}

static ssize_t seqiter_len(GObject *o)
{
    GSeqIter *it = (GSeqIter *)o;
    int64_t i = load_index(&it->index);
    if (i < 0)
        return 0;
    int64_t n = g_len(it->seq);
    return n < i ? 0 : (ssize_t)(n - i);
}

static int seqiter_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return visit(((GSeqIter *)o)->seq, arg);
}

GType GSeqIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "iterator",
    .basicsize = sizeof(GSeqIter),
    .flags = G_TPFLAG_GC,
    .tp_dealloc = seqiter_dealloc,
    .tp_traverse = seqiter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = seqiter_next,
    .sq_len = seqiter_len,
};

/* ---- enumerate ---- */

typedef struct { GObject ob; GObject *it; GObject *count; } GEnumerate;

static GObject *enumerate_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    static const char *const names[] = { "iterable", "start", NULL };
    GObject *a[2];
    if (g_parse_args("enumerate", args, nargs, kwnames, names, 1, a) < 0)
        return NULL;
    GObject *start = a[1] ? g_index(a[1]) : g_int_from_i64(0);
    if (!start)
        return NULL;
    GObject *it = g_iter(a[0]);
    if (!it) {
        g_decref(start);
        return NULL;
    }
    GEnumerate *e = (GEnumerate *)g_object_alloc(type, sizeof(GEnumerate));
    if (!e) {
        g_decref(it);
        g_decref(start);
        return g_no_memory();
    }
    e->it = it;
    e->count = start;
    return (GObject *)e;
}

static GObject *enumerate_next(GObject *o)
{
    GEnumerate *e = (GEnumerate *)o;
    GObject *v = g_next(e->it);
    if (!v)
        return NULL;
    GObject *idx = e->count;
    GObject *one = g_int_from_i64(1);
    e->count = g_int_binop(idx, one, NB_ADD);
    if (!e->count) {
        e->count = idx;
        g_decref(v);
        return NULL;
    }
    GObject *r = g_tuple_new(2);
    if (!r) {
        g_decref(idx);
        g_decref(v);
        return NULL;
    }
    G_TUPLE_ITEM(r, 0) = idx;
    G_TUPLE_ITEM(r, 1) = v;
    return r;
}

static void enumerate_dealloc(GObject *o)
{
    GEnumerate *e = (GEnumerate *)o;
    g_decref(e->it);
    g_decref(e->count);
    g_object_free(o);
}

static int enumerate_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return visit(((GEnumerate *)o)->it, arg);
}

GType GEnumerate_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "enumerate",
    .basicsize = sizeof(GEnumerate),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = enumerate_new,
    .tp_dealloc = enumerate_dealloc,
    .tp_traverse = enumerate_traverse,
    .tp_iter = self_iter,
    .tp_iternext = enumerate_next,
};

/* ---- zip ---- */

typedef struct { GObject ob; GObject *iters; bool strict; } GZip;

static GObject *zip_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    bool strict = false;
    size_t npos = nargs;
    if (kwnames) {
        npos = nargs - (size_t)G_TUPLE_SIZE(kwnames);
        for (int64_t i = 0; i < G_TUPLE_SIZE(kwnames); i++) {
            if (!g_str_eq_cstr(G_TUPLE_ITEM(kwnames, i), "strict"))
                return g_raise(&GExc_TypeError, "zip() got an unexpected keyword argument '%U'", G_TUPLE_ITEM(kwnames, i));
            int t = g_truthy(args[npos + (size_t)i]);
            if (t < 0)
                return NULL;
            strict = t;
        }
    }
    GObject *iters = g_tuple_new((int64_t)npos);
    if (!iters)
        return NULL;
    for (size_t i = 0; i < npos; i++) {
        GObject *it = g_iter(args[i]);
        if (!it) {
            g_decref(iters);
            return NULL;
        }
        G_TUPLE_ITEM(iters, i) = it;
    }
    GZip *z = (GZip *)g_object_alloc(type, sizeof(GZip));
    if (!z) {
        g_decref(iters);
        return g_no_memory();
    }
    z->iters = iters;
    z->strict = strict;
    return (GObject *)z;
}

static GObject *zip_next(GObject *o)
{
    GZip *z = (GZip *)o;
    int64_t n = G_TUPLE_SIZE(z->iters);
    if (n == 0)
        return NULL;
    GObject *r = g_tuple_new(n);
    if (!r)
        return NULL;
    for (int64_t i = 0; i < n; i++) {
        GObject *v = g_next(G_TUPLE_ITEM(z->iters, i));
        if (!v) {
            if (z->strict && !g_err_occurred()) {
                if (i > 0) {
                    g_decref(r);
                    return g_raise(&GExc_ValueError, "zip() argument %zd is shorter than argument%s%zd",
                                   (ssize_t)(i + 1), i == 1 ? " " : "s 1-", (ssize_t)i);
                }
                for (int64_t j = 1; j < n; j++) {
                    GObject *w = g_next(G_TUPLE_ITEM(z->iters, j));
                    if (w) {
                        g_decref(w);
                        g_decref(r);
                        return g_raise(&GExc_ValueError, "zip() argument %zd is longer than argument%s%zd",
                                       (ssize_t)(j + 1), j == 1 ? " " : "s 1-", (ssize_t)j);
                    }
                }
            }
            g_decref(r);
            return NULL;
        }
        G_TUPLE_ITEM(r, i) = v;
    }
    return r;
}

static void zip_dealloc(GObject *o)
{
    g_decref(((GZip *)o)->iters);
    g_object_free(o);
}

static int zip_traverse(GObject *o, GVisitFn visit, void *arg) { return visit(((GZip *)o)->iters, arg); }

GType GZip_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "zip",
    .basicsize = sizeof(GZip),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = zip_new,
    .tp_dealloc = zip_dealloc,
    .tp_traverse = zip_traverse,
    .tp_iter = self_iter,
    .tp_iternext = zip_next,
};

/* ---- map ---- */

typedef struct { GObject ob; GObject *func; GObject *iters; } GMap;

static GObject *map_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("map", kwnames) < 0)
        return NULL;
    if (nargs < 2)
        return g_raise(&GExc_TypeError, "map() must have at least two arguments.");
    GObject *iters = g_tuple_new((int64_t)nargs - 1);
    if (!iters)
        return NULL;
    for (size_t i = 1; i < nargs; i++) {
        GObject *it = g_iter(args[i]);
        if (!it) {
            g_decref(iters);
            return NULL;
        }
        G_TUPLE_ITEM(iters, i - 1) = it;
    }
    GMap *m = (GMap *)g_object_alloc(type, sizeof(GMap));
    if (!m) {
        g_decref(iters);
        return g_no_memory();
    }
    m->func = g_newref(args[0]);
    m->iters = iters;
    return (GObject *)m;
}

static GObject *map_next(GObject *o)
{
    GMap *m = (GMap *)o;
    int64_t n = G_TUPLE_SIZE(m->iters);
    GObject *vals[8];
    GObject **v = n <= 8 ? vals : g_mem_alloc((size_t)n * sizeof(GObject *));
    if (!v)
        return g_no_memory();
    int64_t got = 0;
    GObject *r = NULL;
    for (; got < n; got++) {
        v[got] = g_next(G_TUPLE_ITEM(m->iters, got));
        if (!v[got])
            goto done;
    }
    r = g_call(m->func, v, (size_t)n, NULL);
done:
    for (int64_t i = 0; i < got; i++)
        g_decref(v[i]);
    if (v != vals)
        g_mem_free(v);
    return r;
}

static void map_dealloc(GObject *o)
{
    g_decref(((GMap *)o)->func);
    g_decref(((GMap *)o)->iters);
    g_object_free(o);
}

static int map_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return visit(((GMap *)o)->func, arg) || visit(((GMap *)o)->iters, arg);
}

GType GMap_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "map",
    .basicsize = sizeof(GMap),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = map_new,
    .tp_dealloc = map_dealloc,
    .tp_traverse = map_traverse,
    .tp_iter = self_iter,
    .tp_iternext = map_next,
};

/* ---- filter ---- */

typedef struct { GObject ob; GObject *func; GObject *it; } GFilter;

static GObject *filter_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("filter", kwnames) < 0)
        return NULL;
    if (nargs != 2)
        return g_raise(&GExc_TypeError, "filter expected 2 arguments, got %zd", (ssize_t)nargs);
    GObject *it = g_iter(args[1]);
    if (!it)
        return NULL;
    GFilter *f = (GFilter *)g_object_alloc(type, sizeof(GFilter));
    if (!f) {
        g_decref(it);
        return g_no_memory();
    }
    f->func = g_newref(args[0]);
    f->it = it;
    return (GObject *)f;
}

static GObject *filter_next(GObject *o)
{
    GFilter *f = (GFilter *)o;
    GObject *v;
    while ((v = g_next(f->it))) {
        int ok;
        if (f->func == G_NONE) {
            ok = g_truthy(v);
        } else {
            GObject *r = g_call1(f->func, v);
            ok = r ? g_truthy(r) : -1;
            g_xdecref(r);
        }
        if (ok > 0)
            return v;
        g_decref(v);
        if (ok < 0)
            return NULL;
    }
    return NULL;
}

static void filter_dealloc(GObject *o)
{
    g_decref(((GFilter *)o)->func);
    g_decref(((GFilter *)o)->it);
    g_object_free(o);
}

static int filter_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return visit(((GFilter *)o)->func, arg) || visit(((GFilter *)o)->it, arg);
}

GType GFilter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "filter",
    .basicsize = sizeof(GFilter),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = filter_new,
    .tp_dealloc = filter_dealloc,
    .tp_traverse = filter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = filter_next,
};

/* ---- reversed ---- */

typedef struct { GObject ob; GObject *seq; _Atomic int64_t index; } GReversed;   /* index -1: exhausted */

static GObject *reversed_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("reversed", kwnames) < 0 || g_check_nargs("reversed", nargs, 1, 1) < 0)
        return NULL;
    GObject *custom = g_lookup_special(args[0], g_str_intern("__reversed__"));
    if (custom) {
        GObject *r = g_call0(custom);
        g_decref(custom);
        return r;
    }
    if (g_err_occurred())
        return NULL;
    if (!G_TYPE(args[0])->mp_getitem || !G_TYPE(args[0])->sq_len || g_is_dict(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object is not reversible", args[0]);
    int64_t n = g_len(args[0]);
    if (n < 0)
        return NULL;
    GReversed *r = (GReversed *)g_object_alloc(type, sizeof(GReversed));
    if (!r)
        return g_no_memory();
    r->seq = g_newref(args[0]);
    atomic_init(&r->index, n - 1);
    return (GObject *)r;
}

static GObject *reversed_next(GObject *o)
{
    GReversed *r = (GReversed *)o;
    int64_t i = load_index(&r->index);
    if (i < 0)
        return NULL;
    /* a list that shrank below the position ends the iteration, as in CPython */
    GObject *v = item_at(r->seq, i);
    store_index(&r->index, v ? i - 1 : -1);    /* after an error too, as CPython */
    return v;
}

static void reversed_dealloc(GObject *o)
{
    g_decref(((GReversed *)o)->seq);
    g_object_free(o);
}

GType GReversed_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "reversed",
    .basicsize = sizeof(GReversed),
    .base = &GObject_type,
    .tp_new = reversed_new,
    .tp_dealloc = reversed_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = reversed_next,
};

/* ---- iter(callable, sentinel) ---- */

typedef struct { GObject ob; GObject *func; GObject *sentinel; } GCallIter;

GObject *g_calliter_new(GObject *func, GObject *sentinel)
{
    GCallIter *c = (GCallIter *)g_object_alloc(&GCallIter_type, sizeof(GCallIter));
    if (!c)
        return g_no_memory();
    c->func = g_newref(func);
    c->sentinel = g_newref(sentinel);
    return (GObject *)c;
}

static GObject *calliter_next(GObject *o)
{
    GCallIter *c = (GCallIter *)o;
    if (!c->func)
        return NULL;
    GObject *v = g_call0(c->func);
    if (!v) {
        if (g_err_matches(&GExc_StopIteration)) {
            g_err_clear();
            G_CLEAR(c->func);
        }
        return NULL;
    }
    int eq = g_eq(v, c->sentinel);
    if (eq != 0) {
        g_decref(v);
        if (eq > 0)
            G_CLEAR(c->func);
        return NULL;
    }
    return v;
}

static void calliter_dealloc(GObject *o)
{
    g_xdecref(((GCallIter *)o)->func);
    g_decref(((GCallIter *)o)->sentinel);
    g_object_free(o);
}

GType GCallIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "callable_iterator",
    .basicsize = sizeof(GCallIter),
    .tp_dealloc = calliter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = calliter_next,
};
