/* check_tui.c -- the dashboard's pieces, rendered offscreen: number formats,
 * sparklines, text cutting, the output capture, the model's timeline and the
 * panels' layout at the smallest and a larger size.  Nothing here needs a
 * terminal: panels draw into a GCanvas, and the tests read it back as text. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"
#include "tui/dash.h"
#include "tui/format.h"
#include "tui/model.h"
#include "tui/outbuf.h"
#include "tui/panels.h"
#include "tui/screen.h"

#define MS 1000000ull

/* ---- helpers ---- */

static char *row(const GCanvas *c, int y)
{
    static char buf[4096];
    g_canvas_row_text(c, y, buf, sizeof buf);
    return buf;
}

static bool screen_has(const GCanvas *c, const char *s)
{
    char *t = g_canvas_to_text(c);
    bool r = strstr(t, s) != NULL;
    free(t);
    return r;
}

static const char *names[] = { "", "", "MainThread", "worker-1", "lock@demo.py:7", "/nonexistent/demo.py", "list@0x7f00" };
static const char *name_of(uint32_t id, const void *ctx)
{
    (void)ctx;
    return id < sizeof names / sizeof names[0] ? names[id] : "?";
}

static void ev(GDashModel *m, uint64_t t, uint16_t kind, uint16_t thread, uint32_t a, uint64_t b, uint64_t c)
{
    GEvent e = { t, kind, thread, a, b, c };
    g_dash_model_apply(m, &e, 1);
}

/* ---- formats ---- */

START_TEST(test_fmt_count)
{
    char b[32];
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 0), "0");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 9999), "9999");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 12345), "12.3k");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 999499), "999k");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 999500), "1.00M");   /* rounds up into the next unit */
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 4567890), "4.57M");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, 1200000000ull), "1.20G");
    ck_assert_str_eq(g_fmt_count(b, sizeof b, UINT64_MAX), "18.4E");
    /* a small buffer is cut, never overrun */
    char small[4];
    g_fmt_count(small, sizeof small, 4567890);
    ck_assert_int_eq((int)strlen(small), 3);
}
END_TEST

START_TEST(test_fmt_ns_and_percent)
{
    char b[32];
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 0), "0");
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 850), "850ns");
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 12400), "12.4us");
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 3210000), "3.21ms");
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 1500000000ull), "1.50s");
    ck_assert_str_eq(g_fmt_ns(b, sizeof b, 125000000000ull), "2m05s");
    ck_assert_str_eq(g_fmt_percent(b, sizeof b, 0), "0%");
    ck_assert_str_eq(g_fmt_percent(b, sizeof b, 0.001), "<1%");
    ck_assert_str_eq(g_fmt_percent(b, sizeof b, 0.374), "37%");
    ck_assert_str_eq(g_fmt_percent(b, sizeof b, 1.5), "100%");
}
END_TEST

START_TEST(test_sparkline_glyphs)
{
    ck_assert_uint_eq(g_spark_glyph(0, 100), ' ');
    ck_assert_uint_eq(g_spark_glyph(5, 0), ' ');
    ck_assert_uint_eq(g_spark_glyph(1, 1000000), G_CH_BLOCK(1));   /* any activity shows */
    ck_assert_uint_eq(g_spark_glyph(50, 100), G_CH_BLOCK(4));
    ck_assert_uint_eq(g_spark_glyph(100, 100), G_CH_BLOCK(8));
    ck_assert_uint_eq(g_spark_glyph(500, 100), G_CH_BLOCK(8));      /* above the max: full, not past it */
}
END_TEST

/* ---- the canvas ---- */

