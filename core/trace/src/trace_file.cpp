#include "trace/trace_file.hpp"

#include "json_escape.hpp"
#include "object_events.hpp"

#include <array>
#include <charconv>
#include <exception>
#include <istream>
#include <limits>
#include <ostream>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace trace {

namespace {

using aio::TraceEventKind;

constexpr std::string_view format_name = "dirigent-trace";

// --- text for error messages --------------------------------------------------

// Length of the valid UTF-8 sequence at s[i] (1..4), or 0 when it is not valid
// (overlong forms, surrogates and code points beyond U+10FFFF are not).
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return k < s.size() && at(k) >= lo && at(k) <= hi;
    };
    const unsigned char b = at(i);
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = b == 0xED ? 0x9F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned char lo = b == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

std::string hex_byte(unsigned char b) {
    static constexpr char digits[] = "0123456789ABCDEF";
    return {'0', 'x', digits[b >> 4], digits[b & 0xF]};
}

// `s` quoted for a message: short (a hostile key may be a megabyte), on one line,
// control characters and bytes that are not UTF-8 escaped.
std::string quoted(std::string_view s) {
    constexpr std::size_t max_bytes = 40;
    std::string out = "\"";
    std::size_t i = 0;
    while (i < s.size()) {
        if (i >= max_bytes) {
            out += "...";
            break;
        }
        const auto b = static_cast<unsigned char>(s[i]);
        if (b >= 0x80) {
            const std::size_t n = utf8_length(s, i);
            if (n == 0) {
                out += "\\x" + hex_byte(b).substr(2);
                ++i;
            } else {
                out.append(s.substr(i, n));
                i += n;
            }
            continue;
        }
        if (b == '"' || b == '\\') {
            out += '\\';
            out += static_cast<char>(b);
        } else if (b < 0x20 || b == 0x7F) {
            out += "\\x" + hex_byte(b).substr(2);
        } else {
            out += static_cast<char>(b);
        }
        ++i;
    }
    return out + "\"";
}

// A number literal for a message (it may be a megabyte of digits).
std::string excerpt(std::string_view literal) {
    constexpr std::size_t max_bytes = 40;
    return literal.size() <= max_bytes ? std::string(literal) : std::string(literal.substr(0, max_bytes)) + "...";
}

// --- enum names: the ones aio::to_string gives -----------------------------------

template <class Enum>
class EnumNames {
public:
    EnumNames() {
        // Every value of the underlying type: a kind added to aio is known here at once.
        static_assert(sizeof(Enum) == 1);
        for (unsigned v = 0; v < 256; ++v) {
            const auto e = static_cast<Enum>(v);
            const std::string_view name = aio::to_string(e);
            if (name != "?") names_.emplace_back(name, e);
        }
    }
    const Enum* find(std::string_view name) const noexcept {
        for (const auto& [n, e] : names_)
            if (n == name) return &e;
        return nullptr;
    }

private:
    std::vector<std::pair<std::string_view, Enum>> names_;
};

template <class Enum>
const EnumNames<Enum>& names_of() {
    static const EnumNames<Enum> names;
    return names;
}

// --- one line of JSON: a flat object of strings and numbers ------------------------

enum class Expect { Integer, String, Scalar };  // Scalar: a string or any number

std::string_view describe(Expect expect) {
    switch (expect) {
    case Expect::Integer: return "an integer";
    case Expect::String: return "a string";
    case Expect::Scalar: return "a string or a number";
    }
    return "a value";
}

struct Value {
    bool is_string = false;
    std::size_t column = 0;
    std::string_view number;  // the literal, when not a string
    bool integral = false;    // a number without fraction or exponent
};

bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Scans one line left to right in a single pass and stops at the first problem, so
// any line costs O(its length): a value that opens an object or array is refused at
// its bracket, never scanned.
//
// A handler says for each key what it expects (on_key) and takes the value (on_value;
// a string value is in `text`, which it may swap out). Both report their own errors
// through fail() and return false.
class LineParser {
public:
    LineParser(std::string_view line, std::string& key, std::string& text) : s_(line), key_(key), text_(text) {}

    bool fail(std::size_t column, std::string message) {
        if (!failed_) {
            failed_ = true;
            column_ = column;
            message_ = std::move(message);
        }
        return false;
    }
    bool failed() const noexcept { return failed_; }
    std::size_t column() const noexcept { return column_; }
    const std::string& message() const noexcept { return message_; }

