/* dokus-ubl.h
 *
 * Peppol BIS Billing 3.0: an issued invoice or credit note as a UBL 2.1
 * document (urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 or
 * CreditNote-2), built from what was frozen at issue (the JSON of
 * dokus_document_show). The output is deterministic: the same document
 * gives the same bytes, always.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-error.h"
#include "dokus-types.h"

/* Writes the issued document @id_or_number (id or number) as UBL 2.1 XML
 * in UTF-8, its PDF (dokus_pdf_export, in the document's language)
 * embedded. *@out_xml (transfer full, free()) and *@out_len (nullable) get
 * the bytes.
 *
 * Every document the writer produces passes the native Peppol validator
 * (dokus-ubl-validate.h) first: on any fatal finding nothing is handed
 * out, stored or audited, and the status is DOKUS_ERR_REFUSED, field
 * "ubl", the message naming the first fatal rule id and its location.
 *
 * The first export by a writer version stores the SHA-256 of the bytes
 * (all but the embedded PDF's, which follow the installed fonts) and
 * appends an audit entry ("export"); a later export that gives the same
 * hash appends nothing (the first entry proves what left the book), one
 * that gives another is DOKUS_ERR_CORRUPT (the writer or the frozen data
 * changed). The PDF is drawn once and kept in the book (dokus_pdf_export).
 * DOKUS_ERR_REFUSED for a draft (it has no number) and for a buyer with no
 * electronic address (field "buyer.peppol_id": no Peppol id, VAT or
 * enterprise number; PEPPOL-EN16931-R010), DOKUS_ERR_NOT_FOUND for an
 * unknown document. docs/peppol.md, "Writer". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_export (DokusBook *book, const char *id_or_number,
                              char **out_xml,  /* OUT: (transfer full) */
                              size_t *out_len, /* OUT: nullable */
                              DokusError *err);
