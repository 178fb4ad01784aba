// Unit tests for the strict JSON front end (entryc::json::parse_strict).
//
// The expected reference errors are exactly what Go 1.19's encoding/json
// returns from json.Unmarshal(data, &map[string]interface{}) for the same
// bytes (collected with a throwaway Go program); the summaries and codes are
// our own diagnostics.
#include <pthread.h>

#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "entryc/json.hpp"

namespace entryc::json {
namespace {

using diag::Severity;

struct Parsed {
  ParseResult result;
  diag::Collector diags;
};

Parsed parse(std::string_view text, const ParseOptions& opts = {}) {
  Parsed p;
  p.result = parse_strict(7, text, p.diags, opts);
  return p;
}

std::string nest(std::size_t depth, char open, char close) {
  return std::string(depth, open) + std::string(depth, close);
}

// Runs f on a thread with a large stack (Go's own depth limit needs 10001
// levels of recursion, more than an 8 MiB stack holds in sanitizer builds).
void with_big_stack(const std::function<void()>& f) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, std::size_t{512} << 20), 0);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&f)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

// ---------------------------------------------------------------------------
// Acceptance and error texts, compared with encoding/json.
// ---------------------------------------------------------------------------

struct GoCase {
  std::string name;
  std::string input;
  std::string go_error;  // encoding/json's error text; empty when it accepts
  std::string code;      // our diagnostic's code; empty when there is none
  std::string summary;   // our diagnostic's summary
  int at;                // our diagnostic's subject begin
};

void PrintTo(const GoCase& c, std::ostream* os) { *os << c.name; }

