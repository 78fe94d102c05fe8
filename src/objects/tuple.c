/* tuple.c -- tuple: an immutable array of references.
 *
 *   +--------+------+---------+---------+-----+
 *   | header | size | item[0] | item[1] | ... |
 *   +--------+------+---------+---------+-----+
 *
 * The items are stored inline, so a tuple is one allocation.  The empty tuple is a
 * single immortal object.  Tuples hash with CPython's xxHash-based mixing so that
 * equal tuples hash alike whatever their element types.
 */
#include <string.h>

#include "objects/objects.h"

static GTuple *empty_tuple;

GObject *g_tuple_empty(void) { return (GObject *)empty_tuple; }

GObject *g_tuple_new(int64_t n)
{
    if (n == 0 && empty_tuple)
        return (GObject *)empty_tuple;
    if (n < 0 || (uint64_t)n > ((uint64_t)1 << 32))
        return g_no_memory();
    size_t size = sizeof(GTuple) + (size_t)n * sizeof(GObject *);
    GTuple *t = (GTuple *)(n <= GILT_TUPLE_CACHE_MAX ? g_container_alloc_cached(&GTuple_type, size, G_CACHE_TUPLE + (int)n)
                                                     : g_object_alloc(&GTuple_type, size));
    if (!t)
        return g_no_memory();
    t->size = n;
    memset(t->items, 0, (size_t)n * sizeof(GObject *));
    return (GObject *)t;
}

GObject *g_tuple_from_array(GObject *const *items, int64_t n)
{
    GObject *t = g_tuple_new(n);
    if (!t)
        return NULL;
    for (int64_t i = 0; i < n; i++)
        G_TUPLE_ITEM(t, i) = g_newref(items[i]);
    return t;
}

GObject *g_tuple_pack(int64_t n, ...)
{
    GObject *t = g_tuple_new(n);
    if (!t)
        return NULL;
    va_list ap;
    va_start(ap, n);
    for (int64_t i = 0; i < n; i++)
        G_TUPLE_ITEM(t, i) = g_newref(va_arg(ap, GObject *));
    va_end(ap);
    return t;
}

GObject *g_tuple_from_iterable(GObject *it)
{
    if (G_TYPE(it) == &GTuple_type)
        return g_newref(it);
    if (G_TYPE(it) == &GList_type)
        return g_list_as_tuple(it);      /* one step, under the list's lock */
    GObject *l = g_list_from_iterable(it);
    if (!l)
        return NULL;
    GObject *t = g_list_as_tuple(l);
    g_decref(l);
    return t;
}

static void tuple_dealloc(GObject *o)
{
    GTuple *t = (GTuple *)o;
    for (int64_t i = 0; i < t->size; i++)
        g_xdecref(t->items[i]);
    /* a small exact tuple goes back to the block cache (a subclass's dealloc ends
     * here too, with another size) */
    if (G_TYPE(o) == &GTuple_type && t->size <= GILT_TUPLE_CACHE_MAX)
        g_container_free_cached(o, G_CACHE_TUPLE + (int)t->size);
    else
        g_object_free(o);
}

static int tuple_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GTuple *t = (GTuple *)o;
    for (int64_t i = 0; i < t->size; i++)
        if (t->items[i] && visit(t->items[i], arg))
            return 1;
    return 0;
}

/* Item i of a list or tuple as a new reference (a list's taken under its lock), or
 * NULL past the end. */
static GObject *seq_item_ref(GObject *seq, int64_t i)
{
    if (g_is_list(seq))
        return g_list_get_ref(seq, i);
    return i < G_TUPLE_SIZE(seq) ? g_newref(G_TUPLE_ITEM(seq, i)) : NULL;
}

/* repr of a list or tuple: "open item, item close", with the cycle guard.  An
 * item's __repr__ may change the list, so each item is taken afresh, with a
 * reference of its own, and a list that shrinks just ends sooner. */
GObject *g_seq_repr(GObject *o, char open, char close, bool one_comma)
{
    int64_t n = g_len(o);
    if (n == 0)
        return g_format("%c%c", open, close);
    int guard = g_repr_enter(o);
    if (guard)
        return guard < 0 ? NULL : g_format("%c...%c", open, close);
    GBuf b;
    g_buf_init(&b);
    g_buf_putc(&b, open);
    GObject *item;
    for (int64_t i = 0; (item = seq_item_ref(o, i)); i++) {
        if (i)
            g_buf_puts(&b, ", ");
        GObject *r = g_repr(item);
        g_decref(item);
        if (!r) {
            g_buf_free(&b);
            g_repr_leave(o);
            return NULL;
        }
        g_buf_put_obj(&b, r);
        g_decref(r);
    }
    if (one_comma && n == 1)
        g_buf_putc(&b, ',');
    g_buf_putc(&b, close);
    g_repr_leave(o);
    return g_buf_finish(&b);
}

