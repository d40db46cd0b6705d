// Package sourcerules holds the test that keeps the source rules of every
// package of the module true as it changes (ARCHITECTURE.md, "Source rules").
package sourcerules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/mattn/go-runewidth"
)

const module = "nianbao"

// root is the module's folder, two up from here.
const root = "../.."

// pkg is one package of the module: its import path, folder and the parsed
// non-test files.
type pkg struct {
	path, dir string
	files     map[string]*ast.File // by base name
	fset      *token.FileSet
}

func loadPackages(t *testing.T) []*pkg {
	t.Helper()
	byDir := map[string]*pkg{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		dir := filepath.Dir(p)
		k := byDir[dir]
		if k == nil {
			rel, _ := filepath.Rel(root, dir)
			path := module
			if rel != "." {
				path += "/" + filepath.ToSlash(rel)
			}
			k = &pkg{path: path, dir: dir, files: map[string]*ast.File{}, fset: fset}
			byDir[dir] = k
		}
		k.files[filepath.Base(p)] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []*pkg
	for _, k := range byDir {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b *pkg) int { return strings.Compare(a.path, b.path) })
	if len(out) < 8 {
		t.Fatalf("found only %d packages", len(out))
	}
	return out
}

// short is a package's name in ARCHITECTURE.md: nianbao for the root,
// else the path inside the module.
func short(path string) string {
	if path == module {
		return module
	}
	return strings.TrimPrefix(path, module+"/")
}

var archRow = regexp.MustCompile("^\\| `([^`]+)` \\|.*\\| ([^|]*) \\|$")

// TestImportsAsArchitectureSays: every package imports only the packages of
// ours that ARCHITECTURE.md allows it, and every package is in the table.
func TestImportsAsArchitectureSays(t *testing.T) {
	md, err := os.ReadFile(filepath.Join(root, "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string][]string{}
	for _, l := range strings.Split(string(md), "\n") {
		m := archRow.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		var deps []string
		for _, d := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[2], -1) {
			deps = append(deps, d[1])
		}
		allowed[m[1]] = deps
	}
	for _, p := range loadPackages(t) {
		name := short(p.path)
		deps, ok := allowed[name]
		if !ok {
			t.Errorf("package %s is not in ARCHITECTURE.md's table", name)
			continue
		}
		for fn, f := range p.files {
			for _, im := range f.Imports {
				ip, _ := strconv.Unquote(im.Path.Value)
				if ip != module && !strings.HasPrefix(ip, module+"/") {
					continue
				}
				if !slices.Contains(deps, short(ip)) {
					t.Errorf("%s/%s imports %s; ARCHITECTURE.md allows %s only %v", name, fn, ip, name, deps)
				}
			}
		}
	}
}

// chineseFiles are the files besides strings*.go where a package may keep
// Chinese text, with the reason. The front ends, office and store keep all
// of theirs in their strings files; the model, the export and the importer
// keep the official format's labels and their parsers' vocabulary as data
// beside the code that reads it, and their messages where they are until
// their own branches move them. A new file of theirs with Chinese in it is
// added here, with its reason, or its text goes to strings.go.
var chineseFiles = map[string]map[string]string{
	"model": {
		"structure.go":      "the official format: labels of tables, rows and columns",
		"report.go":         "the official kinds, scopes, headings and default texts",
		"rules.go":          "the rule table: each rule's source and message",
		"rules_text.go":     "the text rules: their vocabulary and messages",
		"text.go":           "the vocabulary of the narrative parser",
		"input.go":          "messages of input parsing",
		"json.go":           "messages of JSON decoding",
		"findings.go":       "the severities' names",
		"checks.go":         "the rule source's brackets",
		"section1.go":       "the numbering （一） and the marks that end a title",
		"date.go":           "the 落款 date's form (2024年1月20日) and the separators typed with an IME",
		"sanitize.go":       "messages of the checks of names and texts",
		"rules_fee_text.go": "the fee sentence's vocabulary and the rule's messages",
		"rules_year.go":     "the year rules' vocabulary and messages",
	},
	"export": {
		"export.go":   "the fee sentence, the draft banner, write failures",
		"html.go":     "the document's fixed text",
		"markdown.go": "the document's fixed text",
		"docx.go":     "the document's font names (GB/T 9704) and its errors",
		"signoff.go":  "the 落款",
	},
	"importer": {
		"assemble.go":  "headings and markers of published reports, notes",
		"docx.go":      "errors of .docx files",
		"extracted.go": "the year mark and sentence ends of text extracted from PDFs",
		"pdf.go":       "errors and notes of PDF files, 三's column names as printed, page furniture",
		"fee.go":       "the fee sentence's vocabulary, notes",
		"html.go":      "notes",
		"importer.go":  "errors and notes",
		"kind.go":      "agency names that tell the kind",
		"labels.go":    "row and column labels as published",
		"tables.go":    "table vocabulary, notes",
		"text.go":      "notes",
		"xlsx.go":      "a workbook's header labels, notes and errors",
	},
}

func isChinese(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			return true
		}
	}
	return false
}

