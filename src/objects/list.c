/* list.c -- list: a growable array of references.
 *
 *   GList: | header | size | cap | items ---> [ item0 | item1 | ... | (spare) ]
 *
 * The item array is a separate allocation that grows by about 1/8 plus a little,
 * as CPython's does, so appends are amortised O(1).  sort() is a stable merge sort
 * that calls `<` only (like Python's), with key= and reverse=: it is in list_sort.c.
 *
 * Threads.  With the GIL off and other threads running, every operation here --
 * reads too -- touches the item array only inside a critical section on the list's
 * own ob_mutex (runtime/critsec.h), so a reader never sees a half-grown array.  The
 * short sections cost one test when the program is not concurrent.  Unlike CPython,
 * gilt does not read lists without a lock (docs/architecture.md).
 *
 * Python code (an item's __eq__, __lt__ or __repr__) may change the list -- from this
 * thread or, while the code runs, from another.  So the operations come in two kinds:
 *
 *   - those that build a result from the items (a + b, a * n, a[i:j], a.copy(),
 *     list(a), tuple(a), a.extend(a), a *= n) run no Python code and hold the lock
 *     (both lists' for a + b) from start to end: they are atomic, as in free-threaded
 *     CPython;
 *   - those that call Python code on the items (repr, ==, <, in, index, count,
 *     remove, iteration) take one item at a time, with a new reference, under the
 *     lock (g_list_get_ref), let go of the lock, use the item and drop it.  They read
 *     the size afresh at each step: a list that shrinks under them just ends sooner.
 *
 * sort() is the exception: like CPython it holds the list's lock while key= and `<`
 * run, but it has taken the items out first -- the list looks empty meanwhile, and
 * is found "modified during sort" if anything was put into it.
 *
 * Items taken out of a list under its lock are dropped after the lock is let go
 * (Dead, in list_internal.h): freeing an item is not the list's business.
 */
#include <string.h>

#include "objects/list_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"
#include "runtime/race.h"

/* Make room for `need` items (a fresh list, or the caller holds the lock). */
static int list_resize(GList *l, int64_t need)
{
    if (need <= l->cap)
        return 0;
    int64_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    if ((uint64_t)cap > ((uint64_t)1 << 33))
        goto nomem;
    GObject **items = g_mem_realloc(l->items, (size_t)cap * sizeof(GObject *));
    if (!items)
        goto nomem;
    l->items = items;
    l->cap = cap;
    return 0;
nomem:
    g_no_memory();
    return -1;
}

GObject *g_list_new(int64_t n)
{
    GList *l = (GList *)g_object_alloc(&GList_type, sizeof(GList));
    if (!l)
        return g_no_memory();
    atomic_init(&l->size, 0);
    l->cap = 0;
    l->items = NULL;
    if (n > 0) {
        if (list_resize(l, n) < 0) {
            g_decref((GObject *)l);
            return NULL;
        }
        memset(l->items, 0, (size_t)n * sizeof(GObject *));
        set_size(l, n);
    }
    return (GObject *)l;
}

/* ---- one item at a time ---- */

int g_list_append(GObject *list, GObject *v)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    int r = 0;
    if (l->size == l->cap && list_resize(l, size_of(l) + 1) < 0)
        r = -1;
    else {
        l->items[size_of(l)] = g_newref(v);
        set_size(l, size_of(l) + 1);
    }
    g_critsec_end_short(&cs);
    return r;
}

GObject *g_list_get_ref(GObject *list, int64_t i)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    GObject *v = i >= 0 && i < size_of(l) ? g_newref(l->items[i]) : NULL;
    g_critsec_end_short(&cs);
    return v;
}

/* Item i, counted from the end if negative; NULL (no exception) if out of range. */
static GObject *get_ref_signed(GObject *list, int64_t i)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    if (i < 0)
        i += size_of(l);
    GObject *v = i >= 0 && i < size_of(l) ? g_newref(l->items[i]) : NULL;
    g_critsec_end_short(&cs);
    return v;
}

