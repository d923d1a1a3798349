/*
 * recognise.c - sentences, clauses, quantities, dates, hedges, denials and
 * attribution in article text, for claimtrack suggest.
 *
 * Sentences are split by hand rather than with ICU's break iterator: the
 * articles are one paragraph a line, and a full stop, "!" or "?" followed by
 * a space and a capital, digit or quote ends a sentence unless it closes an
 * abbreviation from the language's table.  On the five seed articles this
 * splits exactly where ICU's sentence rules do for every shipped quote (the
 * measurement in tests/suggest-measure.sh needs every quote inside one
 * sentence), without a 30 MB dependency and a UTF-16 round trip.
 *
 * Numbers are kept as decimal text: "3.6 million" becomes 3600000 by moving
 * digits, never through a double.
 */
#include "suggest_int.h"

#include "claimtrack/value.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
/* word characters: ASCII letters and digits, and every non-ASCII byte */
static int is_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c >= 0x80;
}
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* text[pos..] against needle[0..n), letters compared without case: ASCII
 * directly, other letters by their Unicode lower case (utf8proc), one
 * code point against one; both sides must take the same bytes (the case
 * pairs of Latin, Greek and Cyrillic letters do). */
static int same_folded(const char *text, size_t pos, const char *needle, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char a = (unsigned char)text[pos + i], b = (unsigned char)needle[i];
        if (a < 0x80 || b < 0x80) {
            if (lower(a) != lower(b))
                return 0;
            i++;
            continue;
        }
        utf8proc_int32_t ca, cb;
        utf8proc_ssize_t la = utf8proc_iterate((const utf8proc_uint8_t *)text + pos + i,
                                               (utf8proc_ssize_t)(n - i), &ca);
        utf8proc_ssize_t lb =
            utf8proc_iterate((const utf8proc_uint8_t *)needle + i, (utf8proc_ssize_t)(n - i), &cb);
        if (la <= 0 || la != lb || utf8proc_tolower(ca) != utf8proc_tolower(cb))
            return 0;
        i += (size_t)la;
    }
    return 1;
}

int ct_sg__word_at(const char *text, size_t len, size_t pos, const char *needle, size_t n)
{
    if (n == 0 || pos + n > len)
        return 0;
    if (pos > 0 && is_word((unsigned char)text[pos - 1]) && is_word((unsigned char)needle[0]))
        return 0;
    if (!same_folded(text, pos, needle, n))
        return 0;
    if (pos + n < len && is_word((unsigned char)text[pos + n]) &&
        is_word((unsigned char)needle[n - 1]))
        return 0;
    return 1;
}

size_t ct_sg__find(const char *text, size_t to, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (size_t)-1;
    int first = lower((unsigned char)needle[0]);
    for (size_t i = from; i + n <= to; i++)
        if ((first >= 0x80 || lower((unsigned char)text[i]) == first) &&
            ct_sg__word_at(text, to, i, needle, n))
            return i;
    return (size_t)-1;
}

/* ---- sentences and clauses --------------------------------------------- */

static int abbreviation_before(const ct_sg_lang *lang, const char *text, size_t start, size_t dot)
{
    size_t b = dot;
    while (b > start && (is_word((unsigned char)text[b - 1]) || text[b - 1] == '.'))
        b--;
    if (dot - b == 1 && text[b] >= 'A' && text[b] <= 'Z')
        return 1; /* an initial: "J. Smith" */
    for (const char *const *a = lang->abbrev; *a; a++) {
        size_t n = strlen(*a);
        if (n == dot - b && strncmp(text + b, *a, n) == 0)
            return 1;
    }
    return 0;
}

