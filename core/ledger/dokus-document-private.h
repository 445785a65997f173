/* dokus-document-private.h
 *
 * Sales documents (invoices and credit notes) inside core: the in-memory
 * form a document takes between JSON, the book and the totals, and the
 * derived balance (paid, credited, open, status, overdue).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-date.h"
#include "dokus/dokus-ledger.h"
#include "dokus/dokus-totals.h"

#define DOKUS_MAX_LINES 10000
#define DOKUS_TEXT_MAX 4000 /* descriptions, notes, references */

typedef struct {
  char           *description;
  char            unit[8];
  DokusTotalsLine t;
  char            exemption_reason[32]; /* VATEX code given on input, or "" */
  DokusCents      net;                  /* filled by dokus_doc_compute */
} DokusDocLine;

typedef struct {
  char                 *reason;
  DokusTotalsAdjustment t;
} DokusDocAdjustment;

typedef struct {
  char                id[DOKUS_ID_TEXT];
  char                type[12];  /* "invoice", "credit_note" */
  char                state[8];  /* "draft", "issued", "sent" */
  char                number[DOKUS_NUMBER_TEXT];
  char                client_id[DOKUS_ID_TEXT];
  char                billing_reference_id[DOKUS_ID_TEXT]; /* credit notes */
  bool                has_issue_date, has_due_date, has_terms, has_delivery_date;
  DokusDate           issue_date, due_date, delivery_date;
  long long           terms;
  char                delivery_country[3];
  bool                triangulation; /* B in an ABC chain (K only; schema/book/0004) */
  char               *buyer_reference, *order_reference, *note;
  DokusDocLine       *lines;
  size_t              n_lines;
  DokusDocAdjustment *adjustments;
  size_t              n_adjustments;
  /* frozen at issue */
  char                language[3];
  char               *structured_communication;
  char               *seller_json, *buyer_json;
  char                issued_at[24];
} DokusDoc;

void dokus_doc_clear (DokusDoc *doc);

/* Reads @arr (the "lines" array at @path) into @doc. @franchise books get
 * category E by default and refuse others; standard books default to S. */
DokusStatus dokus_doc_parse_lines (const cJSON *arr, const char *path, bool franchise,
                                   DokusDoc *doc, DokusError *err);

/* Reads "allowances" or "charges" (@is_charge) into @doc. */
DokusStatus dokus_doc_parse_adjustments (const cJSON *arr, const char *path, bool is_charge,
                                         bool franchise, DokusDoc *doc, DokusError *err);

/* Computes the totals and every line's net. */
DokusStatus dokus_doc_compute (DokusDoc *doc, DokusTotals *out, DokusError *err);

/* true if @seller_json (a profile as frozen in an issued document) is
 * under the franchise scheme. */
bool dokus_seller_is_franchise (const char *seller_json);

/* The regime of @doc: an invoice is under the profile's regime of now
 * (@profile_franchise); a credit note under the one its invoice was issued
 * under, whatever the profile says now, since it corrects that invoice's
 * VAT. *@invoice_date (nullable) gets that invoice's issue date. */
DokusStatus dokus_doc_regime (sqlite3 *db, const DokusDoc *doc, bool profile_franchise,
                              bool *franchise, DokusDate *invoice_date, DokusError *err);

/* Resolves an id or a number to the document's id; DOKUS_ERR_NOT_FOUND. */
DokusStatus dokus_doc_resolve (sqlite3 *db, const char *id_or_number, char id[DOKUS_ID_TEXT],
                               DokusError *err);

/* Loads the document @id with its lines and adjustments. */
DokusStatus dokus_doc_load (sqlite3 *db, const char *id, DokusDoc *doc, DokusError *err);

/* Parses the INVOICE JSON @obj (docs/formats.md) into @doc (type and
 * state left as they are); @franchise: the book's regime. */
DokusStatus dokus_invoice_parse (sqlite3 *db, const cJSON *obj, bool franchise, DokusDoc *doc,
                                 DokusError *err);

/* Inserts @doc as a new draft (documents, lines, adjustments). */
DokusStatus dokus_doc_insert_draft (sqlite3 *db, const DokusDoc *doc, DokusError *err);

typedef struct {
  DokusCents  total;      /* tax inclusive amount */
  DokusCents  paid;       /* payments on it (refunds, for a credit note) */
  DokusCents  credited;   /* invoices: what issued credit notes took off it */
  DokusCents  open;       /* invoices: still to receive; credit notes: still to refund */
  const char *status;     /* draft, issued, sent, partially_paid, paid, credited */
  bool        overdue;
} DokusDocBalance;

