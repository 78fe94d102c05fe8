/* refcounts.c -- reference-count traffic per second as sparklines: owner (local,
 * no atomics) against shared (atomic) operations, merges of queued objects, and
 * the increments that immortal and deferred objects skip.  One column per 100 ms,
 * the newest on the right; each row is scaled to its own maximum. */
#include <stdio.h>

#include "tui/format.h"
#include "tui/panels.h"

static const struct { int rate; const char *label; } rows[] = {
    { G_RATE_RC_LOCAL, "local" },
    { G_RATE_RC_SHARED, "shared" },
    { G_RATE_RC_MERGED, "merged" },
    { G_RATE_RC_IMMORTAL, "immort" },
    { G_RATE_RC_DEFERRED, "defer" },
};

/* A sparkline of rate `which` over ncols 100 ms slots ending before slot `end`. */
static void sparkline(GCanvas *c, int x, int y, int ncols, const GDashModel *m, int which, int64_t end, GStyle st)
{
    uint64_t max = 0;
    for (int k = 0; k < ncols; k++) {
        uint64_t v = g_dash_model_rate(m, which, end - ncols + k, end - ncols + k + 1);
        if (v > max)
            max = v;
    }
    for (int k = 0; k < ncols; k++) {
        uint64_t v = g_dash_model_rate(m, which, end - ncols + k, end - ncols + k + 1);
        g_canvas_put(c, x + k, y, g_spark_glyph(v, max), st);
    }
}

void g_panel_refcounts(GCanvas *c, GRect r, GDash *d, bool focused)
{
    GStats *s = &d->model->stats;
    char title[64], pct[16];
    uint64_t all = s->rc_local + s->rc_shared;
    snprintf(title, sizeof title, "refcounts  %s local", g_fmt_percent(pct, sizeof pct, all ? (double)s->rc_local / (double)all : 0));
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 1 || in.w < 16)
        return;
    /* whole slots only: the one holding `now` is still filling */
    int64_t end = (int64_t)(d->now / G_DASH_RATE_NS);
    int spark = in.w - 7 - 8;
    for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]) && i < in.h; i++) {
        char rate[16];
        uint64_t per_s = g_dash_model_rate(d->model, rows[i].rate, end - 10, end);   /* the last second */
        g_canvas_text(c, in.x, in.y + i, 6, G_STYLE_DIM, rows[i].label);
        sparkline(c, in.x + 7, in.y + i, spark, d->model, rows[i].rate, end,
                    rows[i].rate == G_RATE_RC_SHARED ? G_STYLE_LOCK_WAIT : G_STYLE_RUNNING);
        g_canvas_printf(c, in.x + 7 + spark, in.y + i, 8, G_STYLE_NORMAL, "%6s/s", g_fmt_count(rate, sizeof rate, per_s));
    }
}
