/*
 * model.c - sources, topics, properties and claims, from schema-valid JSON.
 *
 * Every model rule (unique ids, known sources, declared properties, values
 * that fit their property, no cycles in `broader`) is checked here and
 * reported with its JSON pointer and line.
 */
#include "claimtrack/common.h"
#include "corpus_int.h"
#include "value/kind.h"
#include "util/nearest.h"
#include "vocab/vocab.h"


#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sources ------------------------------------------------------------ */

/* The declared claimant `name` or alias `name` is: its index, or -1. */
static long claimant_find(const ct_corpus *c, const char *name)
{
    return ct_namemap__get(&c->claimant_index, name);
}

/* Add one name of claimant `self` (its name or an alias), refusing a name
 * another claimant has already; 0, CT_EINVALID (reported) or CT_ENOMEM. */
static int claimant_name_check(ct_load_ctx *l, const char *name, size_t self, const char *ptr)
{
    long other = claimant_find(l->c, name);
    if (other < 0 || (size_t)other == self)
        return 0;
    return ct_corpus__error(l, ptr, 0, "claimant name \"%s\" is already used by claimant \"%s\"",
                            name, l->c->claimants[other].name);
}

static int load_claimants(ct_load_ctx *l, json_t *all)
{
    ct_corpus *c = l->c;
    const char *key;
    json_t *def;
    int rc;
    json_object_foreach(all, key, def)
    {
        char ptr[400];
        if (!json_is_object(def))
            continue; /* the schema has reported it */
        const char *name = ct_corpus__intern_nfc(c, key);
        if (!name)
            return CT_ENOMEM;
        ct_corpus__pointer(ptr, sizeof ptr, "", "claimants", key, (const char *)NULL);
        if ((rc = ct_corpus__grow((void **)&c->claimants, &c->alloc_claimants, c->n_claimants,
                                  sizeof *c->claimants)) < 0)
            return rc;
        size_t self = c->n_claimants;
        if (claimant_find(c, name) >= 0) {
            if ((rc = claimant_name_check(l, name, self, ptr)) == CT_ENOMEM)
                return rc;
            continue;
        }
        ct_claimant *k = &c->claimants[self];
        memset(k, 0, sizeof *k);
        k->name = name;
        c->n_claimants++;
        if (ct_namemap__add(&c->claimant_index, name, self, NULL) < 0)
            return CT_ENOMEM;
        const char *src = json_string_value(json_object_get(def, "source"));
        if (src) {
            if (!ct_corpus_source_find(c, src)) {
                ct_corpus__pointer(ptr, sizeof ptr, "", "claimants", key, "source",
                                   (const char *)NULL);
                if ((rc = ct_corpus__error(l, ptr, 0, "claimant \"%s\" names unknown source \"%s\"",
                                           key, src)) == CT_ENOMEM)
                    return rc;
            } else if (!(k->source = ct_corpus__intern(c, src))) {
                return CT_ENOMEM;
            }
        }
        json_t *aliases = json_object_get(def, "aliases");
        size_t na = json_array_size(aliases);
        if (!na)
            continue;
        if (!(k->aliases = ct_calloc(na, sizeof *k->aliases)))
            return CT_ENOMEM;
        for (size_t i = 0; i < na; i++) {
            const char *alias =
                ct_corpus__intern_nfc(c, json_string_value(json_array_get(aliases, i)));
            if (!alias) {
                if (json_is_string(json_array_get(aliases, i)))
                    return CT_ENOMEM;
                continue;
            }
            char at[24];
            snprintf(at, sizeof at, "%zu", i);
            ct_corpus__pointer(ptr, sizeof ptr, "", "claimants", key, "aliases", at,
                               (const char *)NULL);
            if ((rc = claimant_name_check(l, alias, self, ptr)) == CT_ENOMEM)
                return rc;
            /* a speaker spelt like a source id is not that source: an alias
             * that is one would make a claim's claimant look like its source */
            if (rc == 0 && ct_corpus_source_find(c, alias) &&
                (rc = ct_corpus__error(
                     l, ptr, 0,
                     "alias \"%s\" of claimant \"%s\" is the id of a source; a claimant's "
                     "names must differ from source ids",
                     alias, key)) == CT_ENOMEM)
                return rc;
            if (rc == 0) {
                k->aliases[k->n_aliases++] = alias;
                if (ct_namemap__add(&c->claimant_index, alias, self, NULL) < 0)
                    return CT_ENOMEM;
            }
        }
    }
    return 0;
}

