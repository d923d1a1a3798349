/* fuzz_reviews.c - the reviews loader, and the review states it yields. */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include "claimtrack/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ct_review_set *set;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    if (ct_review_set_parse(&set, "reviews.json", (const char *)data, size, &diags) == 0) {
        ct_conflict c;
        memset(&c, 0, sizeof c);
        snprintf(c.id, sizeof c.id, "CT-%016d", 0);
        snprintf(c.digest, sizeof c.digest, "%064d", 0);
        snprintf(c.legacy_id, sizeof c.legacy_id, "CT-%08d", 0);
        snprintf(c.legacy_digest, sizeof c.legacy_digest, "%016d", 0);
        ct_review_state_of(set, &c, NULL);
        ct_conflict_set none;
        memset(&none, 0, sizeof none);
        json_decref(ct_review_orphans(set, &none));
        ct_conflict_set one = none;
        one.conflicts = &c;
        one.n_conflicts = 1;
        ct_review_set_upgrade(set, &one); /* old ids carried over to the new */
        ct_review_state_of(set, &c, NULL);
        ct_review_set_free(set);
    }
    ct_diag_list_dispose(&diags);
    return 0;
}