/* Item i of a and of b, read in one step (a may be b); false past the end of either. */
static bool get_pair_ref(GObject *a, GObject *b, int64_t i, GObject **x, GObject **y)
{
    GCritSec cs;
    g_critsec_begin2_short(&cs, a, b);
    bool ok = i < size_of((GList *)a) && i < size_of((GList *)b);
    if (ok) {
        *x = g_newref(G_LIST_ITEM(a, i));
        *y = g_newref(G_LIST_ITEM(b, i));
    }
    g_critsec_end_short(&cs);
    return ok;
}

bool g_list_set_item(GObject *list, int64_t i, GObject *v)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    bool ok = i >= 0 && i < size_of(l);
    GObject *old = NULL;
    if (ok) {
        old = l->items[i];
        l->items[i] = v;
    }
    g_critsec_end_short(&cs);
    g_xdecref(old);
    return ok;
}

/* ---- copies: whole results built under the lock ---- */

/* A new list of items [start, stop) (step 1, in range). */
static GObject *copy_locked(GList *l, int64_t start, int64_t stop)
{
    G_ASSERT_CRITSEC_HELD(l);
    GObject *r = g_list_new(stop - start);
    if (r)
        for (int64_t i = start; i < stop; i++)
            G_LIST_ITEM(r, i - start) = g_newref(l->items[i]);
    return r;
}

static GObject *copy_of(GObject *list)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    GObject *r = copy_locked((GList *)list, 0, size_of((GList *)list));
    g_critsec_end_short(&cs);
    return r;
}

GObject *g_list_as_tuple(GObject *list)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    GObject *t = g_tuple_from_array(((GList *)list)->items, size_of((GList *)list));
    g_critsec_end_short(&cs);
    return t;
}

/* list += list or tuple; src may be l itself (x.extend(x)).  Both locked. */
static int extend_locked(GList *l, GObject *iterable)
{
    G_ASSERT_CRITSEC_HELD(l);
    G_ASSERT_CRITSEC_HELD(iterable);
    bool is_list = g_is_list(iterable);
    int64_t n = is_list ? size_of((GList *)iterable) : G_TUPLE_SIZE(iterable);
    if (list_resize(l, size_of(l) + n) < 0)
        return -1;
    /* read the source after the resize: it may be l->items itself */
    GObject **src = is_list ? ((GList *)iterable)->items : ((GTuple *)iterable)->items;
    for (int64_t i = 0; i < n; i++)
        l->items[size_of(l) + i] = g_newref(src[i]);
    set_size(l, size_of(l) + n);
    return 0;
}

/* Room for the items of an iterable whose length a built-in type knows (a range):
 * list(range(n)) then allocates its n slots once, as CPython's length hint does,
 * instead of growing by an eighth at a time, each step copying the whole array and,
 * at its peak, holding the old array and the new.  Only a built-in type's own
 * sq_len is asked: it runs no Python code and cannot change the list.  A length it
 * cannot give (an OverflowError) is no hint; one too large to allocate is the
 * MemoryError the list would have met anyway. */
static int reserve_for(GObject *list, GObject *iterable)
{
    GType *t = G_TYPE(iterable);
    if (!t->sq_len || (t->flags & G_TPFLAG_HEAPTYPE))
        return 0;
    ssize_t n = t->sq_len(iterable);
    if (n < 0) {
        g_err_clear();
        return 0;
    }
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    int r = list_resize((GList *)list, size_of((GList *)list) + n);
    g_critsec_end_short(&cs);
    return r;
}

