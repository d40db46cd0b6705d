#!/usr/bin/env bash
# Remakes the importer's generated test inputs in testdata/gen from the seed:
# nianbao's own exports of a report with a different figure in every cell
# (mkreport), and the forms an office gets from them with real tools:
#   - browser copy: headless Chromium's document.body.innerText of the HTML export;
#   - .docx: LibreOffice's conversion of the HTML export (tables with borders);
#   - PDF: LibreOffice (of the HTML export, without and with table borders, and
#     of the .docx) with narrative of several lengths before 三, so that 三 is
#     split over pages at different rows; Chromium's print to PDF (Type 3
#     fonts), and the same file with its ToUnicode maps taken away;
#   - nianbao's .docx and LibreOffice's PDF of it, as exported (三 on a page
#     of its own) and without keep-with-next in the tables (三 over two
#     pages, as an office's own Word file runs);
#   - pdftotext (poppler) of those PDFs, default and -layout.
#   - the same PDF set in a TrueType CJK font (WenQuanYi Zen Hei), and rewritten
#     by Ghostscript (its fonts re-embedded as Type 1C with custom encodings).
# Needs go, chromium, soffice (LibreOffice Writer), pdftotext, python3,
# gs (ghostscript) and fonts-wqy-zenhei.
# Run from anywhere:  bash importer/testdata/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$here/gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*

cd "$root"
go run ./importer/testdata/mkreport "$tmp"
cp "$tmp"/numbered*.json "$tmp/blanks.json" "$tmp/sparse.json" "$tmp/typical.json" "$tmp/seed.json" "$tmp/numbered.md" "$tmp/numbered.html" "$tmp/seed.html" "$out/"

chrome() {
	local profile
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>/dev/null
	rm -rf "$profile"
}

# A real published report (testdata/real) goes through the same tools.
cp "$here/real/shanghai-bgt-2019.html" "$tmp/shanghai.html"

# Browser copy: the page's innerText, as select-all and copy gives it.
for n in numbered seed shanghai; do
	sed 's#</body>#<script>document.addEventListener("DOMContentLoaded",()=>{const t=document.body.innerText;document.body.textContent="";const p=document.createElement("pre");p.id="innertext";p.textContent=t;document.body.appendChild(p);});</script></body>#' \
		"$tmp/$n.html" >"$tmp/$n.copy.html"
	chrome --dump-dom "file://$tmp/$n.copy.html" >"$tmp/$n.dom"
	python3 - "$tmp/$n.dom" "$out/$n.chromium-copy.txt" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="innertext">(.*?)</pre>', dom, re.S)
open(sys.argv[2], "w", encoding="utf-8").write(html.unescape(m.group(1)))
PY
done

# LibreOffice: one profile for the run, converted in one call per filter.
lo() { soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo-profile" "$@" >/dev/null 2>&1; }
for n in "" -long2 -long4 -long6; do
	sed 's/<table\([ >]\)/<table border="1" cellspacing="0"\1/g' "$tmp/numbered$n.html" >"$tmp/bordered$n.html"
done
mkdir -p "$tmp/web" "$tmp/writer" "$tmp/docx"
lo --convert-to pdf --outdir "$tmp/web" "$tmp/numbered-long2.html" "$tmp/numbered-long4.html" "$tmp/blanks.html"
lo --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp/writer" "$tmp/bordered.html" "$tmp/bordered-long2.html" "$tmp/bordered-long4.html" "$tmp/bordered-long6.html"
lo --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$tmp/docx" "$tmp/bordered.html"
cp "$tmp/docx/bordered.docx" "$out/numbered.libreoffice.docx"
lo --convert-to pdf --outdir "$tmp/docx" "$tmp/docx/bordered.docx"
cp "$tmp/web/numbered-long2.pdf" "$out/numbered-long2.libreoffice-noborders.pdf"
cp "$tmp/web/numbered-long4.pdf" "$out/numbered-long4.libreoffice-noborders.pdf"
cp "$tmp/web/blanks.pdf" "$out/blanks.libreoffice-noborders.pdf"
chrome --no-pdf-header-footer --print-to-pdf="$out/blanks.chromium.pdf" "file://$tmp/blanks.html"
# The same printed with the table borders taken out of the page's style.
sed 's/border:1px solid #000/border:0/g' "$tmp/blanks.html" >"$tmp/blanks-noborders.html"
chrome --no-pdf-header-footer --print-to-pdf="$out/blanks.chromium-noborders.pdf" "file://$tmp/blanks-noborders.html"
for n in "" -long2 -long4 -long6; do
	cp "$tmp/writer/bordered$n.pdf" "$out/numbered$n.libreoffice.pdf"
done
cp "$tmp/docx/bordered.pdf" "$out/numbered.docx.libreoffice.pdf"
# nianbao's own Word export, and LibreOffice's PDF of it (as an office
# publishes the PDF of its .docx): 三 kept on one page, at the top of the
# page after text of several lengths; the seed as exported (its draft
# note above the title); cells left blank; a small agency's zeros.
mkdir -p "$tmp/own" "$tmp/split"
own="numbered numbered-long2 numbered-long4 numbered-long6 blanks sparse typical seed"
for n in $own; do cp "$tmp/$n.docx" "$tmp/own/"; done
cp "$tmp/numbered.docx" "$out/numbered.docx"
lo --convert-to pdf --outdir "$tmp/own" $(for n in $own; do echo "$tmp/own/$n.docx"; done)
for n in numbered numbered-long4 blanks; do
	cp "$tmp/own/$n.pdf" "$out/$n.nianbao-docx.libreoffice.pdf"
done
# The office's own Word file as offices keep one: the same .docx without
# keep-with-next in its tables, so that 三 starts where the text before it
# ends and runs over two pages, its header rows repeated on the second.
split="numbered numbered-long4 blanks sparse typical"
for n in $split; do
	python3 - "$tmp/$n.docx" "$tmp/split/$n.docx" <<'PY'
import re, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    data = src.read(item.filename)
    if item.filename == "word/document.xml":
        data = re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: m.group(0).replace("<w:keepNext/>", ""), data.decode("utf-8"), flags=re.S).encode("utf-8")
    dst.writestr(item, data)
