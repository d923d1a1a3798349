/*
 * suggest.c - draft claims from an article against a corpus's vocabulary.
 *
 * For each topic, each paragraph is read a sentence at a time.  A sentence's
 * subject is the first subject (or alias) it names, else the previous
 * sentence's within the paragraph.  Cues of the topic's properties (their
 * names, hyphens read as spaces, and their "cues") are found as whole words;
 * each quantity or date goes to the property of the nearest cue of its
 * type; a term found by its label or cues (the longest match wins) goes to
 * its property when a cue of that property is in the sentence; a boolean
 * property's cue drafts true, or false when its clause is negated.  The
 * quote is the smallest run of clauses holding the cue and the value.
 */
#include "claimtrack/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrack/common.h"
#include "suggest_int.h"
#include "util/util.h"

#define MAX_SENTENCES_VALUES 64

typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *nb = ct_realloc(b->buf, cap);
        if (!nb) {
            b->oom = 1;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

/* a JSON string of n bytes (invalid UTF-8 bytes become U+FFFD) */
static void put_str(sbuf *b, const char *s, size_t n)
{
    json_t *j = json_stringn_nocheck(s, n);
    if (!j) {
        b->oom = 1;
        return;
    }
    char *d = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(j);
    if (!d) {
        b->oom = 1;
        return;
    }
    puts_(b, d);
    free(d);
}

typedef struct {
    size_t pos, len;
    size_t prop;
    const char *cue;
} cue_hit;

typedef struct {
    const ct_corpus *c;
    const ct_topic *t;
    size_t ti;
    const char *text; /* the article in NFC */
    size_t len;
    const char *article;  /* as given: quotes are cut from it */
    const ct_sg_nfc *nfc; /* how text maps to article; nfc->text NULL: the same */
    const ct_suggest_options *o;
    const ct_sg_lang *lang;
    const ct_sg_anchor *anchor;
    sbuf out;
    size_t count;
    sbuf seen; /* keys of drafts written, NUL-separated */
    cue_hit *hits;
    size_t n_hits, alloc_hits;
} ctx;

static int add_hit(ctx *x, size_t pos, size_t len, size_t prop, const char *cue)
{
    if (ct_util__array_grow((void **)&x->hits, &x->alloc_hits, x->n_hits, sizeof *x->hits) < 0)
        return -1;
    x->hits[x->n_hits++] = (cue_hit){pos, len, prop, cue};
    return 0;
}

/* every occurrence of `cue` (hyphens matching spaces too) in s */
static int find_cue(ctx *x, ct_sg_span s, const char *cue, size_t prop)
{
    size_t n = strlen(cue);
    if (n == 0 || n > 200)
        return 0;
    char alt[201];
    memcpy(alt, cue, n + 1);
    for (size_t k = 0; k < n; k++)
        if (alt[k] == '-')
            alt[k] = ' ';
    for (size_t at = s.start; at < s.end;) {
        size_t p = ct_sg__find(x->text, s.end, at, cue);
        size_t q = strcmp(alt, cue) ? ct_sg__find(x->text, s.end, at, alt) : (size_t)-1;
        if (q < p)
            p = q;
        if (p == (size_t)-1)
            break;
        if (add_hit(x, p, n, prop, cue) < 0)
            return -1;
        at = p + n;
    }
    return 0;
}

static size_t distance(size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a1 <= b0)
        return b0 - a1;
    if (b1 <= a0)
        return a0 - b1;
    return 0;
}

static int seen_before(ctx *x, const char *key, size_t n)
{
    for (size_t i = 0; i < x->seen.len;) {
        size_t l = strlen(x->seen.buf + i);
        if (l == n && memcmp(x->seen.buf + i, key, n) == 0)
            return 1;
        i += l + 1;
    }
    put(&x->seen, key, n);
    put(&x->seen, "", 1);
    x->seen.len += 0;
    return 0;
}

static const char *known_id(ctx *x, const char *subject, size_t prop, const char *value)
{
    json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
    if (!v)
        return NULL;
    size_t n;
    const ct_claim *cl = ct_corpus_claims(x->c, &n);
    const char *id = NULL;
    for (size_t i = 0; i < n && !id; i++) {
        if (cl[i].topic != x->ti || cl[i].property != prop || strcmp(cl[i].source, x->o->source) ||
            strcmp(cl[i].subject, subject) || cl[i].denies)
            continue;
        json_t *w = json_loads(cl[i].value_json, JSON_DECODE_ANY, NULL);
        if (w && json_equal(v, w))
            id = cl[i].id;
        json_decref(w);
    }
    json_decref(v);
    return id;
}

