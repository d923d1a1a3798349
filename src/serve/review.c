/*
 * serve_review.c - review writes of `claimtrack serve`: the same locked, atomic
 * writer as `claimtrack review`, with the 409 rule for a review made against
 * an older state.
 */
#include "serve/serve_int.h"

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"
#include "claimtrack/report.h"
#include "claimtrack/review.h"
#include "util/util.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

/* ---- reviews ------------------------------------------------------------------ */

/* The fingerprint of a stored review (its own fields, not its history): what
 * a new review says it replaces.  16 hex digits into out. */
int ct_serve__review_fingerprint(const json_t *entry, char out[17])
{
    static const char *const keys[] = {"digest", "status", "note", "reviewer", "date", "prefer"};
    json_t *o = json_object();
    for (size_t i = 0; o && i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(entry, keys[i]);
        if (v && json_object_set(o, keys[i], v)) {
            json_decref(o);
            o = NULL;
        }
    }
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    if (!text)
        return CT_ENOMEM;
    snprintf(out, 17, "%016llx", ct_util__hash64(text, strlen(text), CT_HASH64_INIT));
    free(text);
    return 0;
}


static const char *check_prefer(const ct_corpus *corpus, const ct_conflict *c,
                                const review_post *in)
{
    size_t n_claims, first = 0;
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    for (size_t i = 0; i < in->n_prefer; i++) {
        int found = 0;
        size_t at = 0;
        for (size_t p = 0; p < c->n_positions && !found; p++)
            for (size_t k = 0; k < c->positions[p].n_claims && !found; k++)
                if (strcmp(claims[c->positions[p].claims[k]].id, in->prefer[i]) == 0) {
                    found = 1;
                    at = p;
                }
        if (!found)
            return "a preferred claim is not part of the conflict";
        if (i == 0)
            first = at;
        else if (at != first)
            return "preferred claims hold different positions; prefer one position";
        for (size_t j = 0; j < i; j++)
            if (strcmp(in->prefer[j], in->prefer[i]) == 0)
                return "a preferred claim is named twice";
    }
    return NULL;
}

static void today_utc(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}


/* A located error when a posted text field is not UTF-8: in o->error_text. */
static const char *post_text_error(const review_post *in, review_outcome *o)
{
    const char *names[] = {"id", "status", "note", "by", "digest", "replaces"};
    const char *values[] = {in->id, in->status, in->note, in->by, in->digest, in->replaces};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        long at = values[i] ? ct_text_utf8_invalid_at(values[i]) : -1;
        if (at >= 0) {
            snprintf(o->error_text, sizeof o->error_text,
                     "%s: invalid UTF-8 at byte %ld (expected UTF-8 text)", names[i], at + 1);
            return o->error_text;
        }
    }
    for (size_t i = 0; i < in->n_prefer; i++) {
        long at = ct_text_utf8_invalid_at(in->prefer[i]);
        if (at >= 0) {
            snprintf(o->error_text, sizeof o->error_text,
                     "prefer[%zu]: invalid UTF-8 at byte %ld (expected UTF-8 text)", i, at + 1);
            return o->error_text;
        }
    }
    return NULL;
}

/* What is wrong with a posted review before any file is read, or NULL. */
static const char *post_error(const review_post *in)
{
    if (!in->id || !in->status || !in->note || !in->by || !in->digest)
        return "id, status, note, by and digest are required";
    int resolved = strcmp(in->status, "resolved") == 0;
    if (!resolved && strcmp(in->status, "confirmed") != 0 && strcmp(in->status, "dismissed") != 0)
        return "status must be confirmed, dismissed or resolved";
    if (!*in->note || !*in->by)
        return "a note and a reviewer are required";
    if (strlen(in->by) > 200)
        return "the reviewer's name is too long";
    if (ct_text_has_control(in->note) || ct_text_has_control(in->by))
        return "the note and the reviewer take text: no control characters other than tab and line breaks";
    if (resolved != (in->n_prefer > 0))
        return resolved ? "resolved needs the preferred claims (choose a position)"
                        : "preferred claims go with resolved only";
    return NULL;
}