START_TEST(test_canvas_text_cuts_and_cleans)
{
    GCanvas c;
    ck_assert(g_canvas_init(&c, 12, 3));
    ck_assert_int_eq(g_canvas_text(&c, 0, 0, 12, G_STYLE_NORMAL, "short"), 5);
    ck_assert_str_eq(row(&c, 0), "short");
    ck_assert_int_eq(g_canvas_text(&c, 0, 1, 8, G_STYLE_NORMAL, "a long thread name"), 8);
    ck_assert_str_eq(row(&c, 1), "a long ~");
    /* control characters and escape bytes cannot reach the terminal; UTF-8 counts
     * by characters, not bytes */
    g_canvas_text(&c, 0, 2, 12, G_STYLE_NORMAL, "\x1b[31mé\tx");
    ck_assert_str_eq(row(&c, 2), "?[31mé?x");
    /* drawing off the canvas is clipped, not a crash */
    g_canvas_text(&c, 10, 0, 50, G_STYLE_NORMAL, "overflow");
    g_canvas_put(&c, -1, 99, 'x', G_STYLE_NORMAL);
    ck_assert_str_eq(row(&c, 0), "short     ov");
    g_canvas_free(&c);
}
END_TEST

START_TEST(test_name_cut_keeps_the_number)
{
    char a[64] = "ThreadPoolExecutor-0_3";
    ck_assert_str_eq(g_name_cut(a, 18), "ThreadPool-0_3");   /* whole words go, the number stays */
    char b[64] = "Thread-1 (work)";
    ck_assert_str_eq(g_name_cut(b, 18), "Thread-1 (work)");
    char c[64] = "Thread-13 (hammer)";
    ck_assert_str_eq(g_name_cut(c, 16), "Thread-13 (ham~)");   /* not "Thread-13 ~mmer)" */
    char d[64] = "ThreadPoolExecutor-592_0";
    ck_assert_str_eq(g_name_cut(d, 16), "ThreadPool-592_0");   /* not "ThreadPool~-32_0" */
    char e[64] = "ThreadPoolExecutor-0_3 (work)";
    ck_assert_str_eq(g_name_cut(e, 16), "ThreadPool-0_3");
    char f[64] = "worker_with_a_long_name";
    ck_assert_str_eq(g_name_cut(f, 10), "worker_wi~");
    char g[64] = "Builder-12345678901";    /* the number alone nearly fills it: cut the head */
    ck_assert_str_eq(g_name_cut(g, 16), "Buil~12345678901");
}
END_TEST

/* ---- the output capture ---- */

START_TEST(test_outbuf_makes_output_harmless)
{
    GOutBuf *b = malloc(sizeof *b);
    g_outbuf_init(b);
    const char out[] = "plain\n\x1b[2J\x1b[31mred\x1b[0m text\nprogress 10%\rprogress 99%\n\tTab\x07" "bell\nno newline";
    g_outbuf_feed(b, out, sizeof out - 1, false);
    g_outbuf_feed(b, "Traceback (most recent call last):\n", 35, true);
    ck_assert_uint_eq(g_outbuf_count(b), 5);
    g_outbuf_flush(b);
    ck_assert_uint_eq(g_outbuf_count(b), 6);
    ck_assert_str_eq(g_outbuf_line(b, 0)->text, "plain");
    ck_assert_str_eq(g_outbuf_line(b, 1)->text, "red text");          /* escapes dropped */
    ck_assert_str_eq(g_outbuf_line(b, 2)->text, "progress 99%");      /* \r starts the line again */
    ck_assert_str_eq(g_outbuf_line(b, 3)->text, "        Tab?bell");  /* tab to 8, BEL shown as ? */
    ck_assert(g_outbuf_line(b, 4)->is_err);
    ck_assert_str_eq(g_outbuf_line(b, 5)->text, "no newline");
    ck_assert_ptr_null(g_outbuf_line(b, 6));
    /* an escape split across two reads is still dropped whole */
    g_outbuf_feed(b, "a\x1b[3", 4, false);
    g_outbuf_feed(b, "1mb\n", 4, false);
    ck_assert_str_eq(g_outbuf_line(b, 6)->text, "ab");
    g_outbuf_free(b);
    free(b);
}
END_TEST

