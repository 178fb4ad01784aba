// JSON read by HashiCorp's HCL v1 JSON parser (hcl.Decode): the decoded JSON
// and reference errors are hcl1ref's (checked when the table was written);
// every leniency it has is a warning of ours, with exact line:column.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "entryc/document.hpp"
#include "entryc/render.hpp"

namespace {

struct Case {
  const char* name;
  const char* input;
  std::string json;
  std::string reference;
  std::vector<std::string> diagnostics;
};

const Case kCases[] = {
    {"objects_become_lists", "{\"Kind\": \"x\", \"Meta\": {\"a\": \"b\"}, \"Sources\": [{\"Name\": \"a\"}, {\"Name\": \"b\"}]}",
     "{\"Kind\":\"x\",\"Meta\":[{\"a\":\"b\"}],\"Sources\":[{\"Name\":\"a\"},{\"Name\":\"b\"}]}",
     "",
     {}},
    {"object_of_objects_flattened", "{\"sub\": {\"v1\": {\"f\": 1}, \"v2\": {\"f\": 2}}}",
     "{\"sub\":[{\"v1\":[{\"f\":1}]},{\"v2\":[{\"f\":2}]}]}",
     "",
     {}},
    {"numbers_int_and_float", "{\"i\": 9, \"f\": 1.5, \"e\": 1e3, \"n\": -2}",
     "{\"e\":1000.0,\"f\":1.5,\"i\":9,\"n\":-2}",
     "",
     {}},
    {"null_becomes_empty_string", "{\"n\": null}",
     "{\"n\":\"\"}",
     "",
     {}},
    {"escapes", "{\"s\": \"a\\\"b\\\\c\\n\\u00e9\"}",
     "{\"s\":\"a\\\"b\\\\c\\n\303\251\"}",
     "",
     {}},
    {"trailing_comma_object", "{\"a\": 1,}",
     "{\"a\":1}",
     "",
     {"1:9: warning: ignored syntax error: expected a string key, found '}' (trailing comma?) [json-lenient]"}},
    {"trailing_comma_list", "{\"a\": [1, 2,]}",
     "{\"a\":[1,2]}",
     "",
     {"1:13: warning: trailing comma before ']' [json-lenient]"}},
    {"empty_list_item", "{\"a\": [1,, 2]}",
     "{\"a\":[1,2]}",
     "",
     {"1:10: warning: empty list item [json-lenient]"}},
    {"missing_comma_drops_rest", "{\"a\": 1 \"b\": 2}",
     "{\"a\":1}",
     "",
     {"1:9: warning: expected ',' or '}' after an object member, found '\"b\"'; the rest of the object is ignored [json-lenient]", "1:12: warning: content after the top-level object is ignored [json-lenient]"}},
    {"missing_final_brace", "{\"a\": {\"b\": 1}",
     "{\"a\":[{\"b\":1}]}",
     "",
     {"1:15: warning: missing '}' at the end of the input [json-lenient]"}},
    {"bool_in_list_dropped", "{\"a\": [1, true, 2]}",
     "{\"a\":[1,2]}",
     "",
     {"1:11: warning: list item true is dropped [json-lenient]"}},
    {"nested_list_flattened", "{\"a\": [[1, 2], [3]]}",
     "",
     "expected: STRING got: LBRACK",
     {"1:8: warning: nested list is flattened into its parent [json-lenient]", "1:16: error: expected a string key, found '[' [core-syntax]"}},
    {"content_after_root", "{\"a\": 1} trailing",
     "{\"a\":1}",
     "",
     {"1:10: warning: content after the top-level object is ignored [json-lenient]"}},
    {"several_keys_one_colon", "{\"a\" \"b\": {\"c\": 1}}",
     "{\"a\":[{\"b\":[{\"c\":1}]}]}",
     "",
     {"1:2: warning: several keys before one ':' [json-lenient]"}},
    {"value_cut_off", "{\"a\": 1, \"b\": ",
     "{\"a\":1}",
     "",
     {"1:10: warning: member without a value at the end of the input is dropped [json-lenient]"}},
    {"err_illegal_word", "{\"a\": True}",
     "",
     "1:10: illegal char",
     {"1:7: error: unknown word 'True' [core-syntax]"}},
    {"err_single_quotes", "{'a': 1}",
     "",
     "1:2: illegal char: '",
     {"1:2: error: single quotes do not make a JSON string [core-syntax]"}},
    {"err_leading_zero", "{\"a\": 01}",
     "",
     "1:8: numbers cannot start with 0",
     {"1:8: error: a number cannot start with 0 [core-syntax]"}},
    {"err_unterminated_string", "{\"a\": \"b\n}",
     "",
     "1:9: literal not terminated",
     {"1:9: error: unterminated string [core-syntax]"}},
    {"err_null_in_list", "{\"a\": [null]}",
     "",
     "unexpected token while parsing list: NULL",
     {"1:8: error: unexpected 'null' in a list [core-syntax]"}},
    {"err_unclosed_list", "{\"a\": [1, 2",
     "",
     "unexpected token while parsing list: EOF",
     {"1:12: error: unterminated list: expected ']' [core-syntax]"}},
    {"err_bad_escape", "{\"a\": \"\\q\"}",
     "",
     "1:9: illegal char escape",
     {"1:9: error: invalid escape sequence in string [core-syntax]"}},
};

class JsonHcl : public testing::TestWithParam<Case> {};

TEST_P(JsonHcl, MatchesHashiCorpAndWarnsAboutLeniency) {
  const Case& c = GetParam();
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("t.json", c.input);
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
    got.push_back(line.substr(std::string("t.json:").size(), line.size() - std::string("t.json:").size() - 1));
  }
  std::vector<std::string> want = c.diagnostics;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

INSTANTIATE_TEST_SUITE_P(Lenient, JsonHcl, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

}  // namespace
