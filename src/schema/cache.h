/*
 * schema_cache.h - the compiled schemas behind ct_schema_cache (declared in
 * claimtrack/schema.h), shared with the corpus loader (internal).
 */
#ifndef CT_SCHEMA_CACHE_H
#define CT_SCHEMA_CACHE_H

#include "claimtrack/schema.h"

/* Each member is NULL until the loader first needs it and compiles it. */
struct ct_schema_cache {
    ct_schema *topic;   /* schema/topic.schema.json */
    ct_schema *sources; /* schema/sources.schema.json */
    void *xsd;          /* schema/topic.xsd, an xmlSchemaPtr (see xml_claims.h) */
};

/* Free the members of a cache embedded in another struct (not the cache). */
void ct_schema_cache__dispose(ct_schema_cache *cache);

#endif