int ct_corpus__load_sources(ct_load_ctx *l, json_t *doc)
{
    ct_corpus *c = l->c;
    ct_schema *schema;
    int rc = ct_corpus__schema(c, 1, &schema);
    if (rc < 0)
        return rc;
    rc = ct_schema_validate(schema, "", doc, l->file, "", l->diags);
    if (rc == CT_EINVALID)
        ct_corpus__note(l, CT_EINVALID);
    else if (rc < 0)
        return rc;
    const char *id;
    json_t *src;
    json_t *all = json_object_get(doc, "sources");
    if (!json_is_object(all))
        return CT_EINVALID;
    json_object_foreach(all, id, src)
    {
        char ptr[300];
        snprintf(ptr, sizeof ptr, "/sources/%s", id);
        /* a malformed source is reported above; keep the well-formed ones so
         * that claims citing them are not reported as well */
        rc = ct_schema_validate(schema, "/$defs/source", src, l->file, ptr, NULL);
        if (rc == CT_EINVALID)
            continue;
        if (rc < 0)
            return rc;
        if (ct_corpus_source_find(c, id)) {
            rc = ct_corpus__error(l, ptr, 0, "source \"%s\" is declared twice", id);
            if (rc == CT_ENOMEM)
                return rc;
            continue;
        }
        const char *published = json_string_value(json_object_get(src, "published"));
        if (published) {
            ct_interval iv;
            char why[160];
            if (ct_date_parse(&iv, published, why, sizeof why) < 0) {
                snprintf(ptr, sizeof ptr, "/sources/%s/published", id);
                if ((rc = ct_corpus__error(l, ptr, 0, "%s", why)) == CT_ENOMEM)
                    return rc;
            }
        }
        if ((rc = ct_corpus__grow((void **)&c->sources, &c->alloc_sources, c->n_sources,
                                  sizeof *c->sources)) < 0)
            return rc;
        ct_source *s = &c->sources[c->n_sources];
        int oom = 0;
        s->id = ct_corpus__intern(c, id);
        s->title = ct_corpus__opt_copy(c, src, "title", 0, &oom);
        s->author = ct_corpus__opt_copy(c, src, "author", 0, &oom);
        s->publisher = ct_corpus__opt_copy(c, src, "publisher", 0, &oom);
        s->published = ct_corpus__opt_copy(c, src, "published", 0, &oom);
        s->url = ct_corpus__opt_copy(c, src, "url", 0, &oom);
        s->archive = ct_corpus__opt_copy(c, src, "archive", 0, &oom);
        s->note = ct_corpus__opt_copy(c, src, "note", 0, &oom);
        s->file = ct_corpus__intern(c, l->file);
        if (oom || !s->id || !s->file ||
            ct_namemap__add(&c->source_index, s->id, c->n_sources, NULL) < 0)
            return CT_ENOMEM;
        c->n_sources++;
    }
    return load_claimants(l, json_object_get(doc, "claimants"));
}

/* ---- topics ------------------------------------------------------------- */

const ct_topic *ct_corpus__topic_find(const ct_corpus *c, const char *id, size_t *index)
{
    long i = ct_namemap__get(&c->topic_index, id);
    if (i < 0)
        return NULL;
    if (index)
        *index = (size_t)i;
    return &c->topics[i];
}

