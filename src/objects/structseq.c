/* structseq.c -- named read-only tuples made in C: time.struct_time, sys.float_info.
 *
 * A struct sequence is a tuple whose items also have names: st[0] is st.tm_year.
 * Each kind is a GStructSeqType (a GType followed by its field names); an instance
 * holds the visible items in a tuple, which indexing, slicing, len(), iteration,
 * comparison and hashing use, plus the fields that have a name only (struct_time's
 * tm_zone and tm_gmtoff are not in the tuple, as in CPython).
 *
 *   GStructSeq
 *   +---------------+
 *   | ob            |
 *   | items         |  tuple of the first nvisible fields (indexable)
 *   | extra         |  tuple of the rest (attributes only)
 *   +---------------+
 *
 * Threads: both tuples are set at creation and never change, so an instance is
 * immutable and needs no lock.
 */
#include <string.h>

#include "objects/objects.h"

typedef struct { GObject ob; GObject *items, *extra; } GStructSeq;

static const GStructSeqType *seq_type(GObject *o) { return (const GStructSeqType *)G_TYPE(o); }

GObject *g_structseq_new(GStructSeqType *type, GObject *const *values)
{
    int nvis = type->nvisible, n = type->nfields;
    GStructSeq *s = (GStructSeq *)g_object_alloc(&type->type, sizeof(GStructSeq));
    if (!s)
        return g_no_memory();
    s->items = g_tuple_from_array(values, nvis);
    s->extra = g_tuple_from_array(values + nvis, n - nvis);
    if (!s->items || !s->extra) {
        g_decref((GObject *)s);
        return g_no_memory();
    }
    return (GObject *)s;
}

GObject *g_structseq_make(GStructSeqType *type, GObject **values)
{
    GObject *r = NULL;
    bool ok = true;
    for (int i = 0; i < type->nfields; i++)
        ok = ok && values[i];
    if (ok)
        r = g_structseq_new(type, values);
    else if (!g_err_occurred())
        g_no_memory();
    for (int i = 0; i < type->nfields; i++)
        g_xdecref(values[i]);
    return r;
}

/* type(seq): a 9-sequence (at least nvisible, at most nfields items; the missing
 * named-only fields are None), as CPython's struct sequences take. */
static GObject *structseq_tp_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GStructSeqType *st = (GStructSeqType *)type;
    if (kwnames || nargs != 1)
        return g_raise(&GExc_TypeError, "%s() takes exactly one argument, a %d-sequence", st->fullname,
                       st->nvisible);
    GObject *t = g_tuple_from_iterable(args[0]);
    if (!t)
        return NULL;
    int64_t n = G_TUPLE_SIZE(t);
    if (n < st->nvisible || n > st->nfields) {
        if (st->nvisible == st->nfields)
            g_raise(&GExc_TypeError, "%s() takes a %d-sequence (%zd-sequence given)", st->fullname, st->nvisible,
                    (ssize_t)n);
        else if (n < st->nvisible)
            g_raise(&GExc_TypeError, "%s() takes an at least %d-sequence (%zd-sequence given)", st->fullname,
                    st->nvisible, (ssize_t)n);
        else
            g_raise(&GExc_TypeError, "%s() takes an at most %d-sequence (%zd-sequence given)", st->fullname,
                    st->nfields, (ssize_t)n);
        g_decref(t);
        return NULL;
    }
    GObject *values[32];
    for (int i = 0; i < st->nfields && i < 32; i++)
        values[i] = i < n ? G_TUPLE_ITEM(t, i) : G_NONE;
    GObject *r = g_structseq_new(st, values);
    g_decref(t);
    return r;
}

static void structseq_dealloc(GObject *o)
{
    GStructSeq *s = (GStructSeq *)o;
    g_xdecref(s->items);
    g_xdecref(s->extra);
    g_object_free(o);
}

static int structseq_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GStructSeq *s = (GStructSeq *)o;
    return (s->items && visit(s->items, arg)) || (s->extra && visit(s->extra, arg));
}

/* time.struct_time(tm_year=2026, tm_mon=1, ...) */
static GObject *structseq_repr(GObject *o)
{
    GStructSeq *s = (GStructSeq *)o;
    const GStructSeqType *st = seq_type(o);
    GBuf b;
    g_buf_init(&b);
    g_buf_puts(&b, st->fullname);
    g_buf_putc(&b, '(');
    /* all the fields of a kind without indexable ones (a namespace) */
    int shown = st->nvisible ? st->nvisible : st->nfields;
    for (int i = 0; i < shown; i++) {
        GObject *r = g_repr(i < st->nvisible ? G_TUPLE_ITEM(s->items, i) : G_TUPLE_ITEM(s->extra, i));
        if (!r) {
            g_buf_free(&b);
            return NULL;
        }
        if (i)
            g_buf_puts(&b, ", ");
        g_buf_puts(&b, st->fields[i]);
        g_buf_putc(&b, '=');
        g_buf_put_obj(&b, r);
        g_decref(r);
    }
    g_buf_putc(&b, ')');
    return g_buf_finish(&b);
}

static GObject *structseq_getattr(GObject *o, GObject *name)
{
    GStructSeq *s = (GStructSeq *)o;
    const GStructSeqType *st = seq_type(o);
    const char *n = g_str_data(name);
    for (int i = 0; i < st->nfields; i++)
        if (strcmp(n, st->fields[i]) == 0)
            return g_newref(i < st->nvisible ? G_TUPLE_ITEM(s->items, i) : G_TUPLE_ITEM(s->extra, i - st->nvisible));
    return g_generic_getattr(o, name);
}

static int structseq_setattr(GObject *o, GObject *name, GObject *value)
{
    (void)value;
    const GStructSeqType *st = seq_type(o);
    for (int i = 0; i < st->nfields; i++)
        if (strcmp(g_str_data(name), st->fields[i]) == 0) {
            g_raise(&GExc_AttributeError, "readonly attribute");
            return -1;
        }
    g_raise(&GExc_AttributeError, "'%T' object has no attribute '%U'", o, name);
    return -1;
}

static GObject *as_items(GObject *o)
{
    return G_TYPE(o)->tp_repr == structseq_repr ? ((GStructSeq *)o)->items : o;
}

static GObject *structseq_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    GObject *bi = as_items(b);
    if (!g_is_tuple(bi))
        return g_newref(G_NOTIMPL);
    return g_richcompare(((GStructSeq *)a)->items, bi, op);
}

static int64_t structseq_hash(GObject *o) { return g_hash(((GStructSeq *)o)->items); }
static GObject *structseq_iter(GObject *o) { return g_iter(((GStructSeq *)o)->items); }
static ssize_t structseq_len(GObject *o) { return (ssize_t)G_TUPLE_SIZE(((GStructSeq *)o)->items); }
static GObject *structseq_getitem(GObject *o, GObject *key) { return g_getitem(((GStructSeq *)o)->items, key); }

void g_structseq_init_type(GStructSeqType *st)
{
    GType *t = &st->type;
    t->basicsize = sizeof(GStructSeq);
    t->flags = G_TPFLAG_GC;
    t->base = &GObject_type;
    t->tp_new = structseq_tp_new;
    t->tp_dealloc = structseq_dealloc;
    t->tp_traverse = structseq_traverse;
    t->tp_repr = structseq_repr;
    t->tp_getattr = structseq_getattr;
    t->tp_setattr = structseq_setattr;
    t->tp_richcompare = structseq_richcompare;
    t->tp_hash = structseq_hash;
    t->tp_iter = structseq_iter;
    t->sq_len = structseq_len;
    t->mp_getitem = structseq_getitem;
    g_type_ready(t);
}
