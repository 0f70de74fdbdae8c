package auth

import (
	"encoding/json"
	"errors"
	"math"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// Handler serves sign-in and sign-out for the web UI and the customers' portal:
//
//	POST /access/login   email and password, as a form or as JSON
//	POST /access/logout
//
// A JSON sign-in is answered 200 with the user; a form sign-in 303 to its return_to (a
// path on this site) or "/". Wrong credentials are 401 whichever part was wrong. Both
// endpoints refuse browsers' cross-origin requests: a forged sign-in would put a victim
// into the attacker's account (login CSRF).
func (s *Sessions) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /access/login", s.serveLogin)
	mux.HandleFunc("POST /access/logout", s.serveLogout)
	return s.origins.Handler(mux)
}

// maxLoginBody bounds a sign-in or sign-out body.
const maxLoginBody = 64 << 10

type loginIn struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	ReturnTo string `json:"return_to"`
	User     *struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	} `json:"user"`
}

// readLogin reads the credentials from a JSON body ({"email", "password"}, or Zendesk's
// {"user": {"email", "password"}}) or a form (email or user[email], password or
// user[password], return_to).
func readLogin(r *http.Request) (in loginIn, isJSON bool, err error) {
	if isJSONBody(r) {
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return in, true, err
		}
		if in.User != nil {
			in.Email, in.Password = cmpOrString(in.Email, in.User.Email), cmpOrString(in.Password, in.User.Password)
		}
		return in, true, nil
	}
	if err := r.ParseForm(); err != nil {
		return in, false, err
	}
	f := r.PostForm
	in.Email = cmpOrString(f.Get("email"), f.Get("user[email]"))
	in.Password = cmpOrString(f.Get("password"), f.Get("user[password]"))
	in.ReturnTo = f.Get("return_to")
	return in, false, nil
}

func cmpOrString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func isJSONBody(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/json"
}

func isForm(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data"
}

func (s *Sessions) serveLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	w.Header().Set("Cache-Control", "no-store")
	in, isJSON, err := readLogin(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "InvalidJSON", Description: "send email and password as JSON or as a form"})
		return
	}
	secret, sess, u, err := s.Login(r.Context(), in.Email, in.Password, clientIP(r), r.UserAgent())
	if err != nil {
		s.writeError(w, err)
		return
	}
	http.SetCookie(w, Cookie(r, secret, sess.ExpiresAt))
	if !isJSON {
		http.Redirect(w, r, localPath(in.ReturnTo), http.StatusSeeOther)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": map[string]any{
		"id": u.ID, "name": u.Name, "email": u.Email, "role": u.Role, "locale": u.Locale,
		"organization_id": nullID(u.OrganizationID),
	}})
}

func (s *Sessions) serveLogout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	w.Header().Set("Cache-Control", "no-store")
	if err := s.Logout(r); err != nil {
		s.writeError(w, err)
		return
	}
	http.SetCookie(w, Cookie(r, "", time.Time{}))
	if isForm(r) {
		r.ParseForm()
		http.Redirect(w, r, localPath(r.PostForm.Get("return_to")), http.StatusSeeOther)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// localPath returns p when it is a path on this site, else "/": a return_to must not
// send a person who just signed in to another site (an open redirect).
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") ||
		u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return p
}

// errorBody is the API's error shape, so clients of both parse one kind of error.
type errorBody struct {
	Error       string `json:"error"`
	Description string `json:"description,omitempty"`
}

func (s *Sessions) writeError(w http.ResponseWriter, err error) {
	var tooMany *TooManyAttempts
	switch {
	case fd.Is(err, fd.Unauthorized):
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: "Couldn't authenticate you", Description: "Wrong email or password"})
	case errors.As(err, &tooMany):
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(tooMany.RetryAfter.Seconds())))))
		writeJSON(w, http.StatusTooManyRequests, errorBody{Error: "TooManyRequests", Description: "Too many failed sign-in attempts; retry after the time in Retry-After"})
	case fd.Is(err, fd.Forbidden):
		writeJSON(w, http.StatusForbidden, errorBody{Error: "Forbidden", Description: err.Error()})
	default:
		s.log.Error("sign-in", "err", err)
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "InternalError", Description: "Something went wrong on our side"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// clientIP is the address the request came from; a proxy's X-Forwarded-For is not
// believed, as in the API's rate limits.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