int g_list_extend(GObject *list, GObject *iterable)
{
    GType *t = G_TYPE(iterable);
    if (t == &GList_type || t == &GTuple_type || iterable == list) {
        GCritSec cs;
        g_critsec_begin2_short(&cs, list, iterable);
        int r = extend_locked((GList *)list, iterable);
        g_critsec_end_short(&cs);
        return r;
    }
    /* dicts, their views, sets and deques are copied in one step under their locks too */
    int done = g_dict_extend_list(list, iterable);
    if (!done)
        done = g_set_extend_list(list, iterable);
    if (!done)
        done = g_deque_extend_list(list, iterable);
    if (done)
        return done < 0 ? -1 : 0;
    if (reserve_for(list, iterable) < 0)
        return -1;
    GObject *it = g_iter(iterable);
    if (!it)
        return -1;
    GObject *v;
    while ((v = g_next(it))) {
        int r = g_list_append(list, v);
        g_decref(v);
        if (r < 0) {
            g_decref(it);
            return -1;
        }
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

GObject *g_list_from_iterable(GObject *it)
{
    GObject *l = g_list_new(0);
    if (l && g_list_extend(l, it) < 0)
        G_CLEAR(l);
    return l;
}

static void list_dealloc(GObject *o)
{
    GList *l = (GList *)o;
    for (int64_t i = 0; i < size_of(l); i++)
        g_xdecref(l->items[i]);
    g_mem_free(l->items);
    g_race_forget(o);   /* --race: its address may be the next list's */
    g_object_free(o);
}

static int list_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GList *l = (GList *)o;
    for (int64_t i = 0; i < size_of(l); i++)
        if (l->items[i] && visit(l->items[i], arg))
            return 1;
    return 0;
}

/* Replace items [start, stop) (clamped into the list) with the n items of src (a
 * list nobody else sees, or NULL for none).  What was there goes to *dead. */
static int assign_slice_locked(GList *l, int64_t start, int64_t stop, GObject *src, Dead *dead)
{
    G_ASSERT_CRITSEC_HELD(l);
    start = start < 0 ? 0 : start > size_of(l) ? size_of(l) : start;
    stop = stop < start ? start : stop > size_of(l) ? size_of(l) : stop;
    int64_t n = src ? G_LIST_SIZE(src) : 0, old = stop - start;
    dead->items = NULL;
    dead->n = 0;
    if (old) {
        dead->items = g_mem_alloc((size_t)old * sizeof(GObject *));
        if (!dead->items) {
            g_no_memory();
            return -1;
        }
        memcpy(dead->items, l->items + start, (size_t)old * sizeof(GObject *));
    }
    int64_t newsize = size_of(l) - old + n;
    if (n > old && list_resize(l, newsize) < 0) {
        g_mem_free(dead->items);
        dead->items = NULL;
        return -1;
    }
    dead->n = old;
    if (size_of(l) > stop)   /* (an empty list has no item array at all) */
        memmove(l->items + start + n, l->items + stop, (size_t)(size_of(l) - stop) * sizeof(GObject *));
    for (int64_t i = 0; i < n; i++)
        l->items[start + i] = g_newref(G_LIST_ITEM(src, i));
    set_size(l, newsize);
    return 0;
}

/* Empty the list (clear(), __init__, the collector breaking a cycle). */
static int clear_list(GObject *o)
{
    Dead dead;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = assign_slice_locked((GList *)o, 0, size_of((GList *)o), NULL, &dead);
    g_critsec_end_short(&cs);
    drop_dead(&dead);
    return r;
}

static void list_clear_slot(GObject *o) { clear_list(o); }

static GObject *list_repr(GObject *o) { return g_seq_repr(o, '[', ']', false); }

static ssize_t list_len(GObject *o) { return (ssize_t)size_of((GList *)o); }

/* The first index at which a and b hold unequal items, or the length of the shorter
 * (-1: error).  An == may change either list: each step takes the pair afresh. */
static int64_t first_difference(GObject *a, GObject *b)
{
    GObject *x, *y;
    int64_t i = 0;
    while (get_pair_ref(a, b, i, &x, &y)) {
        int eq = g_eq(x, y);
        g_decref(x);
        g_decref(y);
        if (eq < 0)
            return -1;
        if (!eq)
            break;
        i++;
    }
    return i;
}

static GObject *list_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_list(b))
        return g_newref(G_NOTIMPL);
    if ((op == CMP_EQ || op == CMP_NE) && list_len(a) != list_len(b))
        return g_bool(op == CMP_NE);
    int64_t i = first_difference(a, b);
    if (i < 0)
        return NULL;
    /* the items at i differ -- unless the lists have run out (== may have shrunk them) */
    GObject *x, *y;
    if (!get_pair_ref(a, b, i, &x, &y))
        return g_compare_lengths(list_len(a), list_len(b), op);
    GObject *r = op == CMP_EQ ? G_FALSE : op == CMP_NE ? G_TRUE : g_richcompare(x, y, op);
    g_decref(x);
    g_decref(y);
    return r;
}