START_TEST(test_outbuf_keeps_the_newest_lines)
{
    GOutBuf *b = malloc(sizeof *b);
    g_outbuf_init(b);
    char line[32];
    for (int i = 0; i < G_OUTBUF_LINES + 10; i++) {
        int n = snprintf(line, sizeof line, "line %d\n", i);
        g_outbuf_feed(b, line, (size_t)n, false);
    }
    ck_assert_uint_eq(g_outbuf_count(b), G_OUTBUF_LINES);
    ck_assert_uint_eq(b->first, 10);
    ck_assert_str_eq(g_outbuf_line(b, 0)->text, "line 10");
    g_outbuf_free(b);
    free(b);
}
END_TEST

/* ---- the model ---- */

START_TEST(test_model_timeline_sums_states)
{
    GDashModel m;
    ck_assert(g_dash_model_init(&m, 64, false, 5 * MS));
    ev(&m, 0, G_EV_THREAD_START, 1, 0, 0, 0);
    ev(&m, 4 * MS, G_EV_STATE, 1, G_STATE_GIL_WAIT, 0, 0);
    ev(&m, 6 * MS + 500000, G_EV_STATE, 1, G_STATE_RUNNING, 0, 0);
    ev(&m, 9 * MS, G_EV_STATE, 1, G_STATE_BLOCKED, 0, 0);
    const GDashThread *th = &m.threads[1];
    uint32_t us[G_DASH_STATES];
    ck_assert(g_dash_model_cell(&m, th, 0, 10 * MS, 10 * MS, us));
    ck_assert_uint_eq(us[G_STATE_RUNNING], 4000 + 2500);
    ck_assert_uint_eq(us[G_STATE_GIL_WAIT], 2500);
    ck_assert_uint_eq(us[G_STATE_BLOCKED], 1000);   /* the state it is still in, up to "now" */
    /* a later, older-than-history question gets nothing rather than stale slots */
    ev(&m, 200 * MS, G_EV_STATE, 1, G_STATE_RUNNING, 0, 0);
    ck_assert(g_dash_model_cell(&m, th, 0, 10 * MS, 200 * MS, us));
    ck_assert_uint_eq(us[G_STATE_RUNNING], 0);
    ck_assert_uint_eq(us[G_STATE_GIL_WAIT], 0);
    ck_assert(g_dash_model_cell(&m, th, 190 * MS, 200 * MS, 200 * MS, us));
    ck_assert_uint_eq(us[G_STATE_BLOCKED], 10000);
    /* a collection: from GC_BEGIN to GC_END the running thread is collecting */
    ev(&m, 202 * MS, G_EV_GC_BEGIN, 1, 0, 0, 0);
    ev(&m, 204 * MS, G_EV_GC_END, 1, 2000, 10, 5);
    ck_assert(g_dash_model_cell(&m, th, 200 * MS, 205 * MS, 205 * MS, us));
    ck_assert_uint_eq(us[G_DASH_COLLECTING], 2000);
    ck_assert_uint_eq(us[G_STATE_RUNNING], 3000);
    /* after its exit, columns past it hold nothing */
    ev(&m, 205 * MS, G_EV_THREAD_EXIT, 1, 0, 0, 0);
    ck_assert(!g_dash_model_cell(&m, th, 210 * MS, 220 * MS, 220 * MS, us));
    ck_assert_int_eq(g_dash_model_live_threads(&m), 0);
    g_dash_model_free(&m);
}
END_TEST

START_TEST(test_model_rates_and_switches)
{
    GDashModel m;
    ck_assert(g_dash_model_init(&m, 64, false, 5 * MS));
    ev(&m, 0, G_EV_THREAD_START, 1, 0, 0, 0);
    ev(&m, 50 * MS, G_EV_RC_COUNTS, 1, 0, 1000, 10);
    ev(&m, 150 * MS, G_EV_RC_COUNTS, 1, 0, 3000, 0);
    ev(&m, 160 * MS, G_EV_GIL_MODE, 0, 1, 0, 0);
    ev(&m, 170 * MS, G_EV_SWITCH_INTERVAL, 0, 0, 2 * MS, 0);
    ck_assert_uint_eq(g_dash_model_rate(&m, G_RATE_RC_LOCAL, 0, 1), 1000);
    ck_assert_uint_eq(g_dash_model_rate(&m, G_RATE_RC_LOCAL, 0, 2), 4000);
    ck_assert_uint_eq(g_dash_model_rate(&m, G_RATE_RC_SHARED, 0, 2), 10);
    ck_assert(m.gil_on);
    ck_assert_uint_eq(m.switch_interval_ns, 2 * MS);
    ck_assert_uint_eq(m.stats.rc_local, 4000);
    /* thread 0 is the control ring: no timeline row for it */
    ck_assert_int_eq(g_dash_model_live_threads(&m), 1);
    g_dash_model_free(&m);
}
END_TEST

