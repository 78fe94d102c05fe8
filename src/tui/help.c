/* help.c -- the help box that ? and F1 open over the panels. */
#include "tui/panels.h"

static const char *const help_lines[] = {
    "q          quit (stops the script if it still runs)",
    "? or F1    this help (any key closes it)",
    "space      pause the display; the script keeps running",
    "g          switch the GIL on or off, live",
    "+ / -      longer / shorter switch interval",
    "Tab        focus the next panel (shift-Tab: previous)",
    "arrows     scroll the focused panel; in the timeline,",
    "           left and right go back and forward in time",
    "< / >      zoom the timeline out / in",
    "",
    "Timeline:  \xe2\x96\x88 running   \xe2\x96\x84 running part of the time,",
    "           on the colour of what it did the rest:",
    "           \xe2\x96\x91 waiting for the GIL   \xe2\x96\x92 waiting for a lock",
    "           \xc2\xb7 blocked (sleep, join, I/O)   ! stopped (GC, switch)",
    "With the GIL on, the running parts of one column add up",
    "to one core at most; with it off, every thread can run.",
};

void g_panel_help(GCanvas *c, GDash *d)
{
    (void)d;
    int n = (int)(sizeof help_lines / sizeof help_lines[0]);
    GRect in = g_canvas_popup(c, 62, n + 2, "help");
    for (int i = 0; i < n && i < in.h; i++)
        g_canvas_text(c, in.x + 1, in.y + i, in.w - 1, G_STYLE_NORMAL, help_lines[i]);
}
