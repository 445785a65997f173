/* dokus.h
 *
 * The whole public API of libdokus. Include this, not the parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-types.h"
#include "dokus-error.h"
#include "dokus-platform.h"
#include "dokus-book.h"
#include "dokus-vfs.h"
