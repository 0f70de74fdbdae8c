package demo

import (
	"strings"
	"testing"
	"unicode"
)

func TestCorpusTopics(t *testing.T) {
	langs := []string{"en", "es", "ru"}
	validBrand := map[string]bool{"learning": true, "cloud": true}
	validGroup := map[string]bool{"Support": true, "Billing": true, "Technical": true, "Accounts": true}
	validType := map[string]bool{"question": true, "incident": true, "problem": true, "task": true}
	validPriority := map[string]bool{"low": true, "normal": true, "high": true, "urgent": true}

	ts := topics()
	if len(ts) < 24 {
		t.Fatalf("got %d topics, want at least 24", len(ts))
	}
	keys := map[string]bool{}
	for _, tp := range ts {
		if tp.Key == "" {
			t.Errorf("topic with empty key")
		}
		if keys[tp.Key] {
			t.Errorf("duplicate topic key %q", tp.Key)
		}
		keys[tp.Key] = true
		if !validBrand[tp.Brand] {
			t.Errorf("%s: invalid brand %q", tp.Key, tp.Brand)
		}
		if !validGroup[tp.Group] {
			t.Errorf("%s: invalid group %q", tp.Key, tp.Group)
		}
		if !validType[tp.Type] {
			t.Errorf("%s: invalid type %q", tp.Key, tp.Type)
		}
		if !validPriority[tp.Priority] {
			t.Errorf("%s: invalid priority %q", tp.Key, tp.Priority)
		}
		if n := len(tp.Tags); n < 1 || n > 3 {
			t.Errorf("%s: %d tags, want 1-3", tp.Key, n)
		}
		for _, tag := range tp.Tags {
			if tag == "" || tag != strings.ToLower(tag) || strings.ContainsAny(tag, " \t") {
				t.Errorf("%s: tag %q must be a non-empty lower-case word", tp.Key, tag)
			}
		}
		fields := []struct {
			name string
			m    map[string][]string
			min  int
		}{
			{"Subjects", tp.Subjects, 3},
			{"Bodies", tp.Bodies, 3},
			{"Replies", tp.Replies, 3},
			{"FollowUps", tp.FollowUps, 2},
		}
		for _, f := range fields {
			if len(f.m) != len(langs) {
				t.Errorf("%s.%s: %d languages, want exactly %v", tp.Key, f.name, len(f.m), langs)
			}
			for _, lang := range langs {
				texts := f.m[lang]
				if len(texts) < f.min {
					t.Errorf("%s.%s[%s]: %d texts, want at least %d", tp.Key, f.name, lang, len(texts), f.min)
				}
				seen := map[string]bool{}
				for _, s := range texts {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s.%s[%s]: empty text", tp.Key, f.name, lang)
					}
					if seen[s] {
						t.Errorf("%s.%s[%s]: duplicate text %q", tp.Key, f.name, lang, s)
					}
					seen[s] = true
					if lang == "ru" && !hasCyrillicCorpus(s) {
						t.Errorf("%s.%s[ru]: text is not in Cyrillic: %q", tp.Key, f.name, s)
					}
				}
			}
		}
		if len(tp.Notes) < 2 {
			t.Errorf("%s: %d notes, want at least 2", tp.Key, len(tp.Notes))
		}
		for _, n := range tp.Notes {
			if hasCyrillicCorpus(n) {
				t.Errorf("%s: internal notes must be in English: %q", tp.Key, n)
			}
		}
	}

	// Every group and brand should be represented.
	groups, brands := map[string]int{}, map[string]int{}
	for _, tp := range ts {
		groups[tp.Group]++
		brands[tp.Brand]++
	}
	for g := range validGroup {
		if groups[g] == 0 {
			t.Errorf("no topics for group %s", g)
		}
	}
	for b := range validBrand {
		if brands[b] == 0 {
			t.Errorf("no topics for brand %s", b)
		}
	}

	// The topics required by the demo scenario.
	for _, k := range []string{
		"password-reset", "2fa-lost", "account-locked", "change-email",
		"refund-request", "double-charge", "invoice-vat", "card-declined",
		"plan-change", "cancel-subscription", "certificate-not-issued",
		"video-playback", "quiz-grading", "deadline-extension", "course-access",
		"proctoring-webcam", "api-rate-limit", "outage-500", "data-export",
		"sso-saml", "mobile-app-bug", "feature-request", "gdpr-deletion",
		"slack-integration", "email-notifications",
	} {
		if !keys[k] {
			t.Errorf("missing topic %q", k)
		}
	}
}

func TestCorpusNames(t *testing.T) {
	for _, lang := range []string{"en", "es", "ru"} {
		for _, list := range []struct {
			name  string
			names []string
		}{
			{"firstNames", firstNames(lang)},
			{"lastNames", lastNames(lang)},
		} {
			if len(list.names) < 25 {
				t.Errorf("%s(%q): %d names, want at least 25", list.name, lang, len(list.names))
			}
			seen := map[string]bool{}
			for _, n := range list.names {
				if strings.TrimSpace(n) == "" || seen[n] {
					t.Errorf("%s(%q): empty or duplicate name %q", list.name, lang, n)
				}
				seen[n] = true
				if (lang == "ru") != hasCyrillicCorpus(n) {
					t.Errorf("%s(%q): name %q has wrong script", list.name, lang, n)
				}
			}
		}
	}
	if firstNames("xx") != nil || lastNames("xx") != nil {
		t.Errorf("unknown language should return nil")
	}
}