static GObject *tuple_repr(GObject *o) { return g_seq_repr(o, '(', ')', true); }

static int64_t tuple_hash(GObject *o)
{
    /* xxHash-style mixing, as CPython 3.8+ */
    GTuple *t = (GTuple *)o;
    const uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL, P5 = 2870177450012600261ULL;
    uint64_t acc = P5;
    for (int64_t i = 0; i < t->size; i++) {
        int64_t h = g_hash(t->items[i]);
        if (h == -1 && g_err_occurred())
            return -1;
        acc += (uint64_t)h * P2;
        acc = (acc << 31) | (acc >> 33);
        acc *= P1;
    }
    acc += (uint64_t)t->size ^ (P5 ^ 3527539UL);
    if (acc == (uint64_t)-1)
        return 1546275796;
    return (int64_t)acc;
}

static ssize_t tuple_len(GObject *o) { return (ssize_t)((GTuple *)o)->size; }

static GObject *tuple_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_tuple(b))
        return g_newref(G_NOTIMPL);
    int64_t na = G_TUPLE_SIZE(a), nb = G_TUPLE_SIZE(b), i;
    if ((op == CMP_EQ || op == CMP_NE) && na != nb)
        return g_bool(op == CMP_NE);
    /* a tuple's items never change, and the caller keeps both tuples alive */
    for (i = 0; i < na && i < nb; i++) {
        int eq = g_eq(G_TUPLE_ITEM(a, i), G_TUPLE_ITEM(b, i));
        if (eq < 0)
            return NULL;
        if (!eq)
            break;
    }
    if (i >= na || i >= nb)
        return g_compare_lengths(na, nb, op);
    if (op == CMP_EQ)
        return G_FALSE;
    if (op == CMP_NE)
        return G_TRUE;
    return g_richcompare(G_TUPLE_ITEM(a, i), G_TUPLE_ITEM(b, i), op);
}

static GObject *tuple_getitem(GObject *o, GObject *key)
{
    GTuple *t = (GTuple *)o;
    if (g_is_int(key)) {
        int64_t i;
        if (!g_int_as_i64(key, &i))
            return g_raise(&GExc_IndexError, "cannot fit 'int' into an index-sized integer");
        if (i < 0)
            i += t->size;
        if (i < 0 || i >= t->size)
            return g_raise(&GExc_IndexError, "tuple index out of range");
        return g_newref(t->items[i]);
    }
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, t->size, &start, &stop, &step, &count) < 0)
            return NULL;
        if (step == 1 && count == t->size && G_TYPE(o) == &GTuple_type)
            return g_newref(o);
        GObject *r = g_tuple_new(count);
        if (!r)
            return NULL;
        for (int64_t i = 0, k = start; i < count; i++, k += step)
            G_TUPLE_ITEM(r, i) = g_newref(t->items[k]);
        return r;
    }
    if (G_TYPE(key)->nb_index) {
        GObject *i = g_index(key);
        if (!i)
            return NULL;
        GObject *r = tuple_getitem(o, i);
        g_decref(i);
        return r;
    }
    return g_raise(&GExc_TypeError, "tuple indices must be integers or slices, not %T", key);
}

static int tuple_contains(GObject *o, GObject *item)
{
    GTuple *t = (GTuple *)o;
    for (int64_t i = 0; i < t->size; i++) {
        int eq = g_eq(t->items[i], item);
        if (eq)
            return eq;
    }
    return 0;
}

static GObject *tuple_add(GObject *a, GObject *b)
{
    if (!g_is_tuple(a) || !g_is_tuple(b)) {
        if (g_is_tuple(a))
            return g_raise(&GExc_TypeError, "can only concatenate tuple (not \"%T\") to tuple", b);
        return g_newref(G_NOTIMPL);
    }
    int64_t na = G_TUPLE_SIZE(a), nb = G_TUPLE_SIZE(b);
    GObject *r = g_tuple_new(na + nb);
    if (!r)
        return NULL;
    for (int64_t i = 0; i < na; i++)
        G_TUPLE_ITEM(r, i) = g_newref(G_TUPLE_ITEM(a, i));
    for (int64_t i = 0; i < nb; i++)
        G_TUPLE_ITEM(r, na + i) = g_newref(G_TUPLE_ITEM(b, i));
    return r;
}

