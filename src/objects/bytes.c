/* bytes.c -- bytes: an immutable sequence of bytes (ints 0..255).
 *
 *   +--------+------+------+------------------------+----+
 *   | header | hash | size | the bytes ...          | \0 |
 *   +--------+------+------+------------------------+----+
 *
 * The layout is str's without the code-point count: the bytes sit inline after the
 * header, with a NUL after them so C code may treat them as a string.  Indexing gives
 * an int, slicing a new bytes.  Nothing in a bytes object ever changes after it is
 * made (hash is a cache: two threads that fill it at once store the same value), so
 * bytes needs no lock and holds no references: the collector never looks at it
 * (G_TPFLAG_LEAF) and literals in code objects are immortal like str constants.
 *
 * The parts that bytearray shares -- views, repr, comparison, collecting an iterable
 * of ints -- are defined here and declared in bytes_internal.h; the methods are in
 * bytes_methods.c, % formatting in bytes_format.c, the codecs in bytes_codec.c.
 */
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"

/* ====================================================================================
 * Construction
 * ==================================================================================== */

static GObject *empty_bytes;   /* immortal, made by the first request */

GObject *g_bytes_new(const char *p, size_t n)
{
    if (n == 0 && empty_bytes)
        return empty_bytes;
    if (n > ((size_t)1 << 34))
        return g_no_memory();
    GBytes *b = (GBytes *)g_object_alloc(&GBytes_type, sizeof(GBytes) + n + 1);
    if (!b)
        return g_no_memory();
    b->hash = -1;
    b->size = (int64_t)n;
    if (p)
        memcpy(b->data, p, n);
    else
        memset(b->data, 0, n);
    b->data[n] = 0;
    if (n == 0) {
        g_set_immortal((GObject *)b);
        empty_bytes = (GObject *)b;
    }
    return (GObject *)b;
}

/* ====================================================================================
 * Views (bytes_internal.h)
 * ==================================================================================== */

int g_bview_get(GObject *o, GBView *v, const char *what)
{
    v->owned = NULL;
    if (g_is_bytes(o)) {
        v->p = g_bytes_data(o);
        v->n = g_bytes_size(o);
        return 0;
    }
    if (g_is_bytearray(o)) {
        GByteArray *a = (GByteArray *)o;
        GCritSec cs;
        g_critsec_begin_short(&cs, o);
        int64_t n = atomic_load_explicit(&a->size, memory_order_relaxed);
        char *copy = g_mem_alloc((size_t)n + 1);
        if (copy)
            memcpy(copy, a->data ? a->data : "", (size_t)n);
        g_critsec_end_short(&cs);
        if (!copy) {
            g_no_memory();
            return -1;
        }
        v->p = v->owned = copy;
        v->n = n;
        return 0;
    }
    if (what)
        g_raise(&GExc_TypeError, what, g_type_name(o));
    else
        g_raise(&GExc_TypeError, "a bytes-like object is required, not '%T'", o);
    return -1;
}

void g_bview_release(GBView *v)
{
    if (v->owned)
        g_mem_free(v->owned);
    v->owned = NULL;
}

