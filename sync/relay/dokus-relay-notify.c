/* dokus-relay-notify.c
 *
 * The LISTEN thread. Book changes are counted in a small table of
 * generations indexed by a hash of the book id: a collision only makes a
 * pull query once more for nothing. The thread also resumes waiters whose
 * deadline passed, and after reconnecting (PostgreSQL restarted, so
 * notifications may have been lost) resumes all of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-notify.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <microhttpd.h>
#include <sodium.h>

#define GENERATIONS 4096
#define TICK_MS 20
#define MAX_PENDING 1024

typedef struct Waiter {
  struct Waiter *next;
  uint8_t book_id[16];
  int64_t deadline_ms;
  struct MHD_Connection *conn;
} Waiter;

struct DokusRelayNotify {
  pthread_mutex_t lock;
  pthread_t thread;
  bool stop;
  char *url;
  PGconn *pg;
  uint64_t gen[GENERATIONS];
  Waiter *waiters;
  unsigned n_waiting;
  int wake_pipe[2];            /* dokus_relay_notify_changed() -> the thread */
  uint8_t pending[MAX_PENDING][16];
  unsigned n_pending;
};

int64_t
dokus_relay_now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static unsigned
slot_of (const uint8_t book_id[16])
{
  uint32_t h;
  memcpy (&h, book_id, sizeof h); /* ids are random */
  return h % GENERATIONS;
}

static void
drop_notice (void *data, const char *message)
{
  (void) data;
  (void) message;
}

static bool
listen_on (DokusRelayNotify *n)
{
  PGresult *r;
  if (n->pg == NULL)
    {
      n->pg = PQconnectdb (n->url);
      PQsetNoticeProcessor (n->pg, drop_notice, NULL);
    }
  else
    PQreset (n->pg);
  if (PQstatus (n->pg) != CONNECTION_OK)
    return false;
  r = PQexec (n->pg, "LISTEN dokus_book");
  bool ok = PQresultStatus (r) == PGRES_COMMAND_OK;
  PQclear (r);
  return ok;
}

/* Resumes (and frees) the waiters of @book_id, or all when it is NULL;
 * under lock. */
static void
resume_matching (DokusRelayNotify *n, const uint8_t *book_id)
{
  Waiter **p = &n->waiters;
  while (*p)
    {
      Waiter *w = *p;
      if (book_id == NULL || memcmp (w->book_id, book_id, 16) == 0)
        {
          *p = w->next;
          MHD_resume_connection (w->conn);
          free (w);
          n->n_waiting--;
        }
      else
        p = &w->next;
    }
}

/* Sends the queued notifications in one statement: one pg_notify per
 * book (PostgreSQL folds duplicates within a transaction). */
static void
send_pending (DokusRelayNotify *n)
{
  static const char sql[] = "SELECT pg_notify('dokus_book', b) FROM unnest($1::text[]) b";
  char *list;
  unsigned count;
  size_t len = 0;
  PGresult *r;
  const char *params[1];

  pthread_mutex_lock (&n->lock);
  count = n->n_pending;
  if (count == 0)
    {
      pthread_mutex_unlock (&n->lock);
      return;
    }
  list = malloc ((size_t) count * 34 + 3);
  if (list == NULL)
    {
      pthread_mutex_unlock (&n->lock);
      return;
    }
  list[len++] = '{';
  for (unsigned i = 0; i < count; i++)
    {
      if (i)
        list[len++] = ',';
      sodium_bin2hex (list + len, 33, n->pending[i], 16);
      len += 32;
    }
  list[len++] = '}';
  list[len] = '\0';
  n->n_pending = 0;
  pthread_mutex_unlock (&n->lock);
  params[0] = list;
  r = PQexecParams (n->pg, sql, 1, NULL, params, NULL, NULL, 0);
  PQclear (r); /* lost on failure: waiters elsewhere time out and query again */
  free (list);
}

static void *
listen_thread (void *data)
{
  DokusRelayNotify *n = data;
  bool connected = PQstatus (n->pg) == CONNECTION_OK;
  int64_t retry_at = 0;

  for (;;)
    {
      struct pollfd pfd = { .fd = -1, .events = POLLIN };
      PGnotify *note;

      pthread_mutex_lock (&n->lock);
      if (n->stop)
        {
          pthread_mutex_unlock (&n->lock);
          break;
        }
      pthread_mutex_unlock (&n->lock);

      if (!connected && dokus_relay_now_ms () >= retry_at)
        {
          connected = listen_on (n);
          retry_at = dokus_relay_now_ms () + 500;
          if (connected)
            {
              /* Notifications sent while we were away are lost: wake all. */
              pthread_mutex_lock (&n->lock);
              for (unsigned i = 0; i < GENERATIONS; i++)
                n->gen[i]++;
              resume_matching (n, NULL);
              pthread_mutex_unlock (&n->lock);
            }
        }
      {
        struct pollfd fds[2] = { { .fd = n->wake_pipe[0], .events = POLLIN }, pfd };
        char drain[256];
        if (connected)
          fds[1].fd = PQsocket (n->pg);
        poll (fds, fds[1].fd >= 0 ? 2 : 1, TICK_MS);
        while (read (n->wake_pipe[0], drain, sizeof drain) > 0)
          ;
      }
      if (connected)
        send_pending (n);

      if (connected)
        {
          if (!PQconsumeInput (n->pg) || PQstatus (n->pg) != CONNECTION_OK)
            connected = false;
          while (connected && (note = PQnotifies (n->pg)) != NULL)
            {
              uint8_t book[16];
              size_t len = 0;
              if (sodium_hex2bin (book, sizeof book, note->extra, strlen (note->extra), NULL,
                                  &len, NULL)
                    == 0
                  && len == sizeof book)
                {
                  pthread_mutex_lock (&n->lock);
                  n->gen[slot_of (book)]++;
                  resume_matching (n, book);
                  pthread_mutex_unlock (&n->lock);
                }
              PQfreemem (note);
            }
        }
      pthread_mutex_lock (&n->lock);
      {
        /* deadlines */
        int64_t now = dokus_relay_now_ms ();
        Waiter **p = &n->waiters;
        while (*p)
          {
            Waiter *w = *p;
            if (w->deadline_ms <= now)
              {
                *p = w->next;
                MHD_resume_connection (w->conn);
                free (w);
                n->n_waiting--;
              }
            else
              p = &w->next;
          }
      }
      pthread_mutex_unlock (&n->lock);
    }
  return NULL;
}

