package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Uploads are Zendesk's: POST /uploads?filename=NAME with the file as the raw body (or
// as a multipart form's file) returns a token; further files join it with &token=; a
// comment's uploads:[token] attaches them all. Until then only the uploader sees them.
func (a *API) attachmentRoutes() []route {
	return []route{
		{"POST /api/v2/uploads", anyone, a.upload},
		{"DELETE /api/v2/uploads/{token}", anyone, a.deleteUpload},
		{"GET /api/v2/attachments/{id}", staffOnly, a.showAttachment},
		{"GET /api/v2/attachments/{id}/content", anyone, a.attachmentContent},
	}
}

// multipartSlack is what a multipart upload may carry beyond the file: its boundaries
// and part headers.
const multipartSlack = 64 << 10

// bodyLimit is the largest request body a route accepts: MaxBody, except for uploads.
func (a *API) bodyLimit(r *http.Request) int64 {
	if r.Pattern == "POST /api/v2/uploads" {
		return a.tickets.MaxUpload() + multipartSlack
	}
	return MaxBody
}

// sizeText writes a byte count for people.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// attachmentJSON is an attachment in Zendesk's shape.
type attachmentJSON struct {
	URL              string           `json:"url"`
	ID               int64            `json:"id"`
	FileName         string           `json:"file_name"`
	ContentURL       string           `json:"content_url"`
	MappedContentURL string           `json:"mapped_content_url"`
	ContentType      string           `json:"content_type"`
	Size             int64            `json:"size"`
	Width            *string          `json:"width"`
	Height           *string          `json:"height"`
	Inline           bool             `json:"inline"`
	Deleted          bool             `json:"deleted"`
	Thumbnails       []attachmentJSON `json:"thumbnails"` // none are made yet
}

func attachmentOut(base string, at *fd.Attachment) attachmentJSON {
	id := strconv.FormatInt(at.ID, 10)
	content := base + "/api/v2/attachments/" + id + "/content"
	return attachmentJSON{URL: base + "/api/v2/attachments/" + id + ".json", ID: at.ID, FileName: at.FileName,
		ContentURL: content, MappedContentURL: content, ContentType: at.ContentType, Size: at.Size, Thumbnails: []attachmentJSON{}}
}

func (a *API) upload(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q := r.URL.Query()
	in := ticket.NewUpload{FileName: q.Get("filename"), ContentType: r.Header.Get("Content-Type"),
		UploaderID: caller.ID, Token: q.Get("token")}
	limit := a.tickets.MaxUpload()
	var body io.Reader = http.MaxBytesReader(w, r.Body, limit)
	if mt, _, _ := mime.ParseMediaType(in.ContentType); mt == "multipart/form-data" {
		part, err := filePart(r)
		if err != nil {
			return err
		}
		defer part.Close()
		if in.FileName == "" {
			in.FileName = part.FileName()
		}
		in.ContentType, body = part.Header.Get("Content-Type"), http.MaxBytesReader(w, part, limit)
	} else if r.ContentLength > limit {
		return &http.MaxBytesError{Limit: limit}
	}
	if in.FileName == "" {
		return fd.InvalidField("filename", "is required: POST /api/v2/uploads?filename=NAME")
	}
	at, err := a.tickets.Upload(r.Context(), in, body)
	if err != nil {
		return err
	}
	files, err := a.tickets.Uploads(r.Context(), at.Token)
	if err != nil {
		return err
	}
	base := baseURL(r)
	all := make([]attachmentJSON, len(files))
	expires := at.CreatedAt
	for i := range files {
		all[i] = attachmentOut(base, &files[i])
		if files[i].CreatedAt.Before(expires) {
			expires = files[i].CreatedAt
		}
	}
	writeJSON(w, http.StatusCreated, map[string]any{"upload": map[string]any{
		"token": at.Token, "expires_at": zendeskTime(expires.Add(ticket.UploadLifetime)),
		"attachment": attachmentOut(base, at), "attachments": all,
	}})
	return nil
}

// filePart finds the file of a multipart upload: the part named uploaded_data, as in
// Zendesk, or else the first part that is a file.
func filePart(r *http.Request) (*multipart.Part, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fd.InvalidField("uploaded_data", "the multipart body can't be read: %v", err)
	}
	for {
		p, err := mr.NextPart()
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, err
			}
			return nil, fd.InvalidField("uploaded_data", "is required: send the file as the uploaded_data part")
		}
		if p.FormName() == "uploaded_data" || p.FileName() != "" {
			return p, nil
		}
		p.Close()
	}
}

func (a *API) deleteUpload(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := a.tickets.DeleteUpload(r.Context(), r.PathValue("token"), caller.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// visibleAttachment reads the attachment of the path's {id} if the caller may see it:
// an upload not yet attached only its uploader; an attached file whoever may see its
// ticket, and for end-users only on public comments. Others get "not found".
func (a *API) visibleAttachment(r *http.Request, caller *fd.User) (*fd.Attachment, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	at, err := a.tickets.Attachment(ctx, id)
	if err != nil {
		return nil, err
	}
	hidden := fd.ErrNotFound("attachment", id)
	if at.CommentID == 0 {
		if at.UploaderID != caller.ID {
			return nil, hidden
		}
		return at, nil
	}
	c, err := a.db.Read().Comment(ctx, at.CommentID)
	if err != nil {
		return nil, err
	}
	if !c.Public && !caller.Role.IsStaff() {
		return nil, hidden
	}
	v, err := a.viewerOf(ctx, caller)
	if err != nil {
		return nil, err
	}
	if _, err := a.visibleTicket(ctx, v, c.TicketID); err != nil {
		if fd.Is(err, fd.NotFound) {
			return nil, hidden
		}
		return nil, err
	}
	return at, nil
}

func (a *API) showAttachment(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	at, err := a.visibleAttachment(r, caller)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"attachment": attachmentOut(baseURL(r), at)})
	return nil
}

// safeImages are the types a browser may show inline: raster images that run no code.
var safeImages = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// attachmentContent serves an attachment's bytes. Only a file whose bytes are a known
// safe image is shown inline; anything else is a download the browser must not sniff
// or run, whatever type it claims.
func (a *API) attachmentContent(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	at, err := a.visibleAttachment(r, caller)
	if err != nil {
		return err
	}
	f, err := a.tickets.OpenAttachment(at)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	disposition, ctype := "attachment", at.ContentType
	if sniffed := http.DetectContentType(head[:n]); safeImages[sniffed] {
		disposition, ctype = "inline", sniffed
	}
	if d := mime.FormatMediaType(disposition, map[string]string{"filename": at.FileName}); d != "" {
		disposition = d
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(w, r, "", at.CreatedAt, f)
	return nil
}
