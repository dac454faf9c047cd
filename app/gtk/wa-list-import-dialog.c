/* wa-list-import-dialog.c: see wa-list-import-dialog.h.
 *
 * Two jobs run in GTask threads: the preview (the file's first rows) and
 * the import (the whole file read again, then every row located). The
 * locating thread reports progress through a small shared record; the
 * main context is woken at most once per pending update, so a fast import
 * does not flood it. A job whose cancellable is no longer the dialog's
 * (cancelled, or another file chosen since) is ignored when it ends. */
#include <glib/gi18n.h>
#include <string.h>

#include "wa-a11y-names.h"
#include "wa-asset-symbol-icon.h"
#include "wa-format.h"
#include "wa-list-import-dialog.h"
#include "wa-safe-write.h"
#include "wa-window.h"

#define PREVIEW_ROWS 20
#define PREVIEW_MAX_COLUMNS 40
/* Not-found postcodes named on the report; the rest are in the saved file. */
#define REPORT_NOT_FOUND_SHOWN 12
#define DEFAULT_RGB 0xC0307A           /* a magenta no built-in category uses */
#define DEFAULT_SHAPE WA_ASSET_SHAPE_STAR

/* The symbol choices, in WaAssetShape order. */
static const char *const shape_labels[] = {
  N_("Circle"), N_("Square"), N_("Triangle"), N_("Triangle, pointing down"), N_("Diamond"),
  N_("Pentagon"), N_("Hexagon"), N_("Star"), N_("Plus"), N_("Cross"), N_("Ring"),
  N_("Hollow square"), N_("Hollow diamond"),
};

/* The "Locate places by" choices, in WaUserListLocate order. */
static const char *const locate_labels[] = {
  N_("Postcode"), N_("Longitude and latitude"), N_("Easting and northing (British National Grid)"),
};

typedef struct {
  gatomicrefcount ref;
  GMainContext *context;
  GWeakRef dialog;
  int done, total, pending;
} Progress;

struct _WaListImportDialog
{
  AdwWindow parent_instance;

  WaUserListsStore *store;
  WaListImportStage stage;
  char *path;
  char *basename;
  WaUserTable *preview;
  WaUserList *list;
  WaAtlas *list_atlas;             /* the atlas list was located against */
  GCancellable *cancellable;
  Progress *progress;
  char *error_text;
  guint32 rgb;
  GtkStringList *columns;          /* the file's column names */
  GtkStringList *name_columns;     /* "None", then the columns */

  GtkWidget *cancel_button;
  GtkWidget *import_button;
  GtkWidget *add_button;
  GtkStack *stack;
  GtkSpinner *reading_spinner;
  GtkLabel *reading_label;
  AdwStatusPage *error_page;
  GtkWidget *choose_button;
  AdwPreferencesGroup *preview_group;
  GtkGrid *preview_grid;
  AdwComboRow *locate_row;
  AdwComboRow *postcode_row;
  AdwComboRow *x_row;
  AdwComboRow *y_row;
  AdwEntryRow *name_entry;
  AdwComboRow *name_column_row;
  AdwComboRow *shape_row;
  GtkColorButton *colour_button;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkWidget *cancel_import_button;
  GtkLabel *report_title;
  GtkLabel *report_summary;
  AdwActionRow *not_found_row;
  GtkLabel *located_count;
  GtkLabel *not_found_count;
  GtkLabel *outside_count;
  GtkLabel *no_position_count;
  GtkWidget *save_not_found_button;
  GtkLabel *report_message;
};

G_DEFINE_FINAL_TYPE (WaListImportDialog, wa_list_import_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_STAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- progress, from the locating thread ---------------------------------- */

static Progress *
progress_new (WaListImportDialog *self)
{
  Progress *p = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&p->ref);
  p->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&p->dialog, self);
  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref);
  return p;
}

