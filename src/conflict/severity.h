/*
 * severity.h - the severity of a clash and its reasons (internal to
 * conflict.c and its tests).
 */
#ifndef CT_SEVERITY_H
#define CT_SEVERITY_H

#include "claimtrack/conflict.h"

/* The reasons behind one clash's severity, one sentence each. */
typedef struct {
    char reasons[CT_SEVERITY_REASONS_MAX][CT_SEVERITY_REASON_SIZE];
    size_t n;
} ct_severity_note;

/* The evidence of one claim: 2 first-hand and unhedged, 1 relayed from a
 * claimant and unhedged, 0 hedged. */
int ct_severity__strength(const ct_claim *c);

/* The severity (a ct_severity) of a clash between `a` and `b`, the
 * representatives of two positions of property `p`, whose weaker side has
 * evidence `strength`; `self` when one speaker is on both sides.  Fills
 * `note` with the reasons. */
int ct_severity__clash(const ct_property *p, const ct_claim *a, const ct_claim *b, int strength,
                       int self, ct_severity_note *note);

/* Add the reason for evidence `strength` (as ct_severity__strength) to
 * `note`: conflicts that weigh nothing else, such as rule conflicts. */
void ct_severity__evidence(ct_severity_note *note, int strength);

/* Raise or lower `*severity` one level by the importance of property `p`,
 * adding the reason to `note`. */
void ct_severity__importance(const ct_property *p, ct_severity *severity, ct_severity_note *note);

/* Give conflict `c` the reasons of `note`, in one allocation (freed with the
 * conflict).  Returns 0 or CT_ENOMEM. */
int ct_severity__attach(ct_conflict *c, const ct_severity_note *note);

#endif