    template <class Handler>
    bool object(Handler& handler) {
        skip_ws();
        if (at_end() || s_[i_] != '{') return fail(i_ + 1, "expected '{': each line is one JSON object");
        ++i_;
        skip_ws();
        if (!at_end() && s_[i_] == '}') {
            ++i_;
        } else {
            while (true) {
                if (at_end()) return fail(i_ + 1, "the line ends inside the object");
                if (s_[i_] != '"') return fail(i_ + 1, "expected a key (a string in double quotes)");
                const std::size_t key_column = i_ + 1;
                if (!string(key_)) return false;
                skip_ws();
                if (at_end()) return fail(i_ + 1, "the line ends inside the object");
                if (s_[i_] != ':') return fail(i_ + 1, "expected ':' after the key");
                ++i_;
                skip_ws();
                Expect expect = Expect::Scalar;
                if (!handler.on_key(*this, key_, key_column, expect)) return false;
                Value value;
                if (!this->value(expect, value)) return false;
                if (!handler.on_value(*this, key_, value, text_)) return false;
                skip_ws();
                if (at_end()) return fail(i_ + 1, "the line ends inside the object");
                if (s_[i_] == ',') {
                    ++i_;
                    skip_ws();
                    continue;
                }
                if (s_[i_] == '}') {
                    ++i_;
                    break;
                }
                return fail(i_ + 1, "expected ',' or '}' after the value");
            }
        }
        skip_ws();
        if (!at_end()) return fail(i_ + 1, "unexpected characters after the object");
        return true;
    }

private:
    bool at_end() const noexcept { return i_ >= s_.size(); }
    void skip_ws() noexcept {
        while (!at_end() && is_ws(s_[i_])) ++i_;
    }

    // The value of key_ at s_[i_].
    bool value(Expect expect, Value& v) {
        v.column = i_ + 1;
        // Built only for an error: this runs for every value of every line.
        const auto not_what = [&] { return quoted(key_) + " must be " + std::string(describe(expect)) + ", not "; };
        if (at_end()) return fail(i_ + 1, "the line ends where a value was expected");
        const char c = s_[i_];
        if (c == '{') return fail(v.column, not_what() + "an object: nesting is not allowed");
        if (c == '[') return fail(v.column, not_what() + "an array: nesting is not allowed");
        if (c == '"') {
            if (!string(text_)) return false;
            v.is_string = true;
            if (expect == Expect::Integer) return fail(v.column, not_what() + "a string");
            return true;
        }
        if (c == '-' || is_digit(c)) {
            if (!number(v)) return false;
            if (expect == Expect::String) return fail(v.column, not_what() + "a number");
            if (expect == Expect::Integer && !v.integral)
                return fail(v.column, not_what() + excerpt(v.number) + " (no fraction or exponent)");
            return true;
        }
        for (const std::string_view word : {"true", "false", "null"}) {
            if (s_.substr(i_, word.size()) == word) return fail(v.column, not_what() + std::string(word));
        }
        if (c == '+') return fail(v.column, "invalid number: JSON has no leading '+'");
        return fail(v.column, "expected a value (a string or a number)");
    }

    // A JSON number at s_[i_]; its grammar checked, its value left to the handler.
    bool number(Value& v) {
        const std::size_t start = i_;
        if (s_[i_] == '-') ++i_;
        if (at_end() || !is_digit(s_[i_])) return fail(start + 1, "invalid number: a digit must follow '-'");
        if (s_[i_] == '0') {
            ++i_;
            if (!at_end() && is_digit(s_[i_])) return fail(start + 1, "invalid number: leading zero");
        } else {
            while (!at_end() && is_digit(s_[i_])) ++i_;
        }
        v.integral = true;
        if (!at_end() && s_[i_] == '.') {
            ++i_;
            if (at_end() || !is_digit(s_[i_])) return fail(i_ + 1, "invalid number: a digit must follow '.'");
            while (!at_end() && is_digit(s_[i_])) ++i_;
            v.integral = false;
        }
        if (!at_end() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (!at_end() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (at_end() || !is_digit(s_[i_])) return fail(i_ + 1, "invalid number: a digit must follow the exponent's 'e'");
            while (!at_end() && is_digit(s_[i_])) ++i_;
            v.integral = false;
        }
        v.number = s_.substr(start, i_ - start);
        return true;
    }

    // Four hex digits at s_[at]; -1 if there are not four.
    long hex4(std::size_t at) const noexcept {
        if (at + 4 > s_.size()) return -1;
        long cp = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const int h = hex_value(s_[at + k]);
            if (h < 0) return -1;
            cp = cp * 16 + h;
        }
        return cp;
    }