int g_byte_from_int(GObject *o)
{
    if (!g_is_int(o) && !G_TYPE(o)->nb_index) {
        g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    GObject *i = g_index(o);
    if (!i)
        return -1;
    int64_t v;
    bool fits = g_int_as_i64(i, &v);
    g_decref(i);
    if (!fits || v < 0 || v > 255) {
        g_raise(&GExc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)v;
}

int g_bytes_collect(GObject *src, GBuf *buf)
{
    if (g_is_byteslike(src)) {
        GBView v;
        if (g_bview_get(src, &v, NULL) < 0)
            return -1;
        g_buf_put(buf, v.p, (size_t)v.n);
        g_bview_release(&v);
        return buf->failed ? (g_no_memory(), -1) : 0;
    }
    if (g_is_str(src)) {
        g_raise(&GExc_TypeError, "cannot convert 'str' object to bytes");
        return -1;
    }
    GObject *it = g_iter(src);
    if (!it) {
        if (g_err_matches(&GExc_TypeError)) {
            g_err_clear();
            g_raise(&GExc_TypeError, "cannot convert '%T' object to bytes", src);
        }
        return -1;
    }
    GObject *x;
    while ((x = g_next(it))) {
        int c = g_byte_from_int(x);
        g_decref(x);
        if (c < 0) {
            if (g_err_matches(&GExc_ValueError)) {
                g_err_clear();
                g_raise(&GExc_ValueError, "bytes must be in range(0, 256)");
            }
            g_decref(it);
            return -1;
        }
        g_buf_putc(buf, (char)c);
    }
    g_decref(it);
    if (g_err_occurred())
        return -1;
    return buf->failed ? (g_no_memory(), -1) : 0;
}

/* ====================================================================================
 * repr and comparison (shared with bytearray)
 * ==================================================================================== */

GObject *g_bytes_repr_of(const char *p, int64_t n, const char *prefix, const char *suffix)
{
    bool has_sq = n && memchr(p, '\'', (size_t)n) != NULL;
    bool has_dq = n && memchr(p, '"', (size_t)n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    GBuf b;
    g_buf_init(&b);
    g_buf_puts(&b, prefix);
    g_buf_putc(&b, 'b');
    g_buf_putc(&b, q);
    for (int64_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == (unsigned char)q || c == '\\') {
            g_buf_putc(&b, '\\');
            g_buf_putc(&b, (char)c);
        } else if (c == '\t') g_buf_puts(&b, "\\t");
        else if (c == '\n') g_buf_puts(&b, "\\n");
        else if (c == '\r') g_buf_puts(&b, "\\r");
        else if (c < 0x20 || c >= 0x7f) g_buf_printf(&b, "\\x%02x", c);
        else g_buf_putc(&b, (char)c);
    }
    g_buf_putc(&b, q);
    g_buf_puts(&b, suffix);
    return g_buf_finish(&b);
}

GObject *g_bytes_compare_views(const GBView *a, const GBView *b, GCmpOp op)
{
    if ((op == CMP_EQ || op == CMP_NE) && a->n != b->n)
        return g_bool(op == CMP_NE);
    int64_t m = a->n < b->n ? a->n : b->n;
    int c = m ? memcmp(a->p, b->p, (size_t)m) : 0;
    if (c == 0)
        return g_compare_lengths(a->n, b->n, op);
    switch (op) {
    case CMP_LT: case CMP_LE: return g_bool(c < 0);
    case CMP_GT: case CMP_GE: return g_bool(c > 0);
    case CMP_EQ: return G_FALSE;
    default: return G_TRUE;
    }
}

/* ====================================================================================
 * Slots
 * ==================================================================================== */

static GObject *bytes_repr(GObject *o) { return g_bytes_repr_of(g_bytes_data(o), g_bytes_size(o), "", ""); }

static int64_t bytes_hash(GObject *o)
{
    GBytes *b = (GBytes *)o;
    if (b->hash == -1)
        b->hash = g_hash_bytes(b->data, b->size);
    return b->hash;
}

GObject *g_bytes_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_byteslike(b))
        return g_newref(G_NOTIMPL);
    GBView va, vb;
    if (g_bview_get(a, &va, NULL) < 0)
        return NULL;
    if (g_bview_get(b, &vb, NULL) < 0) {
        g_bview_release(&va);
        return NULL;
    }
    GObject *r = g_bytes_compare_views(&va, &vb, op);
    g_bview_release(&va);
    g_bview_release(&vb);
    return r;
}

static ssize_t bytes_len(GObject *o) { return (ssize_t)g_bytes_size(o); }

static GObject *bytes_add(GObject *a, GObject *b)
{
    if (!g_is_bytes(a))
        return g_newref(G_NOTIMPL);
    if (!g_is_byteslike(b))
        return g_raise(&GExc_TypeError, "can't concat %T to bytes", b);
    GBView v;
    if (g_bview_get(b, &v, NULL) < 0)
        return NULL;
    GObject *r = g_bytes_new(NULL, (size_t)(g_bytes_size(a) + v.n));
    if (r) {
        memcpy(((GBytes *)r)->data, g_bytes_data(a), (size_t)g_bytes_size(a));
        if (v.n)
            memcpy(((GBytes *)r)->data + g_bytes_size(a), v.p, (size_t)v.n);
    }
    g_bview_release(&v);
    return r;
}

int64_t g_bytes_repeat_count(GObject *n, bool *notimpl)
{
    *notimpl = false;
    if (!g_is_int(n)) {
        *notimpl = true;
        return -1;
    }
    int64_t k;
    if (!g_int_as_i64(n, &k)) {
        if (g_int_sign(n) < 0)
            return 0;
        g_raise(&GExc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return k < 0 ? 0 : k;
}

static GObject *bytes_mul(GObject *a, GObject *b)
{
    GObject *s = g_is_bytes(a) ? a : b, *n = g_is_bytes(a) ? b : a;
    bool notimpl;
    int64_t k = g_bytes_repeat_count(n, &notimpl);
    if (notimpl)
        return g_newref(G_NOTIMPL);
    if (k < 0)
        return NULL;
    int64_t len = g_bytes_size(s);
    if (k == 1)
        return g_newref(s);
    if (len == 0)
        k = 0;   /* b'' * 10**18: no loop of empty copies */
    if (len && k > INT64_MAX / len)
        return g_no_memory();
    GObject *r = g_bytes_new(NULL, (size_t)(len * k));
    if (r)
        for (int64_t i = 0; i < k; i++)
            memcpy(((GBytes *)r)->data + i * len, g_bytes_data(s), (size_t)len);
    return r;
}

static GObject *bytes_mod(GObject *a, GObject *b)
{
    if (!g_is_bytes(a))
        return g_newref(G_NOTIMPL);
    return g_bytes_percent_format(a, b);
}

static GObject *bytes_getitem(GObject *o, GObject *key)
{
    const char *p = g_bytes_data(o);
    int64_t n = g_bytes_size(o);
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, n, &start, &stop, &step, &count) < 0)
            return NULL;
        if (step == 1)
            return count == n ? g_newref(o) : g_bytes_new(p + start, (size_t)count);
        GObject *r = g_bytes_new(NULL, (size_t)count);
        if (r)
            for (int64_t i = 0, k = start; i < count; i++, k += step)
                ((GBytes *)r)->data[i] = p[k];
        return r;
    }
    if (!g_is_int(key) && !G_TYPE(key)->nb_index)
        return g_raise(&GExc_TypeError, "byte indices must be integers or slices, not %T", key);
    int64_t i = g_as_ssize(key);
    if (i == -1 && g_err_occurred())
        return NULL;
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return g_raise(&GExc_IndexError, "index out of range");
    return g_int_from_i64((unsigned char)p[i]);
}

