/* canvas.h -- an offscreen grid of character cells that the panels draw into.
 *
 * Panels never call ncurses.  They draw into a GCanvas: a width x height array of
 * cells, each one Unicode code point and one style.  screen.c copies a finished
 * canvas to the terminal (mapping styles to colours, or to bold/reverse on a
 * monochrome terminal, and box and block characters to ASCII when the terminal
 * cannot show them); the unit tests read the same canvas back as text.  So what
 * the tests check is exactly what the terminal gets.
 *
 *     cell = { uint32_t ch;  uint8_t style; }        style: GStyle below
 *
 * Every drawing call clips to the canvas, and text is cut to the room it is given:
 * a string that does not fit ends in '~', so the reader sees that it was cut.
 */
#ifndef GILT_CANVAS_H
#define GILT_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

/* What a cell means; screen.c chooses how it looks. */
typedef enum {
    G_STYLE_NORMAL,
    G_STYLE_DIM,          /* secondary text, borders */
    G_STYLE_BOLD,         /* figures that matter */
    G_STYLE_TITLE,        /* a panel's title */
    G_STYLE_FOCUS,        /* the title of the focused panel */
    G_STYLE_HEADER,       /* the top line */
    G_STYLE_GIL_ON,       /* "GIL ON" in the header */
    G_STYLE_GIL_OFF,      /* "GIL OFF" */
    G_STYLE_ERROR,        /* stderr lines, warnings */
    G_STYLE_MARK,         /* a thread's current line in the source panel */
    /* the timeline: one style per thread state (events.h, GThreadRunState order) */
    G_STYLE_RUNNING,
    G_STYLE_GIL_WAIT,
    G_STYLE_LOCK_WAIT,
    G_STYLE_BLOCKED,
    G_STYLE_STOPPED,
    /* a partly-running cell: green bar on the colour of what filled the rest */
    G_STYLE_RUN_ON_GIL,
    G_STYLE_RUN_ON_LOCK,
    G_STYLE_RUN_ON_BLOCKED,
    G_STYLE_RUN_ON_STOPPED,
    G_STYLE_COLLECTING,   /* the thread running the cycle collector */
    G_STYLE_COUNT
} GStyle;

typedef struct GCell {
    uint32_t ch;
    uint8_t style;
} GCell;

typedef struct GCanvas {
    int w, h;
    GCell *cells;
} GCanvas;

typedef struct GRect {
    int x, y, w, h;
} GRect;

/* Characters the panels use (screen.c has ASCII stand-ins for each). */
#define G_CH_HLINE 0x2500u   /* ─ */
#define G_CH_VLINE 0x2502u   /* │ */
#define G_CH_TL    0x250Cu   /* ┌ */
#define G_CH_TR    0x2510u   /* ┐ */
#define G_CH_BL    0x2514u   /* └ */
#define G_CH_BR    0x2518u   /* ┘ */
#define G_CH_BLOCK(n) (0x2580u + (uint32_t)(n))   /* n = 1..8: ▁ .. █ (lower eighths) */
#define G_CH_SHADE 0x2591u   /* ░ */
#define G_CH_MIDDOT 0x00B7u  /* · */
#define G_CH_ARROW 0x25B6u   /* ▶ */
#define G_CH_DARK  0x2593u   /* ▓ collecting */
#define G_CH_CONT  0x21AAu   /* ↪ a wrapped line goes on */

bool g_canvas_init(GCanvas *c, int w, int h);
void g_canvas_free(GCanvas *c);
void g_canvas_clear(GCanvas *c);
void g_canvas_put(GCanvas *c, int x, int y, uint32_t ch, GStyle style);
/* Fill a rectangle with one character. */
void g_canvas_fill(GCanvas *c, GRect r, uint32_t ch, GStyle style);
/* UTF-8 text at (x, y), at most maxw columns (cut with '~'); returns columns used.
 * Control characters are shown as '?', so nothing can move the terminal's cursor. */
int g_canvas_text(GCanvas *c, int x, int y, int maxw, GStyle style, const char *utf8);
/* printf into g_canvas_text. */
int g_canvas_printf(GCanvas *c, int x, int y, int maxw, GStyle style, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A box around r with its title in the top border; returns the inside. */
GRect g_canvas_box(GCanvas *c, GRect r, const char *title, bool focused);
/* A w x h box (cut to the canvas) in the middle of the canvas, cleared, with its
 * title: the help screens.  Returns the inside. */
GRect g_canvas_popup(GCanvas *c, int w, int h, const char *title);
/* The canvas as UTF-8 text, one line per row, trailing blanks kept (tests, dumps).
 * The caller frees it. */
char *g_canvas_to_text(const GCanvas *c);
/* One row as UTF-8 text without trailing blanks, into buf. */
void g_canvas_row_text(const GCanvas *c, int y, char *buf, int buflen);

/* Decode one UTF-8 sequence at s (advancing *s); bad bytes decode as '?'. */
uint32_t g_utf8_next(const char **s);

#endif
