/* damage-packs.c: the long damage run over a real pack slice (CI's fuzz
 * stage; the short property test is test-pack-check's garbage-pages).
 *
 *   damage-packs PACK COPIES SEED [SECONDS]
 *
 * Makes COPIES damaged copies of PACK (every page hit in turn; each copy
 * gets one of: a few flipped bits, a run of garbage, a whole page of
 * garbage, a page of zeros, or the file cut short) and opens each as the
 * app does. Each copy must be either refused with a message naming the
 * file, or give exactly what the intact pack gives: every ward's figures,
 * names and geometry, the ranking under every method, the areas, places,
 * sources and every postcode lookup (each postcode of the pack and a key
 * next to each, present or not). A copy is refused when opening it fails,
 * or when a postcode lookup says the pack is damaged (the postcodes table
 * is checked row by row at lookup, not digested at open: see
 * wa-postcode-row.h). Prints tried / refused (of them at a postcode
 * lookup) / identical / silently different, of which wrong postcode
 * answers, and fails if any copy is silently different (or the run stops
 * at SECONDS before trying 1,000 copies). */
#include "ward-atlas-core.h"
#include "wa-pack.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

static void
describe_figures (GString *out, WaWard *ward)
{
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *f = wa_ward_get_figure (ward, i);

      g_string_append_printf (out, " %s=%.17g/%u/%u/%.17g/%.17g/%d", wa_indicator_id (i), f->score,
                              f->rank, f->decile, f->extent, f->proportion, (int) f->source);
    }
}

static void
describe_geometry (GString *out, const WaGeometry *geometry)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint r = 0; geometry != NULL && r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n = 0;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);

      g_checksum_update (sum, (const guchar *) xy, n * 2 * sizeof (double));
    }
  g_string_append_printf (out, " geom=%s", geometry != NULL ? g_checksum_get_string (sum) : "-");
  g_checksum_free (sum);
}

static void
describe_ward (GString *out, WaAtlas *atlas, WaWard *ward)
{
  guint n_neighbours = 0;
  const guint *neighbours = wa_ward_get_neighbours (ward, &n_neighbours);
  WaGeometry *geometry = wa_ward_get_geometry (ward);

  g_string_append_printf (out, "%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%u|%d|%u|%d",
                          wa_ward_get_code (ward), wa_ward_get_name (ward),
                          wa_ward_get_lad_code (ward), wa_ward_get_lad_name (ward),
                          wa_ward_get_region_code (ward), wa_ward_get_region_name (ward),
                          wa_ward_get_population (ward), wa_ward_get_n_lsoa (ward),
                          wa_ward_get_official_left_behind (ward), wa_ward_get_combined_rank (ward),
                          wa_ward_get_left_behind (ward));
  describe_figures (out, ward);
  for (guint i = 0; i < n_neighbours; i++)
    g_string_append_printf (out, " n%u", neighbours[i]);
  describe_geometry (out, geometry);
  for (double zoom = 0; zoom <= 16; zoom += 4)
    describe_geometry (out, wa_atlas_get_ward_geometry_for_zoom (atlas, wa_ward_get_index (ward), zoom));
  if (geometry != NULL)
    {
      const WaBBox *box = wa_geometry_get_bbox (geometry);
      WaWard *at = wa_atlas_locate (atlas, (box->min_x + box->max_x) / 2, (box->min_y + box->max_y) / 2);

      g_string_append_printf (out, " at=%s", at != NULL ? wa_ward_get_code (at) : "-");
    }
  g_string_append_c (out, '\n');
}

static void
describe_rankings (GString *out, WaAtlas *atlas)
{
  for (WaRankMethod method = 0; method < WA_N_RANK_METHODS; method++)
    {
      g_autoptr(GPtrArray) ranked = NULL;
      WaRankParams params;

      wa_rank_params_init (&params);
      params.method = method;
      if (!wa_atlas_set_rank_params (atlas, &params, NULL))
        continue;
      ranked = wa_atlas_dup_ranked (atlas, FALSE);
      g_string_append_printf (out, "method %d:", (int) method);
      for (guint i = 0; i < ranked->len; i++)
        g_string_append_printf (out, " %s/%u/%d", wa_ward_get_code (ranked->pdata[i]),
                                wa_ward_get_combined_rank (ranked->pdata[i]),
                                wa_ward_get_left_behind (ranked->pdata[i]));
      g_string_append_c (out, '\n');
    }
}

