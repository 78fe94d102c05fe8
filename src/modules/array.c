/* array.c -- the array module: array.array, a growable array of C numbers.
 *
 *   GArray: | header | kind | n | cap | data ---> [ v0 | v1 | ... | (spare) ]
 *
 * An array holds raw values of one C type, chosen by its typecode (b B h H i I l L q
 * Q f d; the table `kinds` in array_items.c says each one's size and range), in one
 * separate allocation that grows like a list's.  Items are Python ints or floats only
 * on the way in and out: a[i] makes a new int, a.append(x) converts x (which may run
 * its __index__) into a Value, then stores it.  That conversion layer, which knows
 * nothing of arrays or locks, is array_items.c (array_internal.h); this file is the
 * array itself: its storage, snapshots, slots, methods and the module.
 *
 * Threads.  An array is mutable and may be shared, so it follows list.c: every
 * read or write of the data happens inside a critical section on the array's own
 * ob_mutex (runtime/critsec.h), and the size is also kept atomically so that len()
 * needs no lock.  No Python code runs while the lock is held, which is simpler here
 * than for a list, because items are not objects:
 *
 *   - converting arguments to Values (and resolving a slice's bounds) is done first,
 *     before the lock is taken;
 *   - operations that look at every item (repr, tolist, ==, <, in, index, count,
 *     a + b, extending by another array) copy the data out under the lock (a
 *     snapshot, see `snapshot`) and work on the copy after it, so a reader sees the
 *     array as it was at one moment, never half-way through a writer's change;
 *   - remove(x) finds x in a snapshot, then deletes it under the lock only if the
 *     bytes at that place are still the ones it compared (else it looks again).
 *
 * So append, extend, pop, insert, remove, item and slice assignment, reverse and
 * fromlist are each atomic, as they are in free-threaded CPython.  Nothing is freed
 * while the lock is held (an array owns no references).
 *
 * Not here yet: tobytes/frombytes/tofile/fromfile and buffer_info (gilt has no bytes
 * yet), the 'u' typecode, byteswap.
 */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "modules/array_internal.h"
#include "modules/modules.h"
#include "objects/objects.h"
#include "runtime/critsec.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

/* ====================================================================================
 * The array object (its typecodes and items are in array_items.c)
 * ==================================================================================== */

typedef struct {
    GObject ob;
    const ArrayKind *kind;     /* set at creation, never changed */
    _Atomic int64_t n;         /* items in use: written under the lock, read by len() without */
    int64_t cap;               /* items allocated: under the lock */
    char *data;                /* under the lock */
} GArray;

static GType GArray_type;

static int64_t size_of(GArray *a) { return atomic_load_explicit(&a->n, memory_order_relaxed); }
static void set_size(GArray *a, int64_t n) { atomic_store_explicit(&a->n, n, memory_order_relaxed); }

/* ====================================================================================
 * Storage (the caller holds the lock, or the array is new)
 * ==================================================================================== */

static int reserve(GArray *a, int64_t need)
{
    if (need <= a->cap)
        return 0;
    int64_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    if ((uint64_t)cap > ((uint64_t)1 << 36) / (uint64_t)a->kind->size) {
        g_no_memory();
        return -1;
    }
    char *data = g_mem_realloc(a->data, (size_t)cap * (size_t)a->kind->size);
    if (!data) {
        g_no_memory();
        return -1;
    }
    a->data = data;
    a->cap = cap;
    return 0;
}

static char *at(GArray *a, int64_t i) { return a->data + i * a->kind->size; }