    // A JSON string at s_[i_] (the opening quote), decoded into `out`.
    bool string(std::string& out) {
        const std::size_t open = i_;
        out.clear();
        ++i_;
        while (true) {
            // Plain ASCII runs are copied at once.
            const std::size_t run = i_;
            while (!at_end()) {
                const auto b = static_cast<unsigned char>(s_[i_]);
                if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
                ++i_;
            }
            out.append(s_.substr(run, i_ - run));
            if (at_end()) return fail(open + 1, "unterminated string");
            const auto b = static_cast<unsigned char>(s_[i_]);
            if (b == '"') {
                ++i_;
                return true;
            }
            if (b >= 0x80) {
                const std::size_t n = utf8_length(s_, i_);
                if (n == 0) return fail(i_ + 1, "invalid UTF-8 (byte " + hex_byte(b) + ")");
                out.append(s_.substr(i_, n));
                i_ += n;
                continue;
            }
            if (b < 0x20) return fail(i_ + 1, "control character " + hex_byte(b) + " in a string (it must be escaped)");
            // A backslash.
            if (i_ + 1 >= s_.size()) return fail(open + 1, "unterminated string");
            const char e = s_[i_ + 1];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                const long cp = hex4(i_ + 2);
                if (cp < 0) return fail(i_ + 1, "invalid \\u escape: four hex digits must follow \\u");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(i_ + 1, "invalid \\u escape: a lone low surrogate \\u" + std::string(s_.substr(i_ + 2, 4)));
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    // A high surrogate pairs with a low one in the next escape.
                    const long low = s_.substr(i_ + 6, 2) == "\\u" ? hex4(i_ + 8) : -1;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(i_ + 1, "invalid \\u escape: a lone high surrogate \\u" + std::string(s_.substr(i_ + 2, 4)));
                    append_utf8(out, 0x10000 + ((static_cast<std::uint32_t>(cp) - 0xD800) << 10) +
                                         (static_cast<std::uint32_t>(low) - 0xDC00));
                    i_ += 12;
                    continue;
                }
                append_utf8(out, static_cast<std::uint32_t>(cp));
                i_ += 6;
                continue;
            }
            default: {
                const auto eb = static_cast<unsigned char>(e);
                const std::string shown = eb > 0x20 && eb < 0x7F ? std::string("\\") + e : hex_byte(eb) + " after '\\'";
                return fail(i_ + 1, "invalid escape " + shown);
            }
            }
            i_ += 2;
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::string& key_;
    std::string& text_;
    bool failed_ = false;
    std::size_t column_ = 0;
    std::string message_;
};

// The integer a checked literal stands for, or an error for the field.
template <class Int>
bool to_integer(LineParser& p, std::string_view key, const Value& v, Int& out) {
    if constexpr (std::is_unsigned_v<Int>) {
        if (v.number.front() == '-') return p.fail(v.column, quoted(key) + " must not be negative: " + excerpt(v.number));
    }
    const auto [end, ec] = std::from_chars(v.number.data(), v.number.data() + v.number.size(), out);
    if (ec != std::errc() || end != v.number.data() + v.number.size()) {
        return p.fail(v.column, quoted(key) + " is out of range (" + std::to_string(std::numeric_limits<Int>::min()) +
                                    ".." + std::to_string(std::numeric_limits<Int>::max()) + "): " + excerpt(v.number));
    }
    return true;
}

// --- events ---------------------------------------------------------------------

enum Field : unsigned { Seq, It, T, Kind, Wait, Outcome, ObjectKind, Task, Object, Other, Val, File, Line, Text, field_count };
constexpr std::array<std::string_view, field_count> field_names = {
    "seq", "it", "t", "kind", "wait", "outcome", "object_kind", "task", "object", "other", "value", "file", "line", "text"};

Expect expect_of(unsigned field) noexcept {
    switch (field) {
    case Kind:
    case Wait:
    case Outcome:
    case ObjectKind:
    case File:
    case Text: return Expect::String;
    default: return Expect::Integer;
    }
}

