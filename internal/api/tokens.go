package api

import (
	"net/http"
	"strconv"
	"strings"

	fd "github.com/frontdesk/frontdesk"
)

// API tokens are managed by admins. Zendesk keeps this in its Admin Center and
// documents no API for it, so these endpoints are Frontdesk's own, in Zendesk's style:
// /api/v2/api_tokens lists the live tokens with their last use, POST creates one and
// answers its secret once, DELETE revokes one at once: on this node from the next
// request, on others sharing the database within tokenCacheTTL.
func (a *API) tokenRoutes() []route {
	return []route{
		{"GET /api/v2/api_tokens", adminOnly, a.listTokens},
		{"POST /api/v2/api_tokens", adminOnly, a.createToken},
		{"GET /api/v2/api_tokens/{id}", adminOnly, a.showToken},
		{"DELETE /api/v2/api_tokens/{id}", adminOnly, a.revokeToken},
	}
}

// tokenJSON is an API token; Token, the secret, only in the answer to its creation.
type tokenJSON struct {
	ID          int64   `json:"id"`
	URL         string  `json:"url"`
	UserID      int64   `json:"user_id"`
	Description string  `json:"description"`
	Token       string  `json:"token,omitempty"`
	Active      bool    `json:"active"`
	CreatedAt   *string `json:"created_at"`
	LastUsedAt  *string `json:"last_used_at"`
}

func tokenOut(base string, t *fd.APIToken) tokenJSON {
	return tokenJSON{ID: t.ID, URL: base + "/api/v2/api_tokens/" + strconv.FormatInt(t.ID, 10) + ".json",
		UserID: t.UserID, Description: t.Name, Active: t.RevokedAt.IsZero(), CreatedAt: zendeskTime(t.CreatedAt),
		LastUsedAt: zendeskTime(t.LastUsedAt)}
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	list, err := a.dir.Tokens(r.Context())
	if err != nil {
		return err
	}
	out := make([]tokenJSON, len(list))
	for i, t := range list {
		out[i] = tokenOut(baseURL(r), t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"api_tokens": out, "next_page": nil, "previous_page": nil, "count": len(out)})
	return nil
}

func (a *API) showToken(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.dir.Token(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"api_token": tokenOut(baseURL(r), t)})
	return nil
}

// createToken makes a token for the agent or admin user_id names (the caller by
// default); "description" (or "name") labels it.
// tokenIn is the body of a token creation.
type tokenIn struct {
	Description string `json:"description"`
	Name        string `json:"name"`
	UserID      int64  `json:"user_id"`
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	var env struct {
		Token *tokenIn `json:"api_token"`
	}
	if err := decode(w, r, &env); err != nil {
		return err
	}
	if env.Token == nil {
		return fd.InvalidField("api_token", "is required: send {\"api_token\": {\"description\": \"…\"}}")
	}
	owner := caller
	if id := env.Token.UserID; id != 0 && id != caller.ID {
		u, err := a.dir.LiveUser(r.Context(), id)
		if fd.Is(err, fd.NotFound) {
			return fd.InvalidField("user_id", "%d is not a user", id)
		} else if err != nil {
			return err
		}
		owner = u
	}
	if !owner.Role.IsStaff() || owner.Email == "" {
		return fd.InvalidField("user_id", "API tokens are for agents and admins")
	}
	name := strings.TrimSpace(env.Token.Description)
	if name == "" {
		name = strings.TrimSpace(env.Token.Name)
	}
	secret, t, err := a.dir.CreateToken(r.Context(), owner.Email, name)
	if err != nil {
		return err
	}
	body := tokenOut(baseURL(r), t)
	body.Token = secret
	w.Header().Set("Location", body.URL)
	writeJSON(w, http.StatusCreated, map[string]any{"api_token": body})
	return nil
}

// revokeToken revokes a token; the next request that carries it is answered 401.
func (a *API) revokeToken(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.dir.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
