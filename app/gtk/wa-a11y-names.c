/* wa-a11y-names.c */
#include "wa-a11y-names.h"

/* "_Open Data Pack…" -> "Open Data Pack…"; "__" stands for "_". */
static char *
strip_mnemonic (const char *label)
{
  GString *plain = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

void
wa_a11y_name_mnemonic_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget))
      && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *name = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wa_a11y_name_mnemonic_buttons (child);
}

/* A label and, as GTK's own items have, a check mark on the chosen one. */
static void
sync_mark (GtkListItem *item, GParamSpec *pspec, GtkWidget *mark)
{
  gtk_widget_set_opacity (mark, gtk_list_item_get_selected (item) ? 1.0 : 0.0);
}

static void
setup_item (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_widget_set_visible (mark, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "with-mark")));
  gtk_list_item_set_child (item, box);
  g_signal_connect_object (item, "notify::selected", G_CALLBACK (sync_mark), mark, 0);
}

/* The box's parent is the row a screen reader reads (GtkListItemWidget). */
static void
bind_item (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GObject *object = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (GTK_STRING_OBJECT (object)) : "";
  GtkWidget *row = gtk_widget_get_parent (box);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  sync_mark (item, NULL, gtk_widget_get_last_child (box));
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

GtkListItemFactory *
wa_a11y_named_list_factory (gboolean with_mark)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "with-mark", GINT_TO_POINTER (with_mark));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  return factory;
}

void
wa_a11y_own_row_name (GtkWidget *row)
{
  g_return_if_fail (GTK_IS_ACCESSIBLE (row));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}
