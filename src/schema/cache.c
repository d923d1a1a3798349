/*
 * cache.c - compiled schemas shared by corpora loaded one after
 * another (ct_schema_cache, see claimtrack/schema.h).
 */
#include "schema/cache.h"

#include <libxml/xmlschemas.h>

#include <string.h>

#include "claimtrack/common.h"
#include "embedded.h"

const char *ct_schema_document(const char *name, size_t *len)
{
    static const struct {
        const char *name;
        const char *text;
        const unsigned long *len;
    } documents[] = {
        {"topic.schema.json", ct_embedded__topic_schema, &ct_embedded__topic_schema_len},
        {"sources.schema.json", ct_embedded__sources_schema, &ct_embedded__sources_schema_len},
        {"reviews.schema.json", ct_embedded__reviews_schema, &ct_embedded__reviews_schema_len},
        {"topic.xsd", ct_embedded__topic_xsd, &ct_embedded__topic_xsd_len},
    };
    if (!name || !len)
        return NULL;
    for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++)
        if (strcmp(documents[i].name, name) == 0) {
            *len = (size_t)*documents[i].len;
            return documents[i].text;
        }
    return NULL;
}

int ct_schema_cache_new(ct_schema_cache **out)
{
    *out = ct_calloc(1, sizeof **out);
    return *out ? 0 : CT_ENOMEM;
}

void ct_schema_cache__dispose(ct_schema_cache *cache)
{
    ct_schema_free(cache->topic);
    ct_schema_free(cache->sources);
    xmlSchemaFree(cache->xsd);
}

void ct_schema_cache_free(ct_schema_cache *cache)
{
    if (!cache)
        return;
    ct_schema_cache__dispose(cache);
    ct_free(cache);
}
