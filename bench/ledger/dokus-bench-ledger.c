/* dokus-bench-ledger.c
 *
 * dokus-bench-ledger: is a large book still quick? It makes (or, with
 * --reuse, reopens) an encrypted book with 100 000 issued invoices (about
 * 500 000 lines, mixed VAT rates and categories, 2 000 clients, payments on
 * most, some credit notes and refunds, 20 drafts) and 50 000 purchases,
 * then times what the application does most: opening the book, a
 * quarter's VAT return, a page of 50 rows of the document list (filtered,
 * searched, sorted), a client search and the dashboard, against a goal of
 * 50 ms. Each operation gets a freshly opened book: its first call (empty
 * page cache, no derived balances yet) and the best of --repeat calls
 * after it are reported apart, each in wall-clock and in CPU time (the
 * machine is shared), with the pages the first call decrypted.
 * bench/README.md has the figures.
 *
 * The book is written with SQL straight into its tables (through
 * dokus_book_get_db), in transactions of a few thousand documents: the
 * public API (one transaction, one audit entry and one signature per
 * change) would take hours for 100 000 invoices. What the SQL writes is
 * what dokus_document_issue() freezes: totals and line amounts from
 * dokus_totals_compute(), the VAT breakdown with its exemption codes and
 * mentions, numbers without gaps in their series, structured
 * communications, seller and buyer snapshots; each document is inserted as
 * a draft and then issued by an UPDATE, as issuing does, so the book's
 * triggers (frozen documents, full-text index) run as they do in use. It
 * differs from a book made by hand in that it has no audit entries for
 * these rows, and every invoice of a year's series was issued the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <sodium.h>
#include <sqlite3.h>

#include "dokus/dokus.h"

#define GOAL_MS 50.0
#define PASSPHRASE "bench"
#define TXN_DOCUMENTS 2000
#define MAX_LINES 9 /* 1..9 lines an invoice: 5 on average */
#define SUPPLIERS 300
#define DRAFTS 20

typedef struct {
  const char *book;
  const char *today;
  bool        reuse;
  long        invoices, clients, purchases;
  int         years, repeat;
  uint64_t    seed;
} Options;

/* ---- small tools ----------------------------------------------------------------------------- */

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static double
now_ms (void)
{
  return clock_ms (CLOCK_MONOTONIC);
}

/* the CPU this process used, on all its threads (the balance pass reads
 * on two): what a shared machine does not inflate */
static double
cpu_ms (void)
{
  return clock_ms (CLOCK_PROCESS_CPUTIME_ID);
}

static void
die (const char *what, const DokusError *err)
{
  fprintf (stderr, "dokus-bench-ledger: %s: %s%s%s%s\n", what, err ? err->message : "",
           err && err->field[0] ? " (" : "", err ? err->field : "",
           err && err->field[0] ? ")" : "");
  exit (1);
}

static void
sql_check (sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      fprintf (stderr, "dokus-bench-ledger: %s: %s\n", what, sqlite3_errmsg (db));
      exit (1);
    }
}

static void
exec (sqlite3 *db, const char *sql)
{
  sql_check (db, sqlite3_exec (db, sql, NULL, NULL, NULL), sql);
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sql_check (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), sql);
  return stmt;
}

