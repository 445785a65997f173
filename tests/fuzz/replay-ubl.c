/* replay-ubl.c
 *
 * Replays the fuzzing regression corpus (tests/fuzz/corpus: crafted
 * hostile files and every crasher the fuzzer found, once fixed) through
 * the libFuzzer entry point of fuzz-ubl.c, in the normal gcc build, so
 * that CI covers them without clang. A broken contract aborts.
 *
 * usage: replay-ubl DIR...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
replay_file (const char *path)
{
  FILE *f = fopen (path, "rb");
  size_t cap = 1 << 16, len = 0, n;
  unsigned char *buf = malloc (cap);

  if (f == NULL || buf == NULL)
    {
      fprintf (stderr, "replay-ubl: cannot read %s\n", path);
      free (buf);
      if (f)
        fclose (f);
      return 1;
    }
  while ((n = fread (buf + len, 1, cap - len, f)) > 0)
    {
      len += n;
      if (len == cap)
        {
          unsigned char *grown = realloc (buf, cap * 2);
          if (grown == NULL)
            {
              free (buf);
              fclose (f);
              return 1;
            }
          buf = grown;
          cap *= 2;
        }
    }
  fclose (f);
  LLVMFuzzerTestOneInput (buf, len);
  free (buf);
  return 0;
}

int
main (int argc, char **argv)
{
  int files = 0, failures = 0;

  for (int i = 1; i < argc; i++)
    {
      DIR *d = opendir (argv[i]);
      struct dirent *e;
      if (d == NULL)
        {
          fprintf (stderr, "replay-ubl: cannot open %s\n", argv[i]);
          return 1;
        }
      while ((e = readdir (d)) != NULL)
        {
          char path[4096];
          if (e->d_name[0] == '.' || strcmp (e->d_name, "README.md") == 0)
            continue;
          snprintf (path, sizeof path, "%s/%s", argv[i], e->d_name);
          failures += replay_file (path);
          files++;
        }
      closedir (d);
    }
  printf ("replayed %d files, %d unreadable\n", files, failures);
  return files > 0 && failures == 0 ? 0 : 1;
}
