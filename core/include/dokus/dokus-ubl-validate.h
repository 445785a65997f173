/* dokus-ubl-validate.h
 *
 * The native Peppol BIS Billing 3.0 validator: checks a UBL 2.1 Invoice or
 * CreditNote as the Peppol network does, i.e. its structure (elements,
 * order, cardinality and data types of the UBL 2.1 schema) and the business
 * rules of EN 16931 and Peppol, without an XPath engine or a schema loaded
 * at run time. Every finding carries the official rule id (our own
 * "UBL-XSD" for the structure check), its flag ("fatal" or "warning"), an
 * XPath-like location and an English message. A document is valid when no
 * finding is fatal.
 *
 * The rules follow one Peppol release, reported by
 * dokus_ubl_validate_release(); flags and messages are data embedded at
 * build time (core/peppol/validate/rules/), so a new release replaces them.
 *
 * Hostile input: documents above DOKUS_UBL_VALIDATE_MAX_BYTES, nested
 * deeper than DOKUS_UBL_VALIDATE_MAX_DEPTH, with a DOCTYPE (so no entity of
 * any kind), or not well-formed are refused with an error naming the
 * problem and where; the parser never touches the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "dokus-error.h"
#include "dokus-types.h"
#include "dokus-ubl-read.h"

typedef struct DokusUblReport DokusUblReport;

#define DOKUS_UBL_VALIDATE_MAX_BYTES (10u * 1024u * 1024u)
#define DOKUS_UBL_VALIDATE_MAX_DEPTH 64
/* At most this many findings are listed; the counts and the verdict include all. */
#define DOKUS_UBL_VALIDATE_MAX_FINDINGS 10000

/* Rule sets, for dokus_ubl_validate_with(); ALL is what the network runs. */
#define DOKUS_UBL_VALIDATE_STRUCTURE 1u /* UBL 2.1 schema: "UBL-XSD" */
#define DOKUS_UBL_VALIDATE_EN16931   2u /* CEN EN 16931 rules (BR-*, UBL-SR/CR/DT-*) */
#define DOKUS_UBL_VALIDATE_PEPPOL    4u /* PEPPOL-*, national rules */
#define DOKUS_UBL_VALIDATE_ALL       7u

/* "Peppol BIS Billing 3.0.21 / CEN EN 16931 1.3.16" (transfer none). */
DOKUS_PUBLIC const char *dokus_ubl_validate_release (void);

/* Validates the UBL document @xml of @len bytes (need not be
 * NUL-terminated) with every rule set.
 * @out (OUT, transfer full): the report, dokus_ubl_report_free() it; set
 * only on DOKUS_OK. A document with fatal findings is DOKUS_OK with an
 * invalid report: the status is about whether validation could run.
 * Returns DOKUS_ERR_INVALID (err->field names the element, or "xml") when
 * the input is too big, too deep, has a DOCTYPE, is not well-formed or is
 * neither an Invoice nor a CreditNote of UBL 2.1; DOKUS_ERR_NOMEM. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_validate (const char *xml, size_t len, DokusUblReport **out,
                                DokusError *err);

/* The same, running only the rule sets in @sets (DOKUS_UBL_VALIDATE_*). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_validate_with (const char *xml, size_t len, unsigned sets,
                                     DokusUblReport **out, DokusError *err);

/* Reads and validates a received document with one parse: what
 * dokus_ubl_read() and then dokus_ubl_validate() give, for about the cost
 * of the validation alone (the reader and the validator share libxml2's
 * tree instead of building one each).
 * The parse is the reader's, under its limits (dokus-ubl-read.h: size,
 * DOKUS_UBL_MAX_DEPTH, DOKUS_UBL_MAX_ELEMENTS, no DOCTYPE, no network),
 * which are as strict as the validator's or stricter; every document it
 * accepts is parsed into the tree dokus_ubl_validate() builds, so the
 * report lists the same findings, in the same order.
 * On DOKUS_OK, *@out_doc (transfer full, dokus_purchase_doc_free()) gets
 * the document and *@out_report (transfer full, dokus_ubl_report_free())
 * the report, valid or not; on error both are NULL and @err is what
 * dokus_ubl_read() reports (DOKUS_ERR_INVALID naming the element), or
 * DOKUS_ERR_NOMEM. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_read_validated (const char *xml, size_t len,
                                      DokusPurchaseDoc **out_doc,    /* OUT */
                                      DokusUblReport **out_report,   /* OUT */
                                      DokusError *err);

/* true when no finding is fatal. */
DOKUS_PUBLIC bool dokus_ubl_report_valid (const DokusUblReport *report);

/* "Invoice" or "CreditNote" (transfer none). */
DOKUS_PUBLIC const char *dokus_ubl_report_doctype (const DokusUblReport *report);

/* The number of listed findings (at most DOKUS_UBL_VALIDATE_MAX_FINDINGS), and the
 * number of fatal findings, listed or not. */
DOKUS_PUBLIC size_t dokus_ubl_report_count (const DokusUblReport *report);
DOKUS_PUBLIC size_t dokus_ubl_report_fatal_count (const DokusUblReport *report);

/* Finding @i (< dokus_ubl_report_count()): rule id ("BR-CO-15"), flag
 * ("fatal"/"warning"), location ("/Invoice/cac:InvoiceLine[2]/cbc:ID") and
 * message. All (transfer none), valid while @report is. */
DOKUS_PUBLIC const char *dokus_ubl_report_rule (const DokusUblReport *report, size_t i);
DOKUS_PUBLIC const char *dokus_ubl_report_flag (const DokusUblReport *report, size_t i);
DOKUS_PUBLIC const char *dokus_ubl_report_location (const DokusUblReport *report, size_t i);
DOKUS_PUBLIC const char *dokus_ubl_report_message (const DokusUblReport *report, size_t i);

/* The report as one JSON object (transfer full, free()); NULL on OOM:
 * {"file": @file, "valid": bool, "doctype": "Invoice",
 *  "findings": [{"rule", "flag", "location", "message"}]}
 * ("file" is left out when @file is NULL; "findings_not_listed": N is added
 * when more than DOKUS_UBL_VALIDATE_MAX_FINDINGS were found). */
DOKUS_PUBLIC char *dokus_ubl_report_to_json (const DokusUblReport *report, const char *file);

/* NULL does nothing. */
DOKUS_PUBLIC void dokus_ubl_report_free (DokusUblReport *report);

/* Rule coverage of this build: how many rules the tables list (@total)
 * and how many of them have a check (@implemented); either may be NULL. */
DOKUS_PUBLIC void dokus_ubl_validate_coverage (size_t *implemented, size_t *total);

/* true if rule @id has a check in this build. */
DOKUS_PUBLIC bool dokus_ubl_validate_implements (const char *id);
