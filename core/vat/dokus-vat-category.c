/* dokus-vat-category.c
 *
 * VAT categories, exemption codes and legal mentions (see dokus-vat.h and,
 * for the legal sources of every text, docs/vat.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus/dokus-totals.h"
#include "dokus/dokus-vat.h"

typedef struct {
  DokusVatCase vat_case;
  const char  *code;   /* default VATEX code, or NULL */
  const char  *nl, *fr, *de, *en;
} Mention;

static const Mention mentions[] = {
  { DOKUS_VAT_CASE_DOMESTIC_REVERSE, "VATEX-EU-AE",
    "Verlegging van heffing: btw te voldoen door de medecontractant (art. 20 KB nr. 1)",
    "Autoliquidation : TVA due par le cocontractant (art. 20 AR n° 1)",
    "Umkehrung der Steuerschuldnerschaft: MwSt. vom Vertragspartner geschuldet (Art. 20 KE Nr. 1)",
    "Reverse charge: VAT payable by the co-contractor (art. 20 Royal Decree no. 1)" },
  { DOKUS_VAT_CASE_EU_SERVICES, "VATEX-EU-AE",
    "Verlegging van heffing (art. 21, § 2 WBTW; art. 196 Richtlijn 2006/112/EG)",
    "Autoliquidation (art. 21, § 2 CTVA ; art. 196 directive 2006/112/CE)",
    "Steuerschuldnerschaft des Leistungsempfängers (Art. 21 § 2 MwStGB; Art. 196 Richtlinie 2006/112/EG)",
    "Reverse charge (art. 21 § 2 Belgian VAT Code; art. 196 Directive 2006/112/EC)" },
  { DOKUS_VAT_CASE_INTRA_EU_GOODS, "VATEX-EU-IC",
    "Vrijgestelde intracommunautaire levering (art. 39bis WBTW)",
    "Livraison intracommunautaire exemptée (art. 39bis CTVA)",
    "Steuerfreie innergemeinschaftliche Lieferung (Art. 39bis MwStGB)",
    "Exempt intra-Community supply of goods (art. 39bis Belgian VAT Code)" },
  { DOKUS_VAT_CASE_EXPORT, "VATEX-EU-G",
    "Vrijgesteld van btw: uitvoer (art. 39 WBTW)",
    "Exemption de TVA : exportation (art. 39 CTVA)",
    "Steuerbefreit: Ausfuhr (Art. 39 MwStGB)",
    "Exempt from VAT: export (art. 39 Belgian VAT Code)" },
  { DOKUS_VAT_CASE_OUTSIDE_SCOPE, "VATEX-EU-O",
    "Niet onderworpen aan btw",
    "Hors du champ d'application de la TVA",
    "Nicht der MwSt. unterliegend",
    "Not subject to VAT" },
  { DOKUS_VAT_CASE_EXEMPT, "VATEX-EU-132",
    "Vrijgesteld van btw (art. 44 WBTW)",
    "Exemption de TVA (art. 44 CTVA)",
    "Steuerbefreit (Art. 44 MwStGB)",
    "Exempt from VAT (art. 44 Belgian VAT Code)" },
  { DOKUS_VAT_CASE_FRANCHISE, NULL,
    "Bijzondere vrijstellingsregeling kleine ondernemingen",
    "Régime particulier de franchise des petites entreprises",
    "Sonderregelung für Kleinunternehmen",
    "Special exemption scheme for small enterprises" },
};

static const char *
pick (const char *language, const char *nl, const char *fr, const char *de, const char *en)
{
  if (language != NULL && strcmp (language, "nl") == 0)
    return nl;
  if (language != NULL && strcmp (language, "fr") == 0)
    return fr;
  if (language != NULL && strcmp (language, "de") == 0)
    return de;
  return en;
}

bool
dokus_vat_category_is_valid (const char *category)
{
  return category != NULL && dokus_vat_category_index (category) >= 0;
}

bool
dokus_vat_category_requires_zero_rate (const char *category)
{
  return strcmp (category, "S") != 0;
}

DokusVatCase
dokus_vat_case (const char *category, bool franchise, const char *client_country)
{
  if (strcmp (category, "AE") == 0)
    return client_country != NULL && strcmp (client_country, "BE") == 0
               ? DOKUS_VAT_CASE_DOMESTIC_REVERSE
               : DOKUS_VAT_CASE_EU_SERVICES;
  if (strcmp (category, "K") == 0)
    return DOKUS_VAT_CASE_INTRA_EU_GOODS;
  if (strcmp (category, "G") == 0)
    return DOKUS_VAT_CASE_EXPORT;
  if (strcmp (category, "O") == 0)
    return DOKUS_VAT_CASE_OUTSIDE_SCOPE;
  if (strcmp (category, "E") == 0)
    return franchise ? DOKUS_VAT_CASE_FRANCHISE : DOKUS_VAT_CASE_EXEMPT;
  return DOKUS_VAT_CASE_STANDARD;
}

/* Exemption codes of the CEF VATEX list that mean "exempt" (category E),
 * rather than reverse charge, intra-EU, export or out of scope. */
