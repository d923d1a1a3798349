/*
 * fuzz.h - shared set-up of the libFuzzer harnesses.
 */
#ifndef CT_FUZZ_H
#define CT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "claimtrack/common.h"
#include "claimtrack/conflict.h"
#include "claimtrack/corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* declared claimants: one linked to source a (an NFC alias), one free */
static const char fuzz_sources[] =
    "{\"sources\": {\"a\": {\"title\": \"A\"}, \"b\": {\"title\": \"B\", \"published\": \"2025-03-10\"}},"
    " \"claimants\": {\"K\": {\"aliases\": [\"Caf\u00e9\", \"k\"], \"source\": \"a\"}, \"L\": {\"aliases\": [\"l\"]}}}";

static const char fuzz_topic[] =
    "{\"topic\": \"t\", \"title\": \"T\", \"subjects\": {\"s\": [\"alias\"]}, \"properties\": {"
    "\"n\": {\"type\": \"quantity\"}, \"d\": {\"type\": \"date\"}, \"b\": {\"type\": \"boolean\"},"
    "\"w\": {\"type\": \"term\", \"terms\": {\"x\": {}, \"y\": {\"broader\": \"x\"}, \"z\": {\"overlaps\": [\"y\"]}}},"
    "\"m\": {\"type\": \"term\", \"multi\": true, \"terms\": {\"p\": {}, \"q\": {}}},"
    "\"v\": {\"type\": \"term\", \"varies\": true, \"terms\": {\"up\": {}, \"down\": {}}},"
    "\"k\": {\"type\": \"quantity\", \"cumulative\": true, \"importance\": \"high\"},"
    "\"l\": {\"type\": \"quantity\", \"importance\": \"low\"},"
    "\"x\": {\"type\": \"text\"}, \"n2\": {\"type\": \"quantity\"}, \"d2\": {\"type\": \"date\"}},"
    " \"rules\": [{\"id\": \"sum\", \"left\": [\"n\", \"n2\"], \"relation\": \">=\", \"right\": [\"n\"]},"
    " {\"id\": \"fixed\", \"left\": [{\"subject\": \"s\", \"property\": \"n\"}], \"relation\": \"=\", \"right\": [\"n2\"]},"
    " {\"id\": \"order\", \"left\": [\"d\"], \"relation\": \"<\", \"right\": [\"d2\"]}], \"claims\": []}";

/* Load `name` from the fuzzer's bytes after the fixed sources (and topic,
 * when `with_topic`), then find conflicts; everything is freed. */
static inline void fuzz_corpus(const char *name, const uint8_t *data, size_t size, int with_topic)
{
    /* schemas compile once per process: the harness measures loading, not compiling */
    static ct_schema_cache *cache;
    if (!cache && ct_schema_cache_new(&cache) < 0)
        return;
    ct_corpus_options opts = CT_CORPUS_OPTIONS_INIT;
    opts.cache = cache;
    ct_corpus *c;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    if (ct_corpus_new(&c) < 0)
        return;
    ct_corpus_load_memory(c, "sources.json", fuzz_sources, sizeof fuzz_sources - 1, &opts, &diags);
    if (with_topic)
        ct_corpus_load_memory(c, "topic.json", fuzz_topic, sizeof fuzz_topic - 1, &opts, &diags);
    ct_corpus_load_memory(c, name, (const char *)data, size, &opts, &diags);
    ct_conflict_set *set;
    if (ct_conflict_find(&set, c) == 0)
        ct_conflict_set_free(set);
    for (size_t i = 0; i < diags.count; i++) {
        char *s = ct_diag_format(&diags.items[i]);
        ct_free(s);
    }
    ct_diag_list_dispose(&diags);
    ct_corpus_free(c);
}

#endif
