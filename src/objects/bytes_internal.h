/* bytes_internal.h -- what bytes.c, bytearray.c and bytes_methods.c share.
 *
 * Every byte-string algorithm (find, split, strip, repr, compare, ...) is written
 * once, on a *view*: a pointer and a length.  A bytes object is immutable, so its
 * view simply points into it.  A bytearray may be changed (and its buffer moved by
 * realloc) by another thread at any moment, so its view is a private copy taken in
 * one step under the bytearray's lock:
 *
 *     GBView v;
 *     if (g_bview_get(obj, &v, "what") < 0) return NULL;   bytes: borrows; bytearray: copies
 *     ... any algorithm on v.p, v.n, even one that runs Python code ...
 *     g_bview_release(&v);                                  frees the copy, if any
 *
 * So a method never holds the bytearray's lock while it works, never sees it torn,
 * and the same code serves both types.  The price is one copy per call on a
 * bytearray, which is linear like the methods themselves.
 *
 * A method's result has the type of its receiver (b'x'.upper() is bytes,
 * bytearray(b'x').upper() is a bytearray): g_bytes_like makes it.
 */
#ifndef GILT_BYTES_INTERNAL_H
#define GILT_BYTES_INTERNAL_H

#include "objects/objects.h"

typedef struct GBView {
    const char *p;     /* the bytes (not NUL-terminated for a copy of size 0: p may be NULL) */
    int64_t n;
    char *owned;       /* the private copy of a bytearray, or NULL */
} GBView;

/* A view of a bytes-like object (bytes or bytearray).  Anything else: TypeError
 * "a bytes-like object is required, not 'T'" (or `what`'s wording when not NULL). */
int g_bview_get(GObject *o, GBView *v, const char *what);
void g_bview_release(GBView *v);
static inline bool g_is_byteslike(GObject *o) { return g_is_bytes(o) || g_is_bytearray(o); }

/* A new bytes or bytearray (the type of `like`) holding p[0..n). */
static inline GObject *g_bytes_like(GObject *like, const char *p, size_t n)
{
    return g_is_bytearray(like) ? g_bytearray_new(p, n) : g_bytes_new(p, n);
}

/* repr of n bytes, as CPython writes it: b'...' (or b"..." when the bytes hold a '
 * and no "), with \t \n \r \\ and \xhh escapes.  prefix/suffix wrap it
 * ("bytearray(" and ")"). */
GObject *g_bytes_repr_of(const char *p, int64_t n, const char *prefix, const char *suffix);

/* The tp_richcompare of bytes and bytearray: any two bytes-like objects compare. */
GObject *g_bytes_richcompare(GObject *a, GObject *b, GCmpOp op);

/* The count of b * n (0 for n <= 0); -1 with an exception set; *notimpl when n is
 * not an int (the operator returns NotImplemented). */
int64_t g_bytes_repeat_count(GObject *n, bool *notimpl);

/* Comparison of two views (memcmp order, then length). */
GObject *g_bytes_compare_views(const GBView *a, const GBView *b, GCmpOp op);

/* The byte an int stands for: 0..255, else ValueError "byte must be in range(0, 256)"
 * (TypeError for a non-int); -1 on error. */
int g_byte_from_int(GObject *o);

/* Fill buf with the bytes an iterable of ints yields (bytes(it), bytearray(it),
 * ba.extend(it)); a bytes-like object is copied.  Runs Python code (iteration), so
 * call it with no lock held. */
int g_bytes_collect(GObject *src, GBuf *buf);

/* `item in v`: an int is one byte, a bytes-like object a substring.  1, 0, -1. */
int g_bytes_contains_view(const GBView *v, GObject *item);

/* The bytes a constructor's arguments give -- (), (n), (iterable of ints),
 * (str, encoding[, errors]), (bytes-like) -- appended to out.  Returns G_NONE
 * (borrowed) on success, NULL with an exception set on error. */
GObject *g_bytes_construct(const char *fname, GObject *const *args, size_t nargs, GObject *kwnames, GBuf *out);

/* b % args (bytes_format.c) */
GObject *g_bytes_percent_format(GObject *fmt, GObject *args);

/* FNV-1a over n bytes: the hash of bytes, and of the str with the same bytes. */
static inline int64_t g_hash_bytes(const char *p, int64_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (int64_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    int64_t r = (int64_t)(h >> 1);
    return r == -1 ? -2 : r;
}

extern const GMethodDef g_bytes_methods[];

#endif
