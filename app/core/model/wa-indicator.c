/* wa-indicator.c: the registry of deprivation and need indicators. */
#include "wa-indicator.h"

#include <math.h>
#include <glib/gi18n-lib.h>

typedef struct {
  const char *id;
  const char *label;
  WaIndex index;
  gboolean overall;
} IndicatorInfo;

static const IndicatorInfo indicators[WA_N_INDICATORS] = {
  [WA_INDICATOR_IMD] = { "imd", N_("Index of Multiple Deprivation"), WA_INDEX_IMD, TRUE },
  [WA_INDICATOR_IMD_INCOME] = { "imd_income", N_("Income"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_EMPLOYMENT] = { "imd_employment", N_("Employment"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_EDUCATION] = { "imd_education", N_("Education, Skills and Training"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_HEALTH] = { "imd_health", N_("Health Deprivation and Disability"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_CRIME] = { "imd_crime", N_("Crime"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_HOUSING] = { "imd_housing", N_("Barriers to Housing and Services"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_IMD_ENVIRONMENT] = { "imd_environment", N_("Living Environment"), WA_INDEX_IMD, FALSE },
  [WA_INDICATOR_CNI] = { "cni", N_("Community Needs Index"), WA_INDEX_CNI, TRUE },
  [WA_INDICATOR_CNI_CIVIC_ASSETS] = { "cni_civic_assets", N_("Civic Assets"), WA_INDEX_CNI, FALSE },
  [WA_INDICATOR_CNI_CONNECTEDNESS] = { "cni_connectedness", N_("Connectedness"), WA_INDEX_CNI, FALSE },
  [WA_INDICATOR_CNI_ENGAGED] = { "cni_engaged", N_("Active and Engaged Community"), WA_INDEX_CNI, FALSE },
};

static const IndicatorInfo *
lookup (WaIndicator indicator)
{
  g_return_val_if_fail ((guint) indicator < WA_N_INDICATORS, &indicators[WA_INDICATOR_IMD]);
  return &indicators[indicator];
}

const char *
wa_indicator_id (WaIndicator indicator)
{
  return lookup (indicator)->id;
}

gboolean
wa_indicator_from_id (const char *id,
                      WaIndicator *out_indicator)
{
  g_return_val_if_fail (out_indicator != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      if (g_str_equal (id, indicators[i].id))
        {
          *out_indicator = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wa_indicator_label (WaIndicator indicator)
{
  return _(lookup (indicator)->label);
}

WaIndex
wa_indicator_index (WaIndicator indicator)
{
  return lookup (indicator)->index;
}

gboolean
wa_indicator_is_overall (WaIndicator indicator)
{
  return lookup (indicator)->overall;
}

const char *
wa_figure_source_describe (WaFigureSource source)
{
  switch (source)
    {
    case WA_FIGURE_NONE:
      return _("No data");
    case WA_FIGURE_PUBLISHED:
      return _("Published at ward level");
    case WA_FIGURE_COMPUTED:
      return _("Computed from LSOA figures, population-weighted");
    case WA_FIGURE_THIRD_PARTY:
      return _("Third-party ward aggregation (not official)");
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

void
wa_figure_init (WaFigure *figure)
{
  G_STATIC_ASSERT (sizeof (WaFigure) == 32);
  g_return_if_fail (figure != NULL);

  figure->score = NAN;
  figure->rank = 0;
  figure->decile = 0;
  figure->extent = NAN;
  figure->proportion = NAN;
  figure->source = WA_FIGURE_NONE;
}
