package host

import "strings"

// defaultWSLConf is what WSL uses when /etc/wsl.conf is absent or silent
// (WslDistributionConfig.h, after its trailing-slash normalisation).
func defaultWSLConf() WSLConf {
	return WSLConf{AutomountEnabled: true, AutomountRoot: "/mnt/", InteropEnabled: true, AppendWindowsPath: true}
}

// parseWSLConf reads /etc/wsl.conf as WSL's init does (configfile.cpp,
// WslDistributionConfig.cpp): .gitconfig-style sections, keys compared
// case-insensitively, the first occurrence of a key wins, unknown keys are
// skipped, a boolean that is not true/false/1/0 keeps its default, and the
// first line that does not parse ends the reading — WSL does not pass
// CFG_SKIP_INVALID_LINES, so everything after it is ignored.
func parseWSLConf(data []byte) WSLConf {
	c := defaultWSLConf()
	c.Present = true
	seen := map[string]bool{}
	c.StoppedAt = parseConfig(string(data), func(key, value string) {
		key = strings.ToLower(key)
		if seen[key] {
			return
		}
		seen[key] = true
		switch key {
		case "automount.enabled":
			setBool(&c.AutomountEnabled, value)
		case "automount.root":
			c.AutomountRoot = value
		case "automount.options":
			c.AutomountOptions = value
		case "interop.enabled":
			setBool(&c.InteropEnabled, value)
		case "interop.appendwindowspath":
			setBool(&c.AppendWindowsPath, value)
		case "boot.systemd":
			setBool(&c.Systemd, value)
		}
	})
	if !strings.HasSuffix(c.AutomountRoot, "/") {
		c.AutomountRoot += "/"
	}
	return c
}

// setBool applies WSL's ParseBool: "1", "0", or true/false in any case.
func setBool(dst *bool, v string) {
	switch {
	case v == "1" || strings.EqualFold(v, "true"):
		*dst = true
	case v == "0" || strings.EqualFold(v, "false"):
		*dst = false
	}
}

// parseConfig walks src like WSL's ParseConfigFile, calling set with
// "section.key" and the unquoted, unescaped value. It returns the 1-based
// line at which parsing stopped on an invalid line, or 0.
func parseConfig(src string, set func(key, value string)) int {
	sc := &scanner{src: src, line: 1}
	section := ""
	for {
		c := sc.skipBlanks()
		at := sc.line // before a newline that ends this statement is read
		switch {
		case c == eof:
			return 0
		case c == '\n' || c == '\r':
			continue
		case c == '#':
			sc.skipLine()
		case c == '[':
			name, ok := sc.word(sc.next())
			if !ok || sc.cur != ']' || !sc.endOfLine(sc.skipBlanks()) {
				return at
			}
			section = name
		case isAlpha(c):
			name, _ := sc.word(c)
			if sc.skipBlanksFrom(sc.cur) != '=' {
				return at
			}
			value, ok := sc.value(sc.skipBlanks())
			if !ok {
				return at
			}
			if section != "" {
				name = section + "." + name
			}
			set(name, value)
		default:
			return at
		}
	}
}

const eof = -1

// scanner reads the config a byte at a time; cur is the byte last read.
type scanner struct {
	src  string
	pos  int
	cur  int
	line int
}

func (s *scanner) next() int {
	if s.pos >= len(s.src) {
		s.cur = eof
		return eof
	}
	s.cur = int(s.src[s.pos])
	s.pos++
	if s.cur == '\n' {
		s.line++
	}
	return s.cur
}

func (s *scanner) skipBlanks() int { return s.skipBlanksFrom(s.next()) }

func (s *scanner) skipBlanksFrom(c int) int {
	for c == ' ' || c == '\t' {
		c = s.next()
	}
	return c
}

func (s *scanner) skipLine() {
	for c := s.cur; c != '\n' && c != eof; c = s.next() {
	}
}

// endOfLine accepts what may follow a section header: the end of the line
// or a comment.
func (s *scanner) endOfLine(c int) bool {
	if c == '#' {
		s.skipLine()
	}
	return c == eof || c == '\n' || c == '\r' || c == '#'
}

// word reads a name: a letter, then letters and digits. It leaves the byte
// after the name in cur.
func (s *scanner) word(c int) (string, bool) {
	if !isAlpha(c) {
		return "", false
	}
	var b strings.Builder
	for ; isAlpha(c) || ('0' <= c && c <= '9'); c = s.next() {
		b.WriteByte(byte(c))
	}
	return b.String(), true
}

// value reads a value from its first byte c to the end of the line: quotes
// toggle (and keep a # or blanks literal), \\ \" \b \n \t are escapes, a
// backslash at the end of the line continues it, unquoted trailing blanks are
// dropped, and an unknown escape or an unclosed quote makes the line invalid.
func (s *scanner) value(c int) (string, bool) {
	var b []byte
	trimmed, quoted := 0, false
	for ; c != eof && c != '\n' && c != '\r'; c = s.next() {
		switch c {
		case '"':
			quoted = !quoted
		case '\\':
			switch e := s.next(); e {
			case '\\', '"':
				b = append(b, byte(e))
			case 'b':
				b = append(b, '\b')
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			case '\n':
			default:
				return "", false
			}
		case '#':
			if !quoted {
				s.skipLine()
				return string(b[:trimmed]), true
			}
			b = append(b, '#')
		default:
			b = append(b, byte(c))
		}
		if c != ' ' && c != '\t' {
			trimmed = len(b)
		}
	}
	if quoted {
		return "", false
	}
	return string(b[:trimmed]), true
}

func isAlpha(c int) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
