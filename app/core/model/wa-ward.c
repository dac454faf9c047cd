/* wa-ward.c: one electoral ward of an edition, with its figures. */
#include "wa-ward.h"
#include "wa-ward-private.h"
#include "wa-geometry.h"
#include "wa-indicator.h"

#include <math.h>

struct _WaWard
{
  GObject parent_instance;

  guint index;
  char *code;
  char *name;
  /* Interned: a few hundred councils and nine regions are shared by every
   * ward (74,000 in the 10x pack), and a copy each cost 9 MB. */
  const char *lad_code;
  const char *lad_name;
  const char *region_code;
  const char *region_name;
  gint64 population;
  guint n_lsoa;
  WaGeometry *geometry;
  WaFigure figures[WA_N_INDICATORS];
  int official;
  double neighbourhood_share;   /* NAN = the pack cannot tell */
  guint *neighbours;
  guint n_neighbours;
  guint combined_rank;
  gboolean left_behind;
  double label_lon, label_lat, label_radius_m;   /* NAN = none in the pack */
};

G_DEFINE_FINAL_TYPE (WaWard, wa_ward, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_LAD_NAME,
  PROP_REGION_NAME,
  PROP_POPULATION,
  PROP_COMBINED_RANK,
  PROP_LEFT_BEHIND,
  PROP_IMD_RANK,
  PROP_CNI_RANK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wa_ward_finalize (GObject *object)
{
  WaWard *self = WA_WARD (object);

  g_free (self->code);
  g_free (self->name);
  g_clear_pointer (&self->geometry, wa_geometry_unref);
  g_free (self->neighbours);

  G_OBJECT_CLASS (wa_ward_parent_class)->finalize (object);
}

static void
wa_ward_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WaWard *self = WA_WARD (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LAD_NAME:
      g_value_set_string (value, self->lad_name);
      break;
    case PROP_REGION_NAME:
      g_value_set_string (value, self->region_name);
      break;
    case PROP_POPULATION:
      g_value_set_int64 (value, self->population);
      break;
    case PROP_COMBINED_RANK:
      g_value_set_uint (value, self->combined_rank);
      break;
    case PROP_LEFT_BEHIND:
      g_value_set_boolean (value, self->left_behind);
      break;
    case PROP_IMD_RANK:
      g_value_set_uint (value, wa_ward_get_imd_rank (self));
      break;
    case PROP_CNI_RANK:
      g_value_set_uint (value, wa_ward_get_cni_rank (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_ward_class_init (WaWardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wa_ward_finalize;
  object_class->get_property = wa_ward_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_LAD_NAME] = g_param_spec_string ("lad-name", NULL, NULL, NULL, flags);
  properties[PROP_REGION_NAME] = g_param_spec_string ("region-name", NULL, NULL, NULL, flags);
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_COMBINED_RANK] =
    g_param_spec_uint ("combined-rank", NULL, NULL, 0, G_MAXUINT, 0,
                       flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LEFT_BEHIND] =
    g_param_spec_boolean ("left-behind", NULL, NULL, FALSE, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMD_RANK] = g_param_spec_uint ("imd-rank", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CNI_RANK] = g_param_spec_uint ("cni-rank", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wa_ward_init (WaWard *self)
{
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    wa_figure_init (&self->figures[i]);
  self->official = -1;
  self->neighbourhood_share = NAN;
  self->population = -1;
  self->label_lon = self->label_lat = self->label_radius_m = NAN;
}

WaWard *
wa_ward_new (guint        index,
             const char  *code,
             const char  *name,
             const char  *lad_code,
             const char  *lad_name,
             const char  *region_code,
             const char  *region_name,
             gint64       population,
             guint        n_lsoa,
             WaGeometry  *geometry)
{
  WaWard *self = g_object_new (WA_TYPE_WARD, NULL);

  self->index = index;
  self->code = g_strdup (code);
  self->name = g_strdup (name != NULL ? name : code);
  self->lad_code = g_intern_string (lad_code);
  self->lad_name = g_intern_string (lad_name);
  self->region_code = g_intern_string (region_code);
  self->region_name = g_intern_string (region_name);
  self->population = population;
  self->n_lsoa = n_lsoa;
  self->geometry = geometry != NULL ? wa_geometry_ref (geometry) : NULL;
  return self;
}

const char *
wa_ward_get_code (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->code;
}

const char *
wa_ward_get_name (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->name;
}

const char *
wa_ward_get_lad_code (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->lad_code;
}

const char *
wa_ward_get_lad_name (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->lad_name;
}

const char *
wa_ward_get_region_code (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->region_code;
}

const char *
wa_ward_get_region_name (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->region_name;
}

gint64
wa_ward_get_population (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), -1);
  return self->population;
}

guint
wa_ward_get_n_lsoa (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), 0);
  return self->n_lsoa;
}

