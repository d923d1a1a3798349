/*
 * report_int.h - what the report writers share (internal).
 */
#ifndef CT_REPORT_INT_H
#define CT_REPORT_INT_H

#include "claimtrack/report.h"

int ct_report__write_text(const ct_report *r, FILE *out);
int ct_report__write_json(const ct_report *r, FILE *out);

/* Helpers over the report model. */
const ct_topic *ct_report__topic(const ct_report *r, const ct_conflict *c);
const ct_property *ct_report__property(const ct_report *r, const ct_conflict *c);
const ct_claim *ct_report__claim(const ct_report *r, size_t index);

#endif
