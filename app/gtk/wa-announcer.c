/* wa-announcer.c
 *
 * The announcer draws nothing and takes no room, but stays "visible" to
 * GTK: a hidden widget leaves the accessible tree. Between messages it is
 * hidden and shown again in one go, so that the screen reader sees the
 * alert appear with its new name even when the text repeats ("Table
 * saved" twice).
 */
#include "wa-announcer.h"

#define ROOT_KEY "wa-announcer"

struct _WaAnnouncer
{
  GtkWidget parent_instance;

  gboolean assertive;
  char *message;
};

G_DEFINE_FINAL_TYPE (WaAnnouncer, wa_announcer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ASSERTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wa_announcer_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                      int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = *natural = 0;
}

/* The window's assertive announcer, for wa_announce. */
static void
wa_announcer_root (GtkWidget *widget)
{
  WaAnnouncer *self = WA_ANNOUNCER (widget);

  GTK_WIDGET_CLASS (wa_announcer_parent_class)->root (widget);
  if (self->assertive)
    g_object_set_data (G_OBJECT (gtk_widget_get_root (widget)), ROOT_KEY, self);
}

static void
wa_announcer_unroot (GtkWidget *widget)
{
  GObject *root = G_OBJECT (gtk_widget_get_root (widget));

  if (g_object_get_data (root, ROOT_KEY) == widget)
    g_object_set_data (root, ROOT_KEY, NULL);
  GTK_WIDGET_CLASS (wa_announcer_parent_class)->unroot (widget);
}

static void
wa_announcer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ASSERTIVE:
      WA_ANNOUNCER (object)->assertive = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_announcer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ASSERTIVE:
      g_value_set_boolean (value, WA_ANNOUNCER (object)->assertive);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_announcer_finalize (GObject *object)
{
  g_free (WA_ANNOUNCER (object)->message);
  G_OBJECT_CLASS (wa_announcer_parent_class)->finalize (object);
}

static void
wa_announcer_class_init (WaAnnouncerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = wa_announcer_set_property;
  object_class->get_property = wa_announcer_get_property;
  object_class->finalize = wa_announcer_finalize;
  widget_class->measure = wa_announcer_measure;
  widget_class->root = wa_announcer_root;
  widget_class->unroot = wa_announcer_unroot;
  properties[PROP_ASSERTIVE] = g_param_spec_boolean ("assertive", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "announcer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
wa_announcer_init (WaAnnouncer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
wa_announcer_new (gboolean assertive)
{
  /* The role is fixed when the accessible is made: at construction. */
  return g_object_new (WA_TYPE_ANNOUNCER, "assertive", assertive,
                       "accessible-role", assertive ? GTK_ACCESSIBLE_ROLE_ALERT
                                                    : GTK_ACCESSIBLE_ROLE_STATUS,
                       NULL);
}

void
wa_announcer_announce (WaAnnouncer *self, const char *message)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (WA_IS_ANNOUNCER (self));

  if (message == NULL || *message == '\0')
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_set_visible (widget, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_widget_set_visible (widget, TRUE);
}

const char *
wa_announcer_get_message (WaAnnouncer *self)
{
  g_return_val_if_fail (WA_IS_ANNOUNCER (self), NULL);
  return self->message;
}

gboolean
wa_announce (GtkWidget *widget, const char *message)
{
  GtkRoot *root;
  WaAnnouncer *announcer;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  root = gtk_widget_get_root (widget);
  announcer = root != NULL ? g_object_get_data (G_OBJECT (root), ROOT_KEY) : NULL;
  if (announcer == NULL)
    return FALSE;
  wa_announcer_announce (announcer, message);
  return TRUE;
}
