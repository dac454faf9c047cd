/* wa-export-actions.c
 *
 * Everything an export needs is taken from the window when the action
 * runs (the briefing's text, a map style snapshot, the view), so the user
 * may carry on, even switch edition, while the file is written.
 */
#include <glib/gi18n.h>

#include "wa-announcer.h"
#include "wa-area-summary.h"
#include "wa-custom-area-export.h"
#include "wa-asset-layer.h"
#include "wa-briefing.h"
#include "wa-error.h"
#include "wa-export-actions.h"
#include "wa-export-format.h"
#include "wa-map-drawing.h"
#include "wa-print-operation.h"
#include "wa-user-lists-store.h"
#include "wa-ward-csv.h"
#include "wa-ward-profile.h"
#include "wa-window-private.h"
#include "wa-ward-panel.h"
#include "wa-safe-write.h"

typedef enum {
  JOB_BRIEFING,
  JOB_MAP_IMAGE,
  JOB_BYTES,
} JobKind;

typedef struct {
  JobKind kind;
  WaWindow *window;
  char *path;
  WaBriefing *briefing;
  WaMapStyle *style;
  WaMapView view;
  int focus_ward;
  guint32 asset_domains;
  double scale;
  GBytes *bytes;
  gboolean change_shown;     /* the map shows the Change view, which the image lacks */
  GPtrArray *outline;        /* WaGeometry*: the custom areas the map outlines, or NULL */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_free (job->path);
  g_clear_pointer (&job->briefing, wa_briefing_free);
  g_clear_pointer (&job->style, wa_map_style_unref);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->outline, g_ptr_array_unref);
  g_free (job);
}

static ExportJob *
export_job_new (WaWindow *window, JobKind kind)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->window = g_object_ref (window);
  job->kind = kind;
  job->focus_ward = -1;
  return job;
}

static WaPalette
current_palette (void)
{
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  g_autofree char *id = g_settings_get_string (settings, "palette");
  WaPalette palette = WA_PALETTE_VIRIDIS;

  wa_palette_from_id (id, &palette);
  return palette;
}

static void
show_error (WaWindow *window, const char *heading, const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                                         heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  {
    g_autofree char *spoken = g_strdup_printf ("%s: %s", heading, message);

    wa_announce (GTK_WIDGET (window), spoken);
  }
}

/* ---- writing, in a worker thread -------------------------------------- */

static void
write_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  WaMapDrawOptions options;

  switch (job->kind)
    {
    case JOB_BRIEFING:
      ok = wa_briefing_write_pdf (job->briefing, job->path, TRUE, NULL, &error);
      break;
    case JOB_MAP_IMAGE:
      wa_map_draw_options_init (&options);
      options.focus_ward = job->focus_ward;
      options.asset_domains = job->asset_domains;
      options.outline = job->outline;
      ok = wa_map_write_png (job->style, &job->view, &options, job->scale, job->path, TRUE, &error);
      break;
    case JOB_BYTES:
      ok = wa_safe_write_bytes (job->path, g_bytes_get_data (job->bytes, NULL),
                                g_bytes_get_size (job->bytes), TRUE, &error);
      break;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (job->window, _("Could Not Save"), error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (job->path);
      /* Toast titles are markup in libadwaita 1.2. */
      g_autofree char *message = g_markup_printf_escaped (_("Saved “%s”"), name);
      g_autoptr(GFile) file = g_file_new_for_path (job->path);
      g_autofree char *uri = g_file_get_uri (file);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-export");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (job->window->toast_overlay, toast);
      {
        g_autofree char *spoken = g_strdup_printf (_("Saved “%s”"), name);

        wa_announce (GTK_WIDGET (job->window), spoken);
      }
    }
  /* The task, and so the job, may be freed in the worker thread: let go
   * of the window here, on the main thread. */
  g_clear_object (&job->window);
}

static void
start_writing (ExportJob *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, write_done, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, write_thread);
}

/* ---- choosing the file ------------------------------------------------ */

static void
on_file_chosen (GtkNativeDialog *chooser, int response, ExportJob *job)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (job->path = g_file_get_path (file)) != NULL)
    start_writing (job);
  else
    {
      if (file != NULL)
        show_error (job->window, _("Could Not Save"),
                    _("The chosen place is not a local file; choose a folder on this computer."));
      export_job_free (job);
    }
  g_object_unref (chooser);
}

