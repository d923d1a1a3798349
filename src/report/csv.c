/*
 * csv.c - CSV for researchers (RFC 4180, UTF-8, CRLF, a header row): one row
 * per claim of each conflict, so pandas.read_csv and R's read.csv load it
 * without options.  A field is quoted when it holds a comma, a quote, a CR
 * or an LF (quotes doubled), and when it starts with a space.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

/* subject and property are the claim's own (in a rule conflict, its term's);
 * rule is the rule id of a rule conflict, else empty */
static const char *const header[] = {"conflict_id", "topic",    "subject",      "property", "rule",
                                     "type",        "severity", "review_state", "position", "value",
                                     "stance",      "claim_id", "source",       "claimant", "hedge",
                                     "as_of",       "quote",    "file",         "line"};

#define N_COLUMNS (sizeof header / sizeof header[0])

static void field(FILE *out, const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n") || s[0] == ' ' || (*s && s[strlen(s) - 1] == ' ')) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

int ct_report__write_csv(const ct_report_model *m, FILE *out)
{
    for (size_t i = 0; i < N_COLUMNS; i++)
        field(out, header[i], i + 1 == N_COLUMNS);
    for (size_t i = 0; i < m->n_conflicts; i++) {
        const ct_report_conflict *rc = &m->conflicts[i];
        const ct_conflict *c = rc->conflict;
        for (size_t j = 0; j < rc->n_positions; j++) {
            const ct_report_position *p = &rc->positions[j];
            for (size_t k = 0; k < p->n_claims; k++) {
                const ct_claim *cl = p->claims[k];
                char pos[24], line[24];
                snprintf(pos, sizeof pos, "%zu", j + 1);
                line[0] = '\0';
                if (cl->line > 0)
                    snprintf(line, sizeof line, "%ld", (long)cl->line);
                const char *row[] = {c->id,
                                     rc->topic->id,
                                     p->subject,
                                     p->property->name,
                                     c->rule,
                                     ct_conflict_type_name(c->type),
                                     ct_severity_name(c->severity),
                                     ct_review_state_name(rc->review.state),
                                     pos,
                                     p->display,
                                     cl->denies ? "denies" : "asserts",
                                     cl->id,
                                     cl->source,
                                     cl->claimant,
                                     cl->hedge,
                                     cl->as_of,
                                     cl->quote,
                                     cl->file,
                                     line};
                for (size_t f = 0; f < N_COLUMNS; f++)
                    field(out, row[f], f + 1 == N_COLUMNS);
            }
        }
    }
    return ferror(out) ? CT_EIO : 0;
}
