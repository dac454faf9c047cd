/* wa-map-credits.c
 *
 * The licences ask for their notices wherever the data shows, but the
 * full notices fill a third of a laptop map. The map carries the owners
 * in one line; the notices themselves are one click away, here and in
 * About → Credits.
 */
#include <string.h>
#include <glib/gi18n.h>

#include "wa-format.h"
#include "wa-map-credits.h"

struct _WaMapCredits
{
  GtkWidget parent_instance;

  WaAtlas *atlas;
  gboolean online_basemap;
  char *full_text;

  GtkWidget *button;
  GtkLabel *owners_label;
  GtkLabel *full_label;
};

G_DEFINE_FINAL_TYPE (WaMapCredits, wa_map_credits, GTK_TYPE_WIDGET)

static void
update (WaMapCredits *self)
{
  g_auto(GStrv) attributions = NULL;
  g_autofree char *owners = NULL;
  g_autofree char *list = NULL;
  const char *basemap = _("Basemap © OpenStreetMap contributors (ODbL).");

  gtk_widget_set_visible (GTK_WIDGET (self), self->atlas != NULL);
  if (self->atlas == NULL)
    return;
  attributions = wa_atlas_dup_attributions (self->atlas);
  owners = wa_format_attribution_owners ((const char * const *) attributions);
  if (self->online_basemap && strstr (owners, "OpenStreetMap") == NULL)
    {
      char *with_osm = g_strconcat (owners, *owners ? ", " : "© ", _("OpenStreetMap contributors"), NULL);

      g_free (owners);
      owners = with_osm;
    }
  gtk_label_set_text (self->owners_label, owners);
  list = g_strjoinv ("\n", attributions);
  g_free (self->full_text);
  self->full_text = self->online_basemap ? g_strconcat (list, "\n", basemap, NULL)
                                         : g_steal_pointer (&list);
  gtk_label_set_text (self->full_label, self->full_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, owners, -1);
}

void
wa_map_credits_set_atlas (WaMapCredits *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_MAP_CREDITS (self));

  g_set_object (&self->atlas, atlas);
  update (self);
}

void
wa_map_credits_set_online_basemap (WaMapCredits *self, gboolean online)
{
  g_return_if_fail (WA_IS_MAP_CREDITS (self));

  self->online_basemap = !!online;
  update (self);
}

const char *
wa_map_credits_get_full_text (WaMapCredits *self)
{
  g_return_val_if_fail (WA_IS_MAP_CREDITS (self), NULL);
  return self->full_text;
}

static void
wa_map_credits_dispose (GObject *object)
{
  WaMapCredits *self = WA_MAP_CREDITS (object);

  g_clear_object (&self->atlas);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_MAP_CREDITS);
  G_OBJECT_CLASS (wa_map_credits_parent_class)->dispose (object);
}

static void
wa_map_credits_finalize (GObject *object)
{
  g_free (WA_MAP_CREDITS (object)->full_text);
  G_OBJECT_CLASS (wa_map_credits_parent_class)->finalize (object);
}

static void
wa_map_credits_class_init (WaMapCreditsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_map_credits_dispose;
  object_class->finalize = wa_map_credits_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-map-credits.ui");
  gtk_widget_class_bind_template_child (widget_class, WaMapCredits, button);
  gtk_widget_class_bind_template_child (widget_class, WaMapCredits, owners_label);
  gtk_widget_class_bind_template_child (widget_class, WaMapCredits, full_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mapcredits");
}

static void
wa_map_credits_init (WaMapCredits *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
wa_map_credits_new (void)
{
  return g_object_new (WA_TYPE_MAP_CREDITS, NULL);
}