static void
progress_unref (Progress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref))
    return;
  g_weak_ref_clear (&p->dialog);
  g_main_context_unref (p->context);
  g_free (p);
}

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autoptr(WaListImportDialog) self = NULL;
  int done, total;
  g_autofree char *text = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;

  g_atomic_int_set (&p->pending, 0);
  self = g_weak_ref_get (&p->dialog);
  if (self == NULL || self->progress != p || self->stage != WA_LIST_IMPORT_STAGE_IMPORTING)
    return G_SOURCE_REMOVE;
  done = g_atomic_int_get (&p->done);
  total = g_atomic_int_get (&p->total);
  gtk_label_set_text (self->progress_label, _("Locating places…"));
  done_text = wa_format_count (done);
  total_text = wa_format_count (total);
  /* Translators: import progress, "1,200 of 5,000 rows". */
  text = g_strdup_printf (_("%s of %s rows"), done_text, total_text);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  return G_SOURCE_REMOVE;
}

static void
on_progress (guint done, guint total, gpointer data)
{
  Progress *p = data;

  g_atomic_int_set (&p->done, (int) done);
  g_atomic_int_set (&p->total, (int) total);
  if (g_atomic_int_compare_and_exchange (&p->pending, 0, 1))
    g_main_context_invoke_full (p->context, G_PRIORITY_DEFAULT, show_progress, progress_ref (p),
                                (GDestroyNotify) progress_unref);
}

/* ---- stages --------------------------------------------------------------- */

static const char *
stage_page (WaListImportStage stage)
{
  switch (stage)
    {
    case WA_LIST_IMPORT_STAGE_ERROR: return "error";
    case WA_LIST_IMPORT_STAGE_SETUP: return "setup";
    case WA_LIST_IMPORT_STAGE_IMPORTING: return "importing";
    case WA_LIST_IMPORT_STAGE_REPORT:
    case WA_LIST_IMPORT_STAGE_ADDED: return "report";
    case WA_LIST_IMPORT_STAGE_EMPTY:
    case WA_LIST_IMPORT_STAGE_READING:
    default: return "reading";
    }
}

static void update_import_sensitive (WaListImportDialog *self);

static void
set_stage (WaListImportDialog *self, WaListImportStage stage)
{
  gboolean reading = stage == WA_LIST_IMPORT_STAGE_READING;

  self->stage = stage;
  gtk_stack_set_visible_child_name (self->stack, stage_page (stage));
  /* A spinner left spinning keeps the window redrawing. */
  gtk_spinner_set_spinning (self->reading_spinner, reading);
  gtk_widget_set_visible (self->import_button, stage == WA_LIST_IMPORT_STAGE_SETUP);
  gtk_widget_set_visible (self->add_button, stage == WA_LIST_IMPORT_STAGE_REPORT);
  update_import_sensitive (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

static void
cancel_job (WaListImportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, progress_unref);
}

static void
show_error (WaListImportDialog *self, const char *message)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  title = self->basename != NULL
          ? g_strdup_printf (_("Cannot Import “%s”"), self->basename)
          : g_strdup (_("Cannot Import List"));
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  g_free (self->error_text);
  self->error_text = g_strdup_printf ("%s\n%s", title, message);
  set_stage (self, WA_LIST_IMPORT_STAGE_ERROR);
}

/* ---- the choices ------------------------------------------------------------ */

static WaUserListLocate
chosen_locate (WaListImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->locate_row);

  return selected < G_N_ELEMENTS (locate_labels) ? (WaUserListLocate) selected
                                                 : WA_USER_LIST_BY_POSTCODE;
}

static int
chosen_column (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
}

static void
chosen_columns (WaListImportDialog *self, WaUserListColumns *out)
{
  out->locate = chosen_locate (self);
  out->name_column = chosen_column (self->name_column_row) - 1;   /* 0 is "None" */
  out->postcode_column = chosen_column (self->postcode_row);
  out->x_column = chosen_column (self->x_row);
  out->y_column = chosen_column (self->y_row);
}

static gboolean
columns_usable (WaListImportDialog *self)
{
  WaUserListColumns columns;

  chosen_columns (self, &columns);
  if (columns.locate == WA_USER_LIST_BY_POSTCODE)
    return columns.postcode_column >= 0;
  return columns.x_column >= 0 && columns.y_column >= 0 && columns.x_column != columns.y_column;
}

static void
update_import_sensitive (WaListImportDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  gtk_widget_set_sensitive (self->import_button,
                            self->stage == WA_LIST_IMPORT_STAGE_SETUP && self->preview != NULL
                            && name[0] != '\0' && columns_usable (self));
}