static const char *const exempt_codes[] = {
  "VATEX-EU-79-C", "VATEX-EU-132", "VATEX-EU-132-1A", "VATEX-EU-132-1B", "VATEX-EU-132-1C",
  "VATEX-EU-132-1D", "VATEX-EU-132-1E", "VATEX-EU-132-1F", "VATEX-EU-132-1G", "VATEX-EU-132-1H",
  "VATEX-EU-132-1I", "VATEX-EU-132-1J", "VATEX-EU-132-1K", "VATEX-EU-132-1L", "VATEX-EU-132-1M",
  "VATEX-EU-132-1N", "VATEX-EU-132-1O", "VATEX-EU-132-1P", "VATEX-EU-132-1Q", "VATEX-EU-143",
  "VATEX-EU-143-1A", "VATEX-EU-143-1B", "VATEX-EU-143-1C", "VATEX-EU-143-1D", "VATEX-EU-143-1E",
  "VATEX-EU-143-1F", "VATEX-EU-143-1FA", "VATEX-EU-143-1G", "VATEX-EU-143-1H", "VATEX-EU-143-1I",
  "VATEX-EU-143-1J", "VATEX-EU-143-1K", "VATEX-EU-143-1L", "VATEX-EU-148", "VATEX-EU-148-A",
  "VATEX-EU-148-B", "VATEX-EU-148-C", "VATEX-EU-148-D", "VATEX-EU-148-E", "VATEX-EU-148-F",
  "VATEX-EU-148-G", "VATEX-EU-151", "VATEX-EU-151-1A", "VATEX-EU-151-1AA", "VATEX-EU-151-1B",
  "VATEX-EU-151-1C", "VATEX-EU-151-1D", "VATEX-EU-151-1E", "VATEX-EU-309", "VATEX-EU-D",
  "VATEX-EU-F", "VATEX-EU-I", "VATEX-EU-J",
};

DokusStatus
dokus_vat_exemption_check (const char *category, const char *code, const char *field,
                           DokusError *err)
{
  const char *only = NULL;

  if (code == NULL)
    return DOKUS_OK;
  if (strcmp (category, "S") == 0 || strcmp (category, "Z") == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "category %s takes no exemption reason", category);
  if (strcmp (category, "AE") == 0)
    only = "VATEX-EU-AE";
  else if (strcmp (category, "K") == 0)
    only = "VATEX-EU-IC";
  else if (strcmp (category, "G") == 0)
    only = "VATEX-EU-G";
  else if (strcmp (category, "O") == 0)
    only = "VATEX-EU-O";
  if (only != NULL)
    {
      if (strcmp (code, only) != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "category %s takes exemption reason %s, not '%s'", category, only,
                                code);
      return DOKUS_OK;
    }
  for (size_t i = 0; i < sizeof exempt_codes / sizeof exempt_codes[0]; i++)
    if (strcmp (code, exempt_codes[i]) == 0)
      return DOKUS_OK;
  return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "'%s' is not a VATEX exemption code for category E (e.g. VATEX-EU-132)",
                          code);
}

const char *
dokus_vat_exemption_code (DokusVatCase vat_case, const char *given)
{
  if (vat_case == DOKUS_VAT_CASE_STANDARD || vat_case == DOKUS_VAT_CASE_FRANCHISE)
    return NULL;
  if (given != NULL)
    return given;
  for (size_t i = 0; i < sizeof mentions / sizeof mentions[0]; i++)
    if (mentions[i].vat_case == vat_case)
      return mentions[i].code;
  return NULL;
}

const char *
dokus_vat_mention (DokusVatCase vat_case, const char *language)
{
  for (size_t i = 0; i < sizeof mentions / sizeof mentions[0]; i++)
    if (mentions[i].vat_case == vat_case)
      return pick (language, mentions[i].nl, mentions[i].fr, mentions[i].de, mentions[i].en);
  return NULL;
}

const char *
dokus_vat_credit_note_mention (const char *language)
{
  return pick (language,
               "Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk in aftrek "
               "werd gebracht",
               "TVA à reverser à l'État dans la mesure où elle a été initialement déduite",
               "An den Staat zurückzuzahlende MwSt., soweit sie ursprünglich abgezogen wurde",
               "VAT to be repaid to the State to the extent that it was originally deducted");
}

const char *
dokus_vat_triangulation_mention (const char *language)
{
  /* The customer C is liable (Directive 2006/112/EC art. 141 and 197), so
   * B's invoice must carry the uniform reverse-charge mention of art. 226
   * (11a), in Belgium art. 5, § 1, 9°bis of royal decree no. 1 of
   * 29.12.1992 ("Btw verlegd" / "Autoliquidation"). The SPF Finances makes
   * it a material condition of the simplification, which an invoice
   * without it loses and which no later note can repair (circular
   * 2020/C/50 point 7.4.3.3.5, completed by circular 2023/C/51; CJEU
   * C-247/21 Luxury Trust Automobil). Hence those words first, as the law
   * spells them; docs/vat.md. */
  return pick (language,
               "Btw verlegd: vereenvoudigd intracommunautair driehoeksverkeer, de btw is "
               "verschuldigd door de afnemer (art. 141 en 197 Richtlijn 2006/112/EG; "
               "art. 5, § 1, 9°bis KB nr. 1)",
               "Autoliquidation : opération triangulaire intracommunautaire simplifiée, "
               "la TVA est due par le destinataire (art. 141 et 197 de la directive 2006/112/CE ; "
               "art. 5, § 1er, 9°bis, AR n° 1)",
               "Steuerschuldnerschaft des Leistungsempfängers: vereinfachtes "
               "innergemeinschaftliches Dreiecksgeschäft (Art. 141 und 197 der Richtlinie "
               "2006/112/EG; Art. 5 § 1 Nr. 9bis K.E. Nr. 1)",
               "Reverse charge: simplified intra-Community triangular operation, VAT due by the "
               "recipient (articles 141 and 197 of Directive 2006/112/EC; article 5, § 1, "
               "9°bis of Royal Decree no. 1)");
}
