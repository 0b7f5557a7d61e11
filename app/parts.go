package app

import "encoding/json"

// partCache decodes the finished parts of a staged run once each, rather
// than on every render: a sweep's page re-renders on every progress
// message, and its parts hold whole paths.
type partCache[T any] struct {
	run   int
	parts map[int]*T
}

// of returns the decoded parts of the run in state, decoding only those
// that arrived since the last call.
func (c *partCache[T]) of(state RunState) map[int]*T {
	if c.parts == nil || c.run != state.Run {
		c.run, c.parts = state.Run, map[int]*T{}
	}
	for i, body := range state.Parts {
		if _, done := c.parts[i]; done {
			continue
		}
		var v T
		if json.Unmarshal([]byte(body), &v) == nil {
			c.parts[i] = &v
		}
	}
	return c.parts
}
