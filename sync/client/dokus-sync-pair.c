/* dokus-sync-pair.c
 *
 * Pairing through the relay's rendezvous slot (POST|GET|DELETE
 * /v1/pair/{slot}, no token). The owner posts an offer (book, owner key,
 * role); the new device, which derived the same pair_key from the code,
 * opens it and posts its request (device id, Ed25519 key, name); the owner
 * opens that, has it confirmed, makes the device a member and posts the
 * welcome: the keyring bundle sealed to the device's key. Every message
 * is sealed with pair_key (dokus-sync-pair-code.c), so the relay, which
 * does not know the code's secret, can neither read nor forge one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"
#include "dokus-sync-pair-private.h"

#define PAIR_MAX_BAD 5
#define PAIR_POLL_MS 500

struct DokusSyncPairing {
  PairCode code;
  unsigned char key[PAIR_KEY_BYTES];
  char role[16];
  long after; /* the last slot message seen */
  int bad;    /* requests that did not open */
};

void
dokus_sync_pairing_free (DokusSyncPairing *pairing)
{
  sodium_free (pairing); /* guarded memory, wiped on free */
}

static void
sleep_ms (unsigned ms)
{
  struct timespec ts = { (time_t) (ms / 1000), (long) (ms % 1000) * 1000000L };
  nanosleep (&ts, NULL);
}

static DokusStatus
slot_post (DokusSyncClient *c, const char *slot, const unsigned char key[PAIR_KEY_BYTES],
           const cJSON *msg, long *idx, DokusError *err)
{
  cJSON *body = cJSON_CreateObject ();
  SyncReply reply = { 0 };
  char path[64], *sealed = NULL;
  DokusStatus st = dokus_sync_pair_seal (key, msg, &sealed, err);

  if (st == DOKUS_OK)
    {
      cJSON_AddStringToObject (body, "body", sealed);
      snprintf (path, sizeof path, "/v1/pair/%s", slot);
      st = dokus_sync_http (c, NULL, "POST", path, body, NULL, 0, 0, &reply, err);
    }
  if (st == DOKUS_OK && idx != NULL)
    *idx = (long) dokus_sync_wire_int (reply.json, "idx", 0);
  free (sealed);
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  return st;
}

/* the slot's messages after @after: *out (transfer full) the array */
static DokusStatus
slot_get (DokusSyncClient *c, const char *slot, long after, cJSON **out, DokusError *err)
{
  SyncReply reply = { 0 };
  char path[96];
  DokusStatus st;

  *out = NULL;
  snprintf (path, sizeof path, "/v1/pair/%s?after=%ld", slot, after);
  st = dokus_sync_http (c, NULL, "GET", path, NULL, NULL, 0, 0, &reply, err);
  if (st == DOKUS_OK)
    {
      *out = cJSON_DetachItemFromObjectCaseSensitive (reply.json, "messages");
      if (!cJSON_IsArray (*out))
        {
          cJSON_Delete (*out);
          *out = NULL;
          st = dokus_error_set (err, DOKUS_ERR_IO, "relay",
                                "the relay's pairing slot answer has no messages");
        }
    }
  dokus_sync_reply_clear (&reply);
  return st;
}

static void
slot_close (DokusSyncClient *c, const char *slot)
{
  SyncReply reply = { 0 };
  char path[64];

  snprintf (path, sizeof path, "/v1/pair/%s", slot);
  /* best effort: the relay forgets the slot after 10 minutes anyway */
  (void) dokus_sync_http (c, NULL, "DELETE", path, NULL, NULL, 0, 0, &reply, NULL);
  dokus_sync_reply_clear (&reply);
}

static bool
hex_key (const cJSON *o, const char *name, unsigned char out[32])
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, name);
  size_t got = 0;
  return cJSON_IsString (m)
         && sodium_hex2bin (out, 32, m->valuestring, strlen (m->valuestring), NULL, &got, NULL)
              == 0
         && got == 32;
}

static const char *
str_member (const cJSON *o, const char *name)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, name);
  return cJSON_IsString (m) ? m->valuestring : NULL;
}

static bool
is_id (const char *s)
{
  return s != NULL && strlen (s) == 36;
}

