/* check-ident.c
 *
 * Suite "ident": Belgian enterprise numbers, EU VAT numbers, IBAN, BIC,
 * structured communications and Peppol ids, valid and invalid. Every
 * "valid" example's check digits are worked out by hand in a comment.
 *
 * A rule used for the one-digit-changed cases: changing one digit by d
 * (1..9) changes the number by d × 10^k, and 97 (prime, coprime to 10,
 * above 9) never divides that, so a mod-97 remainder always changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-test-helpers.h"

typedef DokusStatus (*NormalizeFunc) (const char *text, const char *field, char *out,
                                      DokusError *err);

static void
assert_normalizes (NormalizeFunc f, const char *text, const char *expected)
{
  char out[64];
  DokusError err = { 0 };

  ck_assert_msg (f (text, "x", out, &err) == DOKUS_OK, "'%s' refused: %s", text, err.message);
  ck_assert_str_eq (out, expected);
}

/* returns the message */
static const char *
assert_refused (NormalizeFunc f, const char *text)
{
  static DokusError err;
  char out[64] = "untouched";

  memset (&err, 0, sizeof err);
  ck_assert_msg (f (text, "client.id", out, &err) == DOKUS_ERR_INVALID, "'%s' accepted as %s",
                 text ? text : "(null)", out);
  ck_assert_str_eq (err.field, "client.id");
  ck_assert (err.message[0] != '\0');
  ck_assert_str_eq (out, ""); /* never half written */
  return err.message;
}

static DokusStatus
enterprise (const char *t, const char *f, char *o, DokusError *e)
{
  return dokus_enterprise_number_normalize (t, f, o, e);
}

static DokusStatus
vat (const char *t, const char *f, char *o, DokusError *e)
{
  return dokus_vat_number_normalize (t, f, o, e);
}

static DokusStatus
iban (const char *t, const char *f, char *o, DokusError *e)
{
  return dokus_iban_normalize (t, f, o, e);
}

static DokusStatus
bic (const char *t, const char *f, char *o, DokusError *e)
{
  return dokus_bic_normalize (t, f, o, e);
}

static DokusStatus
ogm (const char *t, const char *f, char *o, DokusError *e)
{
  return dokus_ogm_parse (t, f, o, e);
}

START_TEST (test_ident_enterprise_numbers)
{
  char buf[DOKUS_ENTERPRISE_DISPLAY_TEXT];

  /* 0417.497.106: 04174971 mod 97: 4174971 − 97 × 43040 (= 4174880) = 91; 97 − 91 = 6 -> "06" */
  assert_normalizes (enterprise, "0417.497.106", "0417497106");
  assert_normalizes (enterprise, "0417 497 106", "0417497106");
  assert_normalizes (enterprise, "0417497106", "0417497106");
  assert_normalizes (enterprise, "BE0417497106", "0417497106");
  assert_normalizes (enterprise, "be 0417.497.106", "0417497106");
  assert_normalizes (enterprise, "417497106", "0417497106"); /* legacy 9 digits */
  /* 0203.201.340: 2032013 − 97 × 20948 (= 2031956) = 57; 97 − 57 = 40 -> "40" */
  assert_normalizes (enterprise, "0203.201.340", "0203201340");
  /* synthetic, first digit 1: 10000000 − 97 × 103092 (= 9999924) = 76; 97 − 76 = 21 */
  assert_normalizes (enterprise, "1000.000.021", "1000000021");

  ck_assert (strstr (assert_refused (enterprise, "0417.497.107"), "check digits") != NULL);
  /* 9 digits padded to 0041749710: 417497 − 97 × 4304 (= 417488) = 9; 97 − 9 = 88, not 10 */
  assert_refused (enterprise, "041749710");
  ck_assert (strstr (assert_refused (enterprise, "2417.497.106"), "0 or 1") != NULL);
  assert_refused (enterprise, "04174971066");
  assert_refused (enterprise, "0417-497-106");
  assert_refused (enterprise, "NL0417497106");
  assert_refused (enterprise, "");
  assert_refused (enterprise, NULL);

  ck_assert_str_eq (dokus_enterprise_number_format ("0417497106", buf), "0417.497.106");
}
END_TEST

