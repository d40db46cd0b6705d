package ui

import "charm.land/bubbles/v2/key"

// keyMap is THE key map: every key the program reacts to is here, with its
// help text, so that the help bar and the help screen never disagree with
// what the keys do. No navigation is bound to a bare letter (a Chinese IME
// swallows letters), and Ctrl+Left/Right and Ctrl+N are left to the text
// editor.
type keyMap struct {
	// Everywhere.
	Help     key.Binding
	HelpQ    key.Binding // '?' opens help too, where nothing is typed
	Quit     key.Binding
	Back     key.Binding
	NextPane key.Binding
	PrevPane key.Binding

	// Moving in a grid or a list.
	Up       key.Binding
	Down     key.Binding
	Left     key.Binding
	Right    key.Binding
	NextCell key.Binding
	PrevCell key.Binding
	Home     key.Binding
	End      key.Binding
	PgUp     key.Binding
	PgDn     key.Binding

	// Editing cells.
	Edit   key.Binding
	Commit key.Binding
	Clear  key.Binding

	// Inside a cell being typed into (the value, not the grid).
	CaretLeft  key.Binding
	CaretRight key.Binding
	CaretHome  key.Binding
	CaretEnd   key.Binding
	DelBefore  key.Binding
	DelAfter   key.Binding

	// Editor commands.
	FindNext key.Binding
	FindPrev key.Binding
	Undo     key.Binding
	Redo     key.Binding
	FillZero key.Binding
	Export   key.Binding
	History  key.Binding
	Save     key.Binding
	PartAdd  key.Binding
	PartDel  key.Binding
	PartUp   key.Binding
	PartDown key.Binding

	// Spreadsheet habits, the clipboard, last year and the preview
	// (issue 14). Enter moves down a column as in Excel (Commit);
	// Shift+Enter up.
	CommitUp  key.Binding
	FirstCell key.Binding
	LastCell  key.Binding
	Copy      key.Binding
	Paste     key.Binding
	Compare   key.Binding
	Preview   key.Binding
	Dismiss   key.Binding // the findings pane: drop a paste's or an import's note
}

