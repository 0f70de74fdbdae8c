package api

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadAhead(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var ra readAhead
	var reads atomic.Int32
	read := func(body string, err error) func(context.Context) (exportAnswer, error) {
		return func(context.Context) (exportAnswer, error) {
			reads.Add(1)
			return exportAnswer{body: []byte(body), next: body + "/next"}, err
		}
	}

	// A page read ahead answers its URL once, waiting for the read if need be.
	release := make(chan struct{})
	ra.start("a", now, func(ctx context.Context) (exportAnswer, error) {
		<-release
		return read("A", nil)(ctx)
	})
	ra.start("a", now, read("A again", nil)) // being read already
	go close(release)
	if p := ra.take(ctx, "a", now.Add(time.Second)); p == nil || string(p.body) != "A" || p.next != "A/next" {
		t.Fatalf("took %+v", p)
	}
	if p := ra.take(ctx, "a", now); p != nil || reads.Load() != 1 {
		t.Fatalf("took %+v again after %d reads", p, reads.Load())
	}

	// A failed read, one older than the TTL, or one that ended the stream, answers
	// nothing.
	ra.start("failed", now, read("F", errors.New("no")))
	ra.start("old", now, read("O", nil))
	ra.start("end", now, func(context.Context) (exportAnswer, error) { return exportAnswer{body: []byte("E")}, nil })
	if p := ra.take(ctx, "end", now); p != nil {
		t.Fatalf("the end of the stream answered from a page read ahead: %+v", p)
	}
	if p := ra.take(ctx, "failed", now); p != nil {
		t.Fatalf("failed read answered %+v", p)
	}
	if p := ra.take(ctx, "old", now.Add(readAheadTTL+time.Second)); p != nil {
		t.Fatalf("stale read answered %+v", p)
	}

	// At most readAheadMax pages are held; pages gone stale make room.
	for i := range readAheadMax + 1 {
		ra.start(fmt.Sprint(i), now, read(fmt.Sprint(i), nil))
	}
	if p := ra.take(ctx, fmt.Sprint(readAheadMax), now); p != nil {
		t.Fatalf("page past the limit read ahead: %+v", p)
	}
	for i := range readAheadMax {
		<-ra.pages[fmt.Sprint(i)].done
	}
	ra.start("later", now.Add(readAheadTTL+time.Second), read("L", nil))
	if p := ra.take(ctx, "later", now.Add(readAheadTTL+time.Second)); p == nil || len(ra.pages) != 0 {
		t.Fatalf("stale pages kept room from a new one: %+v, %d held", p, len(ra.pages))
	}

	// A request that goes away stops waiting.
	block := make(chan struct{})
	defer close(block)
	ra.start("slow", now, func(context.Context) (exportAnswer, error) { <-block; return exportAnswer{}, nil })
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if p := ra.take(gone, "slow", now); p != nil {
		t.Fatalf("took %+v for a request that went away", p)
	}
}
