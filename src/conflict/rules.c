/*
 * rules.c - rule conflicts: relations between properties (topic "rules").
 *
 * A rule "L1 + L2 ... REL R1 + ..." is applied to each subject that has
 * asserting claims for all of its property-name terms (or once, when every
 * term names its subject).  Each term's positions are the distinct values of
 * its current (not revised) asserting claims.  A choice of one position per
 * term is a violation when the sums of the intervals cannot satisfy the
 * relation: for "=", the sum intervals do not overlap; for "<", the least
 * left sum is not below the greatest right sum; and so on.  Choices are
 * walked in order (the last term fastest) and capped at CT_CLASHES_MAX.
 */
#include "conflict/rules.h"
#include "conflict/severity.h"
#include "claimtrack/common.h"
#include "util/canon_hash.h"
#include "value/kind.h"

#include <stdio.h>
#include <string.h>

/* Walk at most this many choices for one rule and subject. */
#define RULE_CHOICES_MAX 1000000

void ct_conflict_rule_id(const char *topic, const char *rule, const char *subject,
                         char out[CT_CONFLICT_ID_SIZE])
{
    ct_canon_hash__id3("claimtrack rule conflict id 1", topic, rule, subject, out);
}

typedef struct {
    size_t first, count; /* range in the term's claim list */
} rpos;

typedef struct {
    size_t *claims; /* current asserting claims, by value then id */
    size_t n_claims;
    rpos *pos;
    size_t n_pos;
    size_t base;         /* index of its first position in the conflict */
    const char *subject; /* the subject its claims are about */
    size_t property;
    size_t same_as; /* an earlier term with the same group, else the term itself */
} rterm;

typedef struct {
    const ct_claim *claims;
    const ct_property *prop;
} term_sort;

static int cmp_claim_value(const ct_claim *a, const ct_claim *b, const ct_property *p)
{
    int c = ct_value__kind_of(p->type)->compare(a, b);
    return c ? c : strcmp(a->id, b->id);
}

/* insertion sort: groups are small, and qsort has no context */
static void sort_claims(size_t *v, size_t n, const ct_claim *claims, const ct_property *p)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && cmp_claim_value(&claims[v[j - 1]], &claims[x], p) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* An interval for the arithmetic text: "14.1", or "10-20" for a range.
 * Numbers longer than the buffer are cut on a digit, never mid-character. */
static void fmt_num(char *buf, size_t n, const ct_decimal *lo, const ct_decimal *hi)
{
    size_t k = ct_decimal_format(lo, buf, n);
    if (ct_decimal_cmp(lo, hi) != 0 && k + 2 < n) {
        buf[k] = '-';
        ct_decimal_format(hi, buf + k + 1, n - k - 1);
    }
}

static const char *relation_words(ct_relation r, int dates)
{
    static const char *const q[] = {"", "< ", "<= ", "> ", ">= "};
    static const char *const d[] = {"on ", "before ", "on or before ", "after ", "on or after "};
    return dates ? d[r] : q[r];
}

/* "a + b = s" (or "a" alone) into buf at *k. */
static void side_text(char *buf, size_t n, size_t *k, const ct_claim *const *chosen, size_t count,
                      const ct_decimal *lo, const ct_decimal *hi, int dates)
{
    char num[80];
    for (size_t i = 0; i < count && *k < n; i++) {
        if (dates)
            snprintf(num, sizeof num, "%s", chosen[i]->display);
        else
            fmt_num(num, sizeof num, &chosen[i]->interval.lo, &chosen[i]->interval.hi);
        *k += (size_t)snprintf(buf + *k, n - *k, "%s%s", i ? " + " : "", num);
    }
    if (count > 1 && *k < n) {
        fmt_num(num, sizeof num, lo, hi);
        *k += (size_t)snprintf(buf + *k, n - *k, " = %s", num);
    }
    if (*k >= n)
        *k = n - 1;
}

/* 1 when intervals l and r (exact sums) cannot satisfy `rel`. */
static int violates(ct_relation rel, const ct_interval *l, const ct_interval *r)
{
    switch (rel) {
    case CT_REL_EQ: return ct_decimal_cmp(&l->hi, &r->lo) < 0 || ct_decimal_cmp(&r->hi, &l->lo) < 0;
    case CT_REL_LT: return !(ct_decimal_cmp(&l->lo, &r->hi) < 0);
    case CT_REL_LE: return !(ct_decimal_cmp(&l->lo, &r->hi) <= 0);
    case CT_REL_GT: return !(ct_decimal_cmp(&l->hi, &r->lo) > 0);
    case CT_REL_GE: return !(ct_decimal_cmp(&l->hi, &r->lo) >= 0);
    }
    return 0;
}

