/* sha256.c -- SHA-256 (FIPS 180-4), for the program's fingerprint in a schedule file.
 *
 * The round constants are the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes, and the initial hash those of the square roots of
 * the first 8; they are computed here once rather than copied out as a table (a
 * double carries the 32 bits needed with room to spare: the roots are below 7).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/schedule.h"

static uint32_t K[64], H0[8];

static uint32_t frac32(double x)
{
    return (uint32_t)((x - floor(x)) * 4294967296.0);
}

static void constants(void)
{
    if (K[0])
        return;
    int primes[64], n = 0;
    for (int c = 2; n < 64; c++) {
        bool prime = true;
        for (int i = 0; i < n && primes[i] * primes[i] <= c; i++)
            if (c % primes[i] == 0)
                prime = false;
        if (prime)
            primes[n++] = c;
    }
    for (int i = 0; i < 64; i++)
        K[i] = frac32(cbrt((double)primes[i]));
    for (int i = 0; i < 8; i++)
        H0[i] = frac32(sqrt((double)primes[i]));
}

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

void g_sha256(const void *data, size_t n, char out[65])
{
    constants();
    uint32_t h[8];
    memcpy(h, H0, sizeof h);
    const uint8_t *p = data;
    size_t left = n;
    for (; left >= 64; p += 64, left -= 64)
        block(h, p);
    uint8_t tail[128] = { 0 };
    memcpy(tail, p, left);
    tail[left] = 0x80;
    size_t tn = left + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++)
        tail[tn - 1 - i] = (uint8_t)(bits >> (8 * i));
    block(h, tail);
    if (tn == 128)
        block(h, tail + 64);
    for (int i = 0; i < 8; i++)
        snprintf(out + 8 * i, 9, "%08x", h[i]);
}

bool g_sha256_file(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    bool ok = buf && !ferror(f);
    fclose(f);
    if (ok)
        g_sha256(buf, n, out);
    free(buf);
    return ok;
}
