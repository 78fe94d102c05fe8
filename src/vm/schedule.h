/* schedule.h -- a schedule: which thread takes each step of a controlled run.
 *
 * In memory, a list of entries: a step ("thread 1 runs next"), or an expansion
 * ("from here on, step thread 1's current line by instruction": grain line only).
 * A step may carry a note saying what it did, e.g. "T1  bank.py:8  STORE_ATTR
 * balance"; a replay compares the notes (vm/step.c) and stops where they differ.
 *
 * As text, run-length steps: "0*4,1*4,e1,1*2,0*3" -- thread 0 for 4 steps, then
 * thread 1 for 4, expand thread 1's line, thread 1 for 2 more, thread 0 for 3.
 * Thread 0 is the main thread, then threads in the order they were started.
 *
 * As a file (version 1):
 *
 *   gilt-schedule 1 gilt 0.1.0 sha256 <64 hex digits> grain op
 *   0*4,1*4,0*3
 *   # 1  T0  bank.py:3  LOAD_CONST 100
 *   # 2  T0  bank.py:3  STORE_NAME balance
 *   ...
 *
 * The first line is the header: the format's version, gilt's version, the SHA-256 of
 * the program the schedule was taken on, and the grain.  Then the steps, on as many
 * lines as they need; then one comment line per step, numbered from 1.  Blank lines
 * are ignored.  Anything else is an error that names its line.
 */
#ifndef GILT_SCHEDULE_H
#define GILT_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { G_GRAIN_OP, G_GRAIN_LINE } GGrain;

#define G_SCHEDULE_VERSION 1
#define G_SCHEDULE_MAX_THREAD 99999
#define G_SCHEDULE_MAX_STEPS 100000000

typedef struct GSchedEntry {
    int thread;          /* who runs this step, or whose line to expand */
    bool expand;         /* an expansion, not a step */
    char *note;          /* a step's note (owned), or NULL */
} GSchedEntry;

typedef struct GSchedule {
    GSchedEntry *e;
    size_t n, cap;
    size_t nsteps;       /* entries that are steps */
    int grain;           /* G_GRAIN_*, or -1: not said (an inline schedule) */
    char sha256[65];     /* the program's, or "" */
    char gilt_version[32];
} GSchedule;

void g_schedule_init(GSchedule *s);
void g_schedule_free(GSchedule *s);
/* Append an entry (note copied; may be NULL). */
void g_schedule_add(GSchedule *s, int thread, bool expand, const char *note);
/* Drop the last step (and the expansions just before it). */
void g_schedule_pop(GSchedule *s);

/* Parse run-length steps, appending to s.  false: err says what is wrong. */
bool g_schedule_parse_steps(GSchedule *s, const char *text, char *err, size_t errn);
/* Read a schedule file.  false: err says what is wrong, with the line number. */
bool g_schedule_read_file(const char *path, GSchedule *s, char *err, size_t errn);
/* The argument of --schedule: a file if one exists by that name, else inline steps. */
bool g_schedule_load(const char *arg, GSchedule *s, char *err, size_t errn);
/* The steps in run-length form, lines of at most `width` characters ("" if none). */
void g_schedule_write_steps(const GSchedule *s, FILE *out, int width);
/* Write a schedule file for the program at `program` (its SHA-256 goes in the header). */
bool g_schedule_save(const char *path, const GSchedule *s, GGrain grain, const char *program,
                     char *err, size_t errn);

/* The SHA-256 of a file as 64 hex digits; false if it cannot be read. */
bool g_sha256_file(const char *path, char out[65]);
void g_sha256(const void *data, size_t n, char out[65]);

#endif
