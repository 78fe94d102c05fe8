/* canvas.c -- the offscreen cell grid (canvas.h). */
#include "tui/canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* str's UTF-8 codec (objects/str.c, declared in objects.h -- whose GCell, a
 * closure cell, would clash with the canvas's): one codec for all of gilt */
#include "objects/utf8.h"

bool g_canvas_init(GCanvas *c, int w, int h)
{
    c->w = w > 0 ? w : 0;
    c->h = h > 0 ? h : 0;
    c->cells = calloc((size_t)c->w * (size_t)c->h + 1, sizeof *c->cells);
    if (!c->cells)
        return false;
    g_canvas_clear(c);
    return true;
}

void g_canvas_free(GCanvas *c)
{
    free(c->cells);
    c->cells = NULL;
    c->w = c->h = 0;
}

void g_canvas_clear(GCanvas *c)
{
    for (int i = 0; i < c->w * c->h; i++)
        c->cells[i] = (GCell){ ' ', G_STYLE_NORMAL };
}

void g_canvas_put(GCanvas *c, int x, int y, uint32_t ch, GStyle style)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return;
    c->cells[y * c->w + x] = (GCell){ ch, (uint8_t)style };
}

void g_canvas_fill(GCanvas *c, GRect r, uint32_t ch, GStyle style)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            g_canvas_put(c, x, y, ch, style);
}

/* ---- UTF-8: the encoder and decoder of str (objects.h), made forgiving ---- */

uint32_t g_utf8_next(const char **sp)
{
    uint32_t cp;
    int k = g_utf8_decode(*sp, strnlen(*sp, 4), &cp);
    if (k <= 0) {   /* a bad or cut-short sequence: one '?' per bad byte */
        *sp += 1;
        return '?';
    }
    *sp += k;
    return cp;
}

/* A character one column wide and harmless to send to a terminal, else '?':
 * control characters would move the cursor, wide ones would shift the row. */
static uint32_t printable(uint32_t ch)
{
    if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
        return '?';
    if (ch >= 0x80 && wcwidth((wchar_t)ch) != 1)
        return '?';
    return ch;
}

int g_canvas_text(GCanvas *c, int x, int y, int maxw, GStyle style, const char *s)
{
    if (maxw <= 0)
        return 0;
    /* count the columns first, to know whether to cut */
    int total = 0;
    for (const char *p = s; *p; total++)
        (void)g_utf8_next(&p);
    int room = total > maxw ? maxw - 1 : total;
    int col = 0;
    for (const char *p = s; *p && col < room; col++)
        g_canvas_put(c, x + col, y, printable(g_utf8_next(&p)), style);
    if (total > maxw)
        g_canvas_put(c, x + col++, y, '~', style);
    return col;
}

int g_canvas_printf(GCanvas *c, int x, int y, int maxw, GStyle style, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return g_canvas_text(c, x, y, maxw, style, buf);
}

GRect g_canvas_box(GCanvas *c, GRect r, const char *title, bool focused)
{
    if (r.w < 2 || r.h < 2)
        return (GRect){ r.x, r.y, 0, 0 };
    for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
        g_canvas_put(c, x, r.y, G_CH_HLINE, G_STYLE_DIM);
        g_canvas_put(c, x, r.y + r.h - 1, G_CH_HLINE, G_STYLE_DIM);
    }
    for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
        g_canvas_put(c, r.x, y, G_CH_VLINE, G_STYLE_DIM);
        g_canvas_put(c, r.x + r.w - 1, y, G_CH_VLINE, G_STYLE_DIM);
    }
    g_canvas_put(c, r.x, r.y, G_CH_TL, G_STYLE_DIM);
    g_canvas_put(c, r.x + r.w - 1, r.y, G_CH_TR, G_STYLE_DIM);
    g_canvas_put(c, r.x, r.y + r.h - 1, G_CH_BL, G_STYLE_DIM);
    g_canvas_put(c, r.x + r.w - 1, r.y + r.h - 1, G_CH_BR, G_STYLE_DIM);
    if (title && *title) {
        char t[256];
        snprintf(t, sizeof t, focused ? "[%s]" : " %s ", title);
        g_canvas_text(c, r.x + 1, r.y, r.w - 2, focused ? G_STYLE_FOCUS : G_STYLE_TITLE, t);
    }
    return (GRect){ r.x + 1, r.y + 1, r.w - 2, r.h - 2 };
}

void g_canvas_row_text(const GCanvas *c, int y, char *buf, int buflen)
{
    int n = 0, last = 0;
    for (int x = 0; x < c->w && n + 5 < buflen; x++) {
        uint32_t ch = c->cells[y * c->w + x].ch;
        n += g_utf8_encode(ch, buf + n);
        if (ch != ' ')
            last = n;
    }
    buf[last] = 0;
}

char *g_canvas_to_text(const GCanvas *c)
{
    size_t cap = (size_t)c->h * ((size_t)c->w * 4 + 1) + 1;
    char *out = malloc(cap), *p = out;
    if (!out)
        return NULL;
    for (int y = 0; y < c->h; y++) {
        for (int x = 0; x < c->w; x++)
            p += g_utf8_encode(c->cells[y * c->w + x].ch, p);
        *p++ = '\n';
    }
    *p = 0;
    return out;
}

GRect g_canvas_popup(GCanvas *c, int w, int h, const char *title)
{
    if (w > c->w)
        w = c->w;
    if (h > c->h)
        h = c->h;
    GRect r = { (c->w - w) / 2, (c->h - h) / 2, w, h };
    g_canvas_fill(c, r, ' ', G_STYLE_NORMAL);
    return g_canvas_box(c, r, title, true);
}
