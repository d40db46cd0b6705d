//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// inNamespace runs the test named name again, as a child process in its
// own user and mount namespace (no root needed; root too is bound by what
// the child mounts), with env set to bin so that the child knows it is the
// child. Where the kernel allows no such namespace, or the child printed
// noMount (it could not mount what it needs), the test is skipped, saying
// that what was not tried.
func inNamespace(t *testing.T, name, env, bin, noMount, what string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), env+"="+bin)
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	out, err := cmd.CombinedOutput()
	if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOSPC) {
		t.Skipf("no user namespaces here (%v): %s not tried", err, what)
	}
	if bytes.Contains(out, []byte(noMount)) {
		t.Skipf("cannot mount here, %s not tried: %s", what, out)
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
