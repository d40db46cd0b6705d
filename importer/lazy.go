package importer

import (
	"regexp"
	"sync"
)

// The importer's patterns and tables are made at their first use, not when
// the program starts: every start of nianbao (the UI's first frame, each
// command) runs the package initialisers of everything linked in, and most
// runs import nothing. Made eagerly, they cost 2.5–4 ms of each start.

// lazyRegexp compiles pattern the first time it is needed (and panics
// then, as regexp.MustCompile would at start, on a bad pattern: the tests
// use every one).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