/* `x in b` for bytes and bytearray: an int is one byte, a bytes-like a substring. */
int g_bytes_contains_view(const GBView *v, GObject *item)
{
    if (g_is_int(item) || (!g_is_byteslike(item) && G_TYPE(item)->nb_index)) {
        int c = g_byte_from_int(item);
        if (c < 0)
            return -1;
        return v->n && memchr(v->p, c, (size_t)v->n) != NULL;
    }
    GBView w;
    if (g_bview_get(item, &w, NULL) < 0)
        return -1;
    int found = 0;
    if (w.n == 0)
        found = 1;
    else
        for (int64_t i = 0; i + w.n <= v->n && !found; i++)
            found = memcmp(v->p + i, w.p, (size_t)w.n) == 0;
    g_bview_release(&w);
    return found;
}

static int bytes_contains(GObject *o, GObject *item)
{
    GBView v = { g_bytes_data(o), g_bytes_size(o), NULL };
    return g_bytes_contains_view(&v, item);
}

static GObject *bytes_iter(GObject *o) { return g_seqiter_new(o); }

static int bytes_bool(GObject *o) { return g_bytes_size(o) != 0; }

/* bytes(), bytes(n), bytes(iterable), bytes(str, encoding[, errors]), bytes(bytes) */
GObject *g_bytes_construct(const char *fname, GObject *const *args, size_t nargs, GObject *kwnames, GBuf *out)
{
    static const char *const names[] = { "source", "encoding", "errors", NULL };
    GObject *a[3];
    if (g_parse_args(fname, args, nargs, kwnames, names, 0, a) < 0)
        return NULL;
    GObject *src = a[0], *enc = a[1], *errs = a[2];
    if (!src) {
        if (enc || errs)
            return g_raise(&GExc_TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
        return G_NONE;
    }
    if (g_is_str(src)) {
        if (!enc)
            return g_raise(&GExc_TypeError, "string argument without an encoding");
        if (!g_is_str(enc))
            return g_raise(&GExc_TypeError, "%s() argument 'encoding' must be str, not %T", fname, enc);
        if (errs && !g_is_str(errs))
            return g_raise(&GExc_TypeError, "%s() argument 'errors' must be str, not %T", fname, errs);
        GObject *b = g_str_encode(src, g_str_data(enc), errs ? g_str_data(errs) : "strict");
        if (!b)
            return NULL;
        g_buf_put(out, g_bytes_data(b), (size_t)g_bytes_size(b));
        g_decref(b);
        return G_NONE;
    }
    if (enc || errs)
        return g_raise(&GExc_TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
    if (g_is_int(src) || (G_TYPE(src)->nb_index && !g_is_byteslike(src))) {
        int64_t n = g_as_ssize(src);
        if (n == -1 && g_err_occurred())
            return NULL;
        if (n < 0)
            return g_raise(&GExc_ValueError, "negative count");
        if ((uint64_t)n > ((uint64_t)1 << 34))
            return g_no_memory();
        for (int64_t i = 0; i < n; i++)
            g_buf_putc(out, 0);
        return out->failed ? g_no_memory() : G_NONE;
    }
    return g_bytes_collect(src, out) < 0 ? NULL : G_NONE;
}

static GObject *bytes_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    if (nargs == 1 && !kwnames && g_is_bytes(args[0]))
        return g_newref(args[0]);
    GBuf b;
    g_buf_init(&b);
    if (!g_bytes_construct("bytes", args, nargs, kwnames, &b)) {
        g_buf_free(&b);
        return NULL;
    }
    GObject *r = g_bytes_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}

static void bytes_dealloc(GObject *o) { g_object_free(o); }

GType GBytes_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "bytes",
    .basicsize = sizeof(GBytes),
    .itemsize = 1,
    .flags = G_TPFLAG_LEAF,
    .base = &GObject_type,
    .tp_new = bytes_new,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_str = bytes_repr,
    .tp_hash = bytes_hash,
    .tp_richcompare = g_bytes_richcompare,
    .tp_iter = bytes_iter,
    .nb = { [NB_ADD] = bytes_add, [NB_MUL] = bytes_mul, [NB_MOD] = bytes_mod },
    .nb_bool = bytes_bool,
    .sq_len = bytes_len,
    .mp_getitem = bytes_getitem,
    .sq_contains = bytes_contains,
    .methods = g_bytes_methods,
};
