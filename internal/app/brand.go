package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	fd "github.com/frontdesk/frontdesk"
)

// EnsureBrand gives a help desk with no brand at all its default brand, as Zendesk
// gives every account one. Every ticket has a brand, and tickets arriving at a fresh
// install (by the API today, by email or web form tomorrow) must not be refused because
// nobody has made a brand yet: a refusal there would turn away customers, not the admin
// who can fix it. serve and migrate call it; it tells out when it made the brand, which
// is named after this machine and can be renamed through the API, or replaced as the
// default with `frontdesk brand create --default`.
func (a *App) EnsureBrand(ctx context.Context, out io.Writer) error {
	b, created, err := a.Directory.EnsureBrand(ctx, hostBrand())
	if err != nil || !created {
		return err
	}
	a.Tickets.BrandsChanged()
	fmt.Fprintf(out, "Created the default brand %q (subdomain %s): rename it through the API, "+
		"or make another the default with frontdesk brand create --default\n", b.Name, b.Subdomain)
	return nil
}

// hostBrand is the brand a fresh install gets: named after this machine's host name,
// whose first label is the subdomain; "Support" when the host name makes no DNS label.
func hostBrand() fd.Brand {
	host, _ := os.Hostname()
	host = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
	label, _, _ := strings.Cut(host, ".")
	label = strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, label), "-")
	if label == "" || len(label) > 63 {
		return fd.Brand{Name: "Support", Subdomain: "support", Active: true}
	}
	return fd.Brand{Name: host, Subdomain: label, Active: true}
}