static GArray *array_alloc(GType *type, const ArrayKind *k)
{
    /* a subclass's instances are bigger (their __dict__ pointer follows) */
    GArray *a = (GArray *)g_object_alloc(type, type->basicsize);
    if (!a)
        return (GArray *)g_no_memory();
    memset((char *)a + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    a->kind = k;
    atomic_init(&a->n, 0);
    a->cap = 0;
    a->data = NULL;
    return a;
}

/* A new array of kind k holding n items copied from bytes. */
static GObject *array_from_bytes(const ArrayKind *k, const char *bytes, int64_t n)
{
    GArray *a = array_alloc(&GArray_type, k);
    if (!a)
        return NULL;
    if (reserve(a, n) < 0) {
        g_decref((GObject *)a);
        return NULL;
    }
    if (n)
        memcpy(a->data, bytes, (size_t)(n * k->size));
    set_size(a, n);
    return (GObject *)a;
}

/* Insert n values (already checked) at i; lock held. */
static int insert_values_locked(GArray *a, int64_t i, const char *bytes, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(a);
    int64_t size = size_of(a), w = a->kind->size;
    if (reserve(a, size + n) < 0)
        return -1;
    memmove(at(a, i + n), at(a, i), (size_t)((size - i) * w));
    memcpy(at(a, i), bytes, (size_t)(n * w));
    set_size(a, size + n);
    return 0;
}

static void delete_range_locked(GArray *a, int64_t i, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(a);
    int64_t size = size_of(a), w = a->kind->size;
    memmove(at(a, i), at(a, i + n), (size_t)((size - i - n) * w));
    set_size(a, size - n);
}

/* ---- snapshots: the data copied out under the lock, to be read after it ---- */

typedef struct { const ArrayKind *kind; char *bytes; int64_t n; } Snapshot;

static int snapshot(GObject *o, Snapshot *s)
{
    GArray *a = (GArray *)o;
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    s->kind = a->kind;
    s->n = size_of(a);
    size_t nbytes = (size_t)(s->n * a->kind->size);
    s->bytes = g_mem_alloc(nbytes ? nbytes : 1);
    if (s->bytes && nbytes)
        memcpy(s->bytes, a->data, nbytes);
    g_critsec_end_short(&cs);
    if (!s->bytes) {
        g_no_memory();
        return -1;
    }
    return 0;
}

static void snapshot_free(Snapshot *s) { g_mem_free(s->bytes); }

static GObject *snapshot_item(Snapshot *s, int64_t i) { return array_box(s->kind, array_load(s->kind, s->bytes + i * s->kind->size)); }

static GObject *snapshot_list(Snapshot *s)
{
    GObject *l = g_list_new(s->n);
    for (int64_t i = 0; l && i < s->n; i++)
        if (!(G_LIST_ITEM(l, i) = snapshot_item(s, i)))
            G_CLEAR(l);
    return l;
}

static bool is_array(GObject *o) { return g_isinstance(o, &GArray_type); }

/* The packed items of an array (same kind) or an iterable, for extend and +=. */
static int pack_source(GArray *a, GObject *src, char **bytes, int64_t *n, const char *same_kind_msg)
{
    if (!is_array(src))
        return array_pack_iterable(a->kind, src, bytes, n);
    if (((GArray *)src)->kind != a->kind) {
        g_raise(&GExc_TypeError, "%s", same_kind_msg);
        return -1;
    }
    Snapshot s;
    if (snapshot(src, &s) < 0)
        return -1;
    *bytes = s.bytes;
    *n = s.n;
    return 0;
}

/* ====================================================================================
 * The type's slots
 * ==================================================================================== */

static GObject *array_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("array.array", kwnames) < 0)
        return NULL;
    if (nargs < 1 || nargs > 2)
        return g_raise(&GExc_TypeError, "array() takes at most 2 arguments (%zu given)", nargs);
    if (!g_is_str(args[0]) || g_str_len(args[0]) != 1)
        return g_raise(&GExc_TypeError, "array() argument 1 must be a unicode character, not %T", args[0]);
    const char *code = g_str_data(args[0]);
    const ArrayKind *k = array_kind_of((unsigned char)code[0]);
    if (!k)
        return g_raise(&GExc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    char *bytes = NULL;
    int64_t n = 0;
    if (nargs == 2) {
        if (g_is_str(args[1]))
            return g_raise(&GExc_TypeError, "cannot use a str to initialize an array with typecode '%c'", k->code);
        if (is_array(args[1]) && ((GArray *)args[1])->kind != k) {
            /* another kind of array: its values converted one by one */
            Snapshot s;
            if (snapshot(args[1], &s) < 0)
                return NULL;
            GObject *l = snapshot_list(&s);
            snapshot_free(&s);
            int r = l ? array_pack_iterable(k, l, &bytes, &n) : -1;
            g_xdecref(l);
            if (r < 0)
                return NULL;
        } else {
            GArray tmp = { .kind = k };
            if (pack_source(&tmp, args[1], &bytes, &n, "") < 0)
                return NULL;
        }
    }
    GArray *a = array_alloc(type, k);
    if (a && n) {
        if (reserve(a, n) < 0) {
            G_CLEAR(a);
        } else {
            memcpy(a->data, bytes, (size_t)(n * k->size));
            set_size(a, n);
        }
    }
    g_mem_free(bytes);
    return (GObject *)a;
}

