/* wa-rank-row.c */
#include "wa-rank-row.h"

struct _WaRankRow
{
  GObject parent_instance;

  WaWard *ward;
};

G_DEFINE_FINAL_TYPE (WaRankRow, wa_rank_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wa_rank_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_WARD:
      g_value_set_object (value, WA_RANK_ROW (object)->ward);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_rank_row_class_init (WaRankRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wa_rank_row_get_property;
  properties[PROP_WARD] = g_param_spec_object ("ward", NULL, NULL, WA_TYPE_WARD,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wa_rank_row_init (WaRankRow *self)
{
}

WaRankRow *
wa_rank_row_new (void)
{
  return g_object_new (WA_TYPE_RANK_ROW, NULL);
}

WaWard *
wa_rank_row_get_ward (WaRankRow *self)
{
  g_return_val_if_fail (WA_IS_RANK_ROW (self), NULL);
  return self->ward;
}

void
wa_rank_row_set_ward (WaRankRow *self, WaWard *ward, gboolean force)
{
  g_return_if_fail (WA_IS_RANK_ROW (self));

  if (self->ward == ward && !force)
    return;
  self->ward = ward;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARD]);
}
