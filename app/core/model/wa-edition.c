/* wa-edition.c: the table of data editions (see wa-edition.h). */
#include "wa-edition.h"

#include <glib/gi18n-lib.h>

static const WaEditionInfo editions[] = {
  {
    .edition = WA_EDITION_2019,
    .id = "2019",
    .label = N_("2019 edition"),
    .description = N_("2019: Wards 2017, IMD 2019, CNI 2019"),
    .details = N_("2017 wards, IMD 2019, CNI 2019 and the published left-behind list"),
    .ward_vintage = "2017",
    .imd_vintage = "2019",
    .cni_vintage = "2019",
    /* OCSI published the APPG "left behind" flag only with the 2019 CNI. */
    .has_official_list = TRUE,
    .default_method = "official",
    .pack_file_name = "ward-atlas-2019.gpkg",
    .accelerator = "<Control>1",
  },
  {
    .edition = WA_EDITION_2025,
    .id = "2025",
    .label = N_("2025 edition"),
    .description = N_("2025: Wards 2024, IMD 2025, CNI 2023"),
    .details = N_("2024 wards, IMD 2025 and CNI 2023"),
    .ward_vintage = "2024",
    .imd_vintage = "2025",
    .cni_vintage = "2023",
    .has_official_list = FALSE,
    /* The CNI 2023 table flags 1,305 LSOAs. */
    .has_neighbourhood_list = TRUE,
    .default_method = "both-decile",
    .pack_file_name = "ward-atlas-2025.gpkg",
    .accelerator = "<Control>2",
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (editions) == WA_N_EDITIONS);

const WaEditionInfo *
wa_edition_get_info (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, NULL);
  return &editions[edition];
}

WaEdition
wa_edition_newest (void)
{
  return WA_N_EDITIONS - 1;
}

const char *
wa_edition_to_string (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, NULL);
  return editions[edition].id;
}

gboolean
wa_edition_from_string (const char *text,
                        WaEdition  *out_edition)
{
  g_return_val_if_fail (out_edition != NULL, FALSE);

  for (guint i = 0; text != NULL && i < WA_N_EDITIONS; i++)
    {
      if (g_strcmp0 (text, editions[i].id) == 0)
        {
          *out_edition = editions[i].edition;
          return TRUE;
        }
    }
  return FALSE;
}

char *
wa_edition_list_ids (const char *separator,
                     const char *last_separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < WA_N_EDITIONS; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == WA_N_EDITIONS ? last_separator : separator);
      g_string_append (out, editions[i].id);
    }
  return g_string_free (out, FALSE);
}

char *
wa_edition_list_choices (void)
{
  /* Translators: joins the last two edition years in a list of choices,
   * as in "2019 or 2025" or "2019, 2025 or 2027". */
  return wa_edition_list_ids (", ", _(" or "));
}

const char *
wa_edition_describe (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, NULL);
  return _(editions[edition].description);
}

gboolean
wa_edition_has_neighbourhood_flag (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, FALSE);
  return editions[edition].has_neighbourhood_list;
}

gboolean
wa_edition_has_official_flag (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, FALSE);
  return editions[edition].has_official_list;
}