static void array_dealloc(GObject *o)
{
    g_mem_free(((GArray *)o)->data);
    g_object_free(o);
}

/* array.array is unhashable (it is mutable), as in CPython. */
static int64_t array_hash(GObject *o)
{
    g_raise(&GExc_TypeError, "unhashable type: '%T'", o);
    return -1;
}

/* The short name of o's type: "array" for array.array, a subclass's own name. */
static const char *short_name(GObject *o)
{
    const char *name = G_TYPE(o)->name, *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

static GObject *array_repr(GObject *o)
{
    Snapshot s;
    if (snapshot(o, &s) < 0)
        return NULL;
    char code = s.kind->code;
    if (s.n == 0) {
        snapshot_free(&s);
        return g_format("%s('%c')", short_name(o), code);
    }
    GObject *l = snapshot_list(&s);
    snapshot_free(&s);
    if (!l)
        return NULL;
    GObject *lr = g_repr(l);
    g_decref(l);
    if (!lr)
        return NULL;
    GObject *r = g_format("%s('%c', %U)", short_name(o), code, lr);
    g_decref(lr);
    return r;
}

static ssize_t array_len(GObject *o) { return (ssize_t)size_of((GArray *)o); }

static GObject *array_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!is_array(b))
        return g_newref(G_NOTIMPL);
    if ((op == CMP_EQ || op == CMP_NE) && size_of((GArray *)a) != size_of((GArray *)b))
        return g_bool(op == CMP_NE);
    Snapshot x, y;
    if (snapshot(a, &x) < 0)
        return NULL;
    if (snapshot(b, &y) < 0) {
        snapshot_free(&x);
        return NULL;
    }
    GObject *r = NULL;
    int64_t i = 0;
    for (; i < x.n && i < y.n; i++) {
        GObject *p = snapshot_item(&x, i), *q = snapshot_item(&y, i);
        int eq = p && q ? g_eq(p, q) : -1;
        if (eq != 1) {
            if (eq == 0)
                r = op == CMP_EQ ? G_FALSE : op == CMP_NE ? G_TRUE : g_richcompare(p, q, op);
            g_xdecref(p);
            g_xdecref(q);
            goto done;
        }
        g_decref(p);
        g_decref(q);
    }
    r = g_compare_lengths(x.n, y.n, op);
done:
    snapshot_free(&x);
    snapshot_free(&y);
    return r;
}

/* Where x is in the array's snapshot s (from `from`), -1 if not, -2 on error. */
static int64_t find_in(Snapshot *s, GObject *x, int64_t from, int64_t to)
{
    if (to > s->n)
        to = s->n;
    for (int64_t i = from < 0 ? 0 : from; i < to; i++) {
        GObject *v = snapshot_item(s, i);
        int eq = v ? g_eq(v, x) : -1;
        g_xdecref(v);
        if (eq != 0)
            return eq < 0 ? -2 : i;
    }
    return -1;
}

static int array_contains(GObject *o, GObject *x)
{
    Snapshot s;
    if (snapshot(o, &s) < 0)
        return -1;
    int64_t i = find_in(&s, x, 0, s.n);
    snapshot_free(&s);
    return i == -2 ? -1 : i >= 0;
}

/* key as an index, its __index__ run before any lock. */
static int index_of(GObject *key, int64_t *i)
{
    if (!g_is_int(key) && !G_TYPE(key)->nb_index) {
        g_raise(&GExc_TypeError, "array indices must be integers");
        return -1;
    }
    *i = g_as_ssize(key);
    return *i == -1 && g_err_occurred() ? -1 : 0;
}