template <class Enum>
bool to_enum(LineParser& p, std::string_view key, const Value& v, const std::string& name, Enum& out) {
    const Enum* e = names_of<Enum>().find(name);
    if (!e) return p.fail(v.column, "unknown " + std::string(key) + " " + quoted(name));
    out = *e;
    return true;
}

}  // namespace

// Interned file names: one node per distinct name, never moved (the set's nodes stay
// put when it rehashes), so the `const char*` handed out stays valid while it lives.
struct TraceReader::Names {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> set;
    std::string_view last;  // most events repeat the previous name: skip the hash
    const char* last_ptr = nullptr;

    const char* intern(std::string_view name) {
        if (last_ptr && name == last) return last_ptr;
        auto it = set.find(name);
        if (it == set.end()) it = set.emplace(name).first;
        last = *it;
        last_ptr = it->c_str();
        return last_ptr;
    }
};

namespace {

// Reads one event line into `e` (fields not in the line keep their defaults).
class EventHandler {
public:
    EventHandler(aio::TraceEvent& e, std::string& scratch) : e_(e), scratch_(scratch) {}

    bool on_key(LineParser& p, const std::string& key, std::size_t column, Expect& expect) {
        unsigned f = 0;
        while (f < field_count && field_names[f] != key) ++f;
        if (f == field_count)
            return p.fail(column, "unknown key " + quoted(key) + " (trace format version " +
                                      std::to_string(trace_format_version) + " has no such field)");
        if (seen_ & (1u << f)) return p.fail(column, "duplicate key " + quoted(key));
        seen_ |= 1u << f;
        field_ = f;
        expect = expect_of(f);
        return true;
    }

    bool on_value(LineParser& p, const std::string& key, const Value& v, std::string& text) {
        columns_[field_] = v.column;
        switch (field_) {
        case Seq: return to_integer(p, key, v, e_.seq);
        case It: return to_integer(p, key, v, e_.iteration);
        case T: return to_integer(p, key, v, e_.time_ns);
        case Kind: return to_enum(p, key, v, text, e_.kind);
        case Wait: return to_enum(p, key, v, text, e_.wait);
        case Outcome: return to_enum(p, key, v, text, e_.outcome);
        case ObjectKind: return to_enum(p, key, v, text, e_.object_kind);
        case Task: return to_integer(p, key, v, e_.task);
        case Object: return to_integer(p, key, v, e_.object);
        case Other: return to_integer(p, key, v, e_.other);
        case Val: return to_integer(p, key, v, e_.value);
        case Line: return to_integer(p, key, v, e_.line);
        case File:
            // The event keeps a C string: a NUL would cut the name short.
            if (text.find('\0') != std::string::npos)
                return p.fail(v.column, "\"file\" contains a NUL character, which a file name cannot hold");
            scratch_.swap(text);
            has_file_ = true;
            return true;
        case Text:
            e_.text.swap(text);
            return true;
        }
        return true;
    }

    bool has(unsigned field) const noexcept { return seen_ & (1u << field); }
    // Where the field's value starts (1 when the line has no such field: the whole line).
    std::size_t column(unsigned field) const noexcept { return has(field) ? columns_[field] : 1; }
    bool has_file() const noexcept { return has_file_; }

private:
    aio::TraceEvent& e_;
    std::string& scratch_;
    unsigned seen_ = 0;
    unsigned field_ = 0;
    bool has_file_ = false;
    std::array<std::size_t, field_count> columns_{};
};

// Reads the header line: format and version checked, the other values kept as text.
class HeaderHandler {
public:
    explicit HeaderHandler(TraceHeader& header) : header_(header) {}

    bool on_key(LineParser& p, const std::string& key, std::size_t column, Expect& expect) {
        const bool seen = key == "format" ? has_format_ : key == "version" ? has_version_ : header_.values.contains(key);
        if (seen) return p.fail(column, "duplicate key " + quoted(key));
        if (key == "version") expect = Expect::Integer;
        else if (key == "format" || key == "clock" || key == "program" || key == "python" || key == "writer")
            expect = Expect::String;
        else
            expect = Expect::Scalar;
        return true;
    }

