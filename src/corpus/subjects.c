/*
 * subjects.c - loading a topic's declared subjects and their aliases (NFC),
 * with errors; the index itself is src/vocab/.
 */
#include "claimtrack/common.h"
#include "corpus/corpus_int.h"
#include "vocab/vocab.h"

#include <stdio.h>
#include <string.h>

/* The subject index of topic `ti`, made empty when new; NULL when out of memory. */
static ct_namemap *subject_index_of(ct_corpus *c, size_t ti)
{
    if (ti >= c->alloc_subject_index) {
        size_t n = c->alloc_subject_index ? c->alloc_subject_index * 2 : 16;
        while (n <= ti)
            n *= 2;
        ct_namemap *m = ct_reallocarray(c->subject_index, n, sizeof *m);
        if (!m)
            return NULL;
        memset(m + c->alloc_subject_index, 0, (n - c->alloc_subject_index) * sizeof *m);
        c->subject_index = m;
        c->alloc_subject_index = n;
    }
    return &c->subject_index[ti];
}


/* The topic's declared subjects and aliases (NFC), each name once. */
int ct_corpus__load_subjects(ct_load_ctx *l, ct_topic *t, json_t *subjects)
{
    ct_corpus *c = l->c;
    int rc = 0;
    if (json_is_object(subjects)) {
        /* an alias list keeps its canonical name first, then the aliases in order */
        t->has_subjects = 1;
        size_t n = 0;
        const char *canon;
        json_t *aliases;
        json_object_foreach(subjects, canon, aliases) n += 1 + json_array_size(aliases);
        t->aliases = ct_calloc(n ? n : 1, sizeof *t->aliases);
        if (!t->aliases)
            return CT_ENOMEM;
        ct_namemap *seen = subject_index_of(c, c->n_topics - 1);
        if (!seen || ct_namemap__reserve(seen, n) < 0)
            return CT_ENOMEM;
        json_object_foreach(subjects, canon, aliases)
        {
            const char *cn = ct_corpus__intern_nfc(c, canon);
            if (!cn)
                return CT_ENOMEM;
            for (size_t i = 0; i <= json_array_size(aliases); i++) {
                const char *raw = i ? json_string_value(json_array_get(aliases, i - 1)) : canon;
                if (!raw)
                    continue;
                const char *alias = ct_corpus__intern_nfc(c, raw);
                if (!alias)
                    return CT_ENOMEM;
                ct_vocab_outcome found;
                const char *other = NULL;
                if (ct_vocab__subject_add(&found, &other, t, seen, alias, cn) < 0)
                    return CT_ENOMEM;
                if (found == CT_VOCAB_ADDED || (found == CT_VOCAB_SAME_SUBJECT && i > 0))
                    continue;
                /* two declared names equal once normalised are never merged silently */
                char ptr[300];
                ct_corpus__pointer(ptr, sizeof ptr, "", "subjects", canon, (const char *)NULL);
                if (found == CT_VOCAB_SAME_SUBJECT)
                    rc = ct_corpus__error(l, ptr, 0,
                                          "subject \"%s\" is declared twice (two names "
                                          "equal after Unicode NFC normalization)",
                                          cn);
                else
                    rc = ct_corpus__error(l, ptr, 0, "\"%s\" already names subject \"%s\"", alias,
                                          other);
                if (rc == CT_ENOMEM)
                    return rc;
            }
        }
    }
    return 0;
}

/* `subject` interned in NFC: its canonical name, or NULL. */
const char *ct_corpus__subject_canonical(const ct_corpus *c, const ct_topic *t, const char *subject)
{
    size_t ti = (size_t)(t - c->topics);
    return ti < c->alloc_subject_index
               ? ct_vocab__subject_canonical(&c->subject_index[ti], t, subject)
               : NULL;
}
