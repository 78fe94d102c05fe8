/* str_internal.h -- helpers str.c and str_methods.c share: byte offsets of code
 * points in the UTF-8 body, and substring search. */
#ifndef GILT_STR_INTERNAL_H
#define GILT_STR_INTERNAL_H

#include <string.h>

#include "objects/objects.h"

/* A piece of str s (n bytes at p, cut at code-point boundaries): a piece of an ASCII
 * str is ASCII, so only a non-ASCII one needs g_str_new's count of its code points. */
static inline GObject *str_piece(GStr *s, const char *p, size_t n)
{
    if (!(s->ob.ob_flags & G_STR_ASCII) || n == 0)
        return g_str_new(p, n);
    GObject *r = g_str_new_uninit(n, (int64_t)n, true);
    if (r)
        memcpy(((GStr *)r)->data, p, n);
    return r;
}

/* Byte offset of code point i (0 <= i <= len). */
static inline int64_t cp_offset(GStr *s, int64_t i)
{
    if (s->ob.ob_flags & G_STR_ASCII)
        return i;
    int64_t off = 0;
    for (int64_t k = 0; k < i; k++) {
        unsigned char c = (unsigned char)s->data[off];
        off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return off;
}

/* Code-point index of byte offset off. */
static inline int64_t cp_index(GStr *s, int64_t off)
{
    if (s->ob.ob_flags & G_STR_ASCII)
        return off;
    int64_t n = 0;
    for (int64_t k = 0; k < off; k++)
        if (((unsigned char)s->data[k] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Find needle in hay between byte offsets; returns byte offset or -1. */
static inline int64_t find_bytes(const char *h, int64_t hn, const char *n, int64_t nn, int64_t from, int64_t to)
{
    if (to > hn)
        to = hn;
    if (nn == 0)
        return from <= to ? from : -1;
    for (int64_t i = from; i + nn <= to; i++)
        if (h[i] == n[0] && memcmp(h + i, n, (size_t)nn) == 0)
            return i;
    return -1;
}

static inline int64_t rfind_bytes(const char *h, int64_t hn, const char *n, int64_t nn, int64_t from, int64_t to)
{
    if (to > hn)
        to = hn;
    for (int64_t i = to - nn; i >= from; i--)
        if (memcmp(h + i, n, (size_t)nn) == 0)
            return i;
    return -1;
}

extern const GMethodDef g_str_methods[];

#endif