DokusStatus
dokus_sync_pair_offer (DokusSyncClient *c, DokusBook *book, const char *role,
                       DokusSyncPairing **out, char code[DOKUS_SYNC_PAIR_CODE_TEXT],
                       DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], pk_hex[65];
  unsigned char pk[32];
  const char *my_role = dokus_sync_role (book);
  DokusSyncPairing *p;
  DokusStatus st;
  cJSON *msg;

  assert (c != NULL && book != NULL && role != NULL && out != NULL && code != NULL);
  *out = NULL;
  if (strcmp (role, "device") != 0 && strcmp (role, "accountant") != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "role",
                            "a paired member is a device or an accountant, not %s", role);
  if (my_role == NULL || strcmp (my_role, "owner") != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                            "only the book's owner device pairs new members");
  st = dokus_sync_get_identity (book, book_id, self, pk, err);
  if (st != DOKUS_OK)
    return st;
  p = sodium_malloc (sizeof *p);
  if (p == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  memset (p, 0, sizeof *p);
  snprintf (p->role, sizeof p->role, "%s", role);
  /* a slot someone else uses now is skipped */
  for (int attempt = 0; st == DOKUS_OK; attempt++)
    {
      cJSON *msgs = NULL;
      dokus_sync_pair_code_new (&p->code);
      st = slot_get (c, p->code.slot, 0, &msgs, err);
      if (st == DOKUS_OK && cJSON_GetArraySize (msgs) == 0)
        {
          cJSON_Delete (msgs);
          break;
        }
      cJSON_Delete (msgs);
      if (st == DOKUS_OK && attempt == 8)
        st = dokus_error_set (err, DOKUS_ERR_IO, "relay", "the relay has no free pairing slot");
    }
  if (st == DOKUS_OK)
    st = dokus_sync_pair_key (&p->code, p->key, err);
  msg = cJSON_CreateObject ();
  sodium_bin2hex (pk_hex, sizeof pk_hex, pk, sizeof pk);
  cJSON_AddStringToObject (msg, "t", "offer");
  cJSON_AddStringToObject (msg, "slot", p->code.slot);
  cJSON_AddStringToObject (msg, "book_id", book_id);
  cJSON_AddStringToObject (msg, "owner_id", self);
  cJSON_AddStringToObject (msg, "owner_pk", pk_hex);
  cJSON_AddStringToObject (msg, "role", role);
  if (st == DOKUS_OK)
    st = slot_post (c, p->code.slot, p->key, msg, &p->after, err);
  cJSON_Delete (msg);
  if (st != DOKUS_OK)
    {
      dokus_sync_pairing_free (p);
      return st;
    }
  dokus_sync_pair_code_format (&p->code, code);
  *out = p;
  return DOKUS_OK;
}

