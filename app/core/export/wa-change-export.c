/* wa-change-export.c: change tables as CSV and JSON (see wa-change-export.h). */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "wa-change-export.h"
#include "wa-csv.h"
#include "wa-json.h"

static const char *const caveats[] = {
  N_("Positions are percentiles of rank within each edition (1 % = most in need), not scores: the editions rank different numbers of wards."),
  N_("CNI 2023 is built from LSOAs and OCSI says it is not directly comparable with CNI 2019."),
  N_("IMD 2019 and IMD 2025 are relative ranks on different LSOA sets; the decile-1 LSOA counts are the like-for-like comparison."),
  N_("Ward boundaries changed between 2017 and 2024: a change of position in a ward with a changed boundary may be a boundary effect, not a change in the place."),
  NULL
};

const char *const *
wa_change_export_caveats (void)
{
  static const char *translated[G_N_ELEMENTS (caveats)];

  for (gsize i = 0; caveats[i] != NULL; i++)
    translated[i] = _(caveats[i]);
  return translated;
}

gboolean
wa_change_export_wanted (const WaWardChange *c, const WaChangeExportOptions *options)
{
  if (options->ward_code != NULL && g_strcmp0 (wa_ward_get_code (c->ward), options->ward_code) != 0)
    return FALSE;
  return options->category < 0 || (int) c->category == options->category;
}

static const char *const position_names[WA_N_CHANGE_POSITIONS] = { "combined", "imd", "cni" };

static char *
number (double value, const char *format)
{
  return isnan (value) ? NULL : g_strdup_printf (format, value);
}

/* "E05001676:0.9731;E05001677:0.0269" */
static char *
predecessor_list (const WaWardChange *c)
{
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < c->n_predecessors; p++)
    g_string_append_printf (out, "%s%s:%.4f", p > 0 ? ";" : "", c->predecessors[p].code,
                            c->predecessors[p].share_of_after);
  return g_string_free (out, FALSE);
}

/* The percentile columns come in (then, now) pairs per position. */
#define POSITION_OF(column) (((column) - WA_CHANGE_COLUMN_COMBINED_THEN) / 2)
#define IS_THEN(column) ((((column) - WA_CHANGE_COLUMN_COMBINED_THEN) % 2) == 0)
#define IS_POSITION(column) ((column) >= WA_CHANGE_COLUMN_COMBINED_THEN && (column) <= WA_CHANGE_COLUMN_CNI_NOW)

char *
wa_change_column_name (WaChangeColumn column, const WaChangeExportOptions *o)
{
  if (IS_POSITION (column))
    return g_strdup_printf ("%s_percentile_%s", position_names[POSITION_OF (column)],
                            IS_THEN (column) ? o->then_id : o->now_id);
  switch (column)
    {
    case WA_CHANGE_COLUMN_CATEGORY:
      return g_strdup ("category");
    case WA_CHANGE_COLUMN_PARTLY:
      return g_strdup ("partly");
    case WA_CHANGE_COLUMN_LEFT_BEHIND_SHARE_THEN:
      return g_strdup_printf ("left_behind_share_%s", o->then_id);
    case WA_CHANGE_COLUMN_LEFT_BEHIND_NOW:
      return g_strdup_printf ("left_behind_%s", o->now_id);
    case WA_CHANGE_COLUMN_CHANGED_BOUNDARY:
      return g_strdup ("changed_boundary_share");
    case WA_CHANGE_COLUMN_CHANGED_LSOA:
      return g_strdup ("changed_lsoa_share");
    case WA_CHANGE_COLUMN_DECILE1_THEN:
      return g_strdup_printf ("imd_decile1_lsoas_%s", o->then_id);
    case WA_CHANGE_COLUMN_DECILE1_NOW:
      return g_strdup_printf ("imd_decile1_lsoas_%s", o->now_id);
    case WA_CHANGE_COLUMN_PREDECESSORS:
    default:
      return g_strdup ("predecessors");
    }
}

char *
wa_change_column_cell (WaChangeColumn column, const WaWardChange *c)
{
  if (IS_POSITION (column))
    return number ((IS_THEN (column) ? c->position_then : c->position_now)[POSITION_OF (column)] * 100,
                   "%.2f");
  switch (column)
    {
    case WA_CHANGE_COLUMN_CATEGORY:
      return g_strdup (wa_change_category_id (c->category));
    case WA_CHANGE_COLUMN_PARTLY:
      return g_strdup (c->partly ? "true" : "false");
    case WA_CHANGE_COLUMN_LEFT_BEHIND_SHARE_THEN:
      return number (c->share_left_behind_then, "%.4f");
    case WA_CHANGE_COLUMN_LEFT_BEHIND_NOW:
      return g_strdup (c->left_behind_now ? "true" : "false");
    case WA_CHANGE_COLUMN_CHANGED_BOUNDARY:
      return number (c->changed_boundary_share, "%.4f");
    case WA_CHANGE_COLUMN_CHANGED_LSOA:
      return number (c->changed_lsoa_share, "%.4f");
    case WA_CHANGE_COLUMN_DECILE1_THEN:
      return number (c->decile1_then, "%.2f");
    case WA_CHANGE_COLUMN_DECILE1_NOW:
      return number (c->decile1_now, "%.2f");
    case WA_CHANGE_COLUMN_PREDECESSORS:
    default:
      return predecessor_list (c);
    }
}

