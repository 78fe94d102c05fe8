/* deque.c -- collections.deque: a double-ended queue on a ring buffer.
 *
 *   GDeque: | header | size | head | cap | items | maxlen | state |
 *
 *   items:  [ . . . d e f | a b c . . ]        cap = 16 (always a power of two)
 *                          ^ head               item i sits at (head + i) & (cap - 1)
 *
 * Both ends are O(1): appendleft moves head back one slot, popleft moves it forward
 * one, append and pop change only size.  A full buffer doubles and is copied out in
 * order (head back to 0), so appends are amortised O(1) like list's.  CPython links
 * blocks of 64 slots instead; the ring gives the same costs with less code.
 *
 * maxlen (-1 for none) bounds the size: adding to a full deque first drops an item
 * from the other end, as CPython does.  state counts the changes that move items
 * (append, pop, rotate, insert, remove, clear...): an iterator that finds it moved
 * raises "deque mutated during iteration", CPython's check.
 *
 * Threads.  Like list (list.c), every operation -- reads too -- touches the buffer
 * only inside a critical section on the deque's own ob_mutex (runtime/critsec.h).
 * append, appendleft, pop, popleft, extend of a list or tuple, rotate, clear, copy,
 * d[i] and d[i] = x hold it from start to end and run no Python code, so they are
 * atomic, as CPython documents ("thread-safe, memory efficient appends and pops from
 * either side").  Operations that run an item's Python code (repr, ==, <, in, count,
 * index, remove, iteration) take one item at a time with a reference of its own,
 * under the lock, let go, and then compare or print it.  Items dropped under the
 * lock (the one a bounded append pushes out, clear's) are released after it: a
 * destructor may run Python code, and none runs while a lock is held.  No new lock:
 * ob_mutex is the object lock of the lock table (docs/architecture.md).
 *
 * The layout is in deque_internal.h, the iterators in deque_iter.c.
 */
#include <string.h>

#include "modules/modules.h"
#include "objects/objects.h"
#include "objects/deque_internal.h"
#include "runtime/critsec.h"

bool g_is_deque(GObject *o) { return g_isinstance(o, &GDeque_type); }

/* ---- the ring buffer (caller holds the lock, or the deque is nobody else's) ---- */

/* Room for one more item: double the buffer, items copied out in order. */
static int grow_locked(GDeque *d)
{
    G_ASSERT_CRITSEC_HELD(d);
    if (dq_size(d) < d->cap)
        return 0;
    int64_t cap = d->cap ? d->cap * 2 : 8;
    if ((uint64_t)cap > ((uint64_t)1 << 33)) {
        g_no_memory();
        return -1;
    }
    GObject **items = g_mem_alloc((size_t)cap * sizeof(GObject *));
    if (!items) {
        g_no_memory();
        return -1;
    }
    for (int64_t i = 0; i < dq_size(d); i++)
        items[i] = *slot(d, i);
    g_mem_free(d->items);
    d->items = items;
    d->cap = cap;
    d->head = 0;
    return 0;
}

/* Take item 0 or the last one out (the deque is not empty); returns its reference. */
static GObject *take_left_locked(GDeque *d)
{
    G_ASSERT(dq_size(d) > 0);
    GObject *v = *slot(d, 0);
    d->head = (d->head + 1) & (d->cap - 1);
    dq_set_size(d, dq_size(d) - 1);
    return v;
}

static GObject *take_right_locked(GDeque *d)
{
    G_ASSERT(dq_size(d) > 0);
    GObject *v = *slot(d, dq_size(d) - 1);
    dq_set_size(d, dq_size(d) - 1);
    return v;
}

/* Add v (stolen) at the right or the left end.  A full bounded deque gives up the
 * item at the other end into *out (to be dropped after the lock); a deque of
 * maxlen 0 gives up v itself. */
static int push_locked(GDeque *d, GObject *v, bool left, GObject **out)
{
    G_ASSERT_CRITSEC_HELD(d);
    *out = NULL;
    if (d->maxlen == 0) {
        *out = v;
        return 0;
    }
    if (d->maxlen > 0 && dq_size(d) == d->maxlen)
        *out = left ? take_right_locked(d) : take_left_locked(d);
    if (grow_locked(d) < 0) {
        g_decref(v);   /* (cannot happen with *out set: a slot was just freed) */
        return -1;
    }
    if (left) {
        d->head = (d->head - 1) & (d->cap - 1);
        *slot(d, 0) = v;
    } else {
        *slot(d, dq_size(d)) = v;
    }
    dq_set_size(d, dq_size(d) + 1);
    d->state++;
    return 0;
}

