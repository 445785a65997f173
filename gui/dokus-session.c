/* dokus-session.c
 *
 * The open book, its lock and its worker. Opening runs Argon2id (half a
 * second by default), so open, create and recover run in GTask threads;
 * other long work runs in GTask threads too, each holding the book's lock
 * for its whole run, so two jobs (or a job and the main thread) never use
 * the handle at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-gui-error.h"
#include "dokus-session.h"

struct _DokusSession {
  GObject    parent_instance;
  GMutex     lock;
  DokusBook *book;
  char      *path;
  guint      busy; /* long jobs started and not finished (main thread only) */
};

G_DEFINE_FINAL_TYPE (DokusSession, dokus_session, G_TYPE_OBJECT)

enum { CHANGED, BUSY, IDLE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
dokus_session_finalize (GObject *object)
{
  DokusSession *self = DOKUS_SESSION (object);

  dokus_session_close (self);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (dokus_session_parent_class)->finalize (object);
}

static void
dokus_session_class_init (DokusSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dokus_session_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BUSY] = g_signal_new ("busy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
}

static void
dokus_session_init (DokusSession *self)
{
  g_mutex_init (&self->lock);
}

static DokusSession *
session_new_take (DokusBook *book, const char *path)
{
  DokusSession *self = g_object_new (DOKUS_TYPE_SESSION, NULL);

  self->book = book;
  self->path = g_strdup (path);
  return self;
}

DokusSession *
dokus_session_new_take (DokusBook *book, const char *path)
{
  g_return_val_if_fail (book != NULL && path != NULL, NULL);
  return session_new_take (book, path);
}

/* ---- open, create, recover --------------------------------------------------------------- */

typedef enum { OPEN, CREATE, RECOVER } OpenKind;

typedef struct {
  OpenKind kind;
  char    *path;
  char    *secret;     /* sodium_malloc: passphrase, or recovery key */
  char    *new_secret; /* sodium_malloc: the new passphrase of RECOVER */
  char    *recovery;   /* CREATE: the new recovery key (dokus_secret_free) */
} OpenJob;

static char *
secret_dup (const char *s)
{
  size_t n = strlen (s ? s : "") + 1;
  char *copy = sodium_malloc (n);

  if (copy != NULL)
    memcpy (copy, s ? s : "", n);
  return copy;
}

static void
secret_free (char *s)
{
  if (s != NULL)
    sodium_free (s); /* sodium_free wipes before freeing */
}

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  secret_free (job->secret);
  secret_free (job->new_secret);
  dokus_secret_free (job->recovery);
  g_free (job->path);
  g_free (job);
}

static void
open_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  OpenJob *job = data;
  DokusError err = { 0 };
  DokusBook *book = NULL;
  DokusStatus st = DOKUS_ERR_NOMEM;
  GError *error = NULL;

  (void) source;
  (void) cancellable;
  if (job->secret == NULL || (job->kind == RECOVER && job->new_secret == NULL))
    dokus_error_set (&err, DOKUS_ERR_NOMEM, "", "out of memory");
  else if (job->kind == OPEN)
    st = dokus_book_open (job->path, job->secret, &book, &err);
  else if (job->kind == CREATE)
    {
      DokusBookOptions opts = { 0 };
      const char *kdf = g_getenv ("DOKUS_KDF");
      /* DOKUS_KDF=minimum: throw-away books for tests and demos, as in dokus-cli */
      if (kdf != NULL && strcmp (kdf, "minimum") == 0)
        opts.kdf_cost = DOKUS_KDF_MINIMUM;
      st = dokus_book_create (job->path, job->secret, &opts, &job->recovery, &book, &err);
    }
  else
    st = dokus_book_recover (job->path, job->secret, job->new_secret, &book, &err);
  if (st != DOKUS_OK)
    {
      dokus_gui_error_propagate (&error, &err);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, session_new_take (book, job->path), g_object_unref);
}

static void
start_open (OpenKind kind, const char *path, const char *secret, const char *new_secret,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenJob *job = g_new0 (OpenJob, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->secret = secret_dup (secret);
  job->new_secret = new_secret ? secret_dup (new_secret) : NULL;
  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, job, open_job_free);
  g_task_run_in_thread (task, open_thread);
}

