package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// Organizations returns live organizations in id order: those after afterID, less the
// first offset of them, at most limit.
func (c *Conn) Organizations(ctx context.Context, afterID int64, offset, limit int) ([]*fd.Organization, error) {
	rows, err := c.query(ctx, "SELECT "+orgColumns+` FROM organizations WHERE deleted_at IS NULL AND id > ?
		ORDER BY id LIMIT ? OFFSET ?`, afterID, limit, offset)
	return collect(rows, err, scanOrg)
}

// CountOrganizations counts the live organizations.
func (c *Conn) CountOrganizations(ctx context.Context) (int64, error) {
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM organizations WHERE deleted_at IS NULL").Scan(&n))
	return n, err
}

// OrganizationsByIDs returns the live organizations with these ids, in id order.
func (c *Conn) OrganizationsByIDs(ctx context.Context, ids []int64) ([]*fd.Organization, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, "SELECT "+orgColumns+" FROM organizations WHERE deleted_at IS NULL AND id IN ("+
		placeholders(len(ids))+") ORDER BY id", anys(ids)...)
	return collect(rows, err, scanOrg)
}

// OrganizationsByExternalIDs returns the live organizations whose external id is one
// of these, compared without regard to case, in id order.
func (c *Conn) OrganizationsByExternalIDs(ctx context.Context, externalIDs []string) ([]*fd.Organization, error) {
	if len(externalIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(externalIDs))
	for i, e := range externalIDs {
		args[i] = strings.ToLower(e)
	}
	rows, err := c.query(ctx, "SELECT "+orgColumns+` FROM organizations WHERE external_id IS NOT NULL AND lower(external_id) IN (`+
		placeholders(len(args))+") AND deleted_at IS NULL ORDER BY id", args...)
	return collect(rows, err, scanOrg)
}

// OrganizationsNamed returns the live organizations whose name is this one, compared
// without regard to case.
func (c *Conn) OrganizationsNamed(ctx context.Context, name string) ([]*fd.Organization, error) {
	rows, err := c.query(ctx, "SELECT "+orgColumns+` FROM organizations WHERE lower(name) = ? AND deleted_at IS NULL
		ORDER BY id`, strings.ToLower(name))
	return collect(rows, err, scanOrg)
}

// UpdateOrganization stores every column of o and makes its domains the ones that claim
// new users.
func (c *Conn) UpdateOrganization(ctx context.Context, o *fd.Organization) error {
	res, err := c.exec(ctx, `UPDATE organizations SET name = ?, domain_names = ?, shared_tickets = ?, group_id = ?,
		tags = ?, notes = ?, details = ?, external_id = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		o.Name, joinWords(o.DomainNames), o.SharedTickets, nullID(o.GroupID), joinWords(o.Tags), o.Notes,
		o.Details, nullString(o.ExternalID), o.UpdatedAt.UnixMicro(), o.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fd.ErrNotFound("organization", o.ID)
	}
	if _, err := c.exec(ctx, "DELETE FROM organization_domains WHERE organization_id = ?", o.ID); err != nil {
		return err
	}
	for _, d := range o.DomainNames {
		if _, err := c.exec(ctx, "INSERT INTO organization_domains (domain, organization_id) VALUES (?, ?)", d, o.ID); err != nil {
			if fd.Is(err, fd.Conflict) {
				return fd.Errorf(fd.Conflict, "domain %s already belongs to another organization", d)
			}
			return err
		}
	}
	return nil
}

// DeleteOrganization turns an organization into a tombstone: it leaves every listing and
// lookup, its domains claim no one, and its name and external id are free for others.
// Tickets keep pointing at it.
func (c *Conn) DeleteOrganization(ctx context.Context, id int64, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE organizations SET name = name || CAST(? AS TEXT), external_id = NULL, domain_names = '',
		deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		fmt.Sprintf(" (deleted #%d)", id), at.UnixMicro(), at.UnixMicro(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fd.ErrNotFound("organization", id)
	}
	_, err = c.exec(ctx, "DELETE FROM organization_domains WHERE organization_id = ?", id)
	return err
}

// DetachOrganizationUsers takes every user out of an organization.
func (c *Conn) DetachOrganizationUsers(ctx context.Context, orgID int64, at time.Time) error {
	c.usersChanged()
	_, err := c.exec(ctx, "UPDATE users SET organization_id = NULL, updated_at = ? WHERE organization_id = ?", at.UnixMicro(), orgID)
	return err
}

// OrganizationUsers returns the users of an organization in id order: those after
// afterID, less the first offset of them, at most limit.
func (c *Conn) OrganizationUsers(ctx context.Context, orgID, afterID int64, offset, limit int) ([]*fd.User, error) {
	rows, err := c.query(ctx, "SELECT "+userColumns+` FROM users WHERE organization_id = ? AND id > ?
		ORDER BY id LIMIT ? OFFSET ?`, orgID, afterID, limit, offset)
	return collect(rows, err, scanUser)
}

// CountOrganizationUsers counts the users of an organization.
func (c *Conn) CountOrganizationUsers(ctx context.Context, orgID int64) (int64, error) {
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM users WHERE organization_id = ?", orgID).Scan(&n))
	return n, err
}
