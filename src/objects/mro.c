/* mro.c -- a new class's place in the hierarchy: its layout base and its MRO.
 *
 * A class statement with several bases asks two questions, both answered here
 * once, when the class is made (g_type_new_heap in class.c), never on a lookup:
 *
 * 1. Which base decides the memory layout of the instances?  (g_best_base)
 *
 *    Every type has a "solid base": the nearest type up its base chain that
 *    changed the C struct of its instances.  class A(list) and list share
 *    list's struct (A only appends a __dict__ pointer), so both have list as
 *    their solid base; bool's is int; every plain class's is object.  A new
 *    class can combine bases only if their solid bases lie on one chain:
 *
 *        class C(Mixin, list)    solid bases object, list   -> list wins
 *        class E(Exception, M)   BaseException, object       -> Exception
 *        class X(list, dict)     list, dict: neither extends the other
 *                                -> TypeError: multiple bases have instance
 *                                   lay-out conflict
 *
 *    The winner becomes C.__base__ (GType.base); instances are laid out, made
 *    and freed as its instances are.  The other bases only lend attributes.
 *
 * 2. In which order are the bases searched?  (g_mro_compute: C3 linearization)
 *
 *    C's MRO is C followed by the merge of its bases' MROs and the list of
 *    bases itself.  The merge repeatedly takes the first head (first item of
 *    one of the lists) that is not in the tail (any later position) of any
 *    list, and removes it from the front of every list.  The result keeps
 *    each class before its bases and the bases in the order written:
 *
 *        class A; class B(A); class C(A); class D(B, C)
 *        D.__mro__ == (D, B, C, A, object)
 *
 *    When no head is acceptable the bases contradict each other (class Z(P, Q)
 *    with P(X, Y) and Q(Y, X)); the TypeError names the heads left over.
 *
 * The MRO is an immutable tuple stored in GType.mro before the class is
 * published, so threads that look attributes up along it (g_type_lookup) never
 * see it change: no lock is needed, here or there.
 */
#include <string.h>

#include "objects/objects.h"
#include "objects/mro.h"
#include "debug.h"
#include "runtime/alloc.h"

/* ====================================================================================
 * The layout base
 * ==================================================================================== */

/* The nearest type up t's base chain whose instances have a struct of their own:
 * heap types only append a __dict__ pointer, and a static type that kept its
 * base's size (bool, most exceptions) shares its base's struct. */
GType *g_solid_base(GType *t)
{
    while (t->base) {
        if (t->flags & G_TPFLAG_HEAPTYPE) {
            t = t->base;
            continue;
        }
        if (t->basicsize != t->base->basicsize || t->itemsize != t->base->itemsize)
            return t;
        t = t->base;
    }
    return t;
}

