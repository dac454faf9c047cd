/* wa-colour.h: colour science for checking the map's cues: colour-vision
 * deficiency simulation (Machado, Oliveira and Fernandes 2009, severity
 * 1.0, on linear sRGB) and the CIEDE2000 colour difference. */
#pragma once

#include "wa-palette.h"

G_BEGIN_DECLS

typedef enum {
  WA_VISION_NORMAL,
  WA_VISION_PROTANOPIA,
  WA_VISION_DEUTERANOPIA,
  WA_VISION_TRITANOPIA,
  WA_N_VISIONS
} WaVision;

/* in as seen with vision, as sRGB (components clamped to [0, 1]). */
void   wa_colour_simulate (WaVision vision, const WaRgb *in, WaRgb *out);
/* CIEDE2000 difference between two sRGB colours (D65). */
double wa_colour_delta_e (const WaRgb *a, const WaRgb *b);
/* The same for two CIELAB colours (for the published test pairs). */
double wa_colour_delta_e_lab (const double p[3], const double q[3]);
/* WCAG 2 relative luminance of an sRGB colour, and the contrast ratio of
 * two colours (1 to 21). */
double wa_colour_luminance (const WaRgb *c);
double wa_colour_contrast (const WaRgb *a, const WaRgb *b);

G_END_DECLS
