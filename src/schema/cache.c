/*
 * cache.c - compiled schemas shared by corpora loaded one after
 * another (ct_schema_cache, see claimtrack/schema.h).
 */
#include "schema/cache.h"

#include <libxml/xmlschemas.h>

#include "claimtrack/common.h"

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
