/* check-validate-official.c
 *
 * Suite "validate": the native validator against the official Peppol test
 * material in ../shared/peppol (read at run time, never copied):
 *  - every case of rule-tests/CASES.tsv: the embedded document of the
 *    vefa testSet is validated with the rule set its configuration names,
 *    and our in-scope findings must equal the official ones (fatal and
 *    warning ids, with counts where the test gives a number). Cases whose
 *    scope holds a rule we do not implement yet are counted, not asserted.
 *  - every example of examples/EXPECTED.tsv: the XSD verdict must match
 *    and, restricted to the rules we implement, the fired fatal and warning
 *    ids must equal the official ones.
 * A summary (agreed / asserted / total, by family) is printed; with
 * DOKUS_VALIDATE_COVERAGE=FILE the coverage tables of docs/peppol.md are
 * written to FILE (scripts/peppol-coverage.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dokus-test-helpers.h"

#define MAX_IDS 64
#define MAX_FAMILIES 64

typedef struct {
  char id[64];
  int  count;
} IdCount;

typedef struct {
  IdCount items[MAX_IDS];
  int     n;
} IdSet;

typedef struct {
  char name[32];
  int  total, asserted, agreed;
} FamilyStat;

static FamilyStat families[MAX_FAMILIES];
static int n_families;
static char shared[4096];

static const char *
shared_dir (void)
{
  if (shared[0] == '\0')
    snprintf (shared, sizeof shared, "%s/../shared/peppol", dokus_test_source_root ());
  return shared;
}

/* "BR-CO-15" -> "BR-CO", "BR-12" -> "BR", "BR-AE-03" -> "BR-AE", "UBL-CR-001" -> "UBL-CR",
 * "PEPPOL-EN16931-R001" -> "PEPPOL-EN16931", "DK-R-002" -> "DK", "UBL-XSD" -> "UBL-XSD" */
static void
family_of (const char *id, char *out, size_t size)
{
  const char *d1 = strchr (id, '-');
  if (strncmp (id, "BR-", 3) == 0)
    {
      const char *rest = id + 3;
      if (*rest >= '0' && *rest <= '9')
        snprintf (out, size, "BR");
      else
        snprintf (out, size, "BR-%.*s", (int) strcspn (rest, "-"), rest);
    }
  else if (strncmp (id, "UBL-", 4) == 0 || strncmp (id, "PEPPOL-", 7) == 0)
    {
      const char *d2 = strchr (d1 + 1, '-');
      snprintf (out, size, "%.*s", d2 ? (int) (d2 - id) : (int) strlen (id), id);
    }
  else
    snprintf (out, size, "%.*s", d1 ? (int) (d1 - id) : (int) strlen (id), id);
}

static FamilyStat *
family_stat (const char *id)
{
  char name[32];
  family_of (id, name, sizeof name);
  for (int i = 0; i < n_families; i++)
    if (strcmp (families[i].name, name) == 0)
      return &families[i];
  ck_assert_int_lt (n_families, MAX_FAMILIES);
  snprintf (families[n_families].name, sizeof families[n_families].name, "%s", name);
  return &families[n_families++];
}

/* Splits "A B Cx2" into @set; "x2" suffixes become counts (else 0 = any). */
static void
parse_ids (const char *text, IdSet *set)
{
  char buf[4096];
  char *save = NULL;
  set->n = 0;
  snprintf (buf, sizeof buf, "%s", text);
  for (char *tok = strtok_r (buf, " ", &save); tok; tok = strtok_r (NULL, " ", &save))
    {
      char *x = strrchr (tok, 'x');
      IdCount *ic = &set->items[set->n];
      ck_assert_int_lt (set->n, MAX_IDS);
      ic->count = 0;
      if (x && x > tok && x[1] >= '0' && x[1] <= '9'
          && strspn (x + 1, "0123456789") == strlen (x + 1))
        {
          ic->count = atoi (x + 1);
          *x = '\0';
        }
      snprintf (ic->id, sizeof ic->id, "%s", tok);
      set->n++;
    }
}

static bool
set_has (const IdSet *set, const char *id)
{
  for (int i = 0; i < set->n; i++)
    if (strcmp (set->items[i].id, id) == 0)
      return true;
  return false;
}

