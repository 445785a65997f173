/* check-vat-return.c
 *
 * Suite "vat-return": the Belgian periodic VAT return, the annual client
 * listing and the intra-Community listing, from books built through the
 * public API (profile, clients, invoices, credit notes, purchases). Every
 * expected grid is worked by hand in a comment; the mapping and its
 * sources are docs/vat.md. The Intervat XML is parsed back with libxml2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

#define VAT_NS "http://www.minfin.fgov.be/VATConsignment"
#define COMMON_NS "http://www.minfin.fgov.be/InputCommon"
#define INTRA_NS "http://www.minfin.fgov.be/IntraConsignment"
#define LISTING_NS "http://www.minfin.fgov.be/ClientListingConsignment"

#define ADDRESS                                                                            \
  "\"address\":{\"street\":\"Veldstraat 1\",\"postal_code\":\"9000\",\"city\":\"Gent\","  \
  "\"country\":\"BE\"},\"email\":\"boek@janssens.be\""
#define QUARTERLY                                                                          \
  "{\"name\":\"Janssens & Co\",\"enterprise_number\":\"0417497106\",\"vat_period\":"       \
  "\"quarter\"," ADDRESS "}"
#define MONTHLY                                                                            \
  "{\"name\":\"Janssens & Co\",\"enterprise_number\":\"0417497106\",\"vat_period\":"       \
  "\"month\"," ADDRESS "}"
#define FRANCHISE                                                                          \
  "{\"name\":\"Klein\",\"enterprise_number\":\"0417497106\",\"vat_regime\":\"franchise\"," \
  ADDRESS "}"

static char *dir;
static DokusBook *book;
/* clients of every test book */
static char be_person[DOKUS_ID_TEXT], be_acme[DOKUS_ID_TEXT], nl_biz[DOKUS_ID_TEXT];
static char de_biz[DOKUS_ID_TEXT], us_biz[DOKUS_ID_TEXT];

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2027-01-10T09:00:00Z", 1);
  setenv ("DOKUS_TODAY", "2027-01-10", 1);
  book = dokus_test_book_new (&dir, NULL);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

/* Sets @profile and adds the five clients every test may invoice. */
static void
book_with (const char *profile)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_profile_set (book, profile, &err);

  ck_assert_msg (st == DOKUS_OK, "profile: %s (%s)", err.message, err.field);
  dokus_test_add_client (book, "{\"name\":\"Jan Peeters\",\"address\":{\"country\":\"BE\"}}",
                         be_person);
  dokus_test_add_client (
    book,
    "{\"name\":\"Acme NV\",\"vat_number\":\"BE0403196732\",\"address\":{\"street\":"
    "\"Kerkstraat 2\",\"postal_code\":\"1000\",\"city\":\"Brussel\",\"country\":\"BE\"}}",
    be_acme);
  dokus_test_add_client (
    book,
    "{\"name\":\"Dutch BV\",\"vat_number\":\"NL004495445B01\",\"address\":{\"country\":"
    "\"NL\"}}",
    nl_biz);
  dokus_test_add_client (
    book,
    "{\"name\":\"German GmbH\",\"vat_number\":\"DE136695976\",\"address\":{\"country\":"
    "\"DE\"}}",
    de_biz);
  dokus_test_add_client (book, "{\"name\":\"US Inc\",\"address\":{\"country\":\"US\"}}", us_biz);
}

static char *
vformat (const char *fmt, va_list ap)
{
  va_list copy;
  int n;
  char *s;

  va_copy (copy, ap);
  n = vsnprintf (NULL, 0, fmt, copy);
  va_end (copy);
  ck_assert (n >= 0);
  s = malloc ((size_t) n + 1);
  ck_assert (s != NULL);
  vsnprintf (s, (size_t) n + 1, fmt, ap);
  return s;
}

/* Creates and issues an invoice to @client on @date with the lines
 * @lines_fmt (a JSON array, printf-style); *@number gets its number. */
static void
invoice (const char *client, const char *date, char number[DOKUS_NUMBER_TEXT],
         const char *lines_fmt, ...)
{
  char issued[DOKUS_NUMBER_TEXT], *lines, *json;
  va_list ap;

  va_start (ap, lines_fmt);
  lines = vformat (lines_fmt, ap);
  va_end (ap);
  json = malloc (strlen (lines) + 256);
  ck_assert (json != NULL);
  /* intra-EU goods (K) need the delivery (BR-IC-11, BR-IC-12): to Germany */
  if (strstr (lines, "\"K\"") != NULL)
    sprintf (json, "{\"client\":\"%s\",\"issue_date\":\"%s\",\"delivery\":{\"date\":\"%s\","
                   "\"country\":\"DE\"},\"lines\":%s}",
             client, date, date, lines);
  else
    sprintf (json, "{\"client\":\"%s\",\"issue_date\":\"%s\",\"lines\":%s}", client, date,
             lines);
  dokus_test_issue_invoice (book, json, issued);
  if (number != NULL)
    strcpy (number, issued);
  free (lines);
  free (json);
}

/* Credits @number on @date: whole with @lines NULL, else those lines. */
static void
credit (const char *number, const char *date, const char *lines)
{
  DokusError err = { 0 };
  DokusIssueResult res;
  char id[DOKUS_ID_TEXT], json[1024];
  DokusStatus st;

  if (lines != NULL)
    snprintf (json, sizeof json, "{\"issue_date\":\"%s\",\"lines\":%s}", date, lines);
  else
    snprintf (json, sizeof json, "{\"issue_date\":\"%s\"}", date);
  st = dokus_invoice_credit (book, number, json, id, &err);
  ck_assert_msg (st == DOKUS_OK, "credit: %s (%s)", err.message, err.field);
  st = dokus_document_issue (book, id, &res, &err);
  ck_assert_msg (st == DOKUS_OK, "issue credit: %s (%s)", err.message, err.field);
}

/* Records a purchase (dokus-expense.h), JSON printf-style. */
static void
purchase (const char *fmt, ...)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT], *json;
  va_list ap;
  DokusStatus st;

  va_start (ap, fmt);
  json = vformat (fmt, ap);
  va_end (ap);
  st = dokus_expense_add (book, json, NULL, 0, id, &err);
  ck_assert_msg (st == DOKUS_OK, "purchase: %s (%s) in %s", err.message, err.field, json);
  free (json);
}

/* The return of @period, parsed (cJSON_Delete() it). */
static cJSON *
vat_return (const char *period)
{
  DokusError err = { 0 };
  char *text = NULL;
  DokusStatus st = dokus_vat_return (book, period, &text, &err);
  cJSON *o;

  ck_assert_msg (st == DOKUS_OK, "return %s: %s (%s)", period, err.message, err.field);
  o = cJSON_Parse (text);
  ck_assert_msg (o != NULL, "not JSON: %s", text);
  free (text);
  return o;
}

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (cJSON_IsString (m), "%s is not a string", key);
  return m->valuestring;
}

/* Checks that the grids of @period are exactly @expected
 * ("03=1000.00 54=210.00 71=210.00"): those values, and no other grid. */
static void
grids_are (const char *period, const char *expected)
{
  cJSON *o = vat_return (period);
  const cJSON *grids = cJSON_GetObjectItemCaseSensitive (o, "grids");
  char buf[512], *save = NULL;
  int n = 0;

  ck_assert_msg (cJSON_IsObject (grids), "%s has no grids", period);
  snprintf (buf, sizeof buf, "%s", expected);
  for (char *tok = strtok_r (buf, " ", &save); tok; tok = strtok_r (NULL, " ", &save))
    {
      char *eq = strchr (tok, '=');
      const cJSON *g;
      ck_assert (eq != NULL);
      *eq = '\0';
      g = cJSON_GetObjectItemCaseSensitive (grids, tok);
      ck_assert_msg (cJSON_IsString (g), "%s: grid %s missing", period, tok);
      ck_assert_msg (strcmp (g->valuestring, eq + 1) == 0, "%s: grid %s is %s, expected %s",
                     period, tok, g->valuestring, eq + 1);
      n++;
    }
  if (cJSON_GetArraySize (grids) != n)
    {
      char *all = cJSON_PrintUnformatted (grids);
      ck_abort_msg ("%s: grids %s, expected only %s", period, all, expected);
    }
  cJSON_Delete (o);
}

