/* wa-table-cell.c
 *
 * The ranking table keeps about 200 rows of 13 cells alive in GTK 4.8's
 * column view and creates or rebinds dozens of them on every sort or
 * filter. A GtkLabel or GtkInscription makes its own PangoContext and asks
 * Pango for font metrics on each measure; here every cell shares the column
 * view's context, its line height is worked out once per context, and the
 * text is laid out only when the cell is drawn.
 *
 * Its size never depends on its text (the column gives the width; the
 * height is one line), so new text only redraws the cell.
 */
#include "wa-table-cell.h"

struct _WaTableCell
{
  GtkWidget parent_instance;

  PangoContext *context;     /* shared, owned by the text source widget */
  PangoLayout *layout;       /* made when first drawn */
  char *text;
  gboolean numeric;
  gboolean flagged;
};

G_DEFINE_FINAL_TYPE (WaTableCell, wa_table_cell, GTK_TYPE_WIDGET)

typedef struct {
  guint serial;
  int height;
  int baseline;
} LineMetrics;

/* One line's height in the shared context, kept on the context until its
 * font or settings change (which bumps its serial). */
static const LineMetrics *
line_metrics (PangoContext *context)
{
  LineMetrics *cached = g_object_get_data (G_OBJECT (context), "wa-table-cell-line");
  guint serial = pango_context_get_serial (context);
  PangoFontMetrics *metrics;

  if (cached != NULL && cached->serial == serial)
    return cached;
  cached = g_new0 (LineMetrics, 1);
  metrics = pango_context_get_metrics (context, NULL, NULL);
  cached->serial = serial;
  cached->baseline = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics));
  cached->height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                      + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  g_object_set_data_full (G_OBJECT (context), "wa-table-cell-line", cached, g_free);
  return cached;
}

static void
update_attributes (WaTableCell *self)
{
  PangoAttrList *attrs;

  if (self->layout == NULL)
    return;
  attrs = pango_attr_list_new ();
  /* Figures line up in a column (libadwaita's .numeric does the same). */
  if (self->numeric)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (self->flagged)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (self->layout, attrs);
  pango_attr_list_unref (attrs);
}

static void
update_alignment (WaTableCell *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->layout != NULL)
    pango_layout_set_alignment (self->layout, self->numeric != rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static void
ensure_layout (WaTableCell *self)
{
  if (self->layout != NULL)
    return;
  self->layout = pango_layout_new (self->context);
  pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  pango_layout_set_width (self->layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  update_attributes (self);
  update_alignment (self);
}

static void
wa_table_cell_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                       int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  WaTableCell *self = WA_TABLE_CELL (widget);
  const LineMetrics *line;

  /* The column's fixed width decides the width; the text is ellipsized. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;
  line = line_metrics (self->context);
  *minimum = *natural = line->height;
  *minimum_baseline = *natural_baseline = line->baseline;
}

static void
wa_table_cell_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  WaTableCell *self = WA_TABLE_CELL (widget);

  if (self->layout != NULL)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
wa_table_cell_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WaTableCell *self = WA_TABLE_CELL (widget);
  PangoRectangle logical;
  GdkRGBA color;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  ensure_layout (self);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  /* gtk_widget_get_color () is GTK 4.10. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (0, floorf ((gtk_widget_get_height (widget) - logical.height) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
wa_table_cell_direction_changed (GtkWidget *widget, GtkTextDirection previous)
{
  GTK_WIDGET_CLASS (wa_table_cell_parent_class)->direction_changed (widget, previous);
  update_alignment (WA_TABLE_CELL (widget));
}

static void
wa_table_cell_finalize (GObject *object)
{
  WaTableCell *self = WA_TABLE_CELL (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_free (self->text);
  G_OBJECT_CLASS (wa_table_cell_parent_class)->finalize (object);
}

static void
wa_table_cell_class_init (WaTableCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wa_table_cell_finalize;
  widget_class->measure = wa_table_cell_measure;
  widget_class->size_allocate = wa_table_cell_size_allocate;
  widget_class->snapshot = wa_table_cell_snapshot;
  widget_class->direction_changed = wa_table_cell_direction_changed;
  /* Styled and read out like the labels it replaces. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
wa_table_cell_init (WaTableCell *self)
{
}

/* text_source: the widget whose font the cells use (the column view). */
GtkWidget *
wa_table_cell_new (GtkWidget *text_source, gboolean numeric)
{
  WaTableCell *self;

  g_return_val_if_fail (GTK_IS_WIDGET (text_source), NULL);

  self = g_object_new (WA_TYPE_TABLE_CELL, NULL);
  self->context = g_object_ref (gtk_widget_get_pango_context (text_source));
  self->numeric = numeric;
  return GTK_WIDGET (self);
}

void
wa_table_cell_set_text (WaTableCell *self, const char *text)
{
  g_return_if_fail (WA_IS_TABLE_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
}

const char *
wa_table_cell_get_text (WaTableCell *self)
{
  g_return_val_if_fail (WA_IS_TABLE_CELL (self), NULL);
  return self->text;
}

/* A left-behind ward's flag: bold here, its colour from the CSS class. */
void
wa_table_cell_set_flagged (WaTableCell *self, gboolean flagged)
{
  g_return_if_fail (WA_IS_TABLE_CELL (self));

  flagged = !!flagged;
  if (self->flagged == flagged)
    return;
  self->flagged = flagged;
  if (flagged)
    gtk_widget_add_css_class (GTK_WIDGET (self), "flagged");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "flagged");
  update_attributes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
