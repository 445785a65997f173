/* dokus-epc-payload.c
 *
 * The text an EPC QR code carries: European Payments Council, "Quick
 * Response Code: Guidelines to Enable Data Capture for the Initiation of
 * a SEPA Credit Transfer", EPC069-12 version 2.1 (9 February 2012), and
 * its later revisions for version 002 (BIC optional within the EEA),
 * https://www.europeanpaymentscouncil.eu/document-library/guidance-documents/quick-response-code-guidelines-enable-data-capture-initiation
 * One element a line, separated by LF, nothing after the last element
 * given:
 *
 *   BCD            service tag
 *   002            version
 *   1              character set: UTF-8
 *   SCT            identification: SEPA credit transfer
 *   BIC            AT-23, optional in version 002
 *   name           AT-21, at most 70 characters
 *   IBAN           AT-20
 *   EUR123.45      AT-04, 0.01 to 999999999.99
 *   (purpose)      AT-44, empty here
 *   reference      AT-05 structured remittance information, at most 35
 *   (text)         AT-05 unstructured: left out when the structured one is set
 *
 * The structured remittance field takes "a creditor reference" (ISO 11649
 * RF references are one kind): the Belgian structured communication
 * (OGM/VCS, +++123/4567/89012+++) goes there as its 12 digits, which is
 * how Belgian banking apps read it back as a structured communication.
 * The whole payload is at most 331 bytes (QR version 13, level M).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dokus-render-private.h"

#define EPC_NAME_MAX 70 /* characters */
#define EPC_IBAN_MAX 34

/* @communication as its 12 digits with a valid mod-97 check, into @out. */
static bool
communication_digits (const char *communication, char out[13])
{
  size_t n = 0;
  unsigned long long base = 0;
  unsigned check;

  for (const char *p = communication; *p != '\0'; p++)
    {
      if (isdigit ((unsigned char) *p))
        {
          if (n == 12)
            return false;
          out[n++] = *p;
        }
      else if (*p != '+' && *p != '/' && *p != ' ')
        return false;
    }
  out[n] = '\0';
  if (n != 12)
    return false;
  for (size_t i = 0; i < 10; i++)
    base = base * 10 + (unsigned) (out[i] - '0');
  check = (unsigned) ((out[10] - '0') * 10 + (out[11] - '0'));
  /* Belgian structured communication: the first ten digits mod 97, 97 for 0 */
  return check == (base % 97 == 0 ? 97 : base % 97);
}

/* The first EPC_NAME_MAX characters (not bytes) of @name into @out. */
static bool
copy_name (const char *name, char *out, size_t size)
{
  size_t chars = 0, i = 0;

  while (name[i] != '\0')
    {
      if (name[i] == '\n' || name[i] == '\r')
        return false;
      if (((unsigned char) name[i] & 0xC0) != 0x80 && chars++ == EPC_NAME_MAX)
        break;
      i++;
    }
  if (i == 0 || i + 1 > size)
    return false;
  memcpy (out, name, i);
  out[i] = '\0';
  return true;
}

DokusStatus
dokus_pdf_epc_payload (const char *name, const char *iban, const char *bic, DokusCents amount,
                       const char *communication, char out[DOKUS_EPC_PAYLOAD_TEXT],
                       DokusError *err)
{
  char account[EPC_IBAN_MAX + 1], holder[EPC_NAME_MAX * 4 + 1], digits[13] = "";
  char money[DOKUS_MONEY_TEXT];
  size_t n = 0;
  int len;

  assert (out != NULL);
  out[0] = '\0';
  if (name == NULL || !copy_name (name, holder, sizeof holder))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "name",
                            "the payee's name is missing or has a line break");
  for (const char *p = iban ? iban : ""; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (n == EPC_IBAN_MAX || !isalnum ((unsigned char) *p))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "iban", "not an IBAN: %s", iban);
      account[n++] = (char) toupper ((unsigned char) *p);
    }
  account[n] = '\0';
  if (n < 15 || !isalpha ((unsigned char) account[0]) || !isalpha ((unsigned char) account[1])
      || !isdigit ((unsigned char) account[2]) || !isdigit ((unsigned char) account[3]))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "iban", "not an IBAN: %s",
                            iban ? iban : "(none)");
  if (bic != NULL && bic[0] != '\0'
      && ((strlen (bic) != 8 && strlen (bic) != 11) || strspn (bic, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                  "0123456789")
                                                           != strlen (bic)))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "bic", "not a BIC: %s", bic);
  if (amount < 1 || amount > 99999999999LL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "amount",
                            "an EPC QR amount is 0.01 to 999999999.99");
  if (communication != NULL && communication[0] != '\0'
      && !communication_digits (communication, digits))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "communication",
                            "not a Belgian structured communication: %s", communication);

  len = snprintf (out, DOKUS_EPC_PAYLOAD_TEXT, "BCD\n002\n1\nSCT\n%s\n%s\n%s\nEUR%s%s%s",
                  bic ? bic : "", holder, account, dokus_cents_format (amount, money),
                  digits[0] ? "\n\n" : "", digits);
  if (len < 0 || len >= DOKUS_EPC_PAYLOAD_TEXT)
    {
      out[0] = '\0';
      return dokus_error_set (err, DOKUS_ERR_INVALID, "name",
                              "the EPC QR payload is longer than 331 bytes");
    }
  return DOKUS_OK;
}
