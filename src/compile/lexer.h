/* lexer.h -- tokens.
 *
 * The lexer turns source text into an array of tokens in one pass.  Python's layout
 * rules live here: NEWLINE ends a logical line (but not inside brackets or after a
 * backslash), INDENT and DEDENT bracket every indented block, blank lines and
 * comments vanish.  Strings (with prefixes r, f, rf, ...) and numbers arrive as one
 * token each; an f-string's pieces are split later by the parser.
 */
#ifndef GILT_LEXER_H
#define GILT_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "objects/objects.h"

typedef enum {
    T_EOF, T_NEWLINE, T_INDENT, T_DEDENT, T_NAME, T_NUMBER, T_STRING,
    /* keywords */
    T_FALSE, T_NONE, T_TRUE, T_AND, T_AS, T_ASSERT, T_ASYNC, T_AWAIT, T_BREAK, T_CLASS,
    T_CONTINUE, T_DEF, T_DEL, T_ELIF, T_ELSE, T_EXCEPT, T_FINALLY, T_FOR, T_FROM, T_GLOBAL,
    T_IF, T_IMPORT, T_IN, T_IS, T_LAMBDA, T_NONLOCAL, T_NOT, T_OR, T_PASS, T_RAISE,
    T_RETURN, T_TRY, T_WHILE, T_WITH, T_YIELD,
    /* operators and delimiters */
    T_LPAR, T_RPAR, T_LSQB, T_RSQB, T_LBRACE, T_RBRACE, T_COLON, T_COMMA, T_SEMI,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_VBAR, T_AMPER, T_LESS, T_GREATER, T_EQUAL, T_DOT,
    T_PERCENT, T_EQEQUAL, T_NOTEQUAL, T_LESSEQUAL, T_GREATEREQUAL, T_TILDE, T_CIRCUMFLEX,
    T_LEFTSHIFT, T_RIGHTSHIFT, T_DOUBLESTAR, T_PLUSEQUAL, T_MINEQUAL, T_STAREQUAL,
    T_SLASHEQUAL, T_PERCENTEQUAL, T_AMPEREQUAL, T_VBAREQUAL, T_CIRCUMFLEXEQUAL,
    T_LEFTSHIFTEQUAL, T_RIGHTSHIFTEQUAL, T_DOUBLESTAREQUAL, T_DOUBLESLASH,
    T_DOUBLESLASHEQUAL, T_AT, T_ATEQUAL, T_RARROW, T_ELLIPSIS, T_COLONEQUAL,
    T_COUNT
} GTokKind;

typedef struct GToken {
    GTokKind kind;
    int line, col, end_line, end_col;   /* 1-based lines, 0-based byte columns */
    const char *start;                  /* into the source */
    size_t len;
    GObject *value;                     /* NUMBER: int/float; STRING: str (f-strings: raw body) */
    bool fstring;                       /* STRING with an f prefix */
    bool raw;                           /* STRING with an r prefix */
    bool bytes;                         /* STRING with a b prefix: value is bytes */
    bool non_ascii;                     /* ... whose body holds a non-ASCII character (the parser's error) */
    int body_line, body_col;            /* where an f-string's body starts */
} GToken;

typedef struct GTokens {
    GToken *toks;
    size_t n, cap;
} GTokens;

/* A syntax error found while compiling.  `kind` is the exception type. */
typedef struct GSyntaxError {
    GType *kind;
    char msg[256];
    int line, col, end_line, end_col;   /* col 0-based; -1: unknown */
} GSyntaxError;

/* The lexer's message for a NUL byte in the source (CPython's). */
#define G_NUL_BYTES_MSG "source code cannot contain null bytes"

/* Tokenize.  Returns 0, or -1 with *err filled in. */
int g_tokenize(const char *src, size_t len, GTokens *out, GSyntaxError *err);
void g_tokens_free(GTokens *t);
const char *g_token_name(GTokKind k);

#endif