/* The save dialog confirms before replacing an existing file. */
static void
choose_file (ExportJob *job, const char *title, const char *name, const char *filter_name,
             const char *mime_type)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (job->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A file name from a title, without characters file systems refuse. */
static char *
file_name (const char *stem, const char *extension)
{
  g_autofree char *safe = g_strdup (stem);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strconcat (safe, ".", extension, NULL);
}

/* ---- the exports -------------------------------------------------------- */

/* The lists the window has loaded for atlas (borrowed), for the table
 * export's columns and the briefing's "Your lists". */
static GPtrArray *
dup_user_lists (WaWindow *window, WaAtlas *atlas)
{
  WaUserListsStore *store = wa_window_get_user_lists (window);
  GPtrArray *lists = g_ptr_array_new ();

  if (store != NULL && wa_user_lists_store_get_atlas (store) == atlas)
    for (guint i = 0; i < wa_user_lists_store_get_n_lists (store); i++)
      g_ptr_array_add (lists, wa_user_lists_store_get_list (store, i));
  return lists;
}

/* What the save dialog offers for a job. */
typedef struct {
  const char *title;
  char *name;
  const char *filter_name;
  const char *mime_type;
} SaveOffer;

/* The briefing on the ward, or with ward NULL, on the council lad. */
static ExportJob *
briefing_job (WaWindow *window, WaAtlas *atlas, WaWard *ward, const WaArea *lad,
              SaveOffer *offer, GError **error)
{
  ExportJob *job = export_job_new (window, JOB_BRIEFING);
  const char *edition = wa_edition_to_string (wa_atlas_get_edition (atlas));
  gboolean area = ward == NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GPtrArray) lists = dup_user_lists (window, atlas);

  /* The change, once the window has it, adds the "Since 2019" block. */
  WaChange *change = wa_change_loader_get_change (window->change_loader);

  job->briefing = area
    ? wa_briefing_new_for_area (atlas, WA_AREA_LAD, lad->code, change, current_palette (), error)
    : wa_briefing_new_for_ward_with_lists (atlas, ward, change, current_palette (), lists);
  if (job->briefing == NULL)
    {
      export_job_free (job);
      return NULL;
    }
  stem = area ? g_strdup_printf (_("%s briefing %s"), lad->name, edition)
              : g_strdup_printf (_("%s (%s) briefing %s"), wa_ward_get_name (ward),
                                 wa_ward_get_code (ward), edition);
  *offer = (SaveOffer) { area ? _("Save Council Area Briefing") : _("Save Ward Briefing"),
                         file_name (stem, "pdf"), _("PDF documents"), "application/pdf" };
  return job;
}

/* The briefing on the custom area the side panel shows. */
static ExportJob *
custom_area_briefing_job (WaWindow *window, WaAtlas *atlas, WaCustomArea *area,
                          SaveOffer *offer, GError **error)
{
  ExportJob *job = export_job_new (window, JOB_BRIEFING);
  g_autofree char *stem = NULL;

  job->briefing = wa_briefing_new_custom_area (atlas, area, current_palette (), error);
  if (job->briefing == NULL)
    {
      export_job_free (job);
      return NULL;
    }
  stem = g_strdup_printf (_("%s briefing %s"), wa_custom_area_get_name (area),
                          wa_edition_to_string (wa_atlas_get_edition (atlas)));
  *offer = (SaveOffer) { _("Save Area Briefing"), file_name (stem, "pdf"), _("PDF documents"),
                         "application/pdf" };
  return job;
}

/* The figures of the custom area the side panel shows, as CSV or JSON
 * (wa-custom-area-export.h), with their provenance. */
