/*
 * speakers.c - who speaks a claim (a declared claimant, else its source) and
 * when its value holds (the scope of a varying property).
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who speaks: the claimant (by its declared name when it is one's name or
 * alias; the source when the claimant is linked to one), else the source. */
int ct_corpus__resolve_speaker(ct_corpus *c, ct_claim *cl)
{
    cl->speaker = cl->source;
    cl->speaker_source = 1;
    if (!cl->claimant)
        return 0;
    const char *name = ct_corpus__intern_nfc(c, cl->claimant);
    if (!name)
        return CT_ENOMEM;
    long k = ct_namemap__get(&c->claimant_index, name);
    if (k >= 0 && c->claimants[k].source) {
        cl->speaker = c->claimants[k].source;
        return 0;
    }
    cl->speaker = k >= 0 ? c->claimants[k].name : name;
    cl->speaker_source = 0;
    return 0;
}


const char *ct_scope_basis_name(int basis)
{
    static const char *const names[] = {NULL, "as_of", "published", "unscoped"};
    return basis >= 0 && basis <= CT_SCOPE_ALWAYS ? names[basis] : NULL;
}

/* The claim's as_of as written and for people, and (varying properties) its
 * scope: as_of, else the source's published date, else all time.  0 or
 * CT_ENOMEM. */
int ct_corpus__set_scope(ct_corpus *c, ct_claim *cl, const ct_property *p, const json_t *as_of,
                         ct_interval as_of_iv, const ct_source *src)
{
    cl->scope.lo = ct_decimal_inf(-1);
    cl->scope.hi = ct_decimal_inf(1);
    if (as_of) {
        char text[128];
        ct_value_describe(as_of, CT_TYPE_DATE, NULL, text, sizeof text);
        char *js = json_dumps(as_of, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
        if (!js)
            return CT_ENOMEM;
        cl->as_of_json = ct_corpus__intern(c, js);
        free(js);
        if (!(cl->as_of = ct_corpus__intern(c, text)) || !cl->as_of_json)
            return CT_ENOMEM;
    }
    if (!p->varies)
        return 0;
    ct_interval iv;
    char why[160];
    if (as_of) {
        cl->scope = as_of_iv;
        cl->scope_basis = CT_SCOPE_AS_OF;
        cl->scope_text = cl->as_of;
    } else if (src && src->published && ct_date_parse(&iv, src->published, why, sizeof why) == 0) {
        cl->scope = iv;
        cl->scope_basis = CT_SCOPE_PUBLISHED;
        cl->scope_text = src->published;
    } else {
        cl->scope_basis = CT_SCOPE_ALWAYS;
    }
    return 0;
}