size_t ct_sg__sentences(const ct_sg_lang *lang, const char *text, size_t len, ct_sg_span *out,
                        unsigned char *para_start, size_t cap)
{
    size_t count = 0, i = 0;
    int new_para = 1;
    while (i < len) {
        while (i < len && is_space((unsigned char)text[i])) {
            if (text[i] == '\n')
                new_para = 1;
            i++;
        }
        if (i >= len)
            break;
        size_t start = i, end = len, next = len;
        for (size_t j = i; j < len; j++) {
            if (text[j] == '\n') {
                end = next = j;
                break;
            }
            if (text[j] != '.' && text[j] != '!' && text[j] != '?')
                continue;
            size_t k = j + 1;
            while (k < len && (text[k] == '"' || text[k] == '\'' || text[k] == ')' ||
                               (unsigned char)text[k] == 0xe2))
                k += (unsigned char)text[k] == 0xe2 && k + 2 < len ? 3 : 1;
            if (k >= len) {
                end = next = len;
                break;
            }
            if (text[k] != ' ' && text[k] != '\n')
                continue;
            size_t m = k;
            while (m < len && text[m] == ' ')
                m++;
            int c = m < len ? (unsigned char)text[m] : 0;
            if (c == '\n' || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '"' || c >= 0x80) {
                if (text[j] == '.' && abbreviation_before(lang, text, start, j))
                    continue;
                end = k;
                next = m;
                break;
            }
        }
        while (end > start && is_space((unsigned char)text[end - 1]))
            end--;
        if (end > start) {
            if (count < cap) {
                out[count].start = start;
                out[count].end = end;
                if (para_start)
                    para_start[count] = (unsigned char)new_para;
            }
            count++;
            new_para = 0;
        }
        i = next > start ? next : start + 1;
    }
    return count;
}

/* A clause boundary at text[i]: returns its length (0: none). */
static size_t boundary(const char *text, size_t i, size_t end)
{
    unsigned char c = (unsigned char)text[i];
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')')
        return 1;
    if (c == '-' && i + 1 < end && text[i + 1] == '-')
        return 2;
    if (c == 0xe2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80 &&
        ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94))
        return 3; /* en and em dashes */
    return 0;
}

ct_sg_span ct_sg__clause(const char *text, ct_sg_span s, size_t pos)
{
    ct_sg_span c = s;
    for (size_t i = s.start; i < s.end;) {
        size_t b = boundary(text, i, s.end);
        /* a comma between digits is a thousands separator */
        if (b == 1 && text[i] == ',' && i > s.start && i + 1 < s.end &&
            is_digit((unsigned char)text[i - 1]) && is_digit((unsigned char)text[i + 1]))
            b = 0;
        if (b) {
            if (i + b <= pos)
                c.start = i + b;
            else if (i >= pos) {
                c.end = i;
                break;
            }
            i += b;
        } else {
            i++;
        }
    }
    while (c.start < c.end && is_space((unsigned char)text[c.start]))
        c.start++;
    while (c.end > c.start && (is_space((unsigned char)text[c.end - 1]) || text[c.end - 1] == '.'))
        c.end--;
    if (c.start >= c.end)
        return s;
    return c;
}

/* ---- numbers ------------------------------------------------------------ */

typedef struct {
    char digits[40]; /* decimal text, no sign: "38", "3.621" */
    char raw[40];    /* before "million" and the like: "3.6" */
    int zeros;       /* 3, 6, 9 or 12 for thousand ... trillion; 0 none */
    size_t start, end;
} number;

static const char *const units[] = {"zero",    "one",     "two",       "three",    "four",
                                    "five",    "six",     "seven",     "eight",    "nine",
                                    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                   "sixty",  "seventy", "eighty", "ninety"};

static size_t word_len(const char *text, size_t end, size_t i)
{
    size_t j = i;
    while (j < end && is_word((unsigned char)text[j]))
        j++;
    return j - i;
}

