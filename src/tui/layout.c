/* layout.c -- where the panels go (panels.h draws the picture), and the helpers
 * the panels share: thread names, which threads get a row, source files.
 *
 * Heights at the minimum 80x24 -- header 1, timeline 9, the locks/refcounts/GC row
 * 7, source and output 6, footer 1.  A taller terminal gives the timeline room for
 * every thread (up to 45% of the screen) and the rest to source and output.
 */
#include "tui/panels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int g_zoom_ms[G_ZOOM_LEVELS] = { 1, 2, 5, 10, 20, 50, 100, 200 };

/* The panels that take the focus, in Tab order (GPanelId). */
/* Each panel's own keys, for the help (its key operation acts on them). */
static const GKeyBinding timeline_help[] = {
    { 0, G_ACT_NONE, "arrows", "up/down the rows, left/right in time", NULL }, { 0 } };
static const GKeyBinding scroll_help[] = {
    { 0, G_ACT_NONE, "up/down", "scroll (the source panel too)", NULL }, { 0 } };
static const GKeyBinding output_help[] = {
    { 0, G_ACT_NONE, "arrows", "up/down lines, left/right sideways", NULL },
    { 0, G_ACT_NONE, "w", "wrap long lines (\xe2\x86\xaa) or cut them", NULL }, { 0 } };
const GPanelClass g_panel_classes[G_PANEL_COUNT] = {
    [G_PANEL_TIMELINE] = { "threads", g_panel_timeline, g_panel_timeline_key, timeline_help },
    [G_PANEL_LOCKS] = { "locks", g_panel_locks, g_panel_scroll_key, scroll_help },
    [G_PANEL_REFCOUNTS] = { "refcounts", g_panel_refcounts, NULL, NULL },
    [G_PANEL_GC] = { "GC", g_panel_gc, NULL, NULL },
    [G_PANEL_SOURCE] = { "source", g_panel_source, g_panel_scroll_key, NULL },
    [G_PANEL_OUTPUT] = { "output", g_panel_output, g_panel_output_key, output_help },
};

static void too_small(GCanvas *c)
{
    char msg[128];
    snprintf(msg, sizeof msg, "terminal too small: %dx%d", c->w, c->h);
    int y = c->h / 2 - 1;
    g_canvas_text(c, 0, y < 0 ? 0 : y, c->w, G_STYLE_ERROR, msg);
    snprintf(msg, sizeof msg, "the dashboard needs %dx%d; enlarge it, or q to quit", G_DASH_MIN_W, G_DASH_MIN_H);
    g_canvas_text(c, 0, y + 1, c->w, G_STYLE_NORMAL, msg);
}

void g_dash_draw(GCanvas *c, GDash *d)
{
    g_canvas_clear(c);
    if (c->w < G_DASH_MIN_W || c->h < G_DASH_MIN_H) {
        too_small(c);
        return;
    }
    int w = c->w, h = c->h;
    const GDashThread *rows[256];
    uint64_t span = (uint64_t)g_zoom_ms[d->view.zoom] * G_DASH_SLOT_NS * (uint64_t)w;
    int nthreads = g_dash_visible_threads(d, d->now > span ? d->now - span : 0, rows, 256);
    int body = h - 2;
    int tl = nthreads + 3;                /* borders and the legend */
    if (tl < 9)
        tl = 9;
    if (tl > body * 45 / 100 && body * 45 / 100 >= 9)
        tl = body * 45 / 100;
    int mid = 7;
    int bottom = body - tl - mid;
    if (bottom < 6) {
        tl -= 6 - bottom;
        bottom = 6;
    }
    int y = 0;
    GRect *at = d->view.rect;
    g_panel_header(c, (GRect){ 0, y++, w, 1 }, d);
    at[G_PANEL_TIMELINE] = (GRect){ 0, y, w, tl };
    y += tl;
    /* the locks get the room their names need; GC the odd column (its figures
     * are wider than a sparkline needs to be) */
    int lw = w * 45 / 100, rw = (w - lw - 1) / 2, gw = w - lw - rw;
    at[G_PANEL_LOCKS] = (GRect){ 0, y, lw, mid };
    at[G_PANEL_REFCOUNTS] = (GRect){ lw, y, rw, mid };
    at[G_PANEL_GC] = (GRect){ lw + rw, y, gw, mid };
    y += mid;
    int sw = w * 2 / 5;   /* the output gets the wider half: its lines are the lesson's results */
    at[G_PANEL_SOURCE] = (GRect){ 0, y, sw, bottom };
    at[G_PANEL_OUTPUT] = (GRect){ sw, y, w - sw, bottom };
    for (int p = 0; p < G_PANEL_COUNT; p++)
        g_panel_classes[p].draw(c, at[p], d, d->view.focus == (GPanelId)p);
    g_panel_footer(c, (GRect){ 0, h - 1, w, 1 }, d);
    if (d->view.help)
        g_panel_help(c, d);
}

/* ---- shared helpers ---- */

char *g_dash_thread_name(GDash *d, const GDashThread *th, char *buf, size_t n)
{
    const char *s = th->name ? d->str(th->name, d->str_ctx) : NULL;
    if (s && *s)
        snprintf(buf, n, "%s", s);
    else if (th->no == 1)
        snprintf(buf, n, "MainThread");
    else
        snprintf(buf, n, "thread %u", (unsigned)th->no);
    return buf;
}

int g_dash_visible_threads(GDash *d, uint64_t t0, const GDashThread **out, int max)
{
    int n = 0;
    GDashModel *m = d->model;
    for (size_t i = 1; i < m->nthreads && n < max; i++) {
        const GDashThread *th = &m->threads[i];
        if (!th->seen || !th->slots || th->start_t > d->now || (th->exited && th->exit_t < t0))
            continue;
        out[n++] = th;
    }
    return n;
}

bool g_read_source_lines(const char *path, char ***lines, int *nlines)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return false;
    char line[4096];
    int cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (*nlines == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(*lines, (size_t)cap * sizeof *p);
            if (!p)
                break;
            *lines = p;
        }
        if (!((*lines)[*nlines] = strdup(line)))
            break;
        (*nlines)++;
    }
    fclose(f);
    return true;
}

static void load_source(GSourceFile *sf, const char *path)
{
    if (!g_read_source_lines(path, &sf->lines, &sf->nlines))
        sf->failed = true;
}

const GSourceFile *g_dash_source(GDash *d, uint32_t file)
{
    if (!file)
        return NULL;
    for (int i = 0; i < d->nsources; i++)
        if (d->sources[i].file == file)
            return d->sources[i].failed ? NULL : &d->sources[i];
    GSourceFile *p = realloc(d->sources, (size_t)(d->nsources + 1) * sizeof *p);
    if (!p)
        return NULL;
    d->sources = p;
    GSourceFile *sf = &p[d->nsources++];
    memset(sf, 0, sizeof *sf);
    sf->file = file;
    const char *path = d->str(file, d->str_ctx);
    if (path && path[0] == '<')
        sf->failed = true;   /* "<string>", "<stdin>", gilt's own modules */
    else
        load_source(sf, path);
    return sf->failed ? NULL : sf;
}

void g_dash_free_sources(GDash *d)
{
    for (int i = 0; i < d->nsources; i++) {
        for (int j = 0; j < d->sources[i].nlines; j++)
            free(d->sources[i].lines[j]);
        free(d->sources[i].lines);
    }
    free(d->sources);
    d->sources = NULL;
    d->nsources = 0;
}
