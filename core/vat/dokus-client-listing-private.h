/* dokus-client-listing-private.h
 *
 * The annual client listing inside core: computed once, written as JSON
 * (dokus-client-listing.c) or Intervat XML (dokus-client-listing-xml.c),
 * and asked by the last VAT return of a year whether it is empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-money.h"

/* A client is listed above this turnover: "plus de 250 euros" (art. 1
 * KB nr. 23), so 250.00 is not listed and 250.01 is. */
#define DOKUS_CLIENT_LISTING_THRESHOLD_CENTS ((DokusCents) 25000)

typedef struct {
  char       vat_number[DOKUS_VAT_TEXT]; /* "BE0403196732" */
  char      *name;
  DokusCents turnover, vat;
} DokusListedClient;

typedef struct {
  int                year;
  DokusListedClient *clients; /* the listed ones only, by VAT number */
  size_t             n_clients;
  DokusCents         turnover, vat; /* their sums */
} DokusClientListing;

/* DOKUS_ERR_INVALID (field "year") outside 1900..9999. */
DokusStatus dokus_client_listing_compute (sqlite3 *db, int year, DokusClientListing *out,
                                          DokusError *err);
void dokus_client_listing_clear (DokusClientListing *l);
