/* wa-asset-category.c: the asset categories. Apart from wa-asset.c, which
 * reads a pack's assets through GDAL, so that the lazy queries name a
 * category without pulling libgdal into their binary. */
#include "wa-asset.h"

#include <string.h>
#include <glib/gi18n-lib.h>

/* ---- categories ----------------------------------------------------------- */

typedef struct {
  const char *id;
  const char *name;        /* N_() */
  WaAssetDomain domain;
  WaAssetShape shape;
  guint32 rgb;
} CategoryInfo;

/* Colours: one hue family per domain (blue/green civic, orange/brown
 * engaged, purple/red connected), and a distinct shape per category. */
static const CategoryInfo categories[WA_N_ASSET_CATEGORIES] = {
  [WA_ASSET_COMMUNITY_HALL]   = { "community_halls",   N_("Community and village halls"), WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_SQUARE,         0x1f78b4 },
  [WA_ASSET_LIBRARY]          = { "libraries",         N_("Libraries"),                   WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_CIRCLE,         0x2c7fb8 },
  [WA_ASSET_PUB]              = { "pubs",              N_("Pubs"),                        WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_TRIANGLE,       0x41b6c4 },
  [WA_ASSET_PLACE_OF_WORSHIP] = { "places_of_worship", N_("Places of worship"),           WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_PLUS,           0x253494 },
  [WA_ASSET_GREEN_SPACE]      = { "green_space",       N_("Green space and parks"),       WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_HEXAGON,        0x33a02c },
  [WA_ASSET_SPORTS]           = { "sports",            N_("Sports and leisure"),          WA_ASSET_DOMAIN_CIVIC,     WA_ASSET_SHAPE_PENTAGON,       0x66c2a5 },
  [WA_ASSET_CHARITY]          = { "charities",         N_("Charities"),                   WA_ASSET_DOMAIN_ENGAGED,   WA_ASSET_SHAPE_DIAMOND,        0xf16913 },
  [WA_ASSET_FOOD_BANK]        = { "food_banks",        N_("Food banks and pantries"),     WA_ASSET_DOMAIN_ENGAGED,   WA_ASSET_SHAPE_TRIANGLE_DOWN,  0xd94801 },
  [WA_ASSET_COMMUNITY_HUB]    = { "community_hubs",    N_("Community hubs"),              WA_ASSET_DOMAIN_ENGAGED,   WA_ASSET_SHAPE_STAR,           0xfdae6b },
  [WA_ASSET_GP]               = { "gp_surgeries",      N_("GP surgeries"),                WA_ASSET_DOMAIN_CONNECTED, WA_ASSET_SHAPE_CROSS,          0xcb181d },
  [WA_ASSET_PHARMACY]         = { "pharmacies",        N_("Pharmacies"),                  WA_ASSET_DOMAIN_CONNECTED, WA_ASSET_SHAPE_RING,           0x984ea3 },
  [WA_ASSET_POST_OFFICE]      = { "post_offices",      N_("Post offices"),                WA_ASSET_DOMAIN_CONNECTED, WA_ASSET_SHAPE_HOLLOW_SQUARE,  0xe7298a },
  [WA_ASSET_SCHOOL]           = { "schools",           N_("Schools and colleges"),        WA_ASSET_DOMAIN_CONNECTED, WA_ASSET_SHAPE_HOLLOW_DIAMOND, 0x6a51a3 },
};

static const struct { const char *id; const char *name; } domains[WA_N_ASSET_DOMAINS] = {
  [WA_ASSET_DOMAIN_CIVIC]     = { "civic",     N_("Civic assets") },
  [WA_ASSET_DOMAIN_ENGAGED]   = { "engaged",   N_("Engaged community") },
  [WA_ASSET_DOMAIN_CONNECTED] = { "connected", N_("Connectedness") },
};

const char *
wa_asset_domain_id (WaAssetDomain domain)
{
  g_return_val_if_fail (domain < WA_N_ASSET_DOMAINS, NULL);
  return domains[domain].id;
}

const char *
wa_asset_domain_name (WaAssetDomain domain)
{
  g_return_val_if_fail (domain < WA_N_ASSET_DOMAINS, NULL);
  return _(domains[domain].name);
}

gboolean
wa_asset_domain_from_id (const char *id, WaAssetDomain *out_domain)
{
  for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
    if (g_strcmp0 (id, domains[d].id) == 0)
      {
        *out_domain = d;
        return TRUE;
      }
  return FALSE;
}

const char *
wa_asset_category_id (WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, NULL);
  return categories[category].id;
}

const char *
wa_asset_category_name (WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, NULL);
  return _(categories[category].name);
}

gboolean
wa_asset_category_from_id (const char *id, WaAssetCategory *out_category)
{
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    if (g_strcmp0 (id, categories[c].id) == 0)
      {
        *out_category = c;
        return TRUE;
      }
  return FALSE;
}

WaAssetDomain
wa_asset_category_domain (WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, WA_ASSET_DOMAIN_CIVIC);
  return categories[category].domain;
}

WaAssetShape
wa_asset_category_shape (WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, WA_ASSET_SHAPE_CIRCLE);
  return categories[category].shape;
}

void
wa_asset_category_colour (WaAssetCategory category, double *r, double *g, double *b)
{
  guint32 rgb = category < WA_N_ASSET_CATEGORIES ? categories[category].rgb : 0x808080;

  *r = ((rgb >> 16) & 0xff) / 255.0;
  *g = ((rgb >> 8) & 0xff) / 255.0;
  *b = (rgb & 0xff) / 255.0;
}

/* Here, with the descriptions, rather than in wa-asset.c, so that the
 * lazy pack reader can free datasets without linking GDAL. */
void
wa_asset_dataset_free (gpointer data)
{
  WaAssetDataset *dataset = data;

  g_free (dataset->id);
  g_free (dataset->title);
  g_free (dataset->coverage_name);
  g_strfreev (dataset->coverage_lads);
  g_free (dataset);
}