const std::vector<GoCase>& go_cases() {
  static const std::vector<GoCase> cases = {
    {"Empty", "",
     "unexpected end of JSON input",
     "core-syntax", "expected a JSON object, found end of input", 0},
    {"WhitespaceOnly", " \t\r\n ",
     "unexpected end of JSON input",
     "core-syntax", "expected a JSON object, found end of input", 5},
    {"EmptyObject", "{}",
     "",
     "", "", -1},
    {"SimpleMember", "{\"Kind\": \"service-defaults\", \"Name\": \"web\"}",
     "",
     "", "", -1},
    {"TopLevelNull", " null ",
     "",
     "", "", -1},
    {"TopLevelArray", "[1, 2]",
     "json: cannot unmarshal array into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found an array", 0},
    {"TopLevelString", "\"x\"",
     "json: cannot unmarshal string into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found a string", 0},
    {"TopLevelNumber", "42",
     "json: cannot unmarshal number into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found a number", 0},
    {"TopLevelBool", "true",
     "json: cannot unmarshal bool into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found a boolean", 0},
    {"TopLevelHugeNumber", "1e400",
     "json: cannot unmarshal number into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found a number", 0},
    {"NumberOutOfRange", "{\"a\": 1, \"b\": 1e400, \"c\": -1e999}",
     "json: cannot unmarshal number 1e400 into Go value of type float64",
     "core-syntax", "number 1e400 is out of range", 14},
    {"NumberUnderflowOk", "{\"a\": 1e-400}",
     "",
     "", "", -1},
    {"NumberMaxFloat", "{\"a\": 1.7976931348623157e308}",
     "",
     "", "", -1},
    {"NumberJustOverMax", "{\"a\": 1.7976931348623159e308}",
     "json: cannot unmarshal number 1.7976931348623159e308 into Go value of type float64",
     "core-syntax", "number 1.7976931348623159e308 is out of range", 6},
    {"NumberInTopLevelArrayIgnored", "[1e400]",
     "json: cannot unmarshal array into Go value of type map[string]interface {}",
     "core-syntax", "expected a JSON object, found an array", 0},
    {"BeginValueGarbage", "x",
     "invalid character 'x' looking for beginning of value",
     "core-syntax", "expected a value, found 'x'", 0},
    {"BeginValueAfterColon", "{\"a\": }",
     "invalid character '}' looking for beginning of value",
     "core-syntax", "expected a value, found '}'", 6},
    {"TrueCapitalised", "{\"a\": True}",
     "invalid character 'T' looking for beginning of value",
     "core-syntax", "expected a value, found 'T'", 6},
    {"NoneLiteral", "{\"a\": None}",
     "invalid character 'N' looking for beginning of value",
     "core-syntax", "expected a value, found 'N'", 6},
    {"SingleQuotedValue", "{\"a\": 'b'}",
     "invalid character '\\'' looking for beginning of value",
     "core-syntax", "expected a value, found \"'\"", 6},
    {"SingleQuotedKey", "{'a': 1}",
     "invalid character '\\'' looking for beginning of object key string",
     "core-syntax", "expected a string key, found \"'\"", 1},
    {"UnquotedKey", "{a: 1}",
     "invalid character 'a' looking for beginning of object key string",
     "core-syntax", "expected a string key, found 'a'", 1},
    {"TrailingCommaObject", "{\"a\": 1,}",
     "invalid character '}' looking for beginning of object key string",
     "core-syntax", "expected a string key, found '}'", 8},
    {"TrailingCommaArray", "{\"a\": [1, 2,]}",
     "invalid character ']' looking for beginning of value",
     "core-syntax", "expected a value, found ']'", 12},
    {"MissingCommaObject", "{\"a\": 1 \"b\": 2}",
     "invalid character '\"' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found '\"'", 8},
    {"MissingCommaArray", "{\"a\": [1 2]}",
     "invalid character '2' after array element",
     "core-syntax", "expected ',' or ']' after an array element, found '2'", 9},
    {"MissingColon", "{\"a\" 1}",
     "invalid character '1' after object key",
     "core-syntax", "expected ':' after an object key, found '1'", 5},
    {"EqualsInsteadOfColon", "{\"a\" = 1}",
     "invalid character '=' after object key",
     "core-syntax", "expected ':' after an object key, found '='", 5},
    {"ArrayClosedByBrace", "{\"a\": [1}",
     "invalid character '}' after array element",
     "core-syntax", "expected ',' or ']' after an array element, found '}'", 8},
    {"ObjectClosedByBracket", "{\"a\": 1]",
     "invalid character ']' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found ']'", 7},
    {"AfterTopLevel", "{} {}",
     "invalid character '{' after top-level value",
     "core-syntax", "expected the end of the file after the top-level value, found '{'", 3},
    {"AfterTopLevelBrace", "{}}",
     "invalid character '}' after top-level value",
     "core-syntax", "expected the end of the file after the top-level value, found '}'", 2},
    {"CommentAfterValue", "{\"a\": 1 // c\n}",
     "invalid character '/' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found '/'", 8},
    {"LeadingZero", "{\"a\": 01}",
     "invalid character '1' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found '1'", 7},
    {"LeadingZeroInArray", "{\"a\": [01]}",
     "invalid character '1' after array element",
     "core-syntax", "expected ',' or ']' after an array element, found '1'", 8},
    {"LeadingZeroTopLevel", "01",
     "invalid character '1' after top-level value",
     "core-syntax", "expected the end of the file after the top-level value, found '1'", 1},
    {"NegativeLeadingZero", "{\"a\": -01}",
     "invalid character '1' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found '1'", 8},
    {"MinusAlone", "{\"a\": -}",
     "invalid character '}' in numeric literal",
     "core-syntax", "expected a digit after '-', found '}'", 7},
    {"MinusAtEof", "-",
     "invalid character ' ' in numeric literal",
     "core-syntax", "expected a digit after '-', found end of input", 1},
    {"PlusSign", "{\"a\": +1}",
     "invalid character '+' looking for beginning of value",
     "core-syntax", "expected a value, found '+'", 6},
    {"DotFirst", "{\"a\": .5}",
     "invalid character '.' looking for beginning of value",
     "core-syntax", "expected a value, found '.'", 6},
    {"NoDigitAfterDot", "{\"a\": 1.}",
     "invalid character '}' after decimal point in numeric literal",
     "core-syntax", "expected a digit after the decimal point, found '}'", 8},
    {"NoDigitAfterDotEof", "1.",
     "invalid character ' ' after decimal point in numeric literal",
     "core-syntax", "expected a digit after the decimal point, found end of input", 2},
    {"ExponentNoDigit", "{\"a\": 1e}",
     "invalid character '}' in exponent of numeric literal",
     "core-syntax", "expected a digit in the exponent, found '}'", 8},
    {"ExponentSignNoDigit", "{\"a\": 1e+}",
     "invalid character '}' in exponent of numeric literal",
     "core-syntax", "expected a digit in the exponent, found '}'", 9},
    {"ExponentEof", "1E-",
     "invalid character ' ' in exponent of numeric literal",
     "core-syntax", "expected a digit in the exponent, found end of input", 3},
    {"HexNumber", "{\"a\": 0x1F}",
     "invalid character 'x' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found 'x'", 7},
    {"TwoDots", "{\"a\": 1.5.3}",
     "invalid character '.' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found '.'", 9},
    {"LiteralTrue", "{\"a\": trUe}",
     "invalid character 'U' in literal true (expecting 'u')",
     "core-syntax", "expected 'true', found 'trUe'", 8},
    {"LiteralTrueEof", "{\"a\": tru",
     "invalid character ' ' in literal true (expecting 'e')",
     "core-syntax", "expected 'true', found 'tru'", 9},
    {"LiteralTrueR", "{\"a\": tx}",
     "invalid character 'x' in literal true (expecting 'r')",
     "core-syntax", "expected 'true', found 'tx'", 7},
    {"LiteralFalseA", "{\"a\": fx}",
     "invalid character 'x' in literal false (expecting 'a')",
     "core-syntax", "expected 'false', found 'fx'", 7},
    {"LiteralFalseL", "{\"a\": fax}",
     "invalid character 'x' in literal false (expecting 'l')",
     "core-syntax", "expected 'false', found 'fax'", 8},
    {"LiteralFalseS", "{\"a\": falx}",
     "invalid character 'x' in literal false (expecting 's')",
     "core-syntax", "expected 'false', found 'falx'", 9},
    {"LiteralFalseE", "{\"a\": fals}",
     "invalid character '}' in literal false (expecting 'e')",
     "core-syntax", "expected 'false', found 'fals'", 10},
    {"LiteralNullU", "{\"a\": nil}",
     "invalid character 'i' in literal null (expecting 'u')",
     "core-syntax", "expected 'null', found 'nil'", 7},
    {"LiteralNullL", "{\"a\": nux}",
     "invalid character 'x' in literal null (expecting 'l')",
     "core-syntax", "expected 'null', found 'nux'", 8},
    {"LiteralNullL2", "{\"a\": nulx}",
     "invalid character 'x' in literal null (expecting 'l')",
     "core-syntax", "expected 'null', found 'nulx'", 9},
    {"LiteralFollowedByLetter", "{\"a\": truex}",
     "invalid character 'x' after object key:value pair",
     "core-syntax", "expected ',' or '}' after an object member, found 'x'", 10},
    {"ControlCharInString", "{\"a\": \"x\ty\"}",
     "invalid character '\\t' in string literal",
     "core-syntax", "unescaped tab in string", 8},
    {"NewlineInString", "{\"a\": \"x\ny\"}",
     "invalid character '\\n' in string literal",
     "core-syntax", "line break in string", 8},
    {"NulInString", std::string("{\"a\": \"x\x00y\"}", 12),
     "invalid character '\\x00' in string literal",
     "core-encoding", "NUL byte in string", 8},
    {"NulOutsideString", std::string("{\"a\": 1,\x00}", 10),
     "invalid character '\\x00' looking for beginning of object key string",
     "core-encoding", "expected a string key, found a NUL byte", 8},
    {"DelInStringOk", "{\"a\": \"x\x7fy\"}",
     "",
     "", "", -1},
    {"BadEscape", "{\"a\": \"x\\qy\"}",
     "invalid character 'q' in string escape code",
     "core-syntax", "invalid escape '\\q' in string", 9},
    {"BadEscapeSingleQuote", "{\"a\": \"x\\'y\"}",
     "invalid character '\\'' in string escape code",
     "core-syntax", "invalid escape '\\'' in string", 9},
    {"EscapeAtEof", "{\"a\": \"x\\",
     "invalid character ' ' in string escape code",
     "core-syntax", "unterminated string", 9},
    {"BadUnicodeEscape", "{\"a\": \"\\u12G4\"}",
     "invalid character 'G' in \\u hexadecimal character escape",
     "core-syntax", "expected 4 hexadecimal digits after '\\u', found 'G'", 11},
    {"ShortUnicodeEscapeEof", "\"\\u12",
     "invalid character ' ' in \\u hexadecimal character escape",
     "core-syntax", "unterminated string", 5},
    {"UnterminatedString", "{\"a\": \"abc",
     "unexpected end of JSON input",
     "core-syntax", "unterminated string", 10},
    {"UnterminatedKey", "{\"abc",
     "unexpected end of JSON input",
     "core-syntax", "unterminated string", 5},
    {"UnclosedObjects", "{\"a\": {\"b\": 1",
     "unexpected end of JSON input",
     "core-syntax", "unexpected end of input: 2 unclosed '{'", 13},
    {"UnclosedMixed", "{\"a\": [{\"b\": [1,",
     "unexpected end of JSON input",
     "core-syntax", "unexpected end of input: 2 unclosed '{' and 2 unclosed '['", 16},
    {"UnclosedAfterColon", "{\"a\":",
     "unexpected end of JSON input",
     "core-syntax", "unexpected end of input: 1 unclosed '{'", 5},
    {"InvalidUtf8InStringOk", "{\"a\": \"x\xffy\xc3\"}",
     "",
     "", "", -1},
    {"InvalidUtf8InKeyOk", "{\"\x80\": 1}",
     "",
     "", "", -1},
    {"InvalidUtf8Outside", "{\"a\": 1, \xff}",
     "invalid character '\xc3\xbf' looking for beginning of object key string",
     "core-encoding", "expected a string key, found invalid UTF-8 byte 0xFF", 9},
    {"Latin1ByteOutside", "{\"a\": \xc3\xa9}",
     "invalid character '\xc3\x83' looking for beginning of value",
     "core-syntax", "expected a value, found '\xc3\xa9'", 6},
    {"C2ByteOutside", "\xc2\xa0{}",
     "invalid character '\xc3\x82' looking for beginning of value",
     "core-syntax", "expected a value, found U+00A0", 0},
    {"ByteOrderMark", "\xef\xbb\xbf{}",
     "invalid character '\xc3\xaf' looking for beginning of value",
     "core-encoding", "expected a value, found a byte order mark", 0},
    {"NonBreakingSpace", "{\"a\":\xc2\xa0" "1}",
     "invalid character '\xc3\x82' looking for beginning of value",
     "core-syntax", "expected a value, found U+00A0", 5},
    {"FormFeedNotSpace", "{\x0c}",
     "invalid character '\\f' looking for beginning of object key string",
     "core-syntax", "expected a string key, found control character U+000C", 1},
    {"VerticalTabNotSpace", "{\"a\":\x0b" "1}",
     "invalid character '\\v' looking for beginning of value",
     "core-syntax", "expected a value, found control character U+000B", 5},
    {"SurrogatePair", "{\"a\": \"\\ud83d\\ude00\"}",
     "",
     "", "", -1},
    {"LoneHighSurrogate", "{\"a\": \"\\ud800x\"}",
     "",
     "", "", -1},
    {"LoneLowSurrogate", "{\"a\": \"\\udc00\"}",
     "",
     "", "", -1},
    {"HighThenNonLow", "{\"a\": \"\\ud800\\u0041\"}",
     "",
     "", "", -1},
    {"HighHigh", "{\"a\": \"\\ud800\\ud83d\\ude00\"}",
     "",
     "", "", -1},
    {"EncodedSurrogateBytes", "{\"a\": \"\xed\xa0\x80\"}",
     "",
     "", "", -1},
    {"AllEscapes", "{\"a\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0000\"}",
     "",
     "", "", -1},
    {"DuplicateKeys", "{\"a\": 1, \"a\": 2}",
     "",
     "", "", -1},
    {"NestedValid", "{\"a\": [true, false, null, {\"b\": [], \"c\": {}}], \"d\": -0.5e+3}",
     "",
     "", "", -1},
    {"SingleQuoteTopLevel", "'a'",
     "invalid character '\\'' looking for beginning of value",
     "core-syntax", "expected a value, found \"'\"", 0},
    {"DoubleQuoteAfterTop", "{}\"",
     "invalid character '\"' after top-level value",
     "core-syntax", "expected the end of the file after the top-level value, found '\"'", 2},
    {"CarriageReturnAfterTop", "{}\r\n\t ",
     "",
     "", "", -1},
    {"HighByteDisplay", "{\"a\":1}\x80",
     "invalid character '\\u0080' after top-level value",
     "core-encoding", "expected the end of the file after the top-level value, found invalid UTF-8 byte 0x80", 7},
    {"SmileyOutside", "{\"a\": \xf0\x9f\x98\x80}",
     "invalid character '\xc3\xb0' looking for beginning of value",
     "core-syntax", "expected a value, found '\xf0\x9f\x98\x80'", 6},
    {"HugeInteger", "{\"a\": 1" + std::string(309, '0') + "}",
     "json: cannot unmarshal number 1" + std::string(309, '0') + " into Go value of type float64",
     "core-syntax", "number 1000000000000000000000000000000000000... is out of range", 6},
    {"LongIntegerInRange", "{\"a\": 1" + std::string(307, '0') + "}", "", "", "", -1},
    {"DeepNestingOk", "{\"a\":" + nest(999, '[', ']') + "}", "", "", "", -1},
  };
  return cases;
}