/* A spelled-out number under a hundred at text[i]: its value, or -1. */
static int small_word(const char *text, size_t end, size_t i, size_t *len)
{
    size_t n = word_len(text, end, i);
    for (int k = 0; k < 8; k++) {
        size_t tl = strlen(tens[k]);
        if (n == tl && ct_sg__word_at(text, end, i, tens[k], tl)) {
            int v = 20 + 10 * k;
            size_t j = i + tl;
            if (j + 1 < end && text[j] == '-') {
                size_t n2 = word_len(text, end, j + 1);
                for (int u = 1; u < 10; u++)
                    if (n2 == strlen(units[u]) && ct_sg__word_at(text, end, j + 1, units[u], n2)) {
                        *len = j + 1 + n2 - i;
                        return v + u;
                    }
            }
            *len = tl;
            return v;
        }
    }
    for (int u = 0; u < 20; u++)
        if (n == strlen(units[u]) && ct_sg__word_at(text, end, i, units[u], n)) {
            *len = n;
            return u;
        }
    return -1;
}

/* Append `zeros` zeros to digit text (moving its decimal point). */
static int scale(char *d, size_t cap, int zeros)
{
    char *dot = strchr(d, '.');
    size_t frac = dot ? strlen(dot + 1) : 0;
    if (dot)
        memmove(dot, dot + 1, strlen(dot + 1) + 1);
    size_t n = strlen(d);
    if ((int)frac <= zeros) {
        size_t add = (size_t)zeros - frac;
        if (n + add + 1 > cap)
            return -1;
        memset(d + n, '0', add);
        d[n + add] = 0;
    } else {
        size_t at = n - (frac - (size_t)zeros);
        memmove(d + at + 1, d + at, n - at + 1);
        d[at] = '.';
    }
    while (d[0] == '0' && d[1] && d[1] != '.')
        memmove(d, d + 1, strlen(d));
    return 0;
}

static int multiplier(const char *text, size_t end, size_t i, size_t *len)
{
    static const char *const names[] = {"thousand", "million", "billion", "trillion"};
    static const int zeros[] = {3, 6, 9, 12};
    while (i < end && text[i] == ' ')
        i++;
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(names[k]);
        if (ct_sg__word_at(text, end, i, names[k], n)) {
            *len = i + n;
            return zeros[k];
        }
    }
    return 0;
}