guint
wa_ward_get_index (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), 0);
  return self->index;
}

WaGeometry *
wa_ward_get_geometry (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  return self->geometry;
}

void
wa_ward_set_label_point (WaWard *self, double lon, double lat, double radius_m)
{
  g_return_if_fail (WA_IS_WARD (self));
  self->label_lon = lon;
  self->label_lat = lat;
  self->label_radius_m = radius_m;
}

gboolean
wa_ward_get_label_point (WaWard *self, double *out_lon, double *out_lat, double *out_radius_m)
{
  g_return_val_if_fail (WA_IS_WARD (self), FALSE);
  *out_lon = self->label_lon;
  *out_lat = self->label_lat;
  *out_radius_m = self->label_radius_m;
  return !isnan (self->label_lon) && !isnan (self->label_lat) && self->label_radius_m > 0;
}

const WaFigure *
wa_ward_get_figure (WaWard      *self,
                    WaIndicator  indicator)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  g_return_val_if_fail (indicator < WA_N_INDICATORS, NULL);
  return &self->figures[indicator];
}

guint
wa_ward_get_imd_rank (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), 0);
  return self->figures[WA_INDICATOR_IMD].rank;
}

guint
wa_ward_get_cni_rank (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), 0);
  return self->figures[WA_INDICATOR_CNI].rank;
}

int
wa_ward_get_official_left_behind (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), -1);
  return self->official;
}

double
wa_ward_get_neighbourhood_share (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), NAN);
  return self->neighbourhood_share;
}

guint
wa_ward_get_combined_rank (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), 0);
  return self->combined_rank;
}

gboolean
wa_ward_get_left_behind (WaWard *self)
{
  g_return_val_if_fail (WA_IS_WARD (self), FALSE);
  return self->left_behind;
}

const guint *
wa_ward_get_neighbours (WaWard *self,
                        guint  *out_n)
{
  g_return_val_if_fail (WA_IS_WARD (self), NULL);
  if (out_n != NULL)
    *out_n = self->n_neighbours;
  return self->neighbours;
}

void
wa_ward_set_figure (WaWard         *self,
                    WaIndicator     indicator,
                    const WaFigure *figure)
{
  g_return_if_fail (WA_IS_WARD (self));
  g_return_if_fail (indicator < WA_N_INDICATORS);
  self->figures[indicator] = *figure;
}

void
wa_ward_set_official (WaWard *self,
                      int     official)
{
  g_return_if_fail (WA_IS_WARD (self));
  self->official = official;
}

void
wa_ward_set_neighbourhood_share (WaWard *self,
                                 double  share)
{
  g_return_if_fail (WA_IS_WARD (self));
  self->neighbourhood_share = share;
}

void
wa_ward_set_neighbours (WaWard      *self,
                        const guint *indices,
                        guint        n)
{
  g_return_if_fail (WA_IS_WARD (self));
  g_free (self->neighbours);
  self->neighbours = n > 0 ? g_memdup2 (indices, n * sizeof (guint)) : NULL;
  self->n_neighbours = n;
}

void
wa_ward_set_rank_result (WaWard   *self,
                         guint     combined_rank,
                         gboolean  left_behind)
{
  g_return_if_fail (WA_IS_WARD (self));
  left_behind = !!left_behind;
  if (self->combined_rank != combined_rank)
    {
      self->combined_rank = combined_rank;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMBINED_RANK]);
    }
  if (self->left_behind != left_behind)
    {
      self->left_behind = left_behind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_BEHIND]);
    }
}
