/*
 * claimtrack/corpus.h - loading and validating a claim corpus.
 *
 * A corpus is read from files and folders: `sources.json` (the cited
 * sources), topic files `*.json` (properties and claims of one topic) and
 * `*.jsonl` files (one claim per line, naming its topic).  `reviews.json` is
 * not part of the corpus and is skipped.  Every file is checked against the
 * embedded JSON Schemas, then against the model (unique ids, known sources,
 * declared properties, values that fit their property, real dates, no cycles in
 * `broader`).  Every error is recorded, not just the first.
 */
#ifndef CLAIMTRACK_CORPUS_H
#define CLAIMTRACK_CORPUS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "claimtrack/diag.h"
#include "claimtrack/schema.h"
#include "claimtrack/value.h"

typedef struct {
    const char *name;
    const char *label;       /* may be NULL */
    const char *description; /* may be NULL */
    long broader;            /* index of the broader term, or -1 */
    long *overlaps;          /* terms that overlap this one (symmetric), by index */
    size_t n_overlaps;
    /* Depth-first numbering of the `broader` forest: term w is term n or
     * broader than it iff w.enter <= n.enter && n.leave <= w.leave. */
    size_t enter, leave;
    const char **cues; /* "cues": NFC words or phrases that signal it (suggest) */
    size_t n_cues;
} ct_term;

typedef struct {
    const char *name;
    ct_value_type type;
    const char *unit;        /* may be NULL */
    const char *description; /* may be NULL */
    ct_decimal tolerance;    /* of {"about": n}: exact */
    int tolerance_set;       /* given in the file, not the default */
    int multi;
    int varies;     /* "varies": true (or "cumulative"): claims are scoped in time */
    int cumulative; /* "cumulative": true: a count that can only grow */
    int importance; /* "importance": -1 "low", 0 unset, 1 "high" */
    ct_term *terms;
    size_t n_terms;
    /* Opaque index of term names, built and freed by the library; NULL in a
     * property made by hand (lookups then scan `terms`).  Do not touch. */
    struct ct_namemap *term_index;
    const char **cues; /* "cues": NFC words or phrases that signal it (suggest) */
    size_t n_cues;
} ct_property;

typedef struct {
    const char *alias;
    const char *canonical;
} ct_subject_alias;

/* A term of a rule: a property of the subject the rule is applied to
 * (subject NULL), or of one named subject. */
typedef struct {
    const char *subject; /* canonical name, or NULL */
    size_t property;     /* index into the topic's properties */
} ct_rule_term;

typedef enum { CT_REL_EQ, CT_REL_LT, CT_REL_LE, CT_REL_GT, CT_REL_GE } ct_relation;

/* "left relation right": each side the sum of its quantity terms, or one
 * date (`<`: before). */
typedef struct {
    const char *id;
    ct_rule_term *left, *right;
    size_t n_left, n_right;
    ct_relation relation;
    int dates; /* the sides are dates */
} ct_rule;

typedef struct {
    const char *id;
    const char *title;
    const char *description; /* may be NULL */
    const char *file;
    ct_rule *rules;
    size_t n_rules;
    ct_property *properties;
    size_t n_properties;
    ct_subject_alias *aliases; /* canonical names map to themselves */
    size_t n_aliases;
    int has_subjects; /* subjects were declared: others are errors */
} ct_topic;

typedef struct {
    const char *id;
    const char *title;
    const char *author, *publisher, *published, *url, *archive, *note; /* may be NULL */
    const char *file;                                                  /* the file declaring it */
} ct_source;

/* A declared speaker (sources.json "claimants"): claims may name it by
 * `name` or any alias; linked to a source, it is that source's speaker. */
typedef struct {
    const char *name;     /* NFC */
    const char **aliases; /* NFC */
    size_t n_aliases;
    const char *source; /* linked source id, or NULL */
} ct_claimant;

