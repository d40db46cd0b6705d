package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// textParts are the narrative parts `text` replaces, with their Chinese
// names; the Chinese numerals are accepted as aliases.
var textParts = []struct {
	key, alias, name string
}{
	{"preface", partPrefaceAlias, partPrefaceName},
	{"s1", partS1Alias, model.SectionHeadings[0]},
	{"s5", partS5Alias, model.SectionHeadings[4]},
	{"s6", partS6Alias, model.SectionHeadings[5]},
}

func (a *app) textCmd() *cobra.Command {
	var empty bool
	cmd := command(helpText, argsRange(2, 3, argsText), func(cmd *cobra.Command, args []string) error {
		part, name := "", ""
		for _, p := range textParts {
			if args[1] == p.key || args[1] == p.alias {
				part, name = p.key, p.name
			}
		}
		if part == "" {
			return usageErr(txtBadPart, args[1])
		}
		var data []byte
		var err error
		src := txtStdin
		if len(args) == 3 && args[2] != "-" {
			src = txtFileNamed + args[2]
			data, err = os.ReadFile(args[2])
			if err != nil {
				return usageErr(txtCannotReadFile, args[2], fileReason(args[2], err))
			}
		} else {
			data, err = io.ReadAll(a.stdin)
			if err != nil {
				return usageErr(txtCannotReadStdin, err)
			}
		}
		text, err := importer.DecodeText(data)
		if err != nil {
			return usageErr(txtCannotReadSrc, src, err.Error())
		}
		text, removed := cleanText(text)
		if removed > 0 {
			a.note(txtControlsRemoved, removed)
		}
		if text == "" && !empty {
			return usageErr(txtTextEmpty, src)
		}
		return a.withStore(func(s *store.Store) error {
			r, err := a.resolveArg(s, args[0])
			if err != nil {
				return err
			}
			switch part {
			case "preface":
				r.Preface = text
			case "s1":
				office.SetSection1(r, text)
			case "s5":
				r.S5 = text
			case "s6":
				r.S6 = text
			}
			if err := s.Save(r, sumText+name); err != nil {
				if src == txtStdin && store.Unusable(err) {
					// What came from standard input is nowhere else.
					return stdinAside(s.Path(), args[0], args[1], text, err)
				}
				return storeErr(err)
			}
			if part == "s1" {
				a.note(txtReplacedS1, name, len([]rune(r.S1.Intro)), len(r.S1.Parts))
			} else {
				a.note(txtReplaced, name, len([]rune(text)))
			}
			return nil
		})
	})
	cmd.Flags().BoolVar(&empty, "empty", false, flagEmpty)
	return cmd
}

// stdinAside: the text read from standard input could not be saved (err):
// it is written to a file (office.SaveAside: beside the draft file, in the
// home folder or the temporary folder), which the message names with the
// command that puts it in the report.
func stdinAside(draft, report, part, text string, err error) error {
	ce := storeErr(err).(*cliError)
	path, aerr := office.SaveAside(office.RescuePlaces(draft), fmt.Sprintf(txtStdinFile, part), []byte(text+"\n"), time.Now())
	if aerr != nil {
		ce.msg += fmt.Sprintf(txtStdinLost, aerr.Error())
	} else {
		ce.msg += fmt.Sprintf(txtStdinAside, path, shellArg(report), part, shellArg(path))
	}
	return ce
}

// cleanText makes text as typed: the model's CleanText (\n line ends, no
// control character; removed says how many it dropped), no trailing spaces
// on lines, no blank lines at either end (a file usually ends with a
// newline).
func cleanText(s string) (clean string, removed int) {
	s, removed = model.CleanText(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, lineEndSpaces)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n"), removed
}

// formatList is the export formats' command-line names: html、md、json.
func formatList() string { return strings.Join(export.Names(), txtListSep) }

// exportHelp fills the export command's help from the export registry.
func exportHelp() cmdHelp {
	h := helpExport
	var lines []string
	for _, f := range export.Formats {
		c, _ := export.ChoiceOf(f.Format, export.Options{})
		lines = append(lines, fmt.Sprintf(txtFormatLine, f.Format, c.Label))
	}
	var frag []string
	for _, f := range export.FragmentFormats() {
		frag = append(frag, string(f))
	}
	h.use = fmt.Sprintf(h.use, strings.Join(export.Names(), "|"))
	h.short = fmt.Sprintf(h.short, formatList())
	h.long = fmt.Sprintf(h.long, strings.Join(lines, "\n"), strings.Join(frag, txtListSep))
	return h
}

