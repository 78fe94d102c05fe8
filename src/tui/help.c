/* help.c -- the help box that ? and F1 open over the panels.  Its key lines are
 * generated from the bindings (view.c) and the panels' own keys (layout.c's
 * g_panel_classes[]), so the help cannot drift from what the keys do; the
 * timeline's legend follows. */
#include <stdio.h>
#include <string.h>

#include "tui/panels.h"

static const char *const legend_lines[] = {
    "Timeline:  \xe2\x96\x88 running   \xe2\x96\x84 running part of the time,",
    "           on the colour of what it did the rest:",
    "           \xe2\x96\x91 waiting for the GIL   \xe2\x96\x92 waiting for a lock",
    "           \xc2\xb7 blocked (sleep, join, I/O)   ! stopped (GC, switch)",
    "           \xe2\x96\x93 collecting: this thread runs the GC",
    "No colour: a cell that ran under half its time shows the",
    "           glyph of what it did the rest (\xe2\x96\x84 ran over half)",
    "With the GIL on, the running parts of one column add up",
    "to one core at most; with it off, every thread can run.",
};

#define MAX_LINES 48

void g_panel_help(GCanvas *c, GDash *d)
{
    char lines[MAX_LINES][80];
    int n = 0;
    const GKeyBinding *b[64];
    int nb = g_dash_bindings(d->mode, b, 64);
    for (int i = 0; i < nb && n < MAX_LINES; i++)
        if (b[i]->keys)
            snprintf(lines[n++], sizeof lines[0], "%-10s %s", b[i]->keys, b[i]->help);
    for (int p = 0; p < G_PANEL_COUNT; p++)
        for (const GKeyBinding *h = g_panel_classes[p].help; h && h->keys && n < MAX_LINES; h++)
            snprintf(lines[n++], sizeof lines[0], "%-10s %s: %s", h->keys, g_panel_classes[p].title, h->help);
    if (n < MAX_LINES)
        lines[n++][0] = 0;
    for (size_t i = 0; i < sizeof legend_lines / sizeof legend_lines[0] && n < MAX_LINES; i++)
        snprintf(lines[n++], sizeof lines[0], "%s", legend_lines[i]);
    GRect in = g_canvas_popup(c, 68, n + 2, "help");
    for (int i = 0; i < n && i < in.h; i++)
        g_canvas_text(c, in.x + 1, in.y + i, in.w - 1, G_STYLE_NORMAL, lines[i]);
}

/* A report line too wide for the box loses the directories of its paths
 * ("  at /home/t/lessons/12_dining.py:89" -> "  at 12_dining.py:89"): the file's name
 * and line are what a class reads, and a cut would drop the line number first. */
static int code_points(const char *s)
{
    int n = 0;
    while (*s && g_utf8_next(&s))
        n++;
    return n;
}

static void drop_dirs(const char *src, char *dst, size_t size)
{
    size_t o = 0;
    for (const char *p = src; *p && o + 1 < size;) {
        if (*p == '/') {
            const char *end = p + strcspn(p, " \t,;()'\"");   /* the path token */
            const char *last = p;
            for (const char *q = p; q < end; q++)
                if (*q == '/')
                    last = q;
            p = last + 1;           /* keep what follows the last slash */
            continue;
        }
        dst[o++] = *p++;
    }
    dst[o] = '\0';
}

/* A box over the panels holding lines [first, end) of the captured output: the
 * deadlock report, shown where it happened (dash.c).  Up and down scroll it
 * (`scroll` rows from its top, clamped here). */
void g_panel_alert(GCanvas *c, const char *title, const GOutBuf *out, uint64_t first, int *scroll)
{
    uint64_t n = g_outbuf_count(out);
    int lines = n > first ? (int)(n - first) : 0;
    GRect in = g_canvas_popup(c, c->w - 4, lines + 2 < c->h - 2 ? lines + 2 : c->h - 2, title);
    if (in.h < 1)
        return;
    if (*scroll > lines - in.h)
        *scroll = lines - in.h;
    if (*scroll < 0)
        *scroll = 0;
    for (int i = 0; i < in.h && *scroll + i < lines; i++) {
        const GOutLine *l = g_outbuf_line(out, first + (uint64_t)(*scroll + i));
        char short_text[512];
        const char *text = l->text;
        if (code_points(text) > in.w - 1) {
            drop_dirs(text, short_text, sizeof short_text);
            text = short_text;
        }
        g_canvas_text(c, in.x + 1, in.y + i, in.w - 1, i == 0 && *scroll == 0 ? G_STYLE_ERROR : G_STYLE_NORMAL,
                      text);
    }
}
