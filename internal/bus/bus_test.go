package bus

import (
	"testing"

	fd "github.com/frontdesk/frontdesk"
)

func TestPublishReachesSubscribersAndNeverBlocks(t *testing.T) {
	b := New(nil)
	fast, stopFast := b.Subscribe(10)
	slow, stopSlow := b.Subscribe(1)
	for i := range 3 {
		b.Publish(fd.Event{Type: "ticket.updated", TicketID: int64(i)})
	}
	for i := range 3 {
		if ev := <-fast; ev.TicketID != int64(i) {
			t.Fatalf("fast subscriber got %d, want %d", ev.TicketID, i)
		}
	}
	if ev := <-slow; ev.TicketID != 0 || len(slow) != 0 {
		t.Fatalf("slow subscriber: got %d with %d queued; want the first event only", ev.TicketID, len(slow))
	}
	stopFast()
	stopFast()
	if _, open := <-fast; open {
		t.Fatal("channel still open after unsubscribe")
	}
	b.Publish(fd.Event{TicketID: 9}) // must not panic on the closed subscription
	stopSlow()
}
