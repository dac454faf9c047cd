/* wa-tile-paintable.c */
#include "wa-tile-paintable.h"
#include "wa-tile-renderer.h"

struct _WaTilePaintable
{
  GObject parent_instance;
  GdkTexture *texture;
  guint bleed_px;
};

static void wa_tile_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WaTilePaintable, wa_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      wa_tile_paintable_iface_init))

/* Paints past (0, 0, width, height) by the bleed: the tile widget does not
 * clip, and the neighbour drawn later covers the overlap with the same
 * pixels. */
static void
wa_tile_paintable_snapshot (GdkPaintable *paintable, GdkSnapshot *snapshot,
                            double width, double height)
{
  WaTilePaintable *self = WA_TILE_PAINTABLE (paintable);
  double x, y, w, h;

  wa_tile_bleed_rect (width, height, self->bleed_px, &x, &y, &w, &h);
  gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture,
                               &GRAPHENE_RECT_INIT (x, y, w, h));
}

static GdkPaintableFlags
wa_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
wa_tile_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = wa_tile_paintable_snapshot;
  iface->get_flags = wa_tile_paintable_get_flags;
}

static void
wa_tile_paintable_finalize (GObject *object)
{
  WaTilePaintable *self = WA_TILE_PAINTABLE (object);

  g_clear_object (&self->texture);
  G_OBJECT_CLASS (wa_tile_paintable_parent_class)->finalize (object);
}

static void
wa_tile_paintable_class_init (WaTilePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wa_tile_paintable_finalize;
}

static void
wa_tile_paintable_init (WaTilePaintable *self)
{
}

GdkPaintable *
wa_tile_paintable_new (GdkTexture *texture, guint bleed_px)
{
  WaTilePaintable *self = g_object_new (WA_TYPE_TILE_PAINTABLE, NULL);

  self->texture = g_object_ref (texture);
  self->bleed_px = bleed_px;
  return GDK_PAINTABLE (self);
}

GdkTexture *
wa_tile_paintable_get_texture (WaTilePaintable *self)
{
  g_return_val_if_fail (WA_IS_TILE_PAINTABLE (self), NULL);
  return self->texture;
}

guint
wa_tile_paintable_get_bleed_px (WaTilePaintable *self)
{
  g_return_val_if_fail (WA_IS_TILE_PAINTABLE (self), 0);
  return self->bleed_px;
}
