/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h — what the files of the curtail command line share with each other
 * (main.c: dispatch and the commands; help.c, ux.c, args.c, sweep.c,
 * explain.c). Of the library the CLI sees curtail.h only. */
#ifndef CURTAIL_CLI_H
#define CURTAIL_CLI_H

#include "curtail.h"

#include <stdio.h>

/* Exit codes (SPEC §8). */
enum {
    CLI_OK = 0,
    CLI_USAGE = 1,
    CLI_INPUT = 2,
    CLI_UNMET = 3,
    CLI_INTERNAL = 4,
    CLI_IO = 5
};

/* ---- help.c ---- */
extern const char usage_line[];
void print_help(void);
int print_command_help(const char *name);

/* ---- ux.c ---- */
void put_escaped(FILE *f, const char *s);
const char *nearest(const char *word, const char *const *cands, size_t n);
#define NEAREST(word, list) nearest((word), (list), sizeof(list) / sizeof((list)[0]))
void note_did_you_mean(const curtail_error *err);
void set_warning_options(int q, long max);
void set_warning_lang(curtail_lang lang);
char *scenario_warning_line(const curtail_scenario *s, size_t i);
void print_scenario_warnings(const curtail_scenario *s);
void print_result_warnings(const curtail_result *r, const curtail_scenario *s);

typedef struct progress {
    const char *what;
    double start, last;
    int shown;
} progress;

int progress_wanted(void);
void progress_start(progress *p, const char *what);
int progress_tick(void *ctx);
void progress_clear(progress *p);

int usage_error_hint(const char *fmt, const char *arg, const char *hint);
int usage_error(const char *fmt, const char *arg);
int cli_exit_code(int rc);
/* Flush standard output: CLI_OK, or CLI_IO after saying it cannot be written. */
int cli_flush_stdout(void);
int report_error(int rc, const curtail_error *err);

/* ---- args.c ---- */
typedef struct args {
    const char *file;
    const char *output;
    const char *format;
    const char *lang;
    const char *level;
    const char *solver;
    const char *time_limit;
    const char *max_warnings;
    int bom;
    int help;
    int quiet;
    int public_version;     /* --public */
    const char *enterprise; /* --enterprise ID (explain) */
    /* sweep: --set (in order; the array is freed by args_free), --curve, -j,
     * --shard, --no-variants, --cold */
    const char **sets;
    size_t nsets;
    const char *curve, *jobs, *shard;
    int no_variants, cold;
} args;

/* Option names a command takes; values given as "--opt V" or "--opt=V". */
typedef struct option_set {
    int output, format, lang, level, bom;
    int solver, time_limit; /* --solver, --time-limit */
    int warnings;           /* -q, --max-warnings (commands that load a scenario) */
    int public_version;     /* --public (plan) */
    int enterprise;         /* --enterprise ID (explain) */
    int sweep;              /* --set, --curve, -j, --shard, --no-variants, --cold */
} option_set;

/* Returns -1 when the command goes on (then args_free(a) when done), else
 * an exit code (nothing to free). */
int command_args(int argc, char **argv, option_set allowed, const char *name, int needs_file,
                 args *a);
void args_free(args *a);
/* A whole number from 0 to max ("--max-warnings", "-j", "--shard" parts):
 * 0 when fine, else -1. */
int parse_count(const char *s, long max, long *out);
/* One --format value: its name, the extension(s) of -o that choose it, and
 * the library's value for it. */
typedef struct format_name {
    const char *name, *ext, *ext2;
    int value;
} format_name;
int parse_format_arg(const args *a, const format_name *t, size_t n, const char *what,
                     const char *suffix, int *out);
int parse_plan_format(const args *a, curtail_format *out);
int parse_solve_options(const args *a, int check_available, curtail_plan_options *po);
int parse_lp_format(const args *a, curtail_lp_format *out);
/* --lang and --level (when given) into *out: -1 when fine, else an exit code.
 * --lang (or *out's default) is also the language of the warnings on stderr. */
int parse_lang_arg(const args *a, curtail_lang *out);
int parse_level_arg(const args *a, int *out);

/* ---- main.c, for explain.c and sweep.c ---- */
/* Load and check FILE, warnings printed: -1 when loaded, else an exit code. */
int cli_load(const char *file, curtail_scenario **s);
/* The on_temp hook that lets a signal remove a half-written output. */
void cli_remember_temp(const char *path, void *ctx);
/* Solve (a schedule when `schedule`) with a progress line on a terminal,
 * then print the solve's warnings: -1 when solved, else an exit code. */
int cli_solve(const curtail_scenario *s, curtail_plan_options po, int schedule,
              curtail_result **r);
/* After the result is written: the MIP note, the targets not met (per
 * segment when `segments`), and the exit code (CLI_OK or CLI_UNMET). */
int cli_result_exit(const curtail_result *r, int segments);

/* ---- explain.c ---- */
int curtail_cli_explain(int argc, char **argv);

/* ---- sweep.c ---- */
int curtail_cli_sweep(int argc, char **argv);

#endif
