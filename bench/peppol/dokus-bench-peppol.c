/* dokus-bench-peppol.c
 *
 * dokus-bench-peppol: how many Peppol documents per second one core turns
 * around, both ways, against the official rules' ~120 documents per second
 * per core (XSLT on Saxon-HE, warm; about 1.4 s per document cold):
 *
 *   in   parse + validate: every official example of ../shared/peppol
 *        (76 documents, read into memory once) through
 *        dokus_ubl_read_validated() (one parse for both, structure check
 *        included), round after round, for --seconds; also through
 *        dokus_ubl_read() and dokus_ubl_validate() apart, each alone and
 *        one after the other (two parses);
 *   out  export + validate: a book with --invoices issued invoices (made
 *        through the public API, like a user would) exported with
 *        dokus_ubl_export(), which validates what it writes. Each is
 *        first exported once (drawing its PDF, which the book keeps, and
 *        storing its hash and audit entry), timed on its own; then the
 *        steady state, a user exporting again, round after round; then
 *        the validator's share, the exported documents validated alone.
 *
 * Each phase also times its two halves alone. Single thread; the rate is
 * per second of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so that
 * a busy machine does not distort it, with the wall-clock rate beside it.
 * Each measurement runs --repeat times (5 by default) of --seconds (1):
 * the figure is the median run, the range of the runs beside it (on a
 * shared virtual machine two runs of the same binary differ by 20 % and
 * more).
 * "ref" is the rate over the 120 docs/s reference; the goal is 5000.
 * bench/README.md has the figures and how to reproduce.
 *
 * With --dump FILE it measures nothing: it writes to FILE what the reader
 * and the validator say of every example, every official rule-test
 * document and every fuzz corpus file, and the SHA-256 and findings of
 * every export, so that an optimisation can be proved to change neither
 * (run it before and after, diff the two files; bench/README.md).
 *
 * --rounds N and --export-rounds N measure nothing either: untimed rounds
 * of one side for valgrind --tool=callgrind, whose instruction counts do
 * not depend on the load of the machine.
 *
 * usage: dokus-bench-peppol [--seconds N] [--repeat N] [--invoices N] [--examples DIR]
 *                           [--dump FILE] [--rounds N] [--export-rounds N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>
#include <sqlite3.h>

#include "dokus/dokus.h"
#ifdef DOKUS_HAVE_UBL_VALIDATE
#include "dokus/dokus-ubl-validate.h"
#endif

#define REFERENCE_DOCS_PER_S 120.0
#define GOAL_DOCS_PER_S 5000.0
#define MAX_DOCS 256

typedef struct {
  char   *data;
  size_t  len;
  char    name[256];
} Doc;

static double
clock_s (clockid_t id)
{
  struct timespec ts;
  clock_gettime (id, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Wall time, for how long a phase runs. */
static double
now_s (void)
{
  return clock_s (CLOCK_MONOTONIC);
}

/* This thread's CPU time: the rate of one core, whatever else the
 * machine runs at the same time. */
static double
cpu_s (void)
{
  return clock_s (CLOCK_THREAD_CPUTIME_ID);
}

static void
die (const char *what, const DokusError *err)
{
  fprintf (stderr, "dokus-bench-peppol: %s: %s\n", what, err ? err->message : "");
  exit (1);
}

static char *
read_all (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  struct stat sb;
  char *buf;

  if (f == NULL || fstat (fileno (f), &sb) != 0)
    die (path, NULL);
  buf = malloc ((size_t) sb.st_size + 1);
  if (buf == NULL || fread (buf, 1, (size_t) sb.st_size, f) != (size_t) sb.st_size)
    die (path, NULL);
  fclose (f);
  *len = (size_t) sb.st_size;
  return buf;
}

