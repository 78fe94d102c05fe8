/* source.c -- the script's lines, with each thread's current line marked by the
 * threads' numbers (the timeline shows the same numbers' names).  Lines come from
 * WHERE events, recorded about every 5 ms and before a thread blocks, so a marker
 * shows where a thread has been spending its time, not every line it passes. */
#include <stdio.h>
#include <string.h>

#include "tui/panels.h"

#define MARK_W 7

/* The file most threads are in, and the line to centre on: a running worker's if
 * there is one (the work is there), else the main thread's. */
static uint32_t pick_file(GDash *d, int *centre)
{
    GDashModel *m = d->model;
    uint32_t best = 0;
    int best_n = 0;
    *centre = 1;
    for (size_t i = 1; i < m->nthreads; i++) {
        GDashThread *th = &m->threads[i];
        if (!th->seen || th->exited || !th->file)
            continue;
        int n = 0;
        for (size_t j = 1; j < m->nthreads; j++)
            n += m->threads[j].seen && !m->threads[j].exited && m->threads[j].file == th->file;
        if (n > best_n && g_dash_source(d, th->file)) {
            best = th->file;
            best_n = n;
        }
    }
    if (!best) {   /* everyone has exited: the main thread's last place */
        for (size_t i = 1; i < m->nthreads && !best; i++)
            if (m->threads[i].seen && m->threads[i].file && g_dash_source(d, m->threads[i].file))
                best = m->threads[i].file, *centre = (int)m->threads[i].line;
        return best;
    }
    bool found = false;
    for (size_t i = 1; i < m->nthreads; i++) {
        GDashThread *th = &m->threads[i];
        if (!th->seen || th->exited || th->file != best)
            continue;
        if (!found || (i > 1 && th->state == G_STATE_RUNNING)) {
            *centre = (int)th->line;
            found = true;
            if (i > 1 && th->state == G_STATE_RUNNING)
                break;
        }
    }
    return best;
}

void g_panel_source(GCanvas *c, GRect r, GDash *d, bool focused)
{
    int centre;
    uint32_t file = pick_file(d, &centre);
    const GSourceFile *sf = g_dash_source(d, file);
    const char *path = file ? d->str(file, d->str_ctx) : NULL;
    const char *base = path ? strrchr(path, '/') : NULL;
    char title[128];
    snprintf(title, sizeof title, "source %s", base ? base + 1 : path ? path : "");
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 1 || in.w < MARK_W + 8)
        return;
    if (!sf) {
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_DIM, "(no source line recorded yet)");
        return;
    }
    int first = centre - in.h / 2 + d->view.scroll[G_PANEL_SOURCE];
    if (first > sf->nlines - in.h + 1)
        first = sf->nlines - in.h + 1;
    if (first < 1)
        first = 1;
    d->view.scroll[G_PANEL_SOURCE] = first - (centre - in.h / 2);
    for (int i = 0; i < in.h && first + i <= sf->nlines; i++) {
        int line = first + i, y = in.y + i;
        char marks[64] = "";
        size_t ml = 0;
        for (size_t t = 1; t < d->model->nthreads; t++) {
            GDashThread *th = &d->model->threads[t];
            if (th->seen && !th->exited && th->file == file && (int)th->line == line && ml + 8 < sizeof marks)
                ml += (size_t)snprintf(marks + ml, sizeof marks - ml, "%s%u", ml ? "," : "", (unsigned)th->no);
        }
        if (ml) {
            g_canvas_text(c, in.x, y, MARK_W - 1, G_STYLE_MARK, marks);
            g_canvas_put(c, in.x + MARK_W - 1, y, G_CH_ARROW, G_STYLE_MARK);
        }
        g_canvas_printf(c, in.x + MARK_W, y, 5, G_STYLE_DIM, "%4d", line);
        g_canvas_text(c, in.x + MARK_W + 5, y, in.w - MARK_W - 5, ml ? G_STYLE_BOLD : G_STYLE_NORMAL,
                      sf->lines[line - 1]);
    }
}
