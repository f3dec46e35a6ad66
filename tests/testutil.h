/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h — small helpers shared by the Check suites. */
#ifndef CURTAIL_TESTUTIL_H
#define CURTAIL_TESTUTIL_H

#include <stddef.h>

/* Read a whole file (NUL-terminated); NULL on failure. free() the result. */
char *tu_read_file(const char *path, size_t *len);
/* Write a file; 0 on success. */
int tu_write_file(const char *path, const char *data, size_t len);
/* Run a shell command; capture stdout and stderr (malloc'd, NUL-terminated,
 * either pointer may be NULL to discard). Returns the exit status, or -1. */
int tu_run(const char *cmd, char **out, char **err);
/* A fresh temporary directory (malloc'd path). */
char *tu_tmpdir(void);

#endif
