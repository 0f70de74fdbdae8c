package ticket

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// DefaultMaxUpload is the largest attachment accepted unless configured otherwise.
const DefaultMaxUpload = 50 << 20

// UploadLifetime is how long an upload token lives, as in Zendesk: files under it must
// be attached to a comment (and further files added to it) within this time of its
// first upload; after that the token is refused and the upload forgotten.
const UploadLifetime = time.Hour

// NewUpload describes a file being uploaded.
type NewUpload struct {
	FileName string
	// ContentType is the file's MIME type; empty or a generic binary type means it is
	// guessed from the file name's extension.
	ContentType string
	// UploaderID is who uploads: until the file is attached, only they may see it.
	UploaderID int64
	// Token, when set, adds the file to the uploader's earlier upload under that token,
	// so one token attaches several files; otherwise a new token is made.
	Token string
}

// MaxUpload is the largest file Upload accepts, in bytes.
func (s *Service) MaxUpload() int64 { return s.maxFile }

// Upload stores the bytes of r under the attachment directory by content hash, so a
// file sent twice is stored once, records the upload with its original name and type,
// and returns the attachment with the token that a comment's Uploads attaches. Files
// over the size limit are refused whole; an error from r is returned as it is.
func (s *Service) Upload(ctx context.Context, in NewUpload, r io.Reader) (*fd.Attachment, error) {
	if s.files == "" {
		return nil, fd.Errorf(fd.Internal, "no attachment directory is configured")
	}
	name := filepath.Base(strings.TrimSpace(in.FileName))
	if name == "" || name == "." || name == "/" {
		return nil, fd.InvalidField("filename", "can't be blank")
	}
	// A token that can't take the file is refused before its bytes are read.
	if in.Token != "" {
		if err := s.checkToken(ctx, s.db.Read(), in); err != nil {
			return nil, err
		}
	}
	token := in.Token
	if token == "" {
		tok := make([]byte, 18)
		if _, err := rand.Read(tok); err != nil {
			return nil, err
		}
		token = base64.RawURLEncoding.EncodeToString(tok)
	}
	sum, n, now, err := s.storeFile(r)
	if err != nil {
		return nil, err
	}
	a := &fd.Attachment{Token: token, UploaderID: in.UploaderID, FileName: name,
		ContentType: uploadType(in.ContentType, name), Size: n, SHA256: sum, CreatedAt: now}
	swept := false
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		if swept, err = s.sweep(ctx, tx); err != nil {
			return err
		}
		if in.Token != "" {
			if err := s.checkToken(ctx, &tx.Conn, in); err != nil {
				return err
			}
		}
		return tx.InsertAttachment(ctx, a)
	})
	if err != nil {
		// The bytes are stored but may be referred to by no row: queue them for the
		// collector, which keeps them if another row shares them.
		ctx := context.WithoutCancel(ctx)
		qerr := s.db.Write(ctx, func(tx *store.Tx) error { return tx.ScheduleFileCheck(ctx, sum, now.Add(FileGrace)) })
		if qerr != nil {
			s.log.Error("queueing an unsaved upload's file for collection", "err", qerr)
		}
		return nil, err
	}
	if swept {
		s.collectSoon()
	}
	return a, nil
}

// storeFile writes the bytes of r to the attachment directory under their SHA-256 and
// returns the hash, the size and the time the file was written. A file over the size
// limit is refused and leaves nothing behind.
func (s *Service) storeFile(r io.Reader) (sum string, size int64, at time.Time, err error) {
	dir := s.files
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, at, err
	}
	tmp, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return "", 0, at, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, s.maxFile+1))
	if err != nil {
		return "", 0, at, err
	}
	if n > s.maxFile {
		return "", 0, at, fd.Errorf(fd.Invalid, "file is larger than the %d MB limit", s.maxFile>>20)
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, at, err
	}
	// The file's time says when it was last written, on the service's clock: the
	// collector leaves a recently written file alone (see FileGrace).
	at = s.now()
	if err := os.Chtimes(tmp.Name(), at, at); err != nil {
		return "", 0, at, err
	}
	sum = hex.EncodeToString(h.Sum(nil))
	final := AttachmentPath(dir, sum)
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return "", 0, at, err
	}
	return sum, n, at, os.Rename(tmp.Name(), final)
}

