/* fuzz_topic.c - topic-file loading and validation (JSON). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus("fuzzed.json", data, size, 0);
    return 0;
}
