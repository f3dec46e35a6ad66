/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor of the loader: a bare libyaml event parse of FILE, read whole
 * into memory first as curtail_scenario_load_file does (every event pulled
 * and deleted, nothing kept), timed with a monotonic clock, the read
 * included. Prints events=N read_s=T parse_s=T per run.
 *
 *   cc -O2 bench/yaml_parse.c $(pkg-config --cflags --libs yaml-0.1) -o yaml_parse
 *   yaml_parse FILE [--runs N]
 */
#define _POSIX_C_SOURCE 200809L
#include <yaml.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int runs = 1, r;
    if (argc < 2) {
        fprintf(stderr, "usage: yaml_parse FILE [--runs N]\n");
        return 1;
    }
    if (argc == 4 && strcmp(argv[2], "--runs") == 0)
        runs = atoi(argv[3]);
    for (r = 0; r < runs; r++) {
        yaml_parser_t p;
        yaml_event_t ev;
        long n = 0;
        int done = 0;
        size_t len = 0, cap = 1 << 20, got;
        unsigned char *buf = malloc(cap);
        double t0 = now(), t1;
        FILE *f = fopen(argv[1], "rb");
        if (!f || !buf) {
            perror(argv[1]);
            return 1;
        }
        while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
            len += got;
            if (len == cap && !(buf = realloc(buf, cap *= 2))) {
                perror("realloc");
                return 1;
            }
        }
        fclose(f);
        t1 = now();
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, buf, len);
        yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
        while (!done) {
            if (!yaml_parser_parse(&p, &ev)) {
                fprintf(stderr, "yaml_parse: %s\n", p.problem ? p.problem : "error");
                return 1;
            }
            done = ev.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&ev);
            n++;
        }
        yaml_parser_delete(&p);
        free(buf);
        printf("events=%ld read_s=%.4f parse_s=%.4f\n", n, t1 - t0, now() - t0);
    }
    return 0;
}
