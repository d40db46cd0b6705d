#!/bin/sh
# The guide for the Windows .zip (a GoReleaser before hook, see
# .goreleaser.yaml): docs/使用说明.md with a UTF-8 byte-order mark and CRLF
# line ends, as .build/使用说明.txt, so that Notepad on any Windows 10
# (LTSB/LTSC 2016 and 2019 included) opens it as UTF-8 with its lines.
set -eu
mkdir -p .build
{
	printf '\357\273\277'
	sed 's/$/\r/' docs/使用说明.md
} >.build/使用说明.txt