static GObject *array_getitem(GObject *o, GObject *key)
{
    GArray *a = (GArray *)o;
    GObject *r = NULL;
    GCritSec cs;
    if (g_isinstance(key, &GSlice_type)) {
        GObject *sl = g_slice_plain(key);
        if (!sl)
            return NULL;
        g_critsec_begin_short(&cs, o);
        int64_t start, stop, step, count;
        if (g_slice_indices(sl, size_of(a), &start, &stop, &step, &count) == 0) {
            GArray *res = array_alloc(&GArray_type, a->kind);
            if (res && reserve(res, count) < 0)
                G_CLEAR(res);
            for (int64_t i = 0, j = start; res && i < count; i++, j += step)
                memcpy(at(res, i), at(a, j), (size_t)a->kind->size);
            if (res)
                set_size(res, count);
            r = (GObject *)res;
        }
        g_critsec_end_short(&cs);
        g_decref(sl);
        return r;
    }
    int64_t i;
    if (index_of(key, &i) < 0)
        return NULL;
    g_critsec_begin_short(&cs, o);
    if (i < 0)
        i += size_of(a);
    bool ok = i >= 0 && i < size_of(a);
    Value v;
    if (ok)
        v = array_load(a->kind, at(a, i));
    g_critsec_end_short(&cs);
    return ok ? array_box(a->kind, v) : g_raise(&GExc_IndexError, "array index out of range");
}

/* a[slice] = array of the same kind (NULL: del a[slice]); lock held. */
static int set_slice_locked(GArray *a, GObject *slice, const char *bytes, int64_t n)
{
    G_ASSERT_CRITSEC_HELD(a);
    int64_t start, stop, step, count;
    if (g_slice_indices(slice, size_of(a), &start, &stop, &step, &count) < 0)
        return -1;
    if (step == 1) {
        int64_t keep = size_of(a);
        if (n > count && reserve(a, keep - count + n) < 0)
            return -1;
        delete_range_locked(a, start, count);
        return bytes ? insert_values_locked(a, start, bytes, n) : 0;
    }
    if (!bytes) {          /* del a[::step]: keep the others, in order */
        int64_t w = a->kind->size, out = 0, next = 0, size = size_of(a);
        int64_t lo = step > 0 ? start : start + (count - 1) * step;
        int64_t st = step > 0 ? step : -step;
        for (int64_t i = 0; i < size; i++) {
            if (next < count && i == lo + next * st) {
                next++;
                continue;
            }
            memmove(at(a, out++), at(a, i), (size_t)w);
        }
        set_size(a, out);
        return 0;
    }
    if (n != count) {
        g_raise(&GExc_ValueError, "attempt to assign array of size %lld to extended slice of size %lld",
                (long long)n, (long long)count);
        return -1;
    }
    for (int64_t i = 0, j = start; i < count; i++, j += step)
        memcpy(at(a, j), bytes + i * a->kind->size, (size_t)a->kind->size);
    return 0;
}

static int array_setitem(GObject *o, GObject *key, GObject *value)
{
    GArray *a = (GArray *)o;
    GCritSec cs;
    int r = -1;
    if (g_isinstance(key, &GSlice_type)) {
        Snapshot s = { 0 };
        if (value) {
            if (!is_array(value)) {
                g_raise(&GExc_TypeError, "can only assign array (not \"%T\") to array slice", value);
                return -1;
            }
            if (((GArray *)value)->kind != a->kind) {
                g_raise(&GExc_TypeError, "bad argument type for built-in operation");
                return -1;
            }
            if (snapshot(value, &s) < 0)
                return -1;
        }
        GObject *sl = g_slice_plain(key);
        if (sl) {
            g_critsec_begin_short(&cs, o);
            r = set_slice_locked(a, sl, value ? s.bytes : NULL, s.n);
            g_critsec_end_short(&cs);
            g_decref(sl);
        }
        if (value)
            snapshot_free(&s);
        return r;
    }
    int64_t i;
    Value v;
    if (index_of(key, &i) < 0 || (value && array_to_value(a->kind, value, &v) < 0))
        return -1;
    g_critsec_begin_short(&cs, o);
    if (i < 0)
        i += size_of(a);
    if (i >= 0 && i < size_of(a)) {
        if (value)
            array_store(a->kind, at(a, i), v);
        else
            delete_range_locked(a, i, 1);
        r = 0;
    }
    g_critsec_end_short(&cs);
    if (r < 0)
        g_raise(&GExc_IndexError, "array assignment index out of range");
    return r;
}

static GObject *array_iter(GObject *o) { return g_seqiter_new(o); }

/* ---- + and * ---- */

