/* dokus-relay-handlers.h
 *
 * One handler per endpoint (docs/sync-protocol.md), grouped by resource
 * in their own files. The router (dokus-relay-http.c) has already checked
 * the method, the path, the size, the rate limits and, for book routes,
 * the token, the book and the role; req->db is a pooled connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-relay-server.h"

/* dokus-relay-health.c */
enum MHD_Result dokus_relay_handle_healthz (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_metrics (DokusRelayRequest *req);
/* dokus-relay-books.c */
enum MHD_Result dokus_relay_handle_book_create (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_book_get (DokusRelayRequest *req);
/* dokus-relay-erase.c */
enum MHD_Result dokus_relay_handle_book_erase (DokusRelayRequest *req);
/* dokus-relay-members.c */
enum MHD_Result dokus_relay_handle_members_list (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_member_add (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_member_revoke (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_key_bundles_put (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_key_bundles_get (DokusRelayRequest *req);
/* dokus-relay-auth.c */
enum MHD_Result dokus_relay_handle_auth_challenge (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_auth_token (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_auth_refresh (DokusRelayRequest *req);
/* dokus-relay-push.c */
enum MHD_Result dokus_relay_handle_push (DokusRelayRequest *req);
/* dokus-relay-pull.c */
enum MHD_Result dokus_relay_handle_pull (DokusRelayRequest *req);
/* dokus-relay-snapshot.c */
enum MHD_Result dokus_relay_handle_snapshot_put (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_snapshot_get (DokusRelayRequest *req);
/* dokus-relay-lease.c */
enum MHD_Result dokus_relay_handle_lease_get (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_lease_post (DokusRelayRequest *req);
/* dokus-relay-inbox.c */
enum MHD_Result dokus_relay_handle_inbox_get (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_inbox_ack (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_inbox_hook_new (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_hook_post (DokusRelayRequest *req);
/* dokus-relay-pair.c */
enum MHD_Result dokus_relay_handle_pair_post (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_pair_get (DokusRelayRequest *req);
enum MHD_Result dokus_relay_handle_pair_delete (DokusRelayRequest *req);
