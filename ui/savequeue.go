package ui

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// How long a failed save waits before it is tried again.
const saveRetryDelay = 3 * time.Second

// saveQueue writes the open report to the draft file, one save at a time:
// a request while a save runs waits, and a newer request replaces a waiting
// one (each is the whole report). Jobs (opening the export dialog, a
// restore) run once every save asked for before them is done, holding the
// queue until they return.
//
// The editor calls it directly from Update, so requests are in the order of
// the keystrokes; the queue does no I/O itself: a save runs in the tea.Cmd it
// returns, and the root hands the result (savedMsg, saveFailedMsg,
// jobDoneMsg) back to it.
type saveQueue struct {
	db   reportStore
	now  func() time.Time
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	running   bool     // a save or a job is running
	current   *saveReq // the save running, if one is
	pending   *saveReq // the next save, when one is running
	failed    *saveReq // the last save that failed, kept for a retry
	failErr   error
	jobs      []job
	retrying  bool // a retry is scheduled
	lastSaved time.Time

	// gate serializes the queue's saves with the last save made after the
	// program ended (app.finalSave); once closed, late saves are skipped so
	// that an older copy cannot overwrite the last one.
	gate *saveGate
}

type saveGate struct {
	sync.Mutex
	closed bool
}

// saveReq is a copy of the report to save, never touched again by the UI,
// so that the save can run on another goroutine.
type saveReq struct {
	r       *model.Report
	summary string
}

// job is a command to run once the saves before it are done; drop is a
// report id whose waiting and failed saves it makes stale (a restore).
type job struct {
	run  tea.Cmd
	drop string
}

// Messages of the queue, from its commands to the root (and back to it).
type (
	savedMsg      struct{ at time.Time }
	saveFailedMsg struct {
		req saveReq
		err error
	}
	retrySaveMsg struct{}
	// jobDoneMsg carries the result of a job's command.
	jobDoneMsg struct{ msg tea.Msg }
	// afterSavesMsg asks the root to queue a job (from a dialog's
	// command, which cannot call the queue itself).
	afterSavesMsg struct {
		run  tea.Cmd
		drop string
	}
)

func newSaveQueue(db reportStore, now func() time.Time, tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) *saveQueue {
	return &saveQueue{db: db, now: now, tick: tick, gate: &saveGate{}}
}

// request asks for r (a copy the caller no longer touches) to be saved: now,
// or after the save that is running.
func (q *saveQueue) request(r *model.Report, summary string) tea.Cmd {
	req := saveReq{r: r, summary: summary}
	if q.running {
		if q.pending != nil && req.summary == "" {
			req.summary = q.pending.summary
		}
		q.pending = &req
		return nil
	}
	return q.start(req)
}

func (q *saveQueue) start(req saveReq) tea.Cmd {
	db := q.db
	if db == nil {
		q.failed, q.failErr = &req, errNoStore{}
		return nil
	}
	q.running, q.current = true, &req
	now, gate := q.now, q.gate
	return func() tea.Msg {
		gate.Lock()
		defer gate.Unlock()
		if gate.closed {
			// The program has ended and saved the last state itself.
			return savedMsg{at: now()}
		}
		if err := db.Save(req.r, req.summary); err != nil {
			return saveFailedMsg{req: req, err: err}
		}
		return savedMsg{at: now()}
	}
}

// after queues a job: it runs once every save asked for so far is done
// (successfully or not). Saves of report drop that have not started are
// dropped first, and a failed one is not retried.
func (q *saveQueue) after(run tea.Cmd, drop string) tea.Cmd {
	if drop != "" {
		if q.pending != nil && q.pending.r.ID == drop {
			q.pending = nil
		}
		if q.failed != nil && q.failed.r.ID == drop {
			q.failed, q.failErr = nil, nil
		}
	}
	q.jobs = append(q.jobs, job{run: run, drop: drop})
	if q.running {
		return nil
	}
	return q.next()
}

// saved: the running save is written.
func (q *saveQueue) saved(at time.Time) tea.Cmd {
	q.running, q.current, q.failed, q.failErr, q.lastSaved = false, nil, nil, nil, at
	return q.next()
}

// saveFailed: the running save failed; it is kept, and tried again when
// nothing newer is waiting.
func (q *saveQueue) saveFailed(req saveReq, err error) tea.Cmd {
	q.running, q.current = false, nil
	q.failed, q.failErr = &req, err
	return q.next()
}

// jobDone: the running job returned msg, which goes to the screens before
// the queue moves on.
func (q *saveQueue) jobDone(msg tea.Msg) tea.Cmd {
	q.running = false
	return tea.Sequence(send(msg), q.next())
}

// retry: the retry's time has come.
func (q *saveQueue) retry() tea.Cmd {
	q.retrying = false
	if q.failed != nil && q.idle() {
		return q.start(*q.failed)
	}
	return nil
}

// next starts the waiting save, else the next job; with nothing waiting
// and the last save failed, it schedules a retry.
func (q *saveQueue) next() tea.Cmd {
	if q.running {
		return nil
	}
	if q.pending != nil {
		req := *q.pending
		q.pending = nil
		return q.start(req)
	}
	if len(q.jobs) > 0 {
		j := q.jobs[0]
		q.jobs = q.jobs[1:]
		if j.run == nil {
			return q.next()
		}
		q.running = true
		run := j.run
		return func() tea.Msg { return jobDoneMsg{run()} }
	}
	if q.failed != nil && !q.retrying {
		q.retrying = true
		return q.tick(saveRetryDelay, func(time.Time) tea.Msg { return retrySaveMsg{} })
	}
	return nil
}

// newest is the newest report asked for: the waiting save, else the one
// running; nil when none is.
func (q *saveQueue) newest() *model.Report {
	switch {
	case q.pending != nil:
		return q.pending.r
	case q.current != nil:
		return q.current.r
	}
	return nil
}

// idle reports whether nothing runs or waits (a failed save may be kept).
func (q *saveQueue) idle() bool { return !q.running && q.pending == nil && len(q.jobs) == 0 }

// busy is 保存中 on the status line: a save (or a job) runs or waits.
func (q *saveQueue) busy() bool { return q.running || q.pending != nil }

// forget drops the failed save: the program is closing, and finalSave makes
// the last attempt.
func (q *saveQueue) forget() { q.failed, q.failErr = nil, nil }

type errNoStore struct{}

func (errNoStore) Error() string { return strNoStore }