/* Every item out, into a plain array the caller drops after the lock. */
static GObject **take_all_locked(GDeque *d, int64_t *n)
{
    G_ASSERT_CRITSEC_HELD(d);
    *n = dq_size(d);
    GObject **all = *n ? g_mem_alloc((size_t)*n * sizeof(GObject *)) : NULL;
    if (*n && !all) {
        g_no_memory();
        return NULL;
    }
    for (int64_t i = 0; i < *n; i++)
        all[i] = *slot(d, i);
    dq_set_size(d, 0);
    d->head = 0;
    d->state++;
    return all;
}

static void drop_all(GObject **all, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        g_decref(all[i]);
    g_mem_free(all);
}

/* Rotate n steps to the right (negative: left).  Runs no Python code. */
static void rotate_locked(GDeque *d, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(d);
    int64_t size = dq_size(d);
    d->state++;
    if (size <= 1)
        return;
    n %= size;
    if (n < 0)
        n += size;
    if (n == 0)
        return;
    if (size == d->cap) {   /* a full ring rotates by moving head alone */
        d->head = (d->head - n) & (d->cap - 1);
        return;
    }
    for (int64_t k = 0; k < n; k++) {   /* last item to the front, n times */
        GObject *v = *slot(d, size - 1);
        d->head = (d->head - 1) & (d->cap - 1);
        *slot(d, 0) = v;
    }
}

/* ---- public helpers ---- */

/* A new empty deque of the given type with maxlen (-1: none). */
static GObject *deque_alloc(GType *type, int64_t maxlen)
{
    GDeque *d = (GDeque *)g_object_alloc(type, type->basicsize);
    if (!d)
        return g_no_memory();
    memset((char *)d + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    atomic_init(&d->size, 0);
    d->maxlen = maxlen;
    return (GObject *)d;
}

/* Append v (borrowed) on the right or the left: atomic. */
static int deque_push(GObject *o, GObject *v, bool left)
{
    GObject *out;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = push_locked(D(o), g_newref(v), left, &out);
    g_critsec_end_short(&cs);
    g_xdecref(out);
    return r;
}

/* Item i, and whether the deque still is in state `state` (false: it changed). */
static GObject *get_ref_same(GObject *o, int64_t i, uint64_t state, bool *changed)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    *changed = D(o)->state != state;
    GObject *v = !*changed && i < dq_size(D(o)) ? g_newref(*slot(D(o), i)) : NULL;
    g_critsec_end_short(&cs);
    return v;
}

static uint64_t state_of(GObject *o)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    uint64_t s = D(o)->state;
    g_critsec_end_short(&cs);
    return s;
}

/* A list of the items, copied in one step. */
static GObject *as_list(GObject *o)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GDeque *d = D(o);
    GObject *l = g_list_new(dq_size(d));
    if (l)
        for (int64_t i = 0; i < dq_size(d); i++)
            G_LIST_ITEM(l, i) = g_newref(*slot(d, i));
    g_critsec_end_short(&cs);
    return l;
}

int g_deque_extend_list(GObject *list, GObject *src)
{
    if (!g_is_deque(src))
        return 0;
    GObject *items = as_list(src);   /* one step under the deque's lock */
    if (!items)
        return -1;
    int r = g_list_extend(list, items);
    g_decref(items);
    return r < 0 ? -1 : 1;
}

/* Append every item of src (a list or tuple), in one step under both locks.  The
 * items a bounded deque pushes out (at most n) are dropped after the locks. */
static int extend_seq(GObject *o, GObject *src, bool left)
{
    GCritSec cs;
    g_critsec_begin2_short(&cs, o, src);
    bool is_list = g_is_list(src);
    int64_t n = is_list ? G_LIST_SIZE(src) : G_TUPLE_SIZE(src), nout = 0;
    GObject **outs = D(o)->maxlen >= 0 && n ? g_mem_alloc((size_t)n * sizeof(GObject *)) : NULL;
    int r = D(o)->maxlen >= 0 && n && !outs ? -1 : 0;
    for (int64_t i = 0; i < n && r == 0; i++) {
        GObject *v = is_list ? G_LIST_ITEM(src, i) : G_TUPLE_ITEM(src, i), *out;
        r = push_locked(D(o), g_newref(v), left, &out);
        if (out)
            outs[nout++] = out;
    }
    g_critsec_end_short(&cs);
    if (r < 0 && !g_err_occurred())
        g_no_memory();
    drop_all(outs, nout);
    return r;
}

