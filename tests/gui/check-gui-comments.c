/* check-gui-comments.c
 *
 * Suite "gui-comments": the "Comments" section of a document's page in
 * the invoice editor. An owner's book shows each comment on the document
 * with its author's role, its text and whether it is open or resolved,
 * and a Resolve button on the open ones; resolving persists in the book
 * (read again after closing and opening it), and is paused while a job
 * holds the book. A document without comments on a book without sync,
 * and a new invoice, show no section. An accountant's replica shows the
 * owner's comments without Resolve and adds its own, which reach the
 * owner as the accountant's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-comments-view.h"
#include "dokus-gui-test-util.h"
#include "dokus-invoice-editor.h"
#include "dokus-session.h"
#include "dokus-test-helpers.h"

#define PROFILE "{\"name\":\"Studio Maes\",\"enterprise_number\":\"0203.201.340\"}"
#define CLIENT                                                                             \
  "{\"name\":\"Atelier Lumiere SRL\",\"vat_number\":\"BE0417497106\",\"address\":"         \
  "{\"city\":\"Brussel\",\"country\":\"BE\"}}"

static char         *dir;
static char         *path;
static DokusSession *session;
static char          issued_id[DOKUS_ID_TEXT], quiet_id[DOKUS_ID_TEXT];

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

/* a profile, a client, invoice 2026-0001 and a draft, in @book */
static void
fill_book (DokusBook *book, char issued[DOKUS_ID_TEXT], char draft[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  DokusIssueResult res;
  char client[DOKUS_ID_TEXT], json[512];

  ok (dokus_profile_set (book, PROFILE, &err), &err, "profile");
  ok (dokus_client_add (book, CLIENT, client, &err), &err, "client");
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-11-02\",\"lines\":[{\"description\":"
            "\"Advies\",\"quantity\":\"2\",\"unit_price\":\"50\",\"vat_rate\":\"21\"}]}",
            client);
  ok (dokus_invoice_create (book, json, issued, &err), &err, "invoice");
  ok (dokus_document_issue (book, issued, &res, &err), &err, "issue");
  ck_assert_str_eq (res.number, "2026-0001");
  ok (dokus_invoice_create (book, json, draft, &err), &err, "draft");
}

/* an owner's book without sync: 2026-0001 has two comments, the older one resolved */
static void
setup (void)
{
  DokusBook *book;
  DokusError err = { 0 };
  char c1[DOKUS_ID_TEXT], c2[DOKUS_ID_TEXT], sql[200];

  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "comments.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  fill_book (book, issued_id, quiet_id);
  ok (dokus_comment_add (book, "2026-0001", "Contract gestuurd?", c1, &err), &err, "first");
  ok (dokus_comment_add (book, "2026-0001", "Btw 21 % klopt? Stuur het contract.", c2, &err),
      &err, "second");
  ok (dokus_comment_resolve (book, c1, &err), &err, "resolve first");
  /* fixed times, to check how they are shown (TZ is Brussels: UTC+1 in November) */
  snprintf (sql, sizeof sql,
            "UPDATE comments SET created_at = CASE id WHEN '%s' THEN '2026-11-23T08:00:00Z'"
            " ELSE '2026-11-24T09:30:00Z' END",
            c1);
  dokus_test_exec (dokus_book_get_db (book), sql);
  session = dokus_session_new_take (book, path);
}

static void
teardown (void)
{
  dokus_session_close (session);
  g_clear_object (&session);
  dokus_gui_test_iterate ();
  free (path);
  dokus_test_tmpdir_free (dir);
}

static GtkWidget *
open_editor (DokusSession *s, const char *id)
{
  GtkWidget *editor = dokus_invoice_editor_new (NULL, s, id);

  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  dokus_gui_test_iterate ();
  return editor;
}

static void
close_editor (GtkWidget *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  dokus_gui_test_iterate ();
}

static DokusCommentsView *
comments_of (GtkWidget *editor)
{
  return DOKUS_COMMENTS_VIEW (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                                    "comments_view"));
}

