/* dokus-cli-ubl-show.c
 *
 * dokus-cli ubl show FILE [--json] [--language nl|fr|de|en]: a readable
 * summary of a Peppol BIS Billing 3.0 invoice or credit note (received or
 * our own) without importing it: the parties, number, type, dates,
 * references, lines, VAT breakdown, totals, payment instructions,
 * attachments and the validator's verdict in one line (`ubl validate`
 * lists every finding). Reads with dokus_ubl_read(); amounts are printed
 * exactly as the document's decimals, only regrouped for the language.
 * --json prints the reader's JSON (dokus-ubl-read.h) with "file" and
 * "validation" {valid, fatal, warnings, rules (the first fatal rule ids),
 * release, error} added. Exit 0 when the document could be read (even if
 * it breaks rules), 1 when it cannot be read or parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

/* how many fatal rule ids the one-line verdict names */
#define VERDICT_RULES 3

typedef enum {
  L_INVOICE,
  L_CREDIT_NOTE,
  L_TYPE,
  L_ISSUE_DATE,
  L_DUE_DATE,
  L_PERIOD,
  L_SUPPLIER,
  L_CUSTOMER,
  L_VAT,
  L_COMPANY,
  L_PEPPOL,
  L_REFERENCES,
  L_BUYER_REF,
  L_ORDER,
  L_CONTRACT,
  L_PROJECT,
  L_CORRECTS,
  L_NOTE,
  L_LINES,
  L_VAT_BREAKDOWN,
  L_TAXABLE,
  L_TOTALS,
  L_LINE_TOTAL,
  L_ALLOWANCES,
  L_CHARGES,
  L_EXCL_VAT,
  L_INCL_VAT,
  L_PREPAID,
  L_ROUNDING,
  L_PAYABLE,
  L_PAYMENT,
  L_PAY_REF,
  L_TERMS,
  L_ATTACHMENTS,
  L_BYTES,
  L_LINK,
  L_VALIDATION,
  L_VALID,
  L_INVALID,
  L_FATAL,
  L_NOT_CHECKED,
  N_LABELS
} Label;

typedef struct {
  const char *code;  /* "en" */
  char        decimal, group[4];
  const char *date;  /* "D/M/Y" or "D.M.Y": the separator between */
  const char *text[N_LABELS];
} Language;

static const Language languages[] = {
  { "en", '.', ",", "/",
    { "Invoice", "Credit note", "type", "Issue date", "Due date", "Period", "Supplier",
      "Customer", "VAT", "Company no.", "Peppol", "References", "buyer", "order", "contract",
      "project", "corrects", "Note", "Lines", "VAT breakdown", "taxable", "Totals",
      "Sum of lines", "Allowances", "Charges", "Total excl. VAT", "Total incl. VAT",
      "Paid in advance", "Rounding", "Amount due", "Payment", "reference", "Terms",
      "Attachments", "bytes", "link", "Validation", "valid", "INVALID", "fatal",
      "not checked" } },
  { "nl", ',', ".", "/",
    { "Factuur", "Creditnota", "type", "Factuurdatum", "Vervaldatum", "Periode", "Leverancier",
      "Klant", "btw", "Ondernemingsnr.", "Peppol", "Referenties", "koper", "bestelling",
      "contract", "project", "corrigeert", "Opmerking", "Lijnen", "Btw-overzicht",
      "maatstaf", "Totalen", "Som van de lijnen", "Kortingen", "Toeslagen",
      "Totaal excl. btw", "Totaal incl. btw", "Reeds betaald", "Afronding", "Te betalen",
      "Betaling", "mededeling", "Voorwaarden", "Bijlagen", "bytes", "link", "Validatie",
      "geldig", "ONGELDIG", "fataal", "niet gecontroleerd" } },
  { "fr", ',', " ", "/",
    { "Facture", "Note de crédit", "type", "Date de facture", "Échéance", "Période",
      "Fournisseur", "Client", "TVA", "N° d'entreprise", "Peppol", "Références", "acheteur",
      "commande", "contrat", "projet", "corrige", "Remarque", "Lignes", "Récapitulatif TVA",
      "base", "Totaux", "Somme des lignes", "Remises", "Frais", "Total HTVA", "Total TVAC",
      "Déjà payé", "Arrondi", "À payer", "Paiement", "communication", "Conditions",
      "Annexes", "octets", "lien", "Validation", "valide", "INVALIDE", "bloquante(s)",
      "non vérifié" } },
  { "de", ',', ".", ".",
    { "Rechnung", "Gutschrift", "Typ", "Rechnungsdatum", "Fällig am", "Zeitraum",
      "Lieferant", "Kunde", "MwSt.", "Unternehmensnr.", "Peppol", "Referenzen", "Käufer",
      "Bestellung", "Vertrag", "Projekt", "korrigiert", "Hinweis", "Positionen",
      "MwSt.-Aufstellung", "Bemessungsgrundlage", "Summen", "Summe der Positionen",
      "Nachlässe", "Zuschläge", "Summe ohne MwSt.", "Summe mit MwSt.", "Bereits bezahlt",
      "Rundung", "Zu zahlen", "Zahlung", "Verwendungszweck", "Bedingungen", "Anhänge",
      "Bytes", "Link", "Validierung", "gültig", "UNGÜLTIG", "fatal", "nicht geprüft" } },
};