int g_deque_extend(GObject *o, GObject *iterable, bool left)
{
    if (iterable == o) {   /* d.extend(d): a copy first */
        GObject *copy = as_list(o);
        if (!copy)
            return -1;
        int r = extend_seq(o, copy, left);
        g_decref(copy);
        return r;
    }
    GType *t = G_TYPE(iterable);
    if (t == &GList_type || t == &GTuple_type)
        return extend_seq(o, iterable, left);
    GObject *it = g_iter(iterable);
    if (!it)
        return -1;
    GObject *v;
    while ((v = g_next(it))) {
        int r = deque_push(o, v, left);
        g_decref(v);
        if (r < 0) {
            g_decref(it);
            return -1;
        }
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

static int clear_deque(GObject *o)
{
    int64_t n;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GObject **all = take_all_locked(D(o), &n);
    g_critsec_end_short(&cs);
    if (n && !all)
        return -1;
    drop_all(all, n);
    return 0;
}

/* ---- the type's slots ---- */

static void deque_dealloc(GObject *o)
{
    GDeque *d = D(o);
    for (int64_t i = 0; i < dq_size(d); i++)
        g_decref(*slot(d, i));
    g_mem_free(d->items);
    g_object_free(o);
}

static int deque_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GDeque *d = D(o);   /* the world is stopped: nobody changes the ring */
    for (int64_t i = 0; i < dq_size(d); i++)
        if (visit(*slot(d, i), arg))
            return 1;
    return 0;
}

static void deque_clear_slot(GObject *o) { clear_deque(o); }

static ssize_t deque_len(GObject *o) { return (ssize_t)dq_size(D(o)); }

static int64_t maxlen_of(GObject *o)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int64_t m = D(o)->maxlen;
    g_critsec_end_short(&cs);
    return m;
}

/* deque([1, 2]) or deque([1], maxlen=3); a subclass shows its own name. */
static GObject *deque_repr(GObject *o)
{
    int guard = g_repr_enter(o);
    if (guard)
        return guard < 0 ? NULL : g_format("[...]");
    GObject *l = as_list(o), *r = l ? g_repr(l) : NULL;
    g_xdecref(l);
    g_repr_leave(o);
    if (!r)
        return NULL;
    int64_t m = maxlen_of(o);
    const char *name = G_TYPE(o) == &GDeque_type ? "deque" : G_TYPE(o)->name;
    GObject *s = m < 0 ? g_format("%s(%U)", name, r)
                       : g_format("%s(%U, maxlen=%zd)", name, r, (ssize_t)m);
    g_decref(r);
    return s;
}

static int64_t deque_hash(GObject *o)
{
    g_raise(&GExc_TypeError, "unhashable type: '%T'", o);
    return -1;
}

/* Item i of a and of b, read in one step; false past the end of either. */
static bool get_pair_ref(GObject *a, GObject *b, int64_t i, GObject **x, GObject **y)
{
    GCritSec cs;
    g_critsec_begin2_short(&cs, a, b);
    bool ok = i < dq_size(D(a)) && i < dq_size(D(b));
    if (ok) {
        *x = g_newref(*slot(D(a), i));
        *y = g_newref(*slot(D(b), i));
    }
    g_critsec_end_short(&cs);
    return ok;
}

static GObject *deque_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_deque(a) || !g_is_deque(b))
        return g_newref(G_NOTIMPL);
    if ((op == CMP_EQ || op == CMP_NE) && deque_len(a) != deque_len(b))
        return g_bool(op == CMP_NE);
    GObject *x, *y;
    for (int64_t i = 0; get_pair_ref(a, b, i, &x, &y); i++) {
        int eq = g_eq(x, y);
        if (eq == 0) {   /* the first difference decides */
            GObject *r = op == CMP_EQ ? G_FALSE : op == CMP_NE ? G_TRUE : g_richcompare(x, y, op);
            g_decref(x);
            g_decref(y);
            return r;
        }
        g_decref(x);
        g_decref(y);
        if (eq < 0)
            return NULL;
    }
    return g_compare_lengths(deque_len(a), deque_len(b), op);
}

