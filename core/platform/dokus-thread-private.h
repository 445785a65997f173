/* dokus-thread-private.h
 *
 * One worker thread, started and joined: what core needs of threads (the
 * balance pass reads its two streams on two cores, dokus-balances.c), on
 * POSIX threads or the Windows API; and a once-per-process initialiser
 * (tables built on first use by whichever thread needs them first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>

typedef struct DokusThread DokusThread;

/* Runs @fn (@arg) on a new thread. *@out (transfer full): give it to
 * dokus_thread_join(). Returns false, and starts nothing, when no thread
 * can be made (the caller then runs @fn itself). */
bool dokus_thread_start (DokusThread **out, void (*fn) (void *arg), void *arg);

/* Waits for @t's function to return, and frees @t. */
void dokus_thread_join (DokusThread *t);

/* A once-per-process initialisation: a static DokusOnce, zero-initialised. */
typedef atomic_int DokusOnce;

/* Runs @fn the first time it is called with @once, from whichever thread
 * comes first; a thread that comes while @fn runs waits for it (spins:
 * meant for table builds of microseconds). Every call returns after @fn
 * has returned, with what it wrote visible. */
void dokus_once (DokusOnce *once, void (*fn) (void));