static int add_violation(ct_conflict *c, const size_t *choice, size_t n, const char *text)
{
    if (c->n_violations >= CT_CLASHES_MAX) {
        c->clashes_truncated = 1;
        return 0;
    }
    ct_rule_violation *v = ct_reallocarray(c->violations, c->n_violations + 1, sizeof *v);
    if (!v)
        return CT_ENOMEM;
    c->violations = v;
    v = &v[c->n_violations];
    memset(v, 0, sizeof *v);
    if (!(v->positions = ct_calloc(n, sizeof *v->positions)))
        return CT_ENOMEM;
    c->n_violations++;
    memcpy(v->positions, choice, n * sizeof *choice);
    v->n_positions = n;
    snprintf(v->arithmetic, sizeof v->arithmetic, "%s", text);
    return 0;
}

static int claim_strength(const ct_claim *c) { return c->hedge ? 0 : c->claimant ? 1 : 2; }

/* Walk every choice; record the violations in `c`. */
static int walk_choices(const ct_rule *r, rterm *terms, const ct_claim *claims, ct_conflict *c)
{
    size_t n = r->n_left + r->n_right;
    size_t idx[64], choice[64];
    const ct_claim *chosen[64];
    memset(idx, 0, sizeof idx);
    int sev = -1;
    for (size_t walked = 0;; walked++) {
        if (walked >= RULE_CHOICES_MAX) {
            c->clashes_truncated = 1;
            break;
        }
        /* the sides' sums, exact; texts beyond the fast path live until the
         * violation's text is made */
        ct_decimal_pool pool = {NULL};
        ct_decimal_store store = ct_decimal_pool_store(&pool);
        ct_interval s[2] = {{ct_decimal_from_int(0), ct_decimal_from_int(0)},
                            {ct_decimal_from_int(0), ct_decimal_from_int(0)}};
        int strength = 2, rc = 0;
        for (size_t t = 0; t < n; t++) {
            const rpos *p = &terms[t].pos[idx[t]];
            chosen[t] = &claims[terms[t].claims[p->first]];
            choice[t] = terms[t].base + idx[t];
            int side = t >= r->n_left;
            if (rc == 0)
                rc = ct_decimal_add(&s[side].lo, &s[side].lo, &chosen[t]->interval.lo, &store);
            if (rc == 0)
                rc = ct_decimal_add(&s[side].hi, &s[side].hi, &chosen[t]->interval.hi, &store);
            int best = 0;
            for (size_t k = 0; k < p->count; k++) {
                int st = claim_strength(&claims[terms[t].claims[p->first + k]]);
                best = st > best ? st : best;
            }
            strength = best < strength ? best : strength;
        }
        /* a claim never conflicts with itself: a choice that takes one
         * position of a group for two terms compares claims with themselves */
        int self = 0;
        for (size_t t = 0; t < n && !self; t++)
            self = terms[t].same_as != t && idx[terms[t].same_as] == idx[t];
        if (rc == 0 && !self && violates(r->relation, &s[0], &s[1])) {
            char text[256];
            size_t k = 0;
            side_text(text, sizeof text, &k, chosen, r->n_left, &s[0].lo, &s[0].hi, r->dates);
            k += (size_t)snprintf(text + k, sizeof text - k, ", not %s",
                                  relation_words(r->relation, r->dates));
            if (k >= sizeof text)
                k = sizeof text - 1;
            side_text(text, sizeof text, &k, chosen + r->n_left, r->n_right, &s[1].lo, &s[1].hi,
                      r->dates);
            rc = add_violation(c, choice, n, text);
            sev = strength > sev ? strength : sev;
        }
        ct_decimal_pool_dispose(&pool);
        if (rc < 0)
            return rc;
        if (c->clashes_truncated)
            break;
        size_t t = n;
        while (t-- > 0) {
            if (++idx[t] < terms[t].n_pos)
                break;
            idx[t] = 0;
        }
        if (t == (size_t)-1)
            break;
    }
    c->severity = sev < 0 ? CT_SEVERITY_LOW : (ct_severity)sev;
    ct_severity_note note = {.n = 0};
    ct_severity__evidence(&note, sev < 0 ? 0 : sev);
    return ct_severity__attach(c, &note);
}