static const char show_help[] =
  "Shows a Peppol BIS Billing 3.0 invoice or credit note (UBL) without importing it:\n"
  "parties, dates, references, lines, VAT breakdown, totals, payment and attachments,\n"
  "and the validator's verdict in one line (see 'ubl validate' for every finding).\n"
  "Labels, numbers and dates follow --language (default en).\n"
  "Exit status 0 when the document could be read, else 1. FILE - reads stdin.";

/* ---- formatting ---- */

/* @s, a decimal string ("-1234.50", "7"), with @lang's separators
 * ("-1.234,50"); other text is copied as it is. Returns @buf. */
static const char *
format_decimal (const char *s, const Language *lang, char *buf, size_t size)
{
  const char *dot, *digits = s;
  size_t n = 0, int_len, glen = strlen (lang->group);

  if (s == NULL || *s == '\0')
    return "";
  if (*digits == '-' || *digits == '+')
    digits++;
  dot = strchr (digits, '.');
  int_len = dot ? (size_t) (dot - digits) : strlen (digits);
  /* room for the worst case: a group separator per digit */
  if (strspn (digits, "0123456789") != int_len || strlen (s) * (glen + 1) + 2 > size)
    {
      snprintf (buf, size, "%s", s);
      return buf;
    }
  if (*s == '-')
    buf[n++] = '-';
  for (size_t i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        {
          memcpy (buf + n, lang->group, glen);
          n += glen;
        }
      buf[n++] = digits[i];
    }
  if (dot != NULL)
    {
      buf[n++] = lang->decimal;
      for (const char *p = dot + 1; *p; p++)
        buf[n++] = *p;
    }
  buf[n] = '\0';
  return buf;
}

/* "2017-11-13" as "13/11/2017" (de: "13.11.2017"); anything else as it is */
static const char *
format_date (const char *iso, const Language *lang, char *buf, size_t size)
{
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    snprintf (buf, size, "%s", iso ? iso : "");
  else
    snprintf (buf, size, "%.2s%s%.2s%s%.4s", iso + 8, lang->date, iso + 5, lang->date, iso);
  return buf;
}

static const char *
member (const cJSON *o, const char *key)
{
  return dokus_cli_str (o, key);
}

/* an amount member @key of @o with the document's currency, or "" when null */
static const char *
money (const cJSON *o, const char *key, const char *currency, const Language *lang, char *buf,
       size_t size)
{
  char num[96];

  if (!member (o, key)[0])
    return "";
  snprintf (buf, size, "%s %s", format_decimal (member (o, key), lang, num, sizeof num),
            currency);
  return buf;
}

/* "  Label: value" if the value is not empty */
static void
print_field (const char *label, const char *value)
{
  if (value != NULL && value[0])
    printf ("  %s: %s\n", label, value);
}

/* ---- the sections ---- */

static void
print_party (const char *title, const cJSON *party, const Language *lang)
{
  const char *name = member (party, "name"), *legal = member (party, "legal_name");

  if (!cJSON_IsObject (party))
    return;
  printf ("%s: %s", title, name);
  if (legal[0] && strcmp (legal, name) != 0)
    printf (" (%s)", legal);
  printf ("\n");
  print_field (lang->text[L_VAT], member (party, "vat_id"));
  if (member (party, "company_id")[0])
    printf ("  %s: %s%s%s\n", lang->text[L_COMPANY], member (party, "company_id"),
            member (party, "company_id_scheme")[0] ? " / " : "",
            member (party, "company_id_scheme"));
  if (member (party, "endpoint_id")[0])
    printf ("  %s: %s:%s\n", lang->text[L_PEPPOL], member (party, "endpoint_scheme"),
            member (party, "endpoint_id"));
  if (member (party, "city")[0] || member (party, "street")[0])
    printf ("  %s%s%s %s %s\n", member (party, "street"), member (party, "street")[0] ? ", " : "",
            member (party, "postal_zone"), member (party, "city"), member (party, "country"));
}

