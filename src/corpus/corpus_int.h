/*
 * corpus_int.h - the corpus loader's shared parts (internal to src/corpus/).
 *
 * The loader is split by job: corpus.c (container, id index, load order and
 * the table of input formats), json.c (JSON documents: parsing, text checks,
 * claim id lines), model.c (sources, topics, properties, claims), jsonl.c
 * (JSONL, serial and parallel), walk.c (folders and reading inputs),
 * quotes.c (quote grounding) and xml.c (XML claim files).
 */
#ifndef CT_CORPUS_INT_H
#define CT_CORPUS_INT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "claimtrack/corpus.h"
#include "value/jnum.h"
#include "claimtrack/schema.h"
#include "schema/cache.h"
#include "util/namemap.h"
#include "util/strtab.h"

#if defined(__GNUC__)
#define CT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CT_PRINTF(f, a)
#endif

#define CT_JSON_LOAD_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL)

struct ct_dir_chain;

struct ct_corpus {
    ct_strtab strings;
    ct_source *sources;
    size_t n_sources, alloc_sources;
    ct_claimant *claimants;
    size_t n_claimants, alloc_claimants;
    ct_topic *topics;
    size_t n_topics, alloc_topics;
    ct_claim *claims;
    size_t n_claims, alloc_claims;
    struct ct_id_slot { /* open addressing over claims */
        uint32_t index; /* claim index + 1; 0: empty */
        uint32_t hash;  /* of its id: most probes compare no string */
    } * id_slots;
    size_t id_size;
    ct_namemap topic_index;    /* topic id -> index */
    ct_namemap source_index;   /* source id -> index */
    ct_namemap claimant_index; /* claimant name or alias -> index */
    ct_namemap *subject_index; /* per topic: subject or alias -> index into its aliases */
    size_t alloc_subject_index;
    const char **files;
    size_t n_files, alloc_files;
    ct_schema_cache own;    /* compiled here unless a shared cache is given */
    ct_schema_cache *cache; /* &own, or the caller's */
};

/* Lines of `"id": "..."` in a file's text, to locate claims for people. */
typedef struct {
    const char **ids;
    int *lines;
    size_t count, alloc;
    ct_namemap first; /* id -> its first occurrence not yet taken (SIZE_MAX: none) */
    size_t *next;     /* the next occurrence of the same id, or SIZE_MAX; NULL: not indexed */
    size_t cursor;    /* not indexed: occurrences before it are taken or passed */
    size_t passed[64], n_passed;
    int oom;     /* indexing ran out of memory */
    char *names; /* the scanned ids, back to back (ids point here) */
    size_t names_len, names_cap;
} ct_id_lines;

typedef struct {
    ct_corpus *c;
    ct_diag_list *diags;
    const char *file;              /* interned in c->strings */
    int worst;                     /* 0, CT_EINVALID, CT_EPARSE, CT_EIO or CT_ENOMEM */
    const ct_corpus_options *opts; /* may be NULL */
    const char *const *given;      /* the paths given to ct_corpus_load */
    size_t n_given;
} ct_load_ctx;

/* File names, growing. */
typedef struct {
    char **items;
    size_t count, alloc;
} ct_path_list;

/* ---- corpus.c: container, strings, id index ---- */

/* Keep the worse of l->worst and rc (ENOMEM, then EIO, EPARSE, EINVALID). */
void ct_corpus__note(ct_load_ctx *l, int rc);
/* Record a model error at `ptr`/`line` of the current file; returns
 * CT_EINVALID, or CT_ENOMEM when the diagnostic could not be stored. */
int ct_corpus__error(ct_load_ctx *l, const char *ptr, int line, const char *fmt, ...)
    CT_PRINTF(4, 5);
/* Make room for one more of `count` items of `size` bytes; 0 or CT_ENOMEM. */
int ct_corpus__grow(void **items, size_t *alloc, size_t count, size_t size);
/* Strings kept by the corpus: interned (shared) or copied; NULL when out of memory. */
const char *ct_corpus__intern(ct_corpus *c, const char *s);
const char *ct_corpus__copy(ct_corpus *c, const char *s);
/* Where the corpus keeps the text of numbers beyond the decimal fast path. */
ct_decimal_store ct_corpus__decimal_store(ct_corpus *c);
/* ---- nfc.c: `s` in Unicode NFC, interned; NULL when out of memory. ---- */
const char *ct_corpus__intern_nfc(ct_corpus *c, const char *s);
/* Copy of string member `key` of `obj`, or NULL when absent (*oom set on failure). */
const char *ct_corpus__opt_copy(ct_corpus *c, json_t *obj, const char *key, int interned, int *oom);
/* The same for a member already found (`v` may be NULL or not a string). */
const char *ct_corpus__opt_string(ct_corpus *c, const json_t *v, int interned, int *oom);
/* Claim index of `id`, or -1; insert claim `index` into the id index. */
long ct_corpus__id_find(const ct_corpus *c, const char *id);
int ct_corpus__id_insert(ct_corpus *c, size_t index);
/* The compiled sources (sources != 0) or topic schema, compiled on first use. */
int ct_corpus__schema(ct_corpus *c, int sources, ct_schema **out);
int ct_corpus__has_suffix(const char *s, const char *suffix);
/* Give the diagnostics from index `first` on that name a JSON pointer in a
 * JSON or JSONL file the line and column of the value named (locate.c);
 * `name`'s text is `text` (a load from memory), other files are read again.
 * 0 or CT_ENOMEM. */
