/* rules-codelists-private.h
 *
 * The code lists of rules-codelists-data.c, for rules-codelists.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-validate-util-private.h"

extern const DvCodeList dv_cl_uncl1001_invoice;
extern const DvCodeList dv_cl_uncl1001_credit;
extern const DvCodeList dv_cl_iso4217;
extern const DvCodeList dv_cl_uncl2005;
extern const DvCodeList dv_cl_uncl1153;
extern const DvCodeList dv_cl_iso6523;
extern const DvCodeList dv_cl_uncl7143;
extern const DvCodeList dv_cl_iso3166_address;
extern const DvCodeList dv_cl_iso3166;
extern const DvCodeList dv_cl_uncl4461;
extern const DvCodeList dv_cl_uncl5305;
extern const DvCodeList dv_cl_uncl5189;
extern const DvCodeList dv_cl_uncl7161;
extern const DvCodeList dv_cl_vatex;
extern const DvCodeList dv_cl_rec20;
extern const DvCodeList dv_cl_mime;
extern const DvCodeList dv_cl_eas;
