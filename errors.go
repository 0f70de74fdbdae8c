package frontdesk

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error so every caller (API, UI, CLI, channels) can react to it the
// same way; the HTTP layer maps each code to one status in one table.
type Code string

// The error codes of Frontdesk. The set is small on purpose: callers branch on these.
const (
	Invalid      Code = "invalid"
	BadRequest   Code = "bad_request" // a malformed request, as opposed to an invalid record
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	RateLimited  Code = "rate_limited"
	Internal     Code = "internal"
)

// FieldError names one problem with one field of an input.
type FieldError struct {
	Field   string
	Message string
}

// Error is the one error type of the domain: a code, a message for people, the field
// problems of an invalid input, and the wrapped cause.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

// Error renders the message, the field problems and the cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Field + " " + f.Message)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound builds the not-found error for one kind of record.
func ErrNotFound(kind string, id any) *Error {
	return Errorf(NotFound, "%s %v not found", kind, id)
}

// CodeOf returns the code of err, Internal for errors that carry none, "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// Problems gathers the field problems of one input and turns them into one Invalid error,
// so a caller learns every problem at once rather than one per attempt.
type Problems []FieldError

// Add records that field has the problem described by the formatted message.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// InvalidField is the Invalid error of one field with one problem.
func InvalidField(field, format string, args ...any) error {
	var p Problems
	p.Add(field, format, args...)
	return p.Err()
}

// Err returns nil when nothing was recorded, else an Invalid error with the problems in
// field order.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	fields := append([]FieldError(nil), p...)
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Field < fields[j].Field })
	return &Error{Code: Invalid, Message: "invalid input", Fields: fields}
}