static void
print_reference (bool *first, const char *label, const char *value)
{
  if (value == NULL || !value[0])
    return;
  printf ("%s%s %s", *first ? "" : "; ", label, value);
  *first = false;
}

static void
print_references (const cJSON *doc, const Language *lang)
{
  const cJSON *b;
  bool first = true;

  printf ("%s: ", lang->text[L_REFERENCES]);
  print_reference (&first, lang->text[L_BUYER_REF], member (doc, "buyer_reference"));
  print_reference (&first, lang->text[L_ORDER], member (doc, "order_reference"));
  print_reference (&first, lang->text[L_CONTRACT], member (doc, "contract_reference"));
  print_reference (&first, lang->text[L_PROJECT], member (doc, "project_reference"));
  cJSON_ArrayForEach (b, cJSON_GetObjectItem (doc, "billing_references"))
    print_reference (&first, lang->text[L_CORRECTS], member (b, "number"));
  printf ("%s\n", first ? "-" : "");
}

static void
print_lines (const cJSON *doc, const char *currency, const Language *lang)
{
  const cJSON *line;
  char q[96], p[96], net[128];

  printf ("%s:\n", lang->text[L_LINES]);
  cJSON_ArrayForEach (line, cJSON_GetObjectItem (doc, "lines"))
    {
      const cJSON *item = cJSON_GetObjectItem (line, "item");
      const cJSON *price = cJSON_GetObjectItem (line, "price");
      const cJSON *vat = cJSON_GetObjectItem (line, "vat");
      const char *base = member (price, "base_quantity");

      printf ("  %s. %s\n", member (line, "id"), member (item, "name"));
      if (member (item, "description")[0])
        printf ("     %s\n", member (item, "description"));
      printf ("     %s %s × %s %s%s%s = %s   %s %s %s%%\n",
              format_decimal (member (line, "quantity"), lang, q, sizeof q),
              member (line, "unit"), format_decimal (member (price, "amount"), lang, p, sizeof p),
              currency, base[0] && strcmp (base, "1") != 0 ? " / " : "",
              base[0] && strcmp (base, "1") != 0 ? base : "",
              money (line, "net_amount", currency, lang, net, sizeof net), lang->text[L_VAT],
              member (vat, "category"), member (vat, "rate"));
    }
}

static void
print_vat_breakdown (const cJSON *doc, const char *currency, const Language *lang)
{
  const cJSON *row;
  char taxable[128], tax[128];

  printf ("%s:\n", lang->text[L_VAT_BREAKDOWN]);
  cJSON_ArrayForEach (row, cJSON_GetObjectItem (doc, "vat_breakdown"))
    {
      money (row, "taxable", currency, lang, taxable, sizeof taxable);
      money (row, "tax", currency, lang, tax, sizeof tax);
      printf ("  %s %s%%: %s %s, %s %s", member (row, "category"), member (row, "rate"),
              lang->text[L_TAXABLE], taxable, lang->text[L_VAT], tax);
      if (member (row, "exemption_reason")[0] || member (row, "exemption_code")[0])
        printf (" (%s%s%s)", member (row, "exemption_code"),
                member (row, "exemption_code")[0] && member (row, "exemption_reason")[0] ? " "
                                                                                          : "",
                member (row, "exemption_reason"));
      printf ("\n");
    }
}

static void
print_totals (const cJSON *doc, const char *currency, const Language *lang)
{
  static const struct {
    Label       label;
    const char *key;
  } rows[] = {
    { L_LINE_TOTAL, "line_extension" }, { L_ALLOWANCES, "allowance_total" },
    { L_CHARGES, "charge_total" },      { L_EXCL_VAT, "tax_exclusive" },
    { L_VAT, "vat" },                   { L_INCL_VAT, "tax_inclusive" },
    { L_PREPAID, "prepaid" },           { L_ROUNDING, "rounding" },
  };
  const cJSON *totals = cJSON_GetObjectItem (doc, "totals");
  char buf[128];

  printf ("%s:\n", lang->text[L_TOTALS]);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    print_field (lang->text[rows[i].label],
                 money (totals, rows[i].key, currency, lang, buf, sizeof buf));
  printf ("%s: %s", lang->text[L_PAYABLE],
          money (totals, "payable", currency, lang, buf, sizeof buf));
  if (member (doc, "due_date")[0])
    printf (" (%s %s)", lang->text[L_DUE_DATE],
            format_date (member (doc, "due_date"), lang, buf, sizeof buf));
  printf ("\n");
}

