/* exercise.h -- a race-condition exercise's header, and checking its goal.
 *
 * An exercise is a plain Python file whose first comment lines say what it is
 * (docs/exercises.md has the whole format):
 *
 *   # title: Lost update
 *   # teaches: count += 1 is a read, an add and a write; a switch between them loses one
 *   # goal: invariant count == 2
 *   # grain: line
 *   # budget: 200
 *   # watch: count
 *   # hint: at line grain every update survives -- expand the line with 'e'
 *
 * The goal is what the student must make happen:
 *
 *   invariant EXPR   EXPR is false when the program ends
 *   always EXPR      EXPR is false after some step
 *   critical         two threads inside `with gilt.critical():` at once
 *   deadlock         every thread blocked for good
 *   exception        an uncaught exception ends a thread (a failed assert, say)
 *   livelock         the step budget runs out before the program ends
 *
 * or, in a "fix it" exercise, what the student must make impossible:
 *
 *   fix [EXPR]       no schedule makes EXPR false at the end, fails an assert, kills a
 *                    thread with an exception, deadlocks or spends the budget, and the
 *                    race detector finds nothing (graded by search: explore_cli.c)
 *
 * A line "#   more" (two spaces or more after the '#') continues the field above it.
 */
#ifndef GILT_EXERCISE_H
#define GILT_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "objects/object.h"

typedef enum { G_GOAL_NONE, G_GOAL_INVARIANT, G_GOAL_ALWAYS, G_GOAL_CRITICAL, G_GOAL_DEADLOCK,
               G_GOAL_EXCEPTION, G_GOAL_LIVELOCK, G_GOAL_FIX } GGoalKind;

#define G_EXERCISE_MAX_WATCH 12
#define G_EXERCISE_MAX_HINTS 6
#define G_EXERCISE_DEFAULT_BUDGET 2000

typedef struct GExercise {
    char title[120];
    char teaches[400];
    GGoalKind goal;
    char expr[300];                /* invariant / always */
    int grain;                     /* G_GRAIN_*, or -1 if the header does not say */
    uint64_t budget;               /* 0 if the header does not say */
    char watch[G_EXERCISE_MAX_WATCH][80];
    int nwatch;
    char hints[G_EXERCISE_MAX_HINTS][400];
    int nhints;
} GExercise;

/* Read the header.  Returns 1 if src is an exercise (it has a goal), 0 if it has no
 * header at all, -1 if the header is malformed (err says where). */
int g_exercise_parse(const char *src, size_t len, GExercise *ex, char *err, size_t errn);

/* The goal in words: "make `count == 2` false at the end". */
void g_exercise_goal_text(const GExercise *ex, char *buf, size_t n);

/* Evaluate an expression of the exercise (a watched name, an invariant) in the
 * program's main module, with scheduling points off.  A new str: its repr, or the
 * error it raised ("NameError: ..."); *ok false in that case.  NULL: out of memory. */
GObject *g_exercise_eval_repr(const char *expr, bool *ok);
/* 1 if the expression is true, 0 if false, -1 if it raised (err says what). */
int g_exercise_eval_truth(const char *expr, char *err, size_t errn);

#endif