static const char *
label_of (DokusCommentsView *view, guint index, const char *name)
{
  GtkWidget *label = dokus_comments_view_get_widget (view, index, name);

  ck_assert_msg (label != NULL, "no %s on comment %u", name, index);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* the index of the comment whose text is @text */
static guint
index_of (DokusCommentsView *view, const char *text)
{
  for (guint i = 0; i < dokus_comments_view_get_n_comments (view); i++)
    if (strcmp (label_of (view, i, "text"), text) == 0)
      return i;
  ck_abort_msg ("no comment \"%s\"", text);
  return 0;
}

static void
meta_has (DokusCommentsView *view, guint index, const char *role, const char *state)
{
  const char *meta = label_of (view, index, "meta");

  ck_assert_msg (g_str_has_prefix (meta, role), "comment %u: %s, not by %s", index, meta, role);
  ck_assert_msg (g_str_has_suffix (meta, state), "comment %u: %s, not %s", index, meta, state);
}

/* the number of open comments on @subject in @book */
static int
open_count (DokusBook *book, const char *subject)
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;
  int n;

  ok (dokus_comment_list (book, subject, true, &json, &err), &err, "list");
  o = cJSON_Parse (json);
  free (json);
  ck_assert_ptr_nonnull (o);
  n = cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, "comments"));
  cJSON_Delete (o);
  return n;
}

START_TEST (test_comments_are_shown_with_role_date_and_state)
{
  GtkWidget *editor = open_editor (session, issued_id);
  DokusCommentsView *view = comments_of (editor);

  ck_assert (gtk_widget_get_visible (GTK_WIDGET (view)));
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (view)));
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  /* oldest first: the resolved one, then the open one; with sync off the author is the owner */
  ck_assert_str_eq (label_of (view, 0, "text"), "Contract gestuurd?");
  meta_has (view, 0, "Owner · ", " · Resolved");
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 0, "resolve"));
  ck_assert_str_eq (label_of (view, 1, "text"), "Btw 21 % klopt? Stuur het contract.");
  meta_has (view, 1, "Owner · ", " · Open");
  ck_assert_ptr_nonnull (dokus_comments_view_get_widget (view, 1, "resolve"));
  /* 09:30 UTC is 10:30 in Brussels; day/month/year in the C locale's style */
  ck_assert_str_eq (label_of (view, 1, "meta"), "Owner · 24/11/2026 10:30 · Open");
  /* a book without sync has nobody to tell: no entry */
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 0, "entry"));
  close_editor (editor);
}
END_TEST

START_TEST (test_resolve_persists_in_the_book)
{
  GtkWidget *editor = open_editor (session, issued_id);
  DokusCommentsView *view = comments_of (editor);
  DokusBook *book = NULL;
  DokusError err = { 0 };

  dokus_gui_test_click (dokus_comments_view_get_widget (view, 1, "resolve"));
  dokus_gui_test_iterate ();
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  meta_has (view, 1, "Owner · ", " · Resolved");
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 1, "resolve"));
  ck_assert (!gtk_widget_get_visible (dokus_comments_view_get_widget (view, 0, "message")));
  close_editor (editor);
  /* closed and opened again from the file: still resolved */
  dokus_session_close (session);
  g_clear_object (&session);
  ok (dokus_book_open (path, "pw", &book, &err), &err, "open");
  ck_assert_int_eq (open_count (book, issued_id), 0);
  session = dokus_session_new_take (book, path);
  editor = open_editor (session, issued_id);
  view = comments_of (editor);
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  meta_has (view, 1, "Owner · ", " · Resolved");
  close_editor (editor);
}
END_TEST

START_TEST (test_nothing_is_shown_without_comments)
{
  GtkWidget *editor = open_editor (session, quiet_id);
  DokusCommentsView *view = comments_of (editor);

  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (view)));
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 0);
  close_editor (editor);
  editor = open_editor (session, NULL); /* a new invoice */
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (comments_of (editor))));
  close_editor (editor);
}
END_TEST

