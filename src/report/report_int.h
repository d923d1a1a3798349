/*
 * report_int.h - what the report writers share (internal).
 */
#ifndef CT_REPORT_INT_H
#define CT_REPORT_INT_H

#include "model.h"

/* The formats, one row each, in the order help and messages list them; the
 * first is the default.  Each row NAME has a writer ct_report__write_NAME in
 * src/report/NAME.c.  completions/claimtrack.bash and claimtrack.1 list the
 * same names (checked by the report unit suite). */
#define CT_REPORT_FORMAT_TABLE(X)                                                                  \
    X(text) X(json) X(xml) X(markdown) X(junit) X(sarif) X(html) X(csv)

/* Every writer reads the report model only. */
#define CT_REPORT__DECLARE_WRITER(name)                                                            \
    int ct_report__write_##name(const ct_report_model *m, FILE *out);
CT_REPORT_FORMAT_TABLE(CT_REPORT__DECLARE_WRITER)
#undef CT_REPORT__DECLARE_WRITER

/* Write one conflict of `m` in full, as the text format does. */
int ct_report__write_conflict_text(const ct_report_model *m, const ct_report_conflict *c,
                                   FILE *out);

/* One pasteable command per review status for conflict `rc`, each line
 * `indent` + command + "\n". */
void ct_report__review_commands(FILE *out, const ct_report_conflict *rc, const char *indent);

#endif
