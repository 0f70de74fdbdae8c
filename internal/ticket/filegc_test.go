package ticket_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// fileEnv is env with a service that stores files.
type fileEnv struct {
	*env
	svc *ticket.Service
	dir string
}

func newFileEnv(t *testing.T, e *env) *fileEnv {
	t.Helper()
	dir := t.TempDir()
	svc := ticket.New(ticket.Options{DB: e.db, Clock: e.clock.Now, AttachmentDir: dir})
	t.Cleanup(svc.Close)
	return &fileEnv{env: e, svc: svc, dir: dir}
}

func (f *fileEnv) upload(t *testing.T, content string) *fd.Attachment {
	t.Helper()
	return must(f.svc.Upload(f.ctx, ticket.NewUpload{FileName: "f.txt", UploaderID: f.customer.ID}, strings.NewReader(content)))(t)
}

// stored reports whether the bytes of a are on disk, failing on other content.
func (f *fileEnv) stored(t *testing.T, a *fd.Attachment, content string) bool {
	t.Helper()
	got, err := os.ReadFile(ticket.AttachmentPath(f.dir, a.SHA256))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil || string(got) != content {
		t.Fatalf("file of %s: %q, %v; want %q", a.FileName, got, err, content)
	}
	return true
}

// eventually waits for cond, which the background collector brings about.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
	}
}

func TestSweepCollectsUnreferencedFiles(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := newFileEnv(t, e)
		expired := f.upload(t, "expired bytes")
		deleted := f.upload(t, "deleted bytes")
		must(0, f.svc.DeleteUpload(f.ctx, deleted.Token, f.customer.ID))(t)
		// Two rows share one file: one attached, one left to expire.
		attached := f.upload(t, "shared bytes")
		f.mustCreateTicket(t, "Report", "attached", func(in *ticket.NewTicket) { in.Comment.Uploads = []string{attached.Token} })
		unattached := f.upload(t, "shared bytes")

		// Within FileGrace nothing goes, even what no row refers to.
		if n := must(f.svc.CollectFiles(f.ctx))(t); n != 0 || !f.stored(t, deleted, "deleted bytes") {
			t.Fatalf("collected %d files within the grace period", n)
		}

		// The next write past the uploads' lifetime sweeps them, and the collector runs.
		f.clock.Advance(ticket.UploadLifetime + time.Minute)
		f.upload(t, "a later upload")
		if files := must(f.svc.Uploads(f.ctx, unattached.Token))(t); len(files) != 0 {
			t.Fatalf("expired upload not purged: %+v", files)
		}
		eventually(t, "expired and deleted uploads' files removed", func() bool {
			return !f.stored(t, expired, "expired bytes") && !f.stored(t, deleted, "deleted bytes")
		})
		eventually(t, "the collector's queue emptied", func() bool { return f.count(t, "attachment_gc") == 0 })
		if !f.stored(t, attached, "shared bytes") {
			t.Fatal("a file an attachment still refers to was removed")
		}
		r := must(f.svc.OpenAttachment(attached))(t)
		defer r.Close()
		if got := must(io.ReadAll(r))(t); string(got) != "shared bytes" {
			t.Fatalf("attachment reads %q", got)
		}
	})
}

func TestCollectorKeepsFilesFreshUploadsNeed(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := newFileEnv(t, e)
		const content = "the same bytes"
		// Armed, the hook uploads the same bytes just after a collector (the test's, or
		// the one the sweep runs in the background) found the file unreferenced and
		// old, and waits until the upload has written the file anew: the upload then
		// commits its row (on SQLite, once the collector's transaction is over).
		type result struct {
			a   *fd.Attachment
			err error
		}
		uploaded := make(chan result, 1)
		var armed atomic.Bool
		ticket.SetCollectHook(f.svc, func(sum string) {
			if !armed.CompareAndSwap(true, false) {
				return
			}
			go func() {
				a, err := f.svc.Upload(context.Background(), ticket.NewUpload{FileName: "f.txt", UploaderID: f.customer.ID}, strings.NewReader(content))
				uploaded <- result{a, err}
			}()
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				if info, err := os.Stat(ticket.AttachmentPath(f.dir, sum)); err == nil && info.ModTime().Equal(f.clock.Now()) {
					return
				}
			}
		})
		first := f.upload(t, content)
		must(0, f.svc.DeleteUpload(f.ctx, first.Token, f.customer.ID))(t)
		f.clock.Advance(2 * ticket.FileGrace)

		// The same bytes uploaded again before the collector runs: referred to, kept.
		again := f.upload(t, content)
		must(f.svc.CollectFiles(f.ctx))(t)
		if !f.stored(t, again, content) {
			t.Fatal("a just-uploaded file was removed")
		}

		// Deleted again; once it is old, uploaded once more during collection.
		must(0, f.svc.DeleteUpload(f.ctx, again.Token, f.customer.ID))(t)
		armed.Store(true)
		f.clock.Advance(2 * ticket.FileGrace)
		must(f.svc.CollectFiles(f.ctx))(t)
		var res result
		select {
		case res = <-uploaded:
		case <-time.After(10 * time.Second):
			t.Fatal("no collector reached the unreferenced file")
		}
		if res.err != nil {
			t.Fatal(res.err)
		}
		if !f.stored(t, res.a, content) {
			t.Fatal("the file of an upload made during collection was lost")
		}
		r := must(f.svc.OpenAttachment(res.a))(t)
		r.Close()

		// Once nothing refers to the bytes and the grace has passed, they go.
		must(0, f.svc.DeleteUpload(f.ctx, res.a.Token, f.customer.ID))(t)
		f.clock.Advance(2 * ticket.FileGrace)
		eventually(t, "the unreferenced file removed", func() bool {
			must(f.svc.CollectFiles(f.ctx))(t)
			return !f.stored(t, res.a, content)
		})
	})
}

func TestUnsavedUploadLeavesItsFileToTheCollector(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := newFileEnv(t, e)
		ctx, cancel := context.WithCancel(f.ctx)
		cancel() // the upload's row can't be written
		a, err := f.svc.Upload(ctx, ticket.NewUpload{FileName: "f.txt", UploaderID: f.customer.ID}, strings.NewReader("orphan"))
		if err == nil {
			t.Fatalf("upload with a cancelled context saved %+v", a)
		}
		sum := sha256.Sum256([]byte("orphan"))
		orphan := &fd.Attachment{FileName: "orphan", SHA256: hex.EncodeToString(sum[:])}
		if !f.stored(t, orphan, "orphan") || f.count(t, "attachment_gc") != 1 {
			t.Fatalf("unsaved upload's file: stored %v, queued %d", f.stored(t, orphan, "orphan"), f.count(t, "attachment_gc"))
		}
		f.clock.Advance(2 * ticket.FileGrace)
		if n := must(f.svc.CollectFiles(f.ctx))(t); n != 1 || f.stored(t, orphan, "orphan") {
			t.Fatalf("collected %d files; the unsaved upload's is still there", n)
		}
	})
}
