/*
 * rules_load.c - a topic's "rules" between properties: each side's terms
 * (property names or {subject, property}), checked against the declared
 * properties, subjects and types, with located errors.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"
#include "value/kind.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rules -------------------------------------------------------------- */

const char *ct_relation_name(ct_relation r)
{
    static const char *const names[] = {"=", "<", "<=", ">", ">="};
    return names[r];
}

static int load_rule_side(ct_load_ctx *l, const ct_topic *t, json_t *list, const char *ptr,
                          ct_rule_term **out, size_t *n_out)
{
    size_t n = json_array_size(list), i;
    json_t *v;
    int rc, bad = 0;
    *out = ct_calloc(n ? n : 1, sizeof **out);
    if (!*out)
        return CT_ENOMEM;
    json_array_foreach(list, i, v)
    {
        char tptr[500];
        const char *prop = json_is_string(v) ? json_string_value(v)
                                             : json_string_value(json_object_get(v, "property"));
        const char *subject = json_string_value(json_object_get(v, "subject"));
        if (!prop)
            return CT_EINVALID; /* the schema has reported it */
        ct_rule_term *rt = &(*out)[(*n_out)++];
        if (subject) {
            const char *name = ct_corpus__intern_nfc(l->c, subject);
            if (!name)
                return CT_ENOMEM;
            rt->subject = t->has_subjects ? ct_corpus__subject_canonical(l->c, t, name) : name;
            if (!rt->subject) {
                snprintf(tptr, sizeof tptr, "%s/%zu/subject", ptr, i);
                if ((rc = ct_corpus__error(l, tptr, 0, "unknown subject \"%s\" in topic \"%s\"",
                                           subject, t->id)) == CT_ENOMEM)
                    return rc;
                bad = 1;
            }
        }
        long pi = ct_corpus__property_find(t, prop);
        if (pi < 0) {
            snprintf(tptr, sizeof tptr, json_is_string(v) ? "%s/%zu" : "%s/%zu/property", ptr, i);
            if ((rc =
                     ct_corpus__error(l, tptr, 0, "property \"%s\" is not declared in topic \"%s\"",
                                      prop, t->id)) == CT_ENOMEM)
                return rc;
            bad = 1;
        } else {
            rt->property = (size_t)pi;
        }
    }
    return bad ? CT_EINVALID : 0;
}

/* A term listed twice (on one side or both) would compare a claim with itself:
 * `n < n`, `n + n = m`.  Reports the later one. */
static int check_shared_terms(ct_load_ctx *l, const ct_topic *t, const ct_rule *r, const char *ptr)
{
    size_t n = r->n_left + r->n_right;
    for (size_t i = 1; i < n; i++) {
        const ct_rule_term *a = i < r->n_left ? &r->left[i] : &r->right[i - r->n_left];
        for (size_t j = 0; j < i; j++) {
            const ct_rule_term *b = j < r->n_left ? &r->left[j] : &r->right[j - r->n_left];
            if (a->property != b->property || (!a->subject) != (!b->subject) ||
                (a->subject && strcmp(a->subject, b->subject) != 0))
                continue;
            char tptr[300];
            snprintf(tptr, sizeof tptr, "%s/%s/%zu", ptr, i < r->n_left ? "left" : "right",
                     i < r->n_left ? i : i - r->n_left);
            return ct_corpus__error(
                l, tptr, 0,
                "rule %s lists the term \"%s%s%s\" twice: a claim cannot be compared with itself",
                r->id, a->subject ? a->subject : "", a->subject ? " · " : "",
                t->properties[a->property].name);
        }
    }
    return 0;
}

/* Both sides sums of quantities in one unit, or one date each. */
static int check_rule_types(ct_load_ctx *l, const ct_topic *t, ct_rule *r, const char *ptr)
{
    const ct_property *first = &t->properties[r->left[0].property];
    int days;
    ct_value__charted(first->type, &days);
    r->dates = days;
    const char *why = NULL;
    if (r->dates && (r->n_left != 1 || r->n_right != 1))
        why = "a rule over dates compares one date with one date";
    for (size_t i = 0; !why && i < r->n_left + r->n_right; i++) {
        const ct_rule_term *rt = i < r->n_left ? &r->left[i] : &r->right[i - r->n_left];
        const ct_property *p = &t->properties[rt->property];
        if (!(ct_value__kind_of(p->type)->flags & CT_VALUE_INTERVAL))
            why = "rule terms must be quantities or dates";
        else if (p->type != first->type)
            why = "a rule cannot mix quantities and dates";
        else if ((p->unit || first->unit) &&
                 (!p->unit || !first->unit || strcmp(p->unit, first->unit) != 0))
            why = "the quantities of a rule must share one unit";
    }
    if (!why)
        return 0;
    return ct_corpus__error(l, ptr, 0, "%s (rule %s)", why, r->id);
}

int ct_corpus__load_rules(ct_load_ctx *l, ct_topic *t, json_t *rules)
{
    size_t n = json_array_size(rules), i;
    json_t *def;
    int rc;
    if (!n)
        return 0;
    if (!(t->rules = ct_calloc(n, sizeof *t->rules)))
        return CT_ENOMEM;
    json_array_foreach(rules, i, def)
    {
        char ptr[200], sptr[240];
        snprintf(ptr, sizeof ptr, "/rules/%zu", i);
        const char *id = json_string_value(json_object_get(def, "id"));
        const char *rel = json_string_value(json_object_get(def, "relation"));
        if (!id || !rel)
            continue; /* the schema has reported it */
        ct_rule *r = &t->rules[t->n_rules];
        memset(r, 0, sizeof *r);
        int dup = 0;
        for (size_t k = 0; k < i; k++)
            dup |= json_equal(json_object_get(json_array_get(rules, k), "id"),
                              json_object_get(def, "id"));
        if (dup) {
            snprintf(sptr, sizeof sptr, "%s/id", ptr);
            if ((rc = ct_corpus__error(l, sptr, 0, "rule \"%s\" is declared twice", id)) ==
                CT_ENOMEM)
                return rc;
            continue;
        }
        static const char *const rels[] = {"=", "<", "<=", ">", ">="};
        for (size_t k = 0; k < sizeof rels / sizeof *rels; k++)
            if (strcmp(rel, rels[k]) == 0)
                r->relation = (ct_relation)k;
        t->n_rules++; /* counted now so that ct_corpus_free frees it */
        if (!(r->id = ct_corpus__intern(l->c, id)))
            return CT_ENOMEM;
        snprintf(sptr, sizeof sptr, "%s/left", ptr);
        int bad = 0;
        rc = load_rule_side(l, t, json_object_get(def, "left"), sptr, &r->left, &r->n_left);
        if (rc == CT_ENOMEM)
            return rc;
        bad |= rc < 0;
        snprintf(sptr, sizeof sptr, "%s/right", ptr);
        rc = load_rule_side(l, t, json_object_get(def, "right"), sptr, &r->right, &r->n_right);
        if (rc == CT_ENOMEM)
            return rc;
        bad |= rc < 0;
        if (!r->n_left || !r->n_right)
            bad = 1; /* an empty side: the schema has reported it */
        else if (!bad && ((rc = check_shared_terms(l, t, r, ptr)) < 0 ||
                          (rc = check_rule_types(l, t, r, ptr)) < 0))
            bad = 1;
        if (rc == CT_ENOMEM)
            return rc;
        if (bad) { /* dropped */
            ct_free(r->left);
            ct_free(r->right);
            t->n_rules--;
        }
    }
    return 0;
}
