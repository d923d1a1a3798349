/* fuzz_jsonl.c - JSONL claim loading against a fixed topic. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus("fuzzed.jsonl", data, size, 1);
    return 0;
}