/* ---- subscripts ---- */

/* key as an index (its __index__ runs here, before any lock is taken). */
static int index_of(GObject *key, int64_t *i)
{
    if (G_TYPE(key) == &GInt_type && g_int_is_small(key)) {
        *i = g_int_small_value(key);
        return 0;
    }
    if (!g_is_int(key) && !G_TYPE(key)->nb_index) {
        g_raise(&GExc_TypeError, "list indices must be integers or slices, not %T", key);
        return -1;
    }
    *i = g_as_ssize(key);
    if (*i == -1 && g_err_occurred()) {
        if (g_err_matches(&GExc_OverflowError)) {
            g_err_clear();
            g_raise(&GExc_IndexError, "cannot fit 'int' into an index-sized integer");
        }
        return -1;
    }
    return 0;
}

static bool plain_bound(GObject *o) { return o == G_NONE || g_is_int(o); }

/* The slice with its bounds turned into ints, so that resolving it against the
 * length (under the lock) runs no Python code: their __index__ runs here. */
GObject *g_slice_plain(GObject *slice)
{
    GSlice *s = (GSlice *)slice;
    if (plain_bound(s->start) && plain_bound(s->stop) && plain_bound(s->step))
        return g_newref(slice);
    GObject *b[3] = { s->start, s->stop, s->step };
    for (int k = 0; k < 3; k++) {
        /* a bound that has no __index__ stays: resolving the slice raises TypeError */
        b[k] = plain_bound(b[k]) || !G_TYPE(b[k])->nb_index ? g_newref(b[k]) : g_index(b[k]);
        if (!b[k]) {
            while (k--)
                g_decref(b[k]);
            return NULL;
        }
    }
    GObject *r = g_slice_new(b[0], b[1], b[2]);
    for (int k = 0; k < 3; k++)
        g_decref(b[k]);
    return r;
}

static GObject *slice_locked(GList *l, GObject *slice)
{
    G_ASSERT_CRITSEC_HELD(l);
    int64_t start, stop, step, count;
    if (g_slice_indices(slice, size_of(l), &start, &stop, &step, &count) < 0)
        return NULL;
    if (step == 1)
        return copy_locked(l, start, start + count);
    GObject *r = g_list_new(count);
    if (r)
        for (int64_t i = 0, k = start; i < count; i++, k += step)
            G_LIST_ITEM(r, i) = g_newref(l->items[k]);
    return r;
}

static GObject *list_getitem(GObject *o, GObject *key)
{
    if (g_isinstance(key, &GSlice_type)) {
        GObject *s = g_slice_plain(key);
        if (!s)
            return NULL;
        GCritSec cs;
        g_critsec_begin_short(&cs, o);
        GObject *r = slice_locked((GList *)o, s);
        g_critsec_end_short(&cs);
        g_decref(s);
        return r;
    }
    int64_t i;
    if (index_of(key, &i) < 0)
        return NULL;
    GObject *v = get_ref_signed(o, i);
    return v ? v : g_raise(&GExc_IndexError, "list index out of range");
}

