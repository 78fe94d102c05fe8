/* panels.h -- the dashboard's panels, the keys, and the state both work on.
 *
 * A panel is a small class in htop's manner: a row of g_panel_classes[] holding
 * its title, a draw operation (render one rectangle of a canvas from the model)
 * and a key operation (act on a key while the panel has the focus, and say what
 * it did as GKeyEffect flags).  Panels know nothing of ncurses, of each other or
 * of where they sit; layout.c places them and records each one's rectangle in
 * the view, so a key operation knows the room its panel has:
 *
 *     +-------------------------------------------------------------------+
 *     | header: script, GIL, switch interval, threads, time, events/s     |
 *     +- threads ---------------------------------------------------------+
 *     |  1 MainThread  ░░░░░░░░·····                                      |
 *     |  2 Thread-1    ▄▄▃▄▅▄▄████████                                    |
 *     | legend                                                            |
 *     +- locks ---------------------+- refcounts -------+- GC ------------+
 *     +- source -------------------+- output -----------------------------+
 *     | keys (the bindings' short forms) and status                       |
 *
 * Keys go through one binding table (view.c), as htop's actions do: a key maps
 * to a GAction, a line of help and a short form for the footer, and the help
 * screen and the footer are generated from the table.  A key the table does not
 * bind goes to the focused panel's key operation (the arrows scroll, w wraps
 * the output), whose keys are listed, for the help, in the panel's class.  Actions on the view (focus,
 * zoom, help) are done in view.c; actions on the run (quit, pause, the GIL, a
 * replay's step) are handed back to the mode that owns the run (dash.c,
 * replay.c), which alone knows how.  So a new panel is one row of
 * g_panel_classes[] and a rectangle in layout.c; a new key is one binding.
 *
 * The split stays: the model (model.h) is updated by events, never by drawing;
 * panels draw the model into a canvas (canvas.h); screen.c copies the canvas to
 * the terminal.  Everything a panel reads is in GDash: the model (under the
 * drain's lock when live), the captured output, the source files, and the view
 * (focus, scrolling, zoom, pause) that the keys change.
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
    int hscroll;                   /* output: columns scrolled right (when not wrapping) */
    bool nowrap;                   /* output: cut long lines instead of wrapping them */
    GRect rect[G_PANEL_COUNT];     /* where each panel was last drawn (layout.c) */
} GDashView;

/* What a key did (flags): the caller redraws, quits or rebuilds its canvas. */
typedef enum {
    G_EFFECT_NONE = 0,             /* not bound here */
    G_EFFECT_HANDLED = 1,
    G_EFFECT_REDRAW = 2,
    G_EFFECT_QUIT = 4,
    G_EFFECT_RESIZE = 8,
} GKeyEffect;

/* What a key binding asks for.  The first group view.c does itself; the second
 * it hands back to the mode (dash.c live, replay.c) through g_dash_key's *act. */
typedef enum {
    G_ACT_NONE,
    G_ACT_HELP, G_ACT_FOCUS_NEXT, G_ACT_FOCUS_PREV, G_ACT_ZOOM_OUT, G_ACT_ZOOM_IN,
    G_ACT_QUIT, G_ACT_PAUSE, G_ACT_GIL, G_ACT_LONGER, G_ACT_SHORTER, G_ACT_REPAINT, G_ACT_RESIZE,
    G_ACT_STEP_BACK, G_ACT_STEP_FORWARD,
} GAction;

/* One key binding: `keys` and `help` make its line in the help screen (a NULL
 * `keys` shares the line above: a second key for the same action); `foot`, if
 * set, is its short form in the footer. */
typedef struct GKeyBinding {
    int key;
    GAction action;
    const char *keys, *help, *foot;
} GKeyBinding;

/* Which bindings a mode adds to the common ones (view.c). */
typedef enum { G_MODE_LIVE, G_MODE_REPLAY } GDashMode;

struct GDash;
/* A panel class: its name (the help's "threads: ..."), its drawing, its keys
 * (NULL: none of its own) and their help (ended by an entry without `keys`). */
typedef struct GPanelClass {
    const char *title;
    void (*draw)(GCanvas *c, GRect r, struct GDash *d, bool focused);
    int (*key)(struct GDash *d, int key);   /* GKeyEffect flags */
    const GKeyBinding *help;
} GPanelClass;
extern const GPanelClass g_panel_classes[G_PANEL_COUNT];

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
    GDashMode mode;                /* which bindings apply (view.c) */
    bool mono;                     /* the terminal shows no colours (timeline.c draws for that) */
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

/* The panels' operations (one file each; g_panel_classes[] in layout.c). */
void g_panel_header(GCanvas *c, GRect r, GDash *d);
void g_panel_footer(GCanvas *c, GRect r, GDash *d);
void g_panel_timeline(GCanvas *c, GRect r, GDash *d, bool focused);
int g_panel_timeline_key(GDash *d, int key);
void g_panel_locks(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_refcounts(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_gc(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_source(GCanvas *c, GRect r, GDash *d, bool focused);
void g_panel_output(GCanvas *c, GRect r, GDash *d, bool focused);
int g_panel_output_key(GDash *d, int key);
/* The common key of a panel that only scrolls: up/down, page up/down. */
int g_panel_scroll_key(GDash *d, int key);
void g_panel_help(GCanvas *c, GDash *d);
/* A box over the panels showing captured lines from `first` on (help.c). */
void g_panel_alert(GCanvas *c, const char *title, const GOutBuf *out, uint64_t first, int *scroll);

/* A key, through the bindings of d's mode, then the common ones, then the focused
 * panel's.  Returns GKeyEffect flags; *act is the action the mode must carry out
 * itself (G_ACT_NONE when view.c did all there was to do). */
int g_dash_key(GDash *d, int key, GAction *act);
/* The bindings that apply in a mode, in help order; returns how many. */
int g_dash_bindings(GDashMode mode, const GKeyBinding **out, int max);

/* Shared by panels: a thread's display name ("MainThread", "Thread-1 (work)"). */
char *g_dash_thread_name(GDash *d, const GDashThread *th, char *buf, size_t n);
/* Cut an ASCII thread name to width where it reads well (in place; timeline.c). */
char *g_name_cut(char *name, int width);
/* A timeline row's label: the thread's number (as the source panel marks lines)
 * and its name, G_TIMELINE_LABEL_W columns with the gap before the cells. */
#define G_TIMELINE_LABEL_W 23
void g_timeline_label(GCanvas *c, int x, int y, GDash *d, const GDashThread *th);
/* The timeline's pieces, shared with the compare view and the tests. */
void g_timeline_cell(const uint32_t us[G_DASH_STATES], bool mono, uint32_t *ch, GStyle *style);
void g_timeline_row(GCanvas *c, int x, int y, int ncols, const GDashModel *m, const GDashThread *th,
                    uint64_t end, uint64_t col_ns, uint64_t now, bool mono);
/* The timeline rows to draw: threads alive at some point in [t0, now]. */
int g_dash_visible_threads(GDash *d, uint64_t t0, const GDashThread **out, int max);
/* A source file's lines (loaded on first use; NULL if unreadable). */
const GSourceFile *g_dash_source(GDash *d, uint32_t file);
/* Append a text file's lines (without their newlines) to *lines; false if it cannot
 * be opened.  A line longer than 4 KiB is cut.  (The stepper reads sources too.) */
bool g_read_source_lines(const char *path, char ***lines, int *nlines);
void g_dash_free_sources(GDash *d);

#endif