class JsonStrictGo : public ::testing::TestWithParam<GoCase> {};

TEST_P(JsonStrictGo, MatchesEncodingJson) {
  const GoCase& c = GetParam();
  const Parsed p = parse(c.input);
  const ast::Document& doc = p.result.doc;
  EXPECT_EQ(p.result.reference_error, c.go_error);
  EXPECT_EQ(doc.syntax_ok, c.go_error.empty());
  EXPECT_EQ(doc.file, 7u);
  EXPECT_EQ(doc.text.data(), c.input.data());
  EXPECT_EQ(doc.syntax, ast::Syntax::json);
  EXPECT_EQ(doc.dialect, ast::JsonDialect::strict);
  if (c.go_error.empty()) {
    EXPECT_TRUE(p.diags.diagnostics().empty());
    ASSERT_NE(doc.root, nullptr);
    EXPECT_EQ(doc.root->kind, ast::Kind::object);
    EXPECT_TRUE(doc.root->has(ast::kFromJson));
    return;
  }
  ASSERT_FALSE(p.diags.diagnostics().empty());
  const diag::Diagnostic& d = p.diags.diagnostics().front();
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.code, c.code);
  EXPECT_EQ(d.summary, c.summary);
  EXPECT_EQ(d.consul_text, c.go_error);
  EXPECT_EQ(d.subject.file, 7u);
  EXPECT_EQ(d.subject.begin, static_cast<std::uint32_t>(c.at));
  // A syntax error is reported on the offending byte, or on the empty range
  // at the end of the text.
  if (c.go_error.rfind("invalid character", 0) == 0 || c.go_error == "unexpected end of JSON input") {
    EXPECT_EQ(p.diags.diagnostics().size(), 1u);
    EXPECT_EQ(d.subject.end, d.subject.begin + (d.subject.begin < c.input.size() ? 1u : 0u));
    EXPECT_EQ(doc.root, nullptr);
  }
}

