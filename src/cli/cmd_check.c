/*
 * cmd_check.c - `claimtrack check`: find conflicts and report them.
 */
#include "cli.h"
#include "claimtrack/common.h"
#include "claimtrack/report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The parsed command line. */
typedef struct {
    const char *format, *output, *color, *fail_on, *reviews, *baseline;
    ct_cli_load_options load;
    char **reports; /* FORMAT:FILE of each --report */
    size_t n_reports;
    unsigned report_options; /* CT_REPORT_* */
    struct timespec start;   /* when the run started (JUnit time) */
} check_args;

static int check_run(int argc, char **argv, const check_args *a);

int ct_cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"color", required_argument, NULL, 'c'},
                                             {"archive", required_argument, NULL, 'a'},
                                             {"fail-on", required_argument, NULL, 'F'},
                                             {"reviews", required_argument, NULL, 'r'},
                                             {"report", required_argument, NULL, 'R'},
                                             {"baseline", required_argument, NULL, 'B'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"max-input-size", required_argument, NULL, 'M'},
                                             {"junit-extensions", no_argument, NULL, 'J'},
                                             {"sarif-include-reviewed", no_argument, NULL, 'S'},
                                             {"csv-bom", no_argument, NULL, 'U'},
                                             {"only-blocking", no_argument, NULL, 'O'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0, 0, 0, 0}};
    check_args a = {.format = "text", .color = "auto", .fail_on = "unreviewed"};
    int ch, status = -1;
    clock_gettime(CLOCK_MONOTONIC, &a.start);
    if (!(a.reports = ct_calloc((size_t)argc + 1, sizeof *a.reports))) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    opterr = 0;
    while (status < 0 && (ch = getopt_long(argc, argv, ":f:o:j:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f': a.format = optarg; break;
        case 'o': a.output = optarg; break;
        case 'c': a.color = optarg; break;
        case 'a': a.load.archive = optarg; break;
        case 'F': a.fail_on = optarg; break;
        case 'r': a.reviews = optarg; break;
        case 'R': a.reports[a.n_reports++] = optarg; break;
        case 'B': a.baseline = optarg; break;
        case 'J': a.report_options |= CT_REPORT_JUNIT_EXTENSIONS; break;
        case 'S': a.report_options |= CT_REPORT_SARIF_INCLUDE_REVIEWED; break;
        case 'U': a.report_options |= CT_REPORT_CSV_BOM; break;
        case 'O': a.report_options |= CT_REPORT_ONLY_BLOCKING; break;
        case 'j':
            if ((a.load.jobs = ct_cli_jobs(optarg)) < 0)
                status = ct_cli_usage_error(
                    "check", "--jobs expects a number from 1 to 64, got '%s'", optarg);
            break;
        case 'M':
            if (ct_cli_size(optarg, &a.load.max_input) < 0)
                status = ct_cli_usage_error(
                    "check",
                    "--max-input-size expects a size in bytes like 65536, 10M or 4G, got '%s'",
                    optarg);
            break;
        case 'h': status = ct_cli_print_help("check"); break;
        default: status = ct_cli_bad_option("check", ch, argv[optind - 1]);
        }
    }
    if (status < 0)
        status = check_run(argc, argv, &a);
    ct_free(a.reports);
    return status;
}

/* Split a --report FORMAT:FILE; 0, or -1 when malformed or the format is unknown. */
static int split_report(const char *spec, char *format, size_t n, const char **path)
{
    const char *colon = strchr(spec, ':');
    if (!colon || colon == spec || !colon[1] || (size_t)(colon - spec) >= n)
        return -1;
    memcpy(format, spec, (size_t)(colon - spec));
    format[colon - spec] = '\0';
    *path = colon + 1;
    return ct_report_format_known(format) ? 0 : -1;
}