static const char *declared_claimant(ctx *x, ct_sg_span s);

/* Who speaks in sentence s: a declared claimant by name or alias (its
 * declared name), else any named speaker the sentence attributes (the name
 * as written).  *len its length; NULL when nobody is named. */
static const char *claimant_of(ctx *x, ct_sg_span s, size_t *len)
{
    const char *declared = declared_claimant(x, s);
    if (declared) {
        *len = strlen(declared);
        return declared;
    }
    ct_sg_span name;
    if (!ct_sg__named_speaker(x->lang, x->text, s, &name))
        return NULL;
    *len = name.end - name.start;
    return x->text + name.start;
}

static const char *declared_claimant(ctx *x, ct_sg_span s)
{
    size_t n;
    const ct_claimant *cl = ct_corpus_claimants(x->c, &n);
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a <= cl[i].n_aliases; a++) {
            const char *name = a == 0 ? cl[i].name : cl[i].aliases[a - 1];
            size_t nl = strlen(name);
            for (size_t at = s.start; at < s.end;) {
                size_t p = ct_sg__find(x->text, s.end, at, name);
                if (p == (size_t)-1)
                    break;
                if (ct_sg__attributed(x->lang, x->text, s, p, nl))
                    return cl[i].name;
                at = p + nl;
            }
        }
    }
    return NULL;
}

/* One draft: the value `json` at [v0, v1), the cue hit h (or NULL). */
static void draft(ctx *x, ct_sg_span s, const char *subject, size_t prop, const char *json,
                  size_t v0, size_t v1, const cue_hit *h, const char *value_cue, int stance_ok)
{
    size_t a = h && h->pos < v0 ? h->pos : v0;
    size_t b = h && h->pos + h->len > v1 ? h->pos + h->len : v1;
    ct_sg_span qa = ct_sg__clause(x->text, s, a);
    ct_sg_span qb = ct_sg__clause(x->text, s, b > a ? b - 1 : b);
    ct_sg_span q = {qa.start < a ? qa.start : a, qb.end > b ? qb.end : b};
    if (q.start >= q.end || q.end > x->len)
        return;
    const ct_property *p = &x->t->properties[prop];
    int denies = stance_ok && ct_sg__denial(x->lang, x->text, s);
    const char *hedge = ct_sg__hedge(x->lang, x->text, q);
    size_t claimant_len = 0;
    const char *claimant = claimant_of(x, s, &claimant_len);
    char key[512];
    int kn = snprintf(key, sizeof key, "%s|%s|%s|%d", subject, p->name, json, denies);
    if (kn < 0 || (size_t)kn >= sizeof key || seen_before(x, key, (size_t)kn))
        return;
    sbuf *o = &x->out;
    puts_(o, "{\"claim\": {\"topic\": ");
    put_str(o, x->t->id, strlen(x->t->id));
    puts_(o, ", \"subject\": ");
    put_str(o, subject, strlen(subject));
    puts_(o, ", \"property\": ");
    put_str(o, p->name, strlen(p->name));
    puts_(o, ", \"value\": ");
    puts_(o, json);
    puts_(o, ", \"source\": ");
    put_str(o, x->o->source, strlen(x->o->source));
    puts_(o, ", \"quote\": ");
    size_t q0 = x->nfc->text ? x->nfc->from[q.start] : q.start;
    size_t q1 = x->nfc->text ? x->nfc->to[q.end - 1] : q.end;
    put_str(o, x->article + q0, q1 - q0);
    if (claimant) {
        puts_(o, ", \"claimant\": ");
        put_str(o, claimant, claimant_len);
    }
    if (hedge) {
        puts_(o, ", \"hedge\": ");
        put_str(o, hedge, strlen(hedge));
    }
    if (denies)
        puts_(o, ", \"stance\": \"denies\"");
    char num[80];
    snprintf(num, sizeof num, "}, \"offset\": [%zu, %zu], \"cues\": [", q0, q1);
    puts_(o, num);
    int first = 1;
    if (h) {
        put_str(o, h->cue, strlen(h->cue));
        first = 0;
    }
    if (value_cue) {
        if (!first)
            puts_(o, ", ");
        put_str(o, value_cue, strlen(value_cue));
    }
    puts_(o, "], \"known\": ");
    const char *id = known_id(x, subject, prop, json);
    if (id)
        put_str(o, id, strlen(id));
    else
        puts_(o, "null");
    puts_(o, "}\n");
    x->count++;
}