/* l[i] = value, or del l[i] (value NULL); the item that was there goes to *old. */
static int setitem_locked(GList *l, int64_t i, GObject *value, GObject **old)
{
    G_ASSERT_CRITSEC_HELD(l);
    if (i < 0)
        i += size_of(l);
    if (i < 0 || i >= size_of(l)) {
        g_raise(&GExc_IndexError, "list assignment index out of range");
        return -1;
    }
    *old = l->items[i];
    if (value) {
        l->items[i] = g_newref(value);
    } else {
        memmove(l->items + i, l->items + i + 1, (size_t)(size_of(l) - i - 1) * sizeof(GObject *));
        set_size(l, size_of(l) - 1);
    }
    return 0;
}

/* del l[slice] with a step other than 1: keep the others, in order. */
static int delete_extended_locked(GList *l, int64_t start, int64_t step, int64_t count, Dead *dead)
{
    G_ASSERT_CRITSEC_HELD(l);
    GObject *keep = g_list_new(0);
    if (!keep)
        return -1;
    int64_t stop = start + count * step;
    for (int64_t i = 0; i < size_of(l); i++) {
        bool hit = step > 0 ? (i >= start && i < stop && (i - start) % step == 0)
                            : (i <= start && i > stop && (start - i) % (-step) == 0);
        if (!hit && g_list_append(keep, l->items[i]) < 0) {
            g_decref(keep);
            return -1;
        }
    }
    int r = assign_slice_locked(l, 0, size_of(l), keep, dead);
    g_decref(keep);
    return r;
}

/* l[slice] = src (a list nobody else sees), or del l[slice] (src NULL). */
static int set_slice_locked(GList *l, GObject *slice, GObject *src, Dead *dead)
{
    G_ASSERT_CRITSEC_HELD(l);
    dead->items = NULL;
    dead->n = 0;
    int64_t start, stop, step, count;
    if (g_slice_indices(slice, size_of(l), &start, &stop, &step, &count) < 0)
        return -1;
    if (step == 1)
        return assign_slice_locked(l, start, start + count, src, dead);
    if (!src)
        return delete_extended_locked(l, start, step, count, dead);
    if (G_LIST_SIZE(src) != count) {
        g_raise(&GExc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                (ssize_t)G_LIST_SIZE(src), (ssize_t)count);
        return -1;
    }
    dead->items = g_mem_alloc((size_t)(count ? count : 1) * sizeof(GObject *));
    if (!dead->items) {
        g_no_memory();
        return -1;
    }
    for (int64_t i = 0, k = start; i < count; i++, k += step) {
        dead->items[i] = l->items[k];
        l->items[k] = g_newref(G_LIST_ITEM(src, i));
    }
    dead->n = count;
    return 0;
}

static int set_slice(GObject *o, GObject *key, GObject *value)
{
    GObject *s = g_slice_plain(key);
    if (!s)
        return -1;
    /* a copy of the new items, made first: value may be the list itself, or an
     * iterable that runs Python code */
    GObject *src = value ? g_list_from_iterable(value) : NULL;
    if (value && !src) {
        g_decref(s);
        return -1;
    }
    Dead dead;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = set_slice_locked((GList *)o, s, src, &dead);
    g_critsec_end_short(&cs);
    drop_dead(&dead);
    g_xdecref(src);
    g_decref(s);
    return r;
}

static int list_setitem(GObject *o, GObject *key, GObject *value)
{
    if (g_isinstance(key, &GSlice_type))
        return set_slice(o, key, value);
    int64_t i;
    if (index_of(key, &i) < 0)
        return -1;
    GObject *old = NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = setitem_locked((GList *)o, i, value, &old);
    g_critsec_end_short(&cs);
    g_xdecref(old);
    return r;
}

/* ---- searching ---- */

/* The first i in [from, to) whose item == x: -1 if none, -2 on error.  The item is
 * taken under the lock and compared after it (== may run Python code); if found is
 * not NULL it receives the matching item (a new reference). */