typedef struct {
    /* ordered to pack tightly: a big corpus holds millions of these */
    const char *id;
    const char *subject; /* canonical name */
    const char *source;  /* source id */
    const char *quote;
    const char *claimant;   /* may be NULL */
    const char *hedge;      /* may be NULL */
    const char *locator;    /* may be NULL */
    const char *note;       /* may be NULL */
    const char *as_of;      /* as_of for people ("2025-06", "2025-03 to 2025-07"); may be NULL */
    const char *as_of_json; /* as_of exactly as written, compact JSON; may be NULL */
    const char *scope_text; /* varying properties: the scope's date as written, or NULL */
    const char *value_json; /* the value exactly as written, compact JSON */
    const char *display;    /* the value for people */
    const char *file;
    const char *speaker;    /* who speaks: a source id (speaker_source) or a claimant name */
    ct_interval interval;   /* quantity and date values */
    ct_interval scope;      /* days the value holds for: as_of, else the source's
                            * published date (varying properties), else all */
    ct_decimal best;        /* an estimate's "best" value, or CT_DECIMAL_NONE */
    int64_t as_of_day;      /* first day covered by as_of, or CT_NO_DAY */
    uint32_t topic;         /* index into corpus topics */
    uint32_t property;      /* index into the topic's properties */
    int32_t term;           /* term values: index into the property's terms, or -1 */
    int32_t line;           /* line of the claim's id in its file, 0 if unknown */
    uint8_t denies;         /* stance "denies" */
    uint8_t boolean;        /* boolean values */
    uint8_t speaker_source; /* speaker is a source id: no claimant, or one linked to a source */
    uint8_t questions;      /* stance "questions": shown, never clashes */
    uint8_t scope_basis;    /* CT_SCOPE_* */
} ct_claim;

/* ct_claim.as_of_day of a claim without as_of: before every day. */
#define CT_NO_DAY INT64_MIN

/* Where a claim's scope comes from (ct_claim.scope_basis). */
enum {
    CT_SCOPE_NONE = 0,      /* the property does not vary */
    CT_SCOPE_AS_OF = 1,     /* the claim's as_of */
    CT_SCOPE_PUBLISHED = 2, /* its source's published date */
    CT_SCOPE_ALWAYS = 3     /* neither: overlaps every other scope */
};

/* "as_of", "published", "unscoped" for CT_SCOPE_* (static); NULL for
 * CT_SCOPE_NONE. */
const char *ct_scope_basis_name(int basis);

typedef struct ct_corpus ct_corpus;

/* An input the caller has read into memory (standard input, say: the library
 * reads no stream of its own).  A path given to ct_corpus_load equal to its
 * `name` is read from here instead of the file system; the name's suffix
 * picks the format as for a file, except "-", whose text is sniffed. */
typedef struct {
    const char *name; /* as among the paths: "-" for standard input */
    const char *text; /* its bytes (borrowed; need not end in NUL); NULL when status != 0 */
    size_t len;
    int status;      /* 0, or how reading it failed: CT_EIO or CT_ETOOBIG (over max_input_size) */
    int errno_value; /* with CT_EIO: errno of the failed read */
} ct_corpus_input;

typedef struct {
    const char *archive_root; /* check quotes against archived texts; may be NULL */
    /* With archive_root: 1 makes a claim whose source has no "archive" an
     * error; 0 (default) checks only archived sources and notes, once per
     * source, how many claims went unchecked (wire copy, press releases). */
    int archive_required;
    int jobs;               /* threads parsing big JSONL files (1: none) */
    ct_schema_cache *cache; /* borrowed; NULL: the corpus compiles its own */
    /* Called now and then while a JSONL file loads: bytes read of its total
     * size and claims loaded so far.  May be NULL. */
    void (*progress)(const char *file, long long done, long long total, size_t claims,
                     void *payload);
    void *progress_payload;
    /* Most bytes read from standard input, a pipe, a FIFO or a device named
     * as a path (regular files have no limit); 0: 4 GiB. */
    unsigned long long max_input_size;
    /* Inputs read into memory by the caller (borrowed), found by name among
     * the paths.  "-" without one here is an empty input. */
    const ct_corpus_input *inputs;
    size_t n_inputs;
} ct_corpus_options;

#define CT_CORPUS_OPTIONS_INIT                                                                     \
    {                                                                                              \
        .jobs = 1                                                                                  \
    }