static GObject *array_add(GObject *a, GObject *b)
{
    if (!is_array(a))
        return g_newref(G_NOTIMPL);
    if (!is_array(b))
        return g_raise(&GExc_TypeError, "can only append array (not \"%T\") to array", b);
    if (((GArray *)a)->kind != ((GArray *)b)->kind)
        return g_raise(&GExc_TypeError, "bad argument type for built-in operation");
    /* both copied in one critical section on both arrays, so that a + b (and a + a)
     * shows each of them as it was at one moment, as a list's + does */
    GArray *x = (GArray *)a, *y = (GArray *)b;
    GCritSec cs;
    g_critsec_begin2_short(&cs, a, b);
    int64_t nx = size_of(x), ny = size_of(y);
    size_t bx = (size_t)(nx * x->kind->size), by = (size_t)(ny * y->kind->size);
    char *bytes = g_mem_alloc(bx + by ? bx + by : 1);
    if (bytes) {
        if (bx)
            memcpy(bytes, x->data, bx);
        if (by)
            memcpy(bytes + bx, y->data, by);
    }
    g_critsec_end_short(&cs);
    if (!bytes)
        return g_no_memory();
    GObject *r = array_from_bytes(x->kind, bytes, nx + ny);
    g_mem_free(bytes);
    return r;
}

static int64_t repeat_count(GObject *n)
{
    if (!g_is_int(n) && !G_TYPE(n)->nb_index) {
        g_raise(&GExc_TypeError, "can't multiply sequence by non-int of type '%T'", n);
        return -1;
    }
    int64_t k = g_as_ssize(n);
    if (k == -1 && g_err_occurred())
        return -1;
    return k < 0 ? 0 : k;
}

static GObject *array_mul(GObject *a, GObject *b)
{
    if (!is_array(a)) {
        GObject *t = a;
        a = b;
        b = t;
    }
    int64_t k = repeat_count(b);
    if (k < 0)
        return NULL;
    Snapshot s;
    if (snapshot(a, &s) < 0)
        return NULL;
    GArray *r = NULL;
    int64_t w = s.kind->size;
    if (s.n == 0)
        k = 0;   /* array('i') * 10**18: no loop of empty copies */
    if (s.n && k > ((int64_t)1 << 36) / (s.n * w)) {
        g_no_memory();
    } else if ((r = array_alloc(&GArray_type, s.kind)) && reserve(r, s.n * k) == 0) {
        for (int64_t i = 0; i < k; i++)
            memcpy(r->data + i * s.n * w, s.bytes, (size_t)(s.n * w));
        set_size(r, s.n * k);
    } else {
        G_CLEAR(r);
    }
    snapshot_free(&s);
    return (GObject *)r;
}

/* a += b: extend by an array of the same kind only. */
static GObject *array_iadd(GObject *a, GObject *b)
{
    if (!is_array(b))
        return g_raise(&GExc_TypeError, "can only extend array with array (not \"%T\")", b);
    GArray *arr = (GArray *)a;
    char *bytes;
    int64_t n;
    if (pack_source(arr, b, &bytes, &n, "can only extend with array of same kind") < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, a);
    int r = insert_values_locked(arr, size_of(arr), bytes, n);
    g_critsec_end_short(&cs);
    g_mem_free(bytes);
    return r < 0 ? NULL : g_newref(a);
}

static GObject *array_imul(GObject *a, GObject *b)
{
    int64_t k = repeat_count(b);
    if (k < 0)
        return NULL;
    GArray *arr = (GArray *)a;
    GCritSec cs;
    g_critsec_begin_short(&cs, a);
    int64_t n = size_of(arr), w = arr->kind->size;
    int r = 0;
    if (n && k > ((int64_t)1 << 36) / (n * w)) {
        g_no_memory();
        r = -1;
    } else if (k == 0 || n == 0) {   /* no loop of empty copies, lock held */
        set_size(arr, 0);
    } else if ((r = reserve(arr, n * k)) == 0) {
        for (int64_t i = 1; i < k; i++)
            memcpy(arr->data + i * n * w, arr->data, (size_t)(n * w));
        set_size(arr, n * k);
    }
    g_critsec_end_short(&cs);
    return r < 0 ? NULL : g_newref(a);
}

/* ====================================================================================
 * Methods
 * ==================================================================================== */

