/* utf8.h -- encoding and decoding one UTF-8 character (objects/strbuf.c).
 *
 * A header of its own so that code outside objects/ that needs only these two (the
 * dashboard's canvas) does not take in the whole object API.
 */
#ifndef GILT_UTF8_H
#define GILT_UTF8_H

#include <stddef.h>
#include <stdint.h>

int g_utf8_encode(uint32_t cp, char *out);             /* bytes written (1-4) */
int g_utf8_decode(const char *s, size_t n, uint32_t *cp); /* bytes used, or -1 */

#endif
