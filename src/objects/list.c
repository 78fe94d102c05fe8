/* list.c -- list: a growable array of references.
 *
 *   GList: | header | size | cap | items ---> [ item0 | item1 | ... | (spare) ]
 *
 * The item array is a separate allocation that grows by about 1/8 plus a little,
 * as CPython's does, so appends are amortised O(1).  sort() is a stable merge sort
 * that calls `<` only (like Python's), with key= and reverse=.
 *
 * Threads.  With the GIL off and other threads running, every operation here --
 * reads too -- runs inside a critical section on the list's own ob_mutex
 * (runtime/critsec.h), so the operations Python documents as atomic (append, pop,
 * item assignment, extend from a list, sort) stay atomic and a reader never sees a
 * half-grown item array.  The short operations use short sections, which cost one
 * test when the program is not concurrent.  Unlike CPython, gilt does not read
 * lists without a lock: a list that only one thread uses pays an uncontended lock,
 * and one that threads share is read one thread at a time (docs/architecture.md).
 *
 * Operations that call Python code (==, <, key=, repr) hold a full section, which is
 * suspended if that code blocks; each step re-reads size and items under the lock.
 */
#include <string.h>

#include "objects/objects.h"
#include "runtime/critsec.h"

GObject *g_seq_richcompare(GObject *const *a, int64_t na, GObject *const *b, int64_t nb, GCmpOp op);
GObject *g_seq_repr(GObject *o, char open, char close, bool one_comma);

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
    l->size = 0;
    l->cap = 0;
    l->items = NULL;
    if (n > 0) {
        if (list_resize(l, n) < 0) {
            g_decref((GObject *)l);
            return NULL;
        }
        memset(l->items, 0, (size_t)n * sizeof(GObject *));
        l->size = n;
    }
    return (GObject *)l;
}

static inline void set_size(GList *l, int64_t n) { __atomic_store_n(&l->size, n, __ATOMIC_RELAXED); }

int g_list_append(GObject *list, GObject *v)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    int r = 0;
    if (l->size == l->cap && list_resize(l, l->size + 1) < 0)
        r = -1;
    else {
        l->items[l->size] = g_newref(v);
        set_size(l, l->size + 1);
    }
    g_critsec_end_short(&cs);
    return r;
}

GObject *g_list_get_ref(GObject *list, int64_t i)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    GObject *v = i >= 0 && i < l->size ? g_newref(l->items[i]) : NULL;
    g_critsec_end_short(&cs);
    return v;
}

bool g_list_set_item(GObject *list, int64_t i, GObject *v)
{
    GList *l = (GList *)list;
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    bool ok = i >= 0 && i < l->size;
    GObject *old = NULL;
    if (ok) {
        old = l->items[i];
        l->items[i] = v;
    }
    g_critsec_end_short(&cs);
    g_xdecref(old);       /* after the lock: freeing may take other locks */
    return ok;
}

/* A copy of the items as a tuple, taken in one step (for code that calls Python
 * between items and so must not hold the list's lock across it). */
static GObject *snapshot(GObject *list)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, list);
    GObject *t = g_tuple_from_array(((GList *)list)->items, G_LIST_SIZE(list));
    g_critsec_end_short(&cs);
    return t;
}

int g_list_extend(GObject *list, GObject *iterable)
{
    if (g_is_list(iterable) || g_is_tuple(iterable)) {
        GCritSec cs;
        g_critsec_begin2_short(&cs, list, iterable);
        int64_t n = g_is_list(iterable) ? G_LIST_SIZE(iterable) : G_TUPLE_SIZE(iterable);
        GList *l = (GList *)list;
        int r = list_resize(l, l->size + n);
        if (r == 0) {
            /* src may be l->items itself (x.extend(x)): read it after the resize */
            GObject **src = g_is_list(iterable) ? ((GList *)iterable)->items : ((GTuple *)iterable)->items;
            for (int64_t i = 0; i < n; i++)
                l->items[l->size + i] = g_newref(src[i]);
            set_size(l, l->size + n);
        }
        g_critsec_end_short(&cs);
        return r;
    }
    int done = g_dict_extend_list(list, iterable);
    if (done)
        return done < 0 ? -1 : 0;
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

GObject *g_list_as_tuple(GObject *list) { return snapshot(list); }

static void list_dealloc(GObject *o)
{
    GList *l = (GList *)o;
    for (int64_t i = 0; i < l->size; i++)
        g_xdecref(l->items[i]);
    g_mem_free(l->items);
    g_object_free(o);
}

static int list_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GList *l = (GList *)o;
    for (int64_t i = 0; i < l->size; i++)
        if (l->items[i] && visit(l->items[i], arg))
            return 1;
    return 0;
}