static void
set_add (IdSet *set, const char *id)
{
  for (int i = 0; i < set->n; i++)
    if (strcmp (set->items[i].id, id) == 0)
      {
        set->items[i].count++;
        return;
      }
  if (set->n == MAX_IDS)
    return;
  snprintf (set->items[set->n].id, sizeof set->items[set->n].id, "%s", id);
  set->items[set->n++].count = 1;
}

/* Do the expected ids (count 0: any number) match the actual ones exactly? */
static bool
sets_agree (const IdSet *expected, const IdSet *actual)
{
  if (expected->n != actual->n)
    return false;
  for (int i = 0; i < expected->n; i++)
    {
      bool found = false;
      for (int j = 0; j < actual->n; j++)
        if (strcmp (expected->items[i].id, actual->items[j].id) == 0)
          {
            found = expected->items[i].count == 0
                    || expected->items[i].count == actual->items[j].count;
            break;
          }
      if (!found)
        return false;
    }
  return true;
}

static void
set_format (const IdSet *set, char *out, size_t size)
{
  size_t len = 0;
  out[0] = '\0';
  for (int i = 0; i < set->n && len < size; i++)
    len += (size_t) snprintf (out + len, size - len, "%s%s(%d)", i ? " " : "",
                              set->items[i].id, set->items[i].count);
}

/* Splits a TSV line in place into at most @max columns. */
static int
split_tsv (char *line, char **cols, int max)
{
  int n = 0;
  line[strcspn (line, "\r\n")] = '\0';
  cols[n++] = line;
  for (char *p = line; *p && n < max; p++)
    if (*p == '\t')
      {
        *p = '\0';
        cols[n++] = p + 1;
      }
  return n;
}

/* The document of the @index-th <test> of a vefa testSet, serialized. */
static xmlChar *
test_document (const char *path, int index, int *len)
{
  xmlDoc *set = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlNode *root, *test = NULL, *docnode = NULL;
  xmlDoc *doc;
  xmlChar *buf = NULL;
  int k = 0;

  ck_assert_msg (set != NULL, "cannot parse %s", path);
  root = xmlDocGetRootElement (set);
  for (xmlNode *c = root->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, "test") == 0 && ++k == index)
      {
        test = c;
        break;
      }
  ck_assert_msg (test != NULL, "%s: no test %d", path, index);
  for (xmlNode *c = test->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE
        && (strcmp ((const char *) c->name, "Invoice") == 0
            || strcmp ((const char *) c->name, "CreditNote") == 0))
      docnode = c;
  ck_assert_msg (docnode != NULL, "%s: test %d has no document", path, index);
  doc = xmlNewDoc (BAD_CAST "1.0");
  xmlDocSetRootElement (doc, xmlDocCopyNode (docnode, doc, 1));
  xmlDocDumpMemoryEnc (doc, &buf, len, "UTF-8");
  xmlFreeDoc (doc);
  xmlFreeDoc (set);
  return buf;
}

static unsigned
sets_of (const char *configuration)
{
  if (strcmp (configuration, "tc434-ubl") == 0)
    return DOKUS_UBL_VALIDATE_STRUCTURE | DOKUS_UBL_VALIDATE_EN16931;
  if (strcmp (configuration, "peppolbis-en16931-base-3.0-ubl") == 0)
    return DOKUS_UBL_VALIDATE_PEPPOL;
  return DOKUS_UBL_VALIDATE_ALL;
}

/* The rule ids of the release (rules.tsv), to tell a removed rule (absent:
 * it can never fire, so its cases are asserted) from one not implemented. */
static char **release_ids;
static size_t n_release_ids;

static int
compare_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
load_release_ids (void)
{
  char path[4600], line[8192];
  FILE *tsv;
  size_t cap = 0;
  if (release_ids)
    return;
  snprintf (path, sizeof path, "%s/rules.tsv", shared_dir ());
  tsv = fopen (path, "r");
  ck_assert_msg (tsv != NULL, "missing %s", path);
  while (fgets (line, sizeof line, tsv))
    {
      line[strcspn (line, "\t\r\n")] = '\0';
      if (n_release_ids == cap)
        {
          cap = cap ? cap * 2 : 2048;
          release_ids = realloc (release_ids, cap * sizeof *release_ids);
          ck_assert_ptr_nonnull (release_ids);
        }
      release_ids[n_release_ids++] = strdup (line);
    }
  fclose (tsv);
  qsort (release_ids, n_release_ids, sizeof *release_ids, compare_str);
}