int ct_corpus__locate_diags(ct_load_ctx *l, size_t first, const char *name, const char *text,
                            size_t len);
/* 1 when `name` ends in the suffix of an input format (corpus.c's table). */
int ct_corpus__format_known(const char *name);
const char *ct_corpus__base_name(const char *path);

/* ---- json.c: JSON documents ---- */

void ct_corpus__id_lines_dispose(ct_id_lines *m);
/* Record the line of every `"id": "<value>"` in text. */
int ct_corpus__id_lines_scan(ct_corpus *c, const char *text, size_t len, ct_id_lines *m);
/* The line of the first unclaimed occurrence of `id` (claims it), or 0. */
int ct_corpus__id_lines_take(ct_id_lines *m, const char *id);
/* Turn the id -> line object of the XML reader into id lines. */
int ct_corpus__id_lines_from_json(ct_corpus *c, const json_t *map, ct_id_lines *m);
int ct_corpus__parse_error(ct_load_ctx *l, const json_error_t *err, int line_offset);
/* Make the numbers of `*doc`, parsed from text[0..len), exact (value/jnum.h);
 * a literal that underflowed to zero is a parse error located in the text
 * (lines counted after line_offset).  0, CT_EPARSE (reported) or CT_ENOMEM. */
int ct_corpus__exact_numbers(ct_load_ctx *l, json_t **doc, const char *text, size_t len,
                             int ints_as_reals, int line_offset);
int ct_corpus__check_nul(ct_load_ctx *l, const char *text, size_t len, int line_offset);
size_t ct_corpus__bom_length(const char *text, size_t len);
/* 0 when JSON text `text` cannot decode to a string holding a control
 * character (no \b, \f or \u0000-\u001F escape), so that its document
 * needs no ct_corpus__check_document; else 1. */
int ct_corpus__may_hold_control(const char *text, size_t len);
/* Refuse control characters and bad text in every string of `doc`. */
int ct_corpus__check_document(ct_load_ctx *l, json_t *doc, int line);

/* ---- claimline.c: claims read without a DOM ---- */

/* A claim's members as claimline.c reads them: strings decoded and
 * NUL-terminated (in the caller's scratch buffer), NULL when absent; the
 * value and as_of as their JSON text in the input. */
enum {
    CT_CLAIM_VALUE_STRING = 1,
    CT_CLAIM_VALUE_INTEGER, /* fits int64 */
    CT_CLAIM_VALUE_DECIMAL, /* a short literal with a fraction, no exponent */
    CT_CLAIM_VALUE_TRUE,
    CT_CLAIM_VALUE_FALSE,
    CT_CLAIM_VALUE_OBJECT
};
typedef struct {
    const char *id, *topic, *subject, *property, *source, *quote, *claimant, *hedge, *stance,
        *locator, *note;
    const char *value; /* JSON text in the input */
    size_t value_len;
    int value_form;           /* CT_CLAIM_VALUE_* */
    const char *value_string; /* CT_CLAIM_VALUE_STRING: decoded */
    size_t value_string_len;
    const char *as_of; /* JSON text in the input, or NULL */
    size_t as_of_len;
    const char *as_of_string; /* a date as_of, decoded; NULL for {from, to} */
} ct_claim_text;

/* Read the claim object text[0..len): 1 when it is one this reader takes
 * and the claim schema (/$defs/jsonlClaim when need_topic, else
 * /$defs/claim) accepts, with *out filled; 0 when the generic path must
 * decide (nothing is reported).  Decoded strings go to `scratch`, which
 * needs len + 16 bytes at most.  With `used` NULL only whitespace may follow
 * the object; otherwise *used is the length of the object read. */
int ct_corpus__claim_read(ct_claim_text *out, const char *text, size_t len, char *scratch,
                          size_t scratch_len, int need_topic, size_t *used);
/* The claim's value, and its as_of (NULL when it has none), as the trees
 * jansson and the exact numbers (value/jnum.h) make of their text.  New
 * references; NULL when out of memory. */
json_t *ct_corpus__claim_value(const ct_claim_text *ct);
json_t *ct_corpus__claim_as_of(const ct_claim_text *ct);

/* ---- topicstream.c: a topic file's claims without its tree ---- */

/* The claims of a split topic file: each starts at text + at[i]. */
typedef struct {
    const char *text;
    size_t len;
    const size_t *at;
    size_t n;
} ct_topic_stream;

/* When text[0..len) is an object whose "claims" array holds only claims
 * ct_corpus__claim_read takes: 1, with *head a new text of it holding
 * "claims": [] instead (NUL-terminated, *head_len bytes; free with ct_free)
 * and *at (free with ct_free) the offset of each of the *n claims.  0 when
 * the file must be parsed whole; CT_ENOMEM. */
