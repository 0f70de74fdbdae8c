package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

const userColumns = `id, name, email, role, locale, time_zone, organization_id, default_group_id,
	tags, notes, details, external_id, suspended, ticket_restriction, password_hash, created_at, updated_at, deleted_at`

func scanUser(s scanner) (*fd.User, error) {
	var u fd.User
	var email, ext sql.NullString
	var org, group sql.NullInt64
	var tags string
	var created, updated int64
	var deleted sql.NullInt64
	err := s.Scan(&u.ID, &u.Name, &email, &u.Role, &u.Locale, &u.TimeZone, &org, &group, &tags,
		&u.Notes, &u.Details, &ext, &u.Suspended, &u.TicketRestriction, &u.PasswordHash, &created, &updated, &deleted)
	if err != nil {
		return nil, mapErr(err)
	}
	u.Email, u.ExternalID = email.String, ext.String
	u.OrganizationID, u.DefaultGroupID = org.Int64, group.Int64
	u.Tags = splitWords(tags)
	u.CreatedAt, u.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	u.DeletedAt = fromMicros(deleted)
	return &u, nil
}

func userValues(u *fd.User) []any {
	return []any{u.Name, nullString(u.Email), string(u.Role), u.Locale, u.TimeZone,
		nullID(u.OrganizationID), nullID(u.DefaultGroupID), joinWords(u.Tags), u.Notes, u.Details,
		nullString(u.ExternalID), u.Suspended, string(u.TicketRestriction), u.PasswordHash, u.CreatedAt.UnixMicro(), u.UpdatedAt.UnixMicro(), micros(u.DeletedAt)}
}

// InsertUser stores a new user and sets u.ID; identities are stored separately.
func (c *Conn) InsertUser(ctx context.Context, u *fd.User) error {
	cols := strings.TrimPrefix(userColumns, "id, ")
	vals := userValues(u)
	id, err := c.insert(ctx, "INSERT INTO users ("+cols+") VALUES ("+placeholders(len(vals))+")", vals...)
	u.ID = id
	return err
}

// UpdateUser stores every column of u.
func (c *Conn) UpdateUser(ctx context.Context, u *fd.User) error {
	c.usersChanged()
	sets := setList(strings.TrimPrefix(userColumns, "id, "))
	_, err := c.exec(ctx, "UPDATE users SET "+sets+" WHERE id = ?", append(userValues(u), u.ID)...)
	return err
}

// User returns one user.
func (c *Conn) User(ctx context.Context, id int64) (*fd.User, error) {
	u, err := c.cachedUser("", id, func() (*fd.User, error) {
		return scanUser(c.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	})
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("user", id)
	}
	return u, err
}

// UserByIdentity returns the user who owns an identity (an email address is looked up
// lower-cased).
func (c *Conn) UserByIdentity(ctx context.Context, typ fd.IdentityType, value string) (*fd.User, error) {
	if typ == fd.IdentityEmail {
		value = strings.ToLower(value)
	}
	u, err := c.cachedUser(string(typ)+"\x00"+value, 0, func() (*fd.User, error) {
		return scanUser(c.queryRow(ctx, "SELECT "+userColumns+` FROM users WHERE id =
			(SELECT user_id FROM user_identities WHERE type = ? AND value = ?)`, string(typ), value))
	})
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound(string(typ), value)
	}
	return u, err
}

// Users returns users by role ("" for all), in id order, after the given id.
func (c *Conn) Users(ctx context.Context, role fd.Role, afterID int64, limit int) ([]*fd.User, error) {
	q := "SELECT " + userColumns + " FROM users WHERE id > ?"
	args := []any{afterID}
	if role != "" {
		q += " AND role = ?"
		args = append(args, string(role))
	}
	rows, err := c.query(ctx, q+" ORDER BY id LIMIT ?", append(args, limit)...)
	return collect(rows, err, scanUser)
}