static void
select_guess (WaListImportDialog *self, AdwComboRow *row, const char *role)
{
  int guess = self->preview != NULL ? wa_user_table_guess_column (self->preview, role) : -1;

  if (guess >= 0)
    adw_combo_row_set_selected (row, (guint) guess);
}

/* Shows the rows the chosen way of locating needs, with the guessed
 * columns for it. */
static void
update_location_rows (WaListImportDialog *self)
{
  WaUserListLocate locate = chosen_locate (self);
  gboolean by_postcode = locate == WA_USER_LIST_BY_POSTCODE;

  gtk_widget_set_visible (GTK_WIDGET (self->postcode_row), by_postcode);
  gtk_widget_set_visible (GTK_WIDGET (self->x_row), !by_postcode);
  gtk_widget_set_visible (GTK_WIDGET (self->y_row), !by_postcode);
  if (locate == WA_USER_LIST_BY_LON_LAT)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->x_row), _("Lo_ngitude Column"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->y_row), _("L_atitude Column"));
      select_guess (self, self->x_row, "lon");
      select_guess (self, self->y_row, "lat");
    }
  else if (locate == WA_USER_LIST_BY_EASTING_NORTHING)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->x_row), _("_Easting Column"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->y_row), _("No_rthing Column"));
      select_guess (self, self->x_row, "easting");
      select_guess (self, self->y_row, "northing");
    }
  update_import_sensitive (self);
}

/* ---- the symbol row ----------------------------------------------------------- */

static void
shape_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), "wa-label", label);
  gtk_list_item_set_child (item, box);
}

static void
shape_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  WaListImportDialog *self = data;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = gtk_string_object_get_string (string);
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "wa-icon");
  guint shape = DEFAULT_SHAPE;

  /* By label: the row's own display of the chosen item has no position. */
  for (guint i = 0; i < G_N_ELEMENTS (shape_labels); i++)
    if (g_strcmp0 (text, _(shape_labels[i])) == 0)
      shape = i;

  /* The icon is drawn for one shape and colour: a new one per item. */
  if (icon != NULL)
    gtk_box_remove (GTK_BOX (box), icon);
  icon = wa_asset_symbol_icon_new_shape ((WaAssetShape) shape, self->rgb, NULL, 18);
  gtk_box_prepend (GTK_BOX (box), icon);
  g_object_set_data (G_OBJECT (box), "wa-icon", icon);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "wa-label"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* A new factory draws every shown symbol again in the new colour. */
static void
set_shape_factory (WaListImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (shape_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (shape_bind), self, 0);
  adw_combo_row_set_factory (self->shape_row, factory);
  adw_combo_row_set_list_factory (self->shape_row, factory);
}

static void
on_colour_set (WaListImportDialog *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  self->rgb = ((guint32) (CLAMP (rgba.red, 0, 1) * 255 + 0.5) << 16)
              | ((guint32) (CLAMP (rgba.green, 0, 1) * 255 + 0.5) << 8)
              | (guint32) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5);
  set_shape_factory (self);
}

/* ---- the preview ---------------------------------------------------------------- */

static GtkWidget *
cell_label (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (text != NULL && strlen (text) > 24)
    gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
fill_preview (WaListImportDialog *self)
{
  WaUserTable *table = self->preview;
  guint n_columns = wa_user_table_get_n_columns (table);
  guint n_rows = wa_user_table_get_n_rows (table);
  guint shown_columns = MIN (n_columns, PREVIEW_MAX_COLUMNS);
  GtkWidget *child;
  g_autofree char *rows = NULL;
  g_autofree char *description = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  for (guint c = 0; c < shown_columns; c++)
    gtk_grid_attach (self->preview_grid, cell_label (wa_user_table_get_column (table, c), TRUE),
                     (int) c, 0, 1, 1);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < shown_columns; c++)
      gtk_grid_attach (self->preview_grid, cell_label (wa_user_table_get_cell (table, r, c), FALSE),
                       (int) c, (int) r + 1, 1, 1);

  rows = n_rows < PREVIEW_ROWS
         ? g_strdup_printf (ngettext ("its only row", "all %u rows", n_rows), n_rows)
         : g_strdup_printf (_("the first %u rows"), n_rows);
  /* Translators: the preview's description: file name, what was read
   * ("CSV, semicolon-separated, Windows-1252"), and which rows show. */
  description = g_strdup_printf (_("%s: %s; %s"), self->basename, wa_user_table_describe (table), rows);
  adw_preferences_group_set_description (self->preview_group, description);
}

