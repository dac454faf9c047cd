/* fuzz-seeds.c: writes the in-code seed inputs of every fuzz target into
 * DIR/<target>/: the unit tests' fixture sources (manifest, tables, a small
 * pack) and hand-written strings. make-seeds.sh adds slices of real files. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"

#include <glib/gstdio.h>
#include <string.h>

static void
write_seed (const char *dir, const char *target, const char *name,
            const void *data, gsize size)
{
  g_autofree char *folder = g_build_filename (dir, target, NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0755);
  if (!g_file_set_contents (path, data, (gssize) size, &error))
    g_error ("%s", error->message);
}

/* format_byte: the table target's first byte (0 = csv). */
static void
copy_seed (const char *dir, const char *target, const char *name, const char *from,
           gboolean format_byte)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  gsize size;

  if (!g_file_get_contents (from, &contents, &size, &error))
    g_error ("%s", error->message);
  if (!format_byte)
    {
      write_seed (dir, target, name, contents, size);
      return;
    }
  joined = g_malloc (size + 1);
  joined[0] = 0;
  memcpy (joined + 1, contents, size);
  write_seed (dir, target, name, joined, size + 1);
}

/* Rewrites a GeoPackage with SQLite's smallest page (512 bytes instead of
 * 4096): the same tables, rows and indexes, an eighth of the bytes, so the
 * pack target mutates and reopens its seeds several times faster. */
static void
compact_pack (const char *path)
{
  GDALDatasetH dataset;
  OGRLayerH result;

  wa_gdal_init ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  if (dataset == NULL)
    g_error ("%s: cannot open to compact", path);
  result = GDALDatasetExecuteSQL (dataset, "PRAGMA page_size = 512", NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  result = GDALDatasetExecuteSQL (dataset, "VACUUM", NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
  /* A slice holds fewer rows than the pack it came from: record what it
   * holds, so the fuzzer's inputs start from a pack that opens. */
  wa_test_pack_refingerprint (path);
}

static void
write_fixture_seeds (const char *dir)
{
  static const char *const tables[] = {
    "names.csv", "lookup.csv", "population.csv", "imd.csv", "cni.csv", "postcodes.csv", "places.csv",
  };
  WaTestSources sources = { 0 };
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&sources);
  copy_seed (dir, "manifest", "fixture.manifest", sources.manifest, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = g_build_filename (sources.dir, tables[i], NULL);
      copy_seed (dir, "table", tables[i], path, TRUE);
    }
  if (!wa_test_sources_build (&sources, TRUE, &error))
    g_error ("%s", error->message);
  compact_pack (sources.output);
  copy_seed (dir, "pack", "fixture.gpkg", sources.output, FALSE);
  wa_test_sources_clear (&sources);
}

static void
write_string_seeds (const char *dir)
{
  static const char *const postcodes[] = {
    "SW1A 0AA", "sw1a0aa", " M1 1AD ", "EC1A 1BB", "B1 1HQ", "CR2 6XH", "DN55 1PT",
    "W1A", "AB1 2", "GIR 0AA", "12345", "SW1A 0AA extra", "",
  };
  struct { const char *name; const char *edition; const char *method; double v[3]; } settings[] = {
    { "default", "2019", "official", { 10, 1, 1 } },
    { "both", "2025", "both-decile", { 10, 1, 1 } },
    { "sum", "2025", "rank-sum", { 25, 2, 0.5 } },
    { "mean", "2019", "mean-rank", { 100, 1, 1 } },
  };
  static const guint8 wards[] = { 1, 2, 0, 2, 1, 1, 3, 3, 2, 8, 7, 0, 0, 5, 1, 4, 4, 2 };

  static const char *const queries[] = {
    "Squareton", "squareton", "Area 1", "E05000001", "Testshire", "AB1", "ab1 2cd", "St. Helens",
    "Saint Helens", "Kingston upon Hull", "Bront\xc3\xab", "  ", "-", "&",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (postcodes); i++)
    {
      g_autofree char *name = g_strdup_printf ("postcode-%02zu", i);
      write_seed (dir, "postcode", name, postcodes[i], strlen (postcodes[i]));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *name = g_strdup_printf ("query-%02zu", i);
      write_seed (dir, "search", name, queries[i], strlen (queries[i]));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();

      g_byte_array_append (bytes, (const guint8 *) settings[i].edition, strlen (settings[i].edition) + 1);
      g_byte_array_append (bytes, (const guint8 *) settings[i].method, strlen (settings[i].method) + 1);
      g_byte_array_append (bytes, (const guint8 *) settings[i].v, sizeof settings[i].v);
      g_byte_array_append (bytes, wards, sizeof wards);
      write_seed (dir, "rank-settings", settings[i].name, bytes->data, bytes->len);
    }
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "--compact"))
    {
      for (int i = 2; i < argc; i++)
        compact_pack (argv[i]);
      return 0;
    }
  if (argc != 2)
    {
      g_printerr ("usage: %s DIR | --compact PACK...\n", argv[0]);
      return 2;
    }
  write_fixture_seeds (argv[1]);
  write_string_seeds (argv[1]);
  return 0;
}
