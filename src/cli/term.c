/*
 * term.c - text for people never carries control characters.
 *
 * Every writer of text meant for a terminal (diagnostics, the text report,
 * show, sources, topics) writes through ct_cli_term_open: a stream that
 * escapes each control character before it reaches the terminal, where an
 * ESC sequence from a claim file could recolour the report, move the cursor
 * or set the window title, and a carriage return could hide text.  The
 * bidirectional controls U+202A-U+202E and U+2066-U+2069, which can make a
 * terminal show text in another order than it has ("Trojan Source"), are
 * escaped the same way.
 */
#define _GNU_SOURCE /* fopencookie */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sequences claimtrack writes itself: the text report's colours and the
 * progress line's "clear to end of line".  With colour on, they pass
 * unchanged (claim files cannot carry them: validation refuses control
 * characters); otherwise they are escaped like any other. */
static const char *const passthrough[] = {"\033[0m",  "\033[1m",  "\033[2m", "\033[31m",
                                          "\033[33m", "\033[36m", "\r\033[K"};
#define N_PASSTHROUGH (sizeof passthrough / sizeof passthrough[0])

typedef struct {
    FILE *under;
    int colour;            /* the passthrough sequences pass */
    unsigned char pend[8]; /* a possible start of a passthrough sequence or of a C1 character */
    size_t npend;
} term_cookie;

static int is_prefix(const term_cookie *t, const unsigned char *s, size_t n, int *exact)
{
    int any = 0;
    *exact = 0;
    for (size_t i = 0; t->colour && i < N_PASSTHROUGH; i++) {
        size_t k = strlen(passthrough[i]);
        if (n <= k && memcmp(s, passthrough[i], n) == 0) {
            any = 1;
            if (n == k)
                *exact = 1;
        }
    }
    return any;
}

/* 1 when p[0..n) is a bidirectional control (n == 3), or could begin one. */
static int bidi_prefix(const unsigned char *p, size_t n)
{
    if (n < 1 || p[0] != 0xE2)
        return 0;
    if (n == 1)
        return 1;
    if (p[1] != 0x80 && p[1] != 0x81)
        return 0;
    if (n == 2)
        return 1;
    return (p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
           (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9);
}

/* Write pend[0] (and the rest of a C1 character or bidirectional control)
 * escaped; drop them. */
static void emit_first(term_cookie *t, char *out, size_t *o)
{
    unsigned char b = t->pend[0];
    size_t used = 1;
    if (t->npend >= 3 && bidi_prefix(t->pend, 3)) {
        unsigned cp = 0x2000u | ((t->pend[1] & 0x3Fu) << 6) | (t->pend[2] & 0x3Fu);
        *o += (size_t)snprintf(out + *o, 8, "\\u%04x", cp);
        used = 3;
    } else if (b == 0xC2 && t->npend >= 2 && t->pend[1] >= 0x80 && t->pend[1] <= 0x9F) {
        *o += (size_t)snprintf(out + *o, 8, "\\u%04x", (unsigned)t->pend[1]); /* C1 control */
        used = 2;
    } else if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) {
        *o += (size_t)snprintf(out + *o, 8, "\\x%02x", (unsigned)b);
    } else {
        out[(*o)++] = (char)b;
    }
    memmove(t->pend, t->pend + used, t->npend - used);
    t->npend -= used;
}

/* Resolve the pending bytes as far as they can be; `final`: all of them. */
static void settle(term_cookie *t, char *out, size_t *o, int final)
{
    while (t->npend) {
        int exact;
        if (is_prefix(t, t->pend, t->npend, &exact)) {
            if (exact) {
                memcpy(out + *o, t->pend, t->npend);
                *o += t->npend;
                t->npend = 0;
                return;
            }
            if (!final)
                return; /* wait for more */
        } else if (t->npend == 1 && t->pend[0] == 0xC2 && !final) {
            return;
        } else if (t->npend < 3 && bidi_prefix(t->pend, t->npend) && !final) {
            return; /* perhaps a bidirectional control: wait for its last byte */
        }
        emit_first(t, out, o);
    }
}

static ssize_t term_write(void *cookie, const char *buf, size_t n)
{
    term_cookie *t = cookie;
    char out[4096 + 64];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (!t->npend && b >= 0x20 && b != 0x7F && b != 0xC2 && b != 0xE2) {
            out[o++] = (char)b; /* the common case */
        } else {
            t->pend[t->npend++] = b;
            settle(t, out, &o, t->npend == sizeof t->pend);
        }
        if (o >= 4096) {
            if (fwrite(out, 1, o, t->under) != o)
                return -1;
            o = 0;
        }
    }
    if (o && fwrite(out, 1, o, t->under) != o)
        return -1;
    if (fflush(t->under) != 0)
        return -1;
    return (ssize_t)n;
}

static int term_close(void *cookie)
{
    term_cookie *t = cookie;
    char out[64];
    size_t o = 0;
    settle(t, out, &o, 1);
    int rc = o && fwrite(out, 1, o, t->under) != o ? -1 : 0;
    if (fflush(t->under) != 0)
        rc = -1;
    free(t);
    return rc;
}

FILE *ct_cli_term_open(FILE *under, int colour)
{
    term_cookie *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->under = under;
    t->colour = colour;
    cookie_io_functions_t io = {NULL, term_write, NULL, term_close};
    FILE *fp = fopencookie(t, "w", io);
    if (!fp) {
        free(t);
        return NULL;
    }
    return fp;
}

int ct_cli_term_close(FILE *fp, FILE *under)
{
    if (!fp || fp == under)
        return 0;
    int bad = ferror(fp);
    return fclose(fp) != 0 || bad ? -1 : 0;
}
