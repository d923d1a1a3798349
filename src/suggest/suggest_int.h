/*
 * suggest_int.h - the recognisers behind claimtrack suggest, exposed for the
 * unit tests.  Every span is a byte range [start, end) of the text given.
 * Values are built as JSON text (no binary floating point anywhere).
 */
#ifndef CT_SUGGEST_INT_H
#define CT_SUGGEST_INT_H

#include <stddef.h>

typedef struct {
    size_t start, end;
} ct_sg_span;

/* A recognised value: its span and its JSON text. */
typedef struct {
    size_t start, end;
    char json[96];
    char unscaled[96]; /* quantities: the value before "million" and the like */
    int zeros;         /* quantities: 3, 6, 9, 12 for thousand ... trillion; 0 none */
} ct_sg_value;

/* An anchor for dates without a year and relative dates. */
typedef struct {
    int set;
    int y, m, d;
} ct_sg_anchor;

/* Word tables of one language. */
typedef struct {
    const char *const *abbrev;    /* words whose full stop ends no sentence */
    const char *const *hedges;    /* pairs: cue, hedge value; NULL-terminated */
    const char *const *denials;   /* cues of a denial */
    const char *const *negations; /* cues of a boolean stated false */
    const char *const *said;      /* attribution verbs after the speaker */
    const char *const *not_names; /* capitalised words that name no speaker ("Officials") */
    const char *const *fillers;   /* lower-case words inside a name ("bin", "de", "of") */
} ct_sg_lang;

const ct_sg_lang *ct_sg__english(void);

/* 1 when `needle` (n bytes) occurs at text[pos] case-insensitively (Unicode letters too)
 * as whole words. */
int ct_sg__word_at(const char *text, size_t len, size_t pos, const char *needle, size_t n);
/* First whole-word occurrence of `needle` in [from, to), or (size_t)-1. */
size_t ct_sg__find(const char *text, size_t to, size_t from, const char *needle);

/* Where `phrase` ends just before `at` (spaces between), its start; else
 * (size_t)-1. */
size_t ct_sg__before(const char *text, size_t start, size_t at, const char *phrase);
/* A month name (capitalised) at text[i]: 1-12 with *len, or 0. */
int ct_sg__month_at(const char *text, size_t end, size_t i, size_t *len);

/* Sentences of text[0..len): up to cap spans in out; returns how many
 * there are.  A line break ends a paragraph: *para_starts[i] is 1 for a
 * sentence that begins a paragraph (may be NULL). */
size_t ct_sg__sentences(const ct_sg_lang *lang, const char *text, size_t len, ct_sg_span *out,
                        unsigned char *para_start, size_t cap);
/* The clause of sentence s holding byte pos. */
ct_sg_span ct_sg__clause(const char *text, ct_sg_span s, size_t pos);

/* Quantities of text[s.start..s.end): returns how many (up to cap). */
size_t ct_sg__quantities(const char *text, ct_sg_span s, ct_sg_value *out, size_t cap);
/* Dates, resolved against `anchor` when they lack a year or are relative. */
size_t ct_sg__dates(const char *text, ct_sg_span s, const ct_sg_anchor *anchor, ct_sg_value *out,
                    size_t cap);
/* The hedge of a span ("reported", ...), or NULL. */
const char *ct_sg__hedge(const ct_sg_lang *lang, const char *text, ct_sg_span s);
/* 1 when a span holds a denial cue. */
int ct_sg__denial(const ct_sg_lang *lang, const char *text, ct_sg_span s);
/* 1 when a span holds a negation cue. */
int ct_sg__negated(const ct_sg_lang *lang, const char *text, ct_sg_span s);
/* 1 when `name` (n bytes) at text[pos] is attributed as the speaker of
 * sentence s ("X said", "according to X", ...). */
int ct_sg__attributed(const ct_sg_lang *lang, const char *text, ct_sg_span s, size_t pos, size_t n);

/* A named speaker of sentence s that no vocabulary declares: a run of
 * capitalised words attributed as the speaker ("according to Maria
 * Zakharova", "Ilham Aliyev said", "said Dmitry Peskov").  1 with its span in
 * *name, or 0. */
int ct_sg__named_speaker(const ct_sg_lang *lang, const char *text, ct_sg_span s, ct_sg_span *name);

/* An article in NFC (nfc_map.c): byte i of `text` comes from the article's
 * bytes [from[i], to[i]). */
typedef struct {
    char *text; /* NULL: the article is NFC as it is */
    size_t len;
    size_t *from, *to;
} ct_sg_nfc;

/* Normalise text[0..len) (valid UTF-8) to NFC into *m; m->text stays NULL
 * when nothing changes.  0 or CT_ENOMEM. */
int ct_sg__nfc(ct_sg_nfc *m, const char *text, size_t len);
void ct_sg__nfc_dispose(ct_sg_nfc *m);

#endif
