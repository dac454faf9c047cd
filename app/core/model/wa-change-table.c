/* wa-change-table.c: a WaChange as table cells and totals (see
 * wa-change-table.h). */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "wa-change-table.h"
#include "wa-format.h"
#include "wa-ward-filter.h"

static const char *titles[WA_N_CHANGE_FIELDS] = {
  [WA_CHANGE_FIELD_POSITION_THEN] = N_("2019 Position"),
  [WA_CHANGE_FIELD_POSITION_NOW] = N_("2025 Position"),
  [WA_CHANGE_FIELD_CATEGORY] = N_("Since 2019"),
};

/* The totals' sentence per category, after the counts. */
static const char *category_tails[WA_N_CHANGE_CATEGORIES] = {
  [WA_CHANGE_LEFT_BEHIND_BOTH] = N_("left behind in 2019 and now"),
  [WA_CHANGE_NEWLY_LEFT_BEHIND] = N_("newly left behind"),
  [WA_CHANGE_NO_LONGER_LEFT_BEHIND] = N_("no longer left behind"),
  [WA_CHANGE_NEITHER] = N_("left behind in neither"),
};

const char *
wa_change_field_title (WaChangeField field)
{
  g_return_val_if_fail (field < WA_N_CHANGE_FIELDS, NULL);
  return _(titles[field]);
}

char *
wa_change_format_position (double position)
{
  if (isnan (position))
    return g_strdup ("–");
  /* The most deprived wards are a fraction of a percent: keep two decimals
   * there. Elsewhere whole, but a position read against the left-behind
   * line keeps the decimals that put it on its side of 10 %. */
  if (position < 0.01)
    return wa_format_percent_decimals (100 * position, 2);
  return wa_format_percent_beside (100 * position, 0, WA_CHANGE_POSITION_LINE_PERCENT);
}

char *
wa_change_field_format (WaChange *change, WaWard *ward, WaChangeField field)
{
  const WaWardChange *c;

  g_return_val_if_fail (WA_IS_CHANGE (change) && ward != NULL, NULL);
  c = wa_change_lookup (change, wa_ward_get_code (ward));
  if (c == NULL)
    return g_strdup ("–");
  switch (field)
    {
    case WA_CHANGE_FIELD_POSITION_THEN:
      return wa_change_format_position (c->position_then[WA_CHANGE_POSITION_COMBINED]);
    case WA_CHANGE_FIELD_POSITION_NOW:
      return wa_change_format_position (c->position_now[WA_CHANGE_POSITION_COMBINED]);
    case WA_CHANGE_FIELD_CATEGORY:
      return g_strdup (wa_change_category_label (c->category, c->partly));
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A field's value for sorting; NAN when the ward has none. */
static double
field_value (const WaWardChange *c, WaChangeField field)
{
  if (c == NULL)
    return NAN;
  switch (field)
    {
    case WA_CHANGE_FIELD_POSITION_THEN:
      return c->position_then[WA_CHANGE_POSITION_COMBINED];
    case WA_CHANGE_FIELD_POSITION_NOW:
      return c->position_now[WA_CHANGE_POSITION_COMBINED];
    case WA_CHANGE_FIELD_CATEGORY:
      /* Partly left behind then sorts after wholly, within its category. */
      return 2.0 * c->category + (c->partly ? 1 : 0);
    default:
      g_return_val_if_reached (NAN);
    }
}

int
wa_change_compare_wards (WaChange *change, WaWard *a, WaWard *b, WaChangeField field,
                         gboolean descending)
{
  double va, vb;

  g_return_val_if_fail (WA_IS_CHANGE (change) && a != NULL && b != NULL, 0);
  va = field_value (wa_change_lookup (change, wa_ward_get_code (a)), field);
  vb = field_value (wa_change_lookup (change, wa_ward_get_code (b)), field);
  /* No value: last whichever the direction. */
  if (isnan (va) != isnan (vb))
    return isnan (va) ? 1 : -1;
  if (!isnan (va) && va != vb)
    return (va < vb) != descending ? -1 : 1;
  return wa_ward_compare (a, b, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
}

typedef struct {
  WaChange *change;
  WaChangeField field;
  gboolean descending;
} SortSpec;

static int
compare_for_sort (gconstpointer a, gconstpointer b, gpointer data)
{
  const SortSpec *spec = data;

  return wa_change_compare_wards (spec->change, *(WaWard **) a, *(WaWard **) b, spec->field,
                                  spec->descending);
}

void
wa_change_sort_wards (WaChange *change, GPtrArray *wards, WaChangeField field, gboolean descending)
{
  SortSpec spec = { change, field, descending };

  g_return_if_fail (WA_IS_CHANGE (change) && wards != NULL && field < WA_N_CHANGE_FIELDS);
  g_ptr_array_sort_with_data (wards, compare_for_sort, &spec);
}

void
wa_change_sum_wards (WaChange *change, GPtrArray *wards, WaChangeTotals *out)
{
  g_return_if_fail (WA_IS_CHANGE (change) && wards != NULL && out != NULL);
  *out = (WaChangeTotals) { 0 };
  for (guint i = 0; i < wards->len; i++)
    {
      const WaWardChange *c = wa_change_lookup (change, wa_ward_get_code (g_ptr_array_index (wards, i)));

      if (c == NULL)
        continue;
      out->n_wards++;
      out->n_partly += c->partly;
      out->residents_now += c->residents_now;
      out->list_residents_then += c->list_residents_then;
    }
}

char *
wa_change_describe_totals (const WaChangeTotals *totals, int category)
{
  g_autofree char *wards = wa_format_count (totals->n_wards);
  g_autofree char *residents = wa_format_count ((gint64) round (totals->residents_now));

  g_return_val_if_fail (category < (int) WA_N_CHANGE_CATEGORIES, NULL);
  if (category < 0)
    /* Translators: the ranking table's count with the change shown:
     * wards, then residents, e.g. "6,784 wards, 56,490,108 residents". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ward, %s residents", "%s wards, %s residents",
                                      totals->n_wards), wards, residents);
  /* Translators: wards, residents, then a category such as "newly left
   * behind": "78 wards, 719,222 residents newly left behind". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ward, %s residents %s", "%s wards, %s residents %s",
                                    totals->n_wards),
                          wards, residents, _(category_tails[category]));
}
