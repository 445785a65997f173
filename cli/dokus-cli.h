/* dokus-cli.h
 *
 * Shared helpers of dokus-cli's commands: reading passphrases, reporting
 * errors and reaching the Peppol access point. Commands hold no business
 * rules: they call libdokus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cjson/cJSON.h>
#include <dokus/dokus-ap.h>
#include <dokus/dokus.h>

#define DOKUS_CLI_SECRET_MAX 1024

/* Prints "dokus-cli: MESSAGE" (and the field, if any) on stderr; returns 1. */
int dokus_cli_fail (const DokusError *err);

/* Reads a secret from the environment variable @env_name if set (for
 * scripts and tests), else from the terminal with @prompt and echo off.
 * @buf has DOKUS_CLI_SECRET_MAX bytes; the caller wipes it. */
DokusStatus dokus_cli_read_secret (const char *env_name, const char *prompt, char *buf,
                                   DokusError *err);

/* The access point's URL: @given (--ap-url's value, nullable), else
 * DOKUS_AP_URL (nullable; transfer none). */
const char *dokus_cli_ap_url (const char *given);
/* The HTTP provider of the access point at @url (from dokus_cli_ap_url();
 * NULL or "": DOKUS_ERR_INVALID naming "ap-url") with @ca_file (nullable),
 * @timeout_s (--timeout's value, nullable: the default; else 1 to 3600, or
 * DOKUS_ERR_INVALID naming "timeout") and the API token read from
 * DOKUS_AP_TOKEN or the terminal (wiped after use). *@ap (transfer full,
 * dokus_ap_provider_free()), NULL on error (dokus-cli-ap.c). */
DokusStatus dokus_cli_ap_open (const char *url, const char *ca_file, const char *timeout_s,
                               DokusApProvider **ap, DokusError *err);

int dokus_cli_book (int argc, char **argv);
int dokus_cli_demo (int argc, char **argv);
/* report vat|clients|ic */
int dokus_cli_vat_reports (int argc, char **argv);
/* expense add|list|show|receipt */
int dokus_cli_expense (int argc, char **argv);
/* comment add|list|resolve (dokus-cli-comment.c) */
int dokus_cli_comment (int argc, char **argv);

/* profile show|set|logo (dokus-cli-profile.c) */
int dokus_cli_profile (int argc, char **argv);

/* ubl validate|import|show (dokus-cli-ubl.c dispatches) */
int dokus_cli_ubl (int argc, char **argv);
int dokus_cli_ubl_validate (int argc, char **argv); /* argv[0] = "validate" */
int dokus_cli_ubl_import (int argc, char **argv);   /* argv[0] = "import" */
int dokus_cli_ubl_show (int argc, char **argv);     /* argv[0] = "show" */
/* peppol send|status|fetch (dokus-cli-peppol.c): argv[0] = "peppol" */
int dokus_cli_peppol (int argc, char **argv);
/* sync BOOK --relay URL (dokus-cli-sync.c): @argv[0] = "sync" */
int dokus_cli_sync (int argc, char **argv);
/* device list BOOK (dokus-cli-device.c): @argv[0] = "device" */
int dokus_cli_device (int argc, char **argv);
/* invoice export-pdf: @argv starts after "export-pdf" */
int dokus_cli_invoice_export_pdf (int argc, char **argv);

/* init, client, invoice, payment, audit, passwd: -1 if @argv[0] is none of them. */
int dokus_cli_ledger (int argc, char **argv);

/* pnl, receivables, dashboard, export: -1 if @argv[0] is none of them. */
int dokus_cli_books (int argc, char **argv);
