/* dokus-platform.c
 *
 * The one place where Linux and Windows differ for libdokus: terminal echo,
 * path queries, directories and the local date. Files, locks and randomness go through
 * SQLite's VFS and libsodium instead, which already are portable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#if defined(_WIN32)
#include <direct.h>
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#else
#include <dirent.h>
#include <termios.h>
#include <unistd.h>
#endif

#include "dokus/dokus-platform.h"

static bool
set_echo (bool on, void *saved)
{
#if defined(_WIN32)
  HANDLE h = GetStdHandle (STD_INPUT_HANDLE);
  DWORD *mode = saved;
  if (h == INVALID_HANDLE_VALUE || !GetConsoleMode (h, mode))
    return false;
  if (on)
    return SetConsoleMode (h, *mode | ENABLE_ECHO_INPUT);
  return SetConsoleMode (h, *mode & ~(DWORD) ENABLE_ECHO_INPUT);
#else
  struct termios *t = saved;
  struct termios now;
  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, t) != 0)
    return false;
  now = *t;
  if (on)
    now.c_lflag |= ECHO;
  else
    now.c_lflag &= ~(tcflag_t) ECHO;
  return tcsetattr (STDIN_FILENO, TCSAFLUSH, &now) == 0;
#endif
}

DokusStatus
dokus_platform_read_secret (const char *prompt, char *buf, size_t size, DokusError *err)
{
#if defined(_WIN32)
  DWORD saved;
#else
  struct termios saved;
#endif
  bool echo_off;
  size_t len;

  if (size < 2)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "size", "secret buffer too small");
  echo_off = set_echo (false, &saved);
  if (echo_off && prompt)
    {
      fputs (prompt, stderr);
      fflush (stderr);
    }
  if (fgets (buf, (int) size, stdin) == NULL)
    {
      if (echo_off)
        {
          set_echo (true, &saved);
          fputc ('\n', stderr);
        }
      buf[0] = '\0';
      return dokus_error_set (err, DOKUS_ERR_IO, "", "no input where a passphrase was expected");
    }
  if (echo_off)
    {
      set_echo (true, &saved);
      fputc ('\n', stderr);
    }
  len = strlen (buf);
  if (len > 0 && buf[len - 1] != '\n' && !feof (stdin))
    {
      memset (buf, 0, size);
      return dokus_error_set (err, DOKUS_ERR_INVALID, "passphrase",
                              "passphrase longer than %u bytes", (unsigned) (size - 2));
    }
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
    buf[--len] = '\0';
  return DOKUS_OK;
}

bool
dokus_platform_path_exists (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0;
}

bool
dokus_platform_remove_file (const char *path)
{
  if (!dokus_platform_path_exists (path))
    return true;
  return remove (path) == 0;
}

bool
dokus_platform_remove_dir (const char *path)
{
  if (!dokus_platform_path_exists (path))
    return true;
#if defined(_WIN32)
  return _rmdir (path) == 0;
#else
  return rmdir (path) == 0;
#endif
}

bool
dokus_platform_make_dir (const char *path)
{
#if defined(_WIN32)
  return _mkdir (path) == 0;
#else
  return mkdir (path, 0700) == 0;
#endif
}

bool
dokus_platform_dir_is_empty (const char *path)
{
#if defined(_WIN32)
  WIN32_FIND_DATAA found;
  HANDLE h;
  size_t len = strlen (path);
  char *pattern = malloc (len + 3);
  bool empty = true;

  if (pattern == NULL)
    return false;
  memcpy (pattern, path, len);
  memcpy (pattern + len, "\\*", 3);
  h = FindFirstFileA (pattern, &found);
  free (pattern);
  if (h == INVALID_HANDLE_VALUE)
    return false; /* not a directory: a directory always lists "." */
  do
    empty = strcmp (found.cFileName, ".") == 0 || strcmp (found.cFileName, "..") == 0;
  while (empty && FindNextFileA (h, &found));
  FindClose (h);
  return empty;
#else
  DIR *d = opendir (path);
  const struct dirent *e;
  bool empty = true;

  if (d == NULL)
    return false;
  while (empty && (e = readdir (d)) != NULL)
    empty = strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0;
  closedir (d);
  return empty;
#endif
}

bool
dokus_platform_local_date (int *year, int *month, int *day)
{
  time_t now = time (NULL);
  struct tm tm;

  if (now == (time_t) -1)
    return false;
#if defined(_WIN32)
  if (localtime_s (&tm, &now) != 0)
    return false;
#else
  if (localtime_r (&now, &tm) == NULL)
    return false;
#endif
  *year = tm.tm_year + 1900;
  *month = tm.tm_mon + 1;
  *day = tm.tm_mday;
  return true;
}

const char *
dokus_platform_base_name (const char *path)
{
  const char *slash = strrchr (path, '/');
#if defined(_WIN32)
  const char *back = strrchr (path, '\\');
  if (back != NULL && (slash == NULL || back > slash))
    slash = back;
#endif
  return slash ? slash + 1 : path;
}

bool
dokus_platform_uri_path (const char *path, char *out, size_t size)
{
  size_t o = 0;

#if defined(_WIN32)
  if (path[0] != '\0' && path[1] == ':')
    {
      if (size < 2)
        return false;
      out[o++] = '/';
    }
#endif
  for (const char *p = path; *p; p++)
    {
      char c = *p;
#if defined(_WIN32)
      if (c == '\\')
        c = '/';
#endif
      if (o + 1 >= size)
        return false;
      out[o++] = c;
    }
  if (o >= size)
    return false;
  out[o] = '\0';
  return true;
}

bool
dokus_platform_utc_now (int *year, int *month, int *day, int *hour, int *minute, int *second)
{
  time_t now = time (NULL);
  struct tm tm;

#if defined(_WIN32)
  if (gmtime_s (&tm, &now) != 0)
    return false;
#else
  if (gmtime_r (&now, &tm) == NULL)
    return false;
#endif
  *year = tm.tm_year + 1900;
  *month = tm.tm_mon + 1;
  *day = tm.tm_mday;
  *hour = tm.tm_hour;
  *minute = tm.tm_min;
  *second = tm.tm_sec;
  return true;
}

long
dokus_platform_process_id (void)
{
#if defined(_WIN32)
  return (long) GetCurrentProcessId ();
#else
  return (long) getpid ();
#endif
}

bool
dokus_platform_stdout_is_terminal (void)
{
#if defined(_WIN32)
  return _isatty (_fileno (stdout)) != 0;
#else
  return isatty (STDOUT_FILENO) == 1;
#endif
}

bool
dokus_platform_stderr_is_terminal (void)
{
#if defined(_WIN32)
  return _isatty (_fileno (stderr)) != 0;
#else
  return isatty (STDERR_FILENO) == 1;
#endif
}

bool
dokus_platform_stdout_binary (void)
{
#if defined(_WIN32)
  return _setmode (_fileno (stdout), _O_BINARY) != -1;
#else
  return true;
#endif
}