static int list_ass_slice(GList *l, int64_t start, int64_t stop, GObject *seq);

/* The collector breaks a cycle through a list by emptying it. */
static void list_clear_slot(GObject *o)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);
    list_ass_slice((GList *)o, 0, ((GList *)o)->size, NULL);
    g_critsec_end(&cs);
}

static GObject *list_repr(GObject *o) { return g_seq_repr(o, '[', ']', false); }

static ssize_t list_len(GObject *o) { return (ssize_t)__atomic_load_n(&((GList *)o)->size, __ATOMIC_RELAXED); }

static GObject *list_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_list(b))
        return g_newref(G_NOTIMPL);
    if (!g_concurrent())
        return g_seq_richcompare(((GList *)a)->items, G_LIST_SIZE(a), ((GList *)b)->items, G_LIST_SIZE(b), op);
    /* == may run Python code: compare copies */
    GObject *ta = snapshot(a), *tb = ta ? snapshot(b) : NULL;
    GObject *r = tb ? g_seq_richcompare(((GTuple *)ta)->items, G_TUPLE_SIZE(ta), ((GTuple *)tb)->items,
                                        G_TUPLE_SIZE(tb), op)
                    : NULL;
    g_xdecref(ta);
    g_xdecref(tb);
    return r;
}

static int64_t norm_index(GObject *key, int64_t size, bool *ok)
{
    int64_t i = g_as_ssize(key);
    *ok = !(i == -1 && g_err_occurred());
    if (i < 0)
        i += size;
    return i;
}

static GObject *getitem_locked(GObject *o, GObject *key)
{
    GList *l = (GList *)o;
    if (g_is_int(key) && g_int_is_small(key)) {
        int64_t i = g_int_small_value(key);
        if (i < 0)
            i += l->size;
        if (i < 0 || i >= l->size)
            return g_raise(&GExc_IndexError, "list index out of range");
        return g_newref(l->items[i]);
    }
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, l->size, &start, &stop, &step, &count) < 0)
            return NULL;
        GObject *r = g_list_new(count);
        if (!r)
            return NULL;
        for (int64_t i = 0, k = start; i < count; i++, k += step)
            G_LIST_ITEM(r, i) = g_newref(l->items[k]);
        return r;
    }
    if (!g_is_int(key) && !G_TYPE(key)->nb_index)
        return g_raise(&GExc_TypeError, "list indices must be integers or slices, not %T", key);
    bool ok;
    int64_t i = norm_index(key, l->size, &ok);
    if (!ok) {
        if (g_err_matches(&GExc_OverflowError)) {
            g_err_clear();
            return g_raise(&GExc_IndexError, "cannot fit 'int' into an index-sized integer");
        }
        return NULL;
    }
    if (i < 0 || i >= l->size)
        return g_raise(&GExc_IndexError, "list index out of range");
    return g_newref(l->items[i]);
}

static GObject *list_getitem(GObject *o, GObject *key)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);    /* full: an index's __index__ may run Python code */
    GObject *r = getitem_locked(o, key);
    g_critsec_end(&cs);
    return r;
}

/* Replace items [start, stop) with the items of seq (step 1). */
static int list_ass_slice(GList *l, int64_t start, int64_t stop, GObject *seq)
{
    GObject *src = NULL;
    int64_t n = 0;
    if (seq) {
        src = g_list_from_iterable(seq);   /* copy: seq may be l itself */
        if (!src)
            return -1;
        n = G_LIST_SIZE(src);
    }
    if (stop < start)
        stop = start;
    int64_t old = stop - start;
    GObject **dead = NULL;
    if (old) {
        dead = g_mem_alloc((size_t)old * sizeof(GObject *));
        if (!dead) {
            g_xdecref(src);
            g_no_memory();
            return -1;
        }
        memcpy(dead, l->items + start, (size_t)old * sizeof(GObject *));
    }
    int64_t newsize = l->size - old + n;
    if (n > old && list_resize(l, newsize) < 0) {
        g_mem_free(dead);
        g_xdecref(src);
        return -1;
    }
    if (l->size > stop)   /* (an empty list has no item array at all) */
        memmove(l->items + start + n, l->items + stop, (size_t)(l->size - stop) * sizeof(GObject *));
    for (int64_t i = 0; i < n; i++)
        l->items[start + i] = g_newref(G_LIST_ITEM(src, i));
    set_size(l, newsize);
    for (int64_t i = 0; i < old; i++)
        g_decref(dead[i]);
    g_mem_free(dead);
    g_xdecref(src);
    return 0;
}