static int deque_contains(GObject *o, GObject *x)
{
    uint64_t state = state_of(o);
    bool changed;
    GObject *item;
    for (int64_t i = 0; (item = get_ref_same(o, i, state, &changed)); i++) {
        int eq = g_eq(item, x);
        g_decref(item);
        if (eq)
            return eq;
    }
    if (changed) {
        g_raise(&GExc_RuntimeError, "deque mutated during iteration");
        return -1;
    }
    return 0;
}

/* ---- indexing: d[i], d[i] = x, del d[i] ---- */

static int index_arg(GObject *key, int64_t *i)
{
    if (!g_is_int(key) && !G_TYPE(key)->nb_index) {
        g_raise(&GExc_TypeError, "sequence index must be integer, not '%T'", key);
        return -1;
    }
    *i = g_as_ssize(key);
    return *i == -1 && g_err_occurred() ? -1 : 0;
}

static GObject *deque_getitem(GObject *o, GObject *key)
{
    int64_t i;
    if (index_arg(key, &i) < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int64_t n = dq_size(D(o));
    if (i < 0)
        i += n;
    GObject *v = i >= 0 && i < n ? g_newref(*slot(D(o), i)) : NULL;
    g_critsec_end_short(&cs);
    return v ? v : g_raise(&GExc_IndexError, "deque index out of range");
}

/* Remove item i (in range) by closing the gap from the nearer end. */
static GObject *delete_locked(GDeque *d, int64_t i)
{
    G_ASSERT_CRITSEC_HELD(d);
    int64_t n = dq_size(d);
    GObject *v = *slot(d, i);
    if (i < n / 2) {
        for (int64_t k = i; k > 0; k--)
            *slot(d, k) = *slot(d, k - 1);
        d->head = (d->head + 1) & (d->cap - 1);
    } else {
        for (int64_t k = i; k < n - 1; k++)
            *slot(d, k) = *slot(d, k + 1);
    }
    dq_set_size(d, n - 1);
    d->state++;
    return v;
}

static int deque_setitem(GObject *o, GObject *key, GObject *value)
{
    int64_t i;
    if (index_arg(key, &i) < 0)
        return -1;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GDeque *d = D(o);
    int64_t n = dq_size(d);
    if (i < 0)
        i += n;
    GObject *old = NULL;
    bool ok = i >= 0 && i < n;
    if (ok && value) {
        old = *slot(d, i);
        *slot(d, i) = g_newref(value);
    } else if (ok) {
        old = delete_locked(d, i);
    }
    g_critsec_end_short(&cs);
    g_xdecref(old);
    if (!ok) {
        g_raise(&GExc_IndexError, "deque index out of range");
        return -1;
    }
    return 0;
}

/* ---- operators: + * += *= ---- */

/* A new deque like o (same type and maxlen) holding o's items. */
static GObject *copy_of(GObject *o)
{
    if (G_TYPE(o) != &GDeque_type) {   /* a subclass: type(d)(d) or type(d)(d, maxlen) */
        int64_t m = maxlen_of(o);
        if (m < 0)
            return g_call1((GObject *)G_TYPE(o), o);
        GObject *ml = g_int_from_i64(m);
        GObject *r = ml ? g_call2((GObject *)G_TYPE(o), o, ml) : NULL;
        g_xdecref(ml);
        return r;
    }
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    GDeque *d = D(o);
    GObject *c = deque_alloc(&GDeque_type, d->maxlen);
    GDeque *n = D(c);
    if (c && dq_size(d)) {
        int64_t cap = 8;
        while (cap < dq_size(d))
            cap *= 2;
        n->items = g_mem_alloc((size_t)cap * sizeof(GObject *));
        if (!n->items) {
            g_no_memory();
            G_CLEAR(c);
        } else {
            n->cap = cap;
            for (int64_t i = 0; i < dq_size(d); i++)
                n->items[i] = g_newref(*slot(d, i));
            dq_set_size(n, dq_size(d));
        }
    }
    g_critsec_end_short(&cs);
    return c;
}

static GObject *deque_add(GObject *a, GObject *b)
{
    if (!g_is_deque(a))
        return g_newref(G_NOTIMPL);
    if (!g_is_deque(b))
        return g_raise(&GExc_TypeError, "can only concatenate deque (not \"%T\") to deque", b);
    GObject *r = copy_of(a);
    if (r && g_deque_extend(r, b, false) < 0)
        G_CLEAR(r);
    return r;
}

static GObject *deque_iadd(GObject *a, GObject *b)
{
    if (g_deque_extend(a, b, false) < 0)
        return NULL;
    return g_newref(a);
}

/* d *= n in one step: the items repeated n times, the last maxlen of them kept. */
static int repeat_inplace(GObject *o, GObject *count)
{
    int64_t k;
    if (!g_int_as_i64(count, &k))
        k = g_int_sign(count) < 0 ? 0 : INT64_MAX;
    GObject *items = as_list(o);
    if (!items)
        return -1;
    int64_t n = G_LIST_SIZE(items);
    if (k <= 0 || n == 0) {
        g_decref(items);
        return k <= 0 ? clear_deque(o) : 0;
    }
    int64_t m = maxlen_of(o);
    if (m < 0 && k > (int64_t)(((uint64_t)1 << 33) / (uint64_t)n)) {
        g_decref(items);
        g_no_memory();
        return -1;
    }
    if (m >= 0 && k > m / n + 2)   /* only the last maxlen items can survive */
        k = m / n + 2;
    int r = 0;
    for (int64_t j = 1; j < k && r == 0; j++)
        r = extend_seq(o, items, false);
    g_decref(items);
    return r;
}

static GObject *deque_mul(GObject *a, GObject *b)
{
    GObject *d = g_is_deque(a) ? a : b, *n = g_is_deque(a) ? b : a;
    if (!g_is_int(n))
        return g_newref(G_NOTIMPL);
    GObject *r = copy_of(d);
    if (r && repeat_inplace(r, n) < 0)
        G_CLEAR(r);
    return r;
}

static GObject *deque_imul(GObject *a, GObject *b)
{
    if (!g_is_int(b))
        return g_newref(G_NOTIMPL);
    return repeat_inplace(a, b) < 0 ? NULL : g_newref(a);
}

/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *append_m(ARGS)
{
    if (g_no_kwargs("append", kw) < 0 || g_check_nargs("append", nargs, 1, 1) < 0)
        return NULL;
    return deque_push(self, args[0], false) < 0 ? NULL : G_NONE;
}

static GObject *appendleft_m(ARGS)
{
    if (g_no_kwargs("appendleft", kw) < 0 || g_check_nargs("appendleft", nargs, 1, 1) < 0)
        return NULL;
    return deque_push(self, args[0], true) < 0 ? NULL : G_NONE;
}

static GObject *pop_end(GObject *self, bool left)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GDeque *d = D(self);
    GObject *v = NULL;
    if (dq_size(d) > 0) {
        v = left ? take_left_locked(d) : take_right_locked(d);
        d->state++;
    }
    g_critsec_end_short(&cs);
    return v ? v : g_raise(&GExc_IndexError, "pop from an empty deque");
}

