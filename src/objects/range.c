/* range.c -- range: a lazy arithmetic sequence, and its iterator.
 *
 * gilt's ranges hold 64-bit bounds (range(10**20) raises OverflowError; see
 * docs/language.md).  The length is computed once; indexing, `in` and iteration are
 * O(1) per step and allocate nothing but the ints they hand out.
 */
#include "objects/objects.h"

static bool to_i64(GObject *o, int64_t *out)
{
    GObject *i = g_index(o);
    if (!i)
        return false;
    bool ok = g_int_as_i64(i, out);
    g_decref(i);
    if (!ok)
        g_raise(&GExc_OverflowError, "range() arguments must fit in 64 bits in gilt");
    return ok;
}

/* The length, which may not fit in 64 bits (range(-2**62, 2**62) has 2**63 items). */
static __int128 range_len_of(int64_t start, int64_t stop, int64_t step)
{
    if (step > 0 && start < stop)
        return ((__int128)stop - start - 1) / step + 1;
    if (step < 0 && start > stop)
        return ((__int128)start - stop - 1) / (-(__int128)step) + 1;
    return 0;
}

static GObject *range_make(int64_t start, int64_t stop, int64_t step)
{
    /* the length must fit too: len(), indexing and iteration count in 64 bits */
    if (range_len_of(start, stop, step) > INT64_MAX)
        return g_raise(&GExc_OverflowError, "range() length must fit in 64 bits in gilt");
    GRange *r = (GRange *)g_object_alloc(&GRange_type, sizeof(GRange));
    if (!r)
        return g_no_memory();
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = (int64_t)range_len_of(start, stop, step);
    return (GObject *)r;
}

static GObject *range_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    if (g_no_kwargs("range", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return g_raise(&GExc_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3)
        return g_raise(&GExc_TypeError, "range expected at most 3 arguments, got %zd", (ssize_t)nargs);
    int64_t start = 0, stop, step = 1;
    if (nargs == 1) {
        if (!to_i64(args[0], &stop))
            return NULL;
    } else {
        if (!to_i64(args[0], &start) || !to_i64(args[1], &stop))
            return NULL;
        if (nargs == 3 && !to_i64(args[2], &step))
            return NULL;
    }
    if (step == 0)
        return g_raise(&GExc_ValueError, "range() arg 3 must not be zero");
    return range_make(start, stop, step);
}

static void range_dealloc(GObject *o) { g_object_free(o); }

static GObject *range_repr(GObject *o)
{
    GRange *r = (GRange *)o;
    if (r->step == 1)
        return g_format("range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return g_format("range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
}

static ssize_t range_len(GObject *o) { return (ssize_t)((GRange *)o)->len; }

static GObject *range_getitem(GObject *o, GObject *key)
{
    GRange *r = (GRange *)o;
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, r->len, &start, &stop, &step, &count) < 0)
            return NULL;
        (void)count;
        __int128 b0 = (__int128)r->start + (__int128)start * r->step;
        __int128 b1 = (__int128)r->start + (__int128)stop * r->step, st = (__int128)r->step * step;
        if (b0 < INT64_MIN || b0 > INT64_MAX || b1 < INT64_MIN || b1 > INT64_MAX || st < INT64_MIN || st > INT64_MAX)
            return g_raise(&GExc_OverflowError, "range() arguments must fit in 64 bits in gilt");
        return range_make((int64_t)b0, (int64_t)b1, (int64_t)st);
    }
    int64_t i = g_as_ssize(key);
    if (i == -1 && g_err_occurred())
        return NULL;
    if (i < 0)
        i += r->len;
    if (i < 0 || i >= r->len)
        return g_raise(&GExc_IndexError, "range object index out of range");
    return g_int_from_i64(r->start + i * r->step);
}