func newKeyMap() keyMap {
	km := keyMap{
		Help:  key.NewBinding(key.WithKeys("f1"), key.WithHelp("F1", helpHelp)),
		HelpQ: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", helpHelpQ)),
		// Ctrl+C copies (on Windows it means copy); Ctrl+Q quits.
		Quit:     key.NewBinding(key.WithKeys("ctrl+q"), key.WithHelp("Ctrl+Q", helpQuit)),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", helpCancel)),
		NextPane: key.NewBinding(key.WithKeys("f6"), key.WithHelp("F6", helpPane)),
		PrevPane: key.NewBinding(key.WithKeys("shift+f6"), key.WithHelp("Shift+F6", helpPanePrev)),

		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("Up", helpUp)),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("Down", helpDown)),
		Left:     key.NewBinding(key.WithKeys("left"), key.WithHelp("Left", helpLeft)),
		Right:    key.NewBinding(key.WithKeys("right"), key.WithHelp("Right", helpRight)),
		NextCell: key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", helpNextCell)),
		PrevCell: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("Shift+Tab", helpPrevCell)),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("Home", helpHome)),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("End", helpEnd)),
		PgUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("PgUp", helpPgUp)),
		PgDn:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("PgDn", helpPgDn)),

		Edit:   key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", helpEdit)),
		Commit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpCommitDown)),
		Clear:  key.NewBinding(key.WithKeys("delete", "backspace"), key.WithHelp("Delete", helpClear)),

		CaretLeft:  key.NewBinding(key.WithKeys("left"), key.WithHelp("Left", helpCaretLeft)),
		CaretRight: key.NewBinding(key.WithKeys("right"), key.WithHelp("Right", helpCaretRight)),
		CaretHome:  key.NewBinding(key.WithKeys("home"), key.WithHelp("Home", helpLineHome)),
		CaretEnd:   key.NewBinding(key.WithKeys("end"), key.WithHelp("End", helpLineEnd)),
		DelBefore:  key.NewBinding(key.WithKeys("backspace"), key.WithHelp("Backspace", helpBackspace)),
		DelAfter:   key.NewBinding(key.WithKeys("delete"), key.WithHelp("Delete", helpDeleteChar)),

		FindNext: key.NewBinding(key.WithKeys("f8"), key.WithHelp("F8", helpFindNext)),
		FindPrev: key.NewBinding(key.WithKeys("shift+f8"), key.WithHelp("Shift+F8", helpFindPrev)),
		Undo:     key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("Ctrl+Z", helpUndo)),
		Redo:     key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("Ctrl+Y", helpRedo)),
		FillZero: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("Ctrl+O", helpFillZero)),
		Export:   key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("Ctrl+E", helpExport)),
		// Ctrl+H is Backspace on many terminals, so history is on Ctrl+R.
		History:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("Ctrl+R", helpHistory)),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", helpSave)),
		PartAdd:  key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("Ctrl+T", helpPartAdd)),
		PartDel:  key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("Ctrl+D", helpPartDel)),
		PartUp:   key.NewBinding(key.WithKeys("ctrl+up"), key.WithHelp("Ctrl+Up", helpPartUp)),
		PartDown: key.NewBinding(key.WithKeys("ctrl+down"), key.WithHelp("Ctrl+Down", helpPartDown)),

		CommitUp:  key.NewBinding(key.WithKeys("shift+enter"), key.WithHelp("Shift+Enter", helpCommitUp)),
		FirstCell: key.NewBinding(key.WithKeys("ctrl+home"), key.WithHelp("Ctrl+Home", helpFirstCell)),
		LastCell:  key.NewBinding(key.WithKeys("ctrl+end"), key.WithHelp("Ctrl+End", helpLastCell)),
		Copy:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("Ctrl+C", helpCopy)),
		// Ctrl+V reaches the program where the terminal does not paste
		// on it itself (most Linux terminals paste on Ctrl+Shift+V):
		// the program then reads the system clipboard.
		Paste:   key.NewBinding(key.WithKeys("ctrl+v"), key.WithHelp("Ctrl+V", helpPaste)),
		Compare: key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", helpCompare)),
		Preview: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("Ctrl+P", helpPreview)),
		Dismiss: key.NewBinding(key.WithKeys("delete"), key.WithHelp("Delete", helpDismiss)),
	}
	return km
}

// --- start screen and dialogs ---

// dialogKeyMap holds the keys of the start screen and the dialogs that are
// not already in keyMap (moving uses keyMap's Up, Down, Home, End, PgUp,
// PgDn, Left and Right). On the start screen nothing is typed, but a Chinese
// IME would still swallow bare letters, so its actions are on F-keys and
// Delete.
type dialogKeyMap struct {
	Open     key.Binding // start: open the selected report
	New      key.Binding // start: new report
	Import   key.Binding // start: import a published report or JSON
	Roll     key.Binding // start: 从上年报告创建
	History  key.Binding // start: history of the selected report
	Delete   key.Binding // start: move to the trash
	Trash    key.Binding // start: the trash
	Undelete key.Binding // trash: restore the selected report
	Restore  key.Binding // history: restore the selected revision
	Confirm  key.Binding // dialogs: OK / next field
	Cancel   key.Binding // dialogs: close without doing anything
	Next     key.Binding // dialogs: next field
	Prev     key.Binding // dialogs: previous field
	Choose   key.Binding // dialogs: change a choice (Left/Right)
	Complete key.Binding // path fields: complete a file or folder name

	// The start screen's list: typed text filters it by agency (or year);
	// Backspace takes a character off, Esc clears it.
	FilterBack  key.Binding
	FilterClear key.Binding
}