GType *g_best_base(GObject *bases)
{
    GType *best = NULL, *best_solid = NULL;
    for (int64_t i = 0; i < G_TUPLE_SIZE(bases); i++) {
        GObject *b = G_TUPLE_ITEM(bases, i);
        if (!g_is_type(b)) {
            g_raise(&GExc_TypeError, "bases must be types");
            return NULL;
        }
        GType *bt = (GType *)b;
        if (!(bt->flags & G_TPFLAG_BASETYPE)) {
            g_raise(&GExc_TypeError, "type '%s' is not an acceptable base type", bt->name);
            return NULL;
        }
        GType *solid = g_solid_base(bt);
        if (!best) {
            best = bt;
            best_solid = solid;
        } else if (g_type_is_subtype(solid, best_solid)) {
            if (solid != best_solid) {   /* a deeper layout: it wins */
                best = bt;
                best_solid = solid;
            }
        } else if (!g_type_is_subtype(best_solid, solid)) {
            g_raise(&GExc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return best;
}

/* ====================================================================================
 * C3 linearization
 * ==================================================================================== */

/* The lists being merged: seq[i] is a tuple, pos[i] how many of its items are
 * already taken. */
typedef struct {
    int64_t n;
    GTuple **seq;
    int64_t *pos;
} Merge;

static bool in_some_tail(const Merge *m, GObject *candidate)
{
    for (int64_t i = 0; i < m->n; i++)
        for (int64_t j = m->pos[i] + 1; j < m->seq[i]->size; j++)
            if (m->seq[i]->items[j] == candidate)
                return true;
    return false;
}

/* "... for bases X, Y": the heads still waiting, each named once. */
static void raise_inconsistent(const Merge *m)
{
    GBuf b;
    g_buf_init(&b);
    for (int64_t i = 0; i < m->n; i++) {
        if (m->pos[i] >= m->seq[i]->size)
            continue;
        GObject *head = m->seq[i]->items[m->pos[i]];
        bool seen = false;
        for (int64_t k = 0; k < i && !seen; k++)
            seen = m->pos[k] < m->seq[k]->size && m->seq[k]->items[m->pos[k]] == head;
        if (seen)
            continue;
        if (b.len)
            g_buf_puts(&b, ", ");
        g_buf_puts(&b, ((GType *)head)->name);
    }
    GObject *names = g_buf_finish(&b);
    if (!names)
        return;
    g_raise(&GExc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %U", names);
    g_decref(names);
}

static int check_duplicates(GObject *bases)
{
    for (int64_t i = 0; i < G_TUPLE_SIZE(bases); i++)
        for (int64_t j = i + 1; j < G_TUPLE_SIZE(bases); j++)
            if (G_TUPLE_ITEM(bases, i) == G_TUPLE_ITEM(bases, j)) {
                g_raise(&GExc_TypeError, "duplicate base class %s", ((GType *)G_TUPLE_ITEM(bases, i))->name);
                return -1;
            }
    return 0;
}

GObject *g_mro_compute(GType *t, GObject *bases)
{
    int64_t nb = G_TUPLE_SIZE(bases);
    if (check_duplicates(bases) < 0)
        return NULL;
    /* the lists: every base's MRO, then the bases themselves */
    Merge m = { .n = nb + 1 };
    m.seq = g_mem_alloc((size_t)m.n * sizeof(GTuple *));
    m.pos = g_mem_alloc((size_t)m.n * sizeof(int64_t));
    int64_t total = 1;
    if (!m.seq || !m.pos)
        goto nomem;
    for (int64_t i = 0; i < nb; i++) {
        m.seq[i] = (GTuple *)((GType *)G_TUPLE_ITEM(bases, i))->mro;
        m.pos[i] = 0;
        total += m.seq[i]->size;
    }
    m.seq[nb] = (GTuple *)bases;
    m.pos[nb] = 0;

    GObject **out = g_mem_alloc((size_t)total * sizeof(GObject *));
    if (!out)
        goto nomem;
    int64_t nout = 0;
    out[nout++] = (GObject *)t;
    for (;;) {
        GObject *next = NULL;
        bool left = false;
        for (int64_t i = 0; i < m.n && !next; i++) {
            if (m.pos[i] >= m.seq[i]->size)
                continue;
            left = true;
            GObject *head = m.seq[i]->items[m.pos[i]];
            if (!in_some_tail(&m, head))
                next = head;
        }
        if (!left)
            break;
        if (!next) {
            raise_inconsistent(&m);
            g_mem_free(out);
            g_mem_free(m.seq);
            g_mem_free(m.pos);
            return NULL;
        }
        G_ASSERT(nout < total);
        out[nout++] = next;
        for (int64_t i = 0; i < m.n; i++)
            if (m.pos[i] < m.seq[i]->size && m.seq[i]->items[m.pos[i]] == next)
                m.pos[i]++;
    }
    GObject *mro = g_tuple_new(nout);
    if (mro)
        for (int64_t i = 0; i < nout; i++)
            G_TUPLE_ITEM(mro, i) = g_newref(out[i]);
    g_mem_free(out);
    g_mem_free(m.seq);
    g_mem_free(m.pos);
    return mro;
nomem:
    g_mem_free(m.seq);
    g_mem_free(m.pos);
    return g_no_memory();
}
