/* dokus-platform.h
 *
 * The few things that differ between Linux and Windows and that the CLI
 * and tools need: reading a secret from the terminal without echo,
 * asking whether a path exists, making a directory, and today's local
 * date. Everything else
 * (files, locks, random) goes through SQLite's VFS and libsodium, which
 * are portable already.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-error.h"
#include "dokus-types.h"

/* Prints @prompt on the terminal and reads one line into @buf (at most
 * @size - 1 bytes, NUL-terminated, the line end removed) with echo off.
 * Falls back to standard input when there is no terminal. Returns
 * DOKUS_ERR_INVALID if the line does not fit, DOKUS_ERR_IO at end of input.
 * The caller wipes @buf with sodium_memzero() after use. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_platform_read_secret (const char *prompt, char *buf, size_t size,
                                        DokusError *err);

/* true if something exists at @path (file, directory, ...). */
DOKUS_PUBLIC bool dokus_platform_path_exists (const char *path);

/* Removes the file at @path if it exists; true on success or absence. */
DOKUS_PUBLIC bool dokus_platform_remove_file (const char *path);

/* Removes the empty directory @path if it exists (rmdir, _rmdir on
 * Windows); true on success or absence, false for a directory that is not
 * empty or cannot be removed. */
DOKUS_PUBLIC bool dokus_platform_remove_dir (const char *path);

/* Creates the directory @path (its parent must exist), readable only by
 * its owner where the system has such permissions (0700 on POSIX; exports
 * are plain text). false if it cannot be made, or @path already exists. */
DOKUS_PUBLIC bool dokus_platform_make_dir (const char *path);

/* true if @path is a directory with no entries (besides "." and ".."); false
 * for a non-empty directory, a file, nothing, or a directory that cannot be
 * read. */
DOKUS_PUBLIC bool dokus_platform_dir_is_empty (const char *path);

/* Today's date in the local time zone (localtime_r, localtime_s on
 * Windows): *@year (e.g. 2026), *@month (1..12), *@day (1..31), all OUT.
 * false, leaving them untouched, if the clock or the conversion fails.
 * Use dokus_date_today(), which honours DOKUS_TODAY, rather than this. */
DOKUS_PUBLIC bool dokus_platform_local_date (int *year, int *month, int *day);

/* The file name part of @path (after the last separator: '/', and '\\' on
 * Windows). (transfer none): points into @path. */
DOKUS_PUBLIC const char *dokus_platform_base_name (const char *path);

/* @path as the path part of an SQLite "file:" URI: separators as '/', a
 * Windows drive path led by '/' ("/C:/..."); other characters as they
 * are (the caller percent-encodes). Writes at most @size bytes with NUL;
 * false if it does not fit. */
DOKUS_PUBLIC bool dokus_platform_uri_path (const char *path, char *out, size_t size);

/* The current UTC time broken down; false if the clock cannot be read. */
DOKUS_PUBLIC bool dokus_platform_utc_now (int *year, int *month, int *day, int *hour, int *minute,
                                          int *second);

/* The id of this process, to notice a fork (a child must not reuse its
 * parent's buffered randomness). */
DOKUS_PUBLIC long dokus_platform_process_id (void);

/* true when standard output is a terminal (binary output is refused
 * there, e.g. a PDF). */
DOKUS_PUBLIC bool dokus_platform_stdout_is_terminal (void);

/* true when standard error is a terminal (progress lines go there only
 * then). */
DOKUS_PUBLIC bool dokus_platform_stderr_is_terminal (void);

/* Puts standard output in binary mode: no LF -> CR LF translation on
 * Windows; nothing to do elsewhere. false if that fails. */
DOKUS_PUBLIC bool dokus_platform_stdout_binary (void);