static void
fill_choices (WaListImportDialog *self)
{
  WaUserTable *table = self->preview;
  guint n_columns = wa_user_table_get_n_columns (table);
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) name_columns = gtk_string_list_new (NULL);
  int postcode, name;
  guint locate = WA_USER_LIST_BY_POSTCODE;

  gtk_string_list_append (name_columns, C_("name column", "None (places are numbered)"));
  for (guint c = 0; c < n_columns; c++)
    {
      const char *column = wa_user_table_get_column (table, c);

      gtk_string_list_append (columns, column);
      gtk_string_list_append (name_columns, column);
    }
  g_set_object (&self->columns, columns);
  g_set_object (&self->name_columns, name_columns);
  adw_combo_row_set_model (self->postcode_row, G_LIST_MODEL (columns));
  adw_combo_row_set_model (self->x_row, G_LIST_MODEL (columns));
  adw_combo_row_set_model (self->y_row, G_LIST_MODEL (columns));
  adw_combo_row_set_model (self->name_column_row, G_LIST_MODEL (name_columns));

  /* Where to start: the way of locating the guesses support. */
  postcode = wa_user_table_guess_column (table, "postcode");
  if (postcode < 0 && wa_user_table_guess_column (table, "lon") >= 0
      && wa_user_table_guess_column (table, "lat") >= 0)
    locate = WA_USER_LIST_BY_LON_LAT;
  else if (postcode < 0 && wa_user_table_guess_column (table, "easting") >= 0
           && wa_user_table_guess_column (table, "northing") >= 0)
    locate = WA_USER_LIST_BY_EASTING_NORTHING;
  if (postcode >= 0)
    adw_combo_row_set_selected (self->postcode_row, (guint) postcode);
  name = wa_user_table_guess_column (table, "name");
  adw_combo_row_set_selected (self->name_column_row, (guint) (name + 1));
  adw_combo_row_set_selected (self->locate_row, locate);
  update_location_rows (self);
}

static char *
default_list_name (const char *basename)
{
  const char *dot = strrchr (basename, '.');

  return dot != NULL && dot != basename ? g_strndup (basename, dot - basename) : g_strdup (basename);
}

/* ---- reading the preview -------------------------------------------------------- */

static void
read_preview_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  WaUserTable *table = wa_user_table_read (data, PREVIEW_ROWS, cancellable, &error);

  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) wa_user_table_free);
}

static void
preview_read (GObject *source, GAsyncResult *result, gpointer data)
{
  WaListImportDialog *self = WA_LIST_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  WaUserTable *table = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled, or another file chosen since. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&table, wa_user_table_free);
      return;
    }
  g_clear_object (&self->cancellable);
  if (table == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->preview, wa_user_table_free);
  self->preview = table;
  fill_preview (self);
  fill_choices (self);
  set_stage (self, WA_LIST_IMPORT_STAGE_SETUP);
}

void
wa_list_import_dialog_load_file (WaListImportDialog *self, const char *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (WA_IS_LIST_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  cancel_job (self);
  g_clear_pointer (&self->preview, wa_user_table_free);
  g_clear_pointer (&self->list, wa_user_list_unref);
  g_clear_pointer (&self->error_text, g_free);
  g_free (self->path);
  g_free (self->basename);
  self->path = g_strdup (path);
  self->basename = g_path_get_basename (path);
  name = default_list_name (self->basename);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  reading = g_strdup_printf (_("Reading “%s”…"), self->basename);
  gtk_label_set_text (self->reading_label, reading);
  set_stage (self, WA_LIST_IMPORT_STAGE_READING);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, preview_read, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_preview_in_thread);
}

/* ---- importing -------------------------------------------------------------------- */