static void
print_payment (const cJSON *doc, const Language *lang)
{
  const cJSON *means;

  cJSON_ArrayForEach (means, cJSON_GetObjectItem (doc, "payment_means"))
    {
      printf ("%s: %s", lang->text[L_PAYMENT],
              member (means, "iban")[0] ? member (means, "iban") : member (means, "code"));
      if (member (means, "bic")[0])
        printf (" (BIC %s)", member (means, "bic"));
      if (member (means, "account_name")[0])
        printf (", %s", member (means, "account_name"));
      if (member (means, "payment_id")[0])
        printf (", %s %s", lang->text[L_PAY_REF], member (means, "payment_id"));
      printf ("\n");
    }
  if (member (doc, "payment_terms")[0])
    printf ("%s: %s\n", lang->text[L_TERMS], member (doc, "payment_terms"));
}

static void
print_attachments (const cJSON *doc, const Language *lang)
{
  const cJSON *a, *list = cJSON_GetObjectItem (doc, "attachments");

  if (cJSON_GetArraySize (list) == 0)
    return;
  printf ("%s:\n", lang->text[L_ATTACHMENTS]);
  cJSON_ArrayForEach (a, list)
    {
      const cJSON *size = cJSON_GetObjectItem (a, "size");
      const char *name = member (a, "filename")[0] ? member (a, "filename") : member (a, "id");
      if (cJSON_IsNumber (size))
        printf ("  %s (%s, %.0f %s)", name, member (a, "mime_type"), cJSON_GetNumberValue (size),
                lang->text[L_BYTES]);
      else
        printf ("  %s (%s %s)", name, lang->text[L_LINK], member (a, "uri"));
      if (member (a, "description")[0])
        printf (": %s", member (a, "description"));
      printf ("\n");
    }
}

static void
print_verdict (const cJSON *v, const Language *lang)
{
  const cJSON *rule;
  bool first = true;
  int fatal = (int) cJSON_GetNumberValue (cJSON_GetObjectItem (v, "fatal"));

  printf ("%s: ", lang->text[L_VALIDATION]);
  if (member (v, "error")[0])
    {
      printf ("%s (%s)\n", lang->text[L_NOT_CHECKED], member (v, "error"));
      return;
    }
  if (cJSON_IsTrue (cJSON_GetObjectItem (v, "valid")))
    {
      printf ("%s (%s)\n", lang->text[L_VALID], member (v, "release"));
      return;
    }
  printf ("%s: %d %s (", lang->text[L_INVALID], fatal, lang->text[L_FATAL]);
  cJSON_ArrayForEach (rule, cJSON_GetObjectItem (v, "rules"))
    {
      printf ("%s%s", first ? "" : ", ", cJSON_IsString (rule) ? rule->valuestring : "");
      first = false;
    }
  printf ("%s); dokus-cli ubl validate\n", fatal > VERDICT_RULES ? ", …" : "");
}

static void
print_summary (const cJSON *doc, const Language *lang)
{
  const char *currency = member (doc, "currency");
  const cJSON *period = cJSON_GetObjectItem (doc, "invoice_period");
  const cJSON *note;
  char d1[32], d2[32];

  printf ("%s %s (%s %s, %s)\n",
          strcmp (member (doc, "type"), "credit_note") == 0 ? lang->text[L_CREDIT_NOTE]
                                                            : lang->text[L_INVOICE],
          member (doc, "number"), lang->text[L_TYPE], member (doc, "type_code"), currency);
  printf ("%s: %s\n", lang->text[L_ISSUE_DATE],
          format_date (member (doc, "issue_date"), lang, d1, sizeof d1));
  if (member (doc, "due_date")[0])
    printf ("%s: %s\n", lang->text[L_DUE_DATE],
            format_date (member (doc, "due_date"), lang, d1, sizeof d1));
  if (cJSON_IsObject (period))
    printf ("%s: %s - %s\n", lang->text[L_PERIOD],
            format_date (member (period, "start"), lang, d1, sizeof d1),
            format_date (member (period, "end"), lang, d2, sizeof d2));
  print_party (lang->text[L_SUPPLIER], cJSON_GetObjectItem (doc, "supplier"), lang);
  print_party (lang->text[L_CUSTOMER], cJSON_GetObjectItem (doc, "buyer"), lang);
  print_references (doc, lang);
  cJSON_ArrayForEach (note, cJSON_GetObjectItem (doc, "notes"))
    if (cJSON_IsString (note))
      printf ("%s: %s\n", lang->text[L_NOTE], note->valuestring);
  print_lines (doc, currency, lang);
  print_vat_breakdown (doc, currency, lang);
  print_totals (doc, currency, lang);
  print_payment (doc, lang);
  print_attachments (doc, lang);
  print_verdict (cJSON_GetObjectItem (doc, "validation"), lang);
}

