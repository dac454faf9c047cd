/* test-colour.c: CIEDE2000 against Sharma, Wu and Dalal's published
 * pairs; the deficiency simulation against known points; and the
 * left-behind cue's inner line at least 10 CIEDE2000 from every band of
 * every palette under normal vision, protanopia, deuteranopia and
 * tritanopia (Machado et al. 2009, severity 1); and the change view's
 * shades apart from each other for each vision. */
#include <math.h>
#include <string.h>

#include "wa-change-style.h"
#include "wa-colour.h"
#include "wa-map-theme.h"

static void
test_ciede2000 (void)
{
  /* Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 17, 25 and 34. */
  static const double pairs[][7] = {
    { 50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425 },
    { 50, 0, 0, 50, -1, 2, 2.3669 },
    { 50, 2.5, 0, 73, 25, -18, 27.1492 },
    { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
    { 22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpfloat_with_epsilon (wa_colour_delta_e_lab (pairs[i], pairs[i] + 3), pairs[i][6],
                                    1e-4);
}

static void
test_simulation (void)
{
  const WaRgb white = { 1, 1, 1 }, red = { 1, 0, 0 };
  WaRgb out;

  /* White stays white (each row of the matrices sums to 1). */
  for (WaVision v = 0; v < WA_N_VISIONS; v++)
    {
      wa_colour_simulate (v, &white, &out);
      g_assert_cmpfloat (wa_colour_delta_e (&white, &out), <, 0.5);
    }
  /* Pure red to a protanope: dark olive, far from red. */
  wa_colour_simulate (WA_VISION_PROTANOPIA, &red, &out);
  g_assert_cmpfloat (out.red, <, out.green + 0.1);
  g_assert_cmpfloat (wa_colour_delta_e (&red, &out), >, 30);
}

static double
cue_margin (const WaRgb *cue, WaVision vision)
{
  double worst = INFINITY;
  WaRgb seen_cue;

  wa_colour_simulate (vision, cue, &seen_cue);
  for (WaPalette p = 0; p < WA_N_PALETTES; p++)
    for (guint band = 0; band < WA_N_BANDS; band++)
      {
        WaRgb rgb, seen;

        wa_palette_band_color (p, band, &rgb);
        wa_colour_simulate (vision, &rgb, &seen);
        worst = MIN (worst, wa_colour_delta_e (&seen_cue, &seen));
      }
  return worst;
}

/* The cue's inner line stands out from every band for every vision; the
 * pink alone does not (the finding), which is why the line is
 * there. */
static void
test_left_behind_cue (void)
{
  static const char *names[] = { "normal", "protanopia", "deuteranopia", "tritanopia" };
  WaRgb inner, pink;

  wa_palette_left_behind_inner_color (&inner);
  wa_palette_left_behind_color (&pink);
  for (WaVision v = 0; v < WA_N_VISIONS; v++)
    {
      double margin = cue_margin (&inner, v);
      WaRgb a, b;

      g_test_message ("%s: inner line %.1f, pink %.1f from the nearest band", names[v], margin,
                      cue_margin (&pink, v));
      g_assert_cmpfloat (margin, >=, 10);
      /* The two lines of the cue stay apart: a double line, not one. */
      wa_colour_simulate (v, &inner, &a);
      wa_colour_simulate (v, &pink, &b);
      g_assert_cmpfloat (wa_colour_delta_e (&a, &b), >=, 10);
    }
  g_assert_cmpfloat (cue_margin (&pink, WA_VISION_PROTANOPIA), <, 10);
}

/* WCAG's contrast against the published examples. */
static void
test_contrast (void)
{
  const WaRgb white = { 1, 1, 1 }, black = { 0, 0, 0 }, grey = { 0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0 };

  g_assert_cmpfloat_with_epsilon (wa_colour_contrast (&white, &black), 21, 1e-6);
  g_assert_cmpfloat_with_epsilon (wa_colour_contrast (&black, &white), 21, 1e-6);
  g_assert_cmpfloat_with_epsilon (wa_colour_contrast (&white, &grey), 4.48, 0.01);
}

/* In high contrast, every band of every palette meets the outline the
 * renderer gives it (the black outline, or line_on_dark where black would
 * be under 3:1) at 3:1 or more: the boundaries between the darkest wards
 * stay visible (issue 22, item 11). */
static void
test_high_contrast_outlines (void)
{
  for (int dark = 0; dark < 2; dark++)
    {
      WaMapTheme theme;

      wa_map_theme_init (&theme, dark, TRUE);
      g_assert_true (theme.lines_follow_fill);
      for (WaPalette p = 0; p < WA_N_PALETTES; p++)
        for (guint band = 0; band < WA_N_BANDS; band++)
          {
            WaRgb fill;
            double best;

            wa_palette_band_color (p, band, &fill);
            best = MAX (wa_colour_contrast (&fill, &theme.ward_outline),
                        wa_colour_contrast (&fill, &theme.line_on_dark));
            g_assert_cmpfloat (best, >=, 3.0);
          }
    }
}

/* A theme initialised over stale memory (callers keep it on their stack)
 * is the same as one initialised over zeros: the light theme once kept a
 * stale lines_follow_fill and drew high contrast's casings under every
 * boundary, at twice the boundaries' cost. */
static void
test_theme_init_clears (void)
{
  for (int dark = 0; dark < 2; dark++)
    for (int contrast = 0; contrast < 2; contrast++)
      {
        WaMapTheme stale, clean;

        memset (&stale, 0xa5, sizeof stale);
        memset (&clean, 0, sizeof clean);
        wa_map_theme_init (&stale, dark, contrast);
        wa_map_theme_init (&clean, dark, contrast);
        g_assert_cmpint (stale.lines_follow_fill, ==, clean.lines_follow_fill);
        g_assert_cmpint (stale.lines_follow_fill, ==, contrast);
        g_assert_cmpfloat (stale.coast_alpha, ==, clean.coast_alpha);
        g_assert_true (memcmp (&stale.line_on_dark, &clean.line_on_dark,
                               sizeof stale.line_on_dark) == 0);
      }
}

/* Every pair of change shades at least 10 CIEDE2000 apart for each
 * vision: the categories must not hang on hatching alone. The closest
 * pair (a "partly" shade and a full one) is what the cut protects. */
static void
test_change_shades (void)
{
  static const char *names[] = { "normal", "protanopia", "deuteranopia", "tritanopia" };

  for (WaVision v = 0; v < WA_N_VISIONS; v++)
    {
      double worst = INFINITY;

      for (WaChangeShade a = 0; a < WA_N_CHANGE_SHADES; a++)
        for (WaChangeShade b = a + 1; b < WA_N_CHANGE_SHADES; b++)
          {
            WaRgb ca, cb, sa, sb;

            wa_change_shade_color (a, &ca);
            wa_change_shade_color (b, &cb);
            wa_colour_simulate (v, &ca, &sa);
            wa_colour_simulate (v, &cb, &sb);
            worst = MIN (worst, wa_colour_delta_e (&sa, &sb));
          }
      g_test_message ("%s: closest change shades %.1f apart", names[v], worst);
      g_assert_cmpfloat (worst, >=, 10);
    }
  /* The two changes carry a non-colour cue, each its own. */
  g_assert_cmpint (wa_change_shade_hatch (WA_CHANGE_SHADE_NEWLY), !=, WA_CHANGE_HATCH_NONE);
  g_assert_cmpint (wa_change_shade_hatch (WA_CHANGE_SHADE_NO_LONGER), !=, WA_CHANGE_HATCH_NONE);
  g_assert_cmpint (wa_change_shade_hatch (WA_CHANGE_SHADE_NEWLY), !=,
                   wa_change_shade_hatch (WA_CHANGE_SHADE_NO_LONGER));
  g_assert_cmpint (wa_change_shade_hatch (WA_CHANGE_SHADE_BOTH), ==, WA_CHANGE_HATCH_NONE);
  for (WaChangeCategory c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    for (int partly = 0; partly <= 1; partly++)
      {
        WaChangeShade shade = wa_change_shade_of (c, partly);

        g_assert_cmpint (wa_change_shade_category (shade), ==, c);
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/colour/ciede2000", test_ciede2000);
  g_test_add_func ("/colour/simulation", test_simulation);
  g_test_add_func ("/colour/left-behind-cue", test_left_behind_cue);
  g_test_add_func ("/colour/contrast", test_contrast);
  g_test_add_func ("/colour/high-contrast-outlines", test_high_contrast_outlines);
  g_test_add_func ("/colour/change-shades", test_change_shades);
  g_test_add_func ("/colour/theme-init-clears", test_theme_init_clears);
  return g_test_run ();
}
