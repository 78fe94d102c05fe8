/* header.c -- the top line (what runs, in which mode, how busy the recorder is)
 * and the bottom line (the keys, and whether the script still runs). */
#include <stdio.h>
#include <string.h>

#include "tui/format.h"
#include "tui/panels.h"

void g_panel_header(GCanvas *c, GRect r, GDash *d)
{
    GDashModel *m = d->model;
    g_canvas_fill(c, r, ' ', G_STYLE_HEADER);
    char si[32], el[32], rate[32], drop[32];
    int64_t s = (int64_t)(d->now / G_DASH_RATE_NS);
    /* events in the last whole second (the current 100 ms slot is still filling) */
    uint64_t ev = g_dash_model_rate(m, G_RATE_EVENTS, s - 10, s);
    g_fmt_ns(si, sizeof si, d->switch_interval_ns);
    g_fmt_ns(el, sizeof el, d->now / 100000000ull * 100000000ull);
    g_fmt_count(rate, sizeof rate, ev);
    g_fmt_count(drop, sizeof drop, m->stats.dropped);
    int x = r.x;
    x += g_canvas_text(c, x, r.y, 20, G_STYLE_HEADER, "gilt ");
    /* the mode first: it is what the class is watching */
    x += g_canvas_text(c, x, r.y, 9, d->gil_on ? G_STYLE_GIL_ON : G_STYLE_GIL_OFF, d->gil_on ? " GIL ON " : " GIL OFF ");
    char rest[256];
    snprintf(rest, sizeof rest, " switch %s  threads %d  %s  %s ev/s  %s dropped  ", si,
             g_dash_model_live_threads(m), el, rate, drop);
    int title_room = r.w - (x - r.x) - (int)strlen(rest);
    x += g_canvas_text(c, x, r.y, r.w - (x - r.x), G_STYLE_HEADER, rest);
    if (title_room > 4)
        g_canvas_text(c, x, r.y, r.x + r.w - x, G_STYLE_BOLD, d->title ? d->title : "");
}

void g_panel_footer(GCanvas *c, GRect r, GDash *d)
{
    const char *status = d->view.paused ? "PAUSED (space resumes)" : d->status ? d->status : "";
    int sw = (int)strlen(status);
    if (sw > r.w / 2)
        sw = r.w / 2;
    /* the bindings' short forms, in the help's order, as many whole ones as fit */
    const GKeyBinding *b[64];
    int n = g_dash_bindings(d->mode, b, 64), x = r.x, room = r.w - sw - 1;
    for (int i = 0; i < n; i++) {
        int len = b[i]->foot ? (int)strlen(b[i]->foot) : 0;
        if (!len || x - r.x + len > room)
            continue;
        x += g_canvas_text(c, x, r.y, len, G_STYLE_DIM, b[i]->foot) + 1;
    }
    g_canvas_text(c, r.x + r.w - sw, r.y, sw, G_STYLE_BOLD, status);
}
