// Every HCL v1 construct and every syntax error: the decoded JSON and the
// reference error are HashiCorp's own (checked against hcl1ref when the
// table was written); the diagnostics are ours, with exact line:column.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "entryc/document.hpp"
#include "entryc/render.hpp"

namespace {

struct Case {
  const char* name;
  std::string input;
  std::string json;       // decoded value when accepted
  std::string reference;  // hcl.Decode's error text when rejected
  std::vector<std::string> diagnostics;  // compact, without the file name
};

const Case kCases[] = {
    {"comments_all_kinds", std::string("# hash\n// slashes\n/* block\n spanning */ a = 1 # trailing\nb = 2 // trailing\n", 75),
     "{\"a\":1,\"b\":2}",
     "",
     {}},
    {"identifier_dash_dot", std::string("k-dash = 1\na.b = 2\n_under = 3\n", 30),
     "{\"_under\":3,\"a.b\":2,\"k-dash\":1}",
     "",
     {}},
    {"quoted_keys", std::string("\"quoted key\" = 1\n\"a.b\" { x = 1 }\n", 33),
     "{\"a.b\":[{\"x\":1}],\"quoted key\":1}",
     "",
     {}},
    {"string_escapes", std::string("e = \"t\\tq\\\"b\\\\n\\nu\\u00e9U\\U0001F600x\\x41o\\101\"\n", 47),
     "{\"e\":\"t\\tq\\\"b\\\\n\\nu\303\251U\360\237\230\200xAoA\"}",
     "",
     {}},
    {"interpolation_verbatim", std::string("i = \"${var.x} and $${y} ${a[\"k\"]}\"\n", 35),
     "{\"i\":\"${var.x} and $${y} ${a[\\\"k\\\"]}\"}",
     "",
     {}},
    {"heredoc_plain", std::string("h = <<EOF\nline one\n  line two\nEOF\n", 34),
     "{\"h\":\"line one\\n  line two\\n\"}",
     "",
     {}},
    {"heredoc_indented_strip", std::string("h = <<-EOT\n    a\n      b\n  EOT\n", 31),
     "{\"h\":\"  a\\n    b\\n\"}",
     "",
     {}},
    {"heredoc_indented_no_strip", std::string("h = <<-EOT\n  a\n    b\n      EOT\n", 31),
     "{\"h\":\"  a\\n    b\\n\"}",
     "",
     {}},
    {"heredoc_empty", std::string("h = <<EOF\nEOF\n", 14),
     "{\"h\":\"\"}",
     "",
     {}},
    {"numbers", std::string("i = 42\nn = -7\nh = 0x1F\no = 010\nf = 1.5\ne = 1e3\nf2 = -2.5e-3\nz = 0\nd = .5\n", 73),
     "{\"d\":0.5,\"e\":1000.0,\"f\":1.5,\"f2\":-0.0025,\"h\":31,\"i\":42,\"n\":-7,\"o\":8,\"z\":0}",
     "",
     {}},
    {"bools", std::string("t = true\nf = false\n", 19),
     "{\"f\":false,\"t\":true}",
     "",
     {}},
    {"lists_trailing_commas", std::string("l = [\"a\", \"b\",]\nm = [1, \"x\", 2.5, true]\nn = [[1], [2, 3]]\ne = []\n", 65),
     "{\"e\":[],\"l\":[\"a\",\"b\"],\"m\":[1,\"x\",2.5,true],\"n\":[[1],[2,3]]}",
     "",
     {}},
    {"objects_and_blocks", std::string("a { x = 1 }\nb = { y = 2 }\nc = [ { z = 3 } ]\nd {}\n", 49),
     "{\"a\":[{\"x\":1}],\"b\":[{\"y\":2}],\"c\":[{\"z\":3}],\"d\":[{}]}",
     "",
     {}},
    {"labelled_blocks", std::string("service \"web\" { policy = \"read\" }\nservice \"api\" { policy = \"write\" }\nk \"a\" \"b\" { v = 1 }\n", 89),
     "{\"k\":[{\"a\":[{\"b\":[{\"v\":1}]}]}],\"service\":[{\"web\":[{\"policy\":\"read\"}]},{\"api\":[{\"policy\":\"write\"}]}]}",
     "",
     {}},
    {"repeated_blocks_accumulate", std::string("Sources { Name = \"a\" }\nSources { Name = \"b\" }\n", 46),
     "{\"Sources\":[{\"Name\":\"a\"},{\"Name\":\"b\"}]}",
     "",
     {}},
    {"crlf", std::string("A = <<EOF\r\nl1\r\nEOF\r\nName = \"a\"\r\n", 32),
     "{\"A\":\"l1\\n\",\"Name\":\"a\"}",
     "",
     {}},
    {"separators", std::string("a = 1 b = 2, c = 3\no { x = 1, y = 2 }\n", 38),
     "{\"a\":1,\"b\":2,\"c\":3,\"o\":[{\"x\":1,\"y\":2}]}",
     "",
     {}},
    {"empty_file", std::string("", 0),
     "{}",
     "",
     {}},
    {"comments_only", std::string("# nothing\n/* here */\n", 21),
     "{}",
     "",
     {}},
    {"err_unterminated_string", std::string("Name = \"web\nKind = \"x\"\n", 23),
     "",
     "At 1:12: literal not terminated",
     {"1:8: error: unterminated string [core-syntax]"}},
    {"err_unterminated_comment", std::string("a = 1\n/* never closed\n", 22),
     "",
     "At 3:1: comment not terminated",
     {"2:1: error: unterminated comment [core-syntax]"}},
    {"err_unterminated_heredoc", std::string("h = <<EOF\ntext\n", 15),
     "",
     "At 3:1: heredoc not terminated",
     {"1:5: error: unterminated heredoc '<<EOF' [core-syntax]"}},
    {"err_colon", std::string("Name: \"a\"\n", 10),
     "",
     "At 1:5: illegal char",
     {"1:5: error: illegal character ':' [core-syntax]"}},
    {"err_single_quote", std::string("Name = 'a'\n", 11),
     "",
     "At 1:8: illegal char",
     {"1:8: error: single-quoted string [core-syntax]"}},
    {"err_bom", std::string("\357\273\277Name = \"bom\"\n", 16),
     "",
     "At 1:1: illegal char",
     {"1:1: error: byte order mark at the start of the file [core-encoding]"}},
    {"err_nul", std::string("a = 1\n\000b = 2\n", 13),
     "",
     "At 2:1: unexpected null character (0x00)",
     {"2:1: error: NUL byte in the file [core-encoding]"}},
    {"err_invalid_utf8", std::string("a = \"x\377\"\n", 9),
     "",
     "At 1:7: illegal UTF-8 encoding",
     {"1:7: error: invalid UTF-8 byte 0xFF [core-encoding]"}},
    {"err_invalid_utf8_key", std::string("\303 = 1\n", 6),
     "",
     "At 1:1: illegal char",
     {"1:1: error: invalid UTF-8 byte 0xC3 [core-encoding]"}},
    {"err_missing_equals", std::string("Kind \"service-intentions\"\nName = \"web\"\n", 39),
     "",
     "At 2:6: nested object expected: LBRACE got: ASSIGN",
     {"2:6: error: unexpected '=' after block header 'Kind \"service-intentions\" Name' [core-syntax]"}},
    {"err_key_without_value", std::string("Name\n", 5),
     "",
     "At 2:1: key 'Name' expected start of object ('{') or assignment ('=')",
     {"1:1: error: expected '=' or '{' after key 'Name' [core-syntax]"}},
    {"err_missing_brace", std::string("a {\n  b = 1\n", 12),
     "",
     "At 3:2: object expected closing RBRACE got: EOF",
     {"3:1: error: expected '}' to close the block, found end of file [core-syntax]"}},
    {"err_stray_brace", std::string("a = 1\n}\n", 8),
     "",
     "At 2:1: expected: IDENT | STRING | ASSIGN | LBRACE got: RBRACE",
     {"2:1: error: expected a key, found '}' [core-syntax]"}},
    {"err_list_missing_comma", std::string("l = [\"a\" \"b\"]\n", 14),
     "",
     "At 1:10: error parsing list, expected comma or list end, got: STRING",
     {"1:10: error: expected ',' or ']' after a list item, found string \"b\" [core-syntax]"}},
    {"err_value_missing_mid", std::string("a =\nb = 1\n", 10),
     "",
     "At 2:1: Unknown token: 2:1 IDENT b",
     {"2:1: error: expected a value after '=', found 'b' [core-syntax]"}},
    {"err_plus_sign", std::string("a = +3\n", 7),
     "",
     "At 1:5: Unknown token: 1:5 ADD +",
     {"1:5: error: expected a value after '=', found '+' [core-syntax]"}},
    {"err_octal", std::string("a = 08\n", 7),
     "",
     "strconv.ParseInt: parsing \"08\": invalid syntax",
     {"1:5: error: invalid integer '08' [core-decode]"}},
    {"err_hex", std::string("a = 0x\n", 7),
     "",
     "At 1:7: illegal hexadecimal number",
     {"1:5: error: hexadecimal number without digits [core-syntax]"}},
    {"err_bad_escape", std::string("a = \"\\q\"\n", 9),
     "",
     "At 1:7: illegal char escape",
     {"1:7: error: invalid escape sequence in string [core-syntax]"}},
    {"err_unquoted_string", std::string("a = web\n", 8),
     "",
     "At 1:5: Unknown token: 1:5 IDENT web",
     {"1:5: error: expected a value after '=', found 'web' [core-syntax]"}},
    {"err_overflow", std::string("a = 99999999999999999999\n", 25),
     "",
     "strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
     {"1:5: error: integer 99999999999999999999 does not fit in 64 bits [core-decode]"}},
    {"err_type_conflict", std::string("n = 1\nn = 2.5\n", 14),
     "",
     "At 2:5: root.n: unknown type *ast.LiteralType",
     {"2:1: warning: 'n' is set more than once [hcl-duplicate-attribute]", "2:5: error: 'n' is a float here but an integer earlier [core-decode]"}},
    {"err_three_independent", std::string("a = \"x\nb = 1\nc: 2\nd = [1 2]\ne = 3\n", 34),
     "",
     "At 3:2: illegal char",
     {"1:5: error: unterminated string [core-syntax]", "3:2: error: illegal character ':' [core-syntax]", "4:8: error: expected ',' or ']' after a list item, found number 2 [core-syntax]"}},
    {"err_object_in_list", std::string("S = [ { N = } ]\n", 16),
     "",
     "At 1:7: error while trying to parse object within list: At 1:15: object expected closing RBRACE got: RBRACK",
     {"1:13: warning: ignored syntax error: expected a value after '=', found '}' [hcl-swallowed-error]", "1:15: error: expected '}' to close the block, found ']' [core-syntax]"}},
    {"warn_dangling_assign", std::string("Name = \"web\"\nx =\n", 17),
     "{\"Name\":\"web\"}",
     "",
     {"2:1: warning: 'x =' at the end of the file has no value [hcl-dangling-assign]"}},
    {"warn_swallowed_error", std::string("x { y = } }\n", 12),
     "{\"x\":[{}]}",
     "",
     {"1:9: warning: ignored syntax error: expected a value after '=', found '}' [hcl-swallowed-error]"}},
    {"warn_multiline_header", std::string("Kind = \"x\"\nName \"web\"\nSources { }\n", 34),
     "{\"Kind\":\"x\",\"Name\":[{\"web\":[{\"Sources\":[{}]}]}]}",
     "",
     {"2:1: warning: block header 'Name \"web\" Sources' spans lines 2 to 3 [hcl-multiline-block-header]"}},
    {"warn_duplicate_attr", std::string("Name = \"a\"\nName = \"b\"\n", 22),
     "{\"Name\":\"b\"}",
     "",
     {"2:1: warning: 'Name' is set more than once [hcl-duplicate-attribute]"}},
};

class HclParser : public testing::TestWithParam<Case> {};

TEST_P(HclParser, MatchesHashiCorpAndReportsEveryProblem) {
  const Case& c = GetParam();
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("t.hcl", c.input);
  entryc::diag::Collector sink;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink);
  if (c.json.empty()) {
    EXPECT_FALSE(pd.accepted());
    EXPECT_EQ(pd.reference_error, c.reference);
  } else {
    ASSERT_TRUE(pd.accepted()) << pd.reference_error;
    std::string out;
    entryc::generic::write_json(pd.tree.root, out);
    EXPECT_EQ(out, c.json);
  }
  std::vector<std::string> got;
  for (const auto& d : sink.diagnostics()) {
    std::string line;
    entryc::render::compact(sm, d, line);
    line = line.substr(std::string("t.hcl:").size());
    line.pop_back();
    got.push_back(line);
  }
  std::vector<std::string> want = c.diagnostics;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  // Exactly one diagnostic carries HashiCorp's text when the file is rejected.
  const auto carriers = std::count_if(sink.diagnostics().begin(), sink.diagnostics().end(),
                                      [](const auto& d) { return !d.consul_text.empty(); });
  EXPECT_EQ(carriers, c.reference.empty() ? 0 : 1);
}