START_TEST(test_timeline_cell_glyphs)
{
    uint32_t ch;
    GStyle st;
    uint32_t all_run[G_DASH_STATES] = { 10000, 0, 0, 0, 0 };
    g_timeline_cell(all_run, false, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_BLOCK(8));
    ck_assert_int_eq(st, G_STYLE_RUNNING);
    uint32_t quarter[G_DASH_STATES] = { 2500, 7500, 0, 0, 0 };   /* GIL on, 4 threads */
    g_timeline_cell(quarter, false, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_BLOCK(2));
    ck_assert_int_eq(st, G_STYLE_RUN_ON_GIL);
    uint32_t lock[G_DASH_STATES] = { 0, 100, 9000, 900, 0 };
    g_timeline_cell(lock, false, &ch, &st);
    ck_assert_uint_eq(ch, 0x2592u);
    ck_assert_int_eq(st, G_STYLE_LOCK_WAIT);
    uint32_t none[G_DASH_STATES] = { 0 };
    g_timeline_cell(none, false, &ch, &st);
    ck_assert_uint_eq(ch, ' ');
    /* the thread running the collector: its own glyph and style, not a bar */
    uint32_t gc[G_DASH_STATES] = { 1000, 0, 0, 0, 0, 9000 };
    g_timeline_cell(gc, false, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_DARK);
    ck_assert_int_eq(st, G_STYLE_COLLECTING);
    /* monochrome: a cell that ran under half shows what it did the rest; one that
     * ran over half keeps its bar */
    g_timeline_cell(quarter, true, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_SHADE);   /* ░: it mostly waited for the GIL */
    uint32_t little_lock[G_DASH_STATES] = { 3000, 0, 7000, 0, 0 };
    g_timeline_cell(little_lock, true, &ch, &st);
    ck_assert_uint_eq(ch, 0x2592u);      /* ▒ */
    uint32_t little_blocked[G_DASH_STATES] = { 1000, 0, 0, 9000, 0 };
    g_timeline_cell(little_blocked, true, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_MIDDOT);
    uint32_t most[G_DASH_STATES] = { 7000, 3000, 0, 0, 0 };
    g_timeline_cell(most, true, &ch, &st);
    ck_assert_uint_eq(ch, G_CH_BLOCK(6));
    g_timeline_cell(little_lock, false, &ch, &st);   /* in colour the bar stays, on the lock colour */
    ck_assert_uint_eq(ch, G_CH_BLOCK(2));
    ck_assert_int_eq(st, G_STYLE_RUN_ON_LOCK);
}
END_TEST

/* ---- the panels, laid out ---- */

static void demo_model(GDashModel *m)
{
    g_dash_model_init(m, 4096, true, 5 * MS);
    ev(m, 0, G_EV_THREAD_START, 1, 0, 0, 0);
    ev(m, 0, G_EV_THREAD_NAME, 1, 2, 0, 0);
    ev(m, 1 * MS, G_EV_THREAD_START, 2, 1, 0, 0);
    ev(m, 1 * MS, G_EV_THREAD_NAME, 2, 3, 0, 0);
    ev(m, 2 * MS, G_EV_STATE, 1, G_STATE_BLOCKED, 0, 0);
    ev(m, 2 * MS, G_EV_WHERE, 1, 3, 5, 0);
    for (uint64_t t = 10; t < 400; t += 10) {   /* the worker alternates: 5 ms running, 5 ms waiting */
        ev(m, t * MS, G_EV_STATE, 2, G_STATE_GIL_WAIT, 0, 0);
        ev(m, (t + 5) * MS, G_EV_STATE, 2, G_STATE_RUNNING, 0, 0);
    }
    ev(m, 20 * MS, G_EV_LOCK_NAME, 2, 4, 0xabc0, 0);
    ev(m, 21 * MS, G_EV_LOCK_ACQUIRED, 2, 0, 0xabc0, 3 * MS);
    ev(m, 22 * MS, G_EV_LOCK_ACQUIRED, 2, 0, 0xabc0, 0);
    ev(m, 30 * MS, G_EV_GC_END, 2, 250, 1000, 40);
    ev(m, 350 * MS, G_EV_RC_COUNTS, 2, 0, 5000000, 1000);
}