static int setitem_locked(GObject *o, GObject *key, GObject *value)
{
    GList *l = (GList *)o;
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, l->size, &start, &stop, &step, &count) < 0)
            return -1;
        if (step == 1)
            return list_ass_slice(l, start, stop, value);
        if (!value) {
            /* delete an extended slice: keep the others in order */
            GObject *keep = g_list_new(0);
            if (!keep)
                return -1;
            for (int64_t i = 0; i < l->size; i++) {
                bool hit = step > 0 ? (i >= start && i < stop && (i - start) % step == 0)
                                    : (i <= start && i > stop && (start - i) % (-step) == 0);
                if (!hit && g_list_append(keep, l->items[i]) < 0) {
                    g_decref(keep);
                    return -1;
                }
            }
            int r = list_ass_slice(l, 0, l->size, keep);
            g_decref(keep);
            return r;
        }
        GObject *src = g_list_from_iterable(value);
        if (!src)
            return -1;
        if (G_LIST_SIZE(src) != count) {
            g_raise(&GExc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                    (ssize_t)G_LIST_SIZE(src), (ssize_t)count);
            g_decref(src);
            return -1;
        }
        for (int64_t i = 0, k = start; i < count; i++, k += step)
            g_setref(&l->items[k], g_newref(G_LIST_ITEM(src, i)));
        g_decref(src);
        return 0;
    }
    if (!g_is_int(key) && !G_TYPE(key)->nb_index) {
        g_raise(&GExc_TypeError, "list indices must be integers or slices, not %T", key);
        return -1;
    }
    bool ok;
    int64_t i = norm_index(key, l->size, &ok);
    if (!ok)
        return -1;
    if (i < 0 || i >= l->size) {
        g_raise(&GExc_IndexError, value ? "list assignment index out of range" : "list assignment index out of range");
        return -1;
    }
    if (!value)
        return list_ass_slice(l, i, i + 1, NULL);
    g_setref(&l->items[i], g_newref(value));
    return 0;
}

static int list_setitem(GObject *o, GObject *key, GObject *value)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);
    int r = setitem_locked(o, key, value);
    g_critsec_end(&cs);
    return r;
}

static int64_t find_item(GList *l, GObject *x, int64_t from, int64_t to);

static int list_contains(GObject *o, GObject *item)
{
    GCritSec cs;
    g_critsec_begin(&cs, o);
    int64_t i = find_item((GList *)o, item, 0, INT64_MAX);
    g_critsec_end(&cs);
    return i == -2 ? -1 : i >= 0;
}

static GObject *list_add(GObject *a, GObject *b)
{
    if (!g_is_list(a) || !g_is_list(b)) {
        if (g_is_list(a))
            return g_raise(&GExc_TypeError, "can only concatenate list (not \"%T\") to list", b);
        return g_newref(G_NOTIMPL);
    }
    GObject *r = g_list_new(0);
    if (r && (g_list_extend(r, a) < 0 || g_list_extend(r, b) < 0))
        G_CLEAR(r);
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
    if (k < 0)
        k = 0;
    if (size && k > (int64_t)(((uint64_t)1 << 33) / (uint64_t)size)) {
        g_no_memory();
        return -1;
    }
    return k;
}

static GObject *list_mul(GObject *a, GObject *b)
{
    GObject *l = g_is_list(a) ? a : b, *n = g_is_list(a) ? b : a;
    if (!g_is_int(n))
        return g_newref(G_NOTIMPL);
    GObject *t = snapshot(l);
    if (!t)
        return NULL;
    int64_t size = G_TUPLE_SIZE(t);
    int64_t k = repeat_count(n, size);
    GObject *r = k < 0 ? NULL : g_list_new(size * k);
    if (r)
        for (int64_t j = 0; j < k; j++)
            for (int64_t i = 0; i < size; i++)
                G_LIST_ITEM(r, j * size + i) = g_newref(G_TUPLE_ITEM(t, i));
    g_decref(t);
    return r;
}

