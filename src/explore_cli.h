/* explore_cli.h -- `gilt --explore FILE`: search the schedules of a program for one
 * that fails, shrink it, save it, and tell its story (explore_cli.c); and the
 * grading of "fix it" exercises, which is the same search finding nothing.
 *
 *   gilt --explore FILE [--strategy dfs|pct|random] [--preemptions K] [--depth D]
 *                       [--runs N] [--time S] [--seed N] [--save-schedule OUT]
 *
 * Exit status: 1 a failing schedule was found (and saved), 0 none within the bound,
 * 2 bad input (a syntax error, a program that does not stop within the budget).
 */
#ifndef GILT_EXPLORE_CLI_H
#define GILT_EXPLORE_CLI_H

#include <stddef.h>

#include "sched_cli.h"

struct GCode;
/* Runs the program (its text, and its code compiled from it) as main.c does, in a
 * child process; returns its exit status. */
typedef int (*GRunProgram)(const char *src, size_t len, const char *path, struct GCode *co);

/* --explore: the search.  The interpreter is up and has run nothing. */
int g_explore_main(GSchedCli *c, const char *path, const char *src, size_t len, GRunProgram run);
/* --check on a fix exercise: the search (dfs to bound 2, then PCT runs), then a
 * run under the race detector; prints the verdict.  0 fixed, 1 not, 2 bad input. */
int g_explore_check_fix(GSchedCli *c, const char *path, const char *src, size_t len, GRunProgram run);

#endif
