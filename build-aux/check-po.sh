#!/bin/sh
# check-po.sh FILE.po: msgfmt --check clean, and complete: no untranslated
# and no fuzzy messages.
set -e
po=$1
msgfmt --check --statistics --output-file=/dev/null "$po"
untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry (msgid "") whenever it prints anything.
if [ "$untranslated" -gt 1 ] || [ "$fuzzy" -gt 1 ]; then
  echo "$po: incomplete: untranslated or fuzzy messages:" >&2
  msgattrib --untranslated --no-obsolete "$po" | grep -A1 '^msgid ' | head -40 >&2
  msgattrib --only-fuzzy --no-obsolete "$po" | grep -A1 '^msgid ' | head -40 >&2
  exit 1
fi