DokusRelayNotify *
dokus_relay_notify_new (const char *url, char *msg, size_t msg_size)
{
  DokusRelayNotify *n = calloc (1, sizeof *n);
  if (n == NULL || (n->url = strdup (url)) == NULL)
    {
      free (n);
      snprintf (msg, msg_size, "out of memory");
      return NULL;
    }
  pthread_mutex_init (&n->lock, NULL);
  if (pipe (n->wake_pipe) != 0)
    {
      snprintf (msg, msg_size, "cannot make the wake-up pipe");
      free (n->url);
      free (n);
      return NULL;
    }
  fcntl (n->wake_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl (n->wake_pipe[1], F_SETFL, O_NONBLOCK);
  if (!listen_on (n))
    {
      snprintf (msg, msg_size, "LISTEN connection: %s", PQerrorMessage (n->pg));
      PQfinish (n->pg);
      free (n->url);
      free (n);
      return NULL;
    }
  if (pthread_create (&n->thread, NULL, listen_thread, n) != 0)
    {
      snprintf (msg, msg_size, "cannot start the LISTEN thread");
      PQfinish (n->pg);
      free (n->url);
      free (n);
      return NULL;
    }
  return n;
}

void
dokus_relay_notify_wake_all (DokusRelayNotify *n)
{
  pthread_mutex_lock (&n->lock);
  resume_matching (n, NULL);
  pthread_mutex_unlock (&n->lock);
}

void
dokus_relay_notify_free (DokusRelayNotify *n)
{
  if (n == NULL)
    return;
  pthread_mutex_lock (&n->lock);
  n->stop = true;
  resume_matching (n, NULL);
  pthread_mutex_unlock (&n->lock);
  pthread_join (n->thread, NULL);
  PQfinish (n->pg);
  close (n->wake_pipe[0]);
  close (n->wake_pipe[1]);
  pthread_mutex_destroy (&n->lock);
  free (n->url);
  free (n);
}

uint64_t
dokus_relay_notify_generation (DokusRelayNotify *n, const uint8_t book_id[16])
{
  uint64_t g;
  pthread_mutex_lock (&n->lock);
  g = n->gen[slot_of (book_id)];
  pthread_mutex_unlock (&n->lock);
  return g;
}

void
dokus_relay_notify_wait (DokusRelayNotify *n, const uint8_t book_id[16], uint64_t generation,
                         int64_t deadline_ms, struct MHD_Connection *conn)
{
  Waiter *w = calloc (1, sizeof *w);

  pthread_mutex_lock (&n->lock);
  if (w == NULL || n->stop || n->gen[slot_of (book_id)] != generation)
    {
      pthread_mutex_unlock (&n->lock);
      free (w);
      MHD_resume_connection (conn);
      return;
    }
  memcpy (w->book_id, book_id, 16);
  w->deadline_ms = deadline_ms;
  w->conn = conn;
  w->next = n->waiters;
  n->waiters = w;
  n->n_waiting++;
  pthread_mutex_unlock (&n->lock);
}

void
dokus_relay_notify_changed (DokusRelayNotify *n, const uint8_t book_id[16])
{
  bool queued = false;
  pthread_mutex_lock (&n->lock);
  n->gen[slot_of (book_id)]++;
  resume_matching (n, book_id);
  for (unsigned i = 0; i < n->n_pending && !queued; i++)
    queued = memcmp (n->pending[i], book_id, 16) == 0;
  if (!queued && n->n_pending < MAX_PENDING) /* beyond: remote waiters time out and retry */
    memcpy (n->pending[n->n_pending++], book_id, 16);
  pthread_mutex_unlock (&n->lock);
  if (write (n->wake_pipe[1], "", 1) < 0)
    {
      /* full pipe: the thread is awake already */
    }
}

unsigned
dokus_relay_notify_waiting (DokusRelayNotify *n)
{
  unsigned k;
  pthread_mutex_lock (&n->lock);
  k = n->n_waiting;
  pthread_mutex_unlock (&n->lock);
  return k;
}
