/*
 * util/jnum.c - JSON numbers exactly as written (see jnum.h).
 */
#include "value/jnum.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK '\002'

int ct_jnum__is_exact(const json_t *v)
{
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && s[0] == MARK;
}

int ct_jnum__is_number(const json_t *v) { return json_is_number(v) || ct_jnum__is_exact(v); }

json_t *ct_jnum__new(const char *s, size_t n)
{
    char small[64], *buf = n + 2 <= sizeof small ? small : ct_malloc(n + 2);
    if (!buf)
        return NULL;
    buf[0] = MARK;
    memcpy(buf + 1, s, n);
    buf[n + 1] = '\0';
    json_t *j = json_stringn(buf, n + 1);
    if (buf != small)
        ct_free(buf);
    return j;
}

const char *ct_jnum__literal(const json_t *v, char *buf, size_t n)
{
    if (ct_jnum__is_exact(v))
        return json_string_value(v) + 1;
    if (json_is_integer(v)) {
        snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    if (json_is_real(v)) {
        /* only trees built by a caller hold reals: the shortest decimal that
         * reads back as the same double is the number that was meant */
        double d = json_real_value(v);
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, n, "%.*g", prec, d);
            if (strtod(buf, NULL) == d)
                break;
        }
        return buf;
    }
    return NULL;
}

int ct_jnum__decimal(const json_t *v, ct_decimal *out, const ct_decimal_store *store)
{
    char buf[40];
    const char *lit = ct_jnum__literal(v, buf, sizeof buf);
    if (!lit)
        return CT_EINVALID;
    int rc = ct_decimal_parse(out, lit, strlen(lit), store);
    /* a long literal formatted into buf dies here: only a store keeps it */
    if (rc == 0 && out->form == CT_DECIMAL_BIG && !store && lit == buf)
        return CT_ENOMEM;
    return rc;
}

/* ---- marking ------------------------------------------------------------ */

typedef struct {
    const char *text;
    size_t len, at; /* scan position */
    size_t bad;
    int all; /* the tree holds every number as a real (JSON_DECODE_INT_AS_REAL) */
} scanner;

/* The next non-integer number literal of the text: 1 with its span, 0 at
 * the end. */
static int next_real(scanner *s, size_t *start, size_t *end)
{
    const char *t = s->text;
    size_t i = s->at;
    while (i < s->len) {
        char ch = t[i];
        if (ch == '"') {
            for (i++; i < s->len && t[i] != '"'; i++)
                if (t[i] == '\\')
                    i++;
            i++;
            continue;
        }
        if (ch == '-' || (ch >= '0' && ch <= '9')) {
            size_t b = i;
            int real = 0;
            while (i < s->len && strchr("+-0123456789.eE", t[i]) && t[i]) {
                real |= t[i] == '.' || t[i] == 'e' || t[i] == 'E';
                i++;
            }
            if (real || s->all) {
                s->at = i;
                *start = b;
                *end = i;
                return 1;
            }
            continue;
        }
        i++;
    }
    s->at = i;
    return 0;
}

/* 1 when a literal has a nonzero digit in its coefficient. */
static int nonzero_literal(const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++)
        if (s[i] >= '1' && s[i] <= '9')
            return 1;
    return 0;
}

/* The exact number replacing real v, whose literal is the scanner's next. */
static int exact_for(scanner *s, json_t *v, json_t **out)
{
    size_t b, e;
    if (!next_real(s, &b, &e))
        return CT_EPARSE; /* cannot happen: jansson read the same text */
    if (json_real_value(v) == 0 && nonzero_literal(s->text + b, e - b)) {
        s->bad = b;
        return CT_EPARSE;
    }
    return (*out = ct_jnum__new(s->text + b, e - b)) ? 0 : CT_ENOMEM;
}

static int mark(scanner *s, json_t *v)
{
    int rc = 0;
    if (json_is_object(v)) {
        for (void *it = json_object_iter(v); it && rc == 0; it = json_object_iter_next(v, it)) {
            json_t *m = json_object_iter_value(it), *x;
            if (json_is_real(m)) {
                if ((rc = exact_for(s, m, &x)) == 0 && json_object_iter_set_new(v, it, x) < 0)
                    rc = CT_ENOMEM;
            } else {
                rc = mark(s, m);
            }
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && rc == 0; i++) {
            json_t *m = json_array_get(v, i), *x;
            if (json_is_real(m)) {
                if ((rc = exact_for(s, m, &x)) == 0 && json_array_set_new(v, i, x) < 0)
                    rc = CT_ENOMEM;
            } else {
                rc = mark(s, m);
            }
        }
    }
    return rc;
}

int ct_jnum__mark(json_t **root, const char *text, size_t len, size_t *bad_offset)
{
    return ct_jnum__mark_as(root, text, len, 0, bad_offset);
}

int ct_jnum__mark_as(json_t **root, const char *text, size_t len, int ints_as_reals,
                     size_t *bad_offset)
{
    scanner s = {text, len, 0, 0, ints_as_reals};
    int rc;
    if (json_is_real(*root)) {
        json_t *x;
        if ((rc = exact_for(&s, *root, &x)) == 0) {
            json_decref(*root);
            *root = x;
        }
    } else {
        rc = mark(&s, *root);
    }
    if (rc == CT_EPARSE && bad_offset)
        *bad_offset = s.bad;
    return rc;
}

json_t *ct_jnum__parse(const char *text, size_t len, size_t flags, json_error_t *err,
                       int *ints_as_reals)
{
    json_error_t local;
    json_error_t *e = err ? err : &local;
    *ints_as_reals = 0;
    json_t *v = json_loadb(text, len, flags, e);
    if (!v && strstr(e->text, "too big integer")) {
        /* an integer beyond int64: read every number as a real, whose
         * literal the marking keeps */
        json_error_t again;
        v = json_loadb(text, len, flags | JSON_DECODE_INT_AS_REAL, &again);
        if (v)
            *ints_as_reals = 1;
    }
    return v;
}

json_t *ct_jnum__loadb(const char *text, size_t len, size_t flags)
{
    int all;
    json_t *v = ct_jnum__parse(text, len, flags, NULL, &all);
    if (v && ct_jnum__mark_as(&v, text, len, all, NULL) < 0) {
        json_decref(v);
        v = NULL;
    }
    return v;
}

/* ---- writing ------------------------------------------------------------ */

void ct_jnum__unmark(char *text)
{
    static const char marker[] = "\"\\u0002";
    char *w = text;
    const char *r = text;
    while (*r) {
        if (*r == '"' && strncmp(r, marker, sizeof marker - 1) == 0) {
            r += sizeof marker - 1;
            while (*r && *r != '"')
                *w++ = *r++;
            if (*r)
                r++;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

char *ct_jnum__dumps(const json_t *v, size_t flags)
{
    char *text = json_dumps(v, flags);
    if (text)
        ct_jnum__unmark(text);
    return text;
}