static GObject *tuple_mul(GObject *a, GObject *b)
{
    GObject *t = g_is_tuple(a) ? a : b, *n = g_is_tuple(a) ? b : a;
    if (!g_is_int(n))
        return g_newref(G_NOTIMPL);
    int64_t k = g_int_as_ssize(n);
    if (k == -1 && g_err_occurred())
        return NULL;
    int64_t size = G_TUPLE_SIZE(t);
    if (k < 0 || size == 0)
        k = 0;   /* () * 10**18 is (): no loop of 10**18 empty rounds */
    if (size && k > (int64_t)(((uint64_t)1 << 32) / (uint64_t)size))
        return g_no_memory();
    GObject *r = g_tuple_new(size * k);
    if (!r)
        return NULL;
    for (int64_t j = 0; j < k; j++)
        for (int64_t i = 0; i < size; i++)
            G_TUPLE_ITEM(r, j * size + i) = g_newref(G_TUPLE_ITEM(t, i));
    return r;
}

static GObject *tuple_iter(GObject *o) { return g_seqiter_new(o); }

static GObject *tuple_count(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("count", kw) < 0 || g_check_nargs("count", nargs, 1, 1) < 0)
        return NULL;
    int64_t n = 0;
    for (int64_t i = 0; i < G_TUPLE_SIZE(self); i++) {
        int eq = g_eq(G_TUPLE_ITEM(self, i), args[0]);
        if (eq < 0)
            return NULL;
        n += eq;
    }
    return g_int_from_i64(n);
}

static GObject *tuple_index(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    for (int64_t i = 0; i < G_TUPLE_SIZE(self); i++) {
        int eq = g_eq(G_TUPLE_ITEM(self, i), args[0]);
        if (eq < 0)
            return NULL;
        if (eq)
            return g_int_from_i64(i);
    }
    return g_raise(&GExc_ValueError, "tuple.index(x): x not in tuple");
}

/* tuple(iterable) for tuple itself; for a subclass (class P(tuple), namedtuple) the
 * items are copied into an object of that type, same layout. */
static GObject *tuple_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs(type->name, kwnames) < 0 || g_check_nargs(type->name, nargs, 0, 1) < 0)
        return NULL;
    GObject *t = nargs == 0 ? g_tuple_new(0) : g_tuple_from_iterable(args[0]);
    if (!t || type == &GTuple_type)
        return t;
    int64_t n = G_TUPLE_SIZE(t);
    GTuple *sub = (GTuple *)g_object_alloc(type, sizeof(GTuple) + (size_t)n * sizeof(GObject *));
    if (!sub) {
        g_decref(t);
        return g_no_memory();
    }
    sub->size = n;
    for (int64_t i = 0; i < n; i++)
        sub->items[i] = g_newref(G_TUPLE_ITEM(t, i));
    g_decref(t);
    return (GObject *)sub;
}

/* tuple.__new__(cls, iterable=()): what a subclass's own __new__ calls. */
static GObject *tuple_new_m(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)self;
    if (nargs < 1 || !g_is_type(args[0]))
        return g_raise(&GExc_TypeError, "tuple.__new__(X): X is not a type object");
    GType *t = (GType *)args[0];
    if (!g_type_is_subtype(t, &GTuple_type) && t != &GTuple_type)
        return g_raise(&GExc_TypeError, "tuple.__new__(%s): %s is not a subtype of tuple", t->name, t->name);
    return tuple_new_slot(t, args + 1, nargs - 1, kw);
}

static const GMethodDef tuple_methods[] = {
    { "count", tuple_count, 0, NULL },
    { "index", tuple_index, 0, NULL },
    { "__new__", tuple_new_m, G_METH_STATIC, NULL },
    { NULL, NULL, 0, NULL },
};

GType GTuple_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "tuple",
    .basicsize = sizeof(GTuple),
    .itemsize = sizeof(GObject *),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_TUPLE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = tuple_new_slot,
    .tp_dealloc = tuple_dealloc,
    .tp_traverse = tuple_traverse,
    .tp_repr = tuple_repr,
    .tp_hash = tuple_hash,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .nb = { [NB_ADD] = tuple_add, [NB_MUL] = tuple_mul },
    .sq_len = tuple_len,
    .mp_getitem = tuple_getitem,
    .sq_contains = tuple_contains,
    .methods = tuple_methods,
};

void g_tuple_init(void)
{
    empty_tuple = (GTuple *)g_tuple_new(0);
    g_set_immortal((GObject *)empty_tuple);
}
