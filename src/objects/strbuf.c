/* strbuf.c -- GBuf, the growable byte buffer every string builder uses, and the
 * UTF-8 encoder, decoder and validator.
 *
 * A GBuf doubles its capacity as it grows and keeps its bytes NUL-terminated; an
 * allocation failure marks it failed, and g_buf_finish then raises MemoryError, so
 * builders need not check every append.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "objects/objects.h"

/* ====================================================================================
 * GBuf
 * ==================================================================================== */

void g_buf_init(GBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

static bool buf_reserve(GBuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = g_mem_realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

/* The bytes are kept NUL-terminated, so b->data is always a C string. */
void g_buf_putc(GBuf *b, char c)
{
    if (buf_reserve(b, 1)) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
    }
}

void g_buf_put(GBuf *b, const char *s, size_t n)
{
    if (n && buf_reserve(b, n)) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = 0;
    }
}

void g_buf_puts(GBuf *b, const char *s) { g_buf_put(b, s, strlen(s)); }

void g_buf_printf(GBuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof tmp) {
        g_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;     /* vsnprintf wrote the terminating NUL */
}

void g_buf_put_obj(GBuf *b, GObject *s) { g_buf_put(b, g_str_data(s), (size_t)g_str_nbytes(s)); }

void g_buf_free(GBuf *b)
{
    g_mem_free(b->data);
    g_buf_init(b);
}

GObject *g_buf_finish(GBuf *b)
{
    if (b->failed) {
        g_buf_free(b);
        return g_no_memory();
    }
    GObject *s = g_str_new(b->data ? b->data : "", b->len);
    g_buf_free(b);
    return s;
}

/* ====================================================================================
 * UTF-8
 * ==================================================================================== */

int g_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int g_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return -1;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len;
    uint32_t c, min;
    if ((u[0] & 0xE0) == 0xC0) { len = 2; c = u[0] & 0x1F; min = 0x80; }
    else if ((u[0] & 0xF0) == 0xE0) { len = 3; c = u[0] & 0x0F; min = 0x800; }
    else if ((u[0] & 0xF8) == 0xF0) { len = 4; c = u[0] & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)len > n)
        return -1;
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *cp = c;
    return len;
}

bool g_utf8_valid(const char *s, size_t n, int64_t *ncp, size_t *bad_at)
{
    int64_t count = 0;
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            count++;
            continue;
        }
        uint32_t cp;
        int k = g_utf8_decode(s + i, n - i, &cp);
        if (k < 0) {
            if (bad_at)
                *bad_at = i;
            return false;
        }
        i += (size_t)k;
        count++;
    }
    *ncp = count;
    return true;
}