/* Open and write one report; the output stays open (see write_reports). */
static int write_one(const ct_report *report, const char *format, const char *path,
                     ct_cli_output *out)
{
    int status = ct_cli_output_open(out, path);
    if (status)
        return status;
    /* the text report is for people: no control characters reach them */
    FILE *fp = strcmp(format, "text") == 0 ? ct_cli_term_open(out->fp, report->color) : NULL;
    int rc = ct_report_write(report, format, fp ? fp : out->fp);
    if (ct_cli_term_close(fp, out->fp) < 0 && rc == 0)
        rc = CT_EIO;
    if (rc < 0)
        fprintf(stderr, "claimtrack: cannot write the %s report%s%s: %s\n", format,
                path ? " to " : "", path ? path : "",
                rc == CT_ENOMEM ? "out of memory" : "write error");
    return rc < 0 ? CT_EXIT_USAGE : 0;
}

/* Write every --report and the main report, then put them in place: all
 * renamed over their targets only once all are written (and standard output
 * flushed), or none when any fails. */
static int write_reports(const check_args *a, ct_report *report, int use_color)
{
    size_t n = a->n_reports + 1, opened = 0;
    ct_cli_output *outs = ct_calloc(n, sizeof *outs);
    if (!outs) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    int status = 0;
    for (size_t i = 0; i < a->n_reports && status == 0; i++) {
        char f[32];
        const char *path;
        split_report(a->reports[i], f, sizeof f, &path);
        status = write_one(report, f, path, &outs[i]);
        opened = i + 1;
    }
    if (status == 0) {
        report->color = a->output ? 0 : use_color;
        status = write_one(report, a->format, a->output, &outs[n - 1]);
        opened = n;
    }
    /* standard output first: a failed write there keeps every file as it was */
    for (size_t i = 0; i < opened; i++)
        if (outs[i].fp && !outs[i].is_file) {
            int rc = ct_cli_output_close(&outs[i], status == 0);
            status = status ? status : rc;
        }
    for (size_t i = 0; i < opened; i++)
        if (outs[i].is_file) {
            int rc = ct_cli_output_close(&outs[i], status == 0);
            status = status ? status : rc;
        }
    ct_free(outs);
    return status;
}

/* The values of the options, checked: every --report, --format, --fail-on
 * and --color. */
static int check_values(const check_args *a, ct_fail_on *fail_on, int *use_color)
{
    for (size_t i = 0; i < a->n_reports; i++) {
        char f[32];
        const char *path;
        if (split_report(a->reports[i], f, sizeof f, &path) < 0)
            return ct_cli_usage_error(
                "check", "--report expects FORMAT:FILE with FORMAT one of %s, got '%s'",
                ct_report_formats(), a->reports[i]);
    }
    if (!ct_report_format_known(a->format))
        return ct_cli_usage_error("check", "unknown format '%s' (expected one of: %s)", a->format,
                                  ct_report_formats());
    if (ct_fail_on_from_name(fail_on, a->fail_on) < 0)
        return ct_cli_usage_error(
            "check", "--fail-on expects unreviewed, stale, conflict, new or none, got '%s'",
            a->fail_on);
    *use_color = ct_cli_color(a->color, stdout);
    if (*use_color < 0)
        return ct_cli_usage_error("check", "--color expects auto, always or never, got '%s'",
                                  a->color);
    return 0;
}

/* --baseline: an earlier JSON report of check, into *out (NULL without
 * the option). */
static int load_baseline(const char *path, json_t **out)
{
    *out = NULL;
    if (!path)
        return 0;
    json_error_t err = {0}; /* jansson leaves it unset when an allocation fails */
    json_t *baseline = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (baseline && ct_report_baseline_check(baseline) >= 0) {
        *out = baseline;
        return 0;
    }
    /* jansson reports a failed allocation inside a string as a syntax
     * error: a parse failure with memory short is taken for what it is */
    void *probe = baseline ? NULL : ct_malloc(4096);
    int oom = !baseline && (json_error_code(&err) == json_error_out_of_memory || !probe);
    ct_free(probe);
    json_decref(baseline);
    if (oom) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    return ct_cli_usage_error(
        "check",
        "--baseline expects a JSON report of claimtrack (check --format json), and '%s' %s%s", path,
        baseline ? "is not one" : "cannot be read: ", baseline ? "" : err.text);
}

