package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// TestSourceRules keeps three rules of the package true as it changes:
// every Chinese string lives in strings.go; nothing drawn has a character of
// ambiguous width (… × · “ ”, drawn 2 wide by some Chinese terminals); and
// keys are matched through the key map (key.Matches), never by comparing a
// key's name.
func TestSourceRules(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil {
					return true
				}
				// The quote marks onScreen replaces, and the line-start
				// rule, are tables, not text on screen.
				if s != "“" && s != "”" && s != noLineStart {
					for _, r := range s {
						if runewidth.IsAmbiguousWidth(r) {
							t.Errorf("%s: %q has %q, of ambiguous width", fset.Position(n.Pos()), s, r)
							break
						}
					}
				}
				if name == "strings.go" {
					return true
				}
				for _, r := range s {
					if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
						t.Errorf("%s: Chinese text %s outside strings.go", fset.Position(n.Pos()), n.Value)
						break
					}
				}
			case *ast.BinaryExpr:
				if n.Op != token.EQL && n.Op != token.NEQ {
					return true
				}
				for _, side := range []ast.Expr{n.X, n.Y} {
					if c, ok := side.(*ast.CallExpr); ok {
						if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "String" && len(c.Args) == 0 {
							t.Errorf("%s: a key compared by name; match it with a binding of keys.go", fset.Position(n.Pos()))
						}
					}
				}
			case *ast.SwitchStmt:
				if c, ok := n.Tag.(*ast.CallExpr); ok {
					if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "String" && len(c.Args) == 0 {
						t.Errorf("%s: switch on a key's name; match it with a binding of keys.go", fset.Position(n.Pos()))
					}
				}
			}
			return true
		})
	}
}
