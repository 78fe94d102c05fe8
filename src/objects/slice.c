/* slice.c -- slice objects (a[1:5:2]) and resolving them against a length.
 *
 * g_slice_indices is Python's slice.indices(): it clamps start and stop into the
 * sequence, applies negative indices, and counts the items selected, so every
 * sequence type slices the same way.
 */
#include "objects/objects.h"

GObject *g_slice_new(GObject *start, GObject *stop, GObject *step)
{
    GSlice *s = (GSlice *)g_object_alloc(&GSlice_type, sizeof(GSlice));
    if (!s)
        return g_no_memory();
    s->start = g_newref(start ? start : G_NONE);
    s->stop = g_newref(stop ? stop : G_NONE);
    s->step = g_newref(step ? step : G_NONE);
    return (GObject *)s;
}

static int slice_value(GObject *o, int64_t *out)
{
    if (!g_is_int(o) && !G_TYPE(o)->nb_index) {
        g_raise(&GExc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    GObject *i = g_index(o);
    if (!i)
        return -1;
    if (!g_int_as_i64(i, out))
        *out = g_int_sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    g_decref(i);
    return 0;
}

int g_slice_indices(GObject *o, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *count)
{
    GSlice *s = (GSlice *)o;
    *step = 1;
    if (s->step != G_NONE) {
        if (slice_value(s->step, step) < 0)
            return -1;
        if (*step == 0) {
            g_raise(&GExc_ValueError, "slice step cannot be zero");
            return -1;
        }
    }
    int64_t lower = *step < 0 ? -1 : 0, upper = *step < 0 ? len - 1 : len;
    if (s->start == G_NONE) {
        *start = *step < 0 ? upper : lower;
    } else {
        if (slice_value(s->start, start) < 0)
            return -1;
        if (*start < 0) {
            *start += len;
            if (*start < lower)
                *start = lower;
        } else if (*start > upper) {
            *start = upper;
        }
    }
    if (s->stop == G_NONE) {
        *stop = *step < 0 ? lower : upper;
    } else {
        if (slice_value(s->stop, stop) < 0)
            return -1;
        if (*stop < 0) {
            *stop += len;
            if (*stop < lower)
                *stop = lower;
        } else if (*stop > upper) {
            *stop = upper;
        }
    }
    if (*step > 0)
        *count = *stop > *start ? (*stop - *start - 1) / *step + 1 : 0;
    else
        *count = *start > *stop ? (*start - *stop - 1) / (-*step) + 1 : 0;
    return 0;
}

static GObject *slice_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    if (g_no_kwargs("slice", kwnames) < 0 || g_check_nargs("slice", nargs, 1, 3) < 0)
        return NULL;
    if (nargs == 1)
        return g_slice_new(NULL, args[0], NULL);
    return g_slice_new(args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static void slice_dealloc(GObject *o)
{
    GSlice *s = (GSlice *)o;
    g_decref(s->start);
    g_decref(s->stop);
    g_decref(s->step);
    g_object_free(o);
}

static GObject *slice_repr(GObject *o)
{
    GSlice *s = (GSlice *)o;
    return g_format("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static GObject *slice_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GSlice_type)
        return g_newref(G_NOTIMPL);
    GSlice *x = (GSlice *)a, *y = (GSlice *)b;
    GObject *tx = g_tuple_pack(3, x->start, x->stop, x->step);
    GObject *ty = g_tuple_pack(3, y->start, y->stop, y->step);
    GObject *r = (tx && ty) ? g_richcompare(tx, ty, op) : NULL;
    g_xdecref(tx);
    g_xdecref(ty);
    return r;
}

static GObject *indices_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("indices", kw) < 0 || g_check_nargs("indices", nargs, 1, 1) < 0)
        return NULL;
    int64_t len = g_as_ssize(args[0]);
    if (len == -1 && g_err_occurred())
        return NULL;
    if (len < 0)
        return g_raise(&GExc_ValueError, "length should not be negative");
    int64_t a, b, c, n;
    if (g_slice_indices(self, len, &a, &b, &c, &n) < 0)
        return NULL;
    GObject *x = g_int_from_i64(a), *y = g_int_from_i64(b), *z = g_int_from_i64(c);
    GObject *r = (x && y && z) ? g_tuple_pack(3, x, y, z) : NULL;
    g_xdecref(x);
    g_xdecref(y);
    g_xdecref(z);
    return r;
}

static GObject *get_start(GObject *o) { return g_newref(((GSlice *)o)->start); }
static GObject *get_stop(GObject *o) { return g_newref(((GSlice *)o)->stop); }
static GObject *get_step(GObject *o) { return g_newref(((GSlice *)o)->step); }

static const GMethodDef slice_methods[] = {
    { "indices", indices_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef slice_getsets[] = {
    { "start", get_start, NULL }, { "stop", get_stop, NULL }, { "step", get_step, NULL },
    { NULL, NULL, NULL },
};

GType GSlice_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "slice",
    .basicsize = sizeof(GSlice),
    .base = &GObject_type,
    .tp_new = slice_new_slot,
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_richcompare = slice_richcompare,
    .methods = slice_methods,
    .getsets = slice_getsets,
};
