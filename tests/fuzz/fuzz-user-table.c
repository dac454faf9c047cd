/* fuzz-user-table.c: a user's list file (wa-user-list.h) as the import
 * dialog and `assets --list` read it: our own CSV reader (separator and
 * encoding guessed, quoted fields), or GDAL for GeoJSON. The first input
 * byte picks the file name's suffix. Every cell of a table read must be
 * UTF-8, and every error must name something. */
#include "ward-atlas-core.h"
#include "wa-gdal-util.h"
#include "wa-user-list.h"
#include "fuzz-util.h"

static const char *const suffixes[] = { ".csv", ".txt", ".geojson" };
static const char *const roles[] = { "name", "postcode", "lon", "lat", "easting", "northing" };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserTable) table = NULL;
  const char *path;

  if (size == 0)
    return 0;
  path = fuzz_write_file (suffixes[data[0] % G_N_ELEMENTS (suffixes)], data + 1, size - 1);
  wa_gdal_init ();
  table = wa_user_table_read (path, 0, NULL, &error);
  if (table == NULL)
    {
      fuzz_check_message (error);
      return 0;
    }
  g_assert (g_utf8_validate (wa_user_table_describe (table), -1, NULL));
  for (guint c = 0; c < wa_user_table_get_n_columns (table); c++)
    g_assert (g_utf8_validate (wa_user_table_get_column (table, c), -1, NULL));
  for (guint r = 0; r < wa_user_table_get_n_rows (table); r++)
    for (guint c = 0; c < wa_user_table_get_n_columns (table); c++)
      {
        const char *cell = wa_user_table_get_cell (table, r, c);

        g_assert (cell != NULL && g_utf8_validate (cell, -1, NULL));
      }
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    g_assert (wa_user_table_guess_column (table, roles[i]) < (int) wa_user_table_get_n_columns (table));
  return 0;
}
