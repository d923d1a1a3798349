/*
 * value/jnum.h - JSON numbers exactly as written (internal).
 *
 * jansson keeps a non-integer number only as a binary double, so 8.4 would
 * come back as 8.4000000000000004.  Right after parsing, while the text is
 * still at hand, every such number of the document is replaced by an *exact
 * number*: a string holding U+0002 followed by the literal as written.  No
 * corpus string can hold U+0002 (control characters are refused before),
 * so the marker cannot be confused with text.  Integers stay jansson
 * integers (exact).  The schema validator, the value parsers and every JSON
 * writer know exact numbers; a dump restores them to bare literals.
 */
#ifndef CT_UTIL_JNUM_H
#define CT_UTIL_JNUM_H

#include <jansson.h>
#include <stddef.h>

#include "claimtrack/decimal.h"

/* 1 when v is an exact number (the marker string). */
int ct_jnum__is_exact(const json_t *v);
/* 1 when v is a number: a jansson integer or real, or an exact number. */
int ct_jnum__is_number(const json_t *v);

/* New exact number for the literal s[0..n); NULL when out of memory. */
json_t *ct_jnum__new(const char *s, size_t n);

/* The literal of number v: an exact number's text, else v formatted into
 * buf (integers exactly; a jansson real, which only a caller-built tree can
 * hold, as its shortest round-trip decimal).  NULL when v is no number. */
const char *ct_jnum__literal(const json_t *v, char *buf, size_t n);

/* Number v as a decimal (big literals are kept with `store`).  0, -1 when v
 * is no number, CT_ENOMEM. */
int ct_jnum__decimal(const json_t *v, ct_decimal *out, const ct_decimal_store *store);

/* Replace every real of *root (parsed from text[0..len) with jansson, in
 * the same order) by its exact number; *root itself when it is one.
 * Returns 0, CT_ENOMEM, or CT_EPARSE for a literal jansson read as zero
 * though it is not (1e-400: an underflow), with *bad_offset its offset. */
int ct_jnum__mark(json_t **root, const char *text, size_t len, size_t *bad_offset);

/* The same for a tree parsed with JSON_DECODE_INT_AS_REAL when
 * ints_as_reals: every number is then a real, integers included. */
int ct_jnum__mark_as(json_t **root, const char *text, size_t len, int ints_as_reals,
                     size_t *bad_offset);

/* json_loadb that also reads integers beyond int64: when jansson refuses
 * one ("too big integer"), the text is read again with every number as a
 * real, and *ints_as_reals is set (pass it to ct_jnum__mark_as, which makes
 * them all exact).  err (may be NULL) holds the first error.  NULL when the
 * text is not JSON or out of memory. */
json_t *ct_jnum__parse(const char *text, size_t len, size_t flags, json_error_t *err,
                       int *ints_as_reals);

/* ct_jnum__parse, then ct_jnum__mark_as: a tree whose numbers are exact.  NULL when
 * the text is not JSON or out of memory. */
json_t *ct_jnum__loadb(const char *text, size_t len, size_t flags);

/* json_dumps with every exact number written as its bare literal.  New
 * string, free with free(); NULL when out of memory. */
char *ct_jnum__dumps(const json_t *v, size_t flags);

/* Rewrite, in place, each dumped exact number ("\u0001LITERAL") in a JSON
 * text to its bare literal. */
void ct_jnum__unmark(char *text);

#endif