// InsertIdentity stores an identity and sets id.ID.
func (c *Conn) InsertIdentity(ctx context.Context, id *fd.Identity) error {
	n, err := c.insert(ctx, `INSERT INTO user_identities (user_id, type, value, is_primary, verified, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id.UserID, string(id.Type), id.Value, id.Primary, id.Verified,
		id.CreatedAt.UnixMicro(), id.UpdatedAt.UnixMicro())
	id.ID = n
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "%s %s belongs to another user", id.Type, id.Value)
	}
	return err
}

// Identities returns a user's identities, primary first.
func (c *Conn) Identities(ctx context.Context, userID int64) ([]fd.Identity, error) {
	rows, err := c.query(ctx, `SELECT id, user_id, type, value, is_primary, verified, created_at, updated_at
		FROM user_identities WHERE user_id = ? ORDER BY is_primary DESC, id`, userID)
	return collect(rows, err, func(s scanner) (i fd.Identity, err error) {
		var created, updated int64
		err = s.Scan(&i.ID, &i.UserID, &i.Type, &i.Value, &i.Primary, &i.Verified, &created, &updated)
		i.CreatedAt, i.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
		return i, err
	})
}

const orgColumns = `id, name, domain_names, shared_tickets, group_id, tags, notes, details, external_id, created_at, updated_at`

func scanOrg(s scanner) (*fd.Organization, error) {
	var o fd.Organization
	var domains, tags string
	var group sql.NullInt64
	var ext sql.NullString
	var created, updated int64
	if err := s.Scan(&o.ID, &o.Name, &domains, &o.SharedTickets, &group, &tags, &o.Notes, &o.Details,
		&ext, &created, &updated); err != nil {
		return nil, mapErr(err)
	}
	o.DomainNames, o.Tags, o.GroupID, o.ExternalID = splitWords(domains), splitWords(tags), group.Int64, ext.String
	o.CreatedAt, o.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &o, nil
}

// InsertOrganization stores an organization with its domains and sets o.ID.
func (c *Conn) InsertOrganization(ctx context.Context, o *fd.Organization) error {
	id, err := c.insert(ctx, `INSERT INTO organizations (name, domain_names, shared_tickets, group_id, tags, notes, details, external_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.Name, joinWords(o.DomainNames), o.SharedTickets,
		nullID(o.GroupID), joinWords(o.Tags), o.Notes, o.Details, nullString(o.ExternalID),
		o.CreatedAt.UnixMicro(), o.UpdatedAt.UnixMicro())
	if err != nil {
		if fd.Is(err, fd.Conflict) {
			return fd.Errorf(fd.Conflict, "an organization named %q already exists", o.Name)
		}
		return err
	}
	o.ID = id
	for _, d := range o.DomainNames {
		if _, err := c.exec(ctx, "INSERT INTO organization_domains (domain, organization_id) VALUES (?, ?)", d, id); err != nil {
			if fd.Is(err, fd.Conflict) {
				return fd.Errorf(fd.Conflict, "domain %s already belongs to another organization", d)
			}
			return err
		}
	}
	return nil
}

// Organization returns one organization.
func (c *Conn) Organization(ctx context.Context, id int64) (*fd.Organization, error) {
	o, err := scanOrg(c.queryRow(ctx, "SELECT "+orgColumns+" FROM organizations WHERE id = ? AND deleted_at IS NULL", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("organization", id)
	}
	return o, err
}

// OrganizationByName returns the organization with exactly this name.
func (c *Conn) OrganizationByName(ctx context.Context, name string) (*fd.Organization, error) {
	o, err := scanOrg(c.queryRow(ctx, "SELECT "+orgColumns+" FROM organizations WHERE name = ? AND deleted_at IS NULL", name))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("organization", name)
	}
	return o, err
}

// OrganizationIDByDomain returns the organization that claims an email domain, 0 if none.
func (c *Conn) OrganizationIDByDomain(ctx context.Context, domain string) (int64, error) {
	var id int64
	err := mapErr(c.queryRow(ctx, "SELECT organization_id FROM organization_domains WHERE domain = ?", strings.ToLower(domain)).Scan(&id))
	if fd.Is(err, fd.NotFound) {
		return 0, nil
	}
	return id, err
}

// InsertGroup stores a group and sets g.ID.
func (c *Conn) InsertGroup(ctx context.Context, g *fd.Group) error {
	id, err := c.insert(ctx, "INSERT INTO groups (name, description, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
		g.Name, g.Description, g.Default, g.CreatedAt.UnixMicro(), g.UpdatedAt.UnixMicro())
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "a group named %q already exists", g.Name)
	}
	g.ID = id
	return err
}

// Groups returns every group by name, deleted ones aside.
func (c *Conn) Groups(ctx context.Context) ([]*fd.Group, error) {
	rows, err := c.query(ctx, "SELECT id, name, description, is_default, created_at, updated_at FROM groups WHERE deleted_at IS NULL ORDER BY name")
	return collect(rows, err, func(s scanner) (*fd.Group, error) {
		var g fd.Group
		var created, updated int64
		err := s.Scan(&g.ID, &g.Name, &g.Description, &g.Default, &created, &updated)
		g.CreatedAt, g.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
		return &g, err
	})
}

// InsertMembership puts a user in a group and sets m.ID.
func (c *Conn) InsertMembership(ctx context.Context, m *fd.GroupMembership) error {
	id, err := c.insert(ctx, "INSERT INTO group_memberships (user_id, group_id, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
		m.UserID, m.GroupID, m.Default, m.CreatedAt.UnixMicro(), m.UpdatedAt.UnixMicro())
	m.ID = id
	return err
}

// GroupIDsOf returns the groups a user belongs to.
func (c *Conn) GroupIDsOf(ctx context.Context, userID int64) ([]int64, error) {
	return c.ids(ctx, "SELECT group_id FROM group_memberships WHERE user_id = ? ORDER BY is_default DESC, group_id", userID)
}

// IsMember reports whether a user belongs to a group.
func (c *Conn) IsMember(ctx context.Context, userID, groupID int64) (bool, error) {
	ids, err := c.ids(ctx, "SELECT id FROM group_memberships WHERE user_id = ? AND group_id = ?", userID, groupID)
	return len(ids) > 0, err
}