typedef struct {
  char *path;
  char *name;
  WaAtlas *atlas;
  WaUserListColumns columns;
  Progress *progress;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_free (job->name);
  g_clear_object (&job->atlas);
  g_clear_pointer (&job->progress, progress_unref);
  g_free (job);
}

static void
import_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ImportJob *job = data;
  GError *error = NULL;
  g_autoptr(WaUserTable) table = wa_user_table_read (job->path, 0, cancellable, &error);
  WaUserList *list;

  if (table == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  list = wa_user_list_locate (job->atlas, table, &job->columns, job->name, on_progress,
                              job->progress, cancellable, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) wa_user_list_unref);
}

static void
set_count (GtkLabel *label, guint count)
{
  g_autofree char *text = wa_format_count (count);

  gtk_label_set_text (label, text);
}

static void
fill_report (WaListImportDialog *self)
{
  const WaUserListReport *report = wa_user_list_get_report (self->list);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *located = wa_format_count (report->n_located);
  g_autofree char *n_rows = wa_format_count (report->n_rows);
  guint n_listed = report->not_found != NULL ? g_strv_length (report->not_found) : 0;

  /* Translators: the import report's heading, "9 of 12 Rows Located". */
  title = g_strdup_printf (ngettext ("%s of %s Row Located", "%s of %s Rows Located", report->n_rows),
                           located, n_rows);
  gtk_label_set_text (self->report_title, title);
  summary = g_strdup_printf (_("“%s” is not stored yet: check the figures below, then add it to "
                               "your lists. Each place counts in the ward it lies in."),
                             wa_user_list_get_name (self->list));
  gtk_label_set_text (self->report_summary, summary);
  set_count (self->located_count, report->n_located);
  set_count (self->not_found_count, report->n_not_found);
  set_count (self->outside_count, report->n_outside);
  set_count (self->no_position_count, report->n_no_position);
  if (n_listed > 0)
    {
      GString *names = g_string_new (NULL);
      g_autofree char *escaped = NULL;

      for (guint i = 0; i < MIN (n_listed, REPORT_NOT_FOUND_SHOWN); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", report->not_found[i]);
      if (n_listed > REPORT_NOT_FOUND_SHOWN)
        /* Translators: after a list of postcodes, "and 40 more". */
        g_string_append_printf (names, _(" and %u more"), n_listed - REPORT_NOT_FOUND_SHOWN);
      escaped = g_markup_escape_text (names->str, -1);
      adw_action_row_set_subtitle (self->not_found_row, escaped);
      g_string_free (names, TRUE);
    }
  else
    adw_action_row_set_subtitle (self->not_found_row, _("Every postcode given is in the data pack"));
  /* Rows located by coordinates have no postcodes to miss. */
  gtk_widget_set_visible (GTK_WIDGET (self->not_found_row),
                          chosen_locate (self) == WA_USER_LIST_BY_POSTCODE || report->n_not_found > 0);
  gtk_widget_set_visible (self->save_not_found_button, report->n_not_found > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->report_message), FALSE);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer data)
{
  WaListImportDialog *self = WA_LIST_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  WaUserList *list = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&list, wa_user_list_unref);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, progress_unref);
  if (list == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_stage (self, WA_LIST_IMPORT_STAGE_SETUP);
      else
        show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->list, wa_user_list_unref);
  self->list = list;
  g_set_object (&self->list_atlas, ((ImportJob *) g_task_get_task_data (G_TASK (result)))->atlas);
  fill_report (self);
  set_stage (self, WA_LIST_IMPORT_STAGE_REPORT);
}

