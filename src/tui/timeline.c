/* timeline.c -- the centrepiece: one row per thread, one column per slice of time
 * (g_zoom_ms ms), the newest on the right.
 *
 * A cell sums what the thread did during its column (model.h) and shows:
 *
 *     █            it ran (almost) all the time
 *     ▁ .. ▇       it ran part of the time: the bar's height is the running share,
 *                  drawn on the colour of what filled the rest of the column
 *     ░ ▒ · !      it did not run: waited for the GIL, waited for a lock, was
 *                  blocked (sleep, join, I/O), was stopped (GC, GIL switch)
 *     ▓            it ran the cycle collector (most of its running was that)
 *
 * Without colours the bar's background says nothing, so a cell that ran less
 * than half its column shows the glyph of what it did the rest instead (░ ▒ · !):
 * with the GIL on and four threads, their cells read "waiting for the GIL", as
 * they mostly were.  A bar means "ran more than half" there.
 *
 * So with the GIL on, the running bars of one column add up to one core at most;
 * at 1 ms per column exactly one row is "running" at a time.  With it off, every
 * busy thread is a solid bar.
 */
#include <stdio.h>
#include <string.h>

#include "debug.h"
#include "tui/format.h"
#include "tui/panels.h"
#include "tui/screen.h"


/* By slot (model.h): a partial bar's style on the rest's colour, and the glyph
 * and style of a cell that did not run. */
static const GStyle run_on[G_DASH_STATES] = {
    G_STYLE_RUNNING, G_STYLE_RUN_ON_GIL, G_STYLE_RUN_ON_LOCK, G_STYLE_RUN_ON_BLOCKED, G_STYLE_RUN_ON_STOPPED,
    G_STYLE_COLLECTING,
};
static const uint32_t idle_glyph[G_DASH_STATES] = { 0x2588u, 0x2591u, 0x2592u, 0x00B7u, '!', G_CH_DARK };
static const GStyle idle_style[G_DASH_STATES] = {
    G_STYLE_RUNNING, G_STYLE_GIL_WAIT, G_STYLE_LOCK_WAIT, G_STYLE_BLOCKED, G_STYLE_STOPPED, G_STYLE_COLLECTING,
};

/* A thread's name cut to width, in place, where it reads well (ASCII names;
 * others are left to the canvas's ordinary cut at the end):
 *
 *     "Thread-13 (hammer)"        -> "Thread-13 (ham~)"   the number whole, the
 *                                                         target cut, bracket kept
 *     "ThreadPoolExecutor-5_32"   -> "ThreadPool-5_32"    whole words dropped
 *                                                         before the number part
 *
 * A cut never lands inside the distinguishing number, and no '~' sits next to
 * a '-' (that read like a negative number). */