static GObject *list_imul(GObject *a, GObject *b)
{
    if (!g_is_int(b))
        return g_newref(G_NOTIMPL);
    GObject *r = list_mul(a, b);
    if (!r)
        return NULL;
    GList *l = (GList *)a, *t = (GList *)r;
    GCritSec cs;
    g_critsec_begin_short(&cs, a);
    GObject **old = l->items;
    int64_t oldn = l->size, oldcap = l->cap;
    l->items = t->items;
    set_size(l, t->size);
    l->cap = t->cap;
    t->items = old;
    t->size = oldn;
    t->cap = oldcap;
    g_critsec_end_short(&cs);
    g_decref(r);
    return g_newref(a);
}

static GObject *list_iter(GObject *o) { return g_seqiter_new(o); }

/* ---- sort ---- */

typedef struct { GObject *key; GObject *value; } SortItem;

static int sort_lt(SortItem *a, SortItem *b)
{
    if (G_TYPE(a->key) == &GInt_type && G_TYPE(b->key) == &GInt_type &&
        g_int_is_small(a->key) && g_int_is_small(b->key))
        return g_int_small_value(a->key) < g_int_small_value(b->key);
    if (G_TYPE(a->key) == &GStr_type && G_TYPE(b->key) == &GStr_type)
        return g_str_compare(a->key, b->key) < 0;
    return g_richcompare_bool(a->key, b->key, CMP_LT);
}

static int merge_sort(SortItem *items, SortItem *tmp, int64_t n)
{
    if (n < 2)
        return 0;
    if (n <= 8) {   /* insertion sort for short runs: stable */
        for (int64_t i = 1; i < n; i++) {
            SortItem x = items[i];
            int64_t j = i;
            while (j > 0) {
                int lt = sort_lt(&x, &items[j - 1]);
                if (lt < 0)
                    return -1;
                if (!lt)
                    break;
                items[j] = items[j - 1];
                j--;
            }
            items[j] = x;
        }
        return 0;
    }
    int64_t mid = n / 2;
    if (merge_sort(items, tmp, mid) < 0 || merge_sort(items + mid, tmp, n - mid) < 0)
        return -1;
    int lt = sort_lt(&items[mid], &items[mid - 1]);
    if (lt < 0)
        return -1;
    if (!lt)
        return 0;   /* already in order */
    memcpy(tmp, items, (size_t)mid * sizeof(SortItem));
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n) {
        lt = sort_lt(&items[j], &tmp[i]);
        if (lt < 0) {
            /* put the rest back so nothing is lost */
            while (i < mid)
                items[k++] = tmp[i++];
            return -1;
        }
        items[k++] = lt ? items[j++] : tmp[i++];
    }
    while (i < mid)
        items[k++] = tmp[i++];
    return 0;
}

