/*
 * jsonpos.c - where in a JSON text a JSON pointer's value starts (line and
 * column), for diagnostics: the tree jansson builds keeps no positions, so the
 * text is walked again, skipping every value off the pointer's path.
 */
#include "util/jsonpos.h"

#include <string.h>

typedef struct {
    const char *p, *end;
} cursor;

static void skip_space(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

/* Past the string starting at c->p (at its opening quote); -1 when unterminated. */
static int skip_string(cursor *c)
{
    for (c->p++; c->p < c->end; c->p++) {
        if (*c->p == '\\')
            c->p++;
        else if (*c->p == '"') {
            c->p++;
            return 0;
        }
    }
    return -1;
}

/* Past the value starting at c->p: a string whole, a container to its
 * closing bracket (strings inside skipped whole), a literal to its end. */
static int skip_value(cursor *c)
{
    if (c->p >= c->end)
        return -1;
    if (*c->p == '"')
        return skip_string(c);
    if (*c->p != '{' && *c->p != '[') {
        while (c->p < c->end && !strchr(",}] \t\r\n", *c->p))
            c->p++;
        return 0;
    }
    size_t depth = 0;
    while (c->p < c->end) {
        char ch = *c->p;
        if (ch == '"') {
            if (skip_string(c) < 0)
                return -1;
            continue;
        }
        c->p++;
        if (ch == '{' || ch == '[')
            depth++;
        else if ((ch == '}' || ch == ']') && --depth == 0)
            return 0;
    }
    return -1;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* One \uXXXX escape at s (past the backslash and 'u'); -1 when malformed. */
static long read_hex4(const char *s, const char *end)
{
    if (end - s < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(s[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* 1 when the string at c->p (its opening quote) decodes to key[0..n); the
 * cursor ends past the string either way; -1 when malformed. */
static int string_equals(cursor *c, const char *key, size_t n)
{
    size_t at = 0;
    int same = 1;
    for (c->p++; c->p < c->end; c->p++) {
        char buf[4];
        size_t k = 1;
        buf[0] = *c->p;
        if (*c->p == '"') {
            c->p++;
            return same && at == n;
        }
        if (*c->p == '\\') {
            if (++c->p >= c->end)
                return -1;
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *e = strchr(from, *c->p);
            if (*c->p == 'u') {
                long cp = read_hex4(c->p + 1, c->end);
                if (cp < 0)
                    return -1;
                c->p += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && c->end - c->p > 6 && c->p[1] == '\\' &&
                    c->p[2] == 'u') {
                    long lo = read_hex4(c->p + 3, c->end);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        c->p += 6;
                    }
                }
                k = put_utf8(buf, (unsigned long)cp);
            } else if (e && *c->p) {
                buf[0] = to[e - from];
            } else {
                return -1;
            }
        }
        if (at + k > n || memcmp(key + at, buf, k) != 0)
            same = 0;
        else
            at += k;
    }
    return -1;
}

/* The next pointer token from *ptr (past its '/'), unescaped (~1 is '/', ~0
 * is '~') into tok; its length, or -1 when longer than cap. */
static long next_token(const char **ptr, char *tok, size_t cap)
{
    const char *s = *ptr + 1;
    size_t n = 0;
    while (*s && *s != '/') {
        char ch = *s++;
        if (ch == '~' && (*s == '0' || *s == '1'))
            ch = *s++ == '0' ? '~' : '/';
        if (n == cap)
            return -1;
        tok[n++] = ch;
    }
    *ptr = s;
    return (long)n;
}

/* Step from the value at c->p into its member or element named by tok. */
static int step_into(cursor *c, const char *tok, size_t n)
{
    if (c->p >= c->end)
        return -1;
    if (*c->p == '{') {
        c->p++;
        for (;;) {
            skip_space(c);
            if (c->p >= c->end || *c->p != '"')
                return -1;
            int same = string_equals(c, tok, n);
            if (same < 0)
                return -1;
            skip_space(c);
            if (c->p >= c->end || *c->p != ':')
                return -1;
            c->p++;
            skip_space(c);
            if (same)
                return 0;
            if (skip_value(c) < 0)
                return -1;
            skip_space(c);
            if (c->p >= c->end || *c->p != ',')
                return -1;
            c->p++;
        }
    }
    if (*c->p == '[') {
        size_t index = 0;
        if (n == 0 || n > 9 || (n > 1 && tok[0] == '0'))
            return -1;
        for (size_t i = 0; i < n; i++) {
            if (tok[i] < '0' || tok[i] > '9')
                return -1;
            index = index * 10 + (size_t)(tok[i] - '0');
        }
        c->p++;
        skip_space(c);
        for (size_t i = 0; i < index; i++) {
            if (skip_value(c) < 0)
                return -1;
            skip_space(c);
            if (c->p >= c->end || *c->p != ',')
                return -1;
            c->p++;
            skip_space(c);
        }
        return c->p < c->end && *c->p != ']' ? 0 : -1;
    }
    return -1;
}

int ct_jsonpos__locate(const char *text, size_t len, const char *pointer, int *line, int *column)
{
    cursor c = {text, text + len};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.p = text += 3; /* a byte order mark is no column */
    skip_space(&c);
    char tok[512];
    while (*pointer == '/') {
        long n = next_token(&pointer, tok, sizeof tok);
        if (n < 0 || step_into(&c, tok, (size_t)n) < 0)
            return -1;
    }
    if (*pointer || c.p >= c.end)
        return -1;
    /* line and column (in characters, as jansson counts them) of c.p */
    int ln = 1, col = 1;
    for (const char *s = text; s < c.p; s++) {
        if (*s == '\n') {
            ln++;
            col = 1;
        } else if (((unsigned char)*s & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = ln;
    *column = col;
    return 0;
}
