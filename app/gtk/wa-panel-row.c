/* wa-panel-row.c */
#include "wa-panel-row.h"

struct _WaPanelRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *prefixes;
  GtkWidget *suffixes;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkWidget *list;   /* the list box whose row-activated we follow */
};

G_DEFINE_FINAL_TYPE (WaPanelRow, wa_panel_row, ADW_TYPE_PREFERENCES_ROW)

enum { PROP_0, PROP_SUBTITLE, N_PROPS };
enum { SIGNAL_ACTIVATED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
set_label (GtkLabel *label, const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text != NULL ? text : "") == 0)
    return FALSE;
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  return TRUE;
}

GtkWidget *
wa_panel_row_new (const char *title)
{
  return g_object_new (WA_TYPE_PANEL_ROW, "title", title, NULL);
}

void
wa_panel_row_set_title (WaPanelRow *self, const char *title)
{
  g_return_if_fail (WA_IS_PANEL_ROW (self));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title != NULL ? title : "");
}

const char *
wa_panel_row_get_title (WaPanelRow *self)
{
  g_return_val_if_fail (WA_IS_PANEL_ROW (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
}

static void
on_title_changed (WaPanelRow *self)
{
  set_label (self->title, wa_panel_row_get_title (self));
}

void
wa_panel_row_set_subtitle (WaPanelRow *self, const char *subtitle)
{
  g_return_if_fail (WA_IS_PANEL_ROW (self));

  if (set_label (self->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
wa_panel_row_get_subtitle (WaPanelRow *self)
{
  g_return_val_if_fail (WA_IS_PANEL_ROW (self), NULL);
  return gtk_label_get_text (self->subtitle);
}

void
wa_panel_row_set_subtitle_lines (WaPanelRow *self, int lines)
{
  g_return_if_fail (WA_IS_PANEL_ROW (self));

  gtk_label_set_lines (self->subtitle, MAX (lines, 0));
  gtk_label_set_ellipsize (self->subtitle, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

int
wa_panel_row_get_subtitle_lines (WaPanelRow *self)
{
  g_return_val_if_fail (WA_IS_PANEL_ROW (self), 0);
  return gtk_label_get_ellipsize (self->subtitle) == PANGO_ELLIPSIZE_NONE
         ? 0 : gtk_label_get_lines (self->subtitle);
}

static void
add_to (GtkWidget *box, GtkWidget *widget)
{
  gtk_box_append (GTK_BOX (box), widget);
  gtk_widget_set_visible (box, TRUE);
}

void
wa_panel_row_add_prefix (WaPanelRow *self, GtkWidget *widget)
{
  g_return_if_fail (WA_IS_PANEL_ROW (self));
  add_to (self->prefixes, widget);
}

void
wa_panel_row_add_suffix (WaPanelRow *self, GtkWidget *widget)
{
  g_return_if_fail (WA_IS_PANEL_ROW (self));
  add_to (self->suffixes, widget);
}

/* GtkListBox reports a click or Enter on a row as its own row-activated;
 * the row says "activated" itself, as AdwActionRow does, so that each
 * row's handler stays with the row. */
static void
on_row_activated (WaPanelRow *self, GtkListBoxRow *row)
{
  if (row == GTK_LIST_BOX_ROW (self))
    g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0);
}

static void
on_parent_changed (WaPanelRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_row_activated, self);
  self->list = GTK_IS_LIST_BOX (parent) ? parent : NULL;
  if (self->list != NULL)
    g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self,
                             G_CONNECT_SWAPPED);
}

static void
wa_panel_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaPanelRow *self = WA_PANEL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, wa_panel_row_get_subtitle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_panel_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WaPanelRow *self = WA_PANEL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      wa_panel_row_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_panel_row_class_init (WaPanelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wa_panel_row_get_property;
  object_class->set_property = wa_panel_row_set_property;
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-panel-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WaPanelRow, prefixes);
  gtk_widget_class_bind_template_child (widget_class, WaPanelRow, suffixes);
  gtk_widget_class_bind_template_child (widget_class, WaPanelRow, title);
  gtk_widget_class_bind_template_child (widget_class, WaPanelRow, subtitle);
}

static void
wa_panel_row_init (WaPanelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The title is plain text, as its label shows it (ward names hold "&"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed), NULL);
}
