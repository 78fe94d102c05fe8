/* bytearray.c -- bytearray: a mutable, growable sequence of bytes.
 *
 *   GByteArray: | header | size | cap | data ---> [ b0 | b1 | ... | (spare) ]
 *
 * The buffer is a separate allocation that grows by about 1/8 plus a little (as
 * list's item array does), so append is amortised O(1).  The items are plain bytes,
 * not references: a bytearray holds no objects, so the collector never looks at it
 * and nothing has to be dropped when bytes are removed.
 *
 * Threads.  A bytearray may be shared: one thread appends while another prints it.
 * Every access to the buffer -- reads too -- happens inside a short critical section
 * on the object's own ob_mutex (runtime/critsec.h), exactly as list.c does, because a
 * writer may realloc the buffer under a reader.  Python code never runs with the lock
 * held, by one rule:
 *
 *     convert first (no lock)           then lock, touch the buffer, unlock
 *     ba[i] = v      v -> a byte          store it
 *     ba[a:b] = src  src -> bytes (copy)  splice them in
 *     ba.extend(it)  it -> bytes (copy)   append them
 *     ba[s] (slice)  s -> int bounds      copy the bytes out
 *
 * The methods bytes and bytearray share (bytes_methods.c) work on a copy taken in
 * one step under the lock (g_bview_get), so repr, ==, find, split, decode, ... each
 * see one consistent state and are never torn by a concurrent append.  Each
 * mutation is atomic: a reader sees the bytearray before or after an extend(), never
 * halfway.  size is _Atomic so len() reads it without the lock (relaxed: a length is
 * all it promises).  With the GIL on or a single thread, the sections cost one test.
 */
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"

static inline int64_t size_of(GByteArray *a) { return atomic_load_explicit(&a->size, memory_order_relaxed); }
static inline void set_size(GByteArray *a, int64_t n) { atomic_store_explicit(&a->size, n, memory_order_relaxed); }

/* Make room for `need` bytes (a fresh bytearray, or the caller holds the lock). */
static int resize_locked(GByteArray *a, int64_t need)
{
    if (need <= a->cap)
        return 0;
    int64_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    if ((uint64_t)cap > ((uint64_t)1 << 34))
        goto nomem;
    char *data = g_mem_realloc(a->data, (size_t)cap);
    if (!data)
        goto nomem;
    a->data = data;
    a->cap = cap;
    return 0;
nomem:
    g_no_memory();
    return -1;
}

GObject *g_bytearray_new(const char *p, size_t n)
{
    GByteArray *a = (GByteArray *)g_object_alloc(&GByteArray_type, sizeof(GByteArray));
    if (!a)
        return g_no_memory();
    atomic_init(&a->size, 0);
    a->cap = 0;
    a->data = NULL;
    if (n) {
        if (resize_locked(a, (int64_t)n) < 0) {
            g_decref((GObject *)a);
            return NULL;
        }
        if (p)
            memcpy(a->data, p, n);
        else
            memset(a->data, 0, n);
        set_size(a, (int64_t)n);
    }
    return (GObject *)a;
}

/* Replace bytes [start, stop) (clamped) with src[0..n). */
static int splice_locked(GByteArray *a, int64_t start, int64_t stop, const char *src, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(a);
    int64_t size = size_of(a);
    start = start < 0 ? 0 : start > size ? size : start;
    stop = stop < start ? start : stop > size ? size : stop;
    int64_t newsize = size - (stop - start) + n;
    if (resize_locked(a, newsize) < 0)
        return -1;
    if (size > stop)
        memmove(a->data + start + n, a->data + stop, (size_t)(size - stop));
    if (n)
        memcpy(a->data + start, src, (size_t)n);
    set_size(a, newsize);
    G_ASSERT(newsize <= a->cap || (newsize == 0 && a->cap == 0));
    return 0;
}

static int splice(GObject *o, int64_t start, int64_t stop, const char *src, int64_t n)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = splice_locked((GByteArray *)o, start, stop, src, n);
    g_critsec_end_short(&cs);
    return r;
}

