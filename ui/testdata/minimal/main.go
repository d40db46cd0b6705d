// Command minimal is the yardstick of the first-frame benchmark: the least
// Bubble Tea v2 program, drawing one line in the alternate screen: its
// first argument, else "minimal first frame".
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct{ line string }

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView(m.line)
	v.AltScreen = true
	return v
}

func main() {
	m := model{line: "minimal first frame"}
	if len(os.Args) > 1 {
		m.line = os.Args[1]
	}
	if _, err := tea.NewProgram(m).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
