/* format.c -- the dashboard's number formats (format.h). */
#include "tui/format.h"

#include <stdio.h>

#include "tui/canvas.h"

char *g_fmt_count(char *buf, size_t n, uint64_t v)
{
    static const char units[] = "kMGTPE";
    if (v < 10000) {
        snprintf(buf, n, "%llu", (unsigned long long)v);
        return buf;
    }
    double d = (double)v;
    int u = -1;
    while (d >= 999.5 && u < 5) {
        d /= 1000.0;
        u++;
    }
    snprintf(buf, n, d < 9.995 ? "%.2f%c" : d < 99.95 ? "%.1f%c" : "%.0f%c", d, units[u]);
    return buf;
}

char *g_fmt_ns(char *buf, size_t n, uint64_t ns)
{
    double d = (double)ns;
    if (ns == 0)
        snprintf(buf, n, "0");
    else if (ns < 1000)
        snprintf(buf, n, "%lluns", (unsigned long long)ns);
    else if (ns < 1000000)
        snprintf(buf, n, d < 9995 ? "%.2fus" : d < 99950 ? "%.1fus" : "%.0fus", d / 1e3);
    else if (ns < 1000000000)
        snprintf(buf, n, d < 9.995e6 ? "%.2fms" : d < 99.95e6 ? "%.1fms" : "%.0fms", d / 1e6);
    else if (ns < 60ull * 1000000000)
        snprintf(buf, n, d < 9.995e9 ? "%.2fs" : "%.1fs", d / 1e9);
    else {
        unsigned long long s = ns / 1000000000ull;
        snprintf(buf, n, "%llum%02llus", s / 60, s % 60);
    }
    return buf;
}

char *g_fmt_percent(char *buf, size_t n, double share)
{
    if (share <= 0)
        snprintf(buf, n, "0%%");
    else if (share < 0.005)
        snprintf(buf, n, "<1%%");
    else
        snprintf(buf, n, "%.0f%%", share * 100.0 > 100.0 ? 100.0 : share * 100.0);
    return buf;
}

uint32_t g_spark_glyph(uint64_t v, uint64_t max)
{
    if (v == 0 || max == 0)
        return ' ';
    uint64_t eighths = (v * 8 + max - 1) / max;   /* rounded up: any activity shows */
    if (eighths < 1)
        eighths = 1;
    if (eighths > 8)
        eighths = 8;
    return G_CH_BLOCK(eighths);
}