static bool
in_release (const char *id)
{
  load_release_ids ();
  return bsearch (&id, release_ids, n_release_ids, sizeof *release_ids, compare_str) != NULL;
}

static FILE *
coverage_file (const char *mode)
{
  const char *path = getenv ("DOKUS_VALIDATE_COVERAGE");
  return path && *path ? fopen (path, mode) : NULL;
}

START_TEST (test_validate_agrees_with_official_rule_tests)
{
  char path[4600], line[8192];
  FILE *tsv;
  int total = 0, asserted = 0, agreed = 0, failed = 0;

  snprintf (path, sizeof path, "%s/rule-tests/CASES.tsv", shared_dir ());
  tsv = fopen (path, "r");
  ck_assert_msg (tsv != NULL, "missing %s: the official Peppol test material is needed "
                              "(../shared/peppol next to the source tree)", path);
  ck_assert (fgets (line, sizeof line, tsv) != NULL); /* header */
  while (fgets (line, sizeof line, tsv))
    {
      char *c[12];
      IdSet scope, want_fatal, want_warning, got_fatal = { 0 }, got_warning = { 0 };
      DokusUblReport *report = NULL;
      DokusError err = { 0 };
      xmlChar *doc;
      int len;
      bool all_implemented = true, ok;
      FamilyStat *fam;

      if (split_tsv (line, c, 12) < 11)
        continue;
      total++;
      parse_ids (c[4], &scope);
      parse_ids (c[8], &want_fatal);
      parse_ids (c[9], &want_warning);
      for (int i = 0; i < scope.n; i++)
        all_implemented = all_implemented && (dokus_ubl_validate_implements (scope.items[i].id)
                                               || !in_release (scope.items[i].id));
      fam = family_stat (scope.n ? scope.items[0].id : "?");
      fam->total++;
      if (!all_implemented)
        continue;
      fam->asserted++;
      asserted++;

      snprintf (path, sizeof path, "%s/rule-tests/%s", shared_dir (), c[0]);
      doc = test_document (path, atoi (c[1]), &len);
      if (dokus_ubl_validate_with ((const char *) doc, (size_t) len, sets_of (c[2]), &report, &err)
          != DOKUS_OK)
        {
          printf ("ERROR %s #%s: %s\n", c[0], c[1], err.message);
          failed++;
          xmlFree (doc);
          continue;
        }
      xmlFree (doc);
      for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
        {
          const char *id = dokus_ubl_report_rule (report, i);
          if (!set_has (&scope, id))
            continue;
          set_add (strcmp (dokus_ubl_report_flag (report, i), "fatal") == 0 ? &got_fatal
                                                                              : &got_warning, id);
        }
      ok = sets_agree (&want_fatal, &got_fatal) && sets_agree (&want_warning, &got_warning);
      if (ok)
        {
          agreed++;
          fam->agreed++;
        }
      else
        {
          char a[512], b[512], cc[512], d[512];
          set_format (&want_fatal, a, sizeof a);
          set_format (&got_fatal, b, sizeof b);
          set_format (&want_warning, cc, sizeof cc);
          set_format (&got_warning, d, sizeof d);
          printf ("DISAGREE %s #%s [%s]: fatal want {%s} got {%s}; warning want {%s} got {%s}\n",
                  c[0], c[1], c[4], a, b, cc, d);
          if (getenv ("DOKUS_VALIDATE_VERBOSE"))
            for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
              printf ("    %s %s %s: %s\n", dokus_ubl_report_rule (report, i),
                      dokus_ubl_report_flag (report, i), dokus_ubl_report_location (report, i),
                      dokus_ubl_report_message (report, i));
          failed++;
        }
      dokus_ubl_report_free (report);
    }
  fclose (tsv);

  fflush (stdout);
  printf ("rule tests: %d of %d cases asserted (scope implemented), %d agree, %d disagree\n",
          asserted, total, agreed, failed);
  for (int i = 0; i < n_families; i++)
    printf ("  %-16s %4d cases, %4d asserted, %4d agree\n", families[i].name, families[i].total,
            families[i].asserted, families[i].agreed);
  fflush (stdout);
  {
    FILE *cov = coverage_file ("a");
    if (cov)
      {
        fprintf (cov, "\n### Official rule tests (rule-tests/CASES.tsv)\n\n"
                      "A case is asserted when every rule of its scope is implemented (or was "
                      "removed from the release, like BR-CO-25: it must not fire).\n\n"
                      "| family (first scope rule) | cases | asserted | agree |\n"
                      "|---|---:|---:|---:|\n");
        for (int i = 0; i < n_families; i++)
          fprintf (cov, "| %s | %d | %d | %d |\n", families[i].name, families[i].total,
                   families[i].asserted, families[i].agreed);
        fprintf (cov, "| **total** | **%d** | **%d** | **%d** |\n", total, asserted, agreed);
        fclose (cov);
      }
  }
  ck_assert_msg (failed == 0, "%d asserted rule-test cases disagree with the official results",
                 failed);
}
END_TEST