static GDash demo_dash(GDashModel *m, GOutBuf *out)
{
    GDash d = { .model = m, .out = out, .str = name_of, .title = "demo.py", .status = "running", .now = 400 * MS,
                .gil_on = true, .switch_interval_ns = 5 * MS };
    d.view.zoom = G_ZOOM_DEFAULT;
    return d;
}

START_TEST(test_layout_80x24)
{
    GDashModel m;
    demo_model(&m);
    GOutBuf *out = malloc(sizeof *out);
    g_outbuf_init(out);
    g_outbuf_feed(out, "hello from the script\n", 22, false);
    GDash d = demo_dash(&m, out);
    GCanvas c;
    g_canvas_init(&c, 80, 24);
    g_dash_draw(&c, &d);
    /* every panel is there, each within the 80 columns */
    ck_assert_msg(strstr(row(&c, 0), "GIL ON") && strstr(row(&c, 0), "switch 5.00ms"), "header: %s", row(&c, 0));
    ck_assert(screen_has(&c, "threads  10 ms per column"));
    ck_assert(screen_has(&c, "locks (1)"));
    ck_assert(screen_has(&c, "refcounts"));
    ck_assert(screen_has(&c, "GC  1 runs"));
    ck_assert(screen_has(&c, "output"));
    ck_assert(screen_has(&c, "hello from the script"));
    ck_assert(screen_has(&c, "q quit"));
    ck_assert(screen_has(&c, "running"));
    /* the footer is made of the bindings' short forms, whole ones only */
    ck_assert_msg(strstr(row(&c, 23), "q quit ? help space pause g GIL +- interval") && !strchr(row(&c, 23), '~'),
                  "footer: %s", row(&c, 23));
    /* the worker's row: half-height bars on the GIL colour, the main thread blocked */
    char *main_row = NULL, *worker = NULL;
    for (int y = 0; y < c.h; y++) {
        if (strstr(row(&c, y), "MainThread"))
            main_row = strdup(row(&c, y));
        if (strstr(row(&c, y), "worker-1"))
            worker = strdup(row(&c, y));
    }
    ck_assert_ptr_nonnull(main_row);
    ck_assert_ptr_nonnull(worker);
    /* rows carry the threads' numbers, the ones the source panel marks lines with */
    ck_assert_msg(strstr(main_row, "\xe2\x94\x82  1 MainThread "), "main row: %s", main_row);
    ck_assert_msg(strstr(worker, "\xe2\x94\x82  2 worker-1 "), "worker row: %s", worker);
    ck_assert_msg(strstr(worker, "\xe2\x96\x84\xe2\x96\x84\xe2\x96\x84"), "worker row: %s", worker);   /* ▄▄▄ */
    ck_assert_msg(strstr(main_row, "\xc2\xb7\xc2\xb7\xc2\xb7"), "main row: %s", main_row);           /* ··· */
    free(main_row);
    free(worker);
    /* the lock: its name, 2 acquisitions, half contended, 3 ms waited */
    ck_assert(screen_has(&c, "lock@demo"));   /* cut to the column's width */
    ck_assert(screen_has(&c, "50%"));
    ck_assert(screen_has(&c, "3.00ms"));
    ck_assert(screen_has(&c, "last 250us"));
    g_canvas_free(&c);
    g_outbuf_free(out);
    free(out);
    g_dash_model_free(&m);
}
END_TEST

