/* screen.h -- the terminal, through ncurses: the one file of the dashboard that
 * calls it.  It copies a finished canvas to the screen and reads keys.
 *
 * Styles become colours when the terminal has them and NO_COLOR is not set, and
 * bold / reverse / plain otherwise (so the timeline stays readable in monochrome:
 * its states differ by glyph as well as colour).  When the user's locale is not
 * UTF-8, box-drawing and block characters become ASCII stand-ins.
 */
#ifndef GILT_SCREEN_H
#define GILT_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/canvas.h"

enum {
    G_KEY_NONE = -1,
    G_KEY_UP = 0x110000, G_KEY_DOWN, G_KEY_LEFT, G_KEY_RIGHT, G_KEY_PGUP, G_KEY_PGDN,
    G_KEY_F1, G_KEY_BTAB, G_KEY_RESIZE,
};

typedef struct GScreen GScreen;

/* Open the terminal on in_fd/out_fd; NULL with a message in err (no TERM, a
 * terminal that cannot address the cursor, ...).  mono: no colours. */
GScreen *g_screen_open(int in_fd, int out_fd, bool mono, char *err, size_t errlen);
void g_screen_size(GScreen *s, int *w, int *h);
/* Does it show colours (false: monochrome, or NO_COLOR)?  The timeline draws
 * partial cells differently without them (timeline.c). */
bool g_screen_colour(const GScreen *s);
void g_screen_show(GScreen *s, const GCanvas *c);
/* Repaint the whole terminal at the next show (Ctrl-L). */
void g_screen_redraw(GScreen *s);
/* The next key, or G_KEY_NONE if none is waiting (never blocks). */
int g_screen_key(GScreen *s);
/* Leave curses mode and give the terminal back as it was. */
void g_screen_close(GScreen *s);
/* The terminal for a dashboard mode (`what` names it in messages): NULL, with the
 * reason in err, when stdin/stdout are not a usable terminal (tui/replay.c). */
GScreen *g_dash_open_terminal(const char *what, char *err, size_t errlen);
/* Is the user's locale UTF-8 (can the terminal show box and block characters)? */
bool g_screen_locale_utf8(void);
/* Should colours be off: NO_COLOR set (https://no-color.org)? */
bool g_screen_no_color(void);

#endif
