/*
 * csv.c - CSV for researchers (RFC 4180, UTF-8, CRLF, a header row): one row
 * per claim of each conflict, so pandas.read_csv and R's read.csv load it
 * without options.  A field is quoted when it holds a comma, a quote, a CR
 * or an LF (quotes doubled), and when it starts or ends with a space.
 *
 * Spreadsheet-safe (OWASP's CSV injection advice): a text cell starting with
 * =, +, -, @, a tab or a CR gets a leading ', so no spreadsheet runs it as a
 * formula; numeric cells (position, low, best, high, line) stay numbers.
 * With CT_REPORT_CSV_BOM the file starts with a UTF-8 BOM, so Excel reads it
 * as UTF-8.  With CT_REPORT_CSV_ALL_CLAIMS (export) every claim of the corpus
 * follows, those in no conflict with the conflict columns empty.
 */
#include "report_int.h"
#include "claimtrack/common.h"
#include "claimtrack/value.h"
#include "value/kind.h"

#include <string.h>

/* subject and property are the claim's own (in a rule conflict, its term's);
 * rule is the rule id of a rule conflict, else empty; low, best and high a
 * quantity's exact bounds and best value as written, from and to a date's
 * first and last day; arithmetic the first violation of a rule conflict the
 * claim's position takes part in */
// clang-format off
#define CSV_COLUMNS(X)                                                                             \
    X(conflict_id, 0) X(topic, 0) X(subject, 0) X(property, 0) X(rule, 0) X(type, 0)               \
    X(severity, 0) X(review_state, 0) X(baseline, 0) X(position, 1) X(value, 0) X(low, 1)          \
    X(best, 1) X(high, 1) X(from, 0) X(to, 0) X(unit, 0) X(stance, 0) X(claim_id, 0) X(source, 0)  \
    X(claimant, 0) X(hedge, 0) X(as_of, 0) X(scope, 0) X(locator, 0) X(quote, 0) X(file, 0)        \
    X(line, 1) X(arithmetic, 0) X(reviewer, 0) X(note, 0) X(reviewed_digest, 0) \
    X(changes, 0)
// clang-format on

#define CSV_NAME(name, numeric) #name,
#define CSV_NUMERIC(name, numeric) numeric,
#define CSV_INDEX(name, numeric) COL_##name,
static const char *const header[] = {CSV_COLUMNS(CSV_NAME)};
static const int numeric[] = {CSV_COLUMNS(CSV_NUMERIC)};
enum { CSV_COLUMNS(CSV_INDEX) N_COLUMNS };