/* the nearest cue hit of a property of type `type` to [v0, v1) */
static const cue_hit *nearest(ctx *x, ct_value_type type, size_t v0, size_t v1)
{
    const cue_hit *best = NULL;
    size_t bd = (size_t)-1;
    for (size_t i = 0; i < x->n_hits; i++) {
        if (x->t->properties[x->hits[i].prop].type != type)
            continue;
        size_t d = distance(v0, v1, x->hits[i].pos, x->hits[i].pos + x->hits[i].len);
        if (d < bd) {
            bd = d;
            best = &x->hits[i];
        }
    }
    return best;
}

/* 1 when word w (n bytes) is worth matching: 4 letters or more, a
 * capitalised abbreviation ("EU", "BTC") or a year. */
static int content_word(const char *w, size_t n)
{
    if (n >= 4)
        return 1;
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(w[i] >= 'A' && w[i] <= 'Z'))
            return 0;
    return 1;
}

static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* How many subjects of the topic (canonical names and aliases) hold word w. */
static size_t subjects_with(const ct_topic *t, const char *w, size_t n)
{
    size_t count = 0;
    const char *last = NULL;
    for (size_t i = 0; i < t->n_aliases; i++) {
        const char *a = t->aliases[i].alias;
        for (const char *p = a; *p; p++)
            if ((p == a || !word_char((unsigned char)p[-1])) && strncmp(p, w, n) == 0 &&
                !word_char((unsigned char)p[n])) {
                if (t->aliases[i].canonical != last)
                    count++;
                last = t->aliases[i].canonical;
                break;
            }
    }
    return count;
}

/* The sentence's subject: the first name or alias it holds, else the
 * subject whose names share the most content words with it (a word that
 * names one subject only counts twice), when that is 2 or more; NULL when
 * none.  `prev` wins ties. */
static const char *subject_in(ctx *x, ct_sg_span s, const char *prev)
{
    const ct_topic *t = x->t;
    size_t best = (size_t)-1, blen = 0;
    const char *canon = NULL;
    for (size_t i = 0; i < t->n_aliases; i++) {
        size_t p = ct_sg__find(x->text, s.end, s.start, t->aliases[i].alias);
        size_t n = strlen(t->aliases[i].alias);
        if (p != (size_t)-1 && (p < best || (p == best && n > blen))) {
            best = p;
            blen = n;
            canon = t->aliases[i].canonical;
        }
    }
    if (canon)
        return canon;
    size_t top = 0;
    for (size_t i = 0; i < t->n_aliases; i++) {
        const char *a = t->aliases[i].alias;
        size_t score = 0;
        for (const char *p = a; *p;) {
            if (!word_char((unsigned char)*p)) {
                p++;
                continue;
            }
            const char *e = p;
            while (*e && word_char((unsigned char)*e))
                e++;
            size_t n = (size_t)(e - p);
            char w[64];
            if (content_word(p, n) && n < sizeof w) {
                memcpy(w, p, n);
                w[n] = 0;
                if (ct_sg__find(x->text, s.end, s.start, w) != (size_t)-1)
                    score += subjects_with(t, p, n) == 1 ? 2 : 1;
            }
            p = e;
        }
        if (score > top || (score == top && score && t->aliases[i].canonical == prev)) {
            top = score;
            canon = t->aliases[i].canonical;
        }
    }
    return top >= 2 ? canon : NULL;
}

/* Drafts for the terms of term property of cue hit `hi`: labels and cues
 * of its terms in the sentence, longest first, none overlapping a longer
 * one; once per property and sentence. */
