/*
 * cmd_suggest.c - `claimtrack suggest`: draft claims from an article for an
 * editor to accept, against the vocabulary of a corpus.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/suggest.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_TOPICS 64

/* One draft line as text: "START-END topic/property subject = value: quote". */
static int print_text(const char *line, FILE *out)
{
    json_t *d = json_loads(line, 0, NULL);
    if (!d)
        return CT_ENOMEM;
    json_t *c = json_object_get(d, "claim");
    json_t *off = json_object_get(d, "offset");
    char *value = json_dumps(json_object_get(c, "value"), JSON_ENCODE_ANY | JSON_COMPACT);
    const char *known = json_string_value(json_object_get(d, "known"));
    const char *claimant = json_string_value(json_object_get(c, "claimant"));
    const char *hedge = json_string_value(json_object_get(c, "hedge"));
    fprintf(out, "%lld-%lld  %s/%s  %s = %s%s%s%s%s%s%s\n    \"%s\"\n",
            (long long)json_integer_value(json_array_get(off, 0)),
            (long long)json_integer_value(json_array_get(off, 1)),
            json_string_value(json_object_get(c, "topic")),
            json_string_value(json_object_get(c, "property")),
            json_string_value(json_object_get(c, "subject")), value ? value : "?",
            json_object_get(c, "stance") ? " (denied)" : "", hedge ? " (" : "", hedge ? hedge : "",
            hedge ? ")" : "", claimant ? ", says " : "", claimant ? claimant : "",
            json_string_value(json_object_get(c, "quote")));
    if (known)
        fprintf(out, "    known: %s\n", known);
    free(value);
    json_decref(d);
    return 0;
}

int ct_cmd_suggest(int argc, char **argv)
{
    static const struct option longopts[] = {{"source", required_argument, NULL, 's'},
                                             {"topic", required_argument, NULL, 't'},
                                             {"published", required_argument, NULL, 'p'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    const char *topics[MAX_TOPICS];
    ct_suggest_options o = {NULL, topics, 0, NULL};
    const char *format = "jsonl";
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":s:t:p:f:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 's': o.source = optarg; break;
        case 't':
            if (o.n_topics == MAX_TOPICS)
                return ct_cli_usage_error("suggest", "at most %d --topic options", MAX_TOPICS);
            topics[o.n_topics++] = optarg;
            break;
        case 'p': o.published = optarg; break;
        case 'f': format = optarg; break;
        case 'h': return ct_cli_print_help("suggest");
        default: return ct_cli_bad_option("suggest", ch, argv[optind - 1]);
        }
    }
    if (strcmp(format, "jsonl") && strcmp(format, "json") && strcmp(format, "text"))
        return ct_cli_usage_error("suggest", "--format expects jsonl, json or text, got '%s'",
                                  format);
    if (!o.source)
        return ct_cli_usage_error("suggest", "--source ID is required");
    if (optind >= argc)
        return ct_cli_usage_error("suggest", "missing the ARTICLE (a UTF-8 text file, or -)");
    const char *article = argv[optind++];
    int fd = strcmp(article, "-") == 0 ? 0 : open(article, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "claimtrack: %s: cannot open: %s\n", article, strerror(errno));
        return CT_EXIT_USAGE;
    }
    char *text = NULL;
    size_t len = 0;
    int rc = ct_corpus_read_fd(&text, &len, fd, 0);
    int err = errno;
    if (fd != 0)
        close(fd);
    if (rc < 0) {
        fprintf(stderr, "claimtrack: %s: cannot read: %s\n", article,
                rc == CT_ENOMEM ? "out of memory" : strerror(err));
        return CT_EXIT_USAGE;
    }
    ct_corpus *corpus;
    int status = ct_cli_load(&corpus, argv + optind, argc - optind, NULL, 1);
    if (status) {
        ct_free(text);
        return status;
    }
    char *drafts = NULL, why[300];
    size_t count = 0;
    rc = ct_suggest(&drafts, &count, corpus, text, len, &o, why, sizeof why);
    if (rc == CT_EINVALID && strncmp(why, "byte ", 5) == 0) {
        fprintf(stderr, "claimtrack: %s: %s\n", article, why);
        status = CT_EXIT_USAGE;
    } else if (rc == CT_EINVALID) {
        status = ct_cli_usage_error("suggest", "%s", why);
    } else if (rc < 0) {
        fprintf(stderr, "claimtrack: out of memory\n");
        status = CT_EXIT_USAGE;
    } else if (strcmp(format, "jsonl") == 0) {
        fputs(drafts ? drafts : "", stdout);
    } else if (strcmp(format, "json") == 0) {
        fputs("[", stdout);
        size_t i = 0;
        for (char *p = drafts; p && *p;) {
            char *nl = strchr(p, '\n');
            fprintf(stdout, "%s\n  %.*s", i++ ? "," : "", (int)(nl - p), p);
            p = nl + 1;
        }
        fputs(i ? "\n]\n" : "]\n", stdout);
    } else {
        for (char *p = drafts; p && *p && rc == 0;) {
            char *nl = strchr(p, '\n');
            *nl = 0;
            rc = print_text(p, stdout);
            p = nl + 1;
        }
        printf("%zu draft%s\n", count, count == 1 ? "" : "s");
    }
    if (status == 0 && fflush(stdout) != 0) {
        fprintf(stderr, "claimtrack: cannot write the drafts\n");
        status = CT_EXIT_USAGE;
    }
    ct_free(drafts);
    ct_free(text);
    ct_corpus_free(corpus);
    return status;
}
