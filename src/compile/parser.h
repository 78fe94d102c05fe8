/* parser.h -- the parser's entry points (see parser.c). */
#ifndef GILT_PARSER_H
#define GILT_PARSER_H

#include "compile/ast.h"
#include "compile/lexer.h"

/* Parse a whole file's tokens into an N_MODULE node.  NULL with *err filled in. */
GNode *g_parse_tokens(GTokens *toks, GArena *arena, GSyntaxError *err);
/* Parse one expression from text that sits at (line, col) of the file. */
GNode *g_parse_expression_text(const char *text, size_t len, int line, int col, GArena *arena,
                               GSyntaxError *err);
/* Decode backslash escapes of a string body (lexer.c). */
int g_decode_escapes(const char *s, size_t n, GBuf *b, char *errmsg, size_t errlen);

#endif
