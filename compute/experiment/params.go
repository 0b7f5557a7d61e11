package experiment

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Param describes one field of a spec as it appears in CLI flags and URL
// keys. It is read from the field's struct tags:
//
//	key:"classes"          the flag name and URL key
//	help:"…"               a one-line description, with units
//	min:"2" max:"100"      the inclusive range of a number, or of each element of a list
//	enum:"ce,mse"          the allowed values of a string (or of a whole number)
//	maxlen:"8"             the longest allowed list
type Param struct {
	Key, Help string
	Kind      reflect.Kind // Int, Uint64, Float64, Bool, String or Slice (of int or float64)
	Min, Max  float64      // ±Inf when unbounded
	Enum      []string
	MaxLen    int
	index     int
	floats    bool // a Slice of float64
}

// Params lists the parameters of the spec struct pointed to by spec, in field
// order. It panics if spec is not a pointer to a struct with valid tags.
func Params(spec any) []Param {
	t := reflect.TypeOf(spec)
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		panic("experiment: Params needs a pointer to a struct")
	}
	t = t.Elem()
	var out []Param
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("key")
		if key == "" {
			continue
		}
		p := Param{Key: key, Help: f.Tag.Get("help"), Kind: f.Type.Kind(), Min: math.Inf(-1), Max: math.Inf(1), index: i,
			floats: f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Float64}
		if v := f.Tag.Get("min"); v != "" {
			p.Min = mustFloat(v)
		}
		if v := f.Tag.Get("max"); v != "" {
			p.Max = mustFloat(v)
		}
		if v := f.Tag.Get("enum"); v != "" {
			p.Enum = strings.Split(v, ",")
		}
		if v := f.Tag.Get("maxlen"); v != "" {
			p.MaxLen = int(mustFloat(v))
		}
		out = append(out, p)
	}
	return out
}

func mustFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("experiment: bad numeric tag " + s)
	}
	return v
}

// Get returns the field's value in the text form Set accepts.
func (p Param) Get(spec any) string {
	v := reflect.ValueOf(spec).Elem().Field(p.index)
	switch p.Kind {
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return v.String()
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			if e := v.Index(i); e.Kind() == reflect.Float64 {
				parts[i] = strconv.FormatFloat(e.Float(), 'g', -1, 64)
			} else {
				parts[i] = strconv.FormatInt(e.Int(), 10)
			}
		}
		return strings.Join(parts, ",")
	}
	panic("experiment: unsupported field kind " + p.Kind.String())
}

// Set parses text into the field. It checks syntax only; Check checks range.
func (p Param) Set(spec any, text string) error {
	v := reflect.ValueOf(spec).Elem().Field(p.index)
	text = strings.TrimSpace(text)
	switch p.Kind {
	case reflect.Int:
		x, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a whole number; allowed: %s", p.Key, text, p.RangeText())
		}
		v.SetInt(x)
	case reflect.Uint64:
		x, err := strconv.ParseUint(text, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a whole number; allowed: %s", p.Key, text, p.RangeText())
		}
		v.SetUint(x)
	case reflect.Float64:
		x, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s: %q is not a finite number; allowed: %s", p.Key, text, p.RangeText())
		}
		v.SetFloat(x)
	case reflect.Bool:
		x, err := strconv.ParseBool(text)
		if err != nil {
			return fmt.Errorf("%s: %q is not true or false", p.Key, text)
		}
		v.SetBool(x)
	case reflect.String:
		v.SetString(strings.ToLower(text))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Float64 {
			var xs []float64
			if text != "" {
				for _, part := range strings.Split(text, ",") {
					x, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
					if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
						return fmt.Errorf("%s: %q is not a comma-separated list of finite numbers", p.Key, text)
					}
					xs = append(xs, x)
				}
			}
			v.Set(reflect.ValueOf(xs))
			return nil
		}
		var xs []int
		if text != "" {
			for _, part := range strings.Split(text, ",") {
				x, err := strconv.Atoi(strings.TrimSpace(part))
				if err != nil {
					return fmt.Errorf("%s: %q is not a comma-separated list of whole numbers", p.Key, text)
				}
				xs = append(xs, x)
			}
		}
		v.Set(reflect.ValueOf(xs))
	default:
		panic("experiment: unsupported field kind " + p.Kind.String())
	}
	return nil
}

// Check reports whether the field's value is in its declared range.
func (p Param) Check(spec any) error {
	v := reflect.ValueOf(spec).Elem().Field(p.index)
	inRange := func(x float64) bool { return x >= p.Min && x <= p.Max }
	switch p.Kind {
	case reflect.Int, reflect.Float64, reflect.Uint64:
		if p.Enum != nil {
			if !contains(p.Enum, p.Get(spec)) {
				return fmt.Errorf("%s = %s is not allowed; choose one of %s", p.Key, p.Get(spec), strings.Join(p.Enum, ", "))
			}
			return nil
		}
		var x float64
		switch p.Kind {
		case reflect.Int:
			x = float64(v.Int())
		case reflect.Uint64:
			x = float64(v.Uint())
		default:
			x = v.Float()
		}
		if math.IsNaN(x) || !inRange(x) {
			return fmt.Errorf("%s = %s is out of range; allowed: %s", p.Key, p.Get(spec), p.RangeText())
		}
	case reflect.String:
		if p.Enum != nil && !contains(p.Enum, v.String()) {
			return fmt.Errorf("%s = %q is not allowed; choose one of %s", p.Key, v.String(), strings.Join(p.Enum, ", "))
		}
	case reflect.Slice:
		if p.MaxLen > 0 && v.Len() > p.MaxLen {
			return fmt.Errorf("%s has %d entries; at most %d are allowed", p.Key, v.Len(), p.MaxLen)
		}
		for i := 0; i < v.Len(); i++ {
			if e := v.Index(i); e.Kind() == reflect.Float64 {
				if x := e.Float(); math.IsNaN(x) || !inRange(x) {
					return fmt.Errorf("%s: entry %g is out of range; allowed: %s", p.Key, x, p.RangeText())
				}
			} else if x := float64(e.Int()); !inRange(x) {
				return fmt.Errorf("%s: entry %d is out of range; allowed: %s", p.Key, int64(x), p.RangeText())
			}
		}
	}
	return nil
}

// RangeText describes the allowed values, for help texts and messages.
func (p Param) RangeText() string {
	if p.Enum != nil {
		return strings.Join(p.Enum, ", ")
	}
	if p.Kind == reflect.Bool {
		return "true, false"
	}
	format := func(x float64) string {
		if p.Kind != reflect.Float64 && !p.floats {
			return strconv.FormatFloat(x, 'f', -1, 64) // whole numbers in full
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	lo, hi := "−∞", "∞"
	if !math.IsInf(p.Min, -1) {
		lo = format(p.Min)
	}
	if !math.IsInf(p.Max, 1) {
		hi = format(p.Max)
	}
	s := "[" + lo + ", " + hi + "]"
	if p.MaxLen > 0 {
		s = fmt.Sprintf("up to %d entries, each in %s", p.MaxLen, s)
	}
	return s
}

// CheckAll checks every parameter of spec and returns the first error.
func CheckAll(spec any) error {
	for _, p := range Params(spec) {
		if err := p.Check(spec); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