static int64_t find_item(GObject *list, GObject *x, int64_t from, int64_t to, GObject **found)
{
    GObject *item;
    for (int64_t i = from; i < to && (item = g_list_get_ref(list, i)); i++) {
        int eq = g_eq(item, x);
        if (eq > 0 && found) {
            *found = item;
            return i;
        }
        g_decref(item);
        if (eq)
            return eq < 0 ? -2 : i;
    }
    return -1;
}

static int list_contains(GObject *o, GObject *item)
{
    int64_t i = find_item(o, item, 0, INT64_MAX, NULL);
    return i == -2 ? -1 : i >= 0;
}

/* Remove the item at i that == matched: 1 done, 0 look again, -1 error.  If the
 * item is no longer there, the list changed while == ran.  If == ran Python code,
 * that code may have done it, and CPython -- which holds the lock across == -- then
 * removes whatever now sits at i (if anything), so gilt does too.  A pure == ran no
 * code: another thread moved the item, and the caller looks again. */
static int remove_found(GObject *list, int64_t i, GObject *item, bool pure)
{
    GList *l = (GList *)list;
    Dead dead = { NULL, 0 };
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    int r = !pure || (i < size_of(l) && l->items[i] == item);
    if (r && assign_slice_locked(l, i, i + 1, NULL, &dead) < 0)
        r = -1;
    g_critsec_end_short(&cs);
    drop_dead(&dead);
    return r;
}

static GObject *list_add(GObject *a, GObject *b)
{
    if (!g_is_list(a) || !g_is_list(b)) {
        if (g_is_list(a))
            return g_raise(&GExc_TypeError, "can only concatenate list (not \"%T\") to list", b);
        return g_newref(G_NOTIMPL);
    }
    GCritSec cs;
    g_critsec_begin2_short(&cs, a, b);
    GList *la = (GList *)a, *lb = (GList *)b;
    GObject *r = g_list_new(size_of(la) + size_of(lb));
    if (r) {
        for (int64_t i = 0; i < size_of(la); i++)
            G_LIST_ITEM(r, i) = g_newref(la->items[i]);
        for (int64_t i = 0; i < size_of(lb); i++)
            G_LIST_ITEM(r, size_of(la) + i) = g_newref(lb->items[i]);
    }
    g_critsec_end_short(&cs);
    return r;
}

static GObject *list_iadd(GObject *a, GObject *b)
{
    if (g_list_extend(a, b) < 0)
        return NULL;
    return g_newref(a);
}