START_TEST (test_resolve_is_paused_while_the_book_is_held)
{
  GtkWidget *editor = open_editor (session, issued_id);
  DokusCommentsView *view = comments_of (editor);
  GtkWidget *resolve = dokus_comments_view_get_widget (view, 1, "resolve");
  GtkWidget *quiet;
  gint release = 0;

  dokus_gui_test_hold_book (session, &release);
  dokus_gui_test_iterate ();
  ck_assert (dokus_session_is_busy (session));
  ck_assert (!gtk_widget_is_sensitive (resolve));
  /* the book changed meanwhile: the view keeps what it shows and reads once the job ends */
  dokus_session_notify_changed (session);
  ck_assert (dokus_comments_view_is_pending (view));
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  /* an editor opened meanwhile shows its comments once the job ends */
  quiet = open_editor (session, issued_id);
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (comments_of (quiet)), 0);
  g_atomic_int_set (&release, 1);
  ck_assert (dokus_gui_test_wait_idle (session, 10000));
  dokus_gui_test_iterate ();
  ck_assert (!dokus_comments_view_is_pending (view));
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (comments_of (quiet)), 2);
  resolve = dokus_comments_view_get_widget (view, 1, "resolve"); /* the rows were read again */
  ck_assert (gtk_widget_is_sensitive (resolve));
  ck_assert_int_eq (open_count (dokus_session_lock (session), issued_id), 1);
  dokus_session_unlock (session);
  close_editor (quiet);
  close_editor (editor);
}
END_TEST

/* ---- an accountant's replica ------------------------------------------------------------- */

#define QUESTION "Goederen of een dienst? Rooster 03 of 44."

static DokusBook    *owner;
static DokusSession *accountant;
static char          owner_id[DOKUS_SYNC_ID_TEXT], acc_id[DOKUS_SYNC_ID_TEXT];
static int64_t       server_seq;

/* @from's unacknowledged outbox applied on @to, then acknowledged */
static void
deliver (DokusBook *from, DokusBook *to)
{
  DokusSyncEnvelope *envs = NULL;
  DokusSyncApplyStats stats = { 0 };
  DokusError err = { 0 };
  size_t n = 0;

  ok (dokus_sync_outbox_list (from, 0, &envs, &n, &err), &err, "outbox");
  ok (dokus_sync_apply (to, envs, n, -1, &stats, &err), &err, "apply");
  ck_assert_uint_eq (stats.refused, 0);
  for (size_t k = 0; k < n; k++)
    ok (dokus_sync_outbox_ack (from, envs[k].dev_seq, ++server_seq, &err), &err, "ack");
  dokus_sync_envelopes_free (envs, n);
}

/* the owner's synced book with a comment on 2026-0001, and an accountant joined to it as
 * pairing does, holding everything the owner wrote */
static void
accountant_setup (void)
{
  DokusError err = { 0 };
  char book_id[DOKUS_SYNC_ID_TEXT], c[DOKUS_ID_TEXT], *acc_path;
  unsigned char owner_pk[DOKUS_SYNC_SIGN_PK_BYTES], acc_pk[DOKUS_SYNC_SIGN_PK_BYTES];
  unsigned char *bundle = NULL;
  size_t len = 0;
  DokusBook *acc;

  ck_assert (sodium_init () >= 0);
  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "owner.dokus");
  acc_path = dokus_test_path (dir, "accountant.dokus");
  server_seq = 0;
  owner = dokus_test_book_create (path, "pw", NULL);
  acc = dokus_test_book_create (acc_path, "pw", NULL);
  ok (dokus_sync_enable (owner, NULL, NULL, 0, &err), &err, "enable");
  ok (dokus_sync_get_identity (owner, book_id, owner_id, owner_pk, &err), &err, "identity");
  ok (dokus_sync_lease_set (owner, "invoice/2026", owner_id, 1, &err), &err, "lease");
  fill_book (owner, issued_id, quiet_id);
  ok (dokus_comment_add (owner, "2026-0001", "Contract in bijlage.", c, &err), &err, "comment");
  ok (dokus_sync_device_identity (acc, acc_id, acc_pk, &err), &err, "accountant identity");
  ok (dokus_sync_member_record (owner, acc_id, acc_pk, "accountant", -1, &err), &err, "member");
  ok (dokus_sync_bundle_seal (owner, acc_id, acc_pk, &bundle, &len, &err), &err, "bundle");
  ok (dokus_sync_join (acc, book_id, "accountant", owner_id, owner_pk, bundle, len, &err), &err,
      "join");
  free (bundle);
  deliver (owner, acc);
  ck_assert_str_eq (dokus_sync_role (acc), "accountant");
  accountant = dokus_session_new_take (acc, acc_path);
  free (acc_path);
}