static ExportJob *
custom_area_figures_job (WaWindow *window, WaAtlas *atlas, WaCustomArea *area,
                         const WaExportFormat *format, SaveOffer *offer, GError **error)
{
  ExportJob *job;
  WaCustomAreaFigures figures;
  g_autofree char *stem = NULL;

  if (!wa_custom_area_compute (atlas, area, &figures, error))
    return NULL;
  job = export_job_new (window, JOB_BYTES);
  job->bytes = g_str_equal (format->id, "json")
               ? wa_custom_area_figures_to_json (atlas, area, &figures)
               : wa_custom_area_figures_to_csv (atlas, area, &figures);
  wa_custom_area_figures_clear (&figures);
  stem = g_strdup_printf (_("%s figures %s"), wa_custom_area_get_name (area),
                          wa_edition_to_string (wa_atlas_get_edition (atlas)));
  *offer = (SaveOffer) { _("Save Area Figures"), file_name (stem, format->extension),
                         _(format->filter_name), format->mime_type };
  return job;
}

/* Adds area's outline (a set's inner boundaries dissolved by the core)
 * to outline; nothing for NULL or an outline that cannot be read. */
static void
add_area_outline (GPtrArray *outline, WaAtlas *atlas, WaCustomArea *area)
{
  g_autoptr(GPtrArray) shape = area != NULL ? wa_custom_area_dup_outline (atlas, area, NULL, NULL) : NULL;

  for (guint i = 0; shape != NULL && i < shape->len; i++)
    g_ptr_array_add (outline, wa_geometry_ref (g_ptr_array_index (shape, i)));
}

/* What the map outlines over the wards: the shown custom area and the
 * wards or LSOAs gathered with Ctrl+click, each as one outline, or NULL
 * for none. */
static GPtrArray *
dup_map_outline (WaWindow *window, WaAtlas *atlas)
{
  GPtrArray *outline = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);

  add_area_outline (outline, atlas, window->shown_area);
  if (!window->selection_in_panel)
    {
      g_autoptr(WaCustomArea) gathered = _wa_window_dup_gathered_area (window);

      add_area_outline (outline, atlas, gathered);
    }
  if (outline->len == 0)
    g_clear_pointer (&outline, g_ptr_array_unref);
  return outline;
}

/* The map as the window shows it now: centre, zoom and size, the
 * neighbourhood layer where the map draws it, and the custom areas it
 * outlines. */
static ExportJob *
map_image_job (WaWindow *window, WaAtlas *atlas, WaWard *ward, SaveOffer *offer)
{
  ShumateMap *map = wa_ward_map_get_map (window->ward_map);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ExportJob *job = export_job_new (window, JOB_MAP_IMAGE);
  g_autofree char *stem = g_strdup_printf (_("Ward Atlas map %s"),
                                           wa_edition_to_string (wa_atlas_get_edition (atlas)));

  {
    /* Exports are drawn light; the neighbourhood layer follows the
     * setting, and shows from WA_LSOA_MIN_ZOOM as on screen. */
    WaMapTheme theme;

    wa_map_theme_init (&theme, FALSE, FALSE);
    theme.lsoas = g_settings_get_boolean (window->settings, "show-lsoas");
    job->style = wa_map_style_new_themed (atlas, current_palette (), &theme);
  }
  job->outline = dup_map_outline (window, atlas);
  job->change_shown = wa_ward_map_get_change (window->ward_map) != NULL;
  job->focus_ward = ward != NULL ? (int) wa_ward_get_index (ward) : -1;
  job->scale = 1;
  /* The asset points the map shows now: the legend's domain toggles, from
   * the zoom where the asset layer draws them. */
  if (shumate_viewport_get_zoom_level (viewport) >= WA_ASSET_LAYER_MIN_ZOOM)
    for (int d = 0; d < WA_N_ASSET_DOMAINS; d++)
      {
        g_autofree char *name = g_strconcat ("show-assets-", wa_asset_domain_id (d), NULL);
        g_autoptr(GVariant) state = g_action_group_has_action (G_ACTION_GROUP (window), name)
                                    ? g_action_group_get_action_state (G_ACTION_GROUP (window), name)
                                    : NULL;

        if (state != NULL && g_variant_get_boolean (state))
          job->asset_domains |= 1u << d;
      }
  wa_map_view_centre (&job->view, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                      shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                      shumate_viewport_get_zoom_level (viewport),
                      gtk_widget_get_width (GTK_WIDGET (map)),
                      gtk_widget_get_height (GTK_WIDGET (map)));
  *offer = (SaveOffer) { _("Save Map Image"), file_name (stem, "png"), _("PNG images"),
                         "image/png" };
  return job;
}

