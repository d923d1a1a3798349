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
    {"value", "CT001", "ValueConflict", "Sources assert incompatible values for the same subject and property."},
    {"denial", "CT002", "DenialConflict", "One source or claimant denies what another asserts."},
    {"self-contradiction", "CT003", "SelfContradiction", "One claimant asserts incompatible values."},
};

#define N_RULES (sizeof rules / sizeof rules[0])

static const char *level_of(const char *severity)
{
    if (strcmp(severity, "high") == 0)
        return "error";
    return strcmp(severity, "medium") == 0 ? "warning" : "note";
}

static json_t *location(const json_t *claim)
{
    const char *file = ct_report__str(claim, "file");
    json_t *phys = json_pack("{s{ss}}", "artifactLocation", "uri", file ? file : "");
    if (phys && ct_report__int(claim, "line") > 0)
        json_object_set_new(phys, "region", json_pack("{sI}", "startLine", (json_int_t)ct_report__int(claim, "line")));
    char msg[300];
    snprintf(msg, sizeof msg, "claim %s (%s)", ct_report__str(claim, "id"), ct_report__str(claim, "source"));
    return phys ? json_pack("{sos{ss}}", "physicalLocation", phys, "message", "text", msg) : NULL;
}

int ct_report__write_sarif(const ct_report *r, const json_t *m, FILE *out)
{
    (void)r;
    json_t *rule_list = json_array(), *results = json_array();
    json_t *doc = NULL;
    int rc = CT_ENOMEM;
    if (!rule_list || !results)
        goto done;
    for (size_t i = 0; i < N_RULES; i++) {
        json_t *rule = json_pack("{sssss{ss}s{ss}s{ss}}", "id", rules[i].rule, "name", rules[i].name,
                                 "shortDescription", "text", rules[i].text, "fullDescription", "text",
                                 rules[i].text, "defaultConfiguration", "level", "error");
        if (json_array_append_new(rule_list, rule))
            goto done;
    }
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(m, "conflicts"), i, c)
    {
        json_t *rv = json_object_get(c, "review");
        if (!json_is_true(json_object_get(rv, "blocking")))
            continue;
        size_t ri = 0;
        while (ri < N_RULES - 1 && strcmp(rules[ri].type, ct_report__str(c, "type")) != 0)
            ri++;
        char msg[2048];
        size_t len = (size_t)snprintf(msg, sizeof msg, "%s conflict %s on %s · %s:", ct_report__str(rv, "state"),
                                      ct_report__str(c, "id"), ct_report__str(c, "subject"),
                                      ct_report__str(c, "property"));
        json_t *locations = json_array();
        if (!locations)
            goto done;
        size_t j;
        json_t *p;
        json_array_foreach(json_object_get(c, "positions"), j, p)
        {
            if (len < sizeof msg)
                len += (size_t)snprintf(msg + len, sizeof msg - len, "%s %s%s", j ? ";" : "",
                                        strcmp(ct_report__str(p, "stance"), "denies") == 0 ? "denies " : "",
                                        ct_report__str(p, "display"));
            size_t k;
            json_t *cl;
            json_array_foreach(json_object_get(p, "claims"), k, cl)
            {
                if (json_array_append_new(locations, location(cl))) {
                    json_decref(locations);
                    goto done;
                }
            }
        }
        if (len < sizeof msg)
            snprintf(msg + len, sizeof msg - len, ". Review with: claimtrack review %s --status confirmed|dismissed|resolved --note TEXT",
                     ct_report__str(c, "id"));
        json_t *result = json_pack("{sssIsss{ss}sos{ss}s{ssssss}}", "ruleId", rules[ri].rule, "ruleIndex",
                                   (json_int_t)ri, "level", level_of(ct_report__str(c, "severity")), "message",
                                   "text", msg, "locations", locations, "partialFingerprints",
                                   "claimtrackConflictId/v1", ct_report__str(c, "id"), "properties", "severity",
                                   ct_report__str(c, "severity"), "reviewState", ct_report__str(rv, "state"),
                                   "digest", ct_report__str(c, "digest"));
        if (json_array_append_new(results, result))
            goto done;
    }
    doc = json_pack("{sssss[{s{s{sssssssO}}sO}]}", "$schema",
                    "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", "tool",
                    "driver", "name", "claimtrack", "version", CT_VERSION, "informationUri",
                    "https://claimtrack.dev/", "rules", rule_list, "results", results);
    if (!doc)
        goto done;
    rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', out) != EOF ? 0 : CT_EIO;
done:
    json_decref(doc);
    json_decref(rule_list);
    json_decref(results);
    return rc;
}
