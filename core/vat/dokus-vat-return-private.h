/* dokus-vat-return-private.h
 *
 * The periodic VAT return inside core: its grids as numbers, computed
 * once and written as JSON (dokus-vat-return.c) or Intervat XML
 * (dokus-vat-return-xml.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-date.h"
#include "dokus/dokus-money.h"

/* Grid numbers run from 00 to 91; the array is indexed by the number. */
#define DOKUS_VAT_GRIDS 100

typedef struct {
  DokusPeriod period;
  DokusDate   due_date;
  bool        franchise;              /* no periodic return: grid[] is all zero */
  DokusCents  grid[DOKUS_VAT_GRIDS];  /* every grid >= 0; 71 or 72 holds the balance */
} DokusVatReturn;

/* Computes the return of @period_text for the book @db in one read
 * transaction. Statuses as dokus_vat_return(). */
DokusStatus dokus_vat_return_compute (sqlite3 *db, const char *period_text, DokusVatReturn *out,
                                      DokusError *err);

/* Runs @fn (@db, @data, @err) inside a read transaction when @db is in
 * autocommit mode (so that its SELECTs see one snapshot), as is otherwise. */
DokusStatus dokus_vat_read (sqlite3 *db, DokusStatus (*fn) (sqlite3 *, void *, DokusError *),
                            void *data, DokusError *err);