static GObject *pop_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 0, 0) < 0)
        return NULL;
    return pop_end(self, false);
}

static GObject *popleft_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("popleft", kw) < 0 || g_check_nargs("popleft", nargs, 0, 0) < 0)
        return NULL;
    return pop_end(self, true);
}

static GObject *extend_m(ARGS)
{
    if (g_no_kwargs("extend", kw) < 0 || g_check_nargs("extend", nargs, 1, 1) < 0)
        return NULL;
    return g_deque_extend(self, args[0], false) < 0 ? NULL : G_NONE;
}

static GObject *extendleft_m(ARGS)
{
    if (g_no_kwargs("extendleft", kw) < 0 || g_check_nargs("extendleft", nargs, 1, 1) < 0)
        return NULL;
    return g_deque_extend(self, args[0], true) < 0 ? NULL : G_NONE;
}

static GObject *rotate_m(ARGS)
{
    if (g_no_kwargs("rotate", kw) < 0 || g_check_nargs("rotate", nargs, 0, 1) < 0)
        return NULL;
    int64_t n = 1;
    if (nargs) {
        n = g_as_ssize(args[0]);   /* __index__ runs before the lock */
        if (n == -1 && g_err_occurred())
            return NULL;
    }
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    rotate_locked(D(self), n);
    g_critsec_end_short(&cs);
    return G_NONE;
}

