/* dokus-ap-provider.c
 *
 * What every access point provider shares: freeing one, and the names of
 * the delivery states of dokus-ap.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-ap-private.h"

void
dokus_ap_provider_free (DokusApProvider *ap)
{
  if (ap != NULL && ap->destroy != NULL)
    ap->destroy (ap);
}

const char *
dokus_ap_delivery_name (DokusApDelivery delivery)
{
  switch (delivery)
    {
    case DOKUS_AP_QUEUED: return "queued";
    case DOKUS_AP_SENT: return "sent";
    case DOKUS_AP_DELIVERED: return "delivered";
    case DOKUS_AP_REJECTED: return "rejected";
    }
  return "unknown";
}