static void
return_fails (const char *period, DokusStatus want, const char *field)
{
  DokusError err = { 0 };
  char *text = NULL;
  DokusStatus st = dokus_vat_return (book, period, &text, &err);

  ck_assert_msg (st == want, "%s: wanted %s, got %s: %s", period, dokus_status_name (want),
                 dokus_status_name (st), err.message);
  ck_assert_str_eq (err.field, field);
  ck_assert (text == NULL);
  st = dokus_vat_return_xml (book, period, &text, &err);
  ck_assert (st == want && text == NULL);
}

/* The IC listing of @period as "VAT:CODE=AMOUNT ..." in its order. */
static void
ic_lines_are (const char *period, const char *expected, const char *total)
{
  DokusError err = { 0 };
  char *text = NULL, got[512] = "";
  DokusStatus st = dokus_ic_listing (book, period, &text, &err);
  const cJSON *l;
  cJSON *o;

  ck_assert_msg (st == DOKUS_OK, "ic %s: %s", period, err.message);
  o = cJSON_Parse (text);
  free (text);
  ck_assert (o != NULL);
  cJSON_ArrayForEach (l, cJSON_GetObjectItem (o, "lines"))
    {
      size_t len = strlen (got);
      snprintf (got + len, sizeof got - len, "%s%s:%s=%s", len ? " " : "", str (l, "vat_number"),
                str (l, "code"), str (l, "amount"));
    }
  ck_assert_str_eq (got, expected);
  ck_assert_str_eq (str (o, "total"), total);
  ck_assert_str_eq (str (o, "period"), period);
  cJSON_Delete (o);
}

/* ---- XML helpers ---------------------------------------------------------------- */

static xmlDocPtr
parse_xml (const char *text)
{
  xmlDocPtr doc = xmlReadMemory (text, (int) strlen (text), "return.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ck_assert_msg (doc != NULL, "not well-formed XML:\n%s", text);
  return doc;
}

/* The first element child of @node named @name in namespace @ns. */
static xmlNodePtr
child (xmlNodePtr node, const char *ns, const char *name)
{
  ck_assert_msg (node != NULL, "no parent for %s", name);
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0 && c->ns
        && strcmp ((const char *) c->ns->href, ns) == 0)
      return c;
  ck_abort_msg ("no element %s in %s", name, node->name);
  return NULL;
}

static void
content_is (xmlNodePtr node, const char *want)
{
  xmlChar *text = xmlNodeGetContent (node);
  ck_assert_msg (text != NULL && strcmp ((const char *) text, want) == 0, "%s is '%s', not '%s'",
                 node->name, text ? (const char *) text : "(null)", want);
  xmlFree (text);
}

static void
prop_is (xmlNodePtr node, const char *name, const char *want)
{
  xmlChar *v = xmlGetProp (node, BAD_CAST name);
  ck_assert_msg (v != NULL && strcmp ((const char *) v, want) == 0, "%s@%s is '%s', not '%s'",
                 node->name, name, v ? (const char *) v : "(null)", want);
  xmlFree (v);
}

/* The Amount of grid @grid in VATDeclaration/Data, or NULL. */
static xmlNodePtr
amount_of (xmlNodePtr data, const char *grid)
{
  for (xmlNodePtr c = data->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, "Amount") == 0)
      {
        xmlChar *g = xmlGetProp (c, BAD_CAST "GridNumber");
        bool match = g != NULL && strcmp ((const char *) g, grid) == 0;
        xmlFree (g);
        if (match)
          return c;
      }
  return NULL;
}

static int
count_elements (xmlNodePtr node, const char *name)
{
  int n = 0;
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0)
      n++;
  return n;
}

/* ---- sales ------------------------------------------------------------------------ */

