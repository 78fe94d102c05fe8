/* gc_panel.c -- the cycle collector: how often it ran, how long the world stood
 * still (last, p99, max pause), how long threads took to reach the safepoint, and
 * a histogram of the pauses. */
#include <stdio.h>
#include <string.h>

#include "tui/format.h"
#include "tui/panels.h"

/* pause histogram buckets, in microseconds (upper bounds; the last is open) */
static const uint64_t bucket_us[] = { 100, 1000, 10000, 100000 };
static const char *const bucket_label[] = { "<.1m", "<1ms", "<10m", "<.1s", "more" };
#define NBUCKETS 5

void g_panel_gc(GCanvas *c, GRect r, GDash *d, bool focused)
{
    GStats *s = &d->model->stats;
    char title[64];
    snprintf(title, sizeof title, "GC  %llu runs", (unsigned long long)s->gc_count);
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 1 || in.w < 16)
        return;
    char a[16], b[16], e[16];
    uint64_t last = s->gc_npauses ? s->gc_pauses_us[s->gc_npauses - 1] : 0, max = 0;
    uint64_t hist[NBUCKETS] = { 0 };
    for (size_t i = 0; i < s->gc_npauses; i++) {
        uint64_t p = s->gc_pauses_us[i];
        if (p > max)
            max = p;
        int k = 0;
        while (k < NBUCKETS - 1 && p >= bucket_us[k])
            k++;
        hist[k]++;
    }
    g_fmt_ns(a, sizeof a, last * 1000);
    g_fmt_ns(b, sizeof b, max * 1000);
    int wide = (int)(strlen(a) + strlen(b)) + 11 <= in.w;   /* "last " "  max " */
    g_canvas_printf(c, in.x, in.y, in.w, G_STYLE_NORMAL, wide ? "last %s  max %s" : "last %s max %s", a, b);
    if (in.h < 2)
        return;
    g_canvas_printf(c, in.x, in.y + 1, in.w, G_STYLE_NORMAL, "p99 %s  freed %s",
                    g_fmt_ns(a, sizeof a, g_stats_gc_percentile(s, 99) * 1000), g_fmt_count(e, sizeof e, s->gc_freed));
    if (in.h < 3)
        return;
    g_canvas_printf(c, in.x, in.y + 2, in.w, G_STYLE_NORMAL, "to safepoint %s", g_fmt_ns(a, sizeof a, s->gc_safepoint_max_ns));
    if (in.h < 5)
        return;
    /* the histogram: a bar per bucket, 4 columns wide, scaled to the fullest */
    uint64_t most = 0;
    for (int k = 0; k < NBUCKETS; k++)
        if (hist[k] > most)
            most = hist[k];
    for (int k = 0; k < NBUCKETS && 1 + k * 5 + 4 <= in.w; k++) {
        for (int j = 0; j < 4; j++)
            g_canvas_put(c, in.x + k * 5 + j, in.y + 3, g_spark_glyph(hist[k], most), G_STYLE_STOPPED);
        g_canvas_text(c, in.x + k * 5, in.y + 4, 4, G_STYLE_DIM, bucket_label[k]);
    }
}
