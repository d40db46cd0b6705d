package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"nianbao/internal/fsreason"
	"nianbao/model"
)

// reportRef is a REPORT argument, resolved by its form: a JSON file (ends in
// .json or names an existing file), an id as `list --json` shows it, or
// 机关名称/年度 split at the last "/".
type reportRef struct {
	arg    string
	file   string
	id     string
	agency string
	year   int
}

func (r reportRef) isFile() bool { return r.file != "" }

// parseReportRef resolves one REPORT argument.
func parseReportRef(arg string) (reportRef, error) {
	ref := reportRef{arg: arg}
	if strings.HasSuffix(strings.ToLower(arg), ".json") {
		ref.file = arg
		return ref, nil
	}
	if st, err := os.Stat(arg); err == nil && st.Mode().IsRegular() {
		ref.file = arg
		return ref, nil
	}
	i := strings.LastIndex(arg, "/")
	if i < 0 {
		if isID(arg) {
			ref.id = arg
			return ref, nil
		}
		return ref, usageErr(txtNotAReport, arg)
	}
	agency, ys := strings.TrimSpace(arg[:i]), strings.TrimSpace(arg[i+1:])
	if agency == "" {
		return ref, usageErr(txtNoAgencyInRef, arg)
	}
	year, ok := parseYear(ys)
	if !ok {
		return ref, usageErr(txtBadYearInRef, arg, ys, agency)
	}
	ref.agency, ref.year = agency, year
	return ref, nil
}

// parseYear reads a four-digit year (full-width digits too, as an IME types them).
func parseYear(s string) (int, bool) {
	s = model.NormalizeInput(s)
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 {
		return 0, false
	}
	return y, true
}

// isID reports whether s looks like a report id made by model.NewID.
func isID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// reportName is how the command line names a report: 机关名称/年度.
func reportName(agency string, year int) string {
	return fmt.Sprintf(txtReportName, agency, year)
}

// readJSONReport reads a report from a nianbao JSON file.
func readJSONReport(path string) (*model.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr(txtCannotReadFile, path, fileReason(path, err))
	}
	r, err := model.Decode(data)
	if err != nil {
		return nil, usageErr(txtFileProblem, path, err.Error())
	}
	return r, nil
}

// fileReason says in Chinese why the file at path could not be read or
// written (fsreason: the words every package uses).
func fileReason(path string, err error) string { return fsreason.Reason(path, err) }