/* ---- reading and validating ---- */

/* The validator's verdict on @xml as {valid, fatal, warnings, rules,
 * release, error}: the first VERDICT_RULES distinct fatal rule ids. */
static cJSON *
verdict_new (const char *xml, size_t len)
{
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  cJSON *v = cJSON_CreateObject (), *rules;
  size_t n_rules = 0, count;

  if (v == NULL || (rules = cJSON_CreateArray ()) == NULL)
    {
      cJSON_Delete (v);
      return NULL;
    }
  cJSON_AddStringToObject (v, "release", dokus_ubl_validate_release ());
  if (dokus_ubl_validate (xml, len, &report, &err) != DOKUS_OK)
    {
      cJSON_AddBoolToObject (v, "valid", false);
      cJSON_AddStringToObject (v, "error", err.message);
      cJSON_AddItemToObject (v, "rules", rules);
      return v;
    }
  count = dokus_ubl_report_count (report);
  cJSON_AddBoolToObject (v, "valid", dokus_ubl_report_valid (report));
  cJSON_AddNumberToObject (v, "fatal", (double) dokus_ubl_report_fatal_count (report));
  cJSON_AddNumberToObject (v, "warnings",
                           (double) (count - dokus_ubl_report_fatal_count (report)));
  for (size_t i = 0; i < count && n_rules < VERDICT_RULES; i++)
    {
      const char *rule = dokus_ubl_report_rule (report, i);
      bool seen = false;
      const cJSON *r;
      if (strcmp (dokus_ubl_report_flag (report, i), "fatal") != 0)
        continue;
      cJSON_ArrayForEach (r, rules)
        seen = seen || strcmp (r->valuestring, rule) == 0;
      if (!seen && cJSON_AddItemToArray (rules, cJSON_CreateString (rule)))
        n_rules++;
    }
  cJSON_AddItemToObject (v, "rules", rules);
  dokus_ubl_report_free (report);
  return v;
}

/* The reader's JSON of @xml with "file" and "validation"; NULL with @err. */
static cJSON *
document_new (const char *path, const char *xml, size_t len, DokusError *err)
{
  DokusPurchaseDoc *doc = NULL;
  char *json = NULL;
  cJSON *o = NULL, *verdict;

  if (dokus_ubl_read (xml, len, &doc, err) != DOKUS_OK
      || dokus_purchase_doc_to_json (doc, &json, err) != DOKUS_OK)
    goto out;
  o = cJSON_Parse (json);
  verdict = o != NULL ? verdict_new (xml, len) : NULL;
  if (verdict == NULL || !cJSON_AddStringToObject (o, "file", path)
      || !cJSON_AddItemToObject (o, "validation", verdict))
    {
      cJSON_Delete (verdict);
      cJSON_Delete (o);
      o = NULL;
      dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
out:
  free (json);
  dokus_purchase_doc_free (doc);
  return o;
}

static const Language *
find_language (const char *code)
{
  for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
    if (strcmp (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

int
dokus_cli_ubl_show (int argc, char **argv)
{
  DokusCliOption options[] = { { .name = "--language", .takes_value = true }, { 0 } };
  DokusCliCommand cmd = { .usage = "ubl show FILE [--json] [--language nl|fr|de|en]",
                          .help = show_help, .min_args = 1, .max_args = 1,
                          .options = options };
  const Language *lang = &languages[0];
  DokusError err = { 0 };
  char *xml;
  cJSON *doc;
  int rc = dokus_cli_parse (&cmd, argc - 1, argv + 1);

  if (rc >= 0)
    return rc;
  if (options[0].seen && (lang = find_language (options[0].value)) == NULL)
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "--language",
                       "unknown language '%s': expected nl, fr, de or en", options[0].value);
      return dokus_cli_report (&cmd, &err);
    }
  xml = dokus_cli_read_file (cmd.args[0], &err);
  doc = xml != NULL ? document_new (cmd.args[0], xml, strlen (xml), &err) : NULL;
  free (xml);
  if (doc == NULL)
    return dokus_cli_report (&cmd, &err);
  if (cmd.json)
    {
      char *text = cJSON_Print (doc);
      if (text != NULL)
        puts (text);
      free (text);
    }
  else
    print_summary (doc, lang);
  cJSON_Delete (doc);
  return 0;
}