static int insert_at(GObject *self, int64_t i, bool clamp, GObject *x)
{
    GArray *a = (GArray *)self;
    char one[8];
    Value v;
    if (array_to_value(a->kind, x, &v) < 0)
        return -1;
    array_store(a->kind, one, v);
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int64_t size = size_of(a);
    if (!clamp)
        i = size;
    else if (i < 0)
        i = i + size < 0 ? 0 : i + size;
    else if (i > size)
        i = size;
    int r = insert_values_locked(a, i, one, 1);
    g_critsec_end_short(&cs);
    return r;
}

static GObject *append_m(ARGS)
{
    if (g_no_kwargs("append", kw) < 0 || g_check_nargs("append", nargs, 1, 1) < 0)
        return NULL;
    return insert_at(self, 0, false, args[0]) < 0 ? NULL : G_NONE;
}

static GObject *insert_m(ARGS)
{
    if (g_no_kwargs("insert", kw) < 0 || g_check_nargs("insert", nargs, 2, 2) < 0)
        return NULL;
    int64_t i = g_as_ssize(args[0]);
    if (i == -1 && g_err_occurred())
        return NULL;
    return insert_at(self, i, true, args[1]) < 0 ? NULL : G_NONE;
}

static GObject *extend_m(ARGS)
{
    if (g_no_kwargs("extend", kw) < 0 || g_check_nargs("extend", nargs, 1, 1) < 0)
        return NULL;
    GArray *a = (GArray *)self;
    char *bytes;
    int64_t n;
    if (pack_source(a, args[0], &bytes, &n, "can only extend with array of same kind") < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int r = insert_values_locked(a, size_of(a), bytes, n);
    g_critsec_end_short(&cs);
    g_mem_free(bytes);
    return r < 0 ? NULL : G_NONE;
}

static GObject *fromlist_m(ARGS)
{
    if (g_no_kwargs("fromlist", kw) < 0 || g_check_nargs("fromlist", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_list(args[0]))
        return g_raise(&GExc_TypeError, "arg must be list");
    return extend_m(self, args, nargs, kw);
}

static GObject *pop_m(ARGS)
{
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 0, 1) < 0)
        return NULL;
    GArray *a = (GArray *)self;
    int64_t i = -1;
    if (nargs && (i = g_as_ssize(args[0])) == -1 && g_err_occurred())
        return NULL;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    const char *err = NULL;
    Value v;
    int64_t size = size_of(a);
    if (size == 0) {
        err = "pop from empty array";
    } else {
        if (i < 0)
            i += size;
        if (i < 0 || i >= size) {
            err = "pop index out of range";
        } else {
            v = array_load(a->kind, at(a, i));
            delete_range_locked(a, i, 1);
        }
    }
    g_critsec_end_short(&cs);
    return err ? g_raise(&GExc_IndexError, "%s", err) : array_box(a->kind, v);
}

static GObject *remove_m(ARGS)
{
    if (g_no_kwargs("remove", kw) < 0 || g_check_nargs("remove", nargs, 1, 1) < 0)
        return NULL;
    GArray *a = (GArray *)self;
    for (;;) {
        Snapshot s;
        if (snapshot(self, &s) < 0)
            return NULL;
        int64_t i = find_in(&s, args[0], 0, s.n);
        if (i < 0) {
            snapshot_free(&s);
            return i == -2 ? NULL : g_raise(&GExc_ValueError, "array.remove(x): x not in array");
        }
        /* delete it if the array still holds the same value there */
        GCritSec cs;
        g_critsec_begin_short(&cs, self);
        int64_t w = a->kind->size;
        bool same = i < size_of(a) && memcmp(at(a, i), s.bytes + i * w, (size_t)w) == 0;
        if (same)
            delete_range_locked(a, i, 1);
        g_critsec_end_short(&cs);
        snapshot_free(&s);
        if (same)
            return G_NONE;
    }
}

static GObject *index_m(ARGS)
{
    if (g_no_kwargs("index", kw) < 0 || g_check_nargs("index", nargs, 1, 3) < 0)
        return NULL;
    Snapshot s;
    if (snapshot(self, &s) < 0)
        return NULL;
    int64_t from = 0, to = s.n;
    if (nargs > 1 && (from = g_as_ssize(args[1])) < 0)
        from = from + s.n < 0 ? 0 : from + s.n;
    if (nargs > 2 && (to = g_as_ssize(args[2])) < 0)
        to += s.n;
    int64_t i = g_err_occurred() ? -2 : find_in(&s, args[0], from, to);
    snapshot_free(&s);
    if (i == -2)
        return NULL;
    return i < 0 ? g_raise(&GExc_ValueError, "array.index(x): x not in array") : g_int_from_i64(i);
}

