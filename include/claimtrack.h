/*
 * claimtrack.h - the claimtrack library, one header for embedders.
 *
 *   #include <claimtrack.h>
 *   cc app.c $(pkg-config --cflags --libs claimtrack)
 *
 * Load a corpus (corpus.h), find its conflicts (conflict.h), join reviews
 * (review.h) and write reports (report.h).  Conventions (return codes,
 * ownership, naming): docs/CONVENTIONS.md.
 */
#ifndef CLAIMTRACK_H
#define CLAIMTRACK_H

#ifdef __cplusplus
extern "C" {
#endif

#include "claimtrack/common.h"
#include "claimtrack/decimal.h"
#include "claimtrack/diag.h"
#include "claimtrack/value.h"
#include "claimtrack/schema.h"
#include "claimtrack/corpus.h"
#include "claimtrack/conflict.h"
#include "claimtrack/review.h"
#include "claimtrack/report.h"
#include "claimtrack/claims.h"
#include "claimtrack/fileio.h"
#include "claimtrack/suggest.h"

#ifdef __cplusplus
}
#endif

#endif