/* Append what an iterable of ints (or a bytes-like object) holds, in one step. */
static int extend_with(GObject *o, GObject *src)
{
    GBuf b;
    g_buf_init(&b);
    if (g_bytes_collect(src, &b) < 0) {
        g_buf_free(&b);
        return -1;
    }
    int r = b.len ? splice(o, INT64_MAX, INT64_MAX, b.data, (int64_t)b.len) : 0;
    g_buf_free(&b);
    return r;
}

/* ====================================================================================
 * Slots
 * ==================================================================================== */

static ssize_t ba_len(GObject *o) { return (ssize_t)size_of((GByteArray *)o); }

static GObject *ba_repr(GObject *o)
{
    GBView v;
    if (g_bview_get(o, &v, NULL) < 0)
        return NULL;
    GObject *r = g_bytes_repr_of(v.p, v.n, "bytearray(", ")");
    g_bview_release(&v);
    return r;
}

static int ba_contains(GObject *o, GObject *item)
{
    GBView v;
    if (g_bview_get(o, &v, NULL) < 0)
        return -1;
    int r = g_bytes_contains_view(&v, item);
    g_bview_release(&v);
    return r;
}

static int ba_bool(GObject *o) { return size_of((GByteArray *)o) != 0; }

static GObject *ba_iter(GObject *o) { return g_seqiter_new(o); }

/* A slice whose bounds are ints or None (converted first: __index__ may run Python
 * code), so that resolving it under the lock runs none. */
static GObject *int_slice(GObject *key)
{
    GSlice *s = (GSlice *)key;
    GObject *v[3] = { s->start, s->stop, s->step }, *w[3] = { NULL, NULL, NULL };
    for (int i = 0; i < 3; i++) {
        w[i] = v[i] == G_NONE || g_is_int(v[i]) ? g_newref(v[i]) : g_index(v[i]);
        if (!w[i]) {
            g_xdecref(w[0]);
            g_xdecref(w[1]);
            return NULL;
        }
    }
    GObject *r = g_slice_new(w[0], w[1], w[2]);
    for (int i = 0; i < 3; i++)
        g_decref(w[i]);
    return r;
}

/* An index argument as an int64 (IndexError/TypeError as CPython words them). */
static int index_arg(GObject *key, int64_t *out)
{
    if (!g_is_int(key) && !G_TYPE(key)->nb_index) {
        g_raise(&GExc_TypeError, "bytearray indices must be integers or slices, not %T", key);
        return -1;
    }
    *out = g_as_ssize(key);
    return *out == -1 && g_err_occurred() ? -1 : 0;
}

static GObject *ba_getitem(GObject *o, GObject *key)
{
    GByteArray *a = (GByteArray *)o;
    GCritSec cs;
    if (g_isinstance(key, &GSlice_type)) {
        GObject *sl = int_slice(key);
        if (!sl)
            return NULL;
        g_critsec_begin_short(&cs, o);
        int64_t start, stop, step, count;
        GObject *r = NULL;
        if (g_slice_indices(sl, size_of(a), &start, &stop, &step, &count) == 0) {
            r = g_bytearray_new(NULL, (size_t)count);
            for (int64_t i = 0, k = start; r && i < count; i++, k += step)
                ((GByteArray *)r)->data[i] = a->data[k];
        }
        g_critsec_end_short(&cs);
        g_decref(sl);
        return r;
    }
    int64_t i;
    if (index_arg(key, &i) < 0)
        return NULL;
    g_critsec_begin_short(&cs, o);
    int64_t n = size_of(a);
    if (i < 0)
        i += n;
    int c = i >= 0 && i < n ? (unsigned char)a->data[i] : -1;
    g_critsec_end_short(&cs);
    if (c < 0)
        return g_raise(&GExc_IndexError, "bytearray index out of range");
    return g_int_from_i64(c);
}