/* A container's lock records only the acquisitions that waited: its row shows no
 * share (it would always read 100%), "-" acquisitions and the number of waits. */
START_TEST(test_locks_container_waits_only)
{
    GDashModel m;
    demo_model(&m);
    ev(&m, 40 * MS, G_EV_LOCK_NAME, 2, 6, 0x7f00, 0);
    for (int i = 0; i < 12345; i++)
        ev(&m, 41 * MS, G_EV_LOCK_ACQUIRED, 2, G_LOCK_WAITS_ONLY, 0x7f00, 1 * MS);
    GDash d = demo_dash(&m, NULL);
    GCanvas c;
    g_canvas_init(&c, 120, 40);
    g_dash_draw(&c, &d);
    char *line = NULL;
    for (int y = 0; y < c.h; y++)
        if (strstr(row(&c, y), "list@0x7f00"))
            line = strdup(row(&c, y));
    ck_assert_ptr_nonnull(line);
    ck_assert_msg(strstr(line, " - ") && strstr(line, " 12k ") && !strstr(line, "100%"), "list lock: %s", line);
    free(line);
    g_canvas_free(&c);
    g_dash_model_free(&m);
}
END_TEST

/* The deadlock box: a report line too wide for it loses its paths' directories, so
 * that the file's name and line number stay readable at 80 columns. */
START_TEST(test_alert_keeps_file_and_line)
{
    GOutBuf *out = malloc(sizeof *out);
    g_outbuf_init(out);
    const char *text = "Deadlock: every thread is waiting\n"
                       "  philosopher 1 waits at /home/teacher/classes/2026/gilt/lessons/12_dining_philosophers.py:89 in dine\n";
    g_outbuf_feed(out, text, strlen(text), true);
    g_outbuf_flush(out);
    GCanvas c;
    g_canvas_init(&c, 80, 24);
    int scroll = 0;
    g_panel_alert(&c, "DEADLOCK", out, 0, &scroll);
    ck_assert_msg(screen_has(&c, "philosopher 1 waits at 12_dining_philosophers.py:89 in dine"), "%s", g_canvas_to_text(&c));
    ck_assert(!screen_has(&c, "/home/teacher"));
    g_canvas_free(&c);
    g_outbuf_free(out);
    free(out);
}
END_TEST

START_TEST(test_layout_too_small_and_large)
{
    GDashModel m;
    demo_model(&m);
    GDash d = demo_dash(&m, NULL);
    d.out_note = "(no output)";
    GCanvas c;
    g_canvas_init(&c, 79, 24);
    g_dash_draw(&c, &d);
    ck_assert(screen_has(&c, "terminal too small: 79x24"));
    ck_assert(screen_has(&c, "needs 80x24"));
    ck_assert(!screen_has(&c, "locks"));
    g_canvas_free(&c);
    g_canvas_init(&c, 160, 50);
    g_dash_draw(&c, &d);
    ck_assert(screen_has(&c, "(no output)"));
    ck_assert(screen_has(&c, "lock@demo.py:7"));   /* room for the whole name now */
    d.view.help = true;
    g_dash_draw(&c, &d);
    ck_assert(screen_has(&c, "switch the GIL on or off, live"));   /* the help box */
    g_canvas_free(&c);
    g_dash_model_free(&m);
}
END_TEST

