// Package api serves Frontdesk's REST API v2, compatible with Zendesk's: the same paths,
// shapes, status codes and errors, so Zendesk clients and scripts work against it.
// Handlers only parse, call the services, and render.
package api

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// MaxBody is the largest request body accepted (uploads excepted), as in Zendesk.
const MaxBody = 10 << 20

// Options configure New.
type Options struct {
	DB        *store.DB
	Tickets   *ticket.Service
	Directory *directory.Directory
	Logger    *slog.Logger
	// Clock is the time source for token use stamps and rate limits; nil means time.Now.
	Clock func() time.Time
	// TokenRateLimit and IPRateLimit are requests a minute allowed per API token and
	// per client address; 0 turns a limit off.
	TokenRateLimit int
	IPRateLimit    int
	// Sessions, when set, lets the UI's and the portal's session cookie authenticate API
	// calls (the way end-users reach the Requests API and their profile).
	Sessions *auth.Sessions
	// Jobs runs the bulk endpoints' background jobs; New registers the API's job kinds
	// with it. Without it those endpoints answer an error.
	Jobs *jobs.Runner
}

// Default rate limits, requests a minute.
const (
	DefaultTokenRateLimit = 700
	DefaultIPRateLimit    = 2500
)

// API is the REST API v2.
type API struct {
	db      *store.DB
	tickets *ticket.Service
	dir     *directory.Directory
	log     *slog.Logger
	now     func() time.Time
	session *auth.Sessions

	byToken *limiter
	byIP    *limiter
	jobs    *jobs.Runner
	counts  countCache
	tokens  tokenCache
	ahead   readAhead // export pages read ahead

	mu      sync.Mutex
	touched map[int64]time.Time // token id → last use recorded
}

// New returns the API over the services.
func New(o Options) *API {
	a := &API{db: o.DB, tickets: o.Tickets, dir: o.Directory, log: o.Logger, now: o.Clock, touched: map[int64]time.Time{}}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.byToken, a.byIP = newLimiter(o.TokenRateLimit, a.now), newLimiter(o.IPRateLimit, a.now)
	a.session = o.Sessions
	if o.Jobs != nil {
		a.jobs = o.Jobs
		a.handleTicketJobs()
		a.handleUserJobs()
		a.handleMembershipJobs()
	}
	return a
}

// access is who may call a route.
type access int

const (
	staffOnly access = iota // agents and admins
	adminOnly
	anyone // any signed-in user, end-users included; the handler narrows what they see
)

// handler is an endpoint: it gets the authenticated caller and returns an error to be
// rendered in Zendesk's shape.
type handler func(w http.ResponseWriter, r *http.Request, caller *fd.User) error

// Handler routes /api/v2/… requests. Paths work with and without ".json".
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.pattern, a.guard(rt.who, rt.h))
	}
	mux.HandleFunc("GET /api/v2/openapi", a.serveOpenAPI)
	mux.HandleFunc("/api/v2/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "InvalidEndpoint", Description: "Not found"})
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.byIP.allow(w, clientIP(r)) {
			return
		}
		if p, ok := strings.CutSuffix(r.URL.Path, ".json"); ok {
			r.URL.Path, r.URL.RawPath = p, ""
		}
		mux.ServeHTTP(w, r)
	})
}

// routes is every endpoint, one list per area.
func (a *API) routes() []route {
	return slices.Concat(a.ticketRoutes(), a.ticketExtraRoutes(), a.ticketBulkRoutes(), a.jobRoutes(), a.attachmentRoutes(),
		a.userRoutes(), a.orgRoutes(), a.searchRoutes(), a.exportRoutes(), a.requestRoutes(), a.tokenRoutes())
}

type route struct {
	pattern string
	who     access
	h       handler
}

