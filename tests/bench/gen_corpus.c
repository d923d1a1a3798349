/*
 * gen_corpus.c - write a synthetic corpus for benchmarks, deterministically.
 *
 * Usage: gen_corpus N SEED OUT_DIR [SHAPE]
 * Writes OUT_DIR/sources.json, OUT_DIR/topic-K.json (16 topics, each with a
 * property of every type) and OUT_DIR/claims.jsonl with N claims over many
 * subjects.  About one group in twenty gets a contradicting claim.  SHAPE:
 *   --one-group   every claim speaks about the same subject and property;
 *   --one-file    the claims go into topic-0.json's "claims" array instead
 *                 of claims.jsonl (the same claims, one big topic file);
 *   --subjects    every topic declares its subjects (N / 5 in all), each with
 *                 an alias, and claims name them half the time by alias;
 *   --vocab       the "who" properties hold N / 5 terms in all (each topic
 *                 its share, as --subjects shares subjects), in broader chains
 *                 1,000 deep, and claims pick terms anywhere in their topic's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOPICS 16
#define SOURCES 50

static unsigned long long state;

static unsigned next(void)
{
    /* xorshift64*: small, fast, deterministic for a seed */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (unsigned)((state * 2685821657736338717ULL) >> 32);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen_corpus N SEED OUT_DIR [--one-group]\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    const char *dir = argv[3];
    const char *shape = argc > 4 ? argv[4] : "";
    int one_group = strcmp(shape, "--one-group") == 0;
    int one_file = strcmp(shape, "--one-file") == 0;
    int declared = strcmp(shape, "--subjects") == 0;
    int vocab = strcmp(shape, "--vocab") == 0;
    long n_terms = vocab ? n / 5 / TOPICS + 1 : 0; /* per topic */
    char path[4096];
    snprintf(path, sizeof path, "%s/sources.json", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 2;
    }
    fprintf(f, "{\"sources\": {");
    for (int s = 0; s < SOURCES; s++)
        fprintf(f, "%s\"src-%d\": {\"title\": \"Source %d\", \"publisher\": \"Press %d\"}",
                s ? ", " : "", s, s, s % 7);
    fprintf(f, "}}\n");
    fclose(f);
    long subjects = n / 8 + 1;
    if (declared)
        subjects = n / 5 + 1;
    FILE *first = NULL; /* --one-file: topic-0.json, left open for the claims */
    for (int t = 0; t < TOPICS; t++) {
        snprintf(path, sizeof path, "%s/topic-%d.json", dir, t);
        f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 2;
        }
        fprintf(f, "{\"topic\": \"topic-%d\", \"title\": \"Topic %d\", ", t, t);
        if (declared) {
            fprintf(f, "\"subjects\": {");
            int any = 0;
            for (long k = t; k < subjects; k += TOPICS, any = 1)
                fprintf(f, "%s\"subject %ld\": [\"alias %ld\"]", any ? ", " : "", k, k);
            fprintf(f, "}, ");
        }
        fprintf(f, "\"properties\": {"
                   "\"count\": {\"type\": \"quantity\", \"unit\": \"people\"},"
                   "\"when\": {\"type\": \"date\"},");
        if (vocab) {
            fprintf(f, "\"who\": {\"type\": \"term\", \"terms\": {");
            for (long k = 0; k < n_terms; k++) {
                if (k % 1000 == 0)
                    fprintf(f, "%s\"term-%ld\": {}", k ? ", " : "", k);
                else
                    fprintf(f, ", \"term-%ld\": {\"broader\": \"term-%ld\"}", k, k - 1);
            }
            fprintf(f, "}},");
        } else {
            fprintf(
                f,
                "\"who\": {\"type\": \"term\", \"terms\": {\"forces\": {}, \"police\": {\"broader\": \"forces\"},"
                " \"army\": {\"broader\": \"forces\"}, \"militia\": {}}},");
        }
        fprintf(f, "\"happened\": {\"type\": \"boolean\"},"
                   "\"summary\": {\"type\": \"text\"}}, \"claims\": [");
        if (one_file && t == 0) {
            first = f;
            continue;
        }
        fprintf(f, "]}\n");
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/claims.jsonl", dir);
    f = first ? first : fopen(path, "w");
    if (!f) {
        perror(path);
        return 2;
    }
    static const char *const props[] = {"count", "when", "who", "happened", "summary"};
    static const char *const terms[] = {"forces", "police", "army", "police"};
    static const char *const hedges[] = {"reported", "alleged", "believed", "claimed"};
    for (long i = 0; i < n; i++) {
        unsigned r = next();
        long subj = one_group ? 0 : (long)(r % (unsigned)subjects);
        int topic = one_file ? 0 : (int)(subj % TOPICS);
        int prop = one_group ? 0 : (int)((subj / TOPICS) % 5);
        int contradict = next() % 20 == 0;
        int src = (int)(next() % SOURCES);
        char value[96];
        long base = subj % 1000 + 10;
        switch (prop) {
        case 0:
            if (contradict)
                snprintf(value, sizeof value, "%ld", base * 3);
            else if (next() % 3 == 0)
                snprintf(value, sizeof value, "{\"about\": %ld}", base);
            else if (next() % 2)
                snprintf(value, sizeof value, "{\"min\": %ld, \"max\": %ld}", base - 1, base + 1);
            else
                snprintf(value, sizeof value, "%ld", base);
            break;
        case 1:
            if (contradict)
                snprintf(value, sizeof value, "\"2019-%02ld\"", subj % 12 + 1);
            else if (next() % 2)
                snprintf(value, sizeof value, "\"2024-%02ld\"", subj % 12 + 1);
            else
                snprintf(value, sizeof value, "\"2024-%02ld-%02ld\"", subj % 12 + 1, subj % 28 + 1);
            break;
        case 2:
            if (vocab)
                snprintf(value, sizeof value, "\"term-%ld\"", (long)(next() % (unsigned)n_terms));
            else
                snprintf(value, sizeof value, "\"%s\"", contradict ? "militia" : terms[next() % 4]);
            break;
        case 3: snprintf(value, sizeof value, "%s", contradict ? "false" : "true"); break;
        default: snprintf(value, sizeof value, "\"account %u\"", next() % 100);
        }
        const char *hedge = next() % 4 == 0 ? hedges[next() % 4] : NULL;
        char subject[48];
        snprintf(subject, sizeof subject, "%s %ld", declared && next() % 2 ? "alias" : "subject",
                 subj);
        if (first)
            fprintf(f, "%s{", i ? ",\n" : "\n");
        else
            fprintf(f, "{\"topic\": \"topic-%d\", ", topic);
        fprintf(f,
                "\"id\": \"c%ld\", \"subject\": \"%s\", "
                "\"property\": \"%s\", \"value\": %s, \"source\": \"src-%d\", "
                "\"quote\": \"the report says so in paragraph %u of its account\"%s%s%s}%s",
                i, subject, props[prop], value, src, next() % 40, hedge ? ", \"hedge\": \"" : "",
                hedge ? hedge : "", hedge ? "\"" : "", first ? "" : "\n");
    }
    if (first)
        fprintf(f, "]}\n");
    if (fclose(f) != 0) {
        perror(path);
        return 2;
    }
    return 0;
}
