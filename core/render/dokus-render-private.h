/* dokus-render-private.h
 *
 * What the PDF renderer shares between its files, without cairo: the
 * printed words per language (dokus-render-labels.c), numbers and dates
 * punctuated per language (dokus-render-format.c), and the legal mentions
 * of a frozen document in a given language (dokus-pdf-mentions.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "dokus/dokus-pdf.h"

typedef enum {
  DOKUS_LABEL_INVOICE,          /* the titles */
  DOKUS_LABEL_CREDIT_NOTE,
  DOKUS_LABEL_NUMBER,           /* the document block */
  DOKUS_LABEL_ISSUE_DATE,
  DOKUS_LABEL_DUE_DATE,
  DOKUS_LABEL_DELIVERY_DATE,
  DOKUS_LABEL_DELIVERY_COUNTRY,
  DOKUS_LABEL_CREDITED_INVOICE,
  DOKUS_LABEL_BUYER_REFERENCE,
  DOKUS_LABEL_ORDER_REFERENCE,
  DOKUS_LABEL_CUSTOMER,         /* the parties */
  DOKUS_LABEL_VAT_NUMBER,
  DOKUS_LABEL_ENTERPRISE_NUMBER,
  DOKUS_LABEL_EMAIL,
  DOKUS_LABEL_LEGAL_FORM,
  DOKUS_LABEL_DESCRIPTION,      /* the lines */
  DOKUS_LABEL_QUANTITY,
  DOKUS_LABEL_UNIT_PRICE,
  DOKUS_LABEL_VAT,
  DOKUS_LABEL_NET,
  DOKUS_LABEL_DISCOUNT,
  DOKUS_LABEL_ALLOWANCE,
  DOKUS_LABEL_CHARGE,
  DOKUS_LABEL_VAT_SUMMARY,      /* the VAT breakdown */
  DOKUS_LABEL_VAT_RATE,
  DOKUS_LABEL_TAXABLE_AMOUNT,
  DOKUS_LABEL_VAT_AMOUNT,
  DOKUS_LABEL_TOTAL_LINES,      /* the totals */
  DOKUS_LABEL_TOTAL_EXCL_VAT,
  DOKUS_LABEL_TOTAL_VAT,
  DOKUS_LABEL_TOTAL_INCL_VAT,
  DOKUS_LABEL_AMOUNT_DUE,
  DOKUS_LABEL_CREDIT_TOTAL,
  DOKUS_LABEL_PAYMENT,          /* the payment block */
  DOKUS_LABEL_STRUCTURED_COMMUNICATION,
  DOKUS_LABEL_PAY_BY,
  DOKUS_LABEL_SCAN_TO_PAY,
  DOKUS_LABEL_CREDIT_SETTLEMENT,
  DOKUS_LABEL_MENTIONS,
  DOKUS_LABEL_PAGE,
  DOKUS_LABEL_COUNT
} DokusLabel;

/* true for "nl", "fr", "de" and "en". */
bool dokus_render_language_is_valid (const char *language);

/* @label in @language (anything else reads as "en"). (transfer none) */
const char *dokus_render_label (DokusLabel label, const char *language);

/* The printed name of the UN/ECE Rec. 20 unit @code in @language ("uur"
 * for HUR in nl), "" for a plain unit (C62, H87, EA), else @code itself.
 * (transfer none) */
const char *dokus_render_unit (const char *code, const char *language);

/* The country @code (ISO 3166 alpha-2) by name in @language for the
 * countries Dokus invoices most (the EU), else @code. (transfer none) */
const char *dokus_render_country (const char *code, const char *language);

/* Punctuated for @language, into @buf; @text itself (or "") when it is
 * not what the function expects. (transfer none) */
/* "2026-03-02" -> "02/03/2026" */
const char *dokus_render_date (const char *iso, const char *language,
                               char buf[DOKUS_PDF_DATE_TEXT]);
/* a money string "1234.50" -> "1.234,50 €" */
const char *dokus_render_amount (const char *text, const char *language,
                                 char buf[DOKUS_PDF_MONEY_TEXT]);
/* a decimal string "9.75" -> "9,75", as many decimals as written */
const char *dokus_render_decimal (const char *text, const char *language,
                                  char buf[DOKUS_PDF_MONEY_TEXT]);
/* a unit price "33.333" -> "33,333 €", at least 2 decimals */
const char *dokus_render_price (const char *text, const char *language,
                                char buf[DOKUS_PDF_MONEY_TEXT]);
/* a rate "21" -> "21 %" ("21%" in en) */
const char *dokus_render_percent (const char *text, const char *language,
                                  char buf[DOKUS_PDF_MONEY_TEXT]);

/* The legal mentions of the frozen document @doc (dokus_document_show's
 * JSON) in @language: in its own language, those frozen at issue; in
 * another, the same mentions worded in @language (docs/pdf.md).
 * (transfer full): a cJSON array of strings; NULL on OOM. */
cJSON *dokus_pdf_mentions (const cJSON *doc, const char *language);

/* The string member @key of @o, or NULL when absent, null or "". */
const char *dokus_render_str (const cJSON *o, const char *key);
