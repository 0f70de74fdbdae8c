package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	fd "github.com/frontdesk/frontdesk"
)

// errorBody is Zendesk's error shape.
type errorBody struct {
	Error       string                   `json:"error"`
	Description string                   `json:"description,omitempty"`
	Details     map[string][]detailEntry `json:"details,omitempty"`
}

type detailEntry struct {
	Description string `json:"description"`
	Error       string `json:"error,omitempty"`
}

// statusOf is the one table from domain error codes to HTTP.
var statusOf = map[fd.Code]struct {
	status int
	name   string
}{
	fd.Invalid:      {http.StatusUnprocessableEntity, "RecordInvalid"},
	fd.BadRequest:   {http.StatusBadRequest, "BadRequest"},
	fd.NotFound:     {http.StatusNotFound, "RecordNotFound"},
	fd.Conflict:     {http.StatusConflict, "Conflict"},
	fd.Forbidden:    {http.StatusForbidden, "Forbidden"},
	fd.Unauthorized: {http.StatusUnauthorized, "Couldn't authenticate you"},
	fd.RateLimited:  {http.StatusTooManyRequests, "TooManyRequests"},
	fd.Internal:     {http.StatusInternalServerError, "InternalError"},
}

// writeError answers with err in Zendesk's shape; internal errors are logged and not
// shown.
func writeError(w http.ResponseWriter, log *slog.Logger, err error) {
	code := fd.CodeOf(err)
	m, ok := statusOf[code]
	if !ok {
		m = statusOf[fd.Internal]
	}
	body := errorBody{Error: m.name}
	var e *fd.Error
	switch {
	case code == fd.Invalid:
		body.Description = "Record validation errors"
		body.Details = map[string][]detailEntry{}
		if errors.As(err, &e) {
			for _, f := range e.Fields {
				body.Details[f.Field] = append(body.Details[f.Field], detailEntry{Description: f.Field + " " + f.Message, Error: "InvalidValue"})
			}
			if len(e.Fields) == 0 {
				body.Details["base"] = []detailEntry{{Description: e.Message}}
			}
		}
	case code == fd.NotFound:
		body.Description = "Not found"
	case code == fd.Internal:
		log.Error("request failed", "err", err)
		body.Description = "Something went wrong on our side"
	case errors.As(err, &e) && code != fd.Unauthorized:
		body.Description = e.Message
	}
	writeJSON(w, m.status, body)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// badRequest answers 400 for a body that is not the JSON asked for.
func badRequest(w http.ResponseWriter, description string) {
	writeJSON(w, http.StatusBadRequest, errorBody{Error: "InvalidJSON", Description: description})
}
