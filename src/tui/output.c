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
#include <string.h>

#include "debug.h"
#include "tui/panels.h"
#include "tui/screen.h"

#define CONT_MARK G_CH_CONT   /* ↪ */
#define MAX_SEGS 64          /* rows one line may take; a longer line is cut */

static const char *skip_cols(const char *s, int k)
{
    while (*s && k-- > 0)
        g_utf8_next(&s);
    return s;
}

/* Where the next row of a wrapped line ends: `room` columns on, or after the
 * last space within them when that keeps at least half the row (so words stay
 * whole).  Returns the end; *next is where the following row starts. */
static const char *row_end(const char *s, int room, const char **next)
{
    const char *p = s, *space = NULL;
    int cols = 0;
    while (*p && cols < room) {
        if (*p == ' ' && cols >= room / 2)
            space = p;
        g_utf8_next(&p);
        cols++;
    }
    if (!*p) {
        *next = p;
        return p;
    }
    if (space) {   /* break after the space: the next row starts at a word */
        *next = space + 1;
        return space;
    }
    *next = p;
    return p;
}

/* Rows a line takes at width w: the first holds w columns, the others w - 1
 * after their mark.  starts (if not NULL) gets where each row begins, ends
 * where it stops. */
static int wrap_rows(const char *s, int w, bool wrap, const char **starts, const char **ends, int max)
{
    if (!wrap || w < 4) {
        if (starts && max > 0) {
            starts[0] = s;
            ends[0] = s + strlen(s);
        }
        return 1;
    }
    int n = 0;
    const char *p = s;
    do {
        const char *next, *end = row_end(p, n == 0 ? w : w - 1, &next);
        if (starts && n < max) {
            starts[n] = p;
            ends[n] = end;
        }
        n++;
        p = next;
    } while (*p && n < MAX_SEGS);   /* a line of more rows is cut there */
    return n;
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
        for (int seg = wrap_rows(l->text, in.w, wrap, NULL, NULL, 0) - 1; seg >= 0 && got < want; seg--)
            rows[got++] = (Row){ (uint64_t)i, seg };
    }
    if (back > got - in.h)
        back = got - in.h > 0 ? got - in.h : 0;
    d->view.scroll[G_PANEL_OUTPUT] = back;
    /* rows[back] is the bottom row; draw upwards */
    int shown = got - back < in.h ? got - back : in.h;
    G_ASSERT(back >= 0 && back + shown <= got);
    for (int k = 0; k < shown; k++) {
        Row *rw = &rows[back + k];
        int y = in.y + shown - 1 - k;
        const GOutLine *l = g_outbuf_line(d->out, rw->line);
        GStyle st = l->is_err ? G_STYLE_ERROR : G_STYLE_NORMAL;
        if (!wrap) {
            g_canvas_text(c, in.x, y, in.w, st, skip_cols(l->text, d->view.hscroll));
            continue;
        }
        const char *starts[MAX_SEGS], *ends[MAX_SEGS];
        int nseg = wrap_rows(l->text, in.w, true, starts, ends, MAX_SEGS);
        if (rw->seg >= nseg || rw->seg >= MAX_SEGS)
            continue;
        /* exactly the row's part of the line: it fits, so it is never cut with '~' */
        char part[1024];
        size_t len = (size_t)(ends[rw->seg] - starts[rw->seg]);
        if (len >= sizeof part)
            len = sizeof part - 1;
        memcpy(part, starts[rw->seg], len);
        part[len] = 0;
        int x = in.x;
        if (rw->seg > 0)
            g_canvas_put(c, x++, y, CONT_MARK, G_STYLE_DIM);
        g_canvas_text(c, x, y, in.x + in.w - x, st, part);
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