dst.close()
PY
done
lo --convert-to pdf --outdir "$tmp/split" $(for n in $split; do echo "$tmp/split/$n.docx"; done)
for n in numbered numbered-long4; do
	cp "$tmp/split/$n.pdf" "$out/$n.nianbao-docx-split.libreoffice.pdf"
done

# A TrueType CJK font, and the file as Ghostscript rewrites it.
sed 's#</head>#<style>body,p,td,th,h1,h2,h3{font-family:"WenQuanYi Zen Hei" !important}</style></head>#' \
	"$tmp/bordered.html" >"$tmp/truetype.html"
mkdir -p "$tmp/tt"
lo --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp/tt" "$tmp/truetype.html"
cp "$tmp/tt/truetype.pdf" "$out/numbered.libreoffice-truetype.pdf"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile="$out/numbered.ghostscript.pdf" "$tmp/tt/truetype.pdf"

# Chromium's print to PDF draws CJK text in Type 3 fonts with ToUnicode maps.
chrome --no-pdf-header-footer --print-to-pdf="$out/numbered.chromium.pdf" "file://$tmp/numbered.html"
# As a user prints it: with the browser's header and footer (date, title,
# the page's address and page/pages) on every page, in the middle of tables.
chrome --print-to-pdf="$out/numbered.chromium-headers.pdf" "file://$tmp/numbered.html"
# The same without the maps (same length, so the offsets stay right): it
# cannot be read and must be refused.
python3 - "$out/numbered.chromium.pdf" "$out/numbered.chromium-no-tounicode.pdf" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d.replace(b"/ToUnicode", b"/ToUnicodX"))
PY

chrome --no-pdf-header-footer --print-to-pdf="$out/shanghai.chromium.pdf" "file://$tmp/shanghai.html"
mkdir -p "$tmp/real"
lo --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp/real" "$tmp/shanghai.html"
cp "$tmp/real/shanghai.pdf" "$out/shanghai.libreoffice.pdf"

# Text extracted from the PDFs.
for f in numbered.nianbao-docx.libreoffice blanks.nianbao-docx.libreoffice blanks.libreoffice-noborders blanks.chromium numbered-long2.libreoffice numbered.chromium numbered.chromium-headers numbered.docx.libreoffice numbered-long2.libreoffice-noborders shanghai.chromium shanghai.libreoffice; do
	pdftotext -enc UTF-8 "$out/$f.pdf" "$out/$f.pdftotext.txt"
	pdftotext -enc UTF-8 -layout "$out/$f.pdf" "$out/$f.pdftotext-layout.txt"
done
for n in numbered-long2 numbered-long6 sparse typical seed; do
	pdftotext -enc UTF-8 "$tmp/own/$n.pdf" "$out/$n.nianbao-docx.libreoffice.pdftotext.txt"
	pdftotext -enc UTF-8 -layout "$tmp/own/$n.pdf" "$out/$n.nianbao-docx.libreoffice.pdftotext-layout.txt"
done
for n in $split; do
	pdftotext -enc UTF-8 "$tmp/split/$n.pdf" "$out/$n.nianbao-docx-split.libreoffice.pdftotext.txt"
	pdftotext -enc UTF-8 -layout "$tmp/split/$n.pdf" "$out/$n.nianbao-docx-split.libreoffice.pdftotext-layout.txt"
done
# Text copied out of a PDF viewer: the same lines without page breaks.
tr -d '\f' <"$out/numbered.chromium.pdftotext.txt" >"$out/numbered.chromium.viewer-copy.txt"
tr -d '\f' <"$out/numbered.nianbao-docx.libreoffice.pdftotext-layout.txt" >"$out/numbered.nianbao-docx.viewer-copy.txt"
ls -la "$out"