START_TEST (test_vat_return_standard_rates_go_to_01_02_03_and_54)
{
  char id[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  book_with (QUARTERLY);
  /* Q3, not in Q4: 700.00 at 21 % -> VAT 147.00 */
  invoice (be_person, "2026-09-30", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                          "\"unit_price\":\"700\",\"vat_rate\":\"21\"}]");
  /* 1000.00 at 21 % -> 03, VAT 210.00 */
  invoice (be_person, "2026-10-01", NULL, "[{\"description\":\"b\",\"quantity\":\"1\","
                                          "\"unit_price\":\"1000\",\"vat_rate\":\"21\"}]");
  /* 200.00 at 6 % -> 01, VAT 12.00 */
  invoice (be_acme, "2026-10-02", NULL, "[{\"description\":\"c\",\"quantity\":\"1\","
                                        "\"unit_price\":\"200\",\"vat_rate\":\"6\"}]");
  /* 333.33 at 12 % -> 02, VAT 39.9996 -> 40.00; 100.00 at 21 % -> 03, VAT 21.00 */
  invoice (be_person, "2026-10-03", NULL,
           "[{\"description\":\"d\",\"quantity\":\"1\",\"unit_price\":\"333.33\",\"vat_rate\":"
           "\"12\"},{\"description\":\"e\",\"quantity\":\"1\",\"unit_price\":\"100\","
           "\"vat_rate\":\"21\"}]");
  /* twice 0.07 at 21 %: VAT 0.0147 -> 0.01 on each invoice, so 54 gets 0.02 (VAT is
   * summed as each document rounded it), not round (0.14 × 21 %) = 0.03 */
  invoice (be_person, "2026-10-04", NULL, "[{\"description\":\"f\",\"quantity\":\"1\","
                                          "\"unit_price\":\"0.07\",\"vat_rate\":\"21\"}]");
  invoice (be_person, "2026-10-05", NULL, "[{\"description\":\"g\",\"quantity\":\"1\","
                                          "\"unit_price\":\"0.07\",\"vat_rate\":\"21\"}]");
  /* a draft counts nowhere */
  ck_assert (dokus_invoice_create (book,
                                   "{\"client\":\"Jan Peeters\",\"issue_date\":\"2026-10-06\","
                                   "\"lines\":[{\"description\":\"x\",\"quantity\":\"1\","
                                   "\"unit_price\":\"5000\",\"vat_rate\":\"21\"}]}",
                                   id, &err)
             == DOKUS_OK);
  /* 01 = 200.00; 02 = 333.33; 03 = 1000 + 100 + 0.07 + 0.07 = 1100.14;
   * 54 = 210 + 12 + 40 + 21 + 0.01 + 0.01 = 283.02; 71 = 54 = 283.02 */
  grids_are ("2026-Q4", "01=200.00 02=333.33 03=1100.14 54=283.02 71=283.02");
  grids_are ("2026-Q3", "03=700.00 54=147.00 71=147.00");
}
END_TEST

START_TEST (test_vat_return_zero_rated_and_exempt_go_to_00)
{
  book_with (QUARTERLY);
  /* Z (0 %): 150.00; E (art. 44): 80.00 -> 00 = 230.00, no VAT */
  invoice (be_person, "2026-11-02", NULL, "[{\"description\":\"paper\",\"quantity\":\"1\","
                                          "\"unit_price\":\"150\",\"vat_category\":\"Z\"}]");
  invoice (be_person, "2026-11-03", NULL, "[{\"description\":\"lesson\",\"quantity\":\"2\","
                                          "\"unit_price\":\"40\",\"vat_category\":\"E\"}]");
  grids_are ("2026-Q4", "00=230.00 71=0.00");
}
END_TEST

START_TEST (test_vat_return_eu_services_go_to_44_and_credit_notes_to_48)
{
  char number[DOKUS_NUMBER_TEXT];

  book_with (QUARTERLY);
  /* AE to a Dutch business: 2000.00 -> 44; a credit note of 500.00 -> 48 (not off 44) */
  invoice (nl_biz, "2026-10-10", number, "[{\"description\":\"consulting\",\"quantity\":\"20\","
                                         "\"unit_price\":\"100\",\"vat_category\":\"AE\"}]");
  credit (number, "2026-11-10",
          "[{\"description\":\"discount\",\"quantity\":\"1\",\"unit_price\":\"500\","
          "\"vat_category\":\"AE\"}]");
  grids_are ("2026-Q4", "44=2000.00 48=500.00 71=0.00");
  /* the IC listing nets them: S 2000.00 − 500.00 = 1500.00 */
  ic_lines_are ("2026-Q4", "NL004495445B01:S=1500.00", "1500.00");
  ic_lines_are ("2026-10", "NL004495445B01:S=2000.00", "2000.00");
  ic_lines_are ("2026-11", "NL004495445B01:S=-500.00", "-500.00");
}
END_TEST

START_TEST (test_vat_return_domestic_reverse_charge_goes_to_45)
{
  book_with (QUARTERLY);
  /* AE to a Belgian co-contractor: 1500.00 -> 45; not an intra-Community operation */
  invoice (be_acme, "2026-12-01", NULL, "[{\"description\":\"works\",\"quantity\":\"1\","
                                        "\"unit_price\":\"1500\",\"vat_category\":\"AE\"}]");
  grids_are ("2026-Q4", "45=1500.00 71=0.00");
  ic_lines_are ("2026-Q4", "", "0.00");
}
END_TEST

START_TEST (test_vat_return_intra_eu_goods_go_to_46_and_the_ic_listing_as_l)
{
  char number[DOKUS_NUMBER_TEXT];

  book_with (QUARTERLY);
  /* K to a German business: 3000.00 -> 46; credited 1000.00 -> 48 */
  invoice (de_biz, "2026-10-05", number, "[{\"description\":\"machine\",\"quantity\":\"3\","
                                         "\"unit_price\":\"1000\",\"vat_category\":\"K\"}]");
  /* and a service to the same business: AE 400.00 -> 44 */
  invoice (de_biz, "2026-10-06", NULL, "[{\"description\":\"installation\",\"quantity\":\"1\","
                                       "\"unit_price\":\"400\",\"vat_category\":\"AE\"}]");
  credit (number, "2026-10-20",
          "[{\"description\":\"returned\",\"quantity\":\"1\",\"unit_price\":\"1000\","
          "\"vat_category\":\"K\"}]");
  /* 48 = 1000.00 (the credit note on 46) */
  grids_are ("2026-Q4", "44=400.00 46=3000.00 48=1000.00 71=0.00");
  /* L = 3000 − 1000 = 2000.00, S = 400.00; total 2400.00 */
  ic_lines_are ("2026-Q4", "DE136695976:L=2000.00 DE136695976:S=400.00", "2400.00");
}
END_TEST

START_TEST (test_vat_return_triangulation_goes_to_46_and_the_ic_listing_as_t)
{
  DokusError err = { 0 };
  DokusIssueResult res;
  char id[DOKUS_ID_TEXT], *text = NULL;
  const char *k_line = "[{\"description\":\"pumps (ABC)\",\"quantity\":\"2\","
                       "\"unit_price\":\"1250\",\"vat_category\":\"K\"}]";
  char json[1024];

  book_with (QUARTERLY);
  /* B (this book) buys from A and sells to C in Germany, goods shipped A -> C:
   * 2 x 1250.00 = 2500.00 -> 46, code T in the listing */
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-11-02\",\"delivery\":{\"date\":"
            "\"2026-10-30\",\"country\":\"DE\",\"triangulation\":true},\"lines\":%s}",
            de_biz, k_line);
  ck_assert_msg (dokus_invoice_create (book, json, id, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_msg (dokus_document_issue (book, id, &res, &err) == DOKUS_OK, "%s", err.message);
  /* and a plain intra-EU supply to the same client: 100.00, code L */
  invoice (de_biz, "2026-11-03", NULL, "[{\"description\":\"spare part\",\"quantity\":\"1\","
                                       "\"unit_price\":\"100\",\"vat_category\":\"K\"}]");
  grids_are ("2026-Q4", "46=2600.00 71=0.00");
  ic_lines_are ("2026-Q4", "DE136695976:L=100.00 DE136695976:T=2500.00", "2600.00");

  /* the document says so, and carries the mention */
  ck_assert (dokus_document_show (book, res.number, &text, &err) == DOKUS_OK);
  ck_assert_msg (strstr (text, "\"triangulation\":true") != NULL, "%s", text);
  /* the client's language is German */
  ck_assert_msg (strstr (text, "\"Steuerschuldnerschaft des Leistungsempfängers: vereinfachtes "
                               "innergemeinschaftliches Dreiecksgeschäft") != NULL,
                 "%s", text);
  free (text);
}
END_TEST

/* B's invoice must open with the uniform reverse-charge words: art. 226
 * (11a) of Directive 2006/112/EC, art. 5, § 1, 9°bis of royal decree no. 1;
 * without them the simplification does not apply (circular 2023/C/51).
 * The words as the law spells them in each language, written by hand. */
START_TEST (test_triangulation_mention_opens_with_the_reverse_charge_words)
{
  static const struct {
    const char *language, *opening, *citation;
  } cases[] = {
    { "nl", "Btw verlegd: vereenvoudigd intracommunautair driehoeksverkeer", "9°bis KB nr. 1" },
    { "fr", "Autoliquidation : opération triangulaire intracommunautaire simplifiée",
      "9°bis, AR n° 1" },
    { "de", "Steuerschuldnerschaft des Leistungsempfängers: vereinfachtes innergemeinschaftliches",
      "Nr. 9bis K.E. Nr. 1" },
    { "en", "Reverse charge: simplified intra-Community triangular operation",
      "9°bis of Royal Decree no. 1" },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const char *m = dokus_vat_triangulation_mention (cases[i].language);
      ck_assert_msg (strncmp (m, cases[i].opening, strlen (cases[i].opening)) == 0, "%s: %s",
                     cases[i].language, m);
      ck_assert_msg (strstr (m, cases[i].citation) != NULL, "%s: %s", cases[i].language, m);
      ck_assert_msg (strstr (m, "141") != NULL && strstr (m, "197") != NULL, "%s", m);
    }
  /* an unknown language falls back to English, as every mention does */
  ck_assert_msg (strncmp (dokus_vat_triangulation_mention ("xx"), "Reverse charge:", 15) == 0, "%s",
                 dokus_vat_triangulation_mention ("xx"));
}
END_TEST

START_TEST (test_triangulation_needs_k_and_a_client_in_another_member_state)
{
  DokusError err = { 0 };
  DokusIssueResult res;
  char id[DOKUS_ID_TEXT], json[1024];

  book_with (QUARTERLY);
  /* services (AE) are no triangular operation */
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-11-02\",\"delivery\":{\"date\":"
            "\"2026-11-02\",\"country\":\"DE\",\"triangulation\":true},\"lines\":[{"
            "\"description\":\"advice\",\"quantity\":\"1\",\"unit_price\":\"10\","
            "\"vat_category\":\"AE\"}]}", de_biz);
  ck_assert (dokus_invoice_create (book, json, id, &err) == DOKUS_OK);
  ck_assert (dokus_document_issue (book, id, &res, &err) == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "delivery.triangulation");
  /* the goods go to C's member state */
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-11-02\",\"delivery\":{\"date\":"
            "\"2026-11-02\",\"country\":\"FR\",\"triangulation\":true},\"lines\":[{"
            "\"description\":\"pump\",\"quantity\":\"1\",\"unit_price\":\"10\","
            "\"vat_category\":\"K\"}]}", de_biz);
  ck_assert (dokus_invoice_create (book, json, id, &err) == DOKUS_OK);
  ck_assert (dokus_document_issue (book, id, &res, &err) == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "delivery.country");
  /* not a boolean */
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-11-02\",\"delivery\":{\"date\":"
            "\"2026-11-02\",\"country\":\"DE\",\"triangulation\":\"yes\"},\"lines\":[{"
            "\"description\":\"pump\",\"quantity\":\"1\",\"unit_price\":\"10\","
            "\"vat_category\":\"K\"}]}", de_biz);
  ck_assert (dokus_invoice_create (book, json, id, &err) == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "delivery.triangulation");
}
END_TEST

