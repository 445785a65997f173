/* dokus.h
 *
 * The whole public API of libdokus. Include this, not the parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-types.h"
#include "dokus-error.h"
#include "dokus-money.h"
#include "dokus-date.h"
#include "dokus-ident.h"
#include "dokus-platform.h"
#include "dokus-book.h"
#include "dokus-vfs.h"
#include "dokus-audit.h"
#include "dokus-totals.h"
#include "dokus-vat.h"
#include "dokus-vat-return.h"
#include "dokus-ledger.h"
#include "dokus-reports.h"
#include "dokus-expense.h"
#include "dokus-comment.h"
#include "dokus-ubl.h"
#include "dokus-pdf.h"
#include "dokus-ubl-validate.h"
#include "dokus-ubl-read.h"
#include "dokus-peppol-outbox.h"
#include "dokus-sync.h"