/* The derived balance of the loaded document @doc as of @today. */
DokusStatus dokus_doc_balance (sqlite3 *db, const DokusDoc *doc, DokusDate today,
                               DokusDocBalance *out, DokusError *err);

/* The derived balances of every document of the book, as
 * dokus_doc_balance() gives each of them, in one pass (dokus-balances.c).
 * A row is 80 bytes and has no id: a first call writes every row into
 * fresh memory, which costs about 3 µs per 4 KiB page on top of the bytes
 * (bench/README.md). */
typedef struct {
  sqlite3_int64   rowid;
  DokusDocBalance bal;                        /* status: a static string */
  bool            invoice;                    /* type "invoice" */
  bool            has_due_date;               /* open invoices only, like due_date */
  int32_t         due_day;                    /* the due date as YYYYMMDD, 0: none */
  char            due_date[DOKUS_DATE_TEXT];  /* open invoices only, or "" */
} DokusDocBalanceRow;

typedef struct {
  const DokusDocBalanceRow *rows;     /* every document, in no set order; read-only */
  size_t                    n;
  const uint32_t           *by_rowid; /* by_rowid[rowid - 1]: 1 + its row, 0: none */
  sqlite3_int64             max_rowid; /* of the documents: by_rowid's length */
  void                     *shared; /* the pass the rows belong to (shared with the book's
                                     * cache, counted): dokus_doc_balances_clear() lets go */
} DokusDocBalances;

/* Fills @out (clear it with dokus_doc_balances_clear(), also after an
 * error) with every document's balance as of @today. The rows
 * are those of the pass the open book keeps while it is unchanged (no
 * copy): read them, never write them. @with_rowids is kept for callers;
 * rowids are always there. Reads in the caller's transaction; run it
 * inside one so that it sees one moment. */
DokusStatus dokus_doc_balances_all (sqlite3 *db, DokusDate today, bool with_rowids,
                                    DokusDocBalances *out, DokusError *err);
/* Work a caller wants done beside the pass, on the book's side connection
 * and thread while the caller's connection reads the documents (or on
 * the caller's connection when there is no side one, the pass is kept, or
 * the transaction writes): @fn (@db of either, @arg). Whatever it reads
 * must be bounded so that any later moment gives what the caller's
 * transaction sees (as dokus_reports_purchases_upto()). */
typedef DokusStatus (*DokusSideFn) (sqlite3 *db, void *arg, DokusError *err);
DokusStatus dokus_doc_balances_all_with (sqlite3 *db, DokusDate today, DokusSideFn fn, void *arg,
                                         DokusDocBalances *out, DokusError *err);
/* The row of the document with @rowid, or NULL. (transfer none) */
const DokusDocBalanceRow *dokus_doc_balances_get (const DokusDocBalances *b,
                                                  sqlite3_int64 rowid);
void dokus_doc_balances_clear (DokusDocBalances *b);

/* The exemption reason code and text of each VAT group of @t. */
typedef struct {
  const char *code; /* VATEX, or NULL */
  const char *text; /* the legal mention, or NULL */
} DokusVatNote;
void dokus_doc_vat_notes (const DokusDoc *doc, const DokusTotals *t, bool franchise,
                          const char *client_country, const char *language,
                          DokusVatNote notes[DOKUS_VAT_GROUPS_MAX]);

/* The document @id as JSON text (transfer full, free()): what
 * dokus_document_show() prints, for audit entries too. */
DokusStatus dokus_document_show_text (sqlite3 *db, const char *id, char **out, DokusError *err);

/* The document @id as the cJSON object that dokus_document_show_text()
 * prints (transfer full, cJSON_Delete()), for callers inside core that read
 * it rather than print it (the UBL writer): no text round trip. Without
 * @with_balance the derived balance is not computed (one pass over the
 * payments and credit notes less): "status" is the stored state ("draft",
 * "issued", "sent") and "overdue", "paid_amount", "credited_amount" and
 * "open_amount" are absent; what is frozen at issue is all there. */
DokusStatus dokus_document_to_json (sqlite3 *db, const char *id, bool with_balance, cJSON **out,
                                    DokusError *err);

/* One row of the VAT breakdown frozen at issue (document_vat). */
typedef struct {
  char         category[4];
  char         rate[DOKUS_MONEY_TEXT]; /* as stored */
  DokusDecimal rate_value;             /* parsed, when rate_ok */
  bool         rate_ok;
  DokusCents   taxable_amount, tax_amount;
  char        *exemption_code, *exemption_text; /* (owned) NULL: none */
} DokusFrozenVat;

