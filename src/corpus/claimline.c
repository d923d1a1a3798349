/*
 * claimline.c - the claim reader without a DOM: one claim object's text read
 * straight into its members, with the claim schema's rules checked as the
 * bytes go by (a hand-compiled /$defs/claim and /$defs/jsonlClaim of
 * schema/topic.schema.json).
 *
 * It decides only what it can decide cheaply and surely: a claim it accepts
 * is one jansson parses and the generic validator accepts, with the same
 * members (tests/fuzz/fuzz_claimline.c checks exactly that, byte for byte).
 * Anything else (a schema error, an escape that could hide a control
 * character, \u escapes, exponents, long or huge numbers, duplicate members,
 * invalid UTF-8) is left to the generic path, which then reports it with
 * the same verdict, pointer and message as always.
 */
#include "corpus_int.h"

#include "value/jnum.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    const char *p, *end;
    char *out, *out_end; /* decoded strings go here, NUL-terminated */
} reader;

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int eat(reader *r, char ch)
{
    skip_space(r);
    if (r->p < r->end && *r->p == ch) {
        r->p++;
        return 1;
    }
    return 0;
}

/* Length of the UTF-8 sequence at p (strict RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF), or 0 when it is not one. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
    size_t n = (size_t)(end - p);
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* A string at r->p (its opening quote), decoded into r->out and
 * NUL-terminated: the decoded text, its length in *len.  NULL when it is
 * not a string this reader takes: raw control characters, escapes other
 * than \" \\ \/ \n \r \t, invalid UTF-8. */
static const char *read_string(reader *r, size_t *len)
{
    skip_space(r);
    if (r->p >= r->end || *r->p != '"')
        return NULL;
    r->p++;
    char *start = r->out;
    for (;;) {
        if (r->p >= r->end)
            return NULL;
        const unsigned char *q = (const unsigned char *)r->p;
        const unsigned char *stop = (const unsigned char *)r->end;
        /* plain ASCII runs first: most of a claim */
        const unsigned char *run = q;
        while (run < stop && *run >= 0x20 && *run < 0x80 && *run != '"' && *run != '\\')
            run++;
        size_t k = (size_t)(run - q);
        if (k) {
            if ((size_t)(r->out_end - r->out) < k + 1)
                return NULL;
            memcpy(r->out, q, k);
            r->out += k;
            r->p += k;
            continue;
        }
        unsigned char c = *q;
        if (c == '"') {
            r->p++;
            if (r->out >= r->out_end)
                return NULL;
            *r->out++ = '\0';
            *len = (size_t)(r->out - start - 1);
            return start;
        }
        if (c < 0x20)
            return NULL;
        if (c == '\\') {
            if (stop - q < 2)
                return NULL;
            char e;
            switch (q[1]) {
            case '"': e = '"'; break;
            case '\\': e = '\\'; break;
            case '/': e = '/'; break;
            case 'n': e = '\n'; break;
            case 'r': e = '\r'; break;
            case 't': e = '\t'; break;
            default: return NULL; /* \b, \f and \u: the generic path */
            }
            if (r->out + 1 >= r->out_end)
                return NULL;
            *r->out++ = e;
            r->p += 2;
            continue;
        }
        size_t n = utf8_length(q, stop);
        if (!n || (size_t)(r->out_end - r->out) < n + 1)
            return NULL;
        memcpy(r->out, q, n);
        r->out += n;
        r->p += (ptrdiff_t)n;
    }
}

/* A number at r->p of the form -?(0|[1-9][0-9]*)(.[0-9]+)? : 1 and its
 * text; an integer of more than 18 digits, an exponent or a literal of more
 * than 64 bytes is 0 (jansson reads them as reals or refuses them). */