static void
accountant_teardown (void)
{
  dokus_session_close (accountant);
  g_clear_object (&accountant);
  dokus_gui_test_iterate ();
  if (owner)
    dokus_book_close (owner);
  free (path);
  dokus_test_tmpdir_free (dir);
}

START_TEST (test_accountant_adds_a_comment_and_cannot_resolve)
{
  GtkWidget *editor = open_editor (accountant, issued_id);
  DokusCommentsView *view = comments_of (editor);
  GtkWidget *entry, *add;
  DokusSession *owner_session;
  guint mine;

  ck_assert (gtk_widget_get_visible (GTK_WIDGET (view)));
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 1);
  meta_has (view, 0, "Owner · ", " · Open");
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 0, "resolve"));
  entry = dokus_comments_view_get_widget (view, 0, "entry");
  add = dokus_comments_view_get_widget (view, 0, "add");
  ck_assert_ptr_nonnull (entry);
  ck_assert (gtk_widget_get_visible (entry));
  ck_assert (!gtk_widget_is_sensitive (add)); /* nothing typed yet */
  dokus_gui_test_type (entry, QUESTION);
  dokus_gui_test_click (add);
  dokus_gui_test_iterate ();
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "");
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  mine = index_of (view, QUESTION);
  meta_has (view, mine, "Accountant · ", " · Open");
  meta_has (view, 1 - mine, "Owner · ", " · Open");
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 0, "resolve"));
  ck_assert_ptr_null (dokus_comments_view_get_widget (view, 1, "resolve"));
  close_editor (editor);

  /* it reaches the owner as the accountant's, with a Resolve button and an entry (sync on) */
  deliver (dokus_session_lock (accountant), owner);
  dokus_session_unlock (accountant);
  owner_session = dokus_session_new_take (owner, path);
  editor = open_editor (owner_session, issued_id);
  view = comments_of (editor);
  ck_assert_uint_eq (dokus_comments_view_get_n_comments (view), 2);
  mine = index_of (view, QUESTION);
  meta_has (view, mine, "Accountant · ", " · Open");
  ck_assert_ptr_nonnull (dokus_comments_view_get_widget (view, mine, "resolve"));
  ck_assert_ptr_nonnull (dokus_comments_view_get_widget (view, 0, "entry"));
  close_editor (editor);
  ck_assert_int_eq (open_count (dokus_session_lock (owner_session), issued_id), 2);
  dokus_session_unlock (owner_session);
  /* the session took the owner's book: closed with it, not by the teardown */
  dokus_session_close (owner_session);
  g_object_unref (owner_session);
  owner = NULL;
}
END_TEST

static Suite *
comments_suite (void)
{
  Suite *s = suite_create ("gui-comments");
  TCase *owner_tc = tcase_create ("owner");
  TCase *acc_tc = tcase_create ("accountant");

  tcase_add_checked_fixture (owner_tc, setup, teardown);
  tcase_add_test (owner_tc, test_comments_are_shown_with_role_date_and_state);
  tcase_add_test (owner_tc, test_resolve_persists_in_the_book);
  tcase_add_test (owner_tc, test_nothing_is_shown_without_comments);
  tcase_add_test (owner_tc, test_resolve_is_paused_while_the_book_is_held);
  suite_add_tcase (s, owner_tc);
  tcase_add_checked_fixture (acc_tc, accountant_setup, accountant_teardown);
  tcase_add_test (acc_tc, test_accountant_adds_a_comment_and_cannot_resolve);
  suite_add_tcase (s, acc_tc);
  return s;
}

int
main (void)
{
  g_setenv ("TZ", "Europe/Brussels", TRUE);
  return dokus_gui_test_run (comments_suite ());
}
