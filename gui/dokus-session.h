/* dokus-session.h
 *
 * An open book for the application: the DokusBook handle, the lock that
 * serializes every use of it (a handle is used by one thread at a time,
 * dokus-book.h), and the worker that opens, creates and recovers books
 * and runs long work off the main loop. Views call libdokus on the main
 * thread between dokus_session_lock() and dokus_session_unlock() for the
 * quick reads and writes (a few milliseconds even on a 100 000-invoice
 * book); long work goes through dokus_session_run_async(), which takes
 * the same lock on a worker thread.
 *
 * Signal "changed": emitted (on the main thread) by
 * dokus_session_notify_changed() after a view changed the ledger, so
 * that other views reload.
 *
 * Signal "busy": emitted (on the main thread) when
 * dokus_session_run_async() starts a long job while none runs, before the
 * job takes the lock: dialogs pause what writes to the book until "idle".
 *
 * Signal "idle": emitted (on the main thread) when the last long job of
 * dokus_session_run_async() ended, after its callback. While one runs
 * (dokus_session_is_busy()) the main thread must not take the lock: it
 * could wait for as long as the job (a sync waits on the network); views
 * keep what they show and read the book again on "idle".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include <dokus/dokus.h>

G_BEGIN_DECLS

#define DOKUS_TYPE_SESSION (dokus_session_get_type ())
G_DECLARE_FINAL_TYPE (DokusSession, dokus_session, DOKUS, SESSION, GObject)

/* Opens the book at @path with @passphrase on a worker thread. The
 * passphrase is copied into locked memory and wiped after use. */
void dokus_session_open_async (const char *path, const char *passphrase,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);
/* (transfer full): the session, or NULL with @error (DOKUS_ERROR, code
 * DOKUS_ERR_BAD_PASSPHRASE for a wrong passphrase). */
DokusSession *dokus_session_open_finish (GAsyncResult *result, GError **error);

/* Creates a new book at @path (DOKUS_KDF=minimum in the environment makes
 * a throw-away book for tests and demos, as for dokus-cli). */
void dokus_session_create_async (const char *path, const char *passphrase,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
/* (transfer full) session; *@recovery_key (transfer full): the recovery
 * key to show once, free with dokus_secret_free(). */
DokusSession *dokus_session_create_finish (GAsyncResult *result, char **recovery_key,
                                           GError **error);

/* Opens with the recovery key and sets @new_passphrase. */
void dokus_session_recover_async (const char *path, const char *recovery_key,
                                  const char *new_passphrase, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
DokusSession *dokus_session_recover_finish (GAsyncResult *result, GError **error);

/* A session around @book, already open (takes it: closed with the
 * session). For benchmarks and tools that open the book themselves. */
DokusSession *dokus_session_new_take (DokusBook *book, const char *path);

/* (transfer none): the book's file. */
const char *dokus_session_get_path (DokusSession *self);

/* Takes the lock and lends the book until dokus_session_unlock(). */
DokusBook *dokus_session_lock (DokusSession *self);
void dokus_session_unlock (DokusSession *self);

/* Work for a worker thread: runs with the book locked; returns its
 * result (transfer full, freed with @result_free if unused) or NULL with
 * @err filled. @cancellable may be checked between steps. */
typedef gpointer (*DokusSessionWork) (DokusBook *book, gpointer data, GCancellable *cancellable,
                                      DokusError *err);

/* Runs @work on a worker thread, holding the book lock: jobs never overlap. */
void dokus_session_run_async (DokusSession *self, DokusSessionWork work, gpointer data,
                              GDestroyNotify data_free, GDestroyNotify result_free,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
/* (transfer full): what @work returned, or NULL with @error. */
gpointer dokus_session_run_finish (DokusSession *self, GAsyncResult *result, GError **error);

/* TRUE from dokus_session_run_async() until its callback ran (main
 * thread). */
gboolean dokus_session_is_busy (DokusSession *self);

/* Emits "changed". */
void dokus_session_notify_changed (DokusSession *self);

/* Closes the book now (later calls to dokus_session_lock() return NULL). */
void dokus_session_close (DokusSession *self);

G_END_DECLS
