/* int_mag.h -- arithmetic on the magnitudes of big ints (int_mag.c).
 *
 * A magnitude is a little-endian array of 32-bit digits; an IntView presents any int,
 * small or big, as sign + magnitude so the big-int algorithms need one code path.
 */
#ifndef GILT_INT_MAG_H
#define GILT_INT_MAG_H

#include <stdbool.h>
#include <stdint.h>

#include "objects/objects.h"

typedef struct {
    int sign;           /* -1, 0, +1 */
    int64_t n;          /* digits in use */
    const uint32_t *d;
    uint32_t buf[2];    /* storage when viewing a small int */
} IntView;

void g_view_int(GObject *o, IntView *w);
GObject *g_int_from_mag(int sign, const uint32_t *d, int64_t n);   /* int.c: copies d */
/* int.to_bytes and the classmethod int.from_bytes (int_str.c) */
GObject *g_int_to_bytes(GObject *self, GObject *const *args, size_t nargs, GObject *kw);
GObject *g_int_from_bytes(GObject *cls, GObject *const *args, size_t nargs, GObject *kw);
int64_t g_mag_norm(const uint32_t *d, int64_t n);
int g_mag_cmp(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb);
int64_t g_mag_add(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out);
int64_t g_mag_sub(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out);
int64_t g_mag_mul(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *out);
uint32_t g_mag_divmod_small(uint32_t *a, int64_t n, uint32_t div);
bool g_mag_divmod_knuth(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb, uint32_t *q, uint32_t *r);

#endif