    bool on_value(LineParser& p, const std::string& key, const Value& v, std::string& text) {
        if (key == "format") {
            has_format_ = true;
            if (text != format_name)
                return p.fail(v.column, "not a Dirigent trace (its \"format\" is " + quoted(text) + ", not \"dirigent-trace\")");
            format_ok_ = true;
            return true;
        }
        if (key == "version") {
            has_version_ = true;
            version_column_ = v.column;
            version_ = std::string(v.number);
            return true;
        }
        if (key == "clock" && text != "virtual" && text != "real")
            return p.fail(v.column, "\"clock\" must be \"virtual\" or \"real\", not " + quoted(text));
        header_.values.emplace(key, v.is_string ? text : std::string(v.number));
        return true;
    }

    bool format_ok() const noexcept { return format_ok_; }
    bool has_version() const noexcept { return has_version_; }
    std::size_t version_column() const noexcept { return version_column_; }
    const std::string& version() const noexcept { return version_; }
    // The version is beyond what this reader knows (also when too big for any integer type).
    bool newer() const noexcept {
        if (!has_version_ || version_.front() == '-') return false;
        return version_.size() > 9 || std::stol(version_) > trace_format_version;
    }

private:
    TraceHeader& header_;
    bool has_format_ = false;
    bool format_ok_ = false;
    bool has_version_ = false;
    std::size_t version_column_ = 1;
    std::string version_;
};

bool blank(std::string_view line) noexcept {
    for (const char c : line)
        if (!is_ws(c)) return false;
    return true;
}

std::string kind_name(TraceEventKind kind) { return std::string(aio::to_string(kind)); }

}  // namespace

std::string TraceFileError::to_string() const {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

// --- writing --------------------------------------------------------------------

namespace {

template <class Int>
void append_int(std::string& out, Int v) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void append_key(std::string& out, std::string_view key) {
    out += ",\"";
    out += key;
    out += "\":";
}

void append_event(std::string& out, const aio::TraceEvent& e) {
    out += "{\"seq\":";
    append_int(out, e.seq);
    append_key(out, "it");
    append_int(out, e.iteration);
    append_key(out, "t");
    append_int(out, e.time_ns);
    append_key(out, "kind");
    detail::append_json_string(out, aio::to_string(e.kind));
    if (e.wait != aio::WaitKind::None) {
        append_key(out, "wait");
        detail::append_json_string(out, aio::to_string(e.wait));
    }
    if (e.outcome != aio::Outcome::None) {
        append_key(out, "outcome");
        detail::append_json_string(out, aio::to_string(e.outcome));
    }
    if (e.object_kind != aio::ObjectKind::None) {
        append_key(out, "object_kind");
        detail::append_json_string(out, aio::to_string(e.object_kind));
    }
    const auto number = [&](std::string_view key, auto v) {
        if (v == 0) return;
        append_key(out, key);
        append_int(out, v);
    };
    number("task", e.task);
    number("object", e.object);
    number("other", e.other);
    number("value", e.value);
    if (e.file) {
        append_key(out, "file");
        detail::append_json_string(out, e.file);
    }
    number("line", e.line);
    if (!e.text.empty()) {
        append_key(out, "text");
        detail::append_json_string(out, e.text);
    }
    out += "}\n";
}

void write_out(std::ostream& out, const std::string& text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); }

}  // namespace

void write_trace_header(std::ostream& out, const TraceHeader& header) {
    std::string line = "{\"format\":\"dirigent-trace\",\"version\":";
    append_int(line, trace_format_version);
    for (const auto& [key, value] : header.values) {
        if (key == "format" || key == "version") continue;  // ours come first
        line += ',';
        detail::append_json_string(line, key);
        line += ':';
        detail::append_json_string(line, value);
    }
    line += "}\n";
    write_out(out, line);
}

void write_trace_event(std::ostream& out, const aio::TraceEvent& event) {
    std::string line;
    append_event(line, event);
    write_out(out, line);
}

void write_trace_file(std::ostream& out, const TraceHeader& header, const Recorder& recorder) {
    write_trace_header(out, header);
    std::string buffer;
    for (const aio::TraceEvent& e : recorder) {
        append_event(buffer, e);
        if (buffer.size() >= 64 * 1024) {
            write_out(out, buffer);
            buffer.clear();
        }
    }
    write_out(out, buffer);
}

// --- reading --------------------------------------------------------------------

TraceReader::TraceReader(Recorder& into) : into_(into), names_(std::make_shared<Names>()) {}

TraceReader::~TraceReader() = default;

