/*
 * claimtrack/suggest.h - draft claims from an article's text.
 *
 * Given an article (UTF-8) and a loaded corpus whose topics declare subjects,
 * properties (with "cues") and terms, ct_suggest drafts the claims the
 * article makes: each a JSON object {"claim": {...}, "offset": [START, END],
 * "cues": [...], "known": ID-or-null} whose quote is exactly the article's
 * bytes START..END.  English word tables only, so far.
 */
#ifndef CLAIMTRACK_SUGGEST_H
#define CLAIMTRACK_SUGGEST_H

#include <stddef.h>

#include "claimtrack/corpus.h"

typedef struct {
    const char *source;        /* the article's source id (required) */
    const char *const *topics; /* topic ids to draft for; NULL: every topic */
    size_t n_topics;
    const char *published; /* YYYY-MM-DD anchor, or NULL: the source's published */
} ct_suggest_options;

/* Drafts from `text` (borrowed) as one line of compact JSON each, into *out
 * (new, NUL-terminated; free with ct_free); *count drafts.  Returns 0,
 * CT_ENOMEM, or CT_EINVALID with `why` set (bad published date). */
int ct_suggest(char **out, size_t *count, const ct_corpus *corpus, const char *text, size_t len,
               const ct_suggest_options *opts, char *why, size_t why_len);

#endif
