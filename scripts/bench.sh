#!/bin/sh
# bench.sh runs the performance benchmarks of issue 15 and prints every
# goal with its measured ratio. The machine is often shared, so each ratio
# is taken from benchmarks run one right after the other, in COUNT rounds,
# and the median of the rounds' ratios is printed; the times compared are
# the CPU time per op where the benchmark reports it (cpu-ms/op, less
# disturbed by other work than the wall time), else the wall time. Takes a
# few minutes.
#
#   scripts/bench.sh            all goals, 2 rounds (about 6 minutes)
#   COUNT=5 scripts/bench.sh    more rounds
#   ONLY=ui scripts/bench.sh    only the goals of one package (cli, store, ui)
set -eu
cd "$(dirname "$0")/.."
COUNT=${COUNT:-2}
ONLY=${ONLY:-}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

run() { # round, package, pattern, extra flags
	case "$ONLY" in "" | "${2#./}") ;; *) return 0 ;; esac
	go test -run '^$' -bench "$3" -count 1 $4 "$2" >"$out.tmp" 2>&1 || { cat "$out.tmp"; exit 1; }
	sed "s/^/R$1 /" "$out.tmp" >>"$out"
	rm -f "$out.tmp"
}
echo "测量中（$COUNT 轮，约几分钟）……" >&2
i=1
while [ "$i" -le "$COUNT" ]; do
	run "$i" ./cli 'BenchmarkProcess' ''
	run "$i" ./cli 'Benchmark(Check1000|Decode1000|CheckAll1000|GetAll1000)$' ''
	run "$i" ./store 'Benchmark(OpenList|Save|BareUpdate)$' ''
	run "$i" ./ui 'Benchmark(FirstFrame|MinimalFirstFrame|MinimalCJKFirstFrame|KeystrokeE2E|LipglossTable|LongTextE2E|UpstreamWideRepaint)$' ''
	i=$((i + 1))
done
run 1 ./store 'Benchmark(History10000|Year50)$' '-benchtime=1x'

