#ifndef CWRITEBACK_H
#define CWRITEBACK_H

/// Starts writeback of every dirty page of `fd` without waiting for it (Linux
/// sync_file_range with SYNC_FILE_RANGE_WRITE); returns 0, or -1 with errno set.
int tiergate_start_writeback(int fd);

/// Switches O_DIRECT (writes past the page cache) on or off for `fd`; returns 0, or -1 with
/// errno set (EINVAL where the file system does not support it).
int tiergate_set_direct(int fd, int on);

/// Allocates `length` bytes of `fd` at `offset` as unwritten extents (reading as zeroes; the
/// size stays as it is); returns 0, or -1 with errno set (EOPNOTSUPP where the file system
/// cannot, ENOSPC without room).
int tiergate_preallocate(int fd, long long offset, long long length);

/// Frees `length` bytes of `fd` at `offset` (a hole, reading as zeroes; the size stays as it
/// is); returns 0, or -1 with errno set.
int tiergate_punch_hole(int fd, long long offset, long long length);

#endif