START_TEST (test_ic_listing_xml_has_one_client_per_line)
{
  DokusError err = { 0 };
  char *text = NULL, number[DOKUS_NUMBER_TEXT];
  xmlDocPtr doc;
  xmlNodePtr root, listing, declarant, period, c;

  book_with (QUARTERLY);
  /* NL services 2000.00 (S), DE goods 3000.00 (L): AmountSum 5000.00 */
  invoice (de_biz, "2026-10-05", number, "[{\"description\":\"machine\",\"quantity\":\"3\","
                                         "\"unit_price\":\"1000\",\"vat_category\":\"K\"}]");
  invoice (nl_biz, "2026-10-10", NULL, "[{\"description\":\"consulting\",\"quantity\":\"20\","
                                       "\"unit_price\":\"100\",\"vat_category\":\"AE\"}]");
  ck_assert_msg (dokus_ic_listing_xml (book, "2026-Q4", &text, &err) == DOKUS_OK, "%s",
                 err.message);
  doc = parse_xml (text);
  root = xmlDocGetRootElement (doc);
  ck_assert_str_eq ((const char *) root->name, "IntraConsignment");
  ck_assert_str_eq ((const char *) root->ns->href, INTRA_NS);
  prop_is (root, "IntraListingsNbr", "1");
  listing = child (root, INTRA_NS, "IntraListing");
  prop_is (listing, "SequenceNumber", "1");
  prop_is (listing, "ClientsNbr", "2");
  prop_is (listing, "AmountSum", "5000.00");
  declarant = child (listing, INTRA_NS, "Declarant");
  content_is (child (declarant, COMMON_NS, "VATNumber"), "0417497106");
  period = child (listing, INTRA_NS, "Period");
  content_is (child (period, INTRA_NS, "Quarter"), "4");
  content_is (child (period, INTRA_NS, "Year"), "2026");
  ck_assert_int_eq (count_elements (listing, "IntraClient"), 2);
  /* in the listing's order: by VAT number (DE before NL) */
  c = child (listing, INTRA_NS, "IntraClient");
  prop_is (c, "SequenceNumber", "1");
  content_is (child (c, INTRA_NS, "CompanyVATNumber"), "136695976");
  prop_is (child (c, INTRA_NS, "CompanyVATNumber"), "issuedBy", "DE");
  content_is (child (c, INTRA_NS, "Code"), "L");
  content_is (child (c, INTRA_NS, "Amount"), "3000.00");
  c = xmlNextElementSibling (c);
  prop_is (c, "SequenceNumber", "2");
  content_is (child (c, INTRA_NS, "CompanyVATNumber"), "004495445B01");
  prop_is (child (c, INTRA_NS, "CompanyVATNumber"), "issuedBy", "NL");
  content_is (child (c, INTRA_NS, "Code"), "S");
  content_is (child (c, INTRA_NS, "Amount"), "2000.00");
  xmlFreeDoc (doc);
  free (text);

  /* a month whose credit notes outweigh its supplies is refused, not negative */
  credit (number, "2026-11-20",
          "[{\"description\":\"returned\",\"quantity\":\"1\",\"unit_price\":\"1000\","
          "\"vat_category\":\"K\"}]");
  ck_assert (dokus_ic_listing_xml (book, "2026-Q4", &text, &err) == DOKUS_OK);
  free (text);
  text = NULL;
  ck_assert (dokus_ic_listing_xml (book, "2026-11", &text, &err) == DOKUS_ERR_REFUSED);
  ck_assert (text == NULL);
  ck_assert_msg (strstr (err.message, "DE136695976") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_vat_return_exports_and_out_of_scope_go_to_47)
{
  book_with (QUARTERLY);
  /* G (export) 800.00 and O (out of scope) 200.00 to a US client -> 47 = 1000.00 */
  invoice (us_biz, "2026-10-07", NULL, "[{\"description\":\"goods\",\"quantity\":\"1\","
                                       "\"unit_price\":\"800\",\"vat_category\":\"G\"},"
                                       "{\"description\":\"advice\",\"quantity\":\"1\","
                                       "\"unit_price\":\"200\",\"vat_category\":\"O\"}]");
  grids_are ("2026-Q4", "47=1000.00 71=0.00");
}
END_TEST

START_TEST (test_vat_return_credit_notes_go_to_49_and_their_vat_to_64)
{
  char q3[DOKUS_NUMBER_TEXT], q4[DOKUS_NUMBER_TEXT];

  book_with (QUARTERLY);
  /* Q3: 1000.00 at 21 % -> 03, VAT 210.00 */
  invoice (be_acme, "2026-09-30", q3, "[{\"description\":\"a\",\"quantity\":\"1\","
                                      "\"unit_price\":\"1000\",\"vat_rate\":\"21\"}]");
  /* Q4: 500.00 at 21 % -> 03 500.00, 54 105.00 */
  invoice (be_acme, "2026-10-06", q4, "[{\"description\":\"b\",\"quantity\":\"1\","
                                      "\"unit_price\":\"500\",\"vat_rate\":\"21\"}]");
  /* Q4 credit notes: 400.00 of the Q3 invoice (VAT 84.00) and the whole Q4
   * invoice (500.00, VAT 105.00): 49 = 900.00, 64 = 189.00; not off 03 */
  credit (q3, "2026-10-08",
          "[{\"description\":\"a\",\"quantity\":\"1\",\"unit_price\":\"400\","
          "\"vat_rate\":\"21\"}]");
  credit (q4, "2026-10-09", NULL);
  /* XX = 54 = 105.00, YY = 64 = 189.00 -> 72 = 84.00 */
  grids_are ("2026-Q4", "03=500.00 49=900.00 54=105.00 64=189.00 72=84.00");
  grids_are ("2026-Q3", "03=1000.00 54=210.00 71=210.00");
}
END_TEST

/* ---- purchases -------------------------------------------------------------------- */

START_TEST (test_vat_return_eu_saas_goes_to_88_82_55_59)
{
  book_with (QUARTERLY);
  /* an Irish SaaS bill, 100.00: VAT self-assessed at 21 % = 21.00 (art. 21 § 2,
   * art. 51 § 2 WBTW): 88 = 100.00 and 82 = 100.00 (services), 55 = 21.00, fully
   * recoverable 59 = 21.00; XX = 21.00 = YY -> 71 = 0.00 */
  purchase ("{\"date\":\"2026-11-02\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":"
            "\"IE6388047V\",\"country\":\"IE\"},\"category\":\"software\",\"kind\":\"services\","
            "\"vat_treatment\":\"eu_services\",\"lines\":[{\"base\":\"100.00\",\"vat_rate\":"
            "\"21\"}]}");
  grids_are ("2026-Q4", "55=21.00 59=21.00 71=0.00 82=100.00 88=100.00");
}
END_TEST

START_TEST (test_vat_return_intra_eu_acquisitions_go_to_86_81_83_55_59)
{
  book_with (QUARTERLY);
  /* goods for resale from Germany, 500.00: 81 and 86 = 500.00, 55 = 105.00, 59 = 105.00 */
  purchase ("{\"date\":\"2026-10-12\",\"supplier\":{\"name\":\"Teile GmbH\",\"vat_number\":"
            "\"DE129273398\",\"country\":\"DE\"},\"category\":\"stock\",\"kind\":\"goods\","
            "\"vat_treatment\":\"eu_goods\",\"lines\":[{\"base\":\"500.00\",\"vat_rate\":"
            "\"21\"}]}");
  /* a car (investment) from Germany, 1000.00, VAT 210.00 recoverable at 50 %:
   * 83 = 1000.00, 86 += 1000.00 -> 1500.00, 55 += 210.00 -> 315.00,
   * 59 += 105.00 -> 210.00 */
  purchase ("{\"date\":\"2026-10-13\",\"supplier\":{\"name\":\"Auto GmbH\",\"vat_number\":"
            "\"DE811128135\",\"country\":\"DE\"},\"category\":\"car\",\"kind\":\"investment\","
            "\"vat_treatment\":\"eu_goods\",\"vat_recoverable_percent\":\"50\",\"lines\":"
            "[{\"base\":\"1000.00\",\"vat_rate\":\"21\"}]}");
  /* XX = 315.00, YY = 210.00 -> 71 = 105.00 */
  grids_are ("2026-Q4", "55=315.00 59=210.00 71=105.00 81=500.00 83=1000.00 86=1500.00");
}
END_TEST

START_TEST (test_vat_return_other_self_assessed_purchases_go_to_87_56)
{
  book_with (QUARTERLY);
  /* a Belgian subcontractor under art. 20 KB nr. 1, 1000.00: 87 and 82 = 1000.00,
   * 56 = 210.00, 59 = 210.00 */
  purchase ("{\"date\":\"2026-12-01\",\"supplier\":{\"name\":\"Bouw BV\",\"vat_number\":"
            "\"BE0765432146\",\"country\":\"BE\"},\"category\":\"works\",\"kind\":\"services\","
            "\"vat_treatment\":\"reverse_charge\",\"lines\":[{\"base\":\"1000.00\",\"vat_rate\":"
            "\"21\"}]}");
  /* a US service, 200.00: 87 += 200.00 -> 1200.00, 82 -> 1200.00, 56 += 42.00 ->
   * 252.00, 59 -> 252.00; XX = 252.00 = YY -> 71 = 0.00 */
  purchase ("{\"date\":\"2026-12-02\",\"supplier\":{\"name\":\"API Corp\",\"country\":\"US\"},"
            "\"category\":\"software\",\"kind\":\"services\",\"vat_treatment\":"
            "\"non_eu_services\",\"lines\":[{\"base\":\"200.00\",\"vat_rate\":\"21\"}]}");
  grids_are ("2026-Q4", "56=252.00 59=252.00 71=0.00 82=1200.00 87=1200.00");
}
END_TEST

START_TEST (test_vat_return_deducts_vat_rounded_per_purchase)
{
  book_with (QUARTERLY);
  /* two bills of 0.14 + VAT 0.03, recoverable at 50 %: 0.015 -> 0.02 on each
   * (half away from zero), so 59 = 0.04, not round (0.06 × 50 %) = 0.03;
   * 82 = 0.28; YY = 0.04 -> 72 = 0.04 */
  for (int i = 0; i < 2; i++)
    purchase ("{\"date\":\"2026-10-2%d\",\"supplier\":{\"name\":\"Shop %d\",\"country\":\"BE\"},"
              "\"category\":\"office\",\"kind\":\"services\",\"vat_treatment\":\"domestic\","
              "\"vat_recoverable_percent\":\"50\",\"lines\":[{\"base\":\"0.14\",\"vat_rate\":"
              "\"21\",\"vat_amount\":\"0.03\"}]}",
              i, i);
  /* an import: VAT paid at customs is deducted, nothing self-assessed:
   * 81 = 300.00, 59 += 63.00 -> 63.04, 72 = 63.04 */
  purchase ("{\"date\":\"2026-10-25\",\"supplier\":{\"name\":\"Factory Ltd\",\"country\":\"CN\"},"
            "\"category\":\"stock\",\"kind\":\"goods\",\"vat_treatment\":\"import\",\"lines\":"
            "[{\"base\":\"300.00\",\"vat_rate\":\"21\"}]}");
  /* no VAT at all (an exempt insurance premium): still a purchase, 82 += 50.00 */
  purchase ("{\"date\":\"2026-10-26\",\"supplier\":{\"name\":\"Verzekering NV\",\"country\":"
            "\"BE\"},\"category\":\"insurance\",\"kind\":\"services\",\"vat_treatment\":"
            "\"none\",\"lines\":[{\"base\":\"50.00\",\"vat_rate\":\"0\"}]}");
  grids_are ("2026-Q4", "59=63.04 72=63.04 81=300.00 82=50.28");
}
END_TEST

START_TEST (test_vat_return_purchase_credit_notes_go_to_84_85_63)
{
  book_with (QUARTERLY);
  /* a Belgian supplier's credit note, 200.00 + VAT 42.00: 85 = 200.00, the VAT
   * deducted before is repaid: 63 = 42.00 */
  purchase ("{\"date\":\"2026-11-05\",\"supplier\":{\"name\":\"Kantoor NV\",\"vat_number\":"
            "\"BE0200300446\",\"country\":\"BE\"},\"category\":\"office\",\"kind\":\"goods\","
            "\"vat_treatment\":\"domestic\",\"credit_note\":true,\"lines\":[{\"base\":\"200.00\","
            "\"vat_rate\":\"21\",\"vat_amount\":\"42.00\"}]}");
  /* the Irish SaaS supplier's credit note, 100.00: 84 = 100.00, deducted VAT repaid
   * 63 += 21.00 -> 63.00, self-assessed VAT no longer due 62 = 21.00 */
  purchase ("{\"date\":\"2026-11-06\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":"
            "\"IE6388047V\",\"country\":\"IE\"},\"category\":\"software\",\"kind\":\"services\","
            "\"vat_treatment\":\"eu_services\",\"credit_note\":true,\"lines\":[{\"base\":"
            "\"100.00\",\"vat_rate\":\"21\"}]}");
  /* XX = 63 = 63.00, YY = 62 = 21.00 -> 71 = 42.00; nothing off 81-83 */
  grids_are ("2026-Q4", "62=21.00 63=63.00 71=42.00 84=100.00 85=200.00");
}
END_TEST

/* ---- balance and periods ---------------------------------------------------------- */

START_TEST (test_vat_return_refund_quarter_gives_72)
{
  book_with (QUARTERLY);
  /* sales 1000.00 at 21 %: 03 = 1000.00, 54 = 210.00 */
  invoice (be_acme, "2026-10-15", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                        "\"unit_price\":\"1000\",\"vat_rate\":\"21\"}]");
  /* a laptop bought in Belgium, 5000.00 + VAT 1050.00: 83 = 5000.00, 59 = 1050.00 */
  purchase ("{\"date\":\"2026-10-16\",\"supplier\":{\"name\":\"PC Shop\",\"country\":\"BE\"},"
            "\"category\":\"hardware\",\"kind\":\"investment\",\"vat_treatment\":\"domestic\","
            "\"lines\":[{\"base\":\"5000.00\",\"vat_rate\":\"21\",\"vat_amount\":\"1050.00\"}]}");
  /* XX = 210.00, YY = 1050.00 -> 72 = 840.00, and no 71 */
  grids_are ("2026-Q4", "03=1000.00 54=210.00 59=1050.00 72=840.00 83=5000.00");
}
END_TEST

START_TEST (test_vat_return_empty_quarter_gives_71_zero)
{
  cJSON *o;

  book_with (QUARTERLY);
  grids_are ("2026-Q4", "71=0.00");
  o = vat_return ("2026-q4");
  ck_assert_str_eq (str (o, "period"), "2026-Q4");
  ck_assert_str_eq (str (o, "from"), "2026-10-01");
  ck_assert_str_eq (str (o, "to"), "2026-12-31");
  ck_assert_str_eq (str (o, "return"), "quarter");
  ck_assert_str_eq (str (o, "due_date"), "2027-01-25");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_vat_return_refuses_a_period_that_is_not_the_books)
{
  book_with (QUARTERLY);
  return_fails ("2026-11", DOKUS_ERR_INVALID, "period");
  return_fails ("2026-13", DOKUS_ERR_INVALID, "period");
  return_fails ("2026", DOKUS_ERR_INVALID, "period");
  return_fails (NULL, DOKUS_ERR_INVALID, "period");
}
END_TEST

START_TEST (test_vat_return_monthly_book_files_months)
{
  cJSON *o;

  book_with (MONTHLY);
  return_fails ("2026-Q4", DOKUS_ERR_INVALID, "period");
  /* November: 1000.00 at 21 %; December's invoice is not in it */
  invoice (be_acme, "2026-11-30", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                        "\"unit_price\":\"1000\",\"vat_rate\":\"21\"}]");
  invoice (be_acme, "2026-12-01", NULL, "[{\"description\":\"b\",\"quantity\":\"1\","
                                        "\"unit_price\":\"10\",\"vat_rate\":\"21\"}]");
  grids_are ("2026-11", "03=1000.00 54=210.00 71=210.00");
  o = vat_return ("2026-11");
  ck_assert_str_eq (str (o, "return"), "month");
  ck_assert_str_eq (str (o, "due_date"), "2026-12-20");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_vat_return_franchise_book_files_none)
{
  DokusError err = { 0 };
  char *text = NULL;
  cJSON *o;

  book_with (FRANCHISE);
  invoice (be_acme, "2026-10-01", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                        "\"unit_price\":\"300\"}]");
  o = vat_return ("2026-Q4");
  ck_assert_str_eq (str (o, "period"), "2026-Q4");
  ck_assert_str_eq (str (o, "return"), "none");
  ck_assert (strstr (str (o, "reason"), "56bis") != NULL);
  ck_assert (cJSON_GetObjectItem (o, "grids") == NULL);
  cJSON_Delete (o);
  /* a month too: a franchise book has no filing period */
  o = vat_return ("2026-11");
  ck_assert_str_eq (str (o, "return"), "none");
  cJSON_Delete (o);
  ck_assert (dokus_vat_return_xml (book, "2026-Q4", &text, &err) == DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "vat_regime");
  ck_assert (text == NULL);
  /* it still lists its Belgian VAT-registered clients: 300.00 > 250.00, no VAT */
  ck_assert (dokus_client_listing (book, 2026, &text, &err) == DOKUS_OK);
  o = cJSON_Parse (text);
  free (text);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "clients")), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 0), "turnover"),
                    "300.00");
  ck_assert_str_eq (str (cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 0),
                         "vat_amount"),
                    "0.00");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_vat_return_without_profile_is_refused)
{
  DokusError err = { 0 };
  char *text = NULL;

  ck_assert (dokus_vat_return (book, "2026-Q4", &text, &err) == DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "profile");
  ck_assert (dokus_client_listing (book, 2026, &text, &err) == DOKUS_ERR_REFUSED);
  ck_assert (dokus_ic_listing (book, "2026-Q4", &text, &err) == DOKUS_ERR_REFUSED);
  ck_assert (text == NULL);
}
END_TEST

