/* dokus-thread-private.h
 *
 * One worker thread, started and joined: what core needs of threads (the
 * balance pass reads its two streams on two cores, dokus-balances.c), on
 * POSIX threads or the Windows API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

typedef struct DokusThread DokusThread;

/* Runs @fn (@arg) on a new thread. *@out (transfer full): give it to
 * dokus_thread_join(). Returns false, and starts nothing, when no thread
 * can be made (the caller then runs @fn itself). */
bool dokus_thread_start (DokusThread **out, void (*fn) (void *arg), void *arg);

/* Waits for @t's function to return, and frees @t. */
void dokus_thread_join (DokusThread *t);