bool TraceReader::fail(std::uint64_t column, std::string message) {
    if (!error_) error_ = TraceFileError{line_ == 0 ? 1 : line_, column == 0 ? 1 : column, std::move(message)};
    return false;
}

bool TraceReader::feed_line(std::string_view line) {
    if (error_) return false;
    try {
        return read_line(line);
    } catch (const std::exception&) {
        // bad_alloc from a recorder or a string: the trace cannot be held, not a crash.
        return fail(1, "out of memory while reading the line");
    }
}

bool TraceReader::feed(std::string_view bytes) {
    if (error_) return false;
    try {
        while (!bytes.empty()) {
            const std::size_t nl = bytes.find('\n');
            const std::string_view piece = bytes.substr(0, nl);
            // Refused before it is buffered: a pipe sending an endless line costs 1 MiB, not all memory.
            if (partial_.size() + piece.size() > max_line_bytes + 1) {  // + 1: a '\r' before the '\n'
                ++line_;
                partial_.clear();
                return fail(max_line_bytes + 1, "the line is longer than 1 MiB (" + std::to_string(max_line_bytes) + " bytes)");
            }
            if (nl == std::string_view::npos) {
                partial_.append(piece);
                break;
            }
            if (partial_.empty()) {
                if (!read_line(piece)) return false;
            } else {
                partial_.append(piece);
                const bool ok = read_line(partial_);
                partial_.clear();
                if (!ok) return false;
            }
            bytes.remove_prefix(nl + 1);
        }
        return true;
    } catch (const std::exception&) {
        return fail(1, "out of memory while reading the line");
    }
}

bool TraceReader::finish() {
    if (error_) return false;
    if (finished_) return true;
    try {
        if (!partial_.empty()) {
            const bool ok = read_line(partial_);
            partial_.clear();
            if (!ok) return false;
        }
    } catch (const std::exception&) {
        return fail(1, "out of memory while reading the line");
    }
    finished_ = true;
    if (line_ == 0) {
        line_ = 1;
        return fail(1, "empty: no header");
    }
    if (!ended_) {
        const std::uint64_t last = line_;
        ++line_;  // the error is where the input stopped
        return fail(1, "the trace ends after line " + std::to_string(last) + " without RunEnd: it is truncated");
    }
    return true;
}

bool TraceReader::read_line(std::string_view line) {
    ++line_;
    if (finished_) return fail(1, "input after the end (finish() was called)");
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > max_line_bytes)
        return fail(max_line_bytes + 1, "the line is longer than 1 MiB (" + std::to_string(max_line_bytes) + " bytes)");
    if (blank(line)) return fail(1, "empty line");
    if (!has_header_) return read_header(line);
    if (ended_) return fail(1, "an event after RunEnd (line " + std::to_string(run_end_line_) + " ended the run)");
    return read_event(line);
}

bool TraceReader::read_header(std::string_view line) {
    if (line.substr(0, 3) == "\xEF\xBB\xBF") return fail(1, "not a Dirigent trace: it starts with a byte order mark");
    TraceHeader header;
    HeaderHandler handler(header);
    LineParser parser(line, key_, value_);
    const bool parsed = parser.object(handler);
    // A newer version may use syntax this one does not know: say so rather than point at it.
    if (handler.format_ok() && handler.newer()) {
        return fail(handler.version_column(), "written by a newer Dirigent (trace format version " +
                                                  excerpt(handler.version()) + "; this one reads " +
                                                  std::to_string(trace_format_version) + ")");
    }
    if (!parsed) {
        if (!handler.format_ok() && parser.message().rfind("not a Dirigent trace", 0) != 0)
            return fail(1, "not a Dirigent trace (line 1 is no header of one: " + parser.message() + " at column " +
                               std::to_string(parser.column()) + ")");
        return fail(parser.column(), parser.message());
    }
    if (!handler.format_ok()) return fail(1, "not a Dirigent trace (its header has no \"format\")");
    if (!handler.has_version()) return fail(1, "the header has no \"version\"");
    if (handler.version() != std::to_string(trace_format_version))
        return fail(handler.version_column(), "unsupported trace format version " + excerpt(handler.version()) +
                                                  " (this one reads " + std::to_string(trace_format_version) + ")");
    header_ = std::move(header);
    has_header_ = true;
    return true;
}

