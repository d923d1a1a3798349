/*
 * sarif.c - SARIF 2.1.0: one result per blocking conflict, a rule per
 * conflict type, locations at the claims' files and lines, and the conflict
 * id as a partial fingerprint, so code-scanning UIs annotate the claim lines.
 */
#include "report_int.h"
#include "claimtrack/common.h"

#include <string.h>

static const struct {
    const char *type, *rule, *name, *text;
} rules[] = {
    {"value", "CT001", "ValueConflict",
     "Sources assert incompatible values for the same subject and property."},
    {"denial", "CT002", "DenialConflict", "One source or claimant denies what another asserts."},
    {"self-contradiction", "CT003", "SelfContradiction",
     "One claimant asserts incompatible values."},
};

#define N_RULES (sizeof rules / sizeof rules[0])

static const char *level_of(ct_severity severity)
{
    if (severity == CT_SEVERITY_HIGH)
        return "error";
    return severity == CT_SEVERITY_MEDIUM ? "warning" : "note";
}

static json_t *location(const ct_claim *claim)
{
    json_t *phys = json_pack("{s{ss}}", "artifactLocation", "uri", claim->file ? claim->file : "");
    if (phys && claim->line > 0 &&
        json_object_set_new(phys, "region",
                            json_pack("{sI}", "startLine", (json_int_t)claim->line))) {
        json_decref(phys);
        return NULL;
    }
    char msg[300];
    snprintf(msg, sizeof msg, "claim %s (%s)", claim->id, claim->source);
    return phys ? json_pack("{sos{ss}}", "physicalLocation", phys, "message", "text", msg) : NULL;
}

static json_t *rule_list(void)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < N_RULES; i++) {
        json_t *rule =
            json_pack("{sssss{ss}s{ss}s{ss}}", "id", rules[i].rule, "name", rules[i].name,
                      "shortDescription", "text", rules[i].text, "fullDescription", "text",
                      rules[i].text, "defaultConfiguration", "level", "error");
        if (json_array_append_new(list, rule)) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

/* The result of one blocking conflict; NULL when out of memory. */
static json_t *result(const ct_report_conflict *rc)
{
    const ct_conflict *c = rc->conflict;
    const char *type = ct_conflict_type_name(c->type);
    const char *state = ct_review_state_name(rc->review.state);
    size_t ri = 0;
    while (ri < N_RULES - 1 && strcmp(rules[ri].type, type) != 0)
        ri++;
    char msg[2048];
    size_t len = (size_t)snprintf(msg, sizeof msg, "%s conflict %s on %s · %s:", state, c->id,
                                  c->subject, rc->property->name);
    json_t *locations = json_array();
    if (!locations)
        return NULL;
    for (size_t j = 0; j < rc->n_positions; j++) {
        const ct_report_position *p = &rc->positions[j];
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s %s%s", j ? ";" : "",
                                    p->denies ? "denies " : "", p->display);
        for (size_t k = 0; k < p->n_claims; k++)
            if (json_array_append_new(locations, location(p->claims[k]))) {
                json_decref(locations);
                return NULL;
            }
    }
    if (len < sizeof msg)
        snprintf(
            msg + len, sizeof msg - len,
            ". Review with: claimtrack review %s --status confirmed|dismissed|resolved --note TEXT",
            c->id);
    const char *severity = ct_severity_name(c->severity);
    return json_pack("{sssIsss{ss}sos{ss}s{ssssss}}", "ruleId", rules[ri].rule, "ruleIndex",
                     (json_int_t)ri, "level", level_of(c->severity), "message", "text", msg,
                     "locations", locations, "partialFingerprints", "claimtrackConflictId/v1",
                     c->id, "properties", "severity", severity, "reviewState", state, "digest",
                     c->digest);
}

int ct_report__write_sarif(const ct_report_model *m, FILE *out)
{
    json_t *rules_json = rule_list(), *results = json_array();
    json_t *doc = NULL;
    int rc = CT_ENOMEM;
    if (!rules_json || !results)
        goto done;
    for (size_t i = 0; i < m->n_conflicts; i++)
        if (m->conflicts[i].review.blocking &&
            json_array_append_new(results, result(&m->conflicts[i])))
            goto done;
    doc = json_pack("{sssss[{s{s{sssssssO}}sO}]}", "$schema",
                    "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                    "tool", "driver", "name", "claimtrack", "version", CT_VERSION, "informationUri",
                    "https://claimtrack.dev/", "rules", rules_json, "results", results);
    if (!doc)
        goto done;
    rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', out) != EOF
             ? 0
             : CT_EIO;
done:
    json_decref(doc);
    json_decref(rules_json);
    json_decref(results);
    return rc;
}
