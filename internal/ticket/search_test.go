package ticket_test

import (
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestSearchStemsThreeLanguages(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		en := e.mustCreateTicket(t, "Refunds for two orders", "I was charged twice and need my money back.")
		enBody := e.mustCreateTicket(t, "Billing question", "Could you explain the refund policy for annual plans?")
		es := e.mustCreateTicket(t, "Problema con los pagos", "Hola, los pagos con tarjeta fallan desde ayer.")
		ru := e.mustCreateTicket(t, "Не приходит письмо", "Здравствуйте! Не могу восстановить доступ: письмо для сброса пароля не приходит.")
		e.mustCreateTicket(t, "Unrelated", "The video player stutters on Safari.")
		// A reply is searchable too.
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: en.ID, ActorID: e.agent.ID,
			Comment: &ticket.NewComment{Body: "We have issued the refunds; the banks take a few days."}}))(t)

		cases := []struct {
			query   string
			want    []int64 // in rank order
			snippet string
		}{
			{"refund", []int64{en.ID, enBody.ID}, "<em>Refunds</em>"},
			{"refunded", []int64{en.ID, enBody.ID}, "<em>Refunds</em>"},
			{"pago", []int64{es.ID}, "<em>pagos</em>"},
			{"PAGOS tarjeta", []int64{es.ID}, "<em>tarjeta</em>"},
			{"пароль", []int64{ru.ID}, "<em>пароля</em>"},
			{"паролем письма", []int64{ru.ID}, "<em>письмо</em>"},
			{"banks", []int64{en.ID}, "<em>banks</em>"},
			{"nothing-like-this", nil, ""},
		}
		for _, c := range cases {
			hits := must(e.svc.Search(e.ctx, c.query, 10, 0))(t)
			var got []int64
			for _, h := range hits {
				got = append(got, h.Ticket.ID)
			}
			if len(got) != len(c.want) {
				t.Errorf("%q: found %v, want %v", c.query, got, c.want)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%q: order %v, want %v", c.query, got, c.want)
					break
				}
			}
			if len(hits) > 0 && !strings.Contains(hits[0].Snippet, c.snippet) {
				t.Errorf("%q: snippet %q lacks %q", c.query, hits[0].Snippet, c.snippet)
			}
		}
	})
}

func TestLanguageFromTextElseRequesterLocale(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		// The customer's locale is "es"; text with no signal falls back to it.
		if tk := e.mustCreateTicket(t, "12345", "#4411 ???"); tk.Language != "es" {
			t.Errorf("no-signal text: language %q, want the requester's es", tk.Language)
		}
		if tk := e.mustCreateTicket(t, "Не работает вход", "Не могу войти в личный кабинет"); tk.Language != "ru" {
			t.Errorf("Russian text: language %q", tk.Language)
		}
		if tk := e.mustCreateTicket(t, "Login broken", "I can't log in to my account since the update"); tk.Language != "en" {
			t.Errorf("English text: language %q", tk.Language)
		}
	})
}

// Text whose language is not detected (German here, with a requester of no supported
// locale) is indexed unstemmed; the search must still find it by its own words.
func TestSearchFindsTextOfNoDetectedLanguage(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		de := e.mustCreateTicket(t, "Drucker Probleme", "Seit gestern kommen nur leere Seiten aus dem Drucker.",
			func(in *ticket.NewTicket) {
				in.RequesterID, in.Requester = 0, &ticket.Requester{Email: "kai@example.de", Locale: "de"}
			})
		if de.Language != "" {
			t.Fatalf("language %q detected; the test needs text of no detected language", de.Language)
		}
		e.mustCreateTicket(t, "Unrelated", "The video player stutters on Safari.")
		for _, query := range []string{"Probleme", "drucker", "leere Seiten", "kommen"} {
			hits := must(e.svc.Search(e.ctx, query, 10, 0))(t)
			if len(hits) != 1 || hits[0].Ticket.ID != de.ID {
				t.Errorf("%q: found %d hits, want ticket %d", query, len(hits), de.ID)
			}
		}
	})
}