START_TEST (test_vat_return_due_dates)
{
  static const struct {
    const char *period, *due;
  } cases[] = {
    { "2026-Q4", "2027-01-25" }, /* the 25th after a quarter, since 2025 */
    { "2026-Q1", "2026-04-25" },
    { "2024-Q4", "2025-01-25" }, /* due in 2025: the new rule */
    { "2024-Q3", "2024-10-20" }, /* due in 2024: the 20th */
    { "2026-11", "2026-12-20" }, /* the 20th after a month */
    { "2026-12", "2027-01-20" },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      DokusPeriod p;
      char got[DOKUS_DATE_TEXT];
      ck_assert (dokus_period_parse (cases[i].period, "period", &p, NULL) == DOKUS_OK);
      dokus_date_format (dokus_vat_return_due_date (&p), got);
      ck_assert_msg (strcmp (got, cases[i].due) == 0, "%s: due %s, expected %s", cases[i].period,
                     got, cases[i].due);
    }
}
END_TEST

/* ---- XML ------------------------------------------------------------------------ */

START_TEST (test_vat_return_xml_is_well_formed_with_the_grids)
{
  DokusError err = { 0 };
  char *text = NULL;
  xmlDocPtr doc;
  xmlNodePtr root, decl, declarant, period, data, ask;

  book_with (QUARTERLY);
  /* 1000.00 at 21 % to a VAT-registered client: 03 = 1000.00, 54 = 210.00, 71 = 210.00 */
  invoice (be_acme, "2026-10-01", NULL, "[{\"description\":\"a & <b>\",\"quantity\":\"1\","
                                        "\"unit_price\":\"1000\",\"vat_rate\":\"21\"}]");
  ck_assert_msg (dokus_vat_return_xml (book, "2026-Q4", &text, &err) == DOKUS_OK, "%s",
                 err.message);
  doc = parse_xml (text);
  root = xmlDocGetRootElement (doc);
  ck_assert_str_eq ((const char *) root->name, "VATConsignment");
  ck_assert_str_eq ((const char *) root->ns->href, VAT_NS);
  prop_is (root, "VATDeclarationsNbr", "1");
  decl = child (root, VAT_NS, "VATDeclaration");
  prop_is (decl, "SequenceNumber", "1");
  declarant = child (decl, VAT_NS, "Declarant");
  content_is (child (declarant, COMMON_NS, "VATNumber"), "0417497106");
  content_is (child (declarant, COMMON_NS, "Name"), "Janssens & Co"); /* escaped and back */
  content_is (child (declarant, COMMON_NS, "PostCode"), "9000");
  content_is (child (declarant, COMMON_NS, "CountryCode"), "BE");
  content_is (child (declarant, COMMON_NS, "EmailAddress"), "boek@janssens.be");
  period = child (decl, VAT_NS, "Period");
  content_is (child (period, VAT_NS, "Quarter"), "4");
  content_is (child (period, VAT_NS, "Year"), "2026");
  data = child (decl, VAT_NS, "Data");
  ck_assert_int_eq (count_elements (data, "Amount"), 3);
  content_is (amount_of (data, "03"), "1000.00");
  content_is (amount_of (data, "54"), "210.00");
  content_is (amount_of (data, "71"), "210.00");
  /* the year's client listing has Acme: not nihil */
  content_is (child (decl, VAT_NS, "ClientListingNihil"), "NO");
  ask = child (decl, VAT_NS, "Ask");
  prop_is (ask, "Restitution", "NO");
  prop_is (ask, "Payment", "NO");
  xmlFreeDoc (doc);
  free (text);
}
END_TEST