/* A number starting at text[i] (digits with separators, or words). */
static int number_at(const char *text, size_t end, size_t i, number *out)
{
    if (i > 0 && (is_word((unsigned char)text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '/' ||
                  text[i - 1] == '-'))
        return 0;
    size_t j = i, o = 0;
    if (is_digit((unsigned char)text[i])) {
        int seen_dot = 0;
        while (j < end && o + 2 < sizeof out->digits) {
            unsigned char c = (unsigned char)text[j];
            if (is_digit(c)) {
                out->digits[o++] = (char)c;
                j++;
            } else if (c == ',' && j + 3 < end + 1 && is_digit((unsigned char)text[j + 1]) &&
                       j + 3 < end && is_digit((unsigned char)text[j + 2]) &&
                       is_digit((unsigned char)text[j + 3]) &&
                       (j + 4 >= end || !is_digit((unsigned char)text[j + 4]))) {
                j++;
            } else if (c == '.' && !seen_dot && j + 1 < end &&
                       is_digit((unsigned char)text[j + 1])) {
                seen_dot = 1;
                out->digits[o++] = '.';
                j++;
            } else {
                break;
            }
        }
        if (j < end && (is_word((unsigned char)text[j]) && !(text[j] == 's' && o == 4)))
            return 0; /* "3rd", "10km" */
        out->digits[o] = 0;
        /* "024" is 24: JSON numbers have no leading zeros */
        while (out->digits[0] == '0' && out->digits[1] && out->digits[1] != '.')
            memmove(out->digits, out->digits + 1, strlen(out->digits));
    } else {
        size_t n;
        int v = small_word(text, end, i, &n);
        if (v < 0)
            return 0;
        j = i + n;
        size_t k = j;
        while (k < end && text[k] == ' ')
            k++;
        if (ct_sg__word_at(text, end, k, "hundred", 7)) {
            v *= 100;
            j = k + 7;
        }
        snprintf(out->digits, sizeof out->digits, "%d", v);
    }
    memcpy(out->raw, out->digits, sizeof out->raw);
    size_t ml;
    int z = multiplier(text, end, j, &ml);
    out->zeros = z;
    if (z) {
        if (scale(out->digits, sizeof out->digits, z) < 0)
            return 0;
        j = ml;
    }
    /* at most 15 integer digits: what every JSON reader keeps exactly */
    const char *dot = strchr(out->digits, '.');
    if ((dot ? (size_t)(dot - out->digits) : strlen(out->digits)) > 15)
        return 0;
    out->start = i;
    out->end = j;
    return 1;
}

/* digits + 1, when an integer */
static int plus_one(const char *d, char *out, size_t cap)
{
    size_t n = strlen(d);
    if (strchr(d, '.') || n + 2 > cap)
        return -1;
    memcpy(out + 1, d, n + 1);
    out[0] = '0';
    size_t k = n;
    while (out[k] == '9')
        out[k--] = '0';
    out[k]++;
    if (out[0] == '0')
        memmove(out, out + 1, n + 1);
    return 0;
}

size_t ct_sg__before(const char *text, size_t start, size_t at, const char *phrase)
{
    size_t n = strlen(phrase);
    size_t j = at;
    while (j > start && text[j - 1] == ' ')
        j--;
    if (j < start + n)
        return (size_t)-1;
    return ct_sg__word_at(text, at, j - n, phrase, n) ? j - n : (size_t)-1;
}

/* Where a currency before pos starts ("USD 500"), else pos. */
static size_t currency_back(const char *text, size_t start, size_t pos)
{
    static const char *const cur[] = {"USD", "US$",      "$",   "EUR", "\xe2\x82\xac",
                                      "GBP", "\xc2\xa3", "AZN", "RUB", NULL};
    for (int k = 0; cur[k]; k++) {
        size_t n = strlen(cur[k]);
        size_t j = pos;
        while (j > start && text[j - 1] == ' ')
            j--;
        if (j >= start + n && strncmp(text + j - n, cur[k], n) == 0)
            return j - n;
    }
    return pos;
}

/* A quantity's JSON: form 0 n, 1 {min a, max b}, 2 {min a+1}, 3 {min a},
 * 4 {max a}, 5 {about a}. */
static void format(char *json, size_t cap, int form, const char *a, const char *b)
{
    char one[48];
    switch (form) {
    case 1: snprintf(json, cap, "{\"min\": %s, \"max\": %s}", a, b); break;
    case 2:
        snprintf(json, cap, "{\"min\": %s}", plus_one(a, one, sizeof one) == 0 ? one : a);
        break;
    case 3: snprintf(json, cap, "{\"min\": %s}", a); break;
    case 4: snprintf(json, cap, "{\"max\": %s}", a); break;
    case 5: snprintf(json, cap, "{\"about\": %s}", a); break;
    default: snprintf(json, cap, "%s", a); break;
    }
}

/* A modifier before a number: its form for format() and where it starts. */
static int prefix_form(const char *text, size_t start, size_t at, size_t *from)
{
    static const struct {
        const char *phrase;
        int form;
    } mods[] = {{"more than", 2}, {"over", 2},    {"upwards of", 2},    {"at least", 3},
                {"up to", 4},     {"at most", 4}, {"about", 5},         {"around", 5},
                {"nearly", 5},    {"roughly", 5}, {"approximately", 5}, {"almost", 5},
                {"some", 5}};
    for (size_t k = 0; k < sizeof mods / sizeof *mods; k++)
        if ((*from = ct_sg__before(text, start, at, mods[k].phrase)) != (size_t)-1)
            return mods[k].form;
    return 0;
}

static int is_year(const number *n) { return strlen(n->digits) == 4 && n->digits[0] <= '2'; }


size_t ct_sg__quantities(const char *text, ct_sg_span s, ct_sg_value *out, size_t cap)
{
    size_t count = 0;
    static const char *const vague[] = {"dozens", "24",       "hundreds", "200", "thousands",
                                        "2000",   "millions", "2000000",  NULL};
    for (size_t i = s.start; i < s.end;) {
        for (int k = 0; vague[k]; k += 2) {
            size_t n = strlen(vague[k]);
            if (ct_sg__word_at(text, s.end, i, vague[k], n)) {
                if (count < cap) {
                    out[count].start = i;
                    out[count].end = i + n;
                    snprintf(out[count].json, sizeof out[count].json, "{\"min\": %s}",
                             vague[k + 1]);
                    memcpy(out[count].unscaled, out[count].json, sizeof out[count].json);
                    out[count].zeros = 0;
                }
                count++;
                i += n;
                goto next;
            }
        }
        number a;
        if (!number_at(text, s.end, i, &a)) {
            i++;
            continue;
        }
        {
            size_t ml;
            /* years and days of dates are not quantities */
            size_t k = a.end;
            while (k < s.end && text[k] == ' ')
                k++;
            if ((is_year(&a) && a.end - a.start == 4) || ct_sg__month_at(text, s.end, k, &ml) ||
                (a.start > s.start + 1 && ct_sg__month_at(text, s.end, a.start, &ml)) ||
                (a.end < s.end && text[a.end] == 's' && a.end - a.start == 4)) {
                i = a.end + 1;
                continue;
            }
            /* "a month before": a month after the number */
            size_t b = a.start;
            while (b > s.start && text[b - 1] == ' ')
                b--;
            size_t ws = b;
            while (ws > s.start && is_word((unsigned char)text[ws - 1]))
                ws--;
            if (ws < b && ct_sg__month_at(text, s.end, ws, &ml) && ml == b - ws) {
                i = a.end;
                continue;
            }
        }
        size_t qs = a.start, qe = a.end;
        char json[96];
        size_t p;
        number b;
        memset(&b, 0, sizeof b);
        size_t k = a.end;
        while (k < s.end && text[k] == ' ')
            k++;
        size_t m = currency_back(text, s.start, a.start);
        int form = 0;
        if ((p = ct_sg__before(text, s.start, m, "between")) != (size_t)-1 &&
            ct_sg__word_at(text, s.end, k, "and", 3) && number_at(text, s.end, k + 4, &b)) {
            form = 1;
            qs = p;
            qe = b.end;
        } else if ((ct_sg__word_at(text, s.end, k, "to", 2) && number_at(text, s.end, k + 3, &b)) ||
                   (a.end < s.end && text[a.end] == '-' && number_at(text, s.end, a.end + 1, &b))) {
            form = 1;
            qe = b.end;
        } else if (ct_sg__word_at(text, s.end, k, "decades", 7) && !strchr(a.digits, '.') &&
                   strlen(a.digits) < 10) {
            form = 5;
            size_t dl = strlen(a.digits), rl = strlen(a.raw);
            a.digits[dl] = '0';
            a.digits[dl + 1] = 0;
            a.raw[rl] = '0';
            a.raw[rl + 1] = 0;
            qe = k + 7;
        } else if ((form = prefix_form(text, s.start, m, &p)) != 0) {
            qs = p;
        }
        format(json, sizeof json, form, a.digits, b.digits);
        char alt[96];
        format(alt, sizeof alt, form, a.raw, b.raw[0] ? b.raw : b.digits);
        if (count < cap) {
            out[count].start = qs;
            out[count].end = qe;
            memcpy(out[count].json, json, sizeof json);
            memcpy(out[count].unscaled, alt, sizeof alt);
            out[count].zeros = a.zeros;
        }
        count++;
        i = qe;
    next:;
    }
    return count;
}

static size_t skip_sp(const char *text, size_t end, size_t i)
{
    while (i < end && text[i] == ' ')
        i++;
    return i;
}

/* ---- hedges, denials, attribution ----------------------------------------- */

const char *ct_sg__hedge(const ct_sg_lang *lang, const char *text, ct_sg_span s)
{
    for (size_t k = 0; lang->hedges[k]; k += 2)
        if (ct_sg__find(text, s.end, s.start, lang->hedges[k]) != (size_t)-1)
            return lang->hedges[k + 1];
    return NULL;
}

static int any(const char *const *list, const char *text, ct_sg_span s)
{
    for (size_t k = 0; list[k]; k++)
        if (ct_sg__find(text, s.end, s.start, list[k]) != (size_t)-1)
            return 1;
    return 0;
}

int ct_sg__denial(const ct_sg_lang *lang, const char *text, ct_sg_span s)
{
    return any(lang->denials, text, s);
}

int ct_sg__negated(const ct_sg_lang *lang, const char *text, ct_sg_span s)
{
    if (any(lang->negations, text, s))
        return 1;
    /* "n't" */
    for (size_t i = s.start; i + 3 <= s.end; i++)
        if (strncmp(text + i, "n't", 3) == 0 || strncmp(text + i, "n\xe2\x80\x99t", 5) == 0)
            return 1;
    return 0;
}

int ct_sg__attributed(const ct_sg_lang *lang, const char *text, ct_sg_span s, size_t pos, size_t n)
{
    if (ct_sg__before(text, s.start, pos, "according to") != (size_t)-1)
        return 1;
    size_t j = pos + n;
    if (j + 2 < s.end &&
        (strncmp(text + j, "'s", 2) == 0 || strncmp(text + j, "\xe2\x80\x99s", 4) == 0)) {
        size_t k = skip_sp(text, s.end, j + (text[j] == '\'' ? 2 : 4));
        if (ct_sg__word_at(text, s.end, k, "assertion", 9) ||
            ct_sg__word_at(text, s.end, k, "claim", 5) ||
            ct_sg__word_at(text, s.end, k, "statement", 9))
            return 1;
    }
    j = skip_sp(text, s.end, j);
    /* "X, the minister, said": skip one appositive */
    if (j < s.end && text[j] == ',') {
        size_t c = j + 1;
        while (c < s.end && text[c] != ',')
            c++;
        if (c < s.end && c - j < 80) {
            size_t k = skip_sp(text, s.end, c + 1);
            for (size_t w = 0; lang->said[w]; w++)
                if (ct_sg__word_at(text, s.end, k, lang->said[w], strlen(lang->said[w])))
                    return 1;
        }
    }
    for (size_t w = 0; lang->said[w]; w++)
        if (ct_sg__word_at(text, s.end, j, lang->said[w], strlen(lang->said[w])))
            return 1;
    /* "said X" after a clause */
    size_t b = pos;
    while (b > s.start && text[b - 1] == ' ')
        b--;
    for (size_t w = 0; lang->said[w]; w++) {
        size_t wl = strlen(lang->said[w]);
        if (b >= s.start + wl && ct_sg__word_at(text, pos, b - wl, lang->said[w], wl) &&
            b - wl > s.start && (text[b - wl - 1] == ' ' || text[b - wl - 1] == ','))
            return 1;
    }
    return 0;
}

/* ---- named speakers ------------------------------------------------------- */

static int capital_at(const char *text, size_t end, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(end - i), &cp) >
               0 &&
           utf8proc_isupper(cp);
}

