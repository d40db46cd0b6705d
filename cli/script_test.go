package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The transcripts in testdata/script run the real nianbao command (this test
// binary, as testscript builds it) in a folder of their own, with NIANBAO_DB
// pointing at a draft file there: a reviewer reads what an officer types and
// what the program answers.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"nianbao": func() { os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	seed, err := os.ReadFile("testdata/miyun-kejiwei-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NIANBAO_DB", filepath.Join(env.WorkDir, "drafts.db"))
			// The published report the importer's tests use too.
			return os.WriteFile(filepath.Join(env.WorkDir, "seed.txt"), seed, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exit N PROG ARGS... runs PROG and wants exit code N: the
			// command line's codes (1 findings, 2 usage, 3 draft file)
			// are part of what it promises.
			"exit": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exit CODE PROG [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				code := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("%s: %v", args[1], err)
					}
					code = ee.ExitCode()
				}
				if code != want {
					ts.Fatalf("exit code %d, want %d", code, want)
				}
			},
		},
	})
}
