/*
 * cues.c - the "cues" of properties and terms: words or phrases that signal
 * them in an article's sentence (claimtrack suggest).  Kept NFC, as names are.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"

int ct_corpus__load_cues(ct_corpus *c, const json_t *list, const char ***cues, size_t *n)
{
    *cues = NULL;
    *n = 0;
    if (!json_is_array(list) || json_array_size(list) == 0)
        return 0;
    const char **a = ct_calloc(json_array_size(list), sizeof *a);
    if (!a)
        return -1;
    size_t i;
    const json_t *v;
    json_array_foreach(list, i, v)
    {
        if (!json_is_string(v))
            continue; /* the schema has reported it */
        const char *s = ct_corpus__intern_nfc(c, json_string_value(v));
        if (!s) {
            ct_free(a);
            return -1;
        }
        a[(*n)++] = s;
    }
    *cues = a;
    return 0;
}

int ct_corpus__load_property_cues(ct_corpus *c, ct_property *p, const json_t *def)
{
    if (ct_corpus__load_cues(c, json_object_get(def, "cues"), &p->cues, &p->n_cues) < 0)
        return CT_ENOMEM;
    const json_t *terms = json_object_get(def, "terms");
    if (!p->n_terms || !json_is_object(terms))
        return 0;
    /* the terms were loaded in this same order */
    size_t i = 0;
    const char *name;
    json_t *tdef;
    json_object_foreach((json_t *)terms, name, tdef)
    {
        if (i == p->n_terms)
            break;
        ct_term *t = &p->terms[i++];
        if (ct_corpus__load_cues(c, json_object_get(tdef, "cues"), &t->cues, &t->n_cues) < 0)
            return CT_ENOMEM;
    }
    return 0;
}