/* Read `fd` to its end into a new NUL-terminated buffer (free with
 * ct_free), stopping past `cap` bytes (0: no limit).  Returns 0,
 * CT_ETOOBIG, CT_EIO (errno set) or CT_ENOMEM. */
int ct_corpus_read_fd(char **out, size_t *len, int fd, unsigned long long cap);
/* The size limit of non-regular inputs when max_input_size is 0: 4 GiB. */
#define CT_DEFAULT_MAX_INPUT (4ULL << 30)

/* New empty corpus into *out; free with ct_corpus_free.  Returns 0 or CT_ENOMEM. */
int ct_corpus_new(ct_corpus **out);
/* Free `corpus` and everything it owns; NULL is accepted. */
void ct_corpus_free(ct_corpus *corpus);

/*
 * Load every corpus file under `paths` (files or folders; folders are read
 * recursively, files sorted by name).  Diagnostics go to `diags`.  In
 * folders only regular files are read: FIFOs, devices, dangling links and
 * link loops are skipped with a warning each.  No claim file at all is an
 * error (CT_EIO).
 * Returns 0 when all is valid; CT_EINVALID when some claim or file breaks the
 * schema or model; CT_EPARSE when a file is not well-formed; CT_EIO when a path
 * cannot be read; CT_ENOMEM.  The worst class wins: EIO/EPARSE over EINVALID.
 */
int ct_corpus_load(ct_corpus *corpus, const char *const *paths, size_t n_paths,
                   const ct_corpus_options *opts, ct_diag_list *diags);

/* Load one file's content from memory as if read from a file called
 * `name`, whose suffix picks the format (.json, .jsonl or .xml).  Call it
 * for the sources first, then topics, then JSONL.  Returns as
 * ct_corpus_load. */
int ct_corpus_load_memory(ct_corpus *corpus, const char *name, const char *text, size_t len,
                          const ct_corpus_options *opts, ct_diag_list *diags);

/* Borrowed views, valid while the corpus lives; *count receives their number. */
/* The claims, sorted by id; borrowed. */
const ct_claim *ct_corpus_claims(const ct_corpus *corpus, size_t *count);
/* The topics; borrowed. */
const ct_topic *ct_corpus_topics(const ct_corpus *corpus, size_t *count);
/* The sources; borrowed. */
const ct_source *ct_corpus_sources(const ct_corpus *corpus, size_t *count);
/* The declared claimants (sources.json "claimants"); borrowed. */
const ct_claimant *ct_corpus_claimants(const ct_corpus *corpus, size_t *count);
/* The source with `id`, or NULL; borrowed. */
const ct_source *ct_corpus_source_find(const ct_corpus *corpus, const char *id);
/* The files the corpus was read from, in load order; borrowed. */
const char *const *ct_corpus_files(const ct_corpus *corpus, size_t *count);
/* 1 when a folder walk loads a file with this base name (by its suffix; not
 * hidden files, reviews.json or schemas), else 0. */
int ct_corpus_file_name_loaded(const char *name);

/* The whole corpus as one document: {"sources": {...}, "topics": [topic
 * file, ...]}, every claim inside its topic.  Loading this document alone
 * gives the same corpus.  New reference, NULL when out of memory. */
json_t *ct_corpus_export(const ct_corpus *corpus);

/* The export document as JSON text (2-space indent, member order kept),
 * every number exactly as written.  New string, free with free(); NULL when
 * out of memory. */
char *ct_corpus_export_text(const json_t *doc);

/* The same as one XML <corpus> document (schema/topic.xsd) written to `out`
 * (borrowed).  Returns 0, CT_ENOMEM or CT_EIO. */
int ct_corpus_export_xml(const ct_corpus *corpus, FILE *out);

/* 1 when term `a` equals term `b` or one is broader (transitively) than the
 * other, within property `p` (borrowed), else 0. */
int ct_term_related(const ct_property *p, long a, long b);
/* 1 when terms `a` and `b` of `p` (borrowed) are declared to overlap
 * ("overlaps"), else 0. */
int ct_term_overlaps(const ct_property *p, long a, long b);
/* The relation's symbol ("=", "<", ...); static. */
const char *ct_relation_name(ct_relation r);

#endif
