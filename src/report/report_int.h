/*
 * report_int.h - what the report writers share (internal).
 */
#ifndef CT_REPORT_INT_H
#define CT_REPORT_INT_H

#include "model.h"
#include "claimtrack/claims.h"

/* The formats, one row each, in the order help and messages list them; the
 * first is the default.  Each row NAME has a writer ct_report__write_NAME in
 * src/report/NAME.c.  completions/claimtrack.bash and claimtrack.1 list the
 * same names (checked by the report unit suite). */
#define CT_REPORT_FORMAT_TABLE(X)                                                                  \
    X(text) X(json) X(xml) X(markdown) X(junit) X(sarif) X(html) X(csv)

/* Every writer reads the report model only. */
#define CT_REPORT__DECLARE_WRITER(name)                                                            \
    int ct_report__write_##name(const ct_report_model *m, FILE *out);
CT_REPORT_FORMAT_TABLE(CT_REPORT__DECLARE_WRITER)
#undef CT_REPORT__DECLARE_WRITER

/* Write one conflict of `m` in full, as the text format does. */
int ct_report__write_conflict_text(const ct_report_model *m, const ct_report_conflict *c,
                                   FILE *out);

/* One pasteable command per review status for conflict `rc`, each line
 * `indent` + command + "\n". */
void ct_report__review_commands(FILE *out, const ct_report_conflict *rc, const char *indent);

/* Append claim `c` to the JSON array `claims` as the JSON report writes a
 * claim: 0, or -1 when out of memory. */
int ct_report__claim_json(json_t *claims, const ct_claim *c);

/* Every claim of `v` as CSV, one row each, with the columns of the CSV
 * report (csv.c); conflict columns from `m` where the claim's group is one. */
int ct_report__write_claims_csv(const ct_report_model *m, const ct_report *r,
                                const ct_claims_view *v, FILE *out);

/* A JSON writer that writes an element of a streamed array straight to the
 * output, in the form ct_report__dump_streamed gives (jansson's
 * JSON_INDENT(2), members in the order written, exact numbers bare): open a
 * container, give each member a key then a value, end it.  Errors (out of
 * memory, too deep) are kept and reported when the element ends. */
typedef struct ct_jw ct_jw;
#define CT_JW_DEPTH 32
void ct_jw__object(ct_jw *w);
void ct_jw__array(ct_jw *w);
void ct_jw__end(ct_jw *w);
void ct_jw__key(ct_jw *w, const char *key);
void ct_jw__string(ct_jw *w, const char *s);
void ct_jw__integer(ct_jw *w, long long v);
void ct_jw__bool(ct_jw *w, int v);
void ct_jw__null(ct_jw *w);
/* A value that is a tree already (a claim's value, say; borrowed). */
void ct_jw__tree(ct_jw *w, const json_t *v);
/* key, then the string s; optional: nothing when s is NULL */
void ct_jw__member(ct_jw *w, const char *key, const char *s);
void ct_jw__optional(ct_jw *w, const char *key, const char *s);
/* The same calls building trees instead: what is written is appended to
 * `array` (borrowed).  NULL when out of memory.  ct_jw__done frees the
 * writer: 0, or CT_ENOMEM when something could not be built. */
ct_jw *ct_jw__into(json_t *array);
int ct_jw__done(ct_jw *w);

/* One big array of a document dumped by ct_report__dump_streamed: `array`
 * (empty, inside the document) stands for `count` elements, element i
 * written by write(payload, i, w) (0 or CT_ENOMEM), or when write is NULL
 * made by make(payload, i) as a new reference (NULL when out of memory). */
typedef struct {
    json_t *array;
    size_t count;
    json_t *(*make)(void *payload, size_t i);
    void *payload;
    int (*write)(void *payload, size_t i, ct_jw *w);
} ct_json_stream_part;

/* Write `doc` as json_dumpf does with JSON_INDENT(2) | JSON_PRESERVE_ORDER,
 * then a newline, making the elements of each part only as they are written.
 * `parts` are in the order their arrays appear in the text.  Returns 0,
 * CT_ENOMEM or CT_EIO. */
int ct_report__dump_streamed(FILE *out, json_t *doc, const ct_json_stream_part *parts,
                             size_t n_parts);

#endif