static int read_number(reader *r, const char **text, size_t *len)
{
    skip_space(r);
    const char *p = r->p, *e = r->end;
    const char *start = p;
    if (p < e && *p == '-')
        p++;
    const char *digits = p;
    if (p < e && *p == '0')
        p++;
    else if (p < e && *p >= '1' && *p <= '9')
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    size_t int_digits = (size_t)(p - digits);
    int fraction = 0;
    if (p < e && *p == '.') {
        p++;
        const char *f = p;
        while (p < e && *p >= '0' && *p <= '9')
            p++;
        if (p == f)
            return 0;
        fraction = 1;
    }
    if (p < e && (*p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
        return 0;
    if ((!fraction && int_digits > 18) || p - start > 64)
        return 0;
    *text = start;
    *len = (size_t)(p - start);
    r->p = p;
    return 1;
}

static int is_date(const char *s, size_t n)
{
    for (size_t i = 0; i < 4; i++)
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
    if (n == 4)
        return 1;
    if (n != 7 && n != 10)
        return 0;
    if (s[4] != '-' || !((s[5] == '0' && s[6] >= '1' && s[6] <= '9') ||
                         (s[5] == '1' && s[6] >= '0' && s[6] <= '2')))
        return 0;
    if (n == 7)
        return 1;
    return s[7] == '-' && (((s[8] == '0' && s[9] >= '1' && s[9] <= '9') ||
                            ((s[8] == '1' || s[8] == '2') && s[9] >= '0' && s[9] <= '9') ||
                            (s[8] == '3' && (s[9] == '0' || s[9] == '1'))));
}

/* ^[a-z0-9][a-z0-9_.-]*$ (lower) or ^[A-Za-z0-9][A-Za-z0-9_.:-]*$ (claim
 * ids), at most 128 characters. */
static int is_name(const char *s, size_t n, int id)
{
    if (n == 0 || n > 128)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (id && c >= 'A' && c <= 'Z');
        if (!ok && i > 0)
            ok = c == '_' || c == '.' || c == '-' || (id && c == ':');
        if (!ok)
            return 0;
    }
    return 1;
}

static const char *const hedges[] = {"reported",    "alleged",   "believed", "claimed",
                                     "suspected",   "estimated", "expected", "preliminary",
                                     "unconfirmed", "speculated"};
static const char *const stances[] = {"asserts", "denies", "questions"};
enum {
    N_HEDGES = sizeof hedges / sizeof hedges[0],
    N_STANCES = sizeof stances / sizeof stances[0]
};

/* A member name at r->p, read in place: its text and length.  Only names
 * of plain ASCII letters and '_' are taken (every member the claim schema
 * knows is one); a name with escapes or other characters is left to the
 * generic path, which knows it as well as any. */
static const char *read_key(reader *r, size_t *len)
{
    skip_space(r);
    const char *p = r->p, *e = r->end;
    if (p >= e || *p != '"')
        return NULL;
    const char *start = ++p;
    while (p < e && ((*p >= 'a' && *p <= 'z') || *p == '_'))
        p++;
    if (p >= e || *p != '"')
        return NULL;
    *len = (size_t)(p - start);
    r->p = p + 1;
    return eat(r, ':') ? start : NULL;
}

/* The index in names[0..n) of the key key[0..len), or -1. */
static int key_index(const char *key, size_t len, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(key, names[i], len) == 0)
            return i;
    return -1;
}

/* Members of the value and as_of objects, as bits by their index. */
enum {
    V_MIN = 1,
    V_MAX = 2,
    V_ABOUT = 4,
    V_LOW = 8,
    V_BEST = 16,
    V_HIGH = 32,
    V_FROM = 64,
    V_TO = 128
};

static const char *const value_keys[] = {"min",  "max",  "about", "low",
                                         "best", "high", "from",  "to"};

/* An object of the value forms ({min, max}, {about}, {low, best, high},
 * {from, to}) at r->p: the set of its members (dates for from and to,
 * numbers for the rest), or 0 when it is none of them. */
static int read_value_object(reader *r)
{
    char *mark = r->out;
    int seen = 0;
    if (!eat(r, '{'))
        return 0;
    if (eat(r, '}'))
        return 0;
    do {
        size_t n;
        const char *key = read_key(r, &n);
        int index = key ? key_index(key, n, value_keys, 8) : -1;
        int bit = index < 0 ? 0 : 1 << index;
        if (!bit || (seen & bit))
            return 0;
        seen |= bit;
        if (bit & (V_FROM | V_TO)) {
            const char *d = read_string(r, &n);
            if (!d || !is_date(d, n))
                return 0;
        } else {
            const char *t;
            if (!read_number(r, &t, &n))
                return 0;
        }
    } while (eat(r, ','));
    r->out = mark; /* the object is kept as text */
    if (!eat(r, '}'))
        return 0;
    int numbers = seen & ~(V_FROM | V_TO);
    if (numbers && numbers != seen)
        return 0;
    if (!numbers)
        return seen;                /* {from, to}, one or both */
    if (!(seen & ~(V_MIN | V_MAX))) /* {min, max} */
        return seen;
    if (seen == V_ABOUT) /* {about} */
        return seen;
    if ((seen & (V_LOW | V_HIGH)) == (V_LOW | V_HIGH) && !(seen & ~(V_LOW | V_BEST | V_HIGH)))
        return seen; /* {low, best, high} */
    return 0;
}

