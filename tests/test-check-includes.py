#!/usr/bin/env python3
"""Tests of check-includes.py on small made-up trees: each rule fails the
check when broken, and a clean tree passes."""
import importlib.util
import io
import pathlib
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location('check_includes', HERE / 'check-includes.py')
check_includes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_includes)

CLEAN = {
    'core/ward-atlas-core.h': '#include "wa-atlas.h"\n#include "wa-ward-csv.h"\n',
    'core/model/wa-ward.h': '#include <glib-object.h>\n',
    'core/model/wa-atlas.h': '#include "wa-ward.h"\n',
    'core/model/wa-atlas-private.h': '#include "wa-atlas.h"\n',
    'core/model/wa-atlas.c': '#include "wa-atlas-private.h"\n#include <gdal.h>\n',
    'core/export/wa-ward-csv.h': '#include "wa-atlas.h"\n',
    'core/pipeline/wa-pack-builder.h': '#include "wa-atlas.h"\n',
    'render/wa-map-style.h': '#include "wa-atlas.h"\n',
    'gtk/wa-window.c': '#include <gtk/gtk.h>\n#include "ward-atlas-core.h"\n#include "wa-map-style.h"\n',
    'cli/cli-build-pack.c': '#include "ward-atlas-core.h"\n#include "wa-pack-builder.h"\n',
}


class CheckIncludes(unittest.TestCase):
    def run_check(self, changes, strict=False):
        with tempfile.TemporaryDirectory() as tmp:
            app = pathlib.Path(tmp) / 'app'
            for name, text in {**CLEAN, **changes}.items():
                path = app / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
            out = io.StringIO()
            return check_includes.check(app, strict=strict, out=out), out.getvalue()

    def test_clean_tree_passes(self):
        rc, out = self.run_check({})
        self.assertEqual(rc, 0, out)

    def test_header_cycle_is_named(self):
        rc, out = self.run_check({'core/model/wa-ward.h': '#include "wa-atlas.h"\n'})
        self.assertEqual(rc, 1)
        self.assertIn('include cycle: ', out)
        self.assertIn('wa-ward.h', out)
        self.assertIn('wa-atlas.h', out)

    def test_model_including_render_fails(self):
        rc, out = self.run_check({'core/model/wa-atlas.c': '#include "wa-map-style.h"\n'})
        self.assertEqual(rc, 1)
        self.assertIn('model includes app/render/wa-map-style.h', out)

    def test_export_including_pipeline_fails(self):
        rc, out = self.run_check({'core/export/wa-ward-csv.c': '#include "wa-pack-builder.h"\n'})
        self.assertEqual(rc, 1)
        self.assertIn('export includes', out)

    def test_render_including_toolkit_fails(self):
        rc, out = self.run_check({'render/wa-map-style.c': '#include <shumate/shumate.h>\n'})
        self.assertEqual(rc, 1)
        self.assertIn('<shumate/shumate.h>', out)

    def test_umbrella_in_model_fails(self):
        rc, out = self.run_check({'core/model/wa-ward.c': '#include "ward-atlas-core.h"\n'})
        self.assertEqual(rc, 1)

    def test_umbrella_in_pipeline_is_listed_then_strict(self):
        change = {'core/pipeline/wa-build.c': '#include "ward-atlas-core.h"\n'}
        rc, out = self.run_check(change)
        self.assertEqual(rc, 0, out)
        self.assertIn('still include the umbrella', out)
        rc, out = self.run_check(change, strict=True)
        self.assertEqual(rc, 1)

    def test_umbrella_gathering_pipeline_fails(self):
        rc, out = self.run_check({'core/ward-atlas-core.h': '#include "wa-pack-builder.h"\n'})
        self.assertEqual(rc, 1)

    def test_private_header_outside_its_folder_fails(self):
        rc, out = self.run_check({'gtk/wa-window.c': '#include "wa-atlas-private.h"\n'})
        self.assertEqual(rc, 1)
        self.assertIn('private to its folder', out)


if __name__ == '__main__':
    unittest.main(argv=sys.argv[:1], verbosity=2)
