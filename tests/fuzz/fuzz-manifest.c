/* fuzz-manifest.c: the source manifest parser (data/sources.manifest).
 * Anything that loads must answer every query the builder makes. */
#include "ward-atlas-core.h"
#include "wa-manifest.h"
#include "fuzz-util.h"

static const char *const roles[] = {
  "ward-boundaries", "ward-names", "lsoa-ward-lookup", "lsoa-population",
  "imd-lsoa", "cni-lsoa", "cni-ward", "postcodes", "places", NULL
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = wa_manifest_load_data ((const char *) data, (gssize) size,
                                                          "fuzz.manifest", &error);

  if (manifest == NULL)
    {
      fuzz_check_message (error);
      return 0;
    }
  for (WaEdition edition = 0; edition < WA_N_EDITIONS; edition++)
    {
      GPtrArray *sources = wa_manifest_get_sources (manifest, edition);

      wa_manifest_get_edition_key (manifest, edition, "vintages");
      for (guint i = 0; i < sources->len; i++)
        {
          const WaManifestSource *source = g_ptr_array_index (sources, i);
          g_autoptr(GError) column_error = NULL;

          g_assert (source->id != NULL && source->role != NULL && source->file != NULL);
          g_assert (!g_path_is_absolute (source->file));
          /* A single-source role finds its one source; a role many sources
           * serve may hold several, so a lookup cannot name one of them. */
          if (!wa_manifest_role_is_multi (source->role))
            g_assert (wa_manifest_find_optional_role (manifest, edition, source->role) == source);
          if (wa_manifest_source_column (source, "code", &column_error) == NULL)
            fuzz_check_message (column_error);
          wa_manifest_source_option (source, "srs");
        }
      for (const char *const *role = roles; *role != NULL; role++)
        {
          g_autoptr(GError) role_error = NULL;

          if (wa_manifest_find_role (manifest, edition, *role, &role_error) == NULL)
            fuzz_check_message (role_error);
        }
    }
  return 0;
}