START_TEST (test_ident_vat_numbers_with_check_digits)
{
  /* BE: the enterprise number's rules (0417497106, above) */
  assert_normalizes (vat, "BE 0417.497.106", "BE0417497106");
  assert_normalizes (vat, "be0417497106", "BE0417497106");
  assert_normalizes (vat, "BE417497106", "BE0417497106");
  assert_refused (vat, "BE0417497107");
  assert_refused (vat, "BE2417497106");

  /* NL004495445B01, mod 11 on 004495445:
   * 0×9 + 0×8 + 4×7 + 4×6 + 9×5 + 5×4 + 4×3 + 4×2 − 5 = 28+24+45+20+12+8 − 5 = 132 = 11 × 12 */
  assert_normalizes (vat, "NL004495445B01", "NL004495445B01");
  assert_normalizes (vat, "nl 0044.95.445.b01", "NL004495445B01");
  /* NL000099998B57, a sole trader's number since 2020: mod 11 fails
   * (9×5 + 9×4 + 9×3 + 9×2 − 8 = 118 = 11 × 10 + 8), MOD 97-10 on the text
   * with N=23 L=21 B=11: 23210000999981157; 232100009 mod 97 = 58
   * (97 × 2392783 = 232099951), 589998115 mod 97 = 77, 777 mod 97 = 1 */
  assert_normalizes (vat, "NL000099998B57", "NL000099998B57");
  /* last digit +1: the MOD 97-10 remainder becomes 2, mod 11 still 8 */
  assert_refused (vat, "NL000099998B58");
  /* 004495446: 137 − 6 = 131 = 11 × 11 + 10; and 23210044954461101: 232100449 mod 97 = 13,
   * 135446110 mod 97 = 63, 631 mod 97 = 49, not 1 */
  assert_refused (vat, "NL004495446B01");
  assert_refused (vat, "NL004495445A01");

  /* FR40303265045: 303265045 − 97 × 3126443 (= 303264971) = 74; 12 + 3 × 74 = 234;
   * 234 − 2 × 97 = 40 */
  assert_normalizes (vat, "FR 40 303 265 045", "FR40303265045");
  assert_refused (vat, "FR41303265045");
  assert_normalizes (vat, "FRK7399859412", "FRK7399859412"); /* letter key: format only */
  assert_refused (vat, "FR4030326504");

  /* DE136695976, ISO 7064 MOD 11,10 with p = 10:
   * 1: s=(1+10)%10=1 p=2; 3: s=5 p=10; 6: s=6 p=12%11=1; 6: s=7 p=14%11=3;
   * 9: s=12%10=2 p=4; 5: s=9 p=18%11=7; 9: s=16%10=6 p=12%11=1; 7: s=8 p=16%11=5;
   * check = 11 − 5 = 6 */
  assert_normalizes (vat, "DE136695976", "DE136695976");
  assert_refused (vat, "DE136695977");

  /* LU26375245: 263752 − 89 × 2963 (= 263707) = 45 */
  assert_normalizes (vat, "LU26375245", "LU26375245");
  assert_refused (vat, "LU26375246");
}
END_TEST

START_TEST (test_ident_vat_numbers_format_only)
{
  char cc[3];

  /* format checks only, per the VIES table; these numbers are made up */
  assert_normalizes (vat, "ATU13585627", "ATU13585627");
  assert_refused (vat, "ATU1358562");
  assert_refused (vat, "AT13585627");
  assert_normalizes (vat, "GR094259216", "EL094259216");
  assert_normalizes (vat, "EL094259216", "EL094259216");
  assert_normalizes (vat, "CY10259033P", "CY10259033P");
  assert_refused (vat, "CY102590331");
  assert_normalizes (vat, "ESA12345674", "ESA12345674");
  assert_normalizes (vat, "ES12345678Z", "ES12345678Z");
  ck_assert (strstr (assert_refused (vat, "ES123456789"), "not both digits") != NULL);
  assert_normalizes (vat, "IE6388047V", "IE6388047V");
  assert_normalizes (vat, "IE1234567WA", "IE1234567WA");
  assert_normalizes (vat, "IE1A23456T", "IE1A23456T");
  assert_refused (vat, "IE1234567");
  assert_normalizes (vat, "RO18547290", "RO18547290");
  assert_normalizes (vat, "RO12", "RO12");
  assert_refused (vat, "RO1");
  assert_refused (vat, "RO12345678901");
  assert_normalizes (vat, "SE556188840401", "SE556188840401");
  assert_normalizes (vat, "DK 13 58 56 28", "DK13585628");
  assert_normalizes (vat, "XI123456789", "XI123456789");
  assert_normalizes (vat, "XIGD123", "XIGD123");
  assert_refused (vat, "XIAB123");
  assert_normalizes (vat, "LT123456789012", "LT123456789012");
  assert_normalizes (vat, "PL1234567890", "PL1234567890");
  assert_normalizes (vat, "IT12345678901", "IT12345678901");
  assert_normalizes (vat, "CZ12345678", "CZ12345678");

  ck_assert (strstr (assert_refused (vat, "GB123456789"), "EU") != NULL);
  assert_refused (vat, "CHE123456789");
  ck_assert (strstr (assert_refused (vat, "0417497106"), "country code") != NULL);
  assert_refused (vat, "");
  assert_refused (vat, NULL);
  assert_refused (vat, "B");

  ck_assert (dokus_vat_country_is_eu ("BE"));
  ck_assert (dokus_vat_country_is_eu ("EL"));
  ck_assert (dokus_vat_country_is_eu ("GR"));
  ck_assert (dokus_vat_country_is_eu ("XI"));
  ck_assert (dokus_vat_country_is_eu ("SK"));
  ck_assert (!dokus_vat_country_is_eu ("GB"));
  ck_assert (!dokus_vat_country_is_eu ("CH"));
  ck_assert (!dokus_vat_country_is_eu ("be"));
  ck_assert_str_eq (dokus_vat_number_country ("EL094259216", cc), "EL");
  ck_assert_str_eq (dokus_vat_country_to_iso ("EL", cc), "GR");
  ck_assert_str_eq (dokus_vat_country_to_iso ("XI", cc), "GB");
  ck_assert_str_eq (dokus_vat_country_to_iso ("BE", cc), "BE");
}
END_TEST