static void field(FILE *out, const char *s, int is_number, int last)
{
    s = s ? s : "";
    /* OWASP: a text cell a spreadsheet would read as a formula */
    int guard = !is_number && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                               s[0] == '\t' || s[0] == '\r');
    if (strpbrk(s, ",\"\r\n") || s[0] == ' ' || (*s && s[strlen(s) - 1] == ' ')) {
        fputc('"', out);
        if (guard)
            fputc('\'', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        if (guard)
            fputc('\'', out);
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

/* A finite number into buf (else empty). */
static void number(char *buf, size_t n, const ct_decimal *d)
{
    buf[0] = '\0';
    if (ct_decimal_is_finite(d) && ct_decimal_format(d, buf, n) >= n)
        buf[0] = '\0';
}

/* A finite day number as YYYY-MM-DD into buf (else empty). */
static void day(char *buf, size_t n, const ct_decimal *d)
{
    int64_t v;
    int y, m, dd;
    buf[0] = '\0';
    if (ct_decimal_is_finite(d) && ct_decimal_to_int(&v, d) == 0) {
        ct_civil_from_days((long)v, &y, &m, &dd);
        snprintf(buf, n, "%04d-%02d-%02d", y, m, dd);
    }
}

typedef struct {
    char low[128], best[128], high[128], from[16], to[16];
} csv_values;

/* The numeric and date columns of claim `cl` of property `p`. */
static void values(csv_values *v, const ct_claim *cl, const ct_property *p)
{
    memset(v, 0, sizeof *v);
    int days;
    if (!ct_value__charted(p->type, &days))
        return;
    if (days) {
        day(v->from, sizeof v->from, &cl->interval.lo);
        day(v->to, sizeof v->to, &cl->interval.hi);
    } else {
        number(v->low, sizeof v->low, &cl->interval.lo);
        number(v->high, sizeof v->high, &cl->interval.hi);
        number(v->best, sizeof v->best, &cl->best);
        /* a bare number is its own best value, as written */
        if (!v->best[0] && cl->value_json && strlen(cl->value_json) < sizeof v->best &&
            strpbrk(cl->value_json, "{[\"") == NULL)
            snprintf(v->best, sizeof v->best, "%s", cl->value_json);
    }
}

/* The arithmetic of the first violation position `origin` of `c` takes part in. */
static const char *arithmetic(const ct_conflict *c, size_t origin)
{
    for (size_t i = 0; i < c->n_violations; i++)
        for (size_t t = 0; t < c->violations[i].n_positions; t++)
            if (c->violations[i].positions[t] == origin)
                return c->violations[i].arithmetic;
    return NULL;
}

/* One row: a claim, in a conflict (rc, its position j) or in none (rc NULL). */
static void row(FILE *out, const ct_report_conflict *rc, size_t j, const ct_claim *cl,
                const ct_topic *topic, const ct_property *prop)
{
    const char *cells[N_COLUMNS] = {0};
    char pos[24], line[24];
    csv_values v;
    values(&v, cl, prop);
    snprintf(pos, sizeof pos, "%zu", j + 1);
    line[0] = '\0';
    if (cl->line > 0)
        snprintf(line, sizeof line, "%ld", (long)cl->line);
    cells[COL_topic] = topic->id;
    cells[COL_subject] = cl->subject;
    cells[COL_property] = prop->name;
    cells[COL_value] = cl->display;
    cells[COL_low] = v.low;
    cells[COL_best] = v.best;
    cells[COL_high] = v.high;
    cells[COL_from] = v.from;
    cells[COL_to] = v.to;
    cells[COL_unit] = prop->unit;
    cells[COL_stance] = ct_report__stance(cl);
    cells[COL_claim_id] = cl->id;
    cells[COL_source] = cl->source;
    cells[COL_claimant] = cl->claimant;
    cells[COL_hedge] = cl->hedge;
    cells[COL_as_of] = cl->as_of;
    cells[COL_scope] = cl->scope_text;
    cells[COL_locator] = cl->locator;
    cells[COL_quote] = cl->quote;
    cells[COL_file] = cl->file;
    cells[COL_line] = line;
    if (rc) {
        const ct_conflict *c = rc->conflict;
        const ct_report_position *p = &rc->positions[j];
        cells[COL_conflict_id] = c->id;
        cells[COL_subject] = p->subject;
        cells[COL_property] = p->property->name;
        cells[COL_rule] = c->rule;
        cells[COL_type] = ct_conflict_type_name(c->type);
        cells[COL_severity] = ct_severity_name(c->severity);
        cells[COL_review_state] = ct_review_state_name(rc->review.state);
        cells[COL_baseline] = ct_report__baseline_state_name(rc->baseline);
        cells[COL_position] = pos;
        cells[COL_value] = p->display;
        cells[COL_arithmetic] = arithmetic(c, p->origin);
        cells[COL_reviewer] = rc->review.reviewer;
        cells[COL_note] = rc->review.note;
        cells[COL_reviewed_digest] = rc->review.reviewed_digest;
        if (rc->review.state == CT_REVIEW_STALE)
            cells[COL_changes] = rc->review.changes_text;
    }
    for (size_t f = 0; f < N_COLUMNS; f++)
        field(out, cells[f], numeric[f], f + 1 == N_COLUMNS);
}

/* Every claim in no conflict (export): conflict columns empty. */
static int loose_claims(FILE *out, const ct_report_model *m, const ct_corpus *corpus)
{
    size_t n, n_topics;
    const ct_claim *claims = ct_corpus_claims(corpus, &n);
    const ct_topic *topics = ct_corpus_topics(corpus, &n_topics);
    unsigned char *seen = ct_calloc(n ? n : 1, 1);
    if (!seen)
        return CT_ENOMEM;
    for (size_t i = 0; i < m->n_conflicts; i++)
        for (size_t j = 0; j < m->conflicts[i].n_positions; j++)
            for (size_t k = 0; k < m->conflicts[i].positions[j].n_claims; k++)
                seen[m->conflicts[i].positions[j].claims[k] - claims] = 1;
    for (size_t i = 0; i < n; i++) {
        const ct_topic *t = &topics[claims[i].topic];
        if (!seen[i])
            row(out, NULL, 0, &claims[i], t, &t->properties[claims[i].property]);
    }
    ct_free(seen);
    return 0;
}

static void head(const ct_report_model *m, FILE *out)
{
    if (m->options & CT_REPORT_CSV_BOM)
        fputs("\xEF\xBB\xBF", out);
    for (size_t i = 0; i < N_COLUMNS; i++)
        field(out, header[i], 0, i + 1 == N_COLUMNS);
}

/* One row of a claim of group `g`: with its conflict's columns when the
 * group is a conflict and the claim holds one of its positions. */
static void group_row(FILE *out, const ct_report_model *m, const ct_report *r,
                      const ct_claims_group *g, const ct_claim *cl)
{
    const ct_topic *t = NULL;
    size_t n_topics;
    t = &ct_corpus_topics(r->corpus, &n_topics)[g->topic];
    const ct_report_conflict *rc =
        g->conflict ? ct_report__model_conflict(m, r, g->conflict) : NULL;
    for (size_t j = 0; rc && j < rc->n_positions; j++)
        for (size_t k = 0; k < rc->positions[j].n_claims; k++)
            if (rc->positions[j].claims[k] == cl) {
                row(out, rc, j, cl, t, rc->positions[j].property);
                return;
            }
    row(out, NULL, 0, cl, t, &t->properties[g->property]);
}

int ct_report__write_claims_csv(const ct_report_model *m, const ct_report *r,
                                const ct_claims_view *v, FILE *out)
{
    size_t n;
    const ct_claim *claims = ct_corpus_claims(r->corpus, &n);
    head(m, out);
    for (size_t i = 0; i < v->n_groups; i++) {
        const ct_claims_group *g = &v->groups[i];
        for (size_t p = 0; p < g->n_positions; p++)
            for (size_t x = 0; x < g->positions[p].n_claims; x++)
                group_row(out, m, r, g, &claims[g->positions[p].claims[x]]);
        for (size_t x = 0; x < g->n_revisions; x++) /* the revised claims */
            group_row(out, m, r, g, &claims[r->conflicts->revisions[g->revisions[x]].claim]);
    }
    return ferror(out) ? CT_EIO : 0;
}

int ct_report__write_csv(const ct_report_model *m, FILE *out)
{
    head(m, out);
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *rc = &m->conflicts[i];
        for (size_t j = 0; j < rc->n_positions; j++) {
            const ct_report_position *p = &rc->positions[j];
            for (size_t k = 0; k < p->n_claims; k++)
                row(out, rc, j, p->claims[k], rc->topic, p->property);
        }
    }
    if ((m->options & CT_REPORT_CSV_ALL_CLAIMS) && m->corpus && loose_claims(out, m, m->corpus) < 0)
        return CT_ENOMEM;
    return ferror(out) ? CT_EIO : 0;
}
