package deploy

import (
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// clusterStartTimeout bounds the wait for the one-node cluster's node to
// be idle.
const clusterStartTimeout = 90 * time.Second

// slurmConf is the configuration of a one-node cluster on localhost, with
// every file in one folder and no cgroups, accounting or database: the
// smallest that runs job arrays. Fields: folder, host, controller port,
// node port, CPUs.
const slurmConf = `ClusterName=overparamtest
SlurmctldHost=%[2]s(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=%[1]s/munge.socket
CredType=cred/munge
StateSaveLocation=%[1]s/state
SlurmdSpoolDir=%[1]s/spool
SlurmctldPidFile=%[1]s/slurmctld.pid
SlurmdPidFile=%[1]s/slurmd.pid
SlurmctldPort=%[3]d
SlurmdPort=%[4]d
SlurmctldLogFile=%[1]s/slurmctld.log
SlurmdLogFile=%[1]s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=%[2]s NodeAddr=127.0.0.1 CPUs=%[5]d State=UNKNOWN
PartitionName=test Nodes=%[2]s Default=YES MaxTime=INFINITE State=UP
`

// cluster is a running one-node Slurm cluster: its configuration file
// and the daemons this test started.
type cluster struct {
	dir, conf string
	daemons   []*exec.Cmd
}

// freePorts returns two distinct loopback TCP ports that were free a
// moment ago (both held open until both are chosen).
func freePorts(t *testing.T) (int, int) {
	t.Helper()
	var ports [2]int
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports[0], ports[1]
}

// startCluster writes the configuration into a temporary folder, starts
// munged, slurmctld and slurmd in the foreground (so that the test owns
// them), waits for the node to be idle, and stops them all at the test's
// end. It fails the test, with the daemons' logs, when the cluster cannot
// start.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	dir, err := os.MkdirTemp("", "overparam-slurm-")
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{dir: dir, conf: filepath.Join(dir, "slurm.conf")}
	t.Cleanup(func() {
		c.stop()
		os.RemoveAll(dir)
	})
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ = strings.Cut(host, ".")
	for _, d := range []string{"state", "spool"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	key := make([]byte, 1024)
	rand.Read(key)
	if err := os.WriteFile(filepath.Join(dir, "munge.key"), key, 0o400); err != nil {
		t.Fatal(err)
	}
	ctld, node := freePorts(t)
	conf := fmt.Sprintf(slurmConf, dir, host, ctld, node, 2)
	if err := os.WriteFile(c.conf, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	c.start(t, "munged", "-F", "--force", "--key-file="+filepath.Join(dir, "munge.key"), "--socket="+filepath.Join(dir, "munge.socket"),
		"--pid-file="+filepath.Join(dir, "munged.pid"), "--log-file="+filepath.Join(dir, "munged.log"), "--seed-file="+filepath.Join(dir, "munge.seed"))
	c.waitFor(t, "munged's socket", func() bool { _, err := os.Stat(filepath.Join(dir, "munge.socket")); return err == nil })
	c.start(t, "slurmctld", "-D", "-f", c.conf)
	c.start(t, "slurmd", "-D", "-f", c.conf)
	c.waitFor(t, "the node to be idle", func() bool {
		out, err := c.command("sinfo", "-h", "-o", "%t").Output()
		return err == nil && strings.TrimSpace(string(out)) == "idle"
	})
	return c
}

// start starts one daemon in the foreground, its output in dir/name.out.
func (c *cluster) start(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := os.Create(filepath.Join(c.dir, name+".out"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = c.env()
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	c.daemons = append(c.daemons, cmd)
}

// env is the environment of the cluster's commands: SLURM_CONF names its
// configuration.
func (c *cluster) env() []string { return append(os.Environ(), "SLURM_CONF="+c.conf) }

func (c *cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = c.env()
	return cmd
}

// waitFor polls ok until it holds, failing the test with the daemons'
// logs after clusterStartTimeout or when a daemon has exited.
func (c *cluster) waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(clusterStartTimeout)
	for !ok() {
		for _, d := range c.daemons {
			if d.ProcessState == nil && d.Process.Signal(syscall.Signal(0)) != nil {
				t.Fatalf("the Slurm test cluster could not start: %s exited while waiting for %s\n%s", d.Path, what, c.logs())
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the Slurm test cluster could not start: no %s after %v\n%s", what, clusterStartTimeout, c.logs())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// logs returns the tail of every daemon's log, to say why a cluster failed.
func (c *cluster) logs() string {
	var b strings.Builder
	for _, name := range []string{"munged.out", "munged.log", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log"} {
		data, err := os.ReadFile(filepath.Join(c.dir, name))
		if err != nil || len(data) == 0 {
			continue
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		fmt.Fprintf(&b, "--- %s:\n%s\n", name, strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
	return b.String()
}

// stop ends the daemons this test started, last started first, with
// SIGTERM, then SIGKILL after 10 s.
func (c *cluster) stop() {
	for i := len(c.daemons) - 1; i >= 0; i-- {
		d := c.daemons[i]
		d.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { d.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			d.Process.Kill()
			<-done
		}
	}
	c.daemons = nil
}

// Truth: `overparam run -link`. The sweep is submitted to a one-node Slurm
// cluster started here (munged, slurmctld, slurmd) as a job array, one
// task per point (deploy/slurm.sh); the results assembled are the same
// bytes. The cluster must start: this test fails, not skips, when it
// cannot, and says why.
func TestSlurmJobArrayGivesRunLinksBytes(t *testing.T) {
	requireE2E(t)
	need(t, "munged", "slurmctld", "slurmd", "sbatch", "sinfo")
	dir := t.TempDir()
	bin := build(t, dir)
	c := startCluster(t)
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	got := script(t, []string{"OVERPARAM=" + bin, "SLURM_CONF=" + c.conf}, "slurm.sh", link, work)
	same(t, "deploy/slurm.sh", got, runLink(t, bin))
	logs, _ := filepath.Glob(filepath.Join(work, "logs", "*.out"))
	if len(logs) != 4 {
		t.Errorf("%d array task logs, want one per point (4): %v\n%s", len(logs), logs, c.logs())
	}
}
