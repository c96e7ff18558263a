#!/bin/sh
# Renders the first page of a ledger workbook to PNG, to look at what `tracksheet ledger` prints.
#
#   scripts/preview.sh [WORKBOOK.xlsx] [OUT.png]
#
# Without a workbook, writes the sample ledger (Samples/rectification as of 2025-06-30, plus synthetic overdue and
# due-soon rows) through the ReportsTests preview test. Needs LibreOffice (soffice) and poppler-utils (pdftoppm);
# CJK fonts (fonts-wqy-microhei, fonts-arphic-uming) make Chinese readable when the office fonts are absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/docs/ledger.png}
scratch=${SCRATCH_PATH:-$root/.build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${1:-}" ]; then
    workbook=$1
else
    workbook=$work/ledger.xlsx
    (cd "$root" && TRACKSHEET_LEDGER_PREVIEW=$workbook swift test --scratch-path "$scratch" \
        --filter 'LedgerPreviewTests' >"$work/test.log" 2>&1) || { cat "$work/test.log" >&2; exit 1; }
fi
# Where the office fonts are missing, stand-ins of the same kind: Song (宋) for 仿宋 and 小标宋, Hei (黑) for 黑体.
cat >"$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><accept><family>AR PL UMing CN</family></accept></alias>
  <alias binding="same"><family>方正小标宋简体</family><accept><family>AR PL UMing CN</family></accept></alias>
  <alias binding="same"><family>黑体</family><accept><family>WenQuanYi Micro Hei</family></accept></alias>
</fontconfig>
XML
export FONTCONFIG_FILE="$work/fonts.conf"
# A private LibreOffice profile, so a running office or another user's settings do not interfere.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$workbook" \
    >"$work/soffice.log" 2>&1 || true
pdf=$work/$(basename "${workbook%.*}").pdf
[ -s "$pdf" ] || { echo "preview.sh: LibreOffice could not convert $workbook" >&2; cat "$work/soffice.log" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "${out%.png}"
echo "$out"
