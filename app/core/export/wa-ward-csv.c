/* wa-ward-csv.c: ranking-table CSV. */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wa-change-export.h"
#include "wa-change-table.h"
#include "wa-csv.h"
#include "wa-edition.h"
#include "wa-pack.h"
#include "wa-format.h"
#include "wa-rank-method.h"
#include "wa-safe-write.h"
#include "wa-ward-csv.h"

/* File order: identity first, then the figures. */
static const WaWardColumn csv_order[] = {
  WA_WARD_COLUMN_COMBINED_RANK,
  WA_WARD_COLUMN_CODE,
  WA_WARD_COLUMN_NAME,
  WA_WARD_COLUMN_LAD_CODE,
  WA_WARD_COLUMN_LAD,
  WA_WARD_COLUMN_REGION_CODE,
  WA_WARD_COLUMN_REGION,
  WA_WARD_COLUMN_POPULATION,
  WA_WARD_COLUMN_IMD_RANK,
  WA_WARD_COLUMN_CNI_RANK,
  WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK,
  WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK,
  WA_WARD_COLUMN_CNI_ENGAGED_RANK,
  WA_WARD_COLUMN_LEFT_BEHIND,
  WA_WARD_COLUMN_OFFICIAL,
  WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE,
};

guint
wa_ward_csv_get_columns (WaAtlas *atlas, WaWardColumn *out_columns)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (csv_order); i++)
    if (wa_ward_column_available (csv_order[i], atlas))
      out_columns[n++] = csv_order[i];
  return n;
}

/* A cell as the file writes it: empty where a ward has no rank or figure. */
static char *
cell_text (WaWardColumn column, WaWard *ward)
{
  if (wa_ward_column_is_text (column))
    return g_strdup (wa_ward_column_text (column, ward));
  switch (column)
    {
    case WA_WARD_COLUMN_POPULATION:
      return wa_ward_get_population (ward) >= 0
             ? g_strdup_printf ("%" G_GINT64_FORMAT, wa_ward_get_population (ward)) : NULL;
    case WA_WARD_COLUMN_LEFT_BEHIND:
      return g_strdup (wa_ward_get_left_behind (ward) ? "true" : "false");
    case WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE:
      {
        double share = wa_ward_column_value (column, ward);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        /* A fraction to four places, as plain as the ranks beside it. */
        return isnan (share) ? NULL
               : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", share));
      }
    case WA_WARD_COLUMN_OFFICIAL:
      if (wa_ward_get_official_left_behind (ward) < 0)
        return NULL;
      return g_strdup (wa_ward_get_official_left_behind (ward) ? "true" : "false");
    default:
      return wa_ward_column_rank (column, ward) > 0
             ? g_strdup_printf ("%u", wa_ward_column_rank (column, ward)) : NULL;
    }
}

/* The change columns a ranking table carries: the question "is it still
 * left behind?" in four cells, the rest being `ward-atlas-cli change`'s. */
static const WaChangeColumn change_columns[] = {
  WA_CHANGE_COLUMN_COMBINED_THEN,
  WA_CHANGE_COLUMN_COMBINED_NOW,
  WA_CHANGE_COLUMN_CATEGORY,
  WA_CHANGE_COLUMN_PARTLY,
  WA_CHANGE_COLUMN_CHANGED_BOUNDARY,
};
#define N_CHANGE_COLUMNS G_N_ELEMENTS (change_columns)

gboolean
wa_ward_csv_has_change (WaAtlas *atlas, WaChange *change)
{
  return change != NULL && wa_atlas_get_edition (atlas) == wa_edition_newest ()
         && wa_atlas_get_edition (atlas) != 0;
}

static void
change_options (WaChangeExportOptions *o, WaAtlas *atlas)
{
  *o = (WaChangeExportOptions) { wa_edition_to_string (0),
                                 wa_edition_to_string (wa_atlas_get_edition (atlas)), NULL, -1 };
}

/* The ward's change, when it is this atlas's ward (a change made from
 * other packs than this atlas's could hold a ward of the same code). */
static const WaWardChange *
ward_change (WaChange *change, WaWard *ward)
{
  const WaWardChange *c = change != NULL ? wa_change_lookup (change, wa_ward_get_code (ward)) : NULL;

  return c != NULL && c->ward == ward ? c : NULL;
}

char *
wa_ward_csv_list_column (WaUserList *list)
{
  return g_strdup_printf ("list_%s_count", wa_user_list_get_id (list));
}

