/* tracefile.h -- the --trace file: writing it while the program runs, reading it back.
 *
 * Format, version 1 (docs/instrumentation.md has the full description):
 *
 *   header   "GILTTRC\0"  u32 version=1  u32 header bytes=32  u64 start (unix ns)  u64 flags
 *   records  u32 type  u32 payload bytes  payload...
 *              1 EVENTS   n x 32-byte events (events.h), little-endian
 *              2 STRING   u32 number, then the string's UTF-8 bytes
 *              3 END      u64 events dropped, u64 time of the last event (ns)
 *
 * Records are appended as the collector drains, so a file cut short (a crash, a
 * kill) is still readable up to its last whole record; END says it was finished.
 * A string is always written before the first event that names it.
 */
#ifndef GILT_TRACEFILE_H
#define GILT_TRACEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/events.h"

#define G_TRACE_MAGIC "GILTTRC"
#define G_TRACE_VERSION 1u

enum { G_REC_EVENTS = 1, G_REC_STRING = 2, G_REC_END = 3 };

/* Writing (trace.c calls these under its drain lock). */
FILE *g_tracefile_create(const char *path, uint64_t flags);   /* mode 0600; NULL + errno on failure */
void g_tracefile_write_string(FILE *f, uint32_t id, const char *s);
void g_tracefile_write_events(FILE *f, const GEvent *ev, size_t n);
void g_tracefile_write_end(FILE *f, uint64_t dropped, uint64_t last_t);

/* Reading: the whole file, as events and a string table. */
typedef struct GTraceData {
    uint64_t flags, start_unix_ns;
    GEvent *events;
    size_t nevents;
    char **strings;           /* by number; NULL where none */
    uint32_t nstrings;
    bool finished;            /* an END record was found */
    uint64_t dropped;
} GTraceData;

/* 0 on success; -1 with a message in err (not a trace, a newer version, unreadable). */
int g_tracefile_read(const char *path, GTraceData *out, char *err, size_t errlen);
void g_tracefile_free(GTraceData *d);
const char *g_tracedata_string(const GTraceData *d, uint32_t id);

/* `gilt trace FILE [--perfetto OUT.json]`: returns the exit status. */
int g_trace_command(int argc, char **argv);
/* Chrome Trace Event JSON for ui.perfetto.dev; 0 on success. */
int g_trace_write_perfetto(const GTraceData *d, FILE *out);

#endif