START_TEST(test_view_keys)
{
    GDashModel m;
    demo_model(&m);
    GDash d = demo_dash(&m, NULL);
    GCanvas c;
    g_canvas_init(&c, 80, 24);
    g_dash_draw(&c, &d);   /* records where the panels are */
    GAction act;
    ck_assert(g_dash_key(&d, '\t', &act) & G_EFFECT_HANDLED);
    ck_assert_int_eq(act, G_ACT_NONE);
    ck_assert_int_eq(d.view.focus, G_PANEL_LOCKS);
    ck_assert(g_dash_key(&d, '<', &act) & G_EFFECT_REDRAW);
    ck_assert_int_eq(g_zoom_ms[d.view.zoom], 20);
    for (int i = 0; i < 20; i++)
        g_dash_key(&d, '>', &act);
    ck_assert_int_eq(g_zoom_ms[d.view.zoom], 1);   /* stops at the finest */
    d.view.focus = G_PANEL_TIMELINE;
    ck_assert(g_dash_key(&d, G_KEY_LEFT, &act) & G_EFFECT_HANDLED);
    ck_assert_int_eq(d.view.back_cols, 10);
    g_dash_draw(&c, &d);
    ck_assert(screen_has(&c, "ago)"));
    ck_assert_int_eq(g_dash_key(&d, 'x', &act), G_EFFECT_NONE);
    /* the run's actions go back to the mode */
    ck_assert(g_dash_key(&d, 'q', &act) & G_EFFECT_QUIT);
    ck_assert_int_eq(act, G_ACT_QUIT);
    g_dash_key(&d, 'g', &act);
    ck_assert_int_eq(act, G_ACT_GIL);
    g_dash_key(&d, G_KEY_RESIZE, &act);
    ck_assert_int_eq(act, G_ACT_RESIZE);
    /* a replay binds the arrows to its clock; g means nothing there */
    d.mode = G_MODE_REPLAY;
    g_dash_key(&d, G_KEY_RIGHT, &act);
    ck_assert_int_eq(act, G_ACT_STEP_FORWARD);
    ck_assert_int_eq(d.view.back_cols, 10);
    ck_assert_int_eq(g_dash_key(&d, 'g', &act), G_EFFECT_NONE);
    /* with the help open, any key only closes it -- q too */
    d.view.help = true;
    g_dash_key(&d, 'q', &act);
    ck_assert(!d.view.help);
    ck_assert_int_eq(act, G_ACT_NONE);
    d.view.help = true;   /* ...but a resize is still a resize, and the help stays */
    ck_assert(g_dash_key(&d, G_KEY_RESIZE, &act) & G_EFFECT_RESIZE);
    ck_assert_int_eq(act, G_ACT_RESIZE);
    ck_assert(d.view.help);
    g_canvas_free(&c);
    g_dash_model_free(&m);
}
END_TEST

/* The help is made from the bindings: each bound key's line is in it, for the
 * mode's own keys too. */
START_TEST(test_help_from_bindings)
{
    GDashModel m;
    demo_model(&m);
    GDash d = demo_dash(&m, NULL);
    GCanvas c;
    g_canvas_init(&c, 80, 24);
    const GKeyBinding *b[64];
    for (int mode = G_MODE_LIVE; mode <= G_MODE_REPLAY; mode++) {
        d.mode = (GDashMode)mode;
        d.view.help = true;
        g_dash_draw(&c, &d);
        int n = g_dash_bindings(d.mode, b, 64);
        ck_assert_int_gt(n, 8);
        for (int i = 0; i < n; i++)
            if (b[i]->keys)
                ck_assert_msg(screen_has(&c, b[i]->help), "help lacks: %s", b[i]->help);
        ck_assert_msg(screen_has(&c, "every thread can run"), "the help's end is cut at 80x24 (mode %d)", mode);
        ck_assert(screen_has(&c, "! stopped (GC, switch)"));   /* no line cut */
    }
    ck_assert(screen_has(&c, "step the replay back"));
    ck_assert(!screen_has(&c, "switch the GIL on or off"));   /* not in a replay */
    ck_assert(screen_has(&c, "w          output: wrap long lines"));
    ck_assert(screen_has(&c, "arrows     threads: up/down the rows"));
    ck_assert(screen_has(&c, "collecting: this thread runs the GC"));
    g_canvas_free(&c);
    g_dash_model_free(&m);
}
END_TEST

/* The output panel wraps a long line at a space, marks the continuation, and
 * scrolls by rows; w cuts lines instead and the arrows move them sideways. */
