/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h — small helpers shared by the Check suites. */
#ifndef CURTAIL_TESTUTIL_H
#define CURTAIL_TESTUTIL_H

#include "curtail.h"

#include <stddef.h>

/* Read a whole file (NUL-terminated); NULL on failure. free() the result. */
char *tu_read_file(const char *path, size_t *len);
/* Write a file; 0 on success. */
int tu_write_file(const char *path, const char *data, size_t len);
/* r written in `format` and `lang` to memory (malloc'd, NUL-terminated); the
 * test fails when the write does. */
char *tu_write_mem(const curtail_result *r, curtail_format format, curtail_lang lang);
/* r written with o to a file in a fresh temporary directory and read back
 * (malloc'd, NUL-terminated; its length in *len when len is not NULL); the
 * file and the directory are removed. The test fails when the write or the
 * read does. */
char *tu_write_read(const curtail_result *r, const curtail_write_options *o, size_t *len);
/* An allocator that fails the `fail_at`-th allocation (1-based; 0 never)
 * and counts live blocks: tu_counting_mem(&c) is a curtail_mem over c. */
typedef struct tu_counting {
    long calls;
    long fail_at;
    long live;
} tu_counting;
curtail_mem tu_counting_mem(tu_counting *c);
/* Run a shell command; capture stdout and stderr (malloc'd, NUL-terminated,
 * either pointer may be NULL to discard). Returns the exit status, or -1. */
int tu_run(const char *cmd, char **out, char **err);
/* A fresh temporary directory (malloc'd path). */
char *tu_tmpdir(void);

/* Load a scenario from YAML text, `name` its file in messages (and warnings);
 * the test fails, with the error line, when it does not load. */
curtail_scenario *tu_load_yaml(const char *yaml, const char *name);

/* The configurations a plan is solved under: GLPK auto and plain, then CLP
 * auto and plain where CLP is built in. */
#define TU_NCONFIGS (curtail_solver_available(CURTAIL_SOLVER_CLP) ? 4 : 2)
/* Solve s under configuration m (< TU_NCONFIGS); the test fails when it does not. */
curtail_result *tu_solve_config(const curtail_scenario *s, int m);

/* Load a scenario file; the test fails when it does not load. */
curtail_scenario *tu_load_file(const char *path);
/* Override path=value; the test fails when the override does not apply. */
void tu_override(curtail_scenario *s, const char *path, const char *value);
/* The override fails with exactly this path and message, and no line. */
void tu_override_fails(curtail_scenario *s, const char *path, const char *value,
                       const char *want_path, const char *want_msg);
/* Check s, then solve its plan with the default options; the test fails when either does. */
curtail_result *tu_check_solve(curtail_scenario *s);

#endif
