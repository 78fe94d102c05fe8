/* format.h -- numbers the way the dashboard shows them: short, fixed-width, honest.
 *
 *   g_fmt_count   1234 -> "1234", 12345 -> "12.3k", 4567890 -> "4.57M", 1.2e9 -> "1.20G"
 *   g_fmt_ns      durations: "0", "850ns", "12.4us", "3.21ms", "1.50s", "2m05s"
 *   g_fmt_percent 0..1 -> "37%" ("<1%" for a small non-zero share)
 *   g_spark_glyph a value against the row's maximum -> one of ' ' and ▁..█
 *
 * Each writes at most `n` bytes including the NUL and returns its argument, so the
 * calls can sit inside printf argument lists.
 */
#ifndef GILT_FORMAT_H
#define GILT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

char *g_fmt_count(char *buf, size_t n, uint64_t v);
char *g_fmt_ns(char *buf, size_t n, uint64_t ns);
char *g_fmt_percent(char *buf, size_t n, double share);
/* ' ' for 0, otherwise ▁ (any non-zero) up to █ (the maximum). */
uint32_t g_spark_glyph(uint64_t v, uint64_t max);

#endif