START_TEST(test_output_wraps_and_scrolls)
{
    GOutBuf *out = malloc(sizeof *out);
    g_outbuf_init(out);
    const char *text = "round 1 (GIL off): 1 thread 3.86s, 4 threads 3.91s, speedup 0.99x\nlast\n";
    g_outbuf_feed(out, text, strlen(text), false);
    GDash d = { .out = out };
    GCanvas c;
    g_canvas_init(&c, 32, 6);
    g_panel_output(&c, (GRect){ 0, 0, 32, 6 }, &d, false);
    ck_assert_str_eq(row(&c, 1), "│round 1 (GIL off): 1 thread   │");
    ck_assert_str_eq(row(&c, 2), "│↪3.86s, 4 threads 3.91s,      │");
    ck_assert_str_eq(row(&c, 3), "│↪speedup 0.99x                │");
    ck_assert_str_eq(row(&c, 4), "│last                          │");
    /* scrolling up past the oldest row is clamped: all four rows fit */
    d.view.scroll[G_PANEL_OUTPUT] = 1;
    g_canvas_clear(&c);
    g_panel_output(&c, (GRect){ 0, 0, 32, 6 }, &d, false);
    ck_assert_int_eq(d.view.scroll[G_PANEL_OUTPUT], 0);
    /* cut, then scrolled sideways */
    d.view.focus = G_PANEL_OUTPUT;
    d.view.rect[G_PANEL_OUTPUT] = (GRect){ 0, 0, 32, 6 };
    ck_assert(g_panel_output_key(&d, 'w') & G_EFFECT_HANDLED);
    g_canvas_clear(&c);
    g_panel_output(&c, (GRect){ 0, 0, 32, 6 }, &d, false);
    ck_assert_msg(strstr(row(&c, 1), "round 1 (GIL off): 1 thread 3~"), "%s", row(&c, 1));
    g_panel_output_key(&d, G_KEY_RIGHT);
    g_panel_output_key(&d, G_KEY_RIGHT);
    g_panel_output_key(&d, G_KEY_RIGHT);
    g_panel_output_key(&d, G_KEY_RIGHT);
    g_panel_output_key(&d, G_KEY_RIGHT);
    ck_assert_int_eq(d.view.hscroll, 40);
    g_canvas_clear(&c);
    g_panel_output(&c, (GRect){ 0, 0, 32, 6 }, &d, false);
    ck_assert_msg(strstr(row(&c, 1), "│eads 3.91s, speedup 0.99x "), "%s", row(&c, 1));
    ck_assert(strstr(row(&c, 0), "cut, scrolled"));
    for (int i = 0; i < 9; i++)
        g_panel_output_key(&d, G_KEY_LEFT);
    ck_assert_int_eq(d.view.hscroll, 0);
    g_canvas_free(&c);
    g_outbuf_free(out);
    free(out);
}
END_TEST

static Suite *tui_suite(void)
{
    Suite *s = suite_create("tui");
    TCase *tc = tcase_create("offscreen");
    tcase_add_test(tc, test_fmt_count);
    tcase_add_test(tc, test_fmt_ns_and_percent);
    tcase_add_test(tc, test_sparkline_glyphs);
    tcase_add_test(tc, test_canvas_text_cuts_and_cleans);
    tcase_add_test(tc, test_name_cut_keeps_the_number);
    tcase_add_test(tc, test_outbuf_makes_output_harmless);
    tcase_add_test(tc, test_outbuf_keeps_the_newest_lines);
    tcase_add_test(tc, test_model_timeline_sums_states);
    tcase_add_test(tc, test_model_rates_and_switches);
    tcase_add_test(tc, test_timeline_cell_glyphs);
    tcase_add_test(tc, test_layout_80x24);
    tcase_add_test(tc, test_locks_container_waits_only);
    tcase_add_test(tc, test_alert_keeps_file_and_line);
    tcase_add_test(tc, test_layout_too_small_and_large);
    tcase_add_test(tc, test_view_keys);
    tcase_add_test(tc, test_help_from_bindings);
    tcase_add_test(tc, test_output_wraps_and_scrolls);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");   /* the canvas asks wcwidth about UTF-8 text */
    SRunner *sr = srunner_create(tui_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
