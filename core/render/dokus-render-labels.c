/* dokus-render-labels.c
 *
 * The words printed on an invoice, in its language (the client's, passed
 * in explicitly: never the interface locale, STYLE.md "i18n"). Data, one
 * row per label in the order nl, fr, de, en; the unit and country names
 * likewise. The legal mentions themselves are core/vat's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-render-private.h"

typedef struct {
  const char *nl, *fr, *de, *en;
} Words;

static const Words labels[DOKUS_LABEL_COUNT] = {
  [DOKUS_LABEL_INVOICE] = { "Factuur", "Facture", "Rechnung", "Invoice" },
  [DOKUS_LABEL_CREDIT_NOTE] = { "Creditnota", "Note de crédit", "Gutschrift", "Credit note" },
  [DOKUS_LABEL_NUMBER] = { "Nummer", "Numéro", "Nummer", "Number" },
  [DOKUS_LABEL_ISSUE_DATE] = { "Datum", "Date", "Datum", "Date" },
  [DOKUS_LABEL_DUE_DATE] = { "Vervaldatum", "Échéance", "Fälligkeitsdatum", "Due date" },
  [DOKUS_LABEL_DELIVERY_DATE] = { "Leveringsdatum", "Date de livraison", "Lieferdatum",
                                  "Delivery date" },
  [DOKUS_LABEL_DELIVERY_COUNTRY] = { "Geleverd in", "Livré en", "Lieferung nach",
                                     "Delivered to" },
  [DOKUS_LABEL_CREDITED_INVOICE] = { "Betreft factuur", "Concerne la facture",
                                     "Betrifft Rechnung", "Credits invoice" },
  [DOKUS_LABEL_BUYER_REFERENCE] = { "Uw referentie", "Votre référence", "Ihre Referenz",
                                    "Your reference" },
  [DOKUS_LABEL_ORDER_REFERENCE] = { "Bestelling", "Commande", "Bestellung", "Order" },
  [DOKUS_LABEL_CUSTOMER] = { "Klant", "Client", "Kunde", "Customer" },
  [DOKUS_LABEL_VAT_NUMBER] = { "Btw-nr.", "N° TVA", "USt-IdNr.", "VAT no." },
  [DOKUS_LABEL_ENTERPRISE_NUMBER] = { "Ondernemingsnr.", "N° d'entreprise", "Unternehmensnr.",
                                      "Enterprise no." },
  [DOKUS_LABEL_EMAIL] = { "E-mail", "E-mail", "E-Mail", "E-mail" },
  [DOKUS_LABEL_LEGAL_FORM] = { "Rechtsvorm", "Forme juridique", "Rechtsform", "Legal form" },
  [DOKUS_LABEL_DESCRIPTION] = { "Omschrijving", "Description", "Beschreibung", "Description" },
  [DOKUS_LABEL_QUANTITY] = { "Aantal", "Quantité", "Menge", "Quantity" },
  [DOKUS_LABEL_UNIT_PRICE] = { "Eenheidsprijs", "Prix unitaire", "Einzelpreis", "Unit price" },
  [DOKUS_LABEL_VAT] = { "Btw", "TVA", "MwSt.", "VAT" },
  [DOKUS_LABEL_NET] = { "Bedrag excl. btw", "Montant HTVA", "Netto", "Net amount" },
  [DOKUS_LABEL_DISCOUNT] = { "Korting", "Remise", "Rabatt", "Discount" },
  [DOKUS_LABEL_ALLOWANCE] = { "Korting", "Remise", "Nachlass", "Allowance" },
  [DOKUS_LABEL_CHARGE] = { "Toeslag", "Supplément", "Zuschlag", "Charge" },
  [DOKUS_LABEL_VAT_SUMMARY] = { "Btw-overzicht", "Récapitulatif TVA", "MwSt.-Aufstellung",
                                "VAT breakdown" },
  [DOKUS_LABEL_VAT_RATE] = { "Tarief", "Taux", "Satz", "Rate" },
  [DOKUS_LABEL_TAXABLE_AMOUNT] = { "Maatstaf van heffing", "Base imposable",
                                   "Bemessungsgrundlage", "Taxable amount" },
  [DOKUS_LABEL_VAT_AMOUNT] = { "Btw-bedrag", "Montant TVA", "MwSt.-Betrag", "VAT amount" },
  [DOKUS_LABEL_TOTAL_LINES] = { "Totaal lijnen", "Total des lignes", "Summe Positionen",
                                "Sum of lines" },
  [DOKUS_LABEL_TOTAL_EXCL_VAT] = { "Totaal excl. btw", "Total HTVA", "Summe netto",
                                   "Total excl. VAT" },
  [DOKUS_LABEL_TOTAL_VAT] = { "Btw", "TVA", "MwSt.", "VAT" },
  [DOKUS_LABEL_TOTAL_INCL_VAT] = { "Totaal incl. btw", "Total TVAC", "Gesamtbetrag",
                                   "Total incl. VAT" },
  [DOKUS_LABEL_AMOUNT_DUE] = { "Te betalen", "À payer", "Zu zahlen", "Amount due" },
  [DOKUS_LABEL_CREDIT_TOTAL] = { "Totaal creditnota", "Total note de crédit",
                                 "Gutschriftsbetrag", "Credit note total" },
  [DOKUS_LABEL_PAYMENT] = { "Betaling", "Paiement", "Zahlung", "Payment" },
  [DOKUS_LABEL_STRUCTURED_COMMUNICATION] = { "Gestructureerde mededeling",
                                             "Communication structurée",
                                             "Strukturierte Mitteilung",
                                             "Structured communication" },
  [DOKUS_LABEL_PAY_BY] = { "Te betalen vóór", "À payer avant le", "Zahlbar bis", "Payable by" },
  [DOKUS_LABEL_SCAN_TO_PAY] = { "Scan om te betalen", "Scannez pour payer",
                                "Zum Bezahlen scannen", "Scan to pay" },
  [DOKUS_LABEL_CREDIT_SETTLEMENT] = {
    "Dit bedrag wordt verrekend met de factuur of terugbetaald.",
    "Ce montant est déduit de la facture ou remboursé.",
    "Dieser Betrag wird mit der Rechnung verrechnet oder erstattet.",
    "This amount is set off against the invoice or refunded." },
  [DOKUS_LABEL_MENTIONS] = { "Vermeldingen", "Mentions", "Hinweise", "Notes" },
  [DOKUS_LABEL_PAGE] = { "Pagina", "Page", "Seite", "Page" },
};

static const char *
pick (const Words *w, const char *language)
{
  if (language != NULL && strcmp (language, "nl") == 0)
    return w->nl;
  if (language != NULL && strcmp (language, "fr") == 0)
    return w->fr;
  if (language != NULL && strcmp (language, "de") == 0)
    return w->de;
  return w->en;
}

const char *
dokus_render_label (DokusLabel label, const char *language)
{
  if ((unsigned) label >= DOKUS_LABEL_COUNT)
    return "";
  return pick (&labels[label], language);
}

const char *
dokus_render_unit (const char *code, const char *language)
{
  static const struct {
    const char *code;
    Words words;
  } units[] = {
    { "C62", { "", "", "", "" } },
    { "H87", { "", "", "", "" } },
    { "EA", { "", "", "", "" } },
    { "HUR", { "uur", "h", "Std.", "h" } },
    { "MIN", { "min", "min", "Min.", "min" } },
    { "DAY", { "dag", "jour", "Tag", "day" } },
    { "WEE", { "week", "semaine", "Woche", "week" } },
    { "MON", { "maand", "mois", "Monat", "month" } },
    { "ANN", { "jaar", "an", "Jahr", "year" } },
    { "LS", { "forfait", "forfait", "Pauschale", "lump sum" } },
    { "KGM", { "kg", "kg", "kg", "kg" } },
    { "MTR", { "m", "m", "m", "m" } },
    { "MTK", { "m²", "m²", "m²", "m²" } },
    { "KMT", { "km", "km", "km", "km" } },
    { "LTR", { "l", "l", "l", "l" } },
    { "PR", { "paar", "paire", "Paar", "pair" } },
  };

  if (code == NULL)
    return "";
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (strcmp (code, units[i].code) == 0)
      return pick (&units[i].words, language);
  return code;
}

const char *
dokus_render_country (const char *code, const char *language)
{
  static const struct {
    const char *code;
    Words words;
  } countries[] = {
    { "BE", { "België", "Belgique", "Belgien", "Belgium" } },
    { "NL", { "Nederland", "Pays-Bas", "Niederlande", "Netherlands" } },
    { "FR", { "Frankrijk", "France", "Frankreich", "France" } },
    { "DE", { "Duitsland", "Allemagne", "Deutschland", "Germany" } },
    { "LU", { "Luxemburg", "Luxembourg", "Luxemburg", "Luxembourg" } },
    { "AT", { "Oostenrijk", "Autriche", "Österreich", "Austria" } },
    { "IT", { "Italië", "Italie", "Italien", "Italy" } },
    { "ES", { "Spanje", "Espagne", "Spanien", "Spain" } },
    { "PT", { "Portugal", "Portugal", "Portugal", "Portugal" } },
    { "IE", { "Ierland", "Irlande", "Irland", "Ireland" } },
    { "DK", { "Denemarken", "Danemark", "Dänemark", "Denmark" } },
    { "SE", { "Zweden", "Suède", "Schweden", "Sweden" } },
    { "FI", { "Finland", "Finlande", "Finnland", "Finland" } },
    { "PL", { "Polen", "Pologne", "Polen", "Poland" } },
    { "CZ", { "Tsjechië", "Tchéquie", "Tschechien", "Czechia" } },
    { "GB", { "Verenigd Koninkrijk", "Royaume-Uni", "Vereinigtes Königreich",
              "United Kingdom" } },
    { "CH", { "Zwitserland", "Suisse", "Schweiz", "Switzerland" } },
    { "US", { "Verenigde Staten", "États-Unis", "Vereinigte Staaten", "United States" } },
  };

  if (code == NULL)
    return "";
  for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++)
    if (strcmp (code, countries[i].code) == 0)
      return pick (&countries[i].words, language);
  return code;
}

const char *
dokus_render_str (const cJSON *o, const char *key)
{
  const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive (o, key) : NULL;
  return cJSON_IsString (v) && v->valuestring[0] != '\0' ? v->valuestring : NULL;
}