static ExportJob *
profile_job (WaWindow *window, WaAtlas *atlas, WaWard *ward, const WaExportFormat *format,
             SaveOffer *offer, GError **error)
{
  ExportJob *job = export_job_new (window, JOB_BYTES);
  g_autofree char *stem = NULL;

  job->bytes = format->produce (atlas, ward, error);
  if (job->bytes == NULL)
    {
      export_job_free (job);
      return NULL;
    }
  stem = g_strdup_printf (_("%s (%s) profile %s"), wa_ward_get_name (ward),
                          wa_ward_get_code (ward),
                          wa_edition_to_string (wa_atlas_get_edition (atlas)));
  *offer = (SaveOffer) { _("Save Ward Profile"), file_name (stem, format->extension),
                         _(format->filter_name), format->mime_type };
  return job;
}

/* The job an export action stands for, or NULL (with error, or none
 * when there is nothing to export). */
static ExportJob *
job_for_action (WaWindow *window, const char *action_name, GVariant *parameter,
                SaveOffer *offer, GError **error)
{
  WaAtlas *atlas = wa_window_get_atlas (window);
  WaWard *ward = window->selected;
  const WaArea *lad = _wa_window_get_selected_lad (window);

  if (atlas == NULL)
    return NULL;
  if (g_str_equal (action_name, "win.export-map-image"))
    return map_image_job (window, atlas, ward, offer);
  if (g_str_equal (action_name, "win.export-custom-area-briefing"))
    return window->shown_area != NULL
           ? custom_area_briefing_job (window, atlas, window->shown_area, offer, error) : NULL;
  if (g_str_equal (action_name, "win.export-custom-area-figures"))
    {
      const WaExportFormat *format = wa_export_format_lookup (g_variant_get_string (parameter, NULL));

      if (format == NULL)
        format = wa_export_format_get (0);
      return window->shown_area != NULL
             ? custom_area_figures_job (window, atlas, window->shown_area, format, offer, error)
             : NULL;
    }
  if (g_str_equal (action_name, "win.export-profile"))
    {
      const WaExportFormat *format = wa_export_format_lookup (g_variant_get_string (parameter, NULL));

      /* The menus name the formats of the table; anything else is CSV, the first. */
      if (format == NULL)
        format = wa_export_format_get (0);
      return ward != NULL ? profile_job (window, atlas, ward, format, offer, error) : NULL;
    }
  /* The council's briefing: asked for, or the council chosen in search. */
  if (ward != NULL && g_str_equal (action_name, "win.export-area-briefing"))
    {
      lad = wa_atlas_lookup_area (atlas, WA_AREA_LAD, wa_ward_get_lad_code (ward));
      ward = NULL;
    }
  if (ward == NULL && lad == NULL)
    return NULL;
  return briefing_job (window, atlas, ward, lad, offer, error);
}

static void
on_scale_chosen (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  SaveOffer *offer = g_object_get_data (G_OBJECT (dialog), "offer");
  /* Closing after a response may respond again: the job goes once. */
  ExportJob *job = g_object_steal_data (G_OBJECT (dialog), "job");

  if (job == NULL)
    return;
  if (g_str_equal (response, "cancel"))
    {
      export_job_free (job);
      return;
    }
  job->scale = g_str_equal (response, "2x") ? 2 : 1;
  choose_file (job, offer->title, offer->name, offer->filter_name, offer->mime_type);
}

static void
offer_free (SaveOffer *offer)
{
  g_free (offer->name);
  g_free (offer);
}

