/* int_str.c -- ints to and from text: str()/hex()/oct()/bin() digits and int(text, base).
 *
 * To text: a small int in base 10 goes through snprintf; otherwise the magnitude is
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

#include "objects/int_mag.h"
#include "objects/objects.h"

GObject *g_int_to_str(GObject *o, int base)
{
    int64_t x;
    char small[80];
    if (base == 10 && g_int_as_i64(o, &x)) {
        int n = snprintf(small, sizeof small, "%lld", (long long)x);
        return g_str_new(small, (size_t)n);
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