INSTANTIATE_TEST_SUITE_P(Constructs, HclParser, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

TEST(HclParserPositions, ColumnsAfterRunsOfSpaces) {
  // Runs of every length up to three words of eight, at the end of the file too.
  for (int k = 0; k <= 24; ++k) {
    const std::string input = "x = 1\n" + std::string(static_cast<std::size_t>(k), ' ') + "x = 2" +
                              std::string(static_cast<std::size_t>(k), ' ');
    entryc::SourceManager sm;
    const entryc::FileId id = sm.add("t.hcl", input);
    entryc::diag::Collector sink;
    entryc::read_document(sm, id, sink);
    ASSERT_EQ(sink.diagnostics().size(), 1u) << k;
    std::string line;
    entryc::render::compact(sm, sink.diagnostics()[0], line);
    EXPECT_EQ(line.substr(0, line.find(": warning")), "t.hcl:2:" + std::to_string(k + 1)) << k;
  }
}

TEST(HclParserLimits, DeepNestingIsADiagnosticNotACrash) {
  std::string deep = "a = ";
  for (int i = 0; i < 100000; ++i) deep += "[";
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("deep.hcl", deep);
  entryc::diag::Collector sink;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink);
  EXPECT_FALSE(pd.accepted());
  ASSERT_FALSE(sink.diagnostics().empty());
  EXPECT_EQ(sink.diagnostics()[0].code, "core-limit");
}

TEST(HclParserLimits, PositionsCountCodePoints) {
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("u.hcl", "k = \"\xC3\xA9\xC3\xA9\" x\n");
  entryc::diag::Collector sink;
  entryc::read_document(sm, id, sink);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  // "é" is one column, as HashiCorp counts.
  EXPECT_EQ(sm.begin_position(sink.diagnostics()[0].subject), (entryc::Position{1, 10}));
}

}  // namespace