/* Fill the conflict's positions from the terms. */
static int fill_positions(rterm *terms, size_t n, const ct_claim *claims, ct_conflict *c)
{
    size_t total = 0;
    for (size_t t = 0; t < n; t++) {
        terms[t].base = total;
        total += terms[t].n_pos;
    }
    if (!(c->positions = ct_calloc(total, sizeof *c->positions)))
        return CT_ENOMEM;
    for (size_t t = 0; t < n; t++)
        for (size_t i = 0; i < terms[t].n_pos; i++) {
            ct_position *pos = &c->positions[c->n_positions];
            const rpos *p = &terms[t].pos[i];
            pos->subject = terms[t].subject;
            pos->property = terms[t].property;
            pos->term = t;
            if (!(pos->claims = ct_calloc(p->count, sizeof *pos->claims)))
                return CT_ENOMEM;
            c->n_positions++;
            const ct_claim *rep = &claims[terms[t].claims[p->first]];
            for (size_t k = 0; k < p->count; k++) {
                pos->claims[k] = terms[t].claims[p->first + k];
                const ct_claim *o = &claims[pos->claims[k]];
                if (strcmp(o->value_json, rep->value_json) < 0)
                    rep = o;
            }
            pos->n_claims = p->count;
            pos->display = rep->display;
            pos->value_json = rep->value_json;
            c->n_claims += p->count;
        }
    return 0;
}

/* Claims by id (unique in a corpus), so that the digest does not depend on
 * the order claims were loaded in; the same claim twice stays adjacent. */
static int cmp_claim_id(const void *x, const void *y)
{
    const ct_claim *a = *(const ct_claim *const *)x, *b = *(const ct_claim *const *)y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a > b) - (a < b);
}

/* The digest of rule conflict `c`: the rule's definition (id, relation,
 * then each side's terms as applied), so that editing a rule makes its
 * reviews stale, then every claim in it, by claim id.  0 or CT_ENOMEM. */
static int rule_digest(ct_conflict *c, const ct_rule *r, const ct_topic *t, const rterm *terms,
                       const ct_claim *claims)
{
    size_t n = r->n_left + r->n_right;
    const ct_claim **all = ct_calloc(c->n_claims ? c->n_claims : 1, sizeof *all);
    if (!all)
        return CT_ENOMEM;
    size_t na = 0;
    for (size_t i = 0; i < c->n_positions; i++)
        for (size_t k = 0; k < c->positions[i].n_claims; k++)
            all[na++] = &claims[c->positions[i].claims[k]];
    qsort(all, na, sizeof *all, cmp_claim_id);
    ct_canon_hash sha;
    ct_canon_hash__init(&sha, "claimtrack rule conflict digest 2");
    ct_canon_hash__field(&sha, r->id);
    ct_canon_hash__field(&sha, ct_relation_name(r->relation));
    for (size_t k = 0; k < n; k++) {
        ct_canon_hash__field(&sha, k < r->n_left ? "left" : "right");
        ct_canon_hash__field(&sha, terms[k].subject);
        ct_canon_hash__field(&sha, t->properties[terms[k].property].name);
    }
    for (size_t i = 0; i < na; i++) {
        if (i && all[i] == all[i - 1])
            continue;
        const ct_claim *x = all[i];
        const char *fields[] = {x->id,    x->value_json, x->source, x->claimant,
                                x->hedge, x->as_of,      x->quote};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
            ct_canon_hash__field(&sha, fields[f]);
    }
    ct_canon_hash__hex(&sha, 32, c->digest);
    ct_free(all);
    return 0;
}

