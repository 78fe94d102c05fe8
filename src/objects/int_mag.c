/* int_mag.c -- schoolbook arithmetic on magnitudes, and Knuth's division.
 *
 * Add, subtract and multiply are the pencil-and-paper algorithms on base-2**32
 * digits.  Division by a one-digit divisor is a single pass; longer divisors use
 * Knuth's algorithm D (TAOCP vol. 2, 4.3.1): normalise so the divisor's top digit has
 * its high bit set, estimate each quotient digit from the top two digits, and correct
 * the rare over-estimate by adding back.
 */
#include <string.h>

#include "objects/int_mag.h"

/* ====================================================================================
 * Magnitudes: little-endian arrays of 32-bit digits.
 * ==================================================================================== */


void g_view_int(GObject *o, IntView *w)
{
    GInt *i = (GInt *)o;
    if (o->ob_flags & G_INT_BIG) {
        w->sign = i->v < 0 ? -1 : 1;
        w->n = i->v < 0 ? -i->v : i->v;
        w->d = i->d;
        return;
    }
    int64_t v = i->v;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    w->sign = v < 0 ? -1 : (v > 0);
    w->buf[0] = (uint32_t)m;
    w->buf[1] = (uint32_t)(m >> 32);
    w->n = m == 0 ? 0 : (w->buf[1] ? 2 : 1);
    w->d = w->buf;
}

int64_t g_mag_norm(const uint32_t *d, int64_t n)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    return n;
}

int g_mag_cmp(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (int64_t i = na - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* out has room for max(na, nb) + 1 digits; returns digits used. */
int64_t g_mag_add(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out)
{
    if (na < nb) {
        const uint32_t *t = a; a = b; b = t;
        int64_t tn = na; na = nb; nb = tn;
    }
    uint64_t carry = 0;
    int64_t i = 0;
    for (; i < nb; i++) {
        carry += (uint64_t)a[i] + b[i];
        out[i] = (uint32_t)carry;
        carry >>= 32;
    }
    for (; i < na; i++) {
        carry += a[i];
        out[i] = (uint32_t)carry;
        carry >>= 32;
    }
    out[i] = (uint32_t)carry;
    return g_mag_norm(out, na + 1);
}

/* Requires a >= b.  out has room for na digits. */
int64_t g_mag_sub(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out)
{
    int64_t borrow = 0;
    int64_t i = 0;
    for (; i < nb; i++) {
        int64_t t = (int64_t)a[i] - b[i] - borrow;
        borrow = t < 0;
        out[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    for (; i < na; i++) {
        int64_t t = (int64_t)a[i] - borrow;
        borrow = t < 0;
        out[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    return g_mag_norm(out, na);
}

/* out has room for na + nb digits and must not alias the inputs. */
int64_t g_mag_mul(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out)
{
    memset(out, 0, (size_t)(na + nb) * sizeof(uint32_t));
    for (int64_t i = 0; i < na; i++) {
        uint64_t carry = 0;
        uint64_t ai = a[i];
        if (ai == 0)
            continue;
        for (int64_t j = 0; j < nb; j++) {
            carry += ai * b[j] + out[i + j];
            out[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        out[i + nb] = (uint32_t)carry;
    }
    return g_mag_norm(out, na + nb);
}

/* Divide in place by a small divisor; returns the remainder. */
uint32_t g_mag_divmod_small(uint32_t *a, int64_t n, uint32_t div)
{
    uint64_t rem = 0;
    for (int64_t i = n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a[i];
        a[i] = (uint32_t)(cur / div);
        rem = cur % div;
    }
    return (uint32_t)rem;
}

/* Knuth, TAOCP vol. 2, 4.3.1, algorithm D.  q gets na - nb + 1 digits, r gets nb.
 * Requires nb >= 2 and a >= b.  Returns false on allocation failure. */
bool g_mag_divmod_knuth(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb,
                             uint32_t *q, uint32_t *r)
{
    int s = __builtin_clz(b[nb - 1]);
    uint32_t *bn = g_mem_alloc((size_t)nb * sizeof(uint32_t));
    uint32_t *an = g_mem_alloc((size_t)(na + 1) * sizeof(uint32_t));
    if (!bn || !an) {
        g_mem_free(bn);
        g_mem_free(an);
        return false;
    }
    for (int64_t i = nb - 1; i > 0; i--)
        bn[i] = (b[i] << s) | (s ? (uint32_t)((uint64_t)b[i - 1] >> (32 - s)) : 0);
    bn[0] = b[0] << s;
    an[na] = s ? (uint32_t)((uint64_t)a[na - 1] >> (32 - s)) : 0;
    for (int64_t i = na - 1; i > 0; i--)
        an[i] = (a[i] << s) | (s ? (uint32_t)((uint64_t)a[i - 1] >> (32 - s)) : 0);
    an[0] = a[0] << s;

    const uint64_t B = (uint64_t)1 << 32;
    for (int64_t j = na - nb; j >= 0; j--) {
        uint64_t num = ((uint64_t)an[j + nb] << 32) | an[j + nb - 1];
        uint64_t qhat = num / bn[nb - 1];
        uint64_t rhat = num % bn[nb - 1];
        while (qhat >= B || qhat * bn[nb - 2] > ((rhat << 32) | an[j + nb - 2])) {
            qhat--;
            rhat += bn[nb - 1];
            if (rhat >= B)
                break;
        }
        int64_t borrow = 0;
        uint64_t carry = 0;
        for (int64_t i = 0; i < nb; i++) {
            uint64_t p = qhat * bn[i] + carry;
            carry = p >> 32;
            int64_t t = (int64_t)an[i + j] - (int64_t)(uint32_t)p - borrow;
            borrow = t < 0;
            an[i + j] = (uint32_t)t;
        }
        int64_t t = (int64_t)an[j + nb] - (int64_t)carry - borrow;
        an[j + nb] = (uint32_t)t;
        if (t < 0) {
            qhat--;
            uint64_t c = 0;
            for (int64_t i = 0; i < nb; i++) {
                c += (uint64_t)an[i + j] + bn[i];
                an[i + j] = (uint32_t)c;
                c >>= 32;
            }
            an[j + nb] += (uint32_t)c;
        }
        q[j] = (uint32_t)qhat;
    }
    for (int64_t i = 0; i < nb; i++)
        r[i] = (an[i] >> s) | (s ? (uint32_t)((uint64_t)an[i + 1] << (32 - s)) : 0);
    g_mem_free(bn);
    g_mem_free(an);
    return true;
}