static void draft_terms(ctx *x, ct_sg_span s, const char *subject, size_t hi)
{
    const cue_hit *h = &x->hits[hi];
    const ct_property *p = &x->t->properties[h->prop];
    int dup = 0;
    for (size_t k = 0; k < hi; k++)
        dup |= x->hits[k].prop == h->prop;
    if (dup)
        return;
    /* labels and cues of p's terms in the sentence, longest first,
     * none overlapping a longer one */
    size_t taken_s[16], taken_e[16], nt = 0;
    for (;;) {
        size_t bl = 0, bp = 0, bt = 0;
        const char *bcue = NULL;
        for (size_t ti = 0; ti < p->n_terms; ti++) {
            const ct_term *term = &p->terms[ti];
            for (size_t k = 0; k <= term->n_cues; k++) {
                const char *cue = k == 0 ? term->label : term->cues[k - 1];
                if (!cue)
                    continue;
                size_t n = strlen(cue);
                for (size_t at = s.start; n > bl;) {
                    at = ct_sg__find(x->text, s.end, at, cue);
                    if (at == (size_t)-1)
                        break;
                    int free_span = 1;
                    for (size_t q = 0; q < nt; q++)
                        if (at < taken_e[q] && taken_s[q] < at + n)
                            free_span = 0;
                    if (free_span) {
                        bl = n;
                        bp = at;
                        bt = ti;
                        bcue = cue;
                        break;
                    }
                    at += n;
                }
            }
        }
        if (!bcue || nt == 16)
            break;
        taken_s[nt] = bp;
        taken_e[nt++] = bp + bl;
        char json[300];
        int n = snprintf(json, sizeof json, "\"%s\"", p->terms[bt].name);
        if (n > 0 && (size_t)n < sizeof json && !strpbrk(p->terms[bt].name, "\"\\"))
            draft(x, s, subject, h->prop, json, bp, bp + bl, h, bcue, 1);
    }
}

static int sentence(ctx *x, ct_sg_span s, const char *subject)
{
    const ct_topic *t = x->t;
    x->n_hits = 0;
    for (size_t pi = 0; pi < t->n_properties; pi++) {
        const ct_property *p = &t->properties[pi];
        if (p->type == CT_TYPE_TEXT)
            continue;
        if (find_cue(x, s, p->name, pi) < 0)
            return -1;
        for (size_t k = 0; k < p->n_cues; k++)
            if (find_cue(x, s, p->cues[k], pi) < 0)
                return -1;
    }
    if (x->n_hits == 0)
        return 0;
    ct_sg_value v[MAX_SENTENCES_VALUES];
    ct_sg_value d[MAX_SENTENCES_VALUES];
    size_t nd = ct_sg__dates(x->text, s, x->anchor, d, MAX_SENTENCES_VALUES);
    if (nd > MAX_SENTENCES_VALUES)
        nd = MAX_SENTENCES_VALUES;
    for (size_t i = 0; i < nd; i++) {
        const cue_hit *h = nearest(x, CT_TYPE_DATE, d[i].start, d[i].end);
        if (h)
            draft(x, s, subject, h->prop, d[i].json, d[i].start, d[i].end, h, NULL, 1);
    }
    size_t nq = ct_sg__quantities(x->text, s, v, MAX_SENTENCES_VALUES);
    if (nq > MAX_SENTENCES_VALUES)
        nq = MAX_SENTENCES_VALUES;
    for (size_t i = 0; i < nq; i++) {
        int in_date = 0;
        for (size_t k = 0; k < nd; k++)
            if (v[i].start < d[k].end && d[k].start < v[i].end)
                in_date = 1;
        const cue_hit *h = in_date ? NULL : nearest(x, CT_TYPE_QUANTITY, v[i].start, v[i].end);
        if (!h)
            continue;
        /* "USD 1.178 billion" of a property in "billion USD" is 1.178 */
        static const char *const scales[] = {"thousand", "million", "billion", "trillion"};
        const char *unit = t->properties[h->prop].unit;
        int unscaled = v[i].zeros && unit && strstr(unit, scales[v[i].zeros / 3 - 1]);
        draft(x, s, subject, h->prop, unscaled ? v[i].unscaled : v[i].json, v[i].start, v[i].end, h,
              NULL, 1);
    }
    for (size_t hi = 0; hi < x->n_hits; hi++) {
        const cue_hit *h = &x->hits[hi];
        const ct_property *p = &t->properties[h->prop];
        if (p->type == CT_TYPE_BOOLEAN) {
            int dup = 0;
            for (size_t k = 0; k < hi; k++)
                dup |= x->hits[k].prop == h->prop;
            if (dup)
                continue;
            ct_sg_span c = ct_sg__clause(x->text, s, h->pos);
            int neg = ct_sg__negated(x->lang, x->text, c);
            draft(x, s, subject, h->prop, neg ? "false" : "true", h->pos, h->pos + h->len, h, NULL,
                  1);
        } else if (p->type == CT_TYPE_TERM) {
            draft_terms(x, s, subject, hi);
        }
    }
    return x->out.oom || x->seen.oom ? -1 : 0;
}

