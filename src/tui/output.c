/* output.c -- the script's stdout and stderr (stderr in the error colour), the
 * newest at the bottom.  Up and down scroll back through what was printed. */
#include <stdio.h>

#include "tui/panels.h"

void g_panel_output(GCanvas *c, GRect r, GDash *d, bool focused)
{
    char title[64];
    int back = d->view.scroll[G_PANEL_OUTPUT];
    if (back > 0)
        snprintf(title, sizeof title, "output (%d lines up)", back);
    else
        snprintf(title, sizeof title, "output");
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 1 || in.w < 4)
        return;
    if (!d->out) {
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_DIM, d->out_note ? d->out_note : "");
        return;
    }
    int64_t n = (int64_t)g_outbuf_count(d->out);
    if (back > n - in.h)
        back = (int)(n - in.h);
    if (back < 0)
        back = 0;
    d->view.scroll[G_PANEL_OUTPUT] = back;
    int64_t first = n - in.h - back;
    if (first < 0)
        first = 0;
    for (int i = 0; i < in.h && first + i < n; i++) {
        const GOutLine *l = g_outbuf_line(d->out, (uint64_t)(first + i));
        g_canvas_text(c, in.x, in.y + i, in.w, l->is_err ? G_STYLE_ERROR : G_STYLE_NORMAL, l->text);
    }
}
