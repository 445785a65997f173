/* dokus-pdf-mentions.c
 *
 * The legal mentions a PDF prints (exemption or reverse charge, franchise
 * scheme, triangulation, VAT to repay on a credit note). In the
 * document's own language they are the texts frozen at issue. A copy in
 * another language words the same mentions in that language: each VAT
 * group's case is derived again from what was frozen (category, the
 * seller's regime, the buyer's country), exactly as issuing derived it
 * (core/ledger/dokus-document-json.c), so the copy says the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-render-private.h"
#include "dokus/dokus-vat.h"

static void
add_unique (cJSON *arr, const char *text)
{
  const cJSON *m;

  if (text == NULL || text[0] == '\0')
    return;
  cJSON_ArrayForEach (m, arr)
    if (cJSON_IsString (m) && strcmp (m->valuestring, text) == 0)
      return;
  cJSON_AddItemToArray (arr, cJSON_CreateString (text));
}

cJSON *
dokus_pdf_mentions (const cJSON *doc, const char *language)
{
  const char *own = dokus_render_str (doc, "language"), *country, *regime, *type;
  const cJSON *seller = cJSON_GetObjectItemCaseSensitive (doc, "seller");
  const cJSON *buyer = cJSON_GetObjectItemCaseSensitive (doc, "buyer");
  const cJSON *delivery = cJSON_GetObjectItemCaseSensitive (doc, "delivery");
  const cJSON *m;
  cJSON *out = cJSON_CreateArray ();

  if (out == NULL)
    return NULL;
  if (own != NULL && language != NULL && strcmp (own, language) == 0)
    {
      cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive (doc, "mentions"))
        if (cJSON_IsString (m))
          add_unique (out, m->valuestring);
      return out;
    }
  country = dokus_render_str (buyer, "country");
  if (country == NULL)
    country = dokus_render_str (cJSON_GetObjectItemCaseSensitive (buyer, "address"), "country");
  regime = dokus_render_str (seller, "vat_regime");
  cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive (doc, "vat_breakdown"))
    {
      const char *category = dokus_render_str (m, "category");
      DokusVatCase vat_case;
      if (category == NULL)
        continue;
      vat_case = dokus_vat_case (category, regime != NULL && strcmp (regime, "franchise") == 0,
                                 country ? country : "BE");
      add_unique (out, dokus_vat_mention (vat_case, language));
    }
  if (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (delivery, "triangulation")))
    add_unique (out, dokus_vat_triangulation_mention (language));
  type = dokus_render_str (doc, "type");
  if (type != NULL && strcmp (type, "credit_note") == 0)
    add_unique (out, dokus_vat_credit_note_mention (language));
  return out;
}