/* A map image first asks for its size. */
static void
ask_scale (ExportJob *job, SaveOffer *offer)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  int width = (int) job->view.width, height = (int) job->view.height;

  body = g_strdup_printf (_("The map as shown, with its legend, scale bar and data "
                            "attribution: %d × %d pixels at standard size, %d × %d sharp."),
                          width, height, 2 * width, 2 * height);
  /* The image's legend is the bands' one: say so rather than let it pass
   * for the change view on screen. */
  if (job->change_shown)
    {
      char *with_note = g_strconcat (body, "\n\n",
                                     _("The Change view is not exported yet: the image shows "
                                       "the 2025 wards by need bands, with their legend."),
                                     NULL);

      g_free (body);
      body = with_note;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (job->window),
                                                       _("Export Map Image"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "1x", _("_Standard (1×)"),
                                    "2x", _("S_harp (2×)"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "2x", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "2x");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "offer", g_memdup2 (offer, sizeof *offer),
                          (GDestroyNotify) offer_free);
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) export_job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_scale_chosen), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *window = WA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  SaveOffer offer = { 0 };
  ExportJob *job = job_for_action (window, action_name, parameter, &offer, &error);

  if (job == NULL)
    {
      if (error != NULL)
        show_error (window, _("Could Not Export"), error->message);
      else
        wa_window_show_toast (window, _("Select a ward, or search for a council, "
                                        "first"));
      return;
    }
  if (job->kind == JOB_MAP_IMAGE)
    ask_scale (job, &offer);    /* takes offer's name */
  else
    {
      choose_file (job, offer.title, offer.name, offer.filter_name, offer.mime_type);
      g_free (offer.name);
    }
}

gboolean
wa_export_actions_export_to (WaWindow *window, const char *action_name, GVariant *parameter,
                             double scale, const char *path, GError **error)
{
  g_autoptr(GTask) task = NULL;
  SaveOffer offer = { 0 };
  ExportJob *job;

  g_return_val_if_fail (WA_IS_WINDOW (window), FALSE);

  job = job_for_action (window, action_name, parameter, &offer, error);
  g_free (offer.name);
  if (job == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                     _("Nothing to export: select a ward, or search for a council"));
      return FALSE;
    }
  job->scale = scale;
  job->path = g_strdup (path);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread_sync (task, write_thread);
  return g_task_propagate_boolean (task, error);
}

static void
on_print_done (GtkPrintOperation *operation, GtkPrintOperationResult result, WaWindow *window)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (window, _("Could Not Print"), error != NULL ? error->message : _("Unknown error"));
    }
  g_object_unref (operation);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *window = WA_WINDOW (widget);
  WaAtlas *atlas = wa_window_get_atlas (window);
  WaWard *ward = window->selected;
  const WaArea *lad = _wa_window_get_selected_lad (window);
  WaPrintOperation *operation;
  WaBriefing *briefing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lists = NULL;

  if (atlas == NULL)
    return;
  lists = dup_user_lists (window, atlas);
  /* The custom area the side panel shows prints its own briefing (its
   * map outlines the area, a ward set as one outline). */
  if (window->shown_area != NULL
      && g_strcmp0 (adw_view_stack_get_visible_child_name (window->panel_stack), "area") == 0)
    briefing = wa_briefing_new_custom_area (atlas, window->shown_area, current_palette (), &error);
  else if (ward != NULL)
    briefing = wa_briefing_new_for_ward_with_lists (atlas, ward,
                                                    wa_change_loader_get_change (window->change_loader),
                                                    current_palette (), lists);
  else if (lad != NULL)
    briefing = wa_briefing_new_for_area (atlas, WA_AREA_LAD, lad->code,
                                         wa_change_loader_get_change (window->change_loader),
                                         current_palette (), &error);
  if (briefing == NULL)
    {
      if (error != NULL)
        show_error (window, _("Could Not Print"), error->message);
      else
        wa_window_show_toast (window, _("Select a ward, or search for a council, "
                                        "first"));
      return;
    }
  operation = wa_print_operation_new (briefing);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), window, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (window),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (window, _("Could Not Print"), error->message);
}

static void
update_enabled (WaWindow *window)
{
  gboolean have_ward = window->selected != NULL;
  gboolean have_atlas = wa_window_get_atlas (window) != NULL;

  /* A council chosen in search has a briefing too; with nothing chosen
   * the briefing actions say what to do. */
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.export-briefing", have_atlas);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.export-area-briefing", have_atlas);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.print", have_atlas);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.export-profile", have_ward);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.export-map-image", have_atlas);
}

/* The toast's "Open": the file in the user's viewer. */
static void
open_export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static int
item_position (GMenuModel *menu, const char *action)
{
  for (int i = 0; action != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && g_str_equal (item_action, action))
        return i;
    }
  return -1;
}