static GObject *count_m(ARGS)
{
    if (g_no_kwargs("count", kw) < 0 || g_check_nargs("count", nargs, 1, 1) < 0)
        return NULL;
    Snapshot s;
    if (snapshot(self, &s) < 0)
        return NULL;
    int64_t count = 0, i = -1;
    while ((i = find_in(&s, args[0], i + 1, s.n)) >= 0)
        count++;
    snapshot_free(&s);
    return i == -2 ? NULL : g_int_from_i64(count);
}

static GObject *reverse_m(ARGS)
{
    if (g_no_kwargs("reverse", kw) < 0 || g_check_nargs("reverse", nargs, 0, 0) < 0)
        return NULL;
    (void)args;
    GArray *a = (GArray *)self;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int64_t w = a->kind->size;
    char tmp[8];
    for (int64_t i = 0, j = size_of(a) - 1; i < j; i++, j--) {
        memcpy(tmp, at(a, i), (size_t)w);
        memcpy(at(a, i), at(a, j), (size_t)w);
        memcpy(at(a, j), tmp, (size_t)w);
    }
    g_critsec_end_short(&cs);
    return G_NONE;
}

static GObject *tolist_m(ARGS)
{
    if (g_no_kwargs("tolist", kw) < 0 || g_check_nargs("tolist", nargs, 0, 0) < 0)
        return NULL;
    (void)args;
    Snapshot s;
    if (snapshot(self, &s) < 0)
        return NULL;
    GObject *l = snapshot_list(&s);
    snapshot_free(&s);
    return l;
}

static GObject *copy_m(ARGS)
{
    (void)args;
    (void)nargs;
    (void)kw;
    Snapshot s;
    if (snapshot(self, &s) < 0)
        return NULL;
    GObject *r = array_from_bytes(s.kind, s.bytes, s.n);
    snapshot_free(&s);
    return r;
}

static const GMethodDef array_methods[] = {
    { "append", append_m, 0, NULL }, { "extend", extend_m, 0, NULL }, { "insert", insert_m, 0, NULL },
    { "pop", pop_m, 0, NULL }, { "remove", remove_m, 0, NULL }, { "index", index_m, 0, NULL },
    { "count", count_m, 0, NULL }, { "reverse", reverse_m, 0, NULL }, { "tolist", tolist_m, 0, NULL },
    { "fromlist", fromlist_m, 0, NULL }, { "__copy__", copy_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *get_typecode(GObject *o) { return g_format("%c", ((GArray *)o)->kind->code); }
static GObject *get_itemsize(GObject *o) { return g_int_from_i64(((GArray *)o)->kind->size); }

static const GGetSetDef array_getsets[] = {
    { "typecode", get_typecode, NULL }, { "itemsize", get_itemsize, NULL },
    { NULL, NULL, NULL },
};

static GType GArray_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "array.array",
    .basicsize = sizeof(GArray),
    .flags = G_TPFLAG_BASETYPE,
    .base = &GObject_type,
    .tp_new = array_new,
    .tp_dealloc = array_dealloc,
    .tp_repr = array_repr,
    .tp_hash = array_hash,
    .tp_richcompare = array_richcompare,
    .tp_iter = array_iter,
    .nb = { [NB_ADD] = array_add, [NB_MUL] = array_mul },
    .nb_inplace = { [NB_ADD] = array_iadd, [NB_MUL] = array_imul },
    .sq_len = array_len,
    .mp_getitem = array_getitem,
    .mp_setitem = array_setitem,
    .sq_contains = array_contains,
    .methods = array_methods,
    .getsets = array_getsets,
};

GObject *g_array_init(void)
{
    g_type_ready(&GArray_type);
    GObject *m = g_module_new("array");
    if (!m)
        return NULL;
    g_dict_set_str(g_module_dict(m), "array", (GObject *)&GArray_type);
    g_dict_set_str(g_module_dict(m), "ArrayType", (GObject *)&GArray_type);
    GObject *codes = g_str_from_cstr("bBuhHiIlLqQfd");
    if (codes)
        g_module_add(m, "typecodes", codes);
    return m;
}