/* Validate, then under the writers' lock: check that the conflict is the one
 * the form showed and that its review is the one the form replaces, record
 * the review and save the file.  Fills *o. */
void ct_serve__review_apply(ct_serve *s, const review_post *in, review_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->status = 400;
    if ((o->error = post_text_error(in, o)) || (o->error = post_error(in)))
        return;
    view v;
    const char *why = NULL;
    int rc = ct_serve__view_load(s, &v, &why);
    if (rc < 0) {
        o->status = rc == CT_ENOMEM ? 500 : 503;
        o->error =
            rc == CT_ENOMEM ? "out of memory" : "the corpus or the reviews file does not load";
        return;
    }
    const ct_conflict *c = ct_conflict_set_get(v.set, in->id);
    if (!c) {
        o->status = 404;
        o->error = "no such conflict";
        ct_serve__view_clear(&v);
        return;
    }
    snprintf(o->id, sizeof o->id, "%s", c->id);
    snprintf(o->digest, sizeof o->digest, "%s", c->digest);
    if ((o->error = check_prefer(s->corpus, c, in))) {
        ct_serve__view_clear(&v);
        return;
    }
    int lock = ct_review_lock(s->reviews);
    if (lock < 0) {
        o->status = 500;
        o->error = "cannot lock the reviews file";
        ct_serve__view_clear(&v);
        return;
    }
    /* read again under the lock: another writer may have just saved */
    ct_review_set_free(v.reviews);
    v.reviews = NULL;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    rc = ct_review_set_load(&v.reviews, s->reviews, &diags);
    ct_diag_list_dispose(&diags);
    if (rc == 0 && (rc = ct_review_set_upgrade(v.reviews, v.set)) > 0)
        rc = 0;
    const json_t *entry = NULL;
    char current[17] = "";
    if (rc == 0) {
        ct_review_state_of(v.reviews, c, &entry);
        if (entry && json_object_get(entry, "status") &&
            ct_serve__review_fingerprint(entry, current) < 0)
            rc = CT_ENOMEM;
    }
    const char *replaces = in->replaces ? in->replaces : "";
    if (rc < 0) {
        o->status = rc == CT_ENOMEM ? 500 : 503;
        o->error = rc == CT_ENOMEM ? "out of memory" : "the reviews file does not load";
    } else if (strcmp(in->digest, c->digest) != 0 || strcmp(replaces, current) != 0) {
        o->status = 409;
        o->error = strcmp(in->digest, c->digest) != 0
                       ? "the conflict's claims changed since the form was made"
                       : "someone else reviewed this conflict in between";
        o->review = entry ? json_deep_copy(entry) : NULL;
        memcpy(o->fingerprint, current, sizeof current);
    } else {
        char day[11];
        if (s->today)
            snprintf(day, sizeof day, "%s", s->today);
        else
            today_utc(day);
        size_t nt;
        const ct_topic *t = &ct_corpus_topics(s->corpus, &nt)[c->topic];
        ct_review_input ri = {in->status, in->prefer, in->n_prefer, in->note,
                              in->by,     day,        s->corpus,    v.set};
        if (ct_review_set_put(v.reviews, c, t->id, t->properties[c->property].name, &ri) < 0) {
            o->status = 500;
            o->error = "out of memory";
        } else if (ct_review_set_save(v.reviews, s->reviews, NULL, NULL) < 0) {
            o->status = 500;
            o->error = "cannot write the reviews file";
        } else {
            ct_review_state_of(v.reviews, c, &entry);
            o->review = json_deep_copy(entry);
            if (!o->review || ct_serve__review_fingerprint(o->review, o->fingerprint) < 0) {
                o->status = 500;
                o->error = "out of memory";
            } else {
                o->status = 200;
            }
        }
    }
    ct_review_unlock(lock);
    ct_serve__view_clear(&v);
}
