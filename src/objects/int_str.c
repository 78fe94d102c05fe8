/* int_str.c -- ints to and from text: str()/hex()/oct()/bin() digits and int(text, base).
 *
 * To text: an int that fits in 64 bits is written from the right end of a small
 * buffer, one digit per division (g_i64_digits, which format.c shares); otherwise the magnitude is
 * divided repeatedly (by 10**9 for base 10, one chunk of nine digits at a time; by the
 * base itself for 2, 8 and 16), the digits are collected least-significant first and
 * written out reversed, with the 0x/0o/0b prefix.
 *
 * From text: Python's literal rules -- surrounding whitespace, a sign, a base prefix
 * when base is 0 or matches it, and single underscores between digits.  Values that
 * fit in 64 bits accumulate in an int64 with overflow checks; past that the
 * accumulation continues in big ints.  Anything else is CPython's ValueError
 * "invalid literal for int() with base N".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/int_mag.h"
#include "objects/objects.h"

char *g_u64_digits(uint64_t m, int base, char *end)
{
    char *p = end;
    do {
        *--p = "0123456789abcdef"[m % (unsigned)base];
        m /= (unsigned)base;
    } while (m);
    return p;
}

GObject *g_int_to_str(GObject *o, int base)
{
    int64_t x;
    if (g_int_as_i64(o, &x)) {
        /* right to left: digits, then the prefix, then the sign */
        char buf[G_I64_DIGITS_MAX + 4];
        char *end = buf + sizeof buf;
        uint64_t m = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        char *p = g_u64_digits(m, base, end);
        if (base != 10) {
            *--p = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
            *--p = '0';
        }
        if (x < 0)
            *--p = '-';
        size_t n = (size_t)(end - p);
        GObject *s = g_str_new_uninit(n, (int64_t)n, true);
        if (s)
            memcpy(((GStr *)s)->data, p, n);
        return s;
    }
    IntView w;
    g_view_int(o, &w);
    GBuf b;
    g_buf_init(&b);
    if (w.sign == 0) {
        g_buf_puts(&b, base == 16 ? "0x0" : base == 8 ? "0o0" : base == 2 ? "0b0" : "0");
        return g_buf_finish(&b);
    }
    /* Collect digits least-significant first, then reverse. */
    uint32_t *t = g_mem_alloc((size_t)w.n * sizeof(uint32_t));
    if (!t)
        return g_no_memory();
    memcpy(t, w.d, (size_t)w.n * sizeof(uint32_t));
    int64_t n = w.n;
    if (base == 10) {
        while (n > 0) {
            uint32_t chunk = g_mag_divmod_small(t, n, 1000000000u);
            n = g_mag_norm(t, n);
            for (int i = 0; i < 9; i++) {
                if (n == 0 && chunk == 0)
                    break;
                g_buf_putc(&b, (char)('0' + chunk % 10));
                chunk /= 10;
            }
        }
    } else {
        int bits = base == 16 ? 4 : base == 8 ? 3 : 1;
        while (n > 0) {
            uint32_t digit = g_mag_divmod_small(t, n, (uint32_t)1 << bits);
            n = g_mag_norm(t, n);
            g_buf_putc(&b, "0123456789abcdef"[digit]);
        }
        g_buf_puts(&b, base == 16 ? "x0" : base == 8 ? "o0" : "b0");
    }
    if (w.sign < 0)
        g_buf_putc(&b, '-');
    g_mem_free(t);
    if (b.failed) {
        g_buf_free(&b);
        return g_no_memory();
    }
    for (size_t i = 0, j = b.len - 1; i < j; i++, j--) {
        char c = b.data[i];
        b.data[i] = b.data[j];
        b.data[j] = c;
    }
    return g_buf_finish(&b);
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

GObject *g_int_from_string(const char *s, size_t n, int base)
{
    const char *p = s, *end = s + n;
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    int sign = 1;
    if (p < end && (*p == '+' || *p == '-')) {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            p += 2;
            if (p < end && *p == '_')
                p++;
        }
    }
    if (base == 0) {
        base = 10;
        /* "010" is not a valid literal with base 0, unless all zeros */
        if (end - p > 1 && p[0] == '0') {
            for (const char *q = p; q < end; q++)
                if (*q != '0' && *q != '_')
                    goto invalid;
        }
    }
    if (p == end)
        goto invalid;
    GObject *acc = g_int_from_i64(0);
    GObject *bobj = g_int_from_i64(base);
    int64_t small = 0;
    bool use_small = true;
    char prev = '_';
    for (const char *q = p; q < end; q++) {
        if (*q == '_') {
            if (prev == '_')
                goto invalid_acc;
            prev = '_';
            continue;
        }
        int d = digit_value(*q);
        if (d >= base)
            goto invalid_acc;
        prev = *q;
        if (use_small && !__builtin_mul_overflow(small, base, &small) &&
            !__builtin_add_overflow(small, d, &small))
            continue;
        if (use_small) {
            /* small overflowed: redo this digit on big ints */
            use_small = false;
            const char *q2;
            small = 0;
            for (q2 = p; q2 < q; q2++) {
                if (*q2 == '_')
                    continue;
                GObject *t = g_int_binop(acc, bobj, NB_MUL);
                g_decref(acc);
                if (!t)
                    return NULL;
                GObject *dv = g_int_from_i64(digit_value(*q2));
                acc = g_int_binop(t, dv, NB_ADD);
                g_decref(t);
                if (!acc)
                    return NULL;
            }
        }
        GObject *t = g_int_binop(acc, bobj, NB_MUL);
        g_decref(acc);
        if (!t)
            return NULL;
        GObject *dv = g_int_from_i64(d);
        acc = g_int_binop(t, dv, NB_ADD);
        g_decref(t);
        if (!acc)
            return NULL;
    }
    if (prev == '_')
        goto invalid_acc;
    if (use_small) {
        g_decref(acc);
        return g_int_from_i64(sign * small);
    }
    if (sign < 0) {
        GObject *r = g_int_binop(g_int_from_i64(0), acc, NB_SUB);   /* 0 is immortal */
        g_decref(acc);
        return r;
    }
    return acc;