static char *
build_table (WaAtlas *atlas, GPtrArray *wards, WaChange *change, GPtrArray *lists)
{
  WaWardColumn cols[WA_N_WARD_COLUMNS];
  guint n = wa_ward_csv_get_columns (atlas, cols);
  guint n_change = n + (wa_ward_csv_has_change (atlas, change) ? N_CHANGE_COLUMNS : 0);
  guint n_all = n_change + (lists != NULL ? lists->len : 0);
  g_autofree char **header = g_new0 (char *, n_all);
  g_autofree char **cells = g_new0 (char *, n_all);
  GString *out = g_string_new (NULL);
  WaChangeExportOptions options;

  change_options (&options, atlas);
  for (guint c = 0; c < n; c++)
    header[c] = g_strdup (wa_ward_column_id (cols[c]));
  for (guint c = n; c < n_change; c++)
    header[c] = wa_change_column_name (change_columns[c - n], &options);
  for (guint c = n_change; c < n_all; c++)
    header[c] = wa_ward_csv_list_column (g_ptr_array_index (lists, c - n_change));
  wa_csv_append_row (out, (const char * const *) header, n_all);
  for (guint c = 0; c < n_all; c++)
    g_free (header[c]);
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *ward = g_ptr_array_index (wards, i);
      const WaWardChange *wc = n_change > n ? ward_change (change, ward) : NULL;

      for (guint c = 0; c < n; c++)
        cells[c] = cell_text (cols[c], ward);
      for (guint c = n; c < n_change; c++)
        cells[c] = wc != NULL ? wa_change_column_cell (change_columns[c - n], wc) : NULL;
      /* A list is loaded against this atlas, so its ward indices are the
       * atlas's. */
      for (guint c = n_change; c < n_all; c++)
        cells[c] = g_strdup_printf ("%u", wa_user_list_get_count (g_ptr_array_index (lists, c - n_change),
                                                                  wa_ward_get_index (ward)));
      wa_csv_append_row (out, (const char * const *) cells, n_all);
      for (guint c = 0; c < n_all; c++)
        g_free (cells[c]);
    }
  return g_string_free (out, FALSE);
}

char *
wa_ward_csv_table (WaAtlas *atlas, GPtrArray *wards, WaChange *change, GError **error)
{
  return build_table (atlas, wards, change, NULL);
}

char *
wa_ward_csv_table_full (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context,
                        GError **error)
{
  return build_table (atlas, wards, context != NULL ? context->change : NULL,
                context != NULL ? context->user_lists : NULL);
}

static void
add_line (GString *out, const char *label, const char *value)
{
  g_autofree char *flat = g_strdup (value != NULL ? value : "");

  /* One line per item: a newline in a value must not end the header. */
  g_strdelimit (flat, "\r\n", ' ');
  if (label != NULL && *flat == '\0')
    g_string_append_printf (out, "# %s:\n", label);
  else if (label != NULL)
    g_string_append_printf (out, "# %s: %s\n", label, flat);
  else
    g_string_append_printf (out, "#   %s\n", flat);
}

static char *
describe_filters (const WaWardFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_lads;

  if (filter == NULL || wa_ward_filter_is_empty (filter))
    return g_strdup (_("none (all wards)"));
  if (wa_ward_filter_get_region (filter) != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("region %s"), wa_ward_filter_get_region (filter)));
  n_lads = wa_ward_filter_get_n_lads (filter);
  if (n_lads > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u local authority",
                                                          "%u local authorities", n_lads), n_lads));
  if (wa_ward_filter_get_left_behind_only (filter))
    g_ptr_array_add (parts, g_strdup (_("left-behind wards only")));
  if (wa_ward_filter_get_neighbourhoods (filter) != WA_NEIGHBOURHOOD_FILTER_ANY)
    g_ptr_array_add (parts, g_strdup (wa_neighbourhood_filter_title (wa_ward_filter_get_neighbourhoods (filter))));
  if (wa_ward_filter_get_text (filter) != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("text “%s”"), wa_ward_filter_get_text (filter)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static void
add_sources (GString *out, WaAtlas *atlas)
{
  GPtrArray *sources = wa_atlas_get_sources (atlas);
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);

  add_line (out, _("Sources"), "");
  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *s = g_ptr_array_index (sources, i);
      g_autofree char *line = g_strdup_printf ("%s; %s; %s; %s", s->title ? s->title : s->id,
                                               s->publisher ? s->publisher : "-",
                                               s->licence ? s->licence : "-", s->url ? s->url : "-");
      add_line (out, NULL, line);
    }
  add_line (out, _("Attribution"), "");
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    add_line (out, NULL, attributions[i]);
}

/* What the change columns are and how the crosswalk was made, with the
 * caveats every output showing change carries. */
static void
add_change (GString *out, WaAtlas *atlas)
{
  const char *const *caveats = wa_change_export_caveats ();
  g_autofree char *low = wa_format_percent (WA_CHANGE_PARTLY_LOW * 100);
  g_autofree char *high = wa_format_percent (WA_CHANGE_PARTLY_HIGH * 100);
  g_autofree char *columns = g_strdup_printf (
    _("combined_percentile_%s/%s: percentile of combined rank in each edition (1 = most in need; "
      "%s: the area's %s wards weighted by their residents); category and partly: left behind in "
      "both, newly, no longer, or neither (partly: between %s and %s of residents from left-behind %s wards); "
      "changed_boundary_share: residents from %s wards not on the same boundary"),
    wa_edition_to_string (0), wa_edition_to_string (wa_atlas_get_edition (atlas)),
    wa_edition_to_string (0), wa_edition_get_info (0)->ward_vintage, low,
    high, wa_edition_get_info (0)->ward_vintage, wa_edition_get_info (0)->ward_vintage);

  add_line (out, _("Change columns"), columns);
  add_line (out, _("Crosswalk method"), wa_atlas_get_metadata (atlas, WA_PACK_META_CROSSWALK_METHOD));
  add_line (out, _("Crosswalk sources"), wa_atlas_get_metadata (atlas, WA_PACK_META_CROSSWALK_SOURCES));
  add_line (out, _("Change caveats"), "");
  for (gsize i = 0; caveats[i] != NULL; i++)
    add_line (out, NULL, caveats[i]);
}

