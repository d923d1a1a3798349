/*
 * json.c - the JSON report (described by schema/report.schema.json).
 */
#include "report_int.h"
#include "claimtrack/common.h"

int ct_report__write_json(const ct_report *r, const json_t *model, FILE *out)
{
    (void)r;
    int rc = json_dumpf(model, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (rc != 0)
        return CT_EIO;
    return fputc('\n', out) == EOF ? CT_EIO : 0;
}