// uploadType is the MIME type an upload is recorded with: the one given, unless it is
// missing, malformed or says no more than "binary", when the file name's extension
// tells.
func uploadType(given, name string) string {
	if t, _, err := mime.ParseMediaType(given); err == nil {
		switch t {
		case "application/binary", "application/octet-stream", "binary/octet-stream":
		default:
			return given
		}
	}
	if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// checkToken checks that an upload may add a file to in.Token: the token is the
// uploader's, still live, and not yet attached. Someone else's token is unknown.
func (s *Service) checkToken(ctx context.Context, c *store.Conn, in NewUpload) error {
	files, err := c.AttachmentsByToken(ctx, in.Token)
	if err != nil {
		return err
	}
	if len(files) == 0 || files[0].UploaderID != in.UploaderID {
		return fd.InvalidField("token", "%q is not an upload of yours", in.Token)
	}
	if files[0].CommentID != 0 {
		return fd.InvalidField("token", "%q is already attached to a comment", in.Token)
	}
	if s.now().After(files[0].CreatedAt.Add(UploadLifetime)) {
		return fd.InvalidField("token", "%q has expired: start a new upload", in.Token)
	}
	return nil
}

// checkUploads checks, in the change's transaction, that every upload token a comment
// attaches is known, live and not attached yet.
func (s *Service) checkUploads(ctx context.Context, tx *store.Tx, c *fd.Comment) error {
	for _, a := range c.Attachments {
		files, err := tx.AttachmentsByToken(ctx, a.Token)
		if err != nil {
			return err
		}
		switch {
		case len(files) == 0 || files[0].CommentID != 0:
			return fd.InvalidField("uploads", "token %q is unknown or already used", a.Token)
		case s.now().After(files[0].CreatedAt.Add(UploadLifetime)):
			return fd.InvalidField("uploads", "token %q has expired: upload the files again", a.Token)
		}
	}
	return nil
}

// Uploads returns the files uploaded under a token, oldest first.
func (s *Service) Uploads(ctx context.Context, token string) ([]fd.Attachment, error) {
	return s.db.Read().AttachmentsByToken(ctx, token)
}

// DeleteUpload forgets the files a user uploaded under a token before any comment
// attached them.
func (s *Service) DeleteUpload(ctx context.Context, token string, uploaderID int64) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.DeleteUpload(ctx, token, uploaderID)
		if err == nil && n == 0 {
			err = fd.ErrNotFound("upload", token)
		}
		return err
	})
}

// Attachment returns one attachment's record.
func (s *Service) Attachment(ctx context.Context, id int64) (*fd.Attachment, error) {
	return s.db.Read().Attachment(ctx, id)
}

// OpenAttachment opens an attachment's bytes for reading.
func (s *Service) OpenAttachment(a *fd.Attachment) (*os.File, error) {
	return os.Open(AttachmentPath(s.files, a.SHA256))
}

// AttachmentPath is where the bytes with this SHA-256 live under the attachment
// directory dir.
func AttachmentPath(dir, sum string) string {
	return filepath.Join(dir, sum[:2], sum[2:4], sum)
}

// sweep removes what has expired, at most once a minute, in the caller's transaction:
// idempotency keys past their window and uploads that no comment attached in time. It
// reports whether it ran: the caller then runs the file collector once it has
// committed, which removes the bytes no attachment refers to any more (the uploads
// purged here, once they are past FileGrace).
func (s *Service) sweep(ctx context.Context, tx *store.Tx) (bool, error) {
	now := s.now()
	last := s.swept.Load()
	if now.UnixMicro()-last < time.Minute.Microseconds() || !s.swept.CompareAndSwap(last, now.UnixMicro()) {
		return false, nil
	}
	if err := tx.PurgeIdempotencyKeys(ctx, now.Add(-IdempotencyWindow)); err != nil {
		return false, err
	}
	return true, tx.PurgeUploads(ctx, now.Add(-UploadLifetime))
}