void
wa_export_actions_add_profile_items (GMenu      *menu,
                                     const char *before_action,
                                     const char *label_format)
{
  int position = item_position (G_MENU_MODEL (menu), before_action);

  for (guint i = 0; i < wa_export_format_get_n (); i++)
    {
      const WaExportFormat *format = wa_export_format_get (i);
      g_autofree char *label = g_strdup_printf (label_format, format->menu_name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.export-profile", "s", format->id);
      g_menu_insert_item (menu, position < 0 ? -1 : position++, item);
    }
}

void
wa_export_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-briefing", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-area-briefing", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "win.export-custom-area-briefing", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "win.export-custom-area-figures", "s",
                                   export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-map-image", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-profile", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-briefing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

void
wa_export_actions_init (WaWindow *window)
{
  GtkWidget *panel = GTK_WIDGET (window->ward_panel);

  /* The panel follows the window's selection and atlas. */
  g_signal_connect_object (panel, "notify::ward", G_CALLBACK (update_enabled), window,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "notify::atlas", G_CALLBACK (update_enabled), window,
                           G_CONNECT_SWAPPED);
  update_enabled (window);
}

/* ---- the ranking table as CSV ------------------------------------------ */

gboolean
wa_export_actions_export_table (WaWindow *window, const char *path, GError **error)
{
  return wa_export_actions_export_table_full (window, path, FALSE, error);
}

gboolean
wa_export_actions_export_table_full (WaWindow *window, const char *path,
                                     gboolean provenance_sidecar, GError **error)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  WaWardCsvContext context = { 0 };

  g_return_val_if_fail (WA_IS_WINDOW (window), FALSE);
  if (window->atlas == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND, _("No data pack is open"));
      return FALSE;
    }
  shown = wa_rank_table_dup_shown (window->rank_table);
  context.filter = wa_rank_table_get_filter (window->rank_table);
  wa_rank_table_get_sort (window->rank_table, &context.sort, &context.descending);
  context.sort_by_change = wa_rank_table_get_change_sort (window->rank_table, &context.sort_change);
  context.provenance_sidecar = provenance_sidecar;
  /* Once the window has the change, a 2025 table carries its columns. */
  context.change = wa_change_loader_get_change (window->change_loader);
  /* One count column per list the window has loaded for this atlas. */
  lists = dup_user_lists (window, window->atlas);
  context.user_lists = lists;
  return wa_ward_csv_write (window->atlas, shown, &context, path, error);
}

static gboolean
sidecar_chosen (GtkFileChooserNative *chooser)
{
  const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "provenance");

  return g_strcmp0 (choice, "sidecar") == 0;
}

static void
on_table_file_chosen (WaWindow *window, int response, GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        show_error (window, _("Cannot Export Table"), _("Choose a file on this computer."));
      else if (!wa_export_actions_export_table_full (window, path, sidecar_chosen (chooser),
                                                     &error))
        show_error (window, _("Cannot Export Table"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Table saved as “%s”"), name);

          wa_window_show_toast (window, message);
        }
    }
  g_object_unref (chooser);
}

/* The native chooser asks before replacing an existing file (GTK 4 always
 * confirms overwrites in save mode, and so do the portals). */
static void
export_table_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WaWindow *window = WA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (window->atlas == NULL)
    return;
  name = g_strdup_printf ("ward-atlas-%s-%s.csv",
                          wa_edition_to_string (wa_atlas_get_edition (window->atlas)),
                          wa_ward_filter_get_left_behind_only (wa_rank_table_get_filter (window->rank_table))
                          ? "left-behind" : "wards");
  chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    /* Provenance in the file (# lines, the default) or beside it, for a
     * CSV that opens cleanly in a spreadsheet. */
    const char *ids[] = { "inline", "sidecar", NULL };
    const char *labels[] = { _("In the file (lines starting with #)"),
                             _("In a separate .provenance.txt file"), NULL };

    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "provenance", _("Provenance"),
                                 ids, labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "provenance", "inline");
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_table_file_chosen), window,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
wa_export_actions_install_table (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-table", NULL, export_table_action);
}
