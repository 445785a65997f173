/* dokus-types.h
 *
 * Forward declarations of every opaque type in libdokus, and the small
 * macros the public headers share, so that headers never include each
 * other in a circle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define DOKUS_WARN_UNUSED_RESULT __attribute__ ((warn_unused_result))
#else
#define DOKUS_WARN_UNUSED_RESULT
#endif

#if defined(_WIN32)
#define DOKUS_PUBLIC __declspec (dllexport)
#elif defined(__GNUC__)
#define DOKUS_PUBLIC __attribute__ ((visibility ("default")))
#else
#define DOKUS_PUBLIC
#endif

typedef struct DokusBook DokusBook;
typedef struct DokusError DokusError;