awk -v rounds="$COUNT" -v cpus="$(nproc 2>/dev/null || echo ?)" '
function med(arr, n,   i, j, t) {
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
	return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
}
# t(name): median over rounds of the time per op (ms); -1 when not run.
function t(name,   n, r, a) {
	n = 0
	for (r = 1; r <= rounds; r++) if ((r, name) in val) a[++n] = val[r, name]
	return n ? med(a, n) : -1
}
function m(name, unit) { return ((1, name, unit) in metric) ? metric[1, name, unit] : -1 }
# wm(name, unit): median over rounds of a reported metric.
function wm(name, unit,   n, r, a) {
	n = 0
	for (r = 1; r <= rounds; r++) if ((r, name, unit) in metric) a[++n] = metric[r, name, unit]
	return n ? med(a, n) : -1
}
function ms(x) { return x < 0 ? "—" : sprintf("%.2f ms", x) }
function ratio(goal, a, b, limit, worst,   n, r, x, ok) {
	n = 0
	for (r = 1; r <= rounds; r++) if ((r, a) in val && (r, b) in val && val[r, b] > 0) x[++n] = val[r, a] / val[r, b]
	if (!n) { printf "%-52s （未测）\n", goal; return }
	x0 = med(x, n)
	if (limit == 0) ok = "（参考）"
	else ok = (x0 <= limit) ? "达到" : (worst > 0 && x0 <= worst ? "未达到目标，在上限内" : "未达到")
	printf "%-52s %6.2f×  （%s / %s%s）%s\n", goal, x0, ms(t(a)), ms(t(b)), (limit ? "；目标 ≤ " limit "×" : ""), ok
}
/^R[0-9]+ Benchmark/ {
	r = substr($1, 2); name = $2; sub(/-[0-9]+$/, "", name)
	v = $4 / 1e6 # ns/op in ms
	for (i = 4; i < NF; i += 2) {
		metric[r, name, $(i + 1)] = $i
		if ($(i + 1) == "cpu-ms/op") v = $i
	}
	val[r, name] = v
}
/^R[0-9]+ cpu:/ && !cpu { cpu = $0; sub(/^R[0-9]+ cpu: */, "", cpu); sub(/ +$/, "", cpu) }
END {
	printf "机器：%s，%s 核（与其他任务共用）；每项 %d 轮，取各轮比值的中位数；时间为每次的 CPU 时间\n\n", cpu, cpus, rounds
	print "整个进程：草稿文件中 1000 份报告 相对 1 份（目标 ≤ 1.2×，最多 1.5×）"
	split("list set check export", c, " ")
	for (i = 1; i <= 4; i++)
		ratio("  nianbao " c[i], "BenchmarkProcess/" c[i] "/1000", "BenchmarkProcess/" c[i] "/1", 1.2, 1.5)
	print ""
	ratio("check 1000 个 JSON 文件 相对 只读取并解码它们", "BenchmarkCheck1000", "BenchmarkDecode1000", 1.2, 0)
	ratio("check --all（1000 份）相对 打开、列出、各解码一次", "BenchmarkCheckAll1000", "BenchmarkGetAll1000", 0, 0)
	print ""
	print "草稿文件（store）"
	printf "  打开并列出：1 份 %s，100 份 %s，1000 份 %s（只读摘要，不读报告）\n", ms(t("BenchmarkOpenList/1")), ms(t("BenchmarkOpenList/100")), ms(t("BenchmarkOpenList/1000"))
	ratio("  保存一份完整报告：500 份报告的文件 相对 1 份", "BenchmarkSave/500", "BenchmarkSave/1", 0, 0)
	ratio("  保存（1 份的文件）相对 裸 bbolt 写同样字节+fsync", "BenchmarkSave/1", "BenchmarkBareUpdate/1", 0, 0)
	ratio("  保存（500 份的文件）相对 裸 bbolt 写同样字节+fsync", "BenchmarkSave/500", "BenchmarkBareUpdate/500", 0, 0)
	if (m("BenchmarkHistory10000", "revisions") >= 0)
		printf "  一份报告保存 10000 次（每 20 分钟一次，约 139 天）：保留 %d 个历史版本，文件 %.0f KB\n", m("BenchmarkHistory10000", "revisions"), m("BenchmarkHistory10000", "compacted-bytes") / 1024
	y = m("BenchmarkYear50", "file-MB")
	if (y >= 0) {
		u = m("BenchmarkYear50", "uncompacted-MB")
		printf "  50 份报告每天编辑两次、整整一年：每份保留 %d 个历史版本，内容 %.1f MB\n", m("BenchmarkYear50", "revisions/report"), m("BenchmarkYear50", "payload-MB")
		printf "    不压缩时文件 %.2f MB（其中在用的页 %.2f MB；目标 ≤ 10 MB：%.2f×，%s）\n", u, m("BenchmarkYear50", "used-MB"), u / 10, (u <= 10 ? "达到" : "未达到")
		printf "    压缩（nianbao compact）后文件 %.2f MB（%.2f×，%s）\n", y, y / 10, (y <= 10 ? "达到" : "未达到")
	}
	print ""
	print "填报界面（ui）：整个程序在 120×40 的伪终端中启动，到第一屏显示出来"
	ratio("  第一屏，1000 份报告、10000 个历史版本 相对 最小的 Bubble Tea 程序", "BenchmarkFirstFrame/1000", "BenchmarkMinimalFirstFrame", 1.2, 0)
	ratio("  第一屏，1 份报告 相对 最小的 Bubble Tea 程序", "BenchmarkFirstFrame/1", "BenchmarkMinimalFirstFrame", 0, 0)
	ratio("  第一屏，1000 份报告 相对 1 份", "BenchmarkFirstFrame/1000", "BenchmarkFirstFrame/1", 0, 0)
	ratio("  画一行中文的最小程序 相对 最小的 Bubble Tea 程序", "BenchmarkMinimalCJKFirstFrame", "BenchmarkMinimalFirstFrame", 0, 0)
	ratio("  第一屏，1000 份报告 相对 画一行中文的最小程序", "BenchmarkFirstFrame/1000", "BenchmarkMinimalCJKFirstFrame", 0, 0)
	printf "  （墙上时间：最小程序 %.0f ms，1 份 %.0f ms，1000 份 %.0f ms）\n", wm("BenchmarkMinimalFirstFrame", "frame-ms/op"), wm("BenchmarkFirstFrame/1", "frame-ms/op"), wm("BenchmarkFirstFrame/1000", "frame-ms/op")
	print "  按键（Update + View + Bubble Tea 的渲染器写出；完整的种子报告，表三）："
	ratio("    确认一格（120×40）相对 lipgloss 表格画同一张表", "BenchmarkKeystrokeE2E/commit/120x40", "BenchmarkLipglossTable", 0.125, 0)
	ratio("    移动光标（120×40）相对 lipgloss 表格", "BenchmarkKeystrokeE2E/move/120x40", "BenchmarkLipglossTable", 0, 0)
	printf "    每次按键写到终端的字节：确认 %d（120×40）/ %d（80×24），移动 %d / %d\n", wm("BenchmarkKeystrokeE2E/commit/120x40", "bytes/frame"), wm("BenchmarkKeystrokeE2E/commit/80x24", "bytes/frame"), wm("BenchmarkKeystrokeE2E/move/120x40", "bytes/frame"), wm("BenchmarkKeystrokeE2E/move/80x24", "bytes/frame")
	printf "    上游（ultraviolet#163）：同样的画面每帧 ASCII %d 字节，每行有一个汉字 %d 字节\n", wm("BenchmarkUpstreamWideRepaint/ascii", "bytes/frame"), wm("BenchmarkUpstreamWideRepaint/wide", "bytes/frame")
	ratio("  在 3300 字的文字末尾打一个字（端到端）相对 lipgloss 表格", "BenchmarkLongTextE2E/end", "BenchmarkLipglossTable", 0, 0)
	le = t("BenchmarkLongTextE2E/end"); ls = t("BenchmarkLongTextE2E/start"); lt = (le > ls ? le : ls)
	if (lt >= 0) printf "  在 3300 字的文字中打一个字（端到端）：光标在末尾 %.2f ms，在开头 %.2f ms（目标 ≤ 1 ms，%s）\n", le, ls, (lt <= 1 ? "达到" : "未达到")
}' "$out"
