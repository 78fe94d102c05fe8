/* panels.h -- the dashboard's panels, and the state they are drawn from.
 *
 * A panel is a small "class" in htop's manner: a name and a draw function that
 * renders one rectangle of a canvas from the model.  Panels know nothing of
 * ncurses, of each other or of where they sit; layout.c places them:
 *
 *     +-------------------------------------------------------------------+
 *     | header: script, GIL, switch interval, threads, time, events/s     |
 *     +- threads ---------------------------------------------------------+
 *     | MainThread  ░░░░░░░░·····                                         |
 *     | Thread-1    ▄▄▃▄▅▄▄████████                                       |
 *     | legend                                                            |
 *     +- locks ------------------+- refcounts ---------+- GC -------------+
 *     +- source ---------------------------+- output ---------------------+
 *     | keys and status                                                   |
 *
 * Everything a panel reads is in GDash: the model (under the drain's lock when
 * live), the captured output, the source files, and the view (focus, scrolling,
 * zoom, pause) that the keys change.
 */
#ifndef GILT_PANELS_H
#define GILT_PANELS_H

#include <stdbool.h>
#include <stdint.h>

#include "trace/stats.h"
#include "tui/canvas.h"
#include "tui/model.h"
#include "tui/outbuf.h"

/* Panels that take the focus (Tab), in Tab order. */
typedef enum { G_PANEL_TIMELINE, G_PANEL_LOCKS, G_PANEL_REFCOUNTS, G_PANEL_GC, G_PANEL_SOURCE, G_PANEL_OUTPUT,
               G_PANEL_COUNT } GPanelId;

/* Zoom levels: ms of the run per timeline column. */
#define G_ZOOM_LEVELS 8
extern const int g_zoom_ms[G_ZOOM_LEVELS];
#define G_ZOOM_DEFAULT 3   /* 10 ms */

typedef struct GDashView {
    GPanelId focus;
    bool paused;
    bool help;
    int zoom;                      /* index into g_zoom_ms */
    int64_t back_cols;             /* the timeline shows this many columns before "now" */
    int scroll[G_PANEL_COUNT];     /* rows scrolled, per panel (output: rows up from the end) */
} GDashView;

/* A script's lines, loaded when a WHERE event first names its file. */
typedef struct GSourceFile {
    uint32_t file;                 /* string number */
    char **lines;
    int nlines;
    bool failed;                   /* unreadable: not tried again */
} GSourceFile;

typedef struct GDash {
    GDashModel *model;
    GOutBuf *out;                  /* NULL: no output to show (a replay) */
    const char *out_note;          /* shown in the output panel when out is NULL */
    GStringFn str;                 /* string numbers -> text */
    const void *str_ctx;
    const char *title;             /* the script (or recording) shown in the header */
    const char *status;            /* the footer's status: "running", "finished: exit status 1" */
    const char *mode_keys;         /* extra keys for the footer (replay: "←→ step") */
    uint64_t now;                  /* the moment drawn (ns on the recording's clock) */
    bool gil_on;                   /* as the header should show it */
    uint64_t switch_interval_ns;
    GSourceFile *sources;
    int nsources;
    GDashView view;
} GDash;

/* The whole screen.  Below 80x24 it draws only a "terminal too small" notice. */
void g_dash_draw(GCanvas *c, GDash *d);
#define G_DASH_MIN_W 80
#define G_DASH_MIN_H 24

/* The panels (one file each). */
void g_panel_header(GCanvas *c, GRect r, GDash *d);
void g_panel_footer(GCanvas *c, GRect r, GDash *d);
void g_panel_timeline(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_locks(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_refcounts(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_gc(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_source(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_output(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_help(GCanvas *c, GDash *d);

/* Shared by panels: a thread's display name ("MainThread", "Thread-1 (work)"). */
char *g_dash_thread_name(GDash *d, const GDashThread *th, char *buf, size_t n);
/* Cut an ASCII name to width by replacing its middle with '~' (in place). */
char *g_middle_cut(char *name, int width);
/* The timeline's pieces, shared with the compare view and the tests. */
void g_timeline_cell(const uint32_t us[G_DASH_STATES], uint32_t *ch, GStyle *style);
void g_timeline_row(GCanvas *c, int x, int y, int ncols, const GDashModel *m, const GDashThread *th,
                    uint64_t end, uint64_t col_ns, uint64_t now);
/* The timeline rows to draw: threads alive at some point in [t0, now]. */
int g_dash_visible_threads(GDash *d, uint64_t t0, const GDashThread **out, int max);
/* A source file's lines (loaded on first use; NULL if unreadable). */
const GSourceFile *g_dash_source(GDash *d, uint32_t file);
/* Append a text file's lines (without their newlines) to *lines; false if it cannot
 * be opened.  A line longer than 4 KiB is cut.  (The stepper reads sources too.) */
bool g_read_source_lines(const char *path, char ***lines, int *nlines);
void g_dash_free_sources(GDash *d);

#endif