static void
append_header (GString *out, const WaChangeExportOptions *o)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  static const char *const head[] = { "ward_code", "ward_name", "lad_name" };

  for (gsize i = 0; i < G_N_ELEMENTS (head); i++)
    g_ptr_array_add (names, g_strdup (head[i]));
  for (int c = 0; c < WA_N_CHANGE_COLUMNS; c++)
    g_ptr_array_add (names, wa_change_column_name (c, o));
  wa_csv_append_row (out, (const char *const *) names->pdata, names->len);
}

static void
append_row (GString *out, const WaWardChange *c)
{
  g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (f, g_strdup (wa_ward_get_code (c->ward)));
  g_ptr_array_add (f, g_strdup (wa_ward_get_name (c->ward)));
  g_ptr_array_add (f, g_strdup (wa_ward_get_lad_name (c->ward)));
  for (int col = 0; col < WA_N_CHANGE_COLUMNS; col++)
    g_ptr_array_add (f, wa_change_column_cell (col, c));
  wa_csv_append_row (out, (const char *const *) f->pdata, f->len);
}

GBytes *
wa_change_export_csv (WaChange *change, const WaChangeExportOptions *options)
{
  GString *out = g_string_new (NULL);

  append_header (out, options);
  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      if (wa_change_export_wanted (c, options))
        append_row (out, c);
    }
  return g_string_free_to_bytes (out);
}

static void
add_positions (JsonBuilder *b, const char *key, const double *positions)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  for (int p = 0; p < WA_N_CHANGE_POSITIONS; p++)
    wa_json_add_number (b, position_names[p], positions[p] * 100, "%.2f");
  json_builder_end_object (b);
}

static void
add_predecessors (JsonBuilder *b, const WaWardChange *c)
{
  json_builder_set_member_name (b, "predecessors");
  json_builder_begin_array (b);
  for (guint p = 0; p < c->n_predecessors; p++)
    {
      const WaChangeLink *link = &c->predecessors[p];

      json_builder_begin_object (b);
      wa_json_add_string (b, "code", link->code);
      wa_json_add_string (b, "name", link->ward != NULL ? wa_ward_get_name (link->ward) : NULL);
      wa_json_add_number (b, "share_of_ward", link->share_of_after, "%.4f");
      wa_json_add_number (b, "share_of_predecessor", link->share_of_before, "%.4f");
      wa_json_add_bool (b, "left_behind", link->left_behind);
      add_positions (b, "percentile", link->position);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_ward (JsonBuilder *b, const WaWardChange *c, const WaChangeExportOptions *o)
{
  g_autofree char *then_key = g_strdup_printf ("percentile_%s", o->then_id);
  g_autofree char *now_key = g_strdup_printf ("percentile_%s", o->now_id);
  g_autofree char *d1_then = g_strdup_printf ("imd_decile1_lsoas_%s", o->then_id);
  g_autofree char *d1_now = g_strdup_printf ("imd_decile1_lsoas_%s", o->now_id);
  g_autofree char *share_key = g_strdup_printf ("left_behind_share_%s", o->then_id);
  g_autofree char *now_lb = g_strdup_printf ("left_behind_%s", o->now_id);

  json_builder_begin_object (b);
  wa_json_add_string (b, "code", wa_ward_get_code (c->ward));
  wa_json_add_string (b, "name", wa_ward_get_name (c->ward));
  wa_json_add_string (b, "lad_name", wa_ward_get_lad_name (c->ward));
  wa_json_add_string (b, "category", wa_change_category_id (c->category));
  wa_json_add_string (b, "category_label", wa_change_category_label (c->category, c->partly));
  wa_json_add_bool (b, "partly", c->partly);
  wa_json_add_number (b, share_key, c->share_left_behind_then, "%.4f");
  wa_json_add_bool (b, now_lb, c->left_behind_now);
  add_positions (b, then_key, c->position_then);
  add_positions (b, now_key, c->position_now);
  wa_json_add_number (b, "changed_boundary_share", c->changed_boundary_share, "%.4f");
  wa_json_add_number (b, "changed_lsoa_share", c->changed_lsoa_share, "%.4f");
  wa_json_add_number (b, d1_then, c->decile1_then, "%.2f");
  wa_json_add_number (b, d1_now, c->decile1_now, "%.2f");
  add_predecessors (b, c);
  json_builder_end_object (b);
}

static void
add_totals (JsonBuilder *b, WaChange *change, const WaChangeExportOptions *o)
{
  g_autofree char *then_key = g_strdup_printf ("list_residents_%s", o->then_id);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_array (b);
  for (guint c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    {
      WaChangeTotals t;

      wa_change_get_totals (change, c, &t);
      json_builder_begin_object (b);
      wa_json_add_string (b, "category", wa_change_category_id (c));
      wa_json_add_int (b, "wards", t.n_wards);
      wa_json_add_int (b, "partly", t.n_partly);
      wa_json_add_number (b, "residents", t.residents_now, "%.0f");
      wa_json_add_number (b, then_key, t.list_residents_then, "%.0f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

GBytes *
wa_change_export_json (WaChange *change, const WaChangeExportOptions *options)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *const *notes = wa_change_export_caveats ();

  json_builder_begin_object (b);
  wa_json_add_string (b, "from_edition", options->then_id);
  wa_json_add_string (b, "to_edition", options->now_id);
  json_builder_set_member_name (b, "caveats");
  json_builder_begin_array (b);
  for (gsize i = 0; notes[i] != NULL; i++)
    wa_json_add_string (b, NULL, notes[i]);
  json_builder_end_array (b);
  add_totals (b, change, options);
  json_builder_set_member_name (b, "wards");
  json_builder_begin_array (b);
  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      if (wa_change_export_wanted (c, options))
        add_ward (b, c, options);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return wa_json_to_bytes (b);
}