static void
load_examples (const char *dir, Doc *docs, size_t *n)
{
  DIR *d = opendir (dir);
  struct dirent *e;

  if (d == NULL)
    {
      fprintf (stderr, "dokus-bench-peppol: no %s (../shared/peppol is read at run time)\n", dir);
      exit (1);
    }
  while ((e = readdir (d)) != NULL)
    {
      char path[4096];
      struct stat sb;
      size_t l = strlen (e->d_name);
      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      if (stat (path, &sb) != 0)
        continue;
      if (S_ISDIR (sb.st_mode))
        load_examples (path, docs, n);
      else if (l > 4 && strcasecmp (e->d_name + l - 4, ".xml") == 0 && *n < MAX_DOCS)
        {
          Doc *doc = &docs[(*n)++];
          doc->data = read_all (path, &doc->len);
          snprintf (doc->name, sizeof doc->name, "%.255s", e->d_name);
        }
    }
  closedir (d);
}

/* What one round does to one document. */
typedef enum { DO_READ = 1, DO_VALIDATE = 2, DO_READ_VALIDATED = 4 } Work;

static void
handle (const char *xml, size_t len, unsigned work, const char *name)
{
  DokusError err = { 0 };

  if (work & DO_READ)
    {
      DokusPurchaseDoc *doc = NULL;
      if (dokus_ubl_read (xml, len, &doc, &err) != DOKUS_OK)
        die (name, &err);
      dokus_purchase_doc_free (doc);
    }
#ifdef DOKUS_HAVE_UBL_VALIDATE
  if (work & DO_VALIDATE)
    {
      DokusUblReport *report = NULL;
      if (dokus_ubl_validate (xml, len, &report, &err) != DOKUS_OK)
        die (name, &err);
      dokus_ubl_report_free (report);
    }
  if (work & DO_READ_VALIDATED)
    {
      DokusPurchaseDoc *doc = NULL;
      DokusUblReport *report = NULL;
      if (dokus_ubl_read_validated (xml, len, &doc, &report, &err) != DOKUS_OK)
        die (name, &err);
      dokus_ubl_report_free (report);
      dokus_purchase_doc_free (doc);
    }
#endif
}

