package app

import (
	"context"
	"fmt"
	"io"

	fd "github.com/frontdesk/frontdesk"
)

// EnsureBrand gives a help desk with no brand at all its default brand, as Zendesk
// gives every account one. Every ticket has a brand, and tickets arriving at a fresh
// install (by the API today, by email or web form tomorrow) must not be refused because
// nobody has made a brand yet: a refusal there would turn away customers, not the admin
// who can fix it. serve and migrate call it; it tells out when it made the brand,
// "Support", which can be renamed through the API, or replaced as the default with
// `frontdesk brand create --default`.
func (a *App) EnsureBrand(ctx context.Context, out io.Writer) error {
	b, created, err := a.Directory.EnsureBrand(ctx, firstBrand())
	if err != nil || !created {
		return err
	}
	a.Tickets.BrandsChanged()
	fmt.Fprintf(out, "Created the default brand %q (subdomain %s): rename it through the API, "+
		"or make another the default with frontdesk brand create --default\n", b.Name, b.Subdomain)
	return nil
}

// firstBrand is the brand a fresh install gets. Not the host name: that would show
// customers a machine's internal name (ip-10-0-3-17.ec2.internal, a pod's name).
func firstBrand() fd.Brand { return fd.Brand{Name: "Support", Subdomain: "support", Active: true} }
