/* dash.h -- the dashboard's three ways to run: live (gilt --dash), replaying a
 * recording (gilt --dash --replay FILE), and comparing the GIL on and off
 * (gilt --compare).  main.c calls these; everything else in tui/ sits below them.
 */
#ifndef GILT_DASH_H
#define GILT_DASH_H

#include <stdbool.h>

typedef struct GDashOptions {
    const char *script;        /* the script's path (the header shows its name) */
    bool exit_at_end;          /* --dash-exit: close when the script (or replay) ends */
    int hz;                    /* redraws per second; 10 by default */
} GDashOptions;

/* Live.  begin: before the script runs -- checks the terminal (a message and -1
 * if it cannot show a dashboard), captures the script's stdout and stderr, starts
 * the drawing thread.  end: after the script and its threads finished and the
 * recorder stopped -- keeps the final screen until q (unless exit_at_end), closes
 * the screen, prints what the script printed, and returns the exit status. */
int g_dash_live_begin(const GDashOptions *o);
int g_dash_live_end(int status);
bool g_dash_live_active(void);

/* Replay a --trace recording at its recorded speed; returns the exit status. */
int g_dash_replay(const char *path, const GDashOptions *o);

/* Run argv (a gilt command line without the --compare) twice, with the GIL on and
 * off, and compare.  self: this program's path.  Returns the exit status. */
int g_dash_compare(const char *self, int argc, char **argv, const GDashOptions *o);

#endif
