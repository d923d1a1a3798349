/*
 * changes.c - what changed in a stale conflict since its review, for the
 * report model: the review module's change list (src/review/snapshot.c)
 * with values described for people and one sentence per change.
 */
#include "model.h"
#include "value/jnum.h"
#include "value/kind.h"
#include "claimtrack/common.h"

#include <stdio.h>
#include <string.h>

void ct_report__field_list(unsigned fields, char *buf, size_t n)
{
    size_t total = 0, k = 0, used = 0;
    for (int f = 0; f < CT_CLAIM_FIELDS; f++)
        total += (fields >> f) & 1u;
    buf[0] = '\0';
    for (int f = 0; f < CT_CLAIM_FIELDS; f++) {
        if (!((fields >> f) & 1u))
            continue;
        const char *sep = k == 0 ? "" : k + 1 == total ? " and " : ", ";
        int w = snprintf(buf + used, n - used, "%s%s", sep, ct_claim_field_name((ct_claim_field)f));
        if (w < 0 || (size_t)w >= n - used)
            return;
        used += (size_t)w;
        k++;
    }
}

/* The value written as `json` (compact JSON text) of claim `x`'s property,
 * for people, as the corpus describes values: a new string, or NULL when out
 * of memory. */
static char *describe(const ct_report *r, const ct_claim *x, const char *json)
{
    size_t n;
    const ct_topic *t = &ct_corpus_topics(r->corpus, &n)[x->topic];
    const ct_property *p = &t->properties[x->property];
    char buf[256];
    json_t *v = json ? ct_jnum__loadb(json, strlen(json), JSON_DECODE_ANY | JSON_ALLOW_NUL) : NULL;
    if (!v) /* not JSON: a hand-edited snapshot; show it as it is */
        return ct_strdup(json ? json : "?");
    long term = p->type == CT_TYPE_TERM && json_is_string(v)
                    ? ct_value__term_find(p, json_string_value(v))
                    : -1;
    if (term >= 0 && p->terms[term].label)
        snprintf(buf, sizeof buf, "%s", p->terms[term].label);
    else
        ct_value_describe(v, p->type, p->unit, buf, sizeof buf);
    json_decref(v);
    return ct_strdup(buf);
}

static char *sentence(const ct_report_change *ch)
{
    char fields[128], text[1024];
    unsigned others = ch->fields & ~(1u << CT_CLAIM_FIELD_VALUE);
    ct_report__field_list(others, fields, sizeof fields);
    int w;
    switch (ch->kind) {
    case CT_CHANGE_ADDED: w = snprintf(text, sizeof text, "claim %s added", ch->claim); break;
    case CT_CHANGE_REMOVED: w = snprintf(text, sizeof text, "claim %s removed", ch->claim); break;
    case CT_CHANGE_RULE: w = snprintf(text, sizeof text, "rule %s changed", ch->claim); break;
    default:
        if (ch->was && ch->now)
            w = snprintf(text, sizeof text, "%s: value %s \u2192 %s%s%s%s", ch->claim, ch->was,
                         ch->now, others ? ", " : "", fields, others ? " changed" : "");
        else
            w = snprintf(text, sizeof text, "%s: %s changed", ch->claim, fields);
    }
    ct_text_fit(text, sizeof text, w);
    return ct_strdup(text);
}

/* Every change's sentence, joined by "; ". */
static char *join(const ct_report_review *rv)
{
    size_t len = 1;
    for (size_t i = 0; i < rv->n_changes; i++)
        len += strlen(rv->changes[i].text) + 2;
    char *s = ct_malloc(len);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < rv->n_changes; i++)
        k += (size_t)snprintf(s + k, len - k, "%s%s", i ? "; " : "", rv->changes[i].text);
    return s;
}

int ct_report__changes(ct_report_review *rv, const ct_report *r, const ct_conflict *c)
{
    ct_review_change *list = NULL;
    size_t n = 0;
    if (!r->reviews)
        return 0;
    int rc = ct_review_changes(r->reviews, r->corpus, r->conflicts, c, &list, &n);
    if (rc <= 0)
        return rc;
    rv->has_snapshot = 1;
    if (!(rv->changes = ct_calloc(n ? n : 1, sizeof *rv->changes))) {
        ct_free(list);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++, rv->n_changes++) {
        ct_report_change *ch = &rv->changes[i];
        ch->kind = list[i].kind;
        ch->claim = list[i].claim;
        ch->fields = list[i].fields;
        ch->now_claim = list[i].now;
        if (ch->kind == CT_CHANGE_EDITED && (ch->fields & (1u << CT_CLAIM_FIELD_VALUE)) &&
            (!(ch->was = describe(r, list[i].now, list[i].was)) ||
             !(ch->now = ct_strdup(list[i].now->display)))) {
            rc = CT_ENOMEM;
            rv->n_changes++; /* freed with the others */
            break;
        }
        if (!(ch->text = sentence(ch))) {
            rc = CT_ENOMEM;
            rv->n_changes++;
            break;
        }
    }
    ct_free(list);
    if (rc >= 0 && rv->n_changes && !(rv->changes_text = join(rv)))
        rc = CT_ENOMEM;
    return rc < 0 ? rc : 0;
}

void ct_report__changes_free(ct_report_review *rv)
{
    for (size_t i = 0; i < rv->n_changes; i++) {
        ct_free(rv->changes[i].was);
        ct_free(rv->changes[i].now);
        ct_free(rv->changes[i].text);
    }
    ct_free(rv->changes);
    ct_free(rv->changes_text);
    rv->changes_text = NULL;
    rv->changes = NULL;
    rv->n_changes = 0;
}

json_t *ct_report_change_texts(const ct_report *r, const ct_conflict *c)
{
    ct_report_review rv = {.state = CT_REVIEW_UNREVIEWED};
    json_t *out = json_array();
    if (!out || ct_report__changes(&rv, r, c) < 0) {
        ct_report__changes_free(&rv);
        json_decref(out);
        return NULL;
    }
    for (size_t i = 0; i < rv.n_changes; i++)
        if (json_array_append_new(out, json_string(rv.changes[i].text))) {
            json_decref(out);
            out = NULL;
            break;
        }
    ct_report__changes_free(&rv);
    return out;
}