static int range_contains(GObject *o, GObject *v)
{
    GRange *r = (GRange *)o;
    if (G_TYPE(v) == &GInt_type || G_TYPE(v) == &GBool_type) {
        int64_t x;
        if (!g_int_as_i64(v, &x))
            return 0;
        if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
            return 0;
        return ((__int128)x - r->start) % r->step == 0;
    }
    GObject *it = g_iter(o);
    if (!it)
        return -1;
    GObject *x;
    while ((x = g_next(it))) {
        int eq = g_eq(x, v);
        g_decref(x);
        if (eq) {
            g_decref(it);
            return eq;
        }
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

static GObject *range_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GRange_type || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    GRange *x = (GRange *)a, *y = (GRange *)b;
    bool eq = x->len == y->len && (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
    return g_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t range_hash(GObject *o)
{
    GRange *r = (GRange *)o;
    GObject *t = g_tuple_new(3);
    if (!t)
        return -1;
    G_TUPLE_ITEM(t, 0) = g_int_from_i64(r->len);
    G_TUPLE_ITEM(t, 1) = r->len ? g_int_from_i64(r->start) : g_newref(G_NONE);
    G_TUPLE_ITEM(t, 2) = r->len > 1 ? g_int_from_i64(r->step) : g_newref(G_NONE);
    int64_t h = g_hash(t);
    g_decref(t);
    return h;
}

/* ---- iterator ---- */

typedef struct { GObject ob; int64_t next, step, left; } GRangeIter;
static GType GRangeIter_type;

static GObject *range_iter(GObject *o)
{
    GRange *r = (GRange *)o;
    GRangeIter *it = (GRangeIter *)g_object_alloc(&GRangeIter_type, sizeof(GRangeIter));
    if (!it)
        return g_no_memory();
    it->next = r->start;
    it->step = r->step;
    it->left = r->len;
    return (GObject *)it;
}

static GObject *rangeiter_next(GObject *o)
{
    GRangeIter *it = (GRangeIter *)o;
    if (it->left <= 0)
        return NULL;
    int64_t v = it->next;
    it->next += it->left > 1 ? it->step : 0;
    it->left--;
    return g_int_from_i64(v);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GType GRangeIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "range_iterator",
    .basicsize = sizeof(GRangeIter),
    .tp_dealloc = range_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = rangeiter_next,
};

static GObject *range_reversed(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GRange *r = (GRange *)self;
    GRangeIter *it = (GRangeIter *)g_object_alloc(&GRangeIter_type, sizeof(GRangeIter));
    if (!it)
        return g_no_memory();
    it->next = r->start + (r->len - 1) * r->step;
    it->step = -r->step;
    it->left = r->len;
    return (GObject *)it;
}

static GObject *range_count(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("count", kw) < 0 || g_check_nargs("count", nargs, 1, 1) < 0)
        return NULL;
    int c = range_contains(self, args[0]);
    return c < 0 ? NULL : g_int_from_i64(c);
}

static GObject *range_index(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 1) < 0)
        return NULL;
    int c = range_contains(self, args[0]);
    if (c < 0)
        return NULL;
    if (!c)
        return g_raise(&GExc_ValueError, "%R is not in range", args[0]);
    GRange *r = (GRange *)self;
    int64_t x;
    g_int_as_i64(args[0], &x);
    return g_int_from_i64((x - r->start) / r->step);
}

static GObject *get_start(GObject *o) { return g_int_from_i64(((GRange *)o)->start); }
static GObject *get_stop(GObject *o) { return g_int_from_i64(((GRange *)o)->stop); }
static GObject *get_step(GObject *o) { return g_int_from_i64(((GRange *)o)->step); }

static const GMethodDef range_methods[] = {
    { "__reversed__", range_reversed, 0, NULL },
    { "count", range_count, 0, NULL },
    { "index", range_index, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef range_getsets[] = {
    { "start", get_start, NULL }, { "stop", get_stop, NULL }, { "step", get_step, NULL },
    { NULL, NULL, NULL },
};

GType GRange_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "range",
    .basicsize = sizeof(GRange),
    .base = &GObject_type,
    .tp_new = range_new,
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_hash = range_hash,
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .sq_len = range_len,
    .mp_getitem = range_getitem,
    .sq_contains = range_contains,
    .methods = range_methods,
    .getsets = range_getsets,
};