/* One conflict of rule `r` applied to `subject`, when some choice breaks it. */
static int apply_rule(const ct_corpus *corpus, size_t ti, const ct_rule *r, const char *subject,
                      const ct_rules_input *in, ct_conflict *c, int *found)
{
    size_t n_topics, n_claims;
    const ct_topic *t = &ct_corpus_topics(corpus, &n_topics)[ti];
    const ct_claim *claims = ct_corpus_claims(corpus, &n_claims);
    size_t n = r->n_left + r->n_right;
    rterm terms[64];
    memset(terms, 0, sizeof terms);
    int rc = 0;
    *found = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        const ct_rule_term *rt = k < r->n_left ? &r->left[k] : &r->right[k - r->n_left];
        const ct_property *p = &t->properties[rt->property];
        const size_t *members;
        size_t count = in->group_members(in->payload, ti, rt->subject ? rt->subject : subject,
                                         rt->property, &members);
        rterm *tm = &terms[k];
        tm->subject = rt->subject ? rt->subject : subject;
        tm->property = rt->property;
        tm->same_as = k;
        for (size_t j = 0; j < k && tm->same_as == k; j++)
            if (terms[j].property == tm->property && strcmp(terms[j].subject, tm->subject) == 0)
                tm->same_as = j;
        tm->claims = ct_calloc(count ? count : 1, sizeof *tm->claims);
        tm->pos = ct_calloc(count ? count : 1, sizeof *tm->pos);
        if (!tm->claims || !tm->pos) {
            rc = CT_ENOMEM;
            break;
        }
        for (size_t i = 0; i < count; i++) {
            const ct_claim *cl = &claims[members[i]];
            if (!cl->denies && !cl->questions && !in->superseded[members[i]])
                tm->claims[tm->n_claims++] = members[i];
        }
        if (!tm->n_claims)
            goto done; /* the rule does not apply */
        sort_claims(tm->claims, tm->n_claims, claims, p);
        for (size_t i = 0; i < tm->n_claims;) {
            size_t j = i + 1;
            while (j < tm->n_claims && ct_value__kind_of(p->type)->compare(
                                           &claims[tm->claims[i]], &claims[tm->claims[j]]) == 0)
                j++;
            tm->pos[tm->n_pos].first = i;
            tm->pos[tm->n_pos].count = j - i;
            tm->n_pos++;
            i = j;
        }
    }
    if (rc < 0)
        goto done;
    memset(c, 0, sizeof *c);
    c->type = CT_CONFLICT_RULE;
    c->topic = ti;
    c->subject = subject;
    c->property = r->left[0].property;
    c->rule = r->id;
    c->rule_def = r;
    if ((rc = fill_positions(terms, n, claims, c)) < 0 ||
        (rc = walk_choices(r, terms, claims, c)) < 0) {
        *found = 1; /* the caller frees it */
        goto done;
    }
    if (!c->n_violations)
        goto done_free;
    *found = 1;
    ct_conflict_rule_id(t->id, r->id, subject, c->id);
    rc = rule_digest(c, r, t, terms, claims);
    goto done;
done_free:
    ct_conflict__parts_free(c);
done:
    for (size_t k = 0; k < n; k++) {
        ct_free(terms[k].claims);
        ct_free(terms[k].pos);
    }
    return rc;
}

void ct_conflict__parts_free(ct_conflict *c)
{
    for (size_t j = 0; j < c->n_positions; j++)
        ct_free(c->positions[j].claims);
    ct_free(c->positions);
    ct_free(c->clashes);
    for (size_t j = 0; j < c->n_violations; j++)
        ct_free(c->violations[j].positions);
    ct_free(c->violations);
    ct_free(c->severity_text);
    memset(c, 0, sizeof *c);
}

int ct_rules__find(const ct_corpus *corpus, const ct_rules_input *in, ct_conflict **items,
                   size_t *count, size_t *alloc)
{
    size_t n_topics;
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    for (size_t ti = 0; ti < n_topics; ti++) {
        const ct_topic *t = &topics[ti];
        for (size_t ri = 0; ri < t->n_rules; ri++) {
            const ct_rule *r = &t->rules[ri];
            if (!r->n_left || !r->n_right || r->n_left + r->n_right > 64)
                continue;
            /* the subjects: of the first property-name term's groups, or the
             * first term's own subject */
            const ct_rule_term *free_term = NULL;
            for (size_t k = 0; k < r->n_left + r->n_right && !free_term; k++) {
                const ct_rule_term *rt = k < r->n_left ? &r->left[k] : &r->right[k - r->n_left];
                if (!rt->subject)
                    free_term = rt;
            }
            const char *const *subjects;
            const char *fixed = r->left[0].subject;
            size_t ns =
                free_term ? in->subjects_of(in->payload, ti, free_term->property, &subjects) : 1;
            if (!free_term)
                subjects = &fixed;
            for (size_t si = 0; si < ns; si++) {
                if (*count == *alloc) {
                    size_t na = *alloc ? *alloc * 2 : 16;
                    ct_conflict *more = ct_reallocarray(*items, na, sizeof *more);
                    if (!more)
                        return CT_ENOMEM;
                    *items = more;
                    *alloc = na;
                }
                int found = 0;
                int rc = apply_rule(corpus, ti, r, subjects[si], in, &(*items)[*count], &found);
                if (found)
                    (*count)++;
                if (rc < 0)
                    return rc;
            }
        }
    }
    return 0;
}