/* Makes the requesting device a member and sends it the keyring. */
static DokusStatus
welcome (DokusSyncClient *c, DokusBook *book, DokusSyncPairing *p, const char *dev,
         const unsigned char pk[32], DokusError *err)
{
  unsigned char *bundle = NULL;
  size_t bundle_len = 0, b64_len;
  char *b64 = NULL;
  cJSON *msg;
  DokusStatus st;

  st = dokus_sync_client_add_member (c, book, dev, pk, p->role, err);
  /* the signed member fact, then out to the relay before the device can push */
  if (st == DOKUS_OK)
    st = dokus_sync_member_record (book, dev, pk, p->role, -1, err);
  if (st == DOKUS_OK)
    st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_bundle_seal (book, dev, pk, &bundle, &bundle_len, err);
  if (st != DOKUS_OK)
    return st;
  b64_len = sodium_base64_encoded_len (bundle_len, sodium_base64_VARIANT_ORIGINAL);
  b64 = malloc (b64_len);
  if (b64 == NULL)
    {
      free (bundle);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  sodium_bin2base64 (b64, b64_len, bundle, bundle_len, sodium_base64_VARIANT_ORIGINAL);
  msg = cJSON_CreateObject ();
  cJSON_AddStringToObject (msg, "t", "welcome");
  cJSON_AddStringToObject (msg, "slot", p->code.slot);
  cJSON_AddStringToObject (msg, "device_id", dev);
  cJSON_AddStringToObject (msg, "bundle", b64);
  st = slot_post (c, p->code.slot, p->key, msg, NULL, err);
  cJSON_Delete (msg);
  free (b64);
  free (bundle);
  return st;
}

static int64_t
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

DokusStatus
dokus_sync_pair_wait (DokusSyncClient *c, DokusBook *book, DokusSyncPairing *p,
                      unsigned timeout_s, DokusSyncPairConfirm confirm, void *confirm_user,
                      DokusSyncProgress progress, void *progress_user, char *device_id,
                      DokusError *err)
{
  int64_t start = now_ms ();
  unsigned limit = timeout_s == 0 || timeout_s > DOKUS_SYNC_PAIR_TTL_S ? DOKUS_SYNC_PAIR_TTL_S
                                                                        : timeout_s;
  DokusStatus st = DOKUS_OK;

  assert (c != NULL && book != NULL && p != NULL);
  while (st == DOKUS_OK)
    {
      int64_t waited = (now_ms () - start) / 1000;
      cJSON *msgs = NULL, *item;
      if (progress != NULL)
        progress ("pair", waited, limit, progress_user);
      if (waited >= (int64_t) limit)
        {
          slot_close (c, p->code.slot);
          return dokus_error_set (err, DOKUS_ERR_IO, "timeout",
                                  "no device asked to join within %u s: the code is closed",
                                  limit);
        }
      st = slot_get (c, p->code.slot, p->after, &msgs, err);
      cJSON_ArrayForEach (item, msgs)
        {
          const char *body = str_member (item, "body");
          cJSON *req;
          const char *dev, *name;
          unsigned char pk[32];
          char fp[17];

          if (st != DOKUS_OK)
            break;
          p->after = (long) dokus_sync_wire_int (item, "idx", p->after);
          req = body ? dokus_sync_pair_open (p->key, body, p->code.slot, "join") : NULL;
          dev = str_member (req, "device_id");
          name = str_member (req, "name");
          if (req == NULL || !is_id (dev) || !hex_key (req, "sign_pk", pk))
            {
              cJSON_Delete (req);
              if (++p->bad >= PAIR_MAX_BAD)
                {
                  slot_close (c, p->code.slot);
                  st = dokus_error_set (err, DOKUS_ERR_REFUSED, "code",
                                        "%d requests with a wrong code: pairing closed",
                                        PAIR_MAX_BAD);
                }
              continue;
            }
          dokus_sync_pair_fingerprint_of (pk, fp);
          {
            DokusSyncPairRequest r = { dev, name ? name : "", fp, p->role };
            if (confirm != NULL && !confirm (&r, confirm_user))
              {
                slot_close (c, p->code.slot);
                st = dokus_error_set (err, DOKUS_ERR_REFUSED, "confirm",
                                      "pairing of %s was declined", dev);
              }
          }
          if (st == DOKUS_OK)
            st = welcome (c, book, p, dev, pk, err);
          if (st == DOKUS_OK && device_id != NULL)
            snprintf (device_id, DOKUS_SYNC_ID_TEXT, "%s", dev);
          cJSON_Delete (req);
          cJSON_Delete (msgs);
          return st;
        }
      cJSON_Delete (msgs);
      if (st == DOKUS_OK)
        sleep_ms (PAIR_POLL_MS);
    }
  return st;
}

DokusStatus
dokus_sync_pair_fingerprint (DokusBook *book, char fingerprint[17], DokusError *err)
{
  char dev[DOKUS_SYNC_ID_TEXT];
  unsigned char pk[32];
  DokusStatus st = dokus_sync_device_identity (book, dev, pk, err);

  if (st == DOKUS_OK)
    dokus_sync_pair_fingerprint_of (pk, fingerprint);
  return st;
}

/* The new device's half: the offer behind the code, the request, the
 * welcome. *offer and *bundle (transfer full) on success. */
static DokusStatus
join_exchange (DokusSyncClient *c, const PairCode *code, const unsigned char key[PAIR_KEY_BYTES],
               const char *dev, const unsigned char pk[32], const char *name, unsigned limit,
               DokusSyncProgress progress, void *user, cJSON **offer, cJSON **answer,
               DokusError *err)
{
  int64_t start = now_ms ();
  char pk_hex[65];
  cJSON *msgs = NULL, *item, *req;
  long after = 0;
  DokusStatus st;

  *offer = *answer = NULL;
  st = slot_get (c, code->slot, 0, &msgs, err);
  cJSON_ArrayForEach (item, msgs)
    {
      const char *body = str_member (item, "body");
      if (*offer == NULL && body != NULL)
        *offer = dokus_sync_pair_open (key, body, code->slot, "offer");
      after = (long) dokus_sync_wire_int (item, "idx", after);
    }
  cJSON_Delete (msgs);
  if (st == DOKUS_OK && *offer == NULL)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "code",
                          "this relay has no pairing with that code: it is mistyped or expired");
  if (st != DOKUS_OK)
    return st;
  sodium_bin2hex (pk_hex, sizeof pk_hex, pk, 32);
  req = cJSON_CreateObject ();
  cJSON_AddStringToObject (req, "t", "join");
  cJSON_AddStringToObject (req, "slot", code->slot);
  cJSON_AddStringToObject (req, "device_id", dev);
  cJSON_AddStringToObject (req, "sign_pk", pk_hex);
  cJSON_AddStringToObject (req, "name", name ? name : "new device");
  st = slot_post (c, code->slot, key, req, NULL, err);
  cJSON_Delete (req);
  while (st == DOKUS_OK && *answer == NULL)
    {
      int64_t waited = (now_ms () - start) / 1000;
      if (progress != NULL)
        progress ("pair", waited, limit, user);
      if (waited >= (int64_t) limit)
        {
          st = dokus_error_set (err, DOKUS_ERR_IO, "timeout",
                                "the owner device did not answer within %u s", limit);
          break;
        }
      sleep_ms (PAIR_POLL_MS);
      st = slot_get (c, code->slot, after, &msgs, err);
      cJSON_ArrayForEach (item, msgs)
        {
          const char *body = str_member (item, "body");
          cJSON *w = body ? dokus_sync_pair_open (key, body, code->slot, "welcome") : NULL;
          const char *to = str_member (w, "device_id");
          after = (long) dokus_sync_wire_int (item, "idx", after);
          if (w != NULL && to != NULL && strcmp (to, dev) == 0 && *answer == NULL)
            *answer = w;
          else
            cJSON_Delete (w);
        }
      cJSON_Delete (msgs);
      msgs = NULL;
    }
  if (st != DOKUS_OK)
    {
      cJSON_Delete (*offer);
      *offer = NULL;
    }
  return st;
}

