/* dokus-intervat.c
 *
 * The parts of Intervat's XML files that the periodic VAT return and the
 * annual client listing share: the declarant read from the book's profile,
 * text and amount nodes, and the tree written out as UTF-8 (see
 * dokus-intervat-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-intervat-private.h"

static char *
column_dup (sqlite3_stmt *stmt, int col, bool *ok)
{
  const char *t = (const char *) sqlite3_column_text (stmt, col);
  char *copy;

  if (t == NULL || t[0] == '\0')
    return NULL;
  copy = strdup (t);
  if (copy == NULL)
    *ok = false;
  return copy;
}

static bool
ten_digits (const char *s)
{
  size_t n = 0;

  while (s[n] >= '0' && s[n] <= '9')
    n++;
  return n == 10 && s[n] == '\0';
}

DokusStatus
dokus_intervat_declarant_load (sqlite3 *db, DokusIntervatDeclarant *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT vat_number, enterprise_number, vat_regime, vat_period,"
                               " country, name, street, postal_code, city, email"
                               " FROM profile WHERE id = 1",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;
  bool ok = true;

  memset (out, 0, sizeof *out);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *vat = (const char *) sqlite3_column_text (stmt, 0);
      const char *ent = (const char *) sqlite3_column_text (stmt, 1);
      /* Intervat wants the ten digits of the number, without "BE" */
      snprintf (out->vat_digits, sizeof out->vat_digits, "%s",
                vat != NULL && strlen (vat) == 12 ? vat + 2 : ent ? ent : "");
      out->franchise = strcmp ((const char *) sqlite3_column_text (stmt, 2), "franchise") == 0;
      out->quarterly = strcmp ((const char *) sqlite3_column_text (stmt, 3), "quarter") == 0;
      snprintf (out->country, sizeof out->country, "%s", sqlite3_column_text (stmt, 4));
      out->name = column_dup (stmt, 5, &ok);
      out->street = column_dup (stmt, 6, &ok);
      out->postal_code = column_dup (stmt, 7, &ok);
      out->city = column_dup (stmt, 8, &ok);
      out->email = column_dup (stmt, 9, &ok);
      if (!ok)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      else if (!ten_digits (out->vat_digits))
        /* BEVATNumber: the schema's only required declarant field */
        st = dokus_error_set (err, DOKUS_ERR_REFUSED, "vat_number",
                              "Intervat needs the book's Belgian VAT number (BE and ten digits): "
                              "set vat_number or enterprise_number in the profile");
    }
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                          "the book has no profile yet: set it first (dokus-cli init)");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the profile", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    dokus_intervat_declarant_clear (out);
  return st;
}

void
dokus_intervat_declarant_clear (DokusIntervatDeclarant *d)
{
  free (d->name);
  free (d->street);
  free (d->postal_code);
  free (d->city);
  free (d->email);
  memset (d, 0, sizeof *d);
}

xmlNodePtr
dokus_intervat_add_text (xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text,
                         bool *ok)
{
  xmlNodePtr node;

  if (parent == NULL)
    return NULL;
  /* xmlNewTextChild, unlike xmlNewChild, escapes '&' and '<' in the text */
  node = xmlNewTextChild (parent, ns, BAD_CAST name, BAD_CAST text);
  if (node == NULL)
    *ok = false;
  return node;
}

static bool
email_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
         || c == '-' || c == '.';
}

/* IntervatInputCommon_v0_9.xsd, EMail_Type: the whole address matches
 * ([a-zA-Z0-9_\-\.]+)@([a-zA-Z0-9_\-\.]+)\.([a-zA-Z]{2,5}): no '+', and a
 * last label of two to five letters (".consulting" does not fit). The
 * element is optional: an address that does not fit is left out. */