static int parse_anchor(const char *s, ct_sg_anchor *a)
{
    a->set = 0;
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return -1;
    int v[3] = {0, 1, 1};
    for (size_t i = 0, f = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return -1;
            f++;
            if (f < 3)
                v[f] = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v[f] = v[f] * 10 + (s[i] - '0');
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return -1;
    a->y = v[0];
    a->m = v[1];
    a->d = v[2];
    a->set = 1;
    return 0;
}

/* The offset of the first byte that is not valid UTF-8 (or a NUL), or len. */
static size_t utf8_invalid(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned char c = t[i];
        size_t n = c < 0x80             ? 1
                   : (c & 0xe0) == 0xc0 ? 2
                   : (c & 0xf0) == 0xe0 ? 3
                   : (c & 0xf8) == 0xf0 ? 4
                                        : 0;
        if (c == 0 || n == 0 || i + n > len || (n == 2 && c < 0xc2) || (n == 4 && c > 0xf4))
            return i;
        unsigned cp = n == 1 ? c : c & (0x7f >> n);
        for (size_t k = 1; k < n; k++) {
            if ((t[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (t[i + k] & 0x3f);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
            return i;
        i += n;
    }
    return len;
}

int ct_suggest(char **out, size_t *count, const ct_corpus *corpus, const char *text, size_t len,
               const ct_suggest_options *opts, char *why, size_t why_len)
{
    *out = NULL;
    *count = 0;
    const ct_source *src = ct_corpus_source_find(corpus, opts->source);
    if (!src) {
        snprintf(why, why_len, "source \"%s\" is not declared in the corpus", opts->source);
        return CT_EINVALID;
    }
    size_t bad = utf8_invalid(text, len);
    if (bad < len) {
        snprintf(why, why_len, "byte %zu: %s; expected UTF-8 text", bad,
                 text[bad] ? "not UTF-8" : "a NUL byte");
        return CT_EINVALID;
    }
    ct_sg_anchor anchor;
    const char *pub = opts->published ? opts->published : src->published;
    if (parse_anchor(pub, &anchor) < 0) {
        snprintf(why, why_len, "published date \"%s\": expected YYYY, YYYY-MM or YYYY-MM-DD", pub);
        return CT_EINVALID;
    }
    size_t nt;
    const ct_topic *topics = ct_corpus_topics(corpus, &nt);
    for (size_t k = 0; k < opts->n_topics; k++) {
        size_t i = 0;
        while (i < nt && strcmp(topics[i].id, opts->topics[k]))
            i++;
        if (i == nt) {
            snprintf(why, why_len, "topic \"%s\" is not in the corpus", opts->topics[k]);
            return CT_EINVALID;
        }
    }
    ct_sg_nfc nfc;
    if (ct_sg__nfc(&nfc, text, len) < 0)
        return CT_ENOMEM;
    const char *article = text;
    if (nfc.text) { /* read the NFC text, cut quotes from the article */
        text = nfc.text;
        len = nfc.len;
    }
    const ct_sg_lang *lang = ct_sg__english();
    size_t ns = ct_sg__sentences(lang, text, len, NULL, NULL, 0);
    ct_sg_span *spans = ct_calloc(ns ? ns : 1, sizeof *spans);
    unsigned char *para = ct_calloc(ns ? ns : 1, 1);
    ctx x;
    memset(&x, 0, sizeof x);
    int rc = 0;
    if (!spans || !para) {
        rc = CT_ENOMEM;
        goto done;
    }
    ct_sg__sentences(lang, text, len, spans, para, ns);
    x.c = corpus;
    x.text = text;
    x.len = len;
    x.article = article;
    x.nfc = &nfc;
    x.o = opts;
    x.lang = lang;
    x.anchor = &anchor;
    for (size_t ti = 0; ti < nt && !rc; ti++) {
        int wanted = opts->n_topics == 0;
        for (size_t k = 0; k < opts->n_topics; k++)
            wanted |= strcmp(topics[ti].id, opts->topics[k]) == 0;
        if (!wanted)
            continue;
        x.t = &topics[ti];
        x.ti = ti;
        const char *subject = NULL;
        for (size_t si = 0; si < ns && !rc; si++) {
            if (para[si])
                subject = NULL;
            const char *named = subject_in(&x, spans[si], subject);
            if (named)
                subject = named;
            if (subject && sentence(&x, spans[si], subject) < 0)
                rc = CT_ENOMEM;
        }
    }
    if (!rc && x.out.oom)
        rc = CT_ENOMEM;
done:
    ct_sg__nfc_dispose(&nfc);
    ct_free(spans);
    ct_free(para);
    ct_free(x.hits);
    ct_free(x.seen.buf);
    if (rc) {
        ct_free(x.out.buf);
        return rc;
    }
    *out = x.out.buf;
    *count = x.count;
    return 0;
}
