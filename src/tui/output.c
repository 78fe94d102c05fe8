/* output.c -- the script's stdout and stderr (stderr in the error colour), the
 * newest at the bottom.  Up and down scroll back through what was printed.
 *
 * A line wider than the panel wraps: it goes on in the next row, which starts
 * with a continuation mark (↪), so the end of a long result line -- the figure the
 * lesson is about -- is on screen however narrow the panel.  w switches wrapping
 * off; then long lines are cut ('~') and left and right scroll them sideways.
 * Scrolling counts screen rows, so a wrapped line scrolls row by row.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tui/panels.h"
#include "tui/screen.h"

#define CONT_MARK 0x21AAu   /* ↪ */

/* Columns of a (cleaned) line: one per code point (outbuf.h has no wide ones
 * that matter here; the canvas cuts whatever does not fit). */
static int text_cols(const char *s)
{
    int n = 0;
    while (*s) {
        g_utf8_next(&s);
        n++;
    }
    return n;
}

static const char *skip_cols(const char *s, int k)
{
    while (*s && k-- > 0)
        g_utf8_next(&s);
    return s;
}

/* Rows a line takes at width w: the first holds w columns, the others w - 1
 * after their mark. */
static int rows_of(const char *s, int w, bool wrap)
{
    int n = text_cols(s);
    if (!wrap || n <= w || w < 2)
        return 1;
    return 1 + (n - w + (w - 2)) / (w - 1);
}

typedef struct { uint64_t line; int seg; } Row;

void g_panel_output(GCanvas *c, GRect r, GDash *d, bool focused)
{
    char title[64];
    int back = d->view.scroll[G_PANEL_OUTPUT];
    bool wrap = !d->view.nowrap;
    int len = snprintf(title, sizeof title, "output");
    if (back > 0)
        len += snprintf(title + len, sizeof title - (size_t)len, " (%d rows up)", back);
    if (!wrap)
        snprintf(title + len, sizeof title - (size_t)len, " (cut%s, w wraps)", d->view.hscroll ? ", scrolled" : "");
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 1 || in.w < 4)
        return;
    if (!d->out) {
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_DIM, d->out_note ? d->out_note : "");
        return;
    }
    if (back < 0)
        back = 0;
    /* the rows to show, collected from the newest line backwards */
    int want = in.h + back;
    Row *rows = malloc((size_t)want * sizeof *rows);
    if (!rows)
        return;
    int got = 0;
    for (int64_t i = (int64_t)g_outbuf_count(d->out) - 1; i >= 0 && got < want; i--) {
        const GOutLine *l = g_outbuf_line(d->out, (uint64_t)i);
        for (int seg = rows_of(l->text, in.w, wrap) - 1; seg >= 0 && got < want; seg--)
            rows[got++] = (Row){ (uint64_t)i, seg };
    }
    if (back > got - in.h)
        back = got - in.h > 0 ? got - in.h : 0;
    d->view.scroll[G_PANEL_OUTPUT] = back;
    /* rows[back] is the bottom row; draw upwards */
    int shown = got - back < in.h ? got - back : in.h;
    for (int k = 0; k < shown; k++) {
        Row *rw = &rows[back + k];
        int y = in.y + shown - 1 - k;
        const GOutLine *l = g_outbuf_line(d->out, rw->line);
        GStyle st = l->is_err ? G_STYLE_ERROR : G_STYLE_NORMAL;
        if (!wrap) {
            g_canvas_text(c, in.x, y, in.w, st, skip_cols(l->text, d->view.hscroll));
        } else if (rw->seg == 0) {
            g_canvas_text(c, in.x, y, in.w, st, l->text);
        } else {
            g_canvas_put(c, in.x, y, CONT_MARK, G_STYLE_DIM);
            g_canvas_text(c, in.x + 1, y, in.w - 1, st, skip_cols(l->text, in.w + (rw->seg - 1) * (in.w - 1)));
        }
    }
    free(rows);
}

/* The output's keys: the common scrolling, w to wrap or cut, and -- when cut --
 * left and right to scroll sideways, a quarter of the panel at a time. */
int g_panel_output_key(GDash *d, int key)
{
    GDashView *v = &d->view;
    int step = v->rect[G_PANEL_OUTPUT].w / 4;
    switch (key) {
    case 'w': case 'W':
        v->nowrap = !v->nowrap;
        v->hscroll = 0;
        v->scroll[G_PANEL_OUTPUT] = 0;
        break;
    case G_KEY_LEFT: case G_KEY_RIGHT:
        if (!v->nowrap) {   /* wrapped: nothing is off to the side; cut the lines to scroll them */
            v->nowrap = true;
            v->hscroll = 0;
        }
        v->hscroll += key == G_KEY_RIGHT ? (step > 0 ? step : 1) : -(step > 0 ? step : 1);
        if (v->hscroll < 0)
            v->hscroll = 0;
        if (v->hscroll > 4000)
            v->hscroll = 4000;
        break;
    default: return g_panel_scroll_key(d, key);
    }
    return G_EFFECT_HANDLED | G_EFFECT_REDRAW;
}