INSTANTIATE_TEST_SUITE_P(JsonStrict, JsonStrictGo, ::testing::ValuesIn(go_cases()),
                         [](const ::testing::TestParamInfo<GoCase>& param) { return param.param.name; });

// ---------------------------------------------------------------------------
// Hints in the diagnostic's detail.
// ---------------------------------------------------------------------------

struct HintCase {
  std::string name;
  std::string input;
  std::string detail;
};

void PrintTo(const HintCase& c, std::ostream* os) { *os << c.name; }

class JsonStrictHints : public ::testing::TestWithParam<HintCase> {};

TEST_P(JsonStrictHints, Detail) {
  const HintCase& c = GetParam();
  const Parsed p = parse(c.input);
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  EXPECT_EQ(p.diags.diagnostics()[0].detail, c.detail);
}

INSTANTIATE_TEST_SUITE_P(
    JsonStrict, JsonStrictHints,
    ::testing::Values(
        HintCase{"TrailingCommaObject", "{\"a\": 1,\n}", "JSON does not allow a trailing comma."},
        HintCase{"TrailingCommaArray", "{\"a\": [1, ]}", "JSON does not allow a trailing comma."},
        HintCase{"TrueCapitalised", "{\"a\": True}", "JSON literals are lowercase: write `true`."},
        HintCase{"FalseUpper", "{\"a\": FALSE}", "JSON literals are lowercase: write `false`."},
        HintCase{"None", "{\"a\": None}", "JSON writes a missing value as `null`."},
        HintCase{"Nil", "{\"a\": nil}", "JSON writes a missing value as `null`."},
        HintCase{"SingleQuotes", "{\"a\": 'x'}", "JSON strings are written in double quotes."},
        HintCase{"BareWord", "{\"a\": web}", "Strings must be written in double quotes."},
        HintCase{"BareKey", "{Kind: 1}", "Object keys are strings and must be written in double quotes."},
        HintCase{"MissingComma", "{\"a\": 1\n \"b\": 2}", "A comma is missing between two members."},
        HintCase{"LeadingZero", "{\"a\": 007}", "JSON numbers cannot have leading zeros."},
        HintCase{"Comment", "{\"a\": 1 # c\n}", "JSON does not allow comments."},
        HintCase{"EqualsSign", "{\"a\" = 1}", "JSON separates a key from its value with ':'."},
        HintCase{"Bom", "\xef\xbb\xbf{}",
                 "Go's encoding/json rejects a UTF-8 byte order mark; save the file as UTF-8 without a BOM."},
        HintCase{"NoBreakSpace", "{\"a\":\xc2\xa0" "1}", "Only spaces, tabs and line breaks may separate JSON tokens."},
        HintCase{"NewlineInString", "{\"a\": \"x\ny\"}",
                 "A JSON string cannot span lines: close the string, or write the line break as \\n."},
        HintCase{"NotAnObject", "[]", "A config entry is a JSON object: {\"Kind\": ...}."}),
    [](const ::testing::TestParamInfo<HintCase>& param) { return param.param.name; });

