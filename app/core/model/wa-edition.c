/* wa-edition.c: the data editions a pack can hold. */
#include "ward-atlas-core.h"

#include <glib/gi18n-lib.h>

const char *
wa_edition_to_string (WaEdition edition)
{
  switch (edition)
    {
    case WA_EDITION_2019:
      return "2019";
    case WA_EDITION_2025:
      return "2025";
    case WA_N_EDITIONS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
wa_edition_from_string (const char *text,
                        WaEdition  *out_edition)
{
  g_return_val_if_fail (out_edition != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (int i = 0; i < WA_N_EDITIONS; i++)
    {
      if (g_strcmp0 (text, wa_edition_to_string (i)) == 0)
        {
          *out_edition = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wa_edition_describe (WaEdition edition)
{
  switch (edition)
    {
    case WA_EDITION_2019:
      return _("2019: Wards 2017, IMD 2019, CNI 2019");
    case WA_EDITION_2025:
      return _("2025: Wards 2024, IMD 2025, CNI 2023");
    case WA_N_EDITIONS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
wa_edition_has_official_flag (WaEdition edition)
{
  /* OCSI published the APPG "left behind" flag only with the 2019 CNI. */
  return edition == WA_EDITION_2019;
}
