package office

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"nianbao/export"
	"nianbao/model"
)

// When the last save of a report fails and the program is ending (its
// window closed, the officer quit after a failed save), what was typed is
// in memory only, and about to go. Rescue writes it to a file instead: the
// report as nianbao JSON, which an import reads back (replacing the stored
// report, whose state before is kept in its history). The text of a
// command line run that came from standard input is kept the same way
// (SaveAside).

// RescuePlaces are the folders SaveAside tries, in order: the draft file's
// own folder (where the officer's work already is), the user's home folder,
// the temporary folder. A full or read-only disk usually spares one of them.
func RescuePlaces(draftPath string) []string {
	var out []string
	add := func(dir string) {
		if dir == "" {
			return
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		for _, d := range out {
			if d == dir {
				return
			}
		}
		out = append(out, dir)
	}
	if draftPath != "" {
		add(filepath.Dir(draftPath))
	}
	if home, err := os.UserHomeDir(); err == nil {
		add(home)
	}
	add(os.TempDir())
	return out
}

// RescueError says that no place took the file: each folder tried, with
// the reason it refused.
type RescueError struct {
	Tried []error // export.WriteFile's Chinese errors, one per folder
}

func (e *RescueError) Error() string {
	msgs := make([]string, len(e.Tried))
	for i, err := range e.Tried {
		msgs[i] = err.Error()
	}
	return fmt.Sprintf(txtRescueFailed, strings.Join(msgs, txtRescueSep))
}

// SaveAside writes data as a new file named name (its stem stamped with
// the time now, so that nothing is overwritten) to the first of places
// that takes it, atomically; it returns the file's path.
func SaveAside(places []string, name string, data []byte, now time.Time) (string, error) {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext) + fmt.Sprintf(txtUnsavedMark, now.Format("20060102-150405"))
	rerr := &RescueError{}
	for _, dir := range places {
		for n := 1; ; n++ {
			file := stem + ext
			if n > 1 {
				file = fmt.Sprintf("%s-%d%s", stem, n, ext)
			}
			path := filepath.Join(dir, file)
			err := export.WriteFile(path, data, false)
			if errors.Is(err, export.ErrExists) && n < 100 {
				continue
			}
			if err == nil {
				return path, nil
			}
			rerr.Tried = append(rerr.Tried, err)
			break
		}
	}
	return "", rerr
}

// Rescue writes r, which could not be saved to the draft file at
// draftPath, as nianbao JSON (ReadImport reads it back) to the first of
// RescuePlaces(draftPath) that takes it.
func Rescue(r *model.Report, draftPath string, now time.Time) (string, error) {
	data, err := export.Render(r, export.JSON, export.Options{})
	if err != nil {
		return "", err
	}
	return SaveAside(RescuePlaces(draftPath), export.DefaultFileName(r, export.JSON), data, now)
}