static void
describe_areas (GString *out, WaAtlas *atlas)
{
  GPtrArray *places = wa_atlas_get_places (atlas);
  GPtrArray *sources = wa_atlas_get_sources (atlas);

  for (WaAreaKind kind = WA_AREA_LAD; kind <= WA_AREA_LAND; kind++)
    {
      GPtrArray *areas = wa_atlas_get_areas (atlas, kind);

      for (guint i = 0; i < areas->len; i++)
        {
          const WaArea *area = areas->pdata[i];

          g_string_append_printf (out, "area %d %s|%s|%s", (int) kind, area->code, area->name,
                                  area->region_code != NULL ? area->region_code : "-");
          describe_geometry (out, area->geometry);
          describe_geometry (out, wa_atlas_get_area_geometry_for_zoom (atlas, kind, i, 6));
          g_string_append_c (out, '\n');
        }
    }
  for (guint i = 0; i < places->len; i++)
    {
      const WaPlace *p = places->pdata[i];

      g_string_append_printf (out, "place %s|%d|%d|%.17g|%.17g|%.17g|%d\n", p->name, (int) p->kind,
                              p->major, p->lon, p->lat, p->importance, p->ward_index);
    }
  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *s = sources->pdata[i];

      g_string_append_printf (out, "source %s|%s|%s|%s|%" G_GINT64_FORMAT "\n", s->id, s->title, s->file,
                              s->licence, s->records);
    }
}

/* FALSE if a lookup refuses the pack: a damaged error naming PATH. */
static gboolean
describe_postcodes (GString *out, WaAtlas *atlas, GPtrArray *postcodes, const char *path)
{
  for (guint i = 0; i < postcodes->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaPostcodeHit) hit = wa_atlas_lookup_postcode (atlas, postcodes->pdata[i], &error);

      if (g_error_matches (error, WA_ERROR, WA_ERROR_DAMAGED))
        {
          if (strstr (error->message, path) == NULL)
            g_error ("postcode lookup refused without naming the file: %s", error->message);
          return FALSE;
        }
      if (hit == NULL)
        g_string_append_printf (out, "postcode %s: %s\n", (char *) postcodes->pdata[i], error->message);
      else
        g_string_append_printf (out, "postcode %s: %s %.17g %.17g %d\n", (char *) postcodes->pdata[i],
                                hit->postcode, hit->lon, hit->lat, hit->ward_index);
    }
  return TRUE;
}

/* Everything the app and the CLI can show from a pack; NULL if a postcode
 * lookup refuses it (PATH: the file it must name). */
static char *
describe (WaAtlas *atlas, GPtrArray *postcodes, const char *path)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "edition %d wards %u\n", (int) wa_atlas_get_edition (atlas),
                          wa_atlas_get_n_wards (atlas));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    g_string_append_printf (out, "ranked %u %s\n", wa_atlas_get_n_ranked (atlas, i),
                            wa_atlas_get_indicator_note (atlas, i) ? wa_atlas_get_indicator_note (atlas, i) : "-");
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    describe_ward (out, atlas, wa_atlas_get_ward (atlas, w));
  describe_rankings (out, atlas);
  describe_areas (out, atlas);
  if (postcodes != NULL && !describe_postcodes (out, atlas, postcodes, path))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The postcodes the intact pack holds, read straight from SQLite, each
 * followed by a key next to it (last letter moved on; absent, mostly), so
 * that "not found" answers are held to the intact pack's too. */
static GPtrArray *
list_postcodes (const char *path)
{
  GPtrArray *postcodes = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT " WA_PACK_PC_POSTCODE " FROM " WA_PACK_LAYER_POSTCODES,
                             -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: cannot list postcodes: %s", path, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *postcode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      char *next = g_strdup (postcode);
      gsize last = strlen (next) - 1;

      next[last] = next[last] == 'Z' ? 'A' : next[last] + 1;
      g_ptr_array_add (postcodes, postcode);
      g_ptr_array_add (postcodes, next);
    }
  g_ptr_array_add (postcodes, g_strdup ("A11AA"));     /* before every postcode */
  g_ptr_array_add (postcodes, g_strdup ("ZZ99ZZ"));    /* after */
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return postcodes;
}

/* The first line that differs, so that the report says what went wrong. */
static void
first_difference (const char *expected, const char *got, guint copy, const char *kept)
{
  g_auto(GStrv) want = g_strsplit (expected, "\n", -1);
  g_auto(GStrv) have = g_strsplit (got, "\n", -1);
  guint i = 0;

  while (want[i] != NULL && have[i] != NULL && g_str_equal (want[i], have[i]))
    i++;
  fprintf (stderr, "copy %u opened with different contents (kept as %s):\n  intact:  %.200s\n  damaged: %.200s\n",
           copy, kept, want[i] != NULL ? want[i] : "(end)", have[i] != NULL ? have[i] : "(end)");
}

typedef enum { FLIP_BITS, GARBAGE_RUN, GARBAGE_PAGE, ZERO_PAGE, CUT_SHORT, N_KINDS } DamageKind;

/* Everything but the postcode lookups is as in the intact pack: the
 * difference is a wrong postcode answer (counted apart, still a failure). */
static gboolean
postcode_only (WaAtlas *atlas, const char *expected_opened)
{
  g_autofree char *got = describe (atlas, NULL, NULL);

  return g_str_equal (got, expected_opened);
}

