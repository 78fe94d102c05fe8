/* outbuf.h -- the script's captured output, as lines the output panel can draw.
 *
 * Under the dashboard the script's stdout and stderr are pipes that the dashboard
 * reads (dash.c).  Bytes are cut into lines here and made harmless: escape
 * sequences are dropped, tabs become spaces, a carriage return starts the line
 * again, other control characters become '?'.  So whatever the script prints,
 * it cannot move the cursor or change colours on the dashboard's screen.
 *
 * The newest G_OUTBUF_LINES lines are kept; older ones are counted as lost.
 */
#ifndef GILT_OUTBUF_H
#define GILT_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define G_OUTBUF_LINES 5000

typedef struct GOutLine {
    char *text;
    bool is_err;
} GOutLine;

typedef struct GOutStream {
    char *partial;              /* the line being built */
    size_t len, cap;
    int esc;                    /* inside an escape sequence: 1 after ESC, 2 after ESC [ */
} GOutStream;

typedef struct GOutBuf {
    GOutLine lines[G_OUTBUF_LINES];   /* a ring: the oldest is at first % G_OUTBUF_LINES */
    uint64_t first, count;            /* lines dropped before `first`; lines held */
    GOutStream stream[2];             /* 0 stdout, 1 stderr */
} GOutBuf;

void g_outbuf_init(GOutBuf *b);
void g_outbuf_free(GOutBuf *b);
/* Bytes read from stdout (is_err false) or stderr. */
void g_outbuf_feed(GOutBuf *b, const char *data, size_t n, bool is_err);
/* End unfinished lines (the script ended without a final newline). */
void g_outbuf_flush(GOutBuf *b);
/* Line i of the held ones, 0 the oldest; NULL past the end. */
const GOutLine *g_outbuf_line(const GOutBuf *b, uint64_t i);
/* Including an unfinished line of each stream, shown as it is so far. */
uint64_t g_outbuf_count(const GOutBuf *b);

#endif
