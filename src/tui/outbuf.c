/* outbuf.c -- capturing the script's output as clean lines (outbuf.h). */
#include "tui/outbuf.h"

#include <stdlib.h>
#include <string.h>

void g_outbuf_init(GOutBuf *b) { memset(b, 0, sizeof *b); }

void g_outbuf_free(GOutBuf *b)
{
    for (uint64_t i = 0; i < b->count; i++)
        free(b->lines[(b->first + i) % G_OUTBUF_LINES].text);
    for (int s = 0; s < 2; s++)
        free(b->stream[s].partial);
    memset(b, 0, sizeof *b);
}

static void push_char(GOutStream *s, char c)
{
    if (s->len + 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 128;
        char *p = realloc(s->partial, cap);
        if (!p)
            return;   /* out of memory: the character is lost, nothing breaks */
        s->partial = p;
        s->cap = cap;
    }
    s->partial[s->len++] = c;
    s->partial[s->len] = 0;
}

static void end_line(GOutBuf *b, bool is_err)
{
    GOutStream *s = &b->stream[is_err];
    char *text = strdup(s->len ? s->partial : "");
    s->len = 0;
    if (s->partial)
        s->partial[0] = 0;
    if (!text)
        return;
    if (b->count == G_OUTBUF_LINES) {
        free(b->lines[b->first % G_OUTBUF_LINES].text);
        b->first++;
        b->count--;
    }
    b->lines[(b->first + b->count) % G_OUTBUF_LINES] = (GOutLine){ text, is_err };
    b->count++;
}

void g_outbuf_feed(GOutBuf *b, const char *data, size_t n, bool is_err)
{
    GOutStream *s = &b->stream[is_err];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (s->esc == 1) {               /* after ESC: '[' starts a CSI sequence */
            s->esc = c == '[' ? 2 : 0;
            continue;
        }
        if (s->esc == 2) {               /* CSI: parameters until a final byte @..~ */
            if (c >= 0x40 && c <= 0x7E)
                s->esc = 0;
            continue;
        }
        if (c == 0x1B)
            s->esc = 1;
        else if (c == '\n')
            end_line(b, is_err);
        else if (c == '\r')
            s->len = 0;                  /* a progress line starts again */
        else if (c == '\t')
            do
                push_char(s, ' ');
            while (s->len % 8);
        else if (c < 0x20 || c == 0x7F)
            push_char(s, '?');
        else
            push_char(s, (char)c);       /* UTF-8 bytes pass; the canvas checks them */
    }
}

void g_outbuf_flush(GOutBuf *b)
{
    for (int e = 0; e < 2; e++)
        if (b->stream[e].len)
            end_line(b, e);
}

uint64_t g_outbuf_count(const GOutBuf *b) { return b->count; }

const GOutLine *g_outbuf_line(const GOutBuf *b, uint64_t i)
{
    return i < b->count ? &b->lines[(b->first + i) % G_OUTBUF_LINES] : NULL;
}
