/* dokus-validate-families.c
 *
 * The list of rule families the engine runs, in this order. A family is a
 * table of (rule id, check) in its own file; adding one is a line here,
 * its extern declaration below, and its file in meson.build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-validate-en16931-private.h"

extern const DokusValFamily dokus_val_family_structure;
extern const DokusValFamily dokus_val_family_peppol;
extern const DokusValFamily dokus_val_family_peppol_common;
extern const DokusValFamily dokus_val_family_codelists;
extern const DokusValFamily dokus_val_family_ubl_sr_dt;
extern const DokusValFamily dokus_val_family_national;
extern const DokusValFamily dokus_val_family_ubl_cr;

const DokusValFamily *const dokus_val_families[] = {
  &dokus_val_family_structure,
  &dokus_val_family_en16931_core,
  &dokus_val_family_en16931_vat,
  &dokus_val_family_peppol,
  &dokus_val_family_peppol_common,
  &dokus_val_family_codelists,
  &dokus_val_family_ubl_sr_dt,
  &dokus_val_family_national,
  &dokus_val_family_ubl_cr,
};

const size_t dokus_val_n_families = sizeof dokus_val_families / sizeof dokus_val_families[0];