static GObject *clear_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("clear", kw) < 0 || g_check_nargs("clear", nargs, 0, 0) < 0)
        return NULL;
    return clear_deque(self) < 0 ? NULL : G_NONE;
}

static GObject *copy_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("copy", kw) < 0 || g_check_nargs("copy", nargs, 0, 0) < 0)
        return NULL;
    return copy_of(self);
}

static GObject *reverse_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("reverse", kw) < 0 || g_check_nargs("reverse", nargs, 0, 0) < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GDeque *d = D(self);
    for (int64_t i = 0, j = dq_size(d) - 1; i < j; i++, j--) {
        GObject *t = *slot(d, i);
        *slot(d, i) = *slot(d, j);
        *slot(d, j) = t;
    }
    g_critsec_end_short(&cs);
    return G_NONE;
}

/* The first i in [from, to) whose item == x: -1 none, -2 error (RuntimeError if ==
 * changed the deque, as CPython's).  *found gets the matching item if asked. */
static int64_t find_item(GObject *o, GObject *x, int64_t from, int64_t to, GObject **found)
{
    uint64_t state = state_of(o);
    bool changed;
    GObject *item;
    for (int64_t i = from; i < to && (item = get_ref_same(o, i, state, &changed)); i++) {
        int eq = g_eq(item, x);
        if (eq > 0 && found) {
            *found = item;
            return i;
        }
        g_decref(item);
        if (eq)
            return eq < 0 ? -2 : i;
    }
    if (changed) {
        g_raise(&GExc_RuntimeError, "deque mutated during iteration");
        return -2;
    }
    return -1;
}

static GObject *count_m(ARGS)
{
    if (g_no_kwargs("count", kw) < 0 || g_check_nargs("count", nargs, 1, 1) < 0)
        return NULL;
    uint64_t state = state_of(self);
    bool changed;
    int64_t n = 0;
    GObject *item;
    for (int64_t i = 0; (item = get_ref_same(self, i, state, &changed)); i++) {
        int eq = g_eq(item, args[0]);
        g_decref(item);
        if (eq < 0)
            return NULL;
        n += eq;
    }
    if (changed)
        return g_raise(&GExc_RuntimeError, "deque mutated during iteration");
    return g_int_from_i64(n);
}

static GObject *index_m(ARGS)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    int64_t size = deque_len(self), from = 0, to = size;
    if (nargs > 1 && (from = g_as_ssize(args[1])) < 0)
        from = from + size < 0 ? 0 : from + size;
    if (nargs > 2 && (to = g_as_ssize(args[2])) < 0)
        to = to + size < 0 ? 0 : to + size;
    if (g_err_occurred())
        return NULL;
    int64_t i = find_item(self, args[0], from, to, NULL);
    if (i == -2)
        return NULL;
    if (i < 0)
        return g_raise(&GExc_ValueError, "%R is not in deque", args[0]);
    return g_int_from_i64(i);
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    uint64_t state = state_of(self);
    GObject *item;
    int64_t i = find_item(self, args[0], 0, INT64_MAX, &item);
    if (i == -2)
        return NULL;
    if (i == -1)
        return g_raise(&GExc_ValueError, "%R is not in deque", args[0]);
    /* still the same deque as when == was asked?  (== may have run Python code) */
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GObject *old = D(self)->state == state && *slot(D(self), i) == item ? delete_locked(D(self), i) : NULL;
    g_critsec_end_short(&cs);
    g_decref(item);
    if (!old)
        return g_raise(&GExc_IndexError, "deque mutated during remove().");
    g_decref(old);
    return G_NONE;
}

static GObject *insert_m(ARGS)
{
    if (g_no_kwargs("insert", kw) < 0 || g_check_nargs("insert", nargs, 2, 2) < 0)
        return NULL;
    int64_t i = g_as_ssize(args[0]);
    if (i == -1 && g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GDeque *d = D(self);
    int64_t n = dq_size(d);
    const char *full = d->maxlen >= 0 && n >= d->maxlen ? "deque already at its maximum size" : NULL;
    int r = full ? -1 : grow_locked(d);
    if (r == 0) {
        if (i < 0)
            i = i + n < 0 ? 0 : i + n;
        if (i > n)
            i = n;
        /* open a gap at i by moving the right part one slot right */
        for (int64_t k = n; k > i; k--)
            *slot(d, k) = *slot(d, k - 1);
        *slot(d, i) = g_newref(args[1]);
        dq_set_size(d, n + 1);
        d->state++;
    }
    g_critsec_end_short(&cs);
    if (full)
        return g_raise(&GExc_IndexError, full);
    return r < 0 ? NULL : G_NONE;
}

static GObject *reversed_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("__reversed__", kw) < 0 || g_check_nargs("__reversed__", nargs, 0, 0) < 0)
        return NULL;
    return g_deque_reviter_new(self);
}