/* A value (number, string, boolean or one of the objects) at r->p: its
 * JSON text into out. */
static int read_value(reader *r, ct_claim_text *out)
{
    skip_space(r);
    const char *start = r->p;
    if (r->p >= r->end)
        return 0;
    char c = *r->p;
    size_t n;
    if (c == '"') {
        if (!(out->value_string = read_string(r, &n)))
            return 0;
        out->value_string_len = n;
        out->value_form = CT_CLAIM_VALUE_STRING;
    } else if (c == 't' || c == 'f') {
        size_t k = c == 't' ? 4 : 5;
        if ((size_t)(r->end - r->p) < k || memcmp(r->p, c == 't' ? "true" : "false", k) != 0)
            return 0;
        r->p += k;
        out->value_form = c == 't' ? CT_CLAIM_VALUE_TRUE : CT_CLAIM_VALUE_FALSE;
    } else if (c == '{') {
        if (!read_value_object(r))
            return 0;
        out->value_form = CT_CLAIM_VALUE_OBJECT;
    } else {
        const char *t;
        if (!read_number(r, &t, &n))
            return 0;
        out->value_form = memchr(t, '.', n) ? CT_CLAIM_VALUE_DECIMAL : CT_CLAIM_VALUE_INTEGER;
    }
    out->value = start;
    out->value_len = (size_t)(r->p - start);
    return 1;
}

/* as_of: a date, or {from, to} with one or both. */
static int read_as_of(reader *r, ct_claim_text *out)
{
    skip_space(r);
    const char *start = r->p;
    size_t n;
    if (r->p < r->end && *r->p == '"') {
        const char *d = read_string(r, &n);
        if (!d || !is_date(d, n))
            return 0;
        out->as_of_string = d;
    } else {
        int seen = read_value_object(r);
        if (!seen || (seen & ~(V_FROM | V_TO)))
            return 0;
    }
    out->as_of = start;
    out->as_of_len = (size_t)(r->p - start);
    return 1;
}

/* The members of a claim: what each must hold and where it goes. */
enum {
    MEMBER_TEXT,     /* any string */
    MEMBER_NONEMPTY, /* a non-empty string */
    MEMBER_NAME,     /* a lower-case identifier */
    MEMBER_ID,       /* a claim id */
    MEMBER_HEDGE,    /* one of hedges */
    MEMBER_STANCE,   /* one of stances */
    MEMBER_VALUE,
    MEMBER_AS_OF
};

typedef struct {
    const char *name;
    unsigned char len, kind;
    unsigned short offset; /* of its `const char *` in ct_claim_text */
} member_def;

#define MEMBER(n, k, field)                                                                        \
    {                                                                                              \
        n, sizeof n - 1, k, offsetof(ct_claim_text, field)                                         \
    }
static const member_def members[] = {
    MEMBER("id", MEMBER_ID, id),
    MEMBER("topic", MEMBER_NAME, topic),
    MEMBER("subject", MEMBER_NONEMPTY, subject),
    MEMBER("property", MEMBER_NAME, property),
    MEMBER("value", MEMBER_VALUE, value),
    MEMBER("as_of", MEMBER_AS_OF, as_of),
    MEMBER("source", MEMBER_NONEMPTY, source),
    MEMBER("quote", MEMBER_NONEMPTY, quote),
    MEMBER("claimant", MEMBER_NONEMPTY, claimant),
    MEMBER("hedge", MEMBER_HEDGE, hedge),
    MEMBER("stance", MEMBER_STANCE, stance),
    MEMBER("locator", MEMBER_TEXT, locator),
    MEMBER("note", MEMBER_TEXT, note),
};
#undef MEMBER
enum { N_MEMBERS = sizeof members / sizeof members[0] }; /* fewer than 32: a bit each */