func (a *app) exportCmd() *cobra.Command {
	var format, out string
	var fragment, force, title bool
	cmd := command(exportHelp(), argsExact(1, argsExportReport), func(cmd *cobra.Command, args []string) error {
		if format == "" && out != "" && out != "-" {
			format = filepath.Ext(out) // infer from -o when --format is missing
		}
		if format == "" {
			return usageErr(txtNeedFormat, formatList())
		}
		f, err := export.ParseFormat(format)
		if err != nil {
			return usageErr("%s", err.Error())
		}
		choice, ok := export.ChoiceOf(f, export.Options{Fragment: fragment})
		if !ok {
			var names []string
			for _, ff := range export.FragmentFormats() {
				names = append(names, "--format "+string(ff))
			}
			return usageErr(txtFragmentOnly, strings.Join(names, txtListSep))
		}
		if title && !fragment {
			return usageErr(txtTitleFragmentOnly)
		}
		choice.Options.Title = title
		if fi, ok := f.Info(); ok && fi.Binary && out == "-" && isTerminal(a.rawStdout) {
			return usageErr(txtBinaryToTerminal, fi.Label)
		}
		ref, err := parseReportRef(args[0])
		if err != nil {
			return err
		}
		job := office.ExportJob{Choice: choice, Path: out, Force: force}
		do := func(o *office.Office) error {
			done, err := o.Export(job)
			switch {
			case errors.Is(err, export.ErrExists):
				return usageErr(txtTargetExists, err.Error())
			case err != nil:
				return usageErr("%s", err.Error())
			}
			if done.RecordErr != nil {
				a.note(txtNotRecorded, storeMessage(done.RecordErr))
			}
			if done.Path == "-" {
				if err := a.writeData(done.Data); err != nil {
					return err
				}
			} else {
				fmt.Fprintln(a.stdout, a.shown(done.Path, out))
			}
			if n := done.Counts; n.Draft() {
				a.note(txtExportDraft, n.AllErrors(), n.Missing())
			}
			return nil
		}
		if ref.isFile() {
			if job.Report, err = readJSONReport(ref.file); err != nil {
				return err
			}
			return do(a.office(nil))
		}
		return a.withExporter(func(s *store.Store) error {
			o := a.office(s)
			if job.Report, err = a.resolve(s, ref); err != nil {
				return err
			}
			job.Record = true
			return do(o)
		})
	})
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", fmt.Sprintf(flagFormat, formatList()))
	fl.BoolVar(&fragment, "fragment", false, flagFragment)
	fl.BoolVar(&title, "title", false, flagTitle)
	fl.StringVarP(&out, "output", "o", "", flagOutput)
	fl.BoolVar(&force, "force", false, flagForce)
	return cmd
}

// shown is the path printed for a written export: as the officer gave it
// with -o, else the default name relative to the current folder.
func (a *app) shown(abs, given string) string {
	if given != "" {
		return given
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return abs
}

func (a *app) importCmd() *cobra.Command {
	var agency string
	var year int
	var replace bool
	h := helpImport
	h.long = fmt.Sprintf(h.long, strings.Join(importer.Extensions(), txtListSep))
	cmd := command(h, argsExact(1, argsFile), func(cmd *cobra.Command, args []string) error {
		fl := cmd.Flags()
		var err error
		if fl.Changed("agency") {
			if agency, err = checkAgency(agency); err != nil {
				return err
			}
		}
		if fl.Changed("year") {
			if err := checkYear(year); err != nil {
				return err
			}
		}
		path := args[0]
		if st, err := os.Stat(path); err != nil {
			return usageErr(txtCannotReadFile, path, fileReason(path, err))
		} else if st.IsDir() {
			return usageErr(txtFileIsFolder, path)
		}
		imp, err := office.ReadImport(path, importer.Options{Agency: agency, Year: year})
		var me *office.MissingError
		switch {
		case errors.As(err, &me) && me.Year:
			return usageErr(txtImportNoYear, me.Error())
		case errors.As(err, &me):
			return usageErr(txtImportNoAgency, me.Error())
		case err != nil:
			// The importer's message already names the file.
			msg := err.Error()
			if strings.Contains(msg, importerNeedsNames) {
				msg += txtUseAgencyYear
			}
			return usageErr(txtCannotImport, msg)
		}
		r := imp.Report
		if err := checkYear(r.Year); err != nil {
			return err
		}
		return a.withOffice(func(o *office.Office) error {
			err = o.StoreImport(imp, replace)
			var ee *office.ExistsError
			switch {
			case errors.As(err, &ee):
				return usageErr(txtImportExists, reportName(r.Agency, r.Year))
			case err != nil:
				return storeErr(err)
			}
			if imp.KindDefaulted {
				imp.Notes = append(imp.Notes, fmt.Sprintf(txtImportKind, model.KindOther.Name()))
			}
			for _, n := range imp.Notes {
				a.note(txtImportNote, n)
			}
			fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
			return nil
		})
	})
	fl := cmd.Flags()
	fl.StringVar(&agency, "agency", "", flagImpAg)
	fl.IntVar(&year, "year", 0, flagImpYear)
	fl.BoolVar(&replace, "replace", false, flagReplace)
	return cmd
}

// writeData writes a file's content to standard output (-o -). To a file
// or a pipe it is data and goes byte for byte as the file would be written
// (a binary format is refused earlier when stdout is a terminal; the text
// formats hold no control byte of the officer's, since every way in strips
// them). To a terminal, text passes termsafe like everything printed, its
// CRLF line ends (CSV) as LF.
func (a *app) writeData(data []byte) error {
	var err error
	if isTerminal(a.rawStdout) {
		_, err = a.stdout.Write(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
	} else {
		_, err = a.rawStdout.Write(data)
	}
	if err != nil {
		return usageErr(txtCannotWriteStdout, err)
	}
	return nil
}

// isTerminal reports whether w is a terminal (a binary export would garble
// it).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