static GObject *get_maxlen(GObject *o)
{
    int64_t m = maxlen_of(o);
    return m < 0 ? G_NONE : g_int_from_i64(m);
}

static const GMethodDef deque_methods[] = {
    { "append", append_m, 0, "Add an element to the right side of the deque." },
    { "appendleft", appendleft_m, 0, "Add an element to the left side of the deque." },
    { "pop", pop_m, 0, "Remove and return the rightmost element." },
    { "popleft", popleft_m, 0, "Remove and return the leftmost element." },
    { "extend", extend_m, 0, NULL }, { "extendleft", extendleft_m, 0, NULL },
    { "rotate", rotate_m, 0, NULL }, { "clear", clear_m, 0, NULL }, { "copy", copy_m, 0, NULL },
    { "__copy__", copy_m, 0, NULL }, { "reverse", reverse_m, 0, NULL }, { "count", count_m, 0, NULL },
    { "index", index_m, 0, NULL }, { "remove", remove_m, 0, NULL }, { "insert", insert_m, 0, NULL },
    { "__reversed__", reversed_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef deque_getsets[] = {
    { "maxlen", get_maxlen, NULL },
    { NULL, NULL, NULL },
};

static GObject *deque_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)args; (void)nargs; (void)kwnames;
    return deque_alloc(type, -1);
}

/* deque(iterable=(), maxlen=None); calling __init__ again starts afresh. */
static int deque_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    static const char *const names[] = { "iterable", "maxlen", NULL };
    GObject *a[2];
    size_t given = nargs - (kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0);
    if (given > 2) {
        g_raise(&GExc_TypeError, "deque() takes at most 2 arguments (%zd given)", (ssize_t)given);
        return -1;
    }
    if (g_parse_args("deque", args, nargs, kwnames, names, 0, a) < 0)
        return -1;
    int64_t maxlen = -1;
    if (a[1] && a[1] != G_NONE) {
        if (!g_is_int(a[1])) {
            g_raise(&GExc_TypeError, "an integer is required");
            return -1;
        }
        maxlen = g_as_ssize(a[1]);
        if (maxlen == -1 && g_err_occurred())
            return -1;
        if (maxlen < 0) {
            g_raise(&GExc_ValueError, "maxlen must be non-negative");
            return -1;
        }
    }
    if (clear_deque(self) < 0)
        return -1;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    D(self)->maxlen = maxlen;
    g_critsec_end_short(&cs);
    return a[0] ? g_deque_extend(self, a[0], false) : 0;
}

GType GDeque_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "collections.deque",    /* __name__ 'deque', __module__ 'collections' */
    .basicsize = sizeof(GDeque),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = deque_new,
    .tp_init = deque_init,
    .tp_dealloc = deque_dealloc,
    .tp_traverse = deque_traverse,
    .tp_clear = deque_clear_slot,
    .tp_repr = deque_repr,
    .tp_hash = deque_hash,
    .tp_richcompare = deque_richcompare,
    .tp_iter = g_deque_iter_new,
    .nb = { [NB_ADD] = deque_add, [NB_MUL] = deque_mul },
    .nb_inplace = { [NB_ADD] = deque_iadd, [NB_MUL] = deque_imul },
    .sq_len = deque_len,
    .mp_getitem = deque_getitem,
    .mp_setitem = deque_setitem,
    .sq_contains = deque_contains,
    .methods = deque_methods,
    .getsets = deque_getsets,
    .doc = "A list-like sequence optimized for data accesses near its endpoints.",
};

/* ---- the _collections module ---- */

GObject *g_collections_init(void)
{
    g_type_ready(&GDeque_type);
    g_type_ready(&GDequeIter_type);
    g_type_ready(&GDequeRevIter_type);
    GObject *m = g_module_new("_collections");
    if (m)
        g_dict_set_str(g_module_dict(m), "deque", (GObject *)&GDeque_type);
    return m;
}
