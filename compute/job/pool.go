package job

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/kernel"
)

// Pool runs the tasks of plans in this process on a bounded pool of
// goroutines, as the browser's pool runs them on workers: the CLI's
// -workers. Its results are the same bits for any number of workers (see
// Plan).
type Pool struct {
	// Workers is the most tasks (or shards of a task) run at once; < 1
	// means 1.
	Workers int
	// Env gives the tasks their assets (Digits); Data and Peers are set
	// per task.
	Env Env
	// Progress, if not nil, receives a stage's progress: a stage of one
	// task passes that task's own reports on, a larger stage reports its
	// finished tasks; returning false cancels the run.
	Progress func(experiment.Progress) bool
}

// Run runs every stage of plan, then assembles it.
func (p Pool) Run(plan Plan) (any, error) {
	done := map[string]Outcome{}
	for k := range plan.Stages() {
		tasks, err := plan.Stage(k, done)
		if err != nil {
			return nil, err
		}
		outs, err := p.RunTasks(tasks)
		if err != nil {
			return nil, err
		}
		for i, t := range tasks {
			done[t.ID] = outs[i]
		}
	}
	return plan.Assemble(done, p.Env)
}

// RunTasks runs tasks, up to p.Workers at once, and returns their outcomes
// in the order of tasks. When there are fewer tasks than workers, a task
// that can be split (MaxShards) gets the spare workers as shards. It
// returns the first failure in the tasks' order, naming its task, as
// running them one by one would; after a failure it starts and lets run no
// later task.
func (p Pool) RunTasks(tasks []Task) ([]Outcome, error) {
	workers := max(p.Workers, 1)
	shards := 1
	if n := len(tasks); n > 0 && n < workers {
		shards = workers / n
		for _, t := range tasks {
			shards = min(shards, max(t.MaxShards, 1))
		}
	}
	// The kernel's own split gets the cores the running tasks leave idle:
	// GOMAXPROCS / running, updated as tasks start and end, so that the
	// last task of a stage, running alone, has every core again.
	procs := runtime.GOMAXPROCS(0)
	defer kernel.SetSplit(kernel.SetSplit(max(procs/max(min(workers, len(tasks)*shards), 1), 1)))
	var running int
	setSplit := func(delta int) { // with mu held
		running += delta * shards
		kernel.SetSplit(max(procs/max(running, 1), 1))
	}

	// After task k fails, the tasks after k are skipped or canceled, and
	// those before it still run: the error returned is the first failure
	// in the tasks' order, the one a run of the tasks one by one meets.
	outs := make([]Outcome, len(tasks))
	var (
		mu       sync.Mutex
		first    = len(tasks) // the first failed task, len(tasks) for none
		failed   error
		finished int
	)
	fail := func(i int, err error) { // with mu held
		if i < first {
			first, failed = i, fmt.Errorf("job %q: %w", tasks[i].ID, err)
		}
	}
	progress := func(i int) Progress {
		return func(q experiment.Progress) bool {
			mu.Lock()
			defer mu.Unlock()
			if i > first {
				return false
			}
			if len(tasks) == 1 && p.Progress != nil {
				return p.Progress(q)
			}
			return true
		}
	}
	report := func() bool { return true }
	if p.Progress != nil && len(tasks) > 1 {
		report = func() bool { return p.Progress(experiment.Progress{Phase: "jobs", Done: finished, Total: len(tasks)}) }
		report()
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers/shards, len(tasks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				mu.Lock()
				if i > first {
					mu.Unlock()
					continue
				}
				setSplit(+1)
				mu.Unlock()
				out, err := runTask(tasks[i], shards, p.Env, progress(i))
				mu.Lock()
				setSplit(-1)
				if err != nil {
					fail(i, err)
				}
				outs[i] = out
				finished++
				if err == nil && !report() {
					fail(i, errors.New("canceled"))
				}
				mu.Unlock()
			}
		}()
	}
	// Sweeps grow along their index (sizes, widths ascending), so the
	// last tasks are usually the longest: start them first, and let the
	// short ones fill in beside them. Outcomes keep the tasks' order.
	for i := len(tasks) - 1; i >= 0; i-- {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs, failed
}

// runTask runs t, split into shards when it can be, and returns its
// outcome as Handle would post it.
func runTask(t Task, shards int, env Env, progress Progress) (Outcome, error) {
	env.Data = t.Data
	req := t.Request
	if shards = min(shards, max(t.MaxShards, 1)); shards > 1 && t.Helper != "" {
		return runSharded(t, shards, env, progress)
	}
	res, data, err := Do(req, env, progress)
	if err != nil {
		return Outcome{}, err
	}
	body, err := Encode(res)
	return Outcome{Body: body, Data: data}, err
}

// runSharded runs t as a lead with shards−1 helpers on goroutines linked by
// in-process peers.
func runSharded(t Task, shards int, env Env, progress Progress) (Outcome, error) {
	lead := t.Request
	lead.Shards = shards
	leadEnv := env
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for s := 1; s < shards; s++ {
		a, b := pipe()
		leadEnv.Peers = append(leadEnv.Peers, a)
		helper := Request{Kind: t.Helper, Spec: lead.Spec, Trained: lead.Trained, Index: lead.Index, Shard: s, Shards: shards}
		henv := env
		henv.Peers = []Peer{b}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer b.close()
			_, _, errs[s] = Do(helper, henv, nil)
		}()
	}
	res, data, err := Do(lead, leadEnv, progress)
	for _, p := range leadEnv.Peers {
		p.(*chanPeer).close()
	}
	wg.Wait()
	if err != nil {
		return Outcome{}, err
	}
	for s, e := range errs {
		if e != nil {
			return Outcome{}, fmt.Errorf("shard %d: %w", s, e)
		}
	}
	body, err := Encode(res)
	return Outcome{Body: body, Data: data}, err
}

// chanPeer is one end of an in-process channel between the lead of a
// sharded task and a helper. Each end closes its done channel when its job
// returns, so the other end's Send and Recv fail rather than wait forever.
type chanPeer struct {
	in, out    chan []float64
	done, peer chan struct{}
	once       sync.Once
}

var errPeerGone = errors.New("the other end of the shard's channel has stopped")

// pipe returns the two connected ends of a channel.
func pipe() (*chanPeer, *chanPeer) {
	ab, ba := make(chan []float64), make(chan []float64)
	da, db := make(chan struct{}), make(chan struct{})
	return &chanPeer{in: ba, out: ab, done: da, peer: db}, &chanPeer{in: ab, out: ba, done: db, peer: da}
}

func (c *chanPeer) Send(v []float64) error {
	select {
	case c.out <- append([]float64(nil), v...):
		return nil
	case <-c.peer:
		return errPeerGone
	}
}

func (c *chanPeer) Recv() ([]float64, error) {
	select {
	case v := <-c.in:
		return v, nil
	case <-c.peer:
		return nil, errPeerGone
	}
}

func (c *chanPeer) close() { c.once.Do(func() { close(c.done) }) }
