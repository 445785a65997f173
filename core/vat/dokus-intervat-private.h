/* dokus-intervat-private.h
 *
 * What the Intervat XML files of the VAT return and the client listing
 * share: the common namespace, the declarant (the book's profile) and
 * writing a libxml2 tree out as UTF-8 text. Element order and optional
 * fields follow the SPF Finances' schemas (NewTVA-in_v0_9.xsd and
 * IntervatInputCommon_v0_9.xsd for the return; docs/vat.md says what
 * was checked against what).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include <libxml/tree.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-money.h"

#define DOKUS_INTERVAT_COMMON_NS "http://www.minfin.fgov.be/InputCommon"

typedef struct {
  char  vat_digits[DOKUS_ENTERPRISE_TEXT]; /* the VAT number without "BE": "0417497106" */
  char  country[3];
  bool  franchise;
  bool  quarterly;
  char *name, *street, *postal_code, *city, *email; /* NULL when absent */
} DokusIntervatDeclarant;

/* Reads the profile. DOKUS_ERR_REFUSED (field "profile") without one,
 * (field "vat_number") when it gives no ten-digit Belgian number. */
DokusStatus dokus_intervat_declarant_load (sqlite3 *db, DokusIntervatDeclarant *out,
                                           DokusError *err);
void dokus_intervat_declarant_clear (DokusIntervatDeclarant *d);

/* A text child of @parent (NULL propagates: returns NULL), its content
 * escaped by libxml2. Sets *@ok false when the node could not be made. */
xmlNodePtr dokus_intervat_add_text (xmlNodePtr parent, xmlNsPtr ns, const char *name,
                                    const char *text, bool *ok);

/* Adds <Declarant> in @ns under @parent, its children in @common: VATNumber,
 * then Name, Street, PostCode, City, CountryCode and EmailAddress where the
 * profile has them (the schema makes them optional, in this order) and
 * where they fit the schema's types (lengths, EMail_Type's pattern); one
 * that does not is left out. */
void dokus_intervat_add_declarant (xmlNodePtr parent, xmlNsPtr ns, xmlNsPtr common,
                                   const DokusIntervatDeclarant *d, bool *ok);

/* Sets attribute @name of @node to @cents as "1234.50". */
void dokus_intervat_set_amount_prop (xmlNodePtr node, const char *name, DokusCents cents,
                                     bool *ok);

/* A new document whose root element @root_name is in @ns_uri (prefix ns2:
 * *@ns) with the common namespace as the default (*@common), as Intervat's
 * examples write them, and @count_attr="1" (one declaration or listing).
 * Sets *@ok false when a node could not be made; NULL without memory.
 * (transfer full): give it to dokus_intervat_dump_take(). */
xmlDocPtr dokus_intervat_new_consignment (const char *root_name, const char *ns_uri,
                                          const char *count_attr, xmlNodePtr *root, xmlNsPtr *ns,
                                          xmlNsPtr *common, bool *ok);

/* Writes @doc (taken: freed, even on error) as indented UTF-8 text.
 * *@out: (transfer full) free() it. DOKUS_ERR_NOMEM when @ok is false
 * (a node could not be made) or the text cannot be. */
DokusStatus dokus_intervat_dump_take (xmlDocPtr doc, bool ok, char **out, DokusError *err);
