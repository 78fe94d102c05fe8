/* debug.h -- every debug switch and tunable limit, in one place.
 *
 * Change a value here and rebuild; nothing else in the tree hard-codes these.
 */
#ifndef GILT_DEBUG_H
#define GILT_DEBUG_H

/* The largest single allocation gilt will ask for (bytes).  Bigger requests raise
 * MemoryError at once. */
#define GILT_MAX_ALLOC ((size_t)1 << 36)

/* Bytes of C stack kept free below the deepest check point.  A check that finds the
 * stack pointer inside this margin raises RecursionError. */
#define GILT_STACK_MARGIN (256 * 1024)

/* Default sys.getrecursionlimit(), as in CPython. */
#define GILT_DEFAULT_RECURSION_LIMIT 1000

/* Deepest nesting of brackets and blocks the parser accepts (CPython: 200). */
#define GILT_MAX_PARSE_DEPTH 200

/* Statically nested blocks per function (CPython: 20). */
#define GILT_MAX_BLOCKS 20

/* GILT_DEBUG_REFCOUNT: poison freed objects' headers to catch use-after-free. */
#ifndef GILT_DEBUG_REFCOUNT
#define GILT_DEBUG_REFCOUNT 0
#endif

#endif