static bool
email_fits (const char *email)
{
  const char *at = strchr (email, '@'), *dot, *p;

  if (at == NULL || at == email)
    return false;
  for (p = email; p < at; p++)
    if (!email_char (*p))
      return false;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1)
    return false;
  for (p = at + 1; p < dot; p++)
    if (!email_char (*p))
      return false;
  for (p = dot + 1; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
      return false;
  return p - dot - 1 >= 2 && p - dot - 1 <= 5;
}

/* The schema's maxLength counts characters: UTF-8 lead bytes. */
static bool
fits_length (const char *text, size_t max)
{
  size_t n = 0;

  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    n += (*p & 0xC0) != 0x80;
  return n <= max;
}

/* An optional declarant child, when the profile has it and the schema's
 * length allows it (Name and Street 200, PostCode 15, City 184). */
static void
add_optional (xmlNodePtr node, xmlNsPtr common, const char *name, const char *text, size_t max,
              bool *ok)
{
  if (text != NULL && fits_length (text, max))
    dokus_intervat_add_text (node, common, name, text, ok);
}

void
dokus_intervat_add_declarant (xmlNodePtr parent, xmlNsPtr ns, xmlNsPtr common,
                              const DokusIntervatDeclarant *d, bool *ok)
{
  xmlNodePtr node = parent ? xmlNewChild (parent, ns, BAD_CAST "Declarant", NULL) : NULL;

  if (node == NULL)
    {
      *ok = false;
      return;
    }
  dokus_intervat_add_text (node, common, "VATNumber", d->vat_digits, ok);
  add_optional (node, common, "Name", d->name, 200, ok);
  add_optional (node, common, "Street", d->street, 200, ok);
  add_optional (node, common, "PostCode", d->postal_code, 15, ok);
  add_optional (node, common, "City", d->city, 184, ok);
  if (d->country[0])
    dokus_intervat_add_text (node, common, "CountryCode", d->country, ok);
  if (d->email && email_fits (d->email))
    dokus_intervat_add_text (node, common, "EmailAddress", d->email, ok);
}

void
dokus_intervat_set_amount_prop (xmlNodePtr node, const char *name, DokusCents cents, bool *ok)
{
  char a[DOKUS_MONEY_TEXT];

  if (node == NULL
      || xmlNewProp (node, BAD_CAST name, BAD_CAST dokus_cents_format (cents, a)) == NULL)
    *ok = false;
}

xmlDocPtr
dokus_intervat_new_consignment (const char *root_name, const char *ns_uri, const char *count_attr,
                                xmlNodePtr *root, xmlNsPtr *ns, xmlNsPtr *common, bool *ok)
{
  xmlDocPtr doc;

  xmlInitParser ();
  doc = xmlNewDoc (BAD_CAST "1.0");
  *root = doc ? xmlNewNode (NULL, BAD_CAST root_name) : NULL;
  if (*root != NULL)
    xmlDocSetRootElement (doc, *root);
  *ns = *root ? xmlNewNs (*root, BAD_CAST ns_uri, BAD_CAST "ns2") : NULL;
  *common = *root ? xmlNewNs (*root, BAD_CAST DOKUS_INTERVAT_COMMON_NS, NULL) : NULL;
  if (*ns == NULL || *common == NULL)
    *ok = false;
  else
    xmlSetNs (*root, *ns);
  if (*ok && xmlNewProp (*root, BAD_CAST count_attr, BAD_CAST "1") == NULL)
    *ok = false;
  return doc;
}

DokusStatus
dokus_intervat_dump_take (xmlDocPtr doc, bool ok, char **out, DokusError *err)
{
  xmlChar *mem = NULL;
  int size = 0;

  *out = NULL;
  if (ok && doc != NULL)
    xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  if (mem != NULL)
    {
      /* libxml2's allocator may not be ours (Windows): copy into malloc'd text */
      *out = malloc ((size_t) size + 1);
      if (*out != NULL)
        {
          memcpy (*out, mem, (size_t) size);
          (*out)[size] = '\0';
        }
      xmlFree (mem);
    }
  if (*out == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return DOKUS_OK;
}
