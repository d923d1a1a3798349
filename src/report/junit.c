/*
 * junit.c - JUnit XML: one test suite per topic, one test case per conflict,
 * failed when the conflict blocks the gate, so GitLab or Jenkins list
 * blocking conflicts as failing tests.  Every case and suite has a time (0:
 * nothing ran); each case's review state, note and reviewer are its
 * properties.  tests/junit/junit-4.xsd describes the output.
 */
#include "util/strbuf.h"
#include "report_int.h"
#include "util/xml_writer.h"
#include "claimtrack/common.h"

#include <string.h>

static size_t count_in_topic(const ct_report_model *m, const ct_topic *topic, int blocking_only)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_conflicts; i++)
        if (m->conflicts[i].topic == topic && (!blocking_only || m->conflicts[i].review.blocking))
            n++;
    return n;
}

/* The failure of a blocking conflict: its positions, claims and quotes. */
static void failure(ct_xmlw *w, const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    const char *state = ct_review_state_name(rc->review.state);
    char msg[600];
    snprintf(msg, sizeof msg, "%s %s conflict: %s", state, ct_severity_name(c->severity),
             ct_conflict_type_name(c->type));
    ct_xmlw__start(w, "failure");
    ct_xmlw__attr(w, "message", msg);
    ct_xmlw__attr(w, "type", state);
    for (size_t j = 0; j < rc->n_positions; j++) {
        const ct_report_position *p = &rc->positions[j];
        for (size_t k = 0; k < p->n_claims; k++) {
            const ct_claim *cl = p->claims[k];
            ct_strbuf line = CT_STRBUF_INIT; /* quotes have no length limit */
            ct_strbuf__printf(&line, "[%zu] %s%s: %s (%s): \"%s\"\n", j + 1,
                              p->denies ? "denies " : "", p->display, cl->id, cl->source,
                              cl->quote);
            if (line.oom)
                w->rc = -1; /* sticky: the report fails as out of memory */
            else
                ct_xmlw__text(w, ct_strbuf__text(&line));
            ct_strbuf__dispose(&line);
        }
    }
    const ct_report_review *rv = &rc->review;
    if (rv->state == CT_REVIEW_STALE && rv->n_changes) {
        ct_xmlw__text(w, "changed since the review:\n");
        for (size_t i = 0; i < rv->n_changes; i++) {
            ct_xmlw__text(w, "  - ");
            ct_xmlw__text(w, rv->changes[i].text);
            ct_xmlw__text(w, "\n");
        }
    }
    snprintf(msg, sizeof msg, "review with one of:\n");
    ct_xmlw__text(w, msg);
    const char *claim =
        rc->n_positions && rc->positions[0].n_claims ? rc->positions[0].claims[0]->id : "CLAIM-ID";
    static const char *const status[] = {"confirmed", "dismissed", "resolved"};
    for (int k = 0; k < 3; k++) {
        snprintf(msg, sizeof msg, "  claimtrack review %s --status %s%s%s --note 'why'\n", c->id,
                 status[k], k == 2 ? " --prefer " : "", k == 2 ? claim : "");
        ct_xmlw__text(w, msg);
    }
    ct_xmlw__end(w);
}

static void property(ct_xmlw *w, const char *name, const char *value)
{
    if (!value)
        return;
    ct_xmlw__start(w, "property");
    ct_xmlw__attr(w, "name", name);
    ct_xmlw__attr(w, "value", value);
    ct_xmlw__end(w);
}

/* The review of a case (state, note, reviewer, date), its severity and
 * baseline state, as the case's properties. */
static void properties(ct_xmlw *w, const ct_report_conflict *rc)
{
    const ct_report_review *rv = &rc->review;
    ct_xmlw__start(w, "properties");
    property(w, "review_state", ct_review_state_name(rv->state));
    property(w, "review_note", rv->note);
    property(w, "reviewer", rv->reviewer);
    property(w, "review_date", rv->date);
    if (rv->state == CT_REVIEW_STALE)
        property(w, "review_changes", rv->changes_text);
    property(w, "severity", ct_severity_name(rc->conflict->severity));
    property(w, "baseline", ct_report__baseline_state_name(rc->baseline));
    ct_xmlw__end(w);
}

static void testcase(ct_xmlw *w, const ct_report_conflict *rc, int extensions)
{
    const ct_conflict *c = rc->conflict;
    char name[512];
    ct_text_fit(name, sizeof name, snprintf(name, sizeof name, "%s %s", c->id, rc->title));
    ct_xmlw__start(w, "testcase");
    ct_xmlw__attr(w, "name", name);
    ct_text_fit(name, sizeof name, snprintf(name, sizeof name, "claimtrack.%s", rc->topic->id));
    ct_xmlw__attr(w, "classname", name);
    ct_xmlw__attr(w, "time", "0");
    if (extensions && rc->n_positions && rc->positions[0].n_claims)
        ct_xmlw__attr(w, "file", rc->positions[0].claims[0]->file);
    if (extensions)
        properties(w, rc);
    if (rc->review.blocking)
        failure(w, rc);
    ct_xmlw__end(w);
}

int ct_report__write_junit(const ct_report_model *m, FILE *out)
{
    ct_xmlw w;
    if (ct_xmlw__open(&w) < 0)
        return CT_ENOMEM;
    char num[32], num2[32];
    ct_xmlw__start(&w, "testsuites");
    ct_xmlw__attr(&w, "name", "claimtrack");
    snprintf(num, sizeof num, "%zu", m->n_conflicts);
    snprintf(num2, sizeof num2, "%zu", m->summary.blocking);
    ct_xmlw__attr(&w, "tests", num);
    ct_xmlw__attr(&w, "failures", num2);
    ct_xmlw__attr(&w, "errors", "0");
    /* the run's real elapsed time, in seconds with milliseconds */
    long long ms = m->elapsed_ms > 0 ? m->elapsed_ms : 0;
    snprintf(num, sizeof num, "%lld.%03lld", ms / 1000, ms % 1000);
    ct_xmlw__attr(&w, "time", num);
    int extensions = (m->options & CT_REPORT_JUNIT_EXTENSIONS) != 0;
    for (size_t t = 0; t < m->n_topics; t++) {
        const ct_topic *topic = m->topics[t].topic;
        size_t n = count_in_topic(m, topic, 0);
        if (!n)
            continue;
        ct_xmlw__start(&w, "testsuite");
        ct_xmlw__attr(&w, "name", topic->id);
        snprintf(num, sizeof num, "%zu", n);
        snprintf(num2, sizeof num2, "%zu", count_in_topic(m, topic, 1));
        ct_xmlw__attr(&w, "tests", num);
        ct_xmlw__attr(&w, "failures", num2);
        ct_xmlw__attr(&w, "errors", "0");
        ct_xmlw__attr(&w, "skipped", "0");
        ct_xmlw__attr(&w, "time", "0");
        for (size_t i = 0; i < m->n_conflicts; i++)
            if (m->conflicts[i].topic == topic)
                testcase(&w, &m->conflicts[i], extensions);
        ct_xmlw__end(&w);
    }
    ct_xmlw__end(&w);
    return ct_xmlw__finish(&w, out);
}