void
wa_list_import_dialog_import (WaListImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;
  WaAtlas *atlas;

  g_return_if_fail (WA_IS_LIST_IMPORT_DIALOG (self));
  if (self->stage != WA_LIST_IMPORT_STAGE_SETUP || !gtk_widget_get_sensitive (self->import_button))
    return;
  atlas = wa_user_lists_store_get_atlas (self->store);
  if (atlas == NULL)
    {
      show_error (self, _("No data pack is open: places are located with the pack’s postcodes and "
                          "wards. Open a data pack, then import the list again."));
      return;
    }
  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (self->path);
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  job->atlas = g_object_ref (atlas);
  chosen_columns (self, &job->columns);
  cancel_job (self);
  self->cancellable = g_cancellable_new ();
  self->progress = progress_new (self);
  job->progress = progress_ref (self->progress);

  gtk_label_set_text (self->progress_label, _("Reading the whole file…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  set_stage (self, WA_LIST_IMPORT_STAGE_IMPORTING);
  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_in_thread);
}

void
wa_list_import_dialog_cancel_import (WaListImportDialog *self)
{
  g_return_if_fail (WA_IS_LIST_IMPORT_DIALOG (self));
  if (self->stage != WA_LIST_IMPORT_STAGE_IMPORTING)
    return;
  cancel_job (self);
  set_stage (self, WA_LIST_IMPORT_STAGE_SETUP);
}

/* ---- the report's buttons -------------------------------------------------------- */

static void
show_report_message (WaListImportDialog *self, const char *message, gboolean error)
{
  gtk_label_set_text (self->report_message, message);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->report_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->report_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->report_message), TRUE);
}

gboolean
wa_list_import_dialog_add (WaListImportDialog *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint shape;

  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->stage == WA_LIST_IMPORT_STAGE_REPORT && self->list != NULL, FALSE);

  /* Its places carry ward indices of the atlas it was located against. */
  if (wa_user_lists_store_get_atlas (self->store) != self->list_atlas)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Another data pack or edition was opened since the import: import the list "
                     "again."));
      show_report_message (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  shape = adw_combo_row_get_selected (self->shape_row);
  if (name[0] != '\0')
    wa_user_list_set_name (self->list, name);
  wa_user_list_set_shape (self->list, shape < G_N_ELEMENTS (shape_labels) ? (WaAssetShape) shape
                                                                          : DEFAULT_SHAPE);
  wa_user_list_set_rgb (self->list, self->rgb);
  if (!wa_user_lists_store_add (self->store, self->list, &local_error))
    {
      show_report_message (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_stage (self, WA_LIST_IMPORT_STAGE_ADDED);
  {
    GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
    guint n = wa_user_list_get_n_places (self->list);
    g_autofree char *count = wa_format_count (n);
    g_autofree char *message = g_strdup_printf (ngettext ("“%s” added: %s place", "“%s” added: %s places", n),
                                                wa_user_list_get_name (self->list), count);

    /* Said where the user goes back to: the main window. */
    if (WA_IS_WINDOW (parent))
      wa_window_show_toast (WA_WINDOW (parent), message);
    else if (ADW_IS_PREFERENCES_WINDOW (parent))
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (parent), adw_toast_new (message));
  }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
wa_list_import_dialog_save_not_found (WaListImportDialog *self, const char *path, GError **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->list != NULL, FALSE);

  csv = wa_user_list_dup_not_found_csv (self->list);
  /* The save dialog has asked before replacing a file. */
  return wa_safe_write_bytes (path, csv, strlen (csv), TRUE, error);
}

static void
on_not_found_file (WaListImportDialog *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        show_report_message (self, _("Choose a file on this computer."), TRUE);
      else if (!wa_list_import_dialog_save_not_found (self, path, &error))
        show_report_message (self, error->message, TRUE);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Postcodes not found saved as “%s”."), name);

          show_report_message (self, message, FALSE);
        }
    }
  g_object_unref (chooser);
}