static void
step_reset (sqlite3 *db, sqlite3_stmt *stmt, const char *what)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    sql_check (db, rc == SQLITE_ROW ? SQLITE_ERROR : rc, what);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *s)
{
  if (s != NULL)
    sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

/* splitmix64: the same book from the same --seed */
typedef struct {
  uint64_t s;
} Rng;

static uint64_t
rng_next (Rng *r)
{
  uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static uint32_t
rng_below (Rng *r, uint32_t n)
{
  return (uint32_t) (rng_next (r) % n);
}

static bool
rng_chance (Rng *r, double p)
{
  return (double) (rng_next (r) >> 11) / (double) (1ull << 53) < p;
}

/* a UUID of version 4, as the book's own ids */
static void
rng_uuid (Rng *r, char out[DOKUS_ID_TEXT])
{
  uint64_t a = rng_next (r), b = rng_next (r);
  snprintf (out, DOKUS_ID_TEXT, "%08x-%04x-4%03x-%04x-%012" PRIx64, (unsigned) (a >> 32),
            (unsigned) (a >> 16) & 0xffff, (unsigned) a & 0xfff,
            (unsigned) (0x8000 | ((b >> 48) & 0x3fff)), b & 0xffffffffffffu);
}

static DokusDate
date_parse_or_die (const char *text)
{
  DokusDate d;
  DokusError err = { 0 };
  if (dokus_date_parse (text, "today", &d, &err) != DOKUS_OK)
    die ("--today", &err);
  return d;
}

/* ---- what the book is made of ---------------------------------------------------------------- */

static const char *const descriptions[] = {
  "Consultancy", "Website development", "Hosting and maintenance", "Workshop facilitation",
  "Translation Dutch to French", "Photo shoot", "Copywriting", "Logo design", "Training day",
  "Project management", "Data analysis", "Video editing", "Illustration", "Support contract",
  "Software licence", "Printing", "Coaching session", "Audit and advice", "Interior design",
  "Sound recording", "Event production", "Mobile app development", "SEO review",
  "Newsletter design", "Market research", "Legal translation", "Brand strategy",
  "Content writing", "Server migration", "Bookkeeping support",
};
#define N_DESCRIPTIONS (sizeof descriptions / sizeof descriptions[0])

static const char *const months[]
  = { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december" };

static const char *const firms[] = {
  "Atelier", "Bureau", "Studio", "Brouwerij", "Garage", "Bakkerij", "Architecten", "Drukkerij",
  "Advocatenkantoor", "Tandartspraktijk", "Boekhouding", "Maison", "Cabinet", "Librairie",
  "Transport", "Immo", "Consult", "Media", "Design", "Bouwbedrijf",
};
static const char *const surnames[] = {
  "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
  "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Leclercq", "Lefèvre", "Van den Broeck",
  "Hermans", "Aerts", "Desmet", "Vermeulen", "Michiels", "Lemmens", "Smets", "Cools",
};
static const char *const first_names[] = { "Jan", "An", "Pieter", "Sofie", "Marc", "Els", "Luc",
                                            "Marie", "Tom", "Julie", "Koen", "Nathalie" };
static const char *const forms[] = { "BV", "SRL", "NV", "SA", "CommV" };
static const struct {
  const char *city, *postal, *country, *language;
} places[] = {
  { "Gent", "9000", "BE", "nl" },      { "Antwerpen", "2000", "BE", "nl" },
  { "Brussel", "1000", "BE", "nl" },   { "Leuven", "3000", "BE", "nl" },
  { "Brugge", "8000", "BE", "nl" },    { "Mechelen", "2800", "BE", "nl" },
  { "Hasselt", "3500", "BE", "nl" },   { "Kortrijk", "8500", "BE", "nl" },
  { "Namur", "5000", "BE", "fr" },     { "Liège", "4000", "BE", "fr" },
  { "Charleroi", "6000", "BE", "fr" }, { "Mons", "7000", "BE", "fr" },
  { "Wavre", "1300", "BE", "fr" },     { "Eupen", "4700", "BE", "de" },
  { "Amsterdam", "1011", "NL", "nl" }, { "Rotterdam", "3011", "NL", "nl" },
  { "Paris", "75001", "FR", "fr" },    { "Lille", "59000", "FR", "fr" },
  { "Köln", "50667", "DE", "de" },     { "Aachen", "52062", "DE", "de" },
};
#define N_PLACES (sizeof places / sizeof places[0])
#define N_BE_PLACES 14

static const char *const categories[] = { "software", "hardware", "telecom", "office",
                                          "travel", "restaurant", "training", "subcontracting",
                                          "insurance", "car" };

typedef struct {
  char  id[DOKUS_ID_TEXT];
  char  country[3];
  char *buyer_json; /* as the client is frozen into its documents */
  char  language[3];
} Client;

/* One planned invoice: what its payments and credit notes need later. */
typedef struct {
  char       id[DOKUS_ID_TEXT];
  DokusDate  date;
  int32_t    client;
  int32_t    series_number;
  DokusCents total;
  uint64_t   line_seed; /* its lines are made again from this for a credit note */
  uint8_t    n_lines;
  int8_t     credit;    /* 0 none, 1 whole, 2 its first line only */
} Invoice;

typedef struct {
  int32_t   invoice;
  DokusDate date;
} CreditPlan;

/* One line of a document, as both totals and SQL need it. */
typedef struct {
  char            description[96];
  char            unit[4];
  char            quantity[16], price[16], rate[4];
  DokusTotalsLine t;
} GenLine;

static DokusDecimal
decimal_or_die (const char *text)
{
  DokusDecimal d;
  if (dokus_decimal_parse (text, 4, "", &d, NULL) != DOKUS_OK)
    die (text, NULL);
  return d;
}

static void
make_lines (uint64_t seed, int n, const Client *client, DokusDate date, GenLine *out)
{
  Rng r = { seed };
  bool eu = strcmp (client->country, "BE") != 0;

  for (int i = 0; i < n; i++)
    {
      GenLine *l = &out[i];
      uint32_t kind = rng_below (&r, 100);
      const char *desc = descriptions[rng_below (&r, N_DESCRIPTIONS)];
      /* a project code on one line in ten: a rare word to search for */
      if (rng_chance (&r, 0.1))
        snprintf (l->description, sizeof l->description, "%s PRJ%04u", desc,
                  1000 + rng_below (&r, 9000));
      else
        snprintf (l->description, sizeof l->description, "%s %s %d", desc,
                  months[date.month - 1], (int) date.year);
      if (kind < 50)
        {
          snprintf (l->unit, sizeof l->unit, "HUR");
          snprintf (l->quantity, sizeof l->quantity, "%u.%02u", 1 + rng_below (&r, 40),
                    rng_below (&r, 4) * 25);
          snprintf (l->price, sizeof l->price, "%u.00", 45 + rng_below (&r, 16) * 5);
        }
      else if (kind < 80)
        {
          snprintf (l->unit, sizeof l->unit, "DAY");
          snprintf (l->quantity, sizeof l->quantity, "%u", 1 + rng_below (&r, 10));
          snprintf (l->price, sizeof l->price, "%u.00", 400 + rng_below (&r, 9) * 50);
        }
      else
        {
          snprintf (l->unit, sizeof l->unit, "C62");
          snprintf (l->quantity, sizeof l->quantity, "%u", 1 + rng_below (&r, 5));
          snprintf (l->price, sizeof l->price, "%u.%02u", 5 + rng_below (&r, 300),
                    rng_below (&r, 100));
        }
      memset (&l->t, 0, sizeof l->t);
      l->t.quantity = decimal_or_die (l->quantity);
      l->t.unit_price = decimal_or_die (l->price);
      l->t.discount_percent = dokus_decimal_from_int (0);
      /* services to an EU business: reverse charge; at home mostly 21 %,
       * some 6 % and 12 % (books, renovation), a few zero-rated */
      if (eu)
        snprintf (l->t.vat_category, sizeof l->t.vat_category, "AE");
      else if (kind % 20 == 3)
        snprintf (l->t.vat_category, sizeof l->t.vat_category, "Z");
      else
        snprintf (l->t.vat_category, sizeof l->t.vat_category, "S");
      if (strcmp (l->t.vat_category, "S") != 0)
        snprintf (l->rate, sizeof l->rate, "0");
      else
        snprintf (l->rate, sizeof l->rate, "%s", kind % 10 == 1 ? "6" : kind % 17 == 2 ? "12" : "21");
      l->t.vat_rate = decimal_or_die (l->rate);
    }
}

/* ---- writing the book ------------------------------------------------------------------------ */

typedef struct {
  sqlite3      *db;
  sqlite3_stmt *draft, *line, *vat, *issue, *payment;
  char         *seller_json;
  char          now[24];
} Writer;

static void
writer_open (Writer *w, DokusBook *book)
{
  DokusError err = { 0 };

  w->db = dokus_book_get_db (book);
  if (dokus_profile_get (book, &w->seller_json, &err) != DOKUS_OK)
    die ("reading the profile", &err);
  w->draft = prepare (w->db, "INSERT INTO documents (id, type, state, client_id,"
                             " billing_reference_id, issue_date, buyer_reference, order_reference,"
                             " created_at, updated_at)"
                             " VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
  w->line = prepare (w->db, "INSERT INTO document_lines (document_id, position, description,"
                            " quantity, unit, unit_price, vat_category, vat_rate,"
                            " exemption_reason, line_extension_amount)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9)");
  w->vat = prepare (w->db, "INSERT INTO document_vat (document_id, category, rate,"
                           " taxable_amount, tax_amount, exemption_code, exemption_text)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  /* as dokus-issue.c freezes a draft */
  w->issue = prepare (w->db,
                      "UPDATE documents SET state = ?2, number = ?3, series_id = ?4,"
                      " issue_date = ?5, due_date = ?6, language = ?7,"
                      " structured_communication = ?8, seller_json = ?9, buyer_json = ?10,"
                      " issued_at = ?11, updated_at = ?11, series_number = ?12,"
                      " line_extension_amount = ?13, allowance_total_amount = 0,"
                      " charge_total_amount = 0, tax_exclusive_amount = ?14, tax_amount = ?15,"
                      " tax_inclusive_amount = ?16 WHERE id = ?1 AND state = 'draft'");
  w->payment = prepare (w->db, "INSERT INTO payments (id, document_id, amount, date, reference,"
                               " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
}

static void
writer_close (Writer *w)
{
  sqlite3_finalize (w->draft);
  sqlite3_finalize (w->line);
  sqlite3_finalize (w->vat);
  sqlite3_finalize (w->issue);
  sqlite3_finalize (w->payment);
  free (w->seller_json);
}

/* Writes one issued document; returns its total. */
static DokusCents
write_document (Writer *w, const char *id, bool credit_note, const char *invoice_id,
                const Client *client, DokusDate date, const char *number, const char *series,
                long long series_number, const char *ogm, const GenLine *lines, int n,
                const char *buyer_ref, const char *order_ref, bool sent)
{
  DokusTotalsLine tl[MAX_LINES];
  DokusCents nets[MAX_LINES];
  DokusTotals t;
  DokusError err = { 0 };
  char issue[DOKUS_DATE_TEXT], due[DOKUS_DATE_TEXT], at[32];

  for (int i = 0; i < n; i++)
    tl[i] = lines[i].t;
  if (dokus_totals_compute (tl, (size_t) n, NULL, 0, nets, &t, &err) != DOKUS_OK)
    die ("totals", &err);
  dokus_date_format (date, issue);
  /* 30 days' terms; a credit note is due at once */
  dokus_date_format (credit_note ? date : dokus_date_add_days (date, 30), due);
  snprintf (at, sizeof at, "%sT%02u:%02u:00Z", issue, 8 + (unsigned) (series_number % 10),
            (unsigned) (series_number % 60));

  sqlite3_bind_text (w->draft, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->draft, 2, credit_note ? "credit_note" : "invoice", -1, SQLITE_STATIC);
  sqlite3_bind_text (w->draft, 3, client->id, -1, SQLITE_STATIC);
  bind_text (w->draft, 4, invoice_id);
  sqlite3_bind_text (w->draft, 5, issue, -1, SQLITE_STATIC);
  bind_text (w->draft, 6, buyer_ref);
  bind_text (w->draft, 7, order_ref);
  sqlite3_bind_text (w->draft, 8, at, -1, SQLITE_STATIC);
  step_reset (w->db, w->draft, "inserting a document");
  for (int i = 0; i < n; i++)
    {
      sqlite3_bind_text (w->line, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (w->line, 2, i + 1);
      sqlite3_bind_text (w->line, 3, lines[i].description, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->line, 4, lines[i].quantity, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->line, 5, lines[i].unit, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->line, 6, lines[i].price, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->line, 7, lines[i].t.vat_category, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->line, 8, lines[i].rate, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->line, 9, nets[i]);
      step_reset (w->db, w->line, "inserting a line");
    }
  for (size_t g = 0; g < t.n_groups; g++)
    {
      DokusVatCase vc = dokus_vat_case (t.groups[g].category, false, client->country);
      char rate[DOKUS_MONEY_TEXT];
      sqlite3_bind_text (w->vat, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->vat, 2, t.groups[g].category, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->vat, 3, dokus_decimal_format (t.groups[g].rate, rate), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (w->vat, 4, t.groups[g].taxable_amount);
      sqlite3_bind_int64 (w->vat, 5, t.groups[g].tax_amount);
      bind_text (w->vat, 6, dokus_vat_exemption_code (vc, NULL));
      bind_text (w->vat, 7, dokus_vat_mention (vc, client->language));
      step_reset (w->db, w->vat, "inserting the VAT breakdown");
    }
  sqlite3_bind_text (w->issue, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 2, sent ? "sent" : "issued", -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 3, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 4, series, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 5, issue, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 6, due, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 7, client->language, -1, SQLITE_STATIC);
  bind_text (w->issue, 8, ogm);
  sqlite3_bind_text (w->issue, 9, w->seller_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 10, client->buyer_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->issue, 11, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (w->issue, 12, series_number);
  sqlite3_bind_int64 (w->issue, 13, t.line_extension_amount);
  sqlite3_bind_int64 (w->issue, 14, t.tax_exclusive_amount);
  sqlite3_bind_int64 (w->issue, 15, t.tax_amount);
  sqlite3_bind_int64 (w->issue, 16, t.tax_inclusive_amount);
  step_reset (w->db, w->issue, "issuing a document");
  if (sqlite3_changes (w->db) != 1)
    die ("issuing a document: not a draft", NULL);
  return t.tax_inclusive_amount;
}

static void
write_payment (Writer *w, Rng *r, const char *document, DokusCents amount, DokusDate date,
               const char *reference)
{
  char id[DOKUS_ID_TEXT], d[DOKUS_DATE_TEXT], at[32];

  rng_uuid (r, id);
  dokus_date_format (date, d);
  snprintf (at, sizeof at, "%sT16:00:00Z", d);
  sqlite3_bind_text (w->payment, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->payment, 2, document, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (w->payment, 3, amount);
  sqlite3_bind_text (w->payment, 4, d, -1, SQLITE_STATIC);
  bind_text (w->payment, 5, reference);
  sqlite3_bind_text (w->payment, 6, at, -1, SQLITE_STATIC);
  step_reset (w->db, w->payment, "inserting a payment");
}

static DokusDate
earlier_of (DokusDate a, DokusDate b)
{
  return dokus_date_cmp (a, b) < 0 ? a : b;
}

/* A valid Belgian enterprise number from @n (7 digits): 0nnnnnnn + mod 97. */
static void
enterprise_number (uint32_t n, char out[11])
{
  uint32_t base = n % 10000000u;
  snprintf (out, 11, "0%07u%02u", base, 97 - base % 97);
}

static Client *
write_clients (sqlite3 *db, DokusBook *book, Rng *r, long n)
{
  sqlite3_stmt *ins
    = prepare (db, "INSERT INTO clients (id, name, kind, vat_number, enterprise_number, street,"
                   " postal_code, city, country, email, language, created_at, updated_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
  Client *clients = calloc ((size_t) n, sizeof *clients);
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *all, *c;

  exec (db, "BEGIN");
  for (long i = 0; i < n; i++)
    {
      Client *cl = &clients[i];
      /* 85 % in Belgium; a fifth of those private persons without VAT number */
      bool abroad = rng_chance (r, 0.15), person = !abroad && rng_chance (r, 0.2);
      int place = abroad ? (int) (N_BE_PLACES + rng_below (r, N_PLACES - N_BE_PLACES))
                         : (int) rng_below (r, N_BE_PLACES);
      const char *surname = surnames[rng_below (r, sizeof surnames / sizeof surnames[0])];
      char name[128], email[160], street[64], vat[24] = "", ent[11] = "", slug[64];
      size_t k = 0;

      rng_uuid (r, cl->id);
      if (person)
        snprintf (name, sizeof name, "%s %s",
                  first_names[rng_below (r, sizeof first_names / sizeof first_names[0])], surname);
      else
        snprintf (name, sizeof name, "%s %s %s", firms[rng_below (r, sizeof firms / sizeof firms[0])],
                  surname, forms[rng_below (r, sizeof forms / sizeof forms[0])]);
      for (const char *p = name; *p && k + 1 < sizeof slug; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
          slug[k++] = (char) (*p | 0x20);
      slug[k] = '\0';
      snprintf (email, sizeof email, "info@%s%ld.%s", slug, i,
                strcmp (places[place].country, "BE") == 0 ? "be" : "eu");
      snprintf (street, sizeof street, "Kerkstraat %u", 1 + rng_below (r, 200));
      if (!person && !abroad)
        {
          enterprise_number (rng_below (r, 10000000u), ent);
          snprintf (vat, sizeof vat, "BE%s", ent);
        }
      else if (abroad)
        snprintf (vat, sizeof vat, "%s%09u%s", places[place].country, rng_below (r, 1000000000u),
                  strcmp (places[place].country, "NL") == 0 ? "B01" : "");
      snprintf (cl->country, sizeof cl->country, "%s", places[place].country);
      snprintf (cl->language, sizeof cl->language, "%s", places[place].language);
      sqlite3_bind_text (ins, 1, cl->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 3, person ? "person" : "company", -1, SQLITE_STATIC);
      bind_text (ins, 4, vat[0] ? vat : NULL);
      bind_text (ins, 5, ent[0] ? ent : NULL);
      sqlite3_bind_text (ins, 6, street, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 7, places[place].postal, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 8, places[place].city, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 9, places[place].country, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 10, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 11, places[place].language, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 12, "2015-01-01T09:00:00Z", -1, SQLITE_STATIC);
      step_reset (db, ins, "inserting a client");
    }
  exec (db, "COMMIT");
  sqlite3_finalize (ins);
  /* the buyer snapshot an issued document keeps: the client as the ledger
   * gives it */
  if (dokus_client_list (book, true, &json, &err) != DOKUS_OK)
    die ("listing the clients", &err);
  all = cJSON_Parse (json);
  free (json);
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (all, "clients"))
    for (long i = 0; i < n; i++)
      if (strcmp (clients[i].id, cJSON_GetObjectItem (c, "id")->valuestring) == 0)
        {
          clients[i].buyer_json = cJSON_PrintUnformatted (c);
          break;
        }
  cJSON_Delete (all);
  return clients;
}

static int
compare_int32 (const void *a, const void *b)
{
  int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
  return (x > y) - (x < y);
}

static int
compare_credit (const void *a, const void *b)
{
  const CreditPlan *x = a, *y = b;
  int c = dokus_date_cmp (x->date, y->date);
  return c ? c : (x->invoice > y->invoice) - (x->invoice < y->invoice);
}

/* The series rows, with the last number each year reached (documents
 * refer to their series). */
static void
write_series (sqlite3 *db, const char *type, const char *prefix, const int32_t *count,
              const DokusDate *last, int first_year, int years)
{
  sqlite3_stmt *ins = prepare (db, "INSERT INTO series (id, doc_type, year, prefix, last_number,"
                                   " last_issue_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (int y = 0; y < years; y++)
    {
      char id[32], d[DOKUS_DATE_TEXT];
      if (count[y] == 0)
        continue;
      snprintf (id, sizeof id, "%s/%04d", type, first_year + y);
      sqlite3_bind_text (ins, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 2, type, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 3, first_year + y);
      sqlite3_bind_text (ins, 4, prefix, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 5, count[y]);
      sqlite3_bind_text (ins, 6, dokus_date_format (last[y], d), -1, SQLITE_TRANSIENT);
      step_reset (db, ins, "inserting a series");
    }
  sqlite3_finalize (ins);
}

typedef struct {
  double clients, invoices, credit_notes, purchases, drafts, close;
  long   lines, payments, credit_count, refunds;
} GenStats;

static void
write_invoices (Writer *w, Rng *r, const Options *o, const Client *clients, Invoice *inv,
                DokusDate today, GenStats *gs)
{
  int first_year = today.year - o->years + 1;
  int32_t *days = malloc ((size_t) o->invoices * sizeof *days);
  int32_t count[64] = { 0 };
  DokusDate last[64] = { { 0, 0, 0 } };
  DokusDate start = { (int32_t) first_year, 1, 1 };
  int32_t span = dokus_date_days_between (start, today) + 1;

  /* issue dates spread over the years up to today, in order: numbers and
   * dates go up together */
  for (long i = 0; i < o->invoices; i++)
    days[i] = (int32_t) rng_below (r, (uint32_t) span);
  qsort (days, (size_t) o->invoices, sizeof *days, compare_int32);
  for (long i = 0; i < o->invoices; i++)
    {
      Invoice *v = &inv[i];
      int y;
      v->date = dokus_date_add_days (start, days[i]);
      y = v->date.year - first_year;
      v->series_number = ++count[y];
      last[y] = v->date;
      v->client = (int32_t) rng_below (r, (uint32_t) o->clients);
      v->n_lines = (uint8_t) (1 + rng_below (r, MAX_LINES));
      v->line_seed = rng_next (r);
      rng_uuid (r, v->id);
      /* 1.5 % credited: half in whole, half their first line */
      if (rng_chance (r, 0.015) && dokus_date_cmp (v->date, today) < 0)
        v->credit = v->n_lines > 1 && rng_chance (r, 0.5) ? 2 : 1;
    }
  free (days);
  write_series (w->db, "invoice", "F", count, last, first_year, o->years);

  for (long i = 0; i < o->invoices; i++)
    {
      Invoice *v = &inv[i];
      const Client *c = &clients[v->client];
      GenLine lines[MAX_LINES];
      char number[DOKUS_NUMBER_TEXT], series[32], ogm[DOKUS_OGM_TEXT], ref[24];
      int32_t age = dokus_date_days_between (v->date, today);
      bool with_ref = rng_chance (r, 0.2);

      if (i % TXN_DOCUMENTS == 0)
        exec (w->db, "BEGIN");
      make_lines (v->line_seed, v->n_lines, c, v->date, lines);
      snprintf (number, sizeof number, "F%04d-%04d", (int) v->date.year, (int) v->series_number);
      snprintf (series, sizeof series, "invoice/%04d", (int) v->date.year);
      dokus_ogm_from_base ((uint64_t) v->date.year * 1000000u + (uint64_t) v->series_number, ogm);
      snprintf (ref, sizeof ref, "PO-%06u", rng_below (r, 1000000));
      v->total = write_document (w, v->id, false, NULL, c, v->date, number, series,
                                 v->series_number, ogm, lines, v->n_lines,
                                 with_ref ? ref : NULL, NULL, rng_chance (r, 0.3));
      gs->lines += v->n_lines;
      /* payments: most in full within weeks; of the older invoices 1.2 %
       * paid in part and 1.3 % never (overdue); a whole credit note
       * replaces the payment */
      if (v->credit != 1)
        {
          DokusDate paid_on = dokus_date_add_days (v->date, 3 + (int32_t) rng_below (r, 48));
          uint32_t fate = rng_below (r, 1000);
          if (age > 60 && fate < 12)
            write_payment (w, r, v->id, v->total / 2, earlier_of (paid_on, today), ogm);
          else if (age > 60 && fate < 25)
            ; /* never paid: overdue */
          else if (dokus_date_cmp (paid_on, today) <= 0)
            write_payment (w, r, v->id, v->total, paid_on, ogm);
        }
      if (i % TXN_DOCUMENTS == TXN_DOCUMENTS - 1 || i == o->invoices - 1)
        exec (w->db, "COMMIT");
    }
}

static void
write_credit_notes (Writer *w, Rng *r, const Options *o, const Client *clients,
                    const Invoice *inv, DokusDate today, GenStats *gs)
{
  int first_year = today.year - o->years + 1;
  CreditPlan *plan = malloc ((size_t) o->invoices * sizeof *plan);
  int32_t count[64] = { 0 }, numbers_left[64];
  DokusDate last[64] = { { 0, 0, 0 } };
  long n = 0;

  for (long i = 0; i < o->invoices; i++)
    if (inv[i].credit)
      {
        plan[n].invoice = (int32_t) i;
        plan[n].date = earlier_of (dokus_date_add_days (inv[i].date, (int32_t) rng_below (r, 21)),
                                   today);
        n++;
      }
  qsort (plan, (size_t) n, sizeof *plan, compare_credit);
  for (long k = 0; k < n; k++)
    {
      int y = plan[k].date.year - first_year;
      count[y]++;
      last[y] = plan[k].date;
    }
  write_series (w->db, "credit_note", "CN-", count, last, first_year, o->years);
  memset (numbers_left, 0, sizeof numbers_left);
  exec (w->db, "BEGIN");
  for (long k = 0; k < n; k++)
    {
      const Invoice *v = &inv[plan[k].invoice];
      const Client *c = &clients[v->client];
      GenLine lines[MAX_LINES];
      char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT], series[32];
      int y = plan[k].date.year - first_year;
      DokusCents total;

      rng_uuid (r, id);
      make_lines (v->line_seed, v->n_lines, c, v->date, lines);
      snprintf (number, sizeof number, "CN-%04d-%04d", (int) plan[k].date.year,
                (int) ++numbers_left[y]);
      snprintf (series, sizeof series, "credit_note/%04d", (int) plan[k].date.year);
      total = write_document (w, id, true, v->id, c, plan[k].date, number, series,
                              numbers_left[y], NULL, lines, v->credit == 2 ? 1 : v->n_lines, NULL,
                              NULL, false);
      gs->lines += v->credit == 2 ? 1 : v->n_lines;
      gs->credit_count++;
      /* a line credited after the invoice was paid: refunded, mostly */
      if (v->credit == 2 && rng_chance (r, 0.7))
        {
          write_payment (w, r, id, total,
                         earlier_of (dokus_date_add_days (plan[k].date, 5), today), NULL);
          gs->refunds++;
        }
    }
  exec (w->db, "COMMIT");
  free (plan);
}

static void
write_purchases (sqlite3 *db, Rng *r, const Options *o, DokusDate today)
{
  sqlite3_stmt *exp
    = prepare (db, "INSERT INTO expenses (id, date, supplier_name, supplier_vat_number,"
                   " supplier_country, number, description, category, kind, vat_treatment,"
                   " deductible_percent, vat_recoverable_percent, is_credit_note, created_at,"
                   " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                   " ?14, ?14)");
  sqlite3_stmt *line = prepare (db, "INSERT INTO expense_lines (expense_id, position, base,"
                                    " vat_rate, vat_amount) VALUES (?1, ?2, ?3, ?4, ?5)");
  DokusDate start = { (int32_t) (today.year - o->years + 1), 1, 1 };
  int32_t span = dokus_date_days_between (start, today) + 1;
  long *numbers = calloc (SUPPLIERS, sizeof *numbers);

  for (long i = 0; i < o->purchases; i++)
    {
      char id[DOKUS_ID_TEXT], date[DOKUS_DATE_TEXT], supplier[48], vat[24], number[32], at[32];
      uint32_t s = rng_below (r, SUPPLIERS), kind = rng_below (r, 100);
      const char *category = categories[s % (sizeof categories / sizeof categories[0])];
      bool eu = s % 10 == 7, restaurant = strcmp (category, "restaurant") == 0;
      bool credit = rng_chance (r, 0.02);
      int n = 1 + (int) rng_below (r, 3);

      if (i % TXN_DOCUMENTS == 0)
        exec (db, "BEGIN");
      rng_uuid (r, id);
      dokus_date_format (dokus_date_add_days (start, (int32_t) rng_below (r, (uint32_t) span)),
                         date);
      snprintf (supplier, sizeof supplier, "Supplier %03u %s", s, eu ? "GmbH" : "BV");
      snprintf (vat, sizeof vat, eu ? "DE%09u" : "BE0%09u", 100000000u + s);
      snprintf (number, sizeof number, "%s%ld", credit ? "C" : "", ++numbers[s]);
      snprintf (at, sizeof at, "%sT12:00:00Z", date);
      sqlite3_bind_text (exp, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 2, date, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 3, supplier, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 4, vat, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 5, eu ? "DE" : "BE", -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 6, number, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 7, category, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 8, category, -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 9, kind < 10 ? "investment" : kind < 30 ? "goods" : "services", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (exp, 10, eu ? "eu_services" : "domestic", -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 11, restaurant ? "69" : "100", -1, SQLITE_STATIC);
      sqlite3_bind_text (exp, 12, restaurant ? "0" : "100", -1, SQLITE_STATIC);
      sqlite3_bind_int (exp, 13, credit);
      sqlite3_bind_text (exp, 14, at, -1, SQLITE_STATIC);
      step_reset (db, exp, "inserting a purchase");
      for (int k = 0; k < n; k++)
        {
          DokusCents base = 500 + (DokusCents) rng_below (r, 200000);
          int rate = kind % 7 == 0 ? 6 : 21;
          char rate_text[4];
          snprintf (rate_text, sizeof rate_text, "%d", rate);
          sqlite3_bind_text (line, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_int (line, 2, k + 1);
          sqlite3_bind_int64 (line, 3, base);
          sqlite3_bind_text (line, 4, rate_text, -1, SQLITE_TRANSIENT);
          /* round (base × rate / 100), half away from zero */
          sqlite3_bind_int64 (line, 5, (base * rate + 50) / 100);
          step_reset (db, line, "inserting a purchase line");
        }
      if (i % TXN_DOCUMENTS == TXN_DOCUMENTS - 1 || i == o->purchases - 1)
        exec (db, "COMMIT");
    }
  sqlite3_finalize (exp);
  sqlite3_finalize (line);
  free (numbers);
}

static void
write_drafts (DokusBook *book, const Client *clients, long n_clients)
{
  for (int i = 0; i < DRAFTS; i++)
    {
      char id[DOKUS_ID_TEXT], json[512];
      DokusError err = { 0 };
      snprintf (json, sizeof json,
                "{\"client\": \"%s\", \"lines\": [{\"description\": \"Draft work %d\","
                " \"quantity\": \"%d\", \"unit_price\": \"95.00\", \"vat_rate\": \"21\"}]}",
                clients[(i * 97) % n_clients].id, i, 1 + i % 8);
      if (strcmp (clients[(i * 97) % n_clients].country, "BE") != 0)
        snprintf (json, sizeof json,
                  "{\"client\": \"%s\", \"lines\": [{\"description\": \"Draft work %d\","
                  " \"quantity\": \"%d\", \"unit_price\": \"95.00\", \"vat_category\": \"AE\"}]}",
                  clients[(i * 97) % n_clients].id, i, 1 + i % 8);
      if (dokus_invoice_create (book, json, id, &err) != DOKUS_OK)
        die ("creating a draft", &err);
    }
}

static char *
params_text (const Options *o)
{
  char *s = malloc (256);
  snprintf (s, 256, "invoices=%ld clients=%ld purchases=%ld years=%d today=%s seed=%" PRIu64,
            o->invoices, o->clients, o->purchases, o->years, o->today, o->seed);
  return s;
}

static void
generate (const Options *o)
{
  DokusBookOptions bo = { .kdf_cost = DOKUS_KDF_MINIMUM };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusDate today = date_parse_or_die (o->today);
  Rng r = { o->seed };
  GenStats gs = { 0 };
  Client *clients;
  Invoice *inv;
  Writer w = { 0 };
  char *params = params_text (o);
  double t0 = now_ms (), t;
  sqlite3 *db;

  if (dokus_book_create (o->book, PASSPHRASE, &bo, NULL, &book, &err) != DOKUS_OK)
    die ("creating the book", &err);
  db = dokus_book_get_db (book);
  /* a big cache while writing: the random ids scatter every transaction
   * over most pages of the indexes */
  exec (db, "PRAGMA cache_size = -262144");
  if (dokus_profile_set (book,
                         "{\"name\": \"Studio Bench\", \"enterprise_number\": \"0203.201.340\","
                         " \"vat_number\": \"BE0203201340\", \"vat_period\": \"quarter\","
                         " \"invoice_prefix\": \"F\", \"iban\": \"BE68539007547034\","
                         " \"email\": \"studio@bench.be\", \"address\": {\"street\": "
                         "\"Veldstraat 1\", \"postal_code\": \"9000\", \"city\": \"Gent\","
                         " \"country\": \"BE\"}}",
                         &err)
      != DOKUS_OK)
    die ("setting the profile", &err);
  t = now_ms ();
  clients = write_clients (db, book, &r, o->clients);
  gs.clients = now_ms () - t;
  writer_open (&w, book);
  inv = calloc ((size_t) o->invoices, sizeof *inv);
  t = now_ms ();
  write_invoices (&w, &r, o, clients, inv, today, &gs);
  gs.invoices = now_ms () - t;
  t = now_ms ();
  write_credit_notes (&w, &r, o, clients, inv, today, &gs);
  gs.credit_notes = now_ms () - t;
  writer_close (&w);
  t = now_ms ();
  write_purchases (db, &r, o, today);
  gs.purchases = now_ms () - t;
  t = now_ms ();
  write_drafts (book, clients, o->clients);
  gs.drafts = now_ms () - t;
  {
    sqlite3_stmt *meta = prepare (db, "INSERT INTO book_meta (key, value) VALUES"
                                      " ('dokus_bench_ledger', ?1)");
    sqlite3_bind_text (meta, 1, params, -1, SQLITE_STATIC);
    step_reset (db, meta, "noting the parameters");
    sqlite3_finalize (meta);
  }
  {
    sqlite3_stmt *c = prepare (db, "SELECT (SELECT count(*) FROM payments),"
                                   " (SELECT count(*) FROM document_lines)");
    if (sqlite3_step (c) == SQLITE_ROW)
      {
        gs.payments = sqlite3_column_int64 (c, 0);
        gs.lines = sqlite3_column_int64 (c, 1);
      }
    sqlite3_finalize (c);
  }
  t = now_ms ();
  dokus_book_close (book); /* checkpoints the WAL into the book */
  gs.close = now_ms () - t;
  printf ("Generated %s in %.1f s: %ld clients (%.1f s), %ld invoices and %ld lines with %ld "
          "payments (%.1f s), %ld credit notes with %ld refunds (%.1f s), %ld purchases "
          "(%.1f s), %d drafts through the API (%.2f s), closing and checkpoint %.1f s.\n",
          o->book, (now_ms () - t0) / 1e3, o->clients, gs.clients / 1e3, o->invoices, gs.lines,
          gs.payments, gs.invoices / 1e3, gs.credit_count, gs.refunds, gs.credit_notes / 1e3,
          o->purchases, gs.purchases / 1e3, DRAFTS, gs.drafts / 1e3, gs.close / 1e3);
  for (long i = 0; i < o->clients; i++)
    cJSON_free (clients[i].buyer_json);
  free (clients);
  free (inv);
  free (params);
}

/* true when the book at @path was made with the same parameters. */
static bool
reusable (const Options *o)
{
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *params = params_text (o);
  bool same = false;
  struct stat sb;

  if (stat (o->book, &sb) != 0)
    {
      free (params);
      return false;
    }
  if (dokus_book_open (o->book, PASSPHRASE, &book, &err) == DOKUS_OK)
    {
      sqlite3_stmt *q = prepare (dokus_book_get_db (book),
                                 "SELECT value FROM book_meta WHERE key = 'dokus_bench_ledger'");
      same = sqlite3_step (q) == SQLITE_ROW
             && strcmp ((const char *) sqlite3_column_text (q, 0), params) == 0;
      sqlite3_finalize (q);
      dokus_book_close (book);
    }
  if (!same)
    fprintf (stderr, "dokus-bench-ledger: %s was made otherwise (want %s); making it again\n",
             o->book, params);
  free (params);
  return same;
}

/* ---- timing ---------------------------------------------------------------------------------- */

/* Wall-clock and CPU time of one call, in ms. */
typedef struct {
  double wall, cpu;
} Cost;

typedef struct {
  char     name[80];
  Cost     first;       /* the first call on a freshly opened book */
  uint64_t first_pages; /* the pages it decrypted (dokus_vfs_get_stats) */
  Cost     best;        /* the fastest of --repeat calls after it (each its own minimum) */
  bool     goal;        /* measured against GOAL_MS */
  char     note[96];
} Result;

static Result results[32];
static size_t n_results;
static const char *only; /* --only: the operations whose name starts so */
static long cache_mib;    /* --cache-mib: the page cache instead of the book's own */
static bool check;        /* --check */

typedef void (*Op) (DokusBook *book, const void *arg, char note[96]);

static DokusBook *
open_for_timing (const char *path)
{
  DokusBook *book = NULL;
  DokusError err = { 0 };

  if (dokus_book_open (path, PASSPHRASE, &book, &err) != DOKUS_OK)
    die ("opening the book", &err);
  if (cache_mib > 0)
    {
      char pragma[64];
      snprintf (pragma, sizeof pragma, "PRAGMA cache_size = -%ld", cache_mib * 1024);
      exec (dokus_book_get_db (book), pragma);
    }
  return book;
}

/* Each operation on a book opened for it alone: the first call finds
 * SQLite's page cache and the book's derived-balance cache empty (the
 * file itself is in the operating system's cache), as the first call of
 * an application that has just opened the book; then --repeat calls. */
static void
time_op (const char *path, const char *name, bool goal, Op op, const void *arg, int repeat)
{
  Result *res;
  DokusBook *book;

  if (only != NULL && strncmp (name, only, strlen (only)) != 0)
    return;
  res = &results[n_results++];
  snprintf (res->name, sizeof res->name, "%s", name);
  res->goal = goal;
  book = open_for_timing (path);
  for (int i = 0; i <= repeat; i++)
    {
      double w0, c0;
      Cost c;
      DokusVfsStats stats;
      dokus_vfs_reset_stats ();
      w0 = now_ms ();
      c0 = cpu_ms ();
      op (book, arg, res->note);
      c.cpu = cpu_ms () - c0;
      c.wall = now_ms () - w0;
      dokus_vfs_get_stats (&stats);
      if (i == 0)
        {
          res->first = c;
          res->first_pages = stats.pages_opened;
        }
      else if (i == 1)
        res->best = c;
      else
        {
          res->best.wall = c.wall < res->best.wall ? c.wall : res->best.wall;
          res->best.cpu = c.cpu < res->best.cpu ? c.cpu : res->best.cpu;
        }
    }
  dokus_book_close (book);
}

static void
op_vat_return (DokusBook *book, const void *arg, char note[96])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  if (dokus_vat_return (book, arg, &json, &err) != DOKUS_OK)
    die ("VAT return", &err);
  o = cJSON_Parse (json);
  snprintf (note, 96, "grid 03 %s, 54 %s, 71 %s",
            cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (o, "grids"), "03")),
            cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (o, "grids"), "54")),
            cJSON_IsString (cJSON_GetObjectItem (cJSON_GetObjectItem (o, "grids"), "71"))
              ? cJSON_GetObjectItem (cJSON_GetObjectItem (o, "grids"), "71")->valuestring
              : "-");
  cJSON_Delete (o);
  free (json);
}

static void
op_query (DokusBook *book, const void *arg, char note[96])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  if (dokus_document_query (book, arg, &json, &err) != DOKUS_OK)
    die ("document query", &err);
  o = cJSON_Parse (json);
  snprintf (note, 96, "%d rows of %.0f", cJSON_GetArraySize (cJSON_GetObjectItem (o, "invoices")),
            cJSON_GetObjectItem (o, "total")->valuedouble);
  cJSON_Delete (o);
  free (json);
}

static void
op_client_search (DokusBook *book, const void *arg, char note[96])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  if (dokus_client_search (book, arg, 50, &json, &err) != DOKUS_OK)
    die ("client search", &err);
  o = cJSON_Parse (json);
  snprintf (note, 96, "%d clients", cJSON_GetArraySize (cJSON_GetObjectItem (o, "clients")));
  cJSON_Delete (o);
  free (json);
}

static void
op_dashboard (DokusBook *book, const void *arg, char note[96])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  (void) arg;
  if (dokus_report_dashboard (book, &json, &err) != DOKUS_OK)
    die ("dashboard", &err);
  o = cJSON_Parse (json);
  snprintf (note, 96, "outstanding %s (%.0f), overdue %s (%.0f)",
            cJSON_GetStringValue (cJSON_GetObjectItem (o, "outstanding")),
            cJSON_GetObjectItem (o, "outstanding_count")->valuedouble,
            cJSON_GetStringValue (cJSON_GetObjectItem (o, "overdue")),
            cJSON_GetObjectItem (o, "overdue_count")->valuedouble);
  cJSON_Delete (o);
  free (json);
}

static void
op_receivables (DokusBook *book, const void *arg, char note[96])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  (void) arg;
  if (dokus_report_receivables (book, &json, &err) != DOKUS_OK)
    die ("receivables", &err);
  o = cJSON_Parse (json);
  snprintf (note, 96, "total %s", cJSON_GetStringValue (cJSON_GetObjectItem (o, "total")));
  cJSON_Delete (o);
  free (json);
}

/* The floor of the balance pass (core/ledger/dokus-balances.c): its two
 * large statements stepped to the end in one read transaction, with no
 * column read and nothing computed, so that a run shows how much of a
 * status page's or the dashboard's first call SQLite and the page reads
 * take alone. */
static void
op_balance_scans (DokusBook *book, const void *arg, char note[96])
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *docs, *pays;
  long rows = 0;

  (void) arg;
  exec (db, "BEGIN");
  docs = prepare (db, "SELECT block, slots FROM settlement_slots");
  pays = prepare (db, "SELECT block, slots FROM payment_slots");
  while (sqlite3_step (docs) == SQLITE_ROW)
    rows++;
  while (sqlite3_step (pays) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (docs);
  sqlite3_finalize (pays);
  exec (db, "COMMIT");
  snprintf (note, 96, "%ld rows of 256 slots", rows);
}

static void
time_open (const Options *o)
{
  Result *open = &results[n_results++], *kdf = &results[n_results++];
  unsigned char key[32], salt[crypto_pwhash_SALTBYTES] = { 0 };

  snprintf (open->name, sizeof open->name, "open (dokus_book_open, minimum KDF)");
  snprintf (kdf->name, sizeof kdf->name, "  of which the KDF alone (Argon2id, minimum)");
  open->goal = false;
  kdf->goal = false;
  for (int i = 0; i <= o->repeat; i++)
    {
      DokusBook *book = NULL;
      DokusError err = { 0 };
      double w0 = now_ms (), c0 = cpu_ms ();
      Cost c;
      if (dokus_book_open (o->book, PASSPHRASE, &book, &err) != DOKUS_OK)
        die ("opening the book", &err);
      c.cpu = cpu_ms () - c0;
      c.wall = now_ms () - w0;
      dokus_book_close (book);
      if (i == 0)
        open->first = c;
      if (i == 1 || (i > 1 && c.wall < open->best.wall))
        open->best.wall = c.wall;
      if (i == 1 || (i > 1 && c.cpu < open->best.cpu))
        open->best.cpu = c.cpu;
      /* what DOKUS_KDF_MINIMUM costs (dokus-crypto.c): the same call */
      w0 = now_ms ();
      c0 = cpu_ms ();
      if (crypto_pwhash (key, sizeof key, PASSPHRASE, strlen (PASSPHRASE), salt,
                         crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                         crypto_pwhash_ALG_ARGON2ID13)
          != 0)
        die ("crypto_pwhash", NULL);
      c.cpu = cpu_ms () - c0;
      c.wall = now_ms () - w0;
      if (i == 0)
        kdf->first = c;
      if (i == 1 || (i > 1 && c.wall < kdf->best.wall))
        kdf->best.wall = c.wall;
      if (i == 1 || (i > 1 && c.cpu < kdf->best.cpu))
        kdf->best.cpu = c.cpu;
    }
  {
    Result *net = &results[n_results++];
    snprintf (net->name, sizeof net->name, "open without the KDF");
    net->goal = true;
    net->first.wall = open->first.wall - kdf->first.wall;
    net->first.cpu = open->first.cpu - kdf->first.cpu;
    net->best.wall = open->best.wall - kdf->best.wall;
    net->best.cpu = open->best.cpu - kdf->best.cpu;
    snprintf (net->note, sizeof net->note, "open − KDF");
  }
}

static const char *
verdict (Cost c)
{
  if (c.wall <= GOAL_MS)
    return "pass";
  return c.cpu <= GOAL_MS ? "wall miss, CPU pass" : "**miss**";
}

static void
print_results (void)
{
  printf ("\nms; first = the first call on a freshly opened book, best = the fastest of --repeat"
          "\ncalls after it; wall = elapsed, CPU = the process's CPU time, all threads;"
          " pages = the pages the first call\ndecrypted.\n"
          "\n| operation | first wall | first CPU | pages | best wall | best CPU | goal | first "
          "| best | |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
  for (size_t i = 0; i < n_results; i++)
    {
      const Result *r = &results[i];
      printf ("| %s | %.1f | %.1f | %llu | %.1f | %.1f | %s | %s | %s | %s |\n", r->name,
              r->first.wall, r->first.cpu, (unsigned long long) r->first_pages, r->best.wall,
              r->best.cpu, r->goal ? "50" : "",
              r->goal ? verdict (r->first) : "", r->goal ? verdict (r->best) : "", r->note);
    }
}

static void
book_figures (const Options *o)
{
  DokusBook *book = NULL;
  DokusError err = { 0 };
  sqlite3_stmt *q;
  struct stat sb;

  if (dokus_book_open (o->book, PASSPHRASE, &book, &err) != DOKUS_OK)
    die ("opening the book", &err);
  q = prepare (dokus_book_get_db (book),
               "SELECT (SELECT count(*) FROM documents WHERE type = 'invoice' AND state <> 'draft'),"
               " (SELECT count(*) FROM documents WHERE type = 'credit_note'),"
               " (SELECT count(*) FROM documents WHERE state = 'draft'),"
               " (SELECT count(*) FROM document_lines), (SELECT count(*) FROM payments),"
               " (SELECT count(*) FROM clients), (SELECT count(*) FROM expenses),"
               " (SELECT count(*) FROM expense_lines)");
  if (sqlite3_step (q) == SQLITE_ROW)
    printf ("Book %s: %lld invoices, %lld credit notes, %lld drafts, %lld lines, %lld payments, "
            "%lld clients, %lld purchases with %lld lines; ",
            o->book, sqlite3_column_int64 (q, 0), sqlite3_column_int64 (q, 1),
            sqlite3_column_int64 (q, 2), sqlite3_column_int64 (q, 3),
            sqlite3_column_int64 (q, 4), sqlite3_column_int64 (q, 5),
            sqlite3_column_int64 (q, 6), sqlite3_column_int64 (q, 7));
  sqlite3_finalize (q);
  dokus_book_close (book);
  if (stat (o->book, &sb) == 0)
    printf ("%.1f MiB on disk.\n", (double) sb.st_size / (1024.0 * 1024.0));
}

/* --check: every row of the whole list (balances from one pass over the
 * book) against dokus_document_show (a few queries per document). */
static void
check_against_show (const Options *o)
{
  DokusDocumentQuery all = { .sort = "number" };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *list, *row;
  long checked = 0, wrong = 0;
  double t0 = now_ms ();

  if (dokus_book_open (o->book, PASSPHRASE, &book, &err) != DOKUS_OK
      || dokus_document_query (book, &all, &json, &err) != DOKUS_OK)
    die ("checking", &err);
  list = cJSON_Parse (json);
  free (json);
  cJSON_ArrayForEach (row, cJSON_GetObjectItem (list, "invoices"))
    {
      const char *id = cJSON_GetStringValue (cJSON_GetObjectItem (row, "id"));
      cJSON *shown;
      if (dokus_document_show (book, id, &json, &err) != DOKUS_OK)
        die ("showing a document", &err);
      shown = cJSON_Parse (json);
      free (json);
      if (strcmp (cJSON_GetStringValue (cJSON_GetObjectItem (row, "status")),
                  cJSON_GetStringValue (cJSON_GetObjectItem (shown, "status")))
            != 0
          || strcmp (cJSON_GetStringValue (cJSON_GetObjectItem (row, "open_amount")),
                     cJSON_GetStringValue (cJSON_GetObjectItem (shown, "open_amount")))
               != 0
          || cJSON_IsTrue (cJSON_GetObjectItem (row, "overdue"))
               != cJSON_IsTrue (cJSON_GetObjectItem (shown, "overdue")))
        {
          if (wrong++ < 10)
            fprintf (stderr, "dokus-bench-ledger: %s: list %s %s, shown %s %s\n", id,
                     cJSON_GetStringValue (cJSON_GetObjectItem (row, "status")),
                     cJSON_GetStringValue (cJSON_GetObjectItem (row, "open_amount")),
                     cJSON_GetStringValue (cJSON_GetObjectItem (shown, "status")),
                     cJSON_GetStringValue (cJSON_GetObjectItem (shown, "open_amount")));
        }
      checked++;
      cJSON_Delete (shown);
    }
  cJSON_Delete (list);
  dokus_book_close (book);
  printf ("Checked %ld documents of the list against dokus_document_show in %.1f s: %ld "
          "differ.\n",
          checked, (now_ms () - t0) / 1e3, wrong);
  if (wrong)
    exit (1);
}

static void
usage (FILE *f)
{
  fprintf (f,
           "usage: dokus-bench-ledger [--book PATH] [--reuse] [--invoices N] [--clients N]\n"
           "                          [--purchases N] [--years N] [--today YYYY-MM-DD]\n"
           "                          [--repeat N] [--seed N] [--only NAME] [--cache-mib N]\n"
           "                          [--check]\n"
           "Makes an encrypted book (passphrase \"" PASSPHRASE "\", minimum KDF) at PATH\n"
           "(default dokus-bench-ledger.dokus, replaced unless --reuse finds one made with\n"
           "the same parameters), then times opening it, a VAT return, document list pages,\n"
           "client search and the dashboard, each on a freshly opened book: the first call\n"
           "and the best of N more (default 5), wall-clock and CPU time.\n"
           "Defaults: 100000 invoices, 2000 clients, 50000 purchases over 10 years up to\n"
           "--today 2025-11-20 (also DOKUS_TODAY for the run), seed 1. --only runs the\n"
           "operations whose name starts with NAME (for a profiler); --cache-mib sets the\n"
           "page cache of the timed connection instead of the book's own (64 MiB);\n"
           "--check first compares every document's row in the list with\n"
           "dokus_document_show (a minute or so).\n");
}

static long
parse_long (const char *s, const char *option, long min)
{
  char *end = NULL;
  long v = strtol (s ? s : "", &end, 10);
  if (s == NULL || end == s || *end != '\0' || v < min)
    {
      fprintf (stderr, "dokus-bench-ledger: %s needs a number from %ld\n", option, min);
      exit (2);
    }
  return v;
}

int
main (int argc, char **argv)
{
  Options o = { .book = "dokus-bench-ledger.dokus", .today = "2025-11-20", .invoices = 100000,
                .clients = 2000, .purchases = 50000, .years = 10, .repeat = 5, .seed = 1 };
  char period[16], last_quarter_from[DOKUS_DATE_TEXT], last_quarter_to[DOKUS_DATE_TEXT];
  DokusDate today;
  DokusPeriod q;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
      if (strcmp (a, "--help") == 0)
        {
          usage (stdout);
          return 0;
        }
      if (strcmp (a, "--reuse") == 0)
        o.reuse = true;
      else if (strcmp (a, "--check") == 0)
        check = true;
      else if (strcmp (a, "--cache-mib") == 0)
        cache_mib = parse_long (argv[++i < argc ? i : 0], a, 1);
      else if (strcmp (a, "--only") == 0 && v)
        only = argv[++i];
      else if (strcmp (a, "--book") == 0 && v)
        o.book = argv[++i];
      else if (strcmp (a, "--today") == 0 && v)
        o.today = argv[++i];
      else if (strcmp (a, "--invoices") == 0)
        o.invoices = parse_long (argv[++i < argc ? i : 0], a, 1);
      else if (strcmp (a, "--clients") == 0)
        o.clients = parse_long (argv[++i < argc ? i : 0], a, 1);
      else if (strcmp (a, "--purchases") == 0)
        o.purchases = parse_long (argv[++i < argc ? i : 0], a, 0);
      else if (strcmp (a, "--years") == 0)
        o.years = (int) parse_long (argv[++i < argc ? i : 0], a, 1);
      else if (strcmp (a, "--repeat") == 0)
        o.repeat = (int) parse_long (argv[++i < argc ? i : 0], a, 1);
      else if (strcmp (a, "--seed") == 0)
        o.seed = (uint64_t) parse_long (argv[++i < argc ? i : 0], a, 0);
      else
        {
          usage (stderr);
          return 2;
        }
    }
  if (o.years > 60)
    o.years = 60;
  if (sodium_init () < 0)
    die ("libsodium", NULL);
  setenv ("DOKUS_TODAY", o.today, 1);
  today = date_parse_or_die (o.today);
  if (!(o.reuse && reusable (&o)))
    {
      remove (o.book);
      for (const char *s = "-wal\0-shm\0-journal\0"; *s; s += strlen (s) + 1)
        {
          char side[4096];
          snprintf (side, sizeof side, "%s%s", o.book, s);
          remove (side);
        }
      generate (&o);
    }
  book_figures (&o);
  /* the file in the operating system's cache, as after any recent use:
   * "first" then measures SQLite's empty page cache, not the disk */
  {
    FILE *f = fopen (o.book, "rb");
    static char buf[1 << 16];
    while (f != NULL && fread (buf, 1, sizeof buf, f) == sizeof buf)
      ;
    if (f != NULL)
      fclose (f);
  }
  if (check)
    check_against_show (&o);

  if (only == NULL || strncmp ("open", only, strlen (only)) == 0)
    time_open (&o);
  /* the last whole quarter before today */
  q = dokus_period_of_date (dokus_date_add_days (dokus_period_of_date (today, true).from, -1),
                            true);
  snprintf (period, sizeof period, "%s", q.label);
  dokus_date_format (q.from, last_quarter_from);
  dokus_date_format (q.to, last_quarter_to);
  {
    char name[80];
    snprintf (name, sizeof name, "VAT return %s", period);
    time_op (o.book, name, true, op_vat_return, period, o.repeat);
  }
  {
    static DokusDocumentQuery newest = { .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery paid
      = { .status = "paid", .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery overdue
      = { .status = "overdue", .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery common
      = { .search = "consultancy", .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery rare
      = { .search = "prj4711", .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery client
      = { .search = "lefevre", .sort = "issue_date", .descending = true, .limit = 50 };
    static DokusDocumentQuery by_client = { .sort = "client", .limit = 50 };
    static DokusDocumentQuery quarter_total
      = { .sort = "total", .descending = true, .limit = 50 };
    static DokusDocumentQuery deep = { .sort = "number", .limit = 50, .offset = 50000 };
    quarter_total.from = last_quarter_from;
    quarter_total.to = last_quarter_to;
    time_op (o.book, "list: newest first", true, op_query, &newest, o.repeat);
    time_op (o.book, "list: status paid, newest first", true, op_query, &paid, o.repeat);
    time_op (o.book, "list: status overdue (rare)", true, op_query, &overdue, o.repeat);
    time_op (o.book, "list: search \"consultancy\" (a common word)", true, op_query, &common,
             o.repeat);
    time_op (o.book, "list: search \"lefevre\" (a client name)", true, op_query, &client, o.repeat);
    time_op (o.book, "list: search \"prj4711\" (a rare word)", true, op_query, &rare, o.repeat);
    time_op (o.book, "list: by client name", true, op_query, &by_client, o.repeat);
    time_op (o.book, "list: last quarter by total, largest first", true, op_query, &quarter_total,
             o.repeat);
    time_op (o.book, "list: by number, offset 50 000", false, op_query, &deep, o.repeat);
  }
  time_op (o.book, "client search \"pee\" (50 of many)", true, op_client_search, "pee", o.repeat);
  time_op (o.book, "client search \"bureau gent\"", true, op_client_search, "bureau gent",
           o.repeat);
  time_op (o.book, "dashboard", true, op_dashboard, NULL, o.repeat);
  time_op (o.book, "receivables (not a goal)", false, op_receivables, NULL, o.repeat);
  time_op (o.book, "balance pass: its scans alone (floor)", false, op_balance_scans, NULL,
           o.repeat);
  print_results ();
  return 0;
}