DokusStatus
dokus_sync_pair_join (DokusSyncClient *c, DokusBook *book, const char *code_text,
                      const char *name, unsigned timeout_s, DokusSyncProgress progress,
                      void *user, DokusError *err)
{
  unsigned limit = timeout_s == 0 || timeout_s > DOKUS_SYNC_PAIR_TTL_S ? DOKUS_SYNC_PAIR_TTL_S
                                                                        : timeout_s;
  unsigned char *key = sodium_malloc (PAIR_KEY_BYTES), pk[32], owner_pk[32];
  unsigned char *bundle = NULL;
  char dev[DOKUS_SYNC_ID_TEXT];
  cJSON *offer = NULL, *answer = NULL;
  const char *book_id, *owner_id, *role, *b64;
  size_t bundle_len = 0;
  PairCode code;
  DokusStatus st = DOKUS_OK;

  assert (c != NULL && book != NULL && code_text != NULL);
  if (key == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (!dokus_sync_pair_code_parse (code_text, &code))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "code",
                          "a pairing code is 12 letters and digits 2-7 (ABCD-EFGH-JKLM)");
  else if (dokus_sync_is_enabled (book))
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "book",
                          "this book syncs already: pair a new book");
  if (st == DOKUS_OK)
    st = dokus_sync_device_identity (book, dev, pk, err);
  if (st == DOKUS_OK)
    st = dokus_sync_pair_key (&code, key, err);
  if (st == DOKUS_OK)
    st = join_exchange (c, &code, key, dev, pk, name, limit, progress, user, &offer, &answer,
                        err);
  book_id = str_member (offer, "book_id");
  owner_id = str_member (offer, "owner_id");
  role = str_member (offer, "role");
  b64 = str_member (answer, "bundle");
  if (st == DOKUS_OK
      && (!is_id (book_id) || !is_id (owner_id) || role == NULL
          || !hex_key (offer, "owner_pk", owner_pk) || b64 == NULL))
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "code", "the owner's pairing answer is malformed");
  if (st == DOKUS_OK)
    {
      size_t n = strlen (b64);
      bundle = malloc (n + 1);
      if (bundle == NULL
          || sodium_base642bin (bundle, n + 1, b64, n, NULL, &bundle_len, NULL,
                                sodium_base64_VARIANT_ORIGINAL)
               != 0)
        st = dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle", "the keyring is malformed");
    }
  if (st == DOKUS_OK)
    st = dokus_sync_join (book, book_id, role, owner_id, owner_pk, bundle, bundle_len, err);
  if (st == DOKUS_OK)
    {
      slot_close (c, code.slot);
      /* the book's history, and this device's first envelope out */
      st = dokus_sync_client_run (c, book, progress, user, NULL, err);
    }
  sodium_memzero (&code, sizeof code);
  sodium_free (key);
  free (bundle);
  cJSON_Delete (offer);
  cJSON_Delete (answer);
  return st;
}