// newDialogKeyMap is the key map of the start screen and the dialogs.
func newDialogKeyMap() dialogKeyMap {
	return dialogKeyMap{
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpOpen)),
		New:      key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", helpNewReport)),
		Import:   key.NewBinding(key.WithKeys("f3"), key.WithHelp("F3", helpImport)),
		Roll:     key.NewBinding(key.WithKeys("f4"), key.WithHelp("F4", helpRoll)),
		History:  key.NewBinding(key.WithKeys("f5", "ctrl+r"), key.WithHelp("F5", helpStartHist)),
		Delete:   key.NewBinding(key.WithKeys("delete"), key.WithHelp("Delete", helpDelete)),
		Trash:    key.NewBinding(key.WithKeys("f7"), key.WithHelp("F7", helpTrash)),
		Undelete: key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpUndelete)),
		Restore:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpRestore)),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpCommit)),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", helpCancel)),
		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("Tab", helpNextField)),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab", helpPrevField)),
		Choose:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("Left/Right", helpChoice)),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", helpComplete)),

		FilterBack:  key.NewBinding(key.WithKeys("backspace"), key.WithHelp("Backspace", helpFilterBack)),
		FilterClear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", helpFilterClear)),
	}
}

// lineKeyMap holds the editing keys of the dialogs' one-line fields
// (机关名称, 年度, file names); the Ctrl letters are the usual readline ones.
type lineKeyMap struct {
	Left, Right, Home, End key.Binding
	Backspace, Delete      key.Binding
	KillBefore, KillAfter  key.Binding
}

// newLineKeyMap is the key map of the one-line fields.
func newLineKeyMap() lineKeyMap {
	return lineKeyMap{
		Left:       key.NewBinding(key.WithKeys("left", "ctrl+b"), key.WithHelp("Left", helpLeft)),
		Right:      key.NewBinding(key.WithKeys("right", "ctrl+f"), key.WithHelp("Right", helpRight)),
		Home:       key.NewBinding(key.WithKeys("home", "ctrl+a"), key.WithHelp("Home/Ctrl+A", helpLineHome)),
		End:        key.NewBinding(key.WithKeys("end", "ctrl+e"), key.WithHelp("End/Ctrl+E", helpLineEnd)),
		Backspace:  key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("Backspace", helpBackspace)),
		Delete:     key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("Delete", helpDeleteChar)),
		KillBefore: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("Ctrl+U", helpKillBefore)),
		KillAfter:  key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("Ctrl+K", helpKillAfter)),
	}
}

// stepKeyMap names keys of the maps above as a dialog or an editor step
// says them in its hint and its help bar, which the help renderer draws
// from these bindings (「Enter 导出」 where keyMap says 「Enter 确认」). They
// add no key: TestStepKeysAreListed checks that each is one the help screen
// lists.
type stepKeyMap struct {
	Yes         key.Binding // a question: 确定
	No          key.Binding // a question, a dialog: 取消
	Switch      key.Binding // a question: move between 确定 and 取消
	Select      key.Binding // a list: move the selection
	Scroll      key.Binding // a long text: scroll
	Close       key.Binding // a dialog that only shows something
	CloseHelp   key.Binding // the help screen
	NextOrDone  key.Binding // the new-report form: next field, or create
	Switch2     key.Binding // the new-report form: next field
	PickFormat  key.Binding // export: choose the format
	ToName      key.Binding // export: on to the file name
	Export      key.Binding // export: write the file
	ToFormat    key.Binding // export: back to the format
	CloseDone   key.Binding // export: done
	DoImport    key.Binding // import: read the file
	ShortComp   key.Binding // import: complete the file name
	Fields      key.Binding // import: move between the fields
	OpenNew     key.Binding // import: open the imported report
	ToStart     key.Binding // import: back to the start screen
	Welcome     key.Binding // the welcome: choose an action
	CancelEdit  key.Binding // a cell being typed into: Esc drops the typing
	Cycle       key.Binding // a choice of the cover page
	CompareOff  key.Binding // the comparison view: back to the table
	ShowPreview key.Binding // export: the preview line
}