// ---------------------------------------------------------------------------
// Decoded strings (encoding/json's unquote), as values and as keys.
// ---------------------------------------------------------------------------

struct DecodeCase {
  std::string name;
  std::string literal;  // between the quotes
  std::string decoded;
};

void PrintTo(const DecodeCase& c, std::ostream* os) { *os << c.name; }

class JsonStrictDecode : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(JsonStrictDecode, ValueAndKey) {
  const DecodeCase& c = GetParam();
  const std::string text = "{\"" + c.literal + "\": \"" + c.literal + "\"}";
  const Parsed p = parse(text);
  ASSERT_EQ(p.result.reference_error, "");
  ASSERT_NE(p.result.doc.root, nullptr);
  ASSERT_EQ(p.result.doc.root->count, 1u);
  const ast::Member& m = p.result.doc.root->members()[0];
  EXPECT_EQ(m.key().name(), c.decoded);
  ASSERT_EQ(m.value->kind, ast::Kind::string);
  EXPECT_EQ(m.value->string(), c.decoded);
}

INSTANTIATE_TEST_SUITE_P(
    JsonStrict, JsonStrictDecode,
    ::testing::Values(DecodeCase{"Plain", "service-defaults", "service-defaults"},
                      DecodeCase{"Empty", "", ""},
                      DecodeCase{"Utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                                 "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"},
                      DecodeCase{"SimpleEscapes", R"(\"\\\/\b\f\n\r\t)", "\"\\/\b\f\n\r\t"},
                      DecodeCase{"UnicodeEscape", R"(\u00e9\u20AC)", "\xc3\xa9\xe2\x82\xac"},
                      DecodeCase{"NulEscape", R"(a\u0000b)", std::string("a\0b", 3)},
                      DecodeCase{"SurrogatePair", R"(\ud83d\ude00)", "\xf0\x9f\x98\x80"},
                      DecodeCase{"LoneHighSurrogate", R"(\ud800x)", "\xef\xbf\xbdx"},
                      DecodeCase{"LoneLowSurrogate", R"(\udc00)", "\xef\xbf\xbd"},
                      DecodeCase{"HighSurrogateThenAscii", R"(\ud800\u0041)", "\xef\xbf\xbd" "A"},
                      DecodeCase{"HighSurrogateThenPair", R"(\ud800\ud83d\ude00)", "\xef\xbf\xbd\xf0\x9f\x98\x80"},
                      DecodeCase{"InvalidUtf8", "x\xffy\xc3", "x\xef\xbf\xbdy\xef\xbf\xbd"},
                      DecodeCase{"EncodedSurrogate", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
                      DecodeCase{"ReplacementCharKept", "\xef\xbf\xbd", "\xef\xbf\xbd"},
                      DecodeCase{"DelByte", "x\x7fy", "x\x7fy"}),
    [](const ::testing::TestParamInfo<DecodeCase>& param) { return param.param.name; });

// ---------------------------------------------------------------------------
// The tree: ranges, member order, kinds.
// ---------------------------------------------------------------------------

TEST(JsonStrictTree, RangesOfKeysAndValues) {
  //                          0         1         2         3         4
  //                          01234567890123456789012345678901234567890123456789
  const std::string text = R"( {"Kind" : "a\tb", "N": [1, -2.5e3, true],"E":{}} )";
  const Parsed p = parse(text);
  ASSERT_TRUE(p.result.doc.syntax_ok);
  const ast::Value* root = p.result.doc.root;
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->begin, 1u);
  EXPECT_EQ(root->end, 49u);
  ASSERT_EQ(root->count, 3u);
  const auto ms = root->members();

  EXPECT_EQ(ms[0].nkeys, 1u);
  EXPECT_EQ(ms[0].key().begin, 2u);
  EXPECT_EQ(ms[0].key().end, 8u);
  EXPECT_EQ(ms[0].key().name(), "Kind");
  EXPECT_EQ(p.result.doc.raw(ms[0].key()), "\"Kind\"");
  EXPECT_EQ(ms[0].op, 10u);  // 1 + offset of ':'
  EXPECT_FALSE(ms[0].is_block());
  EXPECT_EQ(ms[0].value->begin, 11u);
  EXPECT_EQ(ms[0].value->end, 17u);
  EXPECT_EQ(ms[0].value->string(), "a\tb");
  EXPECT_EQ(ms[0].begin(), 2u);
  EXPECT_EQ(ms[0].end(), 17u);

  EXPECT_EQ(ms[1].key().name(), "N");
  EXPECT_EQ(ms[1].op, 23u);
  const ast::Value* list = ms[1].value;
  EXPECT_EQ(list->kind, ast::Kind::array);
  EXPECT_EQ(p.result.doc.lexeme(*list), "[1, -2.5e3, true]");
  ASSERT_EQ(list->count, 3u);
  EXPECT_EQ(list->items()[0]->kind, ast::Kind::integer);
  EXPECT_EQ(p.result.doc.lexeme(*list->items()[0]), "1");
  EXPECT_EQ(list->items()[1]->kind, ast::Kind::floating);
  EXPECT_EQ(p.result.doc.lexeme(*list->items()[1]), "-2.5e3");
  EXPECT_EQ(list->items()[2]->kind, ast::Kind::boolean);
  EXPECT_TRUE(list->items()[2]->boolean());

  EXPECT_EQ(ms[2].key().name(), "E");
  EXPECT_EQ(ms[2].op, 46u);
  EXPECT_EQ(ms[2].value->kind, ast::Kind::object);
  EXPECT_EQ(ms[2].value->count, 0u);
  EXPECT_EQ(p.result.doc.lexeme(*ms[2].value), "{}");
  const ast::Value* const all[] = {root, ms[0].value, list, list->items()[0], ms[2].value};
  for (const ast::Value* v : all) {
    EXPECT_TRUE(v->has(ast::kFromJson));
  }
}

TEST(JsonStrictTree, DuplicateKeysKeptInOrder) {
  const Parsed p = parse(R"({"a": 1, "b": 2, "a": {"x": null}, "a": "s"})");
  ASSERT_TRUE(p.result.doc.syntax_ok);
  const auto ms = p.result.doc.root->members();
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].key().name(), "a");
  EXPECT_EQ(ms[1].key().name(), "b");
  EXPECT_EQ(ms[2].key().name(), "a");
  EXPECT_EQ(ms[3].key().name(), "a");
  EXPECT_EQ(ms[0].value->kind, ast::Kind::integer);
  EXPECT_EQ(ms[2].value->kind, ast::Kind::object);
  EXPECT_EQ(ms[2].value->members()[0].value->kind, ast::Kind::null);
  EXPECT_EQ(ms[3].value->string(), "s");
}