/* What each list column counts, so the file explains its own columns. */
static void
add_user_lists (GString *out, GPtrArray *lists)
{
  add_line (out, _("Your lists"), _("places of each list in the ward, located from the file you imported"));
  for (guint i = 0; i < lists->len; i++)
    {
      WaUserList *list = g_ptr_array_index (lists, i);
      g_autofree char *column = wa_ward_csv_list_column (list);
      g_autofree char *line = g_strdup_printf (_("%s: “%s”, %u places"), column,
                                               wa_user_list_get_name (list),
                                               wa_user_list_get_n_places (list));
      add_line (out, NULL, line);
    }
}

char *
wa_ward_csv_description (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context)
{
  GString *out = g_string_new (NULL);
  const WaRankParams *params = wa_atlas_get_rank_params (atlas);
  g_autofree char *method = wa_rank_params_describe (params);
  g_autofree char *threshold = wa_format_percent (params->threshold_percent);
  g_autofree char *filters = describe_filters (context != NULL ? context->filter : NULL);
  g_autofree char *rows = wa_ward_list_describe (wards);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  g_autofree char *sort = NULL;
  const char *edition = wa_edition_describe (wa_atlas_get_edition (atlas));
  g_autofree char *method_line = g_strdup_printf ("%s (%s)", wa_rank_method_to_id (params->method), method);

  if (context != NULL)
    sort = g_strdup_printf ("%s, %s",
                            context->sort_by_change
                            ? wa_change_field_title ((WaChangeField) context->sort_change)
                            : wa_ward_column_id (context->sort),
                            context->descending ? _("descending") : _("ascending"));

  g_string_append_printf (out, "# %s\n", _("Ward Atlas ranking table. Lines starting with # describe the export; the table follows them."));
  add_line (out, _("Edition"), edition);
  add_line (out, _("Method"), method_line);
  add_line (out, _("Threshold"), wa_rank_method_uses_threshold (params->method) ? threshold
                                                                                : _("not used by this method"));
  if (wa_rank_method_uses_weights (params->method))
    {
      g_autofree char *weights = g_strdup_printf ("IMD %g, CNI %g", params->weight_imd, params->weight_cni);
      add_line (out, _("Weights"), weights);
    }
  add_line (out, _("Filters"), filters);
  if (sort != NULL)
    add_line (out, _("Sort"), sort);
  add_line (out, _("Rows"), rows);
  add_line (out, _("Ranks"), _("1 = most deprived / greatest need; empty = not ranked"));
  add_line (out, _("Exported"), date);
  add_line (out, _("Generator"), "Ward Atlas " WA_VERSION);
  add_line (out, _("Pack built"), wa_atlas_get_metadata (atlas, "build_date"));
  if (context != NULL && wa_ward_csv_has_change (atlas, context->change))
    add_change (out, atlas);
  if (context != NULL && context->user_lists != NULL && context->user_lists->len > 0)
    add_user_lists (out, context->user_lists);
  add_sources (out, atlas);
  return g_string_free (out, FALSE);
}

char *
wa_ward_csv_sidecar_path (const char *path)
{
  return g_strconcat (path, ".provenance.txt", NULL);
}

static gboolean
write_parts (const char *path, const char *first, const char *second, GError **error)
{
  g_autoptr(WaSafeWrite) file = NULL;

  /* Replacing is confirmed by the caller (save dialog, --force). */
  file = wa_safe_write_begin (path, TRUE, error);
  if (file == NULL
      || !wa_safe_write_append (file, first, strlen (first), error)
      || (second != NULL && !wa_safe_write_append (file, second, strlen (second), error)))
    return FALSE;
  return wa_safe_write_commit (g_steal_pointer (&file), error);
}

gboolean
wa_ward_csv_write (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context,
                   const char *path, GError **error)
{
  g_autofree char *table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *sidecar = NULL;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((table = wa_ward_csv_table_full (atlas, wards, context, error)) == NULL)
    return FALSE;
  description = wa_ward_csv_description (atlas, wards, context);
  if (context == NULL || !context->provenance_sidecar)
    return write_parts (path, description, table, error);
  /* The provenance first: a clean table is never left without it. */
  sidecar = wa_ward_csv_sidecar_path (path);
  return write_parts (sidecar, description, NULL, error)
         && write_parts (path, table, NULL, error);
}