static void
add_ids (const char *text, IdSet *set, bool implemented_only)
{
  IdSet all;
  parse_ids (text, &all);
  for (int i = 0; i < all.n; i++)
    if (!implemented_only || dokus_ubl_validate_implements (all.items[i].id))
      set_add (set, all.items[i].id);
}

START_TEST (test_validate_agrees_with_official_examples)
{
  char path[4600], line[8192];
  FILE *tsv;
  int total = 0, agreed = 0, verdicts = 0, failed = 0;

  snprintf (path, sizeof path, "%s/examples/EXPECTED.tsv", shared_dir ());
  tsv = fopen (path, "r");
  ck_assert_msg (tsv != NULL, "missing %s: the official Peppol test material is needed", path);
  ck_assert (fgets (line, sizeof line, tsv) != NULL);
  while (fgets (line, sizeof line, tsv))
    {
      char *c[12];
      IdSet want_fatal = { 0 }, want_warning = { 0 }, got_fatal = { 0 }, got_warning = { 0 };
      DokusUblReport *report = NULL;
      DokusError err = { 0 };
      unsigned char *xml;
      size_t len;
      bool xsd_invalid = false, ok;

      if (split_tsv (line, c, 12) < 8)
        continue;
      total++;
      snprintf (path, sizeof path, "%s/examples/%s", shared_dir (), c[0]);
      xml = dokus_test_read_file (path, &len);
      ck_assert_msg (xml != NULL, "cannot read %s", path);
      ck_assert_msg (dokus_ubl_validate ((const char *) xml, len, &report, &err) == DOKUS_OK,
                     "%s: %s", c[0], err.message);
      free (xml);
      add_ids (c[4], &want_fatal, true);
      add_ids (c[5], &want_fatal, true);
      add_ids (c[6], &want_warning, true);
      add_ids (c[7], &want_warning, true);
      for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
        {
          const char *id = dokus_ubl_report_rule (report, i);
          if (strcmp (id, "UBL-XSD") == 0)
            {
              xsd_invalid = true;
              continue;
            }
          set_add (strcmp (dokus_ubl_report_flag (report, i), "fatal") == 0 ? &got_fatal
                                                                              : &got_warning, id);
        }
      /* counts do not matter here: one id per fired rule */
      for (int i = 0; i < got_fatal.n; i++)
        got_fatal.items[i].count = 0;
      for (int i = 0; i < got_warning.n; i++)
        got_warning.items[i].count = 0;
      for (int i = 0; i < want_fatal.n; i++)
        want_fatal.items[i].count = 0;
      for (int i = 0; i < want_warning.n; i++)
        want_warning.items[i].count = 0;
      ok = sets_agree (&want_fatal, &got_fatal) && sets_agree (&want_warning, &got_warning)
           && xsd_invalid == (strcmp (c[3], "invalid") == 0);
      if (dokus_ubl_report_valid (report) == (strcmp (c[2], "PASS") == 0))
        verdicts++;
      if (ok)
        agreed++;
      else
        {
          printf ("DISAGREE example %s (xsd %s):\n", c[0], c[3]);
          for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
            printf ("    %s %s %s: %s\n", dokus_ubl_report_rule (report, i),
                    dokus_ubl_report_flag (report, i), dokus_ubl_report_location (report, i),
                    dokus_ubl_report_message (report, i));
          printf ("    official fatal: %s %s; warning: %s %s\n", c[4], c[5], c[6], c[7]);
          failed++;
        }
      dokus_ubl_report_free (report);
    }
  fclose (tsv);
  printf ("examples: %d of %d agree on the implemented rules and the schema verdict; "
          "%d of %d have the official overall verdict\n", agreed, total, verdicts, total);
  fflush (stdout);
  {
    FILE *cov = coverage_file ("a");
    if (cov)
      {
        fprintf (cov, "\n### Official examples (examples/EXPECTED.tsv)\n\n"
                      "| examples | agree (implemented rules + schema verdict) "
                      "| same overall verdict |\n"
                      "|---:|---:|---:|\n| %d | %d | %d |\n", total, agreed, verdicts);
        fclose (cov);
      }
  }
  ck_assert_msg (failed == 0, "%d examples disagree with the official results", failed);
}
END_TEST

