/* dokus-thread.c
 *
 * dokus-thread-private.h on POSIX threads and on the Windows API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#if defined(_WIN32)
#include <windows.h>
#else
#include <pthread.h>
#endif

#include "dokus-thread-private.h"

struct DokusThread {
#if defined(_WIN32)
  HANDLE handle;
#else
  pthread_t handle;
#endif
  void (*fn) (void *arg);
  void *arg;
};

#if defined(_WIN32)
static DWORD WINAPI
run (LPVOID p)
{
  DokusThread *t = p;
  t->fn (t->arg);
  return 0;
}
#else
static void *
run (void *p)
{
  DokusThread *t = p;
  t->fn (t->arg);
  return NULL;
}
#endif

bool
dokus_thread_start (DokusThread **out, void (*fn) (void *arg), void *arg)
{
  DokusThread *t = calloc (1, sizeof *t);

  *out = NULL;
  if (t == NULL)
    return false;
  t->fn = fn;
  t->arg = arg;
#if defined(_WIN32)
  t->handle = CreateThread (NULL, 0, run, t, 0, NULL);
  if (t->handle == NULL)
#else
  if (pthread_create (&t->handle, NULL, run, t) != 0)
#endif
    {
      free (t);
      return false;
    }
  *out = t;
  return true;
}

void
dokus_thread_join (DokusThread *t)
{
  if (t == NULL)
    return;
#if defined(_WIN32)
  WaitForSingleObject (t->handle, INFINITE);
  CloseHandle (t->handle);
#else
  pthread_join (t->handle, NULL);
#endif
  free (t);
}

/* 0 not run, 1 running, 2 done */
void
dokus_once (DokusOnce *once, void (*fn) (void))
{
  int expected = 0;

  if (atomic_load_explicit (once, memory_order_acquire) == 2)
    return;
  if (atomic_compare_exchange_strong_explicit (once, &expected, 1, memory_order_acquire,
                                               memory_order_acquire))
    {
      fn ();
      atomic_store_explicit (once, 2, memory_order_release);
      return;
    }
  while (atomic_load_explicit (once, memory_order_acquire) != 2)
    ; /* another thread runs @fn */
}