static int64_t repeat_count(GObject *n, int64_t size)
{
    int64_t k;
    if (!g_int_as_i64(n, &k)) {
        if (g_int_sign(n) < 0)
            return 0;
        g_raise(&GExc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    if (k < 0 || size == 0)
        k = 0;   /* [] * 10**18 is []: no loop of 10**18 empty rounds under the lock */
    if (size && k > (int64_t)(((uint64_t)1 << 33) / (uint64_t)size)) {
        g_no_memory();
        return -1;
    }
    return k;
}

static GObject *repeat_locked(GList *l, GObject *n)
{
    G_ASSERT_CRITSEC_HELD(l);
    int64_t size = size_of(l), k = repeat_count(n, size);
    GObject *r = k < 0 ? NULL : g_list_new(size * k);
    if (r)
        for (int64_t j = 0; j < k; j++)
            for (int64_t i = 0; i < size; i++)
                G_LIST_ITEM(r, j * size + i) = g_newref(l->items[i]);
    return r;
}

static GObject *list_mul(GObject *a, GObject *b)
{
    GObject *l = g_is_list(a) ? a : b, *n = g_is_list(a) ? b : a;
    if (!g_is_int(n))
        return g_newref(G_NOTIMPL);
    GCritSec cs;
    g_critsec_begin_short(&cs, l);
    GObject *r = repeat_locked((GList *)l, n);
    g_critsec_end_short(&cs);
    return r;
}

/* l *= n: the new array is built and put in place in one step; the old array's
 * references go to *dead (each item now sits in the new array k times). */
static int inplace_repeat_locked(GList *l, GObject *n, Dead *dead)
{
    G_ASSERT_CRITSEC_HELD(l);
    int64_t size = size_of(l), k = repeat_count(n, size);
    if (k < 0)
        return -1;
    if (k == 1 || size == 0)
        return 0;
    GObject **items = NULL;
    if (k > 0) {
        items = g_mem_alloc((size_t)(size * k) * sizeof(GObject *));
        if (!items) {
            g_no_memory();
            return -1;
        }
        for (int64_t j = 0; j < k; j++)
            for (int64_t i = 0; i < size; i++)
                items[j * size + i] = g_newref(l->items[i]);
    }
    dead->items = l->items;
    dead->n = size;
    l->items = items;
    l->cap = size * k;
    set_size(l, size * k);
    return 0;
}

static GObject *list_imul(GObject *a, GObject *b)
{
    if (!g_is_int(b))
        return g_newref(G_NOTIMPL);
    Dead dead = { NULL, 0 };
    GCritSec cs;
    g_critsec_begin_short(&cs, a);
    int r = inplace_repeat_locked((GList *)a, b, &dead);
    g_critsec_end_short(&cs);
    drop_dead(&dead);
    return r < 0 ? NULL : g_newref(a);
}

static GObject *list_iter(GObject *o) { return g_seqiter_new(o); }

/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *append(ARGS)
{
    if (g_no_kwargs("append", kw) < 0 || g_check_nargs("append", nargs, 1, 1) < 0)
        return NULL;
    if (g_list_append(self, args[0]) < 0)
        return NULL;
    return G_NONE;
}

static GObject *extend(ARGS)
{
    if (g_no_kwargs("extend", kw) < 0 || g_check_nargs("extend", nargs, 1, 1) < 0)
        return NULL;
    if (g_list_extend(self, args[0]) < 0)
        return NULL;
    return G_NONE;
}

static GObject *insert(ARGS)
{
    if (g_no_kwargs("insert", kw) < 0 || g_check_nargs("insert", nargs, 2, 2) < 0)
        return NULL;
    GList *l = (GList *)self;
    int64_t i = g_as_ssize(args[0]);
    if (i == -1 && g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    if (i < 0)
        i = i + size_of(l) < 0 ? 0 : i + size_of(l);
    if (i > size_of(l))
        i = size_of(l);
    int r = list_resize(l, size_of(l) + 1);
    if (r == 0) {
        memmove(l->items + i + 1, l->items + i, (size_t)(size_of(l) - i) * sizeof(GObject *));
        l->items[i] = g_newref(args[1]);
        set_size(l, size_of(l) + 1);
    }
    g_critsec_end_short(&cs);
    return r < 0 ? NULL : G_NONE;
}

static GObject *pop(ARGS)
{
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 0, 1) < 0)
        return NULL;
    GList *l = (GList *)self;
    int64_t i = -1;
    if (nargs) {
        i = g_as_ssize(args[0]);     /* may run __index__: before taking the lock */
        if (i == -1 && g_err_occurred())
            return NULL;
    }
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    GObject *v = NULL;
    const char *err = NULL;
    if (size_of(l) == 0)
        err = "pop from empty list";
    else {
        if (i < 0)
            i += size_of(l);
        if (i < 0 || i >= size_of(l))
            err = "pop index out of range";
        else {
            v = l->items[i];
            memmove(l->items + i, l->items + i + 1, (size_t)(size_of(l) - i - 1) * sizeof(GObject *));
            set_size(l, size_of(l) - 1);
        }
    }
    g_critsec_end_short(&cs);
    return err ? g_raise(&GExc_IndexError, err) : v;
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    for (;;) {
        GObject *item;
        int64_t i = find_item(self, args[0], 0, INT64_MAX, &item);
        if (i == -2)
            return NULL;
        if (i == -1)
            return g_raise(&GExc_ValueError, "list.remove(x): x not in list");
        bool pure = item == args[0] || g_eq_is_pure(item, args[0]);
        int done = remove_found(self, i, item, pure);
        g_decref(item);
        if (done)
            return done < 0 ? NULL : G_NONE;
    }
}

static GObject *index_m(ARGS)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    int64_t size = list_len(self), from = 0, to = size;
    if (nargs > 1) {
        from = g_as_ssize(args[1]);
        if (from < 0)
            from = from + size < 0 ? 0 : from + size;
    }
    if (nargs > 2) {
        to = g_as_ssize(args[2]);
        if (to < 0)
            to += size;
    }
    if (g_err_occurred())
        return NULL;
    int64_t i = find_item(self, args[0], from, to, NULL);
    if (i == -2)
        return NULL;
    if (i < 0) {
        GObject *r = g_repr(args[0]);
        if (!r)
            return NULL;
        g_raise(&GExc_ValueError, "%U is not in list", r);
        g_decref(r);
        return NULL;
    }
    return g_int_from_i64(i);
}