static void reverse_items(GObject **items, int64_t n)
{
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        GObject *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

static int sort_locked(GObject *list, GObject *key, bool reverse)
{
    GList *l = (GList *)list;
    int64_t n = l->size;
    /* Take the items out while sorting, as CPython does: a key function or __lt__
     * that mutates the list sees it empty. */
    GObject **items = l->items;
    l->items = NULL;
    set_size(l, 0);
    l->cap = 0;
    SortItem *s = g_mem_alloc((size_t)(n ? n : 1) * sizeof(SortItem));
    SortItem *tmp = g_mem_alloc((size_t)(n ? n : 1) * sizeof(SortItem));
    int rc = 0;
    int64_t nkeys = 0;
    if (!s || !tmp) {
        g_no_memory();
        rc = -1;
        goto done;
    }
    if (reverse)
        reverse_items(items, n);
    for (int64_t i = 0; i < n; i++) {
        s[i].value = items[i];
        if (key && key != G_NONE) {
            s[i].key = g_call1(key, items[i]);
            if (!s[i].key) {
                rc = -1;
                goto done;
            }
            nkeys++;
        } else {
            s[i].key = items[i];
        }
    }
    rc = merge_sort(s, tmp, n);
    if (rc == 0) {
        for (int64_t i = 0; i < n; i++)
            items[i] = s[i].value;
    }
done:
    if (key && key != G_NONE)
        for (int64_t i = 0; i < nkeys; i++)
            g_decref(s[i].key);
    if (reverse)
        reverse_items(items, n);
    g_mem_free(s);
    g_mem_free(tmp);
    /* put the items back; if the list was modified meanwhile, that is an error */
    bool modified = l->items != NULL;
    GObject **junk = l->items;
    int64_t junkn = l->size;
    l->items = items;
    set_size(l, n);
    l->cap = n;
    if (modified) {
        for (int64_t i = 0; i < junkn; i++)
            g_decref(junk[i]);
        g_mem_free(junk);
        if (rc == 0) {
            g_raise(&GExc_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    return rc;
}

int g_list_sort(GObject *list, GObject *key, bool reverse)
{
    GCritSec cs;
    g_critsec_begin(&cs, list);
    int r = sort_locked(list, key, reverse);
    g_critsec_end(&cs);
    return r;
}

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
        i = i + l->size < 0 ? 0 : i + l->size;
    if (i > l->size)
        i = l->size;
    int r = list_resize(l, l->size + 1);
    if (r == 0) {
        memmove(l->items + i + 1, l->items + i, (size_t)(l->size - i) * sizeof(GObject *));
        l->items[i] = g_newref(args[1]);
        set_size(l, l->size + 1);
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
    if (l->size == 0)
        err = "pop from empty list";
    else {
        if (i < 0)
            i += l->size;
        if (i < 0 || i >= l->size)
            err = "pop index out of range";
        else {
            v = l->items[i];
            memmove(l->items + i, l->items + i + 1, (size_t)(l->size - i - 1) * sizeof(GObject *));
            set_size(l, l->size - 1);
        }
    }
    g_critsec_end_short(&cs);
    return err ? g_raise(&GExc_IndexError, err) : v;
}

static int64_t find_item(GList *l, GObject *x, int64_t from, int64_t to)
{
    for (int64_t i = from; i < to && i < l->size; i++) {
        GObject *item = g_newref(l->items[i]);
        int eq = g_eq(item, x);
        g_decref(item);
        if (eq < 0)
            return -2;
        if (eq)
            return i;
    }
    return -1;
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    GList *l = (GList *)self;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    int64_t i = find_item(l, args[0], 0, INT64_MAX);
    int r = i >= 0 ? list_ass_slice(l, i, i + 1, NULL) : -1;
    g_critsec_end(&cs);
    if (i == -1)
        return g_raise(&GExc_ValueError, "list.remove(x): x not in list");
    return r < 0 ? NULL : G_NONE;
}

static GObject *index_m(ARGS)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    GList *l = (GList *)self;
    int64_t from = 0, to = l->size;
    if (nargs > 1) {
        from = g_as_ssize(args[1]);
        if (from < 0)
            from = from + l->size < 0 ? 0 : from + l->size;
    }
    if (nargs > 2) {
        to = g_as_ssize(args[2]);
        if (to < 0)
            to += l->size;
    }
    if (g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    int64_t i = find_item(l, args[0], from, to);
    g_critsec_end(&cs);
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
    GList *l = (GList *)self;
    int64_t n = 0;
    int eq = 0;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    for (int64_t i = 0; i < l->size && eq >= 0; i++) {
        GObject *item = g_newref(l->items[i]);
        eq = g_eq(item, args[0]);
        g_decref(item);
        n += eq > 0;
    }
    g_critsec_end(&cs);
    return eq < 0 ? NULL : g_int_from_i64(n);
}

static GObject *clear_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("clear", kw) < 0 || g_check_nargs("clear", nargs, 0, 0) < 0)
        return NULL;
    GList *l = (GList *)self;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    int r = list_ass_slice(l, 0, l->size, NULL);
    g_critsec_end(&cs);
    return r < 0 ? NULL : G_NONE;
}

static GObject *copy_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("copy", kw) < 0 || g_check_nargs("copy", nargs, 0, 0) < 0)
        return NULL;
    GObject *r = g_list_new(0);
    if (r && g_list_extend(r, self) < 0)
        G_CLEAR(r);
    return r;
}

static GObject *reverse_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("reverse", kw) < 0 || g_check_nargs("reverse", nargs, 0, 0) < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    reverse_items(((GList *)self)->items, G_LIST_SIZE(self));
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
    GList *l = (GList *)self;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    int r = l->size ? list_ass_slice(l, 0, l->size, NULL) : 0;
    g_critsec_end(&cs);
    if (r < 0)
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