/* The declarant's optional children must fit IntervatInputCommon_v0_9.xsd
 * (EMail_Type: no '+', a last label of 2 to 5 letters; PostCode at most 15
 * characters) or be left out; VATNumber, required, must be ten digits. */
START_TEST (test_intervat_declarant_fits_the_schema_or_is_left_out)
{
  static const struct {
    const char *email;
    bool        kept;
  } emails[] = {
    { "boek@janssens.be", true },       { "jan.de-smet_2@mail.janssens.info", true },
    { "boek+btw@janssens.be", false },  { "boek@janssens.consulting", false },
    { "boek@janssens.b", false },       { "@janssens.be", false },
    { "boek@.be", false },              { "boek@janssens.b3", false },
  };
  DokusError err = { 0 };
  char *text = NULL, profile[512];
  xmlDocPtr doc;
  xmlNodePtr declarant;
  int written = 0;

  book_with (QUARTERLY);
  for (size_t i = 0; i < sizeof emails / sizeof emails[0]; i++)
    {
      /* a 16-character postal code is one too many: left out each time */
      snprintf (profile, sizeof profile,
                "{\"name\":\"Janssens & Co\",\"enterprise_number\":\"0417497106\",\"vat_period\":"
                "\"quarter\",\"address\":{\"street\":\"Veldstraat 1\",\"postal_code\":"
                "\"9000-9000-9000-9\",\"city\":\"Gent\",\"country\":\"BE\"},\"email\":\"%s\"}",
                emails[i].email);
      if (dokus_profile_set (book, profile, &err) != DOKUS_OK)
        {
          /* the profile may refuse a malformed address itself, never a good one */
          ck_assert_msg (!emails[i].kept, "%s: %s", emails[i].email, err.message);
          continue;
        }
      written++;
      ck_assert_msg (dokus_vat_return_xml (book, "2026-Q4", &text, &err) == DOKUS_OK, "%s",
                     err.message);
      doc = parse_xml (text);
      declarant = child (child (xmlDocGetRootElement (doc), VAT_NS, "VATDeclaration"), VAT_NS,
                         "Declarant");
      ck_assert_int_eq (count_elements (declarant, "EmailAddress"), emails[i].kept ? 1 : 0);
      ck_assert_int_eq (count_elements (declarant, "PostCode"), 0);
      content_is (child (declarant, COMMON_NS, "City"), "Gent");
      xmlFreeDoc (doc);
      free (text);
      text = NULL;
    }
  /* the two good ones, and at least '+' and the long label, which a profile takes */
  ck_assert_int_ge (written, 4);
}
END_TEST