static gsize
damage (char *bytes, gsize length, gsize page_size, guint copy, GRand *rand)
{
  gsize pages = length / page_size;
  gsize page = copy % pages;   /* every page in turn */
  char *start = bytes + page * page_size;

  switch ((DamageKind) g_rand_int_range (rand, 0, N_KINDS))
    {
    case FLIP_BITS:
      for (int i = g_rand_int_range (rand, 1, 9); i > 0; i--)
        start[g_rand_int_range (rand, 0, page_size)] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      return length;
    case GARBAGE_RUN:
      {
        gsize at = g_rand_int_range (rand, 0, page_size - 64);

        for (gsize i = 0; i < 64; i++)
          start[at + i] = (char) g_rand_int_range (rand, 0, 256);
      }
      return length;
    case GARBAGE_PAGE:
      for (gsize i = 0; i < page_size; i++)
        start[i] = (char) g_rand_int_range (rand, 0, 256);
      return length;
    case ZERO_PAGE:
      memset (start, 0, page_size);
      return length;
    case CUT_SHORT:
    default:
      return page * page_size + g_rand_int_range (rand, 0, page_size);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *original = NULL, *expected = NULL, *expected_opened = NULL;
  g_autofree char *dir = NULL, *copy_path = NULL;
  g_autoptr(GPtrArray) postcodes = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) intact = NULL;
  guint copies, tried = 0, refused = 0, refused_at_lookup = 0, identical = 0, different = 0;
  guint wrong_postcode = 0;
  double seconds;
  gint64 deadline;
  gsize length, page_size;

  if (argc < 4)
    {
      fprintf (stderr, "usage: damage-packs PACK COPIES SEED [SECONDS]\n");
      return 2;
    }
  copies = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  seconds = argc > 4 ? g_ascii_strtod (argv[4], NULL) : 1e9;
  deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  if (!g_file_get_contents (argv[1], &original, &length, &error)
      || (intact = wa_atlas_open (argv[1], &error)) == NULL)
    g_error ("%s", error->message);
  postcodes = list_postcodes (argv[1]);
  expected = describe (intact, postcodes, argv[1]);
  expected_opened = describe (intact, NULL, NULL);
  if (expected == NULL)
    g_error ("%s: the intact pack refuses a postcode lookup", argv[1]);
  /* SQLite's page size is at offset 16, big-endian (1 means 65536). */
  page_size = ((guchar) original[16] << 8) | (guchar) original[17];
  page_size = page_size == 1 ? 65536 : page_size;
  /* In memory where there is a tmpfs: writing each copy to disk made the
   * kernel flush it every time (as the fuzz targets found). */
  dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? g_mkdtemp (g_strdup ("/dev/shm/damage-packs-XXXXXX"))
                                                     : g_dir_make_tmp ("damage-packs-XXXXXX", &error);
  if (dir == NULL)
    g_error ("cannot make a folder for the copies: %s", error != NULL ? error->message : g_strerror (errno));
  copy_path = g_build_filename (dir, "copy.gpkg", NULL);

  for (guint c = 0; c < copies && g_get_monotonic_time () < deadline; c++)
    {
      g_autofree char *bytes = g_memdup2 (original, length);
      gsize cut = damage (bytes, length, page_size, c, rand);
      g_autoptr(WaAtlas) atlas = NULL;
      g_autofree char *got = NULL;

      /* No fsync, no rename: thousands of copies, all thrown away. */
      if (!g_file_set_contents_full (copy_path, bytes, cut, G_FILE_SET_CONTENTS_NONE, 0644, &error))
        g_error ("%s", error->message);
      tried++;
      if ((atlas = wa_atlas_open (copy_path, &error)) == NULL)
        {
          if (strstr (error->message, copy_path) == NULL)
            g_error ("copy %u refused without naming the file: %s", c, error->message);
          g_clear_error (&error);
          refused++;
          continue;
        }
      got = describe (atlas, postcodes, copy_path);
      if (got == NULL)
        {
          refused++;
          refused_at_lookup++;
        }
      else if (g_str_equal (got, expected))
        identical++;
      else
        {
          gboolean postcodes_alone = postcode_only (atlas, expected_opened);
          g_autofree char *kept = g_strdup_printf ("damaged-%s%u.gpkg", postcodes_alone ? "postcodes-" : "", c);

          g_file_set_contents (kept, bytes, cut, NULL);
          first_difference (expected, got, c, kept);
          different++;
          wrong_postcode += postcodes_alone;
        }
    }
  g_unlink (copy_path);
  g_rmdir (dir);
  printf ("damage-packs: %s (%zu pages of %zu bytes): tried %u, refused %u (%u of them at a postcode "
          "lookup), identical %u, silently different %u (%u of them a wrong postcode answer alone)\n",
          argv[1], length / page_size, page_size, tried, refused, refused_at_lookup, identical,
          different, wrong_postcode);
  if (tried < MIN (copies, 1000))
    {
      fprintf (stderr, "damage-packs: only %u copies in %g s\n", tried, seconds);
      return 1;
    }
  return different == 0 ? 0 : 1;
}