TEST(JsonStrictTree, NumberKinds) {
  const Parsed p = parse(R"({"a": [0, -0, 12, 1.0, 1e3, 1E+3, -0.5e-2, 99999999999999999999]})");
  ASSERT_TRUE(p.result.doc.syntax_ok);
  const auto items = p.result.doc.root->members()[0].value->items();
  const ast::Kind want[] = {ast::Kind::integer,  ast::Kind::integer,  ast::Kind::integer,  ast::Kind::floating,
                            ast::Kind::floating, ast::Kind::floating, ast::Kind::floating, ast::Kind::integer};
  ASSERT_EQ(items.size(), std::size(want));
  for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i]->kind, want[i]) << i;
}

TEST(JsonStrictTree, LiteralsAndNull) {
  const Parsed p = parse(R"({"t": true, "f": false, "n": null})");
  const auto ms = p.result.doc.root->members();
  EXPECT_EQ(ms[0].value->kind, ast::Kind::boolean);
  EXPECT_EQ(ms[0].value->count, 1u);
  EXPECT_EQ(ms[1].value->kind, ast::Kind::boolean);
  EXPECT_EQ(ms[1].value->count, 0u);
  EXPECT_EQ(ms[2].value->kind, ast::Kind::null);
  EXPECT_EQ(ms[2].value->begin, 29u);
  EXPECT_EQ(ms[2].value->end, 33u);
}