long ct_corpus__property_find(const ct_topic *t, const char *name)
{
    for (size_t i = 0; i < t->n_properties; i++)
        if (strcmp(t->properties[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Term `ti`'s "overlaps", recorded both ways. */
static int load_overlaps(ct_load_ctx *l, ct_property *p, size_t ti, json_t *list,
                         const char *topic_ptr, const char *pname, const char *tname)
{
    size_t i;
    json_t *v;
    int rc;
    json_array_foreach(list, i, v)
    {
        const char *raw = json_string_value(v);
        if (!raw)
            continue;
        const char *name = ct_corpus__intern_nfc(l->c, raw);
        if (!name)
            return CT_ENOMEM;
        long o = ct_value__term_find(p, name);
        if (o < 0 || (size_t)o == ti) {
            char ptr[400];
            char at[24];
            snprintf(at, sizeof at, "%zu", i);
            ct_corpus__pointer(ptr, sizeof ptr, topic_ptr, "properties", pname, "terms", tname,
                               "overlaps", at, (const char *)NULL);
            if ((rc = ct_corpus__error(l, ptr, 0,
                                       o < 0 ? "overlapping term \"%s\" is not declared"
                                             : "term \"%s\" cannot overlap itself",
                                       raw)) == CT_ENOMEM)
                return rc;
            continue;
        }
        if (ct_vocab__link_overlap(p, ti, (size_t)o) < 0)
            return CT_ENOMEM;
    }
    return 0;
}

static int load_property(ct_load_ctx *l, ct_property *p, const char *name, json_t *def,
                         const char *topic_ptr)
{
    ct_corpus *c = l->c;
    char ptr[400];
    int rc;
    p->name = ct_corpus__intern(c, name);
    if (!p->name)
        return CT_ENOMEM;
    if (ct_value_type_from_name(&p->type, json_string_value(json_object_get(def, "type"))) < 0)
        p->type = CT_TYPE_TEXT; /* the schema has reported it */
    int oom = 0;
    p->unit = ct_corpus__opt_copy(c, def, "unit", 1, &oom);
    if (oom)
        return CT_ENOMEM;
    json_t *tol = json_object_get(def, "tolerance");
    ct_decimal_store store = ct_corpus__decimal_store(c);
    p->tolerance_set = ct_jnum__is_number(tol);
    rc = p->tolerance_set ? ct_jnum__decimal(tol, &p->tolerance, &store)
                          : ct_decimal_parse(&p->tolerance, CT_DEFAULT_TOLERANCE_TEXT,
                                             strlen(CT_DEFAULT_TOLERANCE_TEXT), NULL);
    if (rc == CT_ENOMEM)
        return rc;
    p->description = ct_corpus__opt_copy(c, def, "description", 0, &oom);
    if (oom)
        return CT_ENOMEM;
    p->multi = json_is_true(json_object_get(def, "multi"));
    p->cumulative = json_is_true(json_object_get(def, "cumulative"));
    p->varies = p->cumulative || json_is_true(json_object_get(def, "varies"));
    const char *importance = json_string_value(json_object_get(def, "importance"));
    p->importance = !importance                       ? 0
                    : strcmp(importance, "high") == 0 ? 1
                    : strcmp(importance, "low") == 0  ? -1
                                                      : 0;
    p->terms = NULL;
    p->n_terms = 0;
    json_t *terms = json_object_get(def, "terms");
    if (p->type != CT_TYPE_TERM || !json_is_object(terms))
        return 0;
    size_t n = json_object_size(terms);
    p->terms = ct_calloc(n, sizeof *p->terms);
    if (!p->terms)
        return CT_ENOMEM;
    const char *tname;
    json_t *tdef;
    json_object_foreach(terms, tname, tdef)
    {
        ct_term *t = &p->terms[p->n_terms++];
        t->name = ct_corpus__intern_nfc(c, tname);
        t->label = ct_corpus__opt_copy(c, tdef, "label", 0, &oom);
        t->description = ct_corpus__opt_copy(c, tdef, "description", 0, &oom);
        t->broader = -1;
        if (!t->name || oom)
            return CT_ENOMEM;
    }
    if (ct_vocab__index_terms(p) < 0)
        return CT_ENOMEM;
    size_t i = 0;
    json_object_foreach(terms, tname, tdef)
    {
        if ((rc = load_overlaps(l, p, i, json_object_get(tdef, "overlaps"), topic_ptr, name,
                                tname)) == CT_ENOMEM)
            return rc;
        const char *broader = json_string_value(json_object_get(tdef, "broader"));
        if (broader) {
            const char *bn = ct_corpus__intern_nfc(c, broader);
            if (!bn)
                return CT_ENOMEM;
            long b = ct_value__term_find(p, bn);
            if (b < 0) {
                ct_corpus__pointer(ptr, sizeof ptr, topic_ptr, "properties", name, "terms", tname,
                                   "broader", (const char *)NULL);
                if ((rc = ct_corpus__error(l, ptr, 0, "broader term \"%s\" is not declared",
                                           broader)) == CT_ENOMEM)
                    return rc;
            } else {
                p->terms[i].broader = b;
            }
        }
        i++;
    }
    if (!p->n_terms)
        return 0;
    long cyc;
    if (ct_vocab__broader_cycle(&cyc, p) < 0)
        return CT_ENOMEM;
    if (cyc >= 0) {
        ct_corpus__pointer(ptr, sizeof ptr, topic_ptr, "properties", name, "terms",
                           p->terms[cyc].name, "broader", (const char *)NULL);
        if ((rc = ct_corpus__error(l, ptr, 0, "\"broader\" terms form a cycle through \"%s\"",
                                   p->terms[cyc].name)) == CT_ENOMEM)
            return rc;
        for (size_t k = 0; k < p->n_terms; k++)
            p->terms[k].broader = -1; /* keep later walks finite */
    }
    return ct_vocab__number_terms(p);
}

static int load_topic_head(ct_load_ctx *l, json_t *doc, size_t *index)
{
    ct_corpus *c = l->c;
    int rc;
    const char *id = json_string_value(json_object_get(doc, "topic"));
    if (!id)
        return CT_EINVALID;
    const ct_topic *prev = ct_corpus__topic_find(c, id, NULL);
    if (prev) {
        return ct_corpus__error(l, "/topic", 0, "topic \"%s\" is already defined in %s", id,
                                prev->file);
    }
    if ((rc = ct_corpus__grow((void **)&c->topics, &c->alloc_topics, c->n_topics,
                              sizeof *c->topics)) < 0)
        return rc;
    ct_topic *t = &c->topics[c->n_topics];
    memset(t, 0, sizeof *t);
    c->n_topics++;
    int oom = 0;
    t->id = ct_corpus__intern(c, id);
    t->title = ct_corpus__opt_copy(c, doc, "title", 0, &oom);
    if (!t->title && !oom)
        t->title = t->id;
    t->description = ct_corpus__opt_copy(c, doc, "description", 0, &oom);
    t->file = ct_corpus__intern(c, l->file);
    if (oom || !t->id || !t->file ||
        ct_namemap__add(&c->topic_index, t->id, c->n_topics - 1, NULL) < 0)
        return CT_ENOMEM;
    json_t *props = json_object_get(doc, "properties");
    if (json_is_object(props) && json_object_size(props)) {
        t->properties = ct_calloc(json_object_size(props), sizeof *t->properties);
        if (!t->properties)
            return CT_ENOMEM;
        const char *name;
        json_t *def;
        json_object_foreach(props, name, def)
        {
            if (!json_is_object(def))
                continue;
            rc = load_property(l, &t->properties[t->n_properties], name, def, "");
            if (rc != CT_ENOMEM)
                rc = ct_corpus__load_property_cues(c, &t->properties[t->n_properties], def);
            t->n_properties++;
            if (rc == CT_ENOMEM)
                return rc;
        }
    }
    if ((rc = ct_corpus__load_subjects(l, t, json_object_get(doc, "subjects"))) < 0)
        return rc;
    *index = c->n_topics - 1;
    return ct_corpus__load_rules(l, t, json_object_get(doc, "rules"));
}

/* ---- claims ------------------------------------------------------------- */

/* Check the claim's value against its property through the property type's
 * operations (value/kind.c), setting the claim's value fields. */
static int load_value(ct_load_ctx *l, ct_claim *cl, const ct_property *p, json_t *v,
                      const char *ptr, int line)
{
    char why[1024];
    json_t *nfc = NULL;
    if (p->type == CT_TYPE_TERM && json_is_string(v)) {
        const char *name = ct_corpus__intern_nfc(l->c, json_string_value(v));
        if (!name)
            return CT_ENOMEM;
        if (strcmp(name, json_string_value(v)) != 0 && !(v = nfc = json_string(name)))
            return CT_ENOMEM;
    }
    ct_decimal_store store = ct_corpus__decimal_store(l->c);
    int rc = ct_value__kind_of(p->type)->parse(p, v, &store, cl, why, sizeof why);
    json_decref(nfc);
    if (rc == 0 || rc == CT_ENOMEM)
        return rc;
    char vptr[400];
    snprintf(vptr, sizeof vptr, "%s/value", ptr);
    return ct_corpus__error(l, vptr, line, "%s (claim %s)", why, cl->id);
}

/* The members of a claim (already schema-valid): its strings, and its value
 * and as_of as JSON trees.  Read from a jansson object in one pass (a big
 * corpus reads millions: one walk costs less than a hash lookup per name),
 * or from a claim read without a DOM (claimline.c). */
typedef struct {
    const char *id, *topic, *subject, *property, *source, *quote, *claimant, *hedge, *stance,
        *locator, *note;
    json_t *value, *as_of;
} claim_fields;

static void claim_fields_get(json_t *obj, claim_fields *f)
{
    memset(f, 0, sizeof *f);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        const char **text = NULL;
        switch (key[0]) {
        case 'a':
            if (strcmp(key, "as_of") == 0)
                f->as_of = v;
            break;
        case 'c': text = strcmp(key, "claimant") == 0 ? &f->claimant : NULL; break;
        case 'h': text = strcmp(key, "hedge") == 0 ? &f->hedge : NULL; break;
        case 'i': text = strcmp(key, "id") == 0 ? &f->id : NULL; break;
        case 'l': text = strcmp(key, "locator") == 0 ? &f->locator : NULL; break;
        case 'n': text = strcmp(key, "note") == 0 ? &f->note : NULL; break;
        case 'p': text = strcmp(key, "property") == 0 ? &f->property : NULL; break;
        case 'q': text = strcmp(key, "quote") == 0 ? &f->quote : NULL; break;
        case 's':
            text = strcmp(key, "subject") == 0  ? &f->subject
                   : strcmp(key, "source") == 0 ? &f->source
                   : strcmp(key, "stance") == 0 ? &f->stance
                                                : NULL;
            break;
        case 't': text = strcmp(key, "topic") == 0 ? &f->topic : NULL; break;
        case 'v':
            if (strcmp(key, "value") == 0)
                f->value = v;
            break;
        default: break;
        }
        if (text)
            *text = json_string_value(v);
    }
}

/* "; did you mean \"NAME\"?" for the known name nearest to `want` (each of
 * `n` names at `stride` bytes from `first`, a `const char *`), or "". */
static const char *did_you_mean(char *buf, size_t cap, const char *want, const void *first,
                                size_t n, size_t stride)
{
    ct_nearest near;
    ct_nearest__init(&near, want ? want : "");
    for (size_t i = 0; want && i < n; i++)
        ct_nearest__offer(&near, *(const char *const *)((const char *)first + i * stride));
    if (!near.best)
        return "";
    snprintf(buf, cap, "; did you mean \"%s\"?", near.best);
    return buf;
}

/* Check what a claim names: its topic, subject, property and source.  Sets
 * the canonical subject and the property index (-1 when undeclared).
 * Returns 0, CT_EINVALID (reported) or CT_ENOMEM. */
static int check_refs(ct_load_ctx *l, const claim_fields *f, const ct_topic *t, const char *ptr,
                      int line, const char **canonical_out, long *pi_out,
                      const ct_source **source_out)
{
    const char *id = f->id;
    const char *subject = f->subject;
    const char *prop = f->property;
    const char *source = f->source;
    const char *topic = f->topic;
    char fptr[400], hint[200];
    int rc, bad = 0;
    if (topic && strcmp(topic, t->id) != 0) {
        snprintf(fptr, sizeof fptr, "%s/topic", ptr);
        if ((rc = ct_corpus__error(l, fptr, line,
                                   "claim names topic \"%s\" inside topic file \"%s\" (claim %s)",
                                   topic, t->id, id)) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    const char *canonical = ct_corpus__intern_nfc(l->c, subject);
    if (!canonical)
        return CT_ENOMEM;
    if (t->has_subjects && !(canonical = ct_corpus__subject_canonical(l->c, t, canonical))) {
        snprintf(fptr, sizeof fptr, "%s/subject", ptr);
        if ((rc = ct_corpus__error(l, fptr, line,
                                   "unknown subject \"%s\" in topic \"%s\" (claim %s)%s", subject,
                                   t->id, id,
                                   did_you_mean(hint, sizeof hint, subject,
                                                t->n_aliases ? &t->aliases[0].alias : NULL,
                                                t->n_aliases, sizeof *t->aliases))) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    long pi = ct_corpus__property_find(t, prop);
    if (pi < 0) {
        snprintf(fptr, sizeof fptr, "%s/property", ptr);
        if ((rc = ct_corpus__error(
                 l, fptr, line, "property \"%s\" is not declared in topic \"%s\" (claim %s)%s",
                 prop, t->id, id,
                 did_you_mean(hint, sizeof hint, prop,
                              t->n_properties ? &t->properties[0].name : NULL, t->n_properties,
                              sizeof *t->properties))) == CT_ENOMEM)
            return rc;
        bad = 1;
    }
    if (!(*source_out = ct_corpus_source_find(l->c, source))) {
        snprintf(fptr, sizeof fptr, "%s/source", ptr);
        if ((rc = ct_corpus__error(l, fptr, line, "unknown source \"%s\" (claim %s)%s", source, id,
                                   did_you_mean(hint, sizeof hint, source,
                                                l->c->n_sources ? &l->c->sources[0].id : NULL,
                                                l->c->n_sources, sizeof *l->c->sources))) ==
            CT_ENOMEM)
            return rc;
        bad = 1;
    }
    *canonical_out = canonical;
    *pi_out = pi;
    return bad ? CT_EINVALID : 0;
}

/* A claim id loaded before: CT_EINVALID (reported, with where the first
 * is), or CT_ENOMEM; 0 for a new id. */
static int check_duplicate(ct_load_ctx *l, const char *id, const char *ptr, int line)
{
    long prev = ct_corpus__id_find(l->c, id);
    if (prev < 0)
        return 0;
    char fptr[400];
    int rc;
    snprintf(fptr, sizeof fptr, "%s/id", ptr);
    const ct_claim *p = &l->c->claims[prev];
    if ((rc = ct_corpus__error(l, fptr, line, "duplicate claim id \"%s\" (first in %s%s%.0d)", id,
                               p->file, p->line ? ":" : "", p->line)) == CT_ENOMEM)
        return rc;
    return CT_EINVALID;
}

/* as_of: the interval it spans (*iv, everything when absent) and its first
 * day.  Returns 0, CT_EINVALID (reported) or CT_ENOMEM. */
static int load_as_of(ct_load_ctx *l, ct_claim *cl, const json_t *as_of, ct_interval *iv,
                      const char *ptr, int line)
{
    char why[160], fptr[400];
    int rc;
    if (!as_of)
        return 0;
    if (ct_date_value_parse(iv, as_of, why, sizeof why) < 0) {
        snprintf(fptr, sizeof fptr, "%s/as_of", ptr);
        if ((rc = ct_corpus__error(l, fptr, line, "%s (claim %s)", why, cl->id)) == CT_ENOMEM)
            return rc;
        return CT_EINVALID;
    }
    int64_t day;
    if (ct_decimal_to_int(&day, &iv->lo) == 0)
        cl->as_of_day = day;
    return 0;
}

/* The value as compact JSON with sorted keys and exact numbers as their
 * bare literals: in `buf` (most values are short), else in *heap, which the
 * caller frees.  NULL when out of memory. */
static const char *value_text(const json_t *value, char *buf, size_t size, char **heap)
{
    const size_t vflags = JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS;
    size_t vlen = json_dumpb(value, buf, size, vflags);
    *heap = NULL;
    if (vlen == 0 || vlen >= size) {
        if (!(*heap = json_dumps(value, vflags)))
            return NULL;
    } else {
        buf[vlen] = '\0';
    }
    char *text = *heap ? *heap : buf;
    ct_jnum__unmark(text);
    return text;
}

/* Optional string `s` interned or copied into the corpus; NULL when absent
 * (*oom set when out of memory). */
static const char *opt_text(ct_corpus *c, const char *s, int interned, int *oom)
{
    if (!s)
        return NULL;
    const char *r = interned ? ct_corpus__intern(c, s) : ct_corpus__copy(c, s);
    if (!r)
        *oom = 1;
    return r;
}

/* The claim's strings, copied or interned into the corpus (subject and
 * source are interned already), its speaker and its stance. */
static int intern_claim(ct_load_ctx *l, ct_claim *cl, const claim_fields *f, const char *vjson,
                        const char *display, int line)
{
    ct_corpus *c = l->c;
    int oom = 0;
    cl->id = ct_corpus__copy(c, cl->id);
    cl->quote = ct_corpus__copy(c, f->quote);
    cl->claimant = opt_text(c, f->claimant, 1, &oom);
    cl->hedge = opt_text(c, f->hedge, 1, &oom);
    cl->locator = opt_text(c, f->locator, 0, &oom);
    cl->note = opt_text(c, f->note, 0, &oom);
    if (!oom && ct_corpus__resolve_speaker(c, cl) < 0)
        oom = 1;
    const char *stance = f->stance;
    cl->denies = stance && strcmp(stance, "denies") == 0;
    cl->questions = stance && strcmp(stance, "questions") == 0;
    cl->value_json = ct_strtab__intern(&c->strings, vjson, strlen(vjson));
    cl->display = ct_corpus__intern(c, display);
    cl->file = l->file;
    cl->line = line;
    if (oom || !cl->id || !cl->subject || !cl->source || !cl->quote || !cl->value_json ||
        !cl->display || !cl->file)
        return CT_ENOMEM;
    return 0;
}

/* Append the claim and index its id. */
static int add_claim(ct_corpus *c, const ct_claim *cl)
{
    int rc;
    if ((rc = ct_corpus__grow((void **)&c->claims, &c->alloc_claims, c->n_claims,
                              sizeof *c->claims)) < 0)
        return rc;
    c->claims[c->n_claims] = *cl;
    if ((rc = ct_corpus__id_insert(c, c->n_claims)) < 0)
        return rc;
    c->n_claims++;
    return 0;
}

static int load_claim_fields(ct_load_ctx *l, const claim_fields *fields, size_t ti, const char *ptr,
                             int line)
{
    ct_corpus *c = l->c;
    const ct_topic *t = &c->topics[ti];
    claim_fields f = *fields;
    const char *id = f.id;
    int rc, bad = 0;
    if ((rc = check_duplicate(l, id, ptr, line)) < 0)
        return rc;
    const char *canonical;
    long pi;
    const ct_source *src;
    if ((rc = check_refs(l, &f, t, ptr, line, &canonical, &pi, &src)) == CT_ENOMEM)
        return rc;
    bad = rc < 0;
    ct_claim cl;
    memset(&cl, 0, sizeof cl);
    cl.id = id;
    cl.term = -1;
    cl.as_of_day = CT_NO_DAY;
    cl.best = ct_decimal_none();
    ct_interval as_of_iv = {ct_decimal_inf(-1), ct_decimal_inf(1)};
    if ((rc = load_as_of(l, &cl, f.as_of, &as_of_iv, ptr, line)) == CT_ENOMEM)
        return rc;
    bad |= rc < 0;
    if (pi >= 0) {
        rc = load_value(l, &cl, &t->properties[pi], f.value, ptr, line);
        if (rc == CT_ENOMEM)
            return rc;
        bad |= rc < 0;
    }
    if (bad)
        return CT_EINVALID;

    const ct_property *p = &t->properties[pi];
    if ((rc = ct_corpus__set_scope(c, &cl, p, f.as_of, as_of_iv, src)) < 0)
        return rc;
    char display[256], vbuf[256], *vheap;
    ct_value__kind_of(p->type)->describe(p, f.value, &cl, display, sizeof display);
    const char *vjson = value_text(f.value, vbuf, sizeof vbuf, &vheap);
    if (!vjson)
        return CT_ENOMEM;
    cl.topic = (uint32_t)ti;
    cl.property = (uint32_t)pi;
    cl.subject = canonical; /* interned, as are source ids and file names */
    cl.source = src->id;
    rc = intern_claim(l, &cl, &f, vjson, display, line);
    free(vheap);
    return rc < 0 ? rc : add_claim(c, &cl);
}

int ct_corpus__load_claim(ct_load_ctx *l, json_t *obj, size_t ti, const char *ptr, int line)
{
    claim_fields f;
    claim_fields_get(obj, &f);
    return load_claim_fields(l, &f, ti, ptr, line);
}

int ct_corpus__load_claim_text(ct_load_ctx *l, const ct_claim_text *ct, size_t ti, const char *ptr,
                               int line)
{
    claim_fields f = {
        .id = ct->id,
        .topic = ct->topic,
        .subject = ct->subject,
        .property = ct->property,
        .source = ct->source,
        .quote = ct->quote,
        .claimant = ct->claimant,
        .hedge = ct->hedge,
        .stance = ct->stance,
        .locator = ct->locator,
        .note = ct->note,
    };
    int rc = CT_ENOMEM;
    f.value = ct_corpus__claim_value(ct);
    if (ct->as_of)
        f.as_of = ct_corpus__claim_as_of(ct);
    if (f.value && (!ct->as_of || f.as_of))
        rc = load_claim_fields(l, &f, ti, ptr, line);
    json_decref(f.value);
    json_decref(f.as_of);
    return rc;
}

int ct_corpus__load_topic(ct_load_ctx *l, json_t *doc, ct_id_lines *lines, const char *base,
                          const ct_topic_stream *stream)
{
    ct_corpus *c = l->c;
    ct_schema *schema;
    int rc = ct_corpus__schema(c, 0, &schema);
    if (rc < 0)
        return rc;
    rc = ct_schema_validate(schema, "", doc, l->file, base, l->diags);
    if (rc == CT_EINVALID)
        ct_corpus__note(l, CT_EINVALID);
    else if (rc < 0)
        return rc;
    int all_valid = rc == 0;
    if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "topic")))
        return CT_EINVALID;
    size_t ti = 0;
    if ((rc = load_topic_head(l, doc, &ti)) < 0)
        return rc;
    json_t *claims = json_object_get(doc, "claims");
    for (size_t i = 0; i < json_array_size(claims); i++) {
        json_t *claim = json_array_get(claims, i);
        char ptr[96];
        snprintf(ptr, sizeof ptr, "%s/claims/%zu", base, i);
        const char *id = json_string_value(json_object_get(claim, "id"));
        int line = id ? ct_corpus__id_lines_take(lines, id) : 0;
        if (lines->oom)
            return CT_ENOMEM;
        /* the schema has already reported a malformed claim; skip it here
         * (when the whole document is valid, every claim is) */
        rc = all_valid ? 0 : ct_schema_validate(schema, "/$defs/claim", claim, l->file, ptr, NULL);
        if (rc < 0 && rc != CT_EINVALID)
            return rc;
        if (rc == 0 && (rc = ct_corpus__load_claim(l, claim, ti, ptr, line)) == CT_ENOMEM)
            return rc;
        /* loaded: its tree goes now, so a big file's claims replace its
         * tree instead of adding to it */
        if (json_array_set_new(claims, i, json_null()) < 0)
            return CT_ENOMEM;
    }
    return stream ? ct_corpus__topic_stream_claims(l, stream, ti, lines, base) : 0;
}
