/* wa-change-lookup.c: see wa-change-lookup.h. */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-change-lookup.h"
#include "wa-edition.h"
#include "wa-format.h"

WaWard *
wa_change_counterpart (WaChange *change, WaWard *ward, gboolean ward_is_old, double *out_share)
{
  const WaWardChange *c;

  g_return_val_if_fail (WA_IS_CHANGE (change) && WA_IS_WARD (ward), NULL);
  if (out_share != NULL)
    *out_share = 0;
  if (ward_is_old)
    return wa_change_main_successor (change, wa_ward_get_code (ward), out_share);
  c = wa_change_lookup (change, wa_ward_get_code (ward));
  /* Only a ward of this atlas: a code of the other edition is not this ward. */
  if (c == NULL || c->ward != ward || c->n_predecessors == 0)
    return NULL;
  if (out_share != NULL)
    *out_share = c->predecessors[0].share_of_after;
  return c->predecessors[0].ward;
}

static int
compare_successors (gconstpointer a, gconstpointer b)
{
  const WaChangeSuccessor *x = a, *y = b;

  if (x->share_of_before != y->share_of_before)
    return x->share_of_before > y->share_of_before ? -1 : 1;
  return strcmp (wa_ward_get_code (x->change->ward), wa_ward_get_code (y->change->ward));
}

/* A scan of the ~7,000 new wards: cheap next to a panel fill, and it keeps
 * WaChange's own index to the one question it answers (the main successor). */
GArray *
wa_change_dup_successors (WaChange *change, const char *old_code)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (WaChangeSuccessor));

  g_return_val_if_fail (WA_IS_CHANGE (change), out);
  for (guint i = 0; old_code != NULL && i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      for (guint p = 0; p < c->n_predecessors; p++)
        if (strcmp (c->predecessors[p].code, old_code) == 0)
          {
            WaChangeSuccessor s = { c, c->predecessors[p].share_of_before };

            g_array_append_val (out, s);
          }
    }
  g_array_sort (out, compare_successors);
  return out;
}

static const char *
ward_vintage (gboolean old)
{
  return wa_edition_get_info (old ? 0 : wa_edition_newest ())->ward_vintage;
}

char *
wa_change_describe_counterpart (WaWard *from, WaWard *to, gboolean from_is_old, double share)
{
  g_autofree char *percent = wa_format_percent (round (100 * share));

  g_return_val_if_fail (WA_IS_WARD (from) && WA_IS_WARD (to), NULL);
  if (from_is_old)
    /* Translators: "Marfleet (2017) is now mostly Marfleet (2024), 86 % of residents":
     * old ward, its boundaries' year, new ward, its year, share of the old ward's residents. */
    return g_strdup_printf (_("%s (%s) is now mostly %s (%s), %s of residents"),
                            wa_ward_get_name (from), ward_vintage (TRUE),
                            wa_ward_get_name (to), ward_vintage (FALSE), percent);
  /* Translators: "Marfleet (2024) was mostly Marfleet (2017), 86 % of its residents". */
  return g_strdup_printf (_("%s (%s) was mostly %s (%s), %s of its residents"),
                          wa_ward_get_name (from), ward_vintage (FALSE),
                          wa_ward_get_name (to), ward_vintage (TRUE), percent);
}
