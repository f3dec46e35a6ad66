/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output_kick.c — start the writeback of a file's pages without waiting
 * (issue 15: the disk works while the rest of an output is formatted, and
 * the final fsync waits for the last piece only). Apart from output.c for
 * _GNU_SOURCE: Linux's sync_file_range, which leaves the pages cached (the
 * output is often read right after); elsewhere POSIX_FADV_DONTNEED, which
 * starts writeback on Linux too but drops the cached pages; else nothing. */
#define _GNU_SOURCE
#include "output.h"

#include <fcntl.h>

void cu_output_kick(int fd, unsigned long long off, unsigned long long len)
{
#if defined(SYNC_FILE_RANGE_WRITE)
    (void)sync_file_range(fd, (off_t)off, (off_t)len, SYNC_FILE_RANGE_WRITE);
#elif defined(POSIX_FADV_DONTNEED)
    (void)posix_fadvise(fd, (off_t)off, (off_t)len, POSIX_FADV_DONTNEED);
#else
    (void)fd;
    (void)off;
    (void)len;
#endif
}