/* ba[slice] = src, del ba[slice] (src NULL).  src is made bytes before the lock. */
static int assign_slice(GObject *o, GObject *key, GObject *value)
{
    GByteArray *a = (GByteArray *)o;
    GBuf b;
    g_buf_init(&b);
    if (value) {
        if (g_is_int(value) || g_is_str(value)) {
            g_raise(&GExc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
            return -1;
        }
        if (g_bytes_collect(value, &b) < 0) {
            g_buf_free(&b);
            return -1;
        }
    }
    GObject *sl = int_slice(key);
    if (!sl) {
        g_buf_free(&b);
        return -1;
    }
    int64_t n = (int64_t)b.len, start, stop, step, count;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int r = g_slice_indices(sl, size_of(a), &start, &stop, &step, &count);
    if (r == 0 && step == 1) {
        r = splice_locked(a, start, start + count, b.data, n);
    } else if (r == 0 && value) {
        if (n != count) {
            g_raise(&GExc_ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd", (ssize_t)n, (ssize_t)count);
            r = -1;
        }
        for (int64_t i = 0, k = start; r == 0 && i < count; i++, k += step)
            a->data[k] = b.data[i];
    } else if (r == 0) {
        /* del ba[::step]: keep the bytes that are not picked */
        int64_t size = size_of(a), w = 0;
        if (step < 0) {
            start = start + (count - 1) * step;
            step = -step;
        }
        for (int64_t i = 0; i < size; i++) {
            bool picked = count && i >= start && (i - start) % step == 0 && (i - start) / step < count;
            if (!picked)
                a->data[w++] = a->data[i];
        }
        set_size(a, w);
    }
    g_critsec_end_short(&cs);
    g_decref(sl);
    g_buf_free(&b);
    return r;
}

static int ba_setitem(GObject *o, GObject *key, GObject *value)
{
    if (g_isinstance(key, &GSlice_type))
        return assign_slice(o, key, value);
    int64_t i;
    if (index_arg(key, &i) < 0)
        return -1;
    int c = 0;
    if (value && (c = g_byte_from_int(value)) < 0)
        return -1;
    GByteArray *a = (GByteArray *)o;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    int64_t n = size_of(a);
    if (i < 0)
        i += n;
    bool ok = i >= 0 && i < n;
    if (ok && value)
        a->data[i] = (char)c;
    else if (ok)
        splice_locked(a, i, i + 1, NULL, 0);   /* shrinking never allocates */
    g_critsec_end_short(&cs);
    if (!ok) {
        g_raise(&GExc_IndexError, "bytearray index out of range");
        return -1;
    }
    return 0;
}

static GObject *ba_add(GObject *x, GObject *y)
{
    if (!g_is_bytearray(x))
        return g_newref(G_NOTIMPL);
    if (!g_is_byteslike(y))
        return g_raise(&GExc_TypeError, "can't concat %T to bytearray", y);
    GBView a, b;
    if (g_bview_get(x, &a, NULL) < 0)
        return NULL;
    if (g_bview_get(y, &b, NULL) < 0) {
        g_bview_release(&a);
        return NULL;
    }
    GObject *r = g_bytearray_new(NULL, (size_t)(a.n + b.n));
    if (r && a.n + b.n) {
        memcpy(((GByteArray *)r)->data, a.p, (size_t)a.n);
        if (b.n)
            memcpy(((GByteArray *)r)->data + a.n, b.p, (size_t)b.n);
    }
    g_bview_release(&a);
    g_bview_release(&b);
    return r;
}

static GObject *ba_iadd(GObject *x, GObject *y)
{
    if (!g_is_byteslike(y))
        return g_raise(&GExc_TypeError, "can't concat %T to bytearray", y);
    if (extend_with(x, y) < 0)
        return NULL;
    return g_newref(x);
}

/* The bytes of v repeated k times, as a new bytearray. */
static GObject *repeated(const GBView *v, int64_t k)
{
    if (v->n == 0)
        k = 0;   /* bytearray() * 10**18: no loop of empty copies */
    if (v->n && k > INT64_MAX / v->n)
        return g_no_memory();
    GObject *r = g_bytearray_new(NULL, (size_t)(v->n * k));
    for (int64_t i = 0; r && i < k; i++)
        memcpy(((GByteArray *)r)->data + i * v->n, v->p, (size_t)v->n);
    return r;
}

static GObject *ba_mul(GObject *x, GObject *y)
{
    GObject *s = g_is_bytearray(x) ? x : y, *n = g_is_bytearray(x) ? y : x;
    bool notimpl;
    int64_t k = g_bytes_repeat_count(n, &notimpl);
    if (notimpl)
        return g_newref(G_NOTIMPL);
    if (k < 0)
        return NULL;
    GBView v;
    if (g_bview_get(s, &v, NULL) < 0)
        return NULL;
    GObject *r = repeated(&v, k);
    g_bview_release(&v);
    return r;
}

/* b *= k: the count is converted first (it may run __index__), then the array grows
 * and repeats in place inside one section, so it is atomic like every other
 * mutation: an append by another thread comes wholly before or wholly after. */
static GObject *ba_imul(GObject *x, GObject *y)
{
    bool notimpl;
    int64_t k = g_bytes_repeat_count(y, &notimpl);
    if (notimpl)
        return g_newref(G_NOTIMPL);
    if (k < 0)
        return NULL;
    GByteArray *a = (GByteArray *)x;
    int rc = 0;
    GCritSec cs;
    g_critsec_begin_short(&cs, x);
    int64_t n = size_of(a);
    if (n == 0 || k == 0) {
        set_size(a, 0);
    } else if (k > INT64_MAX / n) {
        g_no_memory();
        rc = -1;
    } else if ((rc = resize_locked(a, n * k)) == 0) {
        for (int64_t i = 1; i < k; i++)
            memcpy(a->data + i * n, a->data, (size_t)n);
        set_size(a, n * k);
    }
    g_critsec_end_short(&cs);
    return rc < 0 ? NULL : g_newref(x);
}

static GObject *ba_mod(GObject *x, GObject *y)
{
    if (!g_is_bytearray(x))
        return g_newref(G_NOTIMPL);
    GBView v;
    if (g_bview_get(x, &v, NULL) < 0)
        return NULL;
    GObject *fmt = g_bytes_new(v.p, (size_t)v.n);
    g_bview_release(&v);
    GObject *r = fmt ? g_bytes_percent_format(fmt, y) : NULL;
    g_xdecref(fmt);
    if (!r)
        return NULL;
    GObject *ba = g_bytearray_new(g_bytes_data(r), (size_t)g_bytes_size(r));
    g_decref(r);
    return ba;
}

/* ====================================================================================
 * Mutators (the methods bytes does not have)
 * ==================================================================================== */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define NOKW(name) if (g_no_kwargs(name, kw) < 0) return NULL

static GObject *m_append(ARGS)
{
    NOKW("append");
    if (g_check_nargs("append", nargs, 1, 1) < 0)
        return NULL;
    int c = g_byte_from_int(args[0]);
    if (c < 0)
        return NULL;
    char one = (char)c;
    return splice(self, INT64_MAX, INT64_MAX, &one, 1) < 0 ? NULL : G_NONE;
}

static GObject *m_extend(ARGS)
{
    NOKW("extend");
    if (g_check_nargs("extend", nargs, 1, 1) < 0)
        return NULL;
    if (g_is_int(args[0]))
        return g_raise(&GExc_TypeError, "can't extend bytearray with int");
    return extend_with(self, args[0]) < 0 ? NULL : G_NONE;
}

static GObject *m_insert(ARGS)
{
    NOKW("insert");
    if (g_check_nargs("insert", nargs, 2, 2) < 0)
        return NULL;
    int64_t i = g_as_ssize(args[0]);
    if (i == -1 && g_err_occurred())
        return NULL;
    int c = g_byte_from_int(args[1]);
    if (c < 0)
        return NULL;
    char one = (char)c;
    GByteArray *a = (GByteArray *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int64_t n = size_of(a);
    int64_t at = i < 0 ? (i + n < 0 ? 0 : i + n) : i;
    int r = splice_locked(a, at, at, &one, 1);
    g_critsec_end_short(&cs);
    return r < 0 ? NULL : G_NONE;
}

static GObject *m_pop(ARGS)
{
    NOKW("pop");
    if (g_check_nargs("pop", nargs, 0, 1) < 0)
        return NULL;
    int64_t i = -1;
    if (nargs && (i = g_as_ssize(args[0])) == -1 && g_err_occurred())
        return NULL;
    GByteArray *a = (GByteArray *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int64_t n = size_of(a);
    if (i < 0)
        i += n;
    int c = n == 0 ? -2 : i >= 0 && i < n ? (unsigned char)a->data[i] : -1;
    if (c >= 0)
        splice_locked(a, i, i + 1, NULL, 0);
    g_critsec_end_short(&cs);
    if (c < 0)
        return g_raise(&GExc_IndexError, c == -2 ? "pop from empty bytearray" : "pop index out of range");
    return g_int_from_i64(c);
}

static GObject *m_remove(ARGS)
{
    NOKW("remove");
    if (g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    int c = g_byte_from_int(args[0]);
    if (c < 0)
        return NULL;
    GByteArray *a = (GByteArray *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    char *at = size_of(a) ? memchr(a->data, c, (size_t)size_of(a)) : NULL;
    if (at)
        splice_locked(a, at - a->data, at - a->data + 1, NULL, 0);
    g_critsec_end_short(&cs);
    if (!at)
        return g_raise(&GExc_ValueError, "value not found in bytearray");
    return G_NONE;
}

static GObject *m_clear(ARGS)
{
    (void)args; NOKW("clear");
    if (g_check_nargs("clear", nargs, 0, 0) < 0)
        return NULL;
    splice(self, 0, INT64_MAX, NULL, 0);
    return G_NONE;
}

static GObject *m_reverse(ARGS)
{
    (void)args; NOKW("reverse");
    if (g_check_nargs("reverse", nargs, 0, 0) < 0)
        return NULL;
    GByteArray *a = (GByteArray *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    for (int64_t i = 0, j = size_of(a) - 1; i < j; i++, j--) {
        char t = a->data[i];
        a->data[i] = a->data[j];
        a->data[j] = t;
    }
    g_critsec_end_short(&cs);
    return G_NONE;
}

static GObject *m_copy(ARGS)
{
    (void)args; NOKW("copy");
    if (g_check_nargs("copy", nargs, 0, 0) < 0)
        return NULL;
    GBView v;
    if (g_bview_get(self, &v, NULL) < 0)
        return NULL;
    GObject *r = g_bytearray_new(v.p, (size_t)v.n);
    g_bview_release(&v);
    return r;
}

static const GMethodDef bytearray_mutators[] = {
    { "append", m_append, 0, NULL }, { "extend", m_extend, 0, NULL }, { "insert", m_insert, 0, NULL },
    { "pop", m_pop, 0, NULL }, { "remove", m_remove, 0, NULL }, { "clear", m_clear, 0, NULL },
    { "reverse", m_reverse, 0, NULL }, { "copy", m_copy, 0, NULL },
    { NULL, NULL, 0, NULL },
};

/* ====================================================================================
 * The type
 * ==================================================================================== */

static GObject *ba_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    GBuf b;
    g_buf_init(&b);
    if (!g_bytes_construct("bytearray", args, nargs, kwnames, &b)) {
        g_buf_free(&b);
        return NULL;
    }
    GObject *r = g_bytearray_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}

static void ba_dealloc(GObject *o)
{
    g_mem_free(((GByteArray *)o)->data);
    g_object_free(o);
}

GType GByteArray_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "bytearray",
    .basicsize = sizeof(GByteArray),
    .flags = G_TPFLAG_LEAF,
    .base = &GObject_type,
    .tp_new = ba_new,
    .tp_dealloc = ba_dealloc,
    .tp_repr = ba_repr,
    .tp_str = ba_repr,
    .tp_richcompare = g_bytes_richcompare,
    .tp_iter = ba_iter,
    .nb = { [NB_ADD] = ba_add, [NB_MUL] = ba_mul, [NB_MOD] = ba_mod },
    .nb_inplace = { [NB_ADD] = ba_iadd, [NB_MUL] = ba_imul },
    .nb_bool = ba_bool,
    .sq_len = ba_len,
    .mp_getitem = ba_getitem,
    .mp_setitem = ba_setitem,
    .sq_contains = ba_contains,
    .methods = g_bytes_methods,
};

void g_bytearray_ready(void)
{
    g_type_ready(&GByteArray_type);
    g_type_add_methods(&GByteArray_type, bytearray_mutators);
}