// newStepKeyMap is the keys as the steps name them.
func newStepKeyMap() stepKeyMap {
	return stepKeyMap{
		Yes:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", strConfirmYes)),
		No:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", strConfirmNo)),
		Switch:      key.NewBinding(key.WithKeys("left", "right", "tab", "shift+tab", "up", "down"), key.WithHelp("Left/Right", helpSwitch)),
		Select:      key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("Up/Down", helpSwitch)),
		Scroll:      key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp(keyScroll, helpScroll)),
		Close:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", helpClose)),
		CloseHelp:   key.NewBinding(key.WithKeys("esc", "enter", "f1"), key.WithHelp(keyCloseHelp, helpClose)),
		NextOrDone:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpNextOrDone)),
		Switch2:     key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("Tab", helpSwitchField)),
		PickFormat:  key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("Up/Down", helpPickFormat)),
		ToName:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpToName)),
		Export:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpExport)),
		ToFormat:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("Tab", helpToFormat)),
		CloseDone:   key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp(keyCloseDone, helpClose)),
		DoImport:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpImport)),
		ShortComp:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", helpCompShort)),
		Fields:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("Up/Down", helpSwitchField)),
		OpenNew:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpOpenReport)),
		ToStart:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", helpToStart)),
		Welcome:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("Up/Down", helpSelect)),
		CancelEdit:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", strConfirmNo)),
		Cycle:       key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("Left/Right", helpCycle)),
		CompareOff:  key.NewBinding(key.WithKeys("f9", "esc"), key.WithHelp("F9", helpCompareOff)),
		ShowPreview: key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpShowPreview)),
	}
}

// --- 汇集 and 汇总 (the collecting office's screens) ---

// sumKeyMap holds the keys of the collecting office's screens: collecting a
// folder and the year's status from the start screen, then sorting, the
// sum and the per-unit figures. F-keys and arrows only, as everywhere.
type sumKeyMap struct {
	Collect   key.Binding // start: collect a folder of units' reports
	Status    key.Binding // start: the year's status of the units
	SortPrev  key.Binding // status: sort by the column to the left
	SortNext  key.Binding // status: sort by the column to the right
	SortOrder key.Binding // status: ascending or descending
	Open      key.Binding // status: open the unit's report
	Year      key.Binding // status, figures: another year
	Sum       key.Binding // status: make or refresh the year's sum
	Figures   key.Binding // status: one row of every unit side by side
	RowPrev   key.Binding // figures: the row of the format before
	RowNext   key.Binding // figures: the row of the format after
	Export    key.Binding // figures: export as a spreadsheet or CSV
	Replace   key.Binding // collect: replace the chosen report changed here
}

// newSumKeyMap is the key map of the collecting office's screens.
func newSumKeyMap() sumKeyMap {
	return sumKeyMap{
		Collect:   key.NewBinding(key.WithKeys("f8"), key.WithHelp("F8", helpCollect)),
		Status:    key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", helpStatus)),
		SortPrev:  key.NewBinding(key.WithKeys("left"), key.WithHelp("Left", helpSortPrev)),
		SortNext:  key.NewBinding(key.WithKeys("right"), key.WithHelp("Right", helpSortNext)),
		SortOrder: key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", helpSortOrder)),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpOpenUnit)),
		Year:      key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", helpYear)),
		Sum:       key.NewBinding(key.WithKeys("f3"), key.WithHelp("F3", helpSum)),
		Figures:   key.NewBinding(key.WithKeys("f4"), key.WithHelp("F4", helpFigures)),
		RowPrev:   key.NewBinding(key.WithKeys("left"), key.WithHelp("Left", helpRowPrev)),
		RowNext:   key.NewBinding(key.WithKeys("right"), key.WithHelp("Right", helpRowNext)),
		Export:    key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("Ctrl+E", helpFiguresExport)),
		Replace:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", helpReplace)),
	}
}