void
dokus_session_open_async (const char *path, const char *passphrase, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  start_open (OPEN, path, passphrase, NULL, cancellable, callback, user_data);
}

DokusSession *
dokus_session_open_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dokus_session_create_async (const char *path, const char *passphrase,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  start_open (CREATE, path, passphrase, NULL, cancellable, callback, user_data);
}

DokusSession *
dokus_session_create_finish (GAsyncResult *result, char **recovery_key, GError **error)
{
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  DokusSession *session = g_task_propagate_pointer (G_TASK (result), error);

  if (recovery_key != NULL)
    {
      *recovery_key = session ? job->recovery : NULL;
      if (session)
        job->recovery = NULL;
    }
  return session;
}

void
dokus_session_recover_async (const char *path, const char *recovery_key,
                             const char *new_passphrase, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  start_open (RECOVER, path, recovery_key, new_passphrase, cancellable, callback, user_data);
}

DokusSession *
dokus_session_recover_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- use ------------------------------------------------------------------------------------ */

const char *
dokus_session_get_path (DokusSession *self)
{
  g_return_val_if_fail (DOKUS_IS_SESSION (self), NULL);
  return self->path;
}

DokusBook *
dokus_session_lock (DokusSession *self)
{
  g_return_val_if_fail (DOKUS_IS_SESSION (self), NULL);
  g_mutex_lock (&self->lock);
  return self->book;
}

void
dokus_session_unlock (DokusSession *self)
{
  g_mutex_unlock (&self->lock);
}

void
dokus_session_close (DokusSession *self)
{
  g_mutex_lock (&self->lock);
  dokus_book_close (self->book);
  self->book = NULL;
  g_mutex_unlock (&self->lock);
}

void
dokus_session_notify_changed (DokusSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
dokus_session_is_busy (DokusSession *self)
{
  g_return_val_if_fail (DOKUS_IS_SESSION (self), FALSE);
  return self->busy > 0;
}

typedef struct {
  DokusSessionWork    work;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
  GAsyncReadyCallback callback;
  gpointer            user_data;
} RunJob;

static void
run_job_free (gpointer p)
{
  RunJob *job = p;

  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static void
run_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DokusSession *self = source;
  RunJob *job = data;
  DokusError err = { 0 };
  GError *error = NULL;
  gpointer result = NULL;
  DokusBook *book = dokus_session_lock (self);

  if (book == NULL)
    dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  else if (!g_cancellable_is_cancelled (cancellable))
    result = job->work (book, job->data, cancellable, &err);
  dokus_session_unlock (self);
  if (g_task_return_error_if_cancelled (task))
    {
      if (result && job->result_free)
        job->result_free (result);
      return;
    }
  if (result == NULL)
    {
      if (err.code == DOKUS_OK)
        dokus_error_set (&err, DOKUS_ERR_INTERNAL, "", "the work returned nothing");
      dokus_gui_error_propagate (&error, &err);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, job->result_free);
}

/* On the main thread: the job no longer holds the lock, so its caller's
 * callback (and the views that reload from it) may take it; "idle" lets
 * the views that waited read the book once the last job ended. */
static void
run_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  DokusSession *self = DOKUS_SESSION (source);
  RunJob *job = g_task_get_task_data (G_TASK (result));

  (void) data;
  self->busy--;
  if (job->callback)
    job->callback (source, result, job->user_data);
  if (self->busy == 0)
    g_signal_emit (self, signals[IDLE], 0);
}

void
dokus_session_run_async (DokusSession *self, DokusSessionWork work, gpointer data,
                         GDestroyNotify data_free, GDestroyNotify result_free,
                         GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, run_done_cb, NULL);
  RunJob *job = g_new0 (RunJob, 1);

  job->work = work;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->callback = callback;
  job->user_data = user_data;
  if (self->busy++ == 0)
    g_signal_emit (self, signals[BUSY], 0);
  g_task_set_task_data (task, job, run_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gpointer
dokus_session_run_finish (DokusSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
