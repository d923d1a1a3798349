/* fuzz_reviews.c - the reviews loader, and the review states it yields. */
#include "fuzz.h"

#include <string.h>

#include "claimtrack/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ct_review_set *set;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    if (ct_review_set_parse(&set, "reviews.json", (const char *)data, size, &diags) == 0) {
        ct_conflict c;
        memset(&c, 0, sizeof c);
        memcpy(c.id, "CT-00000000", sizeof c.id);
        memcpy(c.digest, "0000000000000000", sizeof c.digest);
        ct_review_state_of(set, &c, NULL);
        ct_conflict_set none;
        memset(&none, 0, sizeof none);
        json_decref(ct_review_orphans(set, &none));
        ct_review_set_free(set);
    }
    ct_diag_list_dispose(&diags);
    return 0;
}