static void
on_save_not_found (WaListImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *stem = default_list_name (self->basename);
  g_autofree char *name = g_strdup_printf ("%s-postcodes-not-found.csv", stem);

  chooser = gtk_file_chooser_native_new (_("Save List of Postcodes Not Found"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_not_found_file), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_add (WaListImportDialog *self)
{
  wa_list_import_dialog_add (self, NULL);
}

/* ---- choosing a file ---------------------------------------------------------------- */

typedef void (*FileChosenFunc) (GObject *owner, const char *path, gpointer data);

typedef struct {
  GWeakRef owner;
  FileChosenFunc chosen;
  gpointer data;
} ChooseRequest;

static void
on_table_file (GtkNativeDialog *chooser, int response, ChooseRequest *request)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&request->owner);

  if (response == GTK_RESPONSE_ACCEPT && owner != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        request->chosen (owner, path, request->data);
    }
  g_weak_ref_clear (&request->owner);
  g_free (request);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_table_file (GtkWindow *parent, GObject *owner, FileChosenFunc chosen, gpointer data)
{
  static const char *const all_lists[] = { "*.csv", "*.tsv", "*.txt", "*.xlsx", "*.geojson",
                                           "*.json", "*.gpkg", NULL };
  static const char *const text[] = { "*.csv", "*.tsv", "*.txt", NULL };
  static const char *const xlsx[] = { "*.xlsx", NULL };
  static const char *const geojson[] = { "*.geojson", "*.json", NULL };
  static const char *const gpkg[] = { "*.gpkg", NULL };
  static const char *const any[] = { "*", NULL };
  GtkFileChooserNative *chooser;
  ChooseRequest *request = g_new0 (ChooseRequest, 1);

  g_weak_ref_init (&request->owner, owner);
  request->chosen = chosen;
  request->data = data;
  chooser = gtk_file_chooser_native_new (_("Import Asset List"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("Lists of places"), all_lists);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV, TSV and text files"), text);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Excel workbooks (XLSX)"), xlsx);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoJSON"), geojson);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoPackage"), gpkg);
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files"), any);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_table_file), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_chosen (GObject *owner, const char *path, gpointer data)
{
  wa_list_import_dialog_load_file (WA_LIST_IMPORT_DIALOG (owner), path);
}

static void
on_choose_another (WaListImportDialog *self)
{
  choose_table_file (GTK_WINDOW (self), G_OBJECT (self), load_chosen, NULL);
}

static void
open_dialog_with (GObject *owner, const char *path, gpointer data)
{
  WaListImportDialog *dialog = wa_list_import_dialog_new (GTK_WINDOW (owner), data);

  gtk_window_present (GTK_WINDOW (dialog));
  wa_list_import_dialog_load_file (dialog, path);
}

void
wa_list_import_dialog_choose (GtkWindow *parent, WaUserListsStore *store)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (WA_IS_USER_LISTS_STORE (store));

  /* The store outlives the request: the window owns it, and the request
   * is dropped with the window (weak owner). */
  choose_table_file (parent, G_OBJECT (parent), open_dialog_with, store);
}

/* ---- the object ------------------------------------------------------------------------ */

WaListImportStage
wa_list_import_dialog_get_stage (WaListImportDialog *self)
{
  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), WA_LIST_IMPORT_STAGE_EMPTY);
  return self->stage;
}

const char *
wa_list_import_dialog_get_error (WaListImportDialog *self)
{
  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), NULL);
  return self->stage == WA_LIST_IMPORT_STAGE_ERROR ? self->error_text : NULL;
}

WaUserList *
wa_list_import_dialog_get_list (WaListImportDialog *self)
{
  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), NULL);
  return self->list;
}

