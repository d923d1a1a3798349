/*
 * report_int.h - what the report writers share (internal).
 */
#ifndef CT_REPORT_INT_H
#define CT_REPORT_INT_H

#include "claimtrack/report.h"

/* Every writer gets the report and its JSON model (built once per write). */
int ct_report__write_text(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_json(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_xml(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_markdown(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_junit(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_sarif(const ct_report *r, const json_t *model, FILE *out);
int ct_report__write_html(const ct_report *r, const json_t *model, FILE *out);

/* Small accessors over the JSON model. */
const char *ct_report__str(const json_t *obj, const char *key);
long long ct_report__int(const json_t *obj, const char *key);

/* Helpers over the report model. */
const ct_topic *ct_report__topic(const ct_report *r, const ct_conflict *c);
const ct_property *ct_report__property(const ct_report *r, const ct_conflict *c);
const ct_claim *ct_report__claim(const ct_report *r, size_t index);

#endif