TEST(JsonStrictTree, UnescapedStringsPointIntoTheText) {
  const std::string text = R"({"key": "value", "esc": "a\nb"})";
  const Parsed p = parse(text);
  const auto ms = p.result.doc.root->members();
  EXPECT_EQ(ms[0].key().name().data(), text.data() + 2);
  EXPECT_EQ(ms[0].value->string().data(), text.data() + 9);
  EXPECT_EQ(ms[1].value->string(), "a\nb");
}

TEST(JsonStrictTree, TopLevelNullIsAnEmptyObject) {
  const Parsed p = parse(" null\n");
  EXPECT_TRUE(p.result.doc.syntax_ok);
  EXPECT_EQ(p.result.reference_error, "");
  ASSERT_NE(p.result.doc.root, nullptr);
  EXPECT_EQ(p.result.doc.root->kind, ast::Kind::object);
  EXPECT_EQ(p.result.doc.root->count, 0u);
  EXPECT_TRUE(p.diags.diagnostics().empty());
}

TEST(JsonStrictTree, OutOfRangeNumbersKeepTheTree) {
  const Parsed p = parse(R"({"a": 1e400, "b": [-1e999], "c": 1e-400})");
  EXPECT_FALSE(p.result.doc.syntax_ok);
  ASSERT_NE(p.result.doc.root, nullptr);
  EXPECT_EQ(p.result.doc.root->count, 3u);
  EXPECT_EQ(p.result.reference_error, "json: cannot unmarshal number 1e400 into Go value of type float64");
  // One diagnostic per number; only the first carries encoding/json's text.
  ASSERT_EQ(p.diags.diagnostics().size(), 2u);
  EXPECT_EQ(p.diags.diagnostics()[0].consul_text, p.result.reference_error);
  EXPECT_EQ(p.diags.diagnostics()[1].summary, "number -1e999 is out of range");
  EXPECT_EQ(p.diags.diagnostics()[1].subject.begin, 19u);
  EXPECT_EQ(p.diags.diagnostics()[1].subject.end, 25u);
  EXPECT_EQ(p.diags.diagnostics()[1].consul_text, "");
}

