/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.h — outputs written whole or not at all (output.c): a temporary
 * file renamed over the target, standard output, a device, or a stream.
 * Internal; not installed. */
#ifndef CURTAIL_OUTPUT_H
#define CURTAIL_OUTPUT_H

#include "internal.h"

#include <stdio.h>

/* Write bytes to path atomically (tmp + rename); "-"/NULL = stdout. */
int cu_write_atomic(const char *path, const char *data, size_t len, curtail_error *err);

/* An output in progress (output.c): a temporary file beside the target
 * path (renamed over it by a successful cu_output_finish, removed by any
 * other), or standard output ("-"/NULL), a device written in place, or the
 * caller's stream fp (when not NULL). A cu_buf attached to it streams into
 * it in CU_BUF_FLUSH_AT pieces. */
typedef struct cu_output {
    char *path; /* the target, links resolved; NULL for a stream */
    char *tmp;  /* the temporary file while it exists */
    int fd;     /* the temporary file or device; -1 for a stream */
    FILE *fp;   /* the stream, or NULL */
    int is_stdout;
    curtail_temp_fn on_temp;
    void *on_temp_ctx;
    unsigned long long written, kicked; /* bytes written to the temporary
                                           file; of them, handed to writeback */
} cu_output;
/* Start writing back len bytes of fd from off, waiting for nothing;
 * best effort (output_kick.c). */
void cu_output_kick(int fd, unsigned long long off, unsigned long long len);
int cu_output_open(cu_output *o, const char *path, FILE *fp, curtail_temp_fn on_temp,
                   void *on_temp_ctx, curtail_error *err);
void cu_output_attach(cu_output *o, cu_buf *b);
/* Flush b, then commit (rc CURTAIL_OK and b not failed: sync, rename) or
 * roll back (remove the temporary file). Returns rc, or the error of the
 * write (CURTAIL_EIO, a sink's errno in the message; CURTAIL_ENOMEM when b
 * ran out of memory). */
int cu_output_finish(cu_output *o, cu_buf *b, int rc, curtail_error *err);
/* Close without a buffer: commit when rc is CURTAIL_OK. */
int cu_output_close(cu_output *o, int rc, curtail_error *err);

#endif