func isStringsFile(name string) bool {
	return strings.HasPrefix(name, "strings") && strings.HasSuffix(name, ".go")
}

// each calls f for every string literal of p's files, with its value.
func each(p *pkg, f func(file string, lit *ast.BasicLit, s string)) {
	for name, af := range p.files {
		ast.Inspect(af, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					f(name, lit, s)
				}
			}
			return true
		})
	}
}

// TestChineseInStringsFiles: user-facing Chinese lives in each package's
// strings file (and, for the model, the export and the importer, in the
// files chineseFiles lists).
func TestChineseInStringsFiles(t *testing.T) {
	for _, p := range loadPackages(t) {
		extra := chineseFiles[short(p.path)]
		each(p, func(file string, lit *ast.BasicLit, s string) {
			if !isChinese(s) || isStringsFile(file) {
				return
			}
			if _, ok := extra[file]; ok {
				return
			}
			t.Errorf("%s: Chinese text %s outside the package's strings file", p.fset.Position(lit.Pos()), lit.Value)
		})
	}
}

var (
	formatVerb  = regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z%]`)
	englishWord = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// messageFuncs are the functions whose first argument is a message for the
// officer: an error's text, or a front end's error.
var messageFuncs = map[string]bool{"errors.New": true, "fmt.Errorf": true, "usageErr": true, "draftErr": true}

// internalErrors are files whose English error texts never reach an
// officer, with the reason.
var internalErrors = map[string]string{
	"model/decimal.go": "parseDec's sentinels, turned into Chinese by ParseInput and Decode",
}

// TestNoEnglishMessages: no literal given as a message is English (only
// format verbs and punctuation may stand beside the strings file's words).
// internal/ packages are exempt: their errors are turned into Chinese by
// their callers.
func TestNoEnglishMessages(t *testing.T) {
	for _, p := range loadPackages(t) {
		if strings.Contains(p.path, "/internal/") {
			continue
		}
		for fn, af := range p.files {
			if _, ok := internalErrors[short(p.path)+"/"+fn]; ok {
				continue
			}
			ast.Inspect(af, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				name := ""
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok {
						name = x.Name + "." + fn.Sel.Name
					}
				}
				lit, ok := call.Args[0].(*ast.BasicLit)
				if !messageFuncs[name] || !ok || lit.Kind != token.STRING {
					return true
				}
				s, _ := strconv.Unquote(lit.Value)
				if rest := formatVerb.ReplaceAllString(s, ""); englishWord.MatchString(rest) && !isChinese(s) {
					t.Errorf("%s: English message %s", p.fset.Position(lit.Pos()), lit.Value)
				}
				return true
			})
		}
	}
}

// frontEndWords are what only a front end may say: the command line's
// commands and options, the UI's keys.
var frontEndWords = regexp.MustCompile(`--[a-z]+|nianbao (new|meta|list|set|text|check|export|import|history|restore|delete|trash|undelete|backups|recover)\b|\bF[0-9]+\b|Ctrl\+|按键|界面`)

// TestFactsNameNoFrontEnd: the store and the use-case package state facts;
// the command line names its commands and options, the UI its keys.
func TestFactsNameNoFrontEnd(t *testing.T) {
	for _, p := range loadPackages(t) {
		if n := short(p.path); n != "store" && n != "office" {
			continue
		}
		each(p, func(file string, lit *ast.BasicLit, s string) {
			if m := frontEndWords.FindString(s); m != "" {
				t.Errorf("%s: %q names %q, a front end's business", p.fset.Position(lit.Pos()), s, m)
			}
		})
	}
}

// storeOps are the store's operations that change whole reports: office
// is their one caller (create, replace by an import, roll forward, record
// an export).
var storeOps = map[string]bool{"Create": true, "Replace": true, "ReplaceAs": true, "MarkExport": true, "RollForward": true, "RollForwardAs": true}

// modelRules are the model's functions of which each has one set of
// callers: pairing reports with last year's (store and office), splitting
// 一 (the importer and office).
var modelRules = map[string][]string{"LastYear": {"store", "office"}, "SplitSection1": {"importer", "office"}}

// TestOneHomeForEachOperation: the front ends ask office for the operations
// both of them need, and decide none themselves.
func TestOneHomeForEachOperation(t *testing.T) {
	for _, p := range loadPackages(t) {
		name := short(p.path)
		// Names declared as a *store.Store in this package (parameters,
		// variables, fields): a call of a store operation on one of them,
		// or on a Store() result, is the store used directly.
		stores := map[string]bool{}
		for _, af := range p.files {
			ast.Inspect(af, func(n ast.Node) bool {
				var names []*ast.Ident
				var typ ast.Expr
				switch n := n.(type) {
				case *ast.Field:
					names, typ = n.Names, n.Type
				case *ast.ValueSpec:
					names, typ = n.Names, n.Type
				}
				if st, ok := typ.(*ast.StarExpr); ok {
					if sel, ok := st.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Store" {
						if x, ok := sel.X.(*ast.Ident); ok && x.Name == "store" {
							for _, id := range names {
								stores[id.Name] = true
							}
						}
					}
				}
				return true
			})
		}
		for _, af := range p.files {
			ast.Inspect(af, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if owners, ok := modelRules[sel.Sel.Name]; ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "model" && !slices.Contains(owners, name) {
						t.Errorf("%s: model.%s belongs to %v, not %s", p.fset.Position(sel.Pos()), sel.Sel.Name, owners, name)
					}
					return true
				}
				if !storeOps[sel.Sel.Name] || name == "store" || name == "office" {
					return true
				}
				onStore := false
				switch x := sel.X.(type) {
				case *ast.Ident:
					onStore = stores[x.Name]
				case *ast.SelectorExpr:
					onStore = stores[x.Sel.Name]
				case *ast.CallExpr:
					if f, ok := x.Fun.(*ast.SelectorExpr); ok && f.Sel.Name == "Store" {
						onStore = true
					}
				}
				if onStore {
					t.Errorf("%s: the store's %s called from %s: it is office's business", p.fset.Position(sel.Pos()), sel.Sel.Name, name)
				}
				return true
			})
		}
	}
}

// TestUIDrawsAndMatchesKeys keeps two rules of the UI: nothing drawn has a
// character of ambiguous width (… × · “ ”, drawn 2 wide by some Chinese
// terminals), and keys are matched through the key maps (key.Matches), never
// by comparing a key's name.
func TestUIDrawsAndMatchesKeys(t *testing.T) {
	for _, p := range loadPackages(t) {
		if short(p.path) != "ui" {
			continue
		}
		for _, af := range p.files {
			ast.Inspect(af, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(n.Value)
					// The quote marks the screen replaces, and the
					// line-start rule, are tables, not text on screen.
					if err != nil || s == "“" || s == "”" || strings.HasPrefix(s, "，。、") {
						return true
					}
					for _, r := range s {
						if runewidth.IsAmbiguousWidth(r) {
							t.Errorf("%s: %q has %q, of ambiguous width", p.fset.Position(n.Pos()), s, r)
							break
						}
					}
				case *ast.BinaryExpr:
					if n.Op != token.EQL && n.Op != token.NEQ {
						return true
					}
					for _, side := range []ast.Expr{n.X, n.Y} {
						if isStringCall(side) {
							t.Errorf("%s: a key compared by name; match it with a binding of keys.go", p.fset.Position(n.Pos()))
						}
					}
				case *ast.SwitchStmt:
					if isStringCall(n.Tag) {
						t.Errorf("%s: switch on a key's name; match it with a binding of keys.go", p.fset.Position(n.Pos()))
					}
				}
				return true
			})
		}
	}
}

// keyName is a key as the help names it.
var keyName = regexp.MustCompile(`\bF[0-9]{1,2}\b|Ctrl\+|\bEsc\b|\bEnter\b|\bTab\b|Up/Down|Left/Right|\bDelete\b|\bBackspace\b|PgUp|PgDn|\bHome\b`)

// TestUINamesKeysFromItsKeyMap: the UI's texts name no key by hand; a text
// that speaks of a key gets its name from the binding (a %s filled with
// Help().Key). Only the help keys of the bindings themselves, constants
// named key…, spell keys.
func TestUINamesKeysFromItsKeyMap(t *testing.T) {
	for _, p := range loadPackages(t) {
		if short(p.path) != "ui" {
			continue
		}
		for name, af := range p.files {
			if !isStringsFile(name) {
				continue
			}
			ast.Inspect(af, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok {
					return true
				}
				for i, v := range vs.Values {
					ast.Inspect(v, func(n ast.Node) bool {
						lit, ok := n.(*ast.BasicLit)
						if !ok || lit.Kind != token.STRING {
							return true
						}
						s, _ := strconv.Unquote(lit.Value)
						if m := keyName.FindString(s); m != "" && (i >= len(vs.Names) || !strings.HasPrefix(vs.Names[i].Name, "key")) {
							t.Errorf("%s: %q names the key %q by hand: take it from the key map", p.fset.Position(lit.Pos()), s, m)
						}
						return true
					})
				}
				return true
			})
		}
	}
}

func isStringCall(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "String" && len(c.Args) == 0
}