// ---------------------------------------------------------------------------
// Diagnostics at the end of the input point at what is left open.
// ---------------------------------------------------------------------------

TEST(JsonStrictEndOfInput, UnclosedBracketsAreCounted) {
  const Parsed p = parse(R"({"a": [{"b": [1,)");
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  const diag::Diagnostic& d = p.diags.diagnostics()[0];
  EXPECT_EQ(d.summary, "unexpected end of input: 2 unclosed '{' and 2 unclosed '['");
  EXPECT_EQ(d.subject, (SourceRange{7, 16, 16}));
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].range, (SourceRange{7, 13, 14}));
}

TEST(JsonStrictEndOfInput, UnterminatedStringPointsAtItsStart) {
  const Parsed p = parse("{\"a\": \"abc\\\"}");
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  const diag::Diagnostic& d = p.diags.diagnostics()[0];
  EXPECT_EQ(d.summary, "unterminated string");
  EXPECT_EQ(d.consul_text, "unexpected end of JSON input");
  EXPECT_EQ(d.context, (SourceRange{7, 6, 13}));
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].range, (SourceRange{7, 6, 7}));
}

// ---------------------------------------------------------------------------
// Nesting limits.
// ---------------------------------------------------------------------------

TEST(JsonStrictLimits, DefaultMaxDepth) {
  const Parsed ok = parse("{\"a\":" + nest(999, '[', ']') + "}");  // 1000 levels
  EXPECT_TRUE(ok.result.doc.syntax_ok);
  EXPECT_TRUE(ok.diags.diagnostics().empty());

  const std::string deep = "{\"a\":" + nest(1000, '[', ']') + "}";  // 1001 levels
  const Parsed p = parse(deep);
  EXPECT_FALSE(p.result.doc.syntax_ok);
  EXPECT_EQ(p.result.doc.root, nullptr);
  EXPECT_EQ(p.result.reference_error, "");  // encoding/json accepts it
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  const diag::Diagnostic& d = p.diags.diagnostics()[0];
  EXPECT_EQ(d.code, "core-limit");
  EXPECT_EQ(d.summary, "nesting deeper than 1000 levels");
  EXPECT_EQ(d.subject, (SourceRange{7, 1004, 1005}));
  EXPECT_EQ(d.consul_text, "");
}

TEST(JsonStrictLimits, CustomMaxDepth) {
  ParseOptions opts;
  opts.max_depth = 3;
  EXPECT_TRUE(parse(R"({"a": {"b": []}})", opts).result.doc.syntax_ok);
  const Parsed p = parse(R"({"a": {"b": [{}]}})", opts);
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  EXPECT_EQ(p.diags.diagnostics()[0].code, "core-limit");
  EXPECT_EQ(p.diags.diagnostics()[0].summary, "nesting deeper than 3 levels");
  EXPECT_EQ(p.diags.diagnostics()[0].subject.begin, 13u);
}

TEST(JsonStrictLimits, SyntaxErrorBeforeTheLimitWins) {
  const Parsed p = parse("{\"a\" 1, \"b\":" + nest(2000, '[', ']') + "}");
  EXPECT_EQ(p.result.reference_error, "invalid character '1' after object key");
  ASSERT_EQ(p.diags.diagnostics().size(), 1u);
  EXPECT_EQ(p.diags.diagnostics()[0].code, "core-syntax");
}

TEST(JsonStrictLimits, GoMaxDepth) {
  with_big_stack([] {
    ParseOptions opts;
    opts.max_depth = 20000;
    // encoding/json accepts 10000 levels and fails on the 10001st bracket.
    const Parsed ok = parse("{\"a\":" + nest(9999, '[', ']') + "}", opts);
    EXPECT_EQ(ok.result.reference_error, "");
    EXPECT_TRUE(ok.result.doc.syntax_ok);

    const Parsed p = parse(nest(10001, '[', ']'), opts);
    EXPECT_EQ(p.result.reference_error, "invalid character '[' exceeded max depth");
    ASSERT_EQ(p.diags.diagnostics().size(), 1u);
    EXPECT_EQ(p.diags.diagnostics()[0].code, "core-limit");
    EXPECT_EQ(p.diags.diagnostics()[0].subject.begin, 10000u);
    EXPECT_EQ(p.diags.diagnostics()[0].consul_text, p.result.reference_error);

    std::string objects;
    for (int i = 0; i < 10001; ++i) objects += "{\"a\":";
    objects += "1" + std::string(10001, '}');
    EXPECT_EQ(parse(objects, opts).result.reference_error, "invalid character '{' exceeded max depth");
    objects.erase(0, 5);  // 10000 levels
    objects.pop_back();
    EXPECT_EQ(parse(objects, opts).result.reference_error, "");
  });
}

}  // namespace
}  // namespace entryc::json
