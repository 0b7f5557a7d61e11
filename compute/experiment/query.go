package experiment

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// SchemaVersion is the version of the link format, the "v" key of every
// page link. Links of version 1 read the same forever.
const SchemaVersion = 1

// MaxQueryLen is the longest link query read; longer ones are cut.
const MaxQueryLen = 4096

// Query writes the parameters of the specs (pointers to tagged structs) as
// a readable link query: v=1 first, then key=value in field order, with
// commas in lists left unescaped.
func Query(specs ...any) string {
	var b strings.Builder
	b.WriteString("v=" + strconv.Itoa(SchemaVersion))
	for _, spec := range specs {
		for _, p := range Params(spec) {
			b.WriteString("&" + p.Key + "=" + strings.ReplaceAll(url.QueryEscape(p.Get(spec)), "%2C", ","))
		}
	}
	return b.String()
}

// ParseQuery reads a link query (with or without the leading "?") into the
// specs, which hold the defaults on entry, and never fails: it keeps the
// default for a value it cannot read or an unknown enum value, clamps a
// number to its range (dropping list entries that clamping makes equal to
// the entry before), truncates a list that is too long, ignores unknown
// and repeated keys, makes a spec's dependent keys agree where it knows
// how (Paths: width becomes one of widths), and returns one notice per
// correction, saying what it changed. The caller then calls the spec's
// Validate, which judges the combination.
func ParseQuery(query string, specs ...any) (notices []string) {
	query = strings.TrimPrefix(query, "?")
	if len(query) > MaxQueryLen {
		notices = append(notices, fmt.Sprintf("the link is %d characters long; only the first %d were read", len(query), MaxQueryLen))
		query = query[:MaxQueryLen]
	}
	if query == "" {
		return notices
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		notices = append(notices, "part of the link could not be read and was ignored: "+quote(err.Error()))
	}
	switch v := values.Get("v"); {
	case len(values) == 0:
	case v == "":
		notices = append(notices, fmt.Sprintf("the link has no schema version; it was read as v=%d", SchemaVersion))
	case v != strconv.Itoa(SchemaVersion):
		notices = append(notices, fmt.Sprintf("the link has schema version v=%s; this site reads v=%d, so some values may differ", quote(v), SchemaVersion))
	}
	known := map[string]bool{"v": true}
	for _, spec := range specs {
		for _, p := range Params(spec) {
			known[p.Key] = true
			vs, ok := values[p.Key]
			if !ok {
				continue
			}
			if len(vs) > 1 {
				notices = append(notices, fmt.Sprintf("%s appears %d times; the last value was used", p.Key, len(vs)))
			}
			if n := p.read(spec, vs[len(vs)-1]); n != "" {
				notices = append(notices, n)
			} else if p.Kind == reflect.Slice && strings.TrimSpace(vs[len(vs)-1]) == "" {
				notices = append(notices, fmt.Sprintf("%s is empty, read as an empty list (hidden: a network without hidden layers, a linear model)", p.Key))
			}
		}
	}
	for _, spec := range specs {
		if c, ok := spec.(interface{ CorrectLink() []string }); ok {
			notices = append(notices, c.CorrectLink()...)
		}
	}
	var unknown []string
	for k := range values {
		if !known[k] {
			unknown = append(unknown, quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		if len(unknown) > 5 {
			unknown = append(unknown[:5], fmt.Sprintf("and %d more", len(unknown)-5))
		}
		notices = append(notices, "ignored unknown keys: "+strings.Join(unknown, ", "))
	}
	return notices
}

// read sets the field from text, correcting it as ParseQuery describes,
// and returns a notice if it corrected anything.
func (p Param) read(spec any, text string) string {
	old := p.Get(spec)
	if err := p.Set(spec, text); err != nil {
		_ = p.Set(spec, old)
		return fmt.Sprintf("%s; kept %s", err.Error(), old) // Set's errors name the key and quote the text
	}
	if p.Check(spec) == nil {
		return ""
	}
	if p.Enum != nil || p.Kind == reflect.String {
		bad := p.Get(spec)
		_ = p.Set(spec, old)
		return fmt.Sprintf("%s = %s is not one of %s; kept %s", p.Key, quote(bad), p.RangeText(), old)
	}
	bad := p.Get(spec)
	v := reflect.ValueOf(spec).Elem().Field(p.index)
	switch p.Kind {
	case reflect.Int:
		v.SetInt(int64(math.Max(p.Min, math.Min(p.Max, float64(v.Int())))))
	case reflect.Uint64:
		v.SetUint(uint64(math.Max(p.Min, math.Min(p.Max, float64(v.Uint())))))
	case reflect.Float64:
		v.SetFloat(math.Max(p.Min, math.Min(p.Max, v.Float())))
	case reflect.Slice:
		if p.MaxLen > 0 && v.Len() > p.MaxLen {
			v.Set(v.Slice(0, p.MaxLen))
		}
		kept := 0
		for i := 0; i < v.Len() && p.floats; i++ {
			x := math.Max(p.Min, math.Min(p.Max, v.Index(i).Float()))
			if kept > 0 && v.Index(kept-1).Float() == x {
				continue
			}
			v.Index(kept).SetFloat(x)
			kept++
		}
		for i := 0; i < v.Len() && !p.floats; i++ {
			x := int64(math.Max(p.Min, math.Min(p.Max, float64(v.Index(i).Int()))))
			if kept > 0 && v.Index(kept-1).Int() == x {
				continue // clamped onto the entry before: 0,0,0 reads as 4, not 4,4,4
			}
			v.Index(kept).SetInt(x)
			kept++
		}
		v.Set(v.Slice(0, kept))
		if v.Len() == 0 {
			_ = p.Set(spec, old)
		}
	}
	if p.Check(spec) != nil { // cannot happen for a numeric range; keep the default to be safe
		_ = p.Set(spec, old)
	}
	return fmt.Sprintf("%s = %s is out of range (%s); set to %s", p.Key, quote(bad), p.RangeText(), p.Get(spec))
}

// quote shortens untrusted text to 60 characters and quotes it, so a
// notice shows it literally.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return strconv.Quote(s)
}

// SetParam sets the parameter key of spec from text as a control on a page
// does, correcting it as ParseQuery would; notice says what was corrected.
// ok is false for an unknown key.
func SetParam(spec any, key, text string) (notice string, ok bool) {
	for _, p := range Params(spec) {
		if p.Key == key {
			return p.read(spec, text), true
		}
	}
	return "", false
}