invalid_acc:
    g_decref(acc);
invalid: {
        GObject *txt = g_str_new(s, n);
        if (!txt)
            return NULL;
        g_raise(&GExc_ValueError, "invalid literal for int() with base %d: %R", base == 0 ? 10 : base, txt);
        g_decref(txt);
        return NULL;
    }
}


/* ====================================================================================
 * To and from bytes: int.to_bytes, int.from_bytes
 *
 * Both go through a little-endian byte array of the magnitude; a negative number
 * with signed=True is its two's complement over `length` bytes (invert, add one).
 * ==================================================================================== */

/* byteorder: 'big' (true) or 'little'; -1 with ValueError otherwise. */
static int big_endian_arg(GObject *o)
{
    if (!o)
        return 1;
    if (!g_is_str(o)) {
        g_raise(&GExc_TypeError, "to_bytes() argument 'byteorder' must be str, not %T", o);
        return -1;
    }
    if (g_str_eq_cstr(o, "big"))
        return 1;
    if (g_str_eq_cstr(o, "little"))
        return 0;
    g_raise(&GExc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

static void reverse_bytes(unsigned char *p, int64_t n)
{
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        unsigned char t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

GObject *g_int_to_bytes(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    static const char *const names[] = { "length", "byteorder", "signed", NULL };
    GObject *a[3];
    if (g_parse_args("to_bytes", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int64_t len = 1;
    if (a[0] && (len = g_as_ssize(a[0])) == -1 && g_err_occurred())
        return NULL;
    if (len < 0)
        return g_raise(&GExc_ValueError, "length argument must be non-negative");
    int big = big_endian_arg(a[1]);
    int sign_ok = a[2] ? g_truthy(a[2]) : 0;
    if (big < 0 || sign_ok < 0)
        return NULL;
    IntView w;
    g_view_int(self, &w);
    if (w.sign < 0 && !sign_ok)
        return g_raise(&GExc_OverflowError, "can't convert negative int to unsigned");
    int64_t nmag = w.n * 4;                     /* the magnitude's bytes, little-endian */
    while (nmag > 0 && ((w.d[(nmag - 1) / 4] >> (8 * ((nmag - 1) % 4))) & 0xff) == 0)
        nmag--;
    if (nmag > len + 1)
        return g_raise(&GExc_OverflowError, "int too big to convert");
    GObject *r = g_bytes_new(NULL, (size_t)len);
    if (!r)
        return NULL;
    unsigned char *out = (unsigned char *)((GBytes *)r)->data;
    for (int64_t i = 0; i < len && i < nmag; i++)
        out[i] = (unsigned char)(w.d[i / 4] >> (8 * (i % 4)));
    bool fits = nmag <= len;
    if (fits && sign_ok && len > 0) {
        unsigned top = out[len - 1];
        if (w.sign >= 0)
            fits = top < 0x80;
        else if (top >= 0x80) {
            /* only -2**(8*len-1) itself: 0x80 then zeros */
            fits = top == 0x80;
            for (int64_t i = 0; fits && i < len - 1; i++)
                fits = out[i] == 0;
        }
    }
    if (!fits && !(len == 0 && w.sign == 0)) {
        g_decref(r);
        return g_raise(&GExc_OverflowError, "int too big to convert");
    }
    if (w.sign < 0) {
        unsigned carry = 1;
        for (int64_t i = 0; i < len; i++) {
            unsigned v = (unsigned)(unsigned char)~out[i] + carry;
            out[i] = (unsigned char)v;
            carry = v >> 8;
        }
    }
    if (big)
        reverse_bytes(out, len);
    return r;
}

GObject *g_int_from_bytes(GObject *cls, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)cls;
    static const char *const names[] = { "bytes", "byteorder", "signed", NULL };
    GObject *a[3];
    if (g_parse_args("from_bytes", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    int big = big_endian_arg(a[1]);
    int sign_ok = a[2] ? g_truthy(a[2]) : 0;
    if (big < 0 || sign_ok < 0)
        return NULL;
    GBuf b;
    g_buf_init(&b);
    if (g_bytes_collect(a[0], &b) < 0) {
        g_buf_free(&b);
        return NULL;
    }
    int64_t n = (int64_t)b.len;
    unsigned char *p = (unsigned char *)b.data;
    if (big && n)
        reverse_bytes(p, n);                    /* little-endian from here on */
    bool negative = sign_ok && n && (p[n - 1] & 0x80);
    if (negative) {                             /* the magnitude of a two's complement */
        unsigned carry = 1;
        for (int64_t i = 0; i < n; i++) {
            unsigned v = (unsigned)(unsigned char)~p[i] + carry;
            p[i] = (unsigned char)v;
            carry = v >> 8;
        }
    }
    int64_t nd = (n + 3) / 4;
    uint32_t *d = g_mem_calloc((size_t)(nd ? nd : 1), sizeof(uint32_t));
    GObject *r = NULL;
    if (!d)
        g_no_memory();
    else {
        for (int64_t i = 0; i < n; i++)
            d[i / 4] |= (uint32_t)p[i] << (8 * (i % 4));
        r = g_int_from_mag(negative ? -1 : 1, d, nd);
        g_mem_free(d);
    }
    g_buf_free(&b);
    return r;
}