static GObject *count_m(ARGS)
{
    if (g_no_kwargs("count", kw) < 0 || g_check_nargs("count", nargs, 1, 1) < 0)
        return NULL;
    int64_t n = 0;
    GObject *item;
    for (int64_t i = 0; (item = g_list_get_ref(self, i)); i++) {
        int eq = g_eq(item, args[0]);
        g_decref(item);
        if (eq < 0)
            return NULL;
        n += eq;
    }
    return g_int_from_i64(n);
}

static GObject *clear_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("clear", kw) < 0 || g_check_nargs("clear", nargs, 0, 0) < 0)
        return NULL;
    return clear_list(self) < 0 ? NULL : G_NONE;
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
    reverse_items(((GList *)self)->items, size_of((GList *)self));
    g_critsec_end_short(&cs);
    return G_NONE;
}

static GObject *sort_m(ARGS)
{
    static const char *const names[] = { "key", "reverse", NULL };
    GObject *a[2];
    if (nargs > (kw ? (size_t)G_TUPLE_SIZE(kw) : 0))
        return g_raise(&GExc_TypeError, "sort() takes no positional arguments");
    if (g_parse_args("sort", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int rev = a[1] ? g_truthy(a[1]) : 0;
    if (rev < 0)
        return NULL;
    if (g_list_sort(self, a[0], rev) < 0)
        return NULL;
    return G_NONE;
}

static const GMethodDef list_methods[] = {
    { "append", append, 0, "Append object to the end of the list." },
    { "extend", extend, 0, NULL }, { "insert", insert, 0, NULL }, { "pop", pop, 0, NULL },
    { "remove", remove_m, 0, NULL }, { "index", index_m, 0, NULL }, { "count", count_m, 0, NULL },
    { "clear", clear_m, 0, NULL }, { "copy", copy_m, 0, NULL }, { "reverse", reverse_m, 0, NULL },
    { "sort", sort_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *list_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)args; (void)nargs; (void)kwnames;
    GList *l = (GList *)g_object_alloc(type, type->basicsize);
    if (!l)
        return g_no_memory();
    memset((char *)l + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    return (GObject *)l;
}

static int list_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("list", kwnames) < 0 || g_check_nargs("list", nargs, 0, 1) < 0)
        return -1;
    if (list_len(self) && clear_list(self) < 0)
        return -1;
    if (nargs)
        return g_list_extend(self, args[0]);
    return 0;
}

GType GList_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "list",
    .basicsize = sizeof(GList),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_LIST | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = list_new_slot,
    .tp_init = list_init,
    .tp_dealloc = list_dealloc,
    .tp_traverse = list_traverse,
    .tp_clear = list_clear_slot,
    .tp_repr = list_repr,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .nb = { [NB_ADD] = list_add, [NB_MUL] = list_mul },
    .nb_inplace = { [NB_ADD] = list_iadd, [NB_MUL] = list_imul },
    .sq_len = list_len,
    .mp_getitem = list_getitem,
    .mp_setitem = list_setitem,
    .sq_contains = list_contains,
    .methods = list_methods,
};