const brandColumns = "id, name, subdomain, host_mapping, support_address, is_default, active, created_at, updated_at"

// InsertBrand stores a brand and sets b.ID.
func (c *Conn) InsertBrand(ctx context.Context, b *fd.Brand) error {
	id, err := c.insert(ctx, "INSERT INTO brands ("+strings.TrimPrefix(brandColumns, "id, ")+") VALUES ("+placeholders(8)+")",
		b.Name, b.Subdomain, b.HostMapping, b.SupportAddress, b.Default, b.Active, b.CreatedAt.UnixMicro(), b.UpdatedAt.UnixMicro())
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "a brand with subdomain %q already exists", b.Subdomain)
	}
	b.ID = id
	return err
}

// Brands returns every brand, the default first, deleted ones aside.
func (c *Conn) Brands(ctx context.Context) ([]*fd.Brand, error) {
	rows, err := c.query(ctx, "SELECT "+brandColumns+" FROM brands WHERE deleted_at IS NULL ORDER BY is_default DESC, id")
	return collect(rows, err, func(s scanner) (*fd.Brand, error) {
		var b fd.Brand
		var created, updated int64
		err := s.Scan(&b.ID, &b.Name, &b.Subdomain, &b.HostMapping, &b.SupportAddress, &b.Default, &b.Active, &created, &updated)
		b.CreatedAt, b.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
		return &b, err
	})
}

// InsertTicketField stores a custom field definition and sets f.ID.
func (c *Conn) InsertTicketField(ctx context.Context, f *fd.TicketField) error {
	vals := append(fieldValues(f), f.CreatedAt.UnixMicro())
	id, err := c.insert(ctx, "INSERT INTO ticket_fields ("+fieldColumns+", created_at) VALUES ("+placeholders(len(vals))+")", vals...)
	f.ID = id
	return err
}

// TicketFields returns every custom field definition in display order, deleted ones
// aside.
func (c *Conn) TicketFields(ctx context.Context) ([]*fd.TicketField, error) {
	rows, err := c.query(ctx, "SELECT id, "+fieldColumns+", created_at FROM ticket_fields WHERE deleted_at IS NULL ORDER BY position, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*fd.TicketField
	for rows.Next() {
		var f fd.TicketField
		var opts string
		var created, updated int64
		if err := rows.Scan(&f.ID, &f.Type, &f.Title, &f.Description, &f.AgentDescription, &f.Position, &f.Active,
			&f.Required, &f.VisibleInPortal, &f.EditableInPortal, &f.RequiredInPortal, &f.TitleInPortal,
			&f.Pattern, &f.Tag, &opts, &updated, &created); err != nil {
			return nil, mapErr(err)
		}
		if err := jsonUnmarshal(opts, &f.Options); err != nil {
			return nil, err
		}
		f.CreatedAt, f.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
		out = append(out, &f)
	}
	return out, mapErr(rows.Err())
}

// InsertToken stores an API token's hash and sets t.ID.
func (c *Conn) InsertToken(ctx context.Context, t *fd.APIToken) error {
	id, err := c.insert(ctx, "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
		t.UserID, t.Name, t.Hash, t.CreatedAt.UnixMicro())
	t.ID = id
	return err
}

// UserByToken returns the owner of the live (not revoked) token with this hash and the
// token's id, in one read: the API asks it on every request.
func (c *Conn) UserByToken(ctx context.Context, hash []byte) (*fd.User, int64, error) {
	var tokenID int64
	u, err := scanUser(trailing{c.queryRow(c.keyRead(ctx), "SELECT "+userColumns+`, k.tid FROM users,
		(SELECT id AS tid, user_id AS uid FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL) k
		WHERE users.id = k.uid`, hash), []any{&tokenID}})
	if fd.Is(err, fd.NotFound) {
		return nil, 0, fd.Errorf(fd.Unauthorized, "unknown or revoked token")
	}
	return u, tokenID, err
}

// checkOrphans verifies on PostgreSQL what SQLite's foreign_key_check verifies: that no
// comment, audit, index row or metric points at a missing ticket, and every ticket has
// its first comment, audit and metrics.
func (c *Conn) checkOrphans(ctx context.Context) error {
	var n int64
	err := c.queryRow(ctx, `SELECT
		(SELECT count(*) FROM comments WHERE ticket_id NOT IN (SELECT id FROM tickets)) +
		(SELECT count(*) FROM audits WHERE ticket_id NOT IN (SELECT id FROM tickets)) +
		(SELECT count(*) FROM ticket_search WHERE comment_id NOT IN (SELECT id FROM comments)) +
		(SELECT count(*) FROM tickets WHERE id NOT IN (SELECT ticket_id FROM ticket_metrics)) +
		(SELECT count(*) FROM tickets WHERE id NOT IN (SELECT ticket_id FROM audits))`).Scan(&n)
	if err != nil {
		return mapErr(err)
	}
	if n != 0 {
		return fd.Errorf(fd.Internal, "integrity check: %d orphaned or incomplete rows", n)
	}
	return nil
}

// TouchToken records when a token was last used.
func (c *Conn) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", at.UnixMicro(), id)
	return err
}