/* Reads the VAT breakdown of the issued document @id into @rows, *@n of
 * them, in the order they are stored; @order lists them in the totals'
 * order (S, Z, E, AE, K, G, O, the higher rate first). Clear @rows with
 * dokus_frozen_vat_clear(); nothing to clear after an error. */
DokusStatus dokus_frozen_vat_read (sqlite3 *db, const char *id,
                                   DokusFrozenVat rows[DOKUS_VAT_GROUPS_MAX], size_t *n,
                                   size_t order[DOKUS_VAT_GROUPS_MAX], DokusError *err);
void dokus_frozen_vat_clear (DokusFrozenVat *rows, size_t n);

/* The invoice a credit note corrects: "" and has_* false for what is
 * NULL; found false when there is no such document. */
typedef struct {
  bool found, has_id, has_number, has_issue_date;
  char id[DOKUS_ID_TEXT];
  char number[DOKUS_NUMBER_TEXT];
  char issue_date[DOKUS_DATE_TEXT];
} DokusBillingReference;

/* Fills @out for the document @id; a failed read leaves it not found,
 * as dokus_document_show() shows it. */
DokusStatus dokus_doc_billing_reference (sqlite3 *db, const char *id, DokusBillingReference *out);

/* An issued document as frozen at issue (dokus-document-frozen.c): what
 * dokus_document_to_json() gives without the balance, in structures. */
typedef struct {
  DokusDoc              doc;
  bool                  draft;  /* a draft: nothing below is filled */
  DokusTotals           totals; /* doc's lines' nets filled too */
  DokusFrozenVat        vat[DOKUS_VAT_GROUPS_MAX]; /* as stored */
  size_t                n_vat;
  size_t                vat_order[DOKUS_VAT_GROUPS_MAX]; /* vat in the totals' order */
  /* the legal mentions (BT-120 texts, the triangulation and credit note
   * mentions) in the order of the JSON's "mentions"; lend from vat or
   * static */
  const char           *mentions[DOKUS_VAT_GROUPS_MAX + 2];
  size_t                n_mentions;
  DokusBillingReference billing;        /* credit notes; found false otherwise */
  cJSON                *seller, *buyer; /* the frozen parties, or NULL (owned) */
} DokusFrozenDoc;

/* Loads the document @id into @out; a draft only as far as out->doc
 * (out->draft). Clear @out with dokus_frozen_doc_clear(), also after an
 * error. */
DokusStatus dokus_frozen_doc_load (sqlite3 *db, const char *id, DokusFrozenDoc *out,
                                   DokusError *err);
void dokus_frozen_doc_clear (DokusFrozenDoc *f);

/* What is left to credit on the issued invoice @invoice_id. */
DokusStatus dokus_invoice_creditable (sqlite3 *db, const char *invoice_id, DokusCents *out,
                                      DokusError *err);

/* Profile fields the ledger needs when issuing. */
typedef struct {
  bool      franchise;
  char      country[3];
  char      prefix[16];
  long long terms;
  char      language[3];
} DokusProfileFacts;

/* DOKUS_ERR_REFUSED ("set the profile first") when there is none. */
DokusStatus dokus_profile_facts (sqlite3 *db, DokusProfileFacts *out, DokusError *err);
/* The profile as a cJSON object (transfer full), or NULL with @err. */
cJSON *dokus_profile_to_json (sqlite3 *db, DokusError *err);
/* The client @id as a cJSON object (transfer full), or NULL with @err. */
cJSON *dokus_client_to_json (sqlite3 *db, const char *id, DokusError *err);
/* Resolves a client given by id or exact name (not archived). */
DokusStatus dokus_client_resolve (sqlite3 *db, const char *id_or_name, char id[DOKUS_ID_TEXT],
                                  DokusError *err);

/* Reads the "address" object of @obj: street, postal_code, city, country
 * (two capital letters). Outputs lend from @obj. */
DokusStatus dokus_address_parse (const cJSON *obj, const char *path, bool country_required,
                                 const char **street, const char **postal_code, const char **city,
                                 const char **country, DokusError *err);

/* Runs @sql-style helpers inside BEGIN IMMEDIATE ... COMMIT. */
DokusStatus dokus_ledger_begin (sqlite3 *db, DokusError *err);
DokusStatus dokus_ledger_commit (sqlite3 *db, DokusError *err);
void dokus_ledger_rollback (sqlite3 *db);