static size_t word_end(const char *text, size_t end, size_t i)
{
    while (i < end && (is_word((unsigned char)text[i]) || text[i] == '-' || text[i] == '\''))
        i++;
    return i;
}

static int listed(const char *const *list, const char *text, size_t i, size_t n)
{
    for (size_t k = 0; list && list[k]; k++)
        if (strlen(list[k]) == n && strncmp(text + i, list[k], n) == 0)
            return 1;
    return 0;
}

/* The run of capitalised words starting at i (single spaces between, a
 * filler word like "bin" inside): its end, or i when there is none. */
static size_t name_run(const ct_sg_lang *lang, const char *text, size_t end, size_t i)
{
    size_t last = i;
    for (size_t w = i; w < end && capital_at(text, end, w);) {
        size_t e = word_end(text, end, w);
        if (e == w)
            break;
        last = e;
        if (e + 1 >= end || text[e] != ' ')
            break;
        w = e + 1;
        size_t f = word_end(text, end, w);
        if (f > w && !capital_at(text, end, w) && listed(lang->fillers, text, w, f - w) &&
            f + 1 < end && text[f] == ' ')
            w = f + 1;
    }
    return last;
}

/* A run that names someone: not a pronoun or a plural noun that starts the
 * sentence ("Officials said"), not a single word of the not-names table. */
