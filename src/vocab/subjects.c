/*
 * subjects.c - a topic's subjects and their aliases: every name (canonical
 * or alias, interned in NFC) indexed to its subject.
 */
#include "vocab/vocab.h"

#include "claimtrack/common.h"

int ct_vocab__subject_add(ct_vocab_outcome *outcome, const char **other, ct_topic *t,
                          ct_namemap *index, const char *name, const char *canonical)
{
    long k = ct_namemap__get(index, name);
    if (k >= 0) {
        *outcome =
            t->aliases[k].canonical == canonical ? CT_VOCAB_SAME_SUBJECT : CT_VOCAB_OTHER_SUBJECT;
        *other = t->aliases[k].canonical;
        return 0;
    }
    t->aliases[t->n_aliases].alias = name;
    t->aliases[t->n_aliases].canonical = canonical;
    if (ct_namemap__add(index, name, t->n_aliases, NULL) < 0)
        return CT_ENOMEM;
    t->n_aliases++;
    *outcome = CT_VOCAB_ADDED;
    return 0;
}

const char *ct_vocab__subject_canonical(const ct_namemap *index, const ct_topic *t,
                                        const char *subject)
{
    long i = ct_namemap__get(index, subject);
    return i < 0 ? NULL : t->aliases[i].canonical;
}
