/* explore_story.h -- the story of a failing schedule, for a student to read.
 *
 * The last run of a search (explore_cli.c) records each shared read and write it
 * made (vm/explore.c: "step thread line r|w location value object", a line each).
 * This turns that into a table with a column per thread, in the order the steps
 * ran, with each thread's source line above its accesses and a mark where the
 * threads switched -- and, when one thread wrote back a value computed from what
 * it read before another thread's write, a sentence saying whose update was lost.
 */
#ifndef GILT_EXPLORE_STORY_H
#define GILT_EXPLORE_STORY_H

#include <stddef.h>
#include <stdio.h>

/* Print the story of `account` (the program at `path` has the text src[0..len)). */
void g_explore_story(const char *src, size_t len, const char *path, const char *account, FILE *out);

#endif
