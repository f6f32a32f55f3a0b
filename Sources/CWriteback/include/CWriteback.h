#ifndef CWRITEBACK_H
#define CWRITEBACK_H

/// Starts writeback of every dirty page of `fd` without waiting for it (Linux
/// sync_file_range with SYNC_FILE_RANGE_WRITE); returns 0, or -1 with errno set.
int tiergate_start_writeback(int fd);

#endif