const char *
wa_list_import_dialog_get_name (WaListImportDialog *self)
{
  g_return_val_if_fail (WA_IS_LIST_IMPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

WaListImportDialog *
wa_list_import_dialog_new (GtkWindow *parent, WaUserListsStore *store)
{
  WaListImportDialog *self;

  g_return_val_if_fail (WA_IS_USER_LISTS_STORE (store), NULL);

  self = g_object_new (WA_TYPE_LIST_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* Closing cancels what is running; nothing was stored. */
static gboolean
on_close_request (WaListImportDialog *self)
{
  cancel_job (self);
  return FALSE;
}

static void
wa_list_import_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaListImportDialog *self = WA_LIST_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_list_import_dialog_dispose (GObject *object)
{
  WaListImportDialog *self = WA_LIST_IMPORT_DIALOG (object);

  cancel_job (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_LIST_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->columns);
  g_clear_object (&self->name_columns);
  g_clear_pointer (&self->preview, wa_user_table_free);
  g_clear_pointer (&self->list, wa_user_list_unref);
  g_clear_object (&self->list_atlas);
  G_OBJECT_CLASS (wa_list_import_dialog_parent_class)->dispose (object);
}

static void
wa_list_import_dialog_finalize (GObject *object)
{
  WaListImportDialog *self = WA_LIST_IMPORT_DIALOG (object);

  g_free (self->path);
  g_free (self->basename);
  g_free (self->error_text);
  G_OBJECT_CLASS (wa_list_import_dialog_parent_class)->finalize (object);
}

static void
wa_list_import_dialog_class_init (WaListImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wa_list_import_dialog_get_property;
  object_class->dispose = wa_list_import_dialog_dispose;
  object_class->finalize = wa_list_import_dialog_finalize;
  properties[PROP_STAGE] = g_param_spec_int ("stage", NULL, NULL, 0, WA_LIST_IMPORT_STAGE_ADDED,
                                             WA_LIST_IMPORT_STAGE_EMPTY,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                             | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-list-import-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, WaListImportDialog, name)
  BIND (cancel_button);
  BIND (import_button);
  BIND (add_button);
  BIND (stack);
  BIND (reading_spinner);
  BIND (reading_label);
  BIND (error_page);
  BIND (choose_button);
  BIND (preview_group);
  BIND (preview_grid);
  BIND (locate_row);
  BIND (postcode_row);
  BIND (x_row);
  BIND (y_row);
  BIND (name_entry);
  BIND (name_column_row);
  BIND (shape_row);
  BIND (colour_button);
  BIND (progress_label);
  BIND (progress_bar);
  BIND (cancel_import_button);
  BIND (report_title);
  BIND (report_summary);
  BIND (not_found_row);
  BIND (located_count);
  BIND (not_found_count);
  BIND (outside_count);
  BIND (no_position_count);
  BIND (save_not_found_button);
  BIND (report_message);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkStringList *
translated_list (const char *const *labels, guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(labels[i]));
  return list;
}

static void
wa_list_import_dialog_init (WaListImportDialog *self)
{
  g_autoptr(GtkStringList) locate = translated_list (locate_labels, G_N_ELEMENTS (locate_labels));
  g_autoptr(GtkStringList) shapes = translated_list (shape_labels, G_N_ELEMENTS (shape_labels));
  g_autoptr(GtkListItemFactory) factory = wa_a11y_named_list_factory (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = wa_a11y_named_list_factory (TRUE);
  AdwComboRow *text_rows[5];
  GdkRGBA rgba;

  gtk_widget_init_template (GTK_WIDGET (self));
  text_rows[0] = self->locate_row;
  text_rows[1] = self->postcode_row;
  text_rows[2] = self->x_row;
  text_rows[3] = self->y_row;
  text_rows[4] = self->name_column_row;
  for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
    {
      adw_combo_row_set_factory (text_rows[i], factory);
      adw_combo_row_set_list_factory (text_rows[i], list_factory);
    }
  adw_combo_row_set_model (self->locate_row, G_LIST_MODEL (locate));

  self->rgb = DEFAULT_RGB;
  rgba = (GdkRGBA) { ((DEFAULT_RGB >> 16) & 0xff) / 255.0, ((DEFAULT_RGB >> 8) & 0xff) / 255.0,
                     (DEFAULT_RGB & 0xff) / 255.0, 1.0 };
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  adw_combo_row_set_model (self->shape_row, G_LIST_MODEL (shapes));
  set_shape_factory (self);
  adw_combo_row_set_selected (self->shape_row, DEFAULT_SHAPE);
  wa_a11y_name_mnemonic_buttons (GTK_WIDGET (self));

  g_signal_connect_object (self->colour_button, "color-set", G_CALLBACK (on_colour_set), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->locate_row, "notify::selected", G_CALLBACK (update_location_rows),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->postcode_row, "notify::selected",
                           G_CALLBACK (update_import_sensitive), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->x_row, "notify::selected", G_CALLBACK (update_import_sensitive),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->y_row, "notify::selected", G_CALLBACK (update_import_sensitive),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (update_import_sensitive), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_button, "clicked", G_CALLBACK (wa_list_import_dialog_import),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_import_button, "clicked",
                           G_CALLBACK (wa_list_import_dialog_cancel_import), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->save_not_found_button, "clicked", G_CALLBACK (on_save_not_found),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->choose_button, "clicked", G_CALLBACK (on_choose_another), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  set_stage (self, WA_LIST_IMPORT_STAGE_EMPTY);
}