/* IntraConsignment needs at least one IntraClient (ClientsNbr is a
 * positive integer): a period without intra-Community operations has no
 * listing to write, and says so instead of writing an invalid file. */
START_TEST (test_ic_listing_xml_of_a_period_without_operations_is_refused)
{
  DokusError err = { 0 };
  char *text = NULL;

  book_with (QUARTERLY);
  invoice (be_acme, "2026-10-01", NULL, "[{\"description\":\"x\",\"quantity\":\"1\","
                                        "\"unit_price\":\"100\",\"vat_rate\":\"21\"}]");
  ck_assert_int_eq (dokus_ic_listing_xml (book, "2026-Q4", &text, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "period");
  ck_assert_ptr_null (text);
  ck_assert_msg (strstr (err.message, "2026-Q4") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_vat_return_xml_of_an_empty_quarter)
{
  DokusError err = { 0 };
  char *text = NULL;
  xmlDocPtr doc;
  xmlNodePtr decl, data;

  book_with (QUARTERLY);
  /* Q4, the year's last return, and no client to list: nihil YES; 71 = 0.00 */
  ck_assert (dokus_vat_return_xml (book, "2026-Q4", &text, &err) == DOKUS_OK);
  doc = parse_xml (text);
  decl = child (xmlDocGetRootElement (doc), VAT_NS, "VATDeclaration");
  data = child (decl, VAT_NS, "Data");
  ck_assert_int_eq (count_elements (data, "Amount"), 1);
  content_is (amount_of (data, "71"), "0.00");
  content_is (child (decl, VAT_NS, "ClientListingNihil"), "YES");
  xmlFreeDoc (doc);
  free (text);
  /* Q3 is not the last return of the year */
  ck_assert (dokus_vat_return_xml (book, "2026-Q3", &text, &err) == DOKUS_OK);
  doc = parse_xml (text);
  decl = child (xmlDocGetRootElement (doc), VAT_NS, "VATDeclaration");
  content_is (child (decl, VAT_NS, "ClientListingNihil"), "NO");
  xmlFreeDoc (doc);
  free (text);
}
END_TEST

START_TEST (test_vat_return_xml_of_a_month)
{
  DokusError err = { 0 };
  char *text = NULL;
  xmlDocPtr doc;
  xmlNodePtr decl, period, data;

  book_with (MONTHLY);
  invoice (be_acme, "2026-11-30", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                        "\"unit_price\":\"100\",\"vat_rate\":\"6\"}]");
  ck_assert (dokus_vat_return_xml (book, "2026-11", &text, &err) == DOKUS_OK);
  doc = parse_xml (text);
  decl = child (xmlDocGetRootElement (doc), VAT_NS, "VATDeclaration");
  period = child (decl, VAT_NS, "Period");
  content_is (child (period, VAT_NS, "Month"), "11");
  content_is (child (period, VAT_NS, "Year"), "2026");
  data = child (decl, VAT_NS, "Data");
  /* 100.00 at 6 %: 01 = 100.00, 54 = 6.00, 71 = 6.00 */
  content_is (amount_of (data, "01"), "100.00");
  content_is (amount_of (data, "54"), "6.00");
  content_is (amount_of (data, "71"), "6.00");
  ck_assert (amount_of (data, "72") == NULL);
  xmlFreeDoc (doc);
  free (text);
}
END_TEST

/* ---- client listing --------------------------------------------------------------- */

START_TEST (test_client_listing_lists_above_250)
{
  char at_limit[DOKUS_ID_TEXT], above[DOKUS_ID_TEXT], netted[DOKUS_ID_TEXT];
  char mixed[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  DokusError err = { 0 };
  char *text = NULL;
  const cJSON *c;
  cJSON *o;
  xmlDocPtr doc;
  xmlNodePtr listing, client;

  book_with (QUARTERLY);
  dokus_test_add_client (
    book,
    "{\"name\":\"At Limit BV\",\"vat_number\":\"BE0812345603\",\"address\":{\"country\":"
    "\"BE\"}}",
    at_limit);
  dokus_test_add_client (
    book,
    "{\"name\":\"Above BV\",\"vat_number\":\"BE0765432146\",\"address\":{\"country\":"
    "\"BE\"}}",
    above);
  dokus_test_add_client (
    book,
    "{\"name\":\"Netted BV\",\"vat_number\":\"BE0600100297\",\"address\":{\"country\":"
    "\"BE\"}}",
    netted);
  dokus_test_add_client (
    book,
    "{\"name\":\"Mixed & Sons\",\"vat_number\":\"BE0555555523\",\"address\":{\"country\":"
    "\"BE\"}}",
    mixed);
  /* 2025 does not count in 2026 */
  invoice (mixed, "2025-12-31", NULL, "[{\"description\":\"old\",\"quantity\":\"1\","
                                      "\"unit_price\":\"9999\",\"vat_rate\":\"21\"}]");
  /* exactly 250.00: not "more than 250" -> not listed */
  invoice (at_limit, "2026-02-01", NULL, "[{\"description\":\"a\",\"quantity\":\"1\","
                                         "\"unit_price\":\"250\",\"vat_rate\":\"21\"}]");
  /* 250.01 at 21 %: VAT 52.5021 -> 52.50; listed */
  invoice (above, "2026-03-01", NULL, "[{\"description\":\"b\",\"quantity\":\"1\","
                                      "\"unit_price\":\"250.01\",\"vat_rate\":\"21\"}]");
  /* 400.00 (VAT 84.00) less a credit note of 200.00 (VAT 42.00) = 200.00: not listed */
  invoice (netted, "2026-04-01", number, "[{\"description\":\"c\",\"quantity\":\"1\","
                                         "\"unit_price\":\"400\",\"vat_rate\":\"21\"}]");
  credit (number, "2026-05-01",
          "[{\"description\":\"c\",\"quantity\":\"1\",\"unit_price\":\"200\","
          "\"vat_rate\":\"21\"}]");
  /* 1000.00 at 21 % and 500.00 exempt under art. 44 (left out): 1000.00, VAT 210.00 */
  invoice (mixed, "2026-06-01", NULL, "[{\"description\":\"d\",\"quantity\":\"1\","
                                      "\"unit_price\":\"1000\",\"vat_rate\":\"21\"},"
                                      "{\"description\":\"e\",\"quantity\":\"1\","
                                      "\"unit_price\":\"500\",\"vat_category\":\"E\"}]");
  /* a Dutch business and a private person are not listed, whatever the amount */
  invoice (nl_biz, "2026-07-01", NULL, "[{\"description\":\"f\",\"quantity\":\"1\","
                                       "\"unit_price\":\"5000\",\"vat_category\":\"AE\"}]");
  invoice (be_person, "2026-07-02", NULL, "[{\"description\":\"g\",\"quantity\":\"1\","
                                          "\"unit_price\":\"5000\",\"vat_rate\":\"21\"}]");

  ck_assert (dokus_client_listing (book, 2026, &text, &err) == DOKUS_OK);
  o = cJSON_Parse (text);
  free (text);
  ck_assert_int_eq (cJSON_GetObjectItem (o, "year")->valueint, 2026);
  ck_assert_str_eq (str (o, "due_date"), "2027-03-31");
  /* by VAT number: BE0555555523 (Mixed), BE0765432146 (Above) */
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "clients")), 2);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 0);
  ck_assert_str_eq (str (c, "vat_number"), "BE0555555523");
  ck_assert_str_eq (str (c, "name"), "Mixed & Sons");
  ck_assert_str_eq (str (c, "turnover"), "1000.00");
  ck_assert_str_eq (str (c, "vat_amount"), "210.00");
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 1);
  ck_assert_str_eq (str (c, "vat_number"), "BE0765432146");
  ck_assert_str_eq (str (c, "turnover"), "250.01");
  ck_assert_str_eq (str (c, "vat_amount"), "52.50");
  /* sums: 1250.01 and 262.50 */
  ck_assert_str_eq (str (o, "turnover"), "1250.01");
  ck_assert_str_eq (str (o, "vat_amount"), "262.50");
  cJSON_Delete (o);

  ck_assert (dokus_client_listing_xml (book, 2026, &text, &err) == DOKUS_OK);
  doc = parse_xml (text);
  ck_assert_str_eq ((const char *) xmlDocGetRootElement (doc)->name, "ClientListingConsignment");
  prop_is (xmlDocGetRootElement (doc), "ClientListingsNbr", "1");
  listing = child (xmlDocGetRootElement (doc), LISTING_NS, "ClientListing");
  prop_is (listing, "ClientsNbr", "2");
  prop_is (listing, "TurnOverSum", "1250.01");
  prop_is (listing, "VATAmountSum", "262.50");
  content_is (child (child (listing, LISTING_NS, "Declarant"), COMMON_NS, "VATNumber"),
              "0417497106");
  content_is (child (listing, LISTING_NS, "Period"), "2026");
  ck_assert_int_eq (count_elements (listing, "Client"), 2);
  client = child (listing, LISTING_NS, "Client");
  prop_is (client, "SequenceNumber", "1");
  prop_is (child (client, LISTING_NS, "CompanyVATNumber"), "issuedBy", "BE");
  content_is (child (client, LISTING_NS, "CompanyVATNumber"), "0555555523");
  content_is (child (client, LISTING_NS, "TurnOver"), "1000.00");
  content_is (child (client, LISTING_NS, "VATAmount"), "210.00");
  xmlFreeDoc (doc);
  free (text);

  /* 2025: Mixed's 9999.00 */
  ck_assert (dokus_client_listing (book, 2025, &text, &err) == DOKUS_OK);
  ck_assert (strstr (text, "\"turnover\":\"9999.00\"") != NULL);
  free (text);
  ck_assert (dokus_client_listing (book, 1899, &text, &err) == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "year");
}
END_TEST