// guard authenticates the caller, checks the route's access, and renders errors.
func (a *API) guard(who access, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		caller, tokenID, err := a.authenticate(r)
		if err == nil && !a.byToken.allow(w, strconv.FormatInt(tokenID, 10)) {
			return
		}
		if err == nil {
			switch {
			case caller.Suspended:
				err = fd.Errorf(fd.Forbidden, "this user is suspended")
			case who == adminOnly && caller.Role != fd.RoleAdmin:
				err = fd.Errorf(fd.Forbidden, "only admins may do this")
			case who != anyone && !caller.Role.IsStaff():
				err = fd.Errorf(fd.Forbidden, "end-users use the Requests API")
			}
		}
		if err == nil {
			r.Body = http.MaxBytesReader(w, r.Body, a.bodyLimit(r))
			err = h(w, r, caller)
		}
		if err != nil && !errors.Is(err, errHandled) {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: "RequestEntityTooLarge", Description: "the body is larger than " + sizeText(tooBig.Limit)})
				return
			}
			writeError(w, a.log, err)
		}
	})
}

// authenticate finds the caller from HTTP Basic "email/token:TOKEN" or a Bearer token,
// or else from the session cookie. A token check is a SHA-256 and, unless cached, an
// index lookup. For a session, tokenID is minus the user's id: the per-token rate limit
// then counts each signed-in user apart from every token.
func (a *API) authenticate(r *http.Request) (caller *fd.User, tokenID int64, err error) {
	h := r.Header.Get("Authorization")
	var email, secret string
	switch {
	case strings.HasPrefix(h, "Bearer "):
		secret = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	case strings.HasPrefix(h, "Basic "):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
		if err != nil {
			return nil, 0, unauthorized()
		}
		user, pass, _ := strings.Cut(string(raw), ":")
		var ok bool
		if email, ok = strings.CutSuffix(user, "/token"); !ok {
			return nil, 0, unauthorized() // passwords are for the UI, not the API
		}
		secret = pass
	case h == "" && a.session != nil:
		u, err := a.session.Authenticate(r)
		if err != nil {
			return nil, 0, err
		}
		return u, -u.ID, nil
	default:
		return nil, 0, unauthorized()
	}
	if secret == "" {
		return nil, 0, unauthorized()
	}
	u, tokenID, err := a.tokenOwner(r.Context(), secret)
	if err != nil || !u.Active() || (email != "" && !strings.EqualFold(email, u.Email)) {
		return nil, 0, unauthorized()
	}
	a.touch(tokenID)
	return u, tokenID, nil
}

// unauthorized is authenticate's refusal, made only when it refuses.
func unauthorized() error { return fd.Errorf(fd.Unauthorized, "couldn't authenticate you") }

// tokenOwner returns the owner of a live token and the token's id, from the cache
// when it holds a fresh entry (see tokenCache), else from the database.
func (a *API) tokenOwner(ctx context.Context, secret string) (*fd.User, int64, error) {
	hash := directory.HashToken(secret)
	key := [sha256.Size]byte(hash)
	version, now := a.db.UsersVersion(), a.now()
	if u, tokenID, ok := a.tokens.get(key, version, now); ok {
		return u, tokenID, nil
	}
	u, tokenID, err := a.db.Read().UserByToken(ctx, hash)
	if err != nil {
		return nil, 0, err
	}
	a.tokens.put(key, u, tokenID, version, now)
	return u, tokenID, nil
}

// touch records a token's use at most once a minute, off the request's path.
func (a *API) touch(tokenID int64) {
	now := a.now()
	a.mu.Lock()
	if now.Sub(a.touched[tokenID]) < time.Minute {
		a.mu.Unlock()
		return
	}
	a.touched[tokenID] = now
	a.mu.Unlock()
	go func() {
		err := a.db.Write(context.Background(), func(tx *store.Tx) error { return tx.TouchToken(context.Background(), tokenID, now) })
		if err != nil {
			a.log.Warn("recording token use", "token_id", tokenID, "err", err)
		}
	}()
}

// decode reads a JSON body into v. A body that is not JSON of that shape is answered
// 400 here (errHandled); one past MaxBody returns the *http.MaxBytesError, which guard
// answers 413.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		badRequest(w, "the body is not valid JSON: "+err.Error())
		return errHandled
	}
	if _, err := dec.Token(); err != io.EOF {
		badRequest(w, "the body holds more than one JSON value")
		return errHandled
	}
	return nil
}

// errHandled tells guard the handler already answered.
var errHandled = errors.New("answered")