int ct_corpus__topic_split(const char *text, size_t len, char **head, size_t *head_len, size_t **at,
                           size_t *n);
/* Load the claims of `s` into topic `ti` (already loaded from the head),
 * located by `lines`, pointers under `base`.  0 or CT_ENOMEM. */
int ct_corpus__topic_stream_claims(ct_load_ctx *l, const ct_topic_stream *s, size_t ti,
                                   ct_id_lines *lines, const char *base);

/* ---- model.c: sources, topics, properties, claims ---- */

int ct_corpus__load_sources(ct_load_ctx *l, json_t *doc);
/* A topic document; `stream` (may be NULL) holds claims its "claims" array
 * stands for (topicstream.c), loaded after the array's. */
int ct_corpus__load_topic(ct_load_ctx *l, json_t *doc, ct_id_lines *lines, const char *base,
                          const ct_topic_stream *stream);
int ct_corpus__load_claim(ct_load_ctx *l, json_t *obj, size_t ti, const char *ptr, int line);
/* The same for a claim read by ct_corpus__claim_read. */
int ct_corpus__load_claim_text(ct_load_ctx *l, const ct_claim_text *ct, size_t ti, const char *ptr,
                               int line);
const ct_topic *ct_corpus__topic_find(const ct_corpus *c, const char *id, size_t *index);

/* ---- jsonl.c: JSONL claims ---- */

/* Load the JSONL file `path`; 0 or a negative CT_E*. */
int ct_corpus__load_jsonl(ct_load_ctx *l, const char *path);
/* Load JSONL from `f` (closed here). */
int ct_corpus__load_jsonl_stream(ct_load_ctx *l, FILE *f, const char *path);

/* ---- walk.c: folders and inputs ---- */

int ct_corpus__warn(ct_load_ctx *l, const char *path, const char *fmt, ...) CT_PRINTF(3, 4);
const char *ct_corpus__file_kind(mode_t m);
int ct_corpus__path_add(ct_path_list *pl, const char *path);
/* Gather the corpus files under `path` into `pl`. */
int ct_corpus__collect(ct_load_ctx *l, const char *path, ct_path_list *pl, int explicit_file,
                       int depth, const struct ct_dir_chain *up);
/* Read `fd` to its end into a new NUL-terminated buffer; more than `cap`
 * bytes (0: no limit) is CT_ETOOBIG.  Returns 0, CT_ETOOBIG,
 * CT_EIO (errno set) or CT_ENOMEM. */
int ct_corpus__read_fd(int fd, unsigned long long cap, size_t hint, char **out, size_t *len);
/* Fold text for quote matching: whitespace runs become one space, every
 * quote mark becomes '"', every dash '-', "..." for an ellipsis.  New string,
 * free with ct_free; NULL when out of memory. */
char *ct_corpus__text_fold(const char *s, size_t n);
/* The in-memory input (ct_corpus_options.inputs) named `path`, or NULL. */
const ct_corpus_input *ct_corpus__input_find(const ct_load_ctx *l, const char *path);
/* Read one input whole, or (with `stream`) open a regular file as a stream.
 * Returns 0, 1 (skipped, warned), CT_EIO or CT_ENOMEM. */
int ct_corpus__read_input(ct_load_ctx *l, const char *path, char **text, size_t *len,
                          FILE **stream);

/* ---- quotes.c: quote grounding ---- */

/* Check every claim's quote against its source's archived text under `root`. */
int ct_corpus__check_quotes(ct_load_ctx *l, const char *root);

/* Write to `out` the JSON pointer `base` followed by each segment (const char
 * *, up to a NULL), escaped per RFC 6901 (~ and /); cut to fit `cap`. */
void ct_corpus__pointer(char *out, size_t cap, const char *base, ...);

/* ---- model.c and rules_load.c ---- */
/* speakers.c: the claim's speaker, and its scope (as_of, else the source's
 * published date, for varying properties).  0 or CT_ENOMEM. */
int ct_corpus__resolve_speaker(ct_corpus *c, ct_claim *cl);
int ct_corpus__set_scope(ct_corpus *c, ct_claim *cl, const ct_property *p, const json_t *as_of,
                         ct_interval as_of_iv, const ct_source *src);
/* subjects.c: the topic's declared subjects (the last topic added). */
int ct_corpus__load_subjects(ct_load_ctx *l, ct_topic *t, json_t *subjects);
const char *ct_corpus__subject_canonical(const ct_corpus *c, const ct_topic *t,
                                         const char *subject);
int ct_corpus__load_rules(ct_load_ctx *l, ct_topic *t, json_t *rules);
long ct_corpus__property_find(const ct_topic *t, const char *name);
/* A "cues" array (NULL: none) as NFC strings into a new array (cues.c). */
int ct_corpus__load_cues(ct_corpus *c, const json_t *list, const char ***cues, size_t *n);
/* A property's "cues" and its terms' (after load_property); 0 or CT_ENOMEM. */
int ct_corpus__load_property_cues(ct_corpus *c, ct_property *p, const json_t *def);

#endif
