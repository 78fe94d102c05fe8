/* tracefile.c -- writing and reading --trace files (tracefile.h draws the format),
 * and the `gilt trace` command.
 *
 * Numbers are written in the machine's byte order; gilt runs on little-endian
 * machines (x86-64, ARM64), which is what the format specifies.  The reader checks
 * every length against what is left of the file, so a truncated or corrupt file
 * gives a clear error or a clean stop, never a crash.
 */
#include "trace/tracefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "trace/stats.h"

static void put_u32(FILE *f, uint32_t v) { fwrite(&v, 4, 1, f); }
static void put_u64(FILE *f, uint64_t v) { fwrite(&v, 8, 1, f); }

FILE *g_tracefile_create(const char *path, uint64_t flags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return NULL;
    fchmod(fd, 0600);   /* an existing file keeps its old mode through O_TRUNC */
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        return NULL;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    fwrite(G_TRACE_MAGIC, 8, 1, f);   /* with its NUL */
    put_u32(f, G_TRACE_VERSION);
    put_u32(f, 32);
    put_u64(f, (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec);
    put_u64(f, flags);
    fflush(f);
    return f;
}

void g_tracefile_write_string(FILE *f, uint32_t id, const char *s)
{
    size_t n = strlen(s);
    put_u32(f, G_REC_STRING);
    put_u32(f, (uint32_t)(4 + n));
    put_u32(f, id);
    fwrite(s, 1, n, f);
}

void g_tracefile_write_events(FILE *f, const GEvent *ev, size_t n)
{
    if (!n)
        return;
    put_u32(f, G_REC_EVENTS);
    put_u32(f, (uint32_t)(n * sizeof(GEvent)));
    fwrite(ev, sizeof(GEvent), n, f);
    fflush(f);   /* a whole record on disk: the file stays readable if we die */
}

void g_tracefile_write_end(FILE *f, uint64_t dropped, uint64_t last_t)
{
    put_u32(f, G_REC_END);
    put_u32(f, 16);
    put_u64(f, dropped);
    put_u64(f, last_t);
    fflush(f);
}

/* ---- reading ---- */

static int fail(char *err, size_t errlen, const char *fmt, const char *arg)
{
    snprintf(err, errlen, fmt, arg);
    return -1;
}

int g_tracefile_read(const char *path, GTraceData *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "can't open '%s': %s", path, strerror(errno));
        return -1;
    }
    char magic[8];
    uint32_t version, hsize;
    uint64_t start, flags;
    if (fread(magic, 8, 1, f) != 1 || memcmp(magic, G_TRACE_MAGIC, 8) != 0 || fread(&version, 4, 1, f) != 1 ||
        fread(&hsize, 4, 1, f) != 1 || fread(&start, 8, 1, f) != 1 || fread(&flags, 8, 1, f) != 1) {
        fclose(f);
        return fail(err, errlen, "'%s' is not a gilt trace file", path);
    }
    if (version != G_TRACE_VERSION || hsize < 32) {
        fclose(f);
        return fail(err, errlen, "'%s' was written by another version of gilt (trace format not understood)", path);
    }
    if (hsize > 32)
        fseek(f, (long)(hsize - 32), SEEK_CUR);
    out->flags = flags;
    out->start_unix_ns = start;
    size_t cap = 0;
    for (;;) {
        uint32_t type, len;
        if (fread(&type, 4, 1, f) != 1 || fread(&len, 4, 1, f) != 1)
            break;                          /* end of file (or a cut-off record header) */
        char *payload = malloc(len ? len : 1);
        if (!payload || fread(payload, 1, len, f) != len) {
            free(payload);
            break;                          /* a record cut short: stop at the last whole one */
        }
        if (type == G_REC_EVENTS) {
            size_t n = len / sizeof(GEvent);
            if (out->nevents + n > cap) {
                while (out->nevents + n > cap)
                    cap = cap ? cap * 2 : 4096;
                GEvent *e = realloc(out->events, cap * sizeof *e);
                if (!e) {
                    free(payload);
                    fclose(f);
                    return fail(err, errlen, "out of memory reading '%s'", path);
                }
                out->events = e;
            }
            memcpy(out->events + out->nevents, payload, n * sizeof(GEvent));
            out->nevents += n;
        } else if (type == G_REC_STRING && len >= 4) {
            uint32_t id;
            memcpy(&id, payload, 4);
            if (id < (1u << 24)) {
                if (id >= out->nstrings) {
                    uint32_t n = out->nstrings ? out->nstrings : 64;
                    while (n <= id)
                        n *= 2;
                    char **s = realloc(out->strings, n * sizeof *s);
                    if (!s) {
                        free(payload);
                        fclose(f);
                        return fail(err, errlen, "out of memory reading '%s'", path);
                    }
                    memset(s + out->nstrings, 0, (n - out->nstrings) * sizeof *s);
                    out->strings = s;
                    out->nstrings = n;
                }
                free(out->strings[id]);
                out->strings[id] = strndup(payload + 4, len - 4);
            }
        } else if (type == G_REC_END && len >= 16) {
            memcpy(&out->dropped, payload, 8);
            out->finished = true;
        }
        free(payload);
    }
    fclose(f);
    return 0;
}

void g_tracefile_free(GTraceData *d)
{
    for (uint32_t i = 0; i < d->nstrings; i++)
        free(d->strings[i]);
    free(d->strings);
    free(d->events);
    memset(d, 0, sizeof *d);
}

const char *g_tracedata_string(const GTraceData *d, uint32_t id)
{
    return id < d->nstrings && d->strings[id] ? d->strings[id] : "?";
}

static const char *name_from_file(uint32_t id, const void *ctx) { return g_tracedata_string(ctx, id); }

int g_trace_command(int argc, char **argv)
{
    const char *file = NULL, *perfetto = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--perfetto") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "gilt trace: --perfetto needs an output file\n");
                return 2;
            }
            perfetto = argv[++i];
        } else if (!file && argv[i][0] != '-') {
            file = argv[i];
        } else {
            fprintf(stderr, "gilt trace: unknown argument %s\nusage: gilt trace FILE [--perfetto OUT.json]\n", argv[i]);
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "usage: gilt trace FILE [--perfetto OUT.json]\n");
        return 2;
    }
    GTraceData d;
    char err[512];
    if (g_tracefile_read(file, &d, err, sizeof err) < 0) {
        fprintf(stderr, "gilt trace: %s\n", err);
        return 1;
    }
    int status = 0;
    if (perfetto) {
        FILE *out = strcmp(perfetto, "-") == 0 ? stdout : fopen(perfetto, "w");
        if (!out) {
            fprintf(stderr, "gilt trace: can't write '%s': %s\n", perfetto, strerror(errno));
            status = 1;
        } else {
            if (g_trace_write_perfetto(&d, out) != 0 || (out != stdout ? fclose(out) : fflush(out)) != 0) {
                fprintf(stderr, "gilt trace: writing '%s' failed\n", perfetto);
                status = 1;
            }
        }
    } else {
        GStats s;
        g_stats_init(&s);
        for (size_t i = 0; i < d.nevents; i++)
            g_stats_apply(&s, &d.events[i]);
        s.dropped = d.dropped;
        char title[600];
        snprintf(title, sizeof title, "%s, GIL %s at start%s", file, (d.flags & 1) ? "on" : "off",
                 d.finished ? "" : " (the file ends early: the program did not finish writing it)");
        g_stats_print(&s, stdout, title, name_from_file, &d);
        g_stats_free(&s);
    }
    g_tracefile_free(&d);
    return status;
}