static int names_someone(const ct_sg_lang *lang, const char *text, ct_sg_span s, ct_sg_span r)
{
    if (r.end <= r.start)
        return 0;
    size_t first_end = word_end(text, r.end, r.start);
    int one_word = first_end == r.end;
    if (listed(lang->not_names, text, r.start, first_end - r.start))
        return 0;
    if (one_word && r.start == s.start && text[r.end - 1] == 's')
        return 0;
    return 1;
}

static int said_at(const ct_sg_lang *lang, const char *text, size_t end, size_t i)
{
    for (size_t w = 0; lang->said[w]; w++)
        if (ct_sg__word_at(text, end, i, lang->said[w], strlen(lang->said[w])))
            return (int)strlen(lang->said[w]);
    return 0;
}

int ct_sg__named_speaker(const ct_sg_lang *lang, const char *text, ct_sg_span s, ct_sg_span *name)
{
    /* "according to [the] ... NAME": the last run before the clause ends */
    size_t at = ct_sg__find(text, s.end, s.start, "according to");
    if (at != (size_t)-1) {
        ct_sg_span best = {0, 0};
        for (size_t i = at + 12; i < s.end && text[i] != ',' && text[i] != '.';) {
            size_t e = capital_at(text, s.end, i) ? name_run(lang, text, s.end, i) : i;
            if (e > i) {
                best = (ct_sg_span){i, e};
                i = e;
            } else {
                i++;
            }
        }
        if (names_someone(lang, text, s, best)) {
            *name = best;
            return 1;
        }
    }
    for (size_t i = s.start; i < s.end; i++) {
        if (!capital_at(text, s.end, i) || (i > s.start && is_word((unsigned char)text[i - 1])))
            continue;
        ct_sg_span r = {i, name_run(lang, text, s.end, i)};
        if (!names_someone(lang, text, s, r)) {
            i = r.end > i ? r.end - 1 : i;
            continue;
        }
        /* "NAME said" or "NAME, the minister, said" */
        size_t j = skip_sp(text, s.end, r.end);
        if (j < s.end && text[j] == ',') {
            size_t c = j + 1;
            while (c < s.end && text[c] != ',' && c - j < 80)
                c++;
            if (c < s.end && text[c] == ',' &&
                said_at(lang, text, s.end, skip_sp(text, s.end, c + 1))) {
                *name = r;
                return 1;
            }
        }
        if (said_at(lang, text, s.end, j)) {
            *name = r;
            return 1;
        }
        /* "..., said NAME" */
        size_t b = i;
        while (b > s.start && text[b - 1] == ' ')
            b--;
        for (size_t w = 0; lang->said[w]; w++) {
            size_t wl = strlen(lang->said[w]);
            if (b >= s.start + wl + 1 && ct_sg__word_at(text, s.end, b - wl, lang->said[w], wl) &&
                (text[b - wl - 1] == ' ' || text[b - wl - 1] == ',') && b < i) {
                *name = r;
                return 1;
            }
        }
        i = r.end > i ? r.end - 1 : i;
    }
    return 0;
}