START_TEST (test_validate_coverage_table)
{
  /* every rule table row has a family; print implemented / total by family */
  FamilyStat cov[MAX_FAMILIES];
  int n = 0;
  size_t implemented, total;
  char path[4600], line[8192];
  FILE *tsv, *out;

  memset (cov, 0, sizeof cov);
  snprintf (path, sizeof path, "%s/rules.tsv", shared_dir ());
  tsv = fopen (path, "r");
  ck_assert_msg (tsv != NULL, "missing %s", path);
  ck_assert (fgets (line, sizeof line, tsv) != NULL);
  while (fgets (line, sizeof line, tsv))
    {
      char *c[6], name[32];
      int i;
      split_tsv (line, c, 6);
      family_of (c[0], name, sizeof name);
      for (i = 0; i < n; i++)
        if (strcmp (cov[i].name, name) == 0)
          break;
      if (i == n)
        {
          ck_assert_int_lt (n, MAX_FAMILIES);
          snprintf (cov[n++].name, sizeof cov[0].name, "%s", name);
        }
      cov[i].total++;
      if (dokus_ubl_validate_implements (c[0]))
        cov[i].agreed++;
    }
  fclose (tsv);
  dokus_ubl_validate_coverage (&implemented, &total);
  printf ("coverage: %lu of %lu rules implemented (%s)\n", (unsigned long) implemented,
          (unsigned long) total, dokus_ubl_validate_release ());
  /* the tables list the 1144 official rules and our UBL-XSD */
  ck_assert_uint_eq (total, 1145);
  out = coverage_file ("w");
  if (out)
    {
      fprintf (out, "### Rules implemented (%s)\n\n| family | implemented | total |\n"
                    "|---|---:|---:|\n", dokus_ubl_validate_release ());
      for (int i = 0; i < n; i++)
        fprintf (out, "| %s | %d | %d |\n", cov[i].name, cov[i].agreed, cov[i].total);
      fprintf (out, "| UBL-XSD (structure, our id) | %d | 1 |\n",
               dokus_ubl_validate_implements ("UBL-XSD") ? 1 : 0);
      fprintf (out, "| **total** | **%lu** | **%lu** |\n", (unsigned long) implemented,
               (unsigned long) total);
      fclose (out);
    }
}
END_TEST

static Suite *
validate_suite (void)
{
  Suite *s = suite_create ("validate");
  TCase *tc = tcase_create ("official");
  tcase_set_timeout (tc, 600);
  /* the coverage table first: it (re)creates the coverage file the others append to */
  tcase_add_test (tc, test_validate_coverage_table);
  tcase_add_test (tc, test_validate_agrees_with_official_rule_tests);
  tcase_add_test (tc, test_validate_agrees_with_official_examples);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (validate_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
