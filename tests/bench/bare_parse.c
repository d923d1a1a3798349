/*
 * bare_parse.c - the floor: parse the same files with jansson and nothing
 * else (JSON files whole, JSONL line by line), then free them.
 * Usage: bare_parse PATH...   (files or folders)
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static long parse(const char *path)
{
    size_t n = strlen(path);
    long count = 0;
    if (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) {
        FILE *f = fopen(path, "rb");
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while (f && (len = getline(&line, &cap, f)) >= 0) {
            json_t *v = json_loadb(line, (size_t)len, JSON_DECODE_ANY, NULL);
            count += v != NULL;
            json_decref(v);
        }
        free(line);
        if (f)
            fclose(f);
    } else if (n > 5 && strcmp(path + n - 5, ".json") == 0) {
        json_t *v = json_load_file(path, 0, NULL);
        count += v != NULL;
        json_decref(v);
    }
    return count;
}

int main(int argc, char **argv)
{
    long count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            continue;
        if (!S_ISDIR(st.st_mode)) {
            count += parse(argv[i]);
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            count += parse(path);
        }
        if (d)
            closedir(d);
    }
    printf("%ld documents parsed\n", count);
    return 0;
}