bool TraceReader::read_event(std::string_view line) {
    aio::TraceEvent& e = event_;
    e.seq = 0;
    e.iteration = 0;
    e.time_ns = 0;
    e.kind = TraceEventKind::Log;
    e.wait = aio::WaitKind::None;
    e.outcome = aio::Outcome::None;
    e.object_kind = aio::ObjectKind::None;
    e.task = e.object = e.other = 0;
    e.value = 0;
    e.file = nullptr;
    e.line = 0;
    e.text.clear();

    EventHandler handler(e, file_);
    LineParser parser(line, key_, value_);
    if (!parser.object(handler)) return fail(parser.column(), parser.message());
    for (const unsigned f : {Seq, It, T, Kind}) {
        if (!handler.has(f)) return fail(1, "the event has no \"" + std::string(field_names[f]) + "\"");
    }

    // Order: numbered 0, 1, 2, ...; loop iteration and time never go back.
    if (e.seq != next_seq_) {
        return fail(handler.column(Seq), "\"seq\" is " + std::to_string(e.seq) + ", expected " +
                                             std::to_string(next_seq_) + " (events are numbered 0, 1, 2, ... in order)");
    }
    if (e.iteration < iteration_) {
        return fail(handler.column(It), "\"it\" goes backwards: " + std::to_string(e.iteration) + " after " +
                                            std::to_string(iteration_));
    }
    if (e.time_ns < time_ns_ && next_seq_ > 0) {
        return fail(handler.column(T), "\"t\" goes backwards: " + std::to_string(e.time_ns) + " after " +
                                           std::to_string(time_ns_));
    }

    // Tasks and objects are introduced before anything names them.
    if (e.kind == TraceEventKind::TaskCreated) {
        if (e.task == 0) return fail(handler.column(Task), kind_name(e.kind) + " needs a \"task\" other than 0 (0 is the loop)");
        if (tasks_.contains(e.task)) return fail(handler.column(Task), "task " + std::to_string(e.task) + " is created twice");
    } else if (e.task != 0 && !tasks_.contains(e.task)) {
        return fail(handler.column(Task), "task " + std::to_string(e.task) + " is named before its " +
                                              kind_name(TraceEventKind::TaskCreated) + " event");
    }
    if (e.kind == TraceEventKind::ObjectCreated) {
        if (e.object == 0) return fail(handler.column(Object), kind_name(e.kind) + " needs an \"object\" other than 0");
        if (objects_.contains(e.object))
            return fail(handler.column(Object), "object " + std::to_string(e.object) + " is created twice");
    } else if (detail::names_sync_object(e.kind) && !objects_.contains(e.object)) {
        return fail(handler.column(Object), kind_name(e.kind) + " names object " + std::to_string(e.object) +
                                                " before its " + kind_name(TraceEventKind::ObjectCreated) + " event");
    }

    if (handler.has_file()) e.file = names_->intern(file_);
    into_.on_event(e);  // may throw bad_alloc: then nothing below has changed

    if (e.kind == TraceEventKind::TaskCreated) tasks_.insert(e.task, 0);
    if (e.kind == TraceEventKind::ObjectCreated) objects_.insert(e.object, 0);
    if (e.kind == TraceEventKind::RunEnd) {
        ended_ = true;
        run_end_line_ = line_;
    }
    next_seq_ = e.seq + 1;
    iteration_ = e.iteration;
    time_ns_ = e.time_ns;
    return true;
}

std::variant<LoadedTrace, TraceFileError> read_trace_file(std::istream& in) {
    try {
        // A file that did not open is not an empty trace.
        if (!in) return TraceFileError{1, 1, "the input could not be read"};
        auto recorder = std::make_unique<Recorder>();
        TraceReader reader(*recorder);
        std::vector<char> buffer(64 * 1024);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto n = static_cast<std::size_t>(in.gcount());
            if (n == 0) break;
            if (!reader.feed(std::string_view(buffer.data(), n))) break;
        }
        if (!reader.error()) {
            if (in.bad()) return TraceFileError{reader.lines() + 1, 1, "the input could not be read"};
            reader.finish();
        }
        if (reader.error()) return *reader.error();
        return LoadedTrace{reader.header(), std::move(recorder), reader.file_names()};
    } catch (const std::exception& e) {
        // Out of memory, or a stream set to throw.
        return TraceFileError{1, 1, std::string("the trace could not be read: ") + e.what()};
    }
}

}  // namespace trace
