package job

// The tests of this package exercise every family.
func init() { RegisterAll() }