static bool number_part(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

char *g_name_cut(char *name, int width)
{
    int n = (int)strlen(name);
    for (int i = 0; i < n; i++)
        if ((unsigned char)name[i] >= 0x80)
            return name;
    if (n <= width || width < 8)
        return name;
    char *paren = strstr(name, " (");
    if (paren && name[n - 1] == ')') {
        int base = (int)(paren - name);
        if (base + 5 <= width) {   /* "BASE (" + at least one letter + "~)" */
            memcpy(name + width - 2, "~)", 3);
            return name;
        }
        *paren = 0;   /* the target does not fit: the base alone */
        n = base;
        if (n <= width)
            return name;
    }
    char *dash = strrchr(name, '-');
    int tail = dash ? (int)strlen(dash) : 0;
    if (dash && number_part(dash + 1) && tail + 4 <= width) {
        /* drop whole words (CamelCase or spaced) from the head's end until it fits */
        int room = width - tail, cut = 0;
        for (int k = room; k > 0 && !cut; k--)
            if ((name[k] >= 'A' && name[k] <= 'Z' && name[k - 1] >= 'a' && name[k - 1] <= 'z') || name[k] == ' ')
                cut = k;
        if (cut >= 3) {
            memmove(name + cut, dash, (size_t)tail + 1);
            G_ASSERT((int)strlen(name) <= width);
            return name;
        }
        /* no word to drop: cut the head, the '~' standing in for the '-' */
        memmove(name + room + 1, dash + 1, (size_t)tail);
        name[room] = '~';
        G_ASSERT((int)strlen(name) == width);
        return name;
    }
    name[width - 1] = '~';
    name[width] = 0;
    return name;
}

/* A row's label: the thread's number -- the one the source panel marks lines
 * with -- then its name. */
void g_timeline_label(GCanvas *c, int x, int y, GDash *d, const GDashThread *th)
{
    char name[64];
    GStyle st = th->exited ? G_STYLE_DIM : G_STYLE_NORMAL;
    g_canvas_printf(c, x, y, 4, th->exited ? G_STYLE_DIM : G_STYLE_MARK, "%3u", (unsigned)th->no);
    g_canvas_text(c, x + 4, y, G_TIMELINE_LABEL_W - 5, st,
                  g_name_cut(g_dash_thread_name(d, th, name, sizeof name), G_TIMELINE_LABEL_W - 5));
}

/* One cell from the microseconds in each state (exported for the compare view). */
void g_timeline_cell(const uint32_t us[G_DASH_STATES], bool mono, uint32_t *ch, GStyle *style)
{
    uint64_t total = 0;
    for (int s = 0; s < G_DASH_STATES; s++)
        total += us[s];
    if (total == 0) {
        *ch = ' ';
        *style = G_STYLE_NORMAL;
        return;
    }
    uint64_t collecting = us[G_DASH_COLLECTING], ran = us[G_STATE_RUNNING] + collecting;
    if (collecting > 0 && collecting >= us[G_STATE_RUNNING]) {   /* its running was mostly the GC */
        *ch = G_CH_DARK;
        *style = G_STYLE_COLLECTING;
        return;
    }
    int other = G_STATE_GIL_WAIT;
    for (int s = G_STATE_GIL_WAIT; s < G_DASH_COLLECTING; s++)
        if (us[s] > us[other])
            other = s;
    uint64_t eighths = (ran * 8 + total / 2) / total;
    if (ran * 16 >= total * 15) {
        *ch = G_CH_BLOCK(8);
        *style = G_STYLE_RUNNING;
    } else if (ran > 0 && !(mono && ran * 2 < total)) {
        *ch = G_CH_BLOCK(eighths < 1 ? 1 : eighths > 7 ? 7 : eighths);
        *style = run_on[other];
    } else {
        *ch = idle_glyph[other];
        *style = idle_style[other];
    }
}

/* One row of cells for thread th, columns ending at `end` (ns), `col_ns` wide. */
void g_timeline_row(GCanvas *c, int x, int y, int ncols, const GDashModel *m, const GDashThread *th,
                    uint64_t end, uint64_t col_ns, uint64_t now, bool mono)
{
    for (int k = 0; k < ncols; k++) {
        uint64_t t1 = end - (uint64_t)(ncols - 1 - k) * col_ns;
        if (t1 < col_ns)
            continue;   /* before the program started */
        uint32_t us[G_DASH_STATES];
        if (!g_dash_model_cell(m, th, t1 - col_ns, t1, now, us))
            continue;
        uint32_t ch;
        GStyle st;
        g_timeline_cell(us, mono, &ch, &st);
        g_canvas_put(c, x + k, y, ch, st);
    }
}

void g_panel_timeline(GCanvas *c, GRect r, GDash *d, bool focused)
{
    uint64_t col_ns = (uint64_t)g_zoom_ms[d->view.zoom] * G_DASH_SLOT_NS;
    char title[96], ago[32];
    if (d->view.back_cols > 0)
        snprintf(title, sizeof title, "threads  %d ms per column  (%s ago)", g_zoom_ms[d->view.zoom],
                 g_fmt_ns(ago, sizeof ago, (uint64_t)d->view.back_cols * col_ns));
    else
        snprintf(title, sizeof title, "threads  %d ms per column", g_zoom_ms[d->view.zoom]);
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 2 || in.w < G_TIMELINE_LABEL_W + 10)
        return;
    int ncols = in.w - G_TIMELINE_LABEL_W;
    /* the right edge: the column holding `now`, minus how far the user scrolled back */
    uint64_t now = d->now;
    uint64_t end = (now / col_ns + 1) * col_ns;
    uint64_t back = (uint64_t)d->view.back_cols * col_ns;
    end = end > back + col_ns ? end - back : col_ns;
    uint64_t t0 = end > (uint64_t)ncols * col_ns ? end - (uint64_t)ncols * col_ns : 0;
    const GDashThread *rows[256];
    int n = g_dash_visible_threads(d, t0, rows, 256);
    int room = in.h - 1;   /* the last row is the legend */
    int first = d->view.scroll[G_PANEL_TIMELINE];
    if (first > n - room)
        first = n - room;
    if (first < 0)
        first = 0;
    d->view.scroll[G_PANEL_TIMELINE] = first;
    for (int i = 0; i < room && first + i < n; i++) {
        const GDashThread *th = rows[first + i];
        g_timeline_label(c, in.x, in.y + i, d, th);
        g_timeline_row(c, in.x + G_TIMELINE_LABEL_W, in.y + i, ncols, d->model, th, end, col_ns, now, d->mono);
    }
    if (n == 0)
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_DIM, "(no thread has reported yet)");
    int ly = in.y + in.h - 1, x = in.x;
    static const struct { uint32_t ch; GStyle st; const char *label; } legend[] = {
        { 0x2588u, G_STYLE_RUNNING, " running " },
        { 0x2584u, G_STYLE_RUN_ON_GIL, " part " },   /* monochrome: " ran >half " (see the top) */
        { 0x2591u, G_STYLE_GIL_WAIT, " GIL wait " },
        { 0x2592u, G_STYLE_LOCK_WAIT, " lock wait " },
        { 0x00B7u, G_STYLE_BLOCKED, " blocked " },
        { '!', G_STYLE_STOPPED, " stopped " },
        { G_CH_DARK, G_STYLE_COLLECTING, " collecting" },
    };
    for (size_t i = 0; i < sizeof legend / sizeof legend[0] && x < in.x + in.w; i++) {
        g_canvas_put(c, x++, ly, legend[i].ch, legend[i].st);
        const char *label = d->mono && i == 1 ? " ran >half " : legend[i].label;
        x += g_canvas_text(c, x, ly, in.x + in.w - x, G_STYLE_DIM, label);
    }
    if (n > room) {
        char more[48];
        snprintf(more, sizeof more, " %d-%d of %d ", first + 1, first + room, n);
        g_canvas_text(c, r.x + r.w - 1 - (int)strlen(more), r.y + r.h - 1, (int)strlen(more), G_STYLE_TITLE, more);
    }
}

/* The timeline's keys: up and down move through the rows, left and right through
 * time (an eighth of the panel's width at a time). */
int g_panel_timeline_key(GDash *d, int key)
{
    GDashView *v = &d->view;
    int step = v->rect[G_PANEL_TIMELINE].w / 8;
    if (step < 1)
        step = 1;
    switch (key) {
    case G_KEY_LEFT: v->back_cols += step; break;
    case G_KEY_RIGHT:
        v->back_cols -= step;
        if (v->back_cols < 0)
            v->back_cols = 0;
        break;
    default: return g_panel_scroll_key(d, key);
    }
    return G_EFFECT_HANDLED | G_EFFECT_REDRAW;
}