/* --repeat: how many times each measurement runs (the median is the figure) */
static int repeats = 5;

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The median of @n values (sorts them). */
static double
median (double *v, int n)
{
  qsort (v, (size_t) n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One line for @n runs of a measurement: the median of the per-run rates
 * (documents per second of this thread's CPU time), the range of the
 * runs, and the median wall-clock rate. */
static void
print_rates (const char *what, double *rates, double *walls, int n)
{
  double lo, hi, rate, wall;

  qsort (rates, (size_t) n, sizeof *rates, compare_double);
  lo = rates[0];
  hi = rates[n - 1];
  rate = median (rates, n);
  wall = median (walls, n);
  printf ("  %-34s %8.0f docs/s %8.1f us/doc %7.1fx ref  %-6s (runs %.0f-%.0f; wall %.0f)\n",
          what, rate, 1e6 / rate, rate / REFERENCE_DOCS_PER_S,
          rate >= GOAL_DOCS_PER_S ? "met" : "missed", lo, hi, wall);
}

/* Rounds over @docs doing @work until @seconds pass, --repeat times. */
static void
run_in (Doc *docs, size_t n, unsigned work, double seconds, const char *what)
{
  double rates[64], walls[64];

  for (int r = 0; r < repeats; r++)
    {
      long count = 0;
      double start = now_s (), start_cpu = cpu_s (), elapsed;
      do
        {
          for (size_t i = 0; i < n; i++)
            handle (docs[i].data, docs[i].len, work, docs[i].name);
          count += (long) n;
          elapsed = now_s () - start;
        }
      while (elapsed < seconds);
      rates[r] = (double) count / (cpu_s () - start_cpu);
      walls[r] = (double) count / elapsed;
    }
  print_rates (what, rates, walls, repeats);
}

/* ---- --dump: what the reader and the validator say ---- */

/* One document's verdicts, under @name: the reader's JSON (or its error)
 * and the validator's report (or its error). */
static void
dump_document (FILE *f, const char *name, const char *xml, size_t len)
{
  DokusError err = { 0 };
  char *json = NULL;

  fprintf (f, "== %s\n", name);
  if (dokus_ubl_read_json (xml, len, &json, &err) == DOKUS_OK)
    fprintf (f, "read: %s\n", json);
  else
    fprintf (f, "read error %d %s: %s\n", err.code, err.field, err.message);
  free (json);
#ifdef DOKUS_HAVE_UBL_VALIDATE
  {
    DokusUblReport *report = NULL;
    DokusError verr = { 0 };
    if (dokus_ubl_validate (xml, len, &report, &verr) == DOKUS_OK)
      {
        char *rjson = dokus_ubl_report_to_json (report, NULL);
        fprintf (f, "validate: %s\n", rjson ? rjson : "(out of memory)");
        free (rjson);
        dokus_ubl_report_free (report);
      }
    else
      fprintf (f, "validate error %d %s: %s\n", verr.code, verr.field, verr.message);
  }
#endif
}

/* Every <test> document of the vefa test set @path, serialized as the
 * official rule tests do (tests/validate/check-validate-official.c). */
static void
dump_test_set (FILE *f, const char *path)
{
  xmlDoc *set = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlNode *root = set ? xmlDocGetRootElement (set) : NULL;
  int k = 0;

  if (root == NULL)
    {
      fprintf (f, "== %s\nunreadable test set\n", path);
      xmlFreeDoc (set);
      return;
    }
  for (xmlNode *t = root->children; t; t = t->next)
    {
      if (t->type != XML_ELEMENT_NODE || strcmp ((const char *) t->name, "test") != 0)
        continue;
      k++;
      for (xmlNode *c = t->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE
            && (strcmp ((const char *) c->name, "Invoice") == 0
                || strcmp ((const char *) c->name, "CreditNote") == 0))
          {
            xmlDoc *doc = xmlNewDoc (BAD_CAST "1.0");
            xmlChar *buf = NULL;
            int len = 0;
            char name[4200];
            xmlDocSetRootElement (doc, xmlDocCopyNode (c, doc, 1));
            xmlDocDumpMemoryEnc (doc, &buf, &len, "UTF-8");
            snprintf (name, sizeof name, "%s #%d", path, k);
            if (buf != NULL)
              dump_document (f, name, (const char *) buf, (size_t) len);
            xmlFree (buf);
            xmlFreeDoc (doc);
          }
    }
  xmlFreeDoc (set);
}

/* Every .xml file below @dir, in name order: as a test set when
 * @test_sets, else as a document. */
static void
dump_dir (FILE *f, const char *dir, bool test_sets)
{
  struct dirent **names = NULL;
  int n = scandir (dir, &names, NULL, alphasort);

  if (n < 0)
    {
      fprintf (stderr, "dokus-bench-peppol: no %s\n", dir);
      exit (1);
    }
  for (int i = 0; i < n; i++)
    {
      char path[4096];
      struct stat sb;
      size_t l = strlen (names[i]->d_name);
      snprintf (path, sizeof path, "%s/%s", dir, names[i]->d_name);
      if (names[i]->d_name[0] != '.' && stat (path, &sb) == 0)
        {
          if (S_ISDIR (sb.st_mode))
            dump_dir (f, path, test_sets);
          else if (l > 4 && strcasecmp (names[i]->d_name + l - 4, ".xml") == 0 && test_sets)
            dump_test_set (f, path);
          else if (l > 4 && strcasecmp (names[i]->d_name + l - 4, ".xml") == 0)
            {
              size_t len;
              char *xml = read_all (path, &len);
              dump_document (f, path, xml, len);
              free (xml);
            }
        }
      free (names[i]);
    }
  free (names);
}

/* ---- out: a book of issued invoices ---- */

static DokusBook *
make_book (const char *dir, long invoices, char (*numbers)[DOKUS_NUMBER_TEXT])
{
  DokusBookOptions opts = { .kdf_cost = DOKUS_KDF_MINIMUM };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char path[4096], clients[4][DOKUS_ID_TEXT];
  static const char *const client_json[4] = {
    "{\"name\":\"Atelier Lumiere SRL\",\"vat_number\":\"BE0417497106\",\"address\":{\"street\":"
    "\"Rue Haute 48\",\"postal_code\":\"1000\",\"city\":\"Brussel\",\"country\":\"BE\"}}",
    "{\"name\":\"Kanaalkade Media BV\",\"vat_number\":\"NL004495445B01\",\"address\":"
    "{\"city\":\"Amsterdam\",\"country\":\"NL\"}}",
    "{\"name\":\"Maison Verte SAS\",\"vat_number\":\"FR40303265045\",\"address\":"
    "{\"city\":\"Paris\",\"country\":\"FR\"}}",
    /* no VAT number: reached by its enterprise number (an e-mail address
     * is no Peppol address) */
    "{\"name\":\"VZW De Ploeg\",\"enterprise_number\":\"0412.345.614\",\"address\":"
    "{\"city\":\"Leuven\",\"country\":\"BE\"}}",
  };

  snprintf (path, sizeof path, "%s/bench.dokus", dir);
  if (dokus_book_create (path, "bench", &opts, NULL, &book, &err) != DOKUS_OK)
    die ("creating the book", &err);
  if (dokus_profile_set (book,
                         "{\"name\":\"Studio Maes\",\"enterprise_number\":\"0203.201.340\","
                         "\"iban\":\"BE68539007547034\",\"bic\":\"GEBABEBB\",\"address\":"
                         "{\"street\":\"Veldstraat 1\",\"postal_code\":\"9000\",\"city\":"
                         "\"Gent\",\"country\":\"BE\"}}",
                         &err)
      != DOKUS_OK)
    die ("profile", &err);
  for (int i = 0; i < 4; i++)
    if (dokus_client_add (book, client_json[i], clients[i], &err) != DOKUS_OK)
      die ("client", &err);
  /* synchronous=FULL costs an fsync per issue; a bench book need not
   * survive a power cut */
  sqlite3_exec (dokus_book_get_db (book), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  for (long i = 0; i < invoices; i++)
    {
      char json[1024], id[DOKUS_ID_TEXT];
      DokusIssueResult res;
      /* 1 to 5 lines; Belgian clients at 21 % and 6 %, the Dutch and French
       * companies reverse charged (AE) */
      bool ae = i % 4 == 1 || i % 4 == 2;
      int lines = (int) (i % 5) + 1, n = 0;
      n += snprintf (json + n, sizeof json - (size_t) n, "{\"client\":\"%s\",\"lines\":[",
                     clients[i % 4]);
      for (int l = 0; l < lines; l++)
        n += snprintf (json + n, sizeof json - (size_t) n,
                       "%s{\"description\":\"Service %ld.%d\",\"quantity\":\"%d\","
                       "\"unit_price\":\"%ld.%02ld\",%s}",
                       l ? "," : "", i, l, l + 1, 10 + i % 90, i % 100,
                       ae ? "\"vat_category\":\"AE\""
                          : (l % 2 ? "\"vat_rate\":\"6\"" : "\"vat_rate\":\"21\""));
      snprintf (json + n, sizeof json - (size_t) n, "]}");
      if (dokus_invoice_create (book, json, id, &err) != DOKUS_OK)
        die ("invoice", &err);
      if (dokus_document_issue (book, id, &res, &err) != DOKUS_OK)
        die ("issue", &err);
      memcpy (numbers[i], res.number, DOKUS_NUMBER_TEXT);
    }
  return book;
}

/* The export of @number (transfer full), its length in *@len; dies on
 * an error. */
static char *
export_or_die (DokusBook *book, const char *number, size_t *len)
{
  DokusError err = { 0 };
  char *xml = NULL;

  if (dokus_ubl_export (book, number, &xml, len, &err) != DOKUS_OK)
    die (number, &err);
  return xml;
}

/* Exports every one of @numbers (and @work on each export) until @seconds
 * pass, @times times (1 for a single round: @seconds 0). */
static void
run_out (DokusBook *book, char (*numbers)[DOKUS_NUMBER_TEXT], long n, unsigned work,
         double seconds, int times, const char *what)
{
  double rates[64], walls[64];

  for (int r = 0; r < times; r++)
    {
      long count = 0;
      double start = now_s (), start_cpu = cpu_s (), elapsed;
      do
        {
          for (long i = 0; i < n; i++)
            {
              size_t len = 0;
              char *xml = export_or_die (book, numbers[i], &len);
              handle (xml, len, work, numbers[i]);
              free (xml);
            }
          count += n;
          elapsed = now_s () - start;
        }
      while (elapsed < seconds);
      rates[r] = (double) count / (cpu_s () - start_cpu);
      walls[r] = (double) count / elapsed;
    }
  print_rates (what, rates, walls, times);
}

/* The --dump of the exports: each one's SHA-256 (of all its bytes) and
 * verdicts. */
static void
dump_exports (FILE *f, DokusBook *book, char (*numbers)[DOKUS_NUMBER_TEXT], long n)
{
  for (long i = 0; i < n; i++)
    {
      unsigned char hash[crypto_hash_sha256_BYTES];
      char hex[2 * crypto_hash_sha256_BYTES + 1], name[DOKUS_NUMBER_TEXT + 100];
      size_t len = 0;
      char *xml = export_or_die (book, numbers[i], &len);
      crypto_hash_sha256 (hash, (const unsigned char *) xml, len);
      sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
      snprintf (name, sizeof name, "export %s sha256 %s", numbers[i], hex);
      dump_document (f, name, xml, len);
      free (xml);
    }
}

/* Removes the bench's temporary book folder (no subfolders). */
static void
remove_dir (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  while (d != NULL && (e = readdir (d)) != NULL)
    if (e->d_name[0] != '.')
      {
        char path[4096];
        snprintf (path, sizeof path, "%s/%.255s", dir, e->d_name);
        unlink (path);
      }
  if (d != NULL)
    closedir (d);
  rmdir (dir);
}

/* --dump FILE: the verdicts on the examples, the rule tests, the fuzz
 * corpus and @invoices exports. */
static int
run_dump (const char *file, const char *examples, long invoices)
{
  FILE *f = fopen (file, "w");
  char dir[] = "/tmp/dokus-bench-peppol-XXXXXX", path[4096];
  char (*numbers)[DOKUS_NUMBER_TEXT] = calloc ((size_t) invoices, sizeof *numbers);
  DokusBook *book;

  if (f == NULL || numbers == NULL || mkdtemp (dir) == NULL)
    die (file, NULL);
  dump_dir (f, examples, false);
  snprintf (path, sizeof path, "%s/../shared/peppol/rule-tests", DOKUS_SOURCE_ROOT);
  dump_dir (f, path, true);
  snprintf (path, sizeof path, "%s/tests/fuzz/corpus", DOKUS_SOURCE_ROOT);
  dump_dir (f, path, false);
  book = make_book (dir, invoices, numbers);
  dump_exports (f, book, numbers, invoices);
  dokus_book_close (book);
  remove_dir (dir);
  free (numbers);
  return fclose (f) == 0 ? 0 : 1;
}

/* --rounds N: N untimed rounds of parse + validate (one parse) over the
 * examples under 1 MiB, for instruction counts that do not depend on the
 * load: valgrind --tool=callgrind dokus-bench-peppol --rounds 3, then the
 * inclusive count of dokus_ubl_read_validated over 3 x the documents. */
static int
run_rounds (const char *examples, long rounds)
{
  static Doc docs[MAX_DOCS];
  size_t n_docs = 0, n_small = 0;

  load_examples (examples, docs, &n_docs);
  for (long r = 0; r < rounds; r++)
    for (size_t i = 0; i < n_docs; i++)
      if (docs[i].len < 1024 * 1024)
        {
          handle (docs[i].data, docs[i].len,
#ifdef DOKUS_HAVE_UBL_VALIDATE
                  DO_READ_VALIDATED,
#else
                  DO_READ,
#endif
                  docs[i].name);
          n_small += r == 0;
        }
  printf ("%lu rounds over %lu documents under 1 MiB\n", (unsigned long) rounds,
          (unsigned long) n_small);
  for (size_t i = 0; i < n_docs; i++)
    free (docs[i].data);
  return 0;
}

/* One export of each of the @n documents @numbers, validation included;
 * the bytes of them all. */
static size_t
export_round (DokusBook *book, char (*numbers)[DOKUS_NUMBER_TEXT], long n)
{
  size_t bytes = 0;
  for (long i = 0; i < n; i++)
    {
      size_t len = 0;
      free (export_or_die (book, numbers[i], &len));
      bytes += len;
    }
  return bytes;
}

/* Export again: @rounds rounds after the first. Its own function so that
 * callgrind's inclusive count of it is the steady state alone. */
static __attribute__ ((noinline)) void
export_again_rounds (DokusBook *book, char (*numbers)[DOKUS_NUMBER_TEXT], long n, long rounds)
{
  for (long r = 0; r < rounds; r++)
    export_round (book, numbers, n);
}

/* --export-rounds N: a book of @invoices issued invoices, each exported
 * once (PDF drawn and kept, hash and audit entry stored), then N untimed
 * rounds of export again, for instruction counts that do not depend on
 * the load: valgrind --tool=callgrind dokus-bench-peppol --invoices 100
 * --export-rounds 3, then the inclusive count of export_again_rounds over
 * N x @invoices. */
static int
run_export_rounds (long invoices, long rounds)
{
  char dir[] = "/tmp/dokus-bench-peppol-XXXXXX";
  char (*numbers)[DOKUS_NUMBER_TEXT] = calloc ((size_t) invoices, sizeof *numbers);
  DokusBook *book;
  size_t bytes;

  if (numbers == NULL || mkdtemp (dir) == NULL)
    die ("out of memory", NULL);
  book = make_book (dir, invoices, numbers);
  bytes = export_round (book, numbers, invoices);
  export_again_rounds (book, numbers, invoices, rounds);
  printf ("%ld rounds of export again over %ld invoices (export_again_rounds: %ld exports,"
          " %lu bytes a document on average)\n",
          rounds, invoices, rounds * invoices, (unsigned long) (bytes / (size_t) invoices));
  dokus_book_close (book);
  remove_dir (dir);
  free (numbers);
  return 0;
}

int
main (int argc, char **argv)
{
  double seconds = 1;
  long invoices = 1000;
  char examples[4096] = "", dump[4096] = "";
  long rounds = 0, export_rounds = 0;
  static Doc docs[MAX_DOCS];
  size_t n_docs = 0;
  char dir[] = "/tmp/dokus-bench-peppol-XXXXXX";
  char (*numbers)[DOKUS_NUMBER_TEXT];
  DokusBook *book;
  double t0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--seconds") == 0 && i + 1 < argc)
        seconds = atof (argv[++i]);
      else if (strcmp (argv[i], "--invoices") == 0 && i + 1 < argc)
        invoices = atol (argv[++i]);
      else if (strcmp (argv[i], "--examples") == 0 && i + 1 < argc)
        snprintf (examples, sizeof examples, "%s", argv[++i]);
      else if (strcmp (argv[i], "--dump") == 0 && i + 1 < argc)
        snprintf (dump, sizeof dump, "%s", argv[++i]);
      else if (strcmp (argv[i], "--rounds") == 0 && i + 1 < argc)
        rounds = atol (argv[++i]);
      else if (strcmp (argv[i], "--export-rounds") == 0 && i + 1 < argc)
        export_rounds = atol (argv[++i]);
      else if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        repeats = atoi (argv[++i]);
      else
        {
          fprintf (stderr,
                   "usage: dokus-bench-peppol [--seconds N] [--repeat N] [--invoices N]"
                   " [--examples DIR] [--dump FILE] [--rounds N] [--export-rounds N]\n");
          return 1;
        }
    }
  if (sodium_init () < 0 || invoices < 1 || seconds <= 0 || repeats < 1 || repeats > 64)
    return 1;
  if (examples[0] == '\0')
    snprintf (examples, sizeof examples, "%s/../shared/peppol/examples", DOKUS_SOURCE_ROOT);
  if (dump[0] != '\0')
    return run_dump (dump, examples, invoices);
  if (rounds > 0)
    return run_rounds (examples, rounds);
  if (export_rounds > 0)
    return run_export_rounds (invoices, export_rounds);

#ifdef DOKUS_HAVE_UBL_VALIDATE
  printf ("dokus-bench-peppol: validator %s, %d runs of %.1f s per measurement (the median"
          " shown), one thread\n",
          dokus_ubl_validate_release (), repeats, seconds);
#else
  printf ("dokus-bench-peppol: NO validator in this build (reader and writer only), %d runs of"
          " %.1f s per measurement, one thread\n", repeats, seconds);
#endif
  load_examples (examples, docs, &n_docs);
  printf ("\nin: the %lu official examples (%s)\n", (unsigned long) n_docs, examples);
  printf ("  %-34s %15s %15s %11s  %-6s\n", "", "rate", "per doc", "vs 120/s", "goal");
  run_in (docs, n_docs, DO_READ, seconds, "parse (dokus_ubl_read)");
#ifdef DOKUS_HAVE_UBL_VALIDATE
  run_in (docs, n_docs, DO_VALIDATE, seconds, "validate (dokus_ubl_validate)");
  run_in (docs, n_docs, DO_READ | DO_VALIDATE, seconds, "parse + validate, two parses");
  run_in (docs, n_docs, DO_READ_VALIDATED, seconds, "parse + validate (one parse)");
#endif
  /* one example embeds a 2.4 MB PDF (3.3 MB of XML): alone it takes most
   * of the time above, so the others are measured without it too */
  {
    size_t n_small = 0;
    static Doc small[MAX_DOCS];
    for (size_t i = 0; i < n_docs; i++)
      if (docs[i].len < 1024 * 1024)
        small[n_small++] = docs[i];
    printf ("in: the %lu examples under 1 MiB (%lu left out)\n", (unsigned long) n_small,
            (unsigned long) (n_docs - n_small));
    run_in (small, n_small, DO_READ, seconds, "parse (dokus_ubl_read)");
#ifdef DOKUS_HAVE_UBL_VALIDATE
    run_in (small, n_small, DO_VALIDATE, seconds, "validate (dokus_ubl_validate)");
    run_in (small, n_small, DO_READ | DO_VALIDATE, seconds, "parse + validate, two parses");
    run_in (small, n_small, DO_READ_VALIDATED, seconds, "parse + validate (one parse)");
#endif
  }

  if (mkdtemp (dir) == NULL)
    die ("mkdtemp", NULL);
  numbers = calloc ((size_t) invoices, sizeof *numbers);
  if (numbers == NULL)
    die ("out of memory", NULL);
  t0 = now_s ();
  book = make_book (dir, invoices, numbers);
  printf ("\nout: %ld issued invoices (book made in %.1f s)\n", invoices, now_s () - t0);
  /* the first export of each draws its PDF (kept in the book), stores
   * its SHA-256 and appends its audit entry: one round, timed apart */
  run_out (book, numbers, invoices, 0, 0, 1, "first export (PDF drawn, audit)");
  run_out (book, numbers, invoices, 0, seconds, repeats, "export (validation included)");
#ifdef DOKUS_HAVE_UBL_VALIDATE
  {
    static Doc out[MAX_DOCS];
    size_t n_out = 0;
    for (long i = 0; i < invoices && n_out < MAX_DOCS; i++, n_out++)
      {
        out[n_out].data = export_or_die (book, numbers[i], &out[n_out].len);
        snprintf (out[n_out].name, sizeof out[n_out].name, "%s", numbers[i]);
      }
    run_in (out, n_out, DO_VALIDATE, seconds, "of which validate");
    for (size_t i = 0; i < n_out; i++)
      free (out[i].data);
  }
#endif
  dokus_book_close (book);
  remove_dir (dir);
  free (numbers);
  for (size_t i = 0; i < n_docs; i++)
    free (docs[i].data);
  return 0;
}
