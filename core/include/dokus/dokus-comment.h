/* dokus-comment.h
 *
 * Comments on a document (an invoice or credit note, issued or draft) or
 * a purchase: what an accountant paired with the book (role "accountant",
 * docs/sync.md) writes to the freelancer, and the freelancer marks
 * resolved. The owner's devices may comment too.
 *
 * Comments are not accounting records: they never change an amount, a
 * number, a document's state or the audit chain (no audit entry is made
 * for them). A comment's text never changes once written; "resolved" is
 * set once. On a replica paired as an accountant's, adding a comment is
 * the only change the book accepts (everything else is DOKUS_ERR_REFUSED,
 * field "role"), and resolving is refused there.
 *
 * With sync on, a comment and a resolution each travel as one envelope of
 * kind "comment" (docs/sync.md, "Comments"); like every change they are
 * refused while the clock is more than 5 minutes off the relay's
 * (DOKUS_ERR_REFUSED, field "clock").
 *
 * The comment object (dokus_comment_list):
 *
 *   id           the comment's id (UUID text)
 *   subject      {kind: "document" | "expense", id, type: "invoice" |
 *                "credit_note" | "purchase", number: the document's number
 *                (null for a draft) or the supplier's number of a purchase
 *                (or null), present: false (and type and number null)
 *                when this replica does not hold the subject (not synced
 *                yet, or a deleted draft)}
 *   author       {device: device id, role: "owner" | "device" | "accountant"}
 *   text         the comment (UTF-8, 1 to DOKUS_COMMENT_MAX_CHARS characters)
 *   created_at   UTC, "YYYY-MM-DDTHH:MM:SSZ", as the author's device wrote it
 *   resolved     null, or {at: UTC time, by: device id}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-error.h"
#include "dokus-ledger.h"
#include "dokus-types.h"

/* The longest comment, in characters (Unicode code points). */
#define DOKUS_COMMENT_MAX_CHARS 2000

/* Adds the comment @text on @subject: a document's number ("2026-0001"),
 * a document's id (drafts have no number) or a purchase's id. *@out_id
 * receives the comment's id. The author is this device, in its sync role
 * ("owner" when sync is off).
 * Returns DOKUS_ERR_INVALID (field "text") for text that is not UTF-8,
 * empty or only white space, contains a control character other than
 * newline and tab, or is longer than DOKUS_COMMENT_MAX_CHARS;
 * DOKUS_ERR_NOT_FOUND (field "subject") for an unknown document or
 * purchase; DOKUS_ERR_REFUSED (field "clock") while the clock is off;
 * store errors. Nothing is written on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_comment_add (DokusBook *book, const char *subject, /* (transfer none) */
                               const char *text,                     /* (transfer none) */
                               char out_id[DOKUS_ID_TEXT],           /* OUT */
                               DokusError *err);                     /* nullable */

/* {"comments": [...]}: the comments on @subject (nullable: on everything;
 * a number or id as for dokus_comment_add), oldest first (then by id); if
 * @open_only, only those not resolved. *@out_json: (transfer full),
 * free() it; NULL on error. DOKUS_ERR_NOT_FOUND (field "subject") for an
 * unknown subject. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_comment_list (DokusBook *book, const char *subject, /* nullable */
                                bool open_only, char **out_json,      /* OUT */
                                DokusError *err);

/* The comment @id as one object, as in the list. *@out_json: (transfer
 * full), free() it. DOKUS_ERR_NOT_FOUND (field "id") for an unknown id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_comment_show (DokusBook *book, const char *id, char **out_json, /* OUT */
                                DokusError *err);

/* Marks the comment @id resolved by this device, now. Returns
 * DOKUS_ERR_NOT_FOUND (field "id") for an unknown comment;
 * DOKUS_ERR_REFUSED (field "role") on an accountant's replica (the
 * freelancer resolves), (field "id") when it is resolved already (the
 * message says when and by which device), (field "clock") while the clock
 * is off; store errors. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_comment_resolve (DokusBook *book, const char *id, DokusError *err);