func TestCorpusOrganizations(t *testing.T) {
	orgs := organizations()
	if len(orgs) != 20 {
		t.Fatalf("got %d organizations, want 20", len(orgs))
	}
	names, domains := map[string]bool{}, map[string]bool{}
	langs := map[string]int{}
	shared := 0
	for _, o := range orgs {
		if o.Name == "" || names[o.Name] {
			t.Errorf("empty or duplicate organization name %q", o.Name)
		}
		names[o.Name] = true
		if domains[o.Domain] {
			t.Errorf("duplicate domain %q", o.Domain)
		}
		domains[o.Domain] = true
		if !strings.HasSuffix(o.Domain, ".example") && !strings.HasSuffix(o.Domain, ".test") {
			t.Errorf("%s: domain %q must end in .example or .test", o.Name, o.Domain)
		}
		if o.Domain != strings.ToLower(o.Domain) || strings.ContainsAny(o.Domain, " @") {
			t.Errorf("%s: malformed domain %q", o.Name, o.Domain)
		}
		langs[o.Lang]++
		if o.Shared {
			shared++
		}
		if len(o.Tags) == 0 {
			t.Errorf("%s: no tags", o.Name)
		}
	}
	for _, l := range []string{"en", "es", "ru"} {
		if langs[l] < 4 {
			t.Errorf("only %d organizations with language %s", langs[l], l)
		}
	}
	if len(langs) != 3 {
		t.Errorf("unexpected organization languages: %v", langs)
	}
	if shared < 5 || shared > 9 {
		t.Errorf("%d shared organizations, want about a third", shared)
	}
}

func TestCorpusAgents(t *testing.T) {
	as := agents()
	if len(as) != 10 {
		t.Fatalf("got %d agents, want 10", len(as))
	}
	validGroup := map[string]bool{"Support": true, "Billing": true, "Technical": true, "Accounts": true}
	validLocale := map[string]bool{"en": true, "es": true, "ru": true}
	admins := 0
	perGroup := map[string]int{}
	emails := map[string]bool{}
	for _, a := range as {
		if a.Name == "" {
			t.Errorf("agent with empty name")
		}
		if !strings.HasSuffix(a.Email, "@acme.example") || strings.Count(a.Email, "@") != 1 {
			t.Errorf("%s: email %q must be an @acme.example address", a.Name, a.Email)
		}
		if emails[a.Email] {
			t.Errorf("duplicate agent email %q", a.Email)
		}
		emails[a.Email] = true
		if n := len(a.Groups); n < 1 || n > 2 {
			t.Errorf("%s: %d groups, want 1-2", a.Name, n)
		}
		for _, g := range a.Groups {
			if !validGroup[g] {
				t.Errorf("%s: invalid group %q", a.Name, g)
			}
			perGroup[g]++
		}
		if !validLocale[a.Locale] {
			t.Errorf("%s: invalid locale %q", a.Name, a.Locale)
		}
		if a.Admin {
			admins++
		}
	}
	if admins != 1 {
		t.Errorf("%d admins, want exactly 1", admins)
	}
	for g := range validGroup {
		if perGroup[g] < 2 {
			t.Errorf("group %s has %d agents, want at least 2", g, perGroup[g])
		}
	}
}

// TestCorpusFreshCopies checks that accessors do not share backing data, so
// a caller mutating a result cannot affect other callers.
func TestCorpusFreshCopies(t *testing.T) {
	a := topics()
	a[0].Tags[0] = "mutated"
	a[0].Subjects["en"][0] = "mutated"
	if b := topics(); b[0].Tags[0] == "mutated" || b[0].Subjects["en"][0] == "mutated" {
		t.Errorf("topics() returns shared data")
	}
	o := organizations()
	o[0].Name = "mutated"
	if organizations()[0].Name == "mutated" {
		t.Errorf("organizations() returns shared data")
	}
}

// TestCorpusInflections checks that the corpus contains words in several
// inflected forms, which search stemming tests rely on.
func TestCorpusInflections(t *testing.T) {
	var all strings.Builder
	for _, tp := range topics() {
		for _, m := range []map[string][]string{tp.Subjects, tp.Bodies, tp.Replies, tp.FollowUps} {
			for _, texts := range m {
				for _, s := range texts {
					all.WriteString(strings.ToLower(s))
					all.WriteByte('\n')
				}
			}
		}
	}
	text := all.String()
	for _, w := range []string{
		"refund ", "refunds", "refunded",
		"pago ", "pagos", "contraseña", "contraseñas",
		"пароль", "пароля", "паролем", "пароли",
		"платёж", "платежа", "возврат", "возврата",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("corpus lacks the word form %q", w)
		}
	}
}

func hasCyrillicCorpus(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
