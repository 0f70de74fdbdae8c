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

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// DefaultMaxUpload is the largest attachment accepted unless configured otherwise.
const DefaultMaxUpload = 50 << 20

// Upload stores the bytes of r under the attachment directory by content hash, so a
// file sent twice is stored once, records the upload with its original name and type,
// and returns the attachment with the token that a comment's Uploads attaches. Files
// over the size limit are refused whole.
func (s *Service) Upload(ctx context.Context, name, contentType string, r io.Reader) (*fd.Attachment, error) {
	dir, maxSize := s.files, s.maxFile
	if dir == "" {
		return nil, fd.Errorf(fd.Internal, "no attachment directory is configured")
	}
	name = filepath.Base(strings.TrimSpace(name))
	if name == "" || name == "." || name == "/" {
		return nil, fd.InvalidField("filename", "can't be blank")
	}
	if contentType == "" {
		contentType = mime.TypeByExtension(filepath.Ext(name))
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, err
	}
	if n > maxSize {
		return nil, fd.Errorf(fd.Invalid, "file is larger than the %d MB limit", maxSize>>20)
	}
	if err := tmp.Sync(); err != nil {
		return nil, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	final := AttachmentPath(dir, sum)
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return nil, err
	}
	tok := make([]byte, 18)
	if _, err := rand.Read(tok); err != nil {
		return nil, err
	}
	a := &fd.Attachment{Token: base64.RawURLEncoding.EncodeToString(tok), FileName: name,
		ContentType: contentType, Size: n, SHA256: sum, CreatedAt: s.now()}
	err = s.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertAttachment(ctx, a) })
	return a, err
}

// AttachmentPath is where the bytes with this SHA-256 live under the attachment
// directory dir.
func AttachmentPath(dir, sum string) string {
	return filepath.Join(dir, sum[:2], sum[2:4], sum)
}