/* The member of the claim named key[0..len), or NULL.  Members come in
 * the order above in most files: the one after the last found is tried
 * first. */
static const member_def *find_member(const char *key, size_t len, size_t *hint)
{
    for (size_t k = 0; k < N_MEMBERS; k++) {
        size_t i = (*hint + k) % N_MEMBERS;
        if (members[i].len == len && memcmp(key, members[i].name, len) == 0) {
            *hint = i + 1;
            return &members[i];
        }
    }
    return NULL;
}

/* One member "key": value of the claim; 0 when the reader cannot take it.
 * *seen holds a bit for each member read (by its index in members). */
static int read_member(reader *r, ct_claim_text *out, unsigned *seen, size_t *hint)
{
    size_t klen, n;
    const char *key = read_key(r, &klen);
    const member_def *m = key ? find_member(key, klen, hint) : NULL;
    if (!m)
        return 0;
    unsigned bit = 1u << (m - members);
    if (*seen & bit)
        return 0; /* a duplicate: the generic path names it */
    *seen |= bit;
    if (m->kind == MEMBER_VALUE)
        return read_value(r, out);
    if (m->kind == MEMBER_AS_OF)
        return read_as_of(r, out);
    const char *s = read_string(r, &n);
    if (!s || memchr(s, '\0', n))
        return 0;
    switch (m->kind) {
    case MEMBER_NONEMPTY:
        if (n == 0)
            return 0;
        break;
    case MEMBER_NAME:
    case MEMBER_ID:
        if (!is_name(s, n, m->kind == MEMBER_ID))
            return 0;
        break;
    case MEMBER_HEDGE:
        if (key_index(s, n, hedges, N_HEDGES) < 0)
            return 0;
        break;
    case MEMBER_STANCE:
        if (key_index(s, n, stances, N_STANCES) < 0)
            return 0;
        break;
    default: break;
    }
    *(const char **)(void *)((char *)out + m->offset) = s;
    return 1;
}

int ct_corpus__claim_read(ct_claim_text *out, const char *text, size_t len, char *scratch,
                          size_t scratch_len, int need_topic, size_t *used)
{
    memset(out, 0, sizeof *out);
    reader r = {text, text + len, scratch, scratch + scratch_len};
    unsigned seen = 0;
    size_t hint = 0;
    if (!eat(&r, '{'))
        return 0;
    if (!eat(&r, '}')) {
        do {
            if (!read_member(&r, out, &seen, &hint))
                return 0;
        } while (eat(&r, ','));
        if (!eat(&r, '}'))
            return 0;
    }
    if (used)
        *used = (size_t)(r.p - text);
    else if ((skip_space(&r), r.p != r.end))
        return 0; /* the line holds more than the claim */
    /* required: id, subject, property, value, source, quote (and topic) */
    if (!out->id || !out->subject || !out->property || !out->value || !out->source || !out->quote ||
        (need_topic && !out->topic))
        return 0;
    return 1;
}

json_t *ct_corpus__claim_value(const ct_claim_text *ct)
{
    const char *text = ct->value;
    switch (ct->value_form) {
    case CT_CLAIM_VALUE_STRING: return json_stringn_nocheck(ct->value_string, ct->value_string_len);
    case CT_CLAIM_VALUE_TRUE: return json_true();
    case CT_CLAIM_VALUE_FALSE: return json_false();
    case CT_CLAIM_VALUE_INTEGER: {
        /* at most 18 digits: no overflow */
        json_int_t v = 0;
        for (size_t i = text[0] == '-'; i < ct->value_len; i++)
            v = v * 10 + (text[i] - '0');
        return json_integer(text[0] == '-' ? -v : v);
    }
    case CT_CLAIM_VALUE_DECIMAL: return ct_jnum__new(text, ct->value_len);
    default: return ct_jnum__loadb(text, ct->value_len, CT_JSON_LOAD_FLAGS);
    }
}

json_t *ct_corpus__claim_as_of(const ct_claim_text *ct)
{
    if (!ct->as_of)
        return NULL;
    return ct->as_of_string ? json_string_nocheck(ct->as_of_string)
                            : ct_jnum__loadb(ct->as_of, ct->as_of_len, CT_JSON_LOAD_FLAGS);
}