START_TEST (test_client_listing_empty_year_is_a_valid_file)
{
  DokusError err = { 0 };
  char *text = NULL;
  xmlDocPtr doc;
  xmlNodePtr listing;

  book_with (QUARTERLY);
  ck_assert (dokus_client_listing (book, 2026, &text, &err) == DOKUS_OK);
  ck_assert (strstr (text, "\"clients\":[]") != NULL);
  free (text);
  ck_assert (dokus_client_listing_xml (book, 2026, &text, &err) == DOKUS_OK);
  doc = parse_xml (text);
  listing = child (xmlDocGetRootElement (doc), LISTING_NS, "ClientListing");
  prop_is (listing, "ClientsNbr", "0");
  prop_is (listing, "TurnOverSum", "0.00");
  ck_assert_int_eq (count_elements (listing, "Client"), 0);
  xmlFreeDoc (doc);
  free (text);
}
END_TEST

static Suite *
vat_return_suite (void)
{
  Suite *s = suite_create ("vat-return");
  TCase *sales = tcase_create ("sales"), *purchases = tcase_create ("purchases");
  TCase *balance = tcase_create ("balance"), *xml = tcase_create ("xml");
  TCase *listings = tcase_create ("listings");
  TCase *all[] = { sales, purchases, balance, xml, listings };

  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    {
      tcase_add_checked_fixture (all[i], setup, teardown);
      tcase_set_timeout (all[i], 120);
      suite_add_tcase (s, all[i]);
    }
  tcase_add_test (sales, test_vat_return_standard_rates_go_to_01_02_03_and_54);
  tcase_add_test (sales, test_vat_return_zero_rated_and_exempt_go_to_00);
  tcase_add_test (sales, test_vat_return_eu_services_go_to_44_and_credit_notes_to_48);
  tcase_add_test (sales, test_vat_return_domestic_reverse_charge_goes_to_45);
  tcase_add_test (sales, test_vat_return_intra_eu_goods_go_to_46_and_the_ic_listing_as_l);
  tcase_add_test (sales, test_vat_return_exports_and_out_of_scope_go_to_47);
  tcase_add_test (sales, test_vat_return_triangulation_goes_to_46_and_the_ic_listing_as_t);
  tcase_add_test (sales, test_triangulation_needs_k_and_a_client_in_another_member_state);
  tcase_add_test (sales, test_triangulation_mention_opens_with_the_reverse_charge_words);
  tcase_add_test (sales, test_intervat_declarant_fits_the_schema_or_is_left_out);
  tcase_add_test (sales, test_ic_listing_xml_of_a_period_without_operations_is_refused);
  tcase_add_test (xml, test_ic_listing_xml_has_one_client_per_line);
  tcase_add_test (sales, test_vat_return_credit_notes_go_to_49_and_their_vat_to_64);
  tcase_add_test (purchases, test_vat_return_eu_saas_goes_to_88_82_55_59);
  tcase_add_test (purchases, test_vat_return_intra_eu_acquisitions_go_to_86_81_83_55_59);
  tcase_add_test (purchases, test_vat_return_other_self_assessed_purchases_go_to_87_56);
  tcase_add_test (purchases, test_vat_return_deducts_vat_rounded_per_purchase);
  tcase_add_test (purchases, test_vat_return_purchase_credit_notes_go_to_84_85_63);
  tcase_add_test (balance, test_vat_return_refund_quarter_gives_72);
  tcase_add_test (balance, test_vat_return_empty_quarter_gives_71_zero);
  tcase_add_test (balance, test_vat_return_refuses_a_period_that_is_not_the_books);
  tcase_add_test (balance, test_vat_return_monthly_book_files_months);
  tcase_add_test (balance, test_vat_return_franchise_book_files_none);
  tcase_add_test (balance, test_vat_return_without_profile_is_refused);
  tcase_add_test (balance, test_vat_return_due_dates);
  tcase_add_test (xml, test_vat_return_xml_is_well_formed_with_the_grids);
  tcase_add_test (xml, test_vat_return_xml_of_an_empty_quarter);
  tcase_add_test (xml, test_vat_return_xml_of_a_month);
  tcase_add_test (listings, test_client_listing_lists_above_250);
  tcase_add_test (listings, test_client_listing_empty_year_is_a_valid_file);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (vat_return_suite ());
}