/* The reviews joined to the conflicts, with a warning for each review of a
 * conflict that is gone. */
static int join_reviews(const ct_conflict_set *set, const char *reviews_path,
                        ct_review_set **reviews)
{
    int status = ct_cli_load_reviews(reviews, reviews_path, set);
    if (status)
        return status;
    json_t *orphans = ct_review_orphans(*reviews, set);
    for (size_t i = 0; orphans && i < json_array_size(orphans); i++)
        fprintf(
            stderr,
            "%s: warning: review of %s: no such conflict any more (claimtrack review --prune drops it)\n",
            reviews_path, json_string_value(json_array_get(orphans, i)));
    json_decref(orphans);
    return 0;
}

/* No report may overwrite an input of the run: the corpus, the reviews,
 * the baseline or the archived articles. */
static int check_outputs(const check_args *a, const ct_corpus *corpus, const char *reviews_path,
                         char **paths, int n_paths)
{
    const char **outputs = ct_calloc(a->n_reports + 1, sizeof *outputs);
    if (!outputs) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    for (size_t i = 0; i < a->n_reports; i++) {
        char f[32];
        split_report(a->reports[i], f, sizeof f, &outputs[i]);
    }
    outputs[a->n_reports] = a->output;
    const char *inputs[] = {reviews_path, a->baseline, a->load.archive};
    int status = ct_cli_outputs_check(outputs, a->n_reports + 1, corpus, inputs, 3, paths, n_paths);
    ct_free(outputs);
    return status;
}

/* Write the reports; the exit status says whether any conflict blocks. */
static int report_all(const check_args *a, ct_report *report, int use_color)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    report->elapsed_ms = (long long)(now.tv_sec - a->start.tv_sec) * 1000 +
                         (now.tv_nsec - a->start.tv_nsec) / 1000000;
    int status = write_reports(a, report, use_color);
    size_t n_blocking = 0;
    if (status)
        return status;
    if (ct_report_count_blocking(&n_blocking, report) < 0) {
        fprintf(stderr, "claimtrack: out of memory\n");
        return CT_EXIT_USAGE;
    }
    return n_blocking ? CT_EXIT_FINDINGS : CT_EXIT_OK;
}

static int check_run(int argc, char **argv, const check_args *a)
{
    ct_fail_on fail_on = CT_FAIL_ON_UNREVIEWED;
    int use_color = 0;
    json_t *baseline = NULL;
    int status = check_values(a, &fail_on, &use_color);
    if (status || (status = load_baseline(a->baseline, &baseline)))
        return status;
    char **paths = argv + optind;
    int n_paths = argc - optind;
    ct_corpus *corpus;
    ct_conflict_set *set;
    if ((status = ct_cli_analyse(&corpus, &set, paths, n_paths, &a->load))) {
        json_decref(baseline);
        return status;
    }
    ct_review_set *reviews = NULL;
    char *reviews_path = ct_cli_reviews_path(a->reviews, paths, n_paths);
    if (!reviews_path) {
        fprintf(stderr, "claimtrack: out of memory\n");
        status = CT_EXIT_USAGE;
    }
    if (status == 0 && (status = join_reviews(set, reviews_path, &reviews)) == 0 &&
        (status = check_outputs(a, corpus, reviews_path, paths, n_paths)) == 0) {
        ct_report report = {.corpus = corpus,
                            .conflicts = set,
                            .reviews = reviews,
                            .fail_on = fail_on,
                            .baseline = baseline,
                            .options = a->report_options};
        status = report_all(a, &report, use_color);
    }
    json_decref(baseline);
    ct_free(reviews_path);
    ct_review_set_free(reviews);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    return status;
}
