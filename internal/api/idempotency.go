package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Zendesk's Idempotency-Key on POST /tickets: the same key and body within two hours
// answer the ticket the first request created, with x-idempotency-lookup: hit; the key
// with another body is a 400 IdempotentRequestError; a first use says miss.

// idempotencyOf reads the request's Idempotency-Key, if any, with a hash of its body
// (whitespace aside); the body stays readable for the handler.
func idempotencyOf(w http.ResponseWriter, r *http.Request, caller *fd.User) (*ticket.Idempotency, error) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return nil, nil
	}
	if len(key) > 255 {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "IdempotentRequestError",
			Description: "the Idempotency-Key header is longer than 255 characters"})
		return nil, errHandled
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	var compact bytes.Buffer
	if json.Compact(&compact, raw) == nil {
		raw = compact.Bytes()
	}
	sum := sha256.Sum256(raw)
	return &ticket.Idempotency{UserID: caller.ID, Key: key, RequestHash: hex.EncodeToString(sum[:])}, nil
}

// answerIdempotency sets x-idempotency-lookup on a keyed create's answer, and answers a
// key reused with another body itself (errHandled).
func answerIdempotency(w http.ResponseWriter, key *ticket.Idempotency, replayed bool, err error) error {
	if key == nil {
		return err
	}
	lookup := "miss"
	if replayed || errors.Is(err, ticket.ErrKeyReused) {
		lookup = "hit"
	}
	w.Header().Set("X-Idempotency-Lookup", lookup)
	if errors.Is(err, ticket.ErrKeyReused) {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "IdempotentRequestError",
			Description: "Request parameters do not match the original request made with this Idempotency-Key"})
		return errHandled
	}
	return err
}