START_TEST (test_ident_vat_number_for_enterprise)
{
  char out[DOKUS_VAT_TEXT];

  ck_assert_str_eq (dokus_vat_number_for_enterprise ("0417497106", out), "BE0417497106");
}
END_TEST

START_TEST (test_ident_tax_numbers_inside_and_outside_the_eu)
{
  DokusError err = { 0 };
  char out[DOKUS_VAT_TEXT];

  /* EU countries: the VAT number with its checksum, its prefix the country's */
  ck_assert (dokus_tax_number_normalize ("be 0417.497.106", "BE", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "BE0417497106");
  ck_assert (dokus_tax_number_normalize ("EL094259216", "GR", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "EL094259216");
  ck_assert (dokus_tax_number_normalize ("BE0417497107", "BE", "v", out, &err)
             == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "v");
  ck_assert (dokus_tax_number_normalize ("NL004495445B01", "BE", "v", out, &err)
             == DOKUS_ERR_INVALID);
  ck_assert (out[0] == '\0');
  /* an EU prefix on a non-EU party is checked as an EU number (and its country) */
  ck_assert (dokus_tax_number_normalize ("DE136695976", "CH", "v", out, &err)
             == DOKUS_ERR_INVALID);
  /* elsewhere: letters and digits, the country in front */
  ck_assert (dokus_tax_number_normalize ("CHE-123.456.789 MWST", "CH", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "CHE123456789MWST");
  ck_assert (dokus_tax_number_normalize ("no 923 609 016 mva", "NO", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "NO923609016MVA");
  ck_assert (dokus_tax_number_normalize ("12-3456789", "US", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "US123456789");
  ck_assert (dokus_tax_number_normalize ("GB 123 4567 89", "GB", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "GB123456789");
  ck_assert (dokus_tax_number_normalize ("12", "US", "v", out, &err) == DOKUS_OK);
  ck_assert_str_eq (out, "US12");
  ck_assert (dokus_tax_number_normalize ("1", "US", "v", out, &err) == DOKUS_ERR_INVALID);
  ck_assert (dokus_tax_number_normalize ("123#456", "US", "v", out, &err) == DOKUS_ERR_INVALID);
  ck_assert (dokus_tax_number_normalize ("1234567890123456789012", "US", "v", out, &err)
             == DOKUS_ERR_INVALID);
  ck_assert (dokus_tax_number_normalize ("", "US", "v", out, &err) == DOKUS_ERR_INVALID);
}
END_TEST

START_TEST (test_ident_ibans)
{
  char buf[DOKUS_IBAN_DISPLAY_TEXT];

  /* ISO 13616: first four to the end, letters A=10 .. Z=35, then mod 97 in 9- and 7-digit
   * chunks carrying the remainder.
   * BE68539007547034 -> 539007547034 111468: 539007547 -> 81, 810341114 -> 10, 1068 -> 1.
   * Belgian account 539-0075470-34: 5390075470 − 97 × 55567788 (= 5390075436) = 34 */
  assert_normalizes (iban, "BE68 5390 0754 7034", "BE68539007547034");
  assert_normalizes (iban, "be68539007547034", "BE68539007547034");
  /* NL91ABNA0417164300 -> 10 11 23 10 0417164300 2321 91: 101123100 -> 18,
   * 184171643 -> 71, 710023219 -> 0, 001 -> 1 */
  assert_normalizes (iban, "NL91ABNA0417164300", "NL91ABNA0417164300");
  /* FR1420041010050500013M02606 -> 2004101005050001322 02606 1527 14 (M = 22):
   * 200410100 -> 49, 495050001 -> 25, 253220260 -> 14, 146152714 -> 1 */
  assert_normalizes (iban, "FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606");
  /* DE89370400440532013000 -> 370400440532013000 1314 89: 370400440 -> 23,
   * 235320130 -> 70, 700013148 -> 38, 389 -> 1 */
  assert_normalizes (iban, "DE89370400440532013000", "DE89370400440532013000");
  /* LU280019400644750000 -> 0019400644750000 2130 28: 001940064 -> 64,
   * 644750000 -> 21, 21213028 -> 1 */
  assert_normalizes (iban, "LU28 0019 4006 4475 0000", "LU280019400644750000");

  /* one digit changed each: remainder no longer 1 (see the rule at the top) */
  assert_refused (iban, "BE68539007547035");
  assert_refused (iban, "NL91ABNA0417164301");
  assert_refused (iban, "FR1420041010050500013M02607");
  assert_refused (iban, "DE89370400440532013001");
  assert_refused (iban, "LU280019400644750001");
  /* BE41539007547035 passes ISO 13616 (539007547 -> 81, 810351114 -> 19, 1941 -> 1)
   * but not the Belgian account check: 5390075470 mod 97 = 34, not 35 */
  ck_assert (strstr (assert_refused (iban, "BE41539007547035"), "Belgian") != NULL);

  ck_assert (strstr (assert_refused (iban, "BE6853900754703"), "16") != NULL); /* length */
  ck_assert (strstr (assert_refused (iban, "TR330006100519786457841326"), "SEPA") != NULL);
  assert_refused (iban, "BE68-5390-0754-7034");
  assert_refused (iban, "68539007547034BE");
  assert_refused (iban, "");
  assert_refused (iban, NULL);

  ck_assert_str_eq (dokus_iban_format ("BE68539007547034", buf), "BE68 5390 0754 7034");
  ck_assert_str_eq (dokus_iban_format ("FR1420041010050500013M02606", buf),
                    "FR14 2004 1010 0505 0001 3M02 606");
}
END_TEST

START_TEST (test_ident_bics)
{
  assert_normalizes (bic, "GEBABEBB", "GEBABEBB"); /* BNP Paribas Fortis */
  assert_normalizes (bic, "GKCCBEBB", "GKCCBEBB"); /* Belfius */
  assert_normalizes (bic, "KREDBEBB", "KREDBEBB"); /* KBC */
  assert_normalizes (bic, "gebabebbxxx", "GEBABEBBXXX");
  assert_normalizes (bic, "GEBA BE BB", "GEBABEBB");
  assert_normalizes (bic, "ABNANL2A", "ABNANL2A");
  assert_refused (bic, "GEBABEB");
  assert_refused (bic, "GEBABEBB1");
  assert_refused (bic, "GEB1BEBB");
  assert_refused (bic, "GEBA12BB");
  assert_refused (bic, "GEBABEB!");
  assert_refused (bic, "");
  assert_refused (bic, NULL);
}
END_TEST

START_TEST (test_ident_structured_communications)
{
  char out[DOKUS_OGM_TEXT];

  /* 909337554 − 97 × 9374613 (= 909337461) = 93 */
  ck_assert_str_eq (dokus_ogm_from_base (909337554, out), "+++090/9337/55493+++");
  /* 0 mod 97 = 0 -> 97 */
  ck_assert_str_eq (dokus_ogm_from_base (0, out), "+++000/0000/00097+++");
  ck_assert_str_eq (dokus_ogm_from_base (97, out), "+++000/0000/09797+++");
  /* 10^10 − 1: 10^2 ≡ 3, 10^4 ≡ 9, 10^8 ≡ 81, 10^10 ≡ 243 ≡ 49; 49 − 1 = 48 */
  ck_assert_str_eq (dokus_ogm_from_base (9999999999u, out), "+++999/9999/99948+++");

  assert_normalizes (ogm, "+++090/9337/55493+++", "+++090/9337/55493+++");
  assert_normalizes (ogm, "***090/9337/55493***", "+++090/9337/55493+++");
  assert_normalizes (ogm, "090/9337/55493", "+++090/9337/55493+++");
  assert_normalizes (ogm, "090933755493", "+++090/9337/55493+++");
  assert_normalizes (ogm, "+++ 090 / 9337 / 55493 +++", "+++090/9337/55493+++");
  ck_assert (strstr (assert_refused (ogm, "+++090/9337/55494+++"), "mistyped") != NULL);
  assert_refused (ogm, "+++090/9337/5549+++");
  assert_refused (ogm, "+++090/9337/55493***");
  assert_refused (ogm, "090933755493x");
  assert_refused (ogm, "0909337554930");
  assert_refused (ogm, "++090/9337/55493++");
  assert_refused (ogm, "");
  assert_refused (ogm, NULL);
}
END_TEST

static DokusPeppolId
peppol_ok (const char *text)
{
  DokusPeppolId id;
  DokusError err = { 0 };

  ck_assert_msg (dokus_peppol_id_parse (text, "peppol_id", &id, &err) == DOKUS_OK, "%s: %s",
                 text, err.message);
  return id;
}

START_TEST (test_ident_peppol_ids)
{
  const char *bad[] = { "0208:0417497107", "9925:BE0417497107", "9925:NL004495445B01",
                        "208:0417497106",  "0208 0417497106",   "0208:",
                        "0208:04174 97106", "02080417497106",   "abcd:0417497106",
                        "9999:0417497106", "" };
  char out[DOKUS_PEPPOL_ID_TEXT];
  DokusPeppolId id;
  DokusError err = { 0 };

  id = peppol_ok ("0208:0417497106");
  ck_assert_str_eq (id.scheme, "0208");
  ck_assert_str_eq (id.value, "0417497106");
  ck_assert_str_eq (dokus_peppol_id_format (&id, out), "0208:0417497106");
  id = peppol_ok ("0208:0417.497.106");
  ck_assert_str_eq (id.value, "0417497106");
  id = peppol_ok ("iso6523-actorid-upis::0208:0203201340");
  ck_assert_str_eq (dokus_peppol_id_format (&id, out), "0208:0203201340");
  id = peppol_ok ("9925:be0417497106");
  ck_assert_str_eq (dokus_peppol_id_format (&id, out), "9925:BE0417497106");
  id = peppol_ok ("0088:5790000435968"); /* a GLN: other schemes are kept as written */
  ck_assert_str_eq (dokus_peppol_id_format (&id, out), "0088:5790000435968");

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      memset (&err, 0, sizeof err);
      ck_assert_msg (dokus_peppol_id_parse (bad[i], "peppol_id", &id, &err) == DOKUS_ERR_INVALID,
                     "'%s' was accepted", bad[i]);
      ck_assert_str_eq (err.field, "peppol_id");
      ck_assert_str_eq (id.scheme, "");
      ck_assert_str_eq (id.value, "");
    }
  ck_assert_int_eq (dokus_peppol_id_parse (NULL, "peppol_id", &id, NULL), DOKUS_ERR_INVALID);
}
END_TEST

/* the scheme must be on the Peppol EAS list: 9999 and 0000 are not,
 * 0208 (Belgian enterprise number), 9925 (Belgian VAT) and 0088 (GLN) are */
START_TEST (test_ident_peppol_refuses_unknown_scheme)
{
  const char *unknown[] = { "9999:0417497106", "0000:12345", "1234:ABC", "9954:X",
                            "0037:12345" };
  DokusPeppolId id;
  DokusError err = { 0 };

  ck_assert (dokus_eas_known ("0208"));
  ck_assert (dokus_eas_known ("9925"));
  ck_assert (dokus_eas_known ("0088"));
  /* both ends of the sorted table, so a badly sorted one shows */
  ck_assert (dokus_eas_known ("0002"));
  ck_assert (dokus_eas_known ("9959"));
  /* on the CEF EAS list but not among the schemes Peppol accepts
   * (PEPPOL-EN16931-CL008, BIS 3.0.21): e-mail, 0037 */
  ck_assert (!dokus_eas_known ("EM"));
  ck_assert (!dokus_eas_known ("0037"));
  ck_assert (!dokus_eas_known ("9999"));
  ck_assert (!dokus_eas_known ("208"));
  ck_assert (!dokus_eas_known (""));
  ck_assert (!dokus_eas_known (NULL));

  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
    {
      char scheme[5] = { 0 };
      memset (&err, 0, sizeof err);
      ck_assert_msg (dokus_peppol_id_parse (unknown[i], "client.peppol_id", &id, &err)
                       == DOKUS_ERR_INVALID,
                     "'%s' was accepted", unknown[i]);
      ck_assert_str_eq (err.field, "client.peppol_id");
      memcpy (scheme, unknown[i], 4);
      ck_assert_msg (strstr (err.message, scheme) != NULL, "%s", err.message);
      ck_assert_msg (strstr (err.message, "client.peppol_id: scheme") == err.message, "%s",
                     err.message);
      ck_assert_msg (strstr (err.message, "(EAS)") != NULL, "%s", err.message);
      ck_assert_msg (strstr (err.message, "0208:<enterprise number>") != NULL, "%s",
                     err.message);
      ck_assert_str_eq (id.scheme, "");
    }
  /* a known scheme with a bad identifier is refused for the identifier */
  memset (&err, 0, sizeof err);
  /* 97 - (04174971 mod 97) = 97 - 90 = 07, not 08 */
  ck_assert_int_eq (dokus_peppol_id_parse ("0208:0417497108", "peppol_id", &id, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_msg (strstr (err.message, "check digits") != NULL, "%s", err.message);
  memset (&err, 0, sizeof err);
  /* BE0417497106 with its last digit changed */
  ck_assert_int_eq (dokus_peppol_id_parse ("9925:BE0417497105", "peppol_id", &id, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_msg (strstr (err.message, "Belgian VAT number") != NULL, "%s", err.message);
  /* other known schemes: kept as written, but never empty or with spaces */
  ck_assert_int_eq (dokus_peppol_id_parse ("0088:", "peppol_id", &id, NULL), DOKUS_ERR_INVALID);
  ck_assert_int_eq (dokus_peppol_id_parse ("0088:579 0000", "peppol_id", &id, NULL),
                    DOKUS_ERR_INVALID);
  id = peppol_ok ("0088:5790000436101");
  ck_assert_str_eq (id.value, "5790000436101");
  /* 9956, Belgium's old scheme, replaced by 0208: Peppol no longer takes it */
  ck_assert_int_eq (dokus_peppol_id_parse ("9956:0417497106", "peppol_id", &id, NULL),
                    DOKUS_ERR_INVALID);
  {
    /* 130 characters is the limit (Peppol Policy for use of Identifiers, POLICY 1) */
    char longest[5 + 131 + 1] = "0088:";
    memset (longest + 5, '7', 130);
    longest[5 + 130] = '\0';
    ck_assert_int_eq (dokus_peppol_id_parse (longest, "peppol_id", &id, NULL), DOKUS_OK);
    longest[5 + 130] = '7';
    longest[5 + 131] = '\0';
    ck_assert_int_eq (dokus_peppol_id_parse (longest, "peppol_id", &id, NULL),
                      DOKUS_ERR_INVALID);
  }
}
END_TEST

static Suite *
ident_suite (void)
{
  Suite *s = suite_create ("ident");
  TCase *belgian = tcase_create ("belgian");
  TCase *vat_tc = tcase_create ("vat");
  TCase *bank = tcase_create ("bank");
  TCase *peppol = tcase_create ("peppol");

  tcase_add_test (belgian, test_ident_enterprise_numbers);
  tcase_add_test (belgian, test_ident_structured_communications);
  tcase_add_test (vat_tc, test_ident_vat_numbers_with_check_digits);
  tcase_add_test (vat_tc, test_ident_vat_numbers_format_only);
  tcase_add_test (vat_tc, test_ident_vat_number_for_enterprise);
  tcase_add_test (vat_tc, test_ident_tax_numbers_inside_and_outside_the_eu);
  tcase_add_test (bank, test_ident_ibans);
  tcase_add_test (bank, test_ident_bics);
  tcase_add_test (peppol, test_ident_peppol_ids);
  tcase_add_test (peppol, test_ident_peppol_refuses_unknown_scheme);
  suite_add_tcase (s, belgian);
  suite_add_tcase (s, vat_tc);
  suite_add_tcase (s, bank);
  suite_add_tcase (s, peppol);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (ident_suite ());
}
