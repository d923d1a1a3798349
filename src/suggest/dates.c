/*
 * dates.c - dates in article text for claimtrack suggest: full and partial
 * dates in both orders, parts of months and years ("late 2024", "the end of
 * June"), year ranges and decades, and dates relative to an anchor.
 */
#include "suggest_int.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/value.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c >= 0x80;
}

static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

int ct_sg__month_at(const char *text, size_t end, size_t i, size_t *len)
{
    for (int m = 0; m < 12; m++) {
        size_t n = strlen(months[m]);
        if (ct_sg__word_at(text, end, i, months[m], n) && text[i] >= 'A' && text[i] <= 'Z') {
            *len = n;
            return m + 1;
        }
    }
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int small_int(const char *text, size_t end, size_t i, int max, size_t *len)
{
    if (i > 0 && is_word((unsigned char)text[i - 1]))
        return 0;
    int v = 0;
    size_t j = i;
    while (j < end && is_digit((unsigned char)text[j]) && j - i < 4)
        v = v * 10 + (text[j++] - '0');
    if (j == i || v < 1 || v > max)
        return 0;
    /* ordinal suffixes */
    if (j + 1 < end && (strncmp(text + j, "st", 2) == 0 || strncmp(text + j, "nd", 2) == 0 ||
                        strncmp(text + j, "rd", 2) == 0 || strncmp(text + j, "th", 2) == 0))
        j += 2;
    if (j < end && is_word((unsigned char)text[j]))
        return 0;
    *len = j - i;
    return v;
}

static int year_at(const char *text, size_t end, size_t i, size_t *len)
{
    if (i + 4 > end ||
        (i > 0 && (unsigned char)text[i - 1] < 0x80 && is_word((unsigned char)text[i - 1])))
        return 0;
    int y = 0;
    for (size_t k = 0; k < 4; k++) {
        if (!is_digit((unsigned char)text[i + k]))
            return 0;
        y = y * 10 + (text[i + k] - '0');
    }
    /* followed by a non-word byte, a dash or "s" ("1990s") */
    if (i + 4 < end) {
        unsigned char c = (unsigned char)text[i + 4];
        if (c < 0x80 && is_word(c) &&
            !(c == 's' && (i + 5 >= end || !is_word((unsigned char)text[i + 5]))))
            return 0;
    }
    if (y < 1000 || y > 2199)
        return 0;
    *len = 4;
    return y;
}

static size_t skip_sp(const char *text, size_t end, size_t i)
{
    while (i < end && text[i] == ' ')
        i++;
    return i;
}

static int anchor_year(const ct_sg_anchor *a, int month)
{
    if (!a || !a->set)
        return 0;
    return month > a->m ? a->y - 1 : a->y;
}

/* The part of a month or year named before text[i]: 1 early, 2 mid, 3 late,
 * 4 end; *at is where the phrase starts. */
static int part_before(const char *text, size_t start, size_t i, size_t *at)
{
    static const char *const words[] = {"early",
                                        "1",
                                        "mid-",
                                        "2",
                                        "mid",
                                        "2",
                                        "late",
                                        "3",
                                        "the end of",
                                        "4",
                                        "end of",
                                        "4",
                                        "the beginning of",
                                        "1",
                                        "the start of",
                                        "1",
                                        "the middle of",
                                        "2",
                                        NULL};
    for (int k = 0; words[k]; k += 2) {
        size_t n = strlen(words[k]);
        if (words[k][n - 1] == '-') {
            if (i >= start + n && ct_sg__word_at(text, i, i - n, words[k], n - 1) &&
                text[i - 1] == '-') {
                *at = i - n;
                return words[k + 1][0] - '0';
            }
            continue;
        }
        size_t p = ct_sg__before(text, start, i, words[k]);
        if (p != (size_t)-1) {
            *at = p;
            return words[k + 1][0] - '0';
        }
    }
    return 0;
}

static void put_date(ct_sg_value *v, size_t start, size_t end, const char *json)
{
    memset(v, 0, sizeof *v);
    v->start = start;
    v->end = end;
    snprintf(v->json, sizeof v->json, "%s", json);
}

static size_t weekday_at(const char *text, size_t end, size_t i, size_t *len)
{
    static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
    for (size_t d = 0; d < 7; d++) {
        size_t n = strlen(days[d]);
        if (ct_sg__word_at(text, end, i, days[d], n)) {
            *len = n;
            return d + 1;
        }
    }
    return 0;
}


/* Each form below: 1 when text[i] starts it (json set, or left empty when
 * it cannot be dated), *qs and *qe its span; 0 when it does not. */
typedef struct {
    const char *text;
    ct_sg_span s;
    const ct_sg_anchor *anchor;
    char *json;
    size_t cap;
    size_t qs, qe;
} date_ctx;

/* "25 December 2024", "25 December" */
static int day_month(date_ctx *c, size_t i)
{
    const char *text = c->text;
    size_t end = c->s.end, dl, ml, yl;
    int d, m, y;
    if (!(d = small_int(text, end, i, 31, &dl)) ||
        !(m = ct_sg__month_at(text, end, skip_sp(text, end, i + dl), &ml)))
        return 0;
    size_t j = skip_sp(text, end, i + dl) + ml;
    size_t k = skip_sp(text, end, j + (j < end && text[j] == ','));
    c->qe = j;
    if ((y = year_at(text, end, k, &yl)) != 0)
        c->qe = k + yl;
    else
        y = anchor_year(c->anchor, m);
    if (y && d <= days_in(y, m))
        snprintf(c->json, c->cap, "\"%04d-%02d-%02d\"", y, m, d);
    return 1;
}

/* "December 25, 2024", "December 2024", "late June", "in July" */
static int month_first(date_ctx *c, size_t i)
{
    const char *text = c->text;
    size_t end = c->s.end, dl, ml, yl, at;
    int d, m, y;
    if (!(m = ct_sg__month_at(text, end, i, &ml)))
        return 0;
    size_t j = skip_sp(text, end, i + ml);
    int part = part_before(text, c->s.start, i, &at);
    if ((d = small_int(text, end, j, 31, &dl)) != 0 && !year_at(text, end, j, &yl)) {
        size_t k = j + dl;
        size_t k2 = skip_sp(text, end, k + (k < end && text[k] == ','));
        c->qe = k;
        if ((y = year_at(text, end, k2, &yl)) != 0)
            c->qe = k2 + yl;
        else
            y = anchor_year(c->anchor, m);
        if (y && d <= days_in(y, m))
            snprintf(c->json, c->cap, "\"%04d-%02d-%02d\"", y, m, d);
        return 1;
    }
    c->qe = i + ml;
    if ((y = year_at(text, end, j, &yl)) != 0)
        c->qe = j + yl;
    else
        y = anchor_year(c->anchor, m);
    if (y && part) {
        int lo = part == 1 ? 1 : part == 2 ? 11 : 20;
        int hi = part == 1 ? 10 : part == 2 ? 20 : days_in(y, m);
        if (part == 4)
            hi = days_in(y, m) > 30 ? 30 : days_in(y, m);
        snprintf(c->json, c->cap, "{\"from\": \"%04d-%02d-%02d\", \"to\": \"%04d-%02d-%02d\"}", y,
                 m, lo, y, m, hi);
        c->qs = at;
    } else if (y) {
        snprintf(c->json, c->cap, "\"%04d-%02d\"", y, m);
    }
    return 1;
}

/* "the 1990s", "the early 1990s" */
static int decade(date_ctx *c, size_t i)
{
    const char *text = c->text;
    size_t end = c->s.end, yl, at;
    int y = year_at(text, end, i, &yl);
    if (!y || i + yl >= end || text[i + yl] != 's' ||
        (i + yl + 1 < end && is_word((unsigned char)text[i + yl + 1])) || y % 10 != 0)
        return 0;
    int part = part_before(text, c->s.start, i, &at);
    int lo = part == 1 ? 0 : part == 2 ? 4 : part == 3 ? 7 : 0;
    int hi = part == 1 ? 3 : part == 2 ? 6 : 9;
    snprintf(c->json, c->cap, "{\"from\": \"%04d\", \"to\": \"%04d\"}", y + lo, y + hi);
    c->qs = part ? at : i;
    c->qe = i + yl + 1;
    return 1;
}

/* "2024", "late 2024", "1992-1994", "1992–1994" */
static int year_form(date_ctx *c, size_t i)
{
    const char *text = c->text;
    size_t end = c->s.end, yl, at, y2l = 0;
    int y = year_at(text, end, i, &yl);
    if (!y || (i + yl < end && (text[i + yl] == 's' || text[i + yl] == '/')))
        return 0;
    int part = part_before(text, c->s.start, i, &at);
    int y2 = 0;
    size_t qe = c->qe = i + yl;
    if (qe < end && text[qe] == '-')
        y2 = year_at(text, end, qe + 1, &y2l), y2l += 1;
    else if (qe + 3 < end && (unsigned char)text[qe] == 0xe2 &&
             (unsigned char)text[qe + 1] == 0x80 && (unsigned char)text[qe + 2] == 0x93)
        y2 = year_at(text, end, qe + 3, &y2l), y2l += 3;
    if (y2 > y) {
        snprintf(c->json, c->cap, "{\"from\": \"%04d\", \"to\": \"%04d\"}", y, y2);
        c->qe += y2l;
    } else if (qe < end && text[qe] == '-') {
        /* "2023-09" and the like: not a year */
    } else if (part) {
        int lo = part == 1 ? 1 : part == 2 ? 5 : part == 3 ? 9 : 10;
        int hi = part == 1 ? 4 : part == 2 ? 8 : 12;
        snprintf(c->json, c->cap, "{\"from\": \"%04d-%02d\", \"to\": \"%04d-%02d\"}", y, lo, y, hi);
        c->qs = at;
    } else if (y >= 1800) {
        snprintf(c->json, c->cap, "\"%04d\"", y);
    }
    return 1;
}

/* "this year", "last month", "yesterday", "today", "last Wednesday" */
static int relative(date_ctx *c, size_t i)
{
    const char *text = c->text;
    size_t end = c->s.end, n;
    const ct_sg_anchor *a = c->anchor;
    int y, m, d;
    if (!a || !a->set)
        return 0;
    long z = ct_days_from_civil(a->y, a->m, a->d);
    int last = lower((unsigned char)text[i]) == 'l';
    if (ct_sg__word_at(text, end, i, "this year", 9) ||
        ct_sg__word_at(text, end, i, "last year", 9)) {
        snprintf(c->json, c->cap, "\"%04d\"", a->y - last);
        c->qe = i + 9;
    } else if (ct_sg__word_at(text, end, i, "this month", 10) ||
               ct_sg__word_at(text, end, i, "last month", 10)) {
        y = a->y;
        m = a->m - last;
        if (m == 0) {
            m = 12;
            y--;
        }
        snprintf(c->json, c->cap, "\"%04d-%02d\"", y, m);
        c->qe = i + 10;
    } else if (ct_sg__word_at(text, end, i, "yesterday", 9) ||
               ct_sg__word_at(text, end, i, "today", 5)) {
        int yes = lower((unsigned char)text[i]) == 'y';
        ct_civil_from_days(z - yes, &y, &m, &d);
        snprintf(c->json, c->cap, "\"%04d-%02d-%02d\"", y, m, d);
        c->qe = i + (yes ? 9 : 5);
    } else if (ct_sg__word_at(text, end, i, "last", 4) &&
               weekday_at(text, end, skip_sp(text, end, i + 4), &n)) {
        size_t wd = weekday_at(text, end, skip_sp(text, end, i + 4), &n) - 1;
        long today = ((z % 7) + 7 + 4) % 7; /* 1970-01-01 was a Thursday */
        long back = (today - (long)wd + 7) % 7;
        ct_civil_from_days(z - (back ? back : 7), &y, &m, &d);
        snprintf(c->json, c->cap, "\"%04d-%02d-%02d\"", y, m, d);
        c->qe = skip_sp(text, end, i + 4) + n;
    } else {
        return 0;
    }
    return 1;
}

size_t ct_sg__dates(const char *text, ct_sg_span s, const ct_sg_anchor *anchor, ct_sg_value *out,
                    size_t cap)
{
    size_t count = 0;
    char json[96];
    date_ctx c = {text, s, anchor, json, sizeof json, 0, 0};
    for (size_t i = s.start; i < s.end;) {
        json[0] = 0;
        c.qs = i;
        c.qe = i;
        if (!day_month(&c, i) && !month_first(&c, i) && !decade(&c, i) && !year_form(&c, i) &&
            !relative(&c, i)) {
            i++;
            continue;
        }
        if (json[0]) {
            if (count < cap)
                put_date(&out[count], c.qs, c.qe, json);
            count++;
        }
        i = c.qe > i ? c.qe : i + 1;
    }
    return count;
}
