/*
 * json.c - the JSON report (described by schema/report.schema.json).
 */
#include "report_int.h"
#include "claimtrack/common.h"

int ct_report__write_json(const ct_report *r, FILE *out)
{
    json_t *doc = ct_report_to_json(r);
    if (!doc)
        return CT_ENOMEM;
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (rc != 0)
        return CT_EIO;
    return fputc('\n', out) == EOF ? CT_EIO : 0;
}
